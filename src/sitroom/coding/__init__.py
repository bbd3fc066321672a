"""Event coding: from parsed sentences to PLOVER events (actor lexicon, verb patterns, event assembly)."""

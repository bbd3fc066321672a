"""The CAMEO verb dictionary parser and pattern semantics (real dictionary files)."""

from sitroom.coding.ontology import cameo_table, plover_for_cameo
from sitroom.coding.verbs import parse_verb_dictionary, verb_lexicon, word_matches

SMALL_DICTIONARY = """
&WEAPON
+GUN
+MISSILE

####### VERB PATTERNS #######

---  SEND   [---]  ---
SEND {SENDS SENT SENDING}
+SEND_IN  [154]
- * TROOPS (TO)                                       [154]
- * &WEAPON                                           [072]
- * {HUMANITARIAN AID}                                [073]
- * LETTER                                            [---]
"""


def test_parses_blocks_forms_and_synonym_patterns() -> None:
    lexicon = parse_verb_dictionary(SMALL_DICTIONARY)
    [phrasal, plain] = sorted(lexicon.lookup("send"), key=lambda e: e.particle is None)
    assert phrasal.particle == "in" and phrasal.code == "154"
    assert plain.code is None
    assert lexicon.lookup("sent") == lexicon.lookup("send")
    weapons = next(p for p in plain.patterns if p.code == "072")
    assert weapons.after == ((("GUN",), ("MISSILE",)),)
    assert next(p for p in plain.patterns if p.after == ((("LETTER",),),)).code is None


def test_word_semantics_follow_petrarch() -> None:
    assert word_matches("ATTACK", "ATTACKS")
    assert not word_matches("ATTACK_", "ATTACKS")
    assert word_matches("ATTACK_", "ATTACK")
    assert not word_matches("AS", "ASSISTANCE")  # short words match exactly
    assert word_matches("PLAN", "PLANNED") and word_matches("PLAN", "PLANS")
    assert not word_matches("PLAN", "PLANT")


def test_full_lexicon_has_our_overrides_first() -> None:
    lexicon = verb_lexicon()
    assert lexicon.lookup("agree")[0].code == "030"
    assert lexicon.lookup("urge")[0].code == "100"
    assert lexicon.lookup("kill")[0].code == "190"
    assert len(lexicon.entries) > 1500


def test_cameo_to_plover() -> None:
    assert len(cameo_table()) > 250
    assert plover_for_cameo("190").type == "ASSAULT"
    assert plover_for_cameo("0421") == plover_for_cameo("042")  # falls back to the 3-digit row
    assert plover_for_cameo("042").mode == "visit"
    assert plover_for_cameo("010") is None  # statements are not PLOVER events
    assert plover_for_cameo("020").type == "REQUEST"
    assert plover_for_cameo("1662").type == "SANCTION"


def test_the_cached_lexicon_is_the_parsed_one(tmp_path, monkeypatch) -> None:
    """The verb lexicon is parsed once and read from a pickled copy after: the same entries, forms, blocks
    and patterns (blocks shared between entries stay shared)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parsed = verb_lexicon.__wrapped__()  # without the per-process memo: parses and writes the copy
    assert list((tmp_path / "sitroom").glob("verbs-*.pickle"))
    copy = verb_lexicon.__wrapped__()
    assert copy is not parsed and copy == parsed
    blocks = {id(entry.block) for entries in copy.entries.values() for entry in entries}
    assert len(blocks) == len({id(entry.block) for entries in parsed.entries.values() for entry in entries})

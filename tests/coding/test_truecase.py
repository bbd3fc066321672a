"""The truecaser: lower-cased and all-caps copy gets its case back, with every offset kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.coding.coder import Coder
from sitroom.coding.truecase import LOWER, UPPER, case_stretches, truecase
from sitroom.models import Article
from sitroom.nlp.words import read_common_words

ROOT = Path(__file__).resolve().parents[2]
MIXED_SETS = ("examples/sample.jsonl", "tests/data/attributes.jsonl", "tests/data/corpus/train/R1.jsonl")

LEAD = "police arrested 12 persons in kanpur on monday after a clash between two groups."


def restored(text: str) -> str:
    out = truecase(text)
    assert len(out) == len(text)
    assert out.lower() == text.lower()  # only the case changes, so every offset holds
    return out


def test_a_lower_cased_lead_gets_its_sentence_start_place_and_weekday_back() -> None:
    expected = "Police arrested 12 persons in Kanpur on Monday after a clash between two groups."
    assert restored(LEAD) == expected


def test_all_caps_copy_is_restored_like_lower_case() -> None:
    assert restored(LEAD.upper()) == restored(LEAD)


def test_offsets_hold_across_names_and_sentences() -> None:
    text = "russian forces shelled kharkiv. the un said 3 civilians died.\n\nukraine's army hit back."
    out = restored(text)
    for word in ("Russian", "Kharkiv", "The", "UN", "Ukraine's"):
        start = out.index(word)
        assert text[start : start + len(word)] == word.lower()


def test_ordinary_mixed_case_copy_is_returned_unchanged() -> None:
    for name in MIXED_SETS:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            assert truecase(text) is text


def test_ordinary_words_that_are_also_place_names_stay_lower_case() -> None:
    out = restored("the police said male protesters were reading messages on mobile phones in the capital.")
    assert out == "The police said male protesters were reading messages on mobile phones in the capital."


def test_countries_and_demonyms_beat_the_ordinary_word() -> None:
    assert restored("troops from china and turkey met polish officers.") == (
        "Troops from China and Turkey met Polish officers."
    )


def test_acronyms_in_their_usual_form() -> None:
    text = "the un security council, nato and the eu met. the us military said u.s. officials told us."
    assert restored(text) == (
        "The UN Security Council, NATO and the EU met. The US military said U.S. officials told us."
    )


def test_known_forms_with_capitals_inside_a_word() -> None:
    assert restored("al-shabaab fighters attacked a base near mcallen.") == (
        "Al-Shabaab fighters attacked a base near McAllen."
    )
    assert "al-Shabaab" in restored("he said al-shabaab fighters attacked.")


def test_months_weekdays_and_i() -> None:
    assert restored("on may 5 i saw that police may arrest them in march.") == (
        "On May 5 I saw that police may arrest them in March."
    )
    assert restored("we met on friday, aug. 15.") == "We met on Friday, Aug. 15."


def test_a_name_after_an_honorific() -> None:
    assert restored("mr. sharma told reporters.") == "Mr. Sharma told reporters."


def test_a_wire_dateline_keeps_its_city_in_capitals() -> None:
    out = restored("kharkiv, may 28 (sitroom wire) - russian warplanes struck the city.")
    assert out.startswith("KHARKIV, May 28 (")
    assert "Russian warplanes" in out


def test_letters_joined_to_numbers_keep_their_capitals_in_all_caps_copy() -> None:
    assert "F-16" in restored("UKRAINE RECEIVED THE FIRST F-16 JETS ON MONDAY.")


def test_which_lines_lost_their_case() -> None:
    text = "Police said.\nPOLICE ARRESTED TWO MEN\nthree were held in kanpur\nHIGHLIGHTS"
    assert [(s.kind, text[s.start : s.end]) for s in case_stretches(text)] == [
        (UPPER, "POLICE ARRESTED TWO MEN"),
        (LOWER, "three were held in kanpur"),
    ]


def test_a_wrapped_line_of_mixed_case_copy_is_left_alone() -> None:
    text = (
        "Russian forces shelled the city of Kharkiv on Monday, killing five people and\n"
        "wounding twelve others in the north of the city, local officials said."
    )
    assert case_stretches(text) == []


def test_copy_that_capitalises_only_sentence_starts_is_restored() -> None:
    text = " ".join([LEAD.capitalize()] * 5)
    assert restored(text).startswith("Police arrested 12 persons in Kanpur on Monday")


def test_the_common_word_list_gives_levels() -> None:
    common, forms = read_common_words()
    assert common["police"] == 10
    assert common["said"] == 10
    assert "Muslim" in forms


ARTICLE = (  # written for this test
    "Pakistani police arrested 14 people in Lahore on Tuesday after clashes between rival political "
    "groups, a police spokesman said. Hundreds of protesters marched through Karachi on Wednesday to "
    "demand the release of the detained men. The United Nations urged Pakistan and India to resume talks."
)


@pytest.mark.parametrize("change", [str.lower, str.upper])
def test_lower_cased_and_all_caps_articles_code_like_the_original(change) -> None:
    coder = Coder.load("rules")

    def coded(text: str) -> list[tuple]:
        events = coder.code(Article(id="truecase", text=text, published=date(2025, 3, 5))).events
        for event in events:  # evidence is the article's own text, not the truecased one
            assert event.evidence == text[event.sentence_start : event.sentence_end]
        return [(e.type, e.actor and e.actor.country, e.location and e.location.name) for e in events]

    original = coded(ARTICLE)
    assert [event[0] for event in original] == ["COERCE", "PROTEST", "REQUEST"]
    assert coded(change(ARTICLE)) == original

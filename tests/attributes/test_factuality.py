"""Factuality read from the anchor's grammar (coding/factuality.py), on the real small English model."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from sitroom.coding.factuality import factuality

Word = Callable[[str, str], Token]


def test_a_called_protest_is_expected(word: Word) -> None:
    """A strike called or announced is still to come (train: 20 such PROTEST events expected, 3
    asserted); the call itself, a REQUEST, is asserted."""
    called = word("The party has called a general strike across the country on Friday.", "called")
    assert factuality(called, "PROTEST") == "expected"
    assert factuality(called, "REQUEST") == "asserted"
    announced = word("The students announced a sit-in in front of the ministry.", "announced")
    assert factuality(announced, "PROTEST") == "expected"
    marched = word("Thousands marched through the capital on Friday.", "marched")
    assert factuality(marched, "PROTEST") == "asserted"


def test_a_refusal_with_would_not_is_asserted(word: Word) -> None:
    """"Said the movement would not accept the conditions" is a refusal made now, not a plan; a
    reported plan with "would" stays expected, and a negated act of another type is denied."""
    sentence = "A Hamas spokesman said the movement would not accept the conditions."
    assert factuality(word(sentence, "accept"), "REJECT") == "asserted"
    assert factuality(word(sentence, "accept"), "AGREE") == "denied"
    plan = word("A Hamas spokesman said the movement would accept the conditions.", "accept")
    assert factuality(plan, "AGREE") == "expected"

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
    """ "Said the movement would not accept the conditions" is a refusal made now, not a plan; a
    reported plan with "would" stays expected, and a negated act of another type is denied."""
    sentence = "A Hamas spokesman said the movement would not accept the conditions."
    assert factuality(word(sentence, "accept"), "REJECT") == "asserted"
    assert factuality(word(sentence, "accept"), "AGREE") == "denied"
    plan = word("A Hamas spokesman said the movement would accept the conditions.", "accept")
    assert factuality(plan, "AGREE") == "expected"


def test_a_plan_reported_in_a_second_clause_is_expected(word: Word) -> None:
    """ "Said it was disappointed and would seek leave to appeal": "said" reports the conjunct too."""
    sentence = "The Home Office said it was disappointed by the ruling and would seek permission to appeal."
    assert factuality(word(sentence, "seek"), "REQUEST") == "expected"
    habit = word("The minister was disappointed by the ruling and would seek advice.", "seek")
    assert factuality(habit, "REQUEST") == "asserted"  # no one reports it: not a reported plan


def test_the_purpose_of_a_planned_trip_is_expected(word: Word) -> None:
    sentence = "Officials said a delegation would travel to Tehran next week to discuss the accord."
    assert factuality(word(sentence, "discuss"), "CONSULT") == "expected"
    past = word("A delegation travelled to Tehran last week to discuss the accord.", "discuss")
    assert factuality(past, "CONSULT") == "asserted"


def test_a_called_meeting_is_expected_but_a_call_on_someone_is_a_visit(word: Word) -> None:
    meeting = word("The commissioner has called a tripartite meeting in Siliguri on Saturday.", "called")
    assert factuality(meeting, "CONSULT") == "expected"
    visit = word("On Thursday the minister called on the president at the palace.", "called")
    assert factuality(visit, "CONSULT") == "asserted"


def test_a_gathering_a_planned_verb_will_hold_is_expected(word: Word) -> None:
    """ "Said the party would observe a protest day": the noun's verb carries the plan; an attack a plan
    is about is no gathering and stays as told."""
    sentence = "The chairman said the party would observe a protest day across the state on Wednesday."
    assert factuality(word(sentence, "protest"), "PROTEST") == "expected"
    attack = word("The police will investigate the attack.", "attack")
    assert factuality(attack, "ASSAULT") == "asserted"

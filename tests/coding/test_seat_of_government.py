"""A national government's, parliament's or court's own act with no place nearer than its country is placed
at the capital (coding/stages.py, issue 11); acts in the field and acts of others are not."""

from datetime import date

import pytest

from sitroom.coding.coder import Coder
from sitroom.models import Article, Event


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def events(coder: Coder, text: str) -> list[Event]:
    return coder.code(Article(id="s", text=text, published=date(2024, 6, 6))).events


def test_the_state_acts_at_its_capital(coder: Coder) -> None:
    found = [e for e in events(coder, "Kenya rejected the proposal for new border talks on Thursday.")
             if e.type == "REJECT"]  # fmt: skip
    assert found and found[0].location is not None and found[0].location.name == "Nairobi"
    assert found[0].location.precision == "country" and found[0].location.feature == "seat of government"


def test_an_attack_is_not_moved_to_the_capital(coder: Coder) -> None:
    found = [e for e in events(coder, "Kenyan troops attacked militant camps in Kenya on Thursday.")
             if e.type == "ASSAULT"]  # fmt: skip
    assert found and (found[0].location is None or found[0].location.name != "Nairobi")


def test_a_named_town_stays(coder: Coder) -> None:
    found = [e for e in events(coder, "Kenya rejected the proposal at a meeting in Mombasa on Thursday.")
             if e.type == "REJECT"]  # fmt: skip
    assert found and found[0].location is not None and found[0].location.name == "Mombasa"


def test_a_national_vote_about_a_town_is_at_the_capital(coder: Coder) -> None:
    text = (
        "On Thursday, Kenya's National Assembly voted to censure the energy minister over his handling of "
        "fuel shortages that left Mombasa without diesel."
    )
    found = [e for e in events(coder, text) if e.location is not None]
    assert found and all(e.location.name == "Nairobi" for e in found)  # type: ignore[union-attr]
    assert found[0].location.feature == "seat of government"  # type: ignore[union-attr]


def test_an_office_of_a_county_stays_where_it_is(coder: Coder) -> None:
    text = "The Mombasa county government rejected the demands of traders from Malindi on Thursday."
    found = [e for e in events(coder, text) if e.type == "REJECT"]
    assert found and found[0].location is not None and found[0].location.name != "Nairobi"


def test_a_minister_who_travels_acts_where_he_goes(coder: Coder) -> None:
    text = "Kenya's interior minister will travel on Thursday to meet elders from Kisumu."
    found = [e for e in events(coder, text) if e.location is not None]
    assert found and all(e.location.name != "Nairobi" for e in found)  # type: ignore[union-attr]

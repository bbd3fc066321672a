"""A sentence that names no place goes on where the story just was, unless that was a place in another
country than the one the story is set in (place/locate.py ``carried``, issue 11; the real coder)."""

from datetime import date

import pytest

from sitroom.coding.coder import Coder
from sitroom.models import Article, Event


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def events(coder: Coder, text: str) -> list[Event]:
    return coder.code(Article(id="s", text=text, published=date(2022, 10, 18))).events


def test_a_country_talked_about_is_not_carried(coder: Coder) -> None:
    text = (
        "BAUTZEN, Oct 18 (Wire) - Around 1,400 people marched through Bautzen on Monday. "
        "The marchers demanded better relations with Russia. "
        "Police detained nine people on suspicion of assaulting officers."
    )
    found = [e for e in events(coder, text) if "detained" in (e.evidence or "")]
    assert found and found[0].location is not None
    assert found[0].location.country == "DEU" and found[0].location.name == "Bautzen"


def test_a_town_of_the_story_is_carried(coder: Coder) -> None:
    text = (
        "KHARKIV, Oct 18 (Wire) - Russian missiles struck Izium on Monday, killing three people. "
        "Rescuers pulled two survivors from the rubble."
    )
    found = [e for e in events(coder, text) if "rubble" in (e.evidence or "")]
    assert not found or (found[0].location is not None and found[0].location.name == "Izium")


def test_a_story_of_one_country_datelined_in_another_keeps_its_place(coder: Coder) -> None:
    text = (
        "HAVANA, Oct 18 (Wire) - Colombia's government and the ELN resumed peace talks in Havana on Monday. "
        "Colombian troops attacked an ELN camp in Colombia's Arauca province, and Colombia deployed 500 "
        "soldiers to Colombia's border. They also arrested four suspects."
    )
    found = [e for e in events(coder, text) if e.type == "COERCE" and "arrested" in (e.evidence or "")]
    assert found and found[0].location is not None and found[0].location.country == "COL"


def test_a_place_talked_about_is_not_carried_past_a_speakers_place(coder: Coder) -> None:
    """The previous sentence's place is checked against the story's town too when the sentence names a
    place only as where someone spoke (``locate.py`` owns both ways of carrying a place)."""
    text = (
        "BAUTZEN, Oct 18 (Wire) - Around 1,400 people marched through Bautzen on Monday. "
        "The marchers then walked towards the Polish border. "
        "A police spokesman in Dresden said nine people were detained."
    )
    found = [e for e in events(coder, text) if "detained" in (e.evidence or "")]
    assert found and found[0].location is not None
    assert found[0].location.country == "DEU"

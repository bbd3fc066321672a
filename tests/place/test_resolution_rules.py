"""Resolution rules of ``resolve.py``, with the real gazetteer and spaCy model (our own sentences)."""

from __future__ import annotations

from spacy.language import Language

from sitroom.models import PlaceMention
from sitroom.place import Geoparser


def places(nlp: Language, geoparser: Geoparser, text: str) -> dict[str, PlaceMention]:
    return {p.text: p for p in geoparser.places(nlp(text))}


def test_a_country_before_another_country_is_not_a_town_in_it(nlp: Language, geoparser: Geoparser) -> None:
    found = places(nlp, geoparser, "Delegations from China, Japan, and the Philippines met in Geneva.")
    assert (found["China"].feature, found["China"].country) == ("country", "CHN")


def test_a_county_located_in_a_state_is_the_one_in_that_state(nlp: Language, geoparser: Geoparser) -> None:
    text = "Farmers found dead geese near a pond in Fulton County located in Illinois last week."
    found = places(nlp, geoparser, text)
    assert (found["Fulton County"].feature, found["Fulton County"].country) == ("admin2", "USA")
    assert found["Fulton County"].lat > 39.5  # Illinois, not the county of Atlanta


def test_a_small_capital_of_a_vast_province_does_not_take_its_name(
    nlp: Language, geoparser: Geoparser
) -> None:
    found = places(nlp, geoparser, "New cases were reported in Alberta, Manitoba and Quebec this week.")
    assert found["Quebec"].feature == "admin1"


def test_a_city_that_dominates_its_province_keeps_the_name(nlp: Language, geoparser: Geoparser) -> None:
    found = places(nlp, geoparser, "Artillery shelled Donetsk and Kharkiv overnight, officials said.")
    assert found["Donetsk"].feature == "city"
    assert found["Kharkiv"].feature == "city"


def test_a_city_named_elsewhere_does_not_make_the_country_the_city(
    nlp: Language, geoparser: Geoparser
) -> None:
    text = "The talks in Mexico City ended on Tuesday. Mexico has promised to cut tariffs on steel."
    found = places(nlp, geoparser, text)
    assert found["Mexico"].feature == "country"


def test_a_borough_and_its_city(nlp: Language, geoparser: Geoparser) -> None:
    found = places(nlp, geoparser, "A fire broke out at a school in Queens, New York on Monday morning.")
    assert (found["New York"].feature, found["New York"].name) == ("city", "New York City")


def test_lakes_deltas_and_mountains_are_not_the_towns_named_after_them(
    nlp: Language, geoparser: Geoparser
) -> None:
    text = (
        "Dead swans washed up on the shore of Lake Erie near Toledo. Floods hit villages in the Nile Delta, "
        "and the flu moved across the Ural Mountains."
    )
    found = places(nlp, geoparser, text)
    assert (found["Lake Erie"].feature, found["Lake Erie"].name) == ("sea", "Lake Erie")
    assert (found["Nile Delta"].name, found["Nile Delta"].country) == ("Nile Delta", "EGY")
    assert found["Ural Mountains"].name == "Ural Mountains"


def test_trinidad_alone_is_the_island_country_but_stays_the_town_in_cuba(
    nlp: Language, geoparser: Geoparser
) -> None:
    assert (
        places(nlp, geoparser, "The minister met officials in Trinidad on Monday.")["Trinidad"].country
        == "TTO"
    )
    found = places(nlp, geoparser, "Tourists flock to the old town of Trinidad, Cuba every winter.")
    assert (found["Trinidad"].feature, found["Trinidad"].country) == ("city", "CUB")

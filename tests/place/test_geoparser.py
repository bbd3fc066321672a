"""The geoparser on hard cases, with the real gazetteer (GeoNames data from pip packages) and spaCy model."""

from __future__ import annotations

from spacy.language import Language

from sitroom.models import PlaceMention
from sitroom.place import Geoparser, event_location, place_dicts
from sitroom.place.gazetteer import normalize

KYIV = 703448
HODEIDAH = 79415


def parse(nlp: Language, geoparser: Geoparser, text: str) -> list[PlaceMention]:
    return geoparser.places(nlp(text))


def by_text(places: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {p.text: p for p in places}


def test_load_is_cached() -> None:
    assert Geoparser.load() is Geoparser.load()


def test_offsets_index_the_text(nlp: Language, geoparser: Geoparser) -> None:
    text = "Heavy fighting was reported in Bakhmut and around Donetsk, Ukraine's military said."
    places = parse(nlp, geoparser, text)
    assert [p.text for p in places] == ["Bakhmut", "Donetsk", "Ukraine"]
    for place in places:
        assert text[place.start : place.end] == place.text


def test_georgia_the_country_or_the_us_state_by_context(nlp: Language, geoparser: Geoparser) -> None:
    caucasus = by_text(parse(nlp, geoparser, "Protesters rallied in Tbilisi as Georgia's parliament met."))
    assert (caucasus["Georgia"].country, caucasus["Georgia"].feature) == ("GEO", "country")
    us = by_text(
        parse(nlp, geoparser, "Storms hit Atlanta and Savannah overnight. Georgia declared an emergency.")
    )
    assert (us["Georgia"].country, us["Georgia"].feature) == ("USA", "admin1")


def test_kyiv_and_kiev_are_one_city(nlp: Language, geoparser: Geoparser) -> None:
    places = parse(nlp, geoparser, "Officials in Kiev, now spelled Kyiv, spoke to reporters.")
    assert [(p.text, p.geonames_id) for p in places] == [("Kiev", KYIV), ("Kyiv", KYIV)]


def test_hodeidah_and_al_hudaydah(nlp: Language, geoparser: Geoparser) -> None:
    one = parse(nlp, geoparser, "Air strikes hit the port of Hodeidah on Tuesday.")
    other = parse(nlp, geoparser, "Air strikes hit the port city of Al Hudaydah on Tuesday.")
    assert [p.geonames_id for p in one] == [HODEIDAH]
    assert [p.geonames_id for p in other] == [HODEIDAH]
    assert one[0].country == "YEM"


def test_paris_texas_and_paris(nlp: Language, geoparser: Geoparser) -> None:
    texan = by_text(parse(nlp, geoparser, "The rally was held in Paris, Texas, on Saturday."))
    assert (texan["Paris"].country, texan["Texas"].feature) == ("USA", "admin1")
    assert abs(texan["Paris"].lat - 33.66) < 0.2
    french = parse(nlp, geoparser, "The rally was held in Paris on Saturday.")
    assert [(p.text, p.country) for p in french] == [("Paris", "FRA")]


def test_kharkiv_is_found_whatever_the_model_calls_it(nlp: Language, geoparser: Geoparser) -> None:
    for text in ("Kharkiv was shelled again.", "Russian missiles struck Kharkiv overnight, killing three."):
        places = parse(nlp, geoparser, text)
        assert [(p.text, p.country, p.feature) for p in places] == [("Kharkiv", "UKR", "city")]


def test_a_sea_carries_a_centroid_and_radius(nlp: Language, geoparser: Geoparser) -> None:
    doc = nlp("Houthi rebels attacked a cargo ship in the Red Sea on Monday.")
    places = geoparser.places(doc)
    assert [(p.text, p.feature) for p in places] == [("Red Sea", "sea")]
    location = event_location(doc[2], places)
    assert location is not None
    assert (location.name, location.precision, location.feature) == ("Red Sea", "region", "sea")
    assert location.lat is not None and location.radius_km and location.radius_km > 100


def test_a_country_level_location_has_no_coordinates(nlp: Language, geoparser: Geoparser) -> None:
    doc = nlp("Thousands protested in Kenya on Tuesday.")
    places = geoparser.places(doc)
    assert places[0].lat is not None  # the mention itself is on the map (FORMAT.md places) ...
    location = event_location(doc[2], places)
    assert location is not None  # ... but an event "in Kenya" is country-level: name and country only
    assert (location.name, location.country, location.precision) == ("Kenya", "KEN", "country")
    assert location.lat is None and location.lon is None


def test_an_article_with_no_places(nlp: Language, geoparser: Geoparser) -> None:
    doc = nlp("The committee said on Monday that it would publish its report next week.")
    assert geoparser.places(doc) == []
    assert event_location(doc[2], []) is None


def test_demonyms_are_not_places(nlp: Language, geoparser: Geoparser) -> None:
    places = parse(nlp, geoparser, "Russian forces and Ukrainian troops clashed, Chinese media said.")
    assert places == []


def test_metonyms_are_not_event_locations(nlp: Language, geoparser: Geoparser) -> None:
    doc = nlp("Washington said it would send more weapons.")
    places = geoparser.places(doc)
    assert [p.text for p in places] == ["Washington"]  # a toponym (the gold data tolerates it) ...
    assert event_location(doc[5], places) is None  # ... but the actor, not where anything happened
    doc = nlp("Russian forces shelled the city overnight.")
    assert event_location(doc[2], geoparser.places(doc)) is None


def test_the_shelled_town_not_the_capital_where_a_spokesman_spoke(
    nlp: Language, geoparser: Geoparser
) -> None:
    for text in (
        "Russian forces shelled Kupiansk on Monday, a spokesman in Kyiv said.",
        "A military spokesman in Kyiv said Russian forces shelled Kupiansk on Monday.",
        "Russian artillery shelled villages near Kupiansk, officials told reporters in Kyiv.",
    ):
        doc = nlp(text)
        trigger = next(t for t in doc if t.lemma_ == "shell")
        location = event_location(trigger, geoparser.places(doc))
        assert location is not None, text
        assert (location.name, location.precision) == ("Kupyansk", "city"), text


def test_locative_phrases(nlp: Language, geoparser: Geoparser) -> None:
    doc = nlp("Clashes broke out on the outskirts of Odesa, the army said in a statement from Kyiv.")
    location = event_location(doc[1], geoparser.places(doc))
    assert location is not None and location.name == "Odesa"
    doc = nlp("Gunmen attacked a checkpoint near the border town of Rafah.")
    location = event_location(doc[1], geoparser.places(doc))
    assert location is not None and normalize(location.name) == "rafah"  # GeoNames spells it "Rafaḩ"


def test_the_article_context_locates_a_sentence_without_a_place(nlp: Language, geoparser: Geoparser) -> None:
    doc = nlp("Protests spread across Khartoum on Sunday. Police fired tear gas at the crowd.")
    fired = next(t for t in doc if t.text == "fired")
    location = event_location(fired, geoparser.places(doc))
    assert location is not None and location.country == "SDN"


def test_a_facility_is_placed_in_the_town_of_the_article(nlp: Language, geoparser: Geoparser) -> None:
    text = "Police closed Bourbon Street in New Orleans. Crowds later gathered on Royal Street."
    places = by_text(parse(nlp, geoparser, text))
    assert places["New Orleans"].feature == "city"
    street = places["Royal Street"]
    assert street.feature == "facility" and street.geonames_id is None
    assert (street.lat, street.lon) == (places["New Orleans"].lat, places["New Orleans"].lon)


def test_place_dicts_are_format_md_places(nlp: Language, geoparser: Geoparser) -> None:
    (line,) = place_dicts(parse(nlp, geoparser, "Shelling hit Kharkiv on Monday."))
    assert {"text", "start", "end", "lat", "lon", "country", "geonames_id", "feature"} <= set(line)
    assert line["country"] == "UKR" and line["geonames_id"] == 706483

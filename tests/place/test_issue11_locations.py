"""Event locations of issue 11: seas and regions with GeoNames ids, parts of places ("eastern Ukraine"),
places within places, a dateline under a headline, city-states, national capitals, and names that are
not places (our own sentences; the real gazetteer and spaCy model)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.geo import great_circle_km
from sitroom.models import Actor, Location
from sitroom.place import Geoparser, capital_of, event_location, names_country
from sitroom.place.gazetteer import normalize


def locate(nlp: Language, geoparser: Geoparser, text: str, trigger: str) -> Location | None:
    doc: Doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return event_location(token, geoparser.places(doc))


def test_seas_and_regions_carry_geonames_ids(geoparser: Geoparser) -> None:
    gaz = geoparser.gazetteer
    expected = {"red sea": 350155, "gulf of aden": 80303, "middle east": 6269133, "sahel": 2425938}
    for name, gid in expected.items():
        assert gid in {gaz.gids[r] for r in gaz.rows(name)}, name


def test_a_sea_we_did_not_list_comes_from_geonames(geoparser: Geoparser) -> None:
    gaz = geoparser.gazetteer
    rows = [r for r in gaz.rows(normalize("Sargasso Sea")) if gaz.gids[r] == 3373404]
    assert rows and gaz.place(rows[0]).feature == "sea" and gaz.radius[rows[0]] >= 100


def test_a_namesake_far_from_our_point_lends_no_id(geoparser: Geoparser) -> None:
    # GeoNames' "The Channel" is a strait of the Leeward Islands, not the English Channel
    gaz = geoparser.gazetteer
    row = next(r for r in gaz.rows(normalize("English Channel")) if gaz.kinds[r] >= 5)
    assert gaz.gids[row] != 3513834 and gaz.lats[row] > 45


def test_a_bare_sea_word_is_no_place(nlp: Language, geoparser: Geoparser) -> None:
    doc = nlp("The navy said the Sea was calm as the convoy sailed.")
    assert [p.text for p in geoparser.places(doc)] == []


def test_a_directional_part_of_a_country(nlp: Language, geoparser: Geoparser) -> None:
    text = "Artillery shelled villages in southern Lebanon on Tuesday."
    location = locate(nlp, geoparser, text, "shelled")
    assert location is not None and location.precision == "region" and location.country == "LBN"
    whole = next(p for p in geoparser.places(nlp(text)) if p.feature == "country")
    assert location.lat is not None and location.lat < whole.lat  # type: ignore[operator]
    assert location.radius_km is not None and location.radius_km < whole.radius_km  # type: ignore[operator]


def test_a_directional_part_of_a_sea(nlp: Language, geoparser: Geoparser) -> None:
    location = locate(nlp, geoparser, "A drone struck a tanker in the southern Red Sea on Friday.", "struck")
    assert location is not None and location.name == "southern Red Sea" and location.radius_km is not None
    assert location.lat is not None and location.lat < 20.0 and location.radius_km < 900


def test_a_name_that_begins_with_a_direction_is_not_a_part(nlp: Language, geoparser: Geoparser) -> None:
    location = locate(nlp, geoparser, "Troops were deployed in North Korea on Monday.", "deployed")
    assert location is not None and location.name == "North Korea" and location.precision == "country"


def test_a_place_within_a_place_named_by_a_possessive(nlp: Language, geoparser: Geoparser) -> None:
    text = "Drones struck an oil depot in Russia's Bryansk region overnight."
    location = locate(nlp, geoparser, text, "struck")
    assert location is not None and location.name != "Russia" and location.country == "RUS"


def test_the_object_of_the_act_lies_in_a_place(nlp: Language, geoparser: Geoparser) -> None:
    text = "Gunmen stormed the northern area of Bamenda late on Sunday."
    location = locate(nlp, geoparser, text, "stormed")
    assert location is not None and location.name == "Bamenda"


def test_a_dateline_under_a_headline(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "CLASHES IN THE NORTH\n\nMAIDUGURI, - Soldiers and insurgents fought for hours. The army said on "
        "Monday that the fighting had ended."
    )
    location = locate(nlp, geoparser, text, "fought")
    assert location is not None and location.name == "Maiduguri"


def test_a_wire_slug_is_no_dateline(nlp: Language, geoparser: Geoparser) -> None:
    text = "NIGERIA-SECURITY/\n\nSoldiers and insurgents fought for hours near Maiduguri on Monday."
    location = locate(nlp, geoparser, text, "fought")
    assert location is not None and location.name == "Maiduguri"


def test_the_town_the_sentence_names_within_a_country(nlp: Language, geoparser: Geoparser) -> None:
    text = "Protests spread across Iraq on Friday, with thousands marching in Basra."
    location = locate(nlp, geoparser, text, "spread")
    assert location is not None and location.name.startswith("Basra")


def test_a_city_state_is_a_city(nlp: Language, geoparser: Geoparser) -> None:
    location = locate(nlp, geoparser, "Thousands of people marched in Singapore on Sunday.", "marched")
    assert location is not None and location.country == "SGP" and location.precision == "city"
    assert location.lat is not None and location.radius_km is not None and location.radius_km < 25


def test_the_capital_named_by_its_country(nlp: Language, geoparser: Geoparser) -> None:
    text = "The defence ministers of Turkey and Syria met in the Russian capital on Wednesday."
    location = locate(nlp, geoparser, text, "met")
    assert location is not None and location.name == "Moscow" and location.precision == "city"


def test_a_place_before_an_event_noun_is_where_it_was(nlp: Language, geoparser: Geoparser) -> None:
    text = "Within hours of the Kharkiv strike, aid groups were distributing blankets at the site."
    location = locate(nlp, geoparser, text, "distributing")
    assert location is not None and location.name == "Kharkiv"


def test_an_ocean_used_as_an_adjective_is_no_location(nlp: Language, geoparser: Geoparser) -> None:
    text = "The government banned the app across the Pacific territory of New Caledonia."
    location = locate(nlp, geoparser, text, "banned")
    assert location is None or location.name != "Pacific Ocean"


def test_a_district_read_far_from_its_city_gives_the_city(nlp: Language, geoparser: Geoparser) -> None:
    # "Shevchenkivskyi" is read as a town far from Kharkiv (one of the many so named): the city stands
    text = "Two missiles struck the Shevchenkivskyi district of Kharkiv on Monday morning."
    location = locate(nlp, geoparser, text, "struck")
    assert location is not None and location.country == "UKR"
    assert great_circle_km(location.lat, location.lon, 49.99, 36.23) < 50  # type: ignore[arg-type]


def test_the_first_word_of_an_unknown_name_is_not_a_town_elsewhere(
    nlp: Language, geoparser: Geoparser
) -> None:
    doc = nlp("Police detained two leaders in the municipality of San Rafaelito Huapango on Monday.")
    assert not any(p.text == "San" for p in geoparser.places(doc))


def test_capital_of_a_country() -> None:
    location = capital_of("KEN")
    assert location is not None and location.name == "Nairobi" and location.precision == "city"
    assert capital_of("XXX") is None


def test_names_of_a_country() -> None:
    assert names_country("Iran", "IRN") and names_country("the United States", "USA")
    assert not names_country("Manafort", "USA")
    assert Actor(name="Iran", country="IRN").sector is None


def test_a_country_is_drawn_at_the_story_town(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "MAIDUGURI,                         - Insurgents attacked a convoy near Maiduguri on Monday. "
        "Later, troops were deployed across Nigeria to secure the roads."
    )
    location = locate(nlp, geoparser, text, "deployed")
    assert location is not None and location.country == "NGA" and location.precision == "country"
    assert location.feature == "story town" and location.name == "Maiduguri" and location.lat is not None


def test_a_country_with_no_story_town_stays_a_country(nlp: Language, geoparser: Geoparser) -> None:
    text = "Troops were deployed across Nigeria on Monday to secure the roads before the vote."
    location = locate(nlp, geoparser, text, "deployed")
    assert location is not None and location.precision == "country" and location.lat is None

"""Where an event happened when the sentence does not say it plainly: references back, the dateline, nested
places, the story so far (our own sentences, real gazetteer and spaCy model)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.models import Location
from sitroom.place import Geoparser, event_location
from sitroom.place.gazetteer import normalize


def locate(nlp: Language, geoparser: Geoparser, text: str, trigger: str) -> Location | None:
    doc: Doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return event_location(token, geoparser.places(doc))


def test_the_city_is_the_city_named_last(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "ODESA, March 3 (Wire) - Artillery fire killed nine civilians in Kramatorsk on Monday, the regional "
        "governor said. Drones hit a school on the edge of the city on Tuesday."
    )
    location = locate(nlp, geoparser, text, "hit")
    assert location is not None and location.name == "Kramatorsk"


def test_the_capital_is_a_national_capital(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "Gunmen attacked a hotel in Mogadishu and a market in Baidoa on Friday. Police sealed off the "
        "capital's northern districts on Saturday."
    )
    location = locate(nlp, geoparser, text, "sealed")
    assert location is not None and location.name == "Mogadishu"


def test_the_dateline_city_when_the_story_names_no_other(nlp: Language, geoparser: Geoparser) -> None:
    # the coder blanks the dateline's date and wire name, keeping the city
    text = "BAMAKO,                         - Soldiers sealed off the city centre on Sunday, witnesses said."
    location = locate(nlp, geoparser, text, "sealed")
    assert location is not None and location.name == "Bamako"


def test_a_dateline_is_not_the_nearest_place(nlp: Language, geoparser: Geoparser) -> None:
    text = "KYIV,                         - Germany delivered two air defence systems to Ukraine last week."
    location = locate(nlp, geoparser, text, "delivered")
    # Ukraine, drawn at the story's town (the dateline's city) but not the dateline's city itself
    assert location is not None and location.country == "UKR" and location.precision == "country"


def test_the_city_within_the_country_struck(nlp: Language, geoparser: Geoparser) -> None:
    text = "Russia launched a missile attack on western Ukraine overnight, killing four in the city of Lviv."
    location = locate(nlp, geoparser, text, "launched")
    assert location is not None and location.name == "Lviv"


def test_the_sector_on_the_line_of_control(nlp: Language, geoparser: Geoparser) -> None:
    text = "Troops exchanged fire across the Line of Control in Kashmir's Poonch sector overnight."
    location = locate(nlp, geoparser, text, "exchanged")
    assert location is not None and location.country == "IND" and location.precision == "city"


def test_a_sentence_without_a_place_continues_the_story(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "Rebels killed 12 villagers near the town of Beni in Congo on Monday. Local officials confirmed "
        "the toll. The attackers also burned houses during the raid, witnesses said."
    )
    location = locate(nlp, geoparser, text, "burned")
    assert location is not None and location.name == "Beni"


def test_a_government_urged_is_not_a_place(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "Police detained three reporters in Istanbul on Monday. The European Union urged Ankara to free "
        "them. Their colleagues plan to march to the city's main courthouse on Thursday."
    )
    location = locate(nlp, geoparser, text, "march")
    assert location is not None and location.name == "Istanbul"


def test_a_town_we_lack_gives_its_country_not_a_town_named_elsewhere(
    nlp: Language, geoparser: Geoparser
) -> None:
    text = (
        "South Sudan's army and rebels signed a truce in Juba on Sunday. Troops and rebels clashed near "
        "the town of Zorbatu on Monday, leaving 12 dead."
    )
    location = locate(nlp, geoparser, text, "clashed")
    assert location is not None and (location.country, location.precision) == ("SSD", "country")


def test_a_named_city_not_the_adjective_of_its_country(nlp: Language, geoparser: Geoparser) -> None:
    text = "Protesters set fire to a police station in the northern Mozambican city of Nampula yesterday."
    location = locate(nlp, geoparser, text, "set")
    assert location is not None and location.name == "Nampula"


def test_a_shoal_at_sea(nlp: Language, geoparser: Geoparser) -> None:
    text = "Chinese coast guard ships fired water cannon at a Philippine boat near Scarborough Shoal."
    location = locate(nlp, geoparser, text, "fired")
    assert location is not None and normalize(location.name) == "scarborough shoal"
    assert location.precision == "region" and location.country != "GBR"


def test_a_region_we_hold(nlp: Language, geoparser: Geoparser) -> None:
    text = "Hezbollah fired rockets at army positions in the Upper Galilee on Sunday."
    location = locate(nlp, geoparser, text, "fired")
    assert location is not None and (location.name, location.country) == ("Upper Galilee", "ISR")

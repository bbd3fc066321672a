"""Which place of a sentence is the act's (issue 11, second round): phrases of place over places merely
talked about, clauses inside a phrase, fronted scene-setters, party modifiers, topics against a dateline
(our own sentences; the real gazetteer and spaCy model)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.models import Location
from sitroom.place import Geoparser, event_location


def locate(nlp: Language, geoparser: Geoparser, text: str, trigger: str) -> Location | None:
    doc: Doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return event_location(token, geoparser.places(doc))


def test_a_place_in_a_clause_inside_a_phrase_is_not_the_acts(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "Sanchez, on the last leg of a tour that also took him to Mauritania and Gambia, held talks with "
        "President Faye at the presidential palace in Dakar."
    )
    location = locate(nlp, geoparser, text, "held")
    assert location is not None and location.name == "Dakar"


def test_a_place_after_in_is_nearer_than_the_parties_named(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "Last Thursday the delegations of Cyprus, Greece and Israel met for their seventh summit, that time "
        "in Athens, to sign the pipeline agreement."
    )
    location = locate(nlp, geoparser, text, "met")
    assert location is not None and location.name == "Athens"


def test_a_fronted_phrase_of_place_sets_the_scene(nlp: Language, geoparser: Geoparser) -> None:
    text = "In Baghdad, the Foreign Ministry said it had summoned Iran's ambassador on Sunday."
    location = locate(nlp, geoparser, text, "summoned")
    assert location is not None and location.name == "Baghdad"


def test_a_speakers_place_after_the_subject_is_still_the_speakers(
    nlp: Language, geoparser: Geoparser
) -> None:
    location = locate(nlp, geoparser, "Officials in Kyiv said Russian forces shelled the town.", "shelled")
    assert location is None or location.name != "Kyiv"


def test_a_place_that_qualifies_a_party_is_no_location(nlp: Language, geoparser: Geoparser) -> None:
    text = "On Thursday the cabinet approved the objectives of a US-backed paper on state control of arms."
    location = locate(nlp, geoparser, text, "approved")
    assert location is None or location.country != "USA"


def test_where_a_party_is_based_is_where_it_was_met(nlp: Language, geoparser: Geoparser) -> None:
    text = "On Tuesday the State Minister briefed Addis Ababa-based ambassadors on the dam."
    location = locate(nlp, geoparser, text, "briefed")
    assert location is not None and location.country == "ETH"


def test_a_possessive_inside_a_name(nlp: Language, geoparser: Geoparser) -> None:
    text = "On 14 November a delegation of the Government of Myanmar arrived in Cox's Bazar for a meeting."
    location = locate(nlp, geoparser, text, "arrived")
    assert location is not None and location.country == "BGD" and location.precision == "city"


def test_a_country_talked_about_gives_way_to_the_dateline(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "KAMPALA, March 3 (Wire) - Uganda and Japan signed a loan agreement on Monday.\n"
        "The Permanent Secretary thanked the Government and people of Japan for their continued support."
    )
    location = locate(nlp, geoparser, text, "thanked")
    assert location is not None and location.name == "Kampala"


def test_a_country_in_a_phrase_of_place_is_not_a_topic(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "KAMPALA, March 3 (Wire) - Uganda and Japan signed a loan agreement on Monday.\n"
        "Separately, gunmen attacked a convoy in South Sudan, officials said."
    )
    location = locate(nlp, geoparser, text, "attacked")
    assert location is not None and location.country == "SSD"


def test_a_distance_and_bearing_from_a_town(nlp: Language, geoparser: Geoparser) -> None:
    text = "At least 14 civilians were killed overnight in an attack on a village about 12 km north of Oicha."
    location = locate(nlp, geoparser, text, "killed")
    assert location is not None and location.country == "COD" and location.lat is not None
    oicha = next(p for p in geoparser.places(nlp(text)) if p.text == "Oicha")
    assert location.lat - oicha.lat > 0.09 and abs(location.lon - oicha.lon) < 0.01  # type: ignore[operator]


def test_words_read_as_hamlets_abroad_do_not_vote(nlp: Language, geoparser: Geoparser) -> None:
    # "MINISTER" reads as Minster, Ohio; five of them must not pull Lima to Lima, Ohio
    text = (
        "Interview with the Minister of the Interior\n\nPRESENTER: Good morning, Minister.\n\n"
        "MINISTER: Good morning.\n\nPRESENTER: The road at Challhuahuacho is blocked.\n\n"
        "MINISTER: Yes. The community leaders of Challhuahuacho will be received on Saturday in Lima.\n\n"
        "PRESENTER: Thank you, Minister.\n\nMINISTER: Thank you."
    )
    lima = [p for p in geoparser.places(nlp(text)) if p.text == "Lima"]
    assert lima and lima[0].country == "PER"


def test_with_no_place_near_the_act_the_story_town_before_the_most_named_region(
    nlp: Language, geoparser: Geoparser
) -> None:
    text = (
        "Violence has returned to Cauca. Farmers in Cauca say the army has abandoned them. "
        "The governor of Cauca met mayors in Popayan on Monday, and more talks are planned in Popayan. "
        "The farmers are tired. Their leaders are afraid. Nobody listens to them. "
        "Troops captured a 19-year-old man carrying a radio on Tuesday night."
    )
    location = locate(nlp, geoparser, text, "captured")
    assert location is not None and location.name.startswith("Popay")

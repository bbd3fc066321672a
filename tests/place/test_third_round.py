"""Event locations, third round of issue 11: names of administrative units before their noun, places
something else is bound for, ...
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


def test_a_unit_noun_after_a_name_keeps_it_a_place(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "Clashes broke out near Koza on Monday. On Tuesday gunmen killed two herders in Koza subdivision "
        "near the Nigerian border."
    )
    location = locate(nlp, geoparser, text, "killed")
    assert location is not None and location.name == "Koza"


def test_the_place_an_act_hits_through_a_unit_noun(nlp: Language, geoparser: Geoparser) -> None:
    text = "An Israeli strike hit Nabatieh municipality, Lebanon's state news agency said."
    location = locate(nlp, geoparser, text, "hit")
    assert location is not None and location.country == "LBN"


def test_a_place_something_else_is_bound_for_is_not_the_acts(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "On 13 October, 127 refugees departed Tripoli on a UNHCR evacuation flight to the Emergency Transit "
        "Mechanism in Rwanda."
    )
    location = locate(nlp, geoparser, text, "departed")
    assert location is not None and location.name == "Tripoli"


def test_the_acts_own_destination_is_its_place(nlp: Language, geoparser: Geoparser) -> None:
    location = locate(
        nlp, geoparser, "MONUSCO deployed a rapid intervention company to Goma on 7 June.", "deployed"
    )
    assert location is not None and location.name == "Goma"

"""Event locations, third round of issue 11: names before a unit noun ("Koza subdivision"), places
something else is bound for ("a flight to ... Rwanda") and small countries drawn as their circle (our own
sentences; the real gazetteer and spaCy model)."""

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


def test_a_small_country_is_drawn_as_its_circle(nlp: Language, geoparser: Geoparser) -> None:
    """A country no wider than a province carries its centroid and radius (precision still "country");
    a wide one carries no point."""
    small = locate(nlp, geoparser, "Thousands of people protested in Kuwait on Friday.", "protested")
    assert small is not None and small.precision == "country" and small.country == "KWT"
    assert small.lat is not None and small.radius_km is not None and small.radius_km <= 250
    wide = locate(nlp, geoparser, "Thousands of people protested in Brazil on Friday.", "protested")
    assert wide is not None and wide.precision == "country" and wide.lat is None

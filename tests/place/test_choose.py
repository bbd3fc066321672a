"""The learned place chooser: candidates and their features on real parses, the choice and its margin, the
training labels, and the shipped model in the coder (our own sentences, real gazetteer and spaCy model)."""

from __future__ import annotations

from spacy.language import Language

from sitroom.coding.coder import Coder
from sitroom.learn.locate import paired, right_place
from sitroom.models import Article, Location
from sitroom.place import Geoparser, locate_event
from sitroom.place.choose import Candidate, Context, LocationModel, candidates, location_model

KHARKIV = Location(name="Kharkiv", country="UKR", lat=49.98, lon=36.25, precision="city")
KYIV = Location(name="Kyiv", country="UKR", lat=50.45, lon=30.52, precision="city")


def found_for(nlp: Language, geoparser: Geoparser, text: str, trigger: str) -> list[Candidate]:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    places = geoparser.places(doc)
    rule, step = locate_event(token, places)
    return candidates(token, places, rule, step, Context("ASSAULT", "RUS", "UKR"))


def test_every_place_named_is_a_candidate_and_the_rules_choice_is_marked(
    nlp: Language, geoparser: Geoparser
) -> None:
    text = "Russian forces shelled Kharkiv on Monday, a spokesman in Kyiv said."
    found = found_for(nlp, geoparser, text, "shelled")
    names = {c.location.name: c for c in found}
    assert {"Kharkiv", "Kyiv"} <= set(names)
    assert names["Kharkiv"].rule and not names["Kyiv"].rule
    assert "rule&reached" in names["Kharkiv"].features
    assert "speaker" in names["Kyiv"].features and "s=0" in names["Kyiv"].features


def test_a_place_named_sentences_before_carries_its_distance(nlp: Language, geoparser: Geoparser) -> None:
    text = (
        "Gunmen attacked a market in Baidoa on Friday. The army sent reinforcements. "
        "Police arrested twelve suspects on Saturday."
    )
    found = found_for(nlp, geoparser, text, "arrested")
    baidoa = next(c for c in found if c.location.name == "Baidoa")
    assert "s=-2" in baidoa.features and "recent=0" in baidoa.features and "ever_at" in baidoa.features


def test_the_model_overrules_the_rules_only_by_its_margin() -> None:
    rule = Candidate(KYIV, ["rule"], rule=True)
    other = Candidate(KHARKIV, ["s=0", "prep=in"], rule=False)
    weights = {"rule": 0.0, "s=0": 1.0, "prep=in": 1.0}
    sure = LocationModel(weights, margins={"nearest": 0.5})
    assert [round(c, 2) for c in sure.chances([rule.features, other.features])] == [0.12, 0.88]
    assert sure.choose([rule, other], "nearest") is KHARKIV
    unsure = LocationModel(weights, margins={"nearest": 0.8})
    assert unsure.choose([rule, other], "nearest") is KYIV
    assert sure.choose([rule, other], "locative") is KYIV  # a step with no margin is never overruled
    assert sure.choose([other], "nearest") is None  # no place from the rules: the chooser adds none


def test_training_labels_follow_the_outside_scorer() -> None:
    assert right_place({"lat": 50.2, "lon": 36.2}, KHARKIV)  # 25 km: within the default 50 km
    assert not right_place({"lat": 50.2, "lon": 36.2, "radius_km": 5}, KHARKIV)
    assert not right_place({"lat": 50.2, "lon": 36.2}, Location(name="Ukraine", country="UKR"))
    assert right_place({"country": "UKR"}, Location(name="Ukraine", country="UKR"))


def test_the_coder_uses_the_shipped_model() -> None:
    model = location_model()
    assert model is not None and model.weights and all(0.0 <= m <= 1.0 for m in model.margins.values())
    coder = Coder.load("combined")
    assert coder.location_model == model
    article = Article(id="t", text="Russian forces shelled Kharkiv on Monday, a spokesman in Kyiv said.")
    events = coder.code(article).events
    assert events and events[0].location is not None and events[0].location.name == "Kharkiv"


def test_candidates_say_what_kind_of_act_it_is_and_where_earlier_acts_were(
    nlp: Language, geoparser: Geoparser
) -> None:
    text = "Kenya's parliament voted on Tuesday in Nairobi to send relief to Garissa."
    doc = nlp(text)
    token = next(t for t in doc if t.text == "voted")
    places = geoparser.places(doc)
    rule, step = locate_event(token, places)
    garissa = Location(name="Garissa", country="KEN", lat=-0.45, lon=39.65, precision="city")
    context = Context("CONSULT", "KEN", None, "own", "LEG", "national", acts=(garissa,))
    found = {c.location.name: c.features for c in candidates(token, places, rule, step, context)}
    assert {"act=own&seat", "sector=LEG&seat", "office=national&act=own&seat", "acts_here=0"} <= set(
        found["Nairobi"]
    )
    assert {"act=own&city", "acts_here=1", "last_act&act=own"} <= set(found["Garissa"])


def test_training_pairs_events_by_their_evidence() -> None:
    coder = Coder.load("combined")
    article = Article(id="p", text="Gunmen attacked a market in Baidoa on Friday. Police arrested two men.")
    events = coder.code(article).events
    gold = [
        {"type": "ASSAULT", "evidence": "Gunmen attacked a market in Baidoa", "location": {"name": "Baidoa"}},
        {"type": "ASSAULT", "evidence": "A storm hit the coast", "location": {"name": "Kismayo"}},
    ]
    places = paired(gold, events)
    attack = next(e for e in events if e.type == "ASSAULT")
    assert places == {attack.id: {"name": "Baidoa"}}

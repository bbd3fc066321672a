"""The detect stage: features, the shipped model, and how the stage keeps, retypes and adds candidates."""

from datetime import date

import numpy as np
import pytest

from sitroom.coding.coder import Coder
from sitroom.coding.detect import TypeModel, detect, sentence_features, type_model
from sitroom.models import PLOVER_TYPES, Article

ARREST = "Police arrested 40 protesters in Lagos."


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load("rules")


def sentence_and_triggers(coder: Coder, text: str):
    article = Article(id="d", text=text, published=date(2024, 3, 4))
    doc, _ = next(coder.parse([article]))
    state = coder.new_state(doc, article, [])
    [(position, sentence, found, selected)] = list(coder.sentence_triggers(state))
    return position, sentence, found, selected


def toy_model(weights: dict[str, dict[str, float]], keep: float, add: float) -> TypeModel:
    """A model whose weights we choose: a feature pushes the types it names up by its weight."""
    rows = {f: [w.get(t, 0.0) for t in PLOVER_TYPES] for f, w in weights.items()}
    return TypeModel.from_json(
        {
            "types": list(PLOVER_TYPES),
            "bias": [-5.0] * len(PLOVER_TYPES),
            "weights": rows,
            "keep": keep,
            "add": add,
        }
    )


def test_features_read_words_parse_and_rules(coder: Coder) -> None:
    position, sentence, _, selected = sentence_and_triggers(coder, ARREST)
    features = sentence_features(sentence, selected, position)
    assert {"w=arrest", "v=arrest", "rule=COERCE", "pos=0", "ent=GPE"} <= set(features)
    assert "v=arrest:dobj=protester" in features
    assert features == sentence_features(sentence, selected, position)  # deterministic, sorted


def test_a_candidate_the_model_rules_out_is_dropped(coder: Coder) -> None:
    position, sentence, found, selected = sentence_and_triggers(
        coder, "Police arrested 40 protesters in Lagos."
    )
    model = toy_model({}, keep=0.5, add=0.9)
    assert [t.plover.type for t in selected] == ["COERCE"]
    assert detect(sentence, selected, found, position, model) == []


def test_a_misnamed_candidate_is_retyped_and_a_missed_type_added(coder: Coder) -> None:
    position, sentence, found, selected = sentence_and_triggers(coder, ARREST)
    retype = toy_model({"w=arrest": {"ASSAULT": 10.0}}, keep=0.5, add=0.9)
    [trigger] = detect(sentence, selected, found, position, retype)
    assert trigger.plover.type == "ASSAULT" and trigger.anchor.text == "arrested"
    add = toy_model(
        {"w=arrest": {"COERCE": 10.0, "PROTEST": 10.0}, "w=protester": {"PROTEST": 3.0}}, 0.5, 0.9
    )
    kinds = sorted(t.plover.type for t in detect(sentence, selected, found, position, add))
    assert kinds == ["COERCE", "PROTEST"]


def test_shipped_model_loads_and_gives_probabilities() -> None:
    model = type_model()
    assert model is not None and model.types == PLOVER_TYPES
    assert 0.0 <= model.keep <= model.add <= 1.01
    probs = model.probabilities(["bias", "w=attack"])
    assert set(probs) == set(PLOVER_TYPES) and all(0 < p < 1 for p in probs.values())
    assert np.isfinite(model.weights).all()


def test_variants_differ_only_in_the_detect_stage() -> None:
    article = Article(
        id="v", text="Protesters marched through Nairobi on Monday.", published=date(2024, 3, 5)
    )
    rules, combined = Coder.load("rules").code(article), Coder.load("combined").code(article)
    assert [e.type for e in rules.events] == ["PROTEST"]
    assert [e.type for e in combined.events] == ["PROTEST"]
    with pytest.raises(ValueError, match="unknown detect variant"):
        Coder(rules_nlp := Coder.load("rules").nlp, Coder.load().verbs, Coder.load().parties.lexicon, "magic")
    assert rules_nlp is not None

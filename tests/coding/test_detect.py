"""The detect stage: features, the shipped models, and how the stage keeps, retypes, drops and adds."""

import json
from dataclasses import replace
from datetime import date
from importlib import resources

import numpy as np
import pytest

from sitroom.coding.coder import Coder
from sitroom.coding.detect import Position, TypeModel, detect, detect_learned, sentence_features, type_model
from sitroom.models import PLOVER_TYPES, Article

ATTACK = "Soldiers attacked the camp near Lagos."  # a rule candidate (ASSAULT) from the verb's default code
SEIZE = "Rebels seized control of the town after heavy fighting."  # a candidate from a whole verb pattern


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load("rules")


def sentence_and_triggers(coder: Coder, text: str):
    article = Article(id="d", text=text, published=date(2024, 3, 4))
    doc, _ = next(coder.parse([article]))
    state = coder.new_state(doc, article, [])
    [(position, sentence, found, selected)] = list(coder.sentence_triggers(state))
    return position, sentence, found, selected


def in_a_body(position: Position) -> Position:
    """The same sentence as one of several in an article's body, where the model may veto a candidate."""
    return replace(position, alone=False)


def toy_model(
    weights: dict[str, dict[str, float]], keep: float, add: float, beside: float = 0.9
) -> TypeModel:
    """A model whose weights we choose: a feature pushes the types it names up by its weight; with every
    base rate 1 the keep bar is absolute."""
    rows = {f: [w.get(t, 0.0) for t in PLOVER_TYPES] for f, w in weights.items()}
    n = len(PLOVER_TYPES)
    data = {"types": list(PLOVER_TYPES), "bias": [-5.0] * n, "rates": [1.0] * n, "weights": rows}
    return TypeModel.from_json({**data, "keep": keep, "add": add, "add_beside": beside})


def test_features_read_words_parse_rules_and_position(coder: Coder) -> None:
    position, sentence, _, selected = sentence_and_triggers(coder, ATTACK)
    features = sentence_features(sentence, selected, position)
    assert {"w=attack", "v=attack", "rule=ASSAULT", "pos=alone", "ent=GPE"} <= set(features)
    assert "v=attack:dobj=camp" in features
    assert features == sentence_features(sentence, selected, position)  # deterministic, sorted
    assert not any(f.startswith("rule=") for f in sentence_features(sentence, None, position))


def test_a_candidate_the_model_rules_out_is_dropped(coder: Coder) -> None:
    position, sentence, found, selected = sentence_and_triggers(coder, ATTACK)
    assert [(t.plover.type, t.specificity) for t in selected] == [("ASSAULT", 0)]
    assert detect(sentence, selected, found, in_a_body(position), toy_model({}, keep=0.5, add=0.9)) == []


def test_a_sentence_that_stands_alone_keeps_the_rules_candidates(coder: Coder) -> None:
    position, sentence, found, selected = sentence_and_triggers(coder, ATTACK)
    assert position.alone
    kept = detect(sentence, selected, found, position, toy_model({}, keep=0.5, add=0.9))
    assert [t.plover.type for t in kept] == ["ASSAULT"] and kept[0].probability is not None


def test_a_whole_pattern_match_is_never_vetoed(coder: Coder) -> None:
    position, sentence, found, selected = sentence_and_triggers(coder, SEIZE)
    assert selected and all(t.specificity > 0 for t in selected)
    protecting = replace(toy_model({}, keep=0.5, add=0.9), protect=True)
    kept = detect(sentence, selected, found, in_a_body(position), protecting)
    assert [t.plover.type for t in kept] == [t.plover.type for t in selected]
    vetoing = toy_model({}, keep=0.5, add=0.9)
    assert detect(sentence, selected, found, in_a_body(position), vetoing) == []


def test_a_misnamed_candidate_is_retyped_and_a_missed_type_added(coder: Coder) -> None:
    position, sentence, found, selected = sentence_and_triggers(coder, ATTACK)
    position = in_a_body(position)
    retype = toy_model({"w=attack": {"COERCE": 10.0}}, keep=0.5, add=0.9)
    [trigger] = detect(sentence, selected, found, position, retype)
    assert trigger.plover.type == "COERCE" and trigger.anchor.text == "attacked"
    assert trigger.probability is not None and trigger.probability > 0.99
    both = {"w=attack": {"ASSAULT": 10.0, "MOBILIZE": 10.0}, "w=camp": {"MOBILIZE": 3.0}}
    kinds = sorted(
        t.plover.type for t in detect(sentence, selected, found, position, toy_model(both, 0.5, 0.9))
    )
    assert kinds == ["ASSAULT", "MOBILIZE"]


def test_beside_the_rules_candidates_a_higher_bar_holds(coder: Coder) -> None:
    position, sentence, found, selected = sentence_and_triggers(coder, ATTACK)
    position = in_a_body(position)
    weights = {"w=attack": {"ASSAULT": 10.0}, "w=camp": {"MOBILIZE": 4.5}}  # P(MOBILIZE) ≈ 0.38
    low = detect(sentence, selected, found, position, toy_model(weights, 0.5, add=0.2, beside=0.2))
    high = detect(sentence, selected, found, position, toy_model(weights, 0.5, add=0.2, beside=0.5))
    assert sorted(t.plover.type for t in low) == ["ASSAULT", "MOBILIZE"]
    assert [t.plover.type for t in high] == ["ASSAULT"]


def test_a_sentence_given_alone_has_its_own_add_bar(coder: Coder) -> None:
    position, sentence, found, selected = sentence_and_triggers(coder, ATTACK)
    weights = {"w=attack": {"ASSAULT": 10.0}, "w=camp": {"MOBILIZE": 4.5}}  # P(MOBILIZE) ≈ 0.38
    model = toy_model(weights, 0.5, add=0.2, beside=0.2)
    assert position.alone and model.add_alone == model.add  # a model trained before the bar existed

    def kinds(model: TypeModel, where: Position) -> list[str]:
        return sorted(t.plover.type for t in detect(sentence, selected, found, where, model))

    strict = replace(model, add_alone=0.5)
    assert kinds(strict, position) == ["ASSAULT"]
    assert kinds(strict, in_a_body(position)) == ["ASSAULT", "MOBILIZE"]  # a body sentence: the main bars
    lenient = replace(model, add=0.5, add_beside=0.5, add_alone=0.2)
    assert kinds(lenient, position) == ["ASSAULT", "MOBILIZE"]
    assert [t.plover.type for t in detect_learned(sentence, found, position, strict)] == ["ASSAULT"]


def test_the_learned_variant_codes_what_its_model_is_sure_of(coder: Coder) -> None:
    position, sentence, found, _ = sentence_and_triggers(coder, ATTACK)
    sure = toy_model({"w=attack": {"ASSAULT": 10.0}}, keep=0.0, add=0.5)
    [trigger] = detect_learned(sentence, found, position, sure)
    assert trigger.plover.type == "ASSAULT" and trigger.anchor.text == "attacked"
    assert detect_learned(sentence, found, position, toy_model({}, keep=0.0, add=0.5)) == []


@pytest.mark.parametrize("variant", ["combined", "learned"])
def test_shipped_models_load_and_give_probabilities(variant: str) -> None:
    model = type_model(variant)
    assert model is not None and model.types == PLOVER_TYPES
    assert 0.0 <= model.add <= model.add_beside <= 1.01 and model.keep >= 0.0
    assert 0.0 <= model.add_alone <= 1.01
    assert ((model.rates > 0) & (model.rates < 1)).all()
    probs = model.probabilities(["bias", "w=attack"])
    assert set(probs) == set(PLOVER_TYPES) and all(0 < p < 1 for p in probs.values())
    assert np.isfinite(model.weights).all()


def test_a_wrong_variant_is_refused(coder: Coder) -> None:
    with pytest.raises(ValueError, match="unknown detect variant 'magic'"):
        Coder(coder.nlp, coder.verbs, coder.parties.lexicon, "magic")


def test_triggers_selection_left_out_are_features_of_their_own(coder: Coder) -> None:
    text = "The union accused the ministry of abandoning its agents and demanded more patrol boats."
    position, sentence, found, selected = sentence_and_triggers(coder, text)
    left_out = {t.plover.type for t in found} - {t.plover.type for t in selected}
    assert left_out, [(t.token.text, t.plover.type) for t in found]
    features = set(sentence_features(sentence, selected, position, found))
    assert {f"lex={kind}" for kind in left_out} <= features
    assert not any(f.startswith("lex=") for f in sentence_features(sentence, selected, position))
    chosen = {f"lex={t.plover.type}:{t.token.lemma_}" for t in selected}
    assert not chosen & features  # a selected trigger is a rule= feature, not a lex= one


def test_the_cached_copy_of_a_model_is_the_shipped_json(tmp_path, monkeypatch) -> None:
    """The type model is read from its JSON once and from a pickled copy after: both give the same model,
    and a damaged copy is read past (the JSON again) and replaced."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    shipped = resources.files("sitroom").joinpath("data/models/detect.json").read_text("utf-8")
    expected = TypeModel.from_json(json.loads(shipped))
    load = type_model.__wrapped__  # without the per-process memo
    first = load("combined")
    [copy] = (tmp_path / "sitroom").glob("detect-*.pickle")
    second = load("combined")
    copy.write_bytes(b"not a pickle")
    third = load("combined")
    for model in (first, second, third):
        assert model.types == expected.types and model.index == expected.index
        assert np.array_equal(model.weights, expected.weights) and np.array_equal(model.rates, expected.rates)
        assert (model.keep, model.add, model.add_beside, model.add_alone) == (
            expected.keep, expected.add, expected.add_beside, expected.add_alone
        )  # fmt: skip
    assert copy.read_bytes() != b"not a pickle"

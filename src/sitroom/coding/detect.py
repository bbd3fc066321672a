"""The ``detect`` stage: which PLOVER event types a sentence states, learned from annotated news.

The rules (the ``candidates`` stage) find acts through CAMEO verb patterns. On copy they were not tuned to
they miss acts told in words the lexicon lacks and code acts that annotators do not count, and each round
of new rules covered mostly the copy that prompted it. A linear model trained on our annotated corpus
(``make train``; weights in ``data/models/detect.json``) gives, for every sentence and type, the chance that
the sentence states an event of that type. It reads the sentence's words, its parse and the rules' own
candidates, so it learns where the rules can be trusted. The stage then keeps the rule candidates the
model does not rule out, retypes or drops the others, and adds the types the model is sure of that no
rule found, anchored on the word that best names the act.

Variants (``DETECT_VARIANTS``): ``rules`` leaves the candidates as they are; ``combined`` (the default)
does the above; ``learned`` ignores the rules' candidates and their features (a second model, trained
without them) and codes the types its model is sure of, anchored as above: what learning alone does.
Each is scored on its own in docs/accuracy.md ("Per stage").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from sitroom.caching import cached
from sitroom.coding.ontology import PloverCode
from sitroom.coding.select import is_main_predicate
from sitroom.coding.triggers import Trigger

MODEL_FILES = {"combined": "data/models/detect.json", "learned": "data/models/detect-learned.json"}
DETECT_VARIANTS = ("rules", "combined", "learned")
# A representative CAMEO code per type, for an act the model found and no verb pattern coded.
TYPE_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
    "RETREAT": "080", "CONCEDE": "080", "REQUEST": "020", "ACCUSE": "110", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170",
    "ASSAULT": "190",
}  # fmt: skip
_CONTENT = {"VERB", "NOUN", "ADJ", "PROPN", "ADV", "NUM", "AUX"}
_ENTITY_WORDS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
_MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall"}
_NEGATIONS = {"not", "n't", "never", "no"}


@dataclass(frozen=True)
class Position:
    """Where a sentence stands in its article's body: its index, and whether it is the only sentence (a
    flash, a headline, a sentence given alone), which is there because it reports something."""

    index: int
    alone: bool = False


def sentence_features(
    sentence: Span,
    candidates: list[Trigger] | None,
    position: Position,
    lexicon_triggers: list[Trigger] = (),
) -> list[str]:
    """The sentence as the model sees it: lemmas (names by their entity type), the main verbs with
    their subjects and objects, negation and modality, and what the rules coded in it (``candidates``;
    None for the learned-only model, which must not see them). ``lexicon_triggers`` the rules found but
    did not select ("accused … and *demanded*": selection keeps one act of a clause pair) are features
    too, so the model learns when such a second act is real."""
    features = {"bias", "pos=alone" if position.alone else f"pos={min(position.index, 3)}"}
    features |= word_features(sentence)
    for token in sentence:
        if token.pos_ in {"VERB", "AUX"} and is_main_predicate(token):
            features.update(_predicate_features(token))
    if candidates is not None:
        features |= rule_features(candidates, lexicon_triggers)
    return sorted(features)


def word_features(tokens: Iterable[Token]) -> set[str]:
    """Lemmas of content words, modals and negations (names by their entity type), entity types, and
    lemma bigrams."""
    features: set[str] = set()
    lemmas = []
    for token in tokens:
        if token.is_punct or token.is_space:
            continue
        lemma = _lemma(token)
        if token.pos_ in _CONTENT or token.lower_ in _MODALS or token.lower_ in _NEGATIONS:
            features.add(f"w={lemma}")
            lemmas.append(lemma)
        if token.ent_type_:
            features.add(f"ent={token.ent_type_}")
    features.update(f"bi={a}_{b}" for a, b in pairwise(lemmas))
    return features


def rule_features(candidates: list[Trigger], lexicon_triggers: Iterable[Trigger] = ()) -> set[str]:
    """What the rules coded (``rule=``), and the lexicon's triggers selection left out (``lex=``)."""
    features: set[str] = set()
    for trigger in candidates:
        kind = trigger.plover.type
        features.add(f"rule={kind}")
        features.add(f"rule={kind}:{trigger.cameo[:3]}")
        features.add(f"rule={kind}:{'pattern' if trigger.specificity else 'verb'}")
        features.add(f"rule={kind}:{_lemma(trigger.token)}")
    if not candidates:
        features.add("rule=none")
    chosen = {t.token.i for t in candidates}
    for trigger in lexicon_triggers:
        if trigger.token.i not in chosen:
            kind = trigger.plover.type
            features.add(f"lex={kind}")
            features.add(f"lex={kind}:{_lemma(trigger.token)}")
            features.add(f"lex={kind}:{trigger.token.dep_}")
    return features


def _lemma(token: Token) -> str:
    """The lemma, or the entity type for names (the model should learn "X attacked", not "Kyiv")."""
    if token.ent_type_ in _ENTITY_WORDS and token.pos_ == "PROPN":
        return f"<{token.ent_type_}>"
    if token.like_num:
        return "<NUM>"
    return token.lemma_.lower()


def _predicate_features(verb: Token) -> set[str]:
    lemma = _lemma(verb)
    features = {f"v={lemma}"}
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "agent", "prep", "xcomp", "ccomp", "dative"}:
            features.add(f"v={lemma}:{child.dep_}={_lemma(child)}")
        if child.dep_ == "neg":
            features.add(f"v={lemma}:neg")
        if child.dep_ == "aux" and child.lower_ in _MODALS:
            features.add(f"v={lemma}:modal={child.lower_}")
        if child.dep_ == "prep":
            objects = (g for g in child.children if g.dep_ == "pobj")
            features.update(f"v={lemma}:{child.lower_}={_lemma(g)}" for g in objects)
    return features


@dataclass(frozen=True)
class TypeModel:
    """One-vs-rest logistic regression over sentence features, with the stage's two thresholds."""

    types: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # features × types
    bias: np.ndarray
    rates: np.ndarray  # the share of training sentences that state each type
    keep: float  # a rule candidate is dropped (or retyped) when its type scores under keep × its rate
    add: float  # a type no rule found is added when it scores at least this…
    add_beside: float  # … or this, in a sentence where the rules did find something
    add_alone: float  # … or this, in a sentence that stands alone (chosen on sentences held out of training)
    protect: bool  # whether a candidate from a whole verb pattern is never dropped

    @classmethod
    def from_json(cls, data: dict) -> TypeModel:
        features = list(data["weights"])
        return cls(
            types=tuple(data["types"]),
            index={f: i for i, f in enumerate(features)},
            weights=np.array([data["weights"][f] for f in features], dtype=np.float32),
            bias=np.array(data["bias"], dtype=np.float32),
            rates=np.array(data["rates"], dtype=np.float32),
            keep=float(data["keep"]),
            add=float(data["add"]),
            add_beside=float(data.get("add_beside", data["add"])),
            add_alone=float(data.get("add_alone", data["add"])),
            protect=bool(data.get("protect", False)),
        )

    def probabilities(self, features: list[str]) -> dict[str, float]:
        rows = [self.index[f] for f in features if f in self.index]
        logits = self.bias + self.weights[rows].sum(axis=0)
        return dict(zip(self.types, (1 / (1 + np.exp(-logits))).tolist(), strict=True))

    def bars(self, position: Position) -> tuple[float, float]:
        """The probability a type no rule found needs to be added: alone, and beside the rules' candidates.
        A sentence given alone (a GSR record, a flash) is there because it reports one act; the articles
        the main bars are tuned on reward recall, which on lone sentences adds types the act does not have."""
        if position.alone:
            return self.add_alone, self.add_alone
        return self.add, self.add_beside

    def keeps(self, kind: str, probability: float) -> bool:
        """Whether the model lets a rule's candidate of this type stand: its probability against the type's
        base rate, so a rare type (COOPERATE) is not vetoed for being rare."""
        return probability >= self.keep * float(self.rates[self.types.index(kind)])

    def word_weight(self, lemma: str, kind: str) -> float:
        row = self.index.get(f"w={lemma}")
        return float(self.weights[row, self.types.index(kind)]) if row is not None else 0.0


@cache
def type_model(variant: str = "combined") -> TypeModel | None:
    """The shipped model of a variant, or None before ``make train`` has written one.

    Read through a pickled copy (``caching.py``): parsing the 4.4 MB JSON was 0.2-0.4 s of a cold start,
    the copy 0.02 s. Only the variant in use is read."""
    path = Path(str(resources.files("sitroom").joinpath(MODEL_FILES[variant])))
    if not path.is_file():
        return None

    def parse() -> TypeModel:
        return TypeModel.from_json(json.loads(path.read_text("utf-8")))

    return cached(path.stem, [path, Path(__file__)], parse, TypeModel, key=f"numpy {np.__version__}")


def detect(
    sentence: Span,
    candidates: list[Trigger],
    lexicon_triggers: list[Trigger],
    position: Position,
    model: TypeModel,
) -> list[Trigger]:
    """The sentence's candidates after the model's check: kept, retyped, dropped or added to.

    ``lexicon_triggers`` are every trigger the lexicons found in the sentence before selection; an added
    act is anchored on one of them when one codes its type, else on the word the model ties to the type.
    """
    probs = model.probabilities(sentence_features(sentence, candidates, position, lexicon_triggers))
    scored = [replace(t, probability=probs[t.plover.type]) for t in candidates]
    kept = [t for t in scored if position.alone or _stands(t, model)]
    dropped = [t for t in scored if not (position.alone or _stands(t, model))]
    found = {t.plover.type for t in kept}
    add, beside = model.bars(position)
    wanted = [k for k, p in sorted(probs.items(), key=lambda kv: -kv[1]) if p >= add and k not in found]
    for kind in wanted:
        if dropped:  # the rules saw an act here but misnamed it
            kept.append(replace(_retyped(dropped.pop(0), kind), probability=probs[kind]))
        elif probs[kind] >= (beside if candidates else add):
            kept.append(replace(_anchored(sentence, kind, lexicon_triggers, model), probability=probs[kind]))
    return sorted(kept, key=lambda t: t.anchor.i)


def detect_learned(
    sentence: Span, lexicon_triggers: list[Trigger], position: Position, model: TypeModel
) -> list[Trigger]:
    """The learned-only variant: the types the model (trained without the rules' features) is sure of."""
    probs = model.probabilities(sentence_features(sentence, None, position))
    add = model.bars(position)[0]
    wanted = [kind for kind, p in probs.items() if p >= add]
    found = [replace(_anchored(sentence, k, lexicon_triggers, model), probability=probs[k]) for k in wanted]
    return sorted(found, key=lambda t: t.anchor.i)


def _stands(trigger: Trigger, model: TypeModel) -> bool:
    """A candidate stays when the model does not rule its type out, or (when the model says so, as
    training chose on dev) when a whole verb pattern matched ("seized control of"): specific knowledge a
    model trained on a few thousand sentences may not have seen."""
    assert trigger.probability is not None
    return (model.protect and trigger.specificity > 0) or model.keeps(
        trigger.plover.type, trigger.probability
    )


def _retyped(trigger: Trigger, kind: str) -> Trigger:
    return Trigger(trigger.token, TYPE_CAMEO[kind], PloverCode(kind, None), 0, trigger.anchor)


def _anchored(sentence: Span, kind: str, lexicon_triggers: list[Trigger], model: TypeModel) -> Trigger:
    """A trigger for an act the model found: a lexicon trigger of that type (main predicates first), else
    the verb or noun whose word the model ties most to the type, else the sentence's root."""
    same = [t for t in lexicon_triggers if t.plover.type == kind]
    if same:
        best = max(same, key=lambda t: is_main_predicate(t.anchor))
        return Trigger(best.token, best.cameo, best.plover, best.specificity, _governing_verb(best.token))
    token = (
        _best_word(sentence, kind, model, "VERB")
        or _best_word(sentence, kind, model, "NOUN")
        or sentence.root
    )
    return Trigger(token, TYPE_CAMEO[kind], PloverCode(kind, None), 0, _governing_verb(token))


def _best_word(sentence: Span, kind: str, model: TypeModel, pos: str) -> Token | None:
    """The word of a part of speech the model ties most to the type, if any ties to it at all; verbs are
    tried first ("Police *captured* …", not "*Police* captured …")."""
    scored = [(model.word_weight(_lemma(t), kind), t) for t in sentence if t.pos_ == pos]
    weight, token = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return token if weight > 0 else None


def _governing_verb(token: Token) -> Token:
    """An event noun's parties hang on its verb: "protests *erupted*", "*launched* an offensive"."""
    if token.pos_ != "VERB" and token.head.pos_ in {"VERB", "AUX"}:
        return token.head
    return token

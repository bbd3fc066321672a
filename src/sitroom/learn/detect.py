"""Train the ``detect`` stage's type model: ``python -m sitroom.learn.detect`` (``make train``).

Each sentence of the training split is an example: its features (``coding.detect.sentence_features``,
the same function the coder calls) and the set of PLOVER types of the gold events whose evidence lies in
it. One logistic regression per type (scikit-learn, liblinear, seeded) is fitted; the regularisation and
the stage's thresholds are chosen on the dev split by the event F1 of the whole coder (FORMAT.md pairs
events by type within an article, so F1 is computed from type counts per article) and, among settings
whose dev F1 is flat, by how the coded events of the corpus's multi-report sets fuse (``learn.fusion``).
The weights are written as JSON (``data/models/detect.json``): no pickle, no scikit-learn at run time.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from sitroom.coding.coder import Coder
from sitroom.coding.detect import MODEL_FILES, TypeModel, sentence_features
from sitroom.learn.corpus import ROOT, GoldArticle, evidence_span, read_gold, sentence_of, split_files
from sitroom.learn.fusion import SAME_EVENT, fuse_coded, multi_report, outcome
from sitroom.models import PLOVER_TYPES, PlaceMention

PACKAGE = Path(__file__).resolve().parents[1]
VARIANTS = ("combined", "learned")  # the learned variant's model never sees the rules' candidates
C_GRID = (0.3,)  # 0.1 and 1.0 came within 0.005 dev F1 of it on the first corpus files; one is faster
KEEP_GRID = (0.0, 2.0, 4.0, 8.0, 16.0)  # × the type's base rate (TypeModel.keeps)
ADD_GRID = (0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5, 1.01)  # 1.01: add nothing
BESIDE_GRID = (0.1, 0.2, 0.3)  # the bar beside the rules' own candidates
FLAT = 0.01  # dev event F1 this close to the best is flat (about 6 of dev's 620 gold events): fusion decides
ALONE_GRID = (0.06, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01)  # the bar in a sentence given alone
MIN_COUNT = 2  # a feature seen once in training is noise
SEED = 13


@dataclass
class Parsed:
    """A gold article parsed once, with its places, for repeated coding while tuning."""

    gold: GoldArticle
    doc: object
    places: list[PlaceMention]


@dataclass(frozen=True)
class Example:
    article: str  # the article's id
    features: dict[str, list[str]]  # per variant
    labels: frozenset[str]

    @property
    def alone(self) -> bool:
        """Whether the sentence is its article's whole body (``Position.alone``)."""
        return "pos=alone" in self.features["learned"]


def fresh_coder(detect: str) -> Coder:
    """A coder of its own (the model and lexicons are shared, loaded once), safe to retune."""
    base = Coder.load("rules")
    return Coder(base.nlp, base.verbs, base.parties.lexicon, detect)


def parse_all(coder: Coder, golds: list[GoldArticle]) -> list[Parsed]:
    docs = coder.parse([g.article for g in golds])
    return [
        Parsed(gold, doc, coder.geoparser.places(doc)) for (doc, _), gold in zip(docs, golds, strict=True)
    ]


def examples(coder: Coder, parsed: list[Parsed]) -> list[Example]:
    """One example per sentence the coder reads, labelled with the types of the gold events in it."""
    found: list[Example] = []
    for item in parsed:
        state = coder.new_state(item.doc, item.gold.article, item.places)
        sentences = list(item.doc.sents)
        labels: dict[int, set[str]] = {}
        for event in item.gold.events:
            span = evidence_span(item.gold.article.text, event.get("evidence") or "")
            index = sentence_of(span, sentences) if span else None
            if index is not None:
                labels.setdefault(index, set()).add(event["type"])
        starts = {s.start: i for i, s in enumerate(sentences)}
        for position, sentence, lexicon, selected in coder.sentence_triggers(state):
            features = {
                "combined": sentence_features(sentence, selected, position, lexicon),
                "learned": sentence_features(sentence, None, position),
            }
            gold_types = frozenset(labels.get(starts[sentence.start], set()))
            found.append(Example(item.gold.article.id, features, gold_types))
    return found


def fit(
    train: list[Example], variant: str, c: float, types: tuple[str, ...] = PLOVER_TYPES, class_weight=None
) -> dict:
    """One-vs-rest logistic regressions; returns the model as the JSON the coder loads (``class_weight``
    as scikit-learn takes it, for trials)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for example in train for f in example.features[variant])
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    column = {f: i for i, f in enumerate(vocabulary)}
    rows, cols = [], []
    for r, example in enumerate(train):
        for f in example.features[variant]:
            if f in column:
                rows.append(r)
                cols.append(column[f])
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(train), len(vocabulary)))
    weights = np.zeros((len(vocabulary), len(types)))
    bias = np.zeros(len(types))
    for k, kind in enumerate(types):
        y = np.array([kind in example.labels for example in train])
        if y.sum() == 0:
            bias[k] = -10.0
            continue
        model = LogisticRegression(
            C=c, solver="liblinear", random_state=SEED, max_iter=1000, class_weight=class_weight
        )
        model.fit(matrix, y)
        weights[:, k] = model.coef_[0]
        bias[k] = model.intercept_[0]
    kept = {
        f: [round(float(w), 4) for w in weights[i]]
        for f, i in column.items()
        if np.abs(weights[i]).max() >= 0.01
    }
    rates = [round(sum(kind in e.labels for e in train) / len(train), 5) for kind in types]
    return {"types": list(types), "bias": [round(float(b), 4) for b in bias], "rates": rates, "weights": kept}


def type_counts(coder: Coder, parsed: list[Parsed]) -> Counter[str]:
    """True positives, system and gold events as the outside scorer counts them: events pair by type
    within an article."""
    counts: Counter[str] = Counter()
    for item in parsed:
        gold = Counter(e["type"] for e in item.gold.events)
        system = Counter(e.type for e in coder.events(item.doc, item.gold.article, item.places))
        counts.update(tp=sum((gold & system).values()), gold=sum(gold.values()), system=sum(system.values()))
    return counts


def prf(counts: Counter[str]) -> tuple[float, float, float]:
    precision, recall = counts["tp"] / max(counts["system"], 1), counts["tp"] / max(counts["gold"], 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def event_f1(coder: Coder, parsed: list[Parsed]) -> tuple[float, float, float]:
    """The outside scorer's event P/R/F1."""
    return prf(type_counts(coder, parsed))


@dataclass(frozen=True)
class Bars:
    """The detect stage's thresholds (``TypeModel``'s keep, add and add_beside) and what they scored."""

    keep: float
    add: float
    beside: float
    event_f1: float = 0.0  # dev
    fusion_f1: float | None = None  # the multi-report sets' decided pairs; None: not measured

    def on(self, model: TypeModel) -> TypeModel:
        return replace(model, keep=self.keep, add=self.add, add_beside=self.beside)


def fusion_f1(coder: Coder, sets: list[Parsed]) -> float:
    """The decided-pair F1 of fusing the coder's events of the multi-report sets (``learn.fusion``)."""
    coded = ((p.gold, coder.events(p.doc, p.gold.article, p.places)) for p in sets)
    return outcome(fuse_coded(coded), SAME_EVENT, decided=True).scores.f1


def tune(coder: Coder, variant: str, weights: dict, dev: list[Parsed], sets: list[Parsed]) -> Bars:
    """The thresholds: those within ``FLAT`` of the best dev event F1 are measured on fusion too, and the
    best sum of the two wins (ties: the higher bars, which add less). Keep and add are searched first, then
    the bar beside the rules' candidates for the best keep."""
    model = TypeModel.from_json({**weights, "keep": 0.0, "add": 1.01})
    coder.detect = variant
    tried: list[Bars] = []

    def measure(keep: float, add: float, beside: float) -> None:
        bars = Bars(keep, add, beside)
        coder.type_model = bars.on(model)
        tried.append(replace(bars, event_f1=event_f1(coder, dev)[2]))

    for keep in KEEP_GRID if variant == "combined" else (0.0,):
        for add in ADD_GRID:
            measure(keep, add, add)
    first = max(tried, key=lambda b: b.event_f1)
    near = [b.add for b in tried if b.keep == first.keep and b.event_f1 >= first.event_f1 - FLAT]
    for add in near if variant == "combined" else ():
        for beside in (b for b in BESIDE_GRID if b > add):
            measure(first.keep, add, beside)
    top = max(b.event_f1 for b in tried)
    flat = []
    for bars in (b for b in tried if b.event_f1 >= top - FLAT):
        coder.type_model = bars.on(model)
        flat.append(replace(bars, fusion_f1=fusion_f1(coder, sets)))
    return max(flat, key=lambda b: (round(b.event_f1 + b.fusion_f1, 4), b.add, b.beside, b.keep))


def tune_protection(coder: Coder, model: TypeModel, dev: list[Parsed]) -> bool:
    """Whether whole-pattern candidates should be safe from the model's veto: yes unless it costs dev F1."""
    coder.type_model = replace(model, protect=False)
    free = event_f1(coder, dev)[2]
    coder.type_model = replace(model, protect=True)
    return event_f1(coder, dev)[2] >= free - 0.002


def tune_alone(
    coder: Coder, variant: str, model: dict, train: list[Example], parsed: list[Parsed]
) -> tuple[float, dict[float, float]]:
    """The add bar for sentences given alone, chosen by cross-fitting: the training articles that are one
    sentence (the GSR's records, flashes) are split in two seeded halves, the model is refitted without
    each half and the bar chosen by the event F1 of both held-out halves (ties: the higher bar). The dev
    split has almost no lone sentences, and the model's scores on sentences it trained on are too sure.
    Returns the bar and the held-out F1 at each bar tried."""
    ids = sorted({e.article for e in train if e.alone})
    if len(ids) < 20:
        return model["add"], {}
    random.Random(SEED).shuffle(ids)
    by_id = {p.gold.article.id: p for p in parsed}
    counts = {bar: Counter() for bar in ALONE_GRID}
    coder.detect = variant
    for half in (set(ids[0::2]), set(ids[1::2])):
        held_out = TypeModel.from_json({**model, **fit([e for e in train if e.article not in half], variant,
                                                         model["trained"]["C"])})  # fmt: skip
        for bar in ALONE_GRID:
            coder.type_model = replace(held_out, add_alone=bar)
            counts[bar] += type_counts(coder, [by_id[i] for i in sorted(half)])
    f1 = {bar: round(prf(counts[bar])[2], 4) for bar in ALONE_GRID}
    return max(ALONE_GRID, key=lambda bar: (f1[bar], bar)), f1


def fit_variant(
    coder: Coder, variant: str, train_examples: list[Example], dev: list[Parsed], sets: list[Parsed], log
) -> dict:
    """The variant's model with the regularisation and thresholds that do best on dev and the
    multi-report sets' fusion."""
    best: tuple[Bars, dict, float] | None = None
    for c in C_GRID:
        weights = fit(train_examples, variant, c)
        bars = tune(coder, variant, weights, dev, sets)
        log(f"{variant} C={c}: dev event F1 {bars.event_f1:.3f}, fusion of the multi-report sets "
            f"{bars.fusion_f1:.3f} (keep {bars.keep}, add {bars.add} / {bars.beside}), "
            f"{len(weights['weights'])} features")  # fmt: skip
        if best is None or bars.event_f1 + bars.fusion_f1 > best[0].event_f1 + best[0].fusion_f1 + 1e-9:
            best = (bars, weights, c)
    assert best is not None
    bars, weights, c = best
    trained = {"C": c, "dev_event_f1": round(bars.event_f1, 4), "fusion_f1": round(bars.fusion_f1, 4)}
    model = {**weights, "keep": bars.keep, "add": bars.add, "add_beside": bars.beside, "trained": trained}
    model["protect"] = variant == "combined" and tune_protection(coder, TypeModel.from_json(model), dev)
    return model


def train(
    fraction: float = 1.0, out_dir: Path = PACKAGE, log=print, leave_out: frozenset[str] = frozenset()
) -> dict[str, dict]:
    """Fit both variants on the training split (``fraction`` of its articles, seeded; articles whose id is in
    ``leave_out`` set aside), tune them on dev, and write their models under ``out_dir``."""
    started = time.monotonic()
    coder = fresh_coder("rules")  # tuning changes its detect stage: never the process-wide coder
    coder.location_model = None  # the place chooser is trained next, on this model's events (make train):
    # with the rules' places here, neither step reads the other's output, and one run reproduces both
    train_gold = [g for g in read_gold(split_files("train")) if g.article.id not in leave_out]
    if fraction < 1.0:
        train_gold = random.Random(SEED).sample(train_gold, round(len(train_gold) * fraction))
    dev = parse_all(coder, list(read_gold(split_files("dev"))))
    train_parsed = parse_all(coder, train_gold)
    train_examples = examples(coder, train_parsed)
    grouped = {g.article.id for g in multi_report(p.gold for p in train_parsed + dev)}
    sets = [p for p in train_parsed + dev if p.gold.article.id in grouped]
    log(f"train: {len(train_gold)} articles, {len(train_examples)} sentences; dev: {len(dev)} articles; "
        f"{len(sets)} articles of multi-report sets")  # fmt: skip
    coder.type_model = None
    rules = event_f1(coder, dev)
    log(f"dev event P/R/F1 with the rules alone: {rules[0]:.3f} / {rules[1]:.3f} / {rules[2]:.3f}")
    models = {}
    for variant in VARIANTS:
        model = fit_variant(coder, variant, train_examples, dev, sets, log)
        model["add_alone"], held_out = tune_alone(coder, variant, model, train_examples, train_parsed)
        model["trained"]["alone_f1"] = {str(bar): f1 for bar, f1 in held_out.items()}
        log(f"{variant}: add bar for a sentence given alone {model['add_alone']}; cross-fitted event F1 of "
            f"lone sentences by bar: {held_out}")  # fmt: skip
        model["trained"].update(
            articles=len(train_gold),
            sentences=len(train_examples),
            fraction=fraction,
            dev_event_f1_rules=round(rules[2], 4),
            files=[str(p.relative_to(ROOT)) for p in split_files("train")],
        )
        output = out_dir / MODEL_FILES[variant]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
        log(f"wrote {output} ({output.stat().st_size / 1e6:.1f} MB)")
        models[variant] = model
    log(f"trained in {time.monotonic() - started:.0f} s")
    return models


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fraction", type=float, default=1.0, help="share of training articles (learning curve)"
    )
    parser.add_argument("--output", type=Path, default=PACKAGE, help="write data/models/ under this folder")
    args = parser.parse_args()
    train(args.fraction, args.output)


if __name__ == "__main__":
    main()

"""Train the place chooser (``place/choose.py``): ``python -m sitroom.learn.locate`` (``make train``).

Every event the coder finds in a training article is an example when a gold event with a location is
paired with it (of its type, sharing a fifth of its evidence's words) or, failing that, told in its
sentence with its type: each candidate place (``choose.candidates``, the same function the
coder calls) is labelled right when it lies where the outside scorer would accept it (within the gold
radius, 50 km by default; the same country for a country-level gold place). A conditional logit (a
softmax over each event's candidates, fitted with scipy's L-BFGS from zero: deterministic) scores them;
the penalty and, per step of the rules, the margin by which it may overrule them are chosen by
cross-validation over the train split's annotators (each fold's
annotators held out: the score is how well the choice transfers to writers it never saw). Dev is only
reported. The weights are written as JSON (``data/models/locate.json``).
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sitroom.coding.coder import Coder, _event_id
from sitroom.geo import great_circle_km
from sitroom.learn.corpus import GoldArticle, evidence_span, read_gold, split_files
from sitroom.learn.detect import PACKAGE
from sitroom.learn.fusion import evidence_pairs
from sitroom.models import Event, Location
from sitroom.place.choose import MODEL_FILE, NEVER, LocationModel

STRENGTH_GRID = (0.3, 1.0, 3.0, 10.0)  # the L2 penalty
MARGIN_GRID = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, NEVER)  # 1.01: never overrule the rules
FOLDS = 5
MIN_COUNT = 3
PAIR_OVERLAP = 0.2  # the evidence words a coded and a gold event must share to be paired


@dataclass
class Example:
    """One coded event with a gold place: its candidates' features and whether each is right."""

    article: str
    annotator: str
    features: list[list[str]]
    right: list[bool]
    rule: int | None  # the index of the rules' choice
    gold: dict  # the gold location
    places: list[Location]  # each candidate's location
    told: bool = True  # a gold event of its type is told in its sentence (the examples before pairing)


def right_place(gold: dict, location: Location) -> bool:
    """The outside scorer's test of a location (FORMAT.md): within the gold radius, else the same country."""
    if gold.get("lat") is not None and gold.get("lon") is not None:
        if location.lat is None or location.lon is None:
            return False
        reach = float(gold.get("radius_km") or 50.0)
        return great_circle_km(gold["lat"], gold["lon"], location.lat, location.lon) <= reach
    if gold.get("country"):
        return str(gold["country"]).upper() == str(location.country or "").upper()
    return False


def collect(coder: Coder, golds: list[GoldArticle]) -> list[Example]:
    """Code each article with the rules' places, recording every event's candidates, and label them by
    the gold event paired with it (``paired``), else by a gold event of its type told in its sentence."""
    found: list[Example] = []
    docs = coder.parse([g.article for g in golds])
    for (doc, _), gold in zip(docs, golds, strict=True):
        state = coder.new_state(doc, gold.article, coder.geoparser.places(doc))
        state.located = []
        events = coder._events(state)
        kept = {e.id for e in events}
        pairs = paired(gold.events, events)
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        told: dict[tuple[int, str], dict] = {}
        for event in gold.events:
            span = evidence_span(gold.article.text, event.get("evidence") or "")
            if span is None or not isinstance(event.get("location"), dict):
                continue
            for start, end in sentences:
                if start <= span[0] < end:
                    told.setdefault((start, event["type"]), event["location"])
        for sentence, trigger, candidates in state.located:
            if _event_id(gold.article, sentence, trigger) not in kept or not candidates:
                continue
            in_sentence = told.get((sentence.start_char, trigger.plover.type))
            place = pairs.get(_event_id(gold.article, sentence, trigger)) or in_sentence
            if place is None:
                continue
            found.append(
                Example(
                    gold.article.id,
                    gold.annotator,
                    [c.features for c in candidates],
                    [right_place(place, c.location) for c in candidates],
                    next((i for i, c in enumerate(candidates) if c.rule), None),
                    place,
                    [c.location for c in candidates],
                    in_sentence is not None,
                )
            )
    return found


def paired(gold_events: list[dict], events: list[Event]) -> dict[str, dict]:
    """Each coded event's gold place, by the gold event with a place paired with it (``evidence_pairs``:
    of its type, greedy by shared evidence words as the outside scorer pairs, sharing at least
    ``PAIR_OVERLAP`` of them)."""
    located = [g for g in gold_events if isinstance(g.get("location"), dict)]
    pairs = evidence_pairs(located, [e.to_format() for e in events], least=PAIR_OVERLAP)
    return {events[j].id: located[i]["location"] for i, j in pairs}


def fit(examples: list[Example], strength: float) -> dict:
    """A conditional logit over each event's candidates (the softmax of their scores; the loss is minus the
    log of the chance given to the right ones, plus ``strength`` times the squared weights), fitted with
    scipy's L-BFGS from zero; the model as the JSON the coder loads."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    learnable = [e for e in examples if any(e.right)]  # with no right candidate there is nothing to learn
    counts = Counter(f for e in learnable for fs in e.features for f in set(fs))
    column = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    rows, cols, labels, groups = [], [], [], []
    for g, e in enumerate(learnable):
        for fs, right in zip(e.features, e.right, strict=True):
            for f in set(fs):
                if f in column:
                    rows.append(len(labels))
                    cols.append(column[f])
            labels.append(float(right))
            groups.append(g)
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(labels), len(column)))
    y, group, n = np.array(labels), np.array(groups), len(learnable)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        scores = matrix @ w
        top = np.full(n, -np.inf)
        np.maximum.at(top, group, scores)
        weight = np.exp(scores - top[group])
        total, right = np.bincount(group, weight, n), np.bincount(group, weight * y, n)
        value = -np.sum(np.log(right) - np.log(total)) + strength * float(w @ w)
        gradient = matrix.T @ (weight / total[group] - weight * y / right[group]) + 2 * strength * w
        return value, gradient

    w = minimize(loss, np.zeros(len(column)), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    weights = {f: round(float(w[i]), 4) for f, i in column.items() if abs(w[i]) >= 1e-3}
    return {"weights": weights, "margins": {}}


def step_of(example: Example) -> str:
    """The step of the rules that made their choice (its candidate's ``rule&STEP`` feature)."""
    if example.rule is None:
        return "none"
    features = example.features[example.rule]
    return next((f[5:] for f in features if f.startswith("rule&") and f.count("&") == 1), "none")


def accuracy(model: LocationModel, examples: list[Example]) -> float:
    """The share of examples whose chosen candidate is right (the rules' choice where the model defers)."""
    hits = sum(e.right[model.pick(e.features, e.rule, step_of(e))] for e in examples if e.rule is not None)
    return hits / max(len(examples), 1)


def folds(examples: list[Example]) -> list[set[str]]:
    """The train split's annotators in ``FOLDS`` groups of about equal size (largest first, greedily)."""
    sizes = Counter(e.annotator for e in examples)
    groups: list[set[str]] = [set() for _ in range(FOLDS)]
    load = [0] * FOLDS
    for name, n in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        k = load.index(min(load))
        groups[k].add(name)
        load[k] += n
    return groups


def cross_validate(examples: list[Example], log) -> tuple[float, dict[str, float], dict]:
    """The penalty, and per step of the rules the margin, with the most right places held out over
    annotator folds (ties: the higher margin, which overrules the rules less)."""
    hits: dict[tuple[float, str, float], int] = Counter()
    for strength in STRENGTH_GRID:
        for held_out in folds(examples):
            trained = fit([e for e in examples if e.annotator not in held_out], strength)
            for e in (e for e in examples if e.annotator in held_out and e.rule is not None):
                step = step_of(e)
                for margin in MARGIN_GRID:
                    model = LocationModel.from_json({**trained, "margins": {step: margin}})
                    hits[(strength, step, margin)] += e.right[model.pick(e.features, e.rule, step)]
    steps = sorted({step_of(e) for e in examples if e.rule is not None})
    tried = []
    for strength in STRENGTH_GRID:
        margins = {s: max(MARGIN_GRID, key=lambda m: (hits[(strength, s, m)], m)) for s in steps}
        tried.append((sum(hits[(strength, s, margins[s])] for s in steps), strength, margins))
    # the one-standard-error rule: of the penalties whose held-out accuracy lies within one standard
    # error of the best, the strongest (the simplest model; a weak one learned to move "shelled Kharkiv,
    # a spokesman in Kyiv said" to Kyiv), then the one that overrules the rules less
    top = max(t[0] for t in tried)
    n = len(examples)
    error = math.sqrt(top / n * (1 - top / n) / n) * n
    total, strength, margins = max(
        (t for t in tried if t[0] >= top - error), key=lambda t: (t[1], sum(t[2].values()))
    )
    rules = sum(hits[(strength, s, NEVER)] for s in steps)
    table = {s: {str(m): hits[(strength, s, m)] for m in MARGIN_GRID} for s in steps}
    log(f"cross-validated over annotators: rules {rules / n:.4f}, chooser {total / n:.4f} "
        f"(strength {strength}, margins {margins})")  # fmt: skip
    return strength, {s: m for s, m in margins.items() if m < NEVER}, table


def oracle(examples: list[Example]) -> float:
    """The share of examples with a right candidate at all: the most any chooser could reach."""
    return sum(any(e.right) for e in examples) / max(len(examples), 1)


def train(out_dir: Path = PACKAGE, cache: Path | None = None, log=print) -> dict:
    """Collect train and dev examples, cross-validate on train, fit on all of train, write the model."""
    started = time.monotonic()
    if cache is not None and cache.is_file():
        train_examples, dev_examples = pickle.loads(cache.read_bytes())
    else:
        coder = Coder.load("combined")
        coder = Coder(coder.nlp, coder.verbs, coder.parties.lexicon, "combined")
        coder.location_model = None  # the rules' choices are what the model learns to weigh
        train_examples = collect(coder, list(read_gold(split_files("train", older=False))))
        dev_examples = collect(coder, list(read_gold(split_files("dev"))))
        if cache is not None:
            cache.write_bytes(pickle.dumps((train_examples, dev_examples)))
    log(f"train: {len(train_examples)} events with a gold place (oracle {oracle(train_examples):.3f}); "
        f"dev: {len(dev_examples)} (oracle {oracle(dev_examples):.3f})")  # fmt: skip
    c, margins, table = cross_validate(train_examples, log)
    model = {**fit(train_examples, c), "margins": margins}
    chosen = LocationModel.from_json(model)
    rules = LocationModel.from_json({**model, "margins": {}})
    dev = {name: round(accuracy(m, dev_examples), 4) for name, m in (("rules", rules), ("model", chosen))}
    log(f"dev: rules {dev['rules']:.4f}, model {dev['model']:.4f} (strength {c}, margins {margins})")
    model["trained"] = {
        "strength": c,
        "train_events": len(train_examples),
        "cross_validated_hits": table,
        "dev": dev,
        "oracle": {"train": round(oracle(train_examples), 4), "dev": round(oracle(dev_examples), 4)},
    }
    output = out_dir / MODEL_FILE
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    log(f"wrote {output} ({len(model['weights'])} features) in {time.monotonic() - started:.0f} s")
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=PACKAGE, help="write data/models/ under this folder")
    parser.add_argument("--cache", type=Path, help="keep the collected examples here (for experiments)")
    args = parser.parse_args()
    from sitroom.learn import locate  # not this __main__: cached examples must load elsewhere (benches)

    locate.train(args.output, args.cache)


if __name__ == "__main__":
    main()

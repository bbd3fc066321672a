"""Whether an event has a target at all: a learned decision against the rules, cross-fitted over train's
annotators (train and dev only).

    .venv/bin/python bench/party_errors.py train --save /tmp/train.jsonl   # the coded splits, once
    .venv/bin/python bench/party_errors.py dev --save /tmp/dev.jsonl
    .venv/bin/python bench/target_presence.py /tmp/train.jsonl /tmp/dev.jsonl

The rules give every act a target: the one the grammar finds, else the "unnamed party" of the story's
country (``models.CodedArticle.to_format``). Gold leaves the target out of some acts (troops deployed,
a withdrawal, a call on no one in particular), which costs strict F1. This replays the coded output with
the target removed where a decision says so and rescores it with the outside scorer (``score.py``,
imported, unchanged), so pairing moves as it would. Each paired event is an example: positive when gold
has no target, negative when our target is right (a wrong target stays wrong either way). Features: the
type, mode and factuality, what kind of target the rules gave (named, unnamed) and its sector, the
actor's sector, and from a parse of the event's evidence the trigger's lemma, part of speech, dependency,
its children's dependencies and prepositions, and a passive subject.

Decisions compared on the same held-out articles (each train annotator's, fitted on the others) and on
dev (fitted on all of train): the rules (always a target); a per type-and-mode rule (no target where gold
had none more often than our target was right, on the fitting annotators); a logistic regression at
several penalties and thresholds.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from attribute_errors import scorer
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from sitroom.learn.corpus import read_gold, split_files
from sitroom.models import UNNAMED_PARTY
from sitroom.nlp import load_nlp

SCORE = scorer()
PENALTIES = (0.1, 0.3, 1.0)
THRESHOLDS = (0.5, 0.6, 0.7)
Key = tuple[str, int]  # article id, index of the system event


def target_kind(event: dict) -> str:
    target = event.get("target")
    if target is None:
        return "none"
    return "unnamed" if target.get("name") == UNNAMED_PARTY else "named"


def features(event: dict, doc: Doc) -> dict[str, float]:
    """What the decision sees of one coded event (its fields and the parse of its evidence)."""
    kind, target, actor = target_kind(event), event.get("target") or {}, event.get("actor") or {}
    found = {
        f"type={event['type']}", f"type_mode={event['type']}/{event.get('mode')}",
        f"factuality={event.get('factuality')}", f"target={kind}", f"target_type={kind}/{event['type']}",
        f"target_sector={target.get('sector') if kind == 'named' else kind}",
        f"actor_sector={actor.get('sector')}",
    }  # fmt: skip
    first = str(event.get("trigger") or "").lower().split()[:1]
    token = next((t for t in doc if [t.lower_] == first), None)
    if token is not None:
        lemma = token.lemma_.lower()
        found |= {f"lemma={lemma}", f"type_lemma={event['type']}/{lemma}"}
        found |= {f"pos={token.pos_}", f"dep={token.dep_}"}
        found |= {f"child={c.dep_}" for c in token.children}
        found |= {f"prep={c.lower_}" for c in token.children if c.dep_ == "prep"}
        found.add(f"passive={any(c.dep_ == 'nsubjpass' for c in token.children)}")
    return dict.fromkeys(found, 1.0)


def examples(gold: dict, system: dict, annotators: dict[str, str]) -> list[tuple[Key, str, dict, int | None]]:
    """Every system event with a target: its key, annotator, features and label (None: not decidable)."""
    labels: dict[Key, int] = {}
    for key, item in gold.items():
        gold_events, system_events = item.get("events") or [], (system.get(key) or {}).get("events") or []
        for i, j in SCORE.pair_events(gold_events, system_events):
            g, s = gold_events[i], system_events[j]
            if g.get("target") is None:
                labels[(key, j)] = 1
            elif SCORE.party_match(g.get("target"), s.get("target")):
                labels[(key, j)] = 0
    events = [
        ((key, j), event)
        for key, line in system.items()
        for j, event in enumerate(line.get("events") or [])
        if target_kind(event) != "none"
    ]
    texts = [" ".join(str(event.get("evidence")).split())[:1000] for _, event in events]
    docs = load_nlp().pipe(texts, batch_size=64)
    return [
        (key, annotators.get(key[0], "?"), features(event, doc), labels.get(key))
        for (key, event), doc in zip(events, docs, strict=True)
    ]


Decide = Callable[[list, list], set[Key]]  # fitting rows, rows to decide → the keys to drop the target of


def learned(penalty: float, threshold: float) -> Decide:
    def decide(fitting: list, rows: list) -> set[Key]:
        labelled = [r for r in fitting if r[3] is not None]
        vectorizer = DictVectorizer()
        model = LogisticRegression(C=penalty, max_iter=2000)
        model.fit(vectorizer.fit_transform([r[2] for r in labelled]), [r[3] for r in labelled])
        if not rows:
            return set()
        p = model.predict_proba(vectorizer.transform([r[2] for r in rows]))[:, 1]
        return {r[0] for r, q in zip(rows, p, strict=True) if q > threshold}

    return decide


def type_mode_rule(fitting: list, rows: list) -> set[Key]:
    """No target for a type and mode (and kind of target) where gold had none more often than ours was
    right, on the fitting annotators."""
    none, right = Counter(), Counter()

    def cell(row) -> str:
        f = row[2]
        return f"{_value(f, 'type_mode')}/{_value(f, 'target')}"

    for row in fitting:
        if row[3] is not None:
            (none if row[3] else right)[cell(row)] += 1
    return {row[0] for row in rows if none[cell(row)] > right[cell(row)]}


def _value(found: dict[str, float], name: str) -> str:
    return next(k for k in found if k.startswith(name + "="))


def always(fitting: list, rows: list) -> set[Key]:
    return set()


def without_targets(system: dict, keys: set[Key]) -> dict:
    out = {}
    for key, line in system.items():
        events = line.get("events") or []
        events = [dict(e, target=None) if (key, j) in keys else e for j, e in enumerate(events)]
        out[key] = {**line, "events": events}
    return out


def measured(gold: dict, system: dict) -> str:
    result = SCORE.score(gold, system)
    fields = result["fields"]
    return (
        f"strict F1 {result['strict']['f1']:.4f} (TP {result['strict']['tp']}), "
        f"actor {fields['actor']['accuracy']:.4f}, target {fields['target']['accuracy']:.4f}"
    )


def split_data(split: str, coded: Path) -> tuple[dict, dict, dict[str, str]]:
    golds = list(read_gold(split_files(split, older=False)))
    gold = {g.article.id: {"events": g.events} for g in golds}
    lines = [json.loads(line) for line in coded.read_text(encoding="utf-8").splitlines() if line]
    return gold, {line["id"]: line for line in lines}, {g.article.id: g.annotator for g in golds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path, help="train's coded output (bench/party_errors.py --save)")
    parser.add_argument("dev", type=Path, help="dev's coded output")
    args = parser.parse_args()
    train_gold, train_system, train_annotators = split_data("train", args.train)
    dev_gold, dev_system, dev_annotators = split_data("dev", args.dev)
    train_rows = examples(train_gold, train_system, train_annotators)
    dev_rows = examples(dev_gold, dev_system, dev_annotators)
    labelled = Counter(r[3] for r in train_rows if r[3] is not None)
    print(f"train: {labelled[1]} paired events whose gold has no target, {labelled[0]} our target right")
    decisions: dict[str, Decide] = {"rules (always a target)": always, "per type and mode": type_mode_rule}
    decisions |= {f"learned C={c} p>{t}": learned(c, t) for c in PENALTIES for t in THRESHOLDS}
    for name, decide in decisions.items():
        held: set[Key] = set()
        for annotator in sorted({r[1] for r in train_rows}):
            fitting = [r for r in train_rows if r[1] != annotator]
            held |= decide(fitting, [r for r in train_rows if r[1] == annotator])
        on_dev = decide(train_rows, dev_rows)
        train_score = measured(train_gold, without_targets(train_system, held))
        dev_score = measured(dev_gold, without_targets(dev_system, on_dev))
        print(f"{name}: train held out, {len(held)} dropped: {train_score}")
        print(f"{' ' * len(name)}  dev, {len(on_dev)} dropped: {dev_score}")


if __name__ == "__main__":
    main()

"""Would a learned pair scorer beat fusion's hand-set link decision? Leave one annotator out, pairwise.

    .venv/bin/python bench/fuse_learned.py --coded /tmp/coded.pkl   # fuse_corpus.py train dev's cache

Needs scikit-learn (the ``train`` extra). Every cross-article pair of coded events of one type family in
the train and dev splits, paired with gold events, at least one of them grouped (two ungrouped events are
undecided, as in ``fuse_corpus.py``'s decided pairs), is a row: positive when both gold events share a
group. The features are the hand rules' own readings of the pair (its score, word overlap, shared names
and numbers, same day, same type, modes of two kinds, a conflict and whether it is sure, a denial against a
report, an aftermath sentence, parties and place countries that differ, places apart or near, day windows
apart, tolls that clash, counterparts that differ; the private helpers of ``sitroom.fuse.match``). A
logistic regression (seeded) is fitted on all annotators but one and decides that one's pairs at several
bars; the hand decision is
:func:`sitroom.fuse.link_score` (a link, before clustering's cohesion and complete-link checks).

``--cluster`` then puts each held-out model's links inside the clustering (a sure conflict still vetoes;
otherwise a pair links when the model says so, with the hand score for ranking and cohesion: the bench
swaps ``sitroom.fuse.cluster.judge`` for the run) and counts the held annotator's decided pairs.

This compares single pair decisions only: fusion's clusters add the cohesion and complete-link rules on
top of the links, which lift the hand rules' end result well above their pairwise one, so a win here is
a reason to try the model inside the clustering, not a result on its own (docs/accuracy.md, "Fusion").
"""

from __future__ import annotations

import argparse
import math
from itertools import combinations
from pathlib import Path

import numpy as np
from fuse_corpus import code_and_fuse
from sklearn.linear_model import LogisticRegression

from sitroom.fuse import Signature, cluster, conflict, fuse, keeps_apart, link_score, match, score
from sitroom.fuse.features import DAY_SLACK, overlap
from sitroom.fuse.match import DEFAULT_RULES, Rules
from sitroom.learn.fusion import SAME_EVENT, Fused


def features(a: Signature, b: Signature) -> list[float]:
    """The hand rules' readings of a pair, as numbers."""
    apart = bool(a.points and b.points and match._all_apart(a, b, DEFAULT_RULES.km_apart))
    near = bool(a.points and b.points and not match._all_apart(a, b, DEFAULT_RULES.km_same))
    tolls = a.fatalities is not None and b.fatalities is not None
    flags = (
        apart,
        near,
        a.lo is not None and b.lo is not None and (a.hi + DAY_SLACK < b.lo or b.hi + DAY_SLACK < a.lo),
        tolls and match._fatalities_clash(a, b, DEFAULT_RULES),
        bool(a.parties and b.parties and match._counterpart_clash(a, b)),
        bool(a.names & b.names),
        bool(a.numbers & b.numbers),
        a.dated and b.dated and a.lo == b.lo and a.hi == b.hi,
        a.type == b.type,
        bool(a.mode_kind and b.mode_kind and a.mode_kind != b.mode_kind),
        conflict(a, b) is not None,
        keeps_apart(a, b),
        a.denial != b.denial,
        a.aftermath or b.aftermath,
        bool(a.actor and b.actor and a.actor != b.actor),
        bool(a.target and b.target and a.target != b.target),
        bool(a.place_country and b.place_country and a.place_country != b.place_country),
    )
    return [score(a, b), overlap(a, b), float(match._party_clash(a, b)), *map(float, flags)]


def prf(predicted: np.ndarray, gold: np.ndarray) -> str:
    tp = int((predicted & gold).sum())
    return prf_counts(tp, int((predicted & (1 - gold)).sum()), int(((1 - predicted) & gold).sum()))


def prf_counts(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (right {tp}, wrong {fp}, missed {fn})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coded", type=Path, help="bench/fuse_corpus.py's cache of train + dev")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--cluster", action="store_true", help="also fuse with each held-out model's links")
    args = parser.parse_args()
    fused = code_and_fuse(["train", "dev"], "combined", args.coded, args.workers)
    group = {m: SAME_EVENT.get(g, g) if g else None for m, g in fused.group_of.items()}
    rows, gold, annotator, hand = [], [], [], []
    for a, b in combinations(sorted(group), 2):
        x, y = fused.sigs[a], fused.sigs[b]
        if fused.article_of[a] == fused.article_of[b] or x.family != y.family or not (group[a] or group[b]):
            continue
        rows.append(features(x, y))
        gold.append(int(group[a] is not None and group[a] == group[b]))
        annotator.append((group[a] or group[b]).split("-")[0])
        hand.append(int(link_score(x, y) is not None))
    X, Y, A = np.array(rows), np.array(gold), np.array(annotator)
    print(f"{len(Y)} pairs, {Y.sum()} of one event, {len(set(A))} annotators")
    print(f"hand link decision                   {prf(np.array(hand), Y)}")
    for c in (1.0, 10.0):
        for bar in (0.3, 0.5, 0.7):
            predicted = np.zeros_like(Y)
            for held in sorted(set(A)):
                model = LogisticRegression(C=c, max_iter=2000, random_state=0).fit(X[held != A], Y[held != A])
                predicted[held == A] = model.predict_proba(X[held == A])[:, 1] >= bar
            print(f"learned, C {c:>4}, bar {bar} (one out)  {prf(predicted, Y)}")
    if args.cluster:
        for bar in (0.3, 0.5, 0.7):
            print(f"learned links in clusters, C 10, bar {bar}  {clustered(fused, group, X, Y, A, bar)}")


def clustered(
    fused: Fused, group: dict[str, str | None], X: np.ndarray, Y: np.ndarray, A: np.ndarray, bar: float
) -> str:
    """Decided pairs of each annotator, fused with a model trained without that annotator's pairs."""
    found = missed = wrong = 0
    for held in sorted(set(A)):
        model = LogisticRegression(C=10.0, max_iter=2000, random_state=0).fit(X[held != A], Y[held != A])
        members = fuse_with(fused, model, bar)
        for a, b in combinations(fused.gold_events, 2):
            one = SAME_EVENT.get(a.group, a.group)
            if a.article == b.article or one != SAME_EVENT.get(b.group, b.group) or one.split("-")[0] != held:
                continue
            hit = a.mention is not None and b.mention is not None and members[a.mention] == members[b.mention]
            found, missed = found + hit, missed + (not hit)
        for a, b in combinations(sorted(group), 2):
            grouped = group[a] or group[b]
            if grouped is None or grouped.split("-")[0] != held or fused.article_of[a] == fused.article_of[b]:
                continue
            wrong += members[a] == members[b] and not (group[a] is not None and group[a] == group[b])
    return prf_counts(found, wrong, missed)


def fuse_with(fused: Fused, model: LogisticRegression, bar: float) -> dict[str, str]:
    """Fuse every coded event, links decided by ``model`` (sure conflicts still veto); mention -> cluster."""
    weights, bias, needed = model.coef_[0], model.intercept_[0], math.log(bar / (1 - bar))

    def judge(
        a: Signature, b: Signature, rules: Rules = DEFAULT_RULES
    ) -> tuple[str | None, float | None, bool]:
        reason, value, sure = match.judge(a, b, rules)
        if sure:
            return reason, value, sure
        if float(np.dot(weights, features(a, b))) + bias >= needed:
            return None, score(a, b, rules), False
        return reason or "weak", None, False

    cluster.judge = judge
    try:
        return {m: key for key, members in fuse(fused.sigs.values()).items() for m in members}
    finally:
        cluster.judge = match.judge


if __name__ == "__main__":
    main()

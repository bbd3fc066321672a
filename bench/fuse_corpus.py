"""Fusion of the coder's own output on the corpus's multi-report sets: cross-article pair P/R/F1.

    .venv/bin/python bench/fuse_corpus.py dev            # or train / test (aggregates only)

In the corpus, events that several articles report carry the same ``group`` (tests/data/corpus/README.md).
All articles of the split are coded and fused together (the others are distractors). Each gold event is
paired with a coded event of its article the way the outside scorer pairs them (same type, then parties
and evidence). Then, over pairs of events in *different* articles:

- recall: of the gold pairs that share a group, the share whose coded events are fused into one event
  (a gold event the coder missed or mistyped loses its pairs);
- precision: of the fused pairs of coded events that are paired with gold events, the share whose gold
  events share a group (coded events that pair with no gold event are the coder's errors, counted in
  event precision, not here).
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations

from sitroom.fuse import fuse, signature
from sitroom.fuse.evaluate import Scores, mention_of
from sitroom.learn.corpus import ROOT, read_gold, split_files
from sitroom.pipeline import code_articles

sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))
from score import pair_events  # the outside scorer's own pairing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits", nargs="+", choices=("train", "dev", "test"))
    parser.add_argument("--variant", default="combined")
    args = parser.parse_args()
    golds = [g for split in args.splits for g in read_gold(split_files(split, older=False))]
    coded = list(code_articles([g.article for g in golds], workers=2, detect=args.variant))
    group_of: dict[str, str | None] = {}  # coded event id -> gold group (None: paired, no group)
    gold_events: list[tuple[str, str, str | None]] = []  # (article, group, coded event id or None)
    signatures = []
    article_of: dict[str, str] = {}
    for gold, result in zip(golds, coded, strict=True):
        system = [e.to_format() for e in result.events]
        paired = dict(pair_events(gold.events, system))
        for index, event in enumerate(gold.events):
            mention = result.events[paired[index]].id if index in paired else None
            if mention is not None:
                group_of[mention] = event.get("group")
            if event.get("group"):
                gold_events.append((gold.article.id, event["group"], mention))
        signatures += [signature(mention_of(e, gold.article)) for e in result.events]
        article_of.update((e.id, gold.article.id) for e in result.events)
    cluster = {m: key for key, members in fuse(signatures).items() for m in members}
    tp = fn = fp = 0
    for (art_a, group_a, m_a), (art_b, group_b, m_b) in combinations(gold_events, 2):
        if art_a == art_b or group_a != group_b:
            continue
        if m_a is not None and m_b is not None and cluster[m_a] == cluster[m_b]:
            tp += 1
        else:
            fn += 1
    mentions = sorted(group_of)
    for a, b in combinations(mentions, 2):
        if cluster[a] != cluster[b] or article_of[a] == article_of[b]:
            continue
        same = group_of[a] is not None and group_of[a] == group_of[b]
        fp += not same
    scores = Scores(tp, fp, fn)
    groups = {g for _, g, _ in gold_events}
    print(f"{' + '.join(args.splits)}: {len(groups)} multi-report events, {tp + fn} gold cross-article pairs")
    print(f"cross-article pairs  P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}"
          f"  (found {tp}, missed {fn}, wrongly fused {fp})")  # fmt: skip


if __name__ == "__main__":
    main()

"""Fusion quality on our own set of reports (tests/data/fusion): pairwise P/R/F1 per split and reading.

    .venv/bin/python bench/fuse_quality.py            # the table in docs/accuracy.md, "Fusion"
    .venv/bin/python bench/fuse_quality.py --errors   # and every wrong pair, with why

Readings: ``coder`` (mentions as the real coder codes them), ``coder+attributes`` (the same mentions with
the annotated date, place and toll), ``gold`` (the annotated events as mentions: fusion alone).
``tests/fuse/test_quality.py`` pins floors under these numbers.
"""

from __future__ import annotations

import argparse
from itertools import combinations
from pathlib import Path

from sitroom.coding.coder import Coder
from sitroom.fuse import conflict, fuse, score, signature
from sitroom.fuse.evaluate import (
    Scores,
    gold_mentions,
    label,
    load_near_misses,
    load_reports,
    near_miss_violations,
    pairwise,
)

DATA = Path(__file__).parents[1] / "tests" / "data" / "fusion"
SPLITS = ("dev", "test", "holdout")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the pairs fused or split wrongly")
    args = parser.parse_args()
    reports = load_reports(DATA / "reports.jsonl")
    coded = list(Coder.load().pipe([report.article for report in reports]))
    near = load_near_misses(DATA / "near_miss.jsonl")
    print(f"{'reading':17} {'split':8} {'mentions':>8} {'P':>6} {'R':>6} {'F1':>6}  near-miss pairs fused")
    for reading in ("coder", "coder+attributes", "gold"):
        total = Scores(0, 0, 0)
        fused_near: list[tuple[str, str]] = []
        count = 0
        for split in SPLITS:
            pairs = []
            for report, article in zip(reports, coded, strict=True):
                if report.split != split:
                    continue
                if reading == "gold":
                    pairs += gold_mentions(report)
                else:
                    pairs += label(report, article, with_gold_attributes=reading != "coder")
            sigs = {mention.id: signature(mention) for mention, _group in pairs}
            clusters = fuse(sigs.values())
            predicted = {mid: key for key, members in clusters.items() for mid in members}
            gold = {mention.id: group for mention, group in pairs if group}
            scores = pairwise(gold, predicted)
            violations = near_miss_violations(gold, predicted, near)
            total = Scores(*(x + y for x, y in zip(vars(total).values(), vars(scores).values(), strict=True)))
            fused_near += violations
            count += len(gold)
            print(f"{reading:17} {split:8} {len(gold):>8} {scores.precision:6.3f} {scores.recall:6.3f} "
                  f"{scores.f1:6.3f}  {violations or ''}")  # fmt: skip
            if args.errors:
                evidence = {m.id: f"{m.article_id}: {m.event.evidence[:70]}" for m, _g in pairs}
                for a, b in combinations(sorted(gold), 2):
                    if (gold[a] == gold[b]) != (predicted[a] == predicted[b]):
                        kind = "split" if gold[a] == gold[b] else "fused"
                        why = conflict(sigs[a], sigs[b]) or f"score {score(sigs[a], sigs[b]):.2f}"
                        print(f"    {kind} {gold[a]}/{gold[b]} ({why})")
                        print(f"      {evidence[a]}\n      {evidence[b]}")
        rates = f"{total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}"
        print(f"{reading:17} {'all':8} {count:>8} {rates}  {len(fused_near)} of {len(near)}")


if __name__ == "__main__":
    main()

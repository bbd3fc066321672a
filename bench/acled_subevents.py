"""ACLED sub-event types of the coder's events against the corpus annotators' ones.

    .venv/bin/python bench/acled_subevents.py dev [--variant combined]

The corpus annotators gave ACLED's sub-event type to every event within ACLED's scope
(tests/data/corpus/README.md). Events are paired as the outside scorer pairs them; on the pairs whose gold
event has a sub-event type this prints accuracy and the support-weighted F1 over sub-event types (a coded
event outside ACLED's scope counts as wrong), and how many gold sub-events had no coded event paired.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from sitroom.learn.corpus import FROZEN, ROOT, SPLITS, read_gold, split_files
from sitroom.pipeline import code_articles

sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))
from score import pair_events  # the outside scorer's own pairing


def weighted_f1(pairs: list[tuple[str, str | None]]) -> float:
    """Support-weighted F1 over the gold labels (scikit-learn's "weighted" average, without it)."""
    gold = Counter(g for g, _ in pairs)
    predicted = Counter(s for _, s in pairs)
    hits = Counter(g for g, s in pairs if g == s)
    total = 0.0
    for label, support in gold.items():
        precision = hits[label] / predicted[label] if predicted[label] else 0.0
        recall = hits[label] / support
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total += f1 * support
    return total / max(sum(gold.values()), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits", nargs="+", choices=SPLITS)
    parser.add_argument("--variant", default="combined")
    args = parser.parse_args()
    golds = [g for split in args.splits for g in read_gold(split_files(split, older=False))]
    coded = code_articles([g.article for g in golds], workers=2, detect=args.variant)
    pairs: list[tuple[str, str | None]] = []
    unpaired = 0
    for gold, result in zip(golds, coded, strict=True):
        system = [e.to_format() for e in result.events]
        paired = dict(pair_events(gold.events, system))
        for index, event in enumerate(gold.events):
            label = event.get("acled_sub_event_type")
            if not label:
                continue
            if index not in paired:
                unpaired += 1
                continue
            pairs.append((label, system[paired[index]].get("acled_sub_event_type")))
    accuracy = sum(g == s for g, s in pairs) / max(len(pairs), 1)
    print(f"{' + '.join(args.splits)}: {len(pairs) + unpaired} gold events with a sub-event type, "
          f"{len(pairs)} paired with a coded event")  # fmt: skip
    print(f"paired: accuracy {accuracy:.3f}, weighted F1 {weighted_f1(pairs):.3f}")
    if set(FROZEN) & set(args.splits):
        return  # the frozen test split gives aggregates only: its errors are never read
    for (g, s), n in Counter(pairs).most_common(15):
        if g != s:
            print(f"  {n:3d}  gold {g!r} -> coded {s!r}")


if __name__ == "__main__":
    main()

"""Fusion of the coder's own output on the corpus's multi-report sets: cross-article pair P/R/F1.

    .venv/bin/python bench/fuse_corpus.py dev            # or train / test (aggregates only)
    .venv/bin/python bench/fuse_corpus.py train --errors # and every wrong pair, with why (not on test)
    .venv/bin/python bench/fuse_corpus.py train dev --coded /tmp/coded.pkl  # code once, then fuse only

``--coded FILE`` keeps the coded articles (pickled) and reads them back on the next run, so a change to
fusion is measured in seconds; delete the file when the coder changes.

In the corpus, events that several articles report carry the same ``group`` (tests/data/corpus/README.md).
All articles of the split are coded and fused together (the others are distractors). Each gold event is
paired with a coded event of its article the way the outside scorer pairs them (same type, then parties
and evidence). Then, over pairs of events in *different* articles:

- recall: of the gold pairs that share a group, the share whose coded events are fused into one event
  (a gold event the coder missed or mistyped loses its pairs);
- precision: of the fused pairs of coded events that are paired with gold events, the share whose gold
  events share a group (coded events that pair with no gold event are the coder's errors, counted in
  event precision, not here).

An annotator gave a group to the *one* event the articles of a multi-report set share; the other events
of those articles carry none, even when two outlets tell the same one (the village both live blogs say
Russia took, the communiqué both papers quote). A fused pair of two ungrouped events is therefore
undecided, not wrong: the line "decided pairs" counts precision only over fused pairs with at least one
grouped event (a grouped event fused with another group's, or with an ungrouped event, is wrong). The
first line keeps counting every fused pair, as annotated.

Groups are named per annotator, so two annotators who wrote about the same real event gave it two
groups. :data:`SAME_EVENT` lists the pairs of groups found so (by reading the train split); the first
line counts groups as annotated, a second line, when a listed group is present, counts them as one event.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from itertools import combinations
from pathlib import Path

from sitroom.fuse import conflict, score
from sitroom.learn.corpus import FROZEN, ROOT, SPLITS, read_gold, split_files
from sitroom.learn.fusion import SAME_EVENT, Fused, GoldEvent, fuse_coded, outcome
from sitroom.pipeline import code_articles

sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))
from score import pair_events  # the outside scorer's own pairing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits", nargs="+", choices=SPLITS)
    parser.add_argument("--variant", default="combined")
    parser.add_argument("--errors", action="store_true", help="list the pairs missed or fused wrongly")
    parser.add_argument("--coded", type=Path, help="keep the coded articles in this file and reuse them")
    parser.add_argument("--workers", type=int, default=2, help="coding processes (default 2)")
    args = parser.parse_args()
    if args.errors and set(FROZEN) & set(args.splits):
        parser.error("the test split is frozen: its errors are not read")
    fused = code_and_fuse(args.splits, args.variant, args.coded, args.workers)
    groups = {g.group for g in fused.gold_events}
    pairs = sum(a.article != b.article and a.group == b.group for a, b in combinations(fused.gold_events, 2))
    print(f"{' + '.join(args.splits)}: {len(groups)} multi-report events, {pairs} gold cross-article pairs")
    report("cross-article pairs", fused, {}, args.errors)
    if groups & set(SAME_EVENT):
        report("one real event, two annotators' groups as one", fused, SAME_EVENT, False)
    report("decided pairs (one real event as one)", fused, SAME_EVENT, False, decided=True)


def code_and_fuse(splits: list[str], variant: str, cache: Path | None = None, workers: int = 2) -> Fused:
    """Code every article of the splits, pair gold and coded events, and fuse the coded ones."""
    golds = [g for split in splits for g in read_gold(split_files(split, older=False))]
    if cache is not None and cache.exists():
        coded = pickle.loads(cache.read_bytes())
    else:
        coded = list(code_articles([g.article for g in golds], workers=workers, detect=variant))
        if cache is not None:
            cache.write_bytes(pickle.dumps(coded))
    return fuse_coded(((g, r.events) for g, r in zip(golds, coded, strict=True)), pair_events)


def report(title: str, fused: Fused, same: dict[str, str], errors: bool, decided: bool = False) -> None:
    """Score the pairs (groups renamed by ``same``) and print the rates, and the wrong pairs if asked;
    ``decided``: count as wrong only fused pairs with a grouped event (see the module docstring)."""
    result = outcome(fused, same, decided)
    found, missed, wrong, scores = result.found, result.missed, result.wrong, result.scores
    print(f"{title}  P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}"
          f"  (found {found}, missed {len(missed)}, wrongly fused {len(wrong)})")  # fmt: skip
    if errors:
        group = {m: same.get(g, g) if g else None for m, g in fused.group_of.items()}
        print_errors(fused, group, missed, wrong)


def print_errors(
    fused: Fused, group: dict[str, str | None], missed: list[tuple[GoldEvent, GoldEvent]], wrong: list
) -> None:
    """Every pair missed (with the conflict or the score that kept it apart) and every pair fused wrongly."""
    for a, b in missed:
        if a.mention is None or b.mention is None:
            lost = a if a.mention is None else b
            print(f"  missed {a.group}: the coder gave no event for {lost.article}: {lost.evidence[:90]!r}")
            continue
        print(f"  missed {a.group}: {why(fused, a.mention, b.mention)}")
        print(f"    {line(fused, a.mention)}\n    {line(fused, b.mention)}")
    for a, b in wrong:
        print(f"  fused {group[a]} / {group[b]}: {why(fused, a, b)}")
        print(f"    {line(fused, a)}\n    {line(fused, b)}")


def why(fused: Fused, a: str, b: str) -> str:
    x, y = fused.sigs[a], fused.sigs[b]
    if fused.together(a, b):
        return f"score {score(x, y):.2f}"
    reason = conflict(x, y)
    return reason or f"score {score(x, y):.2f} (apart: linked elsewhere, or too weak)"


def line(fused: Fused, mention: str) -> str:
    event = fused.events[mention]
    place = event.location.name if event.location else None
    day = f"{event.date.start}..{event.date.end} {event.date.text!r}" if event.date else None
    evidence = " ".join(event.evidence.split())[:110]
    return f"{fused.article_of[mention]} {event.type} @{place} {day} dead={event.fatalities}: {evidence!r}"


if __name__ == "__main__":
    main()

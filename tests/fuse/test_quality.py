"""Quality gate: fusion on our own set of reports (tests/data/fusion), scored pairwise.

The real coder turns 144 short wire reports of 72 events into mentions; fusion must pair the reports
of one event and keep look-alikes apart (28 near-miss pairs). Floors are pinned in ``baseline.json``
a little below the measured scores (docs/accuracy.md, "Fusion"); a change that drops below fails here.
Three readings:

- ``coder``: the mentions as the coder codes them today;
- ``coder_with_gold_attributes``: the same mentions with the annotated date, place and toll, as the
  attribute and place stages will give them;
- ``gold``: the annotated events themselves as mentions (fusion alone, no coding error).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from sitroom.coding.coder import Coder
from sitroom.fuse import Fuser, Mention, fuse, signature
from sitroom.fuse.evaluate import (
    Scores,
    gold_mentions,
    label,
    load_near_misses,
    load_reports,
    near_miss_violations,
    pairwise,
)

DATA = Path(__file__).parents[1] / "data" / "fusion"
BASELINE = json.loads((DATA / "baseline.json").read_text())
REPORTS = load_reports(DATA / "reports.jsonl")
NEAR = load_near_misses(DATA / "near_miss.jsonl")


@pytest.fixture(scope="module")
def coded():
    return list(Coder.load().pipe([report.article for report in REPORTS]))


def labelled(reading: str, coded) -> list[tuple[Mention, str | None]]:
    if reading == "gold":
        return [pair for report in REPORTS for pair in gold_mentions(report)]
    attributes = reading == "coder_with_gold_attributes"
    return [
        pair
        for report, article in zip(REPORTS, coded, strict=True)
        for pair in label(report, article, attributes)
    ]


def score(pairs: list[tuple[Mention, str | None]]) -> tuple[Scores, list[tuple[str, str]], dict[str, str]]:
    clusters = fuse(signature(mention) for mention, _group in pairs)
    predicted = {mention_id: key for key, members in clusters.items() for mention_id in members}
    gold = {mention.id: group for mention, group in pairs if group}
    return pairwise(gold, predicted), near_miss_violations(gold, predicted, NEAR), predicted


def test_the_set_is_as_described() -> None:
    groups = {event["group"] for report in REPORTS for event in report.events}
    sizes = {g: sum(e["group"] == g for r in REPORTS for e in r.events) for g in groups}
    assert len(REPORTS) == 144 and len(NEAR) == 28
    assert sum(2 <= size <= 6 for size in sizes.values()) >= 20


@pytest.mark.parametrize("reading", ["coder", "coder_with_gold_attributes", "gold"])
def test_fusion_quality_stays_above_its_floor(reading: str, coded) -> None:
    scores, violations, _ = score(labelled(reading, coded))
    floor = BASELINE[reading]
    rates = f"P {scores.precision:.3f} R {scores.recall:.3f} F1 {scores.f1:.3f}"
    report = f"{reading}: {rates}, near misses fused: {violations}"
    assert scores.f1 >= floor["f1"], report
    assert scores.precision >= floor["precision"], report
    assert len(violations) <= floor["near_miss_violations"], report


def test_arrival_order_does_not_change_the_fused_events(coded) -> None:
    sigs = [signature(mention) for mention, _group in labelled("coder", coded)]
    expected = fuse(sigs)
    for seed in range(5):
        shuffled = sigs[:]
        random.Random(seed).shuffle(shuffled)
        fuser = Fuser()
        for sig in shuffled:
            fuser.add(sig)
        assert {key: [s.id for s in members] for key, members in fuser.clusters().items()} == expected

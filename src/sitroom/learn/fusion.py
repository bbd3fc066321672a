"""Fusion of the coder's own events on the corpus's multi-report sets: cross-article pairs found, missed
and fused wrongly.

Each annotator wrote sets of three articles that tell one real event; that event carries one ``group``
in all three (tests/data/README.md). The coded events of the articles are paired with the gold ones and
fused; a gold pair in two articles is *found* when its coded events are fused into one event. A fused pair
of coded events in two articles is *wrong* when their gold events do not share a group, and, counting
*decided* pairs only, when at least one of them has a group: the annotators gave a group to the one
event a set shares, so two ungrouped events fused (two papers quoting one communiqué) are undecided.

``bench/fuse_corpus.py`` reports this with the outside scorer's pairing; ``learn.detect`` chooses the
detect stage's bars on it beside event F1, with :func:`evidence_pairs` (make train needs no file outside
the repository), because what events are for is also their fusion: bars tuned on event F1 alone traded
precision for recall that split the reports of one event (docs/accuracy.md, "Session 10").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from sitroom.fuse import Signature, fuse, signature
from sitroom.fuse.evaluate import Scores, mention_of
from sitroom.learn.corpus import GoldArticle
from sitroom.models import Event

#: Groups of two annotators that are one real event: the Russian missile strike on an apartment block in
#: Zaporizhzhia on 17 October 2024 (4, then 9, then 11 dead), written by W01 and by W07.
SAME_EVENT = {"W07-G1": "W01-G1"}

#: Pairs gold events (FORMAT.md dicts) with system events: a list of (gold index, system index).
Pairing = Callable[[list[dict], list[dict]], list[tuple[int, int]]]


@dataclass(frozen=True)
class GoldEvent:
    """A grouped gold event, with the coded event paired with it (None: the coder missed it)."""

    article: str
    group: str
    mention: str | None
    evidence: str


@dataclass
class Fused:
    """Coded articles paired with their gold events and fused: what the counting reads."""

    gold_events: list[GoldEvent] = field(default_factory=list)
    group_of: dict[str, str | None] = field(default_factory=dict)  # coded event id -> gold group
    article_of: dict[str, str] = field(default_factory=dict)
    cluster: dict[str, str] = field(default_factory=dict)  # coded event id -> fused event id
    sigs: dict[str, Signature] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)

    def together(self, a: str, b: str) -> bool:
        return self.cluster[a] == self.cluster[b]


@dataclass(frozen=True)
class Outcome:
    """The cross-article pairs: how many found, and which missed and which fused wrongly."""

    found: int
    missed: list[tuple[GoldEvent, GoldEvent]]
    wrong: list[tuple[str, str]]

    @property
    def scores(self) -> Scores:
        return Scores(self.found, len(self.wrong), len(self.missed))


def multi_report(golds: Iterable[GoldArticle]) -> list[GoldArticle]:
    """The articles of the multi-report sets: those with a grouped event."""
    return [g for g in golds if any(e.get("group") for e in g.events)]


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def evidence_pairs(
    gold_events: list[dict], system_events: list[dict], least: float = 0.0
) -> list[tuple[int, int]]:
    """Greedy best-first pairing of events of the same type by the overlap of their evidence's words:
    the outside scorer's pairing without its terms for parties. Events sharing less than ``least`` of
    their words are never paired (the place chooser's training: an event must not learn another
    sentence's place)."""
    words = [_words(s.get("evidence")) for s in system_events]
    candidates = []
    for i, gold in enumerate(gold_events):
        mine = _words(gold.get("evidence"))
        for j, system in enumerate(system_events):
            if str(gold.get("type", "")).upper() == str(system.get("type", "")).upper():
                shared = len(mine & words[j]) / len(mine | words[j]) if mine and words[j] else 0.0
                if shared >= least:
                    candidates.append((shared, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold, used_system, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((i, j))
    return pairs


def fuse_coded(coded: Iterable[tuple[GoldArticle, list[Event]]], pair: Pairing = evidence_pairs) -> Fused:
    """Pair each article's coded events with its gold ones, and fuse all the coded events together."""
    fused = Fused()
    for gold, events in coded:
        paired = dict(pair(gold.events, [e.to_format() for e in events]))
        for index, event in enumerate(gold.events):
            mention = events[paired[index]].id if index in paired else None
            if mention is not None:
                fused.group_of[mention] = event.get("group")
            if group := event.get("group"):
                fused.gold_events.append(GoldEvent(gold.article.id, group, mention, event["evidence"]))
        for event in events:
            fused.sigs[event.id] = signature(mention_of(event, gold.article))
            fused.events[event.id] = event
            fused.article_of[event.id] = gold.article.id
    fused.cluster = {m: key for key, members in fuse(fused.sigs.values()).items() for m in members}
    return fused


def outcome(fused: Fused, same: dict[str, str], decided: bool = False) -> Outcome:
    """Count the cross-article pairs, groups renamed by ``same``; ``decided``: a fused pair of two
    ungrouped events is not counted (see the module docstring)."""
    group = {m: same.get(g, g) if g else None for m, g in fused.group_of.items()}
    missed, wrong, found = [], [], 0
    for a, b in combinations(fused.gold_events, 2):
        if a.article == b.article or same.get(a.group, a.group) != same.get(b.group, b.group):
            continue
        if a.mention is not None and b.mention is not None and fused.together(a.mention, b.mention):
            found += 1
        else:
            missed.append((a, b))
    for a, b in combinations(sorted(group), 2):
        same_event = group[a] is not None and group[a] == group[b]
        if decided and group[a] is None and group[b] is None:
            continue
        if fused.together(a, b) and fused.article_of[a] != fused.article_of[b] and not same_event:
            wrong.append((a, b))
    return Outcome(found, missed, wrong)

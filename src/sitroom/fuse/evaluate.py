"""Scoring fusion against a gold set of reports: pairwise precision, recall and F1 of "same event".

The gold set (``tests/data/fusion/``) is FORMAT.md's input file with one extra key per gold event,
``group``: reports of one real event share a group. A coded mention takes the group of the gold event
of its article whose evidence overlaps the mention's sentence and whose type equals the mention's
type; mentions that match no gold event (background, coding errors) are fused like any other but not
scored. Every pair of scored mentions is then a decision: same event or not.

    >>> scores = pairwise({"m1": "g1", "m2": "g1", "m3": "g2"}, {"m1": "c1", "m2": "c1", "m3": "c1"})
    >>> round(scores.precision, 2), scores.recall
    (0.33, 1.0)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from sitroom.fuse.models import Mention
from sitroom.models import Article, CodedArticle, DateSpan, Event, Location


@dataclass(frozen=True)
class Scores:
    """Pairwise counts and the rates they give."""

    true_pos: int
    false_pos: int
    false_neg: int

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold: dict[str, str], predicted: dict[str, str]) -> Scores:
    """Score every pair of mentions in ``gold`` (mention id -> group) against ``predicted`` (-> cluster)."""
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_pred = predicted[a] == predicted[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return Scores(tp, fp, fn)


def near_miss_violations(
    gold: dict[str, str], predicted: dict[str, str], pairs: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The near-miss group pairs (must stay apart) that share a fused event."""
    clusters_of: dict[str, set[str]] = {}
    for mention, group in gold.items():
        clusters_of.setdefault(group, set()).add(predicted[mention])
    return [(a, b) for a, b in pairs if clusters_of.get(a, set()) & clusters_of.get(b, set())]


@dataclass(frozen=True)
class GoldReport:
    """One report of the gold set: the article and its gold events (with ``group``)."""

    article: Article
    split: str
    events: list[dict[str, Any]]


def load_reports(path: Path) -> list[GoldReport]:
    """Read ``reports.jsonl``."""
    reports = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            fields = {k: record.get(k) for k in ("id", "text", "published", "title", "source", "url")}
            reports.append(GoldReport(Article.model_validate(fields), record["split"], record["events"]))
    return reports


def load_near_misses(path: Path, split: str | None = None) -> list[tuple[str, str]]:
    """Read ``near_miss.jsonl``: pairs of groups that must stay apart."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if split is None or record["split"] == split:
                pairs.append((record["a"], record["b"]))
    return pairs


def label(
    report: GoldReport, coded: CodedArticle, with_gold_attributes: bool = False
) -> list[tuple[Mention, str | None]]:
    """The article's coded mentions, each with the gold group it reports (None: not scored).

    ``with_gold_attributes`` copies the gold event's date, location and fatalities onto its matched
    mentions: what fusion will see once every event carries them (the attribute stages are in progress).
    """
    text = report.article.text
    spans = []
    for gold in report.events:
        start = text.find(gold["evidence"])
        spans.append((start, start + len(gold["evidence"]), gold))
    out = []
    for event in coded.events:
        group = None
        for start, end, gold in spans:
            if start < event.sentence_end and end > event.sentence_start and gold["type"] == event.type:
                group = gold["group"]
                if with_gold_attributes:
                    event = with_attributes(event, gold)
                break
        out.append((mention_of(event, report.article), group))
    return out


def gold_mentions(report: GoldReport) -> list[tuple[Mention, str]]:
    """The gold events themselves as mentions (evidence widened to its sentence): fusion alone, no coder."""
    text = report.article.text
    out = []
    for number, gold in enumerate(report.events):
        start = text.find(gold["evidence"])
        begin, end = sentence_bounds(text, start, start + len(gold["evidence"]))
        event = Event(
            id=f"{report.article.id}:{number}",
            type=gold["type"],
            mode=gold.get("mode"),
            actor=gold.get("actor"),
            target=gold.get("target"),
            factuality=gold.get("factuality", "asserted"),
            evidence=text[begin:end],
            sentence_start=begin,
            sentence_end=end,
            trigger="",
            cameo="",
            cameo_root="",
        )
        out.append((mention_of(with_attributes(event, gold), report.article), gold["group"]))
    return out


def with_attributes(event: Event, gold: dict[str, Any]) -> Event:
    """The event with the gold date, location and fatalities."""
    update: dict[str, Any] = {}
    if gold.get("date"):
        update["date"] = DateSpan.model_validate(gold["date"])
    if gold.get("location"):
        update["location"] = Location.model_validate(gold["location"])
    if gold.get("fatalities") is not None:
        update["fatalities"] = gold["fatalities"]
    return event.model_copy(update=update)


def mention_of(event: Event, article: Article) -> Mention:
    return Mention(
        event=event,
        article_id=article.id,
        article_hash=article.content_hash,
        published=article.published,
        source=article.source,
        title=article.title,
    )


_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])[.!?](?=\s+[A-Z\"'])")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` (a full stop after a capital, as in "U.S.", ends none)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            return _strip(text, begin, match.end())
    return _strip(text, begin, len(text))


def _strip(text: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and text[begin].isspace():
        begin += 1
    return begin, end

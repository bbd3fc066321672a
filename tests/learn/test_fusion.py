"""The multi-report measure training reads (``learn.fusion``): on what the real coder makes of short articles
of our own, two reports of one strike count as a found pair, another event fused with them as wrong."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.coding.coder import Coder
from sitroom.learn.corpus import GoldArticle
from sitroom.learn.fusion import evidence_pairs, fuse_coded, multi_report, outcome
from sitroom.models import Article

STRIKE = "Russian missiles struck a school in Sumy on Tuesday, killing seven people, officials said."
RETOLD = "Seven people were killed when Russian missiles hit a school in Sumy on Tuesday, the governor said."
OTHER = "Police in Nairobi arrested twelve protesters outside parliament on Tuesday."


def gold(article_id: str, text: str, events: list[dict]) -> GoldArticle:
    article = Article(id=article_id, text=text, published=date(2025, 3, 5))
    return GoldArticle(article, events, annotator="T1", style=None)


def test_evidence_pairs_pair_by_type_first_then_by_shared_words() -> None:
    gold_events = [{"type": "ASSAULT", "evidence": STRIKE}, {"type": "COERCE", "evidence": OTHER}]
    system_events = [
        {"type": "COERCE", "evidence": OTHER},
        {"type": "ASSAULT", "evidence": "Shelling hit Kharkiv."},
        {"type": "ASSAULT", "evidence": STRIKE},
    ]
    assert sorted(evidence_pairs(gold_events, system_events)) == [(0, 2), (1, 0)]
    assert evidence_pairs([{"type": "AID", "evidence": STRIKE}], system_events) == []


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def coded(coder: Coder, golds: list[GoldArticle]) -> list[tuple[GoldArticle, list]]:
    return [(g, r.events) for g, r in zip(golds, coder.pipe([g.article for g in golds]), strict=True)]


def test_two_reports_of_one_strike_are_a_found_pair_and_an_arrest_stays_apart(coder: Coder) -> None:
    golds = [
        gold("first", STRIKE, [{"type": "ASSAULT", "evidence": STRIKE, "group": "T1-G1"}]),
        gold("second", RETOLD, [{"type": "ASSAULT", "evidence": RETOLD, "group": "T1-G1"}]),
        gold("other", OTHER, [{"type": "COERCE", "evidence": OTHER}]),
    ]
    assert [g.article.id for g in multi_report(golds)] == ["first", "second"]
    result = outcome(fuse_coded(coded(coder, golds)), {}, decided=True)
    assert (result.found, result.missed, result.wrong) == (1, [], [])
    assert result.scores.f1 == 1.0


def test_a_report_the_coder_types_otherwise_is_a_missed_pair(coder: Coder) -> None:
    golds = [
        gold("first", STRIKE, [{"type": "ASSAULT", "evidence": STRIKE, "group": "T1-G1"}]),
        gold("second", OTHER, [{"type": "ASSAULT", "evidence": OTHER, "group": "T1-G1"}]),
    ]
    result = outcome(fuse_coded(coded(coder, golds)), {}, decided=True)
    assert result.found == 0 and len(result.missed) == 1
    [(a, b)] = result.missed
    assert {a.article, b.article} == {"first", "second"} and b.mention is None  # no ASSAULT in the arrest

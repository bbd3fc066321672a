"""Quality gate for event attributes on our annotated test set (tests/data/attributes.jsonl).

Each gold event is matched to the coded event of the same type in the same article whose evidence shares
the most words (a simplified form of the outside scorer's pairing); the floors sit a little under what
was measured when they were pinned (docs/accuracy.md reports the outside scorer's numbers).
"""

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from sitroom.models import Article, Event
from sitroom.pipeline import code_articles

TEST_SET = Path(__file__).resolve().parents[1] / "data" / "attributes.jsonl"
# measured 0.871, 0.873, 0.885 when pinned; fatalities 0.967 later (issue #4 target: 0.90)
FLOORS = {"date": 0.84, "factuality": 0.84, "location_country": 0.85, "fatalities": 0.93}


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def _pairs() -> list[tuple[dict, Event]]:
    gold = [json.loads(line) for line in TEST_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [Article(**{k: g.get(k) for k in ("id", "text", "published", "title")}) for g in gold]
    pairs = []
    for item, coded in zip(gold, code_articles(articles, workers=1), strict=True):
        for event in item["events"]:
            same = [e for e in coded.events if e.type == event["type"]]
            if same:
                best = max(same, key=lambda e: len(_words(e.evidence) & _words(event.get("evidence"))))
                pairs.append((event, best))
    return pairs


@pytest.fixture(scope="module")
def pairs() -> list[tuple[dict, Event]]:
    return _pairs()


def _share(pairs: list[tuple[dict, Event]], field: str, correct) -> float:
    scored = [(g, s) for g, s in pairs if g.get(field) is not None]
    return sum(bool(correct(g[field], s)) for g, s in scored) / len(scored)


def _date_ok(gold: dict, event: Event) -> bool:
    if event.date is None:
        return False
    one = timedelta(days=1)
    start, end = date.fromisoformat(gold["start"]), date.fromisoformat(gold["end"])
    return abs(event.date.start - start) <= one and abs(event.date.end - end) <= one


def test_date_floor(pairs: list[tuple[dict, Event]]) -> None:
    assert _share(pairs, "date", _date_ok) >= FLOORS["date"]


def test_factuality_floor(pairs: list[tuple[dict, Event]]) -> None:
    assert _share(pairs, "factuality", lambda g, s: g == s.factuality) >= FLOORS["factuality"]


def test_location_country_floor(pairs: list[tuple[dict, Event]]) -> None:
    def same_country(gold: dict, event: Event) -> bool:
        return event.location is not None and gold.get("country") == event.location.country

    assert _share(pairs, "location", same_country) >= FLOORS["location_country"]


def test_fatalities_floor(pairs: list[tuple[dict, Event]]) -> None:
    assert _share(pairs, "fatalities", lambda g, s: g == s.fatalities) >= FLOORS["fatalities"]

"""The ingest service streams: it plans at most LOOKAHEAD articles ahead of coding, and a caller that
hears every outcome can have the report keep none (docs/scaling.md, Memory)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import sitroom.service
from sitroom.models import Article
from sitroom.service import IngestService, Listener, Outcome, Status
from sitroom.store import Store


class Heard(Listener):
    def __init__(self) -> None:
        self.planned_counts: list[int | None] = []
        self.outcomes: list[tuple[str, Status]] = []

    def planned(self, todo: int | None) -> None:
        self.planned_counts.append(todo)

    def outcome(self, outcome: Outcome) -> None:
        self.outcomes.append((outcome.article.id, outcome.status))


def _articles() -> list[Article]:
    texts = [
        "Russian forces shelled Kharkiv on Monday, killing three civilians, officials said.",
        "Protesters marched in Tbilisi on Tuesday against the new law, police said.",
        "Protesters marched in Tbilisi on Tuesday against the new law, police said.",  # a1 again
        "Israel and Hamas negotiators met in Cairo on Wednesday, mediators said.",
        "Sudan's army bombed positions of the Rapid Support Forces in Khartoum on Friday.",
    ]
    return [Article(id=f"a{n}", text=text, published=date(2024, 6, 6)) for n, text in enumerate(texts)]


@pytest.mark.parametrize(("keep", "store_batch"), [(True, 1), (False, 1), (True, 2)])
def test_a_run_longer_than_its_lookahead_streams_and_reports_every_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep: bool, store_batch: int
) -> None:
    """The same outcomes, in the same order, whether each article is stored in its own transaction or
    two a transaction (``store_batch``, ``sitroom ingest``'s way)."""
    monkeypatch.setattr(sitroom.service, "LOOKAHEAD", 2)
    db = tmp_path / "store.duckdb"
    [first, *rest] = _articles()
    with Store(db) as store, IngestService(store, workers=1) as service:
        assert service.run([first]).stored == 1
    with Store(db) as store, IngestService(store, workers=1, store_batch=store_batch) as service:
        heard = Heard()
        report = service.run([first, *rest], heard, keep=keep)
        stored = store.stats().articles
    assert heard.planned_counts == [None]  # more to code than the lookahead: the count is not known ahead
    assert heard.outcomes == [
        ("a0", Status.already_stored),
        ("a2", Status.repeated),  # met while planning ahead, before anything was coded
        ("a1", Status.stored),
        ("a3", Status.stored),
        ("a4", Status.stored),
    ]
    assert stored == 4
    assert report.read == 5
    assert [(o.article.id, o.status) for o in report.outcomes] == (heard.outcomes if keep else [])


def test_a_run_told_to_stop_stores_what_it_coded(tmp_path: Path) -> None:
    """Storing three a transaction, a stop after the first coded article stores that one."""
    with Store(tmp_path / "store.duckdb") as store, IngestService(store, workers=1, store_batch=3) as service:
        heard = Heard()
        report = service.run(_articles(), heard, should_stop=lambda: True)
        stored = store.stats().articles
    assert report.stopped == "stopped on request"
    assert heard.outcomes == [("a2", Status.repeated), ("a0", Status.stored)]
    assert stored == 1

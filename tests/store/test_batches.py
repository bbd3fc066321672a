"""Several articles in one transaction (``Store.add_many``), on both engines: the same rows, fused events
and rollups as storing them one by one, and one bad article in a batch costs no other its place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from test_rollups import _bridged_reports, _more_reports, assert_in_step
from test_store import _coded_strike_reports, _partition, coded, event, full_event, rows

from sitroom.errors import ArticleNotStored, StoreError
from sitroom.models import CodedArticle, PlaceMention
from sitroom.store import Store, store_batch

#: Every table a write touches, each row in an order of its own (the articles without their
#: ``ingested_at``, the time of the write).
TABLES = {
    "articles": "SELECT content_hash, id, title, source, url, published, text, origin FROM articles",
    "events": "SELECT * FROM events",
    "places": "SELECT * FROM places",
    "fused_events": "SELECT * FROM fused_events",
    "mention_clusters": "SELECT * FROM mention_clusters",
}


def _contents(store: Store) -> dict[str, Any]:
    found: dict[str, Any] = {table: sorted(rows(store, sql), key=repr) for table, sql in TABLES.items()}
    found["rollups"] = assert_in_step(store)  # equal to a fresh aggregate of the fused events, too
    return found


def _reports() -> list[CodedArticle]:
    """Reports that fuse, take fused events over and move days, with places, an article without
    events, and one whose content repeats an earlier one's."""
    located = coded("located", [full_event()], text="A located strike.")
    located.places.append(PlaceMention(start=0, end=7, text="Kharkiv", name="Kharkiv", country="UKR"))
    repeat = coded("repeat-of-talks", [event("other")], text="Text of talks.")  # the "talks" article's
    return [*_bridged_reports(), located, *_coded_strike_reports(), coded("quiet", []), *_more_reports(),
            repeat]  # fmt: skip


def _one_by_one(store: Store, items: Sequence[CodedArticle]) -> list[Any]:
    return [store.add(item) for item in items]


def _in_batches(store: Store, items: Sequence[CodedArticle], size: int) -> list[Any]:
    return [
        result
        for start in range(0, len(items), size)
        for result in store.add_many(items[start : start + size])
    ]


def test_a_batch_stores_what_storing_one_by_one_stores(new_db: Callable[[], str]) -> None:
    reports = _reports()
    with Store(new_db()) as alone:
        expected = _one_by_one(alone, reports)
        stored = _contents(alone)
    assert expected.count(True) == len(reports) - 1 and expected[-1] is False
    assert len(stored["fused_events"]) < len(stored["events"])  # some reports were fused
    for size in (3, len(reports)):
        with Store(new_db()) as batched:
            assert _in_batches(batched, reports, size) == expected
            assert _contents(batched) == stored
            assert _in_batches(batched, reports, size) == [False] * len(reports)  # stored: nothing twice
            assert _contents(batched) == stored


def test_one_bad_article_in_a_batch_costs_no_other_its_place(new_db: Callable[[], str]) -> None:
    """A batch with an article only the database refuses (two events with one id) and one with a toll
    out of range: those two are not stored, every other one is, as if stored alone."""
    good = _coded_strike_reports()
    clash = coded("clash", [event("same-id"), event("same-id")])
    too_big = coded("too-big", [event("huge", fatalities=2**31)])
    with Store(new_db()) as alone:
        _one_by_one(alone, good)
        expected = _contents(alone)
    with Store(new_db()) as batched:
        results = batched.add_many([good[0], clash, good[1], too_big, good[2], good[3]])
        assert [type(result) for result in results] == [
            bool,
            ArticleNotStored,
            bool,
            ArticleNotStored,
            bool,
            bool,
        ]
        assert [result for result in results if isinstance(result, bool)] == [True] * 4
        assert "clash" in str(results[1]) and "fatalities 2147483648 is out of range" in str(results[3])
        assert not batched.has_article(clash.article.content_hash)
        assert _contents(batched) == expected
        assert _partition(batched) == [["k1", "k2", "k3"], ["s1"]]
        assert batched.add_many([coded("next", [event("e-next")])]) == [True]  # the store goes on


def test_what_came_of_each_item_of_a_batch(new_db: Callable[[], str]) -> None:
    """``store_batch``, the one mapping the ingest service and the CLI share: an item whose coding
    failed is not offered to the store (None), the others get what ``add_many`` gives them, in order;
    when the database itself fails, every coded item gets its error and none is stored."""
    first, second, third = _coded_strike_reports()[:3]
    failed = CodedArticle(article=coded("failed", []).article, error="the coder crashed")
    too_big = coded("too-big", [event("huge", fatalities=2**31)])
    store = Store(new_db())
    results = store_batch(store, [first, failed, too_big, second, first])
    assert results[:2] == [True, None] and results[3:] == [True, False]
    assert isinstance(results[2], ArticleNotStored)
    store.close()  # from here on every statement fails: the database is gone
    gone = store_batch(store, [third, failed, too_big])
    assert gone[1] is None and gone[0] is gone[2]
    assert isinstance(gone[0], StoreError) and not isinstance(gone[0], ArticleNotStored)

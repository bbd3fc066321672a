"""The rollups of the fused events (``store/rollups.py``, schema version 4), on both engines: equal to a
fresh aggregate of ``fused_events`` after every write (merges, take-overs, days that move, re-ingests,
re-fusion), the page's aggregates the same from the rollups as from the fused events, and stores of
version 3 upgraded in place."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from test_store import (
    IRAN,
    ISRAEL,
    KHARKIV,
    RUSSIA,
    UKRAINE,
    _coded_strike_reports,
    _partition,
    coded,
    drop_rollups,
    event,
    rows,
)

from sitroom.errors import StoreError
from sitroom.models import CodedArticle, DateSpan
from sitroom.store import SCHEMA_VERSION, EventQuery, Store, rollups
from sitroom.store.engines import engine_for


@pytest.fixture
def store(new_db: Callable[[], str]) -> Iterator[Store]:
    """An empty store on DuckDB and on PostgreSQL."""
    with Store(new_db()) as opened:
        yield opened


def _rounded(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A rollup row with its coordinate sums to 9 places: added and subtracted in another order than a
    fresh sum adds them, floating point may differ in the last bits."""
    return tuple(round(value, 9) if isinstance(value, float) else value for value in row)


def rollup_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    con = store.thread_connection()
    try:
        return {table: [_rounded(row) for row in rollups.stored(con, table)] for table in rollups.TABLES}
    finally:
        con.close()


def assert_in_step(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The rollups hold exactly what a fresh aggregate of the fused events gives; returns them."""
    con = store.thread_connection()
    try:
        fresh = {table: [_rounded(row) for row in rollups.fresh(con, table)] for table in rollups.TABLES}
    finally:
        con.close()
    stored = rollup_rows(store)
    assert stored == fresh
    return stored


def _bridged_reports() -> list[CodedArticle]:
    """Three undated reports of one strike: the second, published a day before the first, takes the fused
    event over (its id changes, and its day, counted on first_seen, moves a day earlier)."""

    def strike(event_id: str, evidence: str) -> Any:
        return event(event_id, actor=RUSSIA, target=UKRAINE, evidence=evidence, quad_class=4)

    return [
        coded("m-a", [strike("ba", "Russian bombs hit the Epicentr store in Kharkiv on Saturday.")],
              published="2024-05-26"),
        coded("m-b", [strike("bb", "A glide bomb struck a hardware superstore on Saturday, killing six.")],
              published="2024-05-25"),
        coded("m-c", [strike("bc", "Russian glide bombs struck the Epicentr hardware superstore in Kharkiv "
                                   "on Saturday.")], published="2024-05-27"),
    ]  # fmt: skip


def _more_reports() -> list[CodedArticle]:
    """An accusation, undated talks and located protests: every rollup gets groups of its own."""
    june = {day: DateSpan(start=date(2024, 6, day), end=date(2024, 6, day)) for day in (1, 10)}
    protests = [
        coded(f"protest{day}", [event(f"p{day}", "PROTEST", location=KHARKIV, date=june[day], fatalities=1,
                                      cameo="141")], published=f"2024-06-{day:02}")
        for day in june
    ]  # fmt: skip
    return [
        coded("accuse", [event("acc", "ACCUSE", actor=IRAN, target=ISRAEL, date=june[1], cameo="112",
                               quad_class=3)]),
        coded("talks", [event("talk", "CONSULT", actor=UKRAINE, cameo="040")], published="2024-05-28"),
        *protests,
    ]  # fmt: skip


def test_the_rollups_stay_equal_to_a_fresh_aggregate_through_every_kind_of_write(store: Store) -> None:
    days = []
    for article in _bridged_reports():
        store.add(article)
        days.append(assert_in_step(store)["fused_days"])
    assert _partition(store) == [["bb", "ba", "bc"]]  # taken over by the earlier-published report
    assert [[row[2] for row in rows] for rows in days] == [[date(2024, 5, 26)], *[[date(2024, 5, 25)]] * 2]
    first, second, third, sumy = _coded_strike_reports()
    for article in (second, sumy, third, first, *_more_reports()):  # the dated reports join it
        store.add(article)
        assert_in_step(store)
    assert _partition(store) == [
        ["acc"],
        ["bb", "k1", "ba", "k2", "bc", "k3"],
        ["p1"],
        ["p10"],
        ["s1"],
        ["talk"],
    ]
    counted = assert_in_step(store)
    assert all(counted.values())  # every rollup holds groups
    days = {(row[2], row[3]) for row in counted["fused_days"]}  # (day, type): after k and the rollup
    assert (date(2024, 5, 25), "ASSAULT") in days
    for article in (*_bridged_reports(), first, *_more_reports()):  # re-ingested: nothing changes
        assert store.add(article) is False
    assert assert_in_step(store) == counted
    assert store.refuse() == 11
    assert assert_in_step(store) == counted


def test_the_rollups_follow_the_fused_events_whatever_order_the_reports_come_in(
    new_db: Callable[[], str],
) -> None:
    """The same reports in two orders: the same fused events, so the same rollups."""
    articles = [*_bridged_reports(), *_coded_strike_reports(), *_more_reports()]
    found = []
    for order in (articles, articles[::-1]):
        with Store(new_db()) as store:
            for article in order:
                store.add(article)
            found.append(assert_in_step(store))
    assert found[0] == found[1]


def _answers(store: Store, query: EventQuery) -> dict[str, Any]:
    """Every aggregate the page asks for, through the store's reader."""
    reader = store.reader(fused=True)
    try:
        return {
            "overview": reader.overview(query),
            "span": reader.span(query),
            "types": reader.facet(query, "type"),
            "factuality": reader.facet(query, "factuality"),
            **{f"timeline-{bucket}": reader.timeline(query, bucket) for bucket in ("day", "week", "month")},
            "dyads": reader.dyads(query),
            "map": reader.map_cells(query, cell=rollups.MAP_CELL),
            "countries": reader.countries(query),
            "page": [record.event.id for record in reader.page(query, limit=5)[1]],
            "total": reader.count(query),
        }
    finally:
        reader.close()


@pytest.mark.parametrize("types", [(), ("ASSAULT",), ("PROTEST", "accuse")])
def test_the_page_reads_from_the_rollups_what_it_reads_from_the_fused_events(
    store: Store, types: tuple[str, ...]
) -> None:
    """``min_fatalities=0`` filters nothing, but it is a filter the rollups do not answer: the same
    questions then read ``fused_events`` itself."""
    for article in (*_bridged_reports(), *_coded_strike_reports(), *_more_reports()):
        store.add(article)
    rolled = EventQuery(types=types)
    assert rolled.only_types
    scanned = EventQuery(types=types, min_fatalities=0)
    assert not scanned.only_types
    answers = _answers(store, rolled)
    assert answers == _answers(store, scanned)
    assert answers["overview"][0] == {(): 6, ("ASSAULT",): 2, ("PROTEST", "accuse"): 3}[types]
    assert answers["map"] and answers["dyads"] and answers["countries"]


def _as_version_3(db: str) -> None:
    """What sitroom wrote before the rollups: no rollup tables, version 3 (and on PostgreSQL the
    ascending day index)."""
    engine = engine_for(db)
    con = engine.connect(read_only=False)
    try:
        drop_rollups(con)
        if engine.name.startswith("postgresql"):
            con.execute("DROP INDEX fused_events_newest")
            con.execute("CREATE INDEX fused_events_day ON fused_events ((coalesce(date_start, first_seen)))")
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version (version) VALUES (3)")
    finally:
        con.close()


def _indexes(store: Store) -> list[tuple]:
    if not store.engine.name.startswith("postgresql"):
        return []
    return rows(store, "SELECT indexname FROM pg_indexes WHERE tablename = 'fused_events' ORDER BY 1")


def test_a_version_3_store_is_upgraded_in_place_once(new_db: Callable[[], str]) -> None:
    """A real DuckDB file and a real PostgreSQL database at schema 3: the upgrade counts the rollups."""
    db = new_db()
    with Store(db) as store:
        for article in (*_bridged_reports(), *_coded_strike_reports(), *_more_reports()):
            store.add(article)
        counted, answers, indexes = assert_in_step(store), _answers(store, EventQuery()), _indexes(store)
    _as_version_3(db)
    with pytest.raises(StoreError, match=r"schema version 3, older.*open it for writing once"):
        Store(db, read_only=True)
    with Store(db) as store:
        assert assert_in_step(store) == counted
        assert _indexes(store) == indexes
        assert _answers(store, EventQuery()) == answers
    for _ in range(2):  # opened again, for reading or writing: nothing more to do
        with Store(db, read_only=True) as store:
            assert rows(store, "SELECT version FROM schema_version ORDER BY 1") == [(3,), (SCHEMA_VERSION,)]
            assert rollup_rows(store) == counted
        Store(db).close()
    assert SCHEMA_VERSION == 4

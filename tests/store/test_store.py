"""The store: round trips, idempotence, atomicity, filters, and clear errors on bad files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from sitroom.cli_store import fused_format, mention_format
from sitroom.coding.acled import acled_code, with_acled
from sitroom.errors import StoreError
from sitroom.export import EventRecord
from sitroom.models import Actor, Article, Attribution, CodedArticle, DateSpan, Event, Location, PlaceMention
from sitroom.store import EVENT_COLUMNS, SCHEMA_VERSION, EventQuery, Store, engines, fusion, rollups, writer
from sitroom.store.engines import MEMORY_VARIABLE, engine_for
from sitroom.store.rows import new_mention

RUSSIA = Actor(name="Russia", country="RUS", sector="MIL", text="Russian forces")
UKRAINE = Actor(name="Ukraine", country="UKR", sector="CVL")
IRAN = Actor(name="Iran", country="IRN", sector="GOV")
ISRAEL = Actor(name="Israel", country="ISR", sector="GOV")
KHARKIV = Location(name="Kharkiv", country="UKR", lat=49.98, lon=36.25, precision="city", geonames_id=706483)


def read(store: Store, fused: bool, limit: int | None = None, type: str | None = None, **filters: object
         ) -> list[EventRecord]:  # fmt: skip
    """Events through the store's one read side, as the CLI reads them."""
    query = EventQuery(types=(type,) if type else (), **filters)  # type: ignore[arg-type]
    reader = store.reader(fused=fused)
    try:
        return reader.page(query, limit=limit)[1] if limit else list(reader.records(query))
    finally:
        reader.close()


def mentions(store: Store, **filters: object) -> list[EventRecord]:
    return read(store, False, **filters)  # type: ignore[arg-type]


def fused_events(store: Store, **filters: object) -> list[EventRecord]:
    return read(store, True, **filters)  # type: ignore[arg-type]


def fused_event(store: Store, event_id: str) -> EventRecord | None:
    reader = store.reader(fused=True)
    try:
        return reader.event(event_id)
    finally:
        reader.close()


def mention_ids(record: EventRecord) -> list[str]:
    return [source.event_id or "" for source in record.sources]


def event(event_id: str, kind: str = "ASSAULT", **fields: object) -> Event:
    values: dict[str, object] = {
        "id": event_id,
        "type": kind,
        "evidence": f"Evidence of {event_id}.",
        "sentence_start": 0,
        "sentence_end": 20,
        "trigger": "struck",
        "cameo": "190",
        "cameo_root": "19",
    }
    return Event.model_validate(values | fields)


def coded(
    article_id: str, events: list[Event], published: str | None = "2024-05-26", text: str = "", **fields: str
) -> CodedArticle:
    article = Article(id=article_id, text=text or f"Text of {article_id}.", published=published, **fields)
    return CodedArticle(article=article, events=events)


@pytest.fixture
def store(new_db: Callable[[], str]) -> Iterator[Store]:
    """An empty store on DuckDB and on PostgreSQL (``conftest.py``): each test that takes it runs on both."""
    with Store(new_db()) as opened:
        yield opened


def rows(store: Store, sql: str) -> list[tuple]:
    """What a query over the store's tables answers, on either engine."""
    con = store.thread_connection()
    try:
        return [tuple(row) for row in con.execute(sql, []).fetchall()]
    finally:
        con.close()


def full_event() -> Event:
    return event(
        "e-full",
        mode="aerial",
        actor=RUSSIA,
        target=UKRAINE,
        location=KHARKIV,
        date=DateSpan(start=date(2024, 5, 25), end=date(2024, 5, 26), precision="day", text="last weekend"),
        fatalities=16,
        injured=40,
        casualties_vague=False,
        factuality="asserted",
        attribution=Attribution(source="officials", chain=["officials"], verb="said"),
        quad_class=4,
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        confidence=0.9,
    )


def test_an_event_round_trips_field_for_field(store: Store) -> None:
    original = full_event()
    assert store.add(
        coded("a1", [original, event("e-bare", "CONSULT")], title="Strike", url="https://x.test")
    )
    stored = {item.event.id: item for item in mentions(store)}
    assert stored["e-full"].event == original
    assert stored["e-bare"].event == event("e-bare", "CONSULT")
    assert (stored["e-full"].primary.article_id, stored["e-full"].primary.title) == ("a1", "Strike")


def test_to_format_uses_format_md_names_plus_provenance(store: Store) -> None:
    store.add(coded("a1", [full_event()]))
    [item] = mentions(store)
    record = mention_format(item)
    assert record["actor"] == {"name": "Russia", "country": "RUS", "sector": "MIL", "text": "Russian forces"}
    assert record["date"] == {
        "start": "2024-05-25",
        "end": "2024-05-26",
        "precision": "day",
        "text": "last weekend",
    }
    assert record["attribution"] == {"source": "officials", "chain": ["officials"], "verb": "said"}
    assert record["location"]["lat"] == 49.98
    assert (record["type"], record["id"], record["article_id"], record["published"]) == (
        "ASSAULT",
        "e-full",
        "a1",
        "2024-05-26",
    )


def test_flat_columns_are_the_table_columns(store: Store) -> None:
    found = rows(store, "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")
    assert sorted(row[0] for row in found) == sorted(["article_hash", *EVENT_COLUMNS])


def test_re_adding_the_same_content_changes_nothing(store: Store) -> None:
    first = coded("a1", [full_event()], text="Same words.")
    assert store.add(first) is True
    before = store.stats()
    again = coded("renamed-id", [event("other-id")], text="Same words.")  # same content: same article
    assert store.has_article(again.article.content_hash)
    assert store.add(again) is False
    assert store.stats() == before


def test_an_article_without_events_is_stored(store: Store) -> None:
    quiet = coded("quiet", [])
    assert store.add(quiet)
    assert store.has_article(quiet.article.content_hash)
    assert (store.stats().articles, store.stats().events) == (1, 0)


def test_a_failing_article_leaves_nothing_behind(store: Store) -> None:
    clash = coded("clash", [event("same-id"), event("same-id")])
    with pytest.raises(StoreError, match="clash"):
        store.add(clash)
    assert not store.has_article(clash.article.content_hash)
    assert store.add(coded("next", [event("e-next")]))  # the store is still usable
    assert (store.stats().articles, store.stats().events) == (1, 1)


def test_an_article_whose_coding_failed_is_refused(store: Store) -> None:
    failed = CodedArticle(article=Article(id="x", text="t"), error="coding failed")
    with pytest.raises(ValueError, match="failed coding"):
        store.add(failed)


def test_data_survives_reopening(new_db: Callable[[], str]) -> None:
    path = new_db()
    with Store(path) as store:
        store.add(coded("a1", [full_event()]))
    with Store(path, read_only=True) as store:
        assert [item.event.id for item in mentions(store)] == ["e-full"]


def _filter_fixture(store: Store) -> None:
    may = DateSpan(start=date(2024, 5, 25), end=date(2024, 5, 25))
    june = DateSpan(start=date(2024, 6, 1), end=date(2024, 6, 3))
    store.add(coded("kharkiv", [event("strike", actor=RUSSIA, target=UKRAINE, location=KHARKIV, date=may)]))
    store.add(coded("accuse", [event("acc", "ACCUSE", actor=IRAN, target=ISRAEL, date=june)]))
    store.add(coded("undated", [event("talk", "CONSULT", actor=UKRAINE)], published="2024-05-28"))
    store.add(
        coded(
            "nothing", [event("old", "PROTEST", date=DateSpan(start=date(2023, 1, 1), end=date(2023, 1, 1)))]
        )
    )


def ids(store: Store, **filters: object) -> list[str]:
    return [item.event.id for item in mentions(store, **filters)]


def test_events_are_newest_first_and_undated_ones_sort_by_publication(store: Store) -> None:
    _filter_fixture(store)
    assert ids(store) == ["acc", "talk", "strike", "old"]
    assert ids(store, limit=2) == ["acc", "talk"]


def test_filter_by_type_is_case_insensitive(store: Store) -> None:
    _filter_fixture(store)
    assert ids(store, type="accuse") == ["acc"]


def test_filter_by_country_matches_actor_target_or_location(store: Store) -> None:
    _filter_fixture(store)
    assert ids(store, country="ukr") == ["talk", "strike"]
    assert ids(store, country="ISR") == ["acc"]
    assert ids(store, country="RUS") == ["strike"]


def test_filter_by_actor_name_substring_of_actor_or_target(store: Store) -> None:
    _filter_fixture(store)
    assert ids(store, actor="RAEL") == ["acc"]
    assert ids(store, actor="ukra") == ["talk", "strike"]
    assert ids(store, actor="100%") == []  # LIKE wildcards are plain text


def test_since_and_until_keep_overlapping_spans(store: Store) -> None:
    _filter_fixture(store)
    assert ids(store, since=date(2024, 6, 2)) == ["acc"]  # June 1–3 overlaps June 2 onwards
    assert ids(store, since=date(2024, 5, 26), until=date(2024, 5, 31)) == ["talk"]
    assert ids(store, until=date(2024, 5, 25)) == ["strike", "old"]
    assert ids(store, type="ASSAULT", country="UKR", actor="russia", since=date(2024, 5, 1)) == ["strike"]


def test_stats(store: Store) -> None:
    _filter_fixture(store)
    stats = store.stats()
    assert (stats.articles, stats.events) == (4, 4)
    assert stats.by_type == {"ACCUSE": 1, "ASSAULT": 1, "CONSULT": 1, "PROTEST": 1}
    assert (stats.first_date, stats.last_date) == (date(2023, 1, 1), date(2024, 6, 3))


def test_a_file_that_is_not_duckdb_is_a_store_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("just some text, not a database\n" * 50)
    with pytest.raises(StoreError, match=str(path)):
        Store(path)


def test_a_missing_store_is_not_created_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "absent.duckdb"
    with pytest.raises(StoreError, match="no store at"):
        Store(path, read_only=True)
    assert not path.exists()


def test_a_foreign_duckdb_file_is_not_a_sitroom_store(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(StoreError, match="not a sitroom store"):
        Store(path, read_only=True)


def test_a_store_from_a_newer_sitroom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO schema_version (version) VALUES (99)")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(path)


def test_a_store_locked_by_another_writer_is_a_store_error(tmp_path: Path) -> None:
    """DuckDB locks across processes only, so take the lock from a child process."""
    path = tmp_path / "locked.duckdb"
    hold = "print('ok', flush=True); sys.stdin.read()"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(path)!r}); {hold}"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match=str(path)):
            Store(path)
    finally:
        holder.communicate("")


def test_public_surface() -> None:
    import sitroom.store

    assert all(hasattr(sitroom.store, name) for name in sitroom.store.__all__)
    names = {"Store", "StoreReader", "StoreWriter", "EventQuery", "StoreStats", "DEFAULT_PATH"}
    assert names <= set(sitroom.store.__all__)


def test_place_mentions_are_stored_with_their_article(store: Store) -> None:
    article = coded("a1", [full_event()])
    kharkiv = PlaceMention(text="Kharkiv", start=0, end=7, name="Kharkiv", country="UKR", lat=49.98, lon=36.2)
    article.places.append(kharkiv.model_copy(update={"geonames_id": 706483, "feature": "city"}))
    assert store.add(article)
    assert rows(store, 'SELECT "text", country, geonames_id FROM places') == [("Kharkiv", "UKR", 706483)]


# --- fusion -------------------------------------------------------------------------------------

SUMY = Location(name="Sumy", country="UKR", lat=50.91, lon=34.80, precision="city")
SATURDAY = DateSpan(start=date(2024, 5, 25), end=date(2024, 5, 25))


def _strike_reports() -> list[CodedArticle]:
    """Three reports of one strike on Kharkiv (toll rising) and one of a strike on Sumy the same day."""

    def strike(event_id: str, evidence: str, place: Location, killed: int, **fields: object) -> Event:
        facts = {"location": place, "date": SATURDAY, "fatalities": killed, "evidence": evidence}
        return event(event_id, actor=RUSSIA, target=UKRAINE, **facts, **fields)

    def report(article_id: str, published: str, source: str, strike: Event) -> CodedArticle:
        return coded(article_id, [strike], published=published, source=source)

    return [
        report("a", "2024-05-25", "Sitroom Wire",
               strike("k1", "Russian bombs hit a hardware store in Kharkiv, killing six.", KHARKIV, 6)),
        report("b", "2024-05-26", "Northern Courier",
               strike("k2", "The toll from the Russian strike on a Kharkiv store rose to 12.", KHARKIV, 12)),
        report("c", "2024-05-27", "Eastern Herald",
               strike("k3", "Russia denied bombing the Kharkiv store, where 16 died.", KHARKIV, 16,
                      factuality="denied")),
        report("d", "2024-05-25", "Sitroom Wire",
               strike("s1", "Russian bombs hit a hardware store in Sumy, killing six.", SUMY, 6)),
    ]  # fmt: skip


def _partition(store: Store) -> list[list[str]]:
    return sorted(mention_ids(fused) for fused in fused_events(store))


def test_reports_of_one_event_are_fused_and_a_look_alike_is_not(store: Store) -> None:
    for article in _strike_reports():
        store.add(article)
    assert _partition(store) == [["k1", "k2", "k3"], ["s1"]]
    [kharkiv] = [fused for fused in fused_events(store) if fused.event.id == "k1"]
    # the latest credible toll: the 16 comes from a report of a denial, so the latest asserted one (12) leads
    fusion = kharkiv.fusion or {}
    figures = (kharkiv.event.fatalities, fusion["fatalities_min"], fusion["fatalities_max"])
    assert (kharkiv.event.location.name, figures) == ("Kharkiv", (12, 6, 16))
    assert kharkiv.event.factuality == "asserted"
    assert fusion["factuality_counts"] == {"asserted": 2, "denied": 1}
    assert (fusion["articles"], fusion["sources"]) == (3, 3)
    assert (fusion["first_seen"], fusion["last_seen"]) == (date(2024, 5, 25), date(2024, 5, 27))
    assert [(m.article_id, m.outlet) for m in kharkiv.sources] == [
        ("a", "Sitroom Wire"),
        ("b", "Northern Courier"),
        ("c", "Eastern Herald"),
    ]
    assert store.stats().fused == 2


def test_a_fused_event_is_found_by_any_of_its_mentions(store: Store) -> None:
    for article in _strike_reports():
        store.add(article)
    for mention_id in ("k1", "k2", "k3"):
        found = fused_event(store, mention_id)
        assert found is not None and found.event.id == "k1"
        assert found.sources[0].evidence.startswith("Russian bombs hit a hardware store in Kharkiv")
        assert all(m.published for m in found.sources)
    assert fused_event(store, "nothing") is None


def test_every_mention_belongs_to_exactly_one_fused_event(store: Store) -> None:
    for article in _strike_reports():
        store.add(article)
    _filter_fixture(store)
    found = rows(
        store,
        "SELECT e.id, count(m.cluster_id), count(f.id) FROM events e "
        "LEFT JOIN mention_clusters m ON m.mention_id = e.id "
        "LEFT JOIN fused_events f ON f.id = m.cluster_id GROUP BY e.id",
    )
    assert len(found) == 8
    assert all((clusters, fused) == (1, 1) for _id, clusters, fused in found)


def test_ingest_order_does_not_change_the_fused_events(new_db: Callable[[], str]) -> None:
    reports = _strike_reports()
    seen = []
    orders = [reports, reports[::-1], [reports[2], reports[0], reports[3], reports[1]]]
    for order in orders:
        with Store(new_db()) as store:
            for article in order:
                store.add(article)
            seen.append([fused_format(fused) for fused in fused_events(store)])
    assert seen[0] == seen[1] == seen[2]


def test_a_store_without_fused_events_is_repaired(new_db: Callable[[], str]) -> None:
    """An older store (or one whose fusion tables were emptied) gets its fused events on the next ingest."""
    path = new_db()
    with Store(path) as store:
        for article in _strike_reports():
            store.add(article)
        before = [fused_format(fused) for fused in fused_events(store)]
        con = store.thread_connection()
        con.execute("DELETE FROM mention_clusters", [])
        con.execute("DELETE FROM fused_events", [])
        rollups.clear(con)
        con.close()
    with Store(path) as store:
        assert fused_events(store) == []
        assert store.fuse_pending() == 4
        assert [fused_format(fused) for fused in fused_events(store)] == before
        assert store.fuse_pending() == 0  # nothing left to do
        assert store.refuse() == 4
        assert [fused_format(fused) for fused in fused_events(store)] == before


def test_fused_events_filter_like_events(store: Store) -> None:
    _filter_fixture(store)
    assert [f.event.id for f in fused_events(store)] == ["acc", "talk", "strike", "old"]
    assert [f.event.id for f in fused_events(store, type="accuse")] == ["acc"]
    assert [f.event.id for f in fused_events(store, country="ukr")] == ["talk", "strike"]
    assert [f.event.id for f in fused_events(store, actor="RAEL")] == ["acc"]
    late_may = {"since": date(2024, 5, 26), "until": date(2024, 5, 31)}
    assert [f.event.id for f in fused_events(store, **late_may)] == ["talk"]
    assert [f.event.id for f in fused_events(store, limit=1)] == ["acc"]


def test_a_store_from_an_older_build_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path):
        pass
    with duckdb.connect(str(path)) as con:
        con.execute("ALTER TABLE events DROP COLUMN injured")
    with pytest.raises(StoreError, match=r"older sitroom.*injured"):
        Store(path)


def _columns(path: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {table: [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
                for table in ("events", "fused_events")}  # fmt: skip


def drop_rollups(con: object) -> None:
    """Take the rollups (schema version 4) out of a store, as stores of older versions are."""
    for view in rollups.TABLES:
        con.execute(f"DROP VIEW {view}")  # type: ignore[attr-defined]
    con.execute(f"DROP TABLE {rollups.TABLE}")  # type: ignore[attr-defined]


def _as_version_1(path: Path) -> None:
    """What sitroom wrote before ACLED sub-event types: no such columns, the old event types, version 1."""
    with duckdb.connect(str(path)) as con:
        con.execute("ALTER TABLE events DROP COLUMN acled_sub_event_type")
        con.execute("ALTER TABLE fused_events DROP COLUMN acled_event_type")
        con.execute("ALTER TABLE fused_events DROP COLUMN acled_sub_event_type")
        con.execute("ALTER TABLE fused_events DROP COLUMN cameo")
        con.execute("ALTER TABLE fused_events DROP COLUMN quad_class")
        con.execute("UPDATE events SET acled_event_type = 'Battles'")
        drop_rollups(con)
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version (version) VALUES (1)")


def test_acled_types_of_fused_events_round_trip(store: Store) -> None:
    for article in _strike_reports():
        store.add(coded(article.article.id, [with_acled(e) for e in article.events],
                        published=str(article.article.published), source=article.article.source))  # fmt: skip
    fused = {f.event.id: f for f in fused_events(store)}
    assert {(f.event.acled_event_type, f.event.acled_sub_event_type) for f in fused.values()} == {
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    }  # fmt: skip
    assert fused_event(store, "k3") == fused["k1"]  # read back by a mention's id, field for field


def test_a_version_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    talks = event("talk", "CONSULT", evidence="Ministers met in Doha.", cameo="040", cameo_root="04")
    with Store(path) as store:
        for article in [*_strike_reports(), coded("t", [talks])]:
            store.add(article)
        before = [fused_format(fused) for fused in fused_events(store)]
    new_layout = _columns(path)
    _as_version_1(path)
    with pytest.raises(StoreError, match=r"schema version 1, older.*open it for writing once"):
        Store(path, read_only=True)
    with Store(path) as store:
        events = [stored.event for stored in mentions(store)]
        assert all((e.acled_event_type, e.acled_sub_event_type) == acled_code(e) for e in events)
        assert acled_code(talks) == ("Strategic developments", None)
        fused = fused_events(store)
        assert [fused_format(f) for f in fused] != before  # the fused events now carry ACLED types
        strikes = [f for f in fused if f.event.type == "ASSAULT"]
        assert {f.event.acled_sub_event_type for f in strikes} == {"Remote explosive/landmine/IED"}
    assert _columns(path) == new_layout
    with duckdb.connect(str(path), read_only=True) as con:
        versions = [row[0] for row in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
    assert versions == [1, 2, 3, SCHEMA_VERSION] == [1, 2, 3, 4]
    with Store(path, read_only=True) as store:  # upgraded once, read as any store
        assert len(mentions(store)) == 5


# --- the fused events' own codes (schema version 3) -----------------------------------------------

#: Fused events whose CAMEO code or quad class is not their own mention's (the one whose id they carry).
CODES_OUT_OF_STEP = (
    "SELECT count(*) FROM fused_events f LEFT JOIN events m ON m.id = f.id "
    "WHERE m.id IS NULL OR f.cameo IS DISTINCT FROM m.cameo OR f.quad_class IS DISTINCT FROM m.quad_class"
)


def _coded_strike_reports() -> list[CodedArticle]:
    """The strike reports, each mention with its own CAMEO code and quad class."""
    codes = {"k1": ("195", 4), "k2": ("190", 3), "k3": ("193", None), "s1": ("180", 4)}
    reports = []
    for article in _strike_reports():
        events = [e.model_copy(update=dict(zip(("cameo", "quad_class"), codes[e.id], strict=True)))
                  for e in article.events]  # fmt: skip
        reports.append(article.model_copy(update={"events": events}))
    return reports


def _own_codes(store: Store) -> list[tuple]:
    return rows(store, "SELECT id, cameo, quad_class FROM fused_events ORDER BY id")


def test_fused_events_carry_their_own_mentions_codes_on_ingest(store: Store) -> None:
    """Stored in an order that makes an earlier report take over a fused event: its codes follow."""
    first, second, third, sumy = _coded_strike_reports()
    for article in (second, sumy, third, first):  # k2 leads the Kharkiv event until k1 (earlier) arrives
        store.add(article)
        assert rows(store, CODES_OUT_OF_STEP) == [(0,)]
        if article is second:
            assert _own_codes(store) == [("k2", "190", 3)]
    assert _partition(store) == [["k1", "k2", "k3"], ["s1"]]
    assert _own_codes(store) == [("k1", "195", 4), ("s1", "180", 4)]


def test_fused_events_codes_stay_in_step_on_re_fusion(new_db: Callable[[], str]) -> None:
    db = new_db()
    with Store(db) as store:
        for article in _coded_strike_reports():
            store.add(article)
        _filter_fixture(store)
        before = _own_codes(store)
        assert store.refuse() == 8
        assert _own_codes(store) == before
        con = store.thread_connection()
        con.execute("DELETE FROM mention_clusters", [])
        con.execute("DELETE FROM fused_events", [])
        rollups.clear(con)
        con.close()
    with Store(db) as store:  # a store whose fused events are gone is repaired on the next ingest
        assert store.fuse_pending() == 8
        assert _own_codes(store) == before
        assert rows(store, CODES_OUT_OF_STEP) == [(0,)]


def test_fusing_again_a_few_articles_at_a_time_fuses_as_one_read(
    new_db: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``fuse_pending`` reads the unfused mentions a batch of articles at a time, so a rebuild of a large
    store never holds all of them. Read one article at a time, the reports fuse as when stored: the same
    fused events with the same codes, the later reports joining the earlier ones' events."""
    db = new_db()
    with Store(db) as store:
        for article in _coded_strike_reports():
            store.add(article)
        partition, codes = _partition(store), _own_codes(store)
        monkeypatch.setattr(writer, "FUSE_READ_ARTICLES", 1)
        assert store.refuse() == 4
        assert (_partition(store), _own_codes(store)) == (partition, codes)
        assert partition == [["k1", "k2", "k3"], ["s1"]]


def _page_answers(store: Store) -> dict[str, object]:
    """What the page's aggregates that read the codes answer, and the fused events read whole."""
    reader = store.reader(fused=True)
    try:
        every = EventQuery()
        return {
            "timeline": reader.timeline(every, "day"),
            "dyads": reader.dyads(every),
            "events": [fused_format(fused) for fused in reader.records(every)],
        }
    finally:
        reader.close()


def _table_layout(store: Store) -> list[tuple]:
    return rows(
        store,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'fused_events' "
        "ORDER BY ordinal_position",
    )


def _as_version_2(db: str) -> None:
    """What sitroom wrote before the fused events carried their codes: no such columns, no rollups,
    version 2."""
    con = engine_for(db).connect(read_only=False)
    try:
        drop_rollups(con)
        con.execute("ALTER TABLE fused_events DROP COLUMN cameo")
        con.execute("ALTER TABLE fused_events DROP COLUMN quad_class")
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version (version) VALUES (2)")
    finally:
        con.close()


def test_a_version_2_store_is_upgraded_in_place_once(new_db: Callable[[], str]) -> None:
    """A real DuckDB file and a real PostgreSQL database at schema 2, opened by this sitroom."""
    db = new_db()
    with Store(db) as store:
        for article in [*_coded_strike_reports(), coded("t", [event("talk", "CONSULT", cameo="040")])]:
            store.add(article)
        answers, layout, codes = _page_answers(store), _table_layout(store), _own_codes(store)
    assert codes == [("k1", "195", 4), ("s1", "180", 4), ("talk", "040", None)]
    _as_version_2(db)
    with pytest.raises(StoreError, match=r"schema version 2, older.*open it for writing once"):
        Store(db, read_only=True)
    with Store(db) as store:
        assert _own_codes(store) == codes
        assert rows(store, CODES_OUT_OF_STEP) == [(0,)]
        assert _table_layout(store) == layout
        assert _page_answers(store) == answers
    for _ in range(2):  # opened again, for reading or writing: nothing more to do
        with Store(db, read_only=True) as store:
            versions = rows(store, "SELECT version FROM schema_version ORDER BY 1")
            assert versions == [(2,), (3,), (SCHEMA_VERSION,)]
            assert _page_answers(store) == answers
        Store(db).close()


def _aggregate_fixture(store: Store) -> None:
    """Two strikes (Kharkiv, three reports; Sumy), an accusation, talks and three protests, one of them
    in Sumy: Kharkiv's map cell has more protests than strikes, Sumy's a tie."""
    for article in _coded_strike_reports():
        store.add(article)
    june = {day: DateSpan(start=date(2024, 6, day), end=date(2024, 6, day)) for day in (1, 10, 20)}
    store.add(coded("accuse", [event("acc", "ACCUSE", actor=IRAN, target=ISRAEL, date=june[1], cameo="112",
                                     quad_class=3)]))  # fmt: skip
    store.add(coded("talks", [event("talk", "CONSULT", actor=UKRAINE, cameo="040")], published="2024-05-28"))
    for day, place in ((1, KHARKIV), (10, KHARKIV), (20, SUMY)):
        protest = event(f"p{day}", "PROTEST", location=place, date=june[day], fatalities=1, cameo="141")
        store.add(coded(f"protest{day}", [protest], published=f"2024-06-{day:02}"))


def test_the_page_aggregates_answer_alike_on_both_engines(store: Store) -> None:
    _aggregate_fixture(store)
    reader = store.reader(fused=True)
    try:
        every = EventQuery()
        assert reader.overview(every) == (7, date(2024, 5, 25), date(2024, 6, 20))
        assert reader.facet(every, "type") == [("PROTEST", 3), ("ASSAULT", 2), ("ACCUSE", 1), ("CONSULT", 1)]
        assert reader.facet(every, "factuality") == [("asserted", 7)]
        assert reader.overview(EventQuery(types=("ACCUSE",))) == (1, date(2024, 6, 1), date(2024, 6, 1))
        assert reader.span(every) == (date(2024, 5, 25), date(2024, 6, 20))
        assert reader.timeline(every, "week") == [
            (date(2024, 5, 20), "ASSAULT", "180", 1, 6),  # Saturday 25 May: the week from Monday 20
            (date(2024, 5, 20), "ASSAULT", "195", 1, 12),
            (date(2024, 5, 27), "ACCUSE", "112", 1, 0),
            (date(2024, 5, 27), "CONSULT", "040", 1, 0),
            (date(2024, 5, 27), "PROTEST", "141", 1, 1),
            (date(2024, 6, 10), "PROTEST", "141", 1, 1),
            (date(2024, 6, 17), "PROTEST", "141", 1, 1),
        ]
        assert reader.map_cells(every, cell=0.5) == [
            (49.98, 36.25, "Kharkiv", "UKR", 3, 14, "PROTEST"),
            (50.91, 34.8, "Sumy", "UKR", 2, 7, "ASSAULT"),
        ]
        assert reader.countries(every) == [("UKR", 6, 21), ("RUS", 2, 18), ("IRN", 1, 0), ("ISR", 1, 0)]
        assert reader.dyads(every) == [
            ("Russia", "RUS", "Ukraine", "UKR", 2, 2, 18),
            ("Iran", "IRN", "Israel", "ISR", 1, 1, 0),
            ("Ukraine", "UKR", "", "", 1, 0, 0),
        ]
        with pytest.raises(ValueError, match="no facet 'evidence'"):
            reader.facet(every, "evidence")
    finally:
        reader.close()


def test_records_read_alike_through_the_stand_ins_and_from_the_whole_tables(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's records come from tables narrowed to its rows; past MAX_NARROWING mentions, from the
    whole tables: the same records either way, fused or not."""
    import sitroom.store.reader

    _aggregate_fixture(store)
    narrowed = [fused_events(store), mentions(store), fused_event(store, "k2")]
    monkeypatch.setattr(sitroom.store.reader, "MAX_NARROWING", 0)
    assert [fused_events(store), mentions(store), fused_event(store, "k2")] == narrowed
    assert [len(narrowed[0]), len(narrowed[1]), len(narrowed[2].sources)] == [7, 9, 3]


def test_fusion_reads_stored_mentions_by_id_with_their_provenance(store: Store) -> None:
    """Fusion's lookup of stored mentions: each mention as it was written, with its own article's
    title, source, link and day, once however often its id is asked for; ids not stored are not found."""
    first = coded("m1", [full_event(), event("e-2")], title="Strike", source="Wire", url="https://a.test")
    second = coded("m2", [event("e-3"), event("e-4", "CONSULT")], published="2024-05-27", title="Talks")
    store.add(first)
    store.add(second)
    written = {
        e.id: new_mention(e, item.article, item.article.content_hash)
        for item in (first, second)
        for e in item.events
    }
    found = fusion.mentions_by_id(store._con, ["e-4", "e-full", "not-stored", "e-2", "e-3", "e-2"])
    assert sorted(found, key=lambda m: m.event.id) == sorted(written.values(), key=lambda m: m.event.id)
    assert fusion.mentions_by_id(store._con, []) == []


def _memory_limit(store: Store) -> str:
    return store._con.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_a_bulk_writer_bounds_duckdbs_buffer_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``memory`` bounds the DuckDB store's buffer pool (the bulk writers pass ``WRITE_MEMORY``), the
    environment's ``SITROOM_DUCKDB_MEMORY`` overrides it, and a store written under a bound holds
    what one written without holds."""
    monkeypatch.delenv(MEMORY_VARIABLE, raising=False)
    reports = [coded("a1", [full_event()]), coded("a2", [event("e-2")], text="Another strike.")]
    with Store(tmp_path / "bounded.duckdb", memory="64MB") as bounded:
        assert _memory_limit(bounded) == "61.0 MiB"  # 64 MB in DuckDB's binary units
        assert bounded.add_many(reports) == [True, True]
        held = rows(bounded, "SELECT * FROM fused_events ORDER BY id")
    with Store(tmp_path / "default.duckdb") as default:
        assert _memory_limit(default) != "61.0 MiB"
        default.add_many(reports)
        assert rows(default, "SELECT * FROM fused_events ORDER BY id") == held
    monkeypatch.setenv(MEMORY_VARIABLE, "32MB")
    with Store(tmp_path / "bounded.duckdb", memory="64MB") as overridden:
        assert _memory_limit(overridden) == "30.5 MiB"


def _large(count: int) -> list[CodedArticle]:
    return [coded(f"large-{i}", [event(f"e-large-{i}")], text=f"Strike {i}. " * 20_000) for i in range(count)]


def test_a_batch_that_outgrows_the_bound_raises_it_and_every_article_is_stored(tmp_path: Path) -> None:
    """What a write must hold grows with the store (the keys' indexes: docs/scaling.md, session 8), so
    a bounded DuckDB store that runs out of memory checkpoints, then raises its bound by half until the
    batch fits, instead of stopping the run. Before, these 20 articles stopped it with a StoreError."""
    path = tmp_path / "small.duckdb"
    with Store(path, memory="4MB") as bounded:
        assert bounded.add_many(_large(20)) == [True] * 20
        raised = _memory_limit(bounded)
    assert raised.endswith("MiB") and float(raised.split()[0]) > 4
    with Store(path) as reopened:
        assert len(rows(reopened, "SELECT id FROM articles")) == 20
        assert len(rows(reopened, "SELECT id FROM fused_events")) == 1  # one strike, twenty reports


def test_running_out_of_memory_past_every_raise_stops_the_run_and_refuses_no_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch that does not fit even after the bound was raised (here: no raise allowed) is the
    database's failure, so storing stops with a StoreError (the run can be resumed with more memory)
    instead of refusing each article as if its values were bad; what was stored before stays."""
    monkeypatch.setattr(engines, "MEMORY_RAISES", 0)
    path = tmp_path / "small.duckdb"
    with Store(path) as store:
        store.add(coded("kept", [full_event()]))
    with Store(path, memory="4MB") as bounded, pytest.raises(StoreError, match="Out of Memory"):
        bounded.add_many(_large(20))
    with Store(path) as reopened:
        assert [r[0] for r in rows(reopened, "SELECT id FROM articles ORDER BY id")] == ["kept"]


def test_fusing_again_under_a_small_bound_raises_it_and_fuses_every_report(tmp_path: Path) -> None:
    """``sitroom fuse --rebuild`` and the repair at the start of ``ingest`` read every mention not yet
    fused and fuse them article by article: under a bound they make room as a write does. Before, reading
    these twenty articles' mentions under 4 MB stopped with a StoreError (Out of Memory)."""
    path = tmp_path / "small.duckdb"
    with Store(path) as store:
        assert store.add_many(_large(20)) == [True] * 20
        before = rows(store, "SELECT * FROM fused_events ORDER BY id")
    with Store(path, memory="4MB") as bounded:
        assert bounded.refuse() == 20
        assert float(_memory_limit(bounded).split()[0]) > 4
        assert rows(bounded, "SELECT * FROM fused_events ORDER BY id") == before

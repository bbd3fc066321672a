"""The read side: every question the CLI, the web API and the exports ask of a store, on either engine.

:class:`EventReader` answers with :class:`~sitroom.export.EventRecord` objects (an event and its source
articles) and plain rows for aggregates: a filtered, sorted page of events with its total, one event,
one article with its events, per-day counts, the actor network, map cells, per-country counts and a
Parquet copy. Filters come as one :class:`~sitroom.store.query.EventQuery`.

It reads either the coded events (mentions) or the fused events. Fused events are read through a
subquery that gives them the events table's columns (the fused fields, plus the evidence, codes and
offsets of the fused event's own mention, whose id it carries), aliased ``e`` like the events table, so
every filter, sort and aggregate works on both.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitroom.errors import StoreError
from sitroom.export.records import EventRecord
from sitroom.store.engines import Connection, first_line
from sitroom.store.query import SORT_KEYS, TIME_BUCKETS, EventQuery
from sitroom.store.rollups import MAP_CELL
from sitroom.store.rows import (
    ARTICLE_ALIASES,
    EVENT_COLUMNS,
    FUSION_KEYS,
    MENTION_KEYS,
    ArticleRecord,
    dicts,
    fusion_from_row,
    quote,
    record_from_row,
    with_sources,
)

if TYPE_CHECKING:
    from sitroom.store.writer import Store

EXPORT_BATCH = 5000
#: The columns :meth:`EventReader.facet` counts, and those of them the ``fused_days`` rollup holds.
FACETS = frozenset({"type", "factuality", "mode", "location_precision", "date_precision"})
ROLLED_FACETS = frozenset({"type", "factuality"})
#: Records are read this many events at a time (a page of the API is 50).
RECORD_BATCH = 500
#: Above this many mentions in a batch of records, the tables are read whole (see ``_narrowed``): the
#: statements stay within PostgreSQL's 65,535 parameters.
MAX_NARROWING = 15_000
#: The article columns a record reads (not the article's text).
_ARTICLE_KEYS = "content_hash, id, title, source, url, published"
_DAY = "coalesce(e.date_start, a.published)"
_FROM = "FROM events e JOIN articles a ON a.content_hash = e.article_hash"
_FUSED_FROM = (
    "FROM (SELECT f.id, m.article_hash, m.article_id, f.type, f.mode, f.actor_name, f.actor_country, "
    "f.actor_sector, "
    "CASE WHEN m.actor_name IS NOT DISTINCT FROM f.actor_name THEN m.actor_text END AS actor_text, "
    "f.target_name, f.target_country, f.target_sector, "
    "CASE WHEN m.target_name IS NOT DISTINCT FROM f.target_name THEN m.target_text END AS target_text, "
    "f.location_name, f.location_country, f.location_lat, f.location_lon, f.location_precision, "
    "f.location_geonames_id, f.location_feature, f.location_radius_km, f.date_start, f.date_end, "
    "f.date_precision, "
    "CASE WHEN m.date_start = f.date_start AND m.date_end = f.date_end THEN m.date_text END AS date_text, "
    "f.fatalities, m.injured, m.casualties_vague, f.factuality, m.evidence, m.sentence_start, "
    'm.sentence_end, m."trigger", m.cameo, m.cameo_root, m.quad_class, f.acled_event_type, '
    "f.acled_sub_event_type, m.confidence, "
    "m.attribution, f.mentions AS n_mentions, f.articles AS n_articles, f.sources AS n_sources "
    "FROM fused_events f JOIN events m ON m.id = f.id) e JOIN articles a ON a.content_hash = e.article_hash"
)
#: Fused events alone, for counts and aggregates that need neither the mention's text nor its article
#: (a fused event carries its own mention's CAMEO code and quad class: schema version 3).
_FUSED_ONLY = "FROM fused_events e"
_FUSED_DAY = "coalesce(e.date_start, e.first_seen)"


#: A stand-in for each table (``_narrowed``): its WITH clause and the clause's parameters.
Narrowed = dict[str, tuple[str, list[Any]]]


def _with(narrowed: Narrowed, tables: tuple[str, ...]) -> tuple[str, list[Any]]:
    """The WITH clause, and its parameters, that puts the stand-ins of ``tables`` in place of the tables
    (nothing when there are none)."""
    chosen = [narrowed[table] for table in tables if table in narrowed]
    if not chosen:
        return "", []
    return f"WITH {', '.join(clause for clause, _ in chosen)}", [v for _, values in chosen for v in values]


def _marks(values: list[Any]) -> str:
    """``(?, ?, …)`` for a list of ids: a constant list, which both engines push down into a subquery
    (an array bound as one value is a semi-join, and DuckDB then joins every fused event first)."""
    return f"({', '.join('?' * len(values))})" if values else "(NULL)"


class EventReader:
    """Read-only questions over an open :class:`Store`, safe to ask from several threads at once.

    Each thread reads through its own connection to the same database (a DuckDB cursor, a PostgreSQL
    connection), so a slow query does not hold up the others; :meth:`close` closes them (before the
    store itself is closed).

    ``fused`` reads fused events rather than coded events (mentions); by default it does when the store
    has fused events, or has no events at all (a new store fuses as it ingests).

    >>> with Store("sitroom.duckdb", read_only=True) as store:
    ...     reader = store.reader()
    ...     total, first_page = reader.page(EventQuery(types=("ASSAULT",)), limit=50)
    """

    def __init__(self, store: Store, fused: bool | None = None):
        self.store = store
        self._new_local = threading.local
        self._local = threading.local()
        self._cursors: list[Connection] = []
        self._cursors_lock = threading.Lock()
        has_fused = self._has_table("fused_events") and self._has_table("mention_clusters")
        if fused is None:
            fused = has_fused and (
                self._scalar("SELECT count(*) FROM fused_events") > 0 or self.mentions_count() == 0
            )
        if fused and not has_fused:
            raise StoreError(f"{store.path} has no fused events (run `sitroom ingest` with this sitroom)")
        self.fused = fused
        self._from = _FUSED_FROM if fused else _FROM
        self._select = f"SELECT e.*, {ARTICLE_ALIASES} {self._from}"

    def _connection(self) -> Connection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self.store.thread_connection()
            with self._cursors_lock:
                self._cursors.append(cursor)
            self._local.cursor = cursor
        return cursor

    def close(self) -> None:
        """Close every thread's cursor; the store stays open."""
        with self._cursors_lock:
            for cursor in self._cursors:
                with contextlib.suppress(*self.store.engine.errors):
                    cursor.close()
            self._cursors.clear()
        self._local = self._new_local()

    def _has_table(self, name: str) -> bool:
        sql = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
        return self._scalar(sql, [name]) > 0

    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        return self._rows(sql, params or [])[0][0]

    def mentions_count(self) -> int:
        """How many coded events (mentions) the store holds."""
        return self._scalar("SELECT count(*) FROM events")

    def _rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        try:
            return self._connection().execute(sql, params).fetchall()
        except self.store.engine.errors as exc:
            raise StoreError(f"cannot read {self.store.path}: {first_line(exc)}") from exc

    def _scan(self, query: EventQuery) -> tuple[str, str, list[Any], str]:
        """FROM clause, WHERE clause, parameters and day expression for an aggregate over the matches.

        Fused events are read from their own table when nothing asks for a mention's text (free text
        does): the full view joins two more tables, and their wide rows. An undated fused event counts
        on the day it was first seen."""
        if not self.fused or query.q:
            return self._from, *query.where(), _DAY
        return _FUSED_ONLY, *query.where(published="e.first_seen"), _FUSED_DAY

    def _rolled(self, query: EventQuery) -> tuple[str, list[Any]] | None:
        """The WHERE clause over a rollup aliased ``e`` (``rollups.py``) and its parameters, when the
        rollups answer ``query``: fused events, filtered by type alone or not at all; else None."""
        if not self.fused or not query.only_types:
            return None
        return query.where()

    def count(self, query: EventQuery) -> int:
        """How many events match."""
        return self.overview(query)[0]

    def page(
        self,
        query: EventQuery,
        sort: str = "date",
        descending: bool = True,
        limit: int | None = 50,
        offset: int = 0,
    ) -> tuple[int, list[EventRecord]]:
        """The total number of matches and one page of them, sorted by a key of :data:`SORT_KEYS`; a
        fused event's record carries every mention as a source."""
        if sort not in SORT_KEYS:
            raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(SORT_KEYS)}")
        direction = "DESC" if descending else "ASC"
        source, where, params, day = self._scan(query)
        if source == self._from:
            key = SORT_KEYS[sort]
            ties = f"{day} DESC NULLS LAST, e.article_hash, e.sentence_start, e.id"
        else:  # fused events alone: no article columns
            key = SORT_KEYS[sort].replace("a.published", "e.first_seen")
            ties = f"{day} DESC NULLS LAST, e.last_seen DESC NULLS LAST, e.id"
        order = f"ORDER BY {key} {direction} NULLS LAST, {ties}"
        sql = f"SELECT e.id {source} WHERE {where} {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        # Sort the ids alone, then read the page's rows: far cheaper than sorting whole rows.
        ids = [row[0] for row in self._rows(sql, params)]
        found: dict[str, EventRecord] = {}
        for start in range(0, len(ids), RECORD_BATCH):  # bounded statements, on a page of any length
            records = self._records(ids[start : start + RECORD_BATCH])
            found.update((record.event.id, record) for record in records)
        return self.count(query), [found[event_id] for event_id in ids if event_id in found]

    def records(self, query: EventQuery, sort: str = "date") -> Iterator[EventRecord]:
        """Every matching event, newest first, read a batch at a time (exports, ``sitroom events``)."""
        offset = 0
        while True:
            _, batch = self.page(query, sort, limit=EXPORT_BATCH, offset=offset)
            yield from batch
            if len(batch) < EXPORT_BATCH:
                return
            offset += EXPORT_BATCH

    def _records(self, ids: list[str]) -> list[EventRecord]:
        """The records of these events (of fused events, with every mention as a source), in any order."""
        if not ids:
            return []
        narrowed = self._narrowed(ids)
        tables = ("fused_events", "events", "articles") if self.fused else ("events", "articles")
        with_, narrowing = _with(narrowed, tables)
        sql = f"{with_} {self._select} WHERE e.id IN {_marks(ids)}"
        try:
            cursor = self._connection().execute(sql, [*narrowing, *ids])
            names = [column[0] for column in cursor.description]
            found = [record_from_row(row) for row in dicts(names, cursor.fetchall())]
        except self.store.engine.errors as exc:
            raise StoreError(f"cannot read events from {self.store.path}: {first_line(exc)}") from exc
        if not self.fused:
            return found
        mentions, fusion = self._mentions(ids, narrowed), self._fusion(ids)
        return [
            with_sources(record, mentions.get(record.event.id, []), fusion.get(record.event.id))
            for record in found
        ]

    def _narrowed(self, ids: list[str]) -> Narrowed:
        """Stand-ins for the tables a record is read from, each holding only the rows of these events (a
        fused event's mentions and their articles too), for :func:`_with`; empty past
        :data:`MAX_NARROWING` mentions (fused events with very many), when the tables are read whole.

        The read side's one SQL for a record then runs unchanged on a few rows. Each stand-in is its
        table filtered by a constant list of primary keys and materialised, so both engines look those
        keys up in the primary key: joined to the whole tables instead, DuckDB scanned the wide
        ``events`` and ``articles`` rows of a million events for a page of 50 (1–2 s; docs/scaling.md)."""
        mention_ids = list(ids)
        if self.fused:
            sql = f"SELECT mention_id FROM mention_clusters WHERE cluster_id IN {_marks(ids)}"
            mention_ids = sorted({*ids, *(row[0] for row in self._rows(sql, ids))})
        if len(mention_ids) > MAX_NARROWING:
            return {}
        found = self._rows(f"SELECT article_hash FROM events WHERE id IN {_marks(mention_ids)}", mention_ids)
        hashes = sorted({row[0] for row in found})
        keys = {
            "events": ("*", "id", mention_ids),
            "articles": (_ARTICLE_KEYS, "content_hash", hashes),
            "fused_events": ("*", "id", ids),
            "mention_clusters": ("*", "mention_id", mention_ids),
        }
        stand_in = "{0} AS MATERIALIZED (SELECT {1} FROM {0} WHERE {2} IN {3})"
        return {
            table: (stand_in.format(table, columns, key, _marks(values)), values)
            for table, (columns, key, values) in keys.items()
        }

    def event(self, event_id: str) -> EventRecord | None:
        """One event by its id (a fused event also by the id of any of its mentions), or None."""
        if self.fused:
            row = self._rows("SELECT cluster_id FROM mention_clusters WHERE mention_id = ?", [event_id])
            event_id = row[0][0] if row else event_id
        found = self._records([event_id])
        return found[0] if found else None

    def _mentions(self, cluster_ids: list[str], narrowed: Narrowed) -> dict[str, list[dict[str, Any]]]:
        """The mentions of these fused events with their articles: the fused event's own mention first,
        then by publication day (keys: :data:`MENTION_KEYS`); ``narrowed`` is :meth:`_narrowed`'s."""
        with_, narrowing = _with(narrowed, ("mention_clusters", "events", "articles"))
        rows = self._rows(
            f"{with_} SELECT mc.cluster_id, e.id, e.article_id, e.article_hash, a.title, a.url, a.source, "
            'a.published, e.evidence, e.sentence_start, e.sentence_end, e."trigger", e.type, e.factuality, '
            "e.fatalities "
            "FROM mention_clusters mc JOIN events e ON e.id = mc.mention_id "
            "JOIN articles a ON a.content_hash = e.article_hash "
            f"WHERE mc.cluster_id IN {_marks(cluster_ids)} "
            "ORDER BY mc.cluster_id, e.id = mc.cluster_id DESC, a.published NULLS LAST, e.id",
            [*narrowing, *cluster_ids],
        )
        found: dict[str, list[dict[str, Any]]] = {}
        for cluster_id, *values in rows:
            found.setdefault(cluster_id, []).append(dict(zip(MENTION_KEYS, values, strict=True)))
        return found

    def _fusion(self, cluster_ids: list[str]) -> dict[str, dict[str, Any]]:
        """What fusion says of these fused events (keys: :data:`FUSION_KEYS`; JSON fields decoded)."""
        columns = ", ".join(FUSION_KEYS)
        rows = self._rows(
            f"SELECT id, {columns} FROM fused_events WHERE id IN {_marks(cluster_ids)}", cluster_ids
        )
        return {cluster_id: fusion_from_row(values) for cluster_id, *values in rows}

    def article(self, key: str) -> ArticleRecord | None:
        """An article by content hash, or else by the id its input gave (the most recently ingested one)."""
        rows = self._rows(
            "SELECT content_hash, id, title, source, url, published, text, origin FROM articles "
            "WHERE content_hash = ? OR id = ? ORDER BY content_hash = ? DESC, ingested_at DESC LIMIT 1",
            [key, key, key],
        )
        if not rows:
            return None
        content_hash, article_id, title, source, url, published, text, origin = rows[0]
        events = self._rows(
            'SELECT id, type, sentence_start, sentence_end, evidence, "trigger" FROM events '
            "WHERE article_hash = ? ORDER BY sentence_start, id",
            [content_hash],
        )
        places = self._rows(
            'SELECT "start", "end", "text", name, country, lat, lon, feature FROM places '
            'WHERE article_hash = ? ORDER BY "start"',
            [content_hash],
        )
        event_keys = ("id", "type", "sentence_start", "sentence_end", "evidence", "trigger")
        if self.fused:
            clusters = dict(
                self._rows(
                    "SELECT mention_id, cluster_id FROM mention_clusters WHERE mention_id IN "
                    "(SELECT id FROM events WHERE article_hash = ?)",
                    [content_hash],
                )
            )
            events = [(*row, clusters.get(row[0])) for row in events]
            event_keys = (*event_keys, "fused_id")
        place_keys = ("start", "end", "text", "name", "country", "lat", "lon", "feature")
        return ArticleRecord(
            content_hash, article_id, title, source, url, published, text, origin,
            events=[dict(zip(event_keys, row, strict=True)) for row in events],
            places=[dict(zip(place_keys, row, strict=True)) for row in places],
        )  # fmt: skip

    def timeline(self, query: EventQuery, bucket: str = "day") -> list[tuple[date, str, str, int, int]]:
        """``(day, type, cameo, events, fatalities)`` per time bucket, oldest first; undated events count
        on their article's publication day, and events with neither are left out. (The day is truncated
        as a TIMESTAMP: PostgreSQL's date_trunc of a DATE goes through the time zone, 2–3× slower.)"""
        if bucket not in TIME_BUCKETS:
            raise ValueError(f"bucket must be one of {', '.join(TIME_BUCKETS)}")
        source, where, params, day = self._scan(query)
        events, fatalities = "count(*)", "coalesce(e.fatalities, 0)"
        if rolled := self._rolled(query):
            (where, params), source, day = rolled, "FROM fused_days e", "e.day"
            events, fatalities = "CAST(sum(e.events) AS BIGINT)", "e.fatalities"
        sql = (
            f"SELECT CAST(date_trunc('{bucket}', CAST({day} AS TIMESTAMP)) AS DATE) AS day, e.type, e.cameo, "
            f"{events}, CAST(sum({fatalities}) AS BIGINT) {source} "
            f"WHERE {where} AND {day} IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        )
        return self._rows(sql, params)

    def span(self, query: EventQuery) -> tuple[date | None, date | None]:
        """The first and last day of the matching events (without counting them: unfiltered, PostgreSQL
        reads both from an index)."""
        source, where, params, day = self._scan(query)
        if rolled := self._rolled(query):
            (where, params), source, day = rolled, "FROM fused_days e", "e.day"
        return self._rows(f"SELECT min({day}), max({day}) {source} WHERE {where}", params)[0]

    def overview(self, query: EventQuery) -> tuple[int, date | None, date | None]:
        """How many events match, and their first and last day."""
        source, where, params, day = self._scan(query)
        events = "count(*)"
        if rolled := self._rolled(query):
            (where, params), source, day = rolled, "FROM fused_days e", "e.day"
            events = "coalesce(CAST(sum(e.events) AS BIGINT), 0)"
        sql = f"SELECT {events}, min({day}), max({day}) {source} WHERE {where}"
        return self._rows(sql, params)[0]

    def facet(self, query: EventQuery, column: str) -> list[tuple[str, int]]:
        """Counts of ``type`` or ``factuality`` among the matching events, largest first. (One pass per
        column: ``GROUPING SETS`` over several, measured, was slower on both engines.)"""
        if column not in FACETS:
            raise ValueError(f"no facet {column!r}")
        source, where, params, _ = self._scan(query)
        events = "count(*)"
        if column in ROLLED_FACETS and (rolled := self._rolled(query)):
            (where, params), source, events = rolled, "FROM fused_days e", "CAST(sum(e.events) AS BIGINT)"
        sql = f"SELECT e.{column}, {events} {source} WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1"
        return self._rows(sql, params)

    def dyads(self, query: EventQuery, limit: int = 200) -> list[tuple[str, str, str, str, int, int, int]]:
        """``(actor name, actor country, target name, target country, events, conflict events, fatalities)``
        per directed pair of parties, most events first; a missing target is an empty name."""
        source, where, params, _ = self._scan(query)
        sums = "count(*)", "CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END", "coalesce(e.fatalities, 0)"
        if rolled := self._rolled(query):
            (where, params), source = rolled, "FROM fused_dyads e"
            sums = "CAST(sum(e.events) AS BIGINT)", "e.conflict", "e.fatalities"
        sql = (
            "SELECT e.actor_name, coalesce(e.actor_country, ''), coalesce(e.target_name, ''), "
            f"coalesce(e.target_country, ''), {sums[0]} AS n, CAST(sum({sums[1]}) AS BIGINT), "
            f"CAST(sum({sums[2]}) AS BIGINT) {source} "
            f"WHERE {where} AND e.actor_name IS NOT NULL "
            "GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1, 3, 2, 4 LIMIT ?"
        )
        return self._rows(sql, [*params, limit])

    def map_cells(
        self, query: EventQuery, cell: float = 0.5, limit: int = 3000
    ) -> list[tuple[float, float, str, str | None, int, int, str]]:
        """Events with coordinates gathered in grid cells of ``cell`` degrees: ``(lat, lon, a place name,
        country, events, fatalities, most frequent type)``, most events first (ties: the first name and
        type in alphabetical order, so both engines answer alike)."""
        source, where, params, _ = self._scan(query)
        # Per cell and type first, then per cell: the most frequent type is the first of the busiest
        # (an ordered-set mode() would make PostgreSQL sort every located event; this one hashes).
        per_type = (
            "SELECT round(e.location_lat / ?) AS y, round(e.location_lon / ?) AS x, e.type, "
            "sum(e.location_lat) AS lat, sum(e.location_lon) AS lon, min(e.location_name) AS name, "
            "min(e.location_country) AS country, count(*) AS n, sum(coalesce(e.fatalities, 0)) AS f "
            f"{source} WHERE {where} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
            "GROUP BY 1, 2, 3"
        )
        cells = [cell, cell, *params]
        if cell == MAP_CELL and (rolled := self._rolled(query)):
            where, cells = rolled
            per_type = (
                "SELECT e.y, e.x, e.type, sum(e.lat) AS lat, sum(e.lon) AS lon, "
                "min(e.location_name) AS name, min(e.location_country) AS country, "
                "CAST(sum(e.events) AS BIGINT) AS n, sum(e.fatalities) AS f "
                f"FROM fused_cells e WHERE {where} GROUP BY 1, 2, 3"
            )
        ranked = (
            "SELECT *, row_number() OVER (PARTITION BY y, x ORDER BY n DESC, type) AS rank "
            f"FROM ({per_type}) per_type"
        )
        sql = (
            "SELECT sum(lat) / sum(n), sum(lon) / sum(n), min(name), min(country), sum(n) AS n, "
            "CAST(sum(f) AS BIGINT) AS f, min(CASE WHEN rank = 1 THEN type END) "
            f"FROM ({ranked}) ranked GROUP BY y, x ORDER BY n DESC, f DESC, 1, 2 LIMIT ?"
        )
        rows = self._rows(sql, [*cells, limit])
        return [(round(lat, 4), round(lon, 4), *rest) for lat, lon, *rest in rows]

    def countries(self, query: EventQuery) -> list[tuple[str, int, int]]:
        """``(ISO3, events, fatalities)`` for every country an event involves (as actor, target or place),
        each event counted once per country."""
        source, where, params, _ = self._scan(query)
        weight, events = "1", "count(*)"  # a fused event, or (from the rollup) a group of them
        if rolled := self._rolled(query):
            (where, params), source = rolled, "FROM fused_countries e"
            weight, events = "e.events", "CAST(sum(w) AS BIGINT)"
        parts = [
            f"SELECT e.actor_country AS c, {weight} AS w, e.fatalities AS f {source} WHERE {where}",
            f"SELECT e.target_country, {weight}, e.fatalities {source} WHERE {where} "
            "AND e.target_country IS DISTINCT FROM e.actor_country",
            f"SELECT e.location_country, {weight}, e.fatalities {source} WHERE {where} "
            "AND e.location_country IS DISTINCT FROM e.actor_country "
            "AND e.location_country IS DISTINCT FROM e.target_country",
        ]
        sql = (
            f"SELECT c, {events} AS n, CAST(sum(coalesce(f, 0)) AS BIGINT) "
            f"FROM ({' UNION ALL '.join(parts)}) involved WHERE c IS NOT NULL GROUP BY c ORDER BY n DESC, c"
        )
        return self._rows(sql, params * 3)

    def articles_count(self) -> int:
        """How many articles the store holds."""
        return self._rows("SELECT count(*) FROM articles", [])[0][0]

    def write_parquet(self, query: EventQuery, path: str | Path) -> int:
        """Copy the matching events (flat columns plus the article's provenance) to a Parquet file, newest
        first; returns the number of events written."""
        where, params = query.where()
        columns = ", ".join(f"e.{quote(c)}" for c in EVENT_COLUMNS)
        if self.fused:
            columns += ", e.n_mentions AS mentions, e.n_articles AS articles, e.n_sources AS sources"
        select = (
            f"SELECT {columns}, e.article_hash, a.published, a.title, a.url, a.source {self._from} "
            f"WHERE {where} "
            f"ORDER BY {_DAY} DESC NULLS LAST, e.article_hash, e.sentence_start, e.id"
        )
        try:
            self.store.engine.copy_parquet(self._connection(), select, params, path)
        except self.store.engine.errors as exc:
            raise StoreError(f"cannot write {path}: {first_line(exc)}") from exc
        return self.count(query)

"""The situation room's one door to the data: what the API, the page and ``sitroom export`` read.

Everything goes through the store's reader (:class:`~sitroom.store.StoreReader`), and comes out as
:class:`~sitroom.export.EventRecord` objects (an event and its source articles) or plain JSON-ready
dictionaries. Nothing here imports FastAPI, so the CLI's export uses it without the web stack.

The store is opened once and shared: DuckDB lets one process write a file at a time (a PostgreSQL store
is shared with other ingesters too). Reads run on the reader's per-thread connections, side by side;
writes (ingest) take the lock, and coding an article, which takes seconds, happens outside it.

    >>> with EventSource("sitroom.duckdb") as source:
    ...     total, records = source.page(EventQuery(country="UKR"), limit=20)
"""

from __future__ import annotations

import csv
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sitroom.closing import Closing
from sitroom.errors import ArticleNotStored
from sitroom.export import EventRecord, SourceRef, goldstein
from sitroom.export.cells import safe_cell
from sitroom.export.countries import country_facts
from sitroom.export.goldstein import cameo_quad_class
from sitroom.models import CodedArticle
from sitroom.store import (
    FLAT_COLUMNS,
    ArticleRecord,
    EventQuery,
    StoreReader,
    StoreWriter,
    flat_row,
    open_store,
)

#: Above these spans (in days) the timeline counts per week, then per month, to stay a few hundred bars.
WEEKLY_AFTER = 180
MONTHLY_AFTER = 1100
MAX_EDGES_PER_NODE = 6  # the network shows the heaviest edges among its parties, up to 6 per party


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    return value.isoformat() if isinstance(value, date) else value


def event_json(record: EventRecord) -> dict[str, Any]:
    """An event for the API: FORMAT.md's fields, sitroom's own, derived codes and every source."""
    event = record.event
    primary = record.primary
    body = event.to_format()
    body.update(
        day=record.day.isoformat() if record.day else None,
        goldstein=goldstein(event.cameo),
        cameo_quad_class=cameo_quad_class(event.cameo),
        acled={"event_type": event.acled_event_type, "sub_event_type": event.acled_sub_event_type},
        sources=[source_json(source) for source in record.sources],
        fusion=_jsonable(record.fusion) if record.fusion else None,
    )
    if primary is not None:
        body.update(
            article_id=primary.article_id,
            article_hash=primary.article_hash,
            title=primary.title,
            published=primary.published.isoformat() if primary.published else None,
            url=primary.url,
            outlet=primary.outlet,
        )
    return body


def source_json(source: SourceRef) -> dict[str, Any]:
    return {
        "article_id": source.article_id,
        "article_hash": source.article_hash,
        "title": source.title,
        "url": source.url,
        "outlet": source.outlet,
        "published": source.published.isoformat() if source.published else None,
        "evidence": source.evidence,
        "sentence_start": source.sentence_start,
        "sentence_end": source.sentence_end,
        "trigger": source.trigger,
        "event_id": source.event_id,
    }


def article_json(article: ArticleRecord) -> dict[str, Any]:
    """An article with its text, the offsets of its events and its place mentions (no server paths)."""
    return {
        "content_hash": article.content_hash,
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "text": article.text,
        "events": article.events,
        "places": article.places,
    }


def write_flat_csv(records: Iterable[EventRecord], out: IO[str]) -> None:
    """The store's flat columns, one row per event (as ``sitroom events --mentions --format csv``)."""
    writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(
            {key: "" if value is None else safe_cell(value) for key, value in flat_row(record).items()}
        )


def pick_bucket(first: date | None, last: date | None) -> str:
    """Days for a span of up to half a year, then weeks, then months."""
    if first is None or last is None:
        return "day"
    days = (last - first).days
    return "day" if days <= WEEKLY_AFTER else "week" if days <= MONTHLY_AFTER else "month"


class EventSource(Closing):
    """The open store and its reader; ``writable`` allows ingest (and creates the file), ``fused`` picks
    fused events or mentions (by default fused events when the store has them)."""

    def __init__(self, path: str | Path, writable: bool = False, fused: bool | None = None):
        self.writable = writable
        self.store: StoreWriter = open_store(path, read_only=not writable)
        self.path = self.store.path
        try:
            self.reader: StoreReader = self.store.reader(fused=fused)
        except BaseException:
            self.store.close()
            raise
        self.lock = threading.RLock()

    @property
    def fused(self) -> bool:
        """Whether the events shown are fused events (else the coded events, one per article)."""
        return self.reader.fused

    def close(self) -> None:
        with self.lock:
            self.reader.close()
            self.store.close()

    # --- events ------------------------------------------------------------------------------------------
    def page(
        self, query: EventQuery, sort: str = "date", descending: bool = True, limit: int | None = 50,
        offset: int = 0,
    ) -> tuple[int, list[EventRecord]]:  # fmt: skip
        """The number of matching events and one sorted page of them."""
        return self.reader.page(query, sort, descending, limit, offset)

    def event(self, event_id: str) -> EventRecord | None:
        """One event; a fused event also by the id of any of its mentions."""
        return self.reader.event(event_id)

    def records(self, query: EventQuery) -> Iterator[EventRecord]:
        """Every matching event, newest first, read in batches (for exports)."""
        return self.reader.records(query)

    def write_parquet(self, query: EventQuery, path: str | Path) -> int:
        return self.reader.write_parquet(query, path)

    # --- articles ----------------------------------------------------------------------------------------
    def article(self, key: str) -> ArticleRecord | None:
        return self.reader.article(key)

    def add(self, coded: CodedArticle) -> bool:
        """Store a coded article (False when the same content is already stored)."""
        with self.lock:
            return self.store.add(coded)

    def add_many(self, items: Sequence[CodedArticle]) -> list[bool | ArticleNotStored]:
        """Store coded articles in one transaction (``Store.add_many``)."""
        with self.lock:
            return self.store.add_many(items)

    def changes(self, after: datetime | None) -> dict[str, Any]:
        """What was stored after the cursor ``after`` (``store.watch.changes_since``)."""
        from sitroom.store.watch import changes_since

        with self.lock:
            cursor = self.store.thread_connection()
        try:
            return changes_since(cursor, after, self.fused)
        finally:
            cursor.close()

    def has_article(self, content_hash: str) -> bool:
        with self.lock:
            return self.store.has_article(content_hash)

    # --- aggregates --------------------------------------------------------------------------------------
    def summary(self, query: EventQuery) -> dict[str, Any]:
        """Totals and facets of the matching events, for the page's header and filter menus."""
        total, first, last = self.reader.overview(query)
        types = self.reader.facet(query, "type")
        factuality = self.reader.facet(query, "factuality")
        articles = self.reader.articles_count()
        mentions = self.reader.mentions_count()
        return {
            "events": total,
            "articles": articles,
            "mentions": mentions,
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
            "types": dict(types),
            "factuality": dict(factuality),
            "fused": self.fused,
            "writable": self.writable,
        }

    def timeline(self, query: EventQuery, bucket: str = "auto") -> dict[str, Any]:
        """Events per time bucket by type, with fatalities, Goldstein sums and counts per quad class."""
        if bucket == "auto":
            bucket = pick_bucket(*self.reader.span(query))
        rows = self.reader.timeline(query, bucket)
        days = sorted({row[0] for row in rows})
        index = {day: position for position, day in enumerate(days)}
        size = len(days)
        by_type: dict[str, list[int]] = defaultdict(lambda: [0] * size)
        by_quad: dict[str, list[int]] = defaultdict(lambda: [0] * size)
        events, fatalities, score = [0] * size, [0] * size, [0.0] * size
        for day, kind, cameo, count, killed in rows:
            at = index[day]
            by_type[kind][at] += count
            events[at] += count
            fatalities[at] += killed
            weight = goldstein(cameo)
            if weight is not None:
                score[at] += weight * count
            quad = cameo_quad_class(cameo)
            if quad:
                by_quad[str(quad)][at] += count
        return {
            "bucket": bucket,
            "buckets": [day.isoformat() for day in days],
            "types": dict(sorted(by_type.items())),
            "quads": dict(sorted(by_quad.items())),
            "events": events,
            "fatalities": fatalities,
            "goldstein": [round(value, 1) for value in score],
        }

    def network(self, query: EventQuery, limit: int = 40) -> dict[str, Any]:
        """Who acts on whom: the ``limit`` most active parties and the weighted edges among them."""
        rows = self.reader.dyads(query, limit=2000)
        nodes: dict[str, dict[str, Any]] = {}

        def node(name: str, country: str) -> str:
            key = f"{name}|{country}"
            nodes.setdefault(
                key, {"id": key, "name": name, "country": country or None, "events": 0, "conflict": 0}
            )
            return key

        edges = []
        for actor, actor_country, target, target_country, count, conflict, killed in rows:
            source = node(actor, actor_country)
            nodes[source]["events"] += count
            nodes[source]["conflict"] += conflict
            if not target:
                continue
            goal = node(target, target_country)
            if goal != source:
                nodes[goal]["events"] += count
                nodes[goal]["conflict"] += conflict
            edge = {"source": source, "target": goal, "weight": count, "conflict": conflict}
            edges.append({**edge, "fatalities": killed})
        kept = sorted(nodes.values(), key=lambda item: (-item["events"], item["id"]))[:limit]
        keep = {item["id"] for item in kept}
        inside = [edge for edge in edges if edge["source"] in keep and edge["target"] in keep]
        return {"nodes": kept, "edges": inside[: MAX_EDGES_PER_NODE * limit]}

    def map_cells(self, query: EventQuery, cell: float = 0.5, limit: int = 3000) -> list[dict[str, Any]]:
        """Located events gathered per grid cell, for the map's circles."""
        rows = self.reader.map_cells(query, cell, limit)
        keys = ("lat", "lon", "name", "country", "events", "fatalities", "type")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def countries(self, query: EventQuery) -> list[dict[str, Any]]:
        """Events per country involved, with the names and ISO numeric codes the basemap is keyed by."""
        rows = self.reader.countries(query)
        result = []
        for iso3, count, killed in rows:
            facts = country_facts(iso3)
            result.append(
                {
                    "iso3": iso3,
                    "name": facts.name if facts else iso3,
                    "numeric": facts.numeric if facts else None,
                    "events": count,
                    "fatalities": killed,
                }
            )
        return result

"""The event store: articles and the events coded from them, in one embedded DuckDB file.

This module and ``schema.sql`` are the only places where sitroom writes SQL. The store sees only models:
it takes :class:`~sitroom.models.CodedArticle` in and gives :class:`StoredEvent` (an Event with its
article's provenance) out.

Crash safety comes from one transaction per article: DuckDB's write-ahead log makes a commit all or
nothing, so a process killed at any moment leaves whole articles with all their events, and the next run
skips exactly those (an article's identity is its content hash).

    >>> with Store("sitroom.duckdb") as store:
    ...     store.add(coded)
    ...     store.events(country="UKR", limit=10)
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from sitroom.errors import StoreError
from sitroom.models import CodedArticle, Event

SCHEMA_VERSION = 1
DEFAULT_PATH = "sitroom.duckdb"

ACTOR_FIELDS = ("name", "country", "sector", "text")
LOCATION_FIELDS = ("name", "country", "lat", "lon", "precision", "geonames_id", "feature", "radius_km")
DATE_FIELDS = ("start", "end", "precision", "text")
SCALAR_FIELDS = (
    "fatalities", "injured", "casualties_vague", "factuality", "evidence", "sentence_start", "sentence_end",
    "trigger", "cameo", "cameo_root", "quad_class", "acled_event_type", "confidence",
)  # fmt: skip
JSON_FIELDS = ("attribution",)  # nested models kept whole, as JSON text
GROUPS = (("actor", ACTOR_FIELDS), ("target", ACTOR_FIELDS), ("location", LOCATION_FIELDS))

#: The flat columns of one event, in the order of the ``events`` table (after ``article_hash``).
EVENT_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "type", "mode",
    *(f"{group}_{name}" for group, names in GROUPS for name in names),
    *(f"date_{name}" for name in DATE_FIELDS),
    *SCALAR_FIELDS,
    *JSON_FIELDS,
)  # fmt: skip
ARTICLE_COLUMNS = ("content_hash", "id", "title", "source", "url", "published", "text", "origin")

_INSERT_ARTICLE = f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * 8)})"


def _quote(column: str) -> str:
    """``trigger`` is an SQL keyword; quoting every column keeps the statements uniform."""
    return f'"{column}"'


def _quote_all(columns: tuple[str, ...]) -> list[str]:
    return [_quote(c) for c in columns]


PLACE_COLUMNS = (
    "start", "end", "text", "name", "country", "lat", "lon", "geonames_id", "feature", "radius_km",
)  # fmt: skip
_INSERT_PLACE = (
    f"INSERT INTO places (article_hash, {', '.join(_quote_all(PLACE_COLUMNS))}) "
    f"VALUES ({', '.join('?' * (len(PLACE_COLUMNS) + 1))})"
)
_INSERT_EVENT = (
    f"INSERT INTO events (article_hash, {', '.join(_quote(c) for c in EVENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * (len(EVENT_COLUMNS) + 1))})"
)
_SELECT_EVENTS = """
SELECT e.*, a.published AS article_published, a.title AS article_title, a.url AS article_url,
       a.source AS article_source
FROM events e JOIN articles a ON a.content_hash = e.article_hash
WHERE {where}
ORDER BY coalesce(e.date_start, a.published) DESC NULLS LAST, a.published DESC NULLS LAST,
         a.ingested_at DESC, e.article_hash, e.sentence_start, e.id
"""


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: the Event itself plus the article it was coded from."""

    event: Event
    article_id: str
    article_hash: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None

    def to_format(self) -> dict[str, Any]:
        """FORMAT.md's event object (``type``, ``actor``, ``date``, …) plus the article's provenance."""
        extra = {
            "article_id": self.article_id,
            "article_hash": self.article_hash,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "url": self.url,
            "source": self.source,
        }
        return {**self.event.to_format(), **{k: v for k, v in extra.items() if v is not None}}

    def to_row(self) -> dict[str, Any]:
        """One flat row (``actor_name``, ``actor_country``, …), as stored and as exported to CSV."""
        row = flatten_event(self.event, self.article_id)
        row.update(article_hash=self.article_hash, published=self.published, title=self.title, url=self.url)
        return row


@dataclass(frozen=True)
class StoreStats:
    """What a store holds, for ``sitroom stats`` and ingest summaries."""

    articles: int
    events: int
    by_type: dict[str, int] = field(default_factory=dict)
    first_date: date | None = None
    last_date: date | None = None


def flatten_event(event: Event, article_id: str) -> dict[str, Any]:
    """The event's nested fields as the flat columns of :data:`EVENT_COLUMNS`."""
    row: dict[str, Any] = {"id": event.id, "article_id": article_id, "type": event.type, "mode": event.mode}
    for group, names in (*GROUPS, ("date", DATE_FIELDS)):
        part = getattr(event, group)
        for name in names:
            row[f"{group}_{name}"] = getattr(part, name) if part is not None else None
    for name in SCALAR_FIELDS:
        row[name] = getattr(event, name)
    for name in JSON_FIELDS:
        value = getattr(event, name)
        row[name] = value.model_dump_json(exclude_none=True) if value is not None else None
    return row


def unflatten_event(row: dict[str, Any]) -> Event:
    """Rebuild an Event from its flat columns; a group whose columns are all NULL is absent."""
    data: dict[str, Any] = {name: row[name] for name in ("id", "type", "mode", *SCALAR_FIELDS)}
    data.update({name: json.loads(row[name]) for name in JSON_FIELDS if row[name] is not None})
    for group, names in (*GROUPS, ("date", DATE_FIELDS)):
        values = {name: row[f"{group}_{name}"] for name in names}
        data[group] = values if any(value is not None for value in values.values()) else None
    return Event.model_validate(data)


class Store:
    """Articles and events in a DuckDB file; one writer process at a time (DuckDB locks the file).

    ``read_only`` opens an existing store for queries; so does ``create=False`` for writing. Either
    raises :class:`StoreError` when the file does not exist, rather than creating an empty store.
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = False, create: bool = True):
        self.path = Path(path)
        if not self.path.exists() and (read_only or not create):
            raise StoreError(f"no store at {self.path} (create one with `sitroom ingest --db {self.path}`)")
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {_first_line(exc)}") from exc
        try:
            self._check_schema(read_only)
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; DuckDB checkpoints the write-ahead log into the file."""
        self._con.close()

    def _check_schema(self, read_only: bool) -> None:
        """Create the tables of a new store, and refuse one written by a newer sitroom."""
        try:
            if not read_only:
                self._con.execute(resources.files(__package__).joinpath("schema.sql").read_text())
            version = self._con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            if version is None and not read_only:
                self._con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION])
                version = SCHEMA_VERSION
        except duckdb.CatalogException as exc:
            raise StoreError(f"{self.path} is a DuckDB file but not a sitroom store") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot prepare store {self.path}: {_first_line(exc)}") from exc
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this sitroom's {SCHEMA_VERSION}; "
                "upgrade sitroom"
            )

    def has_article(self, content_hash: str) -> bool:
        """Whether an article with this content is stored; ingest asks before coding, to skip re-work."""
        query = "SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1"
        return self._con.execute(query, [content_hash]).fetchone() is not None

    def add(self, coded: CodedArticle) -> bool:
        """Store an article and all its events in one transaction.

        Returns False, writing nothing, when the same content is already stored, so re-ingesting is
        harmless. An article whose coding failed is refused: stored, it would never be retried.
        """
        if coded.error is not None:
            raise ValueError(f"article {coded.article.id!r} failed coding ({coded.error}); not storing it")
        article = coded.article
        content_hash = article.content_hash
        try:
            self._con.begin()
            if self.has_article(content_hash):
                self._con.rollback()
                return False
            self._con.execute(_INSERT_ARTICLE, [content_hash, *_article_values(coded)])
            if coded.events:
                rows = [[content_hash, *flatten_event(e, article.id).values()] for e in coded.events]
                self._con.executemany(_INSERT_EVENT, rows)
            if coded.places:
                rows = [[content_hash, *(getattr(p, c) for c in PLACE_COLUMNS)] for p in coded.places]
                self._con.executemany(_INSERT_PLACE, rows)
            self._con.commit()
        except duckdb.Error as exc:
            self._rollback()
            where = f"{article.id!r} ({article.origin})" if article.origin else repr(article.id)
            raise StoreError(f"cannot store article {where} in {self.path}: {_first_line(exc)}") from exc
        return True

    def _rollback(self) -> None:
        with contextlib.suppress(duckdb.Error):  # no transaction was open
            self._con.rollback()

    def events(
        self,
        type: str | None = None,
        country: str | None = None,
        actor: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> list[StoredEvent]:
        """Stored events, newest first, optionally filtered.

        ``country`` (ISO3) matches the actor's, the target's or the location's country; ``actor`` is a
        case-insensitive substring of the actor's or target's name. ``since``/``until`` keep events whose
        date span overlaps the range; an undated event is dated by its article's publication day, and
        sorts by it too.
        """
        clauses, params = _filters(type, country, actor, since, until)
        query = _SELECT_EVENTS.format(where=" AND ".join(clauses) or "TRUE")
        if limit is not None:
            query += " LIMIT ?"
            params.append(limit)
        try:
            cursor = self._con.execute(query, params)
            names = [column[0] for column in cursor.description]
            return [_stored_event(dict(zip(names, values, strict=True))) for values in cursor.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"cannot read events from {self.path}: {_first_line(exc)}") from exc

    def stats(self) -> StoreStats:
        """Counts of articles and events, events per type, and the span of event dates."""
        con = self._con
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        events, first, last = con.execute(
            "SELECT count(*), min(date_start), max(date_end) FROM events"
        ).fetchone()
        by_type = con.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1").fetchall()
        return StoreStats(articles, events, dict(by_type), first, last)


def _article_values(coded: CodedArticle) -> list[Any]:
    article = coded.article
    return [article.id, article.title, article.source, article.url, article.published, article.text,
            article.origin]  # fmt: skip


def _filters(
    type: str | None, country: str | None, actor: str | None, since: date | None, until: date | None
) -> tuple[list[str], list[Any]]:
    """SQL conditions and their parameters for :meth:`Store.events`; values are always bound, never pasted."""
    clauses: list[str] = []
    params: list[Any] = []
    if type:
        clauses.append("e.type = ?")
        params.append(type.upper())
    if country:
        clauses.append("? IN (e.actor_country, e.target_country, e.location_country)")
        params.append(country.upper())
    if actor:
        clauses.append(
            "(contains(lower(e.actor_name), lower(?)) OR contains(lower(e.target_name), lower(?)))"
        )
        params += [actor, actor]
    if since:
        clauses.append("coalesce(e.date_end, e.date_start, a.published) >= ?")
        params.append(since)
    if until:
        clauses.append("coalesce(e.date_start, a.published) <= ?")
        params.append(until)
    return clauses, params


def _stored_event(row: dict[str, Any]) -> StoredEvent:
    return StoredEvent(
        event=unflatten_event(row),
        article_id=row["article_id"],
        article_hash=row["article_hash"],
        published=row["article_published"],
        title=row["article_title"],
        url=row["article_url"],
        source=row["article_source"],
    )


def _first_line(exc: BaseException) -> str:
    """DuckDB messages carry multi-line hints; the first line says what went wrong."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__

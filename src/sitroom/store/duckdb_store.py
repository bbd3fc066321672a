"""The event store: articles, the events coded from them and the fused events, in one DuckDB file.

The ``store`` package (this module, ``fusion.py`` and ``schema.sql``) is the only place where sitroom
writes SQL. The store sees only models: it takes :class:`~sitroom.models.CodedArticle` in and gives
:class:`StoredEvent` (an Event with its article's provenance, a *mention*) and
:class:`~sitroom.fuse.FusedEvent` (one event as all its mentions tell it) out.

Crash safety comes from one transaction per article: DuckDB's write-ahead log makes a commit all or
nothing, so a process killed at any moment leaves whole articles with all their events, each already
fused, and the next run skips exactly those (an article's identity is its content hash).

    >>> with Store("sitroom.duckdb") as store:
    ...     store.add(coded)
    ...     store.fused_events(country="UKR", limit=10)
    ...     store.events(country="UKR", limit=10)   # the mentions
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from sitroom.errors import ArticleNotStored, StoreBusy, StoreError
from sitroom.fuse import FusedEvent, Mention, MentionRef
from sitroom.models import CodedArticle, Event
from sitroom.store.fusion import SELECT_BY_ID, SELECT_MENTIONS, FusionIndex, fused_from_row
from sitroom.store.migrations import MIGRATIONS, migrate, pending

SCHEMA_VERSION = MIGRATIONS[-1].version
DEFAULT_PATH = "sitroom.duckdb"

ACTOR_FIELDS = ("name", "country", "sector", "text")
LOCATION_FIELDS = ("name", "country", "lat", "lon", "precision", "geonames_id", "feature", "radius_km")
DATE_FIELDS = ("start", "end", "precision", "text")
SCALAR_FIELDS = (
    "fatalities", "injured", "casualties_vague", "factuality", "evidence", "sentence_start", "sentence_end",
    "trigger", "cameo", "cameo_root", "quad_class", "acled_event_type", "acled_sub_event_type", "confidence",
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
    fused: int = 0  # fused events: the distinct real-world events the mentions report


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
        self._fusion: FusionIndex | None = None  # built on the first write
        if not self.path.exists() and (read_only or not create):
            raise StoreError(f"no store at {self.path} (create one with `sitroom ingest --db {self.path}`)")
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            if _LOCKED in str(exc):
                raise busy(self.path, exc) from exc
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
        """Create the tables of a new store, upgrade one written by an older sitroom (``migrations.py``),
        and refuse one written by a newer sitroom."""
        try:
            if not read_only:
                self._refuse_foreign()
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
        upgrades = pending(version if version is not None else SCHEMA_VERSION)
        self._check_columns(added={column for migration in upgrades for column in migration.adds})
        if upgrades:
            self._upgrade(version or 0, read_only)

    def _refuse_foreign(self) -> None:
        """A DuckDB file that holds tables or views but no ``schema_version`` is someone else's database:
        refuse it before writing anything, rather than add sitroom's tables to it."""
        found = self._con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal "
            "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal"
        ).fetchall()
        names = {row[0] for row in found}
        if names and "schema_version" not in names:
            raise duckdb.CatalogException("not a sitroom store")

    def _upgrade(self, version: int, read_only: bool) -> None:
        """Bring a store of an older schema version up to this one, in one transaction."""
        if read_only:
            raise StoreError(
                f"{self.path} has schema version {version}, older than this sitroom's {SCHEMA_VERSION}; "
                f"open it for writing once to upgrade it in place (`sitroom fuse --db {self.path}`)"
            )
        try:
            migrate(self._con, version)
        except duckdb.Error as exc:
            raise StoreError(f"cannot upgrade store {self.path}: {_first_line(exc)}") from exc

    def _check_columns(self, added: set[str]) -> None:
        """Refuse a store whose events table lacks columns this sitroom writes (made by an older build),
        beyond those its pending migrations add."""
        rows = self._con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
        ).fetchall()
        missing = sorted(set(EVENT_COLUMNS) - added - {row[0] for row in rows})
        if missing:
            raise StoreError(
                f"{self.path} was written by an older sitroom (its events lack {', '.join(missing)}); "
                "ingest into a new file with --db"
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
        problem = out_of_range(coded)
        if problem is not None:
            raise ArticleNotStored(article.id, problem, article.origin)
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
            mentions = [_new_mention(event, coded, content_hash) for event in coded.events]
            self._fused_index().fuse(self._con, mentions, self._mentions_by_id)
            self._con.commit()
            self._fusion_committed()
        except duckdb.Error as exc:
            self._rollback()
            self._fusion = None  # it may hold what was rolled back
            if _is_connection_problem(exc):
                where = f"{article.id!r} ({article.origin})" if article.origin else repr(article.id)
                raise StoreError(f"cannot store article {where} in {self.path}: {_first_line(exc)}") from exc
            raise ArticleNotStored(article.id, _first_line(exc), article.origin) from exc
        except Exception as exc:  # whatever one article's values do (a date fusion cannot place, …)
            self._rollback()
            self._fusion = None
            reason = f"{type(exc).__name__}: {_first_line(exc)}"
            raise ArticleNotStored(article.id, reason, article.origin) from exc
        except BaseException:  # Ctrl-C mid-article: nothing of it stays
            self._rollback()
            self._fusion = None
            raise
        return True

    def _fused_index(self) -> FusionIndex:
        if self._fusion is None:
            self._fusion = FusionIndex()
        return self._fusion

    def _fusion_committed(self) -> None:
        if self._fusion is not None and not self._fusion.commit():
            self._fusion = None  # grown past its limit: start afresh

    def _mentions_by_id(self, ids: list[str]) -> list[Mention]:
        """Stored mentions by id, with their articles' provenance."""
        found: list[Mention] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            cursor = self._con.execute(SELECT_BY_ID.format(marks=marks), chunk)
            names = [column[0] for column in cursor.description]
            found += [_stored_mention(dict(zip(names, values, strict=True))) for values in cursor.fetchall()]
        return found

    def fuse_pending(self) -> int:
        """Fuse every stored mention that belongs to no fused event yet; returns how many.

        Mentions are fused article by article in publication order, each article in its own transaction.
        A store written before fusion existed gets all its fused events this way; ``sitroom ingest`` runs
        this first, so an interrupted or older store is always repaired by the next ingest.
        """
        query = SELECT_MENTIONS.format(where="mc.mention_id IS NULL")
        query += " ORDER BY a.published NULLS LAST, e.article_hash, e.sentence_start, e.id"
        try:
            cursor = self._con.execute(query)
            names = [column[0] for column in cursor.description]
            rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"cannot read events from {self.path}: {_first_line(exc)}") from exc
        by_article: dict[str, list[Mention]] = {}
        for row in rows:
            by_article.setdefault(row["article_hash"], []).append(_stored_mention(row))
        done = 0
        for mentions in by_article.values():
            try:
                self._con.begin()
                done += self._fused_index().fuse(self._con, mentions, self._mentions_by_id)
                self._con.commit()
                self._fusion_committed()
            except duckdb.Error as exc:
                self._rollback()
                self._fusion = None
                raise StoreError(f"cannot fuse events in {self.path}: {_first_line(exc)}") from exc
        return done

    def refuse(self) -> int:
        """Drop every fused event and fuse all mentions again (after the fusion rules changed)."""
        try:
            self._con.begin()
            self._con.execute("DELETE FROM mention_clusters")
            self._con.execute("DELETE FROM fused_events")
            self._con.commit()
            self._fusion = None
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"cannot reset fused events in {self.path}: {_first_line(exc)}") from exc
        return self.fuse_pending()

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
        refine: Refine | None = None,
    ) -> list[StoredEvent]:
        """Stored events, newest first, optionally filtered.

        ``country`` (ISO3) matches the actor's, the target's or the location's country; ``actor`` is a
        case-insensitive substring of the actor's or target's name. ``since``/``until`` keep events whose
        date span overlaps the range; an undated event is dated by its article's publication day, and
        sorts by it too.
        """
        clauses, params = _filters(type, country, actor, since, until)
        if refine is not None:
            refine.add_to(clauses, params, "e")
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

    def fused_events(
        self,
        type: str | None = None,
        country: str | None = None,
        actor: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
        mentions: bool = True,
        refine: Refine | None = None,
    ) -> list[FusedEvent]:
        """Fused events, newest first, with the filters of :meth:`events` (read on the fused fields).

        An undated fused event is dated by its first report. ``mentions`` attaches each one's mentions
        (article id, source, published, evidence), earliest first.
        """
        clauses, params = _filters(type, country, actor, since, until, table="f", published="f.first_seen")
        if refine is not None:
            refine.add_to(clauses, params, "f")
        query = (
            f"SELECT f.* FROM fused_events f WHERE {' AND '.join(clauses) or 'TRUE'} "
            "ORDER BY coalesce(f.date_start, f.first_seen) DESC NULLS LAST, f.last_seen DESC NULLS LAST, f.id"
        )
        if limit is not None:
            query += " LIMIT ?"
            params.append(limit)
        try:
            cursor = self._con.execute(query, params)
            names = [column[0] for column in cursor.description]
            rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
            refs = self._mention_refs([row["id"] for row in rows])
        except duckdb.CatalogException as exc:
            raise StoreError(_not_fused(self.path)) from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot read fused events from {self.path}: {_first_line(exc)}") from exc
        found = []
        for row in rows:
            own = refs.get(row["id"], [])
            fused = fused_from_row(row, [ref.id for ref in own])
            if mentions:
                fused.mentions = own
            found.append(fused)
        return found

    def fused_event(self, event_id: str) -> FusedEvent | None:
        """One fused event with all its mentions, by its id or the id of any of its mentions."""
        try:
            row = self._con.execute(
                "SELECT cluster_id FROM mention_clusters WHERE mention_id = ? "
                "UNION SELECT id FROM fused_events WHERE id = ?",
                [event_id, event_id],
            ).fetchone()
            if row is None:
                return None
            cursor = self._con.execute("SELECT * FROM fused_events WHERE id = ?", [row[0]])
            names = [column[0] for column in cursor.description]
            values = cursor.fetchone()
            if values is None:
                return None
            refs = self._mention_refs([row[0]]).get(row[0], [])
        except duckdb.CatalogException as exc:
            raise StoreError(_not_fused(self.path)) from exc
        except duckdb.Error as exc:
            where = f"fused event {event_id!r} from {self.path}"
            raise StoreError(f"cannot read {where}: {_first_line(exc)}") from exc
        fused = fused_from_row(dict(zip(names, values, strict=True)), [ref.id for ref in refs])
        fused.mentions = refs
        return fused

    def _mention_refs(self, cluster_ids: list[str]) -> dict[str, list[MentionRef]]:
        if not cluster_ids:
            return {}
        rows = self._con.execute(_SELECT_REFS, [cluster_ids]).fetchall()
        out: dict[str, list[MentionRef]] = {}
        for cluster_id, *values in rows:
            ref = MentionRef(**dict(zip(_REF_FIELDS, values, strict=True)))
            out.setdefault(cluster_id, []).append(ref)
        return out

    def stats(self) -> StoreStats:
        """Counts of articles, events and fused events, events per type, and the span of event dates."""
        con = self._con
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        events, first, last = con.execute(
            "SELECT count(*), min(date_start), max(date_end) FROM events"
        ).fetchone()
        by_type = con.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1").fetchall()
        try:
            fused = con.execute("SELECT count(*) FROM fused_events").fetchone()[0]
        except duckdb.CatalogException:  # a store written before fusion existed, opened read-only
            fused = 0
        return StoreStats(articles, events, dict(by_type), first, last, fused)


def _article_values(coded: CodedArticle) -> list[Any]:
    article = coded.article
    return [article.id, article.title, article.source, article.url, article.published, article.text,
            article.origin]  # fmt: skip


@dataclass(frozen=True)
class Refine:
    """The attribute filters of ``sitroom events``: factuality, a minimum toll, a circle on the map.

    ``near`` is (lat, lon, km): events whose location lies within km of the point (great-circle).
    """

    factuality: str | None = None
    min_fatalities: int | None = None
    near: tuple[float, float, float] | None = None

    def add_to(self, clauses: list[str], params: list[Any], table: str) -> None:
        t = table
        if self.factuality:
            clauses.append(f"{t}.factuality = ?")
            params.append(self.factuality.lower())
        if self.min_fatalities is not None:
            clauses.append(f"coalesce({t}.fatalities, 0) >= ?")
            params.append(self.min_fatalities)
        if self.near is not None:
            lat, lon, km = self.near
            la, lo = f"{t}.location_lat", f"{t}.location_lon"
            clauses.append(
                f"{la} IS NOT NULL AND 12742 * asin(sqrt(pow(sin(radians({la} - ?) / 2), 2)"
                f" + cos(radians(?)) * cos(radians({la})) * pow(sin(radians({lo} - ?) / 2), 2))) <= ?"
            )
            params += [lat, lat, lon, km]


def _filters(
    type: str | None,
    country: str | None,
    actor: str | None,
    since: date | None,
    until: date | None,
    table: str = "e",
    published: str = "a.published",
) -> tuple[list[str], list[Any]]:
    """SQL conditions and their parameters for :meth:`Store.events` (``table`` "e") and
    :meth:`Store.fused_events` ("f"); values are always bound, never pasted."""
    t = table
    clauses: list[str] = []
    params: list[Any] = []
    if type:
        clauses.append(f"{t}.type = ?")
        params.append(type.upper())
    if country:
        clauses.append(f"? IN ({t}.actor_country, {t}.target_country, {t}.location_country)")
        params.append(country.upper())
    if actor:
        clauses.append(
            f"(contains(lower({t}.actor_name), lower(?)) OR contains(lower({t}.target_name), lower(?)))"
        )
        params += [actor, actor]
    if since:
        clauses.append(f"coalesce({t}.date_end, {t}.date_start, {published}) >= ?")
        params.append(since)
    if until:
        clauses.append(f"coalesce({t}.date_start, {published}) <= ?")
        params.append(until)
    return clauses, params


_REF_FIELDS = ("id", "article_id", "source", "published", "title", "url", "type", "factuality", "fatalities",
               "evidence")  # fmt: skip
_SELECT_REFS = """
SELECT mc.cluster_id, e.id, a.id, a.source, a.published, a.title, a.url, e.type, e.factuality, e.fatalities,
       e.evidence
FROM mention_clusters mc JOIN (SELECT unnest(?::VARCHAR[]) AS id) w ON w.id = mc.cluster_id
JOIN events e ON e.id = mc.mention_id JOIN articles a ON a.content_hash = e.article_hash
ORDER BY mc.cluster_id, a.published NULLS LAST, e.id
"""


def _new_mention(event: Event, coded: CodedArticle, content_hash: str) -> Mention:
    article = coded.article
    return Mention(
        event=event,
        article_id=article.id,
        article_hash=content_hash,
        published=article.published,
        source=article.source,
        title=article.title,
        url=article.url,
    )


def _stored_mention(row: dict[str, Any]) -> Mention:
    return Mention(
        event=unflatten_event(row),
        article_id=row["article_id"],
        article_hash=row["article_hash"],
        published=row["article_published"],
        source=row["article_source"],
        title=row["article_title"],
        url=row["article_url"],
    )


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


def _not_fused(path: Path) -> str:
    return f"{path} was written before fusion existed; run `sitroom fuse --db {path}` to fuse its events"


#: The integer columns of one article's rows and the values they hold (DuckDB INTEGER and BIGINT).
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
_EVENT_INTS = {"fatalities": INT32, "injured": INT32, "sentence_start": INT32, "sentence_end": INT32,
               "quad_class": INT32}  # fmt: skip
_PLACE_INTS = {"start": INT32, "end": INT32, "geonames_id": INT64}


def out_of_range(coded: CodedArticle) -> str | None:
    """Why the article's values cannot be stored (a toll of 2³¹ or more, a location id past BIGINT), or
    None. Checked before anything is written, so the reason names the field and the value."""
    for event in coded.events:
        checks = [(name, getattr(event, name), bounds) for name, bounds in _EVENT_INTS.items()]
        if event.location is not None:
            checks.append(("location.geonames_id", event.location.geonames_id, INT64))
        for name, value, (low, high) in checks:
            if value is not None and not low <= value <= high:
                return f"event {event.id}: {name} {value} is out of range ({low:,} to {high:,})"
    for place in coded.places:
        for name, (low, high) in _PLACE_INTS.items():
            value = getattr(place, name)
            if value is not None and not low <= value <= high:
                return f"place {place.text!r}: {name} {value} is out of range ({low:,} to {high:,})"
    return None


def _is_connection_problem(exc: duckdb.Error) -> bool:
    """A failure of the store itself (I/O, a closed or invalidated connection), not of one article's
    values: the whole run must stop, as every later article would fail the same way."""
    return isinstance(exc, duckdb.IOException | duckdb.ConnectionException | duckdb.FatalException)


_LOCKED = "Could not set lock on file"
_HELD_BY = re.compile(r"PID (\d+)")


def busy(path: Path, exc: BaseException) -> StoreBusy:
    """The single-writer rule as a message: who holds the store, and what to do instead.

    DuckDB lets one process open a file for writing, and no other process open it at all meanwhile, so a
    second writer (a ``sitroom watch`` beside a ``sitroom serve``, say) is refused before it can write."""
    found = _HELD_BY.search(str(exc))
    pid = int(found.group(1)) if found else None
    holder = f"process {pid}" if pid else "another process"
    command = _command_of(pid) if pid else None
    if command:
        holder += f" ({command})"
    return StoreBusy(
        f"{path} is in use by {holder}: a store has one writer and no other reader meanwhile. Stop that "
        "process first, or run the watcher inside the server with `sitroom serve --watch SOURCES` and read "
        "through the server's page and API",
        pid,
    )


def _command_of(pid: int) -> str | None:
    """The command line of a process (Linux's /proc), shortened, or None when it cannot be read."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    parts = [part.decode("utf-8", "replace") for part in raw.split(b"\x00") if part]
    if len(parts) > 1 and "python" in Path(parts[0]).name and parts[1] in ("-m", "-c"):
        parts = parts[2:]
    if parts and parts[0] == "sitroom.cli":
        parts[0] = "sitroom"
    if parts:
        parts[0] = Path(parts[0]).name
    text = " ".join(parts)
    return text[:200] or None


def _first_line(exc: BaseException) -> str:
    """DuckDB messages carry multi-line hints; the first line says what went wrong."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# ==========================================================================================================
# Read queries for the situation room and the exports (issue #6).
#
# Everything below is additive: it reads the tables above and changes no existing method. ``EventReader``
# wraps an open Store and answers the questions the web API and ``sitroom export`` ask: a filtered, sorted
# page of events with its total, one event, one article with its events, per-day counts, the actor network,
# map cells, per-country counts, and a Parquet copy. Values are always bound, never pasted; the only text
# formatted into SQL is taken from the whitelists below.
#
# It reads either the coded events (mentions) or the fused events. Fused events are read through a
# subquery that gives them the events table's columns (the fused fields, plus the evidence, codes and
# offsets of the fused event's own mention, whose id it carries), aliased ``e`` like the events table, so
# every filter, sort and aggregate below works on both.
# ==========================================================================================================

#: ``sort=`` keys of :meth:`EventReader.page` and the SQL they order by.
SORT_KEYS: dict[str, str] = {
    "date": "coalesce(e.date_start, a.published)",
    "type": "e.type",
    "mode": "e.mode",
    "actor": "lower(e.actor_name)",
    "target": "lower(e.target_name)",
    "location": "lower(e.location_name)",
    "country": "e.location_country",
    "fatalities": "e.fatalities",
    "factuality": "e.factuality",
    "confidence": "e.confidence",
    "published": "a.published",
}
TIME_BUCKETS = ("day", "week", "month")
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
#: Fused events alone, for counts and aggregates that need neither the mention's text nor its article.
_FUSED_ONLY = "FROM fused_events e"
_FUSED_CODES = "FROM (SELECT f.*, m.cameo, m.quad_class FROM fused_events f JOIN events m ON m.id = f.id) e"
_FUSED_DAY = "coalesce(e.date_start, e.first_seen)"
_ARTICLE_COLUMNS = (
    "a.published AS article_published, a.title AS article_title, a.url AS article_url, "
    "a.source AS article_source"
)
MENTION_KEYS = (
    "id", "article_id", "article_hash", "title", "url", "source", "published", "evidence", "sentence_start",
    "sentence_end", "trigger", "type", "factuality", "fatalities",
)  # fmt: skip
FUSION_KEYS = (
    "mentions", "articles", "sources", "source_names", "factuality_counts", "fatalities_min",
    "fatalities_max", "first_seen", "last_seen",
)  # fmt: skip


@dataclass(frozen=True)
class EventQuery:
    """The filters of ``sitroom events``/``export`` and of ``GET /api/events``; empty fields filter nothing.

    ``types`` and ``factuality`` accept several values (any matches). ``country`` (ISO3) matches the
    actor's, target's or location's country, ``actor`` is part of the actor's or target's name,
    ``since``/``until`` keep events whose span overlaps the range (an undated event counts on its
    article's publication day), ``q`` is free text: every word must occur in the evidence, a party's name
    or words, the location or the article title. ``dyad`` is a pair of ISO3 codes, either way round.
    """

    types: tuple[str, ...] = ()
    country: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    factuality: tuple[str, ...] = ()
    min_fatalities: int | None = None
    q: str | None = None
    location: str | None = None
    dyad: tuple[str, str] | None = None

    def where(self, published: str = "a.published") -> tuple[str, list[Any]]:
        """The WHERE clause (without the keyword) and its parameters; ``published`` dates undated events."""
        single = self.types[0] if len(self.types) == 1 else None
        dates = {"since": self.since, "until": self.until, "published": published}
        clauses, params = _filters(single, self.country, self.actor, **dates)
        if len(self.types) > 1:
            clauses.append(f"e.type IN ({', '.join('?' * len(self.types))})")
            params += [kind.upper() for kind in self.types]
        if self.factuality:
            clauses.append(f"e.factuality IN ({', '.join('?' * len(self.factuality))})")
            params += [value.lower() for value in self.factuality]
        if self.min_fatalities:
            clauses.append("coalesce(e.fatalities, 0) >= ?")
            params.append(self.min_fatalities)
        if self.location:
            clauses.append("contains(lower(e.location_name), lower(?))")
            params.append(self.location)
        if self.dyad:
            first, second = (code.upper() for code in self.dyad)
            clauses.append(
                "((e.actor_country = ? AND e.target_country = ?) "
                "OR (e.actor_country = ? AND e.target_country = ?))"
            )
            params += [first, second, second, first]
        for word in (self.q or "").split():
            clauses.append(
                "contains(lower(concat_ws(' ', e.evidence, e.actor_name, e.actor_text, e.target_name, "
                "e.target_text, e.location_name, a.title)), lower(?))"
            )
            params.append(word)
        return " AND ".join(clauses) or "TRUE", params


@dataclass(frozen=True)
class ArticleRecord:
    """A stored article with the offsets of its events and place mentions, for the event panel."""

    content_hash: str
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    text: str
    origin: str | None
    events: list[dict[str, Any]]
    places: list[dict[str, Any]]


class EventReader:
    """Read-only questions over an open :class:`Store`, safe to ask from several threads at once.

    Each thread reads through its own DuckDB cursor (a connection to the same database), so a slow query
    does not hold up the others; :meth:`close` closes them (before the store itself is closed).

    ``fused`` reads fused events rather than coded events (mentions); by default it does when the store
    has fused events, or has no events at all (a new store fuses as it ingests).

    >>> with Store("sitroom.duckdb", read_only=True) as store:
    ...     reader = EventReader(store)
    ...     total, first_page = reader.page(EventQuery(types=("ASSAULT",)), limit=50)
    """

    def __init__(self, store: Store, fused: bool | None = None):
        import threading  # here, to leave the module's imports as they were

        self.store = store
        self._new_local = threading.local
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
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
        self._select = f"SELECT e.*, {_ARTICLE_COLUMNS} {self._from}"

    def _connection(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self.store._con.cursor()
            with self._cursors_lock:
                self._cursors.append(cursor)
            self._local.cursor = cursor
        return cursor

    def close(self) -> None:
        """Close every thread's cursor; the store stays open."""
        with self._cursors_lock:
            for cursor in self._cursors:
                with contextlib.suppress(duckdb.Error):
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
        except duckdb.Error as exc:
            raise StoreError(f"cannot read {self.store.path}: {_first_line(exc)}") from exc

    def _scan(self, query: EventQuery, codes: bool = False) -> tuple[str, str, list[Any], str]:
        """FROM clause, WHERE clause, parameters and day expression for an aggregate over the matches.

        Fused events are read from their own table when nothing asks for a mention's text (free text
        does), joined to their own mention only for its CAMEO code (``codes``): the full view joins two
        more tables. An undated fused event counts on the day it was first seen."""
        if not self.fused or query.q:
            return self._from, *query.where(), _DAY
        return (_FUSED_CODES if codes else _FUSED_ONLY), *query.where(published="e.first_seen"), _FUSED_DAY

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
    ) -> tuple[int, list[StoredEvent]]:
        """The total number of matches and one page of them, sorted by a key of :data:`SORT_KEYS`."""
        if sort not in SORT_KEYS:
            raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(SORT_KEYS)}")
        direction = "DESC" if descending else "ASC"
        source, where, params, day = self._scan(query)
        if source == self._from:
            key = SORT_KEYS[sort]
            ties = f"{day} DESC NULLS LAST, e.article_hash, e.sentence_start, e.id"
        else:  # fused events alone: no article columns
            key = SORT_KEYS[sort].replace("a.published", "e.first_seen")
            ties = f"{day} DESC NULLS LAST, e.id"
        order = f"ORDER BY {key} {direction} NULLS LAST, {ties}"
        if limit is None:
            full_where, full_params = query.where()
            full_order = f"ORDER BY {SORT_KEYS[sort]} {direction} NULLS LAST, {_DAY} DESC NULLS LAST, e.id"
            sql = f"{self._select} WHERE {full_where} {full_order}"
            return self.count(query), self._stored(sql, full_params)
        # Sort the ids alone, then read the page's rows: far cheaper than sorting whole rows.
        ids = [row[0] for row in self._rows(
            f"SELECT e.id {source} WHERE {where} {order} LIMIT ? OFFSET ?", [*params, limit, offset]
        )]  # fmt: skip
        found = {
            stored.event.id: stored
            for stored in self._stored(f"{self._select} WHERE e.id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        }
        return self.count(query), [found[event_id] for event_id in ids if event_id in found]

    def _stored(self, sql: str, params: list[Any]) -> list[StoredEvent]:
        try:
            cursor = self._connection().execute(sql, params)
            names = [column[0] for column in cursor.description]
            return [_stored_event(dict(zip(names, values, strict=True))) for values in cursor.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"cannot read events from {self.store.path}: {_first_line(exc)}") from exc

    def event(self, event_id: str) -> StoredEvent | None:
        """One event by its id (a fused event also by the id of any of its mentions), or None."""
        if self.fused:
            row = self._rows("SELECT cluster_id FROM mention_clusters WHERE mention_id = ?", [event_id])
            event_id = row[0][0] if row else event_id
        found = self._stored(f"{self._select} WHERE e.id = ?", [event_id])
        return found[0] if found else None

    def mentions(self, cluster_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """The mentions of these fused events with their articles: the fused event's own mention first,
        then by publication day (keys: :data:`MENTION_KEYS`)."""
        if not cluster_ids:
            return {}
        rows = self._rows(
            "SELECT mc.cluster_id, e.id, e.article_id, e.article_hash, a.title, a.url, a.source, "
            'a.published, e.evidence, e.sentence_start, e.sentence_end, e."trigger", e.type, e.factuality, '
            "e.fatalities "
            "FROM mention_clusters mc JOIN events e ON e.id = mc.mention_id "
            "JOIN articles a ON a.content_hash = e.article_hash "
            "WHERE mc.cluster_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY mc.cluster_id, e.id = mc.cluster_id DESC, a.published NULLS LAST, e.id",
            [cluster_ids],
        )
        found: dict[str, list[dict[str, Any]]] = {}
        for cluster_id, *values in rows:
            found.setdefault(cluster_id, []).append(dict(zip(MENTION_KEYS, values, strict=True)))
        return found

    def fusion(self, cluster_ids: list[str]) -> dict[str, dict[str, Any]]:
        """What fusion says of these fused events (keys: :data:`FUSION_KEYS`; JSON fields decoded)."""
        if not cluster_ids:
            return {}
        rows = self._rows(
            f"SELECT id, {', '.join(FUSION_KEYS)} FROM fused_events "
            "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [cluster_ids],
        )
        found = {}
        for cluster_id, *values in rows:
            item = dict(zip(FUSION_KEYS, values, strict=True))
            item["source_names"] = json.loads(item["source_names"])
            item["factuality_counts"] = json.loads(item["factuality_counts"])
            found[cluster_id] = item
        return found

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
        on their article's publication day, and events with neither are left out."""
        if bucket not in TIME_BUCKETS:
            raise ValueError(f"bucket must be one of {', '.join(TIME_BUCKETS)}")
        source, where, params, day = self._scan(query, codes=True)
        sql = (
            f"SELECT CAST(date_trunc('{bucket}', {day}) AS DATE) AS day, e.type, e.cameo, count(*), "
            f"CAST(sum(coalesce(e.fatalities, 0)) AS BIGINT) {source} "
            f"WHERE {where} AND {day} IS NOT NULL GROUP BY ALL ORDER BY day, e.type, e.cameo"
        )
        return self._rows(sql, params)

    def span(self, query: EventQuery) -> tuple[date | None, date | None]:
        """The first and last day of the matching events."""
        return self.overview(query)[1:]

    def overview(self, query: EventQuery) -> tuple[int, date | None, date | None]:
        """How many events match, and their first and last day."""
        source, where, params, day = self._scan(query)
        sql = f"SELECT count(*), min({day}), max({day}) {source} WHERE {where}"
        return self._rows(sql, params)[0]

    def facet(self, query: EventQuery, column: str) -> list[tuple[str, int]]:
        """Counts of ``type`` or ``factuality`` among the matching events, largest first."""
        if column not in ("type", "factuality", "mode", "location_precision", "date_precision"):
            raise ValueError(f"no facet {column!r}")
        source, where, params, _ = self._scan(query)
        sql = f"SELECT e.{column}, count(*) {source} WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1"
        return self._rows(sql, params)

    def dyads(self, query: EventQuery, limit: int = 200) -> list[tuple[str, str, str, str, int, int, int]]:
        """``(actor name, actor country, target name, target country, events, conflict events, fatalities)``
        per directed pair of parties, most events first; a missing target is an empty name."""
        source, where, params, _ = self._scan(query, codes=True)
        sql = (
            "SELECT e.actor_name, coalesce(e.actor_country, ''), coalesce(e.target_name, ''), "
            "coalesce(e.target_country, ''), count(*) AS n, "
            "CAST(sum(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) AS BIGINT), "
            f"CAST(sum(coalesce(e.fatalities, 0)) AS BIGINT) {source} "
            f"WHERE {where} AND e.actor_name IS NOT NULL GROUP BY ALL ORDER BY n DESC, 1, 3 LIMIT ?"
        )
        return self._rows(sql, [*params, limit])

    def map_cells(
        self, query: EventQuery, cell: float = 0.5, limit: int = 3000
    ) -> list[tuple[float, float, str, str | None, int, int, str]]:
        """Events with coordinates gathered in grid cells of ``cell`` degrees: ``(lat, lon, a place name,
        country, events, fatalities, most frequent type)``, most events first."""
        source, where, params, _ = self._scan(query)
        sql = (
            "SELECT round(avg(e.location_lat), 4), round(avg(e.location_lon), 4), "
            "any_value(e.location_name), any_value(e.location_country), count(*) AS n, "
            "CAST(sum(coalesce(e.fatalities, 0)) AS BIGINT) AS f, "
            f"mode(e.type) {source} WHERE {where} "
            "AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
            "GROUP BY round(e.location_lat / ?), round(e.location_lon / ?) ORDER BY n DESC, f DESC LIMIT ?"
        )
        return self._rows(sql, [*params, cell, cell, limit])

    def countries(self, query: EventQuery) -> list[tuple[str, int, int]]:
        """``(ISO3, events, fatalities)`` for every country an event involves (as actor, target or place)."""
        source, where, params, _ = self._scan(query)
        sql = (
            "SELECT c, count(*) AS n, CAST(sum(coalesce(f, 0)) AS BIGINT) FROM (SELECT "
            "unnest(list_distinct([e.actor_country, e.target_country, e.location_country])) AS c, "
            f"e.fatalities AS f {source} WHERE {where}) WHERE c IS NOT NULL GROUP BY c ORDER BY n DESC, c"
        )
        return self._rows(sql, params)

    def articles_count(self) -> int:
        """How many articles the store holds."""
        return self._rows("SELECT count(*) FROM articles", [])[0][0]

    def write_parquet(self, query: EventQuery, path: str | Path) -> int:
        """Copy the matching events (flat columns plus the article's provenance) to a Parquet file, newest
        first, with DuckDB's own writer; returns the number of events written."""
        where, params = query.where()
        columns = ", ".join(f"e.{_quote(c)}" for c in EVENT_COLUMNS)
        if self.fused:
            columns += ", e.n_mentions AS mentions, e.n_articles AS articles, e.n_sources AS sources"
        select = (
            f"SELECT {columns}, e.article_hash, a.published, a.title, a.url, a.source {self._from} "
            f"WHERE {where} "
            f"ORDER BY {_DAY} DESC NULLS LAST, e.article_hash, e.sentence_start, e.id"
        )
        target = str(path).replace("'", "''")
        try:
            self._connection().execute(f"COPY ({select}) TO '{target}' (FORMAT parquet)", params)
        except duckdb.Error as exc:
            raise StoreError(f"cannot write {path}: {_first_line(exc)}") from exc
        return self.count(query)

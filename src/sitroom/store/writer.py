"""The event store: articles, the events coded from them and the fused events, on one engine.

The ``store`` package is the only place where sitroom writes SQL. :class:`Store` is the writing side
(this module, with ``fusion.py`` and ``schema.sql``), :class:`~sitroom.store.reader.EventReader` the
reading side; both run on an engine of ``engines.py``: a DuckDB file (the default) or a PostgreSQL
server (``--db postgresql://…``), with the same schema, the same SQL and the same results.

Crash safety comes from one transaction per article (``add``) or per batch of articles (``add_many``,
for bulk runs): a commit is all or nothing, so a process killed at any moment leaves whole articles with
all their events, each already fused, and the next run skips exactly those (an article's identity is its
content hash, the articles table's primary key: two ingesters storing the same article at once store it
once).

    >>> with Store("sitroom.duckdb") as store:
    ...     store.add(coded)
    ...     store.reader().page(EventQuery(country="UKR"), limit=10)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sitroom.closing import Closing
from sitroom.errors import ArticleNotStored, StoreError
from sitroom.fuse import Mention
from sitroom.models import CodedArticle
from sitroom.store import rollups
from sitroom.store.engines import MAX_PARAMETERS, Connection, Engine, engine_for, first_line
from sitroom.store.fusion import SELECT_MENTIONS, FusionIndex, mentions_by_id
from sitroom.store.migrations import MIGRATIONS, migrate, pending
from sitroom.store.rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    PLACE_COLUMNS,
    dicts,
    flatten_event,
    mention_from_row,
    new_mention,
    quote,
)
from sitroom.store.settings import DEFAULT_PATH

if TYPE_CHECKING:
    from sitroom.store.reader import EventReader

SCHEMA_VERSION = MIGRATIONS[-1].version
T = TypeVar("T")
#: Articles whose unfused mentions ``fuse_pending`` reads at a time: a rebuild of a million-event store
#: holds a few thousand mentions, not the whole store, between its reads.
FUSE_READ_ARTICLES = 500

_ARTICLE_VALUES = f"({', '.join('?' * len(ARTICLE_COLUMNS))})"
_INSERT_ARTICLES = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES {{values}} "
    "ON CONFLICT (content_hash) DO NOTHING RETURNING content_hash"
)
_EVENT_TABLE_COLUMNS = ("article_hash", *(quote(c) for c in EVENT_COLUMNS))
_PLACE_TABLE_COLUMNS = ("article_hash", *(quote(c) for c in PLACE_COLUMNS))


@dataclass(frozen=True)
class StoreStats:
    """What a store holds, for ``sitroom stats`` and ingest summaries."""

    articles: int
    events: int
    by_type: dict[str, int] = field(default_factory=dict)
    first_date: date | None = None
    last_date: date | None = None
    fused: int = 0  # fused events: the distinct real-world events the mentions report


class Store(Closing):
    """Articles and events on an engine (``engines.py``): a DuckDB file, where one process writes at a
    time (DuckDB locks the file), or a PostgreSQL server, which several ingesters and servers share.

    ``read_only`` opens an existing store for queries; so does ``create=False`` for writing. Either
    raises :class:`StoreError` when there is no store, rather than creating an empty one. ``memory``
    bounds DuckDB's buffer pool (:data:`WRITE_MEMORY` for bulk writers; None: DuckDB's default).
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_PATH,
        *,
        read_only: bool = False,
        create: bool = True,
        memory: str | None = None,
    ):
        self.engine: Engine = engine_for(path, memory)
        self.path = self.engine.name  # what messages call the store
        self._fusion: FusionIndex | None = None  # built on the first write
        if not self.engine.exists() and (read_only or not create):
            raise StoreError(f"no store at {self.path} (create one with `sitroom ingest --db {self.path}`)")
        try:
            self._con: Connection = self.engine.connect(read_only)
        except self.engine.errors as exc:
            raise StoreError(f"cannot open store {self.path}: {first_line(exc)}") from exc
        try:
            self._check_schema(read_only)
        except BaseException:
            self._con.close()
            raise

    def close(self) -> None:
        """Close the connection (DuckDB checkpoints its write-ahead log into the file)."""
        self._con.close()

    def reader(self, fused: bool | None = None) -> EventReader:
        """The read side over this store (``fused``: fused events, or coded events; by default fused
        events when the store has them)."""
        from sitroom.store.reader import EventReader

        return EventReader(self, fused=fused)

    def thread_connection(self) -> Connection:
        """A connection for one reading thread (the reader keeps one per thread and closes them)."""
        return self.engine.thread_connection(self._con)

    def _check_schema(self, read_only: bool) -> None:
        """Create the tables of a new store, upgrade one written by an older sitroom (``migrations.py``),
        and refuse one written by a newer sitroom, or a database that is someone else's."""
        try:
            tables = self.engine.user_tables(self._con)
            if tables and "schema_version" not in tables:
                raise StoreError(f"{self.path} is a database but not a sitroom store")
            if not read_only:
                schema = resources.files(__package__).joinpath("schema.sql").read_text()
                schema += "\n" + rollups.schema()
                self.engine.create_schema(self._con, schema)
            elif "schema_version" not in tables:
                raise StoreError(f"{self.path} is a database but not a sitroom store")
            version = self._con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            if version is None and not read_only:
                self._con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION])
                version = SCHEMA_VERSION
        except self.engine.errors as exc:
            raise StoreError(f"cannot prepare store {self.path}: {first_line(exc)}") from exc
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this sitroom's {SCHEMA_VERSION}; "
                "upgrade sitroom"
            )
        upgrades = pending(version if version is not None else SCHEMA_VERSION)
        self._check_columns(added={column for migration in upgrades for column in migration.adds})
        if upgrades:
            self._upgrade(version or 0, read_only)

    def _upgrade(self, version: int, read_only: bool) -> None:
        """Bring a store of an older schema version up to this one, in one transaction."""
        if read_only:
            raise StoreError(
                f"{self.path} has schema version {version}, older than this sitroom's {SCHEMA_VERSION}; "
                f"open it for writing once to upgrade it in place (`sitroom fuse --db {self.path}`)"
            )
        try:
            migrate(self._con, version)
        except self.engine.errors as exc:
            raise StoreError(f"cannot upgrade store {self.path}: {first_line(exc)}") from exc

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
        _check_coded(coded)
        article = coded.article
        problem = out_of_range(coded)
        if problem is not None:
            raise ArticleNotStored(article.id, problem, article.origin)
        try:
            return self._write_fitting([coded])[0]
        except self.engine.errors as exc:
            self._rollback()
            self._fusion = None  # it may hold what was rolled back
            if self.engine.is_connection_problem(exc):
                where = f"{article.id!r} ({article.origin})" if article.origin else repr(article.id)
                raise StoreError(f"cannot store article {where} in {self.path}: {first_line(exc)}") from exc
            raise ArticleNotStored(article.id, first_line(exc), article.origin) from exc
        except Exception as exc:  # whatever one article's values do (a date fusion cannot place, …)
            self._rollback()
            self._fusion = None
            reason = f"{type(exc).__name__}: {first_line(exc)}"
            raise ArticleNotStored(article.id, reason, article.origin) from exc
        except BaseException:  # Ctrl-C mid-article: nothing of it stays
            self._rollback()
            self._fusion = None
            raise

    def add_many(self, items: Sequence[CodedArticle]) -> list[bool | ArticleNotStored]:
        """Store several articles in one transaction: for each, what :meth:`add` would give (True,
        False when its content is stored already or earlier in ``items``) or the
        :class:`ArticleNotStored` it would raise.

        The same rows as :meth:`add` one by one, in fewer statements and one commit: a transaction
        costs DuckDB a fixed ~5–20 ms a statement, which dominated storing (docs/scaling.md). When
        anything fails, the transaction is rolled back and the articles are stored one by one with
        :meth:`add`, so one article's failure costs no other its place. A failure of the database
        itself raises :class:`StoreError`, as :meth:`add` does.
        """
        for coded in items:
            _check_coded(coded)
        results: list[bool | ArticleNotStored] = [False] * len(items)
        fit: list[int] = []
        for number, coded in enumerate(items):
            problem = out_of_range(coded)
            if problem is None:
                fit.append(number)
            else:
                results[number] = ArticleNotStored(coded.article.id, problem, coded.article.origin)
        try:
            written = self._write_fitting([items[number] for number in fit])
        except Exception as exc:
            self._rollback()
            self._fusion = None
            if isinstance(exc, self.engine.errors) and self.engine.is_connection_problem(exc):
                raise StoreError(f"cannot store articles in {self.path}: {first_line(exc)}") from exc
            written = [self._add_alone(items[number]) for number in fit]
        except BaseException:
            self._rollback()
            self._fusion = None
            raise
        for number, result in zip(fit, written, strict=True):
            results[number] = result
        return results

    def _add_alone(self, coded: CodedArticle) -> bool | ArticleNotStored:
        try:
            return self.add(coded)
        except ArticleNotStored as exc:
            return exc

    def _write_fitting(self, items: Sequence[CodedArticle]) -> list[bool]:
        """:meth:`_write`, tried again while the engine can make room for it."""
        return self._fitting(lambda: self._write(items))

    def _fitting(self, step: Callable[[], T]) -> T:
        """``step`` (a read, or one transaction that it leaves open when it fails), tried again while the
        engine can make room for it: a bounded DuckDB store that ran out of memory checkpoints, then
        raises its bound (``Engine.make_room``)."""
        attempt = 0
        while True:
            try:
                result = step()
            except self.engine.errors as exc:
                self._rollback()
                self._fusion = None
                attempt += 1
                if not self.engine.make_room(self._con, exc, attempt):
                    raise
                continue
            self.engine.committed(self._con)
            return result

    def _write(self, items: Sequence[CodedArticle]) -> list[bool]:
        """Store ``items`` in one transaction, fused in their order; whether each was new. Raises
        whatever the database or fusion raises, leaving the transaction open for the caller to roll
        back (and the fusion index to drop)."""
        self._con.begin()
        self.engine.lock_writers(self._con)
        fresh = self._insert_articles(items)
        if not fresh:
            self._con.rollback()  # all stored already (by this run or another ingester)
            return [False] * len(items)
        index = self._fused_index()
        events: list[list[Any]] = []
        places: list[list[Any]] = []
        for number in fresh:
            coded = items[number]
            article, content_hash = coded.article, coded.article.content_hash
            events += [[content_hash, *flatten_event(e, article.id).values()] for e in coded.events]
            places += [[content_hash, *(getattr(p, c) for c in PLACE_COLUMNS)] for p in coded.places]
            mentions = [new_mention(event, article, content_hash) for event in coded.events]
            index.place(self._con, mentions, self._mentions_by_id)
        self.engine.insert_rows(self._con, "events", _EVENT_TABLE_COLUMNS, events)
        self.engine.insert_rows(self._con, "places", _PLACE_TABLE_COLUMNS, places)
        index.write(self._con, self._mentions_by_id)
        self._con.commit()
        self._fusion_committed()
        return [number in fresh for number in range(len(items))]

    def _insert_articles(self, items: Sequence[CodedArticle]) -> set[int]:
        """Insert the articles whose content is not stored yet; the positions of those inserted (the
        first of several with the same content)."""
        first: dict[str, int] = {}
        for number, coded in enumerate(items):
            first.setdefault(coded.article.content_hash, number)
        rows = [[h, *_article_values(items[number])] for h, number in first.items()]
        inserted: set[str] = set()
        per = MAX_PARAMETERS // len(ARTICLE_COLUMNS)
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            values = ", ".join([_ARTICLE_VALUES] * len(chunk))
            found = self._con.execute(_INSERT_ARTICLES.format(values=values), [v for r in chunk for v in r])
            inserted.update(row[0] for row in found.fetchall())
        return {number for h, number in first.items() if h in inserted}

    def _fused_index(self) -> FusionIndex:
        if self._fusion is None:
            self._fusion = FusionIndex(insert=self.engine.insert_rows)
        return self._fusion

    def _fusion_committed(self) -> None:
        """Keep what fusion read for the next article, unless it grew past its limit or another writer
        may change the same fused events (a server store): then the next article reads afresh."""
        if self._fusion is not None and (not self._fusion.commit() or not self.engine.single_writer):
            self._fusion = None

    def _mentions_by_id(self, ids: list[str]) -> list[Mention]:
        """Stored mentions by id, with their articles' provenance."""
        return mentions_by_id(self._con, ids)

    def fuse_pending(self) -> int:
        """Fuse every stored mention that belongs to no fused event yet; returns how many.

        Mentions are fused article by article in publication order, each article in its own transaction.
        A store written before fusion existed gets all its fused events this way; ``sitroom ingest`` runs
        this first, so an interrupted or older store is always repaired by the next ingest.
        """
        articles = self._fitting_or_fail(self._unfused_articles, "read events from")
        done = 0
        for start in range(0, len(articles), FUSE_READ_ARTICLES):
            batch = articles[start : start + FUSE_READ_ARTICLES]
            rows = self._fitting_or_fail(partial(self._unfused_rows, batch), "read events from")
            by_article: dict[str, list[Mention]] = {}
            for row in rows:
                by_article.setdefault(row["article_hash"], []).append(mention_from_row(row))
            for mentions in by_article.values():
                done += self._fitting_or_fail(partial(self._fuse_article, mentions), "fuse events in")
        return done

    def _fitting_or_fail(self, step: Callable[[], T], doing: str) -> T:
        """:meth:`_fitting`, its database error told as a StoreError ("cannot <doing> <path>: ...")."""
        try:
            return self._fitting(step)
        except self.engine.errors as exc:
            raise StoreError(f"cannot {doing} {self.path}: {first_line(exc)}") from exc

    def _unfused_articles(self) -> list[str]:
        """The articles with a mention in no fused event, in the order fusion takes them."""
        query = """SELECT e.article_hash FROM events e JOIN articles a ON a.content_hash = e.article_hash
        LEFT JOIN mention_clusters mc ON mc.mention_id = e.id WHERE mc.mention_id IS NULL
        GROUP BY e.article_hash, a.published ORDER BY a.published NULLS LAST, e.article_hash"""
        return [row[0] for row in self._con.execute(query).fetchall()]

    def _unfused_rows(self, articles: list[str]) -> list[dict[str, Any]]:
        """The mentions of ``articles`` in no fused event, in the order fusion takes them."""
        where = "mc.mention_id IS NULL AND e.article_hash IN (SELECT unnest(?::VARCHAR[]))"
        query = SELECT_MENTIONS.format(where=where)
        query += " ORDER BY a.published NULLS LAST, e.article_hash, e.sentence_start, e.id"
        cursor = self._con.execute(query, [articles])
        return dicts([column[0] for column in cursor.description], cursor.fetchall())

    def _fuse_article(self, mentions: list[Mention]) -> int:
        """One article's mentions fused in one transaction (left open if it fails); how many."""
        self._con.begin()
        self.engine.lock_writers(self._con)
        done = self._fused_index().fuse(self._con, self._still_unfused(mentions), self._mentions_by_id)
        self._con.commit()
        self._fusion_committed()
        return done

    def _still_unfused(self, mentions: list[Mention]) -> list[Mention]:
        """Those of ``mentions`` no other writer fused since they were read (a server store is shared)."""
        if self.engine.single_writer:
            return mentions
        ids = [mention.id for mention in mentions]
        rows = self._con.execute(
            "SELECT mention_id FROM mention_clusters WHERE mention_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchall()
        fused = {row[0] for row in rows}
        return [mention for mention in mentions if mention.id not in fused]

    def refuse(self) -> int:
        """Drop every fused event and fuse all mentions again (after the fusion rules changed)."""
        try:
            self._con.begin()
            self.engine.lock_writers(self._con)
            self._con.execute("DELETE FROM mention_clusters")
            self._con.execute("DELETE FROM fused_events")
            rollups.clear(self._con)
            self._con.commit()
            self._fusion = None
        except self.engine.errors as exc:
            self._rollback()
            raise StoreError(f"cannot reset fused events in {self.path}: {first_line(exc)}") from exc
        return self.fuse_pending()

    def _rollback(self) -> None:
        with contextlib.suppress(*self.engine.errors):  # no transaction was open
            self._con.rollback()

    def stats(self) -> StoreStats:
        """Counts of articles, events and fused events, events per type, and the span of event dates."""
        con = self._con
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        events, first, last = con.execute(
            "SELECT count(*), min(date_start), max(date_end) FROM events"
        ).fetchone()
        by_type = con.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1").fetchall()
        fused = 0  # a store written before fusion existed, opened read-only, has no fused events
        if "fused_events" in self.engine.user_tables(con):
            fused = con.execute("SELECT count(*) FROM fused_events").fetchone()[0]
        return StoreStats(articles, events, dict(by_type), first, last, fused)


def _check_coded(coded: CodedArticle) -> None:
    """An article whose coding failed is refused: stored, it would never be retried."""
    if coded.error is not None:
        raise ValueError(f"article {coded.article.id!r} failed coding ({coded.error}); not storing it")


def _article_values(coded: CodedArticle) -> list[Any]:
    article = coded.article
    return [article.id, article.title, article.source, article.url, article.published, article.text,
            article.origin]  # fmt: skip


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

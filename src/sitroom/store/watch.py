"""The watcher's books in the store: sources, items seen, fingerprints, alert state and the alert outbox.

The SQL of ``sitroom watch`` and of the page's "new since you looked" lives here, with the rest of the
store's SQL. :class:`WatchBook` writes through the store's own connection, under the caller's lock (the
server shares its store between request threads and the watcher's thread); each method is one
transaction. Tables: ``watch.sql``.

    >>> book = WatchBook(store)
    >>> book.seen("https://example.org/story-1")
    False
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

import duckdb

from sitroom.errors import StoreError
from sitroom.fuse import FusedEvent, MentionRef
from sitroom.store.writer import Store

SOURCE_COLUMNS = (
    "id", "kind", "name", "location", "etag", "last_modified", "last_poll", "last_success", "last_error_at",
    "last_error", "failures", "seen", "articles", "events",
)  # fmt: skip


@dataclass(frozen=True)
class SourceRow:
    """A watched source as its books tell it (``sitroom sources``)."""

    id: str
    kind: str
    name: str
    location: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: datetime | None = None
    last_success: datetime | None = None
    last_error_at: datetime | None = None
    last_error: str | None = None
    failures: int = 0
    seen: int = 0
    articles: int = 0
    events: int = 0

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in SOURCE_COLUMNS}
        return {
            key: value.isoformat() if isinstance(value, datetime) else value for key, value in data.items()
        }


@dataclass(frozen=True)
class Pending:
    """An alert in the outbox, not delivered yet."""

    id: str
    rule: str
    target: int
    payload: str
    attempts: int


class WatchBook:
    """The watcher's tables over an open, writable :class:`Store` (created on first use)."""

    def __init__(self, store: Store, lock: threading.RLock | None = None):
        self.store = store
        self.lock = lock or threading.RLock()
        with self.lock:
            self._run(resources.files(__package__).joinpath("watch.sql").read_text())

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        return self.store._con

    def _run(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        try:
            cursor = self._con.execute(sql, params or [])
            return cursor.fetchall() if cursor.description else []
        except duckdb.Error as exc:
            raise StoreError(f"cannot keep the watcher's books in {self.store.path}: {exc}") from exc

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.lock:
            try:
                self._con.begin()
                yield
                self._con.commit()
            except duckdb.Error as exc:
                with contextlib.suppress(duckdb.Error):
                    self._con.rollback()
                raise StoreError(f"cannot keep the watcher's books in {self.store.path}: {exc}") from exc
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    self._con.rollback()
                raise

    # --- sources ----------------------------------------------------------------------------------------
    def register(self, source_id: str, kind: str, name: str, location: str) -> SourceRow:
        """Add a source (or rename it) and return its books."""
        with self.lock:
            self._run(
                "INSERT INTO watch_sources (id, kind, name, location) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                [source_id, kind, name, location],
            )
            return self.source(source_id)  # type: ignore[return-value]

    def source(self, source_id: str) -> SourceRow | None:
        with self.lock:
            rows = self._run(
                f"SELECT {', '.join(SOURCE_COLUMNS)} FROM watch_sources WHERE id = ?", [source_id]
            )
        return SourceRow(*rows[0]) if rows else None

    def polled(
        self, source_id: str, error: str | None, etag: str | None = None, last_modified: str | None = None,
        new_items: int = 0,
    ) -> None:  # fmt: skip
        """One poll done: a success resets the failures and keeps the validators; an error counts."""
        with self.lock:
            if error is None:
                self._run(
                    "UPDATE watch_sources SET last_poll = now(), last_success = now(), failures = 0, "
                    "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), seen = seen + ? "
                    "WHERE id = ?",
                    [etag, last_modified, new_items, source_id],
                )
            else:
                self._run(
                    "UPDATE watch_sources SET last_poll = now(), last_error_at = now(), last_error = ?, "
                    "failures = failures + 1, seen = seen + ? WHERE id = ?",
                    [error[:500], new_items, source_id],
                )

    def counted(self, source_id: str, articles: int, events: int) -> None:
        with self.lock:
            self._run(
                "UPDATE watch_sources SET articles = articles + ?, events = events + ? WHERE id = ?",
                [articles, events, source_id],
            )

    # --- items ------------------------------------------------------------------------------------------
    def seen(self, item: str) -> bool:
        """Whether an item (a URL, a guid, a file's content) was dealt with before, from any source."""
        with self.lock:
            return bool(self._run("SELECT 1 FROM watch_items WHERE item = ?", [item]))

    def unseen(self, items: Iterable[str]) -> set[str]:
        """Those of ``items`` never dealt with."""
        keys = list(dict.fromkeys(items))
        if not keys:
            return set()
        with self.lock:
            rows = self._run("SELECT item FROM watch_items WHERE item IN (SELECT unnest(?))", [keys])
        return set(keys) - {row[0] for row in rows}

    def mark(self, source_id: str, item: str, outcome: str, content_hash: str | None = None,
             reason: str | None = None) -> None:  # fmt: skip
        with self.lock:
            self._run(
                "INSERT INTO watch_items (item, source_id, content_hash, outcome, reason) VALUES (?, "
                "?, ?, ?, ?) "
                "ON CONFLICT (item) DO NOTHING",
                [item, source_id, content_hash, outcome, reason[:500] if reason else None],
            )

    # --- texts: fingerprints and the alert journal -------------------------------------------------------
    def text(self, content_hash: str, source_id: str, url: str | None, body_key: str,
             minhash: list[int], figures: str) -> None:  # fmt: skip
        """Before an article is stored: its fingerprints, and a journal entry whose alerts are not done."""
        with self.lock:
            self._run(
                "INSERT INTO watch_texts (content_hash, source_id, url, body_key, minhash, figures) "
                "VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (content_hash) DO NOTHING",
                [content_hash, source_id, url, body_key, minhash, figures],
            )

    def forget_text(self, content_hash: str) -> None:
        """An article the watcher meant to store and did not (skipped, failed)."""
        with self.lock:
            self._run("DELETE FROM watch_texts WHERE content_hash = ? AND NOT alerts_done", [content_hash])

    def recent_texts(self, limit: int) -> list[tuple[str, str | None, str, list[int], str]]:
        """(content hash, url, body key, minhash, figures) of the latest ``limit`` stored texts, newest
        first."""
        with self.lock:
            return self._run(
                "SELECT t.content_hash, t.url, t.body_key, t.minhash, t.figures FROM watch_texts t "
                "JOIN articles a ON a.content_hash = t.content_hash ORDER BY t.added_at DESC LIMIT ?",
                [limit],
            )

    def undecided(self) -> list[tuple[str, bool]]:
        """Journal entries whose alerts were not decided: (content hash, whether the article is stored).
        A stored one was stored by a run that stopped before deciding its alerts."""
        with self.lock:
            rows = self._run(
                "SELECT t.content_hash, a.content_hash IS NOT NULL FROM watch_texts t "
                "LEFT JOIN articles a ON a.content_hash = t.content_hash WHERE NOT t.alerts_done "
                "ORDER BY t.added_at"
            )
        return [(row[0], bool(row[1])) for row in rows]

    # --- fused events for the alerts ---------------------------------------------------------------------
    def clusters_of_article(self, content_hash: str) -> list[str]:
        """The fused events an article's mentions belong to."""
        with self.lock:
            rows = self._run(
                "SELECT DISTINCT mc.cluster_id FROM events e JOIN mention_clusters mc ON "
                "mc.mention_id = e.id "
                "WHERE e.article_hash = ? ORDER BY 1",
                [content_hash],
            )
        return [row[0] for row in rows]

    def pair_known(self, first: str, second: str, types: Sequence[str], besides: Sequence[str]) -> bool:
        """Whether a fused event of ``types`` other than ``besides`` sets these two countries against each
        other, either way round."""
        with self.lock:
            rows = self._run(
                "SELECT 1 FROM fused_events WHERE type IN (SELECT unnest(?)) AND id NOT IN (SELECT "
                "unnest(?)) "
                "AND ((actor_country = ? AND target_country = ?) OR (actor_country = ? AND "
                "target_country = ?)) "
                "LIMIT 1",
                [list(types), list(besides), first, second, second, first],
            )
        return bool(rows)

    def alert_snapshot(self, rule: str, ids: Sequence[str]) -> dict[str, Any] | None:
        """What ``rule`` last said about a fused event known by any of ``ids`` (its id, its mentions')."""
        with self.lock:
            rows = self._run(
                "SELECT snapshot FROM alert_state WHERE rule = ? AND fused_id IN (SELECT unnest(?)) "
                "ORDER BY updated_at DESC LIMIT 1",
                [rule, list(ids)],
            )
        return json.loads(rows[0][0]) if rows else None

    def decide(self, content_hash: str | None, states: list[tuple[str, str, dict[str, Any]]],
               outbox: list[tuple[str, str, int, str]]) -> None:  # fmt: skip
        """In one transaction: the new alert states (rule, fused id, snapshot), the alerts to deliver (id,
        rule, target, payload), and the article's journal entry marked done."""
        with self._transaction():
            for rule, fused_id, snapshot in states:
                self._con.execute(
                    "INSERT INTO alert_state (rule, fused_id, snapshot) VALUES (?, ?, ?) ON CONFLICT (rule, "
                    "fused_id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = now()",
                    [rule, fused_id, json.dumps(snapshot, sort_keys=True)],
                )
            for alert_id, rule, target, payload in outbox:
                self._con.execute(
                    "INSERT INTO alert_outbox (id, rule, target, payload) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (id) DO NOTHING",
                    [alert_id, rule, target, payload],
                )
            if content_hash is not None:
                self._con.execute("UPDATE watch_texts SET alerts_done = true WHERE content_hash = ?",
                                  [content_hash])  # fmt: skip

    def pending_alerts(self, max_attempts: int) -> list[Pending]:
        with self.lock:
            rows = self._run(
                "SELECT id, rule, target, payload, attempts FROM alert_outbox WHERE delivered_at IS NULL "
                "AND attempts < ? ORDER BY created_at, id",
                [max_attempts],
            )
        return [Pending(*row) for row in rows]

    def delivered(self, alert_id: str) -> None:
        with self.lock:
            self._run(
                "UPDATE alert_outbox SET delivered_at = now(), attempts = attempts + 1 WHERE id = ?",
                [alert_id],
            )

    def undelivered(self, alert_id: str, error: str) -> None:
        with self.lock:
            self._run(
                "UPDATE alert_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                [error[:500], alert_id],
            )


def source_rows(store: Store) -> list[SourceRow]:
    """Every watched source's books (none when the store was never watched); read-only stores too."""
    try:
        rows = store._con.execute(
            f"SELECT {', '.join(SOURCE_COLUMNS)} FROM watch_sources ORDER BY name, id"
        ).fetchall()
    except duckdb.CatalogException:
        return []
    except duckdb.Error as exc:
        raise StoreError(f"cannot read the watched sources of {store.path}: {exc}") from exc
    return [SourceRow(*row) for row in rows]


def changes_since(
    con: duckdb.DuckDBPyConnection, since: datetime | None, fused: bool, limit: int = 500
) -> dict[str, Any]:
    """What was stored after the cursor ``after`` (an ingest time, ISO): the new cursor, how many articles,
    and the ids of the events they added or changed (fused events, or mentions), newest first.

    Without ``after`` only the cursor is returned: the page takes it as "now"."""
    latest = con.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]
    cursor = latest.isoformat() if latest else ""
    if since is None:
        return {"cursor": cursor, "articles": 0, "events": [], "more": False}
    articles = con.execute("SELECT count(*) FROM articles WHERE ingested_at > ?", [since]).fetchone()[0]
    if fused:
        sql = (
            "SELECT mc.cluster_id, max(a.ingested_at) AS stored_at FROM articles a JOIN events e ON "
            "e.article_hash = a.content_hash JOIN mention_clusters mc ON mc.mention_id = e.id "
            "WHERE a.ingested_at > ? GROUP BY 1 ORDER BY stored_at DESC, 1 LIMIT ?"
        )
    else:
        sql = (
            "SELECT e.id, a.ingested_at FROM articles a JOIN events e ON e.article_hash = a.content_hash "
            "WHERE a.ingested_at > ? ORDER BY 2 DESC, 1 LIMIT ?"
        )
    rows = con.execute(sql, [since, limit + 1]).fetchall()
    return {
        "cursor": cursor,
        "articles": articles,
        "events": [row[0] for row in rows[:limit]],
        "more": len(rows) > limit,
    }


def fused_event(store: Store, event_id: str) -> FusedEvent | None:
    """The fused event an alert rule reads (with its reports), by its id or any mention's, through the
    store's one reader; None when the store has no such event."""
    record = store.reader(fused=True).event(event_id)
    if record is None:
        return None
    event, fusion = record.event, record.fusion or {}
    mentions = [
        MentionRef(
            id=source.event_id or event.id, article_id=source.article_id, source=source.outlet,
            published=source.published, title=source.title, url=source.url, type=source.type or event.type,
            factuality=source.factuality or event.factuality, fatalities=source.fatalities,
            evidence=source.evidence or "",
        )
        for source in record.sources
    ]  # fmt: skip
    return FusedEvent(
        id=event.id, type=event.type, mode=event.mode, acled_event_type=event.acled_event_type,
        acled_sub_event_type=event.acled_sub_event_type, actor=event.actor, target=event.target,
        location=event.location, date=event.date, fatalities=event.fatalities,
        fatalities_min=fusion.get("fatalities_min"), fatalities_max=fusion.get("fatalities_max"),
        factuality=event.factuality, factuality_counts=fusion.get("factuality_counts") or {},
        articles=fusion.get("articles") or 1, sources=fusion.get("sources") or 1,
        source_names=fusion.get("source_names") or [], first_seen=fusion.get("first_seen"),
        last_seen=fusion.get("last_seen"), mention_ids=[m.id for m in mentions], mentions=mentions,
    )  # fmt: skip

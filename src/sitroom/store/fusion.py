"""The store's half of fusion: which stored mentions a new article's mentions are compared with, and
writing the fused events back. SQL only; the decisions are ``sitroom.fuse``'s.

Everything here runs inside the caller's open transaction (``Store.add`` holds one per article), so a
mention, its fused event and the rollups that count it (``rollups.py``) are committed together or not
at all.

Stored mentions are read by the blocking keys of the in-memory fuser (``mention_clusters.family``,
``day_lo``, ``day_hi``): every mention of the same type family whose day window meets a new one's, with
the whole fused event it belongs to, so a decision sees every member of every fused event it might
join. :class:`FusionIndex` keeps what it read for the rest of the run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sitroom.fuse import DEFAULT_RULES, Fuser, Mention, Rules, Signature, signature, summarise
from sitroom.fuse.features import DAY_SLACK
from sitroom.store import rollups
from sitroom.store.engines import Connection, Inserter, insert_rows
from sitroom.store.rows import FUSED_TABLE_COLUMNS, dicts, fused_row, mention_from_row

LINK_COLUMNS = ("mention_id", "cluster_id", "family", "day_lo", "day_hi", "countries")
_MOVE = """
UPDATE mention_clusters SET cluster_id = moved.cluster
FROM (SELECT unnest(?::VARCHAR[]) AS mention, unnest(?::VARCHAR[]) AS cluster) moved
WHERE mention_id = moved.mention
"""
#: Stored mentions with their article's provenance, by id: the ids bound as one list and joined. The
#: form ``WHERE e.id IN (?, ?, …)`` read ``events`` whole (the join kept DuckDB from its index) and bound
#: one parameter an id: 355 ms for 500 ids at 24,000 articles against 187 ms so (169 / 133 at 5,632).
SELECT_BY_ID = """
SELECT e.*, a.published AS article_published, a.title AS article_title, a.url AS article_url,
       a.source AS article_source
FROM (SELECT DISTINCT unnest(?::VARCHAR[]) AS id) wanted
JOIN events e ON e.id = wanted.id
JOIN articles a ON a.content_hash = e.article_hash
"""
#: Stored mentions with their article's provenance and fused event, as ``Store.fuse_pending`` reads them.
SELECT_MENTIONS = """
SELECT e.*, a.published AS article_published, a.title AS article_title, a.url AS article_url,
       a.source AS article_source, mc.cluster_id AS cluster_id
FROM events e JOIN articles a ON a.content_hash = e.article_hash
LEFT JOIN mention_clusters mc ON mc.mention_id = e.id
WHERE {where}
"""


class FusionIndex:
    """The store's live fuser: the signatures of the stored mentions on the days being ingested.

    Loading a day's mentions from the database costs a query and a signature each; an ingest run meets
    the same days again and again, so they are loaded once (whole fused events at a time) and kept in
    step with what this store writes. On DuckDB only the store writes its file (DuckDB locks it), so
    nothing else can change them underneath; on a server the store drops the index after each article.
    ``limit`` bounds memory: past it the index starts afresh, reloading what it needs. A mention held
    costs several kB (its event, signature and fused event), so the bound is 10,000 mentions (a reload
    of the days at hand every thousand articles or so, cheap against storing them; docs/scaling.md,
    Memory, has the measurements).
    """

    def __init__(
        self, rules: Rules = DEFAULT_RULES, limit: int = 10_000, insert: Inserter = insert_rows
    ) -> None:
        self.rules = rules
        self.limit = limit
        self.insert = insert  # the engine's way to insert many rows (``Engine.insert_rows``)
        self.fuser = Fuser(rules)
        self._loaded: dict[str, set[int]] = defaultdict(set)  # family -> days whose mentions are in
        self._mentions: dict[str, Mention] = {}  # the mentions in the fuser, for summaries
        self._placed: dict[str, Signature] = {}  # new mentions placed since the last write

    def fuse(self, con: Connection, mentions: Sequence[Mention], load: Loader) -> int:
        """Fuse new mentions (already inserted as events) with the stored ones and write the fused
        events they change; returns how many. :meth:`place` then :meth:`write`.

        Call :meth:`commit` once the transaction is committed, or drop the index if it was not.
        ``load(ids)`` reads stored mentions by id.
        """
        count = self.place(con, mentions, load)
        self.write(con, load)
        return count

    def place(self, con: Connection, mentions: Sequence[Mention], load: Loader) -> int:
        """Fuse new mentions in memory, writing nothing yet; returns how many.

        Several articles' mentions may be placed one after another before one :meth:`write` (a batch
        of articles in one transaction): the fuser makes the same decisions in the same order, and
        :meth:`write` writes the net change, once. Their events need not be inserted before
        :meth:`write` (placing reads stored mentions only, which the new ones are not)."""
        if not mentions:
            return 0
        sigs = {m.id: _bounded(signature(m)) for m in mentions}
        self._load(con, sigs.values(), load)
        self._mentions.update((m.id, m) for m in mentions)
        for sig in sorted(sigs.values(), key=lambda s: s.sort_key):
            self.fuser.add(sig)
        self._placed.update(sigs)
        return len(sigs)

    def write(self, con: Connection, load: Loader) -> None:
        """Write what the placed mentions changed: the fused events they replace are deleted and
        rewritten, with their rollups, mentions moved between fused events, the new mentions' links."""
        placed, self._placed = self._placed, {}
        changes = self.fuser.changes()
        missing = [s.id for _id, members, _old in changes for s in members if s.id not in self._mentions]
        self._mentions.update((m.id, m) for m in load(missing))
        fused_rows, link_rows, moves = [], [], []
        for cluster_id, members, _old in changes:
            fused = summarise([self._mentions[s.id] for s in members])
            fused_rows.append(fused_row(fused, self._mentions[fused.id].event))
            for sig in members:
                if sig.id in placed:
                    link_rows.append(_link_row(sig, cluster_id))
                elif self.fuser.stored_cluster(sig.id) != cluster_id:
                    moves.append((sig.id, cluster_id))
        gone = sorted({cid for _id, _members, old in changes for cid in old} | {c[0] for c in changes})
        replaced = rollups.values(con, gone)
        if gone:
            con.execute(f"DELETE FROM fused_events WHERE id IN ({', '.join('?' * len(gone))})", gone)
        self.insert(con, "fused_events", FUSED_TABLE_COLUMNS, fused_rows)
        written = [rollups.values_of_row(FUSED_TABLE_COLUMNS, row) for row in fused_rows]
        rollups.update(con, replaced, written)
        if moves:
            con.execute(_MOVE, [[m for m, _c in moves], [c for _m, c in moves]])
        self.insert(con, "mention_clusters", LINK_COLUMNS, link_rows)

    def commit(self) -> bool:
        """The transaction holding the last :meth:`fuse` committed; False when the index should be
        dropped (it grew past its limit)."""
        self.fuser.commit()
        return len(self._mentions) <= self.limit

    def _load(self, con: Connection, sigs: Iterable[Signature], load: Loader) -> None:
        """Bring in every stored mention whose day window meets a new one's, with its whole fused event."""
        wanted: dict[str, set[int]] = defaultdict(set)
        for sig in sigs:
            if sig.lo is not None:  # undated and unpublished: fused within its article only
                wanted[sig.family].update(range(sig.lo - DAY_SLACK, sig.hi + DAY_SLACK + 1))
        for family, days in wanted.items():
            missing = days - self._loaded[family]
            if not missing:
                continue
            first, last = _day(min(missing)), _day(max(missing))
            rows = con.execute(_IN_WINDOW, [family, first, last]).fetchall()
            clusters = sorted({cluster for mention, cluster in rows if mention not in self.fuser})
            if clusters:
                members: dict[str, list[str]] = defaultdict(list)
                for mention, cluster in con.execute(_MEMBERS, [clusters]).fetchall():
                    members[cluster].append(mention)
                stored = load([i for ids in members.values() for i in ids])
                self._mentions.update((m.id, m) for m in stored)
                loaded = {m.id: _bounded(signature(m)) for m in stored}
                for cluster, ids in members.items():
                    self.fuser.seed(cluster, [loaded[i] for i in ids])
            self._loaded[family].update(range(min(missing), max(missing) + 1))


Loader = Callable[[list[str]], list[Mention]]
_IN_WINDOW = (
    "SELECT mention_id, cluster_id FROM mention_clusters WHERE family = ? AND day_hi >= ? AND day_lo <= ?"
)
_MEMBERS = (
    "SELECT mention_id, cluster_id FROM mention_clusters WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))"
)


_FIRST_DAY, _LAST_DAY = date.min.toordinal(), date.max.toordinal()
#: A day window wider than this (ten years) says nothing about the day: the blocking index would file the
#: mention under every one of its days (an event dated 0001–9999 took 26 s to store), so such a mention
#: is fused as an undated one (within its own article only).
MAX_WINDOW_DAYS = 3660


def mentions_by_id(con: Connection, ids: Sequence[str]) -> list[Mention]:
    """Stored mentions by id, with their articles' provenance (a :data:`Loader` over ``con``)."""
    if not ids:
        return []
    cursor = con.execute(SELECT_BY_ID, [list(ids)])
    names = [column[0] for column in cursor.description]
    return [mention_from_row(row) for row in dicts(names, cursor.fetchall())]


def _bounded(sig: Signature) -> Signature:
    if sig.lo is not None and sig.hi is not None and sig.hi - sig.lo > MAX_WINDOW_DAYS:
        return replace(sig, lo=None, hi=None, dated=False)
    return sig


def _day(ordinal: int) -> date:
    """A day of a blocking window, held within the calendar: an article published 0001-01-01 (a common
    "zero time" in feeds) or an event dated 9999 has a window that runs past it by the slack days."""
    return date.fromordinal(min(max(ordinal, _FIRST_DAY), _LAST_DAY))


def _link_row(sig: Signature, cluster_id: str) -> list[Any]:
    lo = _day(sig.lo) if sig.lo is not None else None
    hi = _day(sig.hi) if sig.hi is not None else None
    return [sig.id, cluster_id, sig.family, lo, hi, sorted(sig.countries)]

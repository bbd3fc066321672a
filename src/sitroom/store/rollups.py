"""Rollups of the fused events: the page's aggregates, counted ahead, kept in step by the writer.

The page opens on six aggregates of every fused event (summary, timeline, actor network, countries,
map). On a million fused events each one scanned the ``fused_events`` table, 200 MB on PostgreSQL:
seconds a call (docs/scaling.md). Each rollup here holds the counts of one aggregate grouped by every
column that aggregate reads, plus the type, so the aggregate reads a few thousand rollup rows instead,
unfiltered or filtered by type alone (``EventQuery.only_types``); any other filter reads
``fused_events`` as before.

The rollups are *exact*: a row holds ``count(*)`` and integer sums of the fused events with its key
(the coordinates' sums, for the map's mean position, are floating point). They are kept by
:func:`retire` and :func:`count` in the same transaction as the fusion writes that change
``fused_events`` (``fusion.py``: before a fused event is deleted its contribution is subtracted, after
it is written it is added), so a committed store always has rollups equal to a fresh aggregate of its
fused events (:func:`fresh`, which the tests compare after re-fusions, merges, moves and re-ingests).
A group whose count falls to zero is deleted. :func:`rebuild` counts them from scratch (schema version
4's migration, ``sitroom fuse --rebuild``, the benchmark's bulk fill).

Each row has a text key ``k`` made of its key columns (each as its length, a colon and its text, or
``~`` for NULL: no two keys read alike), the primary key an upsert adds to; key columns may be NULL,
which a composite primary key would not allow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sitroom.store.engines import Connection

#: The map's cell size (degrees) the ``fused_cells`` rollup is counted for: the page's default.
MAP_CELL = 0.5


@dataclass(frozen=True)
class Rollup:
    """A rollup table: ``keys`` (column, SQL over ``fused_events``, SQL type) and ``sums`` (column, SQL
    summed, SQL type) of the fused events that satisfy ``where``."""

    table: str
    keys: tuple[tuple[str, str, str], ...]
    sums: tuple[tuple[str, str, str], ...]
    where: str = "TRUE"

    def create(self) -> str:
        """The table's CREATE statement (idempotent, like every statement of ``schema.sql``)."""
        columns = [f"{name} {kind}" for name, _, kind in self.keys]
        columns += [f"{name} {kind} NOT NULL" for name, _, kind in self.sums]
        return f"CREATE TABLE IF NOT EXISTS {self.table} (k VARCHAR PRIMARY KEY, {', '.join(columns)})"

    def select(self, ids: str | None, sign: int = 1) -> str:
        """The grouped counts of the fused events ``ids`` names (a WHERE condition on ``id``), or of all
        of them, each multiplied by ``sign``."""
        key = " || ".join(_key_part(expr) for _, expr, _ in self.keys)
        keys = ", ".join(expr for _, expr, _ in self.keys)
        sums = ", ".join(f"CAST(sum({sign} * ({expr})) AS {kind})" for _, expr, kind in self.sums)
        where = self.where if ids is None else f"({self.where}) AND {ids}"
        return f"SELECT {key}, {keys}, {sums} FROM fused_events WHERE {where} GROUP BY {keys}"

    @property
    def columns(self) -> str:
        return ", ".join(["k", *(name for name, _, _ in self.keys), *(name for name, _, _ in self.sums)])


def _key_part(expr: str) -> str:
    """One key column in the text key: its length, a colon and its text, or ``~`` when it is NULL."""
    text = f"CAST({expr} AS VARCHAR)"
    return f"coalesce(CAST(length({text}) AS VARCHAR) || ':' || {text}, '~')"


_EVENTS = ("events", "1", "BIGINT")
_FATALITIES = ("fatalities", "coalesce(fatalities, 0)", "BIGINT")
#: Every rollup; each holds ``events`` and ``fatalities`` (the sum, a missing figure as 0).
ROLLUPS: tuple[Rollup, ...] = (
    # The summary (count, span, types, factuality) and the timeline.
    Rollup(
        "fused_days",
        (
            ("day", "coalesce(date_start, first_seen)", "DATE"),
            ("type", "type", "VARCHAR"),
            ("cameo", "cameo", "VARCHAR"),
            ("factuality", "factuality", "VARCHAR"),
        ),
        (_EVENTS, _FATALITIES),
    ),
    # Events per country involved.
    Rollup(
        "fused_countries",
        (
            ("type", "type", "VARCHAR"),
            ("actor_country", "actor_country", "VARCHAR"),
            ("target_country", "target_country", "VARCHAR"),
            ("location_country", "location_country", "VARCHAR"),
        ),
        (_EVENTS, _FATALITIES),
    ),
    # The actor network.
    Rollup(
        "fused_dyads",
        (
            ("type", "type", "VARCHAR"),
            ("actor_name", "actor_name", "VARCHAR"),
            ("actor_country", "actor_country", "VARCHAR"),
            ("target_name", "target_name", "VARCHAR"),
            ("target_country", "target_country", "VARCHAR"),
        ),
        (_EVENTS, ("conflict", "CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END", "BIGINT"), _FATALITIES),
        "actor_name IS NOT NULL",
    ),
    # The map's cells of MAP_CELL degrees, per place name and country (the map shows the first of each).
    Rollup(
        "fused_cells",
        (
            ("type", "type", "VARCHAR"),
            ("y", f"round(location_lat / {MAP_CELL})", "DOUBLE PRECISION"),
            ("x", f"round(location_lon / {MAP_CELL})", "DOUBLE PRECISION"),
            ("location_name", "location_name", "VARCHAR"),
            ("location_country", "location_country", "VARCHAR"),
        ),
        (
            _EVENTS,
            _FATALITIES,
            ("lat", "location_lat", "DOUBLE PRECISION"),
            ("lon", "location_lon", "DOUBLE PRECISION"),
        ),
        "location_lat IS NOT NULL AND location_lon IS NOT NULL",
    ),
)
TABLES = tuple(rollup.table for rollup in ROLLUPS)


def _marks(ids: Sequence[str]) -> str:
    return f"id IN ({', '.join('?' * len(ids))})"


def _add(con: Connection, ids: Sequence[str], sign: int) -> None:
    """Add (``sign`` 1) or subtract (-1) the counts of fused events ``ids`` to or from every rollup."""
    if not ids:
        return
    for rollup in ROLLUPS:
        updates = ", ".join(f"{name} = {rollup.table}.{name} + excluded.{name}" for name, _, _ in rollup.sums)
        con.execute(
            f"INSERT INTO {rollup.table} ({rollup.columns}) {rollup.select(_marks(ids), sign)} "
            f"ON CONFLICT (k) DO UPDATE SET {updates}",
            list(ids),
        )


def retire(con: Connection, ids: Sequence[str]) -> None:
    """Before fused events ``ids`` are deleted (or rewritten): subtract them from the rollups."""
    _add(con, ids, -1)


def count(con: Connection, ids: Sequence[str]) -> None:
    """After fused events ``ids`` are written (and those they replace retired): add them to the rollups,
    then drop the groups that fell to zero."""
    _add(con, ids, 1)
    for table in TABLES:
        con.execute(f"DELETE FROM {table} WHERE events = 0")


def clear(con: Connection) -> None:
    """Every fused event is being deleted (``sitroom fuse --rebuild``): empty the rollups."""
    for table in TABLES:
        con.execute(f"DELETE FROM {table}")


def rebuild(con: Connection) -> None:
    """Count every rollup afresh from ``fused_events`` (an upgrade, a bulk load)."""
    clear(con)
    for rollup in ROLLUPS:
        con.execute(f"INSERT INTO {rollup.table} ({rollup.columns}) {rollup.select(None)}")


def fresh(con: Connection, table: str) -> list[tuple[Any, ...]]:
    """A rollup's rows as a fresh aggregate of ``fused_events`` gives them, sorted by key (tests compare
    them with :func:`stored`)."""
    rollup = next(r for r in ROLLUPS if r.table == table)
    return sorted(con.execute(rollup.select(None)).fetchall())


def stored(con: Connection, table: str) -> list[tuple[Any, ...]]:
    """A rollup's rows as the store keeps them, sorted by key."""
    rollup = next(r for r in ROLLUPS if r.table == table)
    return sorted(con.execute(f"SELECT {rollup.columns} FROM {table}").fetchall())

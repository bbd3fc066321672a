"""Rollups of the fused events: the page's aggregates, counted ahead, kept in step by the writer.

The page opens on six aggregates of every fused event (summary, timeline, actor network, countries,
map). On a million fused events each one scanned the ``fused_events`` table, 200 MB on PostgreSQL:
seconds a call (docs/scaling.md). Each rollup here holds the counts of one aggregate grouped by every
column that aggregate reads, plus the type, so the aggregate reads a few thousand rollup rows instead,
unfiltered or filtered by type alone (``EventQuery.only_types``); any other filter reads
``fused_events`` as before.

The rollups are *exact*: a row holds ``count(*)`` and integer sums of the fused events with its key
(the coordinates' sums, for the map's mean position, are floating point). :func:`update` keeps them in
the same transaction as the fusion writes that change ``fused_events`` (``fusion.py`` reads the values
of the fused events it replaces, then subtracts those and adds the new ones, passed as bound arrays, so
nothing scans ``fused_events``), and a committed store always has rollups equal to a fresh aggregate of
its fused events (:func:`fresh`, which the tests compare after take-overs, moved days, re-ingests and
re-fusion). A group whose count falls to zero is deleted. :func:`rebuild` counts them from scratch
(schema version 4's migration, the benchmark's bulk fill); ``sitroom fuse --rebuild`` empties them
(:func:`clear`) and fuses again.

Each row has a text key ``k`` made of its key columns (each as its length, a colon and its text, or
``~`` for NULL: no two keys read alike), the primary key an upsert adds to; key columns may be NULL,
which a composite primary key would not allow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sitroom.store.engines import Connection

#: The map's cell size (degrees) the ``fused_cells`` rollup is counted for: the page's default.
MAP_CELL = 0.5


@dataclass(frozen=True)
class Rollup:
    """One rollup, read through a view of its name: ``keys`` (column, SQL over ``fused_events``, SQL
    type) and ``sums`` (column, SQL summed, SQL type) of the fused events that satisfy ``where``."""

    table: str
    keys: tuple[tuple[str, str, str], ...]
    sums: tuple[tuple[str, str, str], ...]
    where: str = "TRUE"

    def view(self) -> str:
        """The view that shows this rollup's rows of :data:`TABLE` with this rollup's columns."""
        columns = ", ".join(name for name, _, _ in (*self.keys, *self.sums))
        return (
            f"CREATE OR REPLACE VIEW {self.table} AS SELECT {columns} FROM {TABLE} "
            f"WHERE rollup = '{self.table}'"
        )

    def select(self, source: str, weight: str) -> str:
        """The grouped counts of the fused events in ``source`` (the table, or rows standing in for
        it), each row's contribution multiplied by ``weight``, as rows of :data:`TABLE`."""
        mine = {name: expr for name, expr, _ in (*self.keys, *self.sums)}
        key = " || ".join([f"'{self.table}'", *(_key_part(expr) for _, expr, _ in self.keys)])
        keys = ", ".join(expr for _, expr, _ in self.keys)
        values = [
            f"CAST({mine[name]} AS {kind})" if name in mine else f"CAST(NULL AS {kind})"
            for name, kind in KEY_COLUMNS
        ]
        values += [
            f"CAST(sum({weight} * ({mine[name]})) AS {kind})" if name in mine else f"CAST(0 AS {kind})"
            for name, kind in SUM_COLUMNS
        ]
        return (
            f"SELECT {key}, '{self.table}', {', '.join(values)} FROM {source} WHERE {self.where} "
            f"GROUP BY {keys}"
        )


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
#: The rollups' views, one per rollup.
TABLES = tuple(rollup.table for rollup in ROLLUPS)
#: The one table every rollup's rows are kept in (one upsert a fused-event write, whatever it changes).
TABLE = "fused_rollups"
#: Its key and sum columns: those of every rollup (a rollup leaves the others NULL, or 0).
KEY_COLUMNS = tuple(dict.fromkeys((name, kind) for rollup in ROLLUPS for name, _, kind in rollup.keys))
SUM_COLUMNS = tuple(dict.fromkeys((name, kind) for rollup in ROLLUPS for name, _, kind in rollup.sums))
_ALL_COLUMNS = ", ".join(["k", "rollup", *(name for name, _ in (*KEY_COLUMNS, *SUM_COLUMNS))])


def schema() -> str:
    """The rollups' table and views (idempotent, like every statement of ``schema.sql``)."""
    columns = [f"{name} {kind}" for name, kind in KEY_COLUMNS]
    columns += [f"{name} {kind} NOT NULL" for name, kind in SUM_COLUMNS]
    table = (
        f"CREATE TABLE IF NOT EXISTS {TABLE} "
        f"(k VARCHAR PRIMARY KEY, rollup VARCHAR NOT NULL, {', '.join(columns)});"
    )
    return "\n".join([table, *(f"{rollup.view()};" for rollup in ROLLUPS)])


def _counts(source: str, weight: str) -> str:
    """Every rollup's grouped counts of ``source``, as rows of :data:`TABLE`."""
    return " UNION ALL ".join(rollup.select(source, weight) for rollup in ROLLUPS)


#: The columns of ``fused_events`` the rollups read, with their SQL types.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("type", "VARCHAR"), ("date_start", "DATE"), ("first_seen", "DATE"), ("cameo", "VARCHAR"),
    ("factuality", "VARCHAR"), ("actor_name", "VARCHAR"), ("actor_country", "VARCHAR"),
    ("target_name", "VARCHAR"), ("target_country", "VARCHAR"), ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"), ("location_lat", "FLOAT8"), ("location_lon", "FLOAT8"),
    ("quad_class", "INTEGER"), ("fatalities", "INTEGER"),
)  # fmt: skip
#: The fused events' changes as rows standing in for the table: a sign (-1 gone, 1 written) and
#: :data:`COLUMNS`, each bound as one array (the form both engines read the same way).
_CHANGES = (
    f"(SELECT unnest(?::INTEGER[]) AS sign, "
    f"{', '.join(f'unnest(?::{kind}[]) AS {name}' for name, kind in COLUMNS)}) fused_events"
)
#: One fused event's values of :data:`COLUMNS`.
Values = tuple[Any, ...]


def values(con: Connection, ids: Sequence[str]) -> list[Values]:
    """The values of :data:`COLUMNS` of the stored fused events ``ids`` (before they are rewritten)."""
    if not ids:
        return []
    names = ", ".join(name for name, _ in COLUMNS)
    sql = f"SELECT {names} FROM fused_events WHERE id IN ({', '.join('?' * len(ids))})"
    return [tuple(row) for row in con.execute(sql, list(ids)).fetchall()]


def values_of_row(columns: Sequence[str], row: Sequence[Any]) -> Values:
    """The values of :data:`COLUMNS` of a fused event about to be written as ``row`` of ``columns``."""
    where = {name: index for index, name in enumerate(columns)}
    return tuple(row[where[name]] for name, _ in COLUMNS)


def update(con: Connection, gone: list[Values], written: list[Values]) -> None:
    """In the transaction that replaced fused events ``gone`` by ``written``: subtract the one, add the
    other. A fused event rewritten with the same values the rollups read (another report, no new fact)
    cancels out and costs no statement; groups that fall to zero are deleted."""
    old, new = Counter(gone), Counter(written)
    minus, plus = old - new, new - old
    changes = [(-1, *row) for row in minus.elements()] + [(1, *row) for row in plus.elements()]
    if not changes:
        return
    arrays = [list(column) for column in zip(*changes, strict=True)]
    updates = ", ".join(f"{name} = {TABLE}.{name} + excluded.{name}" for name, _ in SUM_COLUMNS)
    con.execute(
        f"INSERT INTO {TABLE} ({_ALL_COLUMNS}) {_counts(_CHANGES, 'sign')} "
        f"ON CONFLICT (k) DO UPDATE SET {updates}",
        arrays * len(ROLLUPS),
    )
    if minus:
        con.execute(f"DELETE FROM {TABLE} WHERE events = 0")


def clear(con: Connection) -> None:
    """Every fused event is being deleted (``sitroom fuse --rebuild``): empty the rollups."""
    con.execute(f"DELETE FROM {TABLE}")


def rebuild(con: Connection) -> None:
    """Count every rollup afresh from ``fused_events`` (an upgrade, a bulk load)."""
    clear(con)
    con.execute(f"INSERT INTO {TABLE} ({_ALL_COLUMNS}) {_counts('fused_events', '1')}")


def fresh(con: Connection, table: str) -> list[tuple[Any, ...]]:
    """A rollup's rows as a fresh aggregate of ``fused_events`` gives them, by key (tests compare them
    with :func:`stored`)."""
    rollup = next(r for r in ROLLUPS if r.table == table)
    return sorted(con.execute(rollup.select("fused_events", "1")).fetchall(), key=lambda row: row[0])


def stored(con: Connection, table: str) -> list[tuple[Any, ...]]:
    """A rollup's rows as the store keeps them, by key."""
    sql = f"SELECT {_ALL_COLUMNS} FROM {TABLE} WHERE rollup = ?"
    return sorted(con.execute(sql, [table]).fetchall(), key=lambda row: row[0])

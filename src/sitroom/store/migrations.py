"""Upgrades of stores written by an older sitroom: one migration per schema version, all in one transaction.

``schema.sql`` creates a new store at the current version; a store of an older version is opened for
writing, its pending migrations run in order and the new version is recorded, or nothing changes (a
migration that fails rolls back, and the store stays at its old version). A store opened read-only is
never changed, so an old one must be opened once for writing (any ``sitroom ingest`` or ``sitroom fuse``).

New columns go at the end of their table in ``schema.sql`` too, where ``ALTER TABLE … ADD COLUMN`` puts
them, so an upgraded store and a new one have the same layout.

Version 2 adds ACLED sub-event types. They are derived from fields every stored event already has, so
the migration recomputes them (and the event types, from the same rules) with
:func:`sitroom.coding.acled.acled_code`: the one place outside ``fuse`` the store imports from the
stages, so that an upgraded store carries the same ACLED types as a new one. Each fused event then takes
the types most of its mentions give (:func:`sitroom.fuse.acled_reading`).

Version 3 copies the CAMEO code and quad class of each fused event's own mention (the one whose id it
carries, as the read side always took them) onto the fused event, in one ``UPDATE … FROM`` both engines
run: the page's timeline and actor network then read ``fused_events`` alone (docs/scaling.md).

Version 4 adds the rollups of the fused events (``rollups.py``): the tables are created with the schema,
the migration counts them from the stored fused events. On PostgreSQL it also drops the ascending day
index, which the newest-first index replaced (``postgres.INDEXES``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from typing import NamedTuple

from sitroom.store.engines import Connection

BATCH = 5000
#: An event's or fused event's id with its ACLED event type and sub-event type.
Code = tuple[str, str | None, str | None]


class Migration(NamedTuple):
    """From ``version - 1`` to ``version``: the events columns it adds (none when it adds columns only to
    other tables), and the change itself."""

    version: int
    adds: tuple[str, ...]
    run: Callable[[Connection], None]


def pending(version: int) -> list[Migration]:
    """The migrations a store at ``version`` still needs, in order."""
    return [migration for migration in MIGRATIONS if migration.version > version]


def migrate(con: Connection, version: int) -> int:
    """Run the pending migrations of a store at ``version`` in one transaction; returns the new version."""
    con.begin()
    try:
        for migration in pending(version):
            migration.run(con)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [migration.version])
            version = migration.version
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return version


def _acled_sub_event_types(con: Connection) -> None:
    """Version 2: ACLED sub-event types on events and fused events, recomputed from the stored fields."""
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS acled_sub_event_type VARCHAR")
    for column in ("acled_event_type", "acled_sub_event_type"):
        con.execute(f"ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS {column} VARCHAR")
    codes = list(_event_codes(con))
    _update(con, "events", codes)
    _update(con, "fused_events", _fused_codes(con, {row[0]: row[1:] for row in codes}))


def _event_codes(con: Connection) -> Iterator[Code]:
    """(id, ACLED event type, sub-event type) of every stored event."""
    from sitroom.coding.acled import acled_code  # the documented exception: see the module docstring
    from sitroom.store.rows import unflatten_event

    cursor = con.execute("SELECT * FROM events")
    names = [column[0] for column in cursor.description]
    while rows := cursor.fetchmany(BATCH):
        for values in rows:
            event = unflatten_event(dict(zip(names, values, strict=True)))
            yield (event.id, *acled_code(event))


def _fused_codes(con: Connection, codes: dict[str, tuple[str, str | None]]) -> list[Code]:
    """(id, ACLED event type, sub-event type) of every fused event, from its mentions, earliest first."""
    from sitroom.fuse import acled_reading

    rows = con.execute(
        "SELECT mc.cluster_id, e.id, e.type, a.published, f.type FROM mention_clusters mc "
        "JOIN events e ON e.id = mc.mention_id JOIN articles a ON a.content_hash = e.article_hash "
        "JOIN fused_events f ON f.id = mc.cluster_id"
    ).fetchall()
    members: dict[tuple[str, str], list[tuple[date, str, str]]] = defaultdict(list)
    for cluster_id, event_id, kind, published, fused_type in rows:
        members[cluster_id, fused_type].append((published or date.max, event_id, kind))
    found = []
    for (cluster_id, fused_type), mentions in members.items():
        readings = [(kind, *codes[event_id]) for _day, event_id, kind in sorted(mentions)]
        found.append((cluster_id, *acled_reading(fused_type, readings)))
    return found


def _update(con: Connection, table: str, rows: list[Code]) -> None:
    """Set the two ACLED columns of ``table`` by id, a batch of rows per statement."""
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        con.execute(
            f"UPDATE {table} SET acled_event_type = src.event_type, acled_sub_event_type = src.sub "
            "FROM (SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS event_type, "
            f"unnest(?::VARCHAR[]) AS sub) src WHERE {table}.id = src.id",
            [[row[0] for row in batch], [row[1] for row in batch], [row[2] for row in batch]],
        )


def _fused_codes_columns(con: Connection) -> None:
    """Version 3: the CAMEO code and quad class of each fused event's own mention, on the fused event."""
    con.execute("ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS cameo VARCHAR")
    con.execute("ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS quad_class INTEGER")
    con.execute(
        "UPDATE fused_events SET cameo = m.cameo, quad_class = m.quad_class "
        "FROM events m WHERE m.id = fused_events.id"
    )


def _rollups(con: Connection) -> None:
    """Version 4: count the rollups of the stored fused events (their tables come with the schema)."""
    from sitroom.store import rollups

    rollups.rebuild(con)
    con.execute("DROP INDEX IF EXISTS fused_events_day")


#: Every migration, oldest first; the last one's version is the store's SCHEMA_VERSION.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, ("acled_sub_event_type",), _acled_sub_event_types),
    Migration(3, (), _fused_codes_columns),
    Migration(4, (), _rollups),
)

"""A PostgreSQL server as the store's engine: ``--db postgresql://user@host/db`` (or ``SITROOM_DB``).

The store's SQL is written once, with ``?`` placeholders and DuckDB's connection methods (``begin``,
``commit``, ``rollback``); :class:`PostgresConnection` gives a psycopg connection those, so the writer,
fusion, migrations and the reader run unchanged. What a server adds:

- several ingesters and servers share one store. Each article is one transaction; its content hash is
  the articles table's primary key and the insert says ``ON CONFLICT DO NOTHING``, so two ingesters
  storing the same article store it once (the second waits for the first, then skips it);
- fusion reads the stored mentions near a new one and rewrites their fused events, so writers take one
  transaction-scoped advisory lock (:data:`WRITER_LOCK`) before fusing: articles are fused one after
  another, each seeing every one committed before it, whichever process stored it;
- each reading thread has its own connection (autocommit: a read sees what is committed), with room
  to hash the page's aggregates in memory (:data:`READER_SETTINGS`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import psycopg

from sitroom.store.engines import Connection, Cursor, Engine, without_password

#: The advisory lock key writers hold while they store and fuse an article ("sitroom" in ASCII).
WRITER_LOCK = 0x736974726F6F6D
#: The lock key held while the schema is created, so two processes creating it at once do not collide.
SCHEMA_LOCK = WRITER_LOCK + 1
PARQUET_BATCH = 5000
#: What PostgreSQL needs beyond the primary keys to answer the reads and fusion's lookups without a scan
#: of a large table (DuckDB scans columns fast enough, and updates indexed columns poorly).
INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_article ON events (article_hash)",
    "CREATE INDEX IF NOT EXISTS places_article ON places (article_hash)",
    "CREATE INDEX IF NOT EXISTS articles_id ON articles (id)",
    "CREATE INDEX IF NOT EXISTS mention_clusters_cluster ON mention_clusters (cluster_id)",
    "CREATE INDEX IF NOT EXISTS mention_clusters_window ON mention_clusters (family, day_lo, day_hi)",
    # A page of fused events, newest first (the page's default order): read from the index's head.
    "CREATE INDEX IF NOT EXISTS fused_events_newest ON fused_events "
    "((coalesce(date_start, first_seen)) DESC NULLS LAST, last_seen DESC NULLS LAST, id)",
    # A country filter (``? IN (actor_country, target_country, location_country)``, which PostgreSQL
    # reads as three equalities ORed) with or without types: a bitmap of the three indexes instead of a
    # scan of every fused event (the rollups count no country filter). country=UKR&type=ASSAULT on a
    # million fused events: the summary's count 2.8 s -> 33 ms (docs/scaling.md, session 8).
    *(
        f"CREATE INDEX IF NOT EXISTS fused_events_{party}_country ON fused_events ({party}_country, type)"
        for party in ("actor", "target", "location")
    ),
)
#: Session settings of a reading thread's connection. The page's aggregates group a million fused events
#: into a few thousand groups, which PostgreSQL overestimates (the grouped columns go together): with
#: the default 4 MB it sorted them on disk rather than hash them, and compiled each query with JIT
#: first (0.2 s a query). docs/scaling.md has the measurements.
READER_SETTINGS = ("SET work_mem = '64MB'", "SET jit = off")
#: PostgreSQL type names and the DuckDB types a Parquet copy writes them as.
_PARQUET_TYPES = {
    "int2": "SMALLINT", "int4": "INTEGER", "int8": "BIGINT", "float4": "FLOAT", "float8": "DOUBLE",
    "bool": "BOOLEAN", "date": "DATE", "timestamp": "TIMESTAMP", "timestamptz": "TIMESTAMPTZ",
    "_varchar": "VARCHAR[]", "_text": "VARCHAR[]",
}  # fmt: skip


def _placeholders(sql: str) -> str:
    """The store's ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresConnection:
    """A psycopg connection with DuckDB's connection methods, in autocommit mode: ``begin`` opens a
    transaction explicitly, as on DuckDB, and a statement outside one commits at once."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Any = None) -> Cursor:
        cursor = self._conn.cursor()
        if params is None:  # no parameters: several statements may run at once (the schema)
            cursor.execute(sql.encode())
        else:
            cursor.execute(_placeholders(sql), params)
        return cursor  # type: ignore[return-value]

    def executemany(self, sql: str, rows: Any) -> Any:
        cursor = self._conn.cursor()
        cursor.executemany(_placeholders(sql), rows)
        return cursor

    def begin(self) -> None:
        self._conn.execute("BEGIN")

    def commit(self) -> None:
        self._conn.execute("COMMIT")

    def rollback(self) -> None:
        self._conn.execute("ROLLBACK")

    def close(self) -> None:
        self._conn.close()


class PostgresEngine(Engine):
    """A database on a PostgreSQL server, shared by any number of ingesters, servers and readers."""

    errors = (psycopg.Error,)
    missing_table = (psycopg.errors.UndefinedTable,)
    single_writer = False

    def __init__(self, url: str) -> None:
        self.url = url

    @property
    def name(self) -> str:
        return without_password(self.url)

    def exists(self) -> bool:
        return True  # a server database is there or the connection fails, saying why

    def _connect(self) -> PostgresConnection:
        return PostgresConnection(psycopg.connect(self.url, autocommit=True))

    def connect(self, read_only: bool) -> Connection:
        return self._connect()

    def thread_connection(self, main: Connection) -> Connection:
        con = self._connect()
        for setting in READER_SETTINGS:
            con.execute(setting)
        return con

    def user_tables(self, con: Connection) -> set[str]:
        rows = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", []
        ).fetchall()
        return {row[0] for row in rows}

    def create_schema(self, con: Connection, sql: str) -> None:
        """Run ``schema.sql`` under a lock: ``CREATE TABLE IF NOT EXISTS`` is not safe to race."""
        con.begin()
        try:
            con.execute("SELECT pg_advisory_xact_lock(?)", [SCHEMA_LOCK])
            con.execute(sql)
            for statement in INDEXES:
                con.execute(statement)
            con.commit()
        except BaseException:
            con.rollback()
            raise

    def is_connection_problem(self, exc: BaseException) -> bool:
        return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)

    def lock_writers(self, con: Connection) -> None:
        con.execute("SELECT pg_advisory_xact_lock(?)", [WRITER_LOCK])

    def copy_parquet(self, con: Connection, select: str, params: list[Any], path: str | Path) -> None:
        """Stream the rows into an in-memory DuckDB table, a batch at a time, and let DuckDB write the
        Parquet file: the same writer, and so the same file, as a DuckDB store's export."""
        cursor = con.execute(select, params)
        types = {info.oid: info.name for info in psycopg.adapters.types}
        columns = [
            f'"{column.name}" {_PARQUET_TYPES.get(types.get(column.type_code, ""), "VARCHAR")}'
            for column in cursor.description
        ]
        marks = ", ".join("?" * len(columns))
        with duckdb.connect() as mem:
            mem.execute(f"CREATE TABLE rows ({', '.join(columns)})")
            while batch := cursor.fetchmany(PARQUET_BATCH):
                mem.executemany(f"INSERT INTO rows VALUES ({marks})", batch)
            target = str(path).replace("'", "''")
            mem.execute(f"COPY rows TO '{target}' (FORMAT parquet)")

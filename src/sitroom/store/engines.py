"""The database engines a store runs on: an embedded DuckDB file, or a PostgreSQL server.

The store and its reader speak one SQL (the subset both engines share, with ``?`` placeholders); what
differs lives here: how to connect, how a connection per reading thread is made, which errors mean the
database itself failed, how writers are kept from fusing the same events at once, and the Parquet copy.

``engine_for("sitroom.duckdb")`` is DuckDB; ``engine_for("postgresql://user@host/db")`` is PostgreSQL.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import duckdb

from sitroom.errors import StoreBusy

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Cursor(Protocol):
    """What the store reads from a statement (DB-API)."""

    description: Any

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchmany(self, size: int) -> list[Any]: ...


class Connection(Protocol):
    """What the store asks of a connection: DuckDB's own Python connection has exactly these methods."""

    def execute(self, sql: str, params: Any = None) -> Cursor: ...
    def executemany(self, sql: str, rows: Any) -> Any: ...
    def begin(self) -> Any: ...
    def commit(self) -> Any: ...
    def rollback(self) -> Any: ...
    def close(self) -> Any: ...


def is_postgres(db: str | Path) -> bool:
    """Whether ``--db`` names a PostgreSQL server rather than a DuckDB file."""
    return str(db).startswith(POSTGRES_SCHEMES)


def engine_for(db: str | Path, memory: str | None = None) -> Engine:
    """The engine ``--db`` (or ``SITROOM_DB``) names; ``memory`` bounds DuckDB's buffer pool
    (:data:`MEMORY_VARIABLE` overrides it; a server's memory is the server's own)."""
    if is_postgres(db):
        from sitroom.store.postgres import PostgresEngine  # the driver is needed only for a server

        return PostgresEngine(str(db))
    return DuckDBEngine(Path(db), os.environ.get(MEMORY_VARIABLE) or memory)


#: Sets DuckDB's ``memory_limit`` (``"64MB"``, ``"2GB"``) for every store a process opens.
MEMORY_VARIABLE = "SITROOM_DUCKDB_MEMORY"


class Engine(ABC):
    """One database, as the store needs it."""

    #: The engine's error classes: a failed statement or a failed connection.
    errors: tuple[type[BaseException], ...] = ()
    #: Errors that mean a table is missing (a database that is not, or not yet, a sitroom store).
    missing_table: tuple[type[BaseException], ...] = ()
    #: Whether one process writes at a time (DuckDB locks its file), so a writer may keep what it read.
    single_writer = True

    @property
    @abstractmethod
    def name(self) -> str:
        """The database as messages name it (a path, or a URL without its password)."""

    @abstractmethod
    def exists(self) -> bool:
        """Whether there is a database to open without creating one."""

    @abstractmethod
    def connect(self, read_only: bool) -> Connection:
        """The store's own connection."""

    @abstractmethod
    def thread_connection(self, main: Connection) -> Connection:
        """A connection for one reading thread, so slow queries do not hold up the others."""

    @abstractmethod
    def user_tables(self, con: Connection) -> set[str]:
        """The names of the tables and views in the database (to refuse someone else's)."""

    def create_schema(self, con: Connection, sql: str) -> None:
        """Run ``schema.sql`` (every statement is idempotent)."""
        con.execute(sql)

    @abstractmethod
    def is_connection_problem(self, exc: BaseException) -> bool:
        """A failure of the database itself (I/O, a lost connection), not of one article's values."""

    def lock_writers(self, con: Connection) -> None:  # noqa: B027 (one writer needs no lock)
        """Inside a write transaction: wait until no other writer is fusing (a no-op for one writer)."""

    def committed(self, con: Connection) -> None:  # noqa: B027 (a server manages its own memory)
        """After a write transaction committed: free what the engine holds for it, if it holds much."""

    def make_room(self, con: Connection, exc: BaseException, attempt: int) -> bool:
        """A write failed with ``exc`` and was rolled back: make room for the ``attempt``-th retry and
        say whether to try again (only a bounded DuckDB store that ran out of memory is retried)."""
        return False

    @abstractmethod
    def copy_parquet(self, con: Connection, select: str, params: list[Any], path: str | Path) -> None:
        """Write the rows of ``select`` to a Parquet file."""

    def insert_rows(self, con: Connection, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Insert many rows in few statements (a statement costs far more than a row)."""
        insert_rows(con, table, columns, rows)


class DuckDBEngine(Engine):
    """An embedded DuckDB file: one writing process at a time, readers on cursors of its connection."""

    errors = (duckdb.Error,)
    missing_table = (duckdb.CatalogException,)

    def __init__(self, path: Path, memory: str | None = None) -> None:
        self.path = path
        self.memory = memory  # DuckDB's memory_limit; None: DuckDB's default, 80% of the machine's
        self._types: dict[str, dict[str, str]] = {}  # table -> column -> SQL type

    @property
    def name(self) -> str:
        return str(self.path)

    def exists(self) -> bool:
        return self.path.exists()

    def connect(self, read_only: bool) -> Connection:
        try:
            config = {"memory_limit": self.memory} if self.memory else {}
            return duckdb.connect(str(self.path), read_only=read_only, config=config)
        except duckdb.Error as exc:
            if _LOCKED in str(exc):
                raise busy(self.path, exc) from exc
            raise

    def thread_connection(self, main: Connection) -> Connection:
        return main.cursor()  # type: ignore[attr-defined]

    def user_tables(self, con: Connection) -> set[str]:
        found = con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal "
            "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal"
        ).fetchall()
        return {row[0] for row in found}

    def is_connection_problem(self, exc: BaseException) -> bool:
        """Running out of memory is the database's failure, not the article's: under a memory bound
        (``SITROOM_DUCKDB_MEMORY``) a batch that does not fit must stop the run, not be refused."""
        failures = duckdb.IOException | duckdb.ConnectionException | duckdb.FatalException
        return isinstance(exc, failures | duckdb.OutOfMemoryException)

    def committed(self, con: Connection) -> None:
        """Checkpoint once the keys' indexes hold more than half the memory bound. An index block a
        write changed stays in memory until a checkpoint writes it (DuckDB's ART indexes), and a batch
        of articles with hashed keys touches blocks all over every primary and foreign key's index, so
        what the indexes held grew with the store: past 54,800 articles they filled a 64 MB bound and
        the writes ran out of memory (docs/scaling.md, session 8). A checkpoint costs 0.2–0.8 s there."""
        if self.memory is None:
            return
        held = con.execute(_INDEX_MEMORY).fetchone()[0] or 0
        if held > _bytes(_memory_limit(con)) // 2:
            _checkpoint(con)

    def make_room(self, con: Connection, exc: BaseException, attempt: int) -> bool:
        """Out of memory under a bound: first checkpoint (the indexes' changed blocks are written and
        can be evicted), then raise the bound by half, at most :data:`MEMORY_RAISES` times a write.
        What a batch must hold of the keys' indexes grows with the store (a batch of 128 articles
        needed more than 30 MB at 58,700 articles), so a fixed bound would stop a growing store."""
        if not isinstance(exc, duckdb.OutOfMemoryException) or self.memory is None:
            return False
        if attempt == 1:
            _checkpoint(con)
            return True
        if attempt > MEMORY_RAISES + 1:
            return False
        raised = _bytes(_memory_limit(con)) * 3 // 2
        con.execute(f"SET memory_limit = '{raised // 2**10}KiB'")
        logging.getLogger(__name__).warning(
            "%s: DuckDB's memory bound raised to %d MB (the store's key indexes outgrew it)",
            self.path,
            raised // 2**20,
        )
        return True

    def copy_parquet(self, con: Connection, select: str, params: list[Any], path: str | Path) -> None:
        target = str(path).replace("'", "''")
        con.execute(f"COPY ({select}) TO '{target}' (FORMAT parquet)", params)

    def insert_rows(self, con: Connection, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """One statement binding a list a column (``SELECT unnest(?::TYPE[]), …``): DuckDB binds a
        statement of many parameters slowly, ~0.1 ms each (a batch's 400 events took 1.5 s as one
        ``VALUES`` list, 0.12 s so; its ``executemany`` runs one statement a row)."""
        if not rows:
            return
        types = self._column_types(con, table)
        kinds = [types[column.strip('"')] for column in columns]  # columns may come quoted
        picks = ", ".join(f"unnest(?::{kind}[])" for kind in kinds)
        arrays = [list(values) for values in zip(*rows, strict=True)]
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {picks}", arrays)

    def _column_types(self, con: Connection, table: str) -> dict[str, str]:
        """The SQL types of a table's columns (read once: a store's schema is settled when it opens)."""
        if table not in self._types:
            rows = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]
            ).fetchall()
            self._types[table] = dict(rows)
        return self._types[table]


#: How many times a write that runs out of memory raises the bound by half (×11 in all) before the
#: run stops with a StoreError.
MEMORY_RAISES = 6
_INDEX_MEMORY = "SELECT sum(memory_usage_bytes) FROM duckdb_memory() WHERE tag = 'ART_INDEX'"
_UNITS = {"bytes": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40, "PiB": 2**50}


def _memory_limit(con: Connection) -> str:
    return con.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def _bytes(setting: str) -> int:
    """DuckDB's spelling of a size (``61.0 MiB``, ``1.8 GiB``) in bytes."""
    number, unit = setting.split()
    return int(float(number) * _UNITS[unit])


def _checkpoint(con: Connection) -> None:
    """Write what the write-ahead log holds into the file; skipped while another transaction is open
    (a reading thread's), which DuckDB does not checkpoint under."""
    with contextlib.suppress(duckdb.Error):
        con.execute("CHECKPOINT")


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


#: One row of values to insert.
Row = Sequence[Any]
#: An engine's way to insert many rows: ``insert(con, table, columns, rows)``.
Inserter = Callable[[Connection, str, Sequence[str], Sequence[Row]], None]
#: The most values one ``VALUES`` insert binds (PostgreSQL takes at most 65,535 a statement).
MAX_PARAMETERS = 30_000


def insert_rows(con: Connection, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
    """Many rows in one ``VALUES`` statement, or a few when they have more than :data:`MAX_PARAMETERS`
    values (PostgreSQL binds many parameters fast; a statement a row would cost a round trip each)."""
    per = max(1, MAX_PARAMETERS // len(columns))
    one = f"({', '.join('?' * len(columns))})"
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        values = ", ".join([one] * len(chunk))
        con.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values}", [v for row in chunk for v in row]
        )


def first_line(exc: BaseException) -> str:
    """Database messages carry multi-line hints; the first line says what went wrong."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def without_password(url: str) -> str:
    """A server URL fit for a message: ``postgresql://user:secret@host/db`` loses its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1@", url)

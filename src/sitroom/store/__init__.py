"""The event store: articles, their coded events and the fused events, in a DuckDB file or PostgreSQL.

>>> from sitroom.store import EventQuery, open_store
>>> with open_store("sitroom.duckdb") as store:          # or "postgresql://user@host/db"
...     total, records = store.reader().page(EventQuery(types=("ASSAULT",)), limit=5)

Everything outside this package depends on :class:`StoreWriter` and :class:`StoreReader` (``backend.py``)
and imports from here only.
"""

from pathlib import Path

from sitroom.store.backend import Stored, StoreReader, StoreWriter, store_batch
from sitroom.store.engines import is_postgres
from sitroom.store.query import SORT_KEYS, TIME_BUCKETS, EventQuery
from sitroom.store.rows import (
    EVENT_COLUMNS,
    FLAT_COLUMNS,
    FUSED_COLUMNS,
    ArticleRecord,
    flat_row,
    flatten_event,
)
from sitroom.store.writer import DEFAULT_PATH, SCHEMA_VERSION, WRITE_BATCH, WRITE_MEMORY, Store, StoreStats


def open_store(
    db: str | Path = DEFAULT_PATH, *, read_only: bool = False, create: bool = True, memory: str | None = None
) -> Store:
    """The store ``--db`` names: a DuckDB file, or a PostgreSQL server by ``postgresql://`` URL."""
    return Store(db, read_only=read_only, create=create, memory=memory)


__all__ = [
    "DEFAULT_PATH",
    "EVENT_COLUMNS",
    "FLAT_COLUMNS",
    "FUSED_COLUMNS",
    "SCHEMA_VERSION",
    "SORT_KEYS",
    "TIME_BUCKETS",
    "WRITE_BATCH",
    "WRITE_MEMORY",
    "ArticleRecord",
    "EventQuery",
    "Store",
    "StoreReader",
    "StoreStats",
    "StoreWriter",
    "Stored",
    "flat_row",
    "flatten_event",
    "is_postgres",
    "open_store",
    "store_batch",
]

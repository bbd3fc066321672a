"""The event store: articles, their coded events and the fused events, in a DuckDB file or PostgreSQL.

>>> from sitroom.store import EventQuery, open_store
>>> with open_store("sitroom.duckdb") as store:          # or "postgresql://user@host/db"
...     total, records = store.reader().page(EventQuery(types=("ASSAULT",)), limit=5)

Everything outside this package depends on :class:`StoreWriter` and :class:`StoreReader` (``backend.py``)
and imports from here only.

The defaults (``settings.py``) load with the package; every other name loads its module on first use
(PEP 562), so that a command that stores nothing (``sitroom code``, ``sitroom --help``) starts without
DuckDB and the store's modules: about 0.3 s of a cold start.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitroom.store.settings import DEFAULT_PATH, WRITE_BATCH, WRITE_MEMORY

if TYPE_CHECKING:
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
    from sitroom.store.writer import SCHEMA_VERSION, Store, StoreStats

_HOMES = {  # name -> the module of this package that defines it
    **dict.fromkeys(("Stored", "StoreReader", "StoreWriter", "store_batch"), "backend"),
    "is_postgres": "engines",
    **dict.fromkeys(("SORT_KEYS", "TIME_BUCKETS", "EventQuery"), "query"),
    **dict.fromkeys(("EVENT_COLUMNS", "FLAT_COLUMNS", "FUSED_COLUMNS", "ArticleRecord"), "rows"),
    **dict.fromkeys(("flat_row", "flatten_event"), "rows"),
    **dict.fromkeys(("SCHEMA_VERSION", "Store", "StoreStats"), "writer"),
}


def __getattr__(name: str) -> Any:
    """A public name's value, imported from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def open_store(
    db: str | Path = DEFAULT_PATH, *, read_only: bool = False, create: bool = True, memory: str | None = None
) -> Store:
    """The store ``--db`` names: a DuckDB file, or a PostgreSQL server by ``postgresql://`` URL."""
    from sitroom.store.writer import Store

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

"""The event store: an embedded DuckDB file of articles and their coded events.

>>> from sitroom.store import Store
>>> with Store("sitroom.duckdb") as store:
...     store.events(type="ASSAULT", limit=5)
"""

from sitroom.store.duckdb_store import (
    DEFAULT_PATH,
    EVENT_COLUMNS,
    SCHEMA_VERSION,
    Store,
    StoredEvent,
    StoreStats,
    flatten_event,
)

__all__ = [
    "DEFAULT_PATH",
    "EVENT_COLUMNS",
    "SCHEMA_VERSION",
    "Store",
    "StoreStats",
    "StoredEvent",
    "flatten_event",
]

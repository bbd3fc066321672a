"""The event store: an embedded DuckDB file of articles, their coded events and the fused events.

>>> from sitroom.store import Store
>>> with Store("sitroom.duckdb") as store:
...     store.fused_events(type="ASSAULT", limit=5)   # one per real-world event
...     store.events(type="ASSAULT", limit=5)         # one per article that reports one (mentions)
"""

from sitroom.store.duckdb_store import (
    DEFAULT_PATH,
    EVENT_COLUMNS,
    SCHEMA_VERSION,
    Refine,
    Store,
    StoredEvent,
    StoreStats,
    flatten_event,
)
from sitroom.store.fusion import FUSED_COLUMNS

__all__ = [
    "DEFAULT_PATH",
    "EVENT_COLUMNS",
    "FUSED_COLUMNS",
    "SCHEMA_VERSION",
    "Refine",
    "Store",
    "StoreStats",
    "StoredEvent",
    "flatten_event",
]

"""The store's defaults the commands name in their options (``--db``, ``--store-batch``): kept apart from
the engines so that a command's signature can show them without importing DuckDB (``store/__init__.py``)."""

DEFAULT_PATH = "sitroom.duckdb"
#: Coded articles a bulk run (``sitroom ingest``, ``sitroom load``, the cluster engine) stores a
#: transaction (``Store.add_many``): 128 stored 44 articles/s against 33 with 64 (docs/scaling.md).
WRITE_BATCH = 128
#: DuckDB's buffer pool for a store written in bulk (``sitroom ingest``, ``load``, ``watch``). At
#: DuckDB's default (80% of the machine's memory) nothing is evicted and the writer's memory grew with
#: the store, ~2 MB every 1,000 articles; bounded at 64 MB it stayed flat to 55,000 articles (more than
#: the writer's Python holds, ~250 MB, would not pay: a batch needs ~30-60 MB of the keys' indexes
#: there). What a batch must hold of those indexes grows with the store, so the bound is a start: the
#: store checkpoints when they fill half of it and raises it when a write still does not fit
#: (``DuckDBEngine.make_room``; docs/scaling.md, session 8). ``SITROOM_DUCKDB_MEMORY`` overrides it.
WRITE_MEMORY: str | None = "64MB"

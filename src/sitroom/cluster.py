"""Coding on a Dask cluster: ``sitroom ingest --engine dask --scheduler tcp://host:8786 INPUT...``.

Articles stream from the inputs in batches, with at most :data:`BATCHES_PER_WORKER` batches per worker in
flight, so memory stays flat however large the corpus; no list of the corpus is ever made. Each worker
process loads the coder once (:func:`worker_coder`) and codes whole batches with the same
:func:`~sitroom.pipeline.code_isolated` as a local run, so the events are the same.

Coded batches come back in whatever order the workers finish. The store fuses each article with every
mention already stored, whatever order they arrived in, so the fused events do not depend on it
(``tests/test_dask_engine.py`` compares a cluster run with a local one). Results go either to the store (the
client stores each coded article as it arrives, one transaction each, on DuckDB or PostgreSQL) or, with
``--parquet DIR``, the workers write them as date-partitioned Parquet (``DIR/published=YYYY-MM-DD/``),
which ``sitroom load DIR`` brings into a store later: nothing flows back through the client then.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from sitroom.models import Article, CodedArticle
from sitroom.pipeline import cap_text, code_isolated, max_chars_setting

if TYPE_CHECKING:
    from sitroom.coding.coder import Coder

BATCH_SIZE = 16
BATCHES_PER_WORKER = 2
PARQUET_GLOB = "**/*.parquet"
READ_BATCH = 500

_coders: dict[str, Coder] = {}  # per worker process: the coder of each detect variant, loaded once
_loads: list[str] = []  # what this process loaded, for tests and the benchmark to check it is once


def worker_coder(detect: str) -> Coder:
    """This worker process's coder, loaded on its first batch and kept for every later one."""
    if detect not in _coders:
        from sitroom.coding.coder import Coder

        _coders[detect] = Coder.load(detect)
        _loads.append(detect)
    return _coders[detect]


def coder_loads() -> tuple[int, list[str]]:
    """``(process id, the detect variants it loaded)``: run on every worker by ``client.run``."""
    return os.getpid(), list(_loads)


def code_batch(batch: list[Article], detect: str) -> list[CodedArticle]:
    """On a worker: code one batch, each article in isolation."""
    return list(code_isolated(worker_coder(detect), batch))


def write_batch(batch: list[Article], detect: str, directory: str) -> tuple[int, int, list[str]]:
    """On a worker: code one batch and append it to the date-partitioned Parquet in ``directory``;
    returns (articles written, events, the errors of articles that failed coding)."""
    coded = code_batch(batch, detect)
    good = [item for item in coded if item.error is None]
    errors = [f"{item.article.origin or item.article.id}: {item.error}" for item in coded if item.error]
    if good:
        rows = [[item.article.content_hash, item.article.published, item.model_dump_json()] for item in good]
        with duckdb.connect() as mem:
            mem.execute("CREATE TABLE coded (content_hash VARCHAR, published DATE, article VARCHAR)")
            mem.executemany("INSERT INTO coded VALUES (?, ?, ?)", rows)
            target = directory.replace("'", "''")
            mem.execute(
                f"COPY coded TO '{target}' (FORMAT parquet, PARTITION_BY (published), "
                "FILENAME_PATTERN 'batch-{uuid}', APPEND)"
            )
    return len(good), sum(len(item.events) for item in good), errors


def _batches(articles: Iterable[Article], size: int, budget: int) -> Iterator[list[Article]]:
    capped = (cap_text(article, budget)[0] for article in articles)
    while batch := list(islice(capped, size)):
        yield batch


def _run(
    client: Any, articles: Iterable[Article], task: Any, *args: Any, batch_size: int, budget: int
) -> Iterator[Any]:
    """Submit batches as the stream yields them, a bounded number at a time; yield each result as its
    batch finishes (in any order)."""
    from distributed import as_completed

    window = BATCHES_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
    running = as_completed(loop=client.loop)  # this client's loop: it is not the process's default client
    in_flight = 0
    for batch in _batches(articles, batch_size, budget):
        running.add(client.submit(task, batch, *args, pure=False))
        in_flight += 1
        while in_flight >= window:
            in_flight -= 1
            yield next(running).result()
    for future in running:
        yield future.result()


def code_on_cluster(
    articles: Iterable[Article],
    scheduler: str,
    detect: str = "combined",
    batch_size: int = BATCH_SIZE,
    max_chars: int | None = None,
) -> Iterator[CodedArticle]:
    """Code articles on the cluster whose scheduler is at ``scheduler``; yields every coded article, in
    the order their batches finish."""
    from distributed import Client

    budget = max_chars_setting(max_chars)
    with Client(scheduler, set_as_default=False) as client:
        for coded in _run(client, articles, code_batch, detect, batch_size=batch_size, budget=budget):
            yield from coded


def parquet_on_cluster(
    articles: Iterable[Article],
    scheduler: str,
    directory: Path,
    detect: str = "combined",
    batch_size: int = BATCH_SIZE,
    max_chars: int | None = None,
) -> Iterator[tuple[int, int, list[str]]]:
    """Code articles on the cluster; the workers write them under ``directory`` (it must be a folder
    every worker can reach). Yields each batch's (articles written, events, errors)."""
    from distributed import Client

    budget = max_chars_setting(max_chars)
    directory.mkdir(parents=True, exist_ok=True)
    folder = str(directory.resolve())
    with Client(scheduler, set_as_default=False) as client:
        yield from _run(client, articles, write_batch, detect, folder, batch_size=batch_size, budget=budget)


def read_parquet(directory: Path) -> Iterator[CodedArticle]:
    """The coded articles a ``--parquet`` run wrote, oldest publication day first, a batch at a time."""
    pattern = str(directory / PARQUET_GLOB).replace("'", "''")
    with duckdb.connect() as mem:
        cursor = mem.execute(
            f"SELECT article FROM read_parquet('{pattern}', hive_partitioning = true) "
            "ORDER BY published NULLS LAST, content_hash"
        )
        while rows := cursor.fetchmany(READ_BATCH):
            for (text,) in rows:
                yield CodedArticle.model_validate_json(text)


def published_days(directory: Path) -> list[date | None]:
    """The publication days a ``--parquet`` run wrote partitions for."""
    pattern = str(directory / PARQUET_GLOB).replace("'", "''")
    with duckdb.connect() as mem:
        rows = mem.execute(
            f"SELECT DISTINCT published FROM read_parquet('{pattern}', hive_partitioning = true) ORDER BY 1"
        ).fetchall()
    return [row[0] for row in rows]

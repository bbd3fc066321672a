"""The store's two faces, as the rest of sitroom depends on them: a writer and a reader.

:class:`~sitroom.store.writer.Store` is the writer and :class:`~sitroom.store.reader.EventReader` the
reader, on DuckDB or PostgreSQL alike (``engines.py``); the CLI, the API and the cluster engine are typed
against these protocols, so none of them knows which engine, or which module, holds the data.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from sitroom.errors import ArticleNotStored, StoreError
from sitroom.export.records import EventRecord
from sitroom.models import CodedArticle
from sitroom.store.query import EventQuery
from sitroom.store.rows import ArticleRecord


class StoreReader(Protocol):
    """Every question the CLI, the API and the exports ask; safe to ask from several threads."""

    fused: bool

    def page(
        self, query: EventQuery, sort: str = ..., descending: bool = ..., limit: int | None = ...,
        offset: int = ...,
    ) -> tuple[int, list[EventRecord]]: ...  # fmt: skip
    def records(self, query: EventQuery, sort: str = ...) -> Iterator[EventRecord]: ...
    def event(self, event_id: str) -> EventRecord | None: ...
    def article(self, key: str) -> ArticleRecord | None: ...
    def count(self, query: EventQuery) -> int: ...
    def overview(self, query: EventQuery) -> tuple[int, date | None, date | None]: ...
    def span(self, query: EventQuery) -> tuple[date | None, date | None]: ...
    def facet(self, query: EventQuery, column: str) -> list[tuple[str, int]]: ...
    def timeline(self, query: EventQuery, bucket: str = ...) -> list[tuple[date, str, str, int, int]]: ...
    def dyads(
        self, query: EventQuery, limit: int = ...
    ) -> list[tuple[str, str, str, str, int, int, int]]: ...
    def map_cells(self, query: EventQuery, cell: float = ..., limit: int = ...) -> list[tuple[Any, ...]]: ...
    def countries(self, query: EventQuery) -> list[tuple[str, int, int]]: ...
    def articles_count(self) -> int: ...
    def mentions_count(self) -> int: ...
    def write_parquet(self, query: EventQuery, path: str | Path) -> int: ...
    def close(self) -> None: ...


class StoreWriter(Protocol):
    """Storing coded articles and fusing their events; one transaction an article (``add``) or a batch
    (``add_many``)."""

    path: str

    def has_article(self, content_hash: str) -> bool: ...
    def add(self, coded: CodedArticle) -> bool: ...
    def add_many(self, items: Sequence[CodedArticle]) -> list[bool | ArticleNotStored]: ...
    def fuse_pending(self) -> int: ...
    def refuse(self) -> int: ...
    def stats(self) -> Any: ...
    def reader(self, fused: bool | None = None) -> StoreReader: ...
    def close(self) -> None: ...


class BatchWriter(Protocol):
    """Anything that stores coded articles a batch a transaction: a store, or the server's event source."""

    def add_many(self, items: Sequence[CodedArticle]) -> list[bool | ArticleNotStored]: ...


#: What came of storing one coded article: True (stored), False (stored already), its
#: :class:`ArticleNotStored`, the :class:`StoreError` of a failed database, or None (its coding failed,
#: so it was not offered to the store).
Stored = bool | StoreError | None


def store_batch(writer: BatchWriter, items: Sequence[CodedArticle]) -> list[Stored]:
    """Store the coded ones of ``items`` in one transaction (``add_many``); what came of each item, in
    order (the one mapping ``sitroom ingest``, ``sitroom load`` and the ingest service share). When the
    database fails, none of them is stored and each gets its error."""
    coded = [item for item in items if item.error is None]
    try:
        results: list[bool | StoreError] = list(writer.add_many(coded)) if coded else []
    except StoreError as exc:
        results = [exc] * len(coded)
    given = iter(results)
    return [next(given) if item.error is None else None for item in items]

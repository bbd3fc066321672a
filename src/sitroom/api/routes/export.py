"""``GET /api/export``: matching events as a PLOVER JSON, ACLED CSV, GDELT TSV, GeoJSON or Parquet file.

The file is written to a private temporary file first (the event count goes in a header, and Parquet is
DuckDB's own writer), then sent. Both halves stop when the client goes away: the writer checks between
events whether the client is still there, and the temporary file is removed whatever happens (sent,
failed, or abandoned half-way), so aborted exports cannot fill the temporary folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from sitroom.api.data import EventSource
from sitroom.api.deps import Data, Filters, require_read
from sitroom.export import FORMATS, EventRecord, ExportFormat, write_export
from sitroom.store import EventQuery

router = APIRouter(prefix="/api", tags=["export"], dependencies=[Depends(require_read)])
CLIENT_GONE = 499  # nginx's "client closed request": logged, never seen by anyone
CHUNK = 256 * 1024
POLL_SECONDS = 0.2  # how often a running export looks for a client that went away
TEMP_PREFIX = "sitroom-export-"


class ExportAbandoned(Exception):
    """The client went away before its export was written."""


def export_file(
    source: EventSource,
    format: str,
    query: EventQuery,
    path: str,
    country_level: bool,
    stop: threading.Event | None = None,
) -> int:
    """Write every matching event to ``path``; returns how many were written. Raises
    :class:`ExportAbandoned` as soon as ``stop`` is set (checked before each event)."""
    if format == "parquet":
        return source.write_parquet(query, path)
    with open(path, "w", encoding="utf-8", newline="") as out:
        return write_export(format, _until(stop, source.records(query)), out, country_level=country_level)


def _until(stop: threading.Event | None, records: Iterable[EventRecord]) -> Iterator[EventRecord]:
    for record in records:
        if stop is not None and stop.is_set():
            raise ExportAbandoned
        yield record


class _TempFileResponse(StreamingResponse):
    """Streams a temporary file and removes it once the response is over, however it ended."""

    def __init__(self, path: str, **kwargs: object) -> None:
        self.path = path
        super().__init__(_chunks(path), **kwargs)  # type: ignore[arg-type]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            _remove(self.path)


def _chunks(path: str) -> Iterator[bytes]:
    with open(path, "rb") as data:
        while chunk := data.read(CHUNK):
            yield chunk


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


@router.get("/export", summary="Every matching event in a standard format, as a file")
async def export(
    request: Request,
    source: Data,
    query: Filters,
    format: ExportFormat = ExportFormat.plover,
    country_level: Annotated[
        bool, Query(description="GeoJSON: keep country-level events (null geometry).")
    ] = False,
) -> Response:
    suffix, media_type = FORMATS[format.value]
    handle, path = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=suffix)
    os.close(handle)
    stop = threading.Event()
    try:
        writing = asyncio.ensure_future(
            run_in_threadpool(export_file, source, format.value, query, path, country_level, stop)
        )
        while not writing.done():
            await asyncio.wait({writing}, timeout=POLL_SECONDS)
            if not writing.done() and await request.is_disconnected():
                stop.set()
        count = writing.result()
    except ExportAbandoned:
        _remove(path)
        return Response(status_code=CLIENT_GONE)
    except BaseException:
        stop.set()
        _remove(path)
        raise
    filename = f"sitroom-{format.value}{suffix}"
    headers = {
        "X-Event-Count": str(count),
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Content-Length": str(os.path.getsize(path)),
    }
    return _TempFileResponse(path, media_type=media_type, headers=headers)

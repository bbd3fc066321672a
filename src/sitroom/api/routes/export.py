"""``GET /api/export``: matching events as a PLOVER JSON, ACLED CSV, GDELT TSV, GeoJSON or Parquet file."""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from sitroom.api.data import EventSource
from sitroom.api.deps import Data, Filters, require_read
from sitroom.export import FORMATS, write_export
from sitroom.store.duckdb_store import EventQuery

router = APIRouter(prefix="/api", tags=["export"], dependencies=[Depends(require_read)])


class ExportFormat(StrEnum):
    plover = "plover"
    acled = "acled"
    gdelt = "gdelt"
    geojson = "geojson"
    parquet = "parquet"


def export_file(source: EventSource, format: str, query: EventQuery, path: str, country_level: bool) -> int:
    """Write every matching event to ``path``; returns how many were written."""
    if format == "parquet":
        return source.write_parquet(query, path)
    with open(path, "w", encoding="utf-8", newline="") as out:
        return write_export(format, source.records(query), out, country_level=country_level)


@router.get("/export", summary="Every matching event in a standard format, as a file")
async def export(
    source: Data,
    query: Filters,
    format: ExportFormat = ExportFormat.plover,
    country_level: Annotated[
        bool, Query(description="GeoJSON: keep country-level events (null geometry).")
    ] = False,
) -> FileResponse:
    suffix, media_type = FORMATS[format.value]
    handle, path = tempfile.mkstemp(prefix="sitroom-export-", suffix=suffix)
    os.close(handle)
    count = await run_in_threadpool(export_file, source, format.value, query, path, country_level)
    return FileResponse(
        path,
        media_type=media_type,
        filename=f"sitroom-{format.value}{suffix}",
        headers={"X-Event-Count": str(count)},
        background=BackgroundTask(os.unlink, path),
    )

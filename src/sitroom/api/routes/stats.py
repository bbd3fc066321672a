"""Aggregates for the page: summary and facets, the timeline, map cells and per-country counts."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from sitroom.api.deps import Data, Filters, require_read

router = APIRouter(prefix="/api/stats", tags=["stats"], dependencies=[Depends(require_read)])


class Bucket(StrEnum):
    auto = "auto"
    day = "day"
    week = "week"
    month = "month"


@router.get("/summary", summary="How many events match, their span, and counts per type and factuality")
def summary(source: Data, query: Filters) -> dict[str, Any]:
    return source.summary(query)


@router.get("/changes", summary="What was stored since a cursor: for new events without a reload")
def changes(
    source: Data,
    after: Annotated[
        str | None, Query(max_length=40, description="An earlier answer's cursor; none: the cursor alone.")
    ] = None,
) -> dict[str, Any]:
    """``cursor`` (give it back as ``after`` next time), ``articles`` stored after ``after``, and the ids
    of the events they added or changed (fused events, else mentions), newest first (``more`` when
    there were over 500). The page polls this to show new events and mark them "new since you looked"."""
    try:
        moment = datetime.fromisoformat(after) if after else None
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, f"not a cursor: {after!r}") from exc
    return source.changes(moment)


@router.get("/timeline", summary="Events per day by type; with country or dyad, the escalation view")
def timeline(source: Data, query: Filters, bucket: Bucket = Bucket.auto) -> dict[str, Any]:
    """Parallel arrays over ``buckets`` (days, or weeks/months for long spans with ``auto``): ``types``
    (events per PLOVER type), ``quads`` (per CAMEO quad class), ``events``, ``fatalities`` and
    ``goldstein`` (the sum of the events' Goldstein scores: below zero is conflict)."""
    return source.timeline(query, bucket.value)


@router.get("/map", summary="Located events gathered per grid cell")
def map_cells(
    source: Data,
    query: Filters,
    cell: Annotated[float, Query(gt=0, le=10, description="Cell size in degrees.")] = 0.5,
    limit: Annotated[int, Query(ge=1, le=20_000)] = 3000,
) -> list[dict[str, Any]]:
    """Per cell: mean ``lat``/``lon``, one of its place ``name``s, its most frequent ``type``, ``events``
    and ``fatalities``; the busiest cells first."""
    return source.map_cells(query, cell, limit)


@router.get("/countries", summary="Events per country involved (actor, target or place)")
def countries(source: Data, query: Filters) -> list[dict[str, Any]]:
    return source.countries(query)

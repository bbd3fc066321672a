"""``GET /api/actors``: the actor network, parties as nodes and actor → target edges weighted by events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitroom.api.deps import Data, Filters, require_read

router = APIRouter(prefix="/api", tags=["actors"], dependencies=[Depends(require_read)])


@router.get("/actors", summary="Who acts on whom, weighted by events")
def actor_network(
    source: Data, query: Filters, limit: Annotated[int, Query(ge=2, le=300)] = 40
) -> dict[str, Any]:
    """``nodes``: the ``limit`` parties in most events (``events``, ``conflict``: how many of them are
    conflictual, PLOVER quad 3 or 4). ``edges``: actor → target with ``weight`` (events), ``conflict``
    and ``fatalities``."""
    return source.network(query, limit)

"""``GET /api/events`` (filtered, sorted, paged; JSON, CSV or GeoJSON) and ``GET /api/events/{id}``."""

from __future__ import annotations

import io
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from sitroom.api.data import event_json, write_flat_csv
from sitroom.api.deps import Data, Filters, require_read
from sitroom.export import geojson_collection
from sitroom.store import SORT_KEYS

router = APIRouter(prefix="/api", tags=["events"], dependencies=[Depends(require_read)])
MAX_PAGE = 10_000
MAX_OFFSET = 2**62  # past any store's size; more overflows the engines' 64-bit OFFSET (422, not 503)


class PageFormat(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"


class Order(StrEnum):
    asc = "asc"
    desc = "desc"


class SortKey(StrEnum):
    """The sort keys of the store's event pages (``SORT_KEYS``)."""

    date = "date"
    published = "published"
    type = "type"
    mode = "mode"
    actor = "actor"
    target = "target"
    location = "location"
    country = "country"
    fatalities = "fatalities"
    factuality = "factuality"
    confidence = "confidence"


assert {key.value for key in SortKey} == set(SORT_KEYS), "SortKey must list the store's sort keys"


@router.get("/events", summary="Events matching the filters, one page at a time")
def list_events(
    source: Data,
    query: Filters,
    sort: SortKey = SortKey.date,
    order: Order = Order.desc,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    format: PageFormat = PageFormat.json,
    country_level: Annotated[
        bool, Query(description="GeoJSON: keep country-level events (null geometry).")
    ] = False,
) -> Any:
    """``total`` is the number of matches; ``events`` holds ``limit`` of them from ``offset`` on."""
    total, records = source.page(query, sort.value, order is Order.desc, limit, offset)
    if format is PageFormat.csv:
        out = io.StringIO()
        write_flat_csv(records, out)
        headers = {"X-Total-Count": str(total)}
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    if format is PageFormat.geojson:
        collection = geojson_collection(records, country_level=country_level)
        collection["total"] = total
        return Response(_json(collection), media_type="application/geo+json")
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "sort": sort.value,
        "order": order.value,
        "events": [event_json(record) for record in records],
    }


@router.get("/events/{event_id}", summary="One event with every field and its source articles")
def get_event(event_id: str, source: Data) -> dict[str, Any]:
    record = source.event(event_id)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no event {event_id!r}")
    return event_json(record)


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)

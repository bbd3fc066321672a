"""GeoJSON: a FeatureCollection with one Point feature per event that has coordinates.

With ``country_level=True`` the events located only to a country come too, as features whose geometry is
``null`` (RFC 7946's unlocated feature) and whose ``country`` property says where; sitroom invents no
coordinates for them.

    >>> collection = geojson_collection(records)
    >>> collection["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [36.23, 49.99]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from sitroom.export.goldstein import goldstein
from sitroom.export.records import EventRecord


def feature(record: EventRecord, country_level: bool = False) -> dict[str, Any] | None:
    """One event as a Feature, or None when it has no place to put it."""
    event = record.event
    place = event.location
    located = place is not None and place.lat is not None and place.lon is not None
    if not located and not (country_level and place is not None and place.country):
        return None
    primary = record.primary
    properties = {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "date_start": record.day.isoformat() if record.day else None,
        "date_end": event.date.end.isoformat() if event.date else None,
        "actor": event.actor.name if event.actor else None,
        "actor_country": event.actor.country if event.actor else None,
        "target": event.target.name if event.target else None,
        "target_country": event.target.country if event.target else None,
        "location": place.name if place else None,
        "country": place.country if place else None,
        "geo_precision": (place.feature or place.precision or "point") if located else "country",
        "fatalities": event.fatalities,
        "factuality": event.factuality,
        "quad_class": event.quad_class,
        "cameo": event.cameo,
        "goldstein": goldstein(event.cameo),
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,  # null outside ACLED's scope
        "evidence": event.evidence,
        "article_id": primary.article_id if primary else None,
        "title": primary.title if primary else None,
        "url": primary.url if primary else None,
        "sources": len(record.sources),
    }
    geometry = {"type": "Point", "coordinates": [place.lon, place.lat]} if located else None
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def geojson_collection(records: Iterable[EventRecord], country_level: bool = False) -> dict[str, Any]:
    """A FeatureCollection of the records that have a place."""
    features = [found for record in records if (found := feature(record, country_level)) is not None]
    return {"type": "FeatureCollection", "features": features}


def write_geojson(records: Iterable[EventRecord], out: IO[str], country_level: bool = False) -> int:
    """Write the FeatureCollection, one feature per line (valid JSON, readable diffs); returns features."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for record in records:
        found = feature(record, country_level)
        if found is None:
            continue
        out.write((",\n" if count else "") + json.dumps(found, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count

"""PLOVER JSON: one POLECAT-like record per event, as JSON Lines.

POLECAT (the PLOVER-coded global dataset) names its fields ``event_type``, ``event_mode``, ``contexts``,
``actor``/``recipient`` (name, country, sectors) and a place block; sitroom writes the same shape as nested
JSON, with what POLECAT does not carry (factuality, fatalities, the evidence sentence, every source) beside
it. Field by field in ``docs/ontology.md`` ("Exports").

    >>> write_plover(records, sys.stdout)
    {"event_id": "fa60d71b39f11546", "event_date": "2025-12-01", "event_type": "MOBILIZE", ...}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from sitroom import __version__
from sitroom.export.goldstein import goldstein
from sitroom.export.records import EventRecord, SourceRef
from sitroom.models import Actor


def _party(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "name": actor.name,
        "country": actor.country,
        "primary_sector": actor.sector,
        "sectors": [actor.sector] if actor.sector else [],
        "name_raw": actor.text,
    }


def _source(source: SourceRef) -> dict[str, Any]:
    return {
        "story_id": source.article_id,
        "article_hash": source.article_hash,
        "headline": source.title,
        "outlet": source.outlet,
        "url": source.url,
        "publication_date": source.published.isoformat() if source.published else None,
        "evidence": source.evidence,
        "sentence_start": source.sentence_start,
        "sentence_end": source.sentence_end,
        "trigger": source.trigger,
        "mention_id": source.event_id,
    }


def _fusion(fusion: dict[str, Any] | None) -> dict[str, Any] | None:
    if fusion is None:
        return None
    return {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in fusion.items()}


def plover_record(record: EventRecord) -> dict[str, Any]:
    """One event as a POLECAT-like dictionary (JSON-ready: dates as ISO strings)."""
    event = record.event
    place = event.location
    when = event.date
    primary = record.primary
    return {
        "event_id": event.id,
        "event_date": record.day.isoformat() if record.day else None,
        "event_date_end": when.end.isoformat() if when else None,
        "date_precision": when.precision if when else None,
        "date_text": when.text if when else None,
        "event_type": event.type,
        "event_mode": event.mode,
        "contexts": [],  # sitroom codes no PLOVER contexts yet
        "quad_code": event.quad_class,
        "cameo_code": event.cameo,
        "goldstein": goldstein(event.cameo),
        "actor": _party(event.actor),
        "recipient": _party(event.target),
        "location": None
        if place is None
        else {
            "placename": place.name,
            "country": place.country,
            "latitude": place.lat,
            "longitude": place.lon,
            "geonames_id": place.geonames_id,
            "feature_type": place.feature,
            "precision": place.precision,
            "radius_km": place.radius_km,
        },
        "fatalities": event.fatalities,
        "injured": event.injured,
        "casualties_vague": event.casualties_vague,
        "factuality": event.factuality,
        "attribution": event.attribution.model_dump(mode="json") if event.attribution else None,
        "evidence": event.evidence,
        "confidence": event.confidence,
        "story_id": primary.article_id if primary else None,
        "headline": primary.title if primary else None,
        "publication_date": primary.published.isoformat() if primary and primary.published else None,
        "source": primary.outlet if primary else None,
        "url": primary.url if primary else None,
        "sources": [_source(source) for source in record.sources],
        "num_articles": record.num_articles,
        "fusion": _fusion(record.fusion),
        "language": "en",
        "version": f"sitroom {__version__}",
    }


def write_plover(records: Iterable[EventRecord], out: IO[str]) -> int:
    """Write one JSON object per line; returns the number written."""
    count = 0
    for record in records:
        out.write(json.dumps(plover_record(record), ensure_ascii=False) + "\n")
        count += 1
    return count

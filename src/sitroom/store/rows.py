"""Row mapping in one place: models to the store's flat columns and back, for every engine.

An :class:`~sitroom.models.Event` is stored as flat columns (``actor_name``, ``actor_country``, …); a
:class:`~sitroom.fuse.FusedEvent` likewise. What the read side gives out is always an
:class:`~sitroom.export.EventRecord`: an event with its source articles (one for a coded event, one per
mention for a fused event). The CLI, the API and the exports all read those.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitroom.export.records import EventRecord, SourceRef
from sitroom.fuse import FusedEvent, Mention
from sitroom.models import Event

ACTOR_FIELDS = ("name", "country", "sector", "text")
LOCATION_FIELDS = ("name", "country", "lat", "lon", "precision", "geonames_id", "feature", "radius_km")
DATE_FIELDS = ("start", "end", "precision", "text")
SCALAR_FIELDS = (
    "fatalities", "injured", "casualties_vague", "factuality", "evidence", "sentence_start", "sentence_end",
    "trigger", "cameo", "cameo_root", "quad_class", "acled_event_type", "acled_sub_event_type", "confidence",
)  # fmt: skip
JSON_FIELDS = ("attribution",)  # nested models kept whole, as JSON text
GROUPS = (("actor", ACTOR_FIELDS), ("target", ACTOR_FIELDS), ("location", LOCATION_FIELDS))

#: The flat columns of one event, in the order of the ``events`` table (after ``article_hash``).
EVENT_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "type", "mode",
    *(f"{group}_{name}" for group, names in GROUPS for name in names),
    *(f"date_{name}" for name in DATE_FIELDS),
    *SCALAR_FIELDS,
    *JSON_FIELDS,
)  # fmt: skip
ARTICLE_COLUMNS = ("content_hash", "id", "title", "source", "url", "published", "text", "origin")
PLACE_COLUMNS = (
    "start", "end", "text", "name", "country", "lat", "lon", "geonames_id", "feature", "radius_km",
)  # fmt: skip
#: One exported flat row: the event's columns and its (first) article's provenance.
FLAT_COLUMNS = (*EVENT_COLUMNS, "article_hash", "published", "title", "url", "source")

FUSED_GROUPS = (
    ("actor", ("name", "country", "sector")),
    ("target", ("name", "country", "sector")),
    ("location", LOCATION_FIELDS),
)
FUSED_COLUMNS: tuple[str, ...] = (
    "id", "type", "mode",
    *(f"{group}_{name}" for group, names in FUSED_GROUPS for name in names),
    "date_start", "date_end", "date_precision", "fatalities", "fatalities_min", "fatalities_max",
    "factuality", "factuality_counts", "articles", "sources", "source_names", "first_seen", "last_seen",
    "mentions", "acled_event_type", "acled_sub_event_type",
)  # fmt: skip
#: Codes a fused event carries from its own (earliest) mention, stored beside :data:`FUSED_COLUMNS` (schema
#: version 3) so that the page's aggregates read the ``fused_events`` table alone, without a join to the
#: wide ``events`` rows. They are not part of the fused event's exported columns.
FUSED_CODE_COLUMNS = ("cameo", "quad_class")
#: The columns of the ``fused_events`` table, in order.
FUSED_TABLE_COLUMNS = (*FUSED_COLUMNS, *FUSED_CODE_COLUMNS)
#: What a fused event's record carries in ``fusion`` (JSON columns decoded).
FUSION_KEYS = (
    "mentions", "articles", "sources", "source_names", "factuality_counts", "fatalities_min",
    "fatalities_max", "first_seen", "last_seen",
)  # fmt: skip
#: The columns a fused event's mention is read with, in order, after its cluster id.
MENTION_KEYS = (
    "id", "article_id", "article_hash", "title", "url", "source", "published", "evidence", "sentence_start",
    "sentence_end", "trigger", "type", "factuality", "fatalities",
)  # fmt: skip
#: Article columns a read adds to an event row, under these names.
ARTICLE_ALIASES = (
    "a.published AS article_published, a.title AS article_title, a.url AS article_url, "
    "a.source AS article_source"
)


def quote(column: str) -> str:
    """``trigger``, ``start`` and ``end`` are SQL keywords; quoting every column keeps statements uniform."""
    return f'"{column}"'


def dicts(names: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Rows as dictionaries keyed by column name."""
    return [dict(zip(names, values, strict=True)) for values in rows]


def flatten_event(event: Event, article_id: str) -> dict[str, Any]:
    """The event's nested fields as the flat columns of :data:`EVENT_COLUMNS`."""
    row: dict[str, Any] = {"id": event.id, "article_id": article_id, "type": event.type, "mode": event.mode}
    for group, names in (*GROUPS, ("date", DATE_FIELDS)):
        part = getattr(event, group)
        for name in names:
            row[f"{group}_{name}"] = getattr(part, name) if part is not None else None
    for name in SCALAR_FIELDS:
        row[name] = getattr(event, name)
    for name in JSON_FIELDS:
        value = getattr(event, name)
        row[name] = value.model_dump_json(exclude_none=True) if value is not None else None
    return row


def unflatten_event(row: dict[str, Any]) -> Event:
    """Rebuild an Event from its flat columns; a group whose columns are all NULL is absent."""
    data: dict[str, Any] = {name: row[name] for name in ("id", "type", "mode", *SCALAR_FIELDS)}
    data.update({name: json.loads(row[name]) for name in JSON_FIELDS if row[name] is not None})
    for group, names in (*GROUPS, ("date", DATE_FIELDS)):
        values = {name: row[f"{group}_{name}"] for name in names}
        data[group] = values if any(value is not None for value in values.values()) else None
    return Event.model_validate(data)


def fused_row(fused: FusedEvent, own: Event) -> list[Any]:
    """A FusedEvent as the values of :data:`FUSED_TABLE_COLUMNS`; ``own`` is its own mention (the one whose
    id it carries), which gives its codes."""
    row: dict[str, Any] = {"id": fused.id, "type": fused.type, "mode": fused.mode}
    for group, names in FUSED_GROUPS:
        part = getattr(fused, group)
        for name in names:
            row[f"{group}_{name}"] = getattr(part, name) if part is not None else None
    span = fused.date
    row.update(
        date_start=span.start if span else None,
        date_end=span.end if span else None,
        date_precision=span.precision if span else None,
        fatalities=fused.fatalities,
        fatalities_min=fused.fatalities_min,
        fatalities_max=fused.fatalities_max,
        factuality=fused.factuality,
        factuality_counts=json.dumps(fused.factuality_counts),
        articles=fused.articles,
        sources=fused.sources,
        source_names=json.dumps(fused.source_names, ensure_ascii=False),
        first_seen=fused.first_seen,
        last_seen=fused.last_seen,
        mentions=len(fused.mention_ids),
        acled_event_type=fused.acled_event_type,
        acled_sub_event_type=fused.acled_sub_event_type,
    )
    row.update((name, getattr(own, name)) for name in FUSED_CODE_COLUMNS)
    return [row[c] for c in FUSED_TABLE_COLUMNS]


def mention_from_row(row: dict[str, Any]) -> Mention:
    """A stored mention (an event row with its article's aliased columns) as fusion sees it."""
    return Mention(
        event=unflatten_event(row),
        article_id=row["article_id"],
        article_hash=row["article_hash"],
        published=row["article_published"],
        source=row["article_source"],
        title=row["article_title"],
        url=row["article_url"],
    )


def new_mention(event: Event, article: Any, content_hash: str) -> Mention:
    """A mention of an article being stored now."""
    return Mention(
        event=event, article_id=article.id, article_hash=content_hash, published=article.published,
        source=article.source, title=article.title, url=article.url,
    )  # fmt: skip


def record_from_row(row: dict[str, Any]) -> EventRecord:
    """An event row with its article's aliased columns; its one source is that article."""
    event = unflatten_event(row)
    source = SourceRef(
        article_id=row["article_id"],
        article_hash=row["article_hash"],
        title=row["article_title"],
        url=row["article_url"],
        outlet=row["article_source"],
        published=row["article_published"],
        evidence=event.evidence,
        sentence_start=event.sentence_start,
        sentence_end=event.sentence_end,
        trigger=event.trigger,
        event_id=event.id,
        type=event.type,
        factuality=event.factuality,
        fatalities=event.fatalities,
    )
    return EventRecord(event=event, sources=(source,))


def source_from_mention(mention: dict[str, Any]) -> SourceRef:
    """One mention of a fused event (keys: :data:`MENTION_KEYS`) as a source."""
    values = {key: mention[key] for key in MENTION_KEYS if key not in ("id", "source")}
    return SourceRef(**values, outlet=mention["source"], event_id=mention["id"])


def with_sources(
    record: EventRecord, mentions: list[dict[str, Any]], fusion: dict[str, Any] | None
) -> EventRecord:
    """A fused event's record: its sources are its mentions, its own (earliest) mention first."""
    if not mentions:
        return record
    sources = tuple(source_from_mention(mention) for mention in mentions)
    return EventRecord(event=record.event, sources=sources, fusion=fusion)


def fusion_from_row(values: Sequence[Any]) -> dict[str, Any]:
    """The values of :data:`FUSION_KEYS` as a record's ``fusion`` (JSON columns decoded)."""
    item = dict(zip(FUSION_KEYS, values, strict=True))
    item["source_names"] = json.loads(item["source_names"])
    item["factuality_counts"] = json.loads(item["factuality_counts"])
    return item


def flat_row(record: EventRecord) -> dict[str, Any]:
    """One flat row of :data:`FLAT_COLUMNS` (CSV and Parquet exports)."""
    primary = record.primary
    row = flatten_event(record.event, primary.article_id if primary else "")
    row.update(
        article_hash=primary.article_hash if primary else None,
        published=primary.published if primary else None,
        title=primary.title if primary else None,
        url=primary.url if primary else None,
        source=primary.outlet if primary else None,
    )
    return row


@dataclass(frozen=True)
class ArticleRecord:
    """A stored article with the offsets of its events and place mentions, for the event panel."""

    content_hash: str
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    text: str
    origin: str | None
    events: list[dict[str, Any]]
    places: list[dict[str, Any]]

"""The one query model of the read side, and the one place its SQL is built.

``sitroom events``, ``sitroom export`` and ``GET /api/events`` all filter with :class:`EventQuery`; the
reader turns it into a WHERE clause with :meth:`EventQuery.where`. Values are always bound, never pasted;
the only text formatted into SQL comes from the whitelists below. The SQL is the subset DuckDB and
PostgreSQL share (``strpos``, ``power``, ``coalesce``), so both engines answer the same query the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitroom.geo import EARTH_DIAMETER_KM

#: ``sort=`` keys of a page of events and the SQL they order by (``e`` events, ``a`` their articles).
SORT_KEYS: dict[str, str] = {
    "date": "coalesce(e.date_start, a.published)",
    "type": "e.type",
    "mode": "e.mode",
    "actor": "lower(e.actor_name)",
    "target": "lower(e.target_name)",
    "location": "lower(e.location_name)",
    "country": "e.location_country",
    "fatalities": "e.fatalities",
    "factuality": "e.factuality",
    "confidence": "e.confidence",
    "published": "a.published",
}
TIME_BUCKETS = ("day", "week", "month")


def great_circle_sql(lat: str, lon: str) -> str:
    """SQL for the haversine distance in km from the point bound as ``(lat, lat, lon)`` to ``lat, lon``."""
    return (
        f"{EARTH_DIAMETER_KM} * asin(sqrt(power(sin(radians({lat} - ?) / 2), 2)"
        f" + cos(radians(?)) * cos(radians({lat})) * power(sin(radians({lon} - ?) / 2), 2)))"
    )


def _contains(column: str) -> str:
    """Case-insensitive substring test, in the SQL both engines speak."""
    return f"strpos(lower({column}), lower(?)) > 0"


@dataclass(frozen=True)
class EventQuery:
    """The filters of ``sitroom events``/``export`` and of ``GET /api/events``; empty fields filter nothing.

    ``types`` and ``factuality`` accept several values (any matches). ``country`` (ISO3) matches the
    actor's, target's or location's country, ``actor`` is part of the actor's or target's name,
    ``since``/``until`` keep events whose span overlaps the range (an undated event counts on its
    article's publication day), ``q`` is free text: every word must occur in the evidence, a party's name
    or words, the location or the article title. ``dyad`` is a pair of ISO3 codes, either way round.
    ``near`` is ``(lat, lon, km)``: events located within km of the point (great-circle).
    """

    types: tuple[str, ...] = ()
    country: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    factuality: tuple[str, ...] = ()
    min_fatalities: int | None = None
    q: str | None = None
    location: str | None = None
    dyad: tuple[str, str] | None = None
    near: tuple[float, float, float] | None = None

    def where(self, published: str = "a.published") -> tuple[str, list[Any]]:
        """The WHERE clause (without the keyword) over ``e`` and its parameters; ``published`` is the
        column that dates an undated event."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            clauses.append(clause)
            params.extend(values)

        if self.types:
            add(f"e.type IN ({', '.join('?' * len(self.types))})", *(kind.upper() for kind in self.types))
        if self.country:
            add("? IN (e.actor_country, e.target_country, e.location_country)", self.country.upper())
        if self.actor:
            add(f"({_contains('e.actor_name')} OR {_contains('e.target_name')})", self.actor, self.actor)
        if self.since:
            add(f"coalesce(e.date_end, e.date_start, {published}) >= ?", self.since)
        if self.until:
            add(f"coalesce(e.date_start, {published}) <= ?", self.until)
        if self.factuality:
            marks = ", ".join("?" * len(self.factuality))
            add(f"e.factuality IN ({marks})", *(value.lower() for value in self.factuality))
        if self.min_fatalities:
            add("coalesce(e.fatalities, 0) >= ?", self.min_fatalities)
        if self.location:
            add(_contains("e.location_name"), self.location)
        if self.dyad:
            first, second = (code.upper() for code in self.dyad)
            pair = "(e.actor_country = ? AND e.target_country = ?)"
            add(f"({pair} OR {pair})", first, second, second, first)
        if self.near is not None:
            lat, lon, km = self.near
            distance = great_circle_sql("e.location_lat", "e.location_lon")
            add(f"e.location_lat IS NOT NULL AND {distance} <= ?", lat, lat, lon, km)
        for word in (self.q or "").split():
            text = (
                "concat_ws(' ', e.evidence, e.actor_name, e.actor_text, e.target_name, e.target_text, "
                "e.location_name, a.title)"
            )
            add(_contains(text), word)
        return " AND ".join(clauses) or "TRUE", params

    @property
    def only_types(self) -> bool:
        """Whether nothing but ``types`` filters (or nothing at all): the rollups answer such queries."""
        return replace(self, types=()) == EventQuery()

    @property
    def needs_text(self) -> bool:
        """Whether a match needs the mention's words and its article (free text does)."""
        return bool(self.q)

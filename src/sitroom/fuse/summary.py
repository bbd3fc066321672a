"""One fused event from its mentions: the best reading of each field, with the disagreements kept.

Every choice depends only on the set of mentions, never on their order, so the same mentions always
give the same fused event:

- type, mode, actor, target: the reading most mentions give (ties: the earliest mention's);
- ACLED event and sub-event types: the pair most mentions of that type give (ties: the earliest's);
- location: the most precise one given (a city over a country), most often given among those;
- date: earliest start to latest end of the coded dates; the first report's day when none is coded;
- fatalities: the latest report that gives a figure (asserted reports first), with the range seen;
- factuality: the strongest reading any mention gives, with the count of each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from sitroom.fuse.models import FusedEvent, Mention
from sitroom.models import FACTUALITY, Actor, DateSpan, Location

T = TypeVar("T")

#: Strongest first: a report that it happened beats a claim, a plan, a possibility and a denial.
FACTUALITY_RANK = {name: rank for rank, name in enumerate(FACTUALITY)}
_PLACE_RANK = {"point": 0, "region": 1, "country": 2}


def summarise(mentions: Sequence[Mention], with_mentions: bool = False) -> FusedEvent:
    """The fused event of ``mentions`` (one cluster); its id is the earliest mention's id."""
    if not mentions:
        raise ValueError("a fused event needs at least one mention")
    ordered = sorted(mentions, key=_earliest)
    events = [m.event for m in ordered]
    published = [m.published for m in ordered if m.published]
    figures = [(m.published or date.min, m.event.factuality == "asserted", m.event.fatalities, m.id)
               for m in ordered if m.event.fatalities is not None]  # fmt: skip
    counts = Counter(e.factuality for e in events)
    sources = sorted({(m.source or "").strip() for m in ordered} - {""}, key=str.lower)
    best_figure = max(figures, key=lambda f: (f[1], f[0], f[2]))[2] if figures else None
    kind = _most_common([e.type for e in events])
    acled = acled_reading(kind, [(e.type, e.acled_event_type, e.acled_sub_event_type) for e in events])
    return FusedEvent(
        id=ordered[0].id,
        type=kind,
        mode=_most_common([e.mode for e in events if e.mode]),
        acled_event_type=acled[0],
        acled_sub_event_type=acled[1],
        actor=_party([e.actor for e in events]),
        target=_party([e.target for e in events]),
        location=_location([e.location for e in events]),
        date=_date_span(ordered),
        fatalities=best_figure,
        fatalities_min=min(f[2] for f in figures) if figures else None,
        fatalities_max=max(f[2] for f in figures) if figures else None,
        factuality=min(counts, key=lambda f: FACTUALITY_RANK.get(f, len(FACTUALITY))),
        factuality_counts=dict(sorted(counts.items(), key=lambda kv: FACTUALITY_RANK.get(kv[0], 99))),
        articles=len({m.article_hash for m in ordered}),
        sources=len({s.lower() for s in sources}),
        source_names=sources,
        first_seen=min(published) if published else None,
        last_seen=max(published) if published else None,
        mention_ids=[m.id for m in ordered],
        mentions=[m.ref() for m in ordered] if with_mentions else [],
    )


def acled_reading(
    kind: str | None, readings: Sequence[tuple[str, str | None, str | None]]
) -> tuple[str | None, str | None]:
    """The (event type, sub-event type) most mentions of type ``kind`` give; ``readings`` are the
    mentions' (type, ACLED event type, ACLED sub-event type), earliest first (ties go to the earliest)."""
    pairs = [(event_type, sub) for plover, event_type, sub in readings if plover == kind]
    return _most_common(pairs) or (None, None)


def _earliest(mention: Mention) -> tuple[date, str]:
    return (mention.published or date.max, mention.id)


def _most_common(values: list[T], key: Callable[[T], object] = lambda v: v) -> T | None:
    """The value given most often; ties go to the one given first (values come earliest first)."""
    if not values:
        return None
    counts = Counter(key(v) for v in values)
    top = max(counts.values())
    return next(v for v in values if counts[key(v)] == top)


def _party(parties: list[Actor | None]) -> Actor | None:
    """The party most mentions name (by name and country); a named one over an agent noun."""
    given = [p for p in parties if p is not None]
    named = [p for p in given if p.name[:1].isupper()]
    chosen = _most_common(named or given, key=lambda p: (p.name, p.country))
    if chosen is None:
        return None
    return chosen.model_copy(update={"text": None})


def _location(locations: list[Location | None]) -> Location | None:
    given = [loc for loc in locations if loc is not None]
    if not given:
        return None
    best = min(_place_level(loc) for loc in given)
    return _most_common([loc for loc in given if _place_level(loc) == best], key=lambda loc: loc.name)


def _place_level(location: Location) -> int:
    if location.feature == "country" or location.precision == "country" or location.lat is None:
        return _PLACE_RANK["country"]
    if location.radius_km:
        return _PLACE_RANK["region"]
    return _PLACE_RANK["point"]


def _date_span(ordered: Sequence[Mention]) -> DateSpan | None:
    coded = [m.event.date for m in ordered if m.event.date and m.event.date.precision != "published"]
    if coded:
        precision = _most_common([d.precision for d in coded]) or "day"
        return DateSpan(start=min(d.start for d in coded), end=max(d.end for d in coded), precision=precision)
    published = [m.published for m in ordered if m.published]
    if not published:
        return None
    first = min(published)  # it happened by the day it was first reported
    return DateSpan(start=first, end=first, precision="published")

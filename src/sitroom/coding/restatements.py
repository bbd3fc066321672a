"""One act, told twice in one article, is one event (FORMAT.md's coding convention).

Wire stories restate their lead: "Artillery fire killed 14 in El Fasher … Shells struck a market and a
school …", "The attack, which killed nineteen people, …". A later event merges into an earlier one when
nothing tells them apart: same type and factuality, compatible parties, dates and places. The merged event
keeps the first statement's evidence, fills what the first one lacked, and takes the highest toll.

Fusion across articles (``sitroom.fuse``) works on stored events; this works inside one article, so that
``sitroom code`` output already follows the convention.
"""

from __future__ import annotations

import re

from sitroom.geo import great_circle_km
from sitroom.models import Actor, DateSpan, Event, Location

_NEAR_KM = 50.0
_NEW_ACT = re.compile(r"\b(separately|separate|second|third|another|earlier|meanwhile|also)\b", re.IGNORECASE)


def _parties_agree(first: Actor | None, later: Actor | None, by_sector: bool = False) -> bool:
    """Same country and, where both say, the same sector ("police" and "protesters" are two actors).
    Targets need only be on the same side: "14 civilians" and "a market and a school" are one target,
    "police officers" and "Taliban positions" are not."""
    if first is None or later is None:
        return True
    if by_sector:
        sectors_differ = bool(first.sector and later.sector and first.sector != later.sector)
    else:
        sectors_differ = bool(first.sector and later.sector and _side(first.sector) != _side(later.sector))
    return first.country == later.country and not sectors_differ


def _side(sector: str) -> str:
    if sector in {"MIL", "COP", "GOV", "SPY", "PRM", "JUD", "LEG"}:
        return "state"
    return "armed" if sector in {"REB", "UAF", "IMG", "CRM"} else "civilian"


def _dates_agree(first: DateSpan | None, later: DateSpan | None) -> bool:
    if first is None or later is None or "published" in (first.precision, later.precision):
        return True
    return first.start <= later.end and later.start <= first.end


def _places_agree(first: Location | None, later: Location | None) -> bool:
    if first is None or later is None:
        return True
    if first.country and later.country and first.country != later.country:
        return False
    if None in (first.lat, first.lon, later.lat, later.lon):
        return True  # a country and a town in it
    limit = max(_NEAR_KM, first.radius_km or 0.0, later.radius_km or 0.0)
    return great_circle_km(first.lat, first.lon, later.lat, later.lon) <= limit


def _new_act_cue(event: Event) -> bool:
    """ "Separately, …", "A second strike …", "In a separate decree …": the writer says it is another act."""
    return bool(_NEW_ACT.search(event.evidence))


def same_act(first: Event, later: Event) -> bool:
    """Whether ``later`` restates ``first`` (nothing in the two tells them apart)."""
    # an actorless restatement ("seven worshippers and the bomber died") names no means of its own
    modes_differ = first.mode and later.mode and first.mode != later.mode and later.actor is not None
    return (
        first.type == later.type
        and not modes_differ
        and not _new_act_cue(later)
        and first.factuality == later.factuality
        and _parties_agree(first.actor, later.actor, by_sector=True)
        and _parties_agree(first.target, later.target)
        and _dates_agree(first.date, later.date)
        and _places_agree(first.location, later.location)
    )


def _merge(first: Event, later: Event) -> Event:
    """The first statement, completed by the later one; the highest toll stands."""
    update: dict = {}
    for name in ("actor", "target", "location", "mode", "attribution"):
        if getattr(first, name) is None and getattr(later, name) is not None:
            update[name] = getattr(later, name)
    if later.date is not None and (first.date is None or first.date.precision == "published"):
        update["date"] = later.date
    for name in ("fatalities", "injured"):
        counts = [value for value in (getattr(first, name), getattr(later, name)) if value is not None]
        if counts:
            update[name] = max(counts)
    update["casualties_vague"] = first.casualties_vague or later.casualties_vague
    return first.model_copy(update=update)


def merge_restatements(events: list[Event], headlines: frozenset[str] = frozenset()) -> list[Event]:
    """The article's events with restatements folded into the event they restate, in text order.

    ``headlines`` are the ids of events told in a headline (or a live blog entry's title). A headline
    announces the act its body then tells in full, in headlinese whose parties and places are often
    misread ("KABUL SUICIDE CAR BOMB HITS …" gives Kabul as the doer): the first act of its type told
    after it is the same act, whatever the two say of it, and the body's telling stands."""
    merged: list[Event] = []
    for event in events:
        index = _announced_by(merged, event, headlines)
        if index is not None:
            merged[index] = _merge(event, merged[index])
            continue
        for index in reversed(range(len(merged))):  # a restatement most often restates the nearest act
            earlier = merged[index]
            if same_act(earlier, event):
                merged[index] = _merge(earlier, event)
                break
        else:
            merged.append(event)
    return merged


def _announced_by(merged: list[Event], event: Event, headlines: frozenset[str]) -> int | None:
    """The headline event this body event tells in full: the nearest earlier event of its type, if it
    is a headline's, the event is not itself one, and the writer does not say it is another act."""
    if event.id in headlines or _new_act_cue(event):
        return None
    for index in reversed(range(len(merged))):
        earlier = merged[index]
        if earlier.type == event.type:
            same_claim = earlier.factuality == event.factuality
            return index if earlier.id in headlines and same_claim else None
    return None

"""ACLED-style CSV: ACLED's columns, in ACLED's order, with each event's ACLED event and sub-event types.

The types are the event's own (``acled_event_type``, ``acled_sub_event_type``), decided once by the coder
(``coding/acled.py``); nothing here maps them again. ACLED records political violence, demonstrations and
strategic developments; sitroom's events outside that scope (talks, statements, demands, aid, sanctions:
no sub-event type) are written as "Strategic developments / Other" so nothing is lost. Every mapping table
is in ``docs/ontology.md`` ("Exports").

    >>> write_acled(records, open("events.csv", "w", newline=""))
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import UTC, datetime, time
from typing import IO, Any

from sitroom.coding.acled import BATTLES, PROTESTS, REMOTE, RIOTS, STRATEGIC, VAC
from sitroom.export.cells import safe_cell
from sitroom.export.countries import country_facts, country_name
from sitroom.export.records import EventRecord
from sitroom.models import Actor, Event

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

OTHER = "Other"
DISORDER = {
    BATTLES: "Political violence", REMOTE: "Political violence", VAC: "Political violence",
    PROTESTS: "Demonstrations", RIOTS: "Demonstrations", STRATEGIC: "Strategic developments",
}  # fmt: skip

INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
MILITIA_SECTORS = {"UAF", "PRM", "CRM"}
PARTY_SECTORS = {"PTY", "OPP"}
STATE_NAMES = {"MIL": "Military Forces of", "COP": "Police Forces of"}
GEO_PRECISION = {"city": 1, "admin2": 2}
TIME_PRECISION = {"day": 1, "week": 2, "published": 2}


def acled_types(event: Event) -> tuple[str, str]:
    """The ``event_type`` and ``sub_event_type`` columns: the event's own ACLED types; an event outside
    ACLED's scope (no sub-event type) is written as Strategic developments / Other."""
    if event.acled_event_type is None or event.acled_sub_event_type is None:
        return STRATEGIC, OTHER
    return event.acled_event_type, event.acled_sub_event_type


def inter_code(actor: Actor | None, event_type: str, first: bool) -> int:
    """ACLED's actor type: 1 state forces, 2 rebels, 3 political militias, 4 identity militias, 5 rioters,
    6 protesters, 7 civilians, 8 external/other forces; 0 for no actor."""
    if actor is None:
        return 0
    if actor.country in INTERNATIONAL:
        return 8
    if first and event_type == PROTESTS:
        return 6
    if first and event_type == RIOTS:
        return 5
    sector = actor.sector
    if sector in STATE_SECTORS or (sector is None and actor.country):
        return 1
    if sector == "REB":
        return 2
    violent = DISORDER[event_type] == "Political violence"
    if sector in MILITIA_SECTORS or (sector in PARTY_SECTORS and violent):
        return 3
    return 0 if sector == "UNK" else 7


def actor_name(actor: Actor | None, inter: int) -> tuple[str, str]:
    """ACLED-style name ("Military Forces of Russia", "Civilians (Ukraine)") and the associated actor:
    our own canonical name when it says more than the country."""
    if actor is None:
        return "", ""
    country = country_name(actor.country) if actor.country not in INTERNATIONAL else ""
    name = actor.name
    if country and inter == 1:
        name = f"{STATE_NAMES.get(actor.sector or '', 'Government of')} {country}"
    elif country and inter in (5, 6, 7):
        name = f"{('Rioters', 'Protesters', 'Civilians')[inter - 5]} ({country})"
    assoc = actor.name if actor.name != name and actor.name != country else ""
    return name, assoc


def _time_precision(event: Event) -> int:
    if event.date is None:
        return 2  # no date in the text: the publication day stands in, as with precision "published"
    precision = TIME_PRECISION.get(event.date.precision, 3)
    if precision == 1 and (event.date.end - event.date.start).days > 0:
        return 1 if (event.date.end - event.date.start).days <= 1 else 2
    return precision


def _place_country(event: Event) -> str | None:
    """Where it happened: the location's country, else the target's, else the actor's."""
    for part in (event.location, event.target, event.actor):
        if part is not None and part.country and part.country not in INTERNATIONAL:
            return part.country
    return None


def acled_row(record: EventRecord) -> dict[str, Any]:
    """One event as a dictionary keyed by :data:`ACLED_COLUMNS`."""
    event = record.event
    event_type, sub_event_type = acled_types(event)
    inter1 = inter_code(event.actor, event_type, first=True)
    inter2 = inter_code(event.target, event_type, first=False)
    actor1, assoc1 = actor_name(event.actor, inter1)
    actor2, assoc2 = actor_name(event.target, inter2)
    iso3 = _place_country(event)
    facts = country_facts(iso3)
    place = event.location
    feature = place.feature or place.precision if place else None
    day = record.day
    added = record.primary.published if record.primary and record.primary.published else day
    disorder = DISORDER[event_type]
    violent = disorder == "Political violence"
    tags = [] if event.factuality == "asserted" else [f"factuality={event.factuality}"]
    if event.casualties_vague:
        tags.append("fatalities=unknown number")
    outlets = dict.fromkeys(source.outlet for source in record.sources if source.outlet)
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{event.id}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": _time_precision(event),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": "".join(str(code) for code in sorted((inter1, inter2), key=lambda c: (c == 0, c))),
        "civilian_targeting": "Civilian targeting" if violent and inter2 == 7 else "",
        "iso": (facts.numeric or "") if facts else "",
        "region": facts.region if facts else "",
        "country": facts.name if facts else (iso3 or ""),
        "admin1": place.name if place and feature == "admin1" else "",
        "admin2": place.name if place and feature == "admin2" else "",
        "admin3": "",
        "location": place.name if place else (facts.name if facts else ""),
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": GEO_PRECISION.get(feature or "", 3) if place and place.lat is not None else 3,
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": " ".join(event.evidence.split()),
        "fatalities": event.fatalities or 0,
        "tags": "; ".join(tags),
        "timestamp": int(datetime.combine(added, time(), UTC).timestamp()) if added else "",
    }


def write_acled(records: Iterable[EventRecord], out: IO[str]) -> int:
    """Write the header and one row per event; returns the number of rows. Text that a spreadsheet would
    run as a formula is quoted (``cells.safe_cell``)."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({name: safe_cell(value) for name, value in acled_row(record).items()})
        count += 1
    return count

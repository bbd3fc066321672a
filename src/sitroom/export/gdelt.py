"""GDELT-style TSV: the 61 columns of a GDELT 2.0 event record, tab-separated, no header line (as GDELT).

``EventCode`` is the event's CAMEO code, ``QuadClass`` is read from its CAMEO root as GDELT does, and
``GoldsteinScale`` comes from :mod:`sitroom.export.goldstein`. Actor codes are CAMEO codes: a country plus
a role (``RUSMIL``). Geography is the event's location (``ActionGeo_*``); GDELT's per-actor geography and
tone stay empty. Every column is described in ``docs/ontology.md`` ("Exports").

    >>> write_gdelt(records, open("events.tsv", "w"))
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from sitroom.export.cells import safe_cell
from sitroom.export.countries import country_facts, country_name
from sitroom.export.goldstein import cameo_quad_class, goldstein
from sitroom.export.records import EventRecord
from sitroom.models import Actor, Location

_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR),
    *(f"Actor2{name}" for name in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO),
    *(f"Actor2Geo_{name}" for name in _GEO),
    *(f"ActionGeo_{name}" for name in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

_SAME_ROLES = (
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "OPP", "PTY", "UAF", "BUS", "CRM", "CVL", "EDU", "ELI",
    "LAB", "AGR", "REF", "REL",
)  # fmt: skip
#: PLOVER sectors → CAMEO role codes (the reverse of the coder's CAMEO → PLOVER mapping).
CAMEO_ROLE = {
    **{code: code for code in _SAME_ROLES},
    "JRN": "MED", "MED": "HLH", "SOC": "CVL", "PRM": "UAF",
}  # fmt: skip
#: PLOVER international codes → (CAMEO actor code, known group code, type code).
INTERNATIONAL = {
    "UNO": ("IGOUNO", "UNO", "IGO"), "EUR": ("IGOEUREEC", "EEC", "IGO"), "IGO": ("IGO", "", "IGO"),
    "NGO": ("NGO", "", "NGO"), "MNC": ("MNC", "", "MNC"), "IMG": ("IMG", "", "IMG"),
    "ISM": ("ISM", "", "ISM"),
}  # fmt: skip
#: ISO3 codes that CAMEO spells differently.
CAMEO_COUNTRY = {"KOS": "KSV", "TLS": "TMP"}


def _actor(actor: Actor | None) -> list[Any]:
    if actor is None:
        return [""] * len(_ACTOR)
    role = CAMEO_ROLE.get(actor.sector or "", "")
    if actor.country in INTERNATIONAL:
        code, group, kind = INTERNATIONAL[actor.country]
        return [code + (role if role and role != kind else ""), actor.name.upper(), "", group, "", "", "",
                kind, role if role != kind else "", ""]  # fmt: skip
    country = CAMEO_COUNTRY.get(actor.country or "", actor.country or "")
    return [country + role, actor.name.upper(), country, "", "", "", "", role, "", ""]


def _geo(place: Location | None) -> list[Any]:
    """ActionGeo_*: type 1 country, 2 US state, 3 US city, 4 world city or landmark, 5 world state."""
    if place is None:
        return [0, "", "", "", "", "", "", ""]
    facts = country_facts(place.country)
    fips = facts.fips if facts else ""
    kind = place.feature or place.precision or ""
    us = place.country == "USA"
    if kind == "country" or place.lat is None:
        geo_type = 1
    elif kind == "admin1":
        geo_type = 2 if us else 5
    elif kind == "city":
        geo_type = 3 if us else 4
    else:
        geo_type = 5 if kind == "admin2" else 4
    country = country_name(place.country)
    full = place.name if not country or place.name == country else f"{place.name}, {country}"
    return [
        geo_type, full, fips or "", fips if geo_type == 1 else "", "",
        place.lat if place.lat is not None else "", place.lon if place.lon is not None else "",
        place.geonames_id or "",
    ]  # fmt: skip


def event_number(event_id: str) -> int:
    """GDELT's GLOBALEVENTID is an integer: 60 bits of the event's hex id (or of a hash of any other id)."""
    digest = event_id if all(c in "0123456789abcdef" for c in event_id.lower()) and len(event_id) >= 15 else (
        hashlib.sha1(event_id.encode()).hexdigest()
    )  # fmt: skip
    return int(digest[:15], 16)


def _fraction(day: date) -> float:
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return round(day.year + (day - start).days / length, 4)


def gdelt_row(record: EventRecord) -> list[Any]:
    """One event as the values of :data:`GDELT_COLUMNS`, in order."""
    event = record.event
    day = record.day
    primary = record.primary
    cameo = event.cameo or ""
    added = primary.published if primary and primary.published else day
    return [
        event_number(event.id),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        day.year if day else "",
        _fraction(day) if day else "",
        *_actor(event.actor),
        *_actor(event.target),
        1 if any(source.sentence_start == 0 for source in record.sources) else 0,
        cameo,
        cameo[:3],
        event.cameo_root or cameo[:2],
        cameo_quad_class(cameo) or "",
        goldstein(cameo) if goldstein(cameo) is not None else "",
        max(len(record.sources), 1),
        record.num_outlets,
        record.num_articles,
        "",
        *_geo(None),
        *_geo(None),
        *_geo(event.location),
        added.strftime("%Y%m%d000000") if added else "",
        primary.url or "" if primary else "",
    ]


def write_gdelt(records: Iterable[EventRecord], out: IO[str]) -> int:
    """Write one tab-separated line per event, no header; returns the number of lines."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    count = 0
    for record in records:
        writer.writerow([_clean(value) for value in gdelt_row(record)])
        count += 1
    return count


def _clean(value: Any) -> Any:
    """GDELT fields never hold tabs or line breaks, nor text a spreadsheet would run as a formula."""
    return safe_cell(" ".join(value.split())) if isinstance(value, str) else value

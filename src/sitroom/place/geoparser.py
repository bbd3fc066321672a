"""The geoparser: a parsed article in, every place mention resolved to coordinates out.

    >>> from sitroom.nlp import load_nlp
    >>> doc = load_nlp()("Shelling hit Kharkiv on Monday, officials in Kyiv said.")
    >>> [(p.text, p.country) for p in Geoparser.load().places(doc)]
    [('Kharkiv', 'UKR'), ('Kyiv', 'UKR')]

Recognition is in ``recognize.py``, resolution in ``resolve.py``; this module wires them to the cached
gazetteer and turns the result into ``PlaceMention`` models.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span

from sitroom.geo import great_circle_km
from sitroom.models import PlaceMention
from sitroom.place.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    CONTINENT,
    COUNTRY,
    REGION,
    SEA,
    Gazetteer,
    display_name,
)
from sitroom.place.recognize import find_candidates
from sitroom.place.resolve import Resolved, resolve


class Geoparser:
    """Finds and resolves place mentions; holds the gazetteer (load once per process)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    @classmethod
    @cache
    def load(cls) -> Geoparser:
        """The process-wide geoparser: ~0.3 s to load the cached gazetteer (~15 s to build it once)."""
        return cls(Gazetteer.load())

    def places(self, doc: Doc) -> list[PlaceMention]:
        """Every place mention of ``doc`` we could resolve, in text order, char offsets into ``doc.text``."""
        gaz = self.gazetteer
        resolved = resolve(doc, gaz, find_candidates(doc, gaz))
        towns = [
            r
            for r in resolved
            if r.row >= 0 and gaz.kinds[r.row] in (CITY, ADMIN2) and r.candidate.source not in _PLACED
        ]
        mentions = []
        for index, r in enumerate(resolved):
            span = doc[r.candidate.start : r.candidate.end]
            if r.candidate.source not in _PLACED:
                if r.row >= 0:
                    mentions.append(self._mention(span, r.row))
                continue
            # a facility or a town we lack: in the place named right after it, the town its name holds,
            # else the town named nearest or the town the article is about; its own name, no GeoNames id
            row = self._home(doc, resolved, index, towns)
            if row >= 0:
                mention = self._mention(span, row)
                mention.name, mention.geonames_id, mention.feature, mention.radius_km = (
                    span.text,
                    None,
                    r.candidate.source,
                    None,
                )
                mentions.append(mention)
        return mentions

    def _home(self, doc: Doc, resolved: list[Resolved], index: int, towns: list[Resolved]) -> int:
        """The row of the town a facility is in: the place named right after it ("Loyola University in Los
        Angeles", "Oulton Park, Cheshire"), else the town its name holds ("Manila Cathedral"), else the town
        named nearest to it, else the article's town."""
        gaz = self.gazetteer
        facility = resolved[index]
        after = resolved[index + 1] if index + 1 < len(resolved) else None
        if after is not None and after.row >= 0 and after.candidate.source != "facility":
            gap = doc[facility.candidate.end : after.candidate.start]
            if len(gap) <= 2 and all(t.lower_ in _IN_WORDS for t in gap):
                kind = gaz.kinds[after.row]
                if kind in (CITY, ADMIN2):
                    return after.row
                inside = [t for t in towns if _within(gaz, t.row, after.row)]
                near = _town_of(facility, inside)
                return near.row if near is not None else after.row
        if facility.row >= 0:
            return facility.row
        near = _town_of(facility, towns)
        if near is not None:
            return near.row
        return _main_town(gaz, towns)

    def _mention(self, span: Span, row: int) -> PlaceMention:
        place = self.gazetteer.place(row)
        extent = place.kind in (COUNTRY, CONTINENT, REGION, SEA, ADMIN1, ADMIN2)
        return PlaceMention(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            name=display_name(place.name),
            country=place.country,
            lat=round(place.lat, 5),
            lon=round(place.lon, 5),
            geonames_id=place.geonames_id,
            feature=place.feature,
            radius_km=round(place.radius_km, 1) if extent else None,
        )


NEAR_TOKENS = 60  # how far a town may be named from a facility to place it (measured on GeoWebNews)


def _town_of(facility: Resolved, towns: list[Resolved]) -> Resolved | None:
    """The town a facility is in, by the article: the town named nearest to it, if within a few
    sentences ("Royal Street" after "New Orleans"); else we do not know and the facility is dropped."""
    if not towns:
        return None
    at = facility.candidate.start
    nearest = min(towns, key=lambda t: abs(t.candidate.start - at))
    return nearest if abs(nearest.candidate.start - at) <= NEAR_TOKENS else None


_PLACED = ("facility", "locality")  # mentions put where the article says they are, not in the gazetteer
_IN_WORDS = {",", "in", "at", "near", "outside", "(", "of", "on"}


def _within(gaz: Gazetteer, row: int, container: int) -> bool:
    kind = gaz.kinds[container]
    if kind == ADMIN1:
        return gaz.admin1[row] == container
    if kind == COUNTRY:
        return gaz.country_of(row) == gaz.country_of(container)
    distance = great_circle_km(gaz.lats[row], gaz.lons[row], gaz.lats[container], gaz.lons[container])
    return distance <= gaz.radius[container]


def _main_town(gaz: Gazetteer, towns: list[Resolved]) -> int:
    """The town the article is about: the city it names most often (twice at least), else -1."""
    counts = Counter(t.row for t in towns if gaz.kinds[t.row] == CITY)
    if not counts:
        return -1
    row, n = counts.most_common(1)[0]
    return row if n >= 2 else -1


def place_dicts(places: list[PlaceMention]) -> list[dict]:
    """FORMAT.md's ``places`` objects (what ``CodedArticle.to_format`` writes)."""
    return [p.model_dump(mode="json", exclude_none=True) for p in places]

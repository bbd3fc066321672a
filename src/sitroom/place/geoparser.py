"""The geoparser: a parsed article in, every place mention resolved to coordinates out.

    >>> from sitroom.nlp import load_nlp
    >>> doc = load_nlp()("Shelling hit Kharkiv on Monday, officials in Kyiv said.")
    >>> [(p.text, p.country) for p in Geoparser.load().places(doc)]
    [('Kharkiv', 'UKR'), ('Kyiv', 'UKR')]

Recognition is in ``recognize.py``, resolution in ``resolve.py``; this module wires them to the cached
gazetteer and turns the result into ``PlaceMention`` models.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from sitroom.models import PlaceMention
from sitroom.place.gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, REGION, SEA, Gazetteer
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
            if r.row >= 0 and gaz.kinds[r.row] in (CITY, ADMIN2) and r.candidate.source != "facility"
        ]
        mentions = []
        for r in resolved:
            span = doc[r.candidate.start : r.candidate.end]
            if r.candidate.source != "facility":
                if r.row >= 0:
                    mentions.append(self._mention(span, r.row))
                continue
            row = r.row if r.row >= 0 else getattr(_town_of(r, towns), "row", -1)
            if row >= 0:  # a facility: in the town its name holds, else the town the article is about
                mention = self._mention(span, row)
                mention.name, mention.geonames_id, mention.feature, mention.radius_km = (
                    span.text,
                    None,
                    "facility",
                    None,
                )
                mentions.append(mention)
        return mentions

    def _mention(self, span: Span, row: int) -> PlaceMention:
        place = self.gazetteer.place(row)
        extent = place.kind in (COUNTRY, CONTINENT, REGION, SEA, ADMIN1, ADMIN2)
        return PlaceMention(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            name=place.name,
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


def place_dicts(places: list[PlaceMention]) -> list[dict]:
    """FORMAT.md's ``places`` objects (what ``CodedArticle.to_format`` writes)."""
    return [p.model_dump(mode="json", exclude_none=True) for p in places]

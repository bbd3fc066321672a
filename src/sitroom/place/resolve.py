"""Toponym resolution: which of the places called "Paris" an article means.

Each candidate place gets a score from what is known before reading (a prior: its kind and population, and
whether the words are its own name or an alternate), then from the article: the countries and states its
other, clearer mentions point to, an explicit container right after it ("Paris, Texas"), and nearness
to the other places. The prior alone is right for most mentions (Paris is the French one); context
decides the rest (Georgia is the US state in an article about Atlanta). A little-known place abroad that
the article's other places contradict ("Nyanza" in a story about Kenya is not the Rwandan town) is dropped
rather than put on the map wrong, and a town we lack in a stated container ("Stroud, Ontario") takes the
container.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitroom.geo import great_circle_km
from sitroom.place.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    CONTINENT,
    COUNTRY,
    LANDMARK,
    REGION,
    SEA,
    Gazetteer,
    normalize,
)
from sitroom.place.recognize import _TOWN_PREPOSITIONS, FACILITY_HEADS, Candidate, common_word

# words after a name that say it is the administrative unit, not the town ("Kharkiv region")
ADMIN_WORDS = {
    "province",
    "state",
    "region",
    "oblast",
    "governorate",
    "county",
    "district",
    "prefecture",
    "department",
    "canton",
    "municipality",
    "territory",
    "raion",
    "parish",
    "shire",
}
_ADMIN_OF = ("province", "region", "state")  # "the state of Washington"
CITY_WORDS = {"city", "town", "village", "capital", "township", "suburb", "port", "municipality"}
# a city with this share of its province's people, or this many, is what the bare name means
DOMINANT_SHARE, DOMINANT_POP = 0.1, 1_000_000
# a hamlet abroad in a country no other place of the article lies in is dropped even when the article
# spreads over several countries ("Prime Minister" read as Minster, Ohio, in a story of Syria, Britain,
# France and the US; "Level 4" as Levél, Hungary): a common word more likely than that hamlet
HAMLET_POP = 10_000
FAME = 0.5  # weight of log10(alternate names + 1): places known in many languages are the famous ones
_BASE = {CONTINENT: 12.5, REGION: 12.5, SEA: 12.5, LANDMARK: 12.5}


@dataclass
class Resolved:
    """A candidate span and the gazetteer row chosen for it (``row`` -1: a place we cannot locate)."""

    candidate: Candidate
    row: int
    score: float = 0.0
    margin: float = 0.0


def prior(gaz: Gazetteer, row: int, key: str) -> float:
    """What a reader assumes without context: roughly the log of the population plus a little for fame (how
    many alternate names GeoNames lists: Geneva in Switzerland, not Illinois), countries, capitals and our
    curated regions and seas raised, names that are only alternates lowered."""
    kind = gaz.kinds[row]
    if kind in _BASE:
        return _BASE[kind]
    score = math.log10(gaz.pops[row] + 10) + FAME * math.log10(gaz.alts[row] + 1)
    if kind == COUNTRY:
        score = max(score + 4.0, 9.0)
    elif kind == ADMIN1:
        score += 1.0
    elif kind == ADMIN2:
        score -= 0.5
    elif row in gaz.capitals:
        score += 2.0
    if not gaz.is_primary(key, row):  # an alternate name; big cities are known by many ("Mecca", "Kiev")
        score -= (2.5 if gaz.pops[row] < 300_000 else 1.0) if kind == CITY else 1.0
    return score


def resolve(doc: Doc, gaz: Gazetteer, candidates: list[Candidate]) -> list[Resolved]:
    """Choose a place for every candidate, in two passes: priors, then the article's own context.

    Context is counted per name, and a name's own mentions are left out of its context, so that "Georgia"
    said three times does not vote for itself; all mentions of one name then get one reading."""
    first = [_best(gaz, c, _prior_scores(gaz, c, doc)) for c in candidates]
    context = _settled_context(gaz, candidates, first)
    scored: list[dict[int, float]] = []
    held: dict[int, int] = {}  # candidate index -> the stated container none of its readings lies in
    for index, candidate in enumerate(candidates):
        if not candidate.rows:
            scored.append({})
            continue
        scores = _prior_scores(gaz, candidate, doc)
        for row in list(scores):
            scores[row] += context.bonus(gaz, row, candidate.key)
        for row in _like_neighbours(doc, gaz, candidates, first, index, scores):
            scores[row] += 1.5  # "Alabama, Georgia and Texas": a list of one kind of place
        for row in _contains_previous(doc, gaz, candidates, first, index, scores):
            scores[row] += 4.0  # "Tacoma, Washington": the state that holds the town named before it
        listed = _listed(doc, gaz, candidates, first, index + 1)  # "Washington, Pennsylvania and Ohio"
        containers = [] if listed else _containers(doc, gaz, candidate, candidates, index, first[index].row)
        inside = [row for row in scores if any(_inside(gaz, row, c) for c in containers)]
        for row in inside:
            scores[row] += 8.0
        if containers and not inside and _held(gaz, candidate, first, index, context):
            held[index] = first[index + 1].row  # "Stroud, Ontario" and no Stroud in Ontario: one we lack
        scored.append(scores)
    # one sense per name and article, unless a container said otherwise ("Paris, Texas" ... "Paris")
    totals: dict[str, Counter] = {}
    for candidate, scores in zip(candidates, scored, strict=True):
        if scores:
            best = max(scores.values())
            bucket = totals.setdefault(candidate.key, Counter())
            for row, value in scores.items():
                bucket[row] += math.exp(value - best)
    out = []
    for index, (candidate, scores, chosen) in enumerate(zip(candidates, scored, first, strict=True)):
        if not scores:
            out.append(chosen)
            continue
        if index in held:  # in the stated container, at its precision
            out.append(Resolved(candidate, held[index], 0.0, 0.0))
            continue
        bucket = totals[candidate.key]
        agreed = {row: value + 0.5 * math.log(bucket[row] + 1e-9) for row, value in scores.items()}
        best = _best(gaz, candidate, agreed)
        if candidate.source != "demonym" and context.contradicts(gaz, best.row, candidate.key):
            if (
                candidate.label in ("GPE", "LOC")
                and candidate.start > 0
                and doc[candidate.start - 1].lower_ in _TOWN_PREPOSITIONS
            ):  # the model and a preposition call it a place: a local one we lack ("to live in Delft")
                candidate.source = "locality"
            best = Resolved(candidate, -1)
        elif _stranger(gaz, candidate, best.row, context):
            best = Resolved(candidate, -1)  # a facility goes to the article's town (geoparser.py)
        elif _foreign_facility(gaz, candidate, best.row, context, head := _headed(doc, candidate)):
            # "Banda village": a village we lack; "the Madina and Banadir hospitals": facilities; both
            # placed in the article's town (geoparser.py)
            candidate.source = "locality" if head in _VILLAGE else "facility"
            best = Resolved(candidate, -1)
        out.append(best)
    return out


def _stranger(gaz: Gazetteer, candidate: Candidate, row: int, context: _Context) -> bool:
    """Is ``row`` a reading the article gives no reason for? It is when the mention is of one of the
    classes below and the reading lies in a country none of the article's other places lie in; a small
    town named by a common word, in a province none of them lies in (a country would be too wide: "in
    Sake" in a story of North Kivu is the Congolese town). Each class is a way the words can match a
    town abroad by accident; the reading is dropped (a facility is then placed in the article's town)."""
    if row < 0 or candidate.source == "demonym" or gaz.country_of(row) is None:
        return False
    if _common_word_town(gaz, candidate, row):
        return not context.in_province(gaz, row, candidate.key)
    by_accident = (
        _facility_named_after_a_town(gaz, candidate, row, context)
        or _word_of_an_unknown_name(gaz, candidate, row)
        or _abbreviation_of_a_small_place(gaz, candidate, row)
        or _city_name_cut_short(gaz, candidate, row)
        or _town_by_another_name(gaz, candidate, row)
    )
    return by_accident and context.foreign(gaz.country_of(row), candidate.key)


_PART_OF_A_NAME = ("facility", "ner-part")  # the words are part of a longer name, not a name of their own
_PLACE_LABELS = ("GPE", "LOC")


def _named_after_a_capital(gaz: Gazetteer, candidate: Candidate, row: int) -> bool:
    """A capital by its own name: "Seoul City Hall" is in Seoul wherever the story is told from."""
    return row in gaz.capitals and gaz.is_primary(candidate.key, row)


def _facility_named_after_a_town(gaz: Gazetteer, candidate: Candidate, row: int, context: _Context) -> bool:
    """A facility named after a town, not a capital by its own name: "the Miraflores palace" in a story
    of Caracas is not in Miraflores, Peru. Not when the article also names the town alone by its own name:
    "the Nyala road" beside "in Nyala" is that Nyala's."""
    if candidate.source != "facility" or _named_after_a_capital(gaz, candidate, row):
        return False
    return (candidate.key, gaz.country_of(row)) not in context.named_alone


def _word_of_an_unknown_name(gaz: Gazetteer, candidate: Candidate, row: int) -> bool:
    """A word of a longer name the model found and the gazetteer lacks, read as a town or province:
    "Intan" of "Intan Jaya" in a story of Papua is not Yingtan, China."""
    if candidate.source != "ner-part" or _named_after_a_capital(gaz, candidate, row):
        return False
    return gaz.kinds[row] in (CITY, ADMIN1, ADMIN2)


def _abbreviation_of_a_small_place(gaz: Gazetteer, candidate: Candidate, row: int) -> bool:
    """An abbreviation the model does not call a place, of a place under a million that is no capital:
    "IOM figures" (the migration agency) in a story of Darfur are not the Isle of Man's."""
    if candidate.source in _PART_OF_A_NAME or not _unplaced_abbreviation(candidate):
        return False
    return gaz.pops[row] < 1_000_000 and row not in gaz.capitals


def _city_name_cut_short(gaz: Gazetteer, candidate: Candidate, row: int) -> bool:
    """A city's own name cut short, even when the model calls it a place: "marched from Salt Lake" in a
    story of Kolkata is not Salt Lake City (cities under a million)."""
    if candidate.source in _PART_OF_A_NAME or candidate.label not in _PLACE_LABELS:
        return False
    city = gaz.kinds[row] == CITY
    return city and _shortened(gaz, row, candidate.key) and gaz.pops[row] < 1_000_000


def _town_by_another_name(gaz: Gazetteer, candidate: Candidate, row: int) -> bool:
    """A town or county the model does not call a place, matched only by another language's or an old
    name (not its own name in GeoNames): "a truce acceptable to Hamas" in a story of Gaza is not Hamm,
    Germany; a speaker's label "KAMAU:" in a story of Nairobi is not Ca Mau, Vietnam. An old name the
    model calls a place ("in Bombay") stays."""
    if not _unplaced_town(gaz, candidate, row):
        return False
    return not gaz.is_primary(candidate.key, row)


def _common_word_town(gaz: Gazetteer, candidate: Candidate, row: int) -> bool:
    """A small town (under 100,000) the model does not call a place, named by its own name that is a
    common English word: "approval from Congress" in a story of Mexico is not Congress, Arizona."""
    if not _unplaced_town(gaz, candidate, row) or not gaz.is_primary(candidate.key, row):
        return False
    return common_word(candidate.key) and gaz.pops[row] < 100_000


def _unplaced_town(gaz: Gazetteer, candidate: Candidate, row: int) -> bool:
    """A name of its own (not an abbreviation) that the model does not call a place, read as a town or
    county."""
    if candidate.source in _PART_OF_A_NAME or candidate.key.startswith("="):
        return False
    return candidate.label not in _PLACE_LABELS and gaz.kinds[row] in (CITY, ADMIN2)


def _unplaced_abbreviation(candidate: Candidate) -> bool:
    """Capital letters matched as an abbreviation ("=" keys) that the model does not call a place."""
    return candidate.label not in _PLACE_LABELS and candidate.key.startswith("=")


_VILLAGE = ("village", "villages", "hamlet")
_HEADS = FACILITY_HEADS | {f"{head}s" for head in FACILITY_HEADS} | set(_VILLAGE)


def _headed(doc: Doc, candidate: Candidate) -> str | None:
    """The common noun of a facility or a village the name is followed by ("Banda village", "the Madina
    hospital", "the Madina, Keysaney and Banadir hospitals"), if any: the name names that, not a town."""
    for token in doc[candidate.end : candidate.end + 8]:
        if token.lower_ in _HEADS and token.is_lower:
            return token.lower_
        if not (token.text in {",", "and", "&"} or (token.pos_ == "PROPN" and token.text[:1].isupper())):
            return None
    return None


def _foreign_facility(
    gaz: Gazetteer, candidate: Candidate, row: int, context: _Context, head: str | None
) -> bool:
    """Is a name that heads a village read as a town abroad ("Banda village" in a Nigerian story is not
    Banda, India), or one that heads a facility read as a town abroad by another name ("the Madina
    hospital" in Mogadishu is not Medina), in an article whose other places all lie elsewhere? "Cox's
    Bazar camps" in a story of Myanmar are in Cox's Bazar."""
    if head is None or row < 0 or gaz.kinds[row] != CITY:
        return False
    if head not in _VILLAGE and gaz.is_primary(candidate.key, row):
        return False
    return context.foreign(gaz.country_of(row), candidate.key)


def _shortened(gaz: Gazetteer, row: int, key: str) -> bool:
    """Is ``key`` the place's own name cut short ("Salt Lake" of "Salt Lake City")? Then the words are as
    likely another place's whole name ("Salt Lake" in Kolkata)."""
    return normalize(gaz.names[row]).startswith(key + " ")


def _settled_context(gaz: Gazetteer, candidates: list[Candidate], first: list[Resolved]) -> _Context:
    """The article's context from the first readings, less those the context itself rules out: a common word
    read as a hamlet abroad ("MINISTER" as Minster, Ohio, five times in a Peruvian interview) would
    otherwise outvote the article's real places and pull "Lima" to Ohio; "Energy" and "Petroleum" read as
    US hamlets in a story of Peru would vouch for each other."""
    context = _Context(gaz, first)
    kept = [
        r
        for r, c in zip(first, candidates, strict=True)
        if r.row < 0
        or c.source == "demonym"
        or not (context.contradicts(gaz, r.row, c.key) or _stranger(gaz, c, r.row, context))
    ]
    return context if len(kept) == len(first) else _Context(gaz, kept)


def _prior_scores(gaz: Gazetteer, candidate: Candidate, doc: Doc) -> dict[int, float]:
    scores = {row: prior(gaz, row, candidate.key) for row in candidate.rows}
    following = doc[candidate.end].lower_ if candidate.end < len(doc) else ""
    preceding = doc[candidate.start - 2 : candidate.start].text.lower() if candidate.start >= 2 else ""
    admin_said = following in ADMIN_WORDS or any(f"{w} of" in preceding for w in _ADMIN_OF)
    city_said = following in CITY_WORDS or "city of" in preceding or "town of" in preceding
    cities = [r for r in candidate.rows if gaz.kinds[r] == CITY and gaz.pops[r] >= 20_000]
    for row in scores:
        kind = gaz.kinds[row]
        if kind in (ADMIN1, ADMIN2):
            if admin_said:
                scores[row] += 4.0
            elif any(_dominates(gaz, c, row) for c in cities):
                scores[row] -= 3.0  # "Kharkiv", "New York": the city, unless "Kharkiv region" is said
        elif kind == CITY and city_said:
            scores[row] += 2.0
    return scores


def _dominates(gaz: Gazetteer, city: int, admin: int) -> bool:
    """Is ``city`` in ``admin`` and big or a fair share of its people, so that the bare name means the city
    ("Kharkiv", "New York", "Donetsk")? The small capital of a vast province does not ("Quebec")."""
    inside = gaz.admin1[city] == admin or gaz.admin2[city] == admin
    pop = gaz.pops[city]
    return inside and (pop >= DOMINANT_POP or pop >= DOMINANT_SHARE * gaz.pops[admin])


def _best(gaz: Gazetteer, candidate: Candidate, scores: dict[int, float]) -> Resolved:
    if not scores:
        return Resolved(candidate, -1)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], -gaz.pops[item[0]]))
    margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 10.0
    return Resolved(candidate, ranked[0][0], ranked[0][1], margin)


class _Context:
    """Countries, admin1s and points the article's mentions point to, kept per name so that a name's
    own mentions can be left out when it is resolved."""

    def __init__(self, gaz: Gazetteer, resolved: list[Resolved]) -> None:
        self.countries: Counter = Counter()
        self.admins: Counter = Counter()
        self.by_key: dict[str, list[tuple[str | None, int, int, float]]] = {}
        self.points: list[tuple[float, float, float, str, int]] = []
        # (name, country) of places read by their own name outside a facility's name
        self.named_alone: set[tuple[str, str | None]] = set()
        for r in resolved:
            if r.row < 0:
                continue
            if r.candidate.source != "facility" and gaz.is_primary(r.candidate.key, r.row):
                self.named_alone.add((r.candidate.key, gaz.country_of(r.row)))
            weight = 1.0 if r.margin >= 2.0 else 0.5
            country = gaz.country_of(r.row)
            kind = gaz.kinds[r.row]
            admin = r.row if kind == ADMIN1 else gaz.admin1[r.row]
            if country:
                self.countries[country] += weight
            if admin >= 0:
                self.admins[admin] += weight
            self.by_key.setdefault(r.candidate.key, []).append((country, admin, r.row, weight))
            if kind in (CITY, ADMIN2):
                self.points.append((gaz.lats[r.row], gaz.lons[r.row], weight, r.candidate.key, r.row))

    def contradicts(self, gaz: Gazetteer, row: int, key: str) -> bool:
        """Is ``row`` a little-known place abroad in an article whose other places all lie in another
        country ("Nyanza" read as the Rwandan town in a story about Kenya), or a hamlet of a country the
        article's other places never lie in (``HAMLET_POP``)? Then the name is more likely a local place
        we lack, or a common word, than that place; such a reading is dropped rather than put on the map
        wrong."""
        kind = gaz.kinds[row]
        if kind == CITY:
            if gaz.pops[row] >= 100_000 or row in gaz.capitals:
                return False
        elif kind in (ADMIN1, ADMIN2):
            if gaz.pops[row] >= 5_000_000:
                return False
        else:
            return False
        countries = self._countries_without(key)
        total = sum(v for v in countries.values() if v > 0)
        if total < 2.0:
            return False
        country = gaz.country_of(row)
        if countries[country] > 0:
            return False
        top = max(countries.values())
        return top >= 0.5 * total or (kind != ADMIN1 and gaz.pops[row] < HAMLET_POP)

    def foreign(self, country: str | None, key: str) -> bool:
        """Do the article's other places (not those named ``key``) lie only in countries other than
        ``country``?"""
        countries = self._countries_without(key)
        return sum(v for v in countries.values() if v > 0) > 0 and countries[country] <= 0

    def in_province(self, gaz: Gazetteer, row: int, key: str) -> bool:
        """Does another place of the article (not named ``key``) lie in the province of ``row``?"""
        admin = gaz.admin1[row]
        others = (a for k, readings in self.by_key.items() if k != key for _c, a, _r, _w in readings)
        return admin >= 0 and admin in others

    def supports(self, country: str | None, key: str) -> bool:
        """Do the article's other places (not those named ``key``) lie mostly in ``country``?"""
        countries = self._countries_without(key)
        total = sum(v for v in countries.values() if v > 0)
        return country is not None and total > 0 and countries[country] >= 0.5 * total

    def _countries_without(self, key: str) -> Counter:
        countries = self.countries.copy()
        for country, _admin, _row, weight in self.by_key.get(key, []):
            if country:
                countries[country] -= weight
        return countries

    def bonus(self, gaz: Gazetteer, row: int, key: str) -> float:
        """Support for ``row`` from the rest of the article (mentions of the same name left out). A place does
        not lie near itself: "Mexico City" said elsewhere is no reason to read "Mexico" as the city."""
        own = self.by_key.get(key, [])
        countries = self.countries.copy()
        admins = self.admins.copy()
        for country, admin, _row, weight in own:
            if country:
                countries[country] -= weight
            if admin >= 0:
                admins[admin] -= weight
        total = sum(v for v in countries.values() if v > 0)
        bonus = 0.0
        country = gaz.country_of(row)
        if country and total > 0 and countries[country] > 0:
            bonus += 0.5 + 2.5 * countries[country] / total
        kind = gaz.kinds[row]
        admin = row if kind == ADMIN1 else gaz.admin1[row]
        if admin >= 0 and admins[admin] > 0:
            bonus += 1.5  # "Georgia" the state beside Atlanta; "Columbus" the one in Ohio
        if kind == CITY and self.points:
            lat, lon = gaz.lats[row], gaz.lons[row]
            near = sum(
                w
                for plat, plon, w, k, r in self.points
                if k != key and r != row and great_circle_km(lat, lon, plat, plon) < 150
            )
            bonus += min(2.5, 1.25 * near)
        return bonus


def _like_neighbours(
    doc: Doc,
    gaz: Gazetteer,
    candidates: list[Candidate],
    first: list[Resolved],
    index: int,
    scores: dict[int, float],
) -> list[int]:
    """Rows of the same kind and country as a list neighbour's reading ("Alabama, Georgia and Texas")."""
    neighbours = []
    if index > 0 and _list_gap(doc, candidates[index - 1].end, candidates[index].start):
        neighbours.append(first[index - 1].row)
    if index + 1 < len(candidates) and _list_gap(doc, candidates[index].end, candidates[index + 1].start):
        neighbours.append(first[index + 1].row)
    like = {(gaz.kinds[r], gaz.country_of(r)) for r in neighbours if r >= 0}
    return [row for row in scores if (gaz.kinds[row], gaz.country_of(row)) in like]


def _list_gap(doc: Doc, end: int, start: int) -> bool:
    between = doc[end:start]
    return 1 <= len(between) <= 2 and all(t.text in {",", "and", "or", ";"} for t in between)


def _containers(
    doc: Doc, gaz: Gazetteer, candidate: Candidate, candidates: list[Candidate], index: int, read_as: int
) -> list[int]:
    """The rows "Texas" may mean in "Paris, Texas" or "Fulton County in Illinois": the states and countries
    of the next mention right after a comma or "in", above the level of the mention's own first reading
    ("China, Japan" is a list of countries, not a town of Japan)."""
    if index + 1 >= len(candidates):
        return []
    nxt = candidates[index + 1]
    if not _container_gap(doc[candidate.end : nxt.start]):
        return []
    level = _LEVEL.get(gaz.kinds[read_as], 0) if read_as >= 0 else -1
    return [r for r in nxt.rows if gaz.kinds[r] in (COUNTRY, ADMIN1, ADMIN2) and _LEVEL[gaz.kinds[r]] > level]


def _container_gap(between: Span) -> bool:
    """Words that put a place inside the next one: "Paris, Texas", "Paris (Texas)", "Fulton County in
    Illinois", "Rice Lake, located in Illinois"."""
    words = [t.lower_ for t in between]
    if words in ([","], ["("]):
        return True
    return 1 <= len(words) <= 3 and words[-1] == "in" and set(words) <= {",", "located", "situated", "in"}


_LEVEL = {CITY: 0, LANDMARK: 0, ADMIN2: 1, ADMIN1: 2, COUNTRY: 3}


def _held(gaz: Gazetteer, candidate: Candidate, first: list[Resolved], index: int, context: _Context) -> bool:
    """Is the next mention the stated container of a town we lack ("Stroud, Ontario")? The town is
    little known and all its readings lie below the container's level (lists were ruled out before)."""
    container = first[index + 1].row
    if container < 0 or gaz.kinds[container] not in (COUNTRY, ADMIN1, ADMIN2):
        return False
    level = _LEVEL[gaz.kinds[container]]
    if any(_LEVEL.get(gaz.kinds[r], 3) >= level for r in candidate.rows):
        return False
    # a famous place is itself, unless the article is set in the container's country ("Bradford, Ontario"
    # in a story about Canada, but "New York City, Long Island" is not a place in the Bahamas)
    if not any(gaz.pops[r] >= 100_000 or r in gaz.capitals for r in candidate.rows):
        return True
    return context.supports(gaz.country_of(container), candidate.key)


def _listed(doc: Doc, gaz: Gazetteer, candidates: list[Candidate], first: list[Resolved], index: int) -> bool:
    """Is mention ``index`` an item of a list rather than a container ("Washington, Pennsylvania and
    California", "Saipan, Guam, Alaska, Hawaii"; but "Stroud, Ontario, Canada" is a chain of containers)?
    It is followed by a place of one of its own kinds, or by one more item that itself goes on."""
    if not _followed(doc, candidates, index):
        return False
    if _followed(doc, candidates, index + 1):
        return True
    one, other = first[index].row, first[index + 1].row
    if one >= 0 and other >= 0 and gaz.kinds[one] == gaz.kinds[other]:
        return True  # "New York and Boston"
    admin = (COUNTRY, ADMIN1, ADMIN2)
    kinds = {gaz.kinds[r] for r in candidates[index].rows if gaz.kinds[r] in admin}
    return bool(kinds & {gaz.kinds[r] for r in candidates[index + 1].rows})


def _followed(doc: Doc, candidates: list[Candidate], index: int) -> bool:
    """Is mention ``index`` followed by another after a comma or "and" ("Japan, and the United Kingdom")?"""
    if index + 1 >= len(candidates):
        return False
    words = [t.lower_ for t in doc[candidates[index].end : candidates[index + 1].start]]
    if words and words[-1] == "the":
        words.pop()
    return 1 <= len(words) <= 2 and set(words) <= {",", "and", "or"}


def _contains_previous(
    doc: Doc,
    gaz: Gazetteer,
    candidates: list[Candidate],
    first: list[Resolved],
    index: int,
    scores: dict[int, float],
) -> list[int]:
    """Rows of a state, county or country right after "Town," that hold that town as first read, or of a
    bigger city around it ("Queens, New York": the city the borough is part of, not the state)."""
    if index == 0 or first[index - 1].row < 0:
        return []
    previous = candidates[index - 1]
    if not _container_gap(doc[previous.end : candidates[index].start]):
        return []
    town = first[index - 1].row
    admin = (COUNTRY, ADMIN1, ADMIN2)
    return [
        row
        for row in scores
        if (gaz.kinds[row] in admin and _inside(gaz, town, row)) or _city_around(gaz, town, row)
    ]


DISTRICT_KM = 30.0  # how far a borough or suburb may lie from the centre of the city it is part of


def _city_around(gaz: Gazetteer, town: int, row: int) -> bool:
    """Is ``row`` a bigger city right around the town ``town`` (a borough or suburb of it)?"""
    if gaz.kinds[row] != CITY or gaz.kinds[town] != CITY or gaz.pops[row] <= gaz.pops[town]:
        return False
    return great_circle_km(gaz.lats[town], gaz.lons[town], gaz.lats[row], gaz.lons[row]) <= DISTRICT_KM


def _inside(gaz: Gazetteer, row: int, container: int) -> bool:
    kind = gaz.kinds[container]
    if kind == COUNTRY:
        return gaz.country_of(row) == gaz.country_of(container) and row != container
    if kind == ADMIN1:
        return gaz.admin1[row] == container
    if kind == ADMIN2:
        return gaz.admin2[row] == container
    return False

"""Toponym recognition: which spans of a parsed article name places.

Two sources are combined, because neither suffices: spaCy's small model finds most places (GPE, LOC,
FAC) but mislabels some towns (Kharkiv as ORG, Cirencester as PERSON) and tags some people and teams as
places, while a gazetteer alone fires on every capitalized word that is also a hamlet somewhere ("Police",
"Helen", "Centre"). So every span that either source proposes is weighed on evidence: the model's label,
how prominent the place is, a locative preposition before it ("in", "near"), a state or country after it
("Klamath Falls, Oregon"), against signs of a person or an organisation (a title before it, the same word
in a person's full name elsewhere in the article, "University" after it).

Facilities the gazetteer cannot know ("Royal Street", "Manila Cathedral"), and towns it lacks that the
model and a locative preposition agree on ("in Toomevara"), are kept as mentions without a place of their
own; ``geoparser.py`` puts them in the place named right after them or the town the article is about.

An adjective of place is a mention of its country only on a noun of place ("the Syrian border", "the
Greek islands", our ``regions.demonyms.tsv``); "Russian forces" is not. Other adjectival and metonymic uses
("Washington said") are not sought; a metonym found as a toponym is kept (geoparsing gold tolerates it),
and ``locate.py`` keeps it out of event locations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitroom.nlp.words import common_words
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
    acronym_key,
    normalize,
)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
SAME_NAME_FLOOR = -2.5  # the least evidence on which a name the article places elsewhere is kept
# entity labels whose words are never places, even if a gazetteer knows them ("May", "Polish")
_NEVER = {"LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_LABEL_EVIDENCE = {
    "GPE": 3.0,
    "LOC": 3.0,
    "FAC": 1.5,
    None: 0.0,
    "PERSON": -0.5,
    "ORG": -0.5,
    "PRODUCT": -0.5,  # the small model calls some towns products ("in Kramatorsk")
    "NORP": -2.0,
}
_MAX_TOKENS = 6
# lowercase words that may continue a place name: Arabic articles, "of" in "Gulf of Aden"
_NAME_LOWER = {
    "al",
    "el",
    "as",
    "ash",
    "ad",
    "ar",
    "an",
    "az",
    "at",
    "of",
    "de",
    "del",
    "la",
    "le",
    "du",
    "and",
    "upon",
    "on",
    "the",
    "da",
    "do",
    "dos",
    "das",
    "sur",
    "y",
    "i",
    "am",
    "im",
    "bin",
    "ibn",
}
_NAME_START_LOWER = {"al", "el", "as", "ash", "ad", "ar", "an", "az", "at"}
_LOCATIVE = {
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "outside",
    "across",
    "around",
    "toward",
    "towards",
    "through",
    "via",
    "throughout",
    "inside",
    "within",
    "between",
    "nearby",
    "visit",
    "visited",
    "visiting",
    "reached",
    "entered",
    "left",
    "hit",
    "struck",
    "shelled",
    "bombed",
    "of",
    "on",
    "over",
    "along",
    "beyond",
    "past",
}
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "senator",
    "sen",
    "gov",
    "governor",
    "king",
    "queen",
    "prince",
    "princess",
    "rep",
    "judge",
    "coach",
    "general",
    "gen",
    "saint",
    "lord",
    "sir",
    "lady",
    "mayor",
    "pope",
    "sheikh",
    "emir",
    "professor",
    "prof",
    "captain",
    "capt",
    "officer",
    "sgt",
    "sergeant",
    "detective",
    "chancellor",
    "secretary",
    "ambassador",
}
# generic words after a name that make it an organisation or a building, not the place itself
_ORG_HEADS = {
    "university",
    "college",
    "school",
    "fc",
    "united",
    "times",
    "post",
    "herald",
    "airlines",
    "airways",
    "bank",
    "group",
    "inc",
    "ltd",
    "corp",
    "company",
    "news",
    "police",
    "council",
    "party",
    "club",
    "team",
    "academy",
    "institute",
    "hospital",
    "stadium",
    "airport",
    "hotel",
    "church",
    "cathedral",
    "mosque",
    "court",
    "tribune",
    "journal",
    "gazette",
    "daily",
    "magazine",
    "press",
    "telegraph",
    "standard",
    "infinity",
    "show",
    "radio",
    "line",
    "model",
    "star",
    "fire",
    "trust",
    "foundation",
    "society",
    "association",
    "league",
    "cup",
    "open",
}
# words that are names of places somewhere but never name one alone in English news
_NOT_ALONE = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "centre",
    "center",
    "middle",
    "upper",
    "lower",
    "mid",
    "street",
    "bridge",
    "valley",
    "river",
    "lake",
    "island",
    "mountain",
    "park",
    "beach",
    "creek",
    "city",
    "county",
    "state",
    "republic",
    "union",
    "mission",
    "harbor",
    "harbour",
    "bay",
    "cape",
    "village",
    "town",
    "district",
    "province",
    "region",
    "capital",
    "gulf",
    "sea",
    "seas",
    "ocean",
    "strait",
    "straits",
    "channel",
    "coast",
    "west coast",
    "east coast",
    "interior",
    "border",
    "downtown",
    "midlands",
    "heights",
    "hills",
    "springs",
    "falls",
    "point",
    "station",
    "market",
    "court",
    "hall",
}
_DISEASE_WORDS = {
    "virus",
    "fever",
    "flu",
    "influenza",
    "disease",
    "strain",
    "syndrome",
    "variant",
    "encephalitis",
    "virus's",
    "ebolavirus",
    "hemorrhagic",
    "haemorrhagic",
}
_AREA_WORDS = {
    "area",
    "sector",
    "outskirts",
    "governorate",
    "oblast",
    "enclave",
    "region",
    "district",
    "province",
    "county",
    "state",
    "valley",
    "suburbs",
    "neighborhood",
    "neighbourhood",
    "city",
    "town",
    "side",
    "basin",
    "coast",
    "border",
    "countryside",
}
# the last word of a facility's name: "Royal Street", "Holy Redeemer Church", "Dulles International Airport"
FACILITY_HEADS = {
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "lane",
    "drive",
    "highway",
    "square",
    "bridge",
    "church",
    "cathedral",
    "basilica",
    "chapel",
    "mosque",
    "temple",
    "synagogue",
    "library",
    "hospital",
    "school",
    "university",
    "college",
    "academy",
    "stadium",
    "arena",
    "airport",
    "station",
    "hotel",
    "inn",
    "mall",
    "market",
    "park",
    "plaza",
    "palace",
    "castle",
    "tower",
    "museum",
    "prison",
    "jail",
    "embassy",
    "consulate",
    "court",
    "courthouse",
    "centre",
    "center",
    "base",
    "camp",
    "port",
    "harbour",
    "harbor",
    "refinery",
    "dam",
    "canal",
    "railroad",
    "railway",
    "racecourse",
    "circuit",
    "estate",
    "complex",
    "hall",
    "theatre",
    "theater",
    "cemetery",
    "graveyard",
    "plantation",
    "zoo",
    "garden",
    "gardens",
    "beach",
    "pier",
    "quay",
    "lagoon",
    "lake",
    "river",
    "mountains",
    "mountain",
    "island",
    "islands",
    "bay",
    "falls",
    "valley",
    "forest",
    "desert",
    "crossing",
    "checkpoint",
    "barracks",
    "compound",
    "clinic",
}
_GENERIC_SUFFIX = (
    "state",
    "province",
    "region",
    "county",
    "governorate",
    "oblast",
    "district",
    "city",
    "prefecture",
    "municipality",
    "department",
    "territory",
)
_DIRECTION_BREAK = re.compile(r"[\s\-–—]+")
_DIRECTION = (
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "greater",
    "upper",
    "lower",
)


@dataclass
class Candidate:
    """A span that names a place, with the gazetteer rows its words could mean (none for a facility)."""

    start: int  # token offsets, end exclusive
    end: int
    key: str
    rows: tuple[int, ...]
    label: str | None  # the NER label over it, if any
    source: str  # "ner", "ner-part", "gazetteer", "demonym", "facility" or "locality" (a town we lack)
    evidence: float = 0.0


def _proper(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() or (text.isupper() and len(text) > 1)


def lookup(gaz: Gazetteer, text: str) -> tuple[str, tuple[int, ...]]:
    """Rows for a span's text, with the ways news varies a name: "Borno State", "Kharkiv Oblast"."""
    word = text.lower().strip(".")  # "El", "As", "North", "Minister": never a place alone
    if word in _NOT_ALONE or word in _TITLES or text.lower() in _NAME_LOWER:
        return normalize(text), ()
    acronym = acronym_key(text)
    if acronym is not None:
        rows = gaz.rows(acronym)
        if rows:
            return acronym, rows
    key = normalize(text)
    rows = gaz.rows(key)
    if rows and _acronym_like(text):  # "UN", "MoD", "NATO": a place only if a big one is so named ("ROME")
        rows = tuple(r for r in rows if _big(gaz, r, key))
    if rows:
        return key, rows
    words = key.split()
    if len(words) > 1 and words[-1] in _GENERIC_SUFFIX:  # "Borno State": the state, "Quezon City": the city
        stem = " ".join(words[:-1])
        wanted = (CITY,) if words[-1] == "city" else (ADMIN1, ADMIN2)
        rows = tuple(r for r in gaz.rows(stem) if gaz.kinds[r] in wanted)
        if rows:
            return stem, rows
    if len(words) > 1 and words[0] in _DIRECTION:
        parts = _DIRECTION_BREAK.split(text, maxsplit=1)  # "northern Kharkiv", "North-East", "SOUTH\n\nSEOUL"
        if len(parts) == 2 and parts[1]:
            return lookup(gaz, parts[1])
    if text.endswith(("'s", "’s")):
        return lookup(gaz, text[:-2])
    return key, ()


def _acronym_like(text: str) -> bool:
    """Short capitals, or capitals inside a word: an abbreviation, not a name ("UN", "MoD", "UConn")."""
    letters = text.replace(".", "")
    if not letters.isalpha() or len(letters) > 6:
        return False
    if letters.isupper():
        return len(letters) <= 4
    return any(c.isupper() for c in letters[1:])


def _big(gaz: Gazetteer, row: int, key: str) -> bool:
    kind = gaz.kinds[row]
    if kind == CITY:
        return gaz.pops[row] >= 100_000 and gaz.is_primary(key, row)
    return kind != ADMIN2


def prominence(gaz: Gazetteer, rows: tuple[int, ...], key: str) -> float:
    """How likely a bare mention of this name is the place: countries and big cities most of all."""
    best = 0.0
    for row in rows:
        kind = gaz.kinds[row]
        primary = gaz.is_primary(key, row)
        if kind in (COUNTRY, CONTINENT, REGION, SEA, LANDMARK):
            score = 3.5 if primary else 2.0
        elif kind == ADMIN1:
            score = 3.0 if primary else 1.5
        elif kind == ADMIN2:
            score = 1.5 if primary else 0.5
        else:
            pop = gaz.pops[row]
            score = 3.0 if pop >= 1_000_000 else 2.0 if pop >= 100_000 else 1.0 if pop >= 10_000 else 0.3
            if not primary:
                score -= 1.0
        best = max(best, score)
    return best


class _Context:
    """What the article says about its names as a whole: who the people are."""

    def __init__(self, doc: Doc) -> None:
        self.ent_of: list[Span | None] = [None] * len(doc)
        self.person_words: set[str] = set()
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
            if ent.label_ == "PERSON" and len(ent) >= 2:
                self.person_words.update(t.text for t in ent if t.text[:1].isupper())


def find_candidates(doc: Doc, gaz: Gazetteer) -> list[Candidate]:
    """Place-name spans of ``doc``, in text order."""
    ctx = _Context(doc)
    taken = [False] * len(doc)
    found: list[Candidate] = []

    def keep(candidate: Candidate) -> None:
        found.append(candidate)
        for i in range(candidate.start, candidate.end):
            taken[i] = True

    # 1. the model's places, resolved as a whole or by their known parts
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        if start >= end:
            continue
        longer = next(_gazetteer_matches(doc, gaz, start, min(len(doc), start + _MAX_TOKENS)), None)
        if longer is not None and longer[0] == start and longer[1] > end:
            end = longer[1]  # "Guinea-Bissau" where the model saw "Guinea"
        key, rows = lookup(gaz, doc[start:end].text)
        if rows:
            candidate = Candidate(start, end, key, rows, ent.label_, "ner")
            candidate.evidence = _evidence(doc, gaz, candidate, ctx)
            if candidate.evidence >= 2.0:
                keep(candidate)
            continue
        parts = [
            Candidate(s, e, k, r, ent.label_, "ner-part")
            for s, e, k, r in _gazetteer_matches(doc, gaz, start, end)
        ]
        if ent.label_ == "FAC" or not parts:
            if _facility_like(doc[start:end], ent.label_, ctx):
                keep(_facility(doc, gaz, start, end, ent.label_))
            elif _unknown_town(doc, start, end, ent.label_, ctx):
                keep(Candidate(start, end, normalize(doc[start:end].text), (), ent.label_, "locality"))
            continue
        for part in parts:
            if _first_word_of_name(doc, gaz, part, end):
                continue
            part.evidence = _evidence(doc, gaz, part, ctx) - 1.5  # the model saw a longer, unknown name
            if part.evidence >= 2.0:
                keep(part)

    # 2. named facilities the model called something else: "Royal Street" (PERSON), "Carnegie Library" (ORG)
    for ent in doc.ents:
        if (
            ent.label_ in PLACE_LABELS
            or ent.label_ in _NEVER
            or any(taken[i] for i in range(ent.start, ent.end))
        ):
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        if (
            end - start >= 2
            and doc[end - 1].lower_.rstrip(".") in FACILITY_HEADS
            and _facility_like(doc[start:end], "FAC", ctx)
        ):
            keep(_facility(doc, gaz, start, end, ent.label_))

    # 3. gazetteer matches the model did not call places
    doubtful: list[Candidate] = []
    for start, end, key, rows in _gazetteer_matches(doc, gaz, 0, len(doc)):
        if any(taken[i] for i in range(start, end)):
            continue
        ent = ctx.ent_of[start]
        candidate = Candidate(start, end, key, rows, ent.label_ if ent is not None else None, "gazetteer")
        candidate.evidence = _evidence(doc, gaz, candidate, ctx)
        if candidate.evidence >= 2.0 or (
            candidate.evidence >= 1.5 and _after_town_preposition(doc, candidate)
        ):
            keep(candidate)
        elif candidate.evidence >= SAME_NAME_FLOOR:
            doubtful.append(candidate)

    # 4. a doubtful name listed with places is a place too: "in Darfur and Malakal", "Nitra, Presov"
    for _ in range(2):
        starts = {c.start for c in found}
        ends = {c.end for c in found}
        for candidate in doubtful:
            if taken[candidate.start]:
                continue
            if candidate.evidence >= 0.0 and _listed(doc, candidate, starts, ends):
                candidate.evidence += 2.0
                if candidate.evidence >= 2.0:
                    keep(candidate)
    # 4b. one sense per name and article: a name the article calls a place elsewhere is that place here too
    # ("Durban" in "a Durban court" after "in Durban"), unless the words around it say otherwise
    placed = {c.key for c in found if c.rows and c.evidence >= 2.0}
    for candidate in doubtful:
        if not taken[candidate.start] and candidate.key in placed and _alone(doc, candidate, ctx):
            keep(candidate)
    # 5. adjectives of place on a place noun: "the Syrian border", "the Greek islands", "Ukrainian soil"
    for candidate in _demonyms(doc, gaz, ctx):
        if not any(taken[i] for i in range(candidate.start, candidate.end)):
            keep(candidate)
    found.sort(key=lambda c: c.start)
    return found


# nouns of place that an adjective of place locates: "the Syrian border", "Greek islands", "Ukrainian soil"
PLACE_NOUNS = {
    "border", "frontier", "capital", "city", "town", "village", "territory", "soil", "coast", "coastline",
    "waters", "airspace", "island", "islands", "province", "region", "countryside", "mainland", "enclave",
    "side", "port", "mountains", "desert", "jungle", "state", "shore", "peninsula", "highlands", "heartland",
    "hinterland", "interior", "sea", "base", "airbase", "bases", "airbases", "cities", "towns", "villages",
    "regions", "provinces", "states", "borders", "ports", "capitals",
    # what lies in the country and is its own ("the Turkish market", "American factories", "British farms")
    "market", "markets", "industry", "factory", "factories", "farm", "farms", "plant", "plants", "mine",
    "mines", "jail", "jails", "prison", "prisons", "livestock", "jobs",
}  # fmt: skip


def _demonyms(doc: Doc, gaz: Gazetteer, ctx: _Context):  # type: ignore[no-untyped-def]
    """Adjectives of place (our ``regions.demonyms.tsv``) that modify a noun of place, as mentions of
    their country ("the Syrian-Turkish border": Syria and Turkey); "Russian forces" is not one."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if not token.text[:1].isupper():
            i += 1
            continue
        end = i + 1
        row = None
        if i + 1 < len(doc):
            row = gaz.demonyms.get(normalize(doc[i : i + 2].text))  # "South Korean"
            end = i + 2
        if row is None:
            row = gaz.demonyms.get(normalize(token.text))
            end = i + 1
        ent = ctx.ent_of[i]
        if row is None or (ent is not None and ent.label_ in ("PERSON", "ORG", "FAC") and len(ent) > end - i):
            i += 1
            continue
        if _modifies_place_noun(doc, end):
            yield Candidate(
                i, end, normalize(doc[i:end].text), (row,), token.ent_type_ or None, "demonym", 3.0
            )
        i = end


def _modifies_place_noun(doc: Doc, at: int) -> bool:
    """Is the word before ``at`` one of adjectives leading to a noun of place ("-Turkish border",
    "Kurdish enclave", "English city")?"""
    for j in range(at, min(len(doc), at + 4)):
        t = doc[j]
        if t.lower_ in PLACE_NOUNS and t.pos_ in ("NOUN", "PROPN"):
            return True
        if not (
            t.text in {"-", "and", "/"} or t.pos_ == "ADJ" or (t.pos_ == "PROPN" and t.ent_type_ == "NORP")
        ):
            return False
    return False


def _first_word_of_name(doc: Doc, gaz: Gazetteer, part: Candidate, end: int) -> bool:
    """Is a known small town only the first word of a longer name the model found and we do not know
    ("San" of "San Ramón", "Wadi" of "Wadi Gaza", "Ras" of "Ras Jedir")? Then it is not that town. A
    big place stays ("Gaza" of "Gaza Health Office"), and so does a name before a generic word ("Beni
    territory")."""
    if part.end >= end:
        return False
    following = doc[part.end]
    generic = following.lower_ in _AREA_WORDS or following.lower_ in FACILITY_HEADS
    if not _proper(following) or generic or following.lower_ in _GENERIC_SUFFIX:
        return False
    return not any(_big_place(gaz, row) for row in part.rows)


def _big_place(gaz: Gazetteer, row: int) -> bool:
    kind = gaz.kinds[row]
    return kind in (COUNTRY, ADMIN1, REGION, SEA, CONTINENT) or (kind == CITY and gaz.pops[row] >= 100_000)


def _facility(doc: Doc, gaz: Gazetteer, start: int, end: int, label: str) -> Candidate:
    """A named facility; if its name holds a town ("Manila Cathedral", "Istanbul Ataturk Airport") it is
    resolved as that town, else ``geoparser.py`` places it in the article's town."""
    for s, e, key, rows in _gazetteer_matches(doc, gaz, start, end):
        if key in FACILITY_HEADS or key in _ORG_HEADS:  # "University", Florida
            continue
        towns = tuple(
            r
            for r in rows
            if gaz.kinds[r] == CITY
            and gaz.pops[r] >= 10_000
            and (gaz.is_primary(key, r) or gaz.pops[r] >= 500_000)
        )
        if towns and e - s < end - start:
            return Candidate(start, end, key, towns, label, "facility")
    return Candidate(start, end, normalize(doc[start:end].text), (), label, "facility")


def _after_town_preposition(doc: Doc, c: Candidate) -> bool:
    """Is ``c`` right after "in", "at", "near", "from", "to" or "outside" ("in Coggeshall")?"""
    return c.start > 0 and doc[c.start - 1].lower_ in _TOWN_PREPOSITIONS


def _alone(doc: Doc, c: Candidate, ctx: _Context) -> bool:
    """Is ``c`` a name by itself, not a word of a longer name the model found ("Buffalo Public Schools")
    nor the name of a disease ("West Nile virus")?"""
    ent = ctx.ent_of[c.start]
    if ent is not None and (ent.start < c.start - (doc[ent.start].lower_ == "the") or ent.end > c.end):
        return False
    after = doc[c.end] if c.end < len(doc) else None
    return after is None or after.lower_ not in _DISEASE_WORDS


def _listed(doc: Doc, c: Candidate, starts: set[int], ends: set[int]) -> bool:
    """Is ``c`` an item of a list whose neighbouring item is a place ("A, B and C")?"""
    before = c.start - 1
    if before >= 1 and doc[before].lower_ in {",", "and", "or", "&", "/"} and before in ends:
        return True
    after = c.end
    return after + 1 < len(doc) and doc[after].lower_ in {",", "and", "or", "&", "/"} and after + 1 in starts


def _gazetteer_matches(doc: Doc, gaz: Gazetteer, lo: int, hi: int):  # type: ignore[no-untyped-def]
    """Longest-first gazetteer matches of capitalized token runs in [lo, hi): (start, end, key, rows).

    (Span texts are read from the span: ``doc.text`` rebuilds the whole document's text on every call.)
    """
    i = lo
    while i < hi:
        token = doc[i]
        if not (_proper(token) or token.lower_ in _NAME_START_LOWER) or token.is_punct:
            i += 1
            continue
        # the run of tokens that could belong to one name
        j = i + 1
        while j < min(hi, i + _MAX_TOKENS):
            t = doc[j]
            if _proper(t) or t.lower_ in _NAME_LOWER or t.text in {"-", "'", "."}:
                j += 1
            elif t.tag_ == "POS" and j + 1 < hi and _proper(doc[j + 1]):
                j += 1  # "Cox's Bazar", "Martha's Vineyard": a possessive inside the name
            else:
                break
        best = None
        for k in range(j, i, -1):
            last = doc[k - 1]
            if not (_proper(last) or last.text == "."):
                continue
            if k - i > 1 and last.lower_ in _GENERIC_SUFFIX and k < len(doc) and doc[k].lower_ == "of":
                continue  # "the Ohio Department of Health": the name is "Ohio"
            key, rows = lookup(gaz, doc[i:k].text)
            if rows:
                best = (i, k, key, rows)
                break
        if best is None:
            i += 1
            continue
        yield best
        i = best[1]


def _evidence(doc: Doc, gaz: Gazetteer, c: Candidate, ctx: _Context) -> float:
    """For and against ``c`` being a place name; 2 or more is kept."""
    span = doc[c.start : c.end]
    ent = ctx.ent_of[c.start]
    label = ent.label_ if ent is not None else None
    if label in _NEVER and not _mislabelled(span, ent):
        return -10.0
    whole = (
        ent is not None
        and ent.start <= c.start
        and ent.end >= c.end
        and (ent.end - ent.start <= c.end - c.start + (1 if doc[ent.start].lower_ == "the" else 0))
    )
    score = _LABEL_EVIDENCE.get(label, -1.5) if (whole or label in PLACE_LABELS) else -1.5
    if ent is None:
        score = 0.0
    score += prominence(gaz, c.rows, c.key)
    if all(t.is_stop or t.is_punct for t in span):
        score -= 3.0
    if c.key.startswith("="):
        score += 0.5  # an abbreviation written as one: "NSW", "DRC"
    before = doc[c.start - 1] if c.start > 0 else None
    before2 = doc[c.start - 2] if c.start > 1 else None
    after = doc[c.end] if c.end < len(doc) else None
    article = before is not None and before.lower_ in {"the", "a", "an"}
    if before is not None and (
        before.lower_ in _LOCATIVE or (article and before2 is not None and before2.lower_ in _LOCATIVE)
    ):
        score += 1.0 if label in PLACE_LABELS else 2.0
    towns_only = not any(gaz.kinds[r] in (COUNTRY, REGION, SEA, CONTINENT) for r in c.rows)
    if article and towns_only and not (after is not None and after.lower_ in _AREA_WORDS):
        score -= 1.5 if label in ("GPE", "LOC") else 2.5  # "the Centre": towns take no article
    if (
        before is not None
        and before.tag_ == "POS"
        and before2 is not None
        and (before2.ent_type_ in ("GPE", "LOC") or _is_container(doc, gaz, before2.i))
        and _proper(span[0])
    ):
        score += 2.0  # "Kashmir's Poonch sector", "Congo's North Kivu province": a place within a place
    if after is not None and after.lower_ in _AREA_WORDS and label not in ("GPE", "LOC"):
        score += 1.5  # "the Poonch sector", "Sagaing region": a name that heads an area is a place
    if before is not None and before.lower_.rstrip(".") in _TITLES:
        score -= 5.0
    if after is not None and after.lower_ in _DISEASE_WORDS:
        score -= 6.0  # "West Nile virus", "Marburg fever": a disease named after a place
    big = any(gaz.kinds[r] in (COUNTRY, ADMIN1, REGION, CONTINENT) for r in c.rows)
    org_initial = (
        label == "ORG" and ent is not None and c.start == ent.start + (doc[ent.start].lower_ == "the")
    )
    if org_initial and big and any(t.lower_ in _GOVERNMENT_WORDS for t in doc[c.end : ent.end]):
        score += 3.0  # "the California Department of Health", "Queensland Police": the place's government
    if label not in ("GPE", "LOC") and not (org_initial and big):
        if after is not None and after.lower_ in _ORG_HEADS:
            score -= 2.0
        elif _glued(before, c.start) or _glued(after, c.end):
            score -= 1.0 if big else 2.0  # part of a longer name: "Third Street", "West Wing"
    if (
        after is not None
        and after.text == ","
        and c.end + 1 < len(doc)
        and _is_container(doc, gaz, c.end + 1)
    ):
        score += 2.0  # "Klamath Falls, Oregon"
    if (
        before is not None
        and before.text == ","
        and before2 is not None
        and _proper(before2)
        and before2.pos_ == "PROPN"
        and any(gaz.kinds[r] in (ADMIN1, ADMIN2) for r in c.rows)
    ):
        score += 1.5  # "Knockhill, Fife": a county or state after a name is where that name is
    if span.text.isupper() and len(span.text) > 3 and (c.start < 3 or "\n" in doc[c.start - 1].text_with_ws):
        score += 2.5  # a dateline: "WINNIPEG —", "SAN ANTONIO (AP)"
    if label == "PERSON" and (_glued(after, c.end) or _glued(before, c.start)):
        score -= 2.0  # a full name
    if c.end - c.start == 1 and span.text in ctx.person_words and label not in ("GPE", "LOC"):
        score -= 4.0  # "Sutton" when the article names "Andrew Sutton"
    elif c.end - c.start == 1 and span.text in ctx.person_words:
        score -= 2.5
    if label is None and not any(t.pos_ == "PROPN" for t in span) and not c.key.startswith("="):
        score -= 1.5
    if span[0].is_sent_start and label is None and c.end - c.start == 1 and span[0].pos_ != "PROPN":
        score -= 1.0
    return score


# a Title Case word this common in English (SCOWL size level, ``data/common_words.txt``; 35 = the
# commonest ~50,000 words): "approval from Congress" is not Congress (Arizona), "God willing" not Göd
COMMON_LEVEL = 35


def common_word(key: str) -> bool:
    """Is ``key`` one word of the general English vocabulary?"""
    return " " not in key and common_words().get(key, 99) <= COMMON_LEVEL


# words of an organisation's name that make it a government body of the place its name begins with
_GOVERNMENT_WORDS = {
    "department", "ministry", "agency", "administration", "centers", "centres", "service", "services",
    "police", "council", "army", "embassy", "institutes", "board", "commission", "assembly", "government",
    "authority", "office", "parliament", "legislature", "senate", "navy", "coast", "guard", "health",
}  # fmt: skip

_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "christmas", "easter", "ramadan",
}  # fmt: skip


def _mislabelled(span: Span, ent: Span | None) -> bool:
    """A lone proper name the model called a date or a language that is neither ("in Manbij", "Poonch
    sector"): the model's label is then no evidence either way."""
    if (
        ent is None
        or ent.label_ not in ("DATE", "LANGUAGE")
        or (ent.start, ent.end) != (span.start, span.end)
    ):
        return False
    return all(t.pos_ == "PROPN" and t.lower_ not in _CALENDAR for t in span) and not span.text.endswith(
        "ish"
    )


def _glued(token: Token | None, at: int) -> bool:
    """Is ``token`` a capitalized word joined to a match (no punctuation between): part of one name?"""
    if token is None or token.is_punct or (token.is_sent_start and token.i == at):
        return False
    return _proper(token) and not token.like_num and token.pos_ == "PROPN"


def _is_container(doc: Doc, gaz: Gazetteer, i: int) -> bool:
    """Does a state, province or country name start at token ``i``? ("Oregon", "Calif.", "N.B.")"""
    for k in range(min(len(doc), i + 3), i, -1):
        _key, rows = lookup(gaz, doc[i:k].text)
        if rows and any(gaz.kinds[r] in (ADMIN1, ADMIN2, COUNTRY) for r in rows):
            return True
    return False


def _unknown_town(doc: Doc, start: int, end: int, label: str, ctx: _Context) -> bool:
    """A place name the gazetteer lacks that the model and a locative preposition agree on ("in
    Toomevara", "to Khayelitsha"): kept, and placed in the town or area the article is about."""
    if label != "GPE" or start == 0 or doc[start - 1].lower_ not in _TOWN_PREPOSITIONS:
        return False
    span = doc[start:end]
    if (
        not all(t.pos_ == "PROPN" and t.text.isalpha() and t.text[:1].isupper() for t in span)
        or len(span) > 3
    ):
        return False
    if span.text.isupper() or span.text.lower() in _NOT_TOWNS:  # "OT", "Ebola"
        return False
    return not ({t.text for t in span} & ctx.person_words)


_NOT_TOWNS = {"ebola", "zika", "nollywood", "bollywood"}


_TOWN_PREPOSITIONS = {"in", "at", "near", "from", "to", "outside"}


def _facility_like(span: Span, label: str, ctx: _Context) -> bool:
    """A FAC/LOC span worth keeping as a place: a proper name, not a person's, not a date or an event."""
    if not any(t.pos_ == "PROPN" for t in span) or any(t.like_num and len(t) > 3 for t in span):
        return False
    if label != "FAC" and not (label == "LOC" and len(span) > 1):
        return False
    words = {t.text for t in span}
    return not (words & ctx.person_words) and len(span) <= 8

"""Where an event happened: which of an article's place mentions is the event's location.

The place must be where the act took place, not where it was reported: "Russian forces shelled Kharkiv, a
spokesman in Kyiv said" happened in Kharkiv. So a place only counts when the parse ties it to the act, in
this order of trust:

1. a locative phrase on the trigger, its arguments or a clause it heads: "in Kharkiv", "near the border town
   of X", "on the outskirts of Y"; of nested ones ("on western Ukraine, killing three in the city of Lviv")
   the most specific;
2. the place the act is done to, when the act moves or strikes: "shelled Kharkiv", "visited Kyiv";
3. a place the sentence refers back to: "in the city", "the capital's districts", "the town" is the city
   named last before it (a national capital for "the capital"), else the dateline's city;
4. the nearest other place in the sentence, those in the trigger's own phrase first;
5. where the story just was: the previous event's place when the sentence names none (``carried``: the
   coder passes it as ``last``), else the most specific place of the closest sentence before that names
   one; either way, a place in another country than the story's town was only talked about, and the
   story's town stands in;
6. the dateline's city, else the story's town (the city of the country it names most, named most), else
   the article's main place (the one it names most).

A place only talked about is not where the act was: a phrase of place ("in Athens") beats a bare mention
("the delegations of Cyprus, Greece and Israel"); a place inside a clause within a phrase ("on a tour that
took him to Mauritania") is not the act's; a country in no phrase of place gives way to the dateline of a
story set elsewhere; "In Baghdad, the ministry said it had summoned ..." sets the scene; "N km north of X"
is a point that far from X; a place something else is bound for ("departed Tripoli on a flight to ... in
Rwanda", "the pipeline to Zawiya") is not the act's, unless it is the act's own ("deployed troops to X").

Then a country is refined: to the town the sentence names inside it ("protests across Iraq ..., in
Basra"), else it is drawn at the story's town (its dateline's city in that country, or the city of that
country it names most) with precision "country" and feature "story town"; a part ("eastern Ukraine", "the
southern Red Sea") is a point and radius covering that part; "the Russian capital" is Moscow; a country
no wider than a province ("Kuwait", "Puerto Rico") is drawn as its centroid and radius.

The dateline ("KHARKIV, May 28 (Wire) -") is never the place of the first sentence's act by nearness alone:
it stands outside the sentence.

Places that stand for an actor are never a location: the subject of a verb ("Washington said"), a
possessive or a modifier ("Russia's army", "US troops"), and places tied to whoever speaks ("officials in
Kyiv said", "told reporters in Geneva"); a name before a noun of place or of an administrative unit still
names the place ("the Kharkiv region", "the Bignona department", "Nabatieh municipality").
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span, Token

from sitroom.geo import great_circle_km
from sitroom.models import Location, PlaceMention
from sitroom.place.gazetteer import CONTINENT, SEA, Gazetteer, display_name, normalize
from sitroom.place.recognize import PLACE_NOUNS

PRECISION = {
    "city": "city",
    "facility": "city",
    "locality": "city",
    "landmark": "city",
    "admin1": "admin1",
    "admin2": "admin2",
    "country": "country",
    "region": "region",
    "sea": "region",
}
_LOCATIVE = {
    "in",
    "at",
    "near",
    "on",
    "outside",
    "around",
    "across",
    "inside",
    "into",
    "within",
    "off",
    "throughout",
    "along",
    "over",
    "onto",
    "toward",
    "towards",
    "through",
    "nearby",
    "beyond",
}
_SPEECH = {
    "say",
    "tell",
    "announce",
    "state",
    "report",
    "claim",
    "add",
    "confirm",
    "deny",
    "note",
    "warn",
    "declare",
    "insist",
    "explain",
    "write",
    "tweet",
    "accuse",
    "urge",
    "call",
    "comment",
}
# verbs whose object is a government, not a place: "urged Ankara to release them", "accused Kyiv"
_ADDRESSING = _SPEECH | {
    "ask",
    "press",
    "blame",
    "criticise",
    "criticize",
    "condemn",
    "praise",
    "thank",
    "summon",
    "sanction",
    "pressure",
    "support",
    "back",
    "invite",
    "congratulate",
}
# nouns that refer back to a town named before: "in the city", "the capital's central districts"
_ANAPHORS = {"city", "town", "capital", "village", "port"}
_REACHING = {
    "visit",
    "enter",
    "invade",
    "strike",
    "hit",
    "shell",
    "bomb",
    "attack",
    "raid",
    "reach",
    "storm",
    "capture",
    "seize",
    "occupy",
    "liberate",
    "besiege",
    "target",
    "pound",
    "bombard",
    "tour",
    "travel",
    "fly",
    "arrive",
    "evacuate",
    "surround",
    "encircle",
    "recapture",
    "take",
}
# nouns of a part of a place: "the Bamunka area of Ndop", "the outskirts of Kharkiv"
_WITHIN = {"area", "outskirts", "district", "suburb", "suburbs", "centre", "center", "part", "parts",
           "neighbourhood", "neighborhood", "village", "town", "city", "region", "province", "edge", "south",
           "north", "east", "west", "countryside", "vicinity"}  # fmt: skip
_SPECIFIC = {
    "facility": 0,
    "locality": 0,
    "landmark": 0,
    "city": 0,
    "admin2": 1,
    "admin1": 2,
    "region": 3,
    "sea": 3,
    "country": 4,
}


CITY_STATE_KM = 25.0  # a country smaller than a circle of this radius (~2,000 km²) is located as a city
# a country no wider than a province (whose locations carry centroid and radius) is drawn as that circle
SMALL_COUNTRY_KM = 250.0


def to_location(place: PlaceMention) -> Location:
    """FORMAT.md's location: a country-level place carries only name and country, a city its coordinates,
    a sea or region its centroid and radius; a city-state its coordinates and radius; a country no wider
    than a province ("Puerto Rico", "Kuwait", "Haiti") its centroid and radius, with precision "country"
    (a map draws the country's circle, as it draws a province's)."""
    precision = PRECISION.get(place.feature or "", "city")
    if precision == "country" and (place.radius_km or CITY_STATE_KM) < CITY_STATE_KM:
        precision = "city"  # a city-state is a city: Hong Kong, Singapore, Macau, Bahrain
    if precision == "country" and place.lat is not None and (place.radius_km or 1e9) <= SMALL_COUNTRY_KM:
        return Location(
            name=place.name,
            country=place.country,
            lat=place.lat,
            lon=place.lon,
            precision="country",
            geonames_id=place.geonames_id,
            feature="country",
            radius_km=place.radius_km,
        )
    if precision == "country":
        return Location(
            name=place.name,
            country=place.country,
            precision="country",
            geonames_id=place.geonames_id,
            feature="country",
        )
    return Location(
        name=place.name,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        precision=precision,
        geonames_id=place.geonames_id,
        feature=place.feature,
        radius_km=place.radius_km
        if precision in ("region", "admin1", "admin2") or place.feature == "country"
        else None,
    )


def event_location(
    trigger: Token, places: list[PlaceMention], last: Location | None = None
) -> Location | None:
    """Where the event of `trigger` happened: the place in a locative phrase attached to the trigger (or its
    clause: "in Kharkiv", "near the border town of X", "on the outskirts of Y"), else the place the act
    strikes or reaches ("shelled Kharkiv"), else the nearest place in the same sentence that is not the place
    of a speaker ("a spokesman in Kyiv said") nor an actor ("Washington said", "Russian forces"), else the
    article's main place context; ``precision`` is "city" | "admin1" | "admin2" | "country" | "region"
    (ACLED geo_precision-like). Country-level places carry only name and country (or, with feature "story
    town", the point of the town the story is set in), cities coordinates, seas and regions a centroid
    and ``radius_km`` (FORMAT.md). A sentence that names no place goes on at ``last``, the previous
    event's location (``carried``), when the caller has one.

        >>> doc = nlp("Russian forces shelled Kharkiv on Monday, a spokesman in Kyiv said.")
        >>> event_location(doc[2], Geoparser.load().places(doc)).name
        'Kharkiv'
    """
    return locate_event(trigger, places, last)[0]


STEPS = ("carried", "locative", "reached", "referred", "nearest", "unplaced", "previous", "story", "none")


def locate_event(
    trigger: Token, places: list[PlaceMention], last: Location | None = None
) -> tuple[Location | None, str]:
    """``event_location`` and the step of the rules that chose it (one of ``STEPS``): the learned
    chooser (``place/choose.py``) weighs the rules' choice by how it was made."""
    doc = trigger.doc
    spans = _spans(doc, places)
    dateline = _dateline(spans)
    body = [(p, s) for p, s in spans if p is not dateline]
    sentence = _sentence_of(trigger)
    if last is not None and not any(sentence.start <= s.start < sentence.end for _, s in spans):
        return carried(last, doc, places), "carried"
    in_sentence = [
        (p, s)
        for p, s in body
        if sentence.start <= s.start < sentence.end and not _is_actor(s) and not _is_speakers(s, trigger)
    ]

    chosen, step = _locative(trigger, in_sentence), "locative"
    if chosen is None:
        chosen, step = _reached(trigger, in_sentence), "reached"
    if chosen is None:
        chosen, step = _referred(trigger, sentence, body, dateline), "referred"
    if chosen is None and in_sentence:
        step = "nearest"
        clause = set(_clause(trigger))
        chosen = min(
            in_sentence,
            key=lambda ps: (
                _bound_for(ps[1], trigger),  # "a flight to Rwanda", "the pipeline to Zawiya": elsewhere
                ps[1].root.i not in clause,
                not _at_place(ps[1]),  # "met ... that time in Athens", not "Cyprus, Greece and Israel"
                ps[1].root.pos_ == "ADJ",  # "the Mozambican city of Nampula": the name, not the adjective
                abs(ps[1].root.i - trigger.i),
                _SPECIFIC.get(ps[0].feature or "", 0),
            ),
        )[0]
        chosen = _most_specific(chosen, [p for p, _ in in_sentence])
        chosen = _topic_or_place(chosen, in_sentence, dateline)
    if chosen is None and _unplaced(trigger, spans):
        # "clashed near the town of Nasir", a town we lack: its country, not a place named elsewhere
        return _country_of(spans), "unplaced"
    if chosen is None:
        chosen, step = _previous(sentence, body), "previous"
        town = story_town(doc, places) if chosen is not None else None
        if town is not None and _talked_about(chosen.country, town):  # type: ignore[union-attr]
            chosen = town  # "retreating towards the Nigerian border" did not move the story to Nigeria
    if chosen is None:
        literal = [p for p, s in body if not _is_actor(s) and not _is_speakers(s, trigger)]
        chosen, step = dateline or story_town(doc, places) or main_place(literal), "story"
    if chosen is None:
        return None, "none"
    if chosen.feature == "country":  # "protests in Iraq ... in Baghdad": the town the sentence names in it
        chosen = _most_specific(chosen, [p for p, _ in in_sentence])
    return mention_location(chosen, spans, dateline), step


def mention_location(
    chosen: PlaceMention, spans: list[tuple[PlaceMention, Span]], dateline: PlaceMention | None
) -> Location:
    """The location a chosen mention stands for: a country at the story's town, a part of a place ("eastern
    Ukraine"), "the Russian capital", "12 km north of X", a part inside its named container."""
    body = [(p, s) for p, s in spans if p is not dateline]
    town = _focus_town(chosen, body, dateline) if chosen.feature == "country" else None
    if town is not None:  # the text says only the country: the story's town stands for it on a map
        return to_location(town).model_copy(update={"precision": "country", "feature": STORY_TOWN})
    span = next((s for p, s in spans if p is chosen), None)
    chosen, span = _container(chosen, span, spans)
    said = _part_of(chosen, span) or _capital_said(chosen, span) or _bearing_from(chosen, span)
    return said or to_location(chosen)


def carried(last: Location, doc: Doc, places: list[PlaceMention]) -> Location:
    """Where a sentence that names no place happened: where the story just was (``last``), unless that
    was in another country than the town the story is set in; then it was a place talked about
    ("sanctions on Russia" in a story from Bautzen), and the act happened in the story's town."""
    town = story_town(doc, places)
    return to_location(town) if town is not None and _talked_about(last.country, town) else last


def _talked_about(country: str | None, town: PlaceMention) -> bool:
    """Is a place of ``country`` one the story only talks about: another country than its town's?"""
    return country is not None and country != town.country


_UNITS = {"km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "miles": 1.609, "mile": 1.609}


def _bearing_from(place: PlaceMention, span: Span | None) -> Location | None:
    """ "about 12 km north of Oicha": the point that far that way from the town, not the town itself."""
    if span is None or place.lat is None or place.lon is None or span.start < 4:
        return None
    if PRECISION.get(place.feature or "", "city") != "city":
        return None
    doc = span.doc
    of, way, unit, number = (doc[span.start - k] for k in range(1, 5))
    if of.lower_ != "of" or way.lower_ not in _PARTS or unit.lower_ not in _UNITS or not number.like_num:
        return None
    try:
        distance = float(number.text.replace(",", "")) * _UNITS[unit.lower_]
    except ValueError:
        return None
    if not 0 < distance <= 500:
        return None
    lat, lon = _towards(place.lat, place.lon, _PARTS[way.lower_], distance)
    return Location(
        name=f"{number.text} {unit.text} {way.text} of {place.name}",
        country=place.country,
        lat=round(lat, 4),
        lon=round(lon, 4),
        precision="city",
        feature="locality",
    )


_TOWARDS = {"to", "toward", "towards"}


def _bound_for(span: Span, trigger: Token) -> bool:
    """Is the place where something other than the act itself goes ("restrictions on flights to Cuba",
    "departed Tripoli on a flight to Rwanda", "shut the pipeline to Zawiya", "retreating towards the
    border")? Not the act's own destination: "deployed troops to Ndombi" is placed there."""
    own = {trigger.i, trigger.head.i} if trigger.pos_ in ("NOUN", "PROPN") else {trigger.i}
    for token in span.root.ancestors:
        if token.i == trigger.i:
            return False
        if token.dep_ == "prep" and token.lower_ in _TOWARDS:
            return token.head.i not in own
    return False


def _topic_or_place(
    chosen: PlaceMention, spans: list[tuple[PlaceMention, Span]], dateline: PlaceMention | None
) -> PlaceMention:
    """A country the sentence only talks about ("thanked the people of Japan", "channels to Turkey"), in
    no phrase of place, is a topic; the act happened where the story is datelined, when that is elsewhere."""
    span = next((s for p, s in spans if p is chosen), None)
    if dateline is None or span is None or chosen.feature not in ("country", "region"):
        return chosen
    if _at_place(span) or dateline.country == chosen.country:
        return chosen
    return dateline


def _container(
    place: PlaceMention, span: Span | None, spans: list[tuple[PlaceMention, Span]]
) -> tuple[PlaceMention, Span | None]:
    """ "the Oleksandrivskyi district of Zaporizhzhia": a part named with its container lies in it; if the
    part was read as a place far from the container (a namesake elsewhere), the container is the place."""
    if span is None or span.end + 2 >= len(span.doc):
        return place, span
    doc = span.doc
    noun, of = doc[span.end], doc[span.end + 1]
    if not (noun.lower_ in _WITHIN or noun.lower_ in _PART_NOUNS) or of.lower_ != "of":
        return place, span
    start = span.end + 2 + (doc[span.end + 2].lower_ == "the")
    outer = next(((p, s) for p, s in spans if s.start == start), None)
    if outer is None or _near(place, outer[0]):
        return place, span
    return outer


_PART_NOUNS = {"governorate", "oblast", "county", "municipality", "raion", "ward", "wards", "quarter",
               "township", "sector", "commune", "department", "prefecture", "subdivision", "chiefdom",
               "neighbourhood", "neighborhood"}  # fmt: skip


def _near(inner: PlaceMention, outer: PlaceMention) -> bool:
    """Could ``inner`` lie in ``outer``: same country and within its extent (50 km for a town)?"""
    if outer.feature == "country":
        return inner.country == outer.country
    if None in (inner.lat, inner.lon, outer.lat, outer.lon):
        return inner.country == outer.country
    reach = max(outer.radius_km or 0.0, 50.0)
    return great_circle_km(inner.lat, inner.lon, outer.lat, outer.lon) <= reach  # type: ignore[arg-type]


STORY_TOWN = "story town"  # the feature of a country-level location drawn at the town the story is set in


def _focus_town(
    country: PlaceMention, spans: list[tuple[PlaceMention, Span]], dateline: PlaceMention | None
) -> PlaceMention | None:
    """The town a story about ``country`` is set in: its dateline's city if in that country, else the city
    of that country it names most (twice at least). An act the text places only in the country is drawn
    there, as ACLED draws a country-level event at a representative place (its geo_precision 3): the
    location keeps precision "country" and says where its point comes from (feature "story town")."""
    if dateline is not None and dateline.feature == "city" and dateline.country == country.country:
        return dateline
    towns = [p for p, s in spans if p.feature == "city" and p.country == country.country and not _is_actor(s)]
    counts = Counter(p.name for p in towns)
    if not counts or counts.most_common(1)[0][1] < 2:
        return None
    name = counts.most_common(1)[0][0]
    return next(p for p in towns if p.name == name)


def story_town(doc: Doc, places: list[PlaceMention]) -> PlaceMention | None:
    """The town the story is set in: its dateline's city, else the city it names most (twice at least,
    not as a party: "Washington said" does not count); only if it lies in the country the story names
    most (a story of Colombia's peace talks datelined Havana is not set in Cuba)."""
    spans = [(p, s) for p, s in _spans(doc, places) if not _is_actor(s)]
    countries = Counter(p.country for p, _ in spans if p.country)
    if not countries:
        return None
    focus = countries.most_common(1)[0][0]
    dateline = _dateline(spans)
    if dateline is not None and dateline.feature == "city":
        return dateline if dateline.country == focus else None
    towns = [p for p, s in spans if p.feature == "city" and p.country == focus]
    counts = Counter((p.name, p.country) for p in towns)
    if not counts or counts.most_common(1)[0][1] < 2:
        return None
    name = counts.most_common(1)[0][0]
    return next(p for p in towns if (p.name, p.country) == name)


def capital_of(country: str | None) -> Location | None:
    """The national capital of a country (ISO3), as a city-level location: where a national government,
    parliament or court acts when the text names no place ("Iran's judiciary issued warrants")."""
    gaz = _gazetteer()
    row = _capital_rows().get(country or "")
    if row is None:
        return None
    return Location(
        name=display_name(gaz.names[row]),
        country=country,
        lat=round(gaz.lats[row], 5),
        lon=round(gaz.lons[row], 5),
        precision="city",
        geonames_id=gaz.gids[row] or None,
        feature="city",
    )


def names_country(name: str, country: str | None) -> bool:
    """Is ``name`` one of the names of the country ``country`` (ISO3): "Iran", "the United States"?"""
    gaz = _gazetteer()
    row = gaz.country_rows.get(country or "")
    key = normalize(name.removeprefix("the ").removeprefix("The "))
    return row is not None and row in gaz.rows(key)


@cache
def _capital_rows() -> dict[str, int]:
    gaz = _gazetteer()
    return {gaz.country_of(row) or "": row for row in gaz.capitals}


def _capital_said(place: PlaceMention, span: Span | None) -> Location | None:
    """ "the Russian capital", "Iran's capital": the capital of the country named before the word."""
    if place.feature != "country" or span is None or span.end >= len(span.doc):
        return None
    after = span.doc[span.end]
    if after.tag_ == "POS" and span.end + 1 < len(span.doc):
        after = span.doc[span.end + 1]
    return capital_of(place.country) if after.lemma_.lower() == "capital" else None


# compass words and the bearing of the part they name (degrees from north); "central" has none
_PARTS = {"north": 0, "northern": 0, "northeast": 45, "north-east": 45, "northeastern": 45, "east": 90,
          "eastern": 90, "southeast": 135, "south-east": 135, "southeastern": 135, "south": 180,
          "southern": 180, "southwest": 225, "south-west": 225, "southwestern": 225, "west": 270,
          "western": 270, "northwest": 315, "north-west": 315, "northwestern": 315,
          "central": None}  # fmt: skip
_EXTENTS = ("country", "admin1", "region", "sea")


def _part_of(place: PlaceMention, span: Span | None) -> Location | None:
    """ "eastern Ukraine", "the southern Red Sea", "northern Gaza": the part named, not the whole: a point
    half the place's radius toward that side (the middle, for "central") and half its radius, so a map
    draws the part; a region-level location of the place's country."""
    if span is None or place.feature not in _EXTENTS or place.lat is None or place.lon is None:
        return None
    first = span[0].lower_
    word = first if first in _PARTS and len(span) > 1 else None
    if word is None and span.start > 0 and span.doc[span.start - 1].lower_ in _PARTS:
        word = span.doc[span.start - 1].lower_
    radius = place.radius_km
    if word is None or not radius or place.name.lower().startswith(word):  # "North Korea", "Central Asia"
        return None
    lat, lon = _towards(place.lat, place.lon, _PARTS[word], radius / 2)
    return Location(
        name=f"{word} {place.name}",
        country=place.country,
        lat=round(lat, 4),
        lon=round(lon, 4),
        precision="region",
        feature="region",
        radius_km=round(radius / 2, 1),
    )


def _towards(lat: float, lon: float, bearing: float | None, distance: float) -> tuple[float, float]:
    """The point ``distance`` km from (lat, lon) on ``bearing`` (degrees); the point itself for None."""
    if bearing is None:
        return lat, lon
    north = distance * math.cos(math.radians(bearing)) / 111.2
    east = distance * math.sin(math.radians(bearing)) / (111.2 * max(0.05, math.cos(math.radians(lat))))
    return max(-90.0, min(90.0, lat + north)), (lon + east + 180.0) % 360.0 - 180.0


def main_place(places: list[PlaceMention]) -> PlaceMention | None:
    """The article's place context: the place it names most often, the first named on a tie (datelines)."""
    if not places:
        return None
    counts = Counter((p.name, p.country) for p in places)
    return max(places, key=lambda p: (counts[(p.name, p.country)], -p.start))


def _unplaced(trigger: Token, spans: list[tuple[PlaceMention, Span]]) -> bool:
    """Does a locative phrase of the act name a place we could not resolve ("near the town of Kawlin")?"""
    covered = {i for _, s in spans for i in range(s.start, s.end)}
    heads = [trigger, *_arguments(trigger)]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(trigger.head)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE:
                continue
            for token in prep.subtree:
                if token.i in covered or token.pos_ != "PROPN":
                    continue
                town = token.head.head if token.head.lower_ == "of" else None
                if token.ent_type_ in ("GPE", "LOC") or (
                    town is not None and town.lemma_.lower() in _ANAPHORS
                ):
                    return True
    return False


def _country_of(spans: list[tuple[PlaceMention, Span]]) -> Location | None:
    """The country most of the article's places lie in, as a country-level location."""
    counts = Counter(p.country for p, _ in spans if p.country)
    if not counts:
        return None
    code = counts.most_common(1)[0][0]
    gaz = _gazetteer()
    row = gaz.country_rows.get(code)
    name = gaz.names[row] if row is not None else code
    return Location(
        name=name,
        country=code,
        precision="country",
        geonames_id=gaz.gids[row] or None if row is not None else None,
        feature="country",
    )


def _dateline(spans: list[tuple[PlaceMention, Span]]) -> PlaceMention | None:
    """The city of a wire dateline ("KHARKIV, May 28 (Wire) -", "SAN ANTONIO (AP) —"): a place in capitals
    that opens the article."""
    for place, span in spans[:4]:
        doc = span.doc
        if not span.text.isupper() or len(span.text) <= 2 or not _dateline_end(span):
            continue
        # at the top, or on a line of its own after a slug and headline ("(URGENT)\nYAOUNDE, Nov 22 -")
        if all(t.is_space for t in doc[: span.start]) or "\n" in doc[span.start - 1].text_with_ws:
            return place
    return None


def _dateline_end(span: Span) -> bool:
    """Does a dateline's punctuation follow the city: "KHARKIV, May 28", "SAN ANTONIO (AP)", "SEVILLE - ",
    the end of the line? ("CAMEROON-SECURITY/" is a wire slug.) The parse stage makes a dash after a city
    with no date a full stop ("MAROUA . At least six"), spaced apart from the city as the dash was."""
    doc = span.doc
    if span.end >= len(doc):
        return True
    after = doc[span.end]
    if after.text in {",", "("} or after.is_space:
        return True
    return after.text in {"-", "—", "–", "."} and bool(span[-1].whitespace_)  # "." : the parse stage's


def _clause(trigger: Token) -> list[int]:
    """Token indices of the trigger's own phrase: its subtree, or its verb's when it is a noun."""
    head = (
        trigger.head
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX")
        else trigger
    )
    return [t.i for t in head.subtree]


def _referred(
    trigger: Token, sentence: Span, spans: list[tuple[PlaceMention, Span]], dateline: PlaceMention | None
) -> PlaceMention | None:
    """The town a bare "the city", "the capital" or "the town" of the sentence stands for: the last such
    place named before the sentence (for "the capital", a national capital first), else the dateline's."""
    word = _anaphor(sentence)
    if word is None:
        return None
    before = [
        (p, s)
        for p, s in spans
        if s.end <= sentence.start
        and p.feature == "city"
        and (s.root.dep_ == "nsubjpass" or not _is_actor(s))
    ]
    if word == "capital":
        capitals = [(p, s) for p, s in before if p.geonames_id in _capital_ids()]
        if capitals:
            return capitals[-1][0]
        if dateline is not None and dateline.geonames_id in _capital_ids():
            return dateline
    if before:
        return before[-1][0]
    return dateline if dateline is not None and dateline.feature == "city" else None


def _anaphor(sentence: Span) -> str | None:
    """ "the city", "the capital's": a town noun with a definite article and no name of its own."""
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma not in _ANAPHORS or token.pos_ != "NOUN":
            continue
        if not any(c.lower_ == "the" and c.dep_ == "det" for c in token.children):
            continue
        named = any(
            c.dep_ in ("compound", "appos", "amod") and c.pos_ == "PROPN" for c in token.children
        ) or any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PROPN" for g in c.children)
            for c in token.children
        )
        if not named and not (token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "PROPN"):
            return lemma
    return None


def _gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded once, shared with the geoparser)."""
    from sitroom.place.geoparser import Geoparser

    return Geoparser.load().gazetteer


@cache
def _capital_ids() -> frozenset[int]:
    """GeoNames ids of national capitals."""
    gaz = _gazetteer()
    return frozenset(gaz.gids[row] for row in gaz.capitals)


def _previous(sentence: Span, spans: list[tuple[PlaceMention, Span]]) -> PlaceMention | None:
    """Where the story just was: the most specific place named in the closest of the few sentences before
    this one that name a place in their own right (not as an actor)."""
    doc = sentence.doc
    earlier = [(p, s) for p, s in spans if s.end <= sentence.start and not _is_actor(s) and not _said_at(s)]
    if not earlier:
        return None
    last_sentence = earlier[-1][1].sent
    if _sentences_between(doc, last_sentence.end, sentence.start) > 2:
        return None
    named = [(p, s) for p, s in earlier if s.sent == last_sentence]
    return min(named, key=lambda ps: (_SPECIFIC.get(ps[0].feature or "", 0), ps[1].start))[0]


def _sentences_between(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if t.is_sent_start)


def _said_at(span: Span) -> bool:
    """A place where someone spoke: "officials in Kyiv said", "told reporters in Geneva"."""
    for token in span.root.ancestors:
        if token.lemma_.lower() in _SPEECH and token.pos_ == "VERB":
            return _under_subject(span.root, token)
    return False


def _sentence_of(token: Token) -> Span:
    """The token's sentence, from its root's subtree (``token.sent`` re-scans the whole document)."""
    root = token
    while root.head.i != root.i:
        root = root.head
    return token.doc[root.left_edge.i : root.right_edge.i + 1]


def _spans(doc: Doc, places: list[PlaceMention]) -> list[tuple[PlaceMention, Span]]:
    """Each place with its token span; computed once per document and list of places."""
    key = ("sitroom_place_spans", id(places), len(places))
    cached = doc.user_data.get(key)
    if cached is not None:
        return cached
    out = []
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((place, span))
    doc.user_data[key] = out
    return out


def _is_actor(span: Span) -> bool:
    """A place standing for its government or people: "Washington said", "Russia's army", "US troops"; or
    an ocean or continent used as an adjective ("the Pacific territory", "African leaders")."""
    root = span.root
    if root.dep_ in ("compound", "amod") and span.end == root.head.i and _vast(span):
        return True
    while root.dep_ in ("conj", "appos") and root.head != root:
        root = root.head  # "Kiev and Moscow traded accusations"
    if root.dep_ == "poss" and (_area_noun(root.head) or root.head.ent_type_ in ("GPE", "LOC", "FAC")):
        return False  # a place within a place: "Russia's Bryansk region", "Kharkiv's Shevchenko district"
    if root.dep_ in ("nsubj", "nsubjpass", "poss", "agent") or root.tag_ == "POS":
        return True
    if root.dep_ == "dobj" and root.head.lemma_.lower() in _ADDRESSING:
        return True  # "urged Ankara to release them"
    if span[-1].tag_ == "POS" or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
        return True  # "Russia's army"; not "Cox's Bazar", whose "'s" is inside the name
    if _backed(span):
        return True
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        if root.head.lemma_.lower() in _EVENTS_AT:
            return False  # "the Zaporizhzhia strike", "the Doha talks": where the event was
        return root.head.ent_type_ not in ("GPE", "LOC", "FAC") and not _area_noun(root.head)
    return False


def _backed(span: Span) -> bool:
    """ "US-backed", "Iran-aligned", "Saudi-led", "Addis Ababa-based": the place qualifies a party."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != "-" or span[-1].whitespace_:
        return False
    word = doc[span.end + 1]
    if word.lower_ == "based":  # "Addis Ababa-based ambassadors" were met where they are based
        return False
    return word.tag_ in ("VBN", "VBD") or (word.lower_.endswith("ed") and word.pos_ in ("ADJ", "VERB"))


# nouns of events that a place before them locates: "the Zaporizhzhia strike", "the Doha talks"
_EVENTS_AT = {"strike", "airstrike", "attack", "bombing", "blast", "explosion", "shelling", "massacre",
              "raid", "clash", "clashes", "fighting", "battle", "siege", "offensive", "shooting", "riot",
              "riots", "protest", "protests", "demonstration", "rally", "march", "talks", "summit",
              "meeting", "conference", "visit", "crackdown", "unrest"}  # fmt: skip
# (not "accord" or "truce": "the Algiers accord" is where it was signed, not where it applies)


def _vast(span: Span) -> bool:
    """Does the span name an ocean or a continent (a place wider than any event's)?"""
    key = normalize(span.text)
    gaz = _gazetteer()
    return any(gaz.kinds[r] in (CONTINENT, SEA) and gaz.radius[r] >= VAST_KM for r in gaz.rows(key))


VAST_KM = 2000.0  # oceans and continents; seas and regions are narrower


def _area_noun(token: Token) -> bool:
    """ "the Kharkiv region", "the Gaza border", "the Bignona department", "Nabatieh municipality": a
    modifier that still names the place."""
    lemma = token.lemma_.lower()
    return lemma in PLACE_NOUNS or lemma in _PART_NOUNS or lemma in _AREA_NOUNS


_AREA_NOUNS = {"crossing", "checkpoint", "sector", "front", "frontline", "region", "area", "province", "city",
               "town", "village", "district", "border", "outskirts", "coast", "oblast", "state", "county",
               "port"}  # fmt: skip


def _is_speakers(span: Span, trigger: Token) -> bool:
    """Is the place where someone spoke rather than where the act was ("officials in Kyiv said")?"""
    for token in span.root.ancestors:
        if token == trigger:
            return False
        if token.lemma_.lower() in _SPEECH and token.pos_ == "VERB":
            return not _in_subtree(trigger, token) or _under_subject(span.root, token)
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in _SPEECH:
            return True
    return False


def _in_subtree(token: Token, ancestor: Token) -> bool:
    return any(a == ancestor for a in token.ancestors)


def _under_subject(token: Token, verb: Token) -> bool:
    """Is ``token`` inside the subject of ``verb`` or a phrase attached directly to it ("said in Geneva")?
    A phrase of place fronted before the subject sets the scene of all the sentence tells ("In Baghdad, the
    ministry said it had summoned ..."), so it is not only the speaker's."""
    for child in verb.children:
        if child.dep_ == "prep" and _fronted(child, verb):
            continue
        if (
            child.dep_ in ("nsubj", "nsubjpass", "prep", "npadvmod") and _in_subtree(token, child)
        ) or child == token:
            return True
    return False


def _fronted(prep: Token, verb: Token) -> bool:
    """Does the phrase open the clause, before the verb and its subject ("In Lima, the ministry said")?"""
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return prep.lower_ in _AT and prep.i < verb.i and bool(subjects) and prep.i < min(subjects)


def _locative(trigger: Token, places: list[tuple[PlaceMention, Span]]) -> PlaceMention | None:
    """The place inside a locative phrase on the trigger, its verb, or its subject/object phrases; not
    one where something else is bound for ("departed Tripoli on a flight to the transit centre in
    Rwanda")."""
    places = [(p, s) for p, s in places if not _bound_for(s, trigger)]
    heads = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(trigger.head)  # "an attack in X" / "carried out attacks in X"
    heads.extend(_arguments(trigger))
    # a participle clause of the act says where it struck: "launched an attack on X, killing three in Y"
    verbs = [h for h in heads[:2] if h.pos_ in ("VERB", "AUX")]
    clauses = [c for v in verbs for c in v.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    found: list[PlaceMention] = []
    for head in heads:
        found.extend(_in_locatives(head, places))
        if found:
            break
    for clause in clauses:
        for head in [clause, *_arguments(clause)]:
            found.extend(_in_locatives(head, places))
    if not found:
        return None
    return _most_specific(found[0], found)


def _arguments(head: Token) -> list[Token]:
    return [
        c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "xcomp", "acl")
    ]


def _most_specific(chosen: PlaceMention, others: list[PlaceMention]) -> PlaceMention:
    """``chosen``, or the most specific of ``others`` inside it ("western Ukraine ... the city of Lviv",
    "the Line of Control in the Poonch sector")."""
    inside = [p for p in others if _SPECIFIC.get(p.feature or "", 0) < _SPECIFIC.get(chosen.feature or "", 0)]
    inside = [p for p in inside if _contains(chosen, p)]
    return min(inside, key=lambda p: _SPECIFIC.get(p.feature or "", 0)) if inside else chosen


def _contains(outer: PlaceMention, inner: PlaceMention) -> bool:
    if outer.feature == "country":
        return outer.country is not None and inner.country == outer.country
    if None in (outer.lat, outer.lon, inner.lat, inner.lon):
        return False
    radius = outer.radius_km or 25.0
    return great_circle_km(outer.lat, outer.lon, inner.lat, inner.lon) <= radius  # type: ignore[arg-type]


def _in_locatives(head: Token, places: list[tuple[PlaceMention, Span]]) -> list[PlaceMention]:
    """The most specific place of each locative phrase on ``head``."""
    found = []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE:
            inside = [p for p, s in places if _phrase_of(s.root, prep)]
            if prep.lower_ == "on":  # "sanctions on Iran" names a target; "on the outskirts of X" a place
                inside = [
                    p
                    for p, s in places
                    if _phrase_of(s.root, prep) and not (s.root.head == prep and p.feature == "country")
                ]
            if inside:
                found.append(min(inside, key=lambda p: (_SPECIFIC.get(p.feature or "", 0), p.start)))
    return found


# prepositions that say where something is: "in X", "at X", "near X" (not "on", "to", "over": targets, ways)
_AT = {"in", "at", "near", "outside", "inside", "around", "across", "within", "off", "throughout", "along",
       "nearby"}  # fmt: skip


def _at_place(span: Span) -> bool:
    """Is the place the object of a preposition of place ("in Athens", "near the town of X")?"""
    return any(a.dep_ == "prep" and a.lower_ in _AT and _phrase_of(span.root, a) for a in span.root.ancestors)


def _phrase_of(token: Token, prep: Token) -> bool:
    """Is ``token`` in the phrase of ``prep`` itself, not in a clause inside it? "on the last leg of a tour
    that also took him to Mauritania" does not place the act in Mauritania."""
    for ancestor in token.ancestors:
        if ancestor == prep:
            return True
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.dep_ in _CLAUSES:
            return False
    return False


_CLAUSES = {"relcl", "ccomp", "csubj"}


def _reached(trigger: Token, places: list[tuple[PlaceMention, Span]]) -> PlaceMention | None:
    """The place the act strikes or reaches: "shelled Kharkiv", "invaded Ukraine", "visited Kyiv"."""
    if trigger.lemma_.lower() not in _REACHING:
        return None
    for place, span in places:
        if span.root.head == trigger and span.root.dep_ in ("dobj", "pobj", "attr"):
            return place
    # "stormed the Bamunka area of Ndop", "hit the outskirts of Kharkiv": the place the object lies in
    objects = [c for c in trigger.children if c.dep_ == "dobj" and c.lemma_.lower() in _WITHIN | _PART_NOUNS]
    inside = [p for p, s in places for o in objects if _in_subtree(s.root, o)]
    return min(inside, key=lambda p: _SPECIFIC.get(p.feature or "", 0)) if inside else None

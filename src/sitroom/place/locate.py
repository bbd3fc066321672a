"""Where an event happened: which of an article's place mentions is the event's location.

The place must be where the act took place, not where it was reported: "Russian forces shelled Kharkiv, a
spokesman in Kyiv said" happened in Kharkiv. So a place only counts when the parse ties it to the act, in
this order of trust:

1. a locative phrase on the trigger or its arguments: "in Kharkiv", "near the border town of X", "on the
   outskirts of Y";
2. the place the act is done to, when the act moves or strikes: "shelled Kharkiv", "visited Kyiv";
3. the nearest other place in the sentence;
4. the article's main place (the one it names most, the dateline first on a tie).

Places that stand for an actor are never a location: the subject of a verb ("Washington said"), a
possessive or a modifier ("Russia's army", "US troops"), and places tied to whoever speaks ("officials in
Kyiv said", "told reporters in Geneva").
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from sitroom.models import Location, PlaceMention

PRECISION = {
    "city": "city",
    "facility": "city",
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
_SPECIFIC = {
    "facility": 0,
    "landmark": 0,
    "city": 0,
    "admin2": 1,
    "admin1": 2,
    "region": 3,
    "sea": 3,
    "country": 4,
}


def to_location(place: PlaceMention) -> Location:
    """FORMAT.md's location: a country-level place carries only name and country, a city its coordinates,
    a sea or region its centroid and radius."""
    precision = PRECISION.get(place.feature or "", "city")
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
        radius_km=place.radius_km if precision in ("region", "admin1", "admin2") else None,
    )


def event_location(trigger: Token, places: list[PlaceMention]) -> Location | None:
    """Where the event of `trigger` happened: the place in a locative phrase attached to the trigger (or its
    clause: "in Kharkiv", "near the border town of X", "on the outskirts of Y"), else the place the act
    strikes or reaches ("shelled Kharkiv"), else the nearest place in the same sentence that is not the place
    of a speaker ("a spokesman in Kyiv said") nor an actor ("Washington said", "Russian forces"), else the
    article's main place context; ``precision`` is "city" | "admin1" | "admin2" | "country" | "region"
    (ACLED geo_precision-like). Country-level places carry only name and country, cities coordinates, seas
    and regions a centroid and ``radius_km`` (FORMAT.md).

        >>> doc = nlp("Russian forces shelled Kharkiv on Monday, a spokesman in Kyiv said.")
        >>> event_location(doc[2], Geoparser.load().places(doc)).name
        'Kharkiv'
    """
    doc = trigger.doc
    spans = _spans(doc, places)
    literal = [(p, s) for p, s in spans if not _is_actor(s) and not _is_speakers(s, trigger)]
    sentence = trigger.sent
    in_sentence = [(p, s) for p, s in literal if sentence.start <= s.start < sentence.end]

    chosen = _locative(trigger, in_sentence) or _reached(trigger, in_sentence)
    if chosen is None and in_sentence:
        chosen = min(
            in_sentence, key=lambda ps: (abs(ps[1].root.i - trigger.i), _SPECIFIC.get(ps[0].feature or "", 0))
        )[0]
    if chosen is None:
        chosen = main_place([p for p, _ in literal])
    return to_location(chosen) if chosen is not None else None


def main_place(places: list[PlaceMention]) -> PlaceMention | None:
    """The article's place context: the place it names most often, the first named on a tie (datelines)."""
    if not places:
        return None
    counts = Counter((p.name, p.country) for p in places)
    return max(places, key=lambda p: (counts[(p.name, p.country)], -p.start))


def _spans(doc: Doc, places: list[PlaceMention]) -> list[tuple[PlaceMention, Span]]:
    out = []
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((place, span))
    return out


def _is_actor(span: Span) -> bool:
    """A place standing for its government or people: "Washington said", "Russia's army", "US troops"."""
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head != root:
        root = root.head  # "Kiev and Moscow traded accusations"
    if root.dep_ in ("nsubj", "nsubjpass", "poss", "agent") or root.tag_ == "POS":
        return True
    if any(t.tag_ == "POS" for t in span) or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
        return True
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head.ent_type_ not in ("GPE", "LOC", "FAC") and not _area_noun(root.head)
    return False


def _area_noun(token: Token) -> bool:
    """ "the Kharkiv region", "the Gaza border": a modifier that still names the place."""
    return token.lemma_.lower() in {
        "region",
        "area",
        "province",
        "city",
        "town",
        "village",
        "district",
        "border",
        "outskirts",
        "coast",
        "oblast",
        "state",
        "county",
        "port",
    }


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
    """Is ``token`` inside the subject of ``verb`` or a phrase attached directly to it ("said in Geneva")?"""
    for child in verb.children:
        if (
            child.dep_ in ("nsubj", "nsubjpass", "prep", "npadvmod") and _in_subtree(token, child)
        ) or child == token:
            return True
    return False


def _locative(trigger: Token, places: list[tuple[PlaceMention, Span]]) -> PlaceMention | None:
    """The place inside a locative phrase on the trigger, its verb, or its subject/object phrases."""
    heads = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        heads.append(trigger.head)  # "an attack in X" / "carried out attacks in X"
    for child in list(trigger.children):
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "xcomp", "acl"):
            heads.append(child)
    found: list[PlaceMention] = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE:
                inside = [p for p, s in places if _in_subtree(s.root, prep)]
                if prep.lower_ == "on":  # "sanctions on Iran" names a target; "on the outskirts of X" a place
                    inside = [
                        p
                        for p, s in places
                        if _in_subtree(s.root, prep) and not (s.root.head == prep and p.feature == "country")
                    ]
                if inside:
                    found.append(min(inside, key=lambda p: (_SPECIFIC.get(p.feature or "", 0), p.start)))
        if found:
            break
    return found[0] if found else None


def _reached(trigger: Token, places: list[tuple[PlaceMention, Span]]) -> PlaceMention | None:
    """The place the act strikes or reaches: "shelled Kharkiv", "invaded Ukraine", "visited Kyiv"."""
    if trigger.lemma_.lower() not in _REACHING:
        return None
    for place, span in places:
        if span.root.head == trigger and span.root.dep_ in ("dobj", "pobj", "attr"):
            return place
    return None

"""What fusion compares: a Mention reduced once to a Signature of cheap, comparable features.

- **type family**: the blocking key's first part; ASSAULT and COERCE share one (reports call the same act
  an attack or a use of force), every other PLOVER type is its own.
- **day window**: the days the event may have happened on, as day ordinals. From the event's ``date``
  when the coder gave one; otherwise from weekday and month-day words in the evidence ("on Saturday",
  "May 25"), resolved against the publication day; otherwise the publication day and the three days
  before it.
- **parties and place**: actor, target and location countries, named parties ("Wang Yi" of CHN), and the
  coded location's coordinates and radius. Only the coded place counts: reading cities off the evidence
  by name was tried and dropped (metonyms such as "Yerevan said", namesakes such as "Hamas" → Hamm).
- **words**: weighted word stems of the evidence, the capitalised names in it (places, people) that are
  not the parties' own words, and the numbers it gives.

Building a signature costs ~30 µs; everything fusion decides afterwards reads only signatures.

>>> sig = signature(mention)
>>> sig.family, sig.countries
('conflict', frozenset({'RUS', 'UKR'}))
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import pycountry

from sitroom.coding.dateline import find_dateline
from sitroom.fuse.models import Mention

FAMILIES = {"ASSAULT": "conflict", "COERCE": "conflict"}
#: Acts two parties do together: "A met B" and "B met A" are the same act.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "RETREAT", "CONCEDE"})
#: Days before publication an undated event may have happened on (wire copy reports within days).
PUBLISHED_LOOKBACK = 3
#: Days two windows may miss each other by and still be one event: "overnight", time zones,
#: "late on Saturday" reported as Sunday.
DAY_SLACK = 1
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")  # fmt: skip
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}


def _words(text: str, ordered: bool = False) -> Any:
    """A word list written as text: a frozenset, or a tuple when ``ordered``."""
    words = tuple(text.split())
    return words if ordered else frozenset(words)


# Word weights stand in for a corpus IDF: function words count nothing, the words every report of
# every event uses (reporting verbs, "people", "officials", generic violence words) count little,
# names and numbers count most, as they pick out one event among its look-alikes.
STOPWORDS = _words(
    """
a about above after again against all also am an and any are as at be been before being below between
both but by can could did do does doing down during each few for from further had has have having he her
here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
only or other our ours out over own same she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours said says say saying told according since amid early late
last next week day days night morning evening afternoon earlier later first second third one two three
four five six seven eight nine ten least more than around about some several many dozens hundreds
thousands including near outside inside across toward towards
"""
) | frozenset((*WEEKDAYS, *MONTHS))  # dates are read as dates (the day window), not as words
GENERIC = _words(
    """
official officials people person persons killed kill killing wounded wound injured injuring dead death
deaths toll attack attacks attacked strike strikes struck hit hits city town village area region country
government state military forces force army troops police security local national president minister
ministry spokesman spokeswoman statement report reports reported news agency media sources source
civilians civilian residents group groups leader leaders capital
"""
)
GENERIC_WEIGHT = 0.35
NAME_WEIGHT = 2.0
NUMBER_WEIGHT = 1.5
_NOT_NAMES = frozenset(
    {w.capitalize() for w in (*WEEKDAYS, *MONTHS)}
    | {"The", "A", "An", "In", "On", "At", "Of", "And", "But", "It", "He", "She", "They", "We", "Its",
       "His", "Her", "Their", "This", "That", "These", "Those", "There", "After", "Before", "As", "By",
       "For", "From", "With", "While", "When", "Some", "About", "Separately", "Meanwhile", "Mr",
       "Mrs", "Ms", "Dr", "President", "Prime", "Minister", "Foreign", "Secretary", "State", "General",
       "Gen", "Sen", "Rep", "Reuters", "AP", "AFP", "U", "S", "UN", "EU", "Wire", "News", "Monday's",
       "Tuesday's", "Wednesday's", "Thursday's", "Friday's", "Saturday's", "Sunday's"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")(?:'s)?\b", re.IGNORECASE)
# "officials said on Monday": the day of the report, not of the event
_REPORTED_ON = re.compile(
    r"\b(?:said|says|told|reported|announced|added|stated|confirmed|reporters)\s+(?:late\s+|early\s+)?"
    r"(?:on\s+)?(?:" + "|".join(WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
_RELATIVE = {"overnight": (-1, 0), "yesterday": (-1, -1), "today": (0, 0), "tonight": (0, 0)}
_RELATIVE_WORD = re.compile(r"\b(overnight|yesterday|today|tonight|weekend)\b", re.IGNORECASE)
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b"
    r"|\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen twenty",
            ordered=True,
        )
    )
}


@dataclass(slots=True)
class Signature:
    """A mention's comparable features. ``lo``/``hi`` are day ordinals (None: no date at all)."""

    id: str
    article: str
    published: int | None
    source: str | None
    type: str
    family: str
    factuality: str
    lo: int | None  # the window, without slack: two windows meet when they are DAY_SLACK apart or less
    hi: int | None
    dated: bool  # the window comes from the event's date or a date word, not publication alone
    actor: str | None
    target: str | None
    parties: dict[str, str]  # named parties by country: {"CHN": "wang yi"}
    countries: frozenset[str]
    points: tuple[tuple[float, float, float], ...]  # (lat, lon, radius km) of the coded place, if any
    place_country: str | None
    fatalities: int | None
    words: dict[str, float]  # word -> weight
    keys: frozenset[str]  # the words, for fast intersection
    norm: float  # L2 norm of the weights
    total: float  # sum of the weights
    names: frozenset[str]
    numbers: frozenset[str]

    @property
    def sort_key(self) -> tuple[int, str]:
        """Earliest first: by publication day (undated last), then id; the fused event's id is the first."""
        return (self.published if self.published is not None else 1 << 30, self.id)


def family(kind: str) -> str:
    """The blocking family of a PLOVER type."""
    return FAMILIES.get(kind, kind)


def signature(mention: Mention) -> Signature:
    """Reduce a mention to what fusion compares."""
    event = mention.event
    published = mention.published.toordinal() if mention.published else None
    lo, hi, dated = _window(mention, published)
    actor = event.actor.country if event.actor else None
    target = event.target.country if event.target else None
    location = event.location
    place_country = location.country if location is not None else None
    points: tuple[tuple[float, float, float], ...] = ()
    if (
        location is not None
        and location.lat is not None
        and location.lon is not None
        and not _country_level(location)
    ):
        points = ((location.lat, location.lon, location.radius_km or 0.0),)
    countries = frozenset(c for c in (actor, target, place_country) if c)
    # the parties' canonical names ("Ismail Haniyeh", "Hezbollah"), not their words in the text: "Kharkiv"
    # named as the target stands for Ukraine, and is still the place
    party_words = " ".join(party.name for party in (event.actor, event.target) if party)
    evidence = strip_dateline(event.evidence)
    words, names, numbers = text_features(evidence, party_words)
    norm = math.sqrt(sum(w * w for w in words.values())) or 1.0
    return Signature(
        id=event.id,
        article=mention.article_hash,
        published=published,
        source=(mention.source or "").strip().lower() or None,
        type=event.type,
        family=family(event.type),
        factuality=event.factuality,
        lo=lo,
        hi=hi,
        dated=dated,
        actor=actor,
        target=target,
        parties={
            party.country: name
            for party in (event.actor, event.target)
            if party is not None
            and party.country
            and (name := _party_name(party))
            and not is_country_word(name.split()[0])
        },
        countries=countries,
        points=points,
        place_country=place_country,
        fatalities=event.fatalities,
        words=words,
        keys=frozenset(words),
        norm=norm,
        total=sum(words.values()) or 1.0,
        names=names,
        numbers=numbers,
    )


def _party_name(actor: object) -> str | None:
    """A named party ("Wang Yi", "Hamas"), not an agent noun localised to a country ("people")."""
    name = getattr(actor, "name", None)
    return name.lower() if name and name[:1].isupper() else None


def _country_level(location: object) -> bool:
    return (
        getattr(location, "feature", None) == "country" or getattr(location, "precision", None) == "country"
    )


def _window(mention: Mention, published: int | None) -> tuple[int | None, int | None, bool]:
    """The days the event may have happened on (see the module docstring)."""
    span = mention.event.date
    if span is not None and span.precision != "published":
        return span.start.toordinal(), span.end.toordinal(), True
    if mention.published is None:
        return None, None, False
    evidence = strip_dateline(mention.event.evidence)
    days = date_hints(evidence, mention.published, mention.event.factuality == "expected")
    if days:
        return min(days), max(days), True
    if mention.event.factuality in ("expected", "hypothetical"):
        return published, published + 30, False
    return published - PUBLISHED_LOOKBACK, published, False


def strip_dateline(text: str) -> str:
    """Drop a wire dateline ("KYIV, July 8 (Sitroom Wire) - "): where and when it was filed, by whom.
    The dateline is the one the coder finds (:func:`sitroom.coding.dateline.find_dateline`).

    >>> strip_dateline("KYIV, July 8 (Sitroom Wire) - A missile struck a hospital.")
    'A missile struck a hospital.'
    """
    dateline = find_dateline(text)
    return text[dateline.end :] if dateline else text


def date_hints(text: str, published: date, future: bool = False) -> list[int]:
    """Days named in a sentence by weekday or month and day, resolved against the publication day.

    A stopgap until every event carries a coded date: the resolver in ``attributes.dates`` knows which
    date belongs to which verb; this only lists the days a sentence names.

    >>> date_hints("Bombs hit Kharkiv on Saturday, officials said on Sunday.", date(2024, 5, 26))
    [739032, 739033]
    """
    days = set()
    reported = {m.end() for m in _REPORTED_ON.finditer(text)}
    for match in _WEEKDAY.finditer(text):
        if match.end(1) in reported:
            continue
        weekday = WEEKDAYS.index(match.group(1).lower())
        if future:
            days.add((published + timedelta(days=(weekday - published.weekday()) % 7)).toordinal())
        else:
            days.add((published - timedelta(days=(published.weekday() - weekday) % 7)).toordinal())
    for match in _MONTH_DAY.finditer(text):
        month_word, day_text = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
        month = _MONTH_ABBR.get(month_word.lower()[:4], _MONTH_ABBR.get(month_word.lower()[:3]))
        day = int(day_text)
        if month is None or not 1 <= day <= 31:
            continue
        try:
            found = date(published.year, month, day)
        except ValueError:
            continue
        if (found - published).days > 60:  # "December 30" read in January
            found = found.replace(year=found.year - 1)
        days.add(found.toordinal())
    for match in _RELATIVE_WORD.finditer(text):
        word = match.group(1).lower()
        if word == "weekend":  # the last Saturday and Sunday (the coming ones for planned events)
            saturday = published - timedelta(days=(published.weekday() - 5) % 7)
            if future and saturday < published:
                saturday += timedelta(days=7)
            days.update((saturday.toordinal(), saturday.toordinal() + 1))
        elif not future:
            first, last = _RELATIVE[word]
            days.update((published.toordinal() + first, published.toordinal() + last))
    return sorted(days)


def text_features(
    text: str, party_words: str = ""
) -> tuple[dict[str, float], frozenset[str], frozenset[str]]:
    """Weighted word stems, names and numbers of an evidence sentence.

    Names are capitalised words that are neither sentence furniture ("The", "Monday") nor words of the
    parties (``party_words``) nor countries and their adjectives ("Russian"): what is left is mostly
    places and people, the words that tell one strike from another.
    """
    party = {w.lower() for w in _WORD.findall(party_words)}
    weights: dict[str, float] = {}
    names: set[str] = set()
    numbers: set[str] = set()
    for position, token in enumerate(_WORD.findall(text)):
        if token[0].isdigit():
            value = token.replace(",", "")
            numbers.add(value)
            weights["#" + value] = weights.get("#" + value, 0.0) + NUMBER_WEIGHT
            continue
        if token.endswith("'s") or token.endswith("s'"):
            token = token[:-2] if token.endswith("'s") else token[:-1]
        lower = token.lower()
        if lower in _NUMBER_WORDS:
            numbers.add(str(_NUMBER_WORDS[lower]))
            continue
        if lower in STOPWORDS or len(lower) < 2:
            continue
        is_name = (
            token[0].isupper()
            and token not in _NOT_NAMES
            and lower not in party
            and not is_country_word(lower)
            and (position > 0 or not token.istitle() or lower not in GENERIC)
        )
        if is_name:
            names.add(lower)
            weights["@" + lower] = weights.get("@" + lower, 0.0) + NAME_WEIGHT
            continue
        stem = _stem(lower)
        weight = GENERIC_WEIGHT if lower in GENERIC or stem in GENERIC else 1.0
        weights[stem] = weights.get(stem, 0.0) + weight
    return weights, frozenset(names), frozenset(numbers)


def cosine(a: Signature, b: Signature) -> float:
    """Cosine of the two sentences' weighted words."""
    x, y = (a.words, b.words) if len(a.words) <= len(b.words) else (b.words, a.words)
    return sum(w * y.get(k, 0.0) for k, w in x.items()) / (a.norm * b.norm)


def overlap(a: Signature, b: Signature) -> float:
    """The weight the two sentences share, over the lighter one's: a short restatement of a long lead
    ("The two met in Tel Aviv.") shares most of what it says."""
    x, y = a.words, b.words
    shared = 0.0
    for key in a.keys & b.keys:
        u, v = x[key], y[key]
        shared += u if u < v else v
    return shared / min(a.total, b.total)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude suffix stripper: bombs/bombed/bombing -> bomb; enough to match a report's inflections."""
    for suffix in ("ings", "ing", "ies", "ied", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                stem += "y"
            if len(stem) > 4 and stem[-1] == stem[-2]:  # "shelled" -> "shell", "planned" -> "plan"
                stem = stem if stem.endswith("ll") else stem[:-1]
            return stem
    return word


@lru_cache(maxsize=1)
def _country_stems() -> frozenset[str]:
    stems = set()
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                first = name.split(",")[0].split()[0].lower()
                if len(first) >= 4:
                    stems.add(first[:5] if len(first) >= 5 else first)
    return frozenset(stems)


@lru_cache(maxsize=65536)
def is_country_word(word: str) -> bool:
    """A country name or its adjective ("russia", "russian", "ukrainian", "chinese"): party words."""
    if len(word) < 4:
        return False
    stems = _country_stems()
    return word[:5] in stems or word[:4] in stems or word in _DEMONYMS


_DEMONYMS = _words(
    "american british chinese french german dutch swiss turkish greek filipino thai lao afghan pakistani "
    "israeli palestinian lebanese sudanese somali congolese yemeni iraqi kenyan nigerian malian haitian "
    "bangladeshi venezuelan georgian armenian azerbaijani egyptian iranian syrian saudi emirati qatari "
    "jordanian ukrainian russian belarusian polish spanish japanese korean indian houthi"
)

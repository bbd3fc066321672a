"""What fusion compares: a Mention reduced once to a Signature of cheap, comparable features.

- **type family**: the blocking key's first part; ASSAULT and COERCE share one (reports call the same act
  an attack or a use of force), every other PLOVER type is its own. The mode's **kind of act**
  (:data:`MODE_KINDS`: a missile is "aerial" in one report and "explosives" in another, both ranged
  weapons; an abduction is another kind) tells two acts of one type apart.
- **day window**: the days the event may have happened on, as day ordinals. From the event's ``date``
  when the sentence states it; a coded date the sentence does not state (carried from another sentence,
  a dateline, the day something was said or a toll rose) widens to the days the sentence names; a long
  span ("since 2005", "October") gives way to them. Otherwise from weekday and month-day words in the
  evidence ("on Saturday", "May 25"), resolved against the publication day; otherwise the publication
  day and the three days before it. ``date_read`` says whether the sentence itself gave the window.
- **parties and place**: actor, target and location countries, named parties ("Wang Yi" of CHN), the
  coded location's coordinates and radius, and whether the sentence names that place (``place_read``)
  and which countries it names. The coded place is the place: names in the evidence never replace it
  (metonyms such as "Yerevan said", namesakes such as "Hamas" → Hamm), they only tell fusion how sure the
  coded one is (:mod:`sitroom.fuse.match`).
- **words**: weighted word stems of the evidence, the capitalised names in it (places, people) that are
  not the parties' own words, the numbers it gives (and whether the coded toll is one of them).

Building a signature costs ~60 µs; everything fusion decides afterwards reads only signatures.

>>> sig = signature(mention)
>>> sig.family, sig.countries
('conflict', frozenset({'RUS', 'UKR'}))
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import pycountry

from sitroom.coding.dateline import strip_datelines
from sitroom.fuse.models import Mention
from sitroom.models import DateSpan

FAMILIES = {"ASSAULT": "conflict", "COERCE": "conflict"}
#: Modes that name one kind of act however a report words it: a missile strike is "aerial" in one report,
#: "heavy-weapons" or "explosives" in another; police fire on a crowd is "firearms" or "crowd-control".
#: Modes of two different kinds (an abduction and a shelling) are two acts (``match.Rules.mode_penalty``).
MODE_KINDS = {
    **dict.fromkeys(("aerial", "drone", "heavy-weapons", "explosives", "suicide-attack"), "ranged"),
    **dict.fromkeys(("firearms", "crowd-control"), "gunfire"),
    **dict.fromkeys(("beat", "primitive"), "hand"),
}
#: COERCE modes that name an act no report tells as an assault: an arrest, a curfew or a ban is never the
#: bombing or the shooting it followed, whichever report tells which (``match``: "kind of act").
UNARMED_COERCION = frozenset({"arrest", "deport", "censor", "curfew", "martial-law", "restrict", "withhold"})
#: Acts two parties do together: "A met B" and "B met A" are the same act.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "RETREAT", "CONCEDE"})
#: Days before publication an undated event may have happened on (wire copy reports within days).
PUBLISHED_LOOKBACK = 3
#: Days two windows may miss each other by and still be one event: "overnight", time zones,
#: "late on Saturday" reported as Sunday.
DAY_SLACK = 1
#: A coded date longer than this many days ("October", "in 2014", "since 2005") dates no single act: it is
#: background or a span, and the sentence's own day words (or the publication days) date the act instead.
LONG_SPAN = 7
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
# "officials said on Monday", "the toll rose to nine on Friday": the day of a report or of a count, not
# of the event
_REPORTED_ON = re.compile(
    r"\b(?:(?:said|says|told|reported|announced|added|stated|confirmed|reporters|made\s+public|published"
    r"|issued|released)"
    r"|(?:rose|risen|climbed|reached|jumped|increased)\s+to\s+(?:at\s+least\s+)?[\w,.-]+)"
    r"\s+(?:late\s+|early\s+)?(?:on\s+)?(?:" + "|".join(WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
#: A sentence about what came after an act: the wounded who died later in a hospital, a toll that rose.
#: Its place may be the hospital's town, its day the day of the deaths or of the count, and its toll the
#: later deaths alone ("after three of the injured died in the Madina hospital"), not the act's.
_AFTERMATH = re.compile(
    r"\b(?:hospital|clinic|succumb\w*|died\s+(?:of|from)\s+(?:\w+\s+)?(?:injuries|wounds)"
    r"|toll\b[^.;]{0,80}?\b(?:rose|risen|rises|climbed|reached|jumped|increased|now\s+stands|arrived))",
    re.IGNORECASE,
)
#: A party's denial or rebuttal of an account ("rejected what it called fabrications", "said its forces
#: did not target any civilian site"): the coder may code the act it denies, but the sentence tells of the
#: denial, and one side's word about another act of the day reads much like it.
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ial)|reject(?:s|ed)?|fabricat\w*|propaganda|disinformation|fake\s+news"
    r"|did\s+not\s+(?:target|attack|strike|shell|bomb|fire|kill)|(?:hit|targeted)\s+only)\b",
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
    mode_kind: str | None  # the kind of act its mode names (:data:`MODE_KINDS`; an unlisted mode is its own)
    factuality: str
    lo: int | None  # the window, without slack: two windows meet when they are DAY_SLACK apart or less
    hi: int | None
    dated: bool  # the window comes from the event's date or a date word, not publication alone
    date_read: bool  # … and the sentence itself says it (not a date carried from elsewhere, not a dateline)
    background: bool  # the sentence dates it by a long span only ("since late 2021"): a state, no one act
    actor: str | None
    target: str | None
    parties: dict[str, str]  # named parties by country: {"CHN": "wang yi"}
    countries: frozenset[str]
    points: tuple[tuple[float, float, float], ...]  # (lat, lon, radius km) of the coded place, if any
    place_country: str | None
    place: tuple[str, ...]  # the coded place's name as words ("el wak" -> "wak"); () for none
    place_read: bool  # the sentence names its coded place (not a place carried from elsewhere)
    fatalities: int | None
    toll_read: bool  # the sentence gives its toll as a number (not a figure carried from elsewhere)
    words: dict[str, float]  # word -> weight
    keys: frozenset[str]  # the words, for fast intersection
    norm: float  # L2 norm of the weights
    total: float  # sum of the weights
    names: frozenset[str]
    numbers: frozenset[str]
    tokens: str  # its words of 3+ letters but function words, lower-cased, " a b c ": where names are found
    opener: str  # the sentence's first word, lower-cased: capitalised as an opener, not as a name
    named_countries: frozenset[str]  # the countries the sentence names ("Russian missiles": RUS)
    aftermath: bool  # the sentence tells what came after the act (the wounded died, the toll rose)
    denial: bool  # the sentence denies or rejects an account ("denied that its forces fired"): a party's word

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
    evidence = strip_datelines(event.evidence)
    lo, hi, dated, date_read = _window(mention, evidence, published)
    actor = event.actor.country if event.actor else None
    target = event.target.country if event.target else None
    location = event.location
    place_country = location.country if location is not None else None
    points: tuple[tuple[float, float, float], ...] = ()
    if location is not None and _on_earth(location) and not _country_level(location):
        radius = location.radius_km if location.radius_km and math.isfinite(location.radius_km) else 0.0
        points = ((location.lat, location.lon, radius),)
    countries = frozenset(c for c in (actor, target, place_country) if c)
    # the parties' canonical names ("Ismail Haniyeh", "Hezbollah"), not their words in the text: "Kharkiv"
    # named as the target stands for Ukraine, and is still the place
    party_words = " ".join(party.name for party in (event.actor, event.target) if party)
    found = _WORD.findall(evidence)
    words, names, numbers = text_features(evidence, party_words, found)
    content = {lower for token in found if (lower := token.lower()) not in STOPWORDS and len(lower) > 2}
    tokens = " " + " ".join(content) + " "
    place = place_words(location.name) if location is not None else ()
    norm = math.sqrt(sum(w * w for w in words.values())) or 1.0
    return Signature(
        id=event.id,
        article=mention.article_hash,
        published=published,
        source=(mention.source or "").strip().lower() or None,
        type=event.type,
        family=family(event.type),
        mode_kind=MODE_KINDS.get(event.mode, event.mode) if event.mode else None,
        factuality=event.factuality,
        lo=lo,
        hi=hi,
        dated=dated,
        date_read=date_read,
        background=not dated and _background(event.date, evidence),
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
        place=place,
        place_read=not place or names_place(tokens, place, loose=not points),
        fatalities=event.fatalities,
        toll_read=event.fatalities is None or str(event.fatalities) in numbers,
        words=words,
        keys=frozenset(words),
        norm=norm,
        total=sum(words.values()) or 1.0,
        names=names,
        numbers=numbers,
        tokens=tokens,
        opener=found[0].lower() if found else "",
        named_countries=countries_named(content),
        aftermath=_AFTERMATH.search(evidence) is not None,
        denial=_DENIAL.search(evidence) is not None,
    )


def _party_name(actor: object) -> str | None:
    """A named party ("Wang Yi", "Hamas"), not an agent noun localised to a country ("people")."""
    name = getattr(actor, "name", None)
    return name.lower() if name and name[:1].isupper() else None


def _on_earth(location: Any) -> bool:
    """Whether the place has coordinates a map can hold: an event read from a foreign file may carry
    none, NaN, infinities or a latitude of 200, and such a point must not place (or crash) fusion."""
    lat, lon = location.lat, location.lon
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def _country_level(location: object) -> bool:
    return (
        getattr(location, "feature", None) == "country" or getattr(location, "precision", None) == "country"
    )


Window = tuple[int | None, int | None, bool, bool]  # lo, hi, dated, read from the sentence


def _window(mention: Mention, evidence: str, published: int | None) -> Window:
    """The days the event may have happened on (see the module docstring).

    A coded date the sentence does not state (carried from another sentence, a dateline or a reporting
    day: "officials said on Tuesday") widens to the days the sentence names ("on the day of Tuesday",
    "on the night of 5 to 6 June"); a long span ("since 2005", "October") gives way to them, or to the
    publication days when the sentence names none.
    """
    event = mention.event
    span = event.date
    coded = span is not None and span.precision != "published"
    if coded and span.end.toordinal() - span.start.toordinal() <= LONG_SPAN and _stated(span, evidence):
        return span.start.toordinal(), span.end.toordinal(), True, True
    future = event.factuality == "expected"
    days = date_hints(evidence, mention.published, future) if mention.published else []
    if coded:
        window = _unstated_window(span, days)
        if window is not None or published is None:
            return window or (span.start.toordinal(), span.end.toordinal(), True, False)
    if published is None:
        return None, None, False, False
    if days:
        return min(days), max(days), True, True
    if event.factuality in ("expected", "hypothetical"):
        return published, published + 30, False, False
    return published - PUBLISHED_LOOKBACK, published, False, False


def _unstated_window(span: DateSpan, days: list[int]) -> Window | None:
    """The window of a coded date the sentence does not state, widened to the sentence's own days; None
    when it is a long span or far from them (the sentence's days, or publication, date the act)."""
    lo, hi = span.start.toordinal(), span.end.toordinal()
    if hi - lo > LONG_SPAN:
        return None
    if not days:
        return lo, hi, True, False
    lo, hi = min(lo, *days), max(hi, *days)
    return (lo, hi, True, False) if hi - lo <= LONG_SPAN else None


def _stated(span: DateSpan, evidence: str) -> bool:
    """Whether the sentence gives the coded date itself (a date read without its words counts as given)."""
    return span.text is None or _states_date(evidence, span.text)


def _background(span: DateSpan | None, evidence: str) -> bool:
    """A coded span longer than :data:`LONG_SPAN` that the sentence states itself ("have been carrying out
    joint operations since late 2021"): background or a state of affairs, not one day's act."""
    return (
        span is not None
        and span.precision != "published"
        and span.end.toordinal() - span.start.toordinal() > LONG_SPAN
        and span.text is not None
        and _states_date(evidence, span.text)
    )


def _states_date(evidence: str, text: str) -> bool:
    """Whether the sentence itself gives the date ``text`` (and not as the day something was said)."""
    return text.lower() in _REPORTED_ON.sub(" ", evidence).lower()


def place_words(name: str) -> tuple[str, ...]:
    """A place name as the words that pick it out ("El Wak" -> ("wak",); "Ak-Say" -> ("ak-say",)).

    >>> place_words("Nakuru Central Police Station")
    ('nakuru', 'central', 'police', 'station')
    """
    words = tuple(word.lower() for word in _WORD.findall(name))
    return tuple(word for word in words if len(word) >= 3 and word not in ("the", "and")) or words


def names_place(words: str, place: tuple[str, ...], loose: bool = False) -> bool:
    """Whether a sentence's words (" a b c ", as :attr:`Signature.tokens`) name a place, allowing for
    spelling (Zaporizhzhia, Zaporizhzhya; Ak-Sai, Ak-Say): every word of the name is a word of the
    sentence, or shares its first five letters with one of about its length; ``loose`` (a country, a
    region) takes any length ("Kyrgyz" names Kyrgyzstan).

    >>> names_place(" missiles hit zaporizhzhia ", ("zaporizhzhya",))
    True
    """
    return bool(place) and all(f" {word} " in words or _spelt_alike(word, words, loose) for word in place)


def _spelt_alike(word: str, words: str, loose: bool) -> bool:
    if len(word) < 5:
        return False
    head, slack = " " + word[:5], 99 if loose else 2
    start = words.find(head)
    while start != -1:
        end = words.index(" ", start + 1)
        if abs(end - start - 1 - len(word)) <= slack:
            return True
        start = words.find(head, end)
    return False


def sentence_names(sig: Signature, place: tuple[str, ...], loose: bool) -> bool:
    """Whether the sentence of ``sig`` names a place (:func:`names_place`)."""
    return names_place(sig.tokens, place, loose)


def date_hints(text: str, published: date, future: bool = False) -> list[int]:
    """Days named in a sentence by weekday or month and day, resolved against the publication day.

    A stopgap until every event carries a coded date: the resolver in ``attributes.dates`` knows which
    date belongs to which verb; this only lists the days a sentence names.

    >>> date_hints("Bombs hit Kharkiv on Saturday, officials said on Sunday.", date(2024, 5, 26))
    [739031]
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
    text: str, party_words: str = "", found: list[str] | None = None
) -> tuple[dict[str, float], frozenset[str], frozenset[str]]:
    """Weighted word stems, names and numbers of an evidence sentence.

    Names are capitalised words that are neither sentence furniture ("The", "Monday") nor words of the
    parties (``party_words``) nor countries and their adjectives ("Russian"): what is left is mostly
    places and people, the words that tell one strike from another. ``found``: the text's words, when
    the caller has them already.
    """
    party = {w.lower() for w in _WORD.findall(party_words)}
    weights: dict[str, float] = {}
    names: set[str] = set()
    numbers: set[str] = set()
    for position, token in enumerate(_WORD.findall(text) if found is None else found):
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
def _country_codes() -> dict[str, frozenset[str]]:
    """The first letters of each country's name (5, or 4 for short names) -> the countries it may be:
    "russi" -> RUS, "niger" -> NER and NGA."""
    codes: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            words = [w for w in (name or "").split(",")[0].lower().split() if w not in _NAME_FURNITURE]
            if words and len(words[0]) >= 4:
                codes.setdefault(words[0][:5], set()).add(country.alpha_3)
    return {stem: frozenset(found) for stem, found in codes.items()}


#: Words that open country names without telling which ("North Korea", "United Arab Emirates").
_NAME_FURNITURE = frozenset(
    ("north", "northern", "south", "southern", "east", "west", "united", "saint", "republic", "democratic",
     "central", "new", "equatorial", "the")
)  # fmt: skip


@lru_cache(maxsize=1)
def _country_stems() -> frozenset[str]:
    """First letters of countries' first words, "north" and "united" included: party words, not names."""
    stems = set()
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                first = name.split(",")[0].split()[0].lower()
                if len(first) >= 4:
                    stems.add(first[:5] if len(first) >= 5 else first)
    return frozenset(stems)


def countries_named(tokens: Iterable[str]) -> frozenset[str]:
    """The countries a sentence names, by name or adjective ("Russian", "Ukraine's"), as ISO codes.

    >>> sorted(countries_named({"russian", "missiles", "ukrainian", "city"}))
    ['RUS', 'UKR']
    """
    found: set[str] = set()
    for token in tokens:
        if len(token) >= 4:
            found.update(_country_of(token))
    return frozenset(found)


@lru_cache(maxsize=65536)
def _country_of(word: str) -> frozenset[str]:
    codes = _country_codes()
    return codes.get(word[:5]) or codes.get(word[:4]) or frozenset()


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

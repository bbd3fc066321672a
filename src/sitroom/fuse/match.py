"""The decision: are two mentions reports of one event?

Two steps, both on signatures:

1. :func:`conflict` names a reason a careful analyst would keep two mentions apart, whatever their
   wording: types of different families, day windows that do not meet, places too far apart (or in
   different countries), both parties different, fatality figures that cannot be one event's. A
   conflict is never outweighed.
2. :func:`score` weighs the evidence: the cosine of the two sentences' weighted words, plus bonuses for a
   shared name (a place, a person), the same place and the same day, minus penalties for names that
   differ, a different target or actor, a different type within a family.

Mentions of one article link on weaker evidence (an article that restates its lead names the act again
with fewer details), mentions of two articles on stronger; :class:`Rules` holds every threshold, set
on the dev half of ``tests/data/fusion`` (see docs/accuracy.md, "Fusion").
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.fuse.features import DAY_SLACK, SYMMETRIC_TYPES, Signature, cosine, overlap
from sitroom.geo import great_circle_km


@dataclass(frozen=True)
class Rules:
    """Thresholds and weights of the decision."""

    link: float = 0.25  # score needed to link mentions of two articles
    link_same_article: float = 0.0  # … of one article (a restated lead)
    km_apart: float = 40.0  # two points further apart than this (plus their radii) are two places
    km_same: float = 5.0  # … closer than this are one place (Nuseirat and Gaza City are 9 km apart)
    name_bonus: float = 0.15
    name_clash: float = 0.05
    place_bonus: float = 0.15
    day_bonus: float = 0.10
    party_penalty: float = 0.15  # per role (actor, target) whose countries differ
    counterpart_penalty: float = 0.30  # two named parties of one country ("Wang Yi", "Xi Jinping") differ
    type_penalty: float = 0.10  # ASSAULT vs COERCE
    toll_drop: float = 0.5  # a later report may revise a toll down, but not below this share of it
    toll_spread: float = 4.0  # one day's reports may differ less than this many times over
    toll_gap: int = 10  # … or by fewer people than this
    number_bonus: float = 0.10  # a shared number of 3 or more ("45 people")
    text: str = "overlap"  # overlap | cosine: how the two sentences' weighted words are compared


DEFAULT_RULES = Rules()


def conflict(a: Signature, b: Signature, rules: Rules = DEFAULT_RULES) -> str | None:
    """Why ``a`` and ``b`` cannot be one event, or None."""
    return _conflict(a, b, rules, _party_clash(a, b))


def _conflict(a: Signature, b: Signature, rules: Rules, clash: int) -> str | None:
    if a.family != b.family:
        return "type"
    if a.lo is not None and b.lo is not None and (a.hi + DAY_SLACK < b.lo or b.hi + DAY_SLACK < a.lo):
        return "date"
    if clash == 2:
        return "parties"
    if a.parties and b.parties and a.type in SYMMETRIC_TYPES and _counterpart_clash(a, b):
        return "counterpart"  # a meeting with Wang Yi is not the meeting with Xi Jinping
    if a.fatalities is not None and b.fatalities is not None and _fatalities_clash(a, b, rules):
        return "fatalities"
    if a.points and b.points:
        if _all_apart(a, b, rules.km_apart):
            return "place"
    elif _countries_differ(a, b):
        return "place"
    return None


def _countries_differ(a: Signature, b: Signature) -> bool:
    """A country-level place is compatible with any place in that country (seas have no country); a
    country-level place that is a party of the other report is more likely that party, misread as the
    place ("talks in the United States" for Blinken's talks in Beijing)."""
    if not (a.place_country and b.place_country) or a.place_country == b.place_country:
        return False
    return not (_misread_party(a, b) or _misread_party(b, a))


def _misread_party(a: Signature, b: Signature) -> bool:
    return not a.points and a.place_country in (b.actor, b.target)


def _apart(x: tuple[float, float, float], y: tuple[float, float, float], km: float) -> bool:
    """Whether two places (lat, lon, radius) are more than ``km`` apart, edge to edge; the latitude
    difference alone settles most pairs without the great-circle formula."""
    if abs(x[0] - y[0]) * 111.2 - x[2] - y[2] > km:
        return True
    return great_circle_km(x[0], x[1], y[0], y[1]) - x[2] - y[2] > km


def _all_apart(a: Signature, b: Signature, km: float) -> bool:
    """No place of ``a`` lies within ``km`` of a place of ``b``."""
    return all(_apart(x, y, km) for x in a.points for y in b.points)


def _counterpart_clash(a: Signature, b: Signature) -> bool:
    """Both name a party of one country and the names differ: Blinken met Wang Yi, or Xi Jinping."""
    mine = a.parties
    for country, name in b.parties.items():
        other = mine.get(country)
        if other is not None and other != name:
            return True
    return False


def _party_clash(a: Signature, b: Signature) -> int:
    """How many roles (actor, target) name different countries; 0 for a symmetric act read both ways."""
    actor = a.actor is not None and b.actor is not None and a.actor != b.actor
    target = a.target is not None and b.target is not None and a.target != b.target
    symmetric = a.type in SYMMETRIC_TYPES and b.type in SYMMETRIC_TYPES
    if (actor or target) and symmetric and _same_parties_swapped(a, b):
        return 0
    return actor + target


def _same_parties_swapped(a: Signature, b: Signature) -> bool:
    """ "A met B" and "B met A" (or "A met" with B unnamed)."""
    theirs = (b.actor, b.target)
    return a.actor in theirs and (a.target in theirs or a.target is None)


def _fatalities_clash(a: Signature, b: Signature, rules: Rules) -> bool:
    """Tolls rise as reports come in, and the same day's reports differ (early counts, other scopes);
    a later report that more than halves a toll, or one day's figures four times apart (and by ten
    people or more: 6 dead in a house, 33 in a school), tell of two events."""
    low, high = sorted((a.fatalities, b.fatalities))
    if a.published is None or b.published is None or a.published == b.published:
        return high >= rules.toll_spread * max(low, 1) and high - low >= rules.toll_gap
    later, earlier = (a, b) if a.published > b.published else (b, a)
    return later.fatalities < rules.toll_drop * earlier.fatalities


def score(a: Signature, b: Signature, rules: Rules = DEFAULT_RULES) -> float:
    """How strongly the evidence says one event (about 0–1.3; compare with :class:`Rules` thresholds)."""
    return _score(a, b, rules, _party_clash(a, b))


def _score(a: Signature, b: Signature, rules: Rules, clash: int) -> float:
    value = overlap(a, b) if rules.text == "overlap" else cosine(a, b)
    shared = a.numbers & b.numbers
    if shared and any(len(n) > 1 or n > "2" for n in shared):
        value += rules.number_bonus
    if a.names and b.names:
        value += rules.name_bonus if not a.names.isdisjoint(b.names) else -rules.name_clash
    if a.points and b.points and not _all_apart(a, b, rules.km_same):
        value += rules.place_bonus
    if a.dated and b.dated and a.lo == b.lo and a.hi == b.hi and a.hi - a.lo <= 1:
        value += rules.day_bonus  # the same day (or night)
    value -= rules.party_penalty * clash
    if a.parties and b.parties and _counterpart_clash(a, b):
        value -= rules.counterpart_penalty
    if a.type != b.type:
        value -= rules.type_penalty
    return value


def decide(a: Signature, b: Signature, rules: Rules = DEFAULT_RULES) -> tuple[str | None, float | None]:
    """(why they must stay apart, None) or (None, the link score, or None when it is too weak)."""
    clash = _party_clash(a, b)
    reason = _conflict(a, b, rules, clash)
    if reason:
        return reason, None
    value = _score(a, b, rules, clash)
    needed = rules.link_same_article if a.article == b.article else rules.link
    return None, (value if value >= needed else None)


def link_score(a: Signature, b: Signature, rules: Rules = DEFAULT_RULES) -> float | None:
    """The score of a link between two mentions, or None when they must stay apart or it is too weak."""
    return decide(a, b, rules)[1]

"""The decision: are two mentions reports of one event?

Two steps, both on signatures:

1. :func:`conflict` names a reason a careful analyst would keep two mentions apart, whatever their
   wording: types of different families, day windows that do not meet, places too far apart (or in
   different countries), both parties different, fatality figures that cannot be one event's, a sentence
   that tells of background against one that tells of a day's act. A conflict is *sure* when the coded
   attributes behind it are what the sentences say; it is *unsure* when a sentence does not bear its
   attribute out (a place, day or toll it does not state, a place the other report's sentence names too,
   parties whose countries the other sentence names): the coder's attribute noise. A sure conflict is a
   veto, and no fused event holds two surely conflicting mentions; an unsure one costs ``Rules.unsure``
   and needs a shared name (a place, a person) to be outweighed.
2. :func:`score` weighs the evidence: the overlap of the two sentences' weighted words, plus bonuses for a
   shared name (a place, a person), the same place and the same day, minus penalties for names that
   differ, a different target or actor, a different type within a family, modes of two kinds of act.

Mentions of two articles link at ``Rules.link``; mentions of one article at a higher
``Rules.link_same_article``: a live blog or a sitrep tells many acts of one kind in one place on one day,
and they share the article's names and words without being one act. :class:`Rules` holds every
threshold (see docs/accuracy.md, "Fusion", for how each was chosen).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sitroom.coding.modes import ACT_MODES
from sitroom.fuse.features import (
    DAY_SLACK,
    SYMMETRIC_TYPES,
    UNARMED_COERCION,
    Signature,
    cosine,
    overlap,
    sentence_names,
)
from sitroom.geo import great_circle_km


@dataclass(frozen=True)
class Rules:
    """Thresholds and weights of the decision."""

    link: float = 0.25  # score needed to link mentions of two articles
    link_same_article: float = 0.4  # … of one article (a restated lead; dense copy shares its words)
    km_apart: float = 40.0  # two points further apart than this (plus their radii) are two places
    km_same: float = 5.0  # … closer than this are one place (Nuseirat and Gaza City are 9 km apart)
    name_bonus: float = 0.15
    name_clash: float = 0.10  # both sentences name places or people, and none in common
    place_bonus: float = 0.15
    day_bonus: float = 0.10
    party_penalty: float = 0.15  # per role (actor, target) whose countries differ
    counterpart_penalty: float = 0.30  # two named parties of one country ("Wang Yi", "Xi Jinping") differ
    type_penalty: float = 0.30  # ASSAULT vs COERCE (a bombing and the arrests after it)
    mode_penalty: float = 0.30  # one type, modes of two kinds of act (an abduction, a shelling: MODE_KINDS)
    denial_penalty: float = 0.30  # one sentence denies or rebuts an account, the other tells the act
    cohesion: float = 0.10  # the mean score with a fused event's members needed to join it (cluster.py)
    toll_drop: float = 0.5  # a later report may revise a toll down, but not below this share of it
    toll_spread: float = 4.0  # one day's reports may differ less than this many times over
    toll_gap: int = 10  # … or by fewer people than this
    number_bonus: float = 0.10  # a shared number of 3 or more ("45 people")
    text: str = "overlap"  # overlap | cosine: how the two sentences' weighted words are compared
    unsure: float = 0.15  # what a conflict the sentences do not bear out costs, instead of a veto
    background: float = 0.30  # … a sentence dated by a long span only, against one dated to a day


DEFAULT_RULES = Rules()


def conflict(a: Signature, b: Signature, rules: Rules = DEFAULT_RULES) -> str | None:
    """Why ``a`` and ``b`` cannot be one event, or None."""
    return decide(a, b, rules)[0]


def keeps_apart(a: Signature, b: Signature, rules: Rules = DEFAULT_RULES) -> bool:
    """Whether no fused event may hold both: a sure conflict. An unsure one keeps the two from linking
    directly but not from sharing a fused event through other reports."""
    reason, _value, sure = judge(a, b, rules)
    return reason is not None and sure


def _conflict(a: Signature, b: Signature, rules: Rules, clash: int) -> tuple[str, bool] | None:
    """A reason to keep them apart and whether it is sure (the first sure one, else the first unsure).

    A conflict of attributes that the sentences do not bear out is unsure: a day, place or toll the
    sentence does not state (carried from elsewhere, a dateline, a reporting day), a place the other
    report's sentence names too, parties whose countries the other's sentence names. An unsure conflict
    yields to strong evidence (:func:`judge`). Written out flat: it runs for every pair compared.
    """
    if a.family != b.family:
        return "type", True
    kinds = {a.mode_kind, b.mode_kind}
    if a.type == b.type and len(kinds) == 2 and None not in kinds and kinds & ACT_MODES:
        return "kind of act", True  # an abduction and a shelling in one camp on one day
    if a.type != b.type and kinds & UNARMED_COERCION:
        return "kind of act", True  # the arrests after a bombing
    unsure = None
    later = a.aftermath or b.aftermath  # its place, day and toll may be the aftermath's, not the act's
    if a.lo is not None and b.lo is not None and (a.hi + DAY_SLACK < b.lo or b.hi + DAY_SLACK < a.lo):
        if a.date_read and b.date_read and not later:
            return "date", True
        unsure = "date"
    if a.background != b.background and (a.date_read or b.date_read):
        unsure = unsure or "background"  # "since late 2021" is background to Sunday's raid
    if clash == 2:
        if not (_names_parties(a, b) or _names_parties(b, a)):
            return "parties", True
        unsure = unsure or "parties"
    if a.parties and b.parties and a.type in SYMMETRIC_TYPES and _counterpart_clash(a, b):
        return "counterpart", True  # a meeting with Wang Yi is not the meeting with Xi Jinping
    if a.fatalities is not None and b.fatalities is not None and _fatalities_clash(a, b, rules):
        if not later and not _toll_misread(a, b, rules) and not _toll_misread(b, a, rules):
            return "fatalities", True
        unsure = unsure or "fatalities"
    if _all_apart(a, b, rules.km_apart) if a.points and b.points else _countries_differ(a, b):
        if _places_sure(a, b) and not later:
            return "place", True
        unsure = unsure or "place"
    return (unsure, False) if unsure else None


def _names_parties(a: Signature, b: Signature) -> bool:
    """``a``'s sentence names a country of ``b``'s parties that ``a`` was not coded with: the roles are
    the coder's reading ("Russian missile strike on the Ukrainian city" coded as Ukraine against Ukraine),
    the sentence may still tell of ``b``'s act."""
    named = a.named_countries
    if not named:
        return False
    actor, target = b.actor, b.target
    return (actor is not None and actor != a.actor and actor != a.target and actor in named) or (
        target is not None and target != a.actor and target != a.target and target in named
    )


def _same_specifics(a: Signature, b: Signature) -> bool:
    """Evidence of one event beyond common words: the sentences share a name (a place, a person; not a
    capitalised opener such as "Missiles"), or one names the other's coded place."""
    return (
        bool((a.names & b.names) - {a.opener, b.opener})
        or sentence_names(b, a.place, not a.points)
        or sentence_names(a, b.place, not b.points)
    )


def _toll_misread(a: Signature, b: Signature, rules: Rules) -> bool:
    """``a``'s sentence gives figures, not its coded toll, and one of them agrees with ``b``'s toll
    ("14 civilians including 4 children lost their lives" coded as 2 dead)."""
    if a.toll_read:
        return False
    for number in a.numbers:
        if number.isdigit() and 0 < int(number) < 10_000:
            other = replace(a, fatalities=int(number))
            if not _fatalities_clash(other, b, rules):
                return True
    return False


def _places_sure(a: Signature, b: Signature) -> bool:
    """Both sentences name their own coded place, and neither names the other's: the geoparser did not
    take a namesake, a place of another act in the sentence, or the reporting city."""
    return (
        a.place_read
        and b.place_read
        and not sentence_names(b, a.place, not a.points)
        and not sentence_names(a, b.place, not b.points)
    )


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
    if a.type == b.type and a.mode_kind and b.mode_kind and a.mode_kind != b.mode_kind:
        value -= rules.mode_penalty
    if a.denial != b.denial:
        value -= rules.denial_penalty
    return value


def decide(a: Signature, b: Signature, rules: Rules = DEFAULT_RULES) -> tuple[str | None, float | None]:
    """(why they must stay apart, None) or (None, the link score, or None when it is too weak)."""
    reason, value, _sure = judge(a, b, rules)
    return reason, value


def judge(a: Signature, b: Signature, rules: Rules = DEFAULT_RULES) -> tuple[str | None, float | None, bool]:
    """:func:`decide`, and whether the reason to keep them apart is a sure conflict.

    An unsure conflict costs ``rules.unsure`` instead of a veto: it keeps them apart unless the evidence
    is strong enough to link them anyway.
    """
    clash = _party_clash(a, b)
    found = _conflict(a, b, rules, clash)
    if found is not None and (found[1] or not _same_specifics(a, b)):
        return found[0], None, found[1]
    value = _score(a, b, rules, clash)
    needed = rules.link_same_article if a.article == b.article else rules.link
    if found is not None:
        value -= rules.background if found[0] == "background" else rules.unsure
        if value < needed:
            return found[0], None, False
    return None, (value if value >= needed else None), False


def link_score(a: Signature, b: Signature, rules: Rules = DEFAULT_RULES) -> float | None:
    """The score of a link between two mentions, or None when they must stay apart or it is too weak."""
    return decide(a, b, rules)[1]

"""Background is not an event: habits, records and history that a report mentions for context.

"Armed gangs have killed thousands in recent years", "Iran has repeatedly seized tankers", running totals
("killed 17 militants since Friday"), "Russian forces withdrew from Kherson in November 2022" describe no
act the article reports. FORMAT.md: background, history, analysis and opinion are not events. We read it
from the trigger's own modifiers.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Token

_HABITUAL = {"repeatedly", "frequently", "routinely", "often", "regularly", "usually", "always", "previously",
             "traditionally", "habitually", "long", "formerly", "once", "sometimes", "never"}  # fmt: skip
_SPAN = re.compile(
    r"\b(in recent (years|months|decades)|since (19|20)\d\d|for (years|decades|generations)"
    r"|over the (past|last) (\w+ )?(years|decades)|in the (past|last) (\w+ )?(years|decades)"
    r"|this (year|century)"
    r"|since (monday|tuesday|wednesday|thursday|friday|saturday|sunday|last week|the start of \w+)"
    r"|\d+ ?- ?year(-old)? (civil )?(war|conflict|insurgency|occupation|siege)"
    r"|since the (coup|war|conflict|invasion|uprising|revolution|crisis|start|beginning|outbreak|offensive"
    r"|insurgency|takeover))\b",
    re.IGNORECASE,
)
_NESTED = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj"}
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def _phrase(token: Token) -> list[Token]:
    """A modifier's words without the clauses nested in it ("in X *where 28 were killed this year*")."""
    words = [token]
    for child in token.children:
        if child.dep_ not in _NESTED:
            words.extend(_phrase(child))
    return words


def _modifier_text(trigger: Token) -> str:
    """The words of the trigger's own adverbial and prepositional modifiers, in text order."""
    modifiers = [c for c in trigger.children if c.dep_ in {"prep", "npadvmod", "advmod"}]
    words = [word for child in modifiers for word in _phrase(child)]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def mentions_a_period(text: str) -> bool:
    """Whether a sentence speaks of a span of time ("since 2016", "in recent years", "this year"): its
    counts are running totals, not one act's."""
    return bool(_SPAN.search(text))


def is_background(trigger: Token, published: date | None) -> bool:
    """Whether the trigger states a habit, a running total or an act from an earlier year."""
    if any(c.dep_ in {"advmod", "neg"} and c.lower_ in _HABITUAL for c in trigger.children):
        return True
    text = _modifier_text(trigger)
    if _SPAN.search(text):
        return True
    if published is not None:
        years = [int(m.group(0)) for m in _YEAR.finditer(text)]
        if years and max(years) < published.year:
            return True
    return False

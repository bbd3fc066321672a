"""How sure the report is that the event happened: asserted, alleged, expected, hypothetical, denied.

Read from the trigger's own grammar (negation, modal and future auxiliaries, hedging adverbs) and from
the verbs that govern it ("denied carrying out", "plans to", "accused of"). FORMAT.md defines the values.
"""

from __future__ import annotations

from spacy.tokens import Token

_DENY = {"deny", "refute", "dismiss", "reject"}
_ALLEGE = {"accuse", "allege", "claim", "blame", "charge", "suspect"}
_PLAN = {"plan", "expect", "intend", "schedule", "prepare", "set", "aim", "agree", "promise", "pledge",
         "vow", "decide", "seek"}  # fmt: skip
_POSSIBLE = {"threaten", "warn", "consider", "mull", "weigh"}
_HEDGES = {"reportedly", "allegedly", "purportedly", "apparently", "supposedly"}
_FUTURE = {"will", "shall", "'ll"}
_MODAL = {"could", "might", "may", "would", "can"}


def _governors(token: Token, depth: int = 3) -> list[Token]:
    chain, current = [], token
    for _ in range(depth):
        if current.head.i == current.i or current.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "prep"}:
            break
        current = current.head
        chain.append(current)
    return chain


def factuality(trigger: Token) -> str:
    """The factuality of the event named by ``trigger``."""
    children = list(trigger.children)
    auxes = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
    if any(c.dep_ == "neg" for c in children):
        return "denied"
    governors = _governors(trigger)
    lemmas = {g.lemma_.lower() for g in governors}
    if lemmas & _DENY:
        return "denied"
    if auxes & _MODAL - {"would"} or lemmas & _POSSIBLE or any(c.lower_ == "if" for c in trigger.subtree):
        return "hypothetical"
    if auxes & _FUTURE or lemmas & _PLAN or ("going" in auxes):
        return "expected"
    if any(c.lower_ in _HEDGES for c in children) or lemmas & _ALLEGE:
        return "alleged"
    return "asserted"

"""How sure the report is that the event happened: asserted, alleged, expected, hypothetical, denied.

Read from the trigger's own grammar (negation, modal and future auxiliaries, hedging adverbs) and from
the verbs that govern it ("denied carrying out", "plans to", "accused of"). FORMAT.md defines the values.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

_DENY = {"deny", "refute", "dismiss", "reject"}
_ALLEGE = {"accuse", "allege", "claim", "blame", "charge", "suspect"}
_PLAN = {"plan", "expect", "intend", "schedule", "prepare", "set", "aim", "agree", "promise", "pledge",
         "vow", "decide", "seek", "due"}  # fmt: skip
_REPORTING = {"say", "announce", "tell", "state", "add", "declare", "confirm", "insist", "warn"}
_POSSIBLE = {"threaten", "warn", "consider", "mull", "weigh"}
_HEDGES = {"reportedly", "allegedly", "purportedly", "apparently", "supposedly"}
_FUTURE = {"will", "shall", "'ll"}
_MODAL = {"could", "might", "may", "would", "can"}
# A protest or meeting is called or announced before it is held: "the party has called a general strike on
# Friday", "announced a sit-in", "called for a march on Saturday", "has convened a peace meeting on Monday"
# (train: 22 such PROTEST and CONSULT events expected, 3 asserted). The call itself is the REQUEST.
_CALLED = {("PROTEST", "call"), ("PROTEST", "announce"), ("CONSULT", "call"), ("CONSULT", "convene")}
# Wire copy's verdict on a claim it relays: ", a claim the ministry denied", "a figure that could not be
# independently verified".
_DENIED_CLAIM = re.compile(
    r", (a|an) (claim|report|allegation|account)\b[^.;]{0,60}\b(denied|rejected)\b", re.IGNORECASE
)
_UNVERIFIED = re.compile(
    r"\b(could not|cannot|can't|could not be|was not|has not been|have not been) (be )?(independently )?"
    r"(verif|confirm|check)",
    re.IGNORECASE,
)


def _governors(token: Token, depth: int = 3) -> list[Token]:
    chain, current = [], token
    for _ in range(depth):
        if current.head.i == current.i or current.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "prep"}:
            break
        current = current.head
        chain.append(current)
    return chain


def _reporting_lemmas(trigger: Token) -> set[str]:
    """The lemmas of the verbs above a reported act, passing through a conjunct: in "said it was
    disappointed and *would seek* leave to appeal" the plan is reported by "said" as much as the
    first clause is (train: a dozen such plans had been read as asserted)."""
    governors = _governors(trigger)
    if trigger.dep_ == "conj" and trigger.head.i != trigger.i:
        governors += [trigger.head, *_governors(trigger.head)]
    return {g.lemma_.lower() for g in governors}


def _purpose_of_plan(trigger: Token) -> bool:
    """The purpose of a planned move is planned too: "a delegation *would travel* to Tehran next week
    *to discuss* the accord", "he *will travel* to Tokyo *to meet* the minister"."""
    if trigger.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False
    head = trigger.head
    auxes = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
    if any(c.dep_ == "neg" for c in head.children):
        return False
    return bool(auxes & _FUTURE) or ("would" in auxes and bool(_reporting_lemmas(head) & _REPORTING))


_GATHERINGS = {"PROTEST", "CONSULT"}


def _planned_gathering(trigger: Token, kind: str | None) -> bool:
    """A protest or meeting named by a noun that a planned verb will hold: "said the party *would observe*
    a *protest* day on Wednesday", "*will stage* a *sit-in*" (the noun has no auxiliaries of its own).
    Not an attack a plan is about ("will investigate *the attack*"): only gatherings."""
    if kind not in _GATHERINGS or trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    noun = trigger.head if trigger.dep_ == "compound" else trigger
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ not in {"VERB", "AUX"} or any(c.dep_ == "neg" for c in verb.children):
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return bool(auxes & _FUTURE) or ("would" in auxes and bool(_reporting_lemmas(verb) & _REPORTING))


def factuality(trigger: Token, kind: str | None = None, sentence: str = "") -> str:
    """The factuality of the event named by ``trigger`` (of PLOVER type ``kind``, in ``sentence``).

    A threat is asserted however conditional its content ("threatened to strike *if* …"); a refusal
    ("will not invite observers") states a REJECT, it does not deny one; "said it *would* deploy" is a
    reported plan (expected), not a conditional.
    """
    children = list(trigger.children)
    auxes = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
    negated = any(c.dep_ == "neg" for c in children)
    if negated and kind != "REJECT":
        return "denied"
    if negated:  # "will not invite observers", "said it would not sign": the refusal is made now
        auxes -= _FUTURE | {"would"}
    governors = _governors(trigger)
    lemmas = {g.lemma_.lower() for g in governors}
    if lemmas & _DENY or _DENIED_CLAIM.search(sentence):
        return "denied"
    conditional = kind != "THREATEN" and any(c.lower_ == "if" for c in trigger.subtree)
    if auxes & _MODAL - {"would"} or lemmas & _POSSIBLE or conditional:
        return "hypothetical"
    reported_plan = "would" in auxes and bool(_reporting_lemmas(trigger) & _REPORTING)
    called = (kind, trigger.lemma_.lower()) in _CALLED and (
        kind == "PROTEST" or any(c.dep_ == "dobj" for c in children)  # not a visit: "called on the president"
    )
    planned = reported_plan or called or _purpose_of_plan(trigger) or _planned_gathering(trigger, kind)
    if auxes & _FUTURE or lemmas & _PLAN or "going" in auxes or planned:
        return "expected"
    if any(c.lower_ in _HEDGES for c in children) or lemmas & _ALLEGE or _UNVERIFIED.search(sentence):
        return "alleged"
    return "asserted"

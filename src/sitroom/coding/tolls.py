"""Tolls told across sentences: a wire story gives an attack's dead in its lead and revises them later.

"The death toll later rose to 19", "a fourth victim died in hospital", "two of the wounded died", "a
spokesman gave a lower toll of 11": a sentence with no act of its own that reports deaths is about the
last attack. Revisions give the latest figure, a second source's figure the lower one (ACLED's
conservative rule), deaths among the wounded add up; guesses and running totals change nothing.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from sitroom.attributes import Casualties, casualties, number_value, ordinal_death
from sitroom.attributes.casualties import ACT_NOUNS
from sitroom.coding.background import mentions_a_period
from sitroom.coding.restatements import same_act
from sitroom.models import Event

CASUALTY_TYPES = {"ASSAULT", "PROTEST", "COERCE"}  # acts that kill or wound; an ACCUSE about them does not
_TOLL = re.compile(
    r"\b(death toll|toll|the dead (included|were)"
    r"|number of (dead|deaths|fatalities|victims|martyrs|killed|(people|persons) (killed|who)))\b",
    re.IGNORECASE,
)
# A second source's total, which may be lower: "the government's figure is lower: it says two died".
_RIVAL = re.compile(r"\b(figures?|estimates?|count|tally)\b", re.IGNORECASE)
NO_VICTIMS = re.compile(  # "… but no one was hurt", "caused no casualties", "no staff were injured"
    r"\b(no one|nobody|no-one|not anyone|none of (them|the \w+)|no (\w+ )?(staff|civilians?|soldiers?"
    r"|personnel|people|residents?|passengers?|workers?|members?|officers?|troops))\b[^.]{0,30}"
    r"\b(killed|hurt|injured|wounded|died)\b"
    r"|\bno (immediate )?(reports? of )?(casualties|injuries|deaths|fatalities|victims|losses"
    r"|loss of li(fe|ves))\b"
    r"|\bwithout (causing )?(any )?(casualties|injuries|losses|victims)\b",
    re.IGNORECASE,
)
_REVISION = re.compile(
    r"\b(rose|risen|rising|climbed|climbing|increased|revised|updated|later|now|raising|bringing|brought|brings"
    r"|takes|took|arrived|putting"
    r"|reached|more (bodies|dead|victims)|by (\w+ )?(morning|afternoon|evening|night|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
# A sentence that reports deaths without an act of its own: "four soldiers were killed", "three people are
# dead", "authorities report 11 people killed in the attack" (it is about the last attack).
_DEATHS = re.compile(
    r"\b(killed|dead|died|deaths?|martyred|neutrali[sz]ed|bodies|(lost|losing) (his|her|their) li(fe|ves)"
    r"|(mortally|fatally) (wounded|injured))\b",
    re.IGNORECASE,
)
# Deaths among the wounded, after a toll was given: more dead, not a new total.
_LATER_DEATHS = re.compile(
    r"\b(\w+) of the (wounded|injured) (later )?(died|have died|had died|succumbed)\b", re.IGNORECASE
)
# More dead besides those already counted: "at least five other civilians reportedly also died".
_OTHERS_TOO = re.compile(r"\bother\b[^.;]{0,60}\b(also|too|as well)\b", re.IGNORECASE)
# The attackers' own dead, told after the victims' toll: more dead in the event, not some of the victims
# ("One of the attackers was killed, he said, and the rest fled"), as "people killed in the event" counts.
_ATTACKERS_DEAD = re.compile(
    r"\b(?:\w+ of the|the|all(?: \w+)?(?: of the)?) (?:attackers?|assailants?|gunmen|raiders)\b"
    r"[^.;]{0,25}?\b(?:was|were|had been|have been|has been) (?:also )?(?:killed|shot dead|neutrali[sz]ed)\b",
    re.IGNORECASE,
)
# Part of a toll already given: "among the dead were two children", "the dead included four soldiers".
_AMONG_DEAD = re.compile(r"\bamong (the|those) (dead|killed|victims)\b|\bthe dead included\b", re.IGNORECASE)
# The figure a revision arrives at: "the toll, initially put at 13, rose to 22", "was raised to twelve".
_REVISED_TO = re.compile(
    r"\b(?:rose|rises|risen|raised|climbed|increased|revised|jumped|brings|reached|arrived)\b[^.;]{0,40}?\bto"
    r"\s+(?:at least\s+|more than\s+|over\s+)?(\w+)",
    re.IGNORECASE,
)
# A revision that gives its direction, not its figure: the sentence's figure is the one revised.
_UNSTATED_REVISION = re.compile(r"\b(revised|corrected) (up|down)wards?\b", re.IGNORECASE)
# Deaths in another act the sentence names: "… preceded another one in Dayton, where ten people died".
_ANOTHER_ACT = re.compile(
    r"\b(?:another|a separate) (?:one|attack|shooting|strike|bombing|blast|incident|raid)\b|\bseparately\b",
    re.IGNORECASE,
)
# An older figure than the one already read: "officials had earlier put the toll at seven".
_OLDER = re.compile(
    r"\b(earlier|initially|initial|at first|previously|had put|had said|first (toll|figures?|count))\b",
    re.IGNORECASE,
)
# Deaths told after the act, tied to it: "one man has died of a gunshot wound", "died in hospital".
_DIED_OF_IT = re.compile(
    r"\b(died|have died|has died|succumbed)\b[^.]{0,40}\b(wounds?|injuries|hospital|from the (shooting|attack"
    r"|strike|blast|bombing|explosion))\b",
    re.IGNORECASE,
)
# A running total: "blamed for the deaths of more than 700 civilians since October 2014", "since then",
# "since February, more than 40 persons have died", "the death toll in the territory had passed 25,000".
_RUNNING = re.compile(
    r"\bsince (then|the (ceasefire|truce|start|beginning|outbreak|launch|war|conflict|offensive|invasion)"
    r"|\w+( \w+)? (launched|began|started|erupted|invaded|seized)\b"
    r"|(early |late |mid-?)?(january|february|march|april"
    r"|may|june|july|august|september|october|november|december)\b)"
    r"|\btoll (in|of) the (territory|country|strip|war|conflict|region)\b"
    r"|\b(nationwide|overall|cumulative) toll\b",
    re.IGNORECASE,
)
# A toll of a disaster, not an attack: "the death toll from this month's floods has risen to 161".
_DISASTER = re.compile(
    r"\b(floods?|flooding|earthquake|quake|storm|cyclone|hurricane|typhoon|landslides?|heatwave|epidemic"
    r"|cholera|stampede)\b",
    re.IGNORECASE,
)
# Communiqué list lines: "On the friendly side: seventeen (17) killed", "People killed (Kyrgyz side): 36".
_OWN_SIDE = re.compile(r"(?:^|[^\w\s]\s*)(?:on the |on our )?(?:friendly|our|own) side\s*:", re.IGNORECASE)
_LISTED_DEAD = re.compile(
    r":\s*(\w+(?:-\w+)?)\s*(?:\((\d+)\))?\s+(?:[a-z]+\s+){0,2}?(?:killed|dead|fallen|martyred|died)\b",
    re.IGNORECASE,
)
_KILLED_HEADER = re.compile(
    r"^\W*(?:people |persons )?(?:killed|dead|deaths)\b[^:]{0,30}:\s*(\d[\d,]*)", re.IGNORECASE
)
# A guessed toll: "the toll could exceed 40", "is expected to rise", "up to 40 are feared dead".
_SPECULATION = re.compile(
    r"\b(toll|number)\b[^.]{0,30}\b(could|may|might|expected|likely)\b|\d[^.]{0,20}\bfeared\b",
    re.IGNORECASE,
)


def update_toll(sentence: Span, events: list[Event], restated: list[Event]) -> None:
    """Give the last attack before ``sentence`` the toll the sentence reports, if it reports one.

    ``restated`` are the sentence's own actorless events ("30 people had been killed, but police later
    revised the toll to 19"): they take the same figure, or merging them would bring the old one back.
    "No one was hurt" after an attack is a toll too: zero, which is known, unlike a missing figure.
    """
    attacks = [e for e in events if e.type in CASUALTY_TYPES and e.factuality == "asserted"]
    assaults = [e for e in attacks if e.type == "ASSAULT"]
    attacks = assaults or attacks  # "police arrested three suspects; the toll rose to 12": the attack's
    if not attacks or NO_VICTIMS.search(sentence.text):  # a zero is zero_toll's
        return
    last, later = _last_act(attacks)
    restated = [*later, *(e for e in restated if same_act(last, e))]
    toll = _toll_figure(sentence)
    value = _new_toll(sentence.text, last.fatalities, toll, ordinal_death(sentence))
    if value is None:
        return
    for event in (last, *restated):
        event.fatalities = value
    if toll is not None and toll.killed == value and toll.injured is not None:
        last.injured = toll.injured


ZERO_REACH = 3  # sentences: "no one was hurt" closes the telling of the acts just before it


def zero_toll(sentence: Span, found: list[Event], recent: list[Event]) -> bool:
    """ "No one was hurt", "no injuries or damage were reported", "there was no loss of life" after acts
    with no toll: zero, known, for each of them (the rocket fire and the rocket that fell, the hijacking
    and the shots fired), back to the nearest act that has a toll. ``recent`` are the events of the
    sentences just before, in text order. A sentence with an act of its own that can kill or wound keeps
    the zero for that act (the toll stage reads it there); one with no doer ("two missiles had been fired
    … and no soldiers were hurt") retells the act before. Attacks take it before the protests and
    arrests told beside them (a road blocked, weapons recovered). Returns whether the sentence told a
    zero."""
    if not NO_VICTIMS.search(sentence.text):
        return False
    if any(e.type in CASUALTY_TYPES and e.factuality == "asserted" and e.actor is not None for e in found):
        return True
    told = [e for e in recent if e.type in CASUALTY_TYPES and e.factuality == "asserted"]
    attacks = [e for e in told if e.type == "ASSAULT"] or told  # not the protest or arrest beside the attack
    for event in reversed(attacks):
        if event.fatalities is not None:
            break
        event.fatalities = 0
    return True


def restate_toll(sentence: Span, events: list[Event], found: list[Event]) -> None:
    """ "Pakistani aircraft struck several locations … The Taliban said *the strikes* killed 46 people": a
    sentence whose killing is done by "the strikes" or "the attack" tells the toll of the attack before it,
    which the coder may keep as a second event (another source, another place named)."""
    attacks = [e for e in events if e.type == "ASSAULT" and e.factuality == "asserted"]
    if not attacks or attacks[-1].fatalities is not None or not _refers_back(sentence):
        return
    tolls = [e.fatalities for e in found if e.type == "ASSAULT" and e.fatalities is not None]
    if tolls:
        attacks[-1].fatalities = max(tolls)


def _refers_back(sentence: Span) -> bool:
    """Whether the sentence's killing is done by an act already named: "the strikes killed 46"."""
    for token in sentence:
        named = token.dep_ == "nsubj" and token.lemma_.lower() in ACT_NOUNS
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)
        if named and definite and token.head.lemma_.lower() in _KILLING:
            return True
    return False


_DEFINITE = {"the", "this", "that", "these", "those"}
_KILLING = {"kill", "leave", "claim"}


def lead_toll(lead: int | None, sentence: Span, events: list[Event], found: list[Event]) -> int | None:
    """A lead that gives a toll before the act is told ("The death toll from artillery fire that tore
    through a market … rose to 27 … Shells slammed into the main market …"): the figure waits for the
    first attack told after it. Returns the figure still waiting."""
    if any(e.type == "ASSAULT" and e.factuality == "asserted" for e in events):
        return None
    here = [e for e in found if e.type == "ASSAULT" and e.factuality == "asserted"]
    if here:
        for event in here:
            if lead is not None and event.fatalities is None:
                event.fatalities = lead
        return None
    if lead is None and _TOLL.search(sentence.text):
        toll = _toll_figure(sentence)
        return toll.killed if toll is not None else None
    return lead


def _last_act(attacks: list[Event]) -> tuple[Event, list[Event]]:
    """The last act a toll can be about, and its actorless restatements after it: "… an IED hit a vehicle.
    Two soldiers were killed" is the IED's, but "Gunmen attacked … 17 people had been killed" the attack's."""
    named = [e for e in attacks if e.actor is not None]
    if named:
        later = attacks[attacks.index(named[-1]) + 1 :]
        if all(same_act(named[-1], e) for e in later):
            return named[-1], later
    return attacks[-1], []


def _act_of_its_own(sentence: Span) -> bool:
    """Whether the sentence tells deaths as an act with a doer ("an operation left six dead")."""
    root = sentence.root
    doer = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}), None)
    return doer is not None and root.lemma_.lower() in {"leave", "kill", "claim"}


def _new_toll(text: str, current: int | None, toll: Casualties | None, ordinal: int | None) -> int | None:
    """The attack's toll after a sentence that gives a figure (``toll``) or an ordinal victim.

    A revision ("rose to 19", "later revised the toll to 19") gives the latest figure; an ordinal victim
    ("a fourth victim died") never lowers it; deaths among the wounded add up; an older figure ("had
    earlier put the toll at seven") and part of the dead ("among the dead were", "six Mexican nationals
    were killed in the attack": a lower count that names no toll) change nothing; a second source's
    toll, or one with no word of change ("an administrator put the toll at 31"), keeps the lower, as
    ACLED takes the most conservative estimate.
    """
    if _ANOTHER_ACT.search(text):
        return None
    revised_to = _REVISED_TO.search(text)
    arrived = number_value(revised_to.group(1)) if revised_to else None
    if current is not None and arrived is None and _UNSTATED_REVISION.search(text):
        return None  # "initial figures (14 dead) were revised upwards": the figure given is the old one
    if arrived is not None and toll is not None:  # "initially put at 13, rose to 22": the new figure
        return arrived
    figures = [f for f in (ordinal, toll.killed if toll else None) if f is not None]
    if not figures:
        return None
    revised = bool(_REVISION.search(text))
    if current is not None and (
        (_OLDER.search(text) and not revised) or (_AMONG_DEAD.search(text) and not ordinal)
    ):
        return None
    more = _LATER_DEATHS.search(text)
    added = number_value(more.group(1)) if more else None
    if added is not None and current is not None:  # "two of the wounded died": two more
        return current + max(added, ordinal or 0)  # "… and a third victim died": three more
    if current is not None and toll is not None and toll.killed and _OTHERS_TOO.search(text):
        return current + toll.killed  # "five other civilians also died": five more
    if ordinal is not None and not _TOLL.search(text):
        return max(ordinal, current or 0)
    attackers = _ATTACKERS_DEAD.search(text) and not _TOLL.search(text)  # "…, putting the toll at six"
    if current is not None and toll is not None and toll.killed and attackers:
        return current + toll.killed  # "one of the attackers was killed": the victims' toll and more
    if current is None:
        return max(figures)
    if revised:  # "seven were killed at the scene; two more died later": a lower count is some of the dead
        return max(figures) if _TOLL.search(text) or max(figures) > current else current
    if not (_TOLL.search(text) or _RIVAL.search(text)):  # "six Mexican nationals were killed": some dead
        return current
    return min(current, *figures)


def _toll_figure(sentence: Span) -> Casualties | None:
    """The figures a sentence about a toll gives ("rose to 19, with 30 wounded", "three people have died
    of gunshot wounds from the shooting"); not a guess ("the toll could exceed 40")."""
    text = sentence.text
    if _SPECULATION.search(text) or mentions_a_period(text) or _RUNNING.search(text):
        return None  # a guess, or a running total ("has killed 500 people since 2016", "since October 2014")
    if _DISASTER.search(text):
        return None  # "the death toll from this month's floods has risen to 161": not an attack's
    listed = _listed_toll(text)
    if listed is not None:
        return listed
    if not (_TOLL.search(text) or _DIED_OF_IT.search(text) or _DEATHS.search(text)):
        return None
    if not (_TOLL.search(text) or _DIED_OF_IT.search(text)) and _act_of_its_own(sentence):
        return None  # "a police operation on 1 March left 2 officers dead": another act, not a toll
    verbs = [sentence.root, *(t for t in sentence if t.pos_ == "VERB" and t.i != sentence.root.i)]
    verbs.sort(key=lambda verb: not any(c.lemma_.lower() in {"toll", "number"} for c in verb.children))
    tolls = (casualties(verb, sentence) for verb in verbs)  # the toll's own verb first: "later revised it"
    return next((t for t in tolls if t.killed is not None), None)


def _listed_toll(text: str) -> Casualties | None:
    """A communiqué's list line: "- Friendly side: twelve (12) soldiers fallen …", "People killed (Kyrgyz
    side): 36". The own side's dead are the attack's victims; "enemy side" lines count the attackers, whom
    the statement most often gives only roughly ("several dozen terrorists neutralised")."""
    header = _KILLED_HEADER.search(text)
    if header:
        return Casualties(killed=number_value(header.group(1).replace(",", "")))
    own = _OWN_SIDE.search(text)  # "Provisional toll: - Friendly side: …" may be one sentence
    if own is None:
        return None
    listed = _LISTED_DEAD.search(text, own.end() - 1)
    if listed is None:
        return None
    value = number_value(listed.group(2)) if listed.group(2) else number_value(listed.group(1))
    return Casualties(killed=value) if value is not None else None


# Any word of death, in any form: an article with none of them tells no death at all.
_ANY_DEATH = re.compile(
    r"\b(kill\w*|dead\w*|die[ds]?|dying|deaths?|fatal\w*|martyr\w*|neutrali[sz]\w*|bod(?:y|ies)|li(?:fe|ves)"
    r"|murder\w*|toll|slain|massacre\w*|execut\w*|behead\w*|succumb\w*|perish\w*|corpses?)\b",
    re.IGNORECASE,
)


def injured_only(events: list[Event], text: str) -> None:
    """ "Three rangers were wounded by a bomb", in a report that names no death anywhere: it counts the
    attack's casualties, and they are all wounded, so it tells that no one was killed (a toll of 0, as
    ACLED and the corpus's annotators code it). Run after every other toll rule, so a death told later
    is never overruled; an attack with no count of wounded stays unknown."""
    if _ANY_DEATH.search(text):
        return
    for event in events:
        wounded = event.type == "ASSAULT" and event.factuality == "asserted" and (event.injured or 0) > 0
        if wounded and event.fatalities is None:
            event.fatalities = 0

"""The coder as named stages, listed in one place (``STAGES``), each saying what it reads and writes.

Like a spaCy pipeline: an article is parsed once, then each stage fills in part of the picture. Article
stages see the whole article (its parse, places, every sentence's candidates, every event); event stages
see one candidate event at a time, in text order, because a reader resolves "he", "the second strike" and
"the same day" from what came before. Any stage can be swapped for another implementation with the same
reads and writes (the ``detect`` stage has a rule-only and a learned variant) and scored on its own with
the outside scorer's field that measures it (``scored_by``; docs/accuracy.md, "Per stage").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from spacy.tokens import Doc, Span, Token

from sitroom.attributes import Casualties, attribution, casualties, days_running, event_date, in_present_tense
from sitroom.coding.dateline import first_live_entry
from sitroom.coding.factuality import factuality
from sitroom.coding.modes import choose_mode
from sitroom.coding.parties import (
    UNIDENTIFIED,
    Memory,
    is_instrument,
    names_person,
    names_the_pair,
)
from sitroom.coding.tolls import CASUALTY_TYPES, NO_VICTIMS
from sitroom.coding.triggers import Trigger
from sitroom.models import Actor, Article, Attribution, DateSpan, Location, PlaceMention
from sitroom.place import capital_of, locate_event, names_country
from sitroom.place.choose import Candidate, Context, candidates

if TYPE_CHECKING:
    from sitroom.coding.coder import Coder

# Acts two parties do together: a joint subject's second party is the target (FORMAT.md).
JOINT_TYPES = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "RETREAT"}
_OBSTRUCTION = {"block", "barricade", "obstruct"}
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
_DETENTION_CODES = ("173", "174", "1711")  # arrest, detain; expel or deport; confiscate
OBSTRUCT_CODE = "144"  # CAMEO: obstruct passage, block
_NEW_ACT = re.compile(r"\W*(separately|meanwhile|elsewhere|in a separate)\b", re.IGNORECASE)  # another act


@dataclass
class Draft:
    """One candidate event while the event stages fill it in."""

    trigger: Trigger
    sentence: Span
    type: str = ""
    mode: str | None = None
    actor: Actor | None = None
    actor_token: Token | None = None
    target: Actor | None = None
    location: Location | None = None
    factuality: str = "asserted"
    date: DateSpan | None = None
    toll: Casualties | None = None
    attribution: Attribution | None = None

    def __post_init__(self) -> None:
        self.type = self.type or self.trigger.plover.type


@dataclass
class ArticleState:
    """What the stages know about one article: its parse, places, candidates and memory of the story."""

    article: Article
    doc: Doc
    places: list[PlaceMention]
    memory: Memory
    candidates: list[tuple[Span, list[Trigger]]] = field(default_factory=list)  # per sentence, text order
    located: list[tuple[Span, Trigger, list[Candidate]]] | None = None  # every event's place candidates
    placed: list[Location] = field(default_factory=list)  # the places of the events coded so far


EventStep = Callable[["Coder", Draft, ArticleState], None]


@dataclass(frozen=True)
class Stage:
    """A named step of the coder: what it reads and writes, and which score measures it."""

    name: str
    scope: Literal["article", "event"]
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    scored_by: str
    why: str
    run: EventStep | None = None  # event stages; article stages are run by the Coder in this order


def read_parties(coder: Coder, draft: Draft, state: ArticleState) -> None:
    """Actor and target from the anchor's grammar, pronouns, joint subjects and what a reader supplies."""
    memory, when, anchor = state.memory, state.article.published, draft.trigger.anchor
    if not memory.read:
        memory.read_article(state.doc, coder.parties.lexicon, when)
    actor, actor_token = coder.parties.actor(anchor, when, memory)
    accusation = draft.type == "ACCUSE"
    target = coder.parties.target(anchor, when, memory, actor_token, accusation, draft.type)
    partner = coder.parties.co_actor(actor_token, when, memory)
    joint = partner is not None and partner.country != (actor and actor.country)
    if joint and (target is None or draft.type in JOINT_TYPES):
        target = partner
    draft.target = target
    actor = actor or _implied_actor(coder, draft, actor_token, memory, when)
    if names_the_pair(actor_token) and memory.last_pair is not None:
        sector = actor.sector if actor else None
        first, second = memory.last_pair
        actor, target = first.model_copy(update={"sector": sector or first.sector}), second
    memory.remember_pair(actor, target)
    draft.actor, draft.actor_token, draft.target = actor, actor_token, target


def _implied_actor(
    coder: Coder, draft: Draft, subject: Token | None, memory: Memory, when: date | None
) -> Actor | None:
    """An actor the reader supplies: "a second strike killed two" is the last attacker's; the article's
    first attack on someone that names no attacker ("two officers were stabbed") is by unidentified
    attackers (ACLED's "unidentified armed group", placed where they struck), while a later one is left
    open, so that a restatement still folds into its lead; forces that "were deployed" deploy; people
    who "were detained" were detained by the authorities."""
    trigger = draft.trigger
    doer = coder.parties.doer_of_clause(trigger.anchor, when, memory) if draft.type == "ASSAULT" else None
    if doer is not None:
        return doer
    if draft.type == "ASSAULT":
        first = memory.first_attack in (None, draft.sentence.start) and draft.target is not None
        named = coder.parties.names_a_doer(draft.sentence, when, memory)
        first = first and trigger.token.pos_ == "VERB" and not named
        unidentified = Actor(name=UNIDENTIFIED) if first else None  # no sector: a later claim may name them
        if is_instrument(subject):
            last = None if _NEW_ACT.match(draft.sentence.text) else memory.last_attacker
            return last or _local_attacker(coder, subject) or unidentified
        return unidentified
    passive = next((c for c in trigger.anchor.children if c.dep_ == "nsubjpass"), None)
    if passive is None or any(c.dep_ == "agent" for c in trigger.anchor.children):
        return None
    if draft.type == "MOBILIZE":
        return coder.parties.resolve_head(passive, None, memory)
    if draft.type == "COERCE" and trigger.cameo.startswith(_DETENTION_CODES):
        return Actor(name="authorities", country=None, sector="GOV")
    return None


def _local_attacker(coder: Coder, subject: Token) -> Actor | None:
    """With no attacker named before, "a roadside bombing near Samarra" is an unidentified armed group
    of the country where it struck (ACLED's "unidentified armed group"). A bare "the strike" names no
    one: the home country is as often the victim's as the attacker's."""
    means = coder.parties.lexicon.resolve([t.text for t in subject.subtree])
    if means is None or means.country is None:
        return None
    return Actor(name="unidentified attackers", country=means.country, sector="UAF", text=means.text)


def recode_by_actor(coder: Coder, draft: Draft, state: ArticleState) -> None:
    """Blocking a road is a protest (PLOVER PROTEST obstruct) unless the state does it (COERCE)."""
    trigger, actor = draft.trigger, draft.actor
    if trigger.token.lemma_.lower() in _OBSTRUCTION and (actor is None or actor.sector not in _STATE_SECTORS):
        draft.trigger = trigger.recoded(OBSTRUCT_CODE)
        draft.type = draft.trigger.plover.type


def locate(coder: Coder, draft: Draft, state: ArticleState) -> None:
    """Where the event happened (``place.event_location``, which also decides when a sentence that names
    no place continues the previous event's: the coder only remembers that place). A party with no
    country of its own then takes the article's country, else the place's (``Memory.localise``)."""
    memory, last = state.memory, state.memory.last_location
    rules, step = locate_event(draft.trigger.anchor, memory.places, last)
    location = rules
    if last is None or rules is not last:  # placed anew, not carried on from the event before
        memory.last_location = rules or last
        location = _at_the_seat(draft, rules, step, memory)
    chosen = _learned_choice(coder, draft, state, location, step)
    if _gave_way_to_the_seat(rules, location):
        # the story is at the seat now ("the vote followed ..." is there too), and the chooser, which
        # cannot see that the act is the institution's own, does not overrule it
        memory.last_location = location
    elif chosen is not location:  # the chooser overruled the rules: the story is there now
        memory.last_location = location = chosen
    memory.count_countries([p.country for p in (draft.actor, draft.target) if p is not None and p.country])
    draft.actor = memory.localise(memory.as_placed(draft.actor), location)
    draft.target = memory.localise(memory.as_placed(draft.target), location, victims=draft.type == "ASSAULT")
    if draft.type == "ASSAULT" and draft.actor is not None and draft.actor.country and draft.actor.text:
        memory.last_attacker = draft.actor  # an attacker the text names (not one a reader supplied)
    if draft.type == "ASSAULT" and memory.first_attack is None:
        memory.first_attack = draft.sentence.start
    if draft.target is not None and draft.target == draft.actor:  # the same words read twice
        draft.target = None
    draft.location = location
    if location is not None:
        state.placed.append(location)


def _office(draft: Draft, memory: Memory) -> str | None:
    """Whether the actor is a national institution or its office holder, or a local one (for the chooser)."""
    if draft.actor is None or draft.actor.sector not in ("GOV", "LEG"):
        return None
    if _local_office(draft, memory):
        return "local"
    return "national" if _national_body(draft) else None


def _learned_choice(
    coder: Coder, draft: Draft, state: ArticleState, rule: Location | None, step: str
) -> Location | None:
    """The rules' location, or a place the learned chooser (``place/choose.py``) is surer of; every
    candidate is recorded when ``state.located`` collects them (training, ``learn/locate.py``)."""
    if state.located is None and (coder.location_model is None or rule is None):
        return rule  # the chooser only weighs the rules' place against others; it adds none
    context = Context(
        draft.type,
        draft.actor.country if draft.actor is not None else None,
        draft.target.country if draft.target is not None else None,
        act="field" if draft.type in _FIELD_TYPES else "done to" if draft.type in _DONE_TO else "own",
        actor_sector=draft.actor.sector if draft.actor is not None else None,
        office=_office(draft, state.memory),
        acts=tuple(state.placed),
    )
    found = candidates(draft.trigger.anchor, state.memory.places, rule, step, context)
    if state.located is not None:
        state.located.append((draft.sentence, draft.trigger, found))
    if coder.location_model is None or rule is None:
        return rule
    return coder.location_model.choose(found, step)


def _at_the_seat(draft: Draft, location: Location | None, step: str, memory: Memory) -> Location | None:
    """A national government's, parliament's or court's own act placed no nearer than its country ("Iran
    issued arrest warrants", "the Legislative Yuan voted"), or placed only at a town the sentence talks
    about ("the Chamber of Deputies voted to expel a deputy from Rio de Janeiro"), happened at the seat of
    government: it is drawn at the capital, as a country-level location (fusion keeps it compatible with
    any town of the country). Not acts in the field (attacks, deployments, protests), which happen
    anywhere."""
    actor = draft.actor
    if draft.type in _FIELD_TYPES or actor is None or actor.sector not in _NATIONAL_SECTORS:
        return location
    if actor.sector is None and not names_country(actor.name, actor.country):
        return location  # a person or group of no known sector is not the state
    country = actor.country or memory.home  # a party with no country of its own is the story's
    placed = location is not None and (location.precision != "country" or location.country != country)
    if placed and not _talked_about(draft, location, step, memory, country):  # type: ignore[arg-type]
        return location
    capital = capital_of(country)
    if capital is None:
        return location
    # the text says only the country: precision stays "country", the capital is where its point is drawn
    return capital.model_copy(update={"precision": "country", "feature": SEAT_OF_GOVERNMENT})


def _gave_way_to_the_seat(rules: Location | None, location: Location | None) -> bool:
    """Did a town the sentence only talks about give way to the seat of government (``_at_the_seat``)?
    Not an act the rules placed no nearer than the seat's country, whose point is only drawn there."""
    return location is not rules and location is not None and not _country_only(rules, location)


def _country_only(location: Location | None, seat: Location) -> bool:
    """Did the rules place the act no nearer than the seat's country (or nowhere)?"""
    return location is None or (location.precision == "country" and location.country == seat.country)


def _talked_about(draft: Draft, location: Location, step: str, memory: Memory, country: str | None) -> bool:
    """Is the rules' place for a state's act only a town the story talks about, while the act is the
    national institution's own (a vote, a decision, a statement)? Only for the story's own state (a
    visiting minister acts where he visits), not an office of a town or province ("the governor of
    Narathiwat", "the High Court in Bhisho", "the state government"), not an act done to people or places
    (arrests, curfews, relief), not a journey ("travelled to Adré"), and not a place the sentence puts
    anything at ("a visit to a site near Plovdiv")."""
    if step not in _TALKED_STEPS or draft.type in _DONE_TO:
        return False
    if country is None or country != memory.places_country:
        return False
    if not _national_body(draft) or _local_office(draft, memory) or _journey(draft.trigger.anchor):
        return False
    if step != "nearest":
        return True
    mentions = _mentions_in(draft.sentence, memory, location.name)
    return bool(mentions) and not any(_placed_at(span) for span in mentions)


_TALKED_STEPS = {"nearest", "story", "previous"}  # not the act's own phrase of place, not carried
_DONE_TO = {"COERCE", "AID"}
_JOURNEY = {"travel", "visit", "arrive", "go", "fly", "depart", "tour", "return", "come", "undertake",
            "reach"}  # fmt: skip
_LOCAL = {"governor", "governors", "mayor", "mayors", "provincial", "province", "municipal", "municipality",
          "district", "regional", "county", "council", "local", "city", "town", "village", "prefect",
          "governorate", "here"}  # fmt: skip
_STATE_BODIES = {"government", "assembly", "police", "legislature", "authorities", "governor"}


def _national_body(draft: Draft) -> bool:
    """Is the actor a national institution or its office holder: a parliament, a ministry, a government,
    a president, a minister, a member of parliament? Not a court or a prosecutor (they sit in many towns),
    nor "leaders" or "officials" of anything, nor a bare country ("We urge North Korea to stop" is read
    with North Korea as the doer as often as not)."""
    actor = draft.actor
    if actor is None or actor.sector not in ("GOV", "LEG"):
        return False
    subtree = draft.actor_token.subtree if draft.actor_token is not None else []
    words = {t.lower_ for t in subtree} | set((actor.text or "").lower().split())
    return bool(words & _NATIONAL_BODIES)


_NATIONAL_BODIES = {"parliament", "parliamentary", "congress", "assembly", "senate", "house", "chamber",
                    "legislature", "diet", "knesset", "duma", "lawmakers", "legislators", "deputies", "mp",
                    "mps", "senator", "senators", "congressman", "congresswoman", "ministry", "minister",
                    "ministers", "president", "presidency", "premier", "cabinet", "government", "chancellor",
                    "chancellery", "secretary"}  # fmt: skip


def _local_office(draft: Draft, memory: Memory) -> bool:
    """Does the actor hold an office of a town, district, province or federal state ("the mayor of Larissa",
    "the state government", "a backbencher in the New South Wales Legislative Assembly")? Then its acts
    are done there, not at the capital: its words name a local unit, or a place the article names that is
    not a country."""
    subtree = list(draft.actor_token.subtree) if draft.actor_token is not None else []
    words = [t.lower_ for t in subtree]
    words += (draft.actor.text or "").lower().split() if draft.actor is not None else []
    if _LOCAL & set(words) or any(a == "state" and b in _STATE_BODIES for a, b in pairwise(words)):
        return True
    named = " ".join([draft.actor.text or "" if draft.actor is not None else "", *(t.text for t in subtree)])
    return any(p.feature != "country" and p.text in named for p in memory.places)


def _journey(anchor: Token) -> bool:
    """Is the act, or the clause it hangs on, a journey ("will travel to Basra to meet", "arrived ... and
    held a meeting")? The act is then where the journey goes."""
    token = anchor
    for _ in range(3):
        if token.lemma_.lower() in _JOURNEY:
            return True
        if token.dep_ not in ("conj", "advcl", "xcomp", "relcl") or token.head == token:
            return False
        token = token.head
    return False


def _mentions_in(sentence: Span, memory: Memory, name: str) -> list[Span]:
    """The sentence's mentions of the place the rules chose (which returned its location, not its words)."""
    doc = sentence.doc
    spans = (
        doc.char_span(p.start, p.end, alignment_mode="expand")
        for p in memory.places
        if p.name == name and sentence.start_char <= p.start < sentence.end_char
    )
    return [s for s in spans if s is not None]


def _placed_at(span: Span) -> bool:
    """Is a mention the object of a phrase of place or of destination ("in X", "near X", "to X")?"""
    return any(a.dep_ == "prep" and a.lower_ in _PLACING for a in span.root.ancestors)


_PLACING = {"in", "at", "near", "outside", "inside", "around", "across", "within", "off", "throughout",
            "along", "to", "into", "towards", "toward", "on"}  # fmt: skip


SEAT_OF_GOVERNMENT = "seat of government"  # the feature of a country-level location drawn at the capital


_FIELD_TYPES = {"ASSAULT", "MOBILIZE", "PROTEST"}
_NATIONAL_SECTORS = {"GOV", "LEG", "JUD", None}  # None: the country itself ("Iran issued warrants")


def speaker_as_actor(coder: Coder, draft: Draft, state: ArticleState) -> None:
    """An act told with no doer by someone ("two activists were detained, police said"; "40 truckloads
    were offloaded, the US military says"; a transcript's "We call on …") was done by whoever tells it:
    the sentence's speaker. Not an attack, whose reporter is seldom its doer. Run once the act is kept,
    so a speaker does not keep an act that names no party."""
    if draft.actor is not None or draft.type == "ASSAULT":
        return
    memory = state.memory
    speaker = coder.parties.speaker(draft.sentence, state.article.published, memory)
    if speaker is not None and speaker != draft.target:
        draft.actor = memory.localise(speaker, draft.location)


def read_factuality(coder: Coder, draft: Draft, state: ArticleState) -> None:
    """Asserted, alleged, expected, hypothetical or denied, from the anchor's grammar and its sentence."""
    draft.factuality = factuality(draft.trigger.anchor, draft.type, draft.sentence.text)


def settle_type(coder: Coder, draft: Draft, state: ArticleState) -> None:
    """The final type and mode: an announced future retreat is a concession (PLOVER manual); the mode
    comes from the CAMEO code, else from cue words of the sentence."""
    if draft.type == "RETREAT" and draft.factuality == "expected":
        draft.type = "CONCEDE"
    draft.mode = choose_mode(draft.type, draft.trigger.plover.mode, draft.sentence.text)


def read_date(coder: Coder, draft: Draft, state: ArticleState) -> None:
    """The event's date relative to publication; the lead's date is the context later sentences share,
    except a statement in the present ("the ICRC calls on …"), made the day the story is written, and
    an act in a live blog's timestamped entry, told the day the blog runs."""
    published, memory = state.article.published, state.memory
    if published is None:
        return
    anchor = _dated_word(draft.trigger.anchor)
    future = draft.factuality in {"expected", "hypothetical"} and not _perfect_modal(anchor)
    headline = is_headline(draft.sentence, state.article.text)
    now = in_present_tense(anchor) and not headline
    context = None if now or _in_live_entry(draft.sentence, state.article.text) else memory.context_date
    span = event_date(anchor, published, future, context, now, previous=memory.last_day)
    if memory.context_date is None and not (future or headline) and _sets_the_scene(span, published):
        memory.context_date = span
    if span.precision == "day" and not headline:
        memory.last_day = span
    draft.date = days_running(span, anchor)


def _in_live_entry(sentence: Span, text: str) -> bool:
    """Whether the sentence is in a live blog's timestamped entries ("13:45 - Israel's war cabinet has
    approved …"): what an entry tells with no date of its own is of the day the blog runs (train's
    live blogs date such acts at publication), not the lead's day."""
    entry = first_live_entry(text)
    return entry is not None and sentence.start_char >= entry


def _perfect_modal(anchor: Token) -> bool:
    """ "Trump *might have encouraged* Zelensky in a phone call in late July": a possibility about the
    past, whose dates are not the next ones."""
    auxes = [c.lower_ for c in anchor.children if c.dep_ == "aux"]
    return "have" in auxes and any(a in {"might", "may", "could", "would", "must"} for a in auxes)


def _dated_word(anchor: Token) -> Token:
    """The word whose dates are the event's: an act found on "according" (in "On 21 July troops launched
    an operation, according to military sources") is dated by the verb the phrase hangs on."""
    return anchor.head if anchor.dep_ == "prep" and anchor.head.i != anchor.i else anchor


_CONTEXT_PRECISIONS = {"day", "week"}  # "in 2010" or "in March" in a lead is background, not the story's day


def _sets_the_scene(span: DateSpan, published: date) -> bool:
    """Whether an event's date becomes the story's date for later sentences that state none: a day or a
    week the lead names, past and closed. Not a headline's (its "from Wednesday" is a plan or a summary),
    a running period ("since 20 November", "over the past nine days": the acts told next are each of
    their own day) or a day after publication (a truce "until Tuesday 29 May")."""
    if span.precision not in _CONTEXT_PRECISIONS or span.end > published:
        return False
    running_window = span.precision == "week" and span.end == published
    return not (running_window or (span.text or "").lower().startswith("since"))


def is_headline(sentence: Span, text: str) -> bool:
    """A line the writer ended without a full stop (a headline or a live blog's title, whose present
    tense tells a past act); the parse stage gave it one (dateline.py). A live blog's or report's dash
    or bullet that the parser hung on the sentence's end ("OCHA calls on donors to … funding. -") is
    not part of it."""
    ending = text[sentence.start_char : sentence.end_char].rstrip(" \t\n\r-–—•*")
    return not ending.endswith((".", "!", "?", '"', "”"))


def read_toll(coder: Coder, draft: Draft, state: ArticleState) -> None:
    """Killed and injured told in the event's own sentence ("… but no one was hurt" is a toll of 0)."""
    if draft.type not in CASUALTY_TYPES:
        return
    toll = casualties(draft.trigger.anchor, draft.sentence)
    unhurt = draft.factuality == "asserted" and NO_VICTIMS.search(draft.sentence.text)
    if toll is not None and toll.killed is None and unhurt:
        toll = Casualties(killed=0, injured=toll.injured)
    draft.toll = toll


def read_attribution(coder: Coder, draft: Draft, state: ArticleState) -> None:
    """Who says so; "he said" in the next sentence keeps the last source."""
    memory = state.memory
    draft.attribution = attribution(draft.trigger.anchor, draft.sentence, previous=memory.last_attribution)
    memory.last_attribution = draft.attribution or memory.last_attribution


def remember_subject(coder: Coder, sentence: Span, state: ArticleState) -> None:
    """The sentence's subject is what "he", "it" and "the group" in later sentences most often mean (a
    person even with no country named: "the prime minister … He declined" is the home country's); its
    speaker is who "I" and "we" in a quote running on into the next sentence are."""
    memory, when = state.memory, state.article.published
    memory.last_speaker = coder.parties.speaker(sentence, when, memory)
    subject = next((c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ in {"it", "they", "he", "she"}:
        return
    actor = coder.parties.resolve_head(subject, when, memory)
    person = names_person(subject)
    if actor is not None and (actor.country is not None or person):
        memory.remember(actor, person=person)


STAGES: tuple[Stage, ...] = (
    Stage("parse", "article", ("text",), ("doc",), "—",
          "spaCy's small English model: sentences, tags, lemmas, dependency parse, entities; lower-cased or "
          "all-caps lines truecased (truecase.py), wire datelines blanked and report bullets broken first "
          "(dateline.py)"),
    Stage("places", "article", ("doc",), ("places",), "score_places.py",
          "every place mention, resolved offline against GeoNames data (place/)"),
    Stage("candidates", "article", ("doc",), ("candidates",), "event P/R (any type)",
          "CAMEO verb patterns and event nouns (triggers.py), kept when they state an act of their own "
          "(select.py); discarded stories and background clauses dropped"),
    Stage("detect", "article", ("doc", "candidates"), ("candidates",), "event P/R/F1",
          "which event types each sentence states: the rules' candidates kept, retyped or dropped, and acts "
          "no rule found added, by a model trained on our corpus (detect.py); variant 'rules' skips it"),
    Stage("parties", "event", ("candidates",), ("actor", "target"), "actor / target accuracy",
          "actor and target from the anchor's grammar and the story so far (parties.py, actors.py)",
          read_parties),
    Stage("type-by-actor", "event", ("actor",), ("type",), "event F1",
          "a road blocked by the state is COERCE, by anyone else PROTEST", recode_by_actor),
    Stage("place", "event", ("places", "actor", "target"), ("location", "actor", "target"),
          "location accuracy", "the act's own place phrase, else the story's last place (place/locate.py), "
          "weighed against every place the article names by a learned chooser (place/choose.py)",
          locate),
    Stage("factuality", "event", ("candidates",), ("factuality",), "factuality accuracy",
          "negation, modality, reporting and denial around the anchor (factuality.py)", read_factuality),
    Stage("type-and-mode", "event", ("type", "factuality"), ("type", "mode"), "mode accuracy",
          "the final type and the PLOVER mode (modes.py)", settle_type),
    Stage("date", "event", ("factuality",), ("date",), "date accuracy",
          "date expressions resolved against publication (attributes/dates.py)", read_date),
    Stage("toll", "event", ("type", "factuality"), ("toll",), "fatalities accuracy",
          "killed and injured in the event's own sentence (attributes/casualties.py)", read_toll),
    Stage("attribution", "event", ("candidates",), ("attribution",), "—",
          "the source chain, reporting verb and quote (attributes/attribution.py)", read_attribution),
    Stage("events", "article", ("type", "actor", "target"), ("events", "actor"), "event precision",
          "drafts become events; an act with no party is dropped, one act with two verbs kept once; a kept "
          "act with no doer takes its speaker as actor (speaker_as_actor)"),
    Stage("tolls", "article", ("events",), ("fatalities",), "fatalities accuracy",
          "tolls told across sentences: revisions, second sources, deaths among the wounded (tolls.py)"),
    Stage("restatements", "article", ("events",), ("events",), "event precision",
          "one act told twice in the article becomes one event (restatements.py)"),
    Stage("acled", "article", ("events", "fatalities"), ("acled_event_type", "acled_sub_event_type"),
          "ACLED sub-event accuracy", "ACLED's event and sub-event types from the finished event (acled.py)"),
    Stage("unnamed parties", "article", ("events",), ("home",), "strict F1",
          "the story's country (Memory.home), which the FORMAT.md output gives a party the text leaves "
          "unnamed (CodedArticle.to_format); events, the store and fusion keep such a party None"),
)  # fmt: skip

INPUTS = ("text",)


def unmet_reads(stages: tuple[Stage, ...] = STAGES) -> list[str]:
    """Reads that no earlier stage writes (like spaCy's ``analyze_pipes``); empty when the order holds."""
    written, problems = set(INPUTS), []
    for stage in stages:
        missing = [read for read in stage.reads if read not in written]
        problems += [f"{stage.name} reads {read!r}, which no earlier stage writes" for read in missing]
        written.update(stage.writes)
    return problems


EVENT_STAGES: tuple[Stage, ...] = tuple(s for s in STAGES if s.scope == "event")

"""The event coder: an Article in, a CodedArticle (its PLOVER events with evidence) out.

Per sentence: find triggers (``triggers.py``), keep the ones that state an event of their own
(``select_triggers``), then read actor and target (``parties.py``), mode (``modes.py``) and factuality
(``factuality.py``). Coding an article needs only its text and publication date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.attributes import Casualties, attribution, casualties, event_date
from sitroom.coding.acled import with_acled
from sitroom.coding.actors import ActorLexicon
from sitroom.coding.background import is_background
from sitroom.coding.dateline import blank_dateline, break_bullets, find_dateline
from sitroom.coding.discards import discards
from sitroom.coding.factuality import factuality
from sitroom.coding.modes import choose_mode
from sitroom.coding.ontology import QUAD_CLASS
from sitroom.coding.parties import Memory, PartyFinder, is_instrument, names_person, names_the_pair
from sitroom.coding.restatements import merge_restatements
from sitroom.coding.select import select_triggers
from sitroom.coding.tolls import CASUALTY_TYPES, NO_VICTIMS, update_toll
from sitroom.coding.triggers import Trigger, find_triggers
from sitroom.coding.verbs import VerbLexicon, verb_lexicon
from sitroom.models import Actor, Article, CodedArticle, DateSpan, Event, Location, PlaceMention
from sitroom.nlp import load_nlp
from sitroom.place import Geoparser, event_location

# Acts two parties do together: a joint subject's second party is the target (FORMAT.md).
JOINT_TYPES = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "RETREAT"}
_OBSTRUCTION = {"block", "barricade", "obstruct"}
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
_DETENTION_CODES = ("173", "174", "1711")  # arrest, detain; expel or deport; confiscate
OBSTRUCT_CODE = "144"  # CAMEO: obstruct passage, block


class Coder:
    """Holds the loaded model and lexicons; one per process."""

    def __init__(self, nlp: Language, verbs: VerbLexicon, actors: ActorLexicon) -> None:
        self.nlp = nlp
        self.verbs = verbs
        self.parties = PartyFinder(actors)
        self.discards = discards()
        self.geoparser = Geoparser.load()

    @classmethod
    @cache
    def load(cls) -> Coder:
        """The process-wide coder (spaCy model and lexicons load once, ~1.5 s)."""
        return cls(load_nlp(), verb_lexicon(), ActorLexicon.load())

    def code(self, article: Article) -> CodedArticle:
        """Code one article."""
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[CodedArticle]:
        """Code articles in order, parsing them in batches."""
        texts = ((break_bullets(blank_dateline(a.text)[0]), a) for a in articles)
        pairs = self.nlp.pipe(texts, as_tuples=True, batch_size=batch_size)
        for doc, article in pairs:
            try:
                places = self.geoparser.places(doc)
                yield CodedArticle(article=article, events=self.events(doc, article, places), places=places)
            except Exception as exc:  # one bad article must not stop a batch
                yield CodedArticle(article=article, error=f"coding failed: {type(exc).__name__}: {exc}")

    def events(self, doc: Doc, article: Article, places: list[PlaceMention]) -> list[Event]:
        """All events of a parsed article (parsed with its dateline blanked, see ``dateline.py``)."""
        dateline = find_dateline(article.text)
        memory = Memory(body_start=dateline.end if dateline else 0, places=places)
        events: list[Event] = []
        if self.discards.story_is_discarded(doc.text):
            return events
        for sentence in doc.sents:
            if self.discards.sentence_is_discarded(sentence.text):
                continue
            found = self._sentence_events(sentence, article, memory)
            if not any(e.actor is not None for e in found):  # "…were wounded, and the toll rose to 27"
                update_toll(sentence, events, found)
            events.extend(found)
        return merge_restatements(events)

    def _sentence_events(self, sentence: Span, article: Article, memory: Memory) -> list[Event]:
        seen: set[tuple] = set()
        events = []
        for trigger in select_triggers(find_triggers(sentence, self.verbs), list(sentence)):
            if is_background(trigger.anchor, article.published):
                continue
            event = self._event(trigger, sentence, article, memory)
            if event.actor is None and event.target is None:
                continue  # an act with no party named ("prices were supported", "a bus stop was hit")
            party = event.actor and (event.actor.country, event.actor.sector)
            key = (event.type, party)  # "killed 3 and wounded 5" is one act; protesters and police are two
            if key not in seen:
                seen.add(key)
                events.append(event)
        self._remember_subject(sentence, article, memory)
        return events

    def _remember_subject(self, sentence: Span, article: Article, memory: Memory) -> None:
        """The sentence's subject is what "he", "it" and "the group" in later sentences most often mean."""
        subject = next((c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.lower_ in {"it", "they", "he", "she"}:
            return
        actor = self.parties.resolve_head(subject, article.published, memory)
        if actor is not None and actor.country is not None:
            memory.remember(actor, person=names_person(subject))

    def _event(self, trigger: Trigger, sentence: Span, article: Article, memory: Memory) -> Event:
        when = article.published
        actor, actor_token = self.parties.actor(trigger.anchor, when, memory)
        trigger = _by_actor(trigger, actor)
        accusation = trigger.plover.type == "ACCUSE"
        target = self.parties.target(trigger.anchor, when, memory, skip=actor_token, accusation=accusation)
        partner = self.parties.co_actor(actor_token, when, memory)
        joint = partner is not None and partner.country != (actor and actor.country)
        if joint and (target is None or trigger.plover.type in JOINT_TYPES):
            target = partner
        actor = actor or self._implied_actor(trigger, actor_token, memory)
        if names_the_pair(actor_token) and memory.last_pair is not None:
            sector = actor.sector if actor else None
            first, second = memory.last_pair
            actor, target = first.model_copy(update={"sector": sector or first.sector}), second
        memory.remember_pair(actor, target)
        location = self._location(trigger, sentence, memory)
        memory.count_countries([p.country for p in (actor, target) if p is not None and p.country])
        actor, target = memory.localise(actor, location), memory.localise(target, location)
        if trigger.plover.type == "ASSAULT" and actor is not None and actor.country:
            memory.last_attacker = actor
        if target is not None and target == actor:  # the same words read twice
            target = None
        kind = trigger.plover.type
        fact = factuality(trigger.anchor, kind, sentence.text)
        if kind == "RETREAT" and fact == "expected":
            kind = "CONCEDE"  # PLOVER manual: an announced future retreat is a concession
        when_span = self._date(trigger, article, memory, future=fact in {"expected", "hypothetical"})
        toll = casualties(trigger.anchor, sentence) if kind in CASUALTY_TYPES else None
        unhurt = fact == "asserted" and NO_VICTIMS.search(sentence.text)  # "… but no one was hurt"
        if toll is not None and toll.killed is None and unhurt:
            toll = Casualties(killed=0, injured=toll.injured)
        said = attribution(trigger.anchor, sentence, previous=memory.last_attribution)
        memory.last_attribution = said or memory.last_attribution
        mode = choose_mode(kind, trigger.plover.mode, sentence.text)
        event = Event(
            id=_event_id(article, sentence, trigger),
            type=kind,
            mode=mode,
            actor=actor,
            target=target,
            factuality=fact,
            location=location,
            date=when_span,
            fatalities=toll.killed if toll else None,
            injured=toll.injured if toll else None,
            casualties_vague=bool(toll and toll.vague),
            attribution=said,
            evidence=article.text[max(sentence.start_char, memory.body_start) : sentence.end_char],
            sentence_start=max(sentence.start_char, memory.body_start),
            sentence_end=sentence.end_char,
            trigger=trigger.token.text,
            cameo=trigger.cameo,
            cameo_root=trigger.cameo[:2],
            quad_class=QUAD_CLASS[kind],
            confidence=_confidence(trigger, actor is not None, target is not None),
        )
        return with_acled(event)  # ACLED's event and sub-event types, from the event as coded

    def _implied_actor(self, trigger: Trigger, subject: Token | None, memory: Memory) -> Actor | None:
        """An actor the reader supplies: "a second strike killed two" is the last attacker's; forces that
        "were deployed" deploy; people who "were detained" were detained by the authorities."""
        kind = trigger.plover.type
        if kind == "ASSAULT" and is_instrument(subject):
            return memory.last_attacker or self._local_attacker(subject)
        passive = next((c for c in trigger.anchor.children if c.dep_ == "nsubjpass"), None)
        if passive is None or any(c.dep_ == "agent" for c in trigger.anchor.children):
            return None
        if kind == "MOBILIZE":
            return self.parties.resolve_head(passive, None, memory)
        if kind == "COERCE" and trigger.cameo.startswith(_DETENTION_CODES):
            return Actor(name="authorities", country=None, sector="GOV")
        return None

    def _local_attacker(self, subject: Token) -> Actor | None:
        """With no attacker named before, "a roadside bombing near Samarra" is an unidentified armed group
        of the country where it struck (ACLED's "unidentified armed group"). A bare "the strike" names no
        one: the home country is as often the victim's as the attacker's."""
        means = self.parties.lexicon.resolve([t.text for t in subject.subtree])
        if means is None or means.country is None:
            return None
        return Actor(name="unidentified attackers", country=means.country, sector="UAF", text=means.text)

    def _location(self, trigger: Trigger, sentence: Span, memory: Memory) -> Location | None:
        """Where the event happened; a sentence that names no place continues the previous event's."""
        names_place = any(sentence.start_char <= p.start < sentence.end_char for p in memory.places)
        if not names_place and memory.last_location is not None:
            return memory.last_location
        location = event_location(trigger.anchor, memory.places)
        memory.last_location = location or memory.last_location
        return location

    def _date(self, trigger: Trigger, article: Article, memory: Memory, future: bool) -> DateSpan | None:
        """The event's date; the lead's date is the context later sentences fall back on."""
        if article.published is None:
            return None
        span = event_date(trigger.anchor, article.published, expected=future, context=memory.context_date)
        if memory.context_date is None and span.precision != "published" and not future:
            memory.context_date = span
        return span


def _by_actor(trigger: Trigger, actor: Actor | None) -> Trigger:
    """Blocking a road is a protest (PLOVER PROTEST obstruct) unless the state does it (COERCE)."""
    if trigger.token.lemma_.lower() in _OBSTRUCTION and (actor is None or actor.sector not in _STATE_SECTORS):
        return trigger.recoded(OBSTRUCT_CODE)
    return trigger


def _confidence(trigger: Trigger, has_actor: bool, has_target: bool) -> float:
    """A rough 0–1 score: a pattern match and resolved parties make an event more certain."""
    score = 0.4 + 0.15 * (trigger.specificity > 0) + 0.25 * has_actor + 0.1 * has_target
    return round(min(score, 0.95), 2)


def _event_id(article: Article, sentence: Span, trigger: Trigger) -> str:
    """Stable across runs: the same article text codes to the same ids."""
    key = f"{article.content_hash}:{sentence.start_char}:{trigger.token.idx}:{trigger.plover.type}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]

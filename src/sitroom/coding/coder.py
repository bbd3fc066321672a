"""The event coder: an Article in, a CodedArticle (its PLOVER events with evidence) out.

The work is done by named stages (``stages.py`` lists them with what each reads and writes): parse,
places, candidates per sentence, then for every candidate in text order parties, place, factuality, type
and mode, date, toll and attribution, then the article stages (events, tolls across sentences,
restatements). Coding an article needs only its text and publication date.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitroom.coding.acled import with_acled
from sitroom.coding.actors import ActorLexicon
from sitroom.coding.background import is_background
from sitroom.coding.dateline import (
    blank_dateline,
    break_bullets,
    break_lead_labels,
    break_paragraphs,
    caption_spans,
    find_dateline,
)
from sitroom.coding.detect import DETECT_VARIANTS, Position, detect, detect_learned, type_model
from sitroom.coding.discards import discards
from sitroom.coding.ontology import QUAD_CLASS
from sitroom.coding.parties import Memory, PartyFinder
from sitroom.coding.restatements import merge_restatements
from sitroom.coding.select import select_triggers
from sitroom.coding.stages import (
    EVENT_STAGES,
    ArticleState,
    Draft,
    is_headline,
    remember_subject,
    speaker_as_actor,
)
from sitroom.coding.tolls import ZERO_REACH, injured_only, lead_toll, restate_toll, update_toll, zero_toll
from sitroom.coding.triggers import Trigger, find_triggers
from sitroom.coding.truecase import truecase
from sitroom.coding.verbs import VerbLexicon, verb_lexicon
from sitroom.models import Article, CodedArticle, Event, PlaceMention
from sitroom.nlp import load_nlp
from sitroom.place import Geoparser
from sitroom.place.choose import location_model

# see _sure; chosen on dev like the model's other bars: 0.2/0.3/0.4/0.5 gave event F1 0.702/0.707/0.702/0.699
SURE_WITHOUT_PARTIES = 0.3
SentenceTriggers = tuple[int, Span, list[Trigger], list[Trigger]]  # position, sentence, found, selected


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the model, lexicons and gazetteer load: they are millions of
    long-lived objects, and the collector's passes over them as they are built were a quarter of the
    start-up time, freeing nothing. What was loaded is then frozen (``gc.freeze``: kept out of every
    later pass): it lives as long as the process, and the full passes the interpreter makes over it as it
    exits were 0.5-0.7 s of a one-article ``sitroom code`` (60 unreachable objects are left by loading)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()


class Coder:
    """Holds the loaded model and lexicons; one per process."""

    def __init__(
        self, nlp: Language, verbs: VerbLexicon, actors: ActorLexicon, detect: str = "combined"
    ) -> None:
        if detect not in DETECT_VARIANTS:
            raise ValueError(f"unknown detect variant {detect!r}; one of {', '.join(DETECT_VARIANTS)}")
        self.nlp = nlp
        self.verbs = verbs
        self.parties = PartyFinder(actors)
        self.discards = discards()
        self.geoparser = Geoparser.load()
        self.detect = detect
        self.type_model = type_model(detect) if detect != "rules" else None
        self.location_model = location_model()

    @classmethod
    @cache
    def load(cls, detect: str = "combined") -> Coder:
        """The process-wide coder (spaCy model and lexicons load once, ~1.5 s); ``detect`` picks the
        variant of the ``detect`` stage (``detect.DETECT_VARIANTS``)."""
        with _collector_paused():
            return cls(load_nlp(), verb_lexicon(), ActorLexicon.load(), detect)

    def code(self, article: Article) -> CodedArticle:
        """Code one article."""
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[CodedArticle]:
        """Code articles in order, parsing them in batches (the ``parse`` stage)."""
        for doc, article in self.parse(articles, batch_size):
            try:
                yield self.coded(doc, article, self.geoparser.places(doc))
            except Exception as exc:  # one bad article must not stop a batch
                yield CodedArticle(article=article, error=f"coding failed: {type(exc).__name__}: {exc}")

    def coded(self, doc: Doc, article: Article, places: list[PlaceMention]) -> CodedArticle:
        """A parsed article's events, places and home country (the ``unnamed parties`` stage: the country
        its FORMAT.md output gives a party the text leaves unnamed)."""
        state = self.new_state(doc, article, places)
        events = self._events(state)
        return CodedArticle(article=article, events=events, places=places, home=state.memory.home)

    def events(self, doc: Doc, article: Article, places: list[PlaceMention]) -> list[Event]:
        """All events of a parsed article (parsed with its dateline blanked, see ``dateline.py``)."""
        return self._events(self.new_state(doc, article, places))

    def _events(self, state: ArticleState) -> list[Event]:
        self.find_candidates(state)
        by_sentence = [(sentence, self.sentence_events(sentence, triggers, state)) for sentence, triggers in
                       state.candidates]  # fmt: skip
        headline = _title_line(state)
        headlines = frozenset(e.id for s, found in by_sentence if s == headline for e in found)
        events = merge_restatements(tolls_across_sentences(by_sentence), headlines)
        return [with_acled(event) for event in events]

    def new_state(self, doc: Doc, article: Article, places: list[PlaceMention]) -> ArticleState:
        """A fresh state for an article: nothing remembered yet; the story starts after its dateline."""
        dateline = find_dateline(article.text)
        memory = Memory(body_start=dateline.end if dateline else 0, places=places)
        return ArticleState(article=article, doc=doc, places=places, memory=memory)

    def parse(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Doc, Article]]:
        """The ``parse`` stage: the text with its dateline blanked, other datelines, bullets and headlines
        broken."""
        texts = (
            (break_paragraphs(break_bullets(break_lead_labels(blank_dateline(truecase(a.text))[0]))), a)
            for a in articles
        )
        return self.nlp.pipe(texts, as_tuples=True, batch_size=batch_size)

    def find_candidates(self, state: ArticleState) -> None:
        """The ``candidates`` stage (per sentence, the triggers that state an act of their own), then the
        ``detect`` stage's check of them when a type model is loaded."""
        published = state.article.published
        for position, sentence, found, selected in self.sentence_triggers(state):
            if self.type_model is not None and self.detect == "learned":
                selected = detect_learned(sentence, found, position, self.type_model)
            elif self.type_model is not None:
                selected = detect(sentence, selected, found, position, self.type_model)
            stated = [t for t in selected if not is_background(t.anchor, published)]
            state.candidates.append((sentence, stated))

    def sentence_triggers(
        self, state: ArticleState
    ) -> Iterator[tuple[Position, Span, list[Trigger], list[Trigger]]]:
        """Per body sentence not discarded (nor in a photo's caption): its position in the body, every
        lexicon trigger, and those that state an act of their own (what the detect model reads, in
        training too)."""
        if self.discards.story_is_discarded(state.doc.text):
            return
        body = [s for s in state.doc.sents if s.end_char > state.memory.body_start and s.text.strip()]
        captions = caption_spans(state.doc.text)
        for position, sentence in enumerate(body):
            if self.discards.sentence_is_discarded(sentence.text) or _within(sentence, captions):
                continue
            found = find_triggers(sentence, self.verbs)
            where = Position(position, alone=len(body) == 1)
            yield where, sentence, found, select_triggers(found, list(sentence))

    def sentence_events(self, sentence: Span, triggers: list[Trigger], state: ArticleState) -> list[Event]:
        """The event stages on each candidate of a sentence, then the ``events`` stage: an act with no
        party named is dropped ("prices were supported"), and "killed 3 and wounded 5" is one act while
        protesters and police are two."""
        seen: set[tuple] = set()
        events = []
        for trigger in triggers:
            draft = Draft(trigger, sentence)
            for stage in EVENT_STAGES:
                stage.run(self, draft, state)
            if draft.actor is None and draft.target is None and not _sure(trigger):
                continue
            speaker_as_actor(self, draft, state)
            key = (draft.type, draft.actor and (draft.actor.country, draft.actor.sector))
            if key not in seen:
                seen.add(key)
                events.append(to_event(draft, state))
        remember_subject(self, sentence, state)
        return events


def _within(sentence: Span, spans: list[tuple[int, int]]) -> bool:
    """Whether the sentence starts inside one of the spans (a caption line: ``dateline.caption_spans``)."""
    return any(start <= sentence.start_char < end for start, end in spans)


def _title_line(state: ArticleState) -> Span | None:
    """The article's headline: its first sentence, when the writer ended it without a full stop (a
    section head or a bullet further down is not one: reports list acts in them of their own)."""
    first = next((s for s in state.doc.sents if s.text.strip()), None)
    return first if first is not None and is_headline(first, state.article.text) else None


def tolls_across_sentences(by_sentence: list[tuple[Span, list[Event]]]) -> list[Event]:
    """The ``tolls`` stage: a sentence with no act of its own that reports deaths updates the last attack
    ("…were wounded, and the toll rose to 27"); its actorless events take the same figure. A sentence in
    which "the strikes killed 46" gives the last attack its toll, and a lead's toll told before any
    attack goes to the first attack told after it."""
    events: list[Event] = []
    lead: int | None = None  # a lead's toll for an act told later
    for index, (sentence, found) in enumerate(by_sentence):
        recent = [e for _, told in by_sentence[max(0, index - ZERO_REACH) : index] for e in told]
        if zero_toll(sentence, found, recent):
            pass
        elif not any(e.actor is not None for e in found):
            update_toll(sentence, events, found)
        else:
            restate_toll(sentence, events, found)
        lead = lead_toll(lead, sentence, events, found)
        events.extend(found)
    if by_sentence:
        injured_only(events, by_sentence[0][0].doc.text)
    return events


def to_event(draft: Draft, state: ArticleState) -> Event:
    """A finished draft as the Event model, with its evidence, ids and codes alongside."""
    trigger, sentence, toll = draft.trigger, draft.sentence, draft.toll
    start = max(sentence.start_char, state.memory.body_start)
    return Event(
        id=_event_id(state.article, sentence, trigger),
        type=draft.type,
        mode=draft.mode,
        actor=draft.actor,
        target=draft.target,
        factuality=draft.factuality,
        location=draft.location,
        date=draft.date,
        fatalities=toll.killed if toll else None,
        injured=toll.injured if toll else None,
        casualties_vague=bool(toll and toll.vague),
        attribution=draft.attribution,
        evidence=state.article.text[start : sentence.end_char],
        sentence_start=start,
        sentence_end=sentence.end_char,
        trigger=trigger.token.text,
        cameo=trigger.cameo,
        cameo_root=trigger.cameo[:2],
        quad_class=QUAD_CLASS[draft.type],
        confidence=_confidence(trigger, draft.actor is not None, draft.target is not None),
    )


def _sure(trigger: Trigger) -> bool:
    """The detect model is sure enough of an act to keep it though it names no party ("a bomb exploded",
    "over 50 persons were arrested": the FORMAT.md output gives such a party the story's country)."""
    return trigger.probability is not None and trigger.probability >= SURE_WITHOUT_PARTIES


def _confidence(trigger: Trigger, has_actor: bool, has_target: bool) -> float:
    """A rough 0–1 score: the detect model's probability of the type (else a pattern match) and resolved
    parties make an event more certain."""
    typed = (
        trigger.probability if trigger.probability is not None else 0.15 + 0.15 * (trigger.specificity > 0)
    )
    score = 0.25 + 0.5 * typed + 0.15 * has_actor + 0.1 * has_target
    return round(min(score, 0.99), 2)


def _event_id(article: Article, sentence: Span, trigger: Trigger) -> str:
    """Stable across runs: the same article text codes to the same ids."""
    key = f"{article.content_hash}:{sentence.start_char}:{trigger.token.idx}:{trigger.plover.type}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]

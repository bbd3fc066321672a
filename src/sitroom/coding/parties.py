"""Who did it to whom: the actor and target phrases of a trigger, from the dependency parse.

The syntax lives here; what a phrase *names* is the actor lexicon's job (``actors.py``).

- actor: the trigger's subject; for a passive, the ``by`` agent; a relative clause's "that" is the noun it
  modifies; a verb without a subject of its own (``agreed to help``) borrows its governor's.
- target: the first party named after the trigger inside its own phrase (objects, prepositional phrases,
  complement clauses), which is where English puts the recipient of an act.
- Pronouns and "the group"-style references take the last party the article named (see ``Memory``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Token

from sitroom.coding.actors import ActorLexicon
from sitroom.models import Actor

_SUBJECTS = {"nsubj", "csubj", "expl"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
_BORROW_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "acl"}
_CUT = {"relcl", "appos", "acl", "punct", "cc"}  # parts of a noun phrase that name no one
_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "its", "their", "his"}
_STOP_TARGET = {"said", "says", "told", "according", "added", "reported"}


@dataclass
class Memory:
    """Parties already named in the article, for "he", "the group", "the country"."""

    last: Actor | None = None
    last_person: Actor | None = None
    by_sector: dict[str, Actor] = field(default_factory=dict)

    def remember(self, actor: Actor) -> None:
        self.last = actor
        if actor.sector:
            self.by_sector[actor.sector] = actor


def phrase_tokens(head: Token) -> list[Token]:
    """The words of a noun phrase, without relative clauses, appositions or punctuation."""
    tokens = [head]
    for child in head.children:
        if child.dep_ not in _CUT:
            tokens.extend(phrase_tokens(child))
    return sorted(tokens, key=lambda t: t.i)


def _first_conjunct_only(head: Token, tokens: list[Token]) -> list[Token]:
    conj = [c for c in head.children if c.dep_ == "conj"]
    if not conj:
        return tokens
    cut = min(t.i for c in conj for t in c.subtree)
    return [t for t in tokens if t.i < cut or t.i <= head.i]


class PartyFinder:
    """Resolves the actor and target of a trigger token to canonical parties."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon

    def resolve_head(self, head: Token, when: date | None, memory: Memory) -> Actor | None:
        """The party a noun phrase names, or the party a pronoun or reference points back to."""
        if head.dep_ == "nsubj" and head.lower_ in {"that", "which", "who"} and head.head.dep_ == "relcl":
            head = head.head.head
        if head.lower_ in _PRONOUNS:
            return memory.last_person if head.lower_ in {"he", "she", "him", "her", "his"} else memory.last
        tokens = _first_conjunct_only(head, phrase_tokens(head))
        actor = self.lexicon.resolve([t.text for t in tokens], when)
        if actor is None and head.lower_ in {"group", "country", "government", "city", "movement"}:
            return memory.last
        return actor

    def actor(self, trigger: Token, when: date | None, memory: Memory) -> tuple[Actor | None, Token | None]:
        """The party that acts; returns it with the token it was read from."""
        verb = trigger
        for _ in range(4):
            passive = [c for c in verb.children if c.dep_ == "agent"]
            if passive:
                objects = [g for c in passive for g in c.children if g.dep_ == "pobj"]
                if objects:
                    return self.resolve_head(objects[0], when, memory), objects[0]
            subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
            if subjects:
                return self.resolve_head(subjects[0], when, memory), subjects[0]
            if verb.dep_ in _BORROW_SUBJECT and verb.head.i != verb.i:
                verb = verb.head
                continue
            if trigger.pos_ == "NOUN":
                return self._noun_actor(trigger, when, memory)
            break
        return None, None

    def _noun_actor(self, noun: Token, when: date | None, memory: Memory):
        """An event noun's actor: its possessor or modifier ("Russian strikes", "Israel's raid")."""
        modifiers = [c for c in noun.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
        for modifier in modifiers:
            actor = self.lexicon.resolve([t.text for t in modifier.subtree], when)
            if actor is not None:
                return actor, modifier
        return None, None

    def target(self, trigger: Token, when: date | None, memory: Memory, skip: Token | None) -> Actor | None:
        """The first party named after the trigger within its phrase (or a passive subject)."""
        for child in trigger.children:
            if child.dep_ in _PASSIVE_SUBJECTS:
                return self.resolve_head(child, when, memory)
        span = [t for t in trigger.subtree if t.i > trigger.i]
        skip_ids = {t.i for t in skip.subtree} if skip is not None else set()
        words: list[str] = []
        for token in span:
            if token.lower_ in _STOP_TARGET or token.i in skip_ids:
                break
            words.append(token.text)
        for _start, _end, actor in self.lexicon.find(words, when):
            return actor
        return None

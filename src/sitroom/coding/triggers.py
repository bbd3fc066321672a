"""Find event triggers in a parsed sentence: verbs from the CAMEO lexicon, and a few event nouns.

A trigger is a token that names an act, with the CAMEO code the lexicon gives it in its context
(the pattern words around it) and the PLOVER type and mode that code maps to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from sitroom.coding.ontology import PLOVER_BY_LEMMA, PloverCode, plover_for_cameo
from sitroom.coding.verbs import Element, Pattern, VerbEntry, VerbLexicon, word_matches

_WINDOW = 14  # tokens after a verb that its patterns may reach
_GAP = 3  # words a pattern phrase may skip (determiners, adjectives)
_VERB_TAGS = {"VERB"}
_LABOUR = {"worker", "union", "employee", "teacher", "doctor", "nurse", "labour", "labor", "staff", "wage"}
LABOUR_STRIKE_CODE = "143"  # CAMEO conduct strike or boycott
_FIRE_NOUNS = {"fire", "attack", "attacks", "shelling", "bombardment", "shellfire", "gunfire", "assault",
               "bombing", "siege", "barrage"}  # fmt: skip
_UNDER_VERBS = {"come", "be", "remain", "fall"}
ATTACK_CODE = "190"  # CAMEO use conventional military force
_NESTED_CLAUSES = {"ccomp", "advcl", "relcl", "conj", "parataxis", "acl", "csubj"}


@dataclass(frozen=True)
class Trigger:
    """A token that names an event, with its CAMEO code and PLOVER type.

    ``anchor`` is the verb whose grammar carries the event's parties and factuality: the trigger itself
    for a verb, the governing verb for an event noun ("launched an *investigation*").
    """

    token: Token
    cameo: str
    plover: PloverCode
    specificity: int  # words of the pattern that matched; 0 = the verb's default code
    anchor: Token
    probability: float | None = None  # the detect model's chance that the sentence states this type

    def recoded(self, cameo: str) -> Trigger:
        """The same trigger with another CAMEO code (itself if PLOVER drops that code)."""
        return make_trigger(self.token, cameo, self.specificity, self.anchor) or self


def make_trigger(token: Token, cameo: str | None, specificity: int, anchor: Token) -> Trigger | None:
    """A trigger for a CAMEO code, or None when PLOVER drops the code (statements, "no event")."""
    plover = PLOVER_BY_LEMMA.get(token.lemma_.lower()) or (plover_for_cameo(cameo) if cameo else None)
    if plover is None or cameo is None:
        return None
    return Trigger(token, cameo, plover, specificity, anchor)


@cache
def noun_codes() -> dict[str, str]:
    """Event nouns → CAMEO code, from ``data/nouns_sitroom.txt`` (ours)."""
    text = resources.files("sitroom").joinpath("data/nouns_sitroom.txt").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            noun, code = line.rsplit(None, 1)
            table[noun.lower()] = code
    return table


def _noun_code(token: Token, sentence: Span, nouns: dict[str, str]) -> tuple[str | None, int]:
    """An event noun's code; a two-word name ("hunger strike") beats the bare noun ("strike").

    A "strike" in a sentence about workers or unions is a labour strike, not a military one.
    """
    lemma = token.lemma_.lower()
    if lemma == "strike" and any(t.lemma_.lower() in _LABOUR for t in sentence):
        return LABOUR_STRIKE_CODE, 1
    for child in token.children:
        if child.dep_ in {"compound", "amod"} and child.i == token.i - 1:
            code = nouns.get(f"{child.lemma_.lower()} {lemma}") or nouns.get(f"{child.lower_} {lemma}")
            if code:
                return code, 1
    return nouns.get(lemma), 0


def _find_phrase(words: list[str], phrase: tuple[str, ...], start: int, end: int) -> int | None:
    """Index just after ``phrase`` found in words[start:end] (words in order, small gaps), else None."""
    for first in range(start, end):
        if not word_matches(phrase[0], words[first]):
            continue
        position, ok = first + 1, True
        for word in phrase[1:]:
            limit = min(end, position + _GAP + 1)
            found = next((k for k in range(position, limit) if word_matches(word, words[k])), None)
            if found is None:
                ok = False
                break
            position = found + 1
        if ok:
            return position
    return None


def _match_elements(words: list[str], elements: tuple[Element, ...], start: int, end: int) -> bool:
    position = start
    for element in elements:
        hits = [p for phrase in element if (p := _find_phrase(words, phrase, position, end)) is not None]
        if not hits:
            return False
        position = min(hits)
    return True


def _pattern_matches(pattern: Pattern, words: list[str], verb: int, clause: tuple[int, int]) -> bool:
    if pattern.after and not _match_elements(words, pattern.after, verb + 1, min(clause[1], verb + _WINDOW)):
        return False
    return not pattern.before or _match_elements(words, pattern.before, max(clause[0], verb - 6), verb)


def _entry_for(token: Token, entries: list[VerbEntry]) -> VerbEntry | None:
    """Prefer a phrasal entry whose particle follows the verb ("ask for", "meet with")."""
    following = " ".join(t.lower_ for t in token.doc[token.i + 1 : token.i + 3])
    phrasal = [e for e in entries if e.particle and following.startswith(e.particle)]
    if phrasal:
        return phrasal[0]
    plain = [e for e in entries if not e.particle]
    return plain[0] if plain else None


def _own_clause_words(token: Token, sentence: Span) -> list[str]:
    """The sentence's words with every word outside the verb's own clause blanked out.

    PETRARCH matches patterns on the parse; blanking nested clauses keeps "demanded that X end curbs
    on Y" from matching DEMAND's ``* (ON)`` pattern.
    """
    keep = {token.i}
    stack = [c for c in token.children if c.dep_ not in _NESTED_CLAUSES]
    while stack:
        child = stack.pop()
        keep.add(child.i)
        stack.extend(c for c in child.children if c.dep_ not in _NESTED_CLAUSES)
    # Only the clause's own words are visited: a run-on sentence of n words with n verbs stays linear.
    words = [""] * len(sentence)
    for i in keep:
        if sentence.start <= i < sentence.end:
            words[i - sentence.start] = token.doc[i].text.upper()
    return words


def code_verb(token: Token, sentence: Span, entry: VerbEntry) -> tuple[str | None, int]:
    """The CAMEO code of a verb in context: its most specific matching pattern, else its own code.

    A matching pattern with no code (``[---]``) means the phrase is not an event. (The sentence is
    passed in: ``token.sent`` re-scans the document on every call.)
    """
    words = _own_clause_words(token, sentence)
    clause = (token.left_edge.i - sentence.start, token.right_edge.i - sentence.start + 1)
    verb = token.i - sentence.start
    stems = _stems(words[max(clause[0], verb - 6) : min(clause[1], verb + _WINDOW)])
    for pattern in entry.block.candidates(stems):  # most specific first
        if pattern.possible(stems) and _pattern_matches(pattern, words, verb, clause):
            return pattern.code, pattern.weight
    return entry.code, 0


def _stems(words: list[str]) -> set[str]:
    """Every prefix of every word: a pattern word can only match a word it is a prefix of."""
    return {word[:n] for word in words if word for n in range(1, len(word) + 1)}


def under_fire(verb: Token) -> Token | None:
    """The attack a subject suffers in "a patrol *came under fire* from militants", "the town is under
    heavy shelling": the noun, or None. The subject is the target, not the doer."""
    if verb.lemma_.lower() not in _UNDER_VERBS:
        return None
    under = (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under")
    return next((g for u in under for g in u.children if g.dep_ == "pobj" and g.lower_ in _FIRE_NOUNS), None)


def find_triggers(sentence: Span, verbs: VerbLexicon) -> list[Trigger]:
    """Every verb or event noun in the sentence that the lexicons code as a PLOVER event."""
    found: list[Trigger] = []
    nouns = noun_codes()
    for token in sentence:
        if token.pos_ in {"VERB", "AUX"} and under_fire(token) is not None:
            code, specificity = ATTACK_CODE, 2  # a whole pattern: "come under fire"
            found.append(Trigger(token, code, plover_for_cameo(code), specificity, token))
            continue
        if token.pos_ in _VERB_TAGS:
            entry = _entry_for(token, verbs.lookup(token.lemma_))
            if entry is None:
                continue
            code, specificity = code_verb(token, sentence, entry)
        elif token.pos_ in {"NOUN", "PROPN"}:
            code, specificity = _noun_code(token, sentence, nouns)
            if code is None:
                continue
        else:
            continue
        trigger = make_trigger(token, code, specificity, token)
        if trigger is not None:
            found.append(trigger)
    return found

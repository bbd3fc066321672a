"""Dependency-tree helpers the attribute readers share: clause heads, reporting verbs, subjects.

Dates, tolls and sources all ask the same question of the parse: does this phrase belong to the event's
own clause, or to another verb's (a reporting verb, a second strike)? These helpers answer it once.
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs that report rather than act: "said", "told", "reported", "clarified", "confirmed".
REPORTING = {
    "say", "tell", "report", "claim", "clarify", "confirm", "announce", "add", "state", "note", "allege",
    "insist", "write", "tweet", "post", "explain", "acknowledge", "assert", "indicate", "reveal", "disclose",
    "testify", "declare", "argue", "cite", "quote", "recount", "recall", "estimate",
}  # fmt: skip
SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
SEPARATE = {"advcl", "ccomp", "conj", "parataxis", "csubj"}  # clause links that may start another act
_RELATIVE_TAGS = {"WDT", "WP", "WP$"}  # "that", "which", "who" stand for the noun the clause modifies
_CLAUSAL = {"VERB", "AUX"}


def is_verb(token: Token) -> bool:
    """A token that heads a clause (a verb, or an auxiliary the parser made a clause head)."""
    return token.pos_ in _CLAUSAL and token.dep_ not in {"aux", "auxpass"}


def governing_verb(token: Token) -> Token:
    """The nearest verb at or above ``token``: the clause a phrase modifies (the root if none)."""
    current = token
    while not is_verb(current) and current.head.i != current.i:
        current = current.head
    return current


def own_subject(verb: Token) -> Token | None:
    """The verb's own subject, unless it is a relative pronoun (which stands for the modified noun)."""
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.tag_ not in _RELATIVE_TAGS:
            return child
    return None


def crosses_clause(path: list[Token]) -> bool:
    """Whether a path of tokens passes through a separate clause with a subject of its own ("..., as a
    second strike killed three"): what lies beyond it belongs to another act."""
    return any(is_verb(t) and t.dep_ in SEPARATE and own_subject(t) is not None for t in path)


def lowest_common_ancestor(a: Token, b: Token) -> Token:
    """The lowest token that dominates both ``a`` and ``b`` (the sentence root at worst)."""
    above_a = {a.i, *(t.i for t in a.ancestors)}
    current = b
    while current.i not in above_a and current.head.i != current.i:
        current = current.head
    return current


def is_reporting(token: Token) -> bool:
    """A reporting verb ("said", "told") or "according" (as in "according to")."""
    return token.lemma_.lower() in REPORTING or token.lower_ == "according"


_PHRASE_SKIP = frozenset({"relcl", "acl", "appos", "punct"})
_WORD_PUNCT = {"-", "–", "'", "’", "."}  # inside names: "Shin Won-sik", "O'Brien"


def phrase_text(token: Token, skip: frozenset[str] = _PHRASE_SKIP) -> str:
    """A noun phrase's words without its clauses and appositions: "a U.S. official, who spoke ..." gives
    "a U.S. official"."""
    words = sorted(_phrase_tokens(token, skip), key=lambda t: t.i)
    return join_tokens(words).strip(" ,")


def join_tokens(words: list[Token]) -> str:
    """Tokens as the text wrote them: their own spacing between neighbours, one space across a gap."""
    parts = []
    for word, following in zip(words, [*words[1:], None], strict=True):
        parts.append(word.text)
        if following is not None:
            parts.append(word.whitespace_ if following.i == word.i + 1 else " ")
    return "".join(parts)


def _phrase_tokens(token: Token, skip: frozenset[str]) -> list[Token]:
    words = [token]
    for child in token.children:
        if child.dep_ == "punct" and child.text in _WORD_PUNCT:
            words.append(child)
        elif child.dep_ not in skip and not (child.dep_ == "cc" or (child.dep_ == "conj" and is_verb(child))):
            words.extend(_phrase_tokens(child, skip))
    return words

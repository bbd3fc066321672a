"""Dependency-tree helpers the attribute readers share: clause heads, reporting verbs, subjects.

Dates, tolls and sources all ask the same question of the parse: does this phrase belong to the event's
own clause, or to another verb's (a reporting verb, a second strike)? These helpers answer it once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Span, Token

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
    return any(separate_clause(t) for t in path)


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


class SentenceTree:
    """A sentence's dependency tree with the questions the readers ask of it answered in O(log n).

    Walking ``token.ancestors`` and calling ``is_ancestor`` (itself a walk) for every pair of words costs
    O(depth) per question, and a run-on sentence (one long chain of conjuncts) is thousands of words deep:
    the toll reader asked O(n) such questions per event, so one 20,000-character sentence took minutes.
    Here depths are computed once, the lowest common ancestor comes from binary lifting, and "is there a
    token with property P between this word and that ancestor" from the depth of the nearest such
    ancestor, computed once per property. Build it with :func:`sentence_tree` (cached on the Doc).
    """

    def __init__(self, sentence: Span) -> None:
        self.doc = sentence.doc
        self.start, self.end = sentence.start, sentence.end
        size = self.end - self.start
        parent = [i for i in range(size)]
        children: list[list[int]] = [[] for _ in range(size)]
        for token in sentence:
            here, head = token.i - self.start, token.head.i - self.start
            if 0 <= head < size and head != here:
                parent[here] = head
                children[head].append(here)
        self.parent = parent
        self.depth = [0] * size
        self.order: list[int] = []  # parents before children
        stack = [i for i in range(size) if parent[i] == i]
        while stack:
            node = stack.pop()
            self.order.append(node)
            for child in children[node]:
                self.depth[child] = self.depth[node] + 1
                stack.append(child)
        self._jumps = [parent]
        while (1 << len(self._jumps)) <= size:
            last = self._jumps[-1]
            self._jumps.append([last[last[i]] for i in range(size)])
        self._nearest: dict[str, list[int]] = {}

    def holds(self, token: Token) -> bool:
        """Whether ``token`` is a word of this sentence (of this Doc)."""
        return token.doc is self.doc and self.start <= token.i < self.end

    def _up(self, node: int, steps: int) -> int:
        level = 0
        while steps:
            if steps & 1:
                node = self._jumps[level][node]
            steps >>= 1
            level += 1
        return node

    def lca(self, a: Token, b: Token) -> Token | None:
        """The lowest token that dominates both (None when they lie in separate trees)."""
        x, y = a.i - self.start, b.i - self.start
        if self.depth[x] < self.depth[y]:
            x, y = y, x
        x = self._up(x, self.depth[x] - self.depth[y])
        if x == y:
            return self.doc[x + self.start]
        for level in range(len(self._jumps) - 1, -1, -1):
            jump = self._jumps[level]
            if jump[x] != jump[y]:
                x, y = jump[x], jump[y]
        x, y = self.parent[x], self.parent[y]
        return self.doc[x + self.start] if x == y else None

    def is_ancestor(self, above: Token, below: Token) -> bool:
        """``above.is_ancestor(below)``: ``above`` dominates ``below`` and is not ``below`` itself."""
        a, b = above.i - self.start, below.i - self.start
        gap = self.depth[b] - self.depth[a]
        return gap > 0 and self._up(b, gap) == a

    def any_between(self, name: str, test: Callable[[Token], bool], token: Token, top: Token | None) -> bool:
        """Whether some word from ``token`` up to ``top`` (``token`` included, ``top`` excluded; up to and
        including the root when ``top`` is None) passes ``test``; ``top`` must dominate ``token``.
        ``name`` keys the cached answers of one ``test``."""
        nearest = self._nearest.get(name)
        if nearest is None:  # per word: the depth of the nearest word at or above it that passes
            nearest = [-1] * len(self.parent)
            for node in self.order:
                above = nearest[self.parent[node]] if self.parent[node] != node else -1
                nearest[node] = self.depth[node] if test(self.doc[node + self.start]) else above
            self._nearest[name] = nearest
        floor = self.depth[top.i - self.start] if top is not None else -1
        return nearest[token.i - self.start] > floor


def sentence_tree(sentence: Span) -> SentenceTree:
    """The :class:`SentenceTree` of a sentence, built once per sentence and kept on its Doc."""
    cache = sentence.doc.user_data.setdefault("sitroom_sentence_trees", {})
    key = (sentence.start, sentence.end)
    tree = cache.get(key)
    if tree is None:
        tree = cache[key] = SentenceTree(sentence)
    return tree


def separate_clause(token: Token) -> bool:
    """A clause head that may start another act, with a subject of its own (``crosses_clause`` of one)."""
    return is_verb(token) and token.dep_ in SEPARATE and own_subject(token) is not None


def sentence_of(token: Token) -> Span:
    """The sentence ``token`` is in, found by bisection (``token.sent`` re-scans the Doc on every call);
    the sentence starts are read once per Doc."""
    doc = token.doc
    starts = doc.user_data.get("sitroom_sentence_starts")
    if starts is None:
        starts = doc.user_data["sitroom_sentence_starts"] = [s.start for s in doc.sents] + [len(doc)]
    k = bisect_right(starts, token.i) - 1
    return doc[starts[k] : starts[k + 1]]

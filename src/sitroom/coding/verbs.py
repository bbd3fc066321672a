"""The CAMEO verb lexicon: verb lemmas and the phrase patterns that refine their CAMEO code.

Read from PETRARCH2's ``CAMEO.2.0.txt`` (MIT, Open Event Data Alliance; ``data/petrarch2/LICENSE``) and
our own additions in ``data/verbs_sitroom.txt`` (same format). The file is a list of blocks::

    ---  MEET_PEOPLE   [040]  ---          block header, default code
    MEET {MEETS MET MEETING}               a verb (irregular forms in braces), block code
    +MEET_WITH                             a phrasal verb (verb + particle)
    - * (FOR TALKS)          [036:036]     a pattern: words before ``*`` precede the verb, after follow

We keep PETRARCH's meaning but match on a flat token window, not on a Treebank parse: a pattern matches
when its words appear in order around the verb within the clause. A word ending in ``_`` must match
exactly, and so does any word of three letters or fewer; a longer word matches as a prefix (``ATTACK``
matches "attacks"). ``&NAME`` is a synonym set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from itertools import islice, product
from pathlib import Path

from sitroom.caching import cached

Phrase = tuple[str, ...]  # consecutive words, upper case, "_" marks an exact word
Element = tuple[Phrase, ...]  # alternatives (a synonym set expands to several)

_CODE = re.compile(r"\[([0-9-]{2,5})(?::[0-9-]*)?\]")
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_SKIP_MARKERS = {"$", "+", "%", "^", "|"}


@dataclass(frozen=True)
class Pattern:
    """Words around a verb that give it a more specific CAMEO code.

    ``weight`` (more words make a more specific pattern) and ``cues`` (each element's possible first
    words, without the exact-match mark) are computed once, so matching can skip hopeless patterns.
    """

    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str | None
    weight: int = field(init=False)
    cues: tuple[frozenset[str], ...] = field(init=False)

    def __post_init__(self) -> None:
        elements = (*self.before, *self.after)
        object.__setattr__(self, "weight", sum(max(len(alt) for alt in element) for element in elements))
        cues = tuple(frozenset(alt[0].rstrip("_") for alt in element) for element in elements)
        object.__setattr__(self, "cues", cues)

    def possible(self, stems: set[str]) -> bool:
        """Cheap necessary condition: every element's first word is a stem of some word nearby."""
        return all(not cue.isdisjoint(stems) for cue in self.cues)


@dataclass
class VerbBlock:
    """A group of synonymous verbs sharing patterns."""

    name: str
    code: str | None
    patterns: list[Pattern] = field(default_factory=list)
    _by_cue: dict[str, list[int]] | None = field(default=None, repr=False)

    def candidates(self, stems: set[str]) -> list[Pattern]:
        """The patterns whose first word can match one of the stems, most specific first.

        An index from each pattern's first-element cues spares checking all ~100 patterns of a busy verb.
        """
        if self._by_cue is None:
            index: dict[str, list[int]] = {}
            for number, pattern in enumerate(self.patterns):
                for cue in pattern.cues[0] if pattern.cues else ():
                    index.setdefault(cue, []).append(number)
            self._by_cue = index
        hits = sorted({n for stem in stems for n in self._by_cue.get(stem, ())})
        return [self.patterns[n] for n in hits]


@dataclass(frozen=True)
class VerbEntry:
    """One verb (or verb + particle) of a block, with its own code if the line gives one."""

    lemma: str
    particle: str | None
    code: str | None
    block: VerbBlock

    @property
    def patterns(self) -> list[Pattern]:
        """The phrase patterns of the entry's block."""
        return self.block.patterns


@dataclass
class VerbLexicon:
    """Verb lemma → entries; irregular form → lemma."""

    entries: dict[str, list[VerbEntry]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)

    def lookup(self, lemma: str) -> list[VerbEntry]:
        """Entries for a lower-case verb lemma (or an irregular form of one)."""
        lemma = lemma.lower()
        return self.entries.get(lemma) or self.entries.get(self.forms.get(lemma, ""), [])


def _parse_code(text: str) -> str | None:
    match = _CODE.search(text)
    if not match or match.group(1).startswith("-"):
        return None
    return match.group(1)


def _tokenize_pattern(text: str) -> list[str]:
    return re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", text)


def _word_alternatives(word: str, synonyms: dict[str, list[str]]) -> list[tuple[str, ...]]:
    if word.startswith("&"):
        return [tuple(_split_compound(alt)) for alt in synonyms.get(word, [])]
    return [tuple(_split_compound(word))]


class _UnknownSynonyms(ValueError):
    """A pattern names a synonym set the file does not define: the pattern cannot be matched."""


def _element(token: str, synonyms: dict[str, list[str]]) -> Element | None:
    """One pattern token as alternatives of phrases; None for markers (actor slots) we do not use."""
    token = token.strip()
    words = token[1:-1].split() if token[:1] in "{(" else [token]
    choices = [_word_alternatives(w, synonyms) for w in words if w not in _SKIP_MARKERS]
    if not choices:
        return None
    if any(not c for c in choices):
        raise _UnknownSynonyms(token)
    return tuple(tuple(w for part in combo for w in part) for combo in islice(product(*choices), 64))


def _split_compound(word: str) -> list[str]:
    """``AIR_RAID`` → ["AIR", "RAID"]; a trailing ``_`` (exact match) stays on the last word."""
    exact = word.endswith("_")
    parts = [p for p in word.rstrip("_").split("_") if p]
    if exact and parts:
        parts[-1] += "_"
    return parts


def _parse_pattern(line: str, synonyms: dict[str, list[str]]) -> Pattern | None:
    body = line[1:].split("#", 1)[0]
    code = _parse_code(body)
    body = _CODE.sub("", body).replace("[---]", "")
    if "*" not in body:
        return None
    left, right = body.split("*", 1)
    try:
        before = tuple(e for t in _tokenize_pattern(left) if (e := _element(t, synonyms)))
        after = tuple(e for t in _tokenize_pattern(right) if (e := _element(t, synonyms)))
    except _UnknownSynonyms:
        return None  # dropping a part would make the pattern match more than it says
    if not before and not after:
        return None
    return Pattern(before, after, code)


def _parse_synonyms(lines: list[str]) -> dict[str, list[str]]:
    synonyms: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            current = line.split()[0]
            synonyms[current] = []
        elif line.startswith("+") and current:
            synonyms[current].append(line[1:].split()[0])
        elif not line:
            current = None
    return synonyms


def _verb_line(line: str, block: VerbBlock, lexicon: VerbLexicon, override: bool) -> None:
    body = line.split("#", 1)[0]
    code = _parse_code(body) or block.code
    forms = re.findall(r"\{([^}]*)\}", body)
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", body).split()
    if not head:
        return
    words = [w for w in head[0].lstrip("+").lower().split("_") if w]
    if not words:
        return
    lemma, particle = words[0], (" ".join(words[1:]) or None)
    entry = VerbEntry(lemma, particle, code, block)
    existing = lexicon.entries.setdefault(lemma, [])
    if override:
        existing.insert(0, entry)
    else:
        existing.append(entry)
    for group in forms:
        for form in group.split():
            first = form.lstrip("+").lower().split("_")[0]
            if first and first != lemma:
                lexicon.forms.setdefault(first, lemma)


def parse_verb_dictionary(text: str, lexicon: VerbLexicon | None = None) -> VerbLexicon:
    """Parse a PETRARCH verb dictionary into a new lexicon, or onto one as overrides.

    An override entry comes before the entries it overrides, with its own block's patterns only.
    """
    override = lexicon is not None
    lexicon = lexicon or VerbLexicon()
    lines = text.splitlines()
    synonyms = _parse_synonyms(lines)
    block: VerbBlock | None = None
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _BLOCK.match(line)
        if header:
            block = VerbBlock(header.group(1), _parse_code(f"[{header.group(2)}]"))
        elif block is None:
            continue
        elif line.startswith("-"):
            pattern = _parse_pattern(line, synonyms)
            if pattern:
                block.patterns.append(pattern)
        elif line[0].isalpha() or line.startswith("+"):
            _verb_line(line, block, lexicon, override)
    return lexicon


def drop_default_codes(lexicon: VerbLexicon, lemmas: Iterable[str]) -> None:
    """Make verbs code only through their phrase patterns ("take" is no event; "take hostage" is)."""
    for lemma in lemmas:
        entries = lexicon.entries.get(lemma, [])
        lexicon.entries[lemma] = [replace(e, code=None) if e.particle is None else e for e in entries]


def _word_list(text: str) -> list[str]:
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


VERB_FILES = ("petrarch2/CAMEO.2.0.txt", "verbs_no_default.txt", "verbs_sitroom.txt")


@cache
def verb_lexicon() -> VerbLexicon:
    """The CAMEO verb lexicon with sitroom's own additions, once per process: through a pickled copy
    (``caching.py``), as parsing the dictionaries was 0.2 s of a cold start and the copy loads in 0.04 s."""
    data = Path(str(resources.files("sitroom").joinpath("data")))
    sources = [data / name for name in VERB_FILES]
    return cached("verbs", [*sources, Path(__file__)], lambda: _parse_lexicon(*sources), VerbLexicon)


def _parse_lexicon(cameo: Path, no_default: Path, ours: Path) -> VerbLexicon:
    lexicon = parse_verb_dictionary(cameo.read_text("utf-8"))
    drop_default_codes(lexicon, _word_list(no_default.read_text("utf-8")))
    lexicon = parse_verb_dictionary(ours.read_text("utf-8"), lexicon)
    for block in {id(e.block): e.block for entries in lexicon.entries.values() for e in entries}.values():
        block.patterns.sort(key=lambda p: -p.weight)  # most specific first; stable for equal weights
    return lexicon


_ENDINGS = ("", "S", "ES", "ED", "D", "ING", "ER", "ERS", "ION", "IONS", "ATION", "ATIONS", "MENT", "MENTS",
            "AL", "ALS", "IST", "ISTS", "Y", "IES", "IED", "LY")  # fmt: skip


def word_matches(pattern_word: str, token: str) -> bool:
    """PETRARCH word semantics: ``WORD_`` exact, ``WORD`` as a stem.

    We read "stem" as the word plus an inflection or common suffix ("PLAN" matches "plans", "planned",
    "planning" but not "plant"), and words of three letters or fewer exactly ("AS" is not "assistance").
    """
    if pattern_word.endswith("_"):
        return token == pattern_word[:-1]
    if len(pattern_word) <= 3 or not token.startswith(pattern_word):
        return token == pattern_word
    rest = token[len(pattern_word) :]
    if rest[:1] == pattern_word[-1:] and rest[1:] in {"ED", "ING", "ER", "ERS"}:
        return True  # doubled consonant: PLAN → PLANNED
    return rest in _ENDINGS

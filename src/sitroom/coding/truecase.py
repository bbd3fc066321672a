"""Truecasing: lower-cased or ALL-CAPS copy gets its capitals back before it is parsed.

Why: spaCy's small English model reads case. In "police arrested 12 persons in kanpur on monday" it finds
no name, no entity and a poor parse, and the coder finds almost nothing. Scraped regional papers are often
lower-cased, and flash headlines and wire slugs are written in capitals.

What: ``case_stretches`` finds the lines that are lower-cased (no capitals; or the whole text has almost
none in mid-sentence) or in capitals (80% of their words), and ``TrueCaser.restore`` gives only those back
their case. Mixed-case copy comes out byte-identical, and the result always has the input's length, so every
character offset (evidence, sentence offsets, places) still indexes the original text.

How, from knowledge sitroom ships (nothing is downloaded, no model): sentence starts and "I"; names of the
gazetteer (countries, regions, admin names, GeoNames cities, with their known forms: "McAllen"), of the actor
lexicon (countries, organisations, leaders, armed groups; the supplement's forms: "al-Shabaab", "UNHCR"),
demonyms, months and weekdays, religions; titles before a known person ("President Putin"); dotted
abbreviations ("u.s." → "U.S."); a wire dateline's city in capitals ("KHARKIV, May 28 (…) -"). A name that
is also an ordinary English word is capitalised only if the word is rare enough for the strength of the
name (a country beats "china", a province does not beat "male", a village never beats "police"). How
common a word is comes from ``data/common_words.txt``, SCOWL's size levels (10 = the commonest words …
70 = rare; built by ``python -m sitroom.learn.common_words``), and spaCy's English stop words.

The knowledge loads on the first lower-cased or all-caps text only (it shares the gazetteer and actor
lexicon the coder holds anyway); detecting that a text needs nothing costs a few regex passes.

>>> truecase("police arrested 12 persons in kanpur on monday.")
'Police arrested 12 persons in Kanpur on Monday.'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from sitroom.coding.actors import METONYM, PLACE, ActorLexicon
from sitroom.coding.dateline import find_dateline
from sitroom.nlp.words import read_common_words
from sitroom.place.gazetteer import ADMIN1, CONTINENT, COUNTRY, REGION, SEA, Gazetteer, normalize

__all__ = ["LOWER", "UPPER", "Stretch", "TrueCaser", "case_stretches", "truecase"]

LOWER, UPPER = "lower", "upper"

# a word: letters, with apostrophes inside ("qa’ida", "o'brien") but not a possessive's ("china" + "'s")
_WORD = re.compile(r"[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
_MIN_WORDS = 3  # a line shorter than this ("HIGHLIGHTS", "UPDATE 2") keeps its case
_UPPER_SHARE = 0.8  # share of a line's words in capitals that makes it an all-caps line
_DOC_CAPS_SHARE = 0.015  # mid-sentence capitalised words in a text whose names were lower-cased
_DOC_MIN_WORDS = 30
_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_SMALLS = re.compile(r"[a-zß-öø-ÿ]")
_WORD_CAPITALS = re.compile(r"(?<![^\W\d_])[A-ZÀ-ÖØ-Þ]")
_OPENERS = re.compile(r"(?:^|\n|[.!?:]\s)[\s\"'“‘(\[]*[^\W\d_]")  # the first letter of a sentence or line
_CAPITAL_OPENERS = re.compile(r"(?:^|\n|[.!?:]\s)[\s\"'“‘(\[]*[A-ZÀ-ÖØ-Þ]")
_WRAPPED = 60  # a line this long that ends mid-sentence is prose wrapped onto the next line

# Name strength: how rare an ordinary word must be before a name written like it is capitalised.
WEAK, MEDIUM, STRONG = 1, 2, 3
_RARE = 50  # SCOWL's level from which a word is uncommon ("muscat", "wales"): a province or city beats it
_BIG_CITY = 100_000

_MAX_NAME = 6  # words in the longest name tried ("democratic republic of the congo")


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (keeps the tables below readable)."""
    return frozenset(text.split())


_MONTHS = _words("january february march april may june july august september october november december")
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_CONTEXT_MONTHS = _words("may march")  # months only next to a date ("on may 5", "in march")
# "in may", "since march": the month, not the verb
_MONTH_WORDS = _words(
    "in since until till by early late mid last next this of from through before after during"
)
# function words that stay lower-case inside a name ("Democratic Republic of the Congo", "Dar es Salaam")
_SMALL = _words("of the and for in on at to de del della da do dos das du la le les von van der den y e es")
_ARTICLES = _words("al el ad ash as ar an az at ed es et en")  # Arabic articles: "al-Shabaab"
_HONORIFICS = _words("mr mrs ms dr")
_INTERNATIONAL = _words("UNO EUR IGO NGO MNC IMG")
# titles before a name ("President Putin", "Foreign Minister Wang Yi")
_TITLES = _words(
    "president vice prime minister foreign defence defense interior chancellor premier senator sen governor "
    "gov general gen lieutenant lt colonel col captain capt major maj admiral adm brigadier brig sergeant "
    "sgt commander king queen prince princess crown sheikh emir sultan ayatollah pope cardinal archbishop "
    "bishop imam rabbi secretary ambassador judge justice mayor speaker chairman chief envoy"
)
_MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
_FIRST_WORD = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}  # as the gazetteer
_FIRST_PERSON = _words("i i'm i’m i'd i’d i'll i’ll i've i’ve")
_CONTRACTION = re.compile(r"['’](?:t|re|ve|ll|d|m)\b", re.IGNORECASE)  # "can't", "we're": no name
_CONTEXT_WORDS = _CONTEXT_MONTHS | _MONTH_ABBREVIATIONS | _HONORIFICS | _words("i im id ill ive us")
# a full stop after these does not end a sentence
_ABBREVIATIONS = _MONTH_ABBREVIATIONS | _words(
    "mr mrs ms dr gen lt col capt sgt maj adm brig sen rep gov st mt ft no vs jr sr inc ltd co corp prof rev "
    "hon dept est approx fig"
)
_ABBREVIATED_END = re.compile(r"(?:^|\W)(?:\w|" + "|".join(sorted(_ABBREVIATIONS)) + r")\.$", re.IGNORECASE)
_LOWER_DOTTED = frozenset({"a.m.", "p.m.", "e.g.", "i.e.", "a.k.a.", "etc."})
_DOTTED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}")
# a sentence ends at a full stop (not an ellipsis), a question or exclamation mark; a quote opens one
_SENTENCE_END = re.compile(r"(?:(?<!\.)\.(?!\.)|[!?])[\"'”’)\]]*\s|[:,]\s*[\"“]")
_BULLET = re.compile(r"\n\s*[-•*–]\s")
_NAME_GAP = re.compile(r"[ \-‐'’]|\. ?")


class Stretch(NamedTuple):
    """A stretch of text (``text[start:end]``, one line) whose case is lost: LOWER or UPPER."""

    start: int
    end: int
    kind: str


def truecase(text: str) -> str:
    """The text with the case of its lower-cased or all-caps lines restored; same length, and the text
    itself when nothing needs restoring (ordinary mixed-case copy)."""
    stretches = case_stretches(text)
    if not stretches:
        return text
    return TrueCaser.load().restore(text, stretches)


# ---------------------------------------------------------------------------------------------------------
# Which lines lost their case


def case_stretches(text: str) -> list[Stretch]:
    """The lines of a text that are lower-cased or in capitals, in order.

    A line is all-caps when 80% of its words of two letters or more are (three such words at least); it is
    lower-cased when it has no capital at all (one word in fifty allowed, "UN" left in scraped copy) and
    does not merely continue a mixed-case line wrapped before it. When the whole text has almost no
    capital in mid-sentence (1.5%), every line is lower-cased: copy that capitalises sentence starts only.

    >>> case_stretches("Police said.\\nPOLICE ARRESTED TWO MEN\\nthree were held in kanpur")
    [Stretch(start=13, end=36, kind='upper'), Stretch(start=37, end=62, kind='lower')]
    """
    lines = list(_lines(text))
    whole_lower = _mostly_lower(text)
    stretches: list[Stretch] = []
    previous: tuple[int, int, str | None] | None = None
    for start, end in lines:
        kind = _line_kind(text[start:end])
        if kind == LOWER and not whole_lower and _continues(text, previous, start):
            kind = None
        if kind is None and whole_lower and _WORD.search(text, start, end):
            kind = LOWER
        if kind is not None:
            stretches.append(Stretch(start, end, kind))
        if text[start:end].strip():
            previous = (start, end, kind)
    return stretches


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield start, end
        start = end + 1


def _line_kind(line: str) -> str | None:
    """UPPER, LOWER or None (mixed case, or too short to tell). Counting letters first settles most lines
    (ordinary copy) without looking at their words."""
    capitals = len(_CAPITALS.findall(line))
    smalls = len(_SMALLS.findall(line))
    if 3 < capitals < smalls // 2:
        return None  # mixed case: more capitals than a stray acronym, fewer than a line in capitals
    words = _WORD.findall(line)
    if len(words) < _MIN_WORDS:
        return None
    long = [w for w in words if len(w) > 1]
    if len(long) >= _MIN_WORDS and sum(w.isupper() for w in long) >= _UPPER_SHARE * len(long):
        return UPPER
    capitalised = sum(not w.islower() for w in words)
    return LOWER if words[0].islower() and capitalised <= len(words) // 50 else None


def _continues(text: str, previous: tuple[int, int, str | None] | None, start: int) -> bool:
    """A lower-case line right after a mixed-case line that stops mid-sentence is its wrapped rest."""
    if previous is None or previous[2] is not None or previous[1] + 1 != start:
        return False
    line = text[previous[0] : previous[1]].rstrip()
    return bool(line) and (line[-1] in ",;:-(" or (line[-1].isalpha() and len(line) >= _WRAPPED))


def _mostly_lower(text: str) -> bool:
    """Whether almost no word in mid-sentence is capitalised (names were lower-cased, sentence starts
    kept); ordinary news capitalises a tenth of them. Counted with regexes: capitals that open a word,
    less those that open a sentence or line."""
    capitals = len(_WORD_CAPITALS.findall(text))
    if capitals > 0.2 * len(text) / 6:  # a word is about six characters: ordinary copy, settled at once
        return False
    middle = len(_WORD.findall(text)) - len(_OPENERS.findall(text))
    capitalised = capitals - len(_CAPITAL_OPENERS.findall(text))
    return middle >= _DOC_MIN_WORDS and capitalised < _DOC_CAPS_SHARE * middle


# ---------------------------------------------------------------------------------------------------------
# What sitroom knows about names


@dataclass(frozen=True, slots=True)
class Name:
    """A known name: its strength, its form as written where known ("McAllen", "UNHCR"), or an acronym."""

    strength: int
    form: str = ""
    acronym: bool = False
    listed: bool = True  # from the actor lexicon or our lists, not only the gazetteer
    party: bool = False  # a person or group of the actor lexicon: a title before it is capitalised


@dataclass
class Knowledge:
    """Names by their lower-case words, and how common ordinary words are."""

    names: dict[tuple[str, ...], Name]  # actor lexicon names, demonyms, months, weekdays, forms
    gazetteer: Gazetteer
    common: dict[str, int]  # lower-case word -> SCOWL level (stop words 0)
    sectors: frozenset[str]  # sector nouns ("forces", "police"): what "us" before them is
    starts: dict[str, int]  # first word of a name of several words -> most words such a name has

    @classmethod
    def load(cls, gazetteer: Gazetteer, lexicon: ActorLexicon) -> Knowledge:
        """Built from the loaded gazetteer and lexicon (not pickled: about half a second, once a process,
        and only when some text needs truecasing)."""
        common, forms = read_common_words()
        names: dict[tuple[str, ...], Name] = {}
        for words, written, kind, country in lexicon.names():
            key = tuple(w.lower().replace("'", "") for w in words)  # as tokens are keyed: "qaida"
            _add(names, key, _actor_name(words, written, kind, country))
        for key in gazetteer.demonyms:  # "syrian"
            _add(names, tuple(key.split()), Name(STRONG))
        for word in (*_MONTHS, *_WEEKDAYS):
            if word not in _CONTEXT_MONTHS:
                _add(names, (word,), Name(STRONG))
        for form in forms:
            _add(names, (form.lower(),), Name(STRONG, form))
        common.update(dict.fromkeys(STOP_WORDS, 0))
        sectors = frozenset(word.lower() for word in lexicon.sector_words())
        return cls(names, gazetteer, common, sectors, _starts(names, gazetteer))


def _starts(names: Iterable[tuple[str, ...]], gazetteer: Gazetteer) -> dict[str, int]:
    """First word → most words in a name it opens, so most words need only a one-word look-up."""
    starts = dict(gazetteer.openers)
    for words in names:
        if len(words) > 1 and starts.get(words[0], 0) < len(words):
            starts[words[0]] = len(words)
    for short, word in _FIRST_WORD.items():  # "st. petersburg" is keyed "saint petersburg"
        starts[short] = max(starts.get(short, 0), starts.get(word, 0))
    for word in STOP_WORDS:  # "the hague" is "the Hague", "in salah" is not worth a try at every "in"
        starts.pop(word, None)
    return starts


def _add(names: dict[tuple[str, ...], Name], words: tuple[str, ...], name: Name) -> None:
    """Keep the strongest reading of a name, and a written form from any source."""
    old = names.get(words)
    if old is None or (name.strength, bool(name.form)) > (old.strength, bool(old.form)):
        names[words] = name


def _actor_name(words: Sequence[str], written: str, kind: str, country: str | None) -> Name:
    """An actor lexicon name: the supplement's, with their forms, are strong ("Hamas", "UNHCR"), as are the
    names of the UN, the EU and other intergovernmental bodies; dictionary places and seats of government
    are medium; the dictionaries' people, groups and companies weak. A short dictionary group name with at
    most one vowel is an acronym ("PKK", "ANSF")."""
    single = len(words) == 1
    party = kind not in (PLACE, METONYM) and country not in _INTERNATIONAL
    if written:
        acronym = single and written.replace(".", "").isupper()
        return Name(STRONG, written, acronym, party=party and not acronym)
    short = single and len(words[0]) <= 4 and sum(c in "AEIOU" for c in words[0]) <= 1
    if short and kind not in (PLACE, METONYM):
        return Name(WEAK, acronym=True)
    if country in {"UNO", "EUR", "IGO"}:
        return Name(STRONG)
    return Name(MEDIUM if kind in (PLACE, METONYM) else WEAK, party=party)


def _titles(base: str, tokens: Sequence[Token], i: int) -> Iterator[tuple[int, str]]:
    """The titles right before a person's name, capitalised ("prime minister modi" → "Prime Minister")."""
    j = i - 1
    while (
        j >= 0
        and i - j <= 3
        and tokens[j].word in _TITLES
        and base[tokens[j].end : tokens[j + 1].start]
        in (
            " ",
            ". ",
        )
    ):
        token = tokens[j]
        yield j, _upper(base[token.start]) + base[token.start + 1 : token.end]
        j -= 1


def name_words(gazetteer: Gazetteer, lexicon: ActorLexicon) -> set[str]:
    """Every lower-case word of every name the truecaser may restore: the words whose commonness
    ``data/common_words.txt`` must record (``sitroom.learn.common_words`` builds it from them)."""
    words: set[str] = set()
    for key in gazetteer.index:
        words.update(key.lstrip("=").lower().split())
    for phrase, *_ in lexicon.names():
        words.update(w.lower() for w in phrase)
    words.update(w.lower() for w in lexicon.sector_words())
    words.update(k for key in gazetteer.demonyms for k in key.split())
    words.update((*_MONTHS, *_WEEKDAYS))
    return words


# ---------------------------------------------------------------------------------------------------------
# Restoring


class Token(NamedTuple):
    start: int
    end: int
    word: str  # lower-case, accents and apostrophes dropped: the key of look-ups ("qaida", "kyiv")


def _tokens(base: str) -> list[Token]:
    tokens = []
    for match in _WORD.finditer(base):
        word = match.group().lower()
        if not word.isascii():
            word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
            word = word.replace("’", "")
        if "'" in word:
            word = word.replace("'", "")
        tokens.append(Token(match.start(), match.end(), word))
    return tokens


class TrueCaser:
    """Restores the case of lower-cased and all-caps stretches from what sitroom knows about names."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge
        self._decided: dict[str, tuple[str, ...] | None] = {}
        self._parties: set[str] = set()  # names decided that are a person's or group's (not a place)

    @classmethod
    @cache
    def load(cls) -> TrueCaser:
        """The process-wide truecaser, on the gazetteer and actor lexicon the coder holds (loaded once)."""
        from sitroom.place import Geoparser

        return cls(Knowledge.load(Geoparser.load().gazetteer, ActorLexicon.load()))

    def restore(self, text: str, stretches: Iterable[Stretch]) -> str:
        """``text`` with each stretch's case restored; everything outside the stretches unchanged."""
        pieces: list[str] = []
        done = 0
        for stretch in stretches:
            pieces.append(text[done : stretch.start])
            pieces.append(self.restore_stretch(text, stretch))
            done = stretch.end
        pieces.append(text[done:])
        restored = "".join(pieces)
        return _keep_dateline(text, restored, stretches)

    def restore_stretch(self, text: str, stretch: Stretch) -> str:
        """One stretch with its case restored: names, then sentence starts."""
        written = text[stretch.start : stretch.end]
        base = _lower(written) if stretch.kind == UPPER else written
        tokens = _tokens(base)
        out = list(base)
        frozen = self._frozen(base, written, tokens, stretch.kind)
        done = _dotted(base, out)
        for index, form in self._names(base, tokens, done):
            if index not in frozen:
                token = tokens[index]
                out[token.start : token.end] = form
        for index in _sentence_starts(text, stretch.start, base, tokens):
            if index not in frozen:
                position = tokens[index].start
                out[position] = _upper(out[position])
        for index in frozen:
            token = tokens[index]
            out[token.start : token.end] = written[token.start : token.end]
        return "".join(out)

    @staticmethod
    def _frozen(base: str, written: str, tokens: Sequence[Token], kind: str) -> set[int]:
        """Tokens kept as written: capitals in a lower-cased line ("UN"); in an all-caps line, letters
        joined to digits ("F-16", "MH17")."""
        if kind == LOWER:
            return {i for i, t in enumerate(tokens) if not base[t.start : t.end].islower()}
        return {i for i, t in enumerate(tokens) if _joined_to_digit(written, t)}

    # -- names -------------------------------------------------------------------------------------------

    def _names(self, base: str, tokens: Sequence[Token], done: set[int]) -> Iterator[tuple[int, str]]:
        """(token index, cased token) for the tokens of every name found, longest name first."""
        i = 0
        while i < len(tokens):
            if tokens[i].start in done:
                i += 1
                continue
            found = self._longest(base, tokens, i)
            if found is None:
                i += 1
                continue
            for offset, form in enumerate(found):
                yield i + offset, form
            if base[tokens[i].start : tokens[i + len(found) - 1].end] in self._parties:
                yield from _titles(base, tokens, i)
            i += len(found)

    def _longest(self, base: str, tokens: Sequence[Token], i: int) -> tuple[str, ...] | None:
        """The cased tokens of the longest accepted name starting at token ``i`` (most words open no name
        of several words: one cached look-up)."""
        token = tokens[i]
        limit = min(self.k.starts.get(token.word, 1), _MAX_NAME, len(tokens) - i)
        run = 1
        while run < limit and _joined(base, tokens, i + run):
            run += 1
        for n in range(run, 0, -1):
            end = tokens[i + n - 1].end
            written = base[token.start : end]
            decided = self._decided
            forms = decided[written] if written in decided else self._decide(written, tokens[i : i + n])
            if forms is not None:
                return forms
        if token.word in _CONTEXT_WORDS or (i and tokens[i - 1].word in _HONORIFICS):
            return self._context_word(base, tokens, i)
        return None

    def _decide(self, written: str, span: Sequence[Token]) -> tuple[str, ...] | None:
        """The cased tokens of a known name, or None; cached by the words as written."""
        words = tuple(t.word for t in span)
        name = None if _CONTRACTION.search(written) else self._name(written, words)
        forms = None
        if name is not None and self._accept(name, words):
            forms = _cased(written, span, name)
            if name.party:
                self._parties.add(written)
        self._decided[written] = forms
        return forms

    def _name(self, written: str, words: tuple[str, ...]) -> Name | None:
        """The strongest reading of the words: actor lexicon and fixed names, or the gazetteer."""
        name = self.k.names.get(words)
        if name is None and len(words) == 1 and words[0].endswith("s") and len(words[0]) > 4:
            singular = self.k.names.get((words[0][:-1],))  # "Afghans", "Sunnis"
            if singular is not None and not singular.acronym:
                name = Name(singular.strength, singular.form + "s" if singular.form else "")
        place = self._place(written, words)
        if place is None or (name is not None and place.strength <= name.strength and not place.acronym):
            return name
        if name is None:
            return place
        acronym = place.acronym or name.acronym
        return Name(max(place.strength, name.strength), place.form or name.form, acronym, party=name.party)

    def _place(self, written: str, words: tuple[str, ...]) -> Name | None:
        """A gazetteer name: countries, continents, regions and seas are strong; provinces, national
        capitals and cities of 100,000 medium; the rest weak. Its form is a place's own name as written."""
        gazetteer = self.k.gazetteer
        key = _place_key(written, words)
        if (
            len(words) == 1
            and len(key) <= 5
            and words[0] not in _ARTICLES
            and gazetteer.rows("=" + key.upper())
        ):
            return Name(MEDIUM, acronym=True, listed=False)  # "uk", "nsw", as the gazetteer keeps them
        rows = gazetteer.rows(key)
        if not rows:
            return None
        strength, form, population = WEAK, "", -1
        for row in rows:
            kind = gazetteer.kinds[row]
            if not gazetteer.is_primary(key, row):
                pass  # an alternate name ("Hind" for India, "Capital" for a province) is weak
            elif kind in (COUNTRY, CONTINENT, REGION, SEA):
                strength = STRONG
            elif kind == ADMIN1 or row in gazetteer.capitals or gazetteer.pops[row] >= _BIG_CITY:
                strength = max(strength, MEDIUM)
            own = gazetteer.names[row]
            if gazetteer.pops[row] > population and own.lower() == written.lower():
                form, population = own, gazetteer.pops[row]
        return Name(strength, form, listed=False)

    def _accept(self, name: Name, words: tuple[str, ...]) -> bool:
        """Whether a name is capitalised here, by its strength and how common its words are: a strong
        name of several words, or a listed one of three, always ("Army of God"); a single word or an acronym
        if it is rare enough for the name's strength (see ``_rare_enough``); a medium name of several words
        if one of them is ("new york"); a weak one if its first word is no ordinary word at all, or, for
        a listed name, any ("warren truss" is not capitalised, "state of texas" is "state of Texas")."""
        if len(words) == 1 or name.acronym:
            strength = WEAK if name.acronym else name.strength
            return any(self._rare_enough(w, strength) for w in words)
        if words[0] == "the":
            return False  # "the Netherlands": the name starts at the next word
        if name.strength == STRONG or (name.listed and len(words) >= 3):
            return True
        if name.strength == MEDIUM or name.listed:
            return any(self._rare_enough(w, name.strength) for w in words if w not in _SMALL)
        return self._rare_enough(words[0], WEAK)

    def _rare_enough(self, word: str, strength: int) -> bool:
        """A weak name's word must be no ordinary word; a medium one's uncommon (SCOWL 50 or more:
        "muscat", "wales"); a strong one's no stop word ("china", "polish" as names)."""
        level = self.k.common.get(word)
        if level is None or strength == WEAK:
            return level is None
        return level >= _RARE if strength == MEDIUM else level > 0

    def _level(self, word: str) -> int | None:
        """SCOWL's level of an ordinary word (0 for stop words), None for a word that is not one."""
        return self.k.common.get(word)

    def _context_word(self, base: str, tokens: Sequence[Token], i: int) -> tuple[str, ...] | None:
        """Words that are names only by their neighbours: "I", "may"/"march" as months ("on may 5", "in
        march") and month abbreviations ("aug. 15"), "us" as the US ("the us military", "us-led", "us$"),
        the honorific and the name after it ("mr. sharma")."""
        token = tokens[i]
        word = token.word
        previous = tokens[i - 1].word if i else ""
        written = base[token.start : token.end]
        after = base[token.end : token.end + 3]
        if written.lower() in _FIRST_PERSON and not after.startswith("."):
            return (_upper(written[0]) + written[1:],)
        capitalised = (_upper(written[0]) + written[1:],)
        if word in _MONTH_ABBREVIATIONS:
            return capitalised if after.startswith(".") or _number_next(after) else None
        if word in _CONTEXT_MONTHS:
            before = base[max(0, token.start - 3) : token.start].rstrip()
            dated = _number_next(after) or before[-1:].isdigit() or previous in _MONTH_WORDS
            return capitalised if dated else None
        following = tokens[i + 1].word if i + 1 < len(tokens) else ""
        if word == "us":
            us = previous == "the" or after[:1] in ("-", "$") or following in self.k.sectors
            return (_upper(written),) if us else None
        if word in _HONORIFICS:
            named = after.startswith((". ", " ")) and following and self.k.common.get(following) != 0
            return capitalised if named else None
        gap = base[tokens[i - 1].end : token.start]  # the name after an honorific
        named = previous in _HONORIFICS and gap in (". ", " ") and self.k.common.get(word) != 0
        return capitalised if named else None


def _joined(base: str, tokens: Sequence[Token], j: int) -> bool:
    """Whether token ``j`` continues the name before it: only a space, hyphen or apostrophe between them,
    or a full stop after an abbreviation or initial ("st. petersburg", "j. smith")."""
    gap = base[tokens[j - 1].end : tokens[j].start]
    if not _NAME_GAP.fullmatch(gap):
        return False
    return "." not in gap or tokens[j - 1].word in _ABBREVIATIONS or len(tokens[j - 1].word) == 1


def _place_key(written: str, words: Sequence[str]) -> str:
    """The gazetteer's key of a name (``gazetteer.normalize``), quickly for plain words."""
    if not written.isascii() or "." in written:
        return normalize(written)
    first = _FIRST_WORD.get(words[0])
    return " ".join((first, *words[1:]) if first else words)


def _joined_to_digit(written: str, token: Token) -> bool:
    """A token written against a number, alone or across a hyphen: "F-16", "MH17", "G7"."""
    before = written[max(0, token.start - 2) : token.start]
    after = written[token.end : token.end + 2]
    return (before[-1:].isdigit() or (before[-1:] == "-" and before[:1].isdigit())
            or after[:1].isdigit() or (after[:1] == "-" and after[1:2].isdigit()))  # fmt: skip


def _number_next(after: str) -> bool:
    return len(after) > 1 and after[0] == " " and after[1].isdigit()


def _cased(written: str, span: Sequence[Token], name: Name) -> tuple[str, ...]:
    """The name's tokens cased: as its known form where the letters line up, else in capitals for an
    acronym, else each word capitalised but the small words inside ("of the") and an Arabic article
    before a hyphen ("al-Shabaab")."""
    offset = span[0].start
    if name.form:
        aligned = _align(name.form, written)
        if aligned is not None:
            return tuple(aligned[t.start - offset : t.end - offset] for t in span)
    if name.acronym:
        return tuple(_upper(t.word) if len(t.word) > 1 else t.word for t in span)
    out = []
    for index, token in enumerate(span):
        gap_after = written[token.end - offset : token.end - offset + 1]
        gap_before = written[token.start - offset - 1 : token.start - offset] if index else ""
        small = index > 0 and token.word in _SMALL
        article = token.word in _ARTICLES and gap_after == "-" and index + 1 < len(span)
        clitic = gap_before in ("'", "’") and len(token.word) <= 2  # "Jama'at", "Côte d'Ivoire"
        kept = small or article or clitic
        text = written[token.start - offset : token.end - offset]
        out.append(text if kept else _upper(text[0]) + text[1:])
    return tuple(out)


def _align(form: str, written: str) -> str | None:
    """``written`` with the case of ``form`` where both spell the same letters (accents aside)."""
    if len(form) != len(written):
        return None
    out = []
    for f, w in zip(form, written, strict=True):
        if _plain(f) != _plain(w):
            return None
        out.append(_upper(w) if f.isupper() else w)
    return "".join(out)


def _plain(char: str) -> str:
    if char.isascii():
        return char.lower()
    decomposed = unicodedata.normalize("NFKD", char)
    return (decomposed[0] if decomposed else char).lower()


def _dotted(base: str, out: list[str]) -> set[int]:
    """Dotted abbreviations in capitals ("u.s." → "U.S."), but "a.m.", "e.g."; their token starts."""
    done: set[int] = set()
    for match in _DOTTED.finditer(base):
        if match.group().lower() in _LOWER_DOTTED:
            continue
        for position in range(match.start(), match.end()):
            out[position] = _upper(out[position])
            if base[position].isalpha():
                done.add(position)
    return done


# ---------------------------------------------------------------------------------------------------------
# Sentence starts


def _sentence_starts(text: str, offset: int, base: str, tokens: Sequence[Token]) -> Iterator[int]:
    """Indices of the tokens that open a sentence: after a full stop, question or exclamation mark (not
    after an abbreviation or an initial), after a colon before a quote, after a bullet, at a line start
    (unless the line before stops mid-sentence), and at the start of the text."""
    for index, token in enumerate(tokens):
        if index == 0:
            if _opens_line(text, offset + token.start):
                yield index
            continue
        previous = tokens[index - 1]
        gap = base[previous.end : token.start]
        if "\n" in gap:
            if _opens_line(text, offset + token.start):
                yield index
        elif _SENTENCE_END.search(gap) and not _abbreviated(previous, gap):
            yield index


def _abbreviated(previous: Token, gap: str) -> bool:
    """A full stop that ends an abbreviation or initial ("mr.", "j.", "u.s."), not a sentence."""
    return gap.startswith(".") and (previous.word in _ABBREVIATIONS or len(previous.word) == 1)


def _opens_line(text: str, position: int) -> bool:
    """Whether a word at ``position`` opens a sentence, judged by what precedes it in the text."""
    before = text[max(0, position - 400) : position]
    stripped = before.rstrip(" \t\n\r\"'“‘([")
    if not stripped or _BULLET.search(before[-6:] if "\n" in before[-6:] else ""):
        return True
    last = stripped[-1]
    if last in '.!?…:"”’)':
        if last == "." and _ABBREVIATED_END.search(stripped):
            return "\n" in before[len(stripped) :]
        return True
    if "\n" not in before[len(stripped) :]:
        return False
    line = stripped[stripped.rfind("\n") + 1 :]
    return not (last in ",;-(" or (last.isalpha() and len(line) >= _WRAPPED))


# ---------------------------------------------------------------------------------------------------------
# Characters and datelines


def _lower(text: str) -> str:
    """The text in small letters, but a character whose small form is longer stays ("İ")."""
    return _same_length(text, str.lower)


def _upper(text: str) -> str:
    """The text in capitals, but a character whose capital is longer stays ("ß", not "SS")."""
    return _same_length(text, str.upper)


def _same_length(text: str, case: Callable[[str], str]) -> str:
    """``case`` applied to each character that it keeps one character long: the offsets hold."""
    changed = case(text)
    if len(changed) == len(text):
        return changed
    return "".join(case(c) if len(case(c)) == 1 else c for c in text)


_WIRE_CITY = re.compile(r"\s*(?P<city>[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*)(?=\s*[,(])")


def _keep_dateline(original: str, restored: str, stretches: Iterable[Stretch]) -> str:
    """A wire dateline at the start of a restored text gets its city in capitals again ("KHARKIV, May 28
    (Sitroom Wire) -"), as wires write it, so the dateline reader finds it and the city is not read as the
    lead's subject. Kept only when the dateline reader then finds a dateline there."""
    first = next(iter(stretches), None)
    match = _WIRE_CITY.match(restored)
    if first is None or first.start != 0 or match is None or find_dateline(restored) is not None:
        return restored
    start, end = match.span("city")
    candidate = restored[:start] + _upper(restored[start:end]) + restored[end:]
    return candidate if find_dateline(candidate) is not None and original != candidate else restored

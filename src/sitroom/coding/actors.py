"""The actor lexicon: what party a noun phrase names, as a PLOVER country and sector.

The syntax (which phrase is the actor) is ``parties.py``'s job; this module only answers "who is
``["Senior", "Hungarian", "officials"]`` on this date?" (Hungary, GOV).

Sources, read once per process (and cached as a pickle under the user cache directory):

- PETRARCH2's Phoenix dictionaries in ``data/petrarch2/`` (MIT, © 2014 Open Event Data Alliance, see the
  ``LICENSE`` there): ``Phoenix.Countries.actors.txt`` (countries with their alternate names, demonyms and
  cities; people with dated roles), ``Phoenix.International.actors.txt`` (IGOs, NGOs, companies),
  ``Phoenix.MilNonState.actors.txt`` (armed groups) and ``Phoenix.agents.txt`` (agent nouns → sectors).
  Their format: ``NAME_WORDS [CODE]``, ``+SYNONYM``, tab-indented ``[CODE YYMMDD-YYMMDD]`` /
  ``[CODE >YYMMDD]`` / ``[CODE <YYMMDD]`` dated roles (an undated ``[CODE]`` is the fallback), ``#`` comments.
- Our own ``data/actors_supplement.txt`` (format in its header): leaders and groups after 2016, seats of
  government used as metonyms ("the Kremlin"), the main international organisations with good names, and
  sector nouns the dictionaries lack or code differently. Its names override the dictionaries'.

CAMEO → PLOVER codes. A CAMEO code is a run of 3-letter chunks, the first naming the country or kind of
actor, the rest its role (``USAGOV``, ``AFGGOVJUD``, ``IGOUNOREFHCR``, ``PSEREBHMS``):

- country: the Phoenix files already use ISO 3166-1 alpha-3, except the few in ``_COUNTRY_FIXES``
  (Kosovo KSV → KOS as the PLOVER manual says; East Timor TMP → TLS; the USSR, Yugoslavia, Czechoslovakia,
  East Germany → their successor; dependencies folded into their controlling state as PLOVER asks).
  CAMEO regions (MEA, WAF, SAS, …) give no country.
- international: ``IGOUNO…`` → UNO; ``IGOEUREEC`` (the EU) → EUR; other ``IGO…`` (NATO is ``IGOWSTNAT``,
  the African Union, ASEAN, the World Bank…) → IGO; ``NGO…`` → NGO; ``IMG…`` → IMG; ``MNC…`` → MNC.
- sector (first role chunk that maps): GOV, MIL, COP, JUD, LEG, SPY, REB, OPP, PTY, UAF, BUS, CRM, CVL,
  EDU, ELI, LAB, AGR, REF keep their code; INS and SEP → REB; CAMEO MED (media) → JRN; HLH (health) → MED;
  UNR (unrecognised) → PRE; PPL → CVL; HRI, NGO, ENV, DEV → SOC; religions (CHR, MUS, JEW, …) → REL only when
  no other chunk maps. For international actors the chunks after the first name the organisation's field,
  not its members, so: NGO → the mapped field or SOC; IMG → REB; MNC → BUS; IGO/UNO/EUR → only JUD (courts),
  MIL, MED (health) or JRN (media), else no sector.

Sector nouns (PLOVER manual, "Sector Codes"): officials/government/ministry/president → GOV; police → COP;
troops, forces, army, navy and weapons (missiles, strikes, shells, drones, jets, warplanes) → MIL;
rebels/insurgents/militants → REB; protesters, demonstrators, activists, civilians, people, residents → CVL
(the manual puts protesters and activists in CVL; OPP is for the opposition itself); lawmakers/parliament →
LEG; court/judge → JUD; opposition → OPP; journalists → JRN; doctors/hospital → MED; refugees → REF.

Metonyms: capitals and seats of government alone name the government (Moscow, the Kremlin → RUS GOV;
the Pentagon → USA MIL, as PLOVER's MIL covers the defence establishment; Brussels → EUR GOV). Other cities
keep the dictionaries' country-only code; ``find`` treats a capital after "in"/"at"/"near"… as a place.

Choosing, within one phrase: the head name is the last name before the first free preposition ("Israel's
envoy to the UN" → Israel), else the first after it ("officials in Kyiv" → Kyiv); a sponsor ("Iranian-backed")
or a "pro-"/"anti-" name is not the head. The sector comes from the role the name holds on the date (a
person's dated role, a group's code); a country, a metonym or a person out of office (no role, or ELI) takes
the phrase's sector noun instead ("Russian missiles" MIL, "President Obama" in 2000 GOV); "former" makes a
state sector ELI. Names must be capitalised in the text; one-word names of three letters or fewer ("US",
"UN") must be in capitals (or written exactly as in the supplement, "Xi"); a list of ordinary words
(``_STOP_NAMES``) is never a name on its own. A dictionary person's unique surname counts only right after a
title ("President Mugabe").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from sitroom.caching import cached
from sitroom.models import Actor

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PETRARCH_DIR = DATA_DIR / "petrarch2"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
SUPPLEMENT_FILE = DATA_DIR / "actors_supplement.txt"
CACHE_FORMAT = 4  # bump when the pickled structures change


def _words(text: str) -> frozenset[str]:
    """A set of upper-case words written as one string (keeps the long tables below readable)."""
    return frozenset(text.split())


PLOVER_SECTORS = _words(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC"
)
INTERNATIONAL = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

# CAMEO first chunks that are not ISO 3166 alpha-3 (or that PLOVER folds into another country).
_COUNTRY_FIXES: dict[str, str | None] = {
    "KSV": "KOS", "TMP": "TLS", "SUN": "RUS", "USR": "RUS", "YUG": "SRB", "SCG": "SRB", "FRY": "SRB",
    "CSK": "CZE", "DDR": "DEU", "ANG": "AGO", "PRI": "USA", "GLP": "FRA", "FRN": "FRA", "GGY": "GBR",
    "AIA": "GBR", "BMU": "GBR", "CYM": "GBR", "ABW": "NLD", "COK": "NZL", "KRJ": "HRV", "SRP": "BIH",
    "KNT": None, "KKL": None,
}  # fmt: skip
# Dependencies that PLOVER folds into the state that controls them (the gazetteer keeps their own ISO codes:
# Puerto Rico is PRI there, USA as a party). Hong Kong and Macau keep theirs, as annotators code them.
TERRITORIES: dict[str, str] = {
    **dict.fromkeys(_words("PRI GUM VIR ASM MNP UMI"), "USA"),
    **dict.fromkeys(_words("NCL PYF GUF GLP MTQ REU MYT SPM WLF BLM MAF ATF"), "FRA"),
    **dict.fromkeys(_words("GIB BMU CYM FLK VGB TCA MSR AIA SHN PCN IOT SGS GGY JEY IMN"), "GBR"),
    **dict.fromkeys(_words("GRL FRO"), "DNK"),
    **dict.fromkeys(_words("ABW CUW SXM BES"), "NLD"),
    **dict.fromkeys(_words("COK NIU TKL"), "NZL"),
    **dict.fromkeys(_words("NFK CXR CCK HMD"), "AUS"),
    "ALA": "FIN", "SJM": "NOR", "BVT": "NOR",
    "XKX": "KOS",  # GeoNames' code for Kosovo; the PLOVER manual's is KOS
}  # fmt: skip


def sovereign(code: str | None) -> str | None:
    """The country a party of this code belongs to: a dependency's controlling state (PRI → USA)."""
    return TERRITORIES.get(code, code) if code else code


_REGIONS = _words(
    "AFR ASA BLK CAS CAU CFR CRB EAF EEU EUR INT LAM MEA NAF NMR SAF SAM SAS SCN SEA WAF WEU WST"
)
_SECTOR_CODES: dict[str, str] = {
    **{code: code for code in _words("GOV MIL COP JUD LEG SPY REB OPP PTY UAF BUS CRM CVL EDU ELI LAB AGR")},
    "REF": "REF",
    "PRM": "PRM", "INS": "REB", "SEP": "REB", "MED": "JRN", "HLH": "MED", "UNR": "PRE", "PPL": "CVL",
    "HRI": "SOC", "NGO": "SOC", "ENV": "SOC", "DEV": "SOC", "IMG": "REB", "JRN": "JRN", "REL": "REL",
    "SOC": "SOC", "PRE": "PRE", "UNK": "UNK",
}  # fmt: skip
_RELIGIONS = _words("CHR CTH CPT PRO ORT MUS SHI SUN SFI ALE DRZ JEW HIN BUD JAN SIK BAH ZRO MOS")
_IGO_SECTORS = frozenset({"JUD", "MIL", "MED", "JRN"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})

# Words that cut a phrase: a party named after them is not the head ("ambassador to the UN").
_PREPOSITIONS = _words("OF IN TO FROM FOR AT ON WITH BY NEAR AGAINST OVER ACROSS INSIDE INTO AFTER")
# "Iran-backed Houthis": the party before these is a sponsor, not the head.
_SPONSOR_WORDS = _words(
    "BACKED LED RUN ALLIED ALIGNED AFFILIATED LINKED SPONSORED SUPPORTED CONTROLLED HELD FUNDED ARMED "
    "TRAINED INSPIRED OWNED BASED"
)
_LOCATIVE = _words("IN AT NEAR OUTSIDE INSIDE ACROSS AROUND INTO THROUGHOUT OVER")
_LIST_BREAKS = frozenset({"", "AND", "OR"})  # a comma (an empty-key token) or a conjunction ends a name
_NOT_THE_PARTY = frozenset({"PRO", "ANTI"})  # "pro-Russian separatists", "anti-government protesters"
_CIVILIAN_HEADS = _words(
    "PROTESTER PROTESTERS PROTESTOR PROTESTORS DEMONSTRATOR DEMONSTRATORS ACTIVIST ACTIVISTS"
)
_FORMER = frozenset({"FORMER", "EX", "ERSTWHILE", "LATE"})
# Role nouns that take the sector of a modifier: "police chief" COP, "rebel forces" REB, "army spokesman" MIL.
_WEAK_HEADS = _words(
    "LEADER LEADERS CHIEF CHIEFS HEAD HEADS SPOKESMAN SPOKESMEN SPOKESWOMAN SPOKESPERSON OFFICIAL OFFICIALS "
    "COMMANDER COMMANDERS FORCE FORCES TROOPS UNIT UNITS FIGHTER FIGHTERS MEMBER MEMBERS SOURCE SOURCES "
    "REPRESENTATIVE REPRESENTATIVES DELEGATION"
)
# Capitalised words before a name that are not someone's first name: titles, sentence openers.
_NOT_FIRST_NAMES = _words(
    "MR MRS MS MISS DR PROF GEN LT COL CAPT SGT MAJ ADM BRIG SEN REP GOV SIR LORD LADY DAME SHEIKH SHEIK "
    "EMIR KING QUEEN PRINCE PRINCESS POPE AYATOLLAH IMAM MULLAH MAULANA RABBI CARDINAL ARCHBISHOP BISHOP REV "
    "FATHER MARSHAL FIELD ACTING INTERIM INCOMING OUTGOING FORMER LATE HE SHE IT WE THEY HIS HER ITS OUR "
    "THEIR THE A AN THIS THAT THESE THOSE SOME MANY MOST ALL BOTH EACH OTHER SEVERAL WHEN WHILE AS AND BUT "
    "OR IF SO YET THEN THUS STILL ALSO WITH BY FOR FROM TO OF IN ON AT AFTER BEFORE SINCE DURING UNDER "
    "YESTERDAY TODAY TONIGHT MEANWHILE EARLIER LATER HOWEVER NOW INSTEAD OVERNIGHT LAST NEXT ON WHY HOW "
    "WHAT WHO MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY JANUARY FEBRUARY MARCH APRIL MAY "
    "JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER UPDATE BREAKING EXCLUSIVE WATCH PHOTO VIDEO "
    "GENERAL COLONEL CAPTAIN MAJOR ADMIRAL SERGEANT LIEUTENANT BRIGADIER COMMANDER CHIEF JUDGE JUSTICE "
    "PRESIDENT MINISTER SENATOR GOVERNOR MAYOR SPEAKER AMBASSADOR SECRETARY DEPUTY VICE CROWN SUPREME "
    "LEADER SPOKESMAN SPOKESWOMAN ENVOY MADAME MONSIEUR HERR SHAH SULTAN CHAIRMAN DIRECTOR"
)
_TITLE_SECTORS = _words("GOV LEG MIL JUD COP SPY REL ELI OPP REB PTY UAF PRM")
_SMALL_WORDS = _words("OF THE AND FOR IN ON AT TO DE DEL DA DU LA LE VON VAN BIN BINT")
_DETERMINERS = frozenset({"THE", "A", "AN"})
_SHORT = 3  # single-word names this short must be written as given or in capitals ("US", not "us")
# Dictionary names that are ordinary words in news English: a bare capitalised "Youth" or "Order" is not a
# rebel group. Found by listing the one-word names of the Phoenix files.
_STOP_NAMES = _words("""
    YOUTH ORDER GROUP PEOPLE PARTY COUNCIL UNION FRONT ARMY MOVEMENT BRIGADE BRIGADES ALLIANCE LEAGUE
    STATE NATION NATIONS REPUBLIC KINGDOM EMPIRE WORLD GLOBAL INTERNATIONAL NATIONAL NEWS TIMES POST
    DIRECT ACTION RESISTANCE REVOLUTION SOLIDARITY UNITY FREEDOM LIBERTY JUSTICE PEACE HOPE VICTORY
    FUTURE ONE CHANGE REFORM RENEWAL PROGRESS DEMOCRACY CONGRESS SENATE PARLIAMENT COURT MINISTRY
    GOVERNMENT POLICE COMMISSION COMMITTEE ASSEMBLY ORGANIZATION ORGANISATION ASSOCIATION FOUNDATION
    INSTITUTE CENTER CENTRE BANK FUND AGENCY OFFICE AUTHORITY SERVICE SERVICES NETWORK SOCIETY
    THE AND OF AL EL LA LE DE DA DU VON VAN BEN BIN ABU IBN SHEIKH SAINT ST MOUNT LAKE RIVER NEW NORTH
    SOUTH EAST WEST NORTHERN SOUTHERN EASTERN WESTERN CENTRAL UPPER LOWER GREAT GRAND OLD
    MAN MEN WOMAN WOMEN CHILDREN BOYS GIRLS AVENGERS PATRIOTS MARTYRS WARRIORS TIGERS LIONS EAGLES WOLVES
    PHOENIX CHARLOTTE PROVIDENCE AUSTIN BUFFALO COLUMBUS RICHMOND MOBILE OXFORD CAMBRIDGE LINCOLN JACKSON
    MADISON HAMILTON AMAZON TOTAL CHASE SUN STAR GLOBE MIRROR EXPRESS MALE OLIVE FALCON ZERO
    LIGHTNING MAVERICKS CORNERSTONE YAHWEH INSULA HASSAN HUSSEIN KHALID ABDULLAH ALBERT HARDING RAJA
    MUHANNAD HAMZAH SALAUDDIN""")


# ---------------------------------------------------------------------------------------------------------
# Data model


@dataclass(frozen=True, slots=True)
class Role:
    """One code of an entry, possibly limited to dates (``start``/``end`` inclusive, None = open)."""

    country: str | None
    sector: str | None
    start: date | None = None
    end: date | None = None

    def covers(self, when: date) -> bool:
        """Whether this role holds on ``when``."""
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


PLACE, METONYM, PARTY, BLOCK = "place", "metonym", "party", "block"
OFFICE = "office"  # an international body's office named by its title alone ("the Secretary-General")


@dataclass(frozen=True, slots=True)
class Entry:
    """A named party: a place (country-level name), a metonym (seat of government), a person or a group.

    ``dated`` roles are tried in order; ``default`` is the undated fallback (for people, often ELI).
    """

    name: str
    kind: str
    dated: tuple[Role, ...]
    default: Role | None


@dataclass(frozen=True, slots=True)
class Tok:
    """A normalised sub-token of the input: upper-case key, text as written, index of the input word."""

    key: str
    text: str
    word: int


@dataclass(frozen=True, slots=True)
class Match:
    """A dictionary hit over sub-tokens ``start:end``: a named entry (``entry``) or an agent noun."""

    start: int
    end: int
    entry: int = -1
    sector: str | None = None

    @property
    def named(self) -> bool:
        return self.entry >= 0


Phrase = tuple[str, ...]
NameCandidate = tuple[Phrase, int, str]  # words, index of the entry, the alias as written in the supplement
AgentPhrase = tuple[Phrase, str, bool]  # words, PLOVER sector, whether the text must capitalise it ("House")


RoleRow = tuple[str | None, str | None, int | None, int | None]  # a Role, its dates as ordinals
EntryRow = tuple[str, str, tuple[RoleRow, ...], RoleRow | None]


def _role_row(role: Role) -> RoleRow:
    start, end = role.start, role.end
    return role.country, role.sector, start and start.toordinal(), end and end.toordinal()


def _entry_row(entry: Entry) -> EntryRow:
    default = entry.default and _role_row(entry.default)
    return entry.name, entry.kind, tuple(map(_role_row, entry.dated)), default


def _role(row: RoleRow) -> Role:
    country, sector, start, end = row
    return Role(country, sector, start and date.fromordinal(start), end and date.fromordinal(end))


class _Entries:
    """The lexicon's entries, kept as plain tuples and made into ``Entry`` objects on first use.

    Unpickling all 27,574 entries and their roles as dataclasses cost about half a second of every
    start (most of it the cyclic collector walking them as they were built); a process codes with a
    few hundred of them.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._rows: list[EntryRow] = [_entry_row(entry) for entry in entries]
        self._built: list[Entry | None] = [None] * len(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: int) -> Entry:
        entry = self._built[index]
        if entry is None:
            name, kind, dated, default = self._rows[index]
            entry = Entry(name, kind, tuple(map(_role, dated)), default and _role(default))
            self._built[index] = entry
        return entry

    def __getstate__(self) -> list[EntryRow]:
        return self._rows

    def __setstate__(self, rows: list[EntryRow]) -> None:
        self._rows = rows
        self._built = [None] * len(rows)


@dataclass
class _Tables:
    """Everything the lexicon needs, in plain containers so it pickles quickly."""

    entries: _Entries
    names: dict[str, list[NameCandidate]]  # first word → candidates, longest first
    surnames: dict[str, int]  # a person's unambiguous surname → entry, matched only after a title
    agents: dict[str, list[AgentPhrase]]  # first word → sector nouns starting with it, longest first
    countries: dict[str, str]  # country code → common English name


# ---------------------------------------------------------------------------------------------------------
# Normalisation


def _fold(text: str) -> str:
    """Strip accents and unify apostrophes, so "Erdoğan" and "Côte d’Ivoire" match the dictionaries."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_SPLIT = re.compile(r"[-_/\s\u2010-\u2015]+")
_EDGE_PUNCT = '"()[]{},;:!?*'
_BARRIERS = ',;:!?()[]{}"\u201c\u201d|'


def _subwords(word: str) -> list[str]:
    """One word as written → its sub-words: possessive dropped, dots removed, split at hyphens."""
    word = _fold(word).strip(_EDGE_PUNCT)
    lowered = word.lower()
    if lowered.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    word = word.replace(".", "")
    return [part.strip(_EDGE_PUNCT + "'") for part in _SPLIT.split(word) if part.strip(_EDGE_PUNCT + "'")]


def tokenize(words: Sequence[str]) -> list[Tok]:
    """The input words as sub-tokens ("Russian-backed" → RUSSIAN, BACKED; "U.S." → US; "Russia's" → RUSSIA).

    A comma, bracket or other separating punctuation stays as an empty-key token so no name or noun is
    matched across it ("people, Ukrainian officials").
    """
    toks = []
    for i, word in enumerate(words):
        parts = _subwords(word)
        if parts:
            toks.extend(Tok(part.upper(), part, i) for part in parts)
        elif word.strip() and not word.strip().strip(_BARRIERS):
            toks.append(Tok("", word, i))
    return toks


def _phrase(text: str) -> Phrase:
    """A dictionary phrase as upper-case words, without parenthesised notes or a leading "the"."""
    text = re.sub(r"\([^)]*\)", " ", text)
    words = tuple(part.upper() for word in text.split() for part in _subwords(word))
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return words


def _title(words: Iterable[str], acronyms: bool = True) -> str:
    """A readable name from upper-case dictionary words: "BAN_KI-MOON" → "Ban Ki-Moon", "NATO" → "NATO"."""
    words = list(words)
    if acronyms and len(words) == 1 and len(words[0]) <= 5:
        return words[0]
    out = []
    for i, word in enumerate(words):
        if i and word in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


# ---------------------------------------------------------------------------------------------------------
# CAMEO codes → PLOVER


def _chunks(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _role_sector(chunks: Sequence[str]) -> str | None:
    """First chunk that is a sector; a religion only if nothing else maps."""
    for chunk in chunks:
        if chunk in _SECTOR_CODES:
            return _SECTOR_CODES[chunk]
    return "REL" if any(chunk in _RELIGIONS for chunk in chunks) else None


def cameo_to_plover(code: str, countries: frozenset[str]) -> tuple[str | None, str | None] | None:
    """A CAMEO actor code as (country, sector); None for the null code ``---``.

    ``countries`` holds the ISO codes the dictionaries use for countries (so a sector chunk such as MED is
    not mistaken for one).
    """
    code = code.strip().upper()
    if not code or code.startswith("-"):
        return None
    chunks = _chunks(code)
    head, rest = chunks[0], chunks[1:]
    if head == "IGO":
        if rest[:1] == ["UNO"]:
            country = "UNO"
        elif rest[:2] == ["EUR", "EEC"]:
            country = "EUR"
        else:
            country = "IGO"
        sector = _role_sector(rest)
        return country, sector if sector in _IGO_SECTORS else None
    if head == "NGO":
        return "NGO", _role_sector(rest) or "SOC"
    if head == "IMG":
        return "IMG", "REB"
    if head == "MNC":
        return "MNC", "BUS"
    if head in _COUNTRY_FIXES:
        return _COUNTRY_FIXES[head], _role_sector(rest)
    if head in countries:
        return sovereign(head), _role_sector(rest)
    if head in _REGIONS:
        return None, _role_sector(rest)
    return None, _role_sector(chunks)


# ---------------------------------------------------------------------------------------------------------
# PETRARCH dictionary parsing

_BRACKET = re.compile(r"\[([^\]]*)\]")
_NON_DIGITS = re.compile(r"\D+")
_DATE_CUT = 30  # PETRARCH: two-digit years below 30 are 20xx


def _petrarch_date(text: str) -> date | None:
    """``090120`` → 2009-01-20, ``350101`` → 1935-01-01, ``20090120`` → 2009-01-20; None if unreadable."""
    digits = _NON_DIGITS.sub("", text)
    try:
        if len(digits) == 6:
            year = int(digits[:2])
            year += 2000 if year < _DATE_CUT else 1900
            return date(year, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return None


@dataclass
class _RawEntry:
    """An entry while parsing: CAMEO codes still unmapped."""

    primary: Phrase
    phrases: list[Phrase]
    codes: list[tuple[str, date | None, date | None, bool]]  # code, start, end, dated?


def _parse_bracket(text: str) -> tuple[str, date | None, date | None, bool] | None:
    """``USAGOV 090120-170120`` / ``USAGOV >090120`` / ``USAGOV <090120`` / ``USAGOV``."""
    parts = text.split(None, 1)
    if not parts:
        return None
    code, rest = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    if not rest:
        return code, None, None, False
    if rest.startswith(">"):
        start = _petrarch_date(rest)
        return (code, start, None, True) if start else None
    if rest.startswith("<"):
        end = _petrarch_date(rest)
        return (code, None, end, True) if end else None
    first, _, second = rest.partition("-")
    start, end = _petrarch_date(first), _petrarch_date(second)
    if start is None or end is None or end < start:
        return None
    return code, start, end, True


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].split(";", 1)[0].rstrip()


def parse_actor_file(lines: Iterable[str]) -> Iterator[_RawEntry]:
    """Entries of a PETRARCH ``.actors`` file in file order.

    As in PETRARCH, a primary line that follows an entry with no codes yet joins that entry (the files
    rely on it: ``BORIS_YELTSIN_`` is followed by un-prefixed variants, then the codes).
    """
    current: _RawEntry | None = None
    for raw in lines:
        line = _strip_comment(raw)
        if not line.strip() or line.startswith("<!"):
            continue
        codes = [parsed for text in _BRACKET.findall(line) if (parsed := _parse_bracket(text))]
        body = _BRACKET.sub(" ", line)
        if line[0] in " \t" and not body.strip():
            if current is not None:
                current.codes.extend(codes)
            continue
        phrase = _phrase(body.lstrip("+"))
        if line.startswith("+") or (current is not None and not current.codes):
            # "+SAMOA_(AMERICAN)_": without its note the alias would be another entry's name (Samoa)
            if current is not None and phrase and "(" not in body:
                current.phrases.append(phrase)
                current.codes.extend(codes)
            continue
        if current is not None:
            yield current
        current = _RawEntry(phrase, [phrase] if phrase else [], list(codes)) if phrase else None
    if current is not None:
        yield current


_MARKER_DEF = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
_PLURAL = re.compile(r"\{([^}]*)\}")


def _plurals(words: str) -> list[str]:
    """PETRARCH's regular plurals: +S, Y → IES, SS → ES."""
    if words.endswith("SS"):
        return [words + "ES"]
    if words.endswith("Y") and not words.endswith(("AY", "EY", "OY")):
        return [words[:-1] + "IES"]
    return [words + "S"]


def parse_agent_file(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(phrase text, CAMEO code) pairs of a PETRARCH agents file, with plurals and ``!MARKER!``s expanded."""
    markers: dict[str, list[str]] = {}
    for raw in lines:
        line = _strip_comment(raw).strip()
        if not line or line.startswith("<!"):
            continue
        if definition := _MARKER_DEF.match(line):
            markers[definition.group(1)] = [w.strip() for w in definition.group(2).split(",")]
            continue
        code_match = _BRACKET.search(line)
        if not code_match:
            continue
        code = code_match.group(1).replace("~", "").strip()
        body = _BRACKET.sub(" ", line)
        plural = _PLURAL.search(body)
        words = _PLURAL.sub(" ", body).strip()
        forms = [words, *(plural.group(1).split() if plural else _plurals(words))]
        for form in forms:
            for expanded in _expand_markers(form, markers):
                yield expanded, code


def _expand_markers(text: str, markers: dict[str, list[str]]) -> list[str]:
    match = re.search(r"!(\w+)!", text)
    if not match or match.group(1) not in markers:
        return [text] if "!" not in text else []
    out = []
    for value in markers[match.group(1)]:
        out.extend(_expand_markers(text[: match.start()] + value + text[match.end() :], markers))
    return out


# ---------------------------------------------------------------------------------------------------------
# Supplement parsing


@dataclass
class _SupplementBlock:
    """One header line of the supplement with its role lines."""

    kind: str  # PARTY, METONYM, OFFICE or "agent"
    name: str
    aliases: list[str]
    roles: list[Role]


def _iso_date(text: str) -> date | None:
    return None if text in {"", "-"} else date.fromisoformat(text)


def parse_supplement(lines: Iterable[str]) -> Iterator[_SupplementBlock]:
    """Blocks of ``actors_supplement.txt``: a header line, then indented role lines."""
    block: _SupplementBlock | None = None
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] in " \t":
            if block is None:
                raise ValueError(f"actors_supplement.txt:{number}: role line before any header")
            block.roles.append(_supplement_role(line.split(), number))
            continue
        if block is not None:
            yield block
        kind = {"~": METONYM, "*": "agent", "^": OFFICE}.get(line[0], PARTY)
        aliases = [alias.strip() for alias in line.lstrip("~*^").split(";") if alias.strip()]
        block = _SupplementBlock(kind, aliases[0], aliases, [])
    if block is not None:
        yield block


def _supplement_role(fields: list[str], number: int) -> Role:
    if not 2 <= len(fields) <= 4:
        raise ValueError(f"actors_supplement.txt:{number}: want COUNTRY SECTOR [FROM [TO]], got {fields}")
    country, sector = (None if f == "-" else f for f in fields[:2])
    if country is not None and not (len(country) == 3 and country.isalpha() and country.isupper()):
        raise ValueError(f"actors_supplement.txt:{number}: country must be a 3-letter code, got {country}")
    if sector is not None and sector not in PLOVER_SECTORS:
        raise ValueError(f"actors_supplement.txt:{number}: unknown sector {sector}")
    start = _iso_date(fields[2]) if len(fields) > 2 else None
    end = _iso_date(fields[3]) if len(fields) > 3 else None
    return Role(country, sector, start, end)


# ---------------------------------------------------------------------------------------------------------
# Building the tables

_COUNTRY_NAMES = {
    "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia", "ZAF": "South Africa",
    "TZA": "Tanzania", "BRN": "Brunei", "MDG": "Madagascar", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "CIV": "Ivory Coast", "KOR": "South Korea", "PRK": "North Korea",
    "SYR": "Syria", "IRN": "Iran", "VNM": "Vietnam", "LAO": "Laos", "PSE": "Palestine", "KOS": "Kosovo",
    "TLS": "East Timor", "MKD": "North Macedonia", "SWZ": "Eswatini", "CPV": "Cape Verde",
    "BIH": "Bosnia and Herzegovina", "FSM": "Micronesia", "KNA": "Saint Kitts and Nevis", "MMR": "Myanmar",
    "TWN": "Taiwan", "HKG": "Hong Kong", "CZE": "Czech Republic", "MDA": "Moldova", "BOL": "Bolivia",
    "VEN": "Venezuela", "SSD": "South Sudan", "VAT": "Holy See", "GNB": "Guinea-Bissau", "TUR": "Turkey",
    "UNO": "United Nations", "EUR": "European Union",
}  # fmt: skip


def _source_files() -> list[Path]:
    return [PETRARCH_DIR / name for name in (*ACTOR_FILES, AGENT_FILE)] + [SUPPLEMENT_FILE]


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def _country_codes(raw_entries: Iterable[_RawEntry]) -> frozenset[str]:
    """ISO codes that stand alone as a place's code somewhere in the country file."""
    codes = {code for entry in raw_entries for code, *_ in entry.codes if len(code) == 3 and code.isalpha()}
    return frozenset(codes - _REGIONS - set(_COUNTRY_FIXES) - INTERNATIONAL - set(_SECTOR_CODES))


def _to_entry(raw: _RawEntry, countries: frozenset[str]) -> Entry:
    dated: list[Role] = []
    default: Role | None = None
    blocked = False
    for code, start, end, is_dated in raw.codes:
        mapped = cameo_to_plover(code, countries)
        if mapped is None:
            blocked = True
            continue
        role = Role(mapped[0], mapped[1], start, end)
        if is_dated:
            dated.append(role)
        elif default is None:
            default = role
    roles = [*dated, *([default] if default else [])]
    if (blocked and not roles) or not any(r.country or r.sector for r in roles):
        return Entry(_title(raw.primary), BLOCK, (), None)
    return Entry(_title(raw.primary), _kind(roles), tuple(dated), default)


def _kind(roles: Sequence[Role]) -> str:
    """A place when its codes are countries only (a past PRE spell aside, e.g. Macedonia 1991)."""
    countries_only = all(r.sector in {None, "PRE"} and r.country not in INTERNATIONAL for r in roles)
    return PLACE if countries_only and any(r.sector is None for r in roles) else PARTY


def _build() -> _Tables:
    raw_by_file = {name: list(parse_actor_file(_read_lines(PETRARCH_DIR / name))) for name in ACTOR_FILES}
    countries = _country_codes(raw_by_file[ACTOR_FILES[0]])
    entries: list[Entry] = []
    phrase_entry: dict[Phrase, tuple[int, str]] = {}
    people: list[tuple[Phrase, int]] = []
    for supplement in _supplement_blocks():
        if supplement.kind == "agent":
            continue
        entries.append(_supplement_entry(supplement))
        people.extend((_phrase(alias), len(entries) - 1) for alias in supplement.aliases[:1])
        for alias in supplement.aliases:
            phrase_entry.setdefault(_phrase(alias), (len(entries) - 1, alias))
    for name in ACTOR_FILES:
        for raw in raw_by_file[name]:
            entries.append(_to_entry(raw, countries))
            if entries[-1].dated and len(raw.primary) >= 2:
                people.append((raw.primary, len(entries) - 1))
            for phrase in raw.phrases:
                if _usable_name(phrase):
                    phrase_entry.setdefault(phrase, (len(entries) - 1, phrase[0] if len(phrase) == 1 else ""))
    names: dict[str, list[NameCandidate]] = {}
    for phrase, (index, written) in phrase_entry.items():
        names.setdefault(phrase[0], []).append((phrase, index, written))
    for candidates in names.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return _Tables(
        _Entries(entries),
        names,
        _surnames(people, names),
        _build_agents(countries),
        _country_names(raw_by_file[ACTOR_FILES[0]], countries),
    )


def _surnames(people: Sequence[tuple[Phrase, int]], names: dict[str, list[NameCandidate]]) -> dict[str, int]:
    """Surnames that belong to one dictionary person only, for "President Mugabe" (after a title only)."""
    owners: dict[str, set[int]] = {}
    for primary, index in people:
        surname = primary[-1]
        if len(primary) >= 2 and len(surname) >= 4 and surname.isalpha() and surname not in _STOP_NAMES:
            owners.setdefault(surname, set()).add(index)
    return {surname: next(iter(found)) for surname, found in owners.items()
            if len(found) == 1 and surname not in names}  # fmt: skip


def _usable_name(phrase: Phrase) -> bool:
    """Dictionary names that would match ordinary words or numbers are left out."""
    if not phrase or any(word.isdigit() for word in phrase):
        return False
    return not (len(phrase) == 1 and phrase[0] in _STOP_NAMES)


def _supplement_blocks() -> list[_SupplementBlock]:
    return list(parse_supplement(_read_lines(SUPPLEMENT_FILE)))


def _supplement_entry(block: _SupplementBlock) -> Entry:
    dated = tuple(r for r in block.roles if r.start or r.end)
    undated = [r for r in block.roles if not (r.start or r.end)]
    kind = PLACE if block.kind == PARTY and _kind(block.roles) == PLACE else block.kind
    if not any(r.country or r.sector for r in block.roles):
        kind = BLOCK  # "- -": words that look like a party but are not (the Al-Aqsa mosque)
    return Entry(block.name, kind, dated, undated[0] if undated else None)


def _build_agents(countries: frozenset[str]) -> dict[str, list[AgentPhrase]]:
    """Sector nouns by first word. A supplement alias written with a capital is a body's name used as a
    noun ("the House", "an MP"): the text must capitalise it too, and the same word in lower case may
    be another sector ("burnt houses" are homes, not a legislature)."""
    phrase_sector: dict[tuple[Phrase, bool], str] = {}
    for block in _supplement_blocks():
        if block.kind == "agent" and block.roles and block.roles[0].sector:
            for alias in block.aliases:
                for form in (alias.upper(), *_plurals(alias.upper())):
                    phrase_sector.setdefault((_phrase(form), alias[:1].isupper()), block.roles[0].sector)
    supplied = {phrase for phrase, _ in phrase_sector}
    for text, code in parse_agent_file(_read_lines(PETRARCH_DIR / AGENT_FILE)):
        mapped = cameo_to_plover(code, countries)
        phrase = _phrase(text)
        if mapped and mapped[1] and phrase and phrase[-1] not in _PREPOSITIONS and phrase not in supplied:
            phrase_sector.setdefault((phrase, False), _agent_fix(phrase, mapped[1]))
    agents: dict[str, list[AgentPhrase]] = {}
    for (phrase, capital), sector in phrase_sector.items():
        agents.setdefault(phrase[0], []).append((phrase, sector, capital))
    for candidates in agents.values():
        candidates.sort(key=lambda item: (-len(item[0]), not item[2]))  # the capitalised reading first
    return agents


def _agent_fix(phrase: Phrase, sector: str) -> str:
    """CAMEO codes protesters and activists OPP; PLOVER puts them in CVL unless they oppose the government."""
    if sector == "OPP" and phrase[-1] in _CIVILIAN_HEADS and not {"OPPOSITION", "ANTI"} & set(phrase):
        return "CVL"
    return sector


def _country_names(raw_entries: Iterable[_RawEntry], countries: frozenset[str]) -> dict[str, str]:
    """Common English names: our overrides, else the primary name of the country file's main entry for the
    code (the one with the most alternate names, so Germany rather than its block of East German cities)."""
    best: dict[str, tuple[int, str]] = {}
    for raw in raw_entries:
        undated = [code for code, *_rest, is_dated in raw.codes if not is_dated]
        latest = undated[-1:] or [code for code, _s, end, _d in raw.codes if end is None][-1:]
        if latest and latest[0] in countries and len(raw.phrases) > best.get(latest[0], (0, ""))[0]:
            best[latest[0]] = (len(raw.phrases), _title(raw.primary, acronyms=False))
    return {**{code: name for code, (_n, name) in best.items()}, **_COUNTRY_NAMES}


# ---------------------------------------------------------------------------------------------------------
# The cache


def _load_tables() -> _Tables:
    """The pickled tables if the sources and this module are unchanged (``sitroom.caching``); else parse
    them (about 1.1 s) and write the copy."""
    sources = [*_source_files(), Path(__file__)]
    return cached("actors", sources, _build, _Tables, key=f"format {CACHE_FORMAT}")


# ---------------------------------------------------------------------------------------------------------
# The lexicon


class ActorLexicon:
    """Resolves noun phrases to PLOVER parties (name, country, sector), date-aware for people's roles."""

    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    @classmethod
    @cache
    def load(cls) -> ActorLexicon:
        """The lexicon, built once per process (from the pickle cache when the sources are unchanged)."""
        return cls(_load_tables())

    # -- public API ----------------------------------------------------------------------------------------

    def resolve(self, words: Sequence[str], when: date | None = None) -> Actor | None:
        """The party a noun phrase names, e.g. ``["Senior", "Hungarian", "officials"]`` → Hungary GOV.

        words: the tokens of a noun phrase as written; when: the article date (None: today), which picks a
        person's role ("Biden" in 2024 is USA GOV). A phrase with only a sector noun ("rebels",
        "protesters") gives a party with that sector and no country; None if nothing in it is a party.
        """
        toks = tokenize(words)
        return self._resolve_tokens(toks, self._scan(toks), when or date.today(), " ".join(words))

    def find(
        self, words: Sequence[str], when: date | None = None, *, agents: bool = False
    ) -> list[tuple[int, int, Actor]]:
        """All named parties in a token sequence as (start, end_exclusive, Actor) spans of ``words``.

        Longest match first, non-overlapping, in order. A span takes in the sector nouns and titles right
        next to the name ("Israeli police", "President Joe Biden"), and a demonym with the person it
        qualifies ("Russian President Vladimir Putin"). With ``agents=True`` bare sector nouns ("rebels")
        are returned too, with no country.
        """
        toks = tokenize(words)
        matches = self._scan(toks)
        when = when or date.today()
        spans: list[tuple[int, int, Actor]] = []
        for start, end in self._party_spans(toks, matches, agents):
            part = toks[start:end]
            shifted = [Match(m.start - start, m.end - start, m.entry, m.sector) for m in matches
                       if start <= m.start and m.end <= end]  # fmt: skip
            first, last = part[0].word, part[-1].word + 1
            locative = any(t.key in _LOCATIVE for t in toks[max(0, start - 2) : start])  # "in (western) Kyiv"
            actor = self._resolve_tokens(part, shifted, when, " ".join(words[first:last]), locative)
            if actor is not None:
                spans.append((first, last, actor))
        return spans

    def is_party_word(self, word: str) -> bool:
        """Quick filter: could this word start or be part of a party name or sector noun?"""
        for tok in tokenize([word]):
            if tok.key in self._t.agents:
                return True
            if any(self._case_ok([tok], 0, 1, written) for _p, _e, written in self._name_candidates(tok.key)):
                return True
        return False

    def names(self) -> Iterator[tuple[Phrase, str, str, str | None]]:
        """Every name the lexicon matches, for the truecaser (``truecase.py``), which gives lower-cased
        copy its capitals back from them: (upper-case words, the alias as the supplement writes it or "" for
        the dictionaries' names, whose case is unknown; entry kind; the entry's country). People's unique
        surnames are among them.

        >>> ("UNITED", "NATIONS") in {words for words, *_ in ActorLexicon.load().names()}
        True
        """
        written_forms = {alias for block in _supplement_blocks() for alias in block.aliases}
        for candidates in self._t.names.values():
            for phrase, index, written in candidates:
                entry = self._t.entries[index]
                yield phrase, written if written in written_forms else "", entry.kind, _any_country(entry)
        for surname, index in self._t.surnames.items():  # "Mugabe": matched after a title only
            entry = self._t.entries[index]
            yield (surname,), "", entry.kind, _any_country(entry)

    def sector_words(self) -> frozenset[str]:
        """The upper-case words of every sector noun ("POLICE", "OFFICIALS"): ordinary words, never names."""
        return frozenset(word for candidates in self._t.agents.values() for phrase, *_ in candidates
                         for word in phrase)  # fmt: skip

    def country_name(self, code: str) -> str | None:
        """The common English name of a country code (or UNO/EUR), e.g. ``RUS`` → "Russia"."""
        return self._t.countries.get(code)

    # -- matching ------------------------------------------------------------------------------------------

    def _scan(self, toks: Sequence[Tok]) -> list[Match]:
        """Longest dictionary hits left to right; a name wins a tie with a sector noun."""
        matches: list[Match] = []
        i = 0
        while i < len(toks):
            named = self._match_name(toks, i, guard=not _titled(matches, i))
            named = named or self._match_surname(toks, i, matches)
            agent = self._match_agent(toks, i)
            best = max((m for m in (named, agent) if m), key=lambda m: (m.end, m.named), default=None)
            if best is None:
                i += 1
                continue
            matches.append(best)
            i = best.end
        return matches

    def _match_name(self, toks: Sequence[Tok], i: int, guard: bool = True) -> Match | None:
        """The longest name at ``i``; with ``guard``, not a person's or group's name inside another name."""
        for phrase, entry, written in self._name_candidates(toks[i].key):
            end = i + len(phrase)
            if _words_match(toks, i, phrase) and self._case_ok(toks, i, end, written):
                if self._t.entries[entry].kind == PARTY and self._inside_other_name(
                    toks, i, end, entry, guard
                ):
                    return None
                return Match(i, end, entry=entry)
        return None

    def _match_surname(self, toks: Sequence[Tok], i: int, before: Sequence[Match]) -> Match | None:
        """A known person's surname right after a title ("President Mugabe")."""
        titled = bool(before) and not before[-1].named and before[-1].end == i
        entry = self._t.surnames.get(toks[i].key) if titled else None
        if entry is None or not toks[i].text[:1].isupper():
            return None
        return Match(i, i + 1, entry=entry)

    def _inside_other_name(self, toks: Sequence[Tok], i: int, end: int, entry: int, guard: bool) -> bool:
        """A person's or group's name next to an unknown capitalised word belongs to someone else:
        "Melania Trump", "Maher Zain" (the company is Zain), "Vance Joy". Titles, initials and the usual
        sentence openers do not count ("Mr Putin", "Vladimir V. Putin", "Yesterday Putin said")."""
        if guard and i > 0 and _unknown_capitalised(toks[i - 1]):
            return True
        person = bool(self._t.entries[entry].dated)  # dated roles: a person, mostly
        if not person or end - i > 1 or end >= len(toks) or not _unknown_capitalised(toks[end]):
            return False
        starts_name = any(_words_match(toks, end, c[0]) for c in self._name_candidates(toks[end].key))
        return self._match_agent(toks, end) is None and not starts_name

    def _name_candidates(self, key: str) -> list[NameCandidate]:
        """Names starting with ``key``, and one-word names of which it is the plural ("Algerians")."""
        candidates = self._t.names.get(key, [])
        if key.endswith("S") and len(key) > 4 and key[:-1] in self._t.names:
            candidates = candidates + [c for c in self._t.names[key[:-1]] if self._pluralisable(c)]
        return candidates

    def _pluralisable(self, candidate: NameCandidate) -> bool:
        """A one-word name that takes a plural: a demonym ("Algerians"), not a country's name ("Frances")."""
        entry = self._t.entries[candidate[1]]
        return len(candidate[0]) == 1 and candidate[0][0] != entry.name.upper()

    def _match_agent(self, toks: Sequence[Tok], i: int) -> Match | None:
        for phrase, sector, capital in self._t.agents.get(toks[i].key, ()):
            if capital and not toks[i].text[:1].isupper():
                continue
            if _words_match(toks, i, phrase, plural=False):
                return Match(i, i + len(phrase), sector=sector)
        return None

    @staticmethod
    def _case_ok(toks: Sequence[Tok], start: int, end: int, written: str) -> bool:
        """Names are written with a capital; a short one ("US", "Xi") as given or in capitals."""
        texts = [tok.text for tok in toks[start:end]]
        if not any(text[:1].isupper() or text[:1].isdigit() for text in texts):
            return False
        if end - start == 1 and len(toks[start].key) <= _SHORT:
            return texts[0].isupper() or (bool(written) and texts[0] == written.replace(".", ""))
        return True

    # -- choosing the party and its sector -----------------------------------------------------------------

    def _resolve_tokens(
        self, toks: Sequence[Tok], matches: Sequence[Match], when: date, text: str, locative: bool = False
    ) -> Actor | None:
        """The phrase's party: its head name (or none) with the sector its nouns and the date give."""
        cut = _cut(toks, matches)
        usable = [m for m in matches if not _negated(toks, m)]
        named = [m for m in usable if m.named and self._t.entries[m.entry].kind != BLOCK]
        agents = [m for m in usable if not m.named]
        named = self._without_offices(named)
        named = [m for m in named if m.end <= cut] or _first_listed(toks, named)  # "Israel's envoy to the UN"
        agents = [m for m in agents if m.end <= cut] or agents  # "officials in Kyiv" → officials
        head = _head_name(toks, named)
        if head is not None:  # titles inside a dictionary name: "PRESIDENT_OBAMA"
            agents = sorted([*agents, *self._inner_agents(toks, head)], key=lambda m: m.start)
        sector = _agent_sector(toks, agents)
        last = max([m.end for m in agents] + ([head.end] if head else []), default=0)
        former = any(tok.key in _FORMER for tok in toks[:last])
        if head is None:
            if sector is None:
                return None
            words = " ".join(tok.text for tok in toks[agents[-1].start : agents[-1].end]).lower()
            return Actor(name=words, country=None, sector=_former(sector, former), text=text)
        entry = self._t.entries[head.entry]
        country, own_sector = _role_at(entry, when)
        if entry.kind == PLACE or (entry.kind == METONYM and locative):
            final = sector
        elif entry.kind == METONYM or own_sector in {None, "ELI"}:
            final = sector or own_sector  # "Kremlin spokesman"; a person out of office: the title says more
        else:
            final = own_sector  # the role held on that date, or what the group always is
        own_name = entry.kind in {PARTY, OFFICE}
        name = entry.name if own_name else self._t.countries.get(country or "", entry.name)
        country = self._national_chapter(named, head, when) or country
        return Actor(name=name, country=country, sector=_former(final, former), text=text)

    def _without_offices(self, named: Sequence[Match]) -> list[Match]:
        """An office's title stands for its usual body ("the Secretary-General": the UN's) only when the
        phrase names no other party: "the Secretary-General of the Arab League", "NATO Secretary
        General" are those bodies' (a place does not count: "the Secretary-General in Yemen")."""
        offices = [m for m in named if self._t.entries[m.entry].kind == OFFICE]
        others = [m for m in named if self._t.entries[m.entry].kind not in {OFFICE, PLACE}]
        return [m for m in named if m not in offices] if offices and others else list(named)

    def _national_chapter(self, named: Sequence[Match], head: Match, when: date) -> str | None:
        """ "The *Somali* Red Crescent Society", "*Kenya* Red Cross": a country named right before an
        international NGO's name is its national chapter's."""
        if _role_at(self._t.entries[head.entry], when)[0] != "NGO":
            return None
        before = next((m for m in named if m.end == head.start), None)
        if before is None or self._t.entries[before.entry].kind != PLACE:
            return None
        return _role_at(self._t.entries[before.entry], when)[0]

    def _inner_agents(self, toks: Sequence[Tok], match: Match) -> list[Match]:
        """Titles that open a matched name, e.g. "President" in the dictionary's "President Obama"."""
        found: list[Match] = []
        i = match.start
        while i < match.end - 1 and (agent := self._match_agent(toks[: match.end - 1], i)) is not None:
            found.append(agent)
            i = agent.end
        return found

    def _party_spans(
        self, toks: Sequence[Tok], matches: Sequence[Match], agents: bool
    ) -> list[tuple[int, int]]:
        """Named matches widened over adjacent sector nouns; a sponsor ("Iranian-backed") or a same-country
        neighbour ("Ukraine's Zelenskyy") joins the party that follows it."""
        spans: list[tuple[int, int, str | None]] = []
        for index, match in enumerate(matches):
            if not match.named or self._t.entries[match.entry].kind == BLOCK:
                continue
            start, end = _widen(matches, index)
            country = _any_country(self._t.entries[match.entry])
            if spans and _joins(toks, spans[-1], start, country):
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]), country)
            elif spans and spans[-1][1] > start:  # a sector noun shared with the previous span stays there
                spans.append((max(match.start, spans[-1][1]), end, country))
            else:
                spans.append((start, end, country))
        out = [(start, end) for start, end, _country in spans]
        if agents:
            covered = {i for start, end in out for i in range(start, end)}
            out += [(m.start, m.end) for m in matches if not m.named and m.start not in covered]
            out.sort()
        return out


def _widen(matches: Sequence[Match], index: int) -> tuple[int, int]:
    """A named match with the sector nouns right before and after it ("Israeli police", "President X")."""
    start, end = matches[index].start, matches[index].end
    j = index - 1
    while j >= 0 and not matches[j].named and matches[j].end == start:
        start, j = matches[j].start, j - 1
    j = index + 1
    while j < len(matches) and not matches[j].named and matches[j].start == end:
        end, j = matches[j].end, j + 1
    return start, end


def _joins(
    toks: Sequence[Tok], previous: tuple[int, int, str | None], start: int, country: str | None
) -> bool:
    """Whether a party starting at ``start`` continues the previous span."""
    end, previous_country = previous[1], previous[2]
    if end >= start and country is not None and country == previous_country:
        return True
    return end + 1 == start and toks[end].key in _SPONSOR_WORDS


# ---------------------------------------------------------------------------------------------------------
# Helpers for choosing


def _words_match(toks: Sequence[Tok], i: int, phrase: Phrase, plural: bool = True) -> bool:
    """The phrase's words at ``i``; a name's last word may carry a plural s ("Israelis", "Afghans")."""
    if i + len(phrase) > len(toks):
        return False
    for offset, word in enumerate(phrase):
        key = toks[i + offset].key
        if key == word:
            continue
        last = offset == len(phrase) - 1
        if not (plural and last and len(word) >= 4 and key == word + "S"):
            return False
    return True


def _unknown_capitalised(tok: Tok) -> bool:
    """A capitalised word (not in all-capitals text) that is not a title or a sentence opener."""
    capitalised = tok.text[:1].isupper() and not tok.text.isupper() and len(tok.key) >= 2
    return capitalised and tok.key.isalpha() and tok.key not in _NOT_FIRST_NAMES


def _titled(matches: Sequence[Match], i: int) -> bool:
    """Whether position ``i`` follows a name or a title-like sector noun ("President", not "Hunter")."""
    if not matches or matches[-1].end != i:
        return False
    return matches[-1].named or matches[-1].sector in _TITLE_SECTORS


def _cut(toks: Sequence[Tok], matches: Sequence[Match]) -> int:
    """Index of the first preposition outside any match ("officials *in* Kyiv"), or the phrase's end."""
    covered = {i for m in matches for i in range(m.start, m.end)}
    return next((i for i, tok in enumerate(toks) if tok.key in _PREPOSITIONS and i not in covered), len(toks))


def _first_listed(toks: Sequence[Tok], named: Sequence[Match]) -> list[Match]:
    """Of names listed after a preposition, the first with the names joined to it without a break:
    "the delegations of *Cyprus*, Greece and Israel", "the leader of the *Iran-backed Houthis*"."""
    if not named:
        return []
    first = [named[0]]
    for match in named[1:]:
        between = toks[first[-1].end : match.start]  # nothing between: a list whose commas were dropped
        if not between or any(tok.key in _LIST_BREAKS or tok.key in _PREPOSITIONS for tok in between):
            break
        first.append(match)
    return first


def _negated(toks: Sequence[Tok], match: Match) -> bool:
    """ "pro-Russian", "anti-government": the phrase is about someone else."""
    return match.start > 0 and toks[match.start - 1].key in _NOT_THE_PARTY


def _head_name(toks: Sequence[Tok], named: Sequence[Match]) -> Match | None:
    """The last name that is not a sponsor ("Iran-backed Houthi rebels" → Houthis), else the last."""
    for match in reversed(named):
        after = toks[match.end].key if match.end < len(toks) else ""
        if after not in _SPONSOR_WORDS:
            return match
    return named[-1] if named else None


def _agent_sector(toks: Sequence[Tok], agents: Sequence[Match]) -> str | None:
    """The head noun's sector; a role noun ("chief", "forces") takes its modifier's ("police chief")."""
    if not agents:
        return None
    head = agents[-1]
    if toks[head.end - 1].key not in _WEAK_HEADS:
        return head.sector
    for modifier in reversed(agents[:-1]):
        if not (modifier.sector == "GOV" and head.sector == "MIL"):
            return modifier.sector
    return head.sector


def _former(sector: str | None, former: bool) -> str | None:
    return "ELI" if former and sector in _STATE_SECTORS else sector


def _role_at(entry: Entry, when: date) -> tuple[str | None, str | None]:
    """(country, sector) of an entry on a date: the first dated role covering it, else the fallback."""
    for role in entry.dated:
        if role.covers(when):
            return role.country or _any_country(entry), role.sector
    if entry.default is not None:
        return entry.default.country or _any_country(entry), entry.default.sector
    return _any_country(entry, when), None


def _any_country(entry: Entry, when: date | None = None) -> str | None:
    """The entry's country from its latest role before ``when`` (or any role), for people out of office."""
    roles = [r for r in (*entry.dated, *([entry.default] if entry.default else [])) if r.country]
    if when is not None:
        past = [r for r in roles if r.start is None or r.start <= when]
        roles = past or roles
    return max(roles, key=lambda r: r.start or date.min).country if roles else None

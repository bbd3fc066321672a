"""The shared vocabulary: Article in, Event out, shaped like ../shared/eval/FORMAT.md.

Only plain pydantic models cross the boundary between the NLP stages and store, export and CLI; spaCy
objects never leave ``nlp``/``coding``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

import ftfy
from pydantic import BaseModel, Field, field_validator

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
FACTUALITY = ("asserted", "alleged", "expected", "hypothetical", "denied")
#: A lone UTF-16 surrogate ("\\ud800" in JSON) is no character: it cannot be hashed, stored or printed.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: Letters that open UTF-8 read as Windows-1252 or Latin-1 ("Ã©", "â€™", "Ä°", Cyrillic "Ð¼", Arabic "Ø§")
#: and C1 controls: only a text that has one is handed to ftfy, whose check costs ~1 ms an article.
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00c5\u00e2\u00c3\u0080-\u009f]")
#: "â€" before a space or a mark: a closing quote (”, UTF-8 E2 80 9D) whose last byte Windows-1252 has
#: no character for, so the copy lost it; put back, ftfy reads the quote instead of a dagger (E2 80 A0).
_LOST_CLOSING_QUOTE = re.compile("\u00e2\u20ac(?=[\\s.,;:!?)\\]]|$)")
#: Only ftfy's encoding repairs: quotes, widths, ligatures, line breaks and HTML entities of a clean text
#: stay as the source wrote them, so a text without mojibake is never changed.
_ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def repair_mojibake(text: str) -> str:
    """The text with mojibake undone: UTF-8 read as Windows-1252 or Latin-1 on the way to us ("Ethiopiaâ€™s"
    is "Ethiopia’s", "Ä°stanbul" "İstanbul"), which breaks names, quotes and the parse. Scraped and
    syndicated copy carries it; ftfy repairs it only where the sequence is unmistakable, so clean text
    of any language comes back as it was.

    >>> repair_mojibake("Ethiopiaâ€™s army called it â€œfabricationsâ€ in CafÃ© Ä°stanbul")
    'Ethiopia’s army called it “fabrications” in Café İstanbul'
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    return ftfy.fix_text(_LOST_CLOSING_QUOTE.sub("\u00e2\u20ac\u009d", text), _ENCODING_ONLY)


def iso_day(value: str) -> date:
    """The day of an ISO date or datetime ("2024-05-26T08:00:00Z" is 2024-05-26): the one reader of
    article dates, CLI date options and feed dates. Raises ValueError when there is no such day."""
    return date.fromisoformat(value[:10])


class Article(BaseModel):
    """One news article as read from any input; ``origin`` says where (``path`` or ``path:line``)."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None

    @field_validator("id", "text", "title", "source", "url", "origin", mode="before")
    @classmethod
    def _characters_only(cls, value: object) -> object:
        """Lone surrogates become U+FFFD, so every text field encodes to UTF-8 (hash, store, output)."""
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            return _LONE_SURROGATE.sub("\ufffd", value)
        return value

    @field_validator("text", "title")
    @classmethod
    def _without_mojibake(cls, value: str | None) -> str | None:
        """Text and title are read, hashed and stored repaired (:func:`repair_mojibake`), so the same copy
        with and without mojibake is one article, and offsets of places refer to the repaired text."""
        return repair_mojibake(value) if value else value

    @field_validator("published", mode="before")
    @classmethod
    def _date_part(cls, value: object) -> object:
        """Accept an ISO datetime too; only its day anchors relative dates."""
        if isinstance(value, str) and len(value) > 10:
            return value[:10]
        return value or None

    @property
    def content_hash(self) -> str:
        """Identity of the article's content: the same text and title re-ingested is the same article."""
        digest = hashlib.sha256()
        digest.update((self.title or "").encode())
        digest.update(b"\x00")
        digest.update(self.text.encode())
        return digest.hexdigest()


class Actor(BaseModel):
    """A party to an event: canonical name, ISO3 (or PLOVER international code) and PLOVER sector."""

    name: str
    country: str | None = None
    sector: str | None = None
    text: str | None = Field(default=None, description="the words in the article that name this party")


class Location(BaseModel):
    """Where an event happened."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    geonames_id: int | None = None
    feature: str | None = None
    radius_km: float | None = None


class DateSpan(BaseModel):
    """When an event happened: a day has start == end.

    ``precision``: day, week, month, season, year, or "published" when the text gives no date and the
    publication date stands in; ``text`` is the expression it was read from ("last weekend").
    """

    start: date
    end: date
    precision: str = "day"
    text: str | None = None


class PlaceMention(BaseModel):
    """A place named in an article, resolved offline (FORMAT.md "places"); offsets index the text."""

    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None  # city, admin1, admin2, country, region, sea, …
    radius_km: float | None = None


class Attribution(BaseModel):
    """Who says so: the source chain from the outlet inward, the reporting verb, a direct quote."""

    source: str | None = None  # the innermost source ("a U.S. official")
    chain: list[str] = Field(default_factory=list)  # outermost first: ["CBS News", "a U.S. official"]
    verb: str | None = None  # "said", "reported", "clarified"
    quote: str | None = None
    speaker: str | None = None


class Event(BaseModel):
    """One event as coded from one article (a *mention* once fusion exists)."""

    id: str
    type: str
    mode: str | None = None
    actor: Actor | None = None
    target: Actor | None = None
    location: Location | None = None
    date: DateSpan | None = None
    fatalities: int | None = None
    injured: int | None = None
    casualties_vague: bool = False  # "dozens killed": people died, no exact count
    factuality: str = "asserted"
    attribution: Attribution | None = None
    evidence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    cameo: str
    cameo_root: str
    quad_class: int | None = None
    acled_event_type: str | None = None
    # None outside ACLED's scope (talks, statements, demands, aid, sanctions, planned acts): see ontology.md
    acled_sub_event_type: str | None = None
    confidence: float = 0.5

    def to_format(self) -> dict:
        """The FORMAT.md event object, with sitroom's extra keys alongside (the scorer ignores them)."""
        return self.model_dump(mode="json", exclude_none=True)


UNNAMED_PARTY = "unnamed party"  # the name of a party the text leaves unnamed, in FORMAT.md output


def _with_unnamed_parties(event: dict, home: str | None) -> dict:
    """A FORMAT.md event whose missing actor or target is the ``home`` country's unnamed party."""
    if home is None:
        return event
    unnamed = {"name": UNNAMED_PARTY, "country": home}
    return {**event, **{role: unnamed for role in ("actor", "target") if event.get(role) is None}}


class CodedArticle(BaseModel):
    """An article with the events coded from it."""

    article: Article
    events: list[Event] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)
    error: str | None = Field(default=None, description="why coding this article failed, if it did")
    home: str | None = Field(default=None, description="the country the story is about, as the coder read it")

    def to_format(self) -> dict:
        """One output line of FORMAT.md's system file. A party the text leaves unnamed is given as the
        story's country's (``UNNAMED_PARTY``), as FORMAT.md's annotators and readers take it; the events
        themselves keep it None, so that fusion and the store see only what the text says."""
        events = [_with_unnamed_parties(event.to_format(), self.home) for event in self.events]
        line = {"id": self.article.id, "events": events}
        if self.places:
            line["places"] = [place.model_dump(mode="json", exclude_none=True) for place in self.places]
        return line

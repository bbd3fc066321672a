"""Datelines, read in one place: where and when a story was filed, never where or when its acts were.

Wire datelines ("KHARKIV, May 28 (Sitroom Wire) - Russian warplanes …", "NIAMEY, 16 April 2025 - …"): the
dateline's date is when the story was filed, and its parenthesis names the wire, not a source. We blank both
(same length, so offsets still index the original text) before parsing; the city stays, because it is where
the story is set. The dash after it becomes a full stop, so the parser does not read the city as the first
sentence's subject ("ERBIL … - A drone strike hit" would make ERBIL the subject and the strike its
apposition). The regional press's datelines ("Srinagar, Sep 26: …") end a sentence of their own
(``break_lead_labels``), and fusion drops every line's dateline from the evidence it compares
(``strip_datelines``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(  # the city in capitals, as wires write it
    rf"\s*(?P<city>[A-Z][A-Z .'’-]+(?:, [A-Z][A-Za-z .'-]+)?)"
    rf"(?:,\s+(?P<date>{_MONTH} \d{{1,2}}(?:,? \d{{4}})?|\d{{1,2}} {_MONTH}(?:,? \d{{4}})?))?"
    rf"\s*(?P<wire>\([^)]{{1,60}}\))?\s*(?P<dash>[-–—]+)\s*"
)


class Dateline(NamedTuple):
    """Character offsets of the dateline's parts; ``end`` is where the story's first sentence starts."""

    city: tuple[int, int]
    end: int
    blanks: tuple[tuple[int, int], ...]
    dash: tuple[int, int]


_TITLE = re.compile(r"[^\n]{1,200}\n")  # a headline on a line of its own


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of an article, or right after its headline ("GUNMEN STORM VILLAGE\n\n
    MAIDUGURI, May 3 (Wire) - …"), if it has one (a date or a wire name must be there). The story starts
    after it, so a headline above it, which its lead restates, is not coded twice."""
    match = _dateline_at(text, 0)
    title = _TITLE.match(text)
    if match is None and title is not None and not title.group().rstrip().endswith((".", "!", "?")):
        match = _dateline_at(text, title.end())
    if match is None:
        return None
    blanks = tuple(match.span(part) for part in ("date", "wire") if match.group(part))
    return Dateline(match.span("city"), match.end(), blanks, match.span("dash"))


def _dateline_at(text: str, start: int) -> re.Match[str] | None:
    match = _DATELINE.match(text, start)
    return match if match and (match.group("date") or match.group("wire")) else None


def blank_dateline(text: str) -> tuple[str, Dateline | None]:
    """The text with the dateline's date and wire name replaced by spaces and its dash by a full stop,
    and the dateline found."""
    dateline = find_dateline(text)
    if dateline is None:
        return text, None
    chars = list(text)
    for start, end in dateline.blanks:
        chars[start:end] = " " * (end - start)
    start, end = dateline.dash
    chars[start:end] = "." + " " * (end - start - 1)
    return "".join(chars), dateline


_BULLET = re.compile(r"\n[-•*–] ")


def break_bullets(text: str) -> str:
    """Bullets as sentence breaks: a situation report's "HIGHLIGHTS" line and its "- On 17 October, armed
    groups attacked …" bullets are parsed as separate sentences, not one run-on rooted in the header. The
    bullet becomes a space, and a line that does not end a sentence gets a full stop; same length, so
    offsets still index the original text."""

    def replace(match: re.Match[str]) -> str:
        ended = match.start() > 0 and text[match.start() - 1] in ".!?:;"
        return "\n  " if ended else ".\n "

    return _BULLET.sub(replace, text)


# Datelines the wire pattern above does not take, at the start of a paragraph: a city and its date before a
# colon ("Srinagar, Sep 26: Two militants were killed", South Asian and East African papers) and a city in
# capitals before a dash with no date or wire ("MAROUA - At least six people", "SUGAPA, Intan Jaya - ").
_LEAD_LABEL = re.compile(
    rf"(?m)^[ \t]*(?:[A-Za-z][\w .'’()/-]{{0,40}}?,[ \t]+(?i:{_MONTH}[ \t]+\d{{1,2}}|\d{{1,2}}[ \t]+{_MONTH})"
    rf"(?:,?[ \t]+\d{{4}})?[ \t]*(?P<colon>:)"
    rf"|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){{0,3}}(?:, [A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?)?"
    rf"[ \t]+(?P<dash>--?|–|—))"
    rf"(?P<gap>[ \t]+)(?P<first>\S)"
)


def break_lead_labels(text: str) -> str:
    """A dateline that the wire pattern does not take ends a sentence of its own: its colon or dash becomes
    a full stop (same length, offsets kept). Run on, the parser makes the city the lead's subject and its
    victims the city's apposition ("Srinagar, Sep 26: Two militants were killed": Srinagar, a person to
    the parser, was killed) and the place stage reads the city as an actor. In lower-cased copy the
    lead's first letter is raised too: after "kolkata, may 3." a lower-case "a …" kept the parser from
    ending the sentence there (same length: a letter whose capital is longer is left)."""

    def replace(match: re.Match[str]) -> str:
        mark = "colon" if match.group("colon") else "dash"
        start, end = match.span(mark)
        line = match.group(0)
        at = start - match.start()
        broken = line[:at] + "." + " " * (end - start - 1) + line[at + end - start : -1]
        first = match.group("first")
        return broken + (first.upper() if len(first.upper()) == 1 else first)

    return _LEAD_LABEL.sub(replace, text)


_LINE_BREAK = re.compile(r"(?m)^(?P<line>[^\n]*)\n(?P<blank>[ \t]*\n)?(?=[ \t]*(?P<next>\S))")
_ENDED = '.!?:;"”’)]'
_SHORT_LINE = 60  # characters: a headline, a timestamped live-blog title, a byline; not a wrapped line


def break_paragraphs(text: str) -> str:
    """Line breaks that end a sentence though no full stop does: a headline, a live blog's "09:35 GMT -
    Strike on a house" title, a byline or a date line above the story. Unbroken, the parser makes them
    one sentence with the lead, so the headline's "five killed" adds to the lead's five and its date
    dates the lead. A blank line always ends the sentence before it; a single line break does when the
    line is short and the next does not start in lower case (a wrapped line of running text does
    neither). The newline becomes a full stop: same length, so offsets still index the original text."""

    def replace(match: re.Match[str]) -> str:
        line = match.group("line")
        paragraph = match.group("blank") is not None
        if not line.strip() or _ended(line, paragraph):
            return match.group(0)
        headline = len(line.strip()) < _SHORT_LINE and not match.group("next").islower()
        if not (paragraph or headline):
            return match.group(0)
        return line + "." + match.group(0)[len(line) + 1 :]

    return _LINE_BREAK.sub(replace, text)


def _ended(line: str, paragraph: bool) -> bool:
    """Whether the line's last sentence is closed. A bracket closes one only after a full stop: a photo
    credit or a wire's tag ending a paragraph ("(East Africa Wire / Hassan Abdi)", "(AFP)") is run into
    the next paragraph's first sentence by the parser otherwise."""
    end = line.rstrip()
    if end[-1] not in _ENDED:
        return False
    return not paragraph or end[-1] not in ")]" or end.rstrip(")]")[-1:] in '.!?"”’'


# A photo's caption or credit on a line of its own ("Photo: Riot police use water cannon … (Amed Gazette /
# M. Aydın)", "Pictured: …", "Photo caption: …"). It shows a moment of the story, never an act of its own.
_CAPTION = re.compile(
    r"(?im)^[ \t]*\(?(?:photo(?:graph)?s?(?: caption)?|pictured|caption|image|picture|file photo)\s*:[^\n]*"
)


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Where the text's caption lines are (start and end offsets), so that no event is read from them."""
    return [match.span() for match in _CAPTION.finditer(text)]


# Any line's dateline, for comparing reports (fusion): the wire's "KYIV, July 8 (Wire) - " and the regional
# press's "Bogura, Jan 13:" and "NAIROBI / EL FASHER, 11 August 2024 -". A month name must be there, so a
# title-case city is a dateline's and not a sentence's opening words (nor a weekday's).
_ANY_LINE_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]+,(?:\s+[A-Z][a-z]+,)?\s+[A-Z][a-z]+\.?\s+\d{1,2}\s*(?:\([^)]*\))?\s*[-–—]+\s*"
    r"|^(?!(?:On\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][A-Za-z .'/-]*,\s+"
    rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
    r"\s*(?:\([^)]*\))?\s*(?:[-–—]+|:)\s*",
    re.MULTILINE,
)


def strip_datelines(text: str) -> str:
    """Drop every line's dateline: where and when it was filed, and by whom, never where or when the act
    was. An event's evidence may hold a headline and then the dateline ("GUNMEN KILL FIVE\\n\\nYAOUNDE,
    Nov 22 (PAW) - Gunmen stormed ..."), so any line that opens with one loses it. Unlike
    ``blank_dateline`` this shortens the text: it is for comparing reports, not for parsing.

    >>> strip_datelines("KYIV, July 8 (Sitroom Wire) - A missile struck a hospital.")
    'A missile struck a hospital.'
    """
    return _ANY_LINE_DATELINE.sub("", text)


# A live blog's entry opens with its time: "06:15 - Good morning.", "04:10 GMT - Army says …", "16:40 ET -
# …". A report that quotes a time or two is no live blog: it takes three such lines.
_ENTRY_TIME = re.compile(r"(?m)^[ \t]*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*[-–—]\s")
_LIVE_BLOG_ENTRIES = 3


@lru_cache(maxsize=16)
def first_live_entry(text: str) -> int | None:
    """Where a live blog's first timestamped entry starts, or None if the text is not a live blog. Each
    entry is told as it happens, on the day the blog runs: the lead's date is not carried into it."""
    starts = [match.start() for match in _ENTRY_TIME.finditer(text)]
    return starts[0] if len(starts) >= _LIVE_BLOG_ENTRIES else None

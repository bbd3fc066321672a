"""When an event happened: date expressions found in a sentence, resolved against the publication day.

Three layers, each usable alone:

- ``resolve_expression`` turns one expression ("last weekend", "March 3", "in the coming weeks") into a
  ``DateSpan`` relative to the publication date. Our own rules cover the forms wire copy uses most, because
  dateparser misreads or misses them ("last weekend", "overnight", seasons, week ranges, "on Wednesday"
  on a Wednesday) and costs ~0.5 ms a call; dateparser, with the publication date as its base, takes the
  long tail of explicit formats ("5/6/2024", "the 5th of June").
- ``find_date_expressions`` lists a sentence's candidate expressions: spaCy's DATE/TIME entities, widened
  and joined by our patterns for what the small model misses ("overnight", "earlier on Tuesday").
- ``event_date`` picks the expression that dates one event: its verb's own, then its clause's, then
  the context date, and only then the reporting verb's ("officials said on Tuesday").

Conventions (FORMAT.md and wire usage): a bare weekday is the most recent one (the publication day itself
if it is that weekday), or the next one for expected events; "last week" is the Monday–Sunday before the
publication week; "last/the prior weekend" is the last Saturday–Sunday that has ended, "over the weekend"
the latest one begun; "overnight" spans the night's two days; "this week/month/year/spring" is the part of
the period on the side of the tense (Monday..publication day in a past clause); "since X" runs from X to
publication; no year given means the nearest such day in the tense's direction (a weekday named with it
settles the year). ``precision`` is the unit the expression counts in: day (also for ranges of days,
weekends, overnight), week, month, season (also "late 2023", "the coming months"), year.

>>> resolve_expression("last weekend", date(2024, 6, 5)).start
datetime.date(2024, 6, 1)
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Span, Token

from sitroom.attributes._syntax import (
    SentenceTree,
    crosses_clause,
    governing_verb,
    is_reporting,
    is_verb,
    sentence_of,
    sentence_tree,
    separate_clause,
)
from sitroom.attributes.numbers import number_value
from sitroom.models import DateSpan

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # northern hemisphere
PRECISIONS = ("day", "week", "month", "season", "year")

_WD = "|".join(WEEKDAYS)
_MO = "|".join(sorted(MONTHS, key=len, reverse=True))
_SE = "|".join(SEASON_START)
_NUM = r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|several"

_COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens|hundreds"

Resolver = Callable[[re.Match[str], date, bool], DateSpan | None]


class DateMention(NamedTuple):
    """A date expression in a sentence: its tokens and its text."""

    span: Span
    text: str


# ----------------------------------------------------------------------------------------------------
# Calendar arithmetic


def _days(start: date, end: date | None = None, precision: str = "day") -> DateSpan:
    return DateSpan(start=start, end=end or start, precision=precision)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _month_span(year: int, month: int) -> DateSpan:
    return _days(date(year, month, 1), _month_end(year, month), "month")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _tense_part(span: DateSpan, published: date, future: bool) -> DateSpan:
    """The part of a period that contains the publication day on the tense's side of it."""
    if not span.start <= published <= span.end:
        return span
    if future:
        return span.model_copy(update={"start": published})
    return span.model_copy(update={"end": published})


def _weekday(published: date, weekday: int, mode: str) -> date:
    """The weekday's date: ``past`` (on or before), ``before`` (strictly), ``future`` or ``after``."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if mode == "past":
        return published - timedelta(days=back)
    if mode == "before":
        return published - timedelta(days=back or 7)
    if mode == "future":
        return published + timedelta(days=ahead)
    return published + timedelta(days=ahead or 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_in_nearest_year(month: int, day: int, published: date, future: bool) -> date | None:
    """A month-day without a year: the nearest such day in the tense's direction.

    A day after publication in a past clause is taken as last year's, except the day after publication
    itself (a report filed across a time zone).
    """
    this_year = _safe_date(published.year, month, day)
    if this_year is None:
        return _safe_date(published.year - 1, month, day) if not future else None
    if future and this_year < published:
        return _safe_date(published.year + 1, month, day)
    if not future and this_year > published + timedelta(days=1):
        return _safe_date(published.year - 1, month, day)
    return this_year


# ----------------------------------------------------------------------------------------------------
# Normalising an expression


_TIME_OF_DAY = re.compile(
    r"\b(\d{1,2}(:\d\d)?\s*(a\.?m\.?|p\.?m\.?)|\d{1,2}:\d\d|(gmt|utc|est|edt|local time))(?=\W|$)|"
    r"\b(in the |the |early |late |before |after )?(morning|afternoon|evening|night|dawn|daybreak|noon|midday"
    r"|midnight)( of)?\b|\b(the )?(early|small|wee) hours( of)?\b"
)
_LEADING = {"on", "in", "at", "during", "by", "around", "about", "as", "of", "circa", "sometime", "over"}
_IN_TIME = re.compile(rf"in ({_NUM}) (day|week|month|year)s?(?: time)?")  # keeps its "in": a future date
_QUALIFIER = re.compile(rf"\b(earlier|later|early|late)( on| in)? (?=({_WD}|today|yesterday|tomorrow)\b)")
_DAY_WORDS = (
    (re.compile(r"\blast night\b|\bovernight yesterday\b"), "yesterday"),
    (re.compile(r"\btonight\b|\bthis (morning|afternoon|evening)\b"), "today"),
)
_REPLACE = (
    (re.compile(r"(?<![-\d])(\d{1,4})-(\d{1,4})(?![-\d])"), r"\1 - \2"),
    (re.compile(r"\b(early|late|mid) (?=(last|this|next) )"), ""),
    (re.compile(r"\b(\d+)(st|nd|rd|th)\b"), r"\1"),
    (re.compile(r"\bmid-"), "mid "),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"[.,;:!?\"“”‘’()]"), " "),
    (re.compile(r"\s*[–—]\s*|\s+-\s+"), " - "),
    # "ordered on Saturday eight units": the model's entity ran on into the count that follows the day
    (re.compile(rf"\b({_WD}) (?:{_COUNT_WORDS})$"), r"\1"),
    # "Yesterday, Sunday": the weekday only restates the day
    (re.compile(rf"\b(today|yesterday|tomorrow)\s+(?:{_WD})\b"), r"\1"),
)


def _normalize(text: str) -> str:
    """Lower case, without punctuation, clock times, times of day and leading prepositions."""
    lowered = text.lower().replace("’", "'")
    for pattern, replacement in _DAY_WORDS:
        lowered = pattern.sub(replacement, lowered)
    lowered = _TIME_OF_DAY.sub(" ", lowered)
    for pattern, replacement in _REPLACE:
        lowered = pattern.sub(replacement, lowered)
    return _QUALIFIER.sub("", _strip_leading(lowered)).strip()


def _strip_leading(text: str) -> str:
    """Without leading prepositions ("on Tuesday"), except the "in" of a future date ("in two weeks")."""
    words = text.split()
    while len(words) > 1 and words[0] in _LEADING and not _IN_TIME.fullmatch(" ".join(words)):
        words = words[1:]
    return " ".join(words)


# ----------------------------------------------------------------------------------------------------
# Rules: each a pattern (matched in full against the normalised text) and a resolver


def _relative_day(m: re.Match[str], published: date, future: bool) -> DateSpan:
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2}  # fmt: skip
    return _days(published + timedelta(days=offsets[m.group(1)]))


def _overnight(m: re.Match[str], published: date, future: bool) -> DateSpan:
    first, second = m.group(1), m.group(2)
    mode = "future" if future else "past"
    if second:
        end = _weekday(published, WEEKDAYS.index(second), mode)
        start = _weekday(end, WEEKDAYS.index(first), "before") if first else end - timedelta(days=1)
        return _days(start, end)
    if first:
        end = _weekday(published, WEEKDAYS.index(first), mode)
        return _days(end - timedelta(days=1), end)
    return _days(published - timedelta(days=1), published)


def _overnight_into(m: re.Match[str], published: date, future: bool) -> DateSpan:
    """ "(overnight) into Sunday": the night before that day."""
    end = _weekday(published, WEEKDAYS.index(m.group(1)), "future" if future else "past")
    return _days(end - timedelta(days=1), end)


def _named_weekday(m: re.Match[str], published: date, future: bool) -> DateSpan:
    qualifier, weekday = (m.group(1) or "").strip(), WEEKDAYS.index(m.group(2))
    if qualifier in {"last", "this past", "past", "previous", "the previous", "the prior"}:
        mode = "before"
    elif qualifier in {"next", "coming", "this coming", "the coming", "the following"}:
        mode = "after"
    else:
        mode = "future" if future else "past"
    return _days(_weekday(published, weekday, mode))


_PAST_WORDS = {"last", "past", "previous", "prior", "this past", "the past", "the prior", "the previous",
               "the last"}  # fmt: skip
_NEXT_WORDS = {"next", "coming", "this coming", "the coming", "the next", "the following", "following"}
_FINISHED = {"last", "the last", "the prior", "the previous", "prior", "previous"}


def _weekend(m: re.Match[str], published: date, future: bool) -> DateSpan:
    """Saturday–Sunday: "last/prior weekend" a finished one; "over the weekend" the latest begun one."""
    qualifier = (m.group(1) or "").strip()
    if qualifier in _FINISHED:
        saturday = _weekday(published - timedelta(days=2), 5, "past")  # its Sunday before publication
    elif qualifier in _NEXT_WORDS or (future and qualifier not in _PAST_WORDS):
        sunday = published.weekday() == 6
        saturday = published - timedelta(days=1) if sunday else _weekday(published, 5, "future")
        if qualifier in {"next", "the next", "the following", "following"} and published.weekday() >= 5:
            saturday += timedelta(days=7)
    else:
        saturday = _weekday(published, 5, "past")
    return _days(saturday, saturday + timedelta(days=1))


_PREVIOUS = {"last", "the previous", "the prior", "previous", "prior"}
_FOLLOWING = {"next", "the following", "the coming", "coming", "the next"}
_RECENT = {"the past", "the last", "this past"}


def _period(qualifier: str | None, published: date, future: bool, spans: tuple[DateSpan, ...]) -> DateSpan:
    """A relative week, month or year; ``spans`` = (the current one, the previous, the next, the recent)."""
    current, previous, following, recent = spans
    if qualifier in _PREVIOUS:
        return previous
    if qualifier in _FOLLOWING:
        return following
    if qualifier in _RECENT:
        return recent
    if qualifier in {"earlier this", "later this"}:
        return _tense_part(current, published, qualifier == "later this")
    return _tense_part(current, published, future)


def _week(m: re.Match[str], published: date, future: bool) -> DateSpan:
    if m.group(2):  # "the week before last"
        monday = _monday(published) - timedelta(days=14)
        return _days(monday, monday + timedelta(days=6), "week")
    monday = _monday(published)
    spans = tuple(
        _days(monday + timedelta(days=7 * k), monday + timedelta(days=7 * k + 6), "week") for k in (0, -1, 1)
    )
    return _period(
        m.group(1), published, future, (*spans, _days(published - timedelta(days=7), published, "week"))
    )


_PERIOD_END = re.compile(r"(?:by |before |until |till )?(?:the )?end of (?:the |this )(week|month|year)")


def _period_end(text: str, published: date) -> DateSpan | None:
    """ "The end of the week / month / year": the last day of the period the publication day is in (what a
    deadline, "before the end of the year", reaches to)."""
    m = _PERIOD_END.fullmatch(_normalize(text))
    if m is None:
        return None
    unit = m.group(1)
    if unit == "week":
        last = _monday(published) + timedelta(days=6)
    elif unit == "month":
        last = _month_end(published.year, published.month)
    else:
        last = date(published.year, 12, 31)
    return _days(last, last, unit).model_copy(update={"text": text})


def _month(m: re.Match[str], published: date, future: bool) -> DateSpan:
    spans = tuple(_month_span(*_add_months(published, k)) for k in (0, -1, 1))
    recent = _days(published - timedelta(days=30), published, "month")
    return _period(m.group(1), published, future, (*spans, recent))


def _year(m: re.Match[str], published: date, future: bool) -> DateSpan:
    spans = tuple(
        _days(date(published.year + k, 1, 1), date(published.year + k, 12, 31), "year") for k in (0, -1, 1)
    )
    recent = _days(published - timedelta(days=365), published, "year")
    return _period(m.group(1), published, future, (*spans, recent))


def _period_start(m: re.Match[str], published: date, future: bool) -> DateSpan:
    """ "(Since) the start of the month / week / year": the first days of the period the publication day
    is in; with "since", from the first day to publication."""
    unit = m.group(1)
    if unit == "week":
        first = _monday(published)
        return _days(first, first + timedelta(days=1), "week")
    if unit == "month":
        first = published.replace(day=1)
        return _days(first, first + timedelta(days=9), "month")
    return _days(date(published.year, 1, 1), date(published.year, 1, 31), "year")


_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


def _numeric_year(m: re.Match[str], published: date, future: bool) -> DateSpan | None:
    """ "2023", "in 2023"; "late 2023" is its last four months (precision season)."""
    part, year = m.group(1), int(m.group(2))
    if not 1900 <= year <= 2100:
        return None
    if part:
        first, last = _YEAR_PARTS[part]
        return _days(date(year, first, 1), _month_end(year, last), "season")
    return _days(date(year, 1, 1), date(year, 12, 31), "year")


def _month_day(m: re.Match[str], published: date, future: bool) -> DateSpan | None:
    month, day, year = MONTHS[m.group("month")], int(m.group("day")), m.group("year")
    if year:
        found: date | None = _safe_date(int(year), month, day)
    elif m.group("weekday"):
        found = _day_by_weekday(month, day, WEEKDAYS.index(m.group("weekday")), published)
    else:
        found = _day_in_nearest_year(month, day, published, future)
    return _days(found) if found else None


def _day_by_weekday(month: int, day: int, weekday: int, published: date) -> date | None:
    """ "Wednesday, June 5": the year (of the three around publication) in which that day is a Wednesday."""
    for year in (published.year, published.year - 1, published.year + 1):
        found = _safe_date(year, month, day)
        if found is not None and found.weekday() == weekday:
            return found
    return _day_in_nearest_year(month, day, published, False)


def _iso(m: re.Match[str], published: date, future: bool) -> DateSpan | None:
    found = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return _days(found) if found else None


_PARTS = {"early": (1, 10), "the beginning of": (1, 10), "beginning of": (1, 10), "the start of": (1, 10),
          "start of": (1, 10), "mid": (11, 20), "the middle of": (11, 20), "late": (21, 31),
          "the end of": (21, 31), "end of": (21, 31), "the first half of": (1, 15),
          "the second half of": (16, 31)}  # fmt: skip


def _named_month(m: re.Match[str], published: date, future: bool) -> DateSpan:
    part, qualifier, month = m.group(1), m.group(2), MONTHS[m.group(3)]
    if m.group(4):
        year = int(m.group(4))
    elif qualifier == "last":
        year = published.year if month < published.month else published.year - 1
    elif qualifier in {"next", "this coming"}:
        year = published.year if month > published.month else published.year + 1
    elif qualifier == "this" or month == published.month:
        year = published.year
    elif future:
        year = published.year if month > published.month else published.year + 1
    else:
        year = published.year if month < published.month else published.year - 1
    span = _month_span(year, month)
    if part:
        first, last = _PARTS[part]
        return _days(date(year, month, first), _safe_date(year, month, last) or span.end, "month")
    return span if m.group(4) or qualifier else _tense_part(span, published, future)


def _season_span(name: str, year: int) -> DateSpan:
    first = SEASON_START[name]
    end_year, end_month = _add_months(date(year, first, 1), 2)
    return _days(date(year, first, 1), _month_end(end_year, end_month), "season")


def _season(m: re.Match[str], published: date, future: bool) -> DateSpan:
    part, qualifier, name, year = m.group(1), (m.group(2) or "").strip(), m.group(3), m.group(4)
    instances = [_season_span(name, y) for y in range(published.year - 2, published.year + 2)]
    current = next((s for s in instances if s.start <= published <= s.end), None)
    ended = [s for s in instances if s.end < published]
    upcoming = [s for s in instances if s.start > published]
    if year:
        span = _season_span(name, int(year))
    elif qualifier in _PAST_WORDS:
        span = ended[-1]
    elif qualifier in _NEXT_WORDS:
        span = upcoming[0]
    elif current is not None:
        span = current if part else _tense_part(current, published, future)
    elif future or (qualifier == "this" and ended[-1].end.year != published.year):
        span = upcoming[0]
    else:
        span = ended[-1]
    return _season_part(span, part)


def _season_part(span: DateSpan, part: str | None) -> DateSpan:
    """ "Early"/"mid"/"late" spring: the season's first, middle or last month."""
    if not part:
        return span
    year, month = _add_months(span.start, {"early": 0, "mid": 1, "late": 2}[part])
    return _days(date(year, month, 1), _month_end(year, month), "season")


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _count(word: str) -> int | None:
    return 3 if word in {"a few", "few", "several"} else number_value(word)


def _ago(m: re.Match[str], published: date, future: bool) -> DateSpan | None:
    count, unit = _count(m.group(1)), m.group(2)
    if count is None:
        return None
    day = published - timedelta(days=count * _UNIT_DAYS[unit])
    precision = "week" if m.group(1) in {"a few", "few", "several"} and unit == "day" else unit
    return _days(day, day, precision)


def _ahead(published: date, amount: str, unit: str, within: bool = False) -> DateSpan | None:
    count = _count(amount)
    if count is None:
        return None
    day = published + timedelta(days=count * _UNIT_DAYS[unit])
    return (
        _days(published, day, _window_precision((day - published).days)) if within else _days(day, day, unit)
    )


def _from_now(m: re.Match[str], published: date, future: bool) -> DateSpan | None:
    """ "In two weeks" is a date only in a future clause (else a duration: "in two weeks of fighting")."""
    if m.group(1) == "in" and not future:
        return None
    return _ahead(published, m.group(2), m.group(3), within=m.group(1) == "within")


def _from_now_always(m: re.Match[str], published: date, future: bool) -> DateSpan | None:
    return _ahead(published, m.group(1), m.group(2))


def _window_precision(days: int) -> str:
    if days <= 2:
        return "day"
    if days <= 14:
        return "week"
    return "month" if days <= 45 else "season"


_WINDOW_DAYS = {"hour": 1, "day": 7, "week": 30, "month": 90}


def _window(m: re.Match[str], published: date, future: bool) -> DateSpan | None:
    """ "In the coming weeks", "in recent days", "the past 48 hours": a window before or after publication."""
    direction, amount, unit = m.group(1), m.group(2), m.group(3)
    if amount and amount not in {"few", "several"}:
        count = _count(amount)
        if count is None:
            return None
        days = max(1, count // 24) if unit == "hour" else count * _UNIT_DAYS[unit]
    else:
        days = _WINDOW_DAYS[unit]
    if direction in {"coming", "next", "coming few", "next few", "following"}:
        return _days(published + timedelta(days=1), published + timedelta(days=days), _window_precision(days))
    return _days(published - timedelta(days=days), published, _window_precision(days))


# Qualifiers of a relative period ("last week", "earlier this month", "the past year").
_PERIOD_QUALIFIER = (
    r"last|this|next|earlier this|later this|the past|the last|this past|the previous|the prior"
    r"|the following|previous|prior"
)
_PAST_OR_NEXT = r"(?:the |this )?(?:last|past|previous|prior|next|coming|following)"
_MONTH_PART = (
    r"early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of|the middle of"
    r"|the first half of|the second half of"
)
_P_RELATIVE_DAY = r"(today|yesterday|tomorrow|the day before yesterday|the day after tomorrow)"
_P_OVERNIGHT = rf"overnight(?: (?:on|from|of))?(?: ({_WD}))?(?: (?:into|to|-) ({_WD}))?"
_P_INTO = rf"(?:overnight )?(?:into|to) ({_WD})"
_P_WEEKDAY = rf"({_PAST_OR_NEXT}|this)? ?({_WD})"
_P_WEEKEND = rf"({_PAST_OR_NEXT}|the|this)? ?weekend"
_P_WEEK = rf"({_PERIOD_QUALIFIER})? ?week|(the week before last)"
_P_MONTH = rf"({_PERIOD_QUALIFIER}) month"
_P_PERIOD_START = r"(?:the )?(?:start|beginning) of (?:the |this )(week|month|year)"
_P_YEAR = rf"({_PERIOD_QUALIFIER}|the coming|coming|the next) year"
_P_MONTH_DAY = rf"(?:(?P<weekday>{_WD}) )?(?P<month>{_MO}) (?P<day>\d{{1,2}})(?: (?P<year>\d{{4}}))?"
_P_DAY_MONTH = (
    rf"(?:(?P<weekday>{_WD}) )?(?:the )?(?P<day>\d{{1,2}}) (?:of )?(?P<month>{_MO})(?: (?P<year>\d{{4}}))?"
)
_P_NAMED_MONTH = rf"({_MONTH_PART})? ?(last|this|next|this coming)? ?({_MO})(?: of)?(?: (\d{{4}}))?"
_P_SEASON = rf"(early|mid|late)? ?({_PAST_OR_NEXT}|this|the)? ?({_SE})(?: of)?(?: (\d{{4}}))?"
_P_AGO = rf"({_NUM}) (day|week|month|year)s? ago"
_P_IN = rf"(in|within) ({_NUM}) (day|week|month|year)s?(?: time)?"
_P_FROM_NOW = rf"(?:in )?({_NUM}) (day|week|month|year)s? from now"
_P_WINDOW = (
    r"(?:within |in )?(?:the )?(coming|next|coming few|next few|following|past|last|previous|recent)"
    rf"(?: ({_NUM}|\d+))? (hour|day|week|month)s?"
)

# Tried in order; the first pattern that matches the whole normalised expression resolves it.
_RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (re.compile(pattern), resolver)
    for pattern, resolver in (
        (_P_RELATIVE_DAY, _relative_day),
        (_P_OVERNIGHT, _overnight),
        (_P_INTO, _overnight_into),
        (_P_WEEKDAY, _named_weekday),
        (_P_WEEKEND, _weekend),
        (_P_WEEK, _week),
        (_P_MONTH, _month),
        (_P_PERIOD_START, _period_start),
        (_P_YEAR, _year),
        (r"(?:(early|mid|late) )?(\d{4})", _numeric_year),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", _iso),
        (_P_MONTH_DAY, _month_day),
        (_P_DAY_MONTH, _month_day),
        (_P_NAMED_MONTH, _named_month),
        (_P_SEASON, _season),
        (_P_AGO, _ago),
        (_P_IN, _from_now),
        (_P_FROM_NOW, _from_now_always),
        (_P_WINDOW, _window),
    )
)


# ----------------------------------------------------------------------------------------------------
# Ranges and the dateparser fallback


_RANGE = (
    re.compile(r"(?:between|from) (.+?) (?:and|to|until|till|through|thru|-) (.+)"),
    re.compile(r"(.+?) (?:-|to|until|till|through|thru|and) (.+)"),
)
_YEAR_AT_END = re.compile(r" (\d{4})$")


def _resolve_range(text: str, published: date, future: bool) -> DateSpan | None:
    """ "between Monday and Wednesday", "from March 3 to 5", "Dec. 30 - Jan. 2": the two ends in order."""
    for pattern in _RANGE:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        left, right = _strip_leading(m.group(1)), _strip_leading(m.group(2))  # "on monday to on friday"
        if left.isdigit() and len(left) <= 2 and " " in right:  # "9 to 11 may 2023": the right's month
            left = f"{left} {right.split(' ', 1)[1]}"
        year = _YEAR_AT_END.search(right)
        if year and not _YEAR_AT_END.search(left):
            left = f"{left}{year.group(0)}"
        start = _resolve_single(left, published, future)
        if start is None:
            continue
        if right.isdigit() and len(right) <= 2:
            right = f"{calendar.month_name[start.start.month].lower()} {right} {start.start.year}"
        end = _resolve_single(right, start.start, True)
        if end is None or end.end < start.start:
            continue
        precision = max(start.precision, end.precision, key=PRECISIONS.index)
        return _days(start.start, end.end, precision)
    return None


_EXPLICIT = re.compile(rf"\b({_MO})\b|\d{{1,4}}[/.]\d{{1,2}}([/.]\d{{2,4}})?")
_PERIOD_PRECISION = {"day": "day", "week": "week", "month": "month", "year": "year", "time": "day"}


@lru_cache(maxsize=64)
def _date_parser(published: date, future: bool) -> object:
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser_fallback(text: str, published: date, future: bool) -> DateSpan | None:
    """Explicit dates in formats our rules do not read; only text that names a month or a numeric date."""
    if not _EXPLICIT.search(text):
        return None
    data = _date_parser(published, future).get_date_data(text)
    if data is None or data.date_obj is None or abs(data.date_obj.year - published.year) > 60:
        return None
    day = data.date_obj.date()
    precision = _PERIOD_PRECISION.get(data.period or "day", "day")
    if precision == "month":
        return _month_span(day.year, day.month)
    if precision == "year":
        return _days(date(day.year, 1, 1), date(day.year, 12, 31), "year")
    if precision == "week":
        return _days(_monday(day), _monday(day) + timedelta(days=6), "week")
    return _days(day)


def _resolve_single(text: str, published: date, future: bool) -> DateSpan | None:
    for pattern, resolver in _RULES:
        m = pattern.fullmatch(text)
        if m is not None:
            return resolver(m, published, future)
    return None


# A day told from the story's last dated act, not from publication: "*the following day*", "*hours later*",
# "*the previous day*", "*two days later*" (train: ten such acts; "the following day" had been read as the
# week after publication).
_ANAPHORIC = re.compile(
    rf"(?:(?:on|in|during|by|until) )?(?:the )?(?:"
    r"(?P<next>following|next) (?:day|morning|afternoon|evening|night)|day (?P<after>after)"
    r"|(?P<prev>previous|prior) (?:day|morning|afternoon|evening|night)|day (?P<before>before)"
    r"|(?P<same>(?:(?:later|earlier) )?(?:that|same|that same) (?:day|morning|afternoon|evening|night)"
    r"|(?:hours|minutes|moments) (?:later|earlier|after))"
    rf"|(?P<count>{_NUM}) days? (?P<way>later|after|earlier|before))",
    re.IGNORECASE,
)


def _anaphoric_shift(text: str) -> int | None:
    """Days from the story's last dated act that an expression like "the following day" names."""
    m = _ANAPHORIC.fullmatch(" ".join(text.lower().split()).strip(" ,."))
    if m is None:
        return None
    if m.group("next") or m.group("after"):
        return 1
    if m.group("prev") or m.group("before"):
        return -1
    if m.group("same"):
        return 0
    count = _count(m.group("count"))
    if count is None:
        return None
    return count if m.group("way") in {"later", "after"} else -count


def _from_previous(text: str, previous: DateSpan | None) -> DateSpan | None:
    """The day an anaphoric expression names, from the last dated act (None if it is not one)."""
    shift = _anaphoric_shift(text)
    if shift is None or previous is None or previous.precision != "day":
        return None
    with suppress(OverflowError):
        day = (previous.end if shift > 0 else previous.start) + timedelta(days=shift)
        return DateSpan(start=day, end=day, precision="day", text=text.strip())
    return None


def resolve_expression(text: str, published: date, future: bool = False) -> DateSpan | None:
    """The span of days a date expression names, read relative to the publication date.

    ``future`` says the expression sits in a future or planned clause, so an ambiguous weekday, month or
    season is the next one rather than the last. Returns None for durations ("two weeks", "decades"),
    ages and anything that names no point in time.

    >>> resolve_expression("on Wednesday", date(2024, 6, 7)).start
    datetime.date(2024, 6, 5)
    """
    if _anaphoric_shift(text) is not None:  # "the following day" is told from another act, not today
        return None
    try:
        return _resolve_expression(text, published, future)
    except (OverflowError, ValueError):  # a day before 0001-01-01 or after 9999-12-31: no such day
        return None


def _resolve_expression(text: str, published: date, future: bool) -> DateSpan | None:
    normalized = _normalize(text)
    since = normalized.startswith("since ")
    if since:
        normalized = normalized[len("since ") :]
    if not normalized:
        return None
    span = (
        _resolve_single(normalized, published, future)
        or _resolve_range(normalized, published, future)
        or _dateparser_fallback(normalized, published, future)
    )
    if span is None:
        return None
    if since:  # "since last year": from its start until publication
        span = span.model_copy(update={"end": max(span.start, published)})
    return span.model_copy(update={"text": text.strip()})


# ----------------------------------------------------------------------------------------------------
# Finding expressions in a sentence


_MISSED = re.compile(
    rf"\b(?:overnight(?:\s+(?:on\s+|into\s+|to\s+|from\s+)?(?:{_WD}))*"
    rf"|(?:(?:over|during)\s+)?(?:the|this|last|next)\s+(?:(?:past|prior|previous|coming|following)\s+)?weekend"
    rf"|(?:earlier|later|early|late)(?:\s+on)?\s+(?:{_WD}|today|yesterday|tomorrow)"
    rf"|(?:earlier|later)\s+this\s+(?:week|month|year)"
    rf"|(?:the\s+)?(?:coming|next\s+few|coming\s+few|next\s+several|past\s+few|last\s+few|recent)"
    rf"\s+(?:days|weeks|months)"
    rf"|(?:this|last|next)\s+(?:spring|summer|autumn|fall|winter)"
    rf"|(?:yesterday|today|tomorrow|tonight|last\s+night)"
    # Days told from the last dated act: "the following day", "hours later", "later that day".
    r"|the\s+(?:following|next|previous|prior|same)\s+(?:day|morning|afternoon|evening|night)"
    r"|(?:hours|minutes)\s+later|(?:later|earlier)\s+that\s+(?:day|morning|afternoon|evening|night)"
    rf"|(?:\d+|{_NUM})\s+(?:days|weeks|months|years)\s+ago"
    rf"|(?:in|within)\s+(?:\d+|{_NUM})\s+(?:days|weeks|months)"
    # Explicit days the small model leaves as a bare month: "17 October", "21 and 22 November", "Oct. 3".
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:and|to|-|–)\s+\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?:{_MO})"
    rf"(?:,?\s+\d{{4}})?"
    rf"|(?:{_MO})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|(?:the\s+)?(?:early|small|wee)\s+hours"
    # A night between two weekdays: "in the night of Sunday to Monday".
    rf"|(?:{_WD})\s+(?:to|into)\s+(?:{_WD})"
    # A weekday the model tagged as part of a name ("On Sunday Army helicopters took …").
    rf"|(?:(?<=\bon\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?:last|next|this|late|early)\s+)(?:{_WD}))\b",
    re.IGNORECASE,
)
# What joins two neighbouring expressions into one: "late Tuesday into Wednesday", "the morning of 9 August".
_JOIN = re.compile(r"\s*(?:into|to|through|until|of|-|–)?\s*", re.IGNORECASE)
_ON = re.compile(r"\s+on\s+", re.IGNORECASE)
_CLOCK_END = re.compile(r"(?:\d\s*[ap]\.?m\.?|\d:\d\d|\b(?:gmt|utc|noon|midnight))\W*$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_NOT_A_DATE = re.compile(r"year-old|years? old|\bage[ds]?\b", re.IGNORECASE)


def _entity_intervals(sentence: Span) -> list[tuple[int, int]]:
    """DATE/TIME entities as character intervals in the sentence, read from the tokens' entity tags
    (``Span.ents`` scans the whole document's entities on every call)."""
    found: list[tuple[int, int]] = []
    offset = sentence.start_char
    for token in sentence:
        if token.ent_type_ not in {"DATE", "TIME"}:
            continue
        start, end = token.idx - offset, token.idx - offset + len(token)
        if (
            token.ent_iob_ == "I"
            and found
            and token.i > sentence.start
            and token.nbor(-1).ent_type_ == token.ent_type_
        ):
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found


def _merge(intervals: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Overlapping intervals, and neighbours joined by nothing or "into"/"to" ("late Tuesday night"), or
    a clock time and its day ("from *6 p.m. on Tuesday* until *6 a.m. on Wednesday*"; not "for *five
    hours* on *Saturday*", whose hours are a duration)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        gap = text[merged[-1][1] : start] if merged else ""
        clock = bool(merged) and _ON.fullmatch(gap) and _CLOCK_END.search(text[merged[-1][0] : merged[-1][1]])
        between = bool(merged) and _AND.fullmatch(gap) and _opens_between(text, *merged[-1])
        if merged and (start <= merged[-1][1] or _JOIN.fullmatch(gap) or clock or between):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _opens_between(text: str, start: int, end: int) -> bool:
    """ "*Between 31 March* and 2 April": an expression opened by "between" runs to the one after "and"
    (the two ends of one span of days, not two dates)."""
    opened = text[start:end].lower().startswith("between")
    return opened or bool(_BETWEEN.search(text[max(0, start - 8) : start]))


def find_date_expressions(sentence: Span) -> list[DateMention]:
    """The sentence's candidate date expressions, in text order (``resolve_expression`` decides which
    name a point in time): spaCy's DATE and TIME entities, joined with what our patterns find.

    >>> [m.text for m in find_date_expressions(nlp("Drones struck overnight, officials said Monday.")[:])]
    ['overnight', 'Monday']
    """
    text, offset = sentence.text, sentence.start_char
    intervals = _entity_intervals(sentence) + [(m.start(), m.end()) for m in _MISSED.finditer(text)]
    mentions = []
    for start, end in _merge(intervals, text):
        since = _SINCE.search(text[max(0, start - 8) : start])  # "since last year": from then on
        start -= len(since.group(0)) if since else 0
        span = sentence.doc.char_span(offset + start, offset + end, alignment_mode="expand")
        if span is not None and not _NOT_A_DATE.search(span.text):
            mentions.append(DateMention(span, span.text))
    return mentions


# ----------------------------------------------------------------------------------------------------
# Dating an event


_OWN, _CLAUSE, _ABOVE, _OTHER, _REPORTED = range(5)
# The past day of the statement that announces a plan ("said *on Friday evening* that he would appeal"):
# an expected act with no day of its own is dated by it rather than by publication (train: annotators
# date such a plan by its announcement).
_STATEMENT = 5
_PAST_TAGS = {"VBD", "VBN"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}


def _clause_path_tier(path: list[Token], inner: int) -> int:
    """A date reached through a separate clause with its own subject is another act's date."""
    return _OTHER if crosses_clause(path) else inner


def _tier(governor: Token, anchor: Token, tree: SentenceTree | None = None) -> int:
    """How closely a date's governing verb belongs to the event anchored at ``anchor``.

    With the sentence's ``tree`` every question is O(log n), so a run-on sentence stays linear."""
    if governor.i == anchor.i:
        return _OWN
    if tree is None or not (tree.holds(governor) and tree.holds(anchor)):
        return _tier_walking(governor, anchor)
    if tree.is_ancestor(anchor, governor):
        return _OTHER if tree.any_between("separate", separate_clause, governor, anchor) else _CLAUSE
    if tree.is_ancestor(governor, anchor):
        if is_reporting(governor) or tree.any_between("reporting", is_reporting, anchor, governor):
            return _REPORTED
        return _OTHER if tree.any_between("separate", separate_clause, anchor, governor) else _ABOVE
    return _REPORTED if is_reporting(governor) else _OTHER


def _tier_walking(governor: Token, anchor: Token) -> int:
    """:func:`_tier` by walking the Doc's tree, for words outside the sentence read."""
    if anchor.is_ancestor(governor):
        path = [t for t in [governor, *governor.ancestors] if anchor.is_ancestor(t)]
        return _clause_path_tier(path, _CLAUSE)
    if governor.is_ancestor(anchor):
        if is_reporting(governor):
            return _REPORTED
        path = [t for t in [anchor, *anchor.ancestors] if governor.is_ancestor(t)]
        if any(is_reporting(t) for t in path):
            return _REPORTED
        return _clause_path_tier(path, _ABOVE)
    return _REPORTED if is_reporting(governor) else _OTHER


def _sentence_dates(anchor: Token) -> list[DateMention]:
    """The date expressions of the anchor's sentence, found once per sentence.

    ``token.sent`` re-scans the whole document on each call, and the coder asks for every event of a
    sentence; the mentions are kept on the sentence's root token's document under the sentence start.
    """
    sentence = sentence_of(anchor)
    cache = anchor.doc.user_data.setdefault("sitroom_date_mentions", {})
    if sentence.start not in cache:
        cache[sentence.start] = find_date_expressions(sentence)
    return cache[sentence.start]


# Nouns whose possessive date is an act's date: "Friday's bombing", "Sunday's march".
_ACT_NOUNS = {"attack", "strike", "airstrike", "bombing", "raid", "shelling", "blast", "explosion", "ambush",
              "killing", "massacre", "protest", "rally", "march", "clash", "fighting", "offensive", "assault",
              "shooting", "incursion", "visit", "talks", "meeting", "summit", "call", "arrest", "violence",
              "unrest", "riot", "crackdown", "deployment", "drill", "exercise", "fire"}  # fmt: skip


def _dates_something_else(span: Span, anchor: Token) -> bool:
    """ "answering a call by the runner-up in *last month's* election": a possessive date dates its noun,
    which is no act of the article's unless it names one ("*Friday's* bombing") or is what the act is
    done to ("would boycott *Saturday's* election"). So does a year in a name ("the *2016* arbitral
    award", "the *1974* agreement") and a "since" on a noun that is no act ("the sixth such mission
    *since 2019*"). Other phrases the parser hangs on a noun ("a raid on a village *on Sunday*") are
    the act's more often than not."""
    root = (span[1:] if len(span) > 1 and span[0].dep_ == "det" else span).root  # "the 28 July": "July"
    if _another_act_in_a_phrase(root, anchor):
        return True
    if root.dep_ == "poss":
        return _not_the_act(root.head, anchor) and root.head.dep_ != "dobj"
    if root.dep_ in {"compound", "nummod", "amod", "nmod"}:
        return _not_the_act(root.head, anchor) and (_bare_year(span) or _modifies_common_noun(root))
    if _of_a_noun(root, anchor) or _in_a_nouns_clause(root, anchor):
        return True
    since = root if root.lower_ == "since" else root.head if root.dep_ == "pobj" else None
    since = since if since is not None and since.lower_ == "since" else None
    if since is None or since.head.pos_ != "NOUN" or not _not_the_act(since.head, anchor):
        return False
    return _counted(since.head) or not _perfect(governing_verb(since.head))


_TOLL_NOUNS = {"toll", "number", "death", "casualty", "victim"}
_NOUN_DATES = {"poss", "compound", "nummod", "amod", "nmod"}


def _dated_noun(root: Token) -> Token | None:
    """The noun a date before it qualifies: "*Sunday's* attack", "the *Aug. 4, 2020* blast". Not a date
    after the noun ("the killings *on Thursday*"), which the parser often hangs on the nearest noun."""
    return root.head if root.dep_ in _NOUN_DATES and root.head.pos_ == "NOUN" else None


def _another_act_in_a_phrase(root: Token, anchor: Token) -> bool:
    """ "Seized a grenade of the type used *in Sunday's attack*", "arrested *over Monday's clash*",
    "relatives of those killed *in the Aug. 4, 2020 blast*": an act noun inside a prepositional phrase,
    not the event's own word, is another act told in the background, and its date is that act's."""
    noun = _dated_noun(root)
    if noun is None or noun.i == anchor.i or noun.lemma_.lower() not in _ACT_NOUNS or noun.dep_ != "pobj":
        return False
    holder = noun.head.head  # "killed *in* the attack", "the toll *from* Sunday's attack": the act's own
    return holder.i != anchor.i and holder.lemma_.lower() not in _TOLL_NOUNS and not noun.is_ancestor(anchor)


def _perfect(verb: Token) -> bool:
    """ "Have blocked the road used by trucks hauling ore from the mine *since 9 August*": with a verb in
    the perfect, "since" tells how long its act has run, wherever the parser hangs the phrase."""
    return verb.tag_ == "VBN" and _have_aux(verb)


def _have_aux(verb: Token) -> bool:
    """A perfect, simple or progressive: "have blocked", "have been staging"."""
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


_RANKS = {"first", "last", "only", "such", "latest", "biggest", "largest", "worst", "deadliest", "heaviest"}


def _counted(noun: Token) -> bool:
    """ "The sixth such mission *since 2019*", "the worst fighting since March": the noun is ranked among
    its kind since then, which dates the ranking, not the act."""
    modifiers = [c for c in noun.children if c.dep_ in {"amod", "nummod", "det", "predet"}]
    return any(m.lower_ in _RANKS or m.lower_ in _ORDINALS or m.tag_ == "JJS" for m in modifiers)


def _not_the_act(noun: Token, anchor: Token) -> bool:
    """A noun other than the event's own word and no act noun ("attack", "visit")."""
    is_noun = noun.pos_ in {"NOUN", "PROPN"}
    return is_noun and noun.i != anchor.i and noun.lemma_.lower() not in _ACT_NOUNS


def _modifies_common_noun(root: Token) -> bool:
    """ "fallen to *Sunday* levels", "the *28 July* presidential election": a date before the common noun
    it qualifies is that thing's date. Not one the parser hung on a name ("On *Sunday* Army helicopters")."""
    return root.head.i > root.i and root.head.pos_ == "NOUN"


def _of_a_noun(root: Token, anchor: Token) -> bool:
    """ "a violation of the trilateral statement *of 10 November 2020*", "in the spirit of the Luanda
    summit *of 23 November 2022*": a date joined by "of" to a noun dates that noun; it is the act's only
    when the noun is the event's own word, or an act noun ("the attack of 12 June killed five") that is
    not itself inside a phrase about something else."""
    preposition = root.head
    if root.dep_ != "pobj" or preposition.lower_ != "of" or preposition.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    noun = preposition.head
    return noun.i != anchor.i and (_not_the_act(noun, anchor) or noun.dep_ == "pobj")


def _in_a_nouns_clause(root: Token, anchor: Token) -> bool:
    """ "Faye, *who took office in April*, urged …", "a tour *that took him to Doha last week*", "the
    release of detainees *carried out on 24 November*": a date in a clause that describes a noun dates
    what the clause tells of that noun, not an act the clause does not hold; the event's own word as
    the noun ("the attack *carried out on Saturday*") keeps it."""
    verb = governing_verb(root)
    if verb.dep_ not in {"relcl", "acl"} or verb.i == anchor.i or verb.is_ancestor(anchor):
        return False
    if verb.dep_ == "acl" and verb.tag_ != "VBN":  # "the decision to suspend data from Tuesday"
        return False
    return _not_the_act(verb.head, anchor) and not _the_acts_statement(verb.head, anchor)


_STATEMENT_NOUNS = {"statement", "address", "speech", "interview", "letter", "communique", "communiqué",
                    "conference", "briefing", "post", "message", "broadcast", "tweet", "release"}  # fmt: skip


def _the_acts_statement(noun: Token, anchor: Token) -> bool:
    """ "Condemned the attack *in a statement issued on Monday evening*": the statement the act is made
    in is the act itself, and the clause that dates it dates the act (the parser may hang the statement
    on the act's object: "the attack in a statement")."""
    preposition = noun.head
    holder = preposition.head
    on_the_act = holder.i == anchor.i or (holder.dep_ == "dobj" and holder.head.i == anchor.i)
    return (
        noun.lemma_.lower() in _STATEMENT_NOUNS
        and noun.dep_ == "pobj"
        and preposition.lower_ in {"in", "through", "via", "during"}
        and on_the_act
    )


def _bare_year(span: Span) -> bool:
    return bool(re.fullmatch(r"\d{4}", span.text.strip()))


def _is_future_clause(verb: Token) -> bool:
    return verb.tag_ not in _PAST_TAGS or any(c.lower_ in _FUTURE_AUX for c in verb.children)


def _candidates(
    anchor: Token, published: date, expected: bool, previous: DateSpan | None = None
) -> list[tuple[int, DateSpan]]:
    """Each resolvable date in the anchor's sentence, with its tier; an expected event's must not be past,
    except the day of the statement that announces it (tier ``_STATEMENT``, taken last)."""
    found = []
    for mention in _sentence_dates(anchor):
        if _dates_something_else(mention.span, anchor):
            continue
        governor = governing_verb(mention.span.root)
        tier = _tier(governor, anchor, sentence_tree(sentence_of(anchor)))
        if (
            not expected
            and tier in (_CLAUSE, _OTHER)
            and is_verb(anchor)
            and _planned(governor, mention.span)
        ):
            continue
        deadline = tier == _OWN and _deadline(mention.span) and (expected or _plans(governor))
        future = (
            deadline
            or _looks_ahead(governor, mention.span)
            or (expected and (tier == _OWN or _is_future_clause(governor)))
        )
        span = _from_previous(mention.text, previous) or resolve_expression(mention.text, published, future)
        if deadline:
            span = _by_deadline(span or _period_end(mention.text, published), published)
        if span is not None and expected and span.end < published and tier in (_ABOVE, _REPORTED):
            found.append((_STATEMENT, span))  # "said *on Friday evening* that he would appeal"
        elif span is not None and not (expected and span.end < published):
            found.append((tier, span))
    found.sort(key=lambda pair: (pair[0], PRECISIONS.index(pair[1].precision)))
    return found


_PLANNING_AUX = {"will", "shall", "'ll", "wo", "would"}
_DEADLINES = {"by", "until", "till", "before", "within"}


def _planned(governor: Token, span: Span) -> bool:
    """A date of something planned or due ("agreed *to meet again at the end of April*", "ordered that
    they be produced *by November 18*", "said it *will publish* the documents *by Monday*"): it dates the
    plan's act, not the agreement, order or statement that makes the plan (the caller asks only for a
    plan below the act's verb: an act inside the plan, "tomorrow I *will* be in Bogota *meeting* …", and
    a noun's content, "the decision *to suspend* data from Tuesday", keep their date)."""
    if governor.dep_ == "acl":  # the content of a noun: "the decision to suspend data from Tuesday"
        return False
    if _plans(governor):
        return True
    if governor.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in governor.children):
        return not _goes_on(governor)
    head = span.root.head
    return (span.root.dep_ == "pobj" and head.lower_ in _DEADLINES) or span[0].lower_ == "within"


# Verbs of aspect: their "to" infinitive is the act going on, begun or resumed, not a plan.
_ASPECTUAL = {"continue", "keep", "begin", "start", "resume"}


def _goes_on(verb: Token) -> bool:
    """ "Farmers *continued to block* the track for the eighth day on Wednesday": the infinitive of a verb
    of aspect is the act itself, going on as told, and its date is the act's."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _ASPECTUAL


_FUTURE_MARKS = {"will", "shall", "'ll"}
_BY = {"by", "before", "until", "till"}


def _by_deadline(span: DateSpan | None, published: date) -> DateSpan | None:
    """A plan due by a day after publication may fall on any day from now to that day."""
    if span is None or span.end < published:
        return span
    return span.model_copy(update={"start": published})


def _deadline(span: Span) -> bool:
    """ "By Thursday", "before the end of the year", "until 4 January": a day by which a plan is due. A
    plan's act may fall on any day from the statement to the deadline: its date is that range."""
    root = span.root
    return (root.dep_ == "pobj" and root.head.lower_ in _BY) or span[0].lower_ in _BY


def _plans(verb: Token) -> bool:
    """A verb of a plan: "*will* deliver", "said it *would* present …"."""
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _PLANNING_AUX for c in verb.children)


def _looks_ahead(governor: Token, span: Span) -> bool:
    """A date the grammar puts ahead of publication whatever the event's factuality: its verb's "will"
    ("protesters *will march* on Tuesday evening") or "for" ("a strike called *for Wednesday*")."""
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _FUTURE_MARKS for c in governor.children):
        return True
    if governor.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "would" for c in governor.children):
        return not _have_aux(governor)  # "said it would return to the streets on Friday"; not "would have"
    return span.root.dep_ == "pobj" and span.root.head.lower_ == "for"


_OFFSET_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}


def _offset_from_governor(anchor: Token) -> int | None:
    """Days an act in "*two days after* gunmen shot …" lies before (+) or after (−) the act it is timed by."""
    marks = [c.lower_ for c in anchor.children if c.dep_ == "mark" and c.lower_ in {"after", "before"}]
    mark = marks[0] if marks else None
    if mark is None or anchor.head.i == anchor.i:
        return None
    for unit in (c for c in anchor.children if c.dep_ == "npadvmod" and c.lower_ in _OFFSET_UNITS):
        amount = next((c for c in unit.children if c.dep_ in {"nummod", "det"}), None)
        count = 1 if amount is not None and amount.lower_ in {"a", "one"} else None
        if amount is not None and count is None:
            count = _count(amount.lower_)
        if count is not None:
            days = count * _OFFSET_UNITS[unit.lower_]
            return days if mark == "after" else -days
    return None


_PRESENT_TAGS = {"VBZ", "VBP"}


def in_present_tense(anchor: Token) -> bool:
    """Whether the act is told in the present ("the ICRC *calls on* the parties", "the government
    *reiterates* its call", "police *are firing* tear gas"): a statement made as the story is written,
    so of the publication day, not of the lead's date. The perfect ("has condemned") and the past are
    not; neither is a headline's present, which the caller rules out (it tells a past act)."""
    verb = governing_verb(anchor)
    if not is_verb(verb):
        return False
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ in _PRESENT_TAGS:
        return not auxes or all(a.tag_ in _PRESENT_TAGS and a.lemma_.lower() == "do" for a in auxes)
    return verb.tag_ == "VBG" and any(a.tag_ in _PRESENT_TAGS and a.lemma_.lower() == "be" for a in auxes)


_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
             "twelfth", "thirteenth", "fourteenth", "fifteenth")  # fmt: skip
_RUNNING_DAY = re.compile(
    rf"\b(?:for (?:a|the)|(?:entered|entering|enters|enter|into) (?:its|their|a|the)) "
    rf"({'|'.join(_ORDINALS)}|\d+(?:st|nd|rd|th)) "
    r"(?:consecutive |straight |successive |running )?(day|night)\b",
    re.IGNORECASE,
)
# "Have been staging a sit-in *for nine days*": a perfect act that has run so many days by its date.
_DAYS_LONG = re.compile(
    r"\bfor (\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (days|nights)\b", re.IGNORECASE
)


def _ordinal_count(word: str) -> int:
    word = word.lower()
    return _ORDINALS.index(word) + 2 if word in _ORDINALS else int(re.sub(r"\D", "", word))


def _days_running(anchor: Token) -> int | None:
    """How many days an act has gone on by its date: "blocked the highway *for a third day* on Wednesday",
    "*for the eighth consecutive day*", "the strike *entered its 18th day*" (train and dev: nine such acts
    dated from the first day to the named one, two by the named day alone), and a perfect act's "*for nine
    days*" ("have been staging a sit-in for nine days"). Only a phrase on the act's own verb or its clause
    counts."""
    sentence = sentence_of(anchor)
    found = [(m, _ordinal_count(m.group(1))) for m in _RUNNING_DAY.finditer(sentence.text)]
    found += [(m, number_value(m.group(1))) for m in _DAYS_LONG.finditer(sentence.text)]
    for m, count in found:
        unit = sentence.doc.char_span(sentence.start_char + m.start(2), sentence.start_char + m.end(2))
        if unit is None or count is None or not 1 < count <= 366:
            continue
        prep = unit.root.head
        governor = prep.head if prep.lower_ == "for" else prep
        if m.re is _DAYS_LONG and not _have_aux(governing_verb(governor)):
            continue  # "detained him for two days": the detention's day, not a running act
        if _tier(governor, anchor, sentence_tree(sentence)) in (_OWN, _CLAUSE, _ABOVE):
            return count
    return None


def days_running(span: DateSpan, anchor: Token) -> DateSpan:
    """An act's day reaching back to the first day it ran ("protesters blocked the road *for a third
    day* on Wednesday": Monday to Wednesday). Not for the story's context date: the next sentences'
    acts are of the named day."""
    if span.start != span.end or span.precision not in {"day", "published"}:
        return span
    days = _days_running(anchor)
    if days is None:
        return span
    with suppress(OverflowError):
        return span.model_copy(update={"start": span.end - timedelta(days=days - 1)})
    return span


def event_date(
    anchor: Token,
    published: date,
    expected: bool = False,
    context: DateSpan | None = None,
    present: bool = False,
    previous: DateSpan | None = None,
) -> DateSpan:
    """When the event whose verb is ``anchor`` happened (or, if ``expected``, is to happen).

    Pass ``expected=True`` for planned events (factuality "expected") and for future hypothetical ones
    ("could visit ports this summer"): their weekdays, months and seasons are the next ones.

    Order: a date on the verb itself; one in its clause ("strikes that hit ... the prior weekend");
    one on a verb above it or another clause of the sentence; the article's ``context`` date (say, the
    lead's); the reporting verb's date ("officials said on Tuesday": wire copy dates the statement, which
    is at most a day or so after the act, so it only beats the publication date); else the publication
    date with precision "published". An expected event never takes a date before publication, except
    the day of the statement that announces it when it has no day of its own. A
    statement told in the ``present`` ("we *denounce* that on 17 May the Air Force bombed …", see
    :func:`in_present_tense`) is made as the story is written: only a date on its own verb dates it,
    not one in what it says or in another clause. ``previous`` is the story's last dated act, from which
    "the following day" or "hours later" is told.

    >>> event_date(nlp("Troops shelled the town on Monday, officials said Tuesday.")[1], date(2024, 6, 5))
    DateSpan(start=datetime.date(2024, 6, 3), end=datetime.date(2024, 6, 3), precision='day', text='Monday')
    """
    offset = _offset_from_governor(anchor)
    if offset is not None:
        base = event_date(anchor.head, published, expected, context)
        if base.precision == "day":
            with suppress(OverflowError):  # no day before 0001-01-01 or after 9999-12-31
                day = base.start - timedelta(days=offset)
                return DateSpan(start=day, end=day, precision="day", text=base.text)
    candidates = _candidates(anchor, published, expected, previous)
    if present and is_verb(anchor):  # not the act a statement names: "condemns *the attack* on Saturday"
        candidates = [(tier, span) for tier, span in candidates if tier == _OWN]
    for tier, span in candidates:
        if tier < _REPORTED:
            return span
    if context is not None and not (expected and context.end < published):
        return context
    if candidates:
        return candidates[0][1]
    return DateSpan(start=published, end=published, precision="published")

"""A factory of mentions for the fusion tests: an Event with its article, built from a few fields."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

import pytest

from sitroom.fuse import Mention
from sitroom.models import Actor, DateSpan, Event, Location

RUSSIA = Actor(name="Russia", country="RUS", sector="MIL")
UKRAINE = Actor(name="Ukraine", country="UKR", sector="CVL")
PLACES = {
    "Kharkiv": Location(name="Kharkiv", country="UKR", lat=49.99, lon=36.23),
    "Sumy": Location(name="Sumy", country="UKR", lat=50.91, lon=34.80),
    "Kyiv": Location(name="Kyiv", country="UKR", lat=50.45, lon=30.52),
    "Odesa": Location(name="Odesa", country="UKR", lat=46.48, lon=30.72),
    "Kherson": Location(name="Kherson", country="UKR", lat=46.64, lon=32.62),
    "Ukraine": Location(name="Ukraine", country="UKR", feature="country"),
    "Poland": Location(name="Poland", country="POL", feature="country"),
}

MakeMention = Callable[..., Mention]


def make_mention(
    evidence: str,
    *,
    article: str = "a1",
    published: str = "2024-05-26",
    source: str | None = "Test Wire",
    kind: str = "ASSAULT",
    mode: str | None = None,
    actor: Actor | None = RUSSIA,
    target: Actor | None = UKRAINE,
    place: str | None = None,
    location: Location | None = None,
    day: str | None = None,
    until: str | None = None,
    date_text: str | None = None,
    precision: str = "day",
    fatalities: int | None = None,
    factuality: str = "asserted",
    start: int = 0,
) -> Mention:
    """One mention; its id hashes the article and the sentence offset, as the coder's ids do.

    ``day`` (to ``until``) is the coded date, read from ``date_text``; ``location`` a place of one's own
    (``place`` names one of :data:`PLACES`).
    """
    event_id = hashlib.sha1(f"{article}:{start}:{kind}".encode()).hexdigest()[:16]
    when = date.fromisoformat(day) if day else None
    span = None
    if when is not None:
        end = date.fromisoformat(until) if until else when
        span = DateSpan(start=when, end=end, precision=precision, text=date_text)
    event = Event(
        id=event_id,
        type=kind,
        mode=mode,
        actor=actor,
        target=target,
        location=location or (PLACES[place] if place else None),
        date=span,
        fatalities=fatalities,
        factuality=factuality,
        evidence=evidence,
        sentence_start=start,
        sentence_end=start + len(evidence),
        trigger="hit",
        cameo="190",
        cameo_root="19",
    )
    return Mention(
        event=event,
        article_id=article,
        article_hash=hashlib.sha256(article.encode()).hexdigest(),
        published=date.fromisoformat(published),
        source=source,
    )


@pytest.fixture
def mention() -> MakeMention:
    return make_mention

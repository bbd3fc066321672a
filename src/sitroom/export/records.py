"""What every export format writes: an event with the source articles that report it.

A raw coded event has one source; a fused event (an ``EventCluster``) has one per article that reports it.
The API and the CLI build these records from the store; the format writers read nothing else, so they work
the same on either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sitroom.models import Event


@dataclass(frozen=True)
class SourceRef:
    """One article that reports an event, and where in it: the evidence sentence's offsets."""

    article_id: str
    article_hash: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    evidence: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    trigger: str | None = None
    event_id: str | None = None  # the mention's own id, for a fused event
    type: str | None = None  # what this report's mention was coded as, which fusion may have overruled
    factuality: str | None = None
    fatalities: int | None = None


@dataclass(frozen=True)
class EventRecord:
    """An event and its sources (the first is the one its evidence and codes were taken from).

    ``fusion`` is set for a fused event: what the fuser recorded (mentions, articles, sources, the
    factuality readings, the range of fatality figures, first and last seen).
    """

    event: Event
    sources: tuple[SourceRef, ...]
    fusion: dict[str, Any] | None = None

    @property
    def primary(self) -> SourceRef | None:
        return self.sources[0] if self.sources else None

    @property
    def day(self) -> date | None:
        """The event's first day, or the first source's publication day when the text gave no date."""
        if self.event.date is not None:
            return self.event.date.start
        return self.primary.published if self.primary else None

    @property
    def num_articles(self) -> int:
        return len({source.article_hash for source in self.sources}) or 1

    @property
    def num_outlets(self) -> int:
        return len({source.outlet or source.url or source.article_hash for source in self.sources}) or 1

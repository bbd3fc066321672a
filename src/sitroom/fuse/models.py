"""What fusion reads and writes: a Mention (one coded event with its article) in, a FusedEvent out.

A *mention* is an Event as coded from one article. A *fused event* is one real-world event as told by
every mention fusion put together: its fields are the best reading of all of them, with the
disagreements kept (fatality range, factuality counts) and links back to every mention.
"""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import BaseModel, Field

from sitroom.models import Actor, DateSpan, Event, Location


class Mention(BaseModel):
    """One event as coded from one article, with the article facts fusion needs.

    ``article_hash`` is the article's identity (its content hash): two mentions with the same hash come
    from the same article and may be restatements of one act.
    """

    event: Event
    article_id: str
    article_hash: str
    published: datetime.date | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None

    @property
    def id(self) -> str:
        return self.event.id

    def ref(self) -> MentionRef:
        """The short form a fused event lists its mentions in."""
        event = self.event
        return MentionRef(
            id=event.id,
            article_id=self.article_id,
            source=self.source,
            published=self.published,
            title=self.title,
            url=self.url,
            type=event.type,
            factuality=event.factuality,
            fatalities=event.fatalities,
            evidence=event.evidence,
        )


class MentionRef(BaseModel):
    """A mention as a fused event shows it: where it was read and the words that state it."""

    id: str
    article_id: str
    source: str | None = None
    published: datetime.date | None = None
    title: str | None = None
    url: str | None = None
    type: str
    factuality: str
    fatalities: int | None = None
    evidence: str


class FusedEvent(BaseModel):
    """One event as told by all the mentions fused into it.

    - ``id`` is the id of its earliest mention (earliest published, then smallest id), so it does not
      depend on the order articles were ingested in.
    - ``date`` spans the earliest start to the latest end the mentions give (``precision`` "published"
      when no mention dates the event and publication days stand in).
    - ``fatalities`` is the figure of the most recent report that gives one, preferring asserted
      reports; ``fatalities_min``/``fatalities_max`` is the range seen.
    - ``factuality`` is the strongest reading (asserted > alleged > expected > hypothetical > denied);
      ``factuality_counts`` keeps every reading, so disagreement stays visible.
    - ``acled_event_type``/``acled_sub_event_type``: the reading most mentions of the fused type give
      (the sub-event type is None outside ACLED's scope, as on an Event).
    """

    id: str
    type: str
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: Actor | None = None
    target: Actor | None = None
    location: Location | None = None
    date: DateSpan | None = None
    fatalities: int | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    factuality: str = "asserted"
    factuality_counts: dict[str, int] = Field(default_factory=dict)
    articles: int = 0
    sources: int = 0
    source_names: list[str] = Field(default_factory=list)
    first_seen: datetime.date | None = None
    last_seen: datetime.date | None = None
    mention_ids: list[str] = Field(default_factory=list)
    mentions: list[MentionRef] = Field(default_factory=list, description="filled when asked for")

    @property
    def disputed(self) -> bool:
        """Whether the mentions disagree on whether (or how surely) it happened."""
        return len(self.factuality_counts) > 1

    def to_format(self) -> dict[str, Any]:
        """FORMAT.md's event fields plus the fusion fields; ``mentions`` when they were loaded."""
        data = self.model_dump(mode="json", exclude_none=True, exclude={"mentions"})
        if self.mentions:
            # where each report was read is always there, null when unknown
            data["mentions"] = [
                {"source": None, "published": None} | ref.model_dump(mode="json", exclude_none=True)
                for ref in self.mentions
            ]
        return data

"""The coder's stage list: every read is written by an earlier stage, and the coder runs them all."""

from datetime import date

from sitroom.coding.coder import Coder
from sitroom.coding.stages import EVENT_STAGES, STAGES, Stage, unmet_reads
from sitroom.models import Article


def test_every_read_is_written_earlier() -> None:
    assert unmet_reads() == []


def test_a_stage_out_of_order_is_reported() -> None:
    date_first = (next(s for s in STAGES if s.name == "date"), *STAGES)
    assert unmet_reads(date_first) == ["date reads 'factuality', which no earlier stage writes"]


def test_names_are_unique_and_event_stages_can_run() -> None:
    names = [stage.name for stage in STAGES]
    assert len(names) == len(set(names))
    assert all(stage.run is not None for stage in EVENT_STAGES)
    assert all(isinstance(stage, Stage) and stage.scored_by for stage in STAGES)


def test_event_stages_fill_every_field() -> None:
    article = Article(
        id="s1",
        published=date(2024, 5, 27),
        text="Russian missiles struck a hardware store in Kharkiv on Saturday, killing 16 people, "
        "officials said.",
    )
    [event] = Coder.load().code(article).events
    assert (event.type, event.mode) == ("ASSAULT", "heavy-weapons")
    assert event.actor.country == "RUS" and event.location.name == "Kharkiv"
    assert event.date.start == date(2024, 5, 25) and event.fatalities == 16
    assert event.factuality == "asserted" and event.attribution.source == "officials"

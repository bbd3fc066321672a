"""A fused event's fields: the best reading of its mentions, with their disagreements kept."""

from __future__ import annotations

import pytest

from sitroom.fuse import acled_reading, summarise

ACLED = ("acled_event_type", "acled_sub_event_type")


@pytest.fixture
def reports(mention):
    return [
        mention(
            "Russian bombs hit a store in Kharkiv on Saturday, killing six.",
            article="a",
            published="2024-05-25",
            source="Sitroom Wire",
            fatalities=6,
            day="2024-05-25",
            place="Kharkiv",
        ),
        mention(
            "The toll from Saturday's strike on a Kharkiv store rose to 12.",
            article="b",
            published="2024-05-26",
            source="Northern Courier",
            fatalities=12,
            place="Ukraine",
        ),
        mention(
            "Russia denied striking the store.",
            article="c",
            published="2024-05-27",
            source="northern courier ",
            factuality="denied",
        ),
        mention(
            "Ukraine said 19 people were killed in the May 25 bombing.",
            article="d",
            published="2024-05-28",
            source="Capital Ledger",
            fatalities=19,
            factuality="alleged",
            day="2024-05-25",
        ),
        mention(
            "Officials said 16 died.",
            article="e",
            published="2024-05-27",
            source="Eastern Herald",
            fatalities=16,
        ),
    ]


def test_fields_come_from_all_mentions(reports) -> None:
    fused = summarise(reports)
    assert fused.id == reports[0].id  # the earliest mention's
    assert fused.mention_ids == [m.id for m in sorted(reports, key=lambda m: (m.published, m.id))]
    assert (fused.type, fused.actor.name, fused.target.name) == ("ASSAULT", "Russia", "Ukraine")
    assert fused.location.name == "Kharkiv"  # the city over the country
    assert (fused.date.start.isoformat(), fused.date.end.isoformat()) == ("2024-05-25", "2024-05-25")
    assert (fused.first_seen.isoformat(), fused.last_seen.isoformat()) == ("2024-05-25", "2024-05-28")
    assert (fused.articles, fused.sources) == (5, 4)  # "northern courier " is Northern Courier


def test_the_toll_is_the_latest_credible_report_with_the_range_seen(reports) -> None:
    fused = summarise(reports)
    # the latest report (19) is only alleged; the latest asserted one gives 16
    assert (fused.fatalities, fused.fatalities_min, fused.fatalities_max) == (16, 6, 19)


def test_factuality_is_the_strongest_reading_and_the_disagreement_is_kept(reports) -> None:
    fused = summarise(reports)
    assert fused.factuality == "asserted"
    assert fused.factuality_counts == {"asserted": 3, "alleged": 1, "denied": 1}
    assert fused.disputed


def test_order_of_mentions_does_not_matter(reports) -> None:
    assert summarise(reports) == summarise(list(reversed(reports)))


def test_undated_events_are_dated_by_their_first_report(mention) -> None:
    fused = summarise(
        [
            mention("Police arrested 20 people.", article="x", published="2024-05-02"),
            mention("Police detained 20 people.", article="y", published="2024-05-01"),
        ]
    )
    assert (fused.date.start.isoformat(), fused.date.precision) == ("2024-05-01", "published")


def test_json_carries_the_mentions(reports) -> None:
    record = summarise(reports, with_mentions=True).to_format()
    assert [m["published"] for m in record["mentions"]] == sorted(m["published"] for m in record["mentions"])
    assert {m["article_id"] for m in record["mentions"]} == {"a", "b", "c", "d", "e"}
    assert {"source", "published", "evidence"} <= set(record["mentions"][0])
    assert "mentions" not in summarise(reports).to_format()


def test_acled_types_are_the_reading_most_mentions_of_the_fused_type_give(reports) -> None:
    shelling = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    air = ("Explosions/Remote violence", "Air/drone strike")
    readings = [air, shelling, air, shelling, shelling]
    coded = [
        m.model_copy(update={"event": m.event.model_copy(update=dict(zip(ACLED, pair, strict=True)))})
        for m, pair in zip(reports, readings, strict=True)
    ]
    fused = summarise(coded)
    assert (fused.acled_event_type, fused.acled_sub_event_type) == shelling
    assert summarise(coded[:2]).acled_sub_event_type == "Air/drone strike"  # a tie: the earliest's
    other_type = [("COERCE", "Strategic developments", "Arrests"), ("ASSAULT", *air)]
    assert acled_reading("ASSAULT", other_type) == air
    assert acled_reading("ASSAULT", [("ASSAULT", "Strategic developments", None)]) == (
        "Strategic developments",
        None,
    )

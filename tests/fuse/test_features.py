"""Signatures: day windows from dates, date words or publication; names, numbers and places."""

from __future__ import annotations

from datetime import date

from sitroom.fuse import signature
from sitroom.fuse.features import date_hints, family, strip_dateline, text_features
from sitroom.geo import great_circle_km


def days(*isodays: str) -> list[int]:
    return [date.fromisoformat(day).toordinal() for day in isodays]


def test_weekdays_resolve_to_the_latest_such_day_and_the_reporting_day_is_skipped() -> None:
    text = "Bombs hit the store on Saturday, killing 12, officials said on Sunday."
    assert date_hints(text, date(2024, 5, 26)) == days("2024-05-25")


def test_month_days_weekends_and_overnight() -> None:
    assert date_hints("killed 19 people on May 25", date(2024, 5, 28)) == days("2024-05-25")
    assert date_hints("the weekend bombing", date(2024, 5, 27)) == days("2024-05-25", "2024-05-26")
    assert date_hints("Iran attacked Israel overnight", date(2024, 4, 14)) == days("2024-04-13", "2024-04-14")
    assert date_hints("an attack on December 30", date(2025, 1, 2)) == days("2024-12-30")


def test_planned_events_look_forward() -> None:
    assert date_hints("will visit on Monday", date(2024, 5, 24), future=True) == days("2024-05-27")


def test_the_window_comes_from_the_coded_date_first_then_date_words_then_publication(mention) -> None:
    coded = signature(mention("Strikes hit Kharkiv on Monday.", day="2024-05-20", published="2024-05-26"))
    assert (coded.lo, coded.hi, coded.dated) == (*days("2024-05-20", "2024-05-20"), True)
    worded = signature(mention("Strikes hit Kharkiv on Saturday.", published="2024-05-26"))
    assert (worded.lo, worded.hi, worded.dated) == (*days("2024-05-25", "2024-05-25"), True)
    bare = signature(mention("Strikes hit Kharkiv.", published="2024-05-26"))
    assert (bare.lo, bare.hi, bare.dated) == (*days("2024-05-23", "2024-05-26"), False)


def test_datelines_are_not_evidence() -> None:
    assert (
        strip_dateline("KYIV, July 8 (Sitroom Wire) - A missile hit a hospital.")
        == "A missile hit a hospital."
    )
    assert strip_dateline("BRUSSELS, Feb 26 - Farmers protested.") == "Farmers protested."


def test_names_are_places_and_people_not_parties_or_sentence_furniture() -> None:
    words, names, numbers = text_features(
        "On Saturday Russian bombs hit the Epicentr store in Kharkiv, killing 16 people, Zelensky said.",
        party_words="Russia Ukraine",
    )
    assert names == {"epicentr", "kharkiv", "zelensky"}
    assert numbers == {"16"}
    assert words["kill"] < words["store"]  # the generic words of every report weigh little


def test_a_place_named_as_the_target_is_still_a_name(mention) -> None:
    """The coder reads "Kharkiv" as the party Ukraine; the sentence still names the city."""
    sig = signature(mention("Russian bombs struck a hardware store in Kharkiv on Saturday."))
    assert "kharkiv" in sig.names


def test_the_coded_place_is_the_place(mention) -> None:
    assert signature(mention("Strikes hit Kharkiv and Sumy.", place="Sumy")).points == ((50.91, 34.80, 0.0),)
    assert signature(mention("Strikes hit Kharkiv.", place="Ukraine")).points == ()  # a country is no point
    assert signature(mention("Strikes hit Kharkiv.")).points == ()


def test_families_and_distance() -> None:
    assert family("ASSAULT") == family("COERCE") != family("PROTEST")
    assert round(great_circle_km(49.99, 36.23, 50.91, 34.80)) == 144

"""Signatures: day windows from dates, date words or publication; names, numbers and places."""

from __future__ import annotations

from datetime import date

from sitroom.fuse import signature
from sitroom.fuse.cluster import Fuser
from sitroom.fuse.features import (
    countries_named,
    date_hints,
    family,
    names_place,
    place_words,
    text_features,
)
from sitroom.geo import great_circle_km
from sitroom.models import Location

CITY = Location(name="Zaporizhzhya", country="UKR", lat=47.85, lon=35.12, feature="city")
NAIROBI = Location(name="Nairobi", country="KEN", lat=-1.28, lon=36.82, feature="city")


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


def test_a_coded_date_the_sentence_does_not_state_widens_to_the_days_it_names(mention) -> None:
    """The coder dated the attack by another sentence's "Thursday"; this one says Tuesday."""
    sig = signature(
        mention(
            "It should be remembered that on the day of Tuesday an attacker hit the check post.",
            published="2023-10-21",
            day="2023-10-19",
            date_text="Thursday",
        )
    )
    assert (sig.lo, sig.hi, sig.dated, sig.date_read) == (*days("2023-10-17", "2023-10-19"), True, False)
    stated = signature(mention("Gunmen hit the post on Thursday.", day="2023-10-19", date_text="Thursday"))
    assert (stated.lo, stated.hi, stated.date_read) == (*days("2023-10-19", "2023-10-19"), True)


def test_a_reporting_day_or_the_day_a_toll_rose_is_not_the_event_day(mention) -> None:
    assert date_hints("The death toll from the strike rose to nine on Friday.", date(2024, 10, 19)) == []
    assert date_hints("The toll rose to at least 22 on Tuesday, the army said.", date(2022, 6, 7)) == []
    weekend = mention(
        "The toll from a weekend raid on Ndop rose to seven, officials said on Tuesday.",
        published="2021-11-23",
        day="2021-11-23",
        date_text="Tuesday",
    )
    sig = signature(weekend)  # the coder took the reporting day; the sentence says "weekend"
    assert (sig.lo, sig.hi, sig.date_read) == (*days("2021-11-20", "2021-11-23"), False)


def test_the_day_a_communique_was_made_public_is_not_the_event_day(mention) -> None:
    """Mali's army made its second communiqué public on Monday about Saturday's attack on Ténenkou: the
    coded Monday is not stated as the attack's day, so it cannot veto the Saturday reports."""
    text = (
        "The General Staff of the Armies has made public on Monday evening a second communique on the "
        "complex terrorist attack on the camp of Tenenkou."
    )
    assert date_hints(text, date(2024, 5, 28)) == []
    sig = signature(mention(text, published="2024-05-28", day="2024-05-27", date_text="Monday evening"))
    assert not sig.date_read


def test_a_long_span_gives_way_to_the_days_of_the_sentence_or_of_publication(mention) -> None:
    month = mention(
        "On the morning of 17 October, two missiles struck Zaporizhzhia.",
        published="2024-10-21",
        day="2024-10-01",
        until="2024-10-21",
        date_text="October",
        precision="month",
    )
    sig = signature(month)
    assert (sig.lo, sig.hi, sig.dated, sig.background) == (*days("2024-10-17", "2024-10-17"), True, False)
    carried = mention(
        "The shells were fired from positions north-east of the camp.",
        published="2024-08-11",
        day="2005-01-01",
        until="2024-08-11",
        date_text="since 2005",
        precision="year",
    )
    sig = signature(carried)  # "since 2005" is another sentence's: publication dates the act
    assert (sig.lo, sig.hi, sig.dated, sig.background) == (*days("2024-08-08", "2024-08-11"), False, False)
    stated = mention(
        "Congo and Uganda have fought the ADF in Ituri since late 2021.",
        published="2022-06-07",
        day="2021-09-01",
        until="2022-06-07",
        date_text="since late 2021",
        precision="season",
    )
    assert signature(stated).background  # a state of affairs, not one day's act


def test_the_signature_knows_whether_its_sentence_states_its_place_and_toll(mention) -> None:
    named = signature(mention("Missiles hit Zaporizhzhia, killing four.", location=CITY, fatalities=4))
    assert named.place == ("zaporizhzhya",) and named.place_read and named.toll_read
    carried = signature(mention("The shells came from the north-east.", location=NAIROBI, fatalities=17))
    assert not carried.place_read and not carried.toll_read


def test_place_names_are_found_whatever_their_spelling_and_countries_by_their_adjectives() -> None:
    words = " toll zaporizhzhia ak-sai kyrgyz russian ukrainian "
    assert names_place(words, place_words("Zaporizhzhya"))
    assert names_place(words, place_words("Ak-Say"))
    assert not names_place(words, place_words("Kyrgyzstan"))
    assert names_place(words, place_words("Kyrgyzstan"), loose=True)  # a country: "Kyrgyz" names it
    assert place_words("El Wak") == ("wak",)
    assert countries_named(words.split()) >= {"RUS", "UKR", "KGZ"}


def test_coordinates_no_map_can_hold_place_nothing(mention) -> None:
    """An event loaded from a foreign file may carry NaN, infinite or impossible coordinates: the signature
    drops them instead of gridding them (which raised ValueError and refused the whole article)."""
    fuser = Fuser()
    odd = [(float("nan"), 30.0), (float("-inf"), 1e157), (200.0, 30.0), (50.0, float("inf"))]
    for number, (lat, lon) in enumerate(odd):
        made = mention("Strikes hit the town.", day="2024-05-20", start=number)
        place = Location(name="Somewhere", country="UKR", lat=lat, lon=lon, radius_km=float("nan"))
        odd_mention = made.model_copy(update={"event": made.event.model_copy(update={"location": place})})
        assert signature(odd_mention).points == ()
        assert fuser.add(signature(odd_mention))
    held = mention("Strikes hit Kharkiv.", place="Kharkiv", day="2024-05-20")
    assert signature(held).points == ((49.99, 36.23, 0.0),)

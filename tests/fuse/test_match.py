"""The decision: what a careful analyst keeps apart never fuses; restatements and rising tolls do."""

from __future__ import annotations

from sitroom.fuse import conflict, link_score, signature
from sitroom.models import Actor, Location

BLINKEN = Actor(name="Antony Blinken", country="USA", sector="GOV")
WANG = Actor(name="Wang Yi", country="CHN", sector="GOV")
XI = Actor(name="Xi Jinping", country="CHN", sector="GOV")


def linked(a, b) -> bool:
    return link_score(signature(a), signature(b)) is not None


def test_two_reports_of_one_strike_fuse(mention) -> None:
    first = mention(
        "Two Russian guided bombs struck a hardware superstore in Kharkiv on Saturday, killing six.",
        article="a",
        published="2024-05-25",
        fatalities=6,
    )
    later = mention(
        "The toll from Saturday's Russian strike on a hypermarket in Kharkiv has risen to 12.",
        article="b",
        published="2024-05-26",
        fatalities=12,
    )
    assert linked(first, later)


def test_two_strikes_on_two_cities_on_one_day_never_fuse(mention) -> None:
    text = "Russian glide bombs hit a residential district on Saturday, killing four people."
    kharkiv = mention(text, article="a", place="Kharkiv", day="2024-05-25")
    sumy = mention(text, article="b", place="Sumy", day="2024-05-25")
    assert conflict(signature(kharkiv), signature(sumy)) == "place"
    assert not linked(kharkiv, sumy)


def test_a_country_that_is_a_party_of_the_other_report_is_not_held_against_it(mention) -> None:
    """A place read as "United States" for Blinken's talks in Beijing is the party misread as the place."""
    beijing = Location(name="Beijing", country="CHN", lat=39.91, lon=116.40)
    talks = mention(
        "Blinken met Wang Yi in Beijing on Friday.",
        kind="CONSULT",
        actor=BLINKEN,
        target=WANG,
        article="a",
        place=None,
    )
    talks.event.location = beijing
    misread = mention(
        "Wang Yi met Blinken at a guesthouse on Friday.",
        kind="CONSULT",
        actor=WANG,
        target=BLINKEN,
        article="b",
    )
    misread.event.location = Location(name="United States", country="USA", feature="country")
    assert conflict(signature(talks), signature(misread)) is None


def test_a_country_level_place_is_compatible_with_its_cities_only(mention) -> None:
    text = "Russian drones struck energy facilities on Saturday."
    city = signature(mention(text, article="a", place="Kharkiv"))
    assert conflict(city, signature(mention(text, article="b", place="Ukraine"))) is None
    assert conflict(city, signature(mention(text, article="c", place="Poland"))) == "place"


def test_clearly_different_dates_never_fuse(mention) -> None:
    text = "A Russian missile hit a printing house in Kharkiv, killing seven workers."
    thursday = mention(text, article="a", day="2024-05-23")
    saturday = mention(text, article="b", day="2024-05-25")
    assert conflict(signature(thursday), signature(saturday)) == "date"
    overnight = mention(text, article="c", day="2024-05-24")  # a day apart: "overnight", time zones
    assert conflict(signature(thursday), signature(overnight)) is None


def test_different_fatality_events_never_fuse(mention) -> None:
    text = "An Israeli air strike hit a building in Gaza City on Thursday."
    school = mention(text, article="a", published="2024-06-06", fatalities=33)
    house = mention(text, article="b", published="2024-06-06", fatalities=6)
    assert conflict(signature(school), signature(house)) == "fatalities"
    halved = mention(text, article="c", published="2024-06-08", fatalities=12)
    assert conflict(signature(school), signature(halved)) == "fatalities"  # tolls do not halve
    risen = mention(text, article="d", published="2024-06-07", fatalities=40)
    assert conflict(signature(school), signature(risen)) is None


def test_a_meeting_with_another_counterpart_is_another_meeting(mention) -> None:
    wang = mention(
        "Blinken met Wang Yi in Beijing on Friday.", kind="CONSULT", actor=BLINKEN, target=WANG, article="a"
    )
    xi = mention(
        "Blinken met Xi Jinping in Beijing on Friday.", kind="CONSULT", actor=BLINKEN, target=XI, article="b"
    )
    assert conflict(signature(wang), signature(xi)) == "counterpart"


def test_a_symmetric_act_read_both_ways_is_one_act(mention) -> None:
    one = mention(
        "Blinken held talks with Wang Yi in Beijing on Friday.",
        kind="CONSULT",
        actor=BLINKEN,
        target=WANG,
        article="a",
    )
    other = mention(
        "Wang Yi met Blinken in Beijing on Friday for talks.",
        kind="CONSULT",
        actor=WANG,
        target=BLINKEN,
        article="b",
    )
    assert linked(one, other)


def test_types_of_different_families_never_fuse(mention) -> None:
    text = "Thousands of protesters marched in Nairobi on Tuesday and police opened fire."
    protest = mention(text, kind="PROTEST", article="a", start=0)
    shooting = mention(text, kind="ASSAULT", article="a", start=0)
    assert conflict(signature(protest), signature(shooting)) == "type"


def test_an_article_that_restates_its_lead_fuses_with_itself(mention) -> None:
    lead = mention("Two Russian guided bombs struck a hardware superstore in Kharkiv on Saturday.", start=0)
    again = mention("Russia bombed the store in the middle of the afternoon, the governor said.", start=90)
    assert linked(lead, again)


def test_an_article_about_two_strikes_keeps_them_apart(mention) -> None:
    odesa = mention(
        "A Russian ballistic missile struck the port of Odesa on Monday.",
        published="2024-09-09",
        place="Odesa",
    )
    kherson = mention(
        "Separately, Russian shelling hit a market in Kherson, killing two people.",
        published="2024-09-09",
        start=80,
        place="Kherson",
    )
    assert not linked(odesa, kherson)


def test_both_parties_different_never_fuse(mention) -> None:
    text = "Missiles hit an apartment block on Sunday, killing 15 people."
    one = mention(text, article="a")
    other = mention(
        text,
        article="b",
        actor=Actor(name="Ukraine", country="UKR"),
        target=Actor(name="Russia", country="RUS"),
    )
    assert conflict(signature(one), signature(other)) == "parties"

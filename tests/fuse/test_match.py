"""The decision: what a careful analyst keeps apart never fuses; restatements and rising tolls do."""

from __future__ import annotations

import pytest

from sitroom.fuse import Rules, conflict, keeps_apart, link_score, score, signature
from sitroom.models import Actor, Location

ZAPORIZHZHIA = Location(name="Zaporizhzhya", country="UKR", lat=47.85, lon=35.12, feature="city")
NAMESAKE = Location(name="Oleksandrivskyi", country="UKR", lat=47.97, lon=37.80, feature="city")
EL_FASHER = Location(name="El Fasher", country="SDN", lat=13.63, lon=25.35, feature="city")
NAIROBI = Location(name="Nairobi", country="KEN", lat=-1.28, lon=36.82, feature="city")

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
    again = mention("Russia bombed the Kharkiv superstore on Saturday afternoon, officials said.", start=90)
    assert linked(lead, again)


def test_two_acts_of_one_article_need_more_than_its_place_and_day_to_fuse(mention) -> None:
    """A live blog tells many acts in one city on one day: sharing them is not a restatement."""
    shooting = mention(
        "Two men died after police opened fire on demonstrators near Nakuru's central police station.",
        start=0,
    )
    ban = mention(
        "Nakuru's county commissioner banned all demonstrations in the town centre for seven days.",
        kind="COERCE",
        start=400,
    )
    assert not linked(shooting, ban)


def test_a_shooting_and_the_ban_that_followed_it_stay_apart(mention) -> None:
    """ASSAULT and COERCE share a family (reports call one act either), but the difference costs 0.3:
    the same town and the same demonstrators are not enough."""
    shooting = mention(
        "Two men died of gunshot wounds after police opened fire on demonstrators near the central police "
        "station in Nakuru late on Monday, a hospital official said.",
        article="a",
        published="2025-02-11",
    )
    ban = mention(
        "The Nakuru county commissioner banned all demonstrations within the central business district for "
        "seven days.",
        kind="COERCE",
        article="b",
        published="2025-02-11",
    )
    assert not linked(shooting, ban)
    assert link_score(signature(shooting), signature(ban), Rules(type_penalty=0.1)) is not None


def test_a_namesake_place_yields_when_the_other_sentence_names_the_place(mention) -> None:
    """The geoparser took the Oleksandrivskyi district for a namesake town 200 km away; the sentence
    still names Zaporizhzhia. Two strikes on two cities, each named, stay apart."""
    city = mention(
        "Russian ballistic missiles struck an apartment block and a tram depot in Zaporizhzhia on Thursday.",
        article="a",
        location=ZAPORIZHZHIA,
    )
    district = mention(
        "On Thursday two Russian missiles struck the Oleksandrivskyi district of Zaporizhzhia city, "
        "destroying part of an apartment block and damaging a tram depot.",
        article="b",
        location=NAMESAKE,
    )
    first, second = signature(city), signature(district)
    assert not keeps_apart(first, second)
    assert link_score(first, second) is not None
    kharkiv = mention("Russian missiles struck Kharkiv on Thursday.", article="c", place="Kharkiv")
    sumy = mention("Russian missiles struck Sumy on Thursday.", article="d", place="Sumy")
    assert keeps_apart(signature(kharkiv), signature(sumy))


def test_the_reporting_city_yields_to_a_sentence_that_names_no_place(mention) -> None:
    """A press release filed in Nairobi: the coder placed the shelling there."""
    report = mention(
        "RSF shelling hit the central market of Abu Shouk camp north-west of El Fasher on Friday.",
        article="a",
        location=EL_FASHER,
    )
    release = mention(
        "The shells were fired from RSF positions north-east of Abu Shouk camp, witnesses said.",
        article="b",
        location=NAIROBI,
    )
    assert conflict(signature(report), signature(release)) is None
    assert not keeps_apart(signature(report), signature(release))


def test_an_unsure_conflict_yields_only_to_a_shared_name(mention) -> None:
    """The same generic words are no evidence against a place the sentences do not state."""
    text = "Russian glide bombs hit a residential district on Saturday, killing four people."
    kharkiv = signature(mention(text, article="a", place="Kharkiv"))
    sumy = signature(mention(text, article="b", place="Sumy"))
    assert conflict(kharkiv, sumy) == "place" and not keeps_apart(kharkiv, sumy)


def test_a_toll_the_sentence_does_not_give_yields_to_the_figures_it_gives(mention) -> None:
    """Coded as 2 dead, the sentence says 14: the later report does not halve the toll of 13."""
    ocha = mention(
        "On 17 June air strikes hit the main vegetable market in Saraqib, killing at least 13 civilians.",
        article="a",
        published="2019-06-18",
        fatalities=13,
    )
    translated = mention(
        "Warplanes bombed the vegetable bazaar in Saraqib, and 14 civilians including 4 children lost "
        "their lives.",
        article="b",
        published="2019-06-19",
        fatalities=2,
    )
    assert not keeps_apart(signature(ocha), signature(translated))
    assert linked(ocha, translated)


def test_parties_both_misread_yield_when_the_sentence_names_the_others(mention) -> None:
    """Coded as Ukraine against Ukraine, the sentence tells of a Russian strike on a Ukrainian city."""
    misread = mention(
        "The death toll from an overnight Russian missile strike on the Ukrainian city of Zaporizhzhia "
        "rose to nine.",
        article="a",
        actor=Actor(name="Ukraine", country="UKR"),
        target=Actor(name="Ukraine", country="UKR"),
    )
    other = mention(
        "Missiles struck a residential block in Zaporizhzhia overnight, killing four.",
        article="b",
        actor=Actor(name="Russia", country="RUS"),
        target=Actor(name="Russia", country="RUS"),
    )
    assert conflict(signature(misread), signature(other)) == "parties"
    assert not keeps_apart(signature(misread), signature(other))


def test_background_links_to_a_days_act_only_on_strong_evidence(mention) -> None:
    """A sentence dated only by the long span it states ("since late 2021") tells of background."""
    raid = mention(
        "At least 14 civilians were killed with machetes and guns overnight in an attack by suspected ADF "
        "rebels on the village of Ndombi in North Kivu.",
        article="a",
        published="2022-06-06",
        day="2022-06-05",
        until="2022-06-06",
        date_text="overnight",
    )
    background = mention(
        "Congo and Uganda have been carrying out joint military operations against the ADF in North Kivu "
        "and neighbouring Ituri province since late 2021.",
        article="b",
        published="2022-06-07",
        day="2021-09-01",
        until="2022-06-07",
        date_text="since late 2021",
        precision="season",
    )
    first, second = signature(raid), signature(background)
    assert conflict(first, second) == "background" and not keeps_apart(first, second)
    assert link_score(first, second, Rules(background=0.0)) is not None  # a cost, not a veto


def test_the_arrests_after_a_bombing_are_another_act(mention) -> None:
    """An arrest (a curfew, a ban) is never the bombing it followed, whichever report tells which; a
    shooting told as an assault in one report and as a use of force in another may still be one act."""
    common = {"target": None, "location": NAIROBI, "day": "2022-03-12", "date_text": "Saturday"}
    bombing = mention(
        "A suicide bomber drove a minibus into a checkpoint near KM4 in Nairobi on Saturday.",
        article="a", mode="suicide-attack", **common,
    )  # fmt: skip
    arrests = mention(
        "Security forces sealed off KM4 in Nairobi on Saturday and detained three men in a raid.",
        article="b", kind="COERCE", mode="arrest", **common,
    )  # fmt: skip
    assert conflict(signature(bombing), signature(arrests)) == "kind of act"
    assert keeps_apart(signature(bombing), signature(arrests))
    force = mention(
        "Police fired on the checkpoint crowd near KM4 in Nairobi on Saturday.",
        article="b", kind="COERCE", mode="crowd-control", **common,
    )  # fmt: skip
    assert conflict(signature(bombing), signature(force)) is None


def test_a_later_death_in_hospital_is_placed_and_dated_by_the_hospital_not_the_act(mention) -> None:
    """A report of the wounded dying later may be placed at the hospital's town and dated by the death:
    those conflicts are unsure, and a shared name links it to the blast; without the hospital they veto."""
    malkangiri = Location(name="Malkangiri", country="IND", lat=18.35, lon=81.89, feature="city")
    hospital = Location(name="Visakhapatnam", country="IND", lat=17.68, lon=83.20, feature="city")
    blast = mention(
        "Three jawans were killed when Maoists triggered an IED near Jantri village in Malkangiri on Monday.",
        article="a", published="2018-05-07", location=malkangiri, day="2018-05-07", date_text="Monday",
        actor=None, fatalities=3,
    )  # fmt: skip
    text = (
        "The death toll from Monday's IED blast by Maoists near Jantri village in Malkangiri rose to four on "
        "Wednesday after an injured constable succumbed at a private hospital in Visakhapatnam."
    )
    later = mention(
        text, article="b", published="2018-05-09", location=hospital, day="2018-05-09", date_text="Wednesday",
        actor=None, fatalities=4,
    )  # fmt: skip
    assert linked(blast, later)
    unnamed = mention(
        text.replace(" in Malkangiri", ""), article="d", published="2018-05-09", location=hospital,
        day="2018-05-09", date_text="Wednesday", actor=None, fatalities=4,
    )  # fmt: skip
    assert not keeps_apart(signature(blast), signature(unnamed))
    elsewhere = mention(
        "An IED blast near Jantri village in Visakhapatnam killed four on Wednesday.",
        article="c", published="2018-05-09", location=hospital, day="2018-05-09", date_text="Wednesday",
        actor=None, fatalities=4,
    )  # fmt: skip
    assert keeps_apart(signature(blast), signature(elsewhere))


def test_a_denial_weighs_less_than_a_report_of_the_act(mention) -> None:
    """The RSF's rebuttal of the market shelling shares its place, day and words; it tells of the denial."""
    common = {"location": EL_FASHER, "day": "2024-09-17", "date_text": "Tuesday", "published": "2024-09-18"}
    shelling = mention(
        "Artillery shells struck the market of Abu Shouk camp in El Fasher on Tuesday, killing 31.",
        article="a", fatalities=31, **common,
    )  # fmt: skip
    told = (
        "the RSF said it was the army that had shelled the market of Abu Shouk camp in El Fasher on Tuesday."
    )
    _report, denial = (
        mention(f"In a statement, {told}", article="b", **common),
        mention(f"In a statement rejecting what it called fabrications, {told}", article="b", **common),
    )
    pair = signature(shelling), signature(denial)
    assert score(*pair, Rules(denial_penalty=0.0)) - score(*pair) == pytest.approx(Rules().denial_penalty)

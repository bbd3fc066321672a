"""Date expressions resolved against the publication day, found in sentences, and attached to events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Token

from sitroom.attributes.dates import (
    days_running,
    event_date,
    find_date_expressions,
    in_present_tense,
    resolve_expression,
)
from sitroom.models import DateSpan

WED = date(2024, 6, 5)  # a Wednesday
SUN = date(2024, 6, 2)  # a Sunday
NEW_YEAR = date(2024, 1, 2)  # a Tuesday, just after a year boundary
LEAP = date(2024, 3, 1)  # a Friday, the day after 29 February

Word = Callable[[str, str], Token]


def span(text: str, published: date = WED, future: bool = False) -> tuple[str, str, str] | None:
    """(start, end, precision) as ISO strings, or None."""
    found = resolve_expression(text, published, future)
    return None if found is None else (found.start.isoformat(), found.end.isoformat(), found.precision)


def day(iso: str) -> tuple[str, str, str]:
    return (iso, iso, "day")


def test_explicit_dates() -> None:
    assert span("March 3") == day("2024-03-03")
    assert span("3 March 2024") == day("2024-03-03")
    assert span("on Jan. 5") == day("2024-01-05")
    assert span("June 4, 2024") == day("2024-06-04")
    assert span("2024-06-01") == day("2024-06-01")
    assert span("the 5th of June") == day("2024-06-05")
    assert span("5/6/2024") == day("2024-05-06")  # dateparser's format (US month first)


def test_explicit_date_year_follows_tense() -> None:
    assert span("June 10") == day("2023-06-10")  # after publication in a past clause: last year's
    assert span("June 10", future=True) == day("2024-06-10")
    assert span("June 6") == day("2024-06-06")  # the next day: a report across a time zone
    assert span("Wednesday, June 5", SUN) == day("2024-06-05")  # the weekday settles the year


def test_weekdays_from_a_wednesday() -> None:
    assert span("on Wednesday") == day("2024-06-05")  # the publication day itself
    assert span("Tuesday") == day("2024-06-04")
    assert span("Thursday") == day("2024-05-30")
    assert span("last Wednesday") == day("2024-05-29")
    assert span("next Wednesday") == day("2024-06-12")
    assert span("on Thursday", future=True) == day("2024-06-06")
    assert span("earlier on Tuesday") == day("2024-06-04")
    assert span("late Tuesday night") == day("2024-06-04")
    assert span("10 a.m. Tuesday") == day("2024-06-04")


def test_weekdays_from_a_sunday() -> None:
    assert span("Sunday", SUN) == day("2024-06-02")
    assert span("Saturday", SUN) == day("2024-06-01")
    assert span("on Monday", SUN) == day("2024-05-27")
    assert span("on Monday", SUN, future=True) == day("2024-06-03")
    assert span("last Sunday", SUN) == day("2024-05-26")


def test_relative_days() -> None:
    assert span("today") == day("2024-06-05")
    assert span("yesterday") == day("2024-06-04")
    assert span("tomorrow") == day("2024-06-06")
    assert span("last night") == day("2024-06-04")
    assert span("this morning") == day("2024-06-05")
    assert span("three days ago") == day("2024-06-02")
    assert span("overnight") == ("2024-06-04", "2024-06-05", "day")
    assert span("Overnight Saturday into Sunday") == ("2024-06-01", "2024-06-02", "day")
    assert span("overnight into Tuesday") == ("2024-06-03", "2024-06-04", "day")


def test_weeks() -> None:
    assert span("last week") == ("2024-05-27", "2024-06-02", "week")
    assert span("last week", SUN) == ("2024-05-20", "2024-05-26", "week")
    assert span("this week") == ("2024-06-03", "2024-06-05", "week")
    assert span("this week", future=True) == ("2024-06-05", "2024-06-09", "week")
    assert span("next week") == ("2024-06-10", "2024-06-16", "week")
    assert span("earlier this week") == ("2024-06-03", "2024-06-05", "week")
    assert span("the past week") == ("2024-05-29", "2024-06-05", "week")


def test_weekends() -> None:
    assert span("last weekend") == ("2024-06-01", "2024-06-02", "day")
    assert span("the prior weekend") == ("2024-06-01", "2024-06-02", "day")
    assert span("over the weekend") == ("2024-06-01", "2024-06-02", "day")
    assert span("over the weekend", SUN) == ("2024-06-01", "2024-06-02", "day")  # the one ending today
    assert span("last weekend", SUN) == ("2024-05-25", "2024-05-26", "day")  # a finished one
    assert span("this weekend", future=True) == ("2024-06-08", "2024-06-09", "day")


def test_months_and_years() -> None:
    assert span("earlier this month") == ("2024-06-01", "2024-06-05", "month")
    assert span("last month") == ("2024-05-01", "2024-05-31", "month")
    assert span("this month", future=True) == ("2024-06-05", "2024-06-30", "month")
    assert span("next month") == ("2024-07-01", "2024-07-31", "month")
    assert span("in May") == ("2024-05-01", "2024-05-31", "month")
    assert span("mid-May") == ("2024-05-11", "2024-05-20", "month")
    assert span("May 2023") == ("2023-05-01", "2023-05-31", "month")
    assert span("in 2023") == ("2023-01-01", "2023-12-31", "year")
    assert span("last year") == ("2023-01-01", "2023-12-31", "year")
    assert span("earlier this year") == ("2024-01-01", "2024-06-05", "year")


def test_year_and_month_boundaries() -> None:
    assert span("last week", NEW_YEAR) == ("2023-12-25", "2023-12-31", "week")
    assert span("last month", NEW_YEAR) == ("2023-12-01", "2023-12-31", "month")
    assert span("Dec. 30", NEW_YEAR) == day("2023-12-30")
    assert span("on Friday", NEW_YEAR) == day("2023-12-29")
    assert span("Dec. 30 - Jan. 1", NEW_YEAR) == ("2023-12-30", "2024-01-01", "day")
    assert span("last month", LEAP) == ("2024-02-01", "2024-02-29", "month")
    assert span("yesterday", LEAP) == day("2024-02-29")
    assert span("this winter", LEAP) == ("2023-12-01", "2024-02-29", "season")


def test_seasons() -> None:
    assert span("this spring") == ("2024-03-01", "2024-05-31", "season")
    assert span("last summer") == ("2023-06-01", "2023-08-31", "season")
    assert span("this summer") == ("2024-06-01", "2024-06-05", "season")  # the part already past
    assert span("next winter") == ("2024-12-01", "2025-02-28", "season")
    assert span("the spring of 2023") == ("2023-03-01", "2023-05-31", "season")
    assert span("in the autumn", future=True) == ("2024-09-01", "2024-11-30", "season")


def test_windows_and_ranges() -> None:
    assert span("in the coming weeks") == ("2024-06-06", "2024-07-05", "month")
    assert span("in the coming days") == ("2024-06-06", "2024-06-12", "week")
    assert span("in recent days") == ("2024-05-29", "2024-06-05", "week")
    assert span("the past 24 hours") == ("2024-06-04", "2024-06-05", "day")
    assert span("between Monday and Wednesday") == ("2024-06-03", "2024-06-05", "day")
    assert span("between Friday and Sunday", SUN) == ("2024-05-31", "2024-06-02", "day")
    assert span("from March 3 to 5") == ("2024-03-03", "2024-03-05", "day")
    assert span("March 3-5") == ("2024-03-03", "2024-03-05", "day")


def test_not_a_point_in_time() -> None:
    assert span("two weeks") is None
    assert span("16-year-old") is None
    assert span("decades") is None
    assert span("annual") is None
    assert span("the 1990s") is None


def test_text_is_the_expression() -> None:
    found = resolve_expression("the prior weekend", WED)
    assert found is not None and found.text == "the prior weekend"


def test_find_expressions(nlp: Language) -> None:
    def texts(sentence: str) -> list[str]:
        return [m.text for m in find_date_expressions(nlp(sentence)[:])]

    assert texts("Russian drones struck Kharkiv overnight, officials said on Tuesday.") == [
        "overnight",
        "Tuesday",
    ]
    assert texts("Troops attacked the village earlier on Tuesday.") == ["earlier on Tuesday"]
    assert texts("Troops attacked the village late Tuesday night.") == ["late Tuesday night"]
    assert texts("Overnight Saturday into Sunday, Russia launched 40 drones.") == [
        "Overnight Saturday into Sunday"
    ]
    assert texts("The 16-year-old was killed in the attack.") == []
    assert "the prior weekend" in texts("Strikes that hit a store the prior weekend killed 16 people.")


def test_event_date_prefers_the_event_verb(word: Word) -> None:
    sentence = "Israeli strikes killed 12 people in Gaza on Saturday, the health ministry said on Sunday."
    assert event_date(word(sentence, "killed"), WED).start == date(2024, 6, 1)
    sentence = "The attack happened overnight, officials said on Tuesday."
    found = event_date(word(sentence, "happened"), WED)
    assert (found.start, found.end) == (date(2024, 6, 4), date(2024, 6, 5))


def test_event_date_from_the_clause(word: Word) -> None:
    sentence = (
        "Russian strikes that hit a hardware superstore in the city the prior weekend killed 16 people."
    )
    assert event_date(word(sentence, "killed"), WED).text == "the prior weekend"
    assert event_date(word(sentence, "hit"), WED).start == date(2024, 6, 1)
    sentence = "Troops entered the town on Monday and killed five people."
    assert event_date(word(sentence, "killed"), WED).start == date(2024, 6, 3)


def test_event_date_fallbacks(word: Word) -> None:
    context = DateSpan(start=date(2024, 6, 3), end=date(2024, 6, 3), text="Monday")
    sentence = "Israeli strikes killed 12 people in Gaza, the health ministry said on Sunday."
    assert event_date(word(sentence, "killed"), WED, context=context) == context
    assert event_date(word(sentence, "killed"), WED).start == date(2024, 6, 2)  # the report's day
    nothing = event_date(word("The minister visited Kyiv.", "visited"), WED)
    assert (nothing.start, nothing.precision, nothing.text) == (WED, "published", None)


def test_event_date_expected(word: Word) -> None:
    sentence = "Drills are expected in the coming weeks, a U.S. official clarified."
    found = event_date(word(sentence, "expected"), WED, expected=True)
    assert (found.start, found.precision) == (date(2024, 6, 6), "month")
    sentence = "The ministers will meet on Thursday, officials said Monday."
    assert event_date(word(sentence, "meet"), WED, expected=True).start == date(2024, 6, 6)
    sentence = "The ministers will meet in Brussels, officials said Monday."  # the announcement's day
    assert event_date(word(sentence, "meet"), WED, expected=True).start == date(2024, 6, 3)
    sentence = "The ministers will meet in Brussels."
    assert event_date(word(sentence, "meet"), WED, expected=True).precision == "published"


@pytest.mark.parametrize("published", [WED, SUN])
def test_spans_are_ordered(published: date) -> None:
    for text in ("last weekend", "overnight", "this week", "in the coming weeks", "this spring"):
        found = resolve_expression(text, published)
        assert found is not None and found.start <= found.end


def test_future_offsets_and_year_parts() -> None:
    assert span("in two weeks") is None  # a duration ("in two weeks of fighting") unless future
    assert span("in two weeks", future=True) == ("2024-06-19", "2024-06-19", "week")
    assert span("two weeks from now") == ("2024-06-19", "2024-06-19", "week")
    assert span("late 2023") == ("2023-09-01", "2023-12-31", "season")
    assert span("1991-1995") == ("1991-01-01", "1995-12-31", "year")
    assert span("Sunday and Monday") == ("2024-06-02", "2024-06-03", "day")


def test_since(nlp: Language) -> None:
    assert span("since last year") == ("2023-01-01", "2024-06-05", "year")
    sentence = nlp("North Korea has supplied shells since last year, a report said.")[:]
    assert [m.text for m in find_date_expressions(sentence)] == ["since last year"]


def test_a_possessive_date_dates_its_own_noun(word: Callable[[str, str], Token]) -> None:
    published = date(2024, 11, 7)
    sentence = "Thousands have begun marching, responding to an appeal by the loser of last month's vote."
    assert event_date(word(sentence, "marching"), published).precision == "published"
    boycott = word("The opposition said it would boycott Saturday's presidential election.", "boycott")
    assert event_date(boycott, published, expected=True).start == date(2024, 11, 9)


def test_years_and_months_ago() -> None:
    # a name elsewhere in the module once shadowed the unit table these read (KeyError: 'year')
    assert span("two years ago") == ("2022-06-06", "2022-06-06", "year")
    assert span("three months ago") == ("2024-03-07", "2024-03-07", "month")


def test_day_and_month_the_small_model_leaves_as_a_month(nlp: Language) -> None:
    def texts(sentence: str) -> list[str]:
        return [m.text for m in find_date_expressions(nlp(sentence)[:])]

    assert texts("On the morning of 17 May, gunmen attacked the village.") == ["the morning of 17 May"]
    assert texts("Police raided the office in the early hours of Tuesday.") == ["the early hours of Tuesday"]
    assert span("the morning of 17 May") == day("2024-05-17")
    assert span("the early hours of Tuesday") == day("2024-06-04")
    assert span("the night of Saturday") == day("2024-06-01")
    assert span("3 and 4 May") == ("2024-05-03", "2024-05-04", "day")


def test_a_date_on_another_noun_does_not_date_the_act(word: Word) -> None:
    sentence = "Officials met on Monday to discuss the 2016 arbitral award."
    assert event_date(word(sentence, "discuss"), WED).start == date(2024, 6, 3)
    sentence = "Chinese police began joint patrols in Belgrade, the sixth such mission since 2019."
    assert event_date(word(sentence, "began"), WED).precision == "published"
    sentence = "Fighters killed 17 people in a raid on a village near the city of Maiduguri on Sunday."
    assert event_date(word(sentence, "killed"), WED).start == date(2024, 6, 2)
    sentence = "Friday's bombing killed 12 people."
    assert event_date(word(sentence, "killed"), WED).start == date(2024, 5, 31)


def test_a_present_tense_statement(word: Word) -> None:
    assert in_present_tense(word("The Red Cross calls on both sides to spare civilians.", "calls"))
    assert in_present_tense(word("Police are firing tear gas at the crowd.", "firing"))
    assert not in_present_tense(word("The Red Cross called on both sides to spare civilians.", "called"))
    assert not in_present_tense(word("The ministry has condemned the raid.", "condemned"))


def test_a_date_qualifying_a_thing_is_not_the_acts(word: Word) -> None:
    """A date before a common noun ("Sunday levels", "the 28 July election") or joined to a noun by
    "of" ("the statement of 10 November 2020") dates that thing, not the act."""
    sentence = "Electricity consumption has fallen to Sunday levels, the unions said."
    assert event_date(word(sentence, "fallen"), WED).precision == "published"
    sentence = "The council withdrew its invitation to observe the 28 July presidential election."
    assert event_date(word(sentence, "withdrew"), WED).precision == "published"
    sentence = "The ministry condemned the violation of the trilateral statement of 10 November 2020."
    assert event_date(word(sentence, "condemned"), WED).precision == "published"
    sentence = "In the spirit of the Luanda summit of 23 November, the rebels withdrew from Kibumba."
    assert event_date(word(sentence, "withdrew"), WED).precision == "published"


def test_a_date_the_parser_hung_on_a_name_or_the_act_still_dates_it(word: Word) -> None:
    sentence = "On Sunday Army helicopters took dozens of families out of Tibu."
    assert event_date(word(sentence, "took"), WED).start == date(2024, 6, 2)
    sentence = "The attack of 3 June killed five soldiers."
    assert event_date(word(sentence, "killed"), WED).start == date(2024, 6, 3)


def test_a_weekday_run_on_into_a_count(word: Word) -> None:
    """The model's entity "Saturday eight" (in "ordered on Saturday eight units") is Saturday."""
    sentence = "Police headquarters ordered on Saturday eight units of riot police to the valley."
    assert event_date(word(sentence, "ordered"), WED).start == date(2024, 6, 1)


def test_a_plans_date_does_not_date_the_agreement_or_order(word: Word) -> None:
    """ "agreed to meet again at the end of April", "ordered … by November 18": the date is the plan's."""
    sentence = "Both sides agreed to meet again at the end of April, the facilitator said."
    assert event_date(word(sentence, "agreed"), WED).precision == "published"
    sentence = "The tribunal ordered that they be produced before it by November 18."
    assert event_date(word(sentence, "ordered"), WED).precision == "published"
    sentence = "The government said it will publish all the documents by Monday."
    assert event_date(word(sentence, "said"), WED).precision == "published"


def test_an_act_inside_the_plan_keeps_its_date(word: Word) -> None:
    sentence = "And tomorrow I will be in Bogota meeting the defence minister."
    assert event_date(word(sentence, "meeting"), WED).start == date(2024, 6, 6)
    sentence = "Both sides agreed to meet again at the end of June."
    assert event_date(word(sentence, "meet"), WED, expected=True).start == date(2024, 6, 21)


def test_will_and_for_look_ahead_whatever_the_factuality(word: Word) -> None:
    """ "will march on Tuesday evening", "a strike called for Monday": the next such day, even when the
    event was not coded as expected."""
    sentence = "Protesters will march on Tuesday evening, the union said."
    assert event_date(word(sentence, "march"), WED).start == date(2024, 6, 11)
    sentence = "The union called a general strike for Monday."
    assert event_date(word(sentence, "called"), WED).start == date(2024, 6, 10)


def test_ranges_with_the_month_or_the_days_clock_on_the_right() -> None:
    """ "from 9 to 11 May 2023" takes the right end's month and year; "6 p.m. on Tuesday until 6 a.m. on
    Wednesday" reads its two days; "the night of Sunday to Monday" its two (docs/accuracy.md, session 5)."""
    assert span("from 9 to 11 May 2023") == ("2023-05-09", "2023-05-11", "day")
    assert span("6 p.m. on Tuesday until 6 a.m. on Wednesday", date(2024, 6, 4)) == (
        "2024-06-04",
        "2024-06-05",
        "day",
    )
    assert span("the night of Sunday to Monday") == ("2024-06-02", "2024-06-03", "day")


def test_a_clock_time_joins_its_day_but_a_duration_does_not(nlp: Language) -> None:
    def texts(sentence: str) -> list[str]:
        return [m.text for m in find_date_expressions(nlp(sentence)[:])]

    curfew = "Authorities declared a curfew from 6 p.m. on Tuesday until 6 a.m. on Wednesday."
    assert texts(curfew) == ["6 p.m. on Tuesday until 6 a.m. on Wednesday"]
    night = "Twelve people were killed in the night of Sunday to Monday during an attack."
    assert texts(night) == ["the night of Sunday to Monday"]
    blockade = "Over 300 people blocked the road for nearly five hours on Saturday."
    assert "Saturday" in texts(blockade)
    evening = "Networks went down for a third consecutive evening on Tuesday."
    assert "Tuesday" in texts(evening)


def test_a_present_statement_is_not_dated_by_what_it_says(word: Word) -> None:
    """ "We denounce that on 17 May the Air Force bombed …": the denunciation is made as the story is
    written; the 17 May is the bombing's. The act a present statement names keeps its own date."""
    sentence = "We denounce that on 17 May the Air Force bombed a rural area of Alto Baudo."
    anchor = word(sentence, "denounce")
    assert in_present_tense(anchor)
    assert event_date(anchor, WED, present=True).precision == "published"
    assert event_date(anchor, WED).text == "17 May"  # read as a past statement, the clause's date
    sentence = "Sahel Medical Relief condemns the attack carried out on Saturday against the health centre."
    assert event_date(word(sentence, "attack"), WED, present=True).start == date(2024, 6, 1)


def test_a_date_in_a_clause_about_a_noun_is_that_nouns(word: Word) -> None:
    """ "Faye, *who took office in April*, urged …": the clause tells of Faye, not of the urging; so
    does a participle's ("welcomed the release of detainees *carried out on 24 November*"). A clause on
    an act noun ("the raid *that took place on Sunday*") still dates the act."""
    sentence = "Faye, who took office in April promising to create jobs, urged the European Union to act."
    assert event_date(word(sentence, "urged"), WED).precision == "published"
    sentence = "The guarantor states welcomed the release of detainees carried out by the parties on 24 May."
    assert event_date(word(sentence, "welcomed"), WED).precision == "published"
    sentence = "Officials condemned the raid that took place on Sunday in the north."
    assert event_date(word(sentence, "condemned"), WED).start == date(2024, 6, 2)


def test_a_weekday_that_restates_a_relative_day() -> None:
    assert span("Yesterday, Sunday", date(2023, 12, 11)) == day("2023-12-10")
    assert span("the day before yesterday Tuesday", date(2024, 1, 25)) == day("2024-01-23")


def test_an_act_running_for_its_third_day(word: Callable[[str, str], Token]) -> None:
    """ "Blocked the highway for a third day on Wednesday" ran Monday to Wednesday; an act beside it in
    another clause keeps its own day."""
    sentence = "Farmers blocked the highway for a third day on Wednesday in protest at the closure."
    anchor = word(sentence, "blocked")
    assert days_running(event_date(anchor, WED), anchor) == DateSpan(
        start=date(2024, 6, 3), end=WED, precision="day", text="Wednesday"
    )
    sentence = "Farmers blocked the highway for a third day, and police arrested ten of them on Wednesday."
    arrest = word(sentence, "arrested")
    assert days_running(event_date(arrest, WED), arrest).start == WED
    once = word("Farmers blocked the highway on Wednesday.", "blocked")
    assert days_running(event_date(once, WED), once).start == WED


def test_an_act_that_goes_on_keeps_its_infinitives_date(word: Callable[[str, str], Token]) -> None:
    """ "Continued to block the track for the fifth day on Wednesday": the infinitive of a verb of aspect
    is the act itself, not a plan, so its date is the act's (and it ran from Saturday); a plan's
    infinitive ("agreed to meet on Friday") still does not date the agreement."""
    sentence = "Villagers continued to block the railway for the fifth consecutive day on Wednesday."
    anchor, thursday = word(sentence, "continued"), date(2024, 6, 6)
    found = days_running(event_date(anchor, thursday), anchor)
    assert (found.start, found.end) == (date(2024, 6, 1), WED)
    plan = word("The two sides agreed to meet again on Friday.", "agreed")
    assert event_date(plan, WED).precision == "published"


def test_the_following_day_is_told_from_the_last_dated_act(word: Callable[[str, str], Token]) -> None:
    """ "The following day" or "hours later" names a day from the story's last dated act, not the week
    after publication; without such an act it names nothing."""
    assert span("the following day") is None
    monday = DateSpan(start=date(2024, 6, 3), end=date(2024, 6, 3), precision="day", text="Monday")
    sentence = "The rebels withdrew from the town the following day."
    withdrew = word(sentence, "withdrew")
    assert event_date(withdrew, WED, previous=monday).start == date(2024, 6, 4)
    later = word("Police arrested two suspects hours later.", "arrested")
    assert event_date(later, WED, previous=monday).start == date(2024, 6, 3)
    assert event_date(withdrew, WED).precision == "published"


def test_a_plan_with_no_day_of_its_own_takes_its_announcements(word: Callable[[str, str], Token]) -> None:
    """ "Said on Monday that he would appeal": the plan names no day, so the day it was announced dates
    it, not publication; a day of its own still wins, and a past day is never its own."""
    sentence = "The minister said on Monday that he would appeal the ruling."
    assert event_date(word(sentence, "appeal"), WED, expected=True).start == date(2024, 6, 3)
    sentence = "The minister said on Monday that he would appeal the ruling on Friday."
    assert event_date(word(sentence, "appeal"), WED, expected=True).start == date(2024, 6, 7)


def test_since_with_a_perfect_verb_is_how_long_the_act_has_run(word: Word) -> None:
    """The parser may hang "since …" on a noun of the clause; with the verb in the perfect it still tells how
    long the act has run. A noun ranked since then ("the fifth such rotation since 2021") keeps the date."""
    sentence = "Villagers have blocked the road used by lorries carrying ore from the pit since May 28."
    found = event_date(word(sentence, "blocked"), WED)
    assert (found.start, found.end) == (date(2024, 5, 28), WED)
    sentence = "Japanese officers have started drills with Filipino crews, the fifth such rotation since 2021"
    assert event_date(word(sentence, "started"), WED).precision == "published"


def test_a_plan_due_by_a_deadline_runs_from_publication_to_it(word: Word) -> None:
    """ "Will hand over the equipment by the end of the year": the act may fall on any day from the statement
    to the deadline. A past "by Monday" ("by Monday, police had detained 30") is the day itself."""
    sentence = "Norway will hand over three more transport helicopters to Kenya by the end of the year."
    found = event_date(word(sentence, "hand"), WED, expected=True)
    assert (found.start, found.end) == (WED, date(2024, 12, 31))
    sentence = "The ministry said the contractors would deliver the first water tanks before Saturday."
    found = event_date(word(sentence, "deliver"), WED)
    assert (found.start, found.end) == (WED, date(2024, 6, 8))
    sentence = "By Monday, police had detained 30 people in the capital."
    assert event_date(word(sentence, "detained"), WED).start == date(2024, 6, 3)


def test_a_perfect_act_running_for_so_many_days(word: Word) -> None:
    """ "Have been camping outside the ministry for six days" ran from six days before its date to it; a
    past act "for two days" (a detention's length) and a "for" with no perfect keep their own day."""
    anchor = word("Nurses have been camping outside the health ministry for six days.", "camping")
    found = days_running(event_date(anchor, WED), anchor)
    assert (found.start, found.end) == (date(2024, 5, 31), WED)
    anchor = word("Soldiers held the reporter at a checkpoint for two days on Monday.", "held")
    assert days_running(event_date(anchor, WED), anchor).start == date(2024, 6, 3)
    anchor = word("The dock workers' walkout entered its fourth day on Tuesday.", "entered")
    found = days_running(event_date(anchor, WED), anchor)
    assert (found.start, found.end) == (date(2024, 6, 1), date(2024, 6, 4))


def test_a_reported_would_looks_ahead(word: Word) -> None:
    """ "Said they would march again on Saturday": the reported plan's weekday is the next one, as with
    "will"; "would have" is a possibility about the past and keeps the last one."""
    anchor = word("The farmers' union said its members would march again on Saturday.", "march")
    assert event_date(anchor, WED).start == date(2024, 6, 8)
    anchor = word("Analysts said the envoy would have met the rebels on Saturday.", "met")
    assert event_date(anchor, WED).start == date(2024, 6, 1)


def test_a_background_act_in_a_phrase_keeps_its_own_date(word: Word) -> None:
    """ "Seized rifles of the kind used in Sunday's ambush", "freed 40 people jailed over last year's
    riots": an act noun inside a prepositional phrase, dated before it, is another act told in the
    background; the event's own word, a killing "in Friday's raid" and a toll "from Friday's raid" keep
    the date."""
    sentence = "Police seized two rifles of the kind used in Sunday's ambush, officers said on Tuesday."
    assert event_date(word(sentence, "seized"), WED).start == date(2024, 6, 4)
    sentence = "The government freed 40 people jailed over last year's riots."
    assert event_date(word(sentence, "freed"), WED).precision == "published"
    sentence = "Four farmers were killed in Friday's raid on the village."
    assert event_date(word(sentence, "killed"), WED).start == date(2024, 5, 31)
    sentence = "The death toll from Friday's raid on the village rose to nine."
    assert event_date(word(sentence, "raid"), WED).start == date(2024, 5, 31)


def test_the_statement_an_act_is_made_in_dates_it(word: Word) -> None:
    """The clause that dates the statement an act is made in dates the act; a clause on another noun
    still dates only that noun."""
    sentence = "The minister condemned the raid in a statement issued on Monday evening."
    assert event_date(word(sentence, "condemned"), WED).start == date(2024, 6, 3)
    sentence = "The minister condemned the raid by militants who crossed the border on Monday."
    assert event_date(word(sentence, "condemned"), WED).precision == "published"


def test_the_start_of_a_period() -> None:
    """ "Since the start of the month" runs from the first day of the publication's month."""
    published = date(2024, 6, 13)
    span = resolve_expression("since the start of the month", published)
    assert (span.start, span.end) == (date(2024, 6, 1), published)
    span = resolve_expression("since the beginning of the year", published)
    assert (span.start, span.end) == (date(2024, 1, 1), published)
    span = resolve_expression("since the beginning of the week", published)
    assert span.start == date(2024, 6, 10)


def test_between_two_days_is_one_span(word: Callable[[str, str], Token]) -> None:
    """ "Between 28 February and 3 March" is one span of days even when the model tags its ends apart;
    two dates joined by "and" without "between" stay two."""
    sentence = (
        "Between 28 February and 3 March, the agency and its partners distributed blankets to 900 people."
    )
    found = event_date(word(sentence, "distributed"), WED)
    assert (found.start, found.end) == (date(2024, 2, 28), date(2024, 3, 3))
    sentence = "Troops killed two men on 3 May and arrested four others on 5 June."
    assert event_date(word(sentence, "arrested"), WED).start == date(2024, 6, 5)

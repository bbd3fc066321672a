"""Dates and tolls read across an article's sentences, as the independent corpus showed them failing
(docs/accuracy.md, "Tolls and dates on the independent corpus"): real spaCy model, real coder, no mocks.

Rules variant of the detect stage, as in test_coder.py: these pin what the rules do."""

from datetime import date

import pytest

from sitroom.coding.coder import Coder
from sitroom.coding.stages import _dated_word
from sitroom.models import Article, Event

PUBLISHED = date(2024, 6, 6)  # a Thursday


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load("rules")


def code(coder: Coder, text: str, published: date = PUBLISHED) -> list[Event]:
    return coder.code(Article(id="t", text=text, published=published)).events


def tolls(coder: Coder, text: str) -> list[int | None]:
    return [e.fatalities for e in code(coder, text) if e.type == "ASSAULT"]


def test_a_revision_gives_the_figure_it_rose_to(coder: Coder) -> None:
    text = (
        "RSF shelling hit the central market of Abu Shouk camp on 9 August, killing at least 13 people. "
        "Partners report that the death toll, initially put at 13, rose to 22 by 11 August."
    )
    assert tolls(coder, text)[0] == 22
    text = (
        "Militiamen attacked the displacement site of Rhoe on Sunday night, killing nine people. "
        "The provisional toll of nine dead announced on Monday morning was raised to twelve in the afternoon."
    )
    assert tolls(coder, text)[0] == 12


def test_some_of_the_dead_told_later_keep_the_leads_toll(coder: Coder) -> None:
    """ "Seven were killed at the scene; two more died later" and "the dead included four soldiers" break
    the lead's nine and eleven down; neither is a new, lower total."""
    text = (
        "A suicide bomber drove a car packed with explosives into a military checkpoint in Bannu on Monday, "
        "killing nine soldiers. Seven soldiers were reported killed at the scene; two more died later in "
        "the day at the military hospital, officials said."
    )
    assert tolls(coder, text)[0] == 9
    text = (
        "A suicide bomber drove a minibus into a checkpoint in Mogadishu on Saturday, killing at least 11 "
        "people. He said the dead included four soldiers, a traffic policeman and six civilians."
    )
    assert tolls(coder, text)[0] == 11


def test_deaths_in_another_act_do_not_revise_the_toll(coder: Coder) -> None:
    text = (
        "A gunman shot shoppers at a Walmart store in El Paso on Saturday, killing 22 people. "
        "The El Paso shooting preceded another one less than thirteen hours later in Dayton, where ten "
        "people died."
    )
    assert tolls(coder, text)[0] == 22


def test_a_later_story_date_is_not_taken_from_a_running_period(coder: Coder) -> None:
    """ "Since 20 November" opens a period: the acts told next are of their own day (here, none is
    named, so publication), not all of the 20th."""
    text = (
        "Since 20 November, Turkish forces have been continuing their aggression against the region, "
        "targeting civilians. In the afternoon, a Turkish drone struck a military vehicle near Qamishli."
    )
    shelling = next(e for e in code(coder, text) if "Qamishli" in e.evidence)
    assert shelling.date.start == PUBLISHED


def test_a_truce_until_a_later_day_does_not_date_the_story(coder: Coder) -> None:
    text = (
        "The ELN announced a unilateral ceasefire from Friday 7 June until Tuesday 11 June. "
        "Rebels attacked a police station in Tibu."
    )
    attack = next(e for e in code(coder, text) if e.type == "ASSAULT")
    assert attack.date.start == PUBLISHED


def test_a_headline_date_does_not_date_the_story(coder: Coder) -> None:
    text = (
        "Tractors to the border from Wednesday, warns farmers' committee\n\n"
        "Farmers blocked the national road at the Nikaia junction with hundreds of tractors."
    )
    blockade = next(e for e in code(coder, text) if e.type == "PROTEST" and "Nikaia" in e.evidence)
    assert blockade.date.start == PUBLISHED


def test_an_act_found_on_according_is_dated_by_its_verb(coder: Coder) -> None:
    """The learned stage may put an act on "according"; its verb's date is still the act's."""
    nlp_doc = coder.nlp("On 3 June, troops launched an operation near Monguno, according to sources.")
    according = next(t for t in nlp_doc if t.lower_ == "according")
    assert _dated_word(according).lower_ == "launched"


def test_a_present_statement_with_a_bullet_after_it_is_of_the_publication_day(coder: Coder) -> None:
    """A report's next "- " bullet, hung on the sentence's end, made "OCHA calls on donors …" look like
    a headline (whose present tells a past act), so it took the lead's 3 June."""
    text = (
        "Armed men attacked Ndombi village on 3 June, killing 26 civilians.\n\nGAPS AND CONSTRAINTS\n"
        "- Partners estimate that US$2.1 million is needed. OCHA calls on donors to urgently provide "
        "additional flexible funding.\n- Insecurity on the roads continues to limit assessments."
    )
    requests = [e for e in code(coder, text) if e.type == "REQUEST"]
    assert requests and requests[0].date is not None and requests[0].date.start == PUBLISHED

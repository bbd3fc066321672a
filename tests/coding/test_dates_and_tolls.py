"""Dates and tolls read across an article's sentences, as the independent corpus showed them failing
(docs/accuracy.md, "Tolls and dates on the independent corpus"): real spaCy model, real coder, no mocks.

Rules variant of the detect stage, as in test_coder.py: these pin what the rules do."""

from datetime import date

import pytest

from sitroom.attributes import Casualties
from sitroom.coding.coder import Coder
from sitroom.coding.stages import _dated_word, _perfect_modal
from sitroom.coding.tolls import _toll_figure
from sitroom.models import Article, Event
from sitroom.nlp import load_nlp

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


def test_deaths_told_as_lives_lost_after_the_act(coder: Coder) -> None:
    """ "As a result of the attack, Agent X lost his life": a toll told in the next sentence, in the words of
    an official statement ("lost his life", "was mortally wounded")."""
    text = (
        "On 12 May, a patrol of the national police was attacked with firearms by a group of men near the "
        "village of Santa Rosa. As a result of the attack, Agent Pedro Ramos Tzul lost his life and three "
        "other agents were wounded."
    )
    assert tolls(coder, text)[0] == 1
    text = (
        "On 3 October, units of the enemy opened fire with mortars at our positions near the border. "
        "As a result of the enemy fire, Private Levon Sargsyan was mortally wounded."
    )
    assert tolls(coder, text)[0] == 1


def test_no_injuries_on_either_side_is_a_toll_of_zero_for_every_act(coder: Coder) -> None:
    text = (
        "Israeli aircraft struck a Hamas site in the northern Gaza Strip early on Wednesday, hours after a "
        "rocket fired from the enclave hit an open area near Sderot. No injuries were reported on either "
        "side."
    )
    assert set(tolls(coder, text)) == {0}
    text = "Gunmen fired on a convoy of aid trucks near Rafah on Sunday. No staff were injured."
    assert tolls(coder, text) == [0]


def test_a_later_toll_is_the_attacks_not_a_later_arrests(coder: Coder) -> None:
    text = (
        "Gunmen attacked a market in Maiduguri on Monday. Police arrested three suspects on Tuesday. "
        "The death toll rose to 12, officials said."
    )
    assert tolls(coder, text)[0] == 12


def test_a_revision_without_its_figure_keeps_the_acts_toll(coder: Coder) -> None:
    """ "Initial figures (14 dead) were revised upwards": the 14 is the figure revised, not the new toll."""
    text = (
        "On 8 June, gunmen killed 3 farmers near Mamove. Initial figures reported on 6 June for the attack "
        "on Ndombi (14 dead) were revised upwards after more bodies were found."
    )
    assert tolls(coder, text)[0] == 3


def test_a_running_total_since_a_month_is_not_the_attacks_toll(coder: Coder) -> None:
    text = (
        "Rebels raided the village of Kasinga on Monday night. The group is blamed for the deaths of more "
        "than 700 civilians around Beni since October 2014."
    )
    assert tolls(coder, text)[0] is None
    for running in (
        "Since then, more than 40 persons have died in clashes between the two groups.",
        "Since February, more than 40 persons have died in clashes between the two groups.",
        "The health ministry said the death toll in the territory had passed 25,000.",
    ):
        assert tolls(coder, f"Rebels raided the village of Kasinga on Monday night. {running}")[0] is None


def test_a_communiques_list_gives_the_own_sides_dead(coder: Coder) -> None:
    text = (
        "On Sunday 14 August, at around 16:30, a unit of the armed forces on patrol was attacked north of "
        "Banibangou by a large number of armed terrorists on motorcycles.\n"
        "- On the friendly side: eleven (11) killed, six (6) wounded evacuated to Niamey;\n"
        "- On the enemy side: several dozen terrorists neutralised and a quantity of weapons recovered."
    )
    assert tolls(coder, text)[0] == 11
    text = (
        "On Friday, a unit of the armed forces was ambushed near the village of Tassia by "
        "several hundred armed terrorists. Provisional toll: - Friendly side: twelve (12) soldiers "
        "fallen on the field of honour; - Enemy side: several dozen terrorists neutralised."
    )
    assert tolls(coder, text)[0] == 12
    line = next(coder.nlp("- People killed (Kyrgyz side): 36, including 2 children (Health Ministry)").sents)
    assert _toll_figure(line) == Casualties(killed=36)


def test_bodies_and_deaths_told_after_the_act(coder: Coder) -> None:
    text = (
        "A drone struck a crowd near the main bus station in Dangila on Tuesday afternoon. A health worker "
        "at the town's hospital said 12 bodies and 23 wounded people had been brought in."
    )
    assert tolls(coder, text)[0] == 12
    text = (
        "Armed clashes broke out between gunmen in two districts of Tripoli on Thursday. The clashes have "
        "so far resulted in the death of six citizens and the wounding of 47 others."
    )
    assert tolls(coder, text)[0] == 6


def test_the_strikes_killed_gives_the_attack_before_its_toll(coder: Coder) -> None:
    text = (
        "Pakistani aircraft struck several locations in the Barmal district of Paktika province late on "
        "Tuesday night. Speaking in Kabul, a Taliban spokesman said the strikes killed 46 people."
    )
    assert tolls(coder, text) == [46, 46]  # two events here (two places named), both with the toll


def test_a_leads_toll_goes_to_the_attack_told_after_it(coder: Coder) -> None:
    text = (
        "The death toll from artillery fire that tore through a market in El Fasher rose to 27 on Wednesday, "
        "as the governor accused the RSF of targeting civilians.\n\n"
        "Shells slammed into the main market of Abu Shouk camp shortly after 9 a.m. on Tuesday."
    )
    assert tolls(coder, text)[-1] == 27


def test_a_disasters_toll_is_not_the_attacks(coder: Coder) -> None:
    text = (
        "A car packed with explosives blew up outside the Corinto police station on Tuesday. Authorities in "
        "Brazil say the death toll from this month's floods has risen to 161."
    )
    assert tolls(coder, text)[0] is None


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


def test_no_one_hurt_zeroes_the_acts_told_just_before(coder: Coder) -> None:
    """Train split (W08, W14, W25 …): the zero closes the telling of every act just before it that has no
    toll, not only the last ("two rockets were fired … aircraft struck … No injuries were reported")."""
    text = (
        "Militants fired two rockets from the Gaza Strip at Israel last night. Israeli aircraft struck a "
        "Hamas post in response. No injuries or damage were reported."
    )
    assert tolls(coder, text) == [0, 0]
    text = (
        "Pakistani troops fired mortar shells at Indian posts in the Hiranagar sector on Monday night, "
        "officials said. There was no loss of life or injury on the Indian side."
    )
    assert tolls(coder, text) == [0]


def test_a_zero_stops_at_an_act_with_a_toll(coder: Coder) -> None:
    text = (
        "A roadside bomb killed two soldiers in Pattani on Monday. Hours later, gunmen fired at a police "
        "post in Yala. No one was hurt in the second attack."
    )
    assert tolls(coder, text) == [2, 0]


def test_a_dateline_with_a_colon_is_not_the_leads_subject(coder: Coder) -> None:
    """Train split (W08, W18, W25): "Srinagar, Sep 26:" opened the lead's sentence, the parser made the
    city its subject (a person to NER) and the toll counted it."""
    text = (
        "Srinagar, Sep 26: Two heavily armed militants were killed when troops foiled an infiltration bid "
        "along the Line of Control in Kupwara district early Monday, an Army spokesman said."
    )
    assert tolls(coder, text) == [2]
    text = (
        "MAROUA - At least six people, among them four members of a local vigilance committee, were killed "
        "when suspected Boko Haram fighters raided the village of Gouzoudou overnight Sunday."
    )
    assert tolls(coder, text) == [6]


def test_a_toll_brought_to_a_figure_later_is_the_latest(coder: Coder) -> None:
    text = (
        "Militants attacked an army camp in Tenenkou on Saturday, killing nine soldiers. Local sources say "
        "two civilians also died in the exchange of fire, which brings the toll to eleven dead."
    )
    assert tolls(coder, text)[0] == 11


def test_other_dead_told_later_add_to_the_toll(coder: Coder) -> None:
    """Train split (R2): "five other civilians also died" after the lead's one named victim is five more."""
    text = (
        "A bomb planted by Houthi rebels killed a photojournalist in the port town of Mokha, Yemen, on "
        "Tuesday. At least five other civilians also died in the attack."
    )
    assert tolls(coder, text)[0] == 6


def test_a_possibility_about_the_past_keeps_past_dates() -> None:
    """ "Might have encouraged … in late July" is about the past: not next July."""
    doc = load_nlp()("Trump might have encouraged the president to investigate in a phone call in late July.")
    assert _perfect_modal(next(t for t in doc if t.text == "encouraged"))
    doc = load_nlp()("Trump might encourage the president to investigate in a phone call in late July.")
    assert not _perfect_modal(next(t for t in doc if t.text == "encourage"))


def test_a_report_that_counts_only_wounded_tells_no_one_was_killed(coder: Coder) -> None:
    """ "Four guards were wounded when a grenade hit the post" in a report that names no death anywhere:
    the casualties it counts are all wounded, so the attack killed no one (0, known). A death told later,
    or an attack with no count of wounded, is not zeroed."""
    text = "Four border guards were wounded when militants threw a grenade at their post in Kupwara on Monday"
    assert set(tolls(coder, text)) == {0}
    text = (
        "Militants threw a grenade at a border post in Kupwara on Monday, wounding four guards. "
        "One of the guards later died of his wounds in hospital."
    )
    assert 0 not in tolls(coder, text)
    text = "Militants threw a grenade at a border post in Kupwara on Monday."
    assert set(tolls(coder, text)) == {None}


def test_a_sources_count_with_a_quoted_aside_is_the_last_attacks_toll(coder: Coder) -> None:
    text = (
        "Overnight, fighter jets struck rebel camps in the hills north of the town. The police spokesman, "
        'Inspector General Office, said nine gunmen, including "two senior commanders," had been killed.'
    )
    assert tolls(coder, text)[0] == 9


def test_the_attackers_dead_told_after_the_toll_add_to_it(coder: Coder) -> None:
    """People killed in the event are both sides' dead: the attackers' told after the victims' toll are
    more dead, not some of the victims (as a later, lower count of victims would be)."""
    text = (
        "Rebels ambushed an army convoy in the hills on Monday, killing three soldiers. "
        "Two of the attackers were killed in the exchange of fire, the army said."
    )
    assert tolls(coder, text)[0] == 5
    text = (
        "Rebels ambushed an army convoy in the hills on Monday, killing three soldiers. "
        "Two soldiers were killed in the exchange of fire, the army said."
    )
    assert tolls(coder, text)[0] == 3


def test_a_live_blogs_entries_are_of_the_day_it_runs(coder: Coder) -> None:
    """A live blog's timestamped entries tell what happens as the blog runs: an entry with no date of
    its own is of publication, not of the lead's day (train's live blogs date them so)."""
    text = (
        "LIVE: Fighting in the north\n\n"
        "08:05 - Good morning. Rebels shelled the outskirts of Goma on Monday night, residents say.\n\n"
        "09:40 - The army has ordered residents of six villages to leave their homes.\n\n"
        "11:15 GMT - The governor has imposed a curfew on the city.\n\n"
        "12:30 - Kenya's president has called the president of Rwanda."
    )
    events = code(coder, text)
    later = [e for e in events if "curfew" in e.evidence or "called the president" in e.evidence]
    assert later and all(e.date.start == PUBLISHED for e in later)


def test_two_timestamps_make_no_live_blog(coder: Coder) -> None:
    """A report that quotes a time or two keeps the lead's day for what it tells next."""
    text = (
        "Gunmen attacked a police station in Maiduguri on Monday, killing four officers.\n\n"
        "10:30 - the attack began, a witness said.\n\n"
        "Soldiers later arrested two suspects in a nearby village."
    )
    arrest = next(e for e in code(coder, text) if "arrested" in e.evidence)
    assert arrest.date.start == date(2024, 6, 3)


def test_a_window_up_to_publication_does_not_date_the_story(coder: Coder) -> None:
    """ "Over the past nine days" is a running period, like "since": the acts told next are each of their
    own day, not all of the nine days."""
    text = (
        "Thousands of farmers rallied in the capital over the past nine days. "
        "Police fired tear gas at the crowd outside parliament, a police source said."
    )
    tear_gas = next(e for e in code(coder, text) if "tear gas" in e.evidence)
    assert tear_gas.date.start == tear_gas.date.end == PUBLISHED

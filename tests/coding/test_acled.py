"""ACLED event and sub-event types: every one of the 25 reached end to end by the real coder from a sentence
we wrote, and the decision rules on hand-made events (precedence, scope, look-alike words)."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.coding.acled import (
    SUB_EVENT_TYPES,
    AcledCode,
    acled_code,
    sub_event_type,
    with_acled,
)
from sitroom.coding.coder import Coder
from sitroom.models import Actor, Article, Event, Location

PUBLISHED = date(2024, 6, 6)

#: One sentence per sub-event type, written for these tests; each codes to events of that sub-event type only.
SENTENCES: dict[str, str] = {
    "Armed clash":
        "Government troops clashed with Al-Shabaab fighters near Afgooye on Tuesday, leaving nine dead.",
    "Government regains territory":
        "The Malian army recaptured the town of Boni from jihadist fighters on Sunday after heavy fighting.",
    "Non-state actor overtakes territory":
        "M23 rebels seized control of the town of Rubaya after fierce fighting with Congolese troops.",
    "Chemical weapon":
        "Syrian government forces attacked the town of Douma with chlorine gas, killing dozens of residents.",
    "Air/drone strike": "Israeli warplanes struck a building in Gaza City on Tuesday.",
    "Suicide bomb": "A suicide bomber blew himself up at a police checkpoint in Kabul, killing six officers.",
    "Shelling/artillery/missile attack":
        "Russian forces shelled the city of Kherson on Monday, killing two civilians.",
    "Remote explosive/landmine/IED": "A roadside bomb killed four soldiers in Mali's Mopti region on Friday.",
    "Grenade": "Unidentified attackers threw a grenade at a bar in Bujumbura, wounding 12 people.",
    "Sexual violence":
        "Government soldiers sexually assaulted dozens of women in Tigray, a rights group said.",
    "Attack": "Gunmen killed 14 villagers in an attack on a village in Plateau state.",
    "Abduction/forced disappearance":
        "Bandits abducted 30 students from a school in Kaduna state on Thursday.",
    "Peaceful protest": "Thousands of teachers protested outside parliament in Nairobi on Tuesday.",
    "Protest with intervention":
        "Police fired tear gas to disperse hundreds of opposition supporters protesting in Dakar.",
    "Excessive force against protesters":
        "Security forces opened fire on protesters in Khartoum, killing five people.",
    "Violent demonstration": "Protesters torched a police station and threw stones at officers in Lagos.",
    "Mob violence": "A mob beat two suspected thieves to death in a market in Kampala on Sunday.",
    "Agreement": "The government and the rebels signed a ceasefire agreement in Doha on Friday.",
    "Arrests": "Police arrested opposition leader Kizza Besigye in Kampala on Monday.",
    "Change to group/activity": "The president declared a state of emergency in three provinces.",
    "Disrupted weapons use": "Ukrainian air defences shot down 20 Russian drones overnight.",
    "Headquarters or base established": "Russian forces set up a military base in the town of Kidal.",
    "Looting/property destruction":
        "Militiamen looted shops and torched houses in a village in Ituri province.",
    "Non-violent transfer of territory":
        "The army took control of the town without a fight after the rebels withdrew.",
    "Other": "The junta banned all political parties on Wednesday.",
}  # fmt: skip


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load("rules")  # the ACLED stage's rules, on the rules' own candidates


def code(coder: Coder, text: str) -> list[Event]:
    return coder.code(Article(id="t", text=text, published=PUBLISHED)).events


def test_the_codebook_has_25_sub_event_types_in_6_event_types() -> None:
    assert len(SUB_EVENT_TYPES) == 25 == len(SENTENCES)
    assert set(SUB_EVENT_TYPES.values()) == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments",
    }  # fmt: skip


@pytest.mark.parametrize(("sub_event", "text"), SENTENCES.items())
def test_every_sub_event_type_is_reached_by_the_coder(coder: Coder, sub_event: str, text: str) -> None:
    events = code(coder, text)
    assert events, text
    assert {e.acled_sub_event_type for e in events} == {sub_event}, [(e.type, e.mode) for e in events]
    assert {e.acled_event_type for e in events} == {SUB_EVENT_TYPES[sub_event]}


@pytest.mark.parametrize(
    "text",
    [
        "The Japanese prime minister visited Manila on Wednesday.",
        "Lithuania accused Russia of spying on its ports.",
        "The United Nations urged both sides to agree a ceasefire.",
        "The European Union imposed sanctions on Iran's drone makers.",
        "Opposition parties boycotted the parliamentary elections.",
        "Iran will retaliate against Israel, the foreign minister said.",
    ],
)
def test_events_outside_acleds_scope_have_no_sub_event_type(coder: Coder, text: str) -> None:
    events = code(coder, text)
    assert events, text
    assert {(e.acled_event_type, e.acled_sub_event_type) for e in events} == {
        ("Strategic developments", None)
    }


# ---- the decision function on hand-made events -----------------------------------------------------------

ARMY = Actor(name="Mali", country="MLI", sector="MIL", text="Malian troops")
RUSSIA = Actor(name="Russia", country="RUS", sector="MIL", text="Russian forces")
UKRAINE = Actor(name="Ukraine", country="UKR", text="Ukraine")
REBELS = Actor(name="rebels", country="MLI", sector="REB", text="rebels")
GUNMEN = Actor(name="gunmen", country="NGA", sector="UAF", text="Gunmen")
POLICE = Actor(name="police", country="KEN", sector="COP", text="Police")
VILLAGERS = Actor(name="villagers", country="NGA", sector="CVL", text="villagers")
PROTESTERS = Actor(name="protesters", country="KEN", sector="CVL", text="Protesters")


def event(kind: str, evidence: str, mode: str | None = None, cameo: str = "190", **fields: object) -> Event:
    values = {"id": "e", "type": kind, "mode": mode, "evidence": evidence, "sentence_start": 0,
              "sentence_end": len(evidence), "trigger": evidence.split()[1], "cameo": cameo,
              "cameo_root": cameo[:2]}  # fmt: skip
    return Event.model_validate(values | fields)


def sub(kind: str, evidence: str, mode: str | None = None, **fields: object) -> str | None:
    return sub_event_type(event(kind, evidence, mode, **fields))


def test_acled_code_pairs_the_sub_event_type_with_its_event_type() -> None:
    shelling = event("ASSAULT", "Russian forces shelled Kherson.", "heavy-weapons", actor=RUSSIA)
    assert acled_code(shelling) == AcledCode(
        "Explosions/Remote violence", "Shelling/artillery/missile attack"
    )
    talks = event("CONSULT", "Ministers met in Doha.", "visit", cameo="040")
    assert acled_code(talks) == AcledCode("Strategic developments", None)
    coded = with_acled(shelling)
    assert (coded.acled_event_type, coded.acled_sub_event_type) == acled_code(shelling)
    assert coded.model_copy(update={"acled_event_type": None, "acled_sub_event_type": None}) == shelling


def test_clashes_and_captures_win_over_the_weapon_named() -> None:
    assert sub("ASSAULT", "Troops clashed with rebels under heavy shelling.", "heavy-weapons", actor=ARMY,
               target=REBELS) == "Armed clash"  # fmt: skip
    assert sub("ASSAULT", "Russian forces captured the village after weeks of shelling.", "heavy-weapons",
               actor=RUSSIA, target=UKRAINE) == "Non-state actor overtakes territory"  # fmt: skip


def test_territory_goes_to_the_state_on_its_own_soil_only() -> None:
    assert (
        sub("ASSAULT", "Malian troops captured the town of Boni.", actor=ARMY)
        == "Government regains territory"
    )
    assert (
        sub("ASSAULT", "Rebels captured the town of Boni.", actor=REBELS)
        == "Non-state actor overtakes territory"
    )
    foreign = {"actor": RUSSIA, "location": Location(name="Ocheretyne", country="UKR")}
    assert (
        sub("ASSAULT", "Russian forces captured Ocheretyne.", **foreign)
        == "Non-state actor overtakes territory"
    )
    assert (
        sub("ASSAULT", "Russian forces recaptured Ocheretyne.", **foreign) == "Government regains territory"
    )
    assert sub("COERCE", "The army entered the town after the rebels withdrew.", "seize", cameo="192",
               actor=ARMY) == "Non-violent transfer of territory"  # fmt: skip


def test_a_capture_told_as_background_or_of_people_is_no_territory() -> None:
    assert sub("ASSAULT", "Troops shelled Boni after capturing the town of Dioura.", "heavy-weapons",
               actor=ARMY) == "Shelling/artillery/missile attack"  # fmt: skip
    assert sub("ASSAULT", "Troops captured two Ukrainian soldiers near Bakhmut.", "abduct", actor=RUSSIA,
               target=Actor(name="Ukraine", country="UKR", sector="MIL")) == "Armed clash"  # fmt: skip


@pytest.mark.parametrize(
    ("evidence", "mode", "expected"),
    [
        ("Jets fired missiles at the camp.", "aerial", "Air/drone strike"),
        ("A drone struck a car.", "drone", "Air/drone strike"),
        ("Mortar rounds hit the market.", "heavy-weapons", "Shelling/artillery/missile attack"),
        ("A landmine killed two herders.", "explosives", "Remote explosive/landmine/IED"),
        ("Attackers threw a grenade into the bar.", "explosives", "Grenade"),
        ("A suicide bomber struck the checkpoint.", "suicide-attack", "Suicide bomb"),
        ("Forces used sarin against the town.", None, "Chemical weapon"),
        ("Gunmen fired rocket-propelled grenades at the patrol.", "firearms", "Armed clash"),
        ("Police found shell casings after gunmen killed a trader.", "firearms", "Attack"),
        ("Assailants threw petrol bombs at a church.", "explosives", "Attack"),
    ],
)
def test_weapons_and_their_look_alikes(evidence: str, mode: str | None, expected: str) -> None:
    target = Actor(name="army", country="MLI", sector="MIL") if "patrol" in evidence else None
    assert sub("ASSAULT", evidence, mode, actor=GUNMEN, target=target) == expected


def test_violence_against_civilians() -> None:
    assert (
        sub("ASSAULT", "Gunmen killed 14 villagers.", "firearms", actor=GUNMEN, target=VILLAGERS) == "Attack"
    )
    assert sub("ASSAULT", "Soldiers raped and killed three women.", actor=ARMY, target=VILLAGERS,
               fatalities=3) == "Sexual violence"  # fmt: skip
    assert (
        sub("ASSAULT", "Gunmen abducted 30 students.", "abduct", actor=GUNMEN)
        == "Abduction/forced disappearance"
    )
    assert (
        sub("ASSAULT", "Gunmen kidnapped and killed a chief.", "abduct", actor=GUNMEN, fatalities=1)
        == "Attack"
    )
    assert sub("COERCE", "Rebels arrested two traders.", "arrest", cameo="173",
               actor=REBELS) == "Abduction/forced disappearance"  # fmt: skip
    assert sub("ASSAULT", "Gunmen attacked the town.", actor=GUNMEN) == "Armed clash"  # no victims named


def test_property_is_looted_or_destroyed_unless_people_are_hurt() -> None:
    assert sub("ASSAULT", "Militiamen torched houses in the village.", "primitive",
               actor=GUNMEN) == "Looting/property destruction"  # fmt: skip
    assert sub("ASSAULT", "Militiamen torched houses, killing six villagers.", "primitive", actor=GUNMEN,
               fatalities=6) == "Attack"  # fmt: skip
    assert sub("ASSAULT", "Gunmen set fire to huts and shot villagers as they fled.", "firearms",
               actor=GUNMEN) == "Attack"  # fmt: skip
    # "Islands-" is an adjective, not a captured place
    assert sub("COERCE", "Guards seized a Marshall Islands-flagged tanker.", "seize", cameo="171",
               actor=ARMY) == "Looting/property destruction"  # fmt: skip
    assert sub("PROTEST", "Militiamen looted shops in Bunia.", "riot", cameo="145",
               actor=GUNMEN) == "Looting/property destruction"  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "evidence", "mode", "fields", "expected"),
    [
        ("PROTEST", "Teachers protested outside parliament.", "demo", {}, "Peaceful protest"),
        ("PROTEST", "Thousands protested the killing of two protesters by police.", "demo", {},
         "Peaceful protest"),
        ("PROTEST", "Protesters marched until police fired tear gas.", "demo", {},
         "Protest with intervention"),
        ("PROTEST", "Protesters marched until riot police arrived.", "demo", {}, "Peaceful protest"),
        ("PROTEST", "Protesters burned tyres on the main road.", "demo", {}, "Violent demonstration"),
        ("PROTEST", "Protesters marched; soldiers opened fire on the crowd.", "demo", {},
         "Excessive force against protesters"),
        ("PROTEST", "Protesters rioted in the capital.", "riot", {"cameo": "145"}, "Violent demonstration"),
        ("PROTEST", "An angry mob lynched a suspect.", "riot", {}, "Mob violence"),
        ("ASSAULT", "Police fired tear gas at protesters.", "crowd-control", {"actor": POLICE},
         "Protest with intervention"),
        ("ASSAULT", "Police shot dead four protesters.", "firearms", {"actor": POLICE, "fatalities": 4},
         "Excessive force against protesters"),
        ("ASSAULT", "A bomb exploded at an opposition rally, killing four.", "explosives", {"fatalities": 4},
         "Excessive force against protesters"),
        ("ASSAULT", "Police clashed with protesters in the capital.", None, {"actor": POLICE},
         "Violent demonstration"),
        ("ASSAULT", "Police fired tear gas at a crowd of mourners.", "crowd-control", {"actor": POLICE},
         "Protest with intervention"),
        ("ASSAULT", "Coast guard vessels fired water cannon at a patrol boat.", "crowd-control",
         {"actor": POLICE}, "Armed clash"),
        ("ASSAULT", "Protesters threw stones at police.", "primitive",
         {"actor": PROTESTERS, "target": POLICE}, "Violent demonstration"),
        ("ASSAULT", "A mob beat a suspected thief to death.", "beat", {"actor": VILLAGERS}, "Mob violence"),
        ("COERCE", "Police arrested dozens of protesters.", "arrest", {"actor": POLICE, "cameo": "173"},
         "Protest with intervention"),
    ],
)  # fmt: skip
def test_protests_and_riots(kind: str, evidence: str, mode: str, fields: dict, expected: str) -> None:
    assert sub(kind, evidence, mode, **fields) == expected


@pytest.mark.parametrize(
    ("kind", "evidence", "mode", "cameo", "expected"),
    [
        ("AGREE", "Both sides agreed to a truce.", None, "030", "Agreement"),
        ("SUPPORT", "The parties signed a peace accord.", None, "057", "Agreement"),
        ("SUPPORT", "The EU welcomed the ceasefire.", None, "051", None),
        ("RETREAT", "Rebels released 20 hostages.", "release", "0841", "Agreement"),
        ("CONCEDE", "Rebels freed six soldiers they had held.", None, "080", "Agreement"),
        ("CONCEDE", "Armed men stormed the jail and freed 20 detainees.", None, "080", None),
        ("RETREAT", "The rebels withdrew from the town of Kiwanja.", "disarm", "0874",
         "Non-violent transfer of territory"),
        ("RETREAT", "French troops withdrew from Mali.", "disarm", "0874", "Change to group/activity"),
        ("RETREAT", "The government eased sanctions on exports.", "ease", "085", None),
        ("CONCEDE", "The government lifted the curfew.", None, "081", "Change to group/activity"),
        ("MOBILIZE", "Poland deployed troops to the border.", "troops", "154", "Change to group/activity"),
        ("MOBILIZE", "Wagner fighters set up a base in Kidal.", None, "150",
         "Headquarters or base established"),
        ("MOBILIZE", "Agencies set up a refugee camp in Goma.", None, "150", "Change to group/activity"),
        ("COERCE", "Police arrested the opposition leader.", "arrest", "173", "Arrests"),
        ("COERCE", "Police seized a weapons cache in Mombasa.", "seize", "1711", "Disrupted weapons use"),
        ("COERCE", "Soldiers seized cattle from herders.", "seize", "1711", "Looting/property destruction"),
        ("COERCE", "Defences intercepted two missiles over Kyiv.", "seize", "1711", "Disrupted weapons use"),
        ("COERCE", "The junta imposed a curfew.", "curfew", "1723", "Change to group/activity"),
        ("COERCE", "The junta banned political parties.", "restrict", "172", "Other"),
        ("AID", "Fighters handed over the town of Manbij.", None, "070", "Non-violent transfer of territory"),
        ("AID", "Japan sent aid to Turkey.", None, "070", None),
        ("SANCTION", "The EU imposed sanctions.", "discontinue", "163", None),
        ("ACCUSE", "Ministers accused rebels of shelling the town.", "allege", "112", None),
    ],
)  # fmt: skip
def test_strategic_developments_and_scope(
    kind: str, evidence: str, mode: str | None, cameo: str, expected: str | None
) -> None:
    actor = POLICE if kind == "COERCE" else ARMY
    assert sub(kind, evidence, mode, cameo=cameo, actor=actor) == expected


def test_disruption_is_the_events_own_act() -> None:
    evidence = "Missiles struck Kyiv after air defences intercepted several drones."
    strike = event("ASSAULT", evidence, "heavy-weapons", actor=RUSSIA, trigger="struck")
    assert sub_event_type(strike) == "Shelling/artillery/missile attack"
    downing = event("ASSAULT", "Air defences shot down 20 drones.", "drone", actor=UKRAINE, trigger="shot")
    assert sub_event_type(downing) == "Disrupted weapons use"
    helicopter = event("ASSAULT", "Fighters shot down a military helicopter.", "aerial", actor=REBELS,
                       trigger="shot")  # fmt: skip
    assert sub_event_type(helicopter) == "Armed clash"  # a crewed aircraft: a fight, not a strike


def test_acts_that_did_not_happen_are_outside_acleds_scope() -> None:
    for factuality in ("expected", "hypothetical"):
        planned = event("ASSAULT", "Troops will shell the town.", "heavy-weapons", factuality=factuality)
        assert acled_code(planned) == AcledCode("Strategic developments", None)
    for factuality in ("asserted", "alleged", "denied"):
        told = event("ASSAULT", "Troops shelled the town.", "heavy-weapons", factuality=factuality)
        assert sub_event_type(told) == "Shelling/artillery/missile attack"

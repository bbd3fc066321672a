"""ACLED's event type and sub-event type of a coded event: decided once, by the coder, from what it knows.

ACLED (the Armed Conflict Location & Event Data project) sorts political violence, demonstrations and
strategic developments into 6 event types and 25 sub-event types (:data:`SUB_EVENT_TYPES`). Its codebook
decides them from who did what to whom, and how: a PLOVER event carries most of that (type, mode, actor
and target with their country and sector, toll, factuality), and its evidence sentence names the rest ("a
roadside bomb", "fired tear gas to disperse", "recaptured the town", "a mob").

- :data:`RULES` lists, per PLOVER type, small rules tried in order; the first that answers decides. The
  order is the codebook's precedence: a capture is a battle over territory whatever the weapon; shelling
  during a clash is the clash; a bomb at a protest is force against protesters; sexual violence is
  recorded as such whatever else happened.
- :data:`CUES` holds the words each rule looks for, as regular expressions matched at word starts (as in
  ``modes.py``). Weapon cues are read in the act's own clause ("missiles struck Kyiv" of "…after air
  defences intercepted several drones") with look-alikes blanked (:data:`LOOK_ALIKES`: a "tear gas
  canister" is no shell, a "rocket-propelled grenade" is a small arm, a "stun grenade" is crowd control).
- An event outside ACLED's scope has no sub-event type: talks, statements, accusations, demands, aid,
  sanctions, boycotts, and any act that is only planned or hypothetical (ACLED records what happened).
  Its ``acled_event_type`` is "Strategic developments" and its ``acled_sub_event_type`` None; the ACLED
  export writes it as Strategic developments / Other, and a user can tell it from ACLED's own "Other" by
  the None. ``docs/ontology.md`` has the whole mapping as a table.

Tolls told in a later sentence ("…; 12 people died") reach the event after it is coded, so a rule that
asks whether people were killed sees the event's own sentence only.

    >>> acled_code(event)   # "Russian forces shelled Kherson on Monday, killing two civilians."
    AcledCode(event_type='Explosions/Remote violence', sub_event_type='Shelling/artillery/missile attack')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from sitroom.coding.actors import INTERNATIONAL
from sitroom.models import Actor, Event

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

#: ACLED's 25 sub-event types, each with its event type (ACLED codebook).
SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": BATTLES,
    "Government regains territory": BATTLES,
    "Non-state actor overtakes territory": BATTLES,
    "Chemical weapon": REMOTE,
    "Air/drone strike": REMOTE,
    "Suicide bomb": REMOTE,
    "Shelling/artillery/missile attack": REMOTE,
    "Remote explosive/landmine/IED": REMOTE,
    "Grenade": REMOTE,
    "Sexual violence": VAC,
    "Attack": VAC,
    "Abduction/forced disappearance": VAC,
    "Peaceful protest": PROTESTS,
    "Protest with intervention": PROTESTS,
    "Excessive force against protesters": PROTESTS,
    "Violent demonstration": RIOTS,
    "Mob violence": RIOTS,
    "Agreement": STRATEGIC,
    "Arrests": STRATEGIC,
    "Change to group/activity": STRATEGIC,
    "Disrupted weapons use": STRATEGIC,
    "Headquarters or base established": STRATEGIC,
    "Looting/property destruction": STRATEGIC,
    "Non-violent transfer of territory": STRATEGIC,
    "Other": STRATEGIC,
}

#: Words that make what follows the background of the act ("after capturing the town").
BACKGROUND_WORDS = frozenset({"after", "before", "since", "following", "while", "when"})
_BACKGROUND = re.compile(rf"\b(?:{'|'.join(sorted(BACKGROUND_WORDS))})\b", re.IGNORECASE)
#: Factualities of acts that have not happened: ACLED records none of them.
UNREALISED = frozenset({"expected", "hypothetical"})
#: The state's armed side (a bare country counts too: "Russia struck…").
STATE_FORCES = frozenset({"GOV", "MIL", "COP", "SPY"})
#: Organised armed groups outside the state: rebels, unidentified armed groups, militias, gangs.
NON_STATE_ARMED = frozenset({"REB", "UAF", "PRM", "CRM"})
#: Parties that can fight back: an attack on them is a battle, not violence against civilians.
ARMED = frozenset({"MIL", "COP", "SPY"}) | NON_STATE_ARMED
#: PLOVER's international codes: no state's forces, and no place.
#: ASSAULT modes of one-sided violence against people who cannot fight back (``pro_autocracy`` is what
#: PLOVER's table gives CAMEO 175, violent repression).
CIVILIAN_VIOLENCE_MODES = frozenset(
    {"beat", "torture", "targeted", "assassinate", "primitive", "massacre", "cleansing", "pro_autocracy"}
)

# Building blocks of the cues. ``_near`` keeps a verb and its object within a few words, none of them a
# preposition, so "captured two soldiers near the town" is not a captured town.
_PREPOSITIONS = r"(?:near|in|at|from|to|outside|around|for|with|after|before|during|by|as|on)\b"


def _near(first: str, then: str, gap: int = 3) -> str:
    return rf"(?:{first})(?:\W+(?!{_PREPOSITIONS})\w+){{0,{gap}}}?\W+(?:{then})\b(?!-)"


def _within(first: str, then: str, chars: int = 60) -> str:
    """``first``, then ``then`` later in the same clause (no full stop or semicolon between)."""
    return rf"(?:{first})\b[^.;]{{0,{chars}}}?\b(?:{then})"


_PLACES = (
    r"control|towns?|city|cities|villages?|districts?|bases?|territor(?:y|ies)|positions?|hills?|heights|"
    r"airports?|airfields?|ports?|checkpoints?|outposts?|camps?|capital|headquarters|regions?|provinces?|"
    r"areas?|localit(?:y|ies)|settlements?|bridges?|garrisons?|barracks|border crossings?|strongholds?|"
    r"neighbou?rhoods?|suburbs?|islands?|oblast|count(?:y|ies)|municipalit(?:y|ies)"
)
_MUNITIONS = r"missiles?|rockets?|drones?|uavs?|projectiles?|shells?|warheads?|shaheds?"
_AIRCRAFT = r"(?:fighter )?jets?|(?:war)?planes?|aircraft|helicopters?"
_EXPLOSIVES = r"bombs?|explosives?|devices?|ieds?|(?:land)?mines?|grenades?|ordnance|booby[- ]traps?"
_ARMS = (
    r"weapons?|arms|ammunition|munitions|explosives|rifles|guns|firearms|grenades|rockets|arsenals?|"
    r"caches?|bomb-making"
)
_REGAINED = (
    r"recaptur(?:ed|es)|retook|retaken|retakes|regain(?:ed|s)|reclaim(?:ed|s)|(?:took|taken|takes|won|wins) "
    r"back|liberat(?:ed|es)|wrested back"
)
_CAPTURED = r"captur(?:ed|es)|seiz(?:ed|es)|overr[au]n|overruns|occupied|occupies"
_DEMONSTRATORS = r"protesters|protestors|demonstrators|rioters|marchers|strikers"
_PEOPLE = (
    r"soldiers|troops|forces|fighters|militants|rebels|officers|police|army|commanders?|servicemen|"
    r"personnel|citizens|nationals|civilians|hostages|prisoners|men|women|children|weapons|equipment|"
    r"tanks|vehicles|drones|ammunition|supplies"
)

#: Cue words of each rule, as regular expressions matched at word starts, case-insensitively.
CUES: dict[str, tuple[str, ...]] = {
    # Strategic developments
    "disrupted": (
        _within(r"defus\w*|dismantl\w*|deactivat\w*|neutrali[sz]\w*|disarm\w*", _EXPLOSIVES),
        _within(_EXPLOSIVES, r"(?:was|were) (?:defused|dismantled|deactivated|neutrali[sz]ed|made safe)"),
        _within(r"intercept\w*|shot down|shoot\w* down|downed|destroyed mid-air", _MUNITIONS),
        _within(_MUNITIONS, r"(?:was|were) (?:intercepted|shot down|downed)"),
        r"controlled explosions?", r"bomb disposal", _within(r"foil\w*|thwart\w*", r"bomb\w*|explosive\w*"),
    ),
    "weapons seized": (
        _within(r"seiz\w*|confiscat\w*|recover\w*|impound\w*|uncover\w*|discover\w*|found|captur\w*", _ARMS),
        _within(r"(?:weapons?|arms|ammunition) (?:caches?|depots?|hauls?|stockpiles?)", r"seized|found"),
    ),
    "base": (
        _near(r"set(?:s|ting)? up|establish\w*|buil[dt]\w*|erect\w*|install\w*|construct\w*",
              r"(?:(?:military|army|forward|operating|new|permanent|temporary|rear) )*(?:bases?|headquarters|"
              r"hq|command (?:posts?|cent(?:re|er)s?)|outposts?|garrisons?|"
              r"(?<!refugee )(?<!displacement )camps?)"),
    ),
    "curfew": (r"curfews?", r"states? of (?:emergency|siege)", r"martial law", r"emergency rule"),
    "agreement": (
        r"cease-?fires?", r"truces?", r"armistice", r"peace (?:deal|agreement|accord|pact|treaty|plan)s?",
        r"(?:prisoner|hostage|captive)s? (?:exchange|swap|release|deal)s?",
        _within(r"exchang\w*|swap\w*", r"prisoners|hostages|detainees|captives|bodies"),
        r"evacuation (?:deal|agreement)s?", r"surrender\w*",
        _near(r"freed|released|releases|frees", r"prisoners|hostages|soldiers|detainees|captives|abductees|"
              r"servicemen|prisoners of war|pows"),
    ),
    "raid": (
        r"storm(?:ed|ing)", r"attack(?:ed|ing)", r"raid(?:ed|ing)", r"broke into", r"(?:jail|prison) ?break",
    ),
    "downed aircraft": (_within(r"shot down|shoot\w* down|downed", _AIRCRAFT),),
    "handover": (
        _near(r"hand(?:ed|s|ing)? (?:it |them |back )?over|handover of|ced(?:ed|es)|gave up", _PLACES),
        _near(r"(?:withdr[ae]w\w*|pull(?:ed|s|ing)? out|retreat(?:ed|s)|evacuat(?:ed|es)|vacat(?:ed|es)|"
              r"abandon(?:ed|s)|left)(?:\s+(?:from|of))?", _PLACES),
    ),
    "nonviolent": (
        r"without (?:a |any )?(?:fight|fighting|shots?|a shot (?:being )?fired|resistance|bloodshed|clashes|"
        r"violence)",
        r"unopposed", r"peaceful(?:ly)? (?:handover|transfer|takeover)",
        r"hand(?:ed|s|ing)? (?:it |them |back )?over|handover",
        _within(r"after", r"withdr[ae]w\w*|pulled out|vacated|evacuated|abandoned"),
    ),
    "looting": (r"loot\w*", r"plunder\w*", r"pillag\w*", r"ransack\w*", r"stole\b", r"stolen", r"rustl\w*"),
    "destruction": (
        _near(r"torch\w*|burn\w*|set fire to|set ablaze|raz(?:ed|ing|es)|destroy\w*|demolish\w*|bulldoz\w*|"
              r"vandali[sz]\w*|flatten\w*",
              r"houses?|homes?|huts?|shops?|stores?|villages?|buildings?|propert(?:y|ies)|crops|fields|"
              r"granar(?:y|ies)|vehicles?|cars?|markets?|churche?s?|mosques?|schools?|offices?|dwellings|"
              r"shelters|farms?"),
    ),
    # Battles
    "territory": (
        _near(f"{_REGAINED}|{_CAPTURED}", _PLACES),
        r"(?:took|taken|takes|gained|gains|seized|seizes|assumed|wrested|regained|retook|retaken) "
        r"(?:full |total |back |effective )?control",
        _near(r"(?:took|taken|takes) over", _PLACES),
        r"overr[au]n|overruns",
        _near(r"fell|fallen|falls", r"to (?:the )?(?:\w+ ){0,2}(?:rebels|militants|fighters|forces|troops|"
              r"army|insurgents|jihadists|militias?)", 0),
        r"came under (?:the )?control",
    ),
    "regained": (_REGAINED,),
    "clash": (
        r"clash\w*", _within(r"exchang\w*", r"fire|gunfire|shots"), r"gun ?battles?", r"gunfights?",
        r"fire-?fights?", r"skirmish\w*", r"fighting (?:between|with|erupted|broke out|raged)",
        r"(?:heavy|fierce) fighting", r"fought", r"battl(?:e|es|ed|ing)\b", r"return(?:ed|ing)? fire",
        r"repell?ed|repuls\w*|beat back|fought off",
    ),
    # Explosions/Remote violence (read with LOOK_ALIKES blanked)
    "chemical": (
        r"chemical (?:weapons?|attacks?|agents?|munitions?|arms|strikes?|shells?|bombs?|gas)", r"chlorine",
        r"sarin", r"nerve (?:agents?|gas)", r"mustard gas", r"poison(?:ous)? gas",
        r"toxic (?:gas|chemicals?|substances?)", r"phosgene",
    ),
    "suicide": (r"suicide", r"blew (?:himself|herself|themselves) up", r"self-detonat\w*"),
    "air": (
        r"air ?strikes?", r"air-strikes?", r"air ?raids?", r"air attacks?",
        r"aerial (?:bombardment|attacks?|strikes?|bombing|raids?)", r"war ?planes?",
        r"fighter (?:jets?|planes?)", r"jets?\b", r"(?<!anti-)aircraft", r"helicopters?", r"gunships?",
        r"(?:strategic|heavy|long-range|stealth) bombers?", r"bomber (?:jets?|aircraft|planes?)", r"drones?",
        r"uavs?\b", r"unmanned", r"air force", r"barrel bombs?",
    ),
    "shelling": (
        r"shell(?:s|ed|ing|fire)?\b", r"artillery", r"mortars?", r"rockets?", r"missiles?", r"howitzers?",
        r"multiple[- ]rocket", r"mlrs", r"katyushas?", r"himars", r"tank (?:fire|shells?|rounds?)",
        r"heavy weapons", r"ballistic", r"bombard\w*", r"projectiles?",
    ),
    "grenade": (r"grenades?", r"hand-thrown explosives?"),
    "explosive": (
        r"ieds?\b", r"improvised explosive", r"roadside bombs?", r"(?:land|anti-personnel |anti-tank )mines?",
        r"land mines?", r"(?:hit|struck|stepped on|ran over|triggered|detonated) an? mine", r"car bombs?",
        r"vehicle-borne", r"explosive devices?", r"booby[- ]trap\w*", r"bomb\w*", r"explosi\w*", r"blasts?",
        r"detonat\w*",
    ),
    # Violence against civilians
    "sexual": (
        r"rap(?:e|ed|es|ing|ist|ists)\b", r"gang-?rap\w*",
        r"sexual(?:ly)? (?:violence|assault\w*|abuse\w*|slavery|exploitation|attacks?|violated)",
    ),
    "abduction": (
        r"abduct\w*", r"kidnap\w*", r"hostages?", r"hijack\w*", r"taken captive",
        r"(?:forcibly|forced|enforced) disappear\w*",
    ),
    "civilians": (
        r"civilians?", r"villagers?", r"residents?", r"worshipp?ers?", r"passengers?", r"farmers?",
        r"herders?", r"traders?", r"shoppers?", r"students?", r"pupils?", r"schoolchild(?:ren)?",
        r"child(?:ren)?", r"wom[ae]n", r"girls?", r"boys?",
        r"journalists?", r"reporters?", r"(?:aid|humanitarian|health) workers?", r"mourners", r"pilgrims",
        r"displaced", r"refugees", r"teachers?", r"doctors?", r"nurses?", r"patients", r"people", r"persons",
        r"famil(?:y|ies)", r"weddings?", r"funerals?", r"markets?", r"churche?s?", r"mosques?", r"schools?",
        r"hospitals?", r"villages?", r"homes?",
    ),
    "killing": (r"kill\w*", r"dead\b", r"died", r"deaths?", r"bodies"),
    "wounding": (
        r"wound\w*", r"injur\w*", r"hurt\b", r"shot\b", r"shooting", r"stabb\w*", r"beat(?:en|ing)?\b",
    ),
    "gathering": (r"crowds?", r"gatherings?", r"supporters", r"mourners", r"worshipp?ers", r"marchers"),
    # Protests and riots
    "protest": (
        r"protest\w*", r"demonstrat(?:ors?|ions?|ing)\b", r"marchers", r"rall(?:y|ies)\b", r"sit-?ins?",
        r"strikers", r"picket\w*", r"vigils?",
    ),
    "rioting": (
        r"riot(?:s|ed|ing|ers)?\b(?! police| gear| squads?| control| shields?| officers| units?)",
        r"loot\w*", r"torch\w*", r"set (?:fire to|ablaze|alight)",
        _near(r"burn\w*", r"tyres|tires|cars|vehicles|buildings?|shops?|offices?|stations?|houses?|property|"
              r"effig(?:y|ies)|barricades?"),
        _near(r"threw|throwing|throw|hurl\w*|pelt\w*|lob\w*",
              r"stones|rocks|bricks|bottles|petrol bombs|molotov\w*|projectiles"),
        r"with (?:stones|rocks|bricks)", r"stone-?(?:throwing|pelting)", r"petrol bombs?", r"molotov\w*",
        r"vandali[sz]\w*", r"smash\w*", r"rampag\w*",
        r"clash(?:ed|es|ing)? with (?:the )?(?:police|security forces|soldiers|troops|riot police|officers)",
    ),
    "mob": (
        r"mobs?\b", r"lynch\w*", r"vigilante\w*", r"(?:mob|jungle|street|instant) justice",
        r"angry (?:crowds?|residents|villagers|youths|locals)",
        r"crowds? (?:of \w+ )?(?:attacked|beat|stoned|lynched|burned|set upon)",
    ),
    "lethal force": (
        r"open(?:ed)? fire", r"live (?:ammunition|rounds|bullets|fire)", r"shot (?:dead|and killed)",
        r"beat\w* to death", r"(?:seriously|critically|severely|gravely) (?:injured|wounded|hurt)",
        r"massacre\w*", _near(r"fired (?:on|at|into)", _DEMONSTRATORS + r"|crowds?", 2),
        rf"(?:kill(?:ed|ing)|shot|shooting)(?! of\b)(?:\W+\w+){{0,2}}?\W+(?:{_DEMONSTRATORS})",
        _near(_DEMONSTRATORS, r"(?:were|was|had been) (?:killed|shot)", 2),
    ),
    "intervention": (
        r"tear ?gas", r"teargas\w*", r"water cannons?", r"rubber bullets?", r"pepper spray\w*",
        r"stun grenades?", r"batons?",
        _near(r"dispers\w*|broke up|break(?:ing)? up", _DEMONSTRATORS + r"|crowds?|rall(?:y|ies)|protests?|"
              r"gatherings?|sit-?ins?|marches|them|hundreds|thousands", 5),
        r"(?:was|were) dispersed",
        _near(r"arrest\w*|detain\w*", _DEMONSTRATORS + r"|participants|dozens|hundreds|scores|several|\d+",
              2),
        _near(_DEMONSTRATORS, r"(?:were|was) (?:arrested|detained)", 3), r"crack(?:ed)? down|crackdown",
    ),
    # Arrests
    "arrest": (r"arrest\w*", r"detain\w*", r"(?:took|taken) into custody", r"rounded up"),
}  # fmt: skip

#: Words that look like a weapon's and are not: blanked before the weapon cues are read.
LOOK_ALIKES = re.compile(
    r"\b(?:rocket-propelled grenades?|rpgs?\b|stun grenades?|flash-?bangs?|smoke (?:grenades?|bombs?)|"
    r"tear[- ]?gas(?: grenades?| canisters?| shells?| cartridges?)?|teargas|petrol bombs?|"
    r"molotov cocktails?|fire-?bombs?|anti-aircraft|(?:shell|bullet) casings?)",
    re.IGNORECASE,
)
#: "captured Avdiivka", "seized the key town of…": a capture whose object is a proper name, not people.
NAMED_CAPTURE = re.compile(
    rf"(?i:\b(?:{_REGAINED}|{_CAPTURED}))\s+(?:the\s+)?(?>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)"
    rf"(?!\s+(?i:{_PEOPLE})\b)"
)


@cache
def _pattern(cue: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(CUES[cue]) + ")", re.IGNORECASE)


class AcledCode(NamedTuple):
    """ACLED's event type and sub-event type; the sub-event type is None outside ACLED's scope."""

    event_type: str
    sub_event_type: str | None


@dataclass(frozen=True)
class Reading:
    """An event with its evidence prepared once for the rules."""

    event: Event
    text: str
    arms_text: str  # the act's own clause, LOOK_ALIKES blanked: where its weapon is named

    @classmethod
    def of(cls, event: Event) -> Reading:
        return cls(event, event.evidence, LOOK_ALIKES.sub(" ", own_clause(event)))

    def says(self, cue: str) -> bool:
        return _pattern(cue).search(self.text) is not None

    def says_of_act(self, cue: str) -> bool:
        """Whether the cue's words include the event's trigger: the act itself, not another in the
        sentence ("missiles struck Kyiv after air defences intercepted several drones")."""
        trigger = re.compile(rf"\b{re.escape(self.event.trigger)}\b", re.IGNORECASE)
        return any(trigger.search(m.group(0)) for m in _pattern(cue).finditer(self.text))

    def states(self, pattern: re.Pattern[str]) -> bool:
        """Whether the sentence says it outright, not as the background of a clause ("after capturing")."""
        for match in pattern.finditer(self.text):
            before = self.text[: match.start()].split()
            if not before or before[-1].lower() not in BACKGROUND_WORDS:
                return True
        return False

    def names_weapon(self, cue: str) -> bool:
        return _pattern(cue).search(self.arms_text) is not None

    def weapon(self, cue: str, *modes: str) -> bool:
        """The weapon's words, or a PLOVER mode of it (unless a look-alike shaped that mode)."""
        return (bool(cue) and self.names_weapon(cue)) or (self.event.mode in modes and not self.masked)

    @property
    def masked(self) -> bool:
        """Whether the sentence has a look-alike: a PLOVER mode read from the same words is not trusted."""
        return LOOK_ALIKES.search(self.text) is not None

    @property
    def deaths(self) -> bool:
        """Whether the sentence's toll counts dead (an exact figure or "dozens killed")."""
        return bool(self.event.fatalities or self.event.casualties_vague)

    @property
    def harm(self) -> bool:
        """Whether people were killed or hurt, by the toll or the words."""
        return self.deaths or bool(self.event.injured) or self.says("killing") or self.says("wounding")


def own_clause(event: Event) -> str:
    """The evidence up to the background clause after the trigger, if any: "Missiles struck Kyiv" of
    "Missiles struck Kyiv after air defences intercepted several drones"."""
    text = event.evidence
    trigger = re.search(rf"\b{re.escape(event.trigger)}\b", text, re.IGNORECASE)
    if trigger is None:
        return text
    later = _BACKGROUND.search(text, trigger.end())
    return text[: later.start()] if later else text


def acled_code(event: Event) -> AcledCode:
    """ACLED's event type and sub-event type of a coded event (None sub-event type outside ACLED's scope)."""
    sub = sub_event_type(event)
    return AcledCode(SUB_EVENT_TYPES[sub] if sub else STRATEGIC, sub)


def with_acled(event: Event) -> Event:
    """The event with ``acled_event_type`` and ``acled_sub_event_type`` set (what the coder stores)."""
    code = acled_code(event)
    return event.model_copy(
        update={"acled_event_type": code.event_type, "acled_sub_event_type": code.sub_event_type}
    )


def sub_event_type(event: Event) -> str | None:
    """The first answer of the event type's rules; None for acts that did not happen or that no rule
    places in ACLED's scope."""
    if event.factuality in UNREALISED:
        return None
    reading = Reading.of(event)
    for rule in RULES.get(event.type, ()):
        found = rule(reading)
        if found is not None:
            return found
    return None


# ---- the parties ------------------------------------------------------------------------------------------


def is_state(party: Actor | None) -> bool:
    """State forces or the state itself: a sector of the state, or a country named with no sector."""
    if party is None:
        return False
    if party.sector is None:
        return party.country is not None and party.country not in INTERNATIONAL
    return party.sector in STATE_FORCES


def is_armed(party: Actor | None) -> bool:
    return party is not None and party.sector in ARMED


def is_unarmed(party: Actor | None) -> bool:
    """A party with a sector that bears no arms (civilians, journalists, clergy, parties…); the government
    (GOV) is neither: it may name the state at war or an official."""
    return party is not None and party.sector not in (None, "GOV", "UNK") and party.sector not in ARMED


def is_organised(party: Actor | None) -> bool:
    """Who can hold territory or a base: state forces and armed groups (an unnamed party may be either)."""
    return party is None or is_state(party) or is_armed(party)


def _named_as(party: Actor | None, words: str) -> bool:
    """Whether the party's own words in the article match ``words`` ("Protesters", "An angry mob")."""
    if party is None:
        return False
    return re.search(rf"\b(?:{words})\b", party.text or party.name, re.IGNORECASE) is not None


def _foreign(event: Event) -> bool:
    """The actor's forces act in another country (its target's or the place's): a foreign state actor."""
    home = event.actor.country if event.actor else None
    there = {part.country for part in (event.target, event.location) if part is not None}
    return home is not None and any(c and c != home and c not in INTERNATIONAL for c in there)


# ---- the rules: each returns a sub-event type, or None to let the next rule decide ----------------------

Rule = Callable[[Reading], str | None]


def _disrupted(r: Reading) -> str | None:
    """A bomb defused, a missile or drone intercepted or shot down: weapons use that was stopped."""
    return "Disrupted weapons use" if r.says_of_act("disrupted") else None


def _weapons_seized(r: Reading) -> str | None:
    """A cache of weapons seized (by anyone but an armed group, whose seizure is loot of war)."""
    actor = r.event.actor
    seized = r.says("weapons seized") and not (actor and actor.sector in NON_STATE_ARMED)
    return "Disrupted weapons use" if seized else None


def _territory(r: Reading) -> str | None:
    """A place changes hands: with no fight, a non-violent transfer; else a battle won by the state on its
    own soil, or by a non-state (or foreign state) actor. Only organised armed parties hold territory."""
    named = r.event.cameo.startswith("192") or r.states(_pattern("territory")) or r.states(NAMED_CAPTURE)
    if not named or not is_organised(r.event.actor):
        return None
    if r.says("nonviolent"):
        return "Non-violent transfer of territory"
    if is_state(r.event.actor) and (r.says("regained") or not _foreign(r.event)):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _handover(r: Reading) -> str | None:
    """Forces withdraw from a named kind of place or hand it over: territory changes hands without a
    fight ("withdrew from the town", "handed over the base")."""
    return "Non-violent transfer of territory" if r.says("handover") else None


def _base(r: Reading) -> str | None:
    """An armed party sets up a base, camp or headquarters."""
    return "Headquarters or base established" if r.says("base") and is_organised(r.event.actor) else None


def _curfew(r: Reading) -> str | None:
    """Curfews, states of emergency and martial law, imposed or lifted, change what a group may do."""
    curfew = r.event.mode in {"curfew", "martial-law"} or r.says("curfew")
    return "Change to group/activity" if curfew else None


def _change(r: Reading) -> str | None:
    """Deployments, withdrawals, demobilisation, leadership changes: the group's activity changes."""
    return "Change to group/activity"


def _withdrawal(r: Reading) -> str | None:
    """RETREAT modes that change a group's activity; easing sanctions or granting access is diplomacy."""
    return "Change to group/activity" if r.event.mode in {"withdraw", "disarm", "resign"} else None


def _agreement(r: Reading) -> str | None:
    """Ceasefires, peace deals, prisoner exchanges and releases, surrenders (ACLED's "Agreement"); captives
    freed by storming a prison or a camp were freed by force, not by agreement."""
    agreed = r.event.mode in {"ceasefire", "release"} or r.says("agreement")
    return "Agreement" if agreed and not r.says("raid") else None


def _agreed(r: Reading) -> str | None:
    """PLOVER AGREE is an agreement between parties."""
    return "Agreement"


def _signed(r: Reading) -> str | None:
    """SUPPORT is in ACLED's scope only as a signed agreement (CAMEO 057); endorsing one is a statement."""
    return "Agreement" if r.event.cameo.startswith("057") else None


def _protest_arrests(r: Reading) -> str | None:
    """Protesters arrested: the protest met an intervention (ACLED codes the protest, not the arrests)."""
    arrest = r.event.mode == "arrest" or r.says("arrest")
    at_protest = _named_as(r.event.target, _DEMONSTRATORS) or r.says("protest")
    return "Protest with intervention" if arrest and at_protest else None


def _arrests(r: Reading) -> str | None:
    """Arrests by the state; an armed group's "arrest" is an abduction."""
    if not (r.event.mode == "arrest" or r.says("arrest")):
        return None
    actor = r.event.actor
    abducted = actor is not None and actor.sector in NON_STATE_ARMED
    return "Abduction/forced disappearance" if abducted else "Arrests"


def _property(r: Reading) -> str | None:
    """Looting, seizing or destroying property while no one is reported hurt (else it is an attack)."""
    taken = r.event.mode == "seize" or r.says("looting") or r.says("destruction")
    return "Looting/property destruction" if taken and not r.harm else None


def _looting_by_armed(r: Reading) -> str | None:
    """Armed men looting or burning are no rioters: looting/property destruction (PLOVER codes looting
    as a riot)."""
    armed = is_armed(r.event.actor)
    return "Looting/property destruction" if armed and (r.says("looting") or r.says("destruction")) else None


def _other(r: Reading) -> str | None:
    """Coercion with no sub-event type of its own (bans, blockades, censorship, deportations)."""
    return "Other"


def _sexual(r: Reading) -> str | None:
    """Rape and sexual assault are recorded as sexual violence, whatever else happened."""
    return "Sexual violence" if r.event.mode == "sexual" or r.says("sexual") else None


def _chemical(r: Reading) -> str | None:
    return "Chemical weapon" if r.weapon("chemical", "unconventional") else None


def _by_demonstrators(r: Reading) -> str | None:
    """Violence by protesters or rioters is a riot: a mob's when a mob or lynching is named."""
    if not _named_as(r.event.actor, _DEMONSTRATORS + "|students|youths"):
        return None
    return "Mob violence" if r.says("mob") else "Violent demonstration"


def _by_crowd(r: Reading) -> str | None:
    """Violence by a disorganised crowd (a mob, vigilantes, villagers), or a clash of unarmed groups."""
    crowd = _named_as(r.event.actor, r"mobs?|crowds?|villagers|residents|vigilantes|locals") or r.says("mob")
    unarmed_clash = r.says("clash") and is_unarmed(r.event.actor) and is_unarmed(r.event.target)
    return "Mob violence" if crowd or unarmed_clash else None


def _on_protesters(r: Reading) -> str | None:
    """Force against a protest: a riot if the protesters fought back; excessive force if it killed or
    maimed (whoever used it, with whatever weapon); else an intervention (tear gas, dispersal, beatings)."""
    target = r.event.target
    crowd = r.says("protest") or (r.event.mode == "crowd-control" and r.says("gathering"))
    if not (_named_as(target, _DEMONSTRATORS) or (crowd and not is_armed(target))):
        return None
    if r.says("rioting") or r.says("clash"):
        return "Violent demonstration"
    if r.deaths or r.says("lethal force") or r.says("killing"):
        return "Excessive force against protesters"
    return "Protest with intervention"


def _downed_aircraft(r: Reading) -> str | None:
    """Shooting down a crewed aircraft is a fight between armed sides, not an air strike."""
    return "Armed clash" if r.says_of_act("downed aircraft") else None


def _suicide(r: Reading) -> str | None:
    return "Suicide bomb" if r.weapon("suicide", "suicide-attack") else None


def _clash(r: Reading) -> str | None:
    """Two armed sides fighting (whatever weapons they fight with)."""
    return "Armed clash" if r.says("clash") else None


def _air(r: Reading) -> str | None:
    return "Air/drone strike" if r.weapon("air", "aerial", "drone") else None


def _shelling(r: Reading) -> str | None:
    return "Shelling/artillery/missile attack" if r.names_weapon("shelling") else None


def _heavy_weapons(r: Reading) -> str | None:
    """The CAMEO code's heavy weapons (194, 195) when the sentence names none."""
    return "Shelling/artillery/missile attack" if r.weapon("", "heavy-weapons") else None


def _grenade(r: Reading) -> str | None:
    return "Grenade" if r.names_weapon("grenade") else None


def _explosive(r: Reading) -> str | None:
    return "Remote explosive/landmine/IED" if r.weapon("explosive", "explosives") else None


def _abduction(r: Reading) -> str | None:
    """An abduction; one where the captive is killed is an attack."""
    if not (r.event.mode == "abduct" or r.says("abduction")) or is_armed(r.event.target):
        return None  # soldiers taken captive are part of a battle
    return "Attack" if r.deaths else "Abduction/forced disappearance"


def _on_armed(r: Reading) -> str | None:
    """Violence against soldiers, police or an armed group is a battle."""
    return "Armed clash" if is_armed(r.event.target) else None


def _on_civilians(r: Reading) -> str | None:
    """Violence against unarmed people: a civilian target, civilian victims named, or one-sided modes
    (massacre, execution, beating, torture, assassination)."""
    target = r.event.target
    civilian = is_unarmed(target) or r.says("civilians") or r.event.mode in CIVILIAN_VIOLENCE_MODES
    return "Attack" if civilian else None


def _armed_clash(r: Reading) -> str | None:
    """Violence between parties the sentence does not show to be unarmed: the codebook's default battle."""
    return "Armed clash"


def _peaceful(r: Reading) -> str | None:
    """A protest met by nothing; a boycott is no public gathering, so ACLED has none."""
    return None if r.event.mode == "boycott" else "Peaceful protest"


def _riot(r: Reading) -> str | None:
    """Protesters turn violent (CAMEO 145, or stones, fire, looting, clashes with police named)."""
    return "Violent demonstration" if r.event.cameo.startswith("145") or r.says("rioting") else None


def _mob(r: Reading) -> str | None:
    return "Mob violence" if r.says("mob") else None


def _repressed(r: Reading) -> str | None:
    return "Excessive force against protesters" if r.says("lethal force") else None


def _intervened(r: Reading) -> str | None:
    return "Protest with intervention" if r.says("intervention") else None


#: Per PLOVER type, the rules in the order they are tried. A type with no rules (CONSULT, REQUEST, ACCUSE,
#: REJECT, THREATEN, SANCTION, COOPERATE) is outside ACLED's scope.
RULES: dict[str, tuple[Rule, ...]] = {
    "ASSAULT": (
        _disrupted, _downed_aircraft, _sexual, _chemical, _by_demonstrators, _by_crowd, _on_protesters,
        _suicide, _territory, _clash, _air, _shelling, _grenade, _explosive, _heavy_weapons, _abduction,
        _property, _on_armed, _on_civilians, _armed_clash,
    ),
    "PROTEST": (_looting_by_armed, _mob, _riot, _repressed, _intervened, _peaceful),
    "COERCE": (
        _disrupted, _territory, _weapons_seized, _protest_arrests, _arrests, _curfew, _property, _other,
    ),
    "MOBILIZE": (_disrupted, _base, _change),
    "RETREAT": (_disrupted, _handover, _agreement, _curfew, _withdrawal),
    "CONCEDE": (_territory, _curfew, _agreement),
    "AID": (_handover,),
    "AGREE": (_agreed,),
    "SUPPORT": (_signed,),
}  # fmt: skip

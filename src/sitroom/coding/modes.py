"""PLOVER modes from the words of the event's sentence, where the CAMEO code gives none.

Modes are the PLOVER manual's (tables "ASSAULT modes", "CONSULT modes", "MOBILIZE modes", …); the cue
words are ours. The first mode whose cue occurs wins, so more specific cues come first.
"""

from __future__ import annotations

import re
from functools import cache

MODE_CUES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "ASSAULT": (
        ("drone", ("drone", "uavs?\\b", "unmanned")),
        ("suicide-attack", ("suicide",)),
        (
            "aerial",
            (
                "airstrike",
                "air strike",
                "air raid",
                "warplane",
                "fighter jet",
                "jets?\\b",
                "helicopter",
                "bomber (jets?|aircraft|planes?)",
                "(strategic|long-range|heavy) bombers?",
                "aircraft",
                "air force",
            ),
        ),
        (
            "heavy-weapons",
            ("artillery", "shell", "rocket", "missile", "mortar", "tanks?\\b", "howitzer", "ballistic"),
        ),
        (
            "explosives",
            ("bomb", "explosive", "ieds?\\b", "landmine", "mines?\\b", "blast", "explosion", "grenade"),
        ),
        (
            "firearms",
            (
                "gunmen",
                "gunfire",
                "shot\\b",
                "shooting",
                "rifle",
                "firearm",
                "guns?\\b",
                "opened fire",
                "sniper",
            ),
        ),
        ("abduct", ("abduct", "kidnap", "hostage", "hijack")),
        ("targeted", ("assassinat", "executed", "execution")),
        ("crowd-control", ("tear gas", "water cannon", "rubber bullet")),
        ("primitive", ("machete", "knife", "stabb", "set fire", "torched", "arson")),
        ("beat", ("beat", "beaten", "clubbed")),
    ),
    "CONSULT": (
        ("phone", ("phone", "telephone", "call with", "video call", "spoke by")),
        ("visit", ("visit", "arrived in", "trip to", "travelled to", "traveled to", "port call", "hosted")),
        ("multilateral", ("summit", "conference", "multilateral")),
    ),
    "MOBILIZE": (
        ("police", ("police", "interior ministry", "gendarm", "riot police", "national guard")),
        (
            "weapons",
            (
                "missile",
                "warship",
                "weapon",
                "armou?red",
                "vehicles?",
                "ships?",
                "tanks?\\b",
                "jets?\\b",
                "aircraft",
                "air defen[cs]e",
                "batter(y|ies)",
                "nuclear",
                "submarine",
                "carrier",
            ),
        ),
        ("militia", ("militia",)),
        (
            "troops",
            ("troop", "soldier", "forces", "exercise", "drill", "army", "brigade", "battalion", "reservist"),
        ),
    ),
    "PROTEST": (
        ("riot", ("riot", "clashed with police", "looted")),
        ("hunger", ("hunger strike",)),
        (
            "strike",
            (
                "general strike",
                "went on strike",
                "on strike",
                "walkout",
                "stopped work",
                "labou?r strike",
                "nationwide strike",
                "\\d+-hour strike",
                "\\d+-day strike",
                "strike",
            ),
        ),
        ("boycott", ("boycott",)),
        ("obstruct", ("blocked", "blockade", "barricade", "sit-in")),
        ("demo", ("protest", "demonstrat", "rally", "march", "marched")),
    ),
    "THREATEN": (
        ("territory", ("annex", "occupy", "seize control", "take control")),
        ("expel", ("expel",)),
        ("relations", ("relations", "ties", "break off", "suspend talks", "walk out", "withdraw from")),
        ("restrict", ("sanction", "tariff", "boycott", "blockade", "curfew", "ban\\b", "strike", "shut")),
        (
            "violence",
            (
                "attack",
                "force",
                "retaliat",
                "target",
                "bomb",
                "war\\b",
                "military action",
                "invade",
                "strike",
                "fire",
                "kill",
                "destroy",
                "respond",
            ),
        ),
    ),
    "REQUEST": (
        (
            "yield",
            (
                "release",
                "free\\b",
                "lift",
                "end\\b",
                "withdraw",
                "ceasefire",
                "truce",
                "restore",
                "stop",
                "halt",
                "ease",
                "lay down",
            ),
        ),
        ("meet", ("talks", "negotiat", "dialogue", "meet", "summit")),
        (
            "assist",
            (
                "aid\\b",
                "supply",
                "assist",
                "help",
                "fund",
                "weapons",
                "support",
                "loan",
                "deliver",
                "donat",
                "send",
            ),
        ),
        ("change", ("reform", "resign", "step down", "election", "constitution", "policy")),
    ),
    "COERCE": (
        ("martial-law", ("state of emergency", "martial law")),
        ("curfew", ("curfew",)),
        ("censor", ("internet", "social media", "censor", "newspaper", "broadcast", "facebook", "whatsapp")),
        ("deport", ("deport", "expel")),
        ("arrest", ("arrest", "detain", "jail", "imprison", "custody")),
        ("withhold", ("shut off", "cut off", "electricity", "water supply")),
        ("seize", ("seiz", "confiscat", "raid", "took control", "take control")),
        ("restrict", ("ban", "restrict", "cordon", "bar\\b")),
    ),
    "ACCUSE": (
        ("investigate", ("investigat", "inquiry", "probe")),
        ("allege", ("accus", "alleg", "charg", "blame")),
        ("disapprove", ("condemn", "critici", "denounc", "summon", "protest", "deplor")),
    ),
}


@cache
def _cue_patterns(plover_type: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One regex per mode; a cue matches at a word start ("shell" matches "shelling", not "nutshell")."""
    return tuple(
        (mode, re.compile(r"\b(?:" + "|".join(cues) + ")", re.IGNORECASE))
        for mode, cues in MODE_CUES.get(plover_type, ())
    )


# Types whose CAMEO codes carry generic or lumped modes ("Conduct strike or boycott"): the sentence's
# words decide first, the code's mode is the fallback.
TEXT_FIRST = {"ASSAULT", "MOBILIZE", "PROTEST", "THREATEN", "REQUEST", "ACCUSE"}


# Modes a CAMEO code gives that name the act itself, not its means: "gunmen *abducted* six men" is an
# abduction (the manual's mode), whatever weapon the sentence mentions. Fusion keeps such an act apart
# from another kind of the same type (an abduction is never the shelling it happened beside).
ACT_MODES = frozenset({"abduct", "sexual", "torture"})


def choose_mode(plover_type: str, code_mode: str | None, sentence: str) -> str | None:
    """The event's mode from its CAMEO code and the words of its sentence."""
    if code_mode in ACT_MODES:
        return code_mode
    if plover_type in TEXT_FIRST:
        return mode_from_text(plover_type, sentence) or code_mode
    return code_mode or mode_from_text(plover_type, sentence)


def mode_from_text(plover_type: str, sentence: str) -> str | None:
    """The first PLOVER mode of ``plover_type`` whose cue words occur in the sentence."""
    for mode, pattern in _cue_patterns(plover_type):
        if pattern.search(sentence):
            return mode
    return None

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
                "bomber",
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
        ("troops", ("troop", "soldier", "forces", "exercise", "drill", "army", "brigade", "battalion")),
        ("weapons", ("missile", "warship", "weapon", "battery", "carrier", "jets?\\b")),
        ("police", ("police",)),
        ("militia", ("militia",)),
    ),
    "PROTEST": (
        ("riot", ("riot", "clashed with police", "looted")),
        ("hunger", ("hunger strike",)),
        ("boycott", ("boycott", "general strike", "walkout", "went on strike")),
        ("obstruct", ("blocked", "blockade", "barricade", "sit-in")),
        ("demo", ("protest", "demonstrat", "rally", "march", "marched")),
    ),
}


@cache
def _cue_patterns(plover_type: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One regex per mode; a cue matches at a word start ("shell" matches "shelling", not "nutshell")."""
    return tuple(
        (mode, re.compile(r"\b(?:" + "|".join(cues) + ")", re.IGNORECASE))
        for mode, cues in MODE_CUES.get(plover_type, ())
    )


def mode_from_text(plover_type: str, sentence: str) -> str | None:
    """The first PLOVER mode of ``plover_type`` whose cue words occur in the sentence."""
    for mode, pattern in _cue_patterns(plover_type):
        if pattern.search(sentence):
            return mode
    return None

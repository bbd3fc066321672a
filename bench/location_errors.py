"""List the event-location misses of the coder on the train or dev split, pair by pair, for reading.

    .venv/bin/python bench/location_errors.py dev                 # every miss, with the evidence sentence
    .venv/bin/python bench/location_errors.py train dev --summary  # counts only

Codes the split's articles with the default coder, pairs gold and coded events with the outside scorer's
own pairing (``../shared/eval/score.py``, unchanged) and prints each paired event whose location the
scorer counts wrong: the gold place, ours, and the distance between them. The test split is refused: it
is never read for errors.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

from sitroom.learn.corpus import ROOT, read_gold, split_files
from sitroom.pipeline import code_articles

SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _place(location: dict | None) -> str:
    if not isinstance(location, dict):
        return "—"
    parts = [str(location.get("name")), str(location.get("country"))]
    if location.get("lat") is not None:
        parts.append(f"{location['lat']:.2f},{location['lon']:.2f}")
    if location.get("radius_km"):
        parts.append(f"r={location['radius_km']}")
    if location.get("precision"):
        parts.append(str(location["precision"]))
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits", nargs="+", choices=("train", "dev"))
    parser.add_argument("--summary", action="store_true", help="counts only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--save", help="also write the coded articles here (JSON lines)")
    args = parser.parse_args()
    score = _scorer()
    golds = [g for split in args.splits for g in read_gold(split_files(split, older=False))]
    coded = [c.to_format() for c in code_articles([g.article for g in golds], args.workers)]
    if args.save:
        Path(args.save).write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in coded), "utf-8")
    hits = total = 0
    for gold, system in zip(golds, coded, strict=True):
        events = system.get("events") or []
        for i, j in score.pair_events(gold.events, events):
            g, s = gold.events[i], events[j]
            if g.get("location") is None:
                continue
            total += 1
            if score.field_correct("location", g, s):
                hits += 1
                continue
            if args.summary:
                continue
            far = ""
            if score.has_coords(g.get("location")) and score.has_coords(s.get("location")):
                far = f" ({score.km(g['location'], s['location']):.0f} km)"
            print(f"## {gold.article.id} {g.get('type')}{far}")
            print(f"   gold: {_place(g.get('location'))}")
            print(f"   ours: {_place(s.get('location'))}")
            print(f"   gold evidence: {g.get('evidence')}")
            print(f"   our evidence:  {s.get('evidence')}")
    print(f"location accuracy {hits / total if total else 0:.3f} ({hits}/{total})")


if __name__ == "__main__":
    main()

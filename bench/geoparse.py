"""Geoparse a gold file and write FORMAT.md system lines with ``places``, for ``score_places.py``.

    .venv/bin/python bench/geoparse.py GOLD.jsonl -o OUT.jsonl [--limit N]
    python3 ../shared/eval/score_places.py GOLD.jsonl OUT.jsonl

Prints the speed of parsing (spaCy, the same model ``sitroom code`` uses) and of geoparsing on the same
texts, in ms per article, the geoparser's share of the two, mentions/s, and the gazetteer's load time and
the process's peak memory. The gold file's annotations are never read, only ``id`` and ``text``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

from sitroom.nlp import load_nlp
from sitroom.place import Geoparser, place_dicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()

    with open(args.gold, encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle if line.strip()]
    if args.limit:
        items = items[: args.limit]
    nlp = load_nlp()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    geoparser = Geoparser.load()
    load_s = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    parse_s = geo_s = 0.0
    mentions = 0
    with open(args.output, "w", encoding="utf-8") as out:
        for item in items:
            started = time.perf_counter()
            doc = nlp(item["text"])
            parse_s += time.perf_counter() - started
            started = time.perf_counter()
            places = geoparser.places(doc)
            geo_s += time.perf_counter() - started
            mentions += len(places)
            line = {"id": item["id"], "events": [], "places": place_dicts(places)}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")

    n = len(items) or 1
    print(f"{len(items)} articles, {mentions} place mentions -> {args.output}", file=sys.stderr)
    print(
        f"gazetteer load {load_s:.2f} s, peak RSS +{(rss_after - rss_before) / 1024:.0f} MB "
        f"(process peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)",
        file=sys.stderr,
    )
    print(f"spaCy parse  {1000 * parse_s / n:7.1f} ms/article", file=sys.stderr)
    print(
        f"geoparse     {1000 * geo_s / n:7.1f} ms/article ({100 * geo_s / parse_s:.1f}% of parse time), "
        f"{mentions / geo_s if geo_s else 0:.0f} mentions/s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

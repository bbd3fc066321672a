"""The independent corpus in numbers, and the human ceiling: how far two annotators agree.

    .venv/bin/python bench/corpus_stats.py

Counts articles, events, styles, types, countries and multi-report groups per split of
``tests/data/corpus`` (annotators' files only; the PLOVER GSR's dev part in ``external/`` is counted
apart), then scores each second annotation in ``agreement/`` against the first annotation of the same
articles with the outside scorer (``../shared/eval/score.py``, unchanged): the ceiling a coder's score
is read against. Only aggregates are printed; nothing here reads the coder.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import evaluate  # the same scoring as the coder's table

from sitroom.learn.corpus import SPLITS

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
BLOCS = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}  # party codes that are not countries


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def countries_of(event: dict) -> set[str]:
    found = {p.get("country") for p in (event.get("actor"), event.get("target")) if isinstance(p, dict)}
    if isinstance(event.get("location"), dict):
        found.add(event["location"].get("country"))
    return {c for c in found if c and len(c) == 3 and c not in BLOCS}


def count(splits: dict[str, list[dict]]) -> None:
    totals: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    types: Counter[str] = Counter()
    countries: set[str] = set()
    groups: set[str] = set()
    print("| split | files | articles | events |\n| --- | --- | --- | --- |")
    for split, articles in splits.items():
        events = [e for a in articles for e in a.get("events", [])]
        files = ", ".join(path.stem for path in sorted((CORPUS / split).glob("*.jsonl")))
        print(f"| {split} | {files} | {len(articles)} | {len(events)} |")
        totals.update(
            articles=len(articles), events=len(events), empty=sum(not a.get("events") for a in articles)
        )
        styles.update(a.get("style") or "unstated" for a in articles)
        for event in events:
            types[event["type"]] += 1
            countries |= countries_of(event)
            if event.get("group"):
                groups.add(event["group"])
    print(f"\nall splits: {totals['articles']} articles, {totals['events']} events, "
          f"{totals['empty']} with no event, {len(countries)} countries, {len(styles)} styles, "
          f"{len(groups)} multi-report groups")  # fmt: skip
    print("styles:", ", ".join(f"{k} {v}" for k, v in styles.most_common()))
    print("types:", ", ".join(f"{k} {v}" for k, v in types.most_common()))


def agreement(splits: dict[str, list[dict]]) -> None:
    first = {a["id"]: a for articles in splits.values() for a in articles}
    print("\n| second annotation | articles | event F1 | strict F1 | actor | location | date | fatalities |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for path in sorted((CORPUS / "agreement").glob("*.jsonl")):
        second = read(path)
        gold = [first[a["id"]] for a in second]
        with tempfile.TemporaryDirectory() as work:
            result = evaluate(gold, second, Path(work))
        fields = result["fields"]
        cells = [f"{result['event']['f1']:.3f}", f"{result['strict']['f1']:.3f}"]
        cells += [f"{fields[k]['accuracy']:.3f}" for k in ("actor", "location", "date", "fatalities")]
        print(f"| {path.stem} | {len(second)} | " + " | ".join(cells) + " |")


def main() -> None:
    splits = {s: [a for f in sorted((CORPUS / s).glob("*.jsonl")) for a in read(f)] for s in SPLITS}
    count(splits)
    external = [a for f in sorted((CORPUS / "external").glob("*.jsonl")) for a in read(f)]
    print(f"external (PLOVER GSR dev part, trains only): {len(external)} records, "
          f"{sum(len(a.get('events', [])) for a in external)} events")  # fmt: skip
    agreement(splits)


if __name__ == "__main__":
    main()

"""Count the date and toll errors of a split by class (train, dev and dev2 only), to see which classes recur.

    .venv/bin/python bench/attribute_classes.py train                  # codes the split, prints the counts
    .venv/bin/python bench/attribute_classes.py train --system out.jsonl --show carried
    .venv/bin/python bench/attribute_classes.py dev --show all          # every failed pair, by class

Codes the split as ``bench/accuracy.py`` does (the ``combined`` detect variant; or reads a coded file
given with ``--system``), pairs gold and system events with the outside scorer's own pairing
(``../shared/eval/score.py``, imported, unchanged) and puts each failed date or toll pair in one class,
by the first test it meets (the order of ``DATE_CLASSES`` and ``TOLL_CLASSES``). Each class is counted by
errors, articles and annotator files, so that a class one annotator's convention makes can be told from
one that recurs. It also counts what the scorer does not score: tolls given where gold has none. The
test split is refused: it is never read for errors.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from types import ModuleType

from attribute_errors import scorer

from sitroom.learn.corpus import READABLE, read_gold, split_files
from sitroom.pipeline import code_articles

SAME_SENTENCE = 0.6  # share of the gold evidence's words in the coded sentence below which it is "another"

DATE_CLASSES = (
    ("another sentence", "the system event is another sentence's (pairing or detection)"),
    ("future", "gold after publication: a planned act"),
    ("gold range", "gold a range of days, coded one day"),
    ("coded range", "gold one day, coded a range (another phrase, a week or month)"),
    ("publication", "coded the publication day (no phrase read), gold another day"),
    ("carried", "coded an earlier act's date (the context date), the sentence names none"),
    ("week off", "a weekday in the wrong week (7 days off)"),
    ("year off", "a month-day in the wrong year"),
    ("other day", "another day: another phrase, a relative date, the context date against the sentence's"),
)
TOLL_CLASSES = (
    ("another sentence", "the system event is another sentence's (pairing or detection)"),
    ("gold 0, none", "gold zero, no toll coded"),
    ("coded 0", "coded zero, gold a figure"),
    ("none", "gold a figure, no toll coded"),
    ("too high", "coded more than gold"),
    ("too low", "coded fewer than gold"),
)


def words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def overlap(gold: str | None, system: str | None) -> float:
    """How much of the gold evidence the coded sentence holds (gold may give only a clause of it)."""
    wg, ws = words(gold), words(system)
    return len(wg & ws) / len(wg) if wg and ws else 0.0


def days(value: object, score: ModuleType) -> tuple[date, date] | None:
    return score.to_range(value)


def date_class(
    gold: dict, system: dict, published: date | None, earlier: list[dict], score: ModuleType
) -> str:
    """The first class a failed date pair meets."""
    g, s = days(gold.get("date"), score), days(system.get("date"), score)
    if overlap(gold.get("evidence"), system.get("evidence")) < SAME_SENTENCE:
        return "another sentence"
    if g is None or s is None:
        return "publication"
    if published is not None and g[0] > published:
        return "future"
    if g[0] != g[1] and s[0] == s[1]:
        return "gold range"
    if g[0] == g[1] and (s[1] - s[0]).days > 1:
        return "coded range"
    if (system.get("date") or {}).get("precision") == "published":
        return "publication"
    text = str((system.get("date") or {}).get("text") or "")
    named = text and text.lower() in str(system.get("evidence") or "").lower()
    if text and not named and any(days(e.get("date"), score) == s for e in earlier):
        return "carried"
    gap = abs((g[0] - s[0]).days)
    if gap in (7, 14):
        return "week off"
    if 360 <= gap <= 370:
        return "year off"
    return "other day"


def toll_class(gold: dict, system: dict) -> str:
    """The first class a failed toll pair meets."""
    g, s = gold.get("fatalities"), system.get("fatalities")
    if overlap(gold.get("evidence"), system.get("evidence")) < SAME_SENTENCE:
        return "another sentence"
    if g == 0 and s is None:
        return "gold 0, none"
    if s == 0:
        return "coded 0"
    if s is None:
        return "none"
    return "too high" if s > g else "too low"


class Tally:
    """Errors per class, with the articles and annotator files they fall in, and examples to show."""

    def __init__(self) -> None:
        self.errors: Counter[str] = Counter()
        self.articles: defaultdict[str, set[str]] = defaultdict(set)
        self.annotators: defaultdict[str, set[str]] = defaultdict(set)
        self.shown: defaultdict[str, list[str]] = defaultdict(list)

    def add(self, kind: str, key: str, annotator: str, line: str) -> None:
        self.errors[kind] += 1
        self.articles[kind].add(key)
        self.annotators[kind].add(annotator)
        self.shown[kind].append(line)

    def table(self, classes: tuple[tuple[str, str], ...], title: str) -> str:
        rows = [f"| {title} | errors | articles | annotator files | what |", "|---|---|---|---|---|"]
        for kind, what in classes:
            if self.errors[kind]:
                rows.append(
                    f"| {kind} | {self.errors[kind]} | {len(self.articles[kind])} "
                    f"| {len(self.annotators[kind])} | {what} |"
                )
        rows.append(f"| **total** | **{sum(self.errors.values())}** | | | |")
        return "\n".join(rows)


def shown_pair(key: str, published: str, gold: dict, system: dict, field: str) -> str:
    value = {"date": lambda e: json.dumps(e.get("date")), "fatalities": lambda e: str(e.get("fatalities"))}
    return (
        f"== {key} published {published} {gold.get('type')}: gold {value[field](gold)} "
        f"system {value[field](system)}\n"
        f"  gold:   {' '.join(str(gold.get('evidence')).split())}\n"
        f"  system: {' '.join(str(system.get('evidence')).split())}"
    )


def tally(golds: list, system: dict[str, dict]) -> tuple[Tally, Tally, Counter]:
    """Date and toll classes over every paired event, and what the toll score leaves out."""
    score = scorer()
    dates, tolls, unscored = Tally(), Tally(), Counter()
    for item in golds:
        key, published = item.article.id, item.article.published
        system_events = (system.get(key) or {}).get("events") or []
        for i, j in score.pair_events(item.events, system_events):
            g, s = item.events[i], system_events[j]
            if g.get("type") in {"ASSAULT", "PROTEST", "COERCE"}:
                unscored[_toll_case(g.get("fatalities"), s.get("fatalities"))] += 1
            if g.get("date") is not None and not score.field_correct("date", g, s):
                earlier = system_events[:j]
                kind = date_class(g, s, published, earlier, score)
                dates.add(kind, key, item.annotator, shown_pair(key, str(published), g, s, "date"))
            if g.get("fatalities") is not None and not score.field_correct("fatalities", g, s):
                kind = toll_class(g, s)
                tolls.add(kind, key, item.annotator, shown_pair(key, str(published), g, s, "fatalities"))
    return dates, tolls, unscored


def _toll_case(gold: int | None, system: int | None) -> str:
    if gold is None:
        return "gold none, coded none" if system is None else "gold none, coded a toll (not scored)"
    if system is None:
        return "gold 0, coded none" if gold == 0 else "gold a toll, coded none"
    return "both a toll, equal" if gold == system else "both a toll, different"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=READABLE)
    parser.add_argument("--system", type=Path, help="a coded file of the split (FORMAT.md); else code it")
    parser.add_argument("--show", action="append", default=[], help="print the pairs of a class ('all')")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    golds = list(read_gold(split_files(args.split, older=False)))
    if args.system:
        lines = [json.loads(line) for line in args.system.read_text(encoding="utf-8").splitlines() if line]
        system = {str(line["id"]): line for line in lines}
    else:
        coded = code_articles([g.article for g in golds], args.workers)
        system = {c.article.id: c.to_format() for c in coded}
    dates, tolls, unscored = tally(golds, system)
    for tally_, classes, title in ((dates, DATE_CLASSES, "date"), (tolls, TOLL_CLASSES, "fatalities")):
        print(tally_.table(classes, f"{title} class ({args.split})"), end="\n\n")
        for kind, _ in classes:
            if kind in args.show or "all" in args.show:
                print("\n".join(tally_.shown[kind]), end="\n\n")
    print("paired ASSAULT / PROTEST / COERCE events by toll (gold, coded):")
    for case, count in sorted(unscored.items()):
        print(f"  {case}: {count}")


if __name__ == "__main__":
    main()

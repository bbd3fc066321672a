"""Coding time of one run-on sentence against the same text as ordinary sentences (issue #12).

    .venv/bin/python bench/runon.py [--chars 20000] [--profile]

Builds a text of about ``--chars`` characters from wire-story clauses, codes it once as ordinary
sentences and once joined by ", and " (one run-on sentence of the same words, as spaCy parses it), and
prints both times and their ratio. The budget: the run-on within 5x of the ordinary text,
and both growing linearly with length (try --chars 10000, 20000, 40000). ``--profile`` prints the top
functions of the run-on case by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from datetime import date

from sitroom.coding.coder import Coder
from sitroom.models import Article

#: Wire-story clauses with acts, tolls, dates, places and sources: what the readers walk the tree for.
CLAUSES = [
    "Russian strikes killed 12 people in Kharkiv on Monday",
    "the death toll rose to 19 by Tuesday morning",
    "police said two of the wounded died in hospital",
    "rebels attacked an army post near Goma, killing four soldiers",
    "officials said dozens were wounded",
    "the European Union imposed sanctions on Iran's drone makers last week",
    "protesters marched on parliament in Nairobi on Tuesday",
    "the army withdrew from the town after a week of fighting",
]


def texts(chars: int) -> tuple[str, str]:
    """(ordinary, run-on): the same clauses as sentences, or joined by ", and " into one sentence."""
    parts: list[str] = []
    while sum(len(p) + 2 for p in parts) < chars:
        parts.append(CLAUSES[len(parts) % len(CLAUSES)])
    ordinary = " ".join(p[0].upper() + p[1:] + "." for p in parts)
    run_on = parts[0][0].upper() + ", and ".join(parts)[1:] + "."
    return ordinary, run_on


def timed(coder: Coder, text: str) -> tuple[float, int]:
    article = Article(id="bench", text=text, published=date(2024, 5, 28))
    start = time.perf_counter()
    coded = coder.code(article)
    assert coded.error is None, coded.error
    return time.perf_counter() - start, len(coded.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    coder = Coder.load()
    coder.code(Article(id="warm", text="Troops shelled the town on Monday.", published=date(2024, 5, 28)))
    ordinary, run_on = texts(args.chars)
    sents = len(list(coder.nlp(run_on).sents))
    print(f"{len(ordinary):,} characters; the run-on text parses as {sents} sentence(s)")
    plain_s, plain_events = timed(coder, ordinary)
    print(f"ordinary sentences: {plain_s:6.2f} s  ({plain_events} events)")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    run_s, run_events = timed(coder, run_on)
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    print(f"one run-on sentence: {run_s:6.2f} s  ({run_events} events)")
    print(f"ratio: {run_s / plain_s:.1f}x (budget 5x)")


if __name__ == "__main__":
    main()

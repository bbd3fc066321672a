"""How fast the truecaser is, against the parse it comes before (docs/accuracy.md, "Lower-cased copy").

    .venv/bin/python bench/truecase_speed.py FILE.jsonl [FILE.jsonl ...]

Times, in one process: loading the truecaser's knowledge (on top of the gazetteer and actor lexicon, which
the coder holds anyway); ``truecase`` on the texts as written, lower-cased and in capitals (the first pass
decides every name once, a second pass finds them cached); and spaCy's parse of the same texts
(``nlp.pipe``, the coder's model), which the truecaser's cost is a share of.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sitroom.coding.actors import ActorLexicon
from sitroom.coding.truecase import Knowledge, TrueCaser, truecase
from sitroom.nlp import load_nlp
from sitroom.place import Geoparser


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main(paths: list[str]) -> None:
    lines = [line for path in paths for line in Path(path).read_text(encoding="utf-8").splitlines()]
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    chars = sum(map(len, texts))
    gazetteer, lexicon = Geoparser.load().gazetteer, ActorLexicon.load()
    print(f"{len(texts)} texts, {chars:,} characters")
    print(f"knowledge load: {timed(lambda: Knowledge.load(gazetteer, lexicon)):.2f} s (once per process)")
    TrueCaser.load()
    nlp = load_nlp()
    list(nlp.pipe(texts[:4]))
    parse = timed(lambda: list(nlp.pipe(texts, batch_size=16)))
    print(f"parse (nlp.pipe):       {chars / parse:>12,.0f} chars/s")
    for label, change in (("as written", str), ("lower-cased", str.lower), ("all caps", str.upper)):
        copies = [change(text) for text in texts]
        for run in ("first pass", "second pass"):
            seconds = timed(lambda copies=copies: [truecase(text) for text in copies])
            share = seconds / parse
            print(f"truecase {label:<11} {run:<11} {chars / seconds:>12,.0f} chars/s  {share:6.1%} of parse")


if __name__ == "__main__":
    main(sys.argv[1:] or ["tests/data/attributes.jsonl"])

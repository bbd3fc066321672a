"""Score the coder on the independent corpus, per stage, with the outside scorer.

    .venv/bin/python bench/accuracy.py dev                      # rules and combined on the dev split
    .venv/bin/python bench/accuracy.py test --variants combined  # the frozen test split: aggregates only
    .venv/bin/python bench/accuracy.py dev --by style            # one table per style (or annotator)

Codes each split's articles with each variant of the detect stage, then runs
``../shared/eval/score.py --json`` (unchanged) on the output and prints a markdown table: one row per
stage with the score that measures it. "Detection" scores events with every type made one, so it counts
acts found whatever their type. Only aggregate numbers are printed: the test split is never read for
errors.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from sitroom.learn.corpus import ROOT, SPLITS, read_gold, split_files
from sitroom.pipeline import code_articles

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
ROWS = (  # (stage, label, path into the scorer's JSON)
    ("candidates + detect", "detection F1 (any type)", ("detection", "f1")),
    ("detect", "event P", ("event", "precision")),
    ("detect", "event R", ("event", "recall")),
    ("detect", "event F1", ("event", "f1")),
    ("detect", "macro F1 over types", ("macro_f1",)),
    ("parties", "strict F1", ("strict", "f1")),
    ("parties", "actor accuracy", ("fields", "actor", "accuracy")),
    ("parties", "target accuracy", ("fields", "target", "accuracy")),
    ("type-and-mode", "mode accuracy", ("fields", "mode", "accuracy")),
    ("place", "location accuracy", ("fields", "location", "accuracy")),
    ("date", "date accuracy", ("fields", "date", "accuracy")),
    ("toll + tolls", "fatalities accuracy", ("fields", "fatalities", "accuracy")),
    ("factuality", "factuality accuracy", ("fields", "factuality", "accuracy")),
)


def write_jsonl(path: Path, lines: list[dict]) -> None:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")


def score(gold: Path, system: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), str(gold), str(system), "--json"], capture_output=True,
                         text=True, check=True)  # fmt: skip
    return json.loads(out.stdout)


def one_type(lines: list[dict]) -> list[dict]:
    """Every event made an ASSAULT: the scorer then counts acts found, whatever their type."""
    return [{**line, "events": [{**e, "type": "ASSAULT"} for e in line.get("events", [])]} for line in lines]


def evaluate(gold_lines: list[dict], system_lines: list[dict], work: Path) -> dict:
    paths = {name: work / f"{name}.jsonl" for name in ("gold", "system", "gold1", "system1")}
    write_jsonl(paths["gold"], gold_lines)
    write_jsonl(paths["system"], system_lines)
    write_jsonl(paths["gold1"], one_type(gold_lines))
    write_jsonl(paths["system1"], one_type(system_lines))
    result = score(paths["gold"], paths["system"])
    result["detection"] = score(paths["gold1"], paths["system1"])["event"]
    result["gold_events"] = result["event"]["gold"]
    return result


def value(result: dict, path: tuple[str, ...]) -> str:
    node = result
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return "—"
        node = node[key]
    return f"{node:.3f}"


def table(title: str, results: dict[str, dict]) -> str:
    variants = list(results)
    any_result = next(iter(results.values()))
    size = f"{any_result['articles']} articles, {any_result['gold_events']} gold events"
    lines = [f"\n### {title} ({size})\n", "| stage | score | " + " | ".join(variants) + " |",
             "| --- | --- |" + " --- |" * len(variants)]  # fmt: skip
    for stage, label, path in ROWS:
        lines.append(f"| {stage} | {label} | " + " | ".join(value(results[v], path) for v in variants) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits", nargs="+", choices=SPLITS)
    parser.add_argument("--variants", nargs="+", default=["rules", "combined"])
    parser.add_argument("--by", choices=("style", "annotator"), help="also one table per style or annotator")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    golds = [g for split in args.splits for g in read_gold(split_files(split, older=False))]
    gold_lines = [{"id": g.article.id, **g.article.model_dump(mode="json", exclude={"id", "origin"}),
                   "events": g.events} for g in golds]  # fmt: skip
    coded = {v: [c.to_format() for c in code_articles([g.article for g in golds], args.workers, detect=v)]
             for v in args.variants}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = {v: evaluate(gold_lines, coded[v], work) for v in args.variants}
        print(table(" + ".join(args.splits), results))
        if args.by:
            groups: dict[str, list[int]] = defaultdict(list)
            for index, gold in enumerate(golds):
                groups[str(getattr(gold, args.by))].append(index)
            for name, indices in sorted(groups.items()):
                subset = {v: evaluate([gold_lines[i] for i in indices], [coded[v][i] for i in indices], work)
                          for v in args.variants}  # fmt: skip
                print(table(f"{args.by} {name}", subset))


if __name__ == "__main__":
    main()

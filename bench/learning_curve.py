"""Learning curve of the detect stage: train on 25/50/100% of the training articles, score each model.

    .venv/bin/python bench/learning_curve.py dev            # (needs the train extra: make train)
    .venv/bin/python bench/learning_curve.py test           # frozen test split: aggregates only

Each fraction is a seeded sample of the training articles; both variants (combined, learned) are fitted
and tuned on dev exactly as ``make train`` does (``sitroom.learn.detect.train``), written to a temporary
folder (the shipped models are not touched), and the coder with each model is scored on the split with
the outside scorer. Prints event P/R/F1 and strict F1 per fraction and variant.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from accuracy import evaluate

from sitroom.coding.detect import TypeModel
from sitroom.learn.corpus import read_gold, split_files
from sitroom.learn.detect import VARIANTS, fresh_coder, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=("dev", "test"))
    parser.add_argument("--fractions", nargs="+", type=float, default=[0.25, 0.5, 1.0])
    args = parser.parse_args()
    golds = list(read_gold(split_files(args.split, older=False)))
    gold_lines = [{"id": g.article.id, **g.article.model_dump(mode="json", exclude={"id", "origin"}),
                   "events": g.events} for g in golds]  # fmt: skip
    print("| train share | articles | variant | event P | event R | event F1 | strict F1 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for fraction in args.fractions:
        with tempfile.TemporaryDirectory() as tmp:
            models = train(fraction, Path(tmp), log=lambda _message: None)
            for variant in VARIANTS:
                coder = fresh_coder(variant)
                coder.type_model = TypeModel.from_json(models[variant])
                system = [c.to_format() for c in coder.pipe([g.article for g in golds])]
                result = evaluate(gold_lines, system, Path(tmp))
                e, s = result["event"], result["strict"]
                size = models[variant]["trained"]["articles"]
                print(f"| {fraction:.0%} | {size} | {variant} | {e['precision']:.3f} | {e['recall']:.3f} | "
                      f"{e['f1']:.3f} | {s['f1']:.3f} |", flush=True)  # fmt: skip
    print(json.dumps({"split": args.split, "articles": len(golds)}))


if __name__ == "__main__":
    main()

"""The PLOVER GSR's dev part, scored honestly although the shipped models train on it.

    .venv/bin/python bench/gsr_halves.py        # (needs the train extra: make train)

The GSR dev sentences join the detect stage's training data (tests/data/corpus/external/SOURCE.md), so
scoring the shipped coder on them measures what it has seen. Here the sentences are split in two halves
(even and odd position in the file); models are trained with one half left out (``make train``'s own
procedure, written to a temporary folder) and the coder is scored on the half it has not seen, with the
outside scorer and ``--legacy-igo``. Printed per half and pooled, beside the rules alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sitroom.coding.detect import TypeModel
from sitroom.learn.corpus import CORPUS, ROOT, read_gold
from sitroom.learn.detect import fresh_coder, train

GSR = CORPUS / "external" / "plover_gsr_dev.jsonl"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def score(gold: Path, system: Path) -> dict:
    command = [sys.executable, str(SCORER), str(gold), str(system), "--json", "--legacy-igo"]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    lines = GSR.read_text(encoding="utf-8").splitlines()
    golds = list(read_gold([GSR]))
    print("| half | variant | event P | event R | event F1 | strict F1 |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        outputs: dict[str, list[str]] = {"rules": [], "combined": []}
        gold_all: list[str] = []
        for half in (0, 1):
            held = [i for i in range(len(golds)) if i % 2 == half]
            gold_path = work / f"gold{half}.jsonl"
            gold_path.write_text("".join(lines[i] + "\n" for i in held), encoding="utf-8")
            gold_all += [lines[i] for i in held]
            models = train(out_dir=work, log=lambda _m: None,
                           leave_out=frozenset(golds[i].article.id for i in held))  # fmt: skip
            for variant in ("rules", "combined"):
                coder = fresh_coder(variant)
                if variant == "combined":
                    coder.type_model = TypeModel.from_json(models["combined"])
                coded = [json.dumps(c.to_format()) for c in coder.pipe([golds[i].article for i in held])]
                outputs[variant] += coded
                system = work / f"{variant}{half}.jsonl"
                system.write_text("".join(line + "\n" for line in coded), encoding="utf-8")
                result = score(gold_path, system)
                e, s = result["event"], result["strict"]
                print(f"| {'even' if half == 0 else 'odd'} | {variant} | {e['precision']:.3f} | "
                      f"{e['recall']:.3f} | {e['f1']:.3f} | {s['f1']:.3f} |", flush=True)  # fmt: skip
        (work / "gold.jsonl").write_text("".join(line + "\n" for line in gold_all), encoding="utf-8")
        for variant, coded in outputs.items():
            (work / f"{variant}.jsonl").write_text("".join(line + "\n" for line in coded), encoding="utf-8")
            result = score(work / "gold.jsonl", work / f"{variant}.jsonl")
            e, s = result["event"], result["strict"]
            scores = " | ".join(f"{x:.3f}" for x in (e["precision"], e["recall"], e["f1"], s["f1"]))
            print(f"| both | {variant} | {scores} |")


if __name__ == "__main__":
    main()

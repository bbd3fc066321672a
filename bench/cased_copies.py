"""Lower-cased and ALL-CAPS copies of annotated sets, to measure the coder on copy that lost its case.

    python bench/cased_copies.py OUT_DIR GOLD.jsonl [GOLD.jsonl ...]

writes ``OUT_DIR/lower/NAME`` and ``OUT_DIR/upper/NAME`` for each file: the article's ``text`` and ``title``
and each gold event's ``evidence`` (and the attribution's quote, the date's text) changed together, so
every evidence stays a substring of its text. Only characters whose case change keeps the text's length
are changed ("ß" stays), so gold offsets, if any, still hold. Score the copies with
``../shared/eval/score.py`` (docs/accuracy.md, "Lower-cased and all-caps copy").
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path


def same_length(change: Callable[[str], str]) -> Callable[[str], str]:
    """``change`` applied per character where it keeps one character."""

    def apply(text: str) -> str:
        changed = change(text)
        if len(changed) == len(text):
            return changed
        return "".join(change(c) if len(change(c)) == 1 else c for c in text)

    return apply


CASES = {"lower": same_length(str.lower), "upper": same_length(str.upper)}


def recase(item: dict, change: Callable[[str], str]) -> dict:
    """An annotated article with its text and the strings quoted from it in one case."""
    item = dict(item)
    for key in ("text", "title"):
        if isinstance(item.get(key), str):
            item[key] = change(item[key])
    events = []
    for event in item.get("events") or []:
        event = dict(event)
        if isinstance(event.get("evidence"), str):
            event["evidence"] = change(event["evidence"])
        for field, inner in (("attribution", "quote"), ("date", "text")):
            if isinstance(event.get(field), dict) and isinstance(event[field].get(inner), str):
                event[field] = {**event[field], inner: change(event[field][inner])}
        events.append(event)
    if "events" in item:
        item["events"] = events
    return item


def main(out_dir: Path, files: list[Path]) -> None:
    for case, change in CASES.items():
        (out_dir / case).mkdir(parents=True, exist_ok=True)
        for path in files:
            lines = path.read_text(encoding="utf-8").splitlines()
            with (out_dir / case / path.name).open("w", encoding="utf-8") as handle:
                for item in (json.loads(line) for line in lines if line.strip()):
                    handle.write(json.dumps(recase(item, change), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), [Path(arg) for arg in sys.argv[2:]])

"""The annotated corpus, as the learned stages see it: articles, their gold events, and splits.

``tests/data/corpus/<split>/<annotator>.jsonl`` hold the independent corpus, split by annotator
(tests/data/README.md says who wrote what): ``train`` is fitted on, ``dev`` chooses training's settings,
``dev2`` is read for errors and never trained on, and the test splits are frozen. Older annotated sets
(``tests/data/attributes*.jsonl``, ``examples/sample.jsonl``) join the training split: the coder's rules
were tuned on them, so they are no use for measuring, but they are real annotation. So does the PLOVER
GSR's dev part (``corpus/external/``, CC BY-SA 4.0): single sentences, each stating one act. Training never
reads the frozen splits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from sitroom.models import Article, repair_mojibake

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "data" / "corpus"
OLDER_SETS = (
    ROOT / "tests" / "data" / "attributes.jsonl",
    *sorted((ROOT / "tests" / "data").glob("attributes_holdout*.jsonl")),
    ROOT / "examples" / "sample.jsonl",
)
SPLITS = ("train", "dev", "dev2", "test", "test2", "test3", "test4")
FROZEN = ("test", "test2", "test3", "test4")  # scored when a change is finished, aggregates only, never read
READABLE = tuple(split for split in SPLITS if split not in FROZEN)  # the splits whose errors may be read


@dataclass(frozen=True)
class GoldArticle:
    """An article with its gold events and where it came from."""

    article: Article
    events: list[dict]
    annotator: str
    style: str | None


def split_files(split: str, older: bool = True) -> list[Path]:
    """The files of one split; ``older`` adds the older annotated sets to the training split."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: one of {', '.join(SPLITS)}")
    files = sorted((CORPUS / split).glob("*.jsonl"))
    if split == "train" and older:
        files += [path for path in OLDER_SETS if path.is_file()]
        files += sorted((CORPUS / "external").glob("*.jsonl"))  # the PLOVER GSR's dev part (its SOURCE.md)
    return files


def read_gold(paths: list[Path]) -> Iterator[GoldArticle]:
    """Every article of the files, in order. An Article's text is read with its mojibake repaired, so
    each event's evidence is too: it must be found in the text as the coder reads it."""
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            fields = {k: item.get(k) for k in ("id", "text", "published", "title", "source", "url")}
            yield GoldArticle(
                article=Article(**fields),
                events=[_repaired(event) for event in item.get("events") or []],
                annotator=item.get("annotator") or path.stem,
                style=item.get("style"),
            )


def _repaired(event: dict) -> dict:
    """The gold event with its evidence repaired as its article's text is (``models.repair_mojibake``)."""
    evidence = event.get("evidence")
    return {**event, "evidence": repair_mojibake(evidence)} if isinstance(evidence, str) else event


def evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Where a gold event's evidence lies in the text (exactly, else with whitespace relaxed)."""
    start = text.find(evidence)
    if start >= 0:
        return start, start + len(evidence)
    pattern = r"\s+".join(re.escape(word) for word in evidence.split())
    match = re.search(pattern, text) if pattern else None
    return (match.start(), match.end()) if match else None


def sentence_of(span: tuple[int, int], sentences: list[Span]) -> int | None:
    """The index of the sentence that holds most of a character span."""
    best, best_overlap = None, 0
    for index, sentence in enumerate(sentences):
        overlap = min(span[1], sentence.end_char) - max(span[0], sentence.start_char)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best

"""The independent corpus as training reads it: every file parses, and the splits stay apart by annotator.

Only the readable splits (train, dev, dev2) are read here; of the frozen test splits only their file names
(annotator ids) are listed, to check that no annotator's work sits in two splits.
"""

from collections import Counter

import pytest

from sitroom.learn.corpus import CORPUS, READABLE, SPLITS, evidence_span, read_gold, split_files
from sitroom.models import PLOVER_TYPES


def annotators(split: str) -> set[str]:
    return {path.stem for path in (CORPUS / split).glob("*.jsonl")}


def test_no_annotator_is_in_two_splits() -> None:
    splits = [annotators(split) for split in SPLITS]
    assert all(splits), "every split holds annotated files"
    for number, first in enumerate(splits):
        for second in splits[number + 1 :]:
            assert not first & second


@pytest.mark.parametrize("split", READABLE)
def test_every_article_is_whole_and_every_event_found_in_its_text(split: str) -> None:
    golds = list(read_gold(split_files(split, older=False)))
    ids = Counter(g.article.id for g in golds)
    assert golds and ids.most_common(1)[0][1] == 1, "article ids repeat"
    for gold in golds:
        assert gold.article.text and gold.article.published, gold.article.id
        for event in gold.events:
            assert event["type"] in PLOVER_TYPES, (gold.article.id, event["type"])
            assert evidence_span(gold.article.text, event["evidence"]), (gold.article.id, event["evidence"])


@pytest.mark.parametrize("split", READABLE)
def test_each_file_holds_its_own_annotators_work(split: str) -> None:
    for path in split_files(split, older=False):
        assert {g.annotator for g in read_gold([path])} == {path.stem}, path.name

"""Stories and sentences that are not political news: sport, entertainment, history lessons.

Phrases from PETRARCH2's ``Phoenix.discards.txt`` (MIT, Open Event Data): a ``+`` phrase discards the
whole story ("Champions League"), a plain phrase the sentence ("bronze medal"). The file's bare years
and "years ago" lines are left to ``background.py``, which reads them against the publication date.
We add one cue the file lacks: a sports scoreline ("beat Barcelona 3-1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_SCORELINE = re.compile(
    r"\b(beat|beats|defeated|drew|draw|lost|won|win|edged|thrashed)\b[^.]{0,60}\b\d{1,2}-\d{1,2}\b"
)
_TIME_PHRASE = re.compile(r"^(\d{4}|.* (LATER|AGO))$")


@dataclass(frozen=True)
class Discards:
    """Compiled story-level and sentence-level discard phrases."""

    story: re.Pattern[str]
    sentence: re.Pattern[str]

    def story_is_discarded(self, text: str) -> bool:
        return bool(self.story.search(text))

    def sentence_is_discarded(self, text: str) -> bool:
        return bool(self.sentence.search(text) or _SCORELINE.search(text))


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    escaped = sorted({re.escape(p) for p in phrases if p}, key=len, reverse=True)
    if not escaped:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(r"\b(?:" + "|".join(escaped) + r")\b", re.IGNORECASE)


@cache
def discards() -> Discards:
    """Read the discard file once per process."""
    text = resources.files("sitroom").joinpath("data/petrarch2/Phoenix.discards.txt").read_text("utf-8")
    story, sentence = [], []
    for line in text.splitlines():
        phrase = " ".join(line.split("#", 1)[0].replace("_", " ").split())
        if not phrase or _TIME_PHRASE.match(phrase.upper()):
            continue
        if phrase.startswith("+"):
            story.append(phrase[1:].strip())
        else:
            sentence.append(phrase)
    return Discards(_alternation(story), _alternation(sentence))

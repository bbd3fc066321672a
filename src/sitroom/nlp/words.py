"""How common an English word is: ``data/common_words.txt``, SCOWL's size levels (10 = the commonest
words) for every word of every name the gazetteer and the actor lexicon hold (built by
``sitroom.learn.common_words``). The truecaser, the party finder and the geoparser read it."""

from __future__ import annotations

from functools import cache
from importlib import resources

COMMON_WORDS_FILE = "common_words.txt"


def read_common_words() -> tuple[dict[str, int], list[str]]:
    """``data/common_words.txt``: lower-case words with their SCOWL level, and words English always
    capitalises ("Muslim", "Sunni") that the actor lexicon lists as sector nouns."""
    text = resources.files("sitroom.data").joinpath(COMMON_WORDS_FILE).read_text(encoding="utf-8")
    common: dict[str, int] = {}
    forms: list[str] = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, level = line.split()
        if word.islower():
            common[word] = int(level)
        else:
            forms.append(word)
    return common, forms


@cache
def common_words() -> dict[str, int]:
    """Lower-case word → its SCOWL level, read once a process."""
    return read_common_words()[0]

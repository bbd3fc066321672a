"""Syndicated copies: the same wire story on several sites is one article, not several reports.

Three checks, cheapest first: the same URL (``items.normalise_url``; the watcher's books), the same title
and text (the store's content hash), and the same story re-published: the same words whatever the title,
case, spacing and punctuation (``body_key``), or a near copy that gives the same figures and whose word
4-grams overlap by at least :data:`SAME_STORY` (an outlet's own first or last lines added: estimated by a
64-value MinHash, found through 16 bands of 4 so that a new text is compared with a handful of old ones,
not all of them). An update that changes a figure (a toll rising) is news, not a copy.

    >>> index = CopyIndex()
    >>> index.add("hash-1", "https://a.example/story", fingerprint(text))
    >>> index.copy_of(fingerprint(text_with_a_new_byline))
    'https://a.example/story'
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE = 4
SAME_STORY = 0.8  # estimated Jaccard similarity of word 4-grams
MIN_WORDS = 40  # shorter texts are compared whole only (body_key)
_PRIME = (1 << 31) - 1  # values below it times a factor below it fit in 64 bits
_rng = np.random.default_rng(20240513)
_A = _rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64)[:, None]
_B = _rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64)[:, None]
_WORD = re.compile(r"\w+")
NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand",
    "thousands", "dozen", "dozens", "million",
}  # fmt: skip


@dataclass(frozen=True)
class Fingerprint:
    body_key: str
    minhash: tuple[int, ...]  # empty for a short text
    figures: str = ""  # its numbers, in order of first use: an update that changes a toll is not a copy


def fingerprint(text: str) -> Fingerprint:
    """The words of ``text`` (lower-cased) as one key, and a MinHash of their 4-grams."""
    words = _WORD.findall(text.lower())
    body_key = hashlib.sha256(" ".join(words).encode()).hexdigest()
    figures = " ".join(dict.fromkeys(word for word in words if word.isdigit() or word in NUMBER_WORDS))
    if len(words) < MIN_WORDS:
        return Fingerprint(body_key, (), figures)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    values = np.array(
        [
            int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "big") % _PRIME
            for s in shingles
        ],
        dtype=np.uint64,
    )
    hashed = ((_A * values[None, :] + _B) % _PRIME).min(axis=1)
    return Fingerprint(body_key, tuple(int(value) for value in hashed), figures)


def similarity(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """The estimated Jaccard similarity of two MinHashes."""
    if not first or not second:
        return 0.0
    return sum(1 for a, b in zip(first, second, strict=True) if a == b) / len(first)


class CopyIndex:
    """The stories seen (loaded from the watcher's books at start, then kept in step)."""

    def __init__(self) -> None:
        self._by_key: dict[str, str] = {}
        self._bands: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
        self._entries: list[tuple[str, tuple[int, ...], str]] = []

    def __len__(self) -> int:
        return len(self._by_key)

    def add(self, where: str, print_: Fingerprint) -> None:
        self._by_key.setdefault(print_.body_key, where)
        if print_.minhash:
            position = len(self._entries)
            self._entries.append((where, print_.minhash, print_.figures))
            for band in range(BANDS):
                self._bands[band, print_.minhash[band * ROWS : (band + 1) * ROWS]].append(position)

    def copy_of(self, print_: Fingerprint) -> str | None:
        """Where the story was first seen, if ``print_`` is a copy of it."""
        if print_.body_key in self._by_key:
            return self._by_key[print_.body_key]
        if not print_.minhash:
            return None
        candidates = set()
        for band in range(BANDS):
            candidates.update(self._bands.get((band, print_.minhash[band * ROWS : (band + 1) * ROWS]), ()))
        for position in sorted(candidates):
            where, other, figures = self._entries[position]
            if figures == print_.figures and similarity(print_.minhash, other) >= SAME_STORY:
                return where
        return None

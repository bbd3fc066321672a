"""Read counts written in digits or words ("16", "1,200", "twenty-one", "two dozen", "a hundred").

News writes small numbers as words (AP style: one to nine) and large ones as digits, so both the date
resolver ("three days ago") and the casualty reader ("killed twenty-one") need the same reader.

>>> number_value("twenty-one"), number_value("1,200"), number_value("two dozen")
(21, 1200, 24)
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a": 1, "an": 1, "single": 1,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")  # "1.2" in "1.2 million"
_SPLIT = re.compile(r"[\s-]+")
_FILLERS = {"and", ""}
_HALF = re.compile(r"\bhalf an? ")


def _word_value(word: str) -> float | None:
    """One word or digit group; None when it is not a number."""
    if _DIGITS.match(word):
        return int(word.replace(",", ""))
    if _DECIMAL.match(word):
        return float(word)
    if word in _UNITS:
        return _UNITS[word]
    return _TENS.get(word)


def number_value(text: str) -> int | None:
    """The integer a number phrase states, or None when any word of it is not a number word.

    Scales multiply what precedes them ("two dozen" = 24, "1.2 million"), so "a hundred and five" is 105.
    Plural scales ("dozens", "hundreds") are not counts: callers treat them as vague.
    """
    total, current, seen = 0, 0.0, False
    text = _HALF.sub("0.5 ", text.lower().strip())  # "half a million"
    for word in _SPLIT.split(text):
        if word in _FILLERS:
            continue
        if word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + int(current), 0.0
            seen = True
            continue
        value = _word_value(word)
        if value is None:
            return None
        current, seen = current + value, True
    return int(total + current) if seen else None

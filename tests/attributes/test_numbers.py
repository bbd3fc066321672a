"""Number words and digits."""

from __future__ import annotations

from sitroom.attributes.numbers import number_value


def test_digits_and_words() -> None:
    assert number_value("16") == 16
    assert number_value("1,200") == 1200
    assert number_value("three") == 3
    assert number_value("twenty-one") == 21
    assert number_value("a dozen") == 12
    assert number_value("two dozen") == 24
    assert number_value("a hundred and five") == 105
    assert number_value("1.2 million") == 1_200_000


def test_not_numbers() -> None:
    assert number_value("dozens") is None
    assert number_value("drones") is None
    assert number_value("") is None

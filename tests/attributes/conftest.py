"""Shared fixtures: the real small English model, parsed once (no mocks)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Token

from sitroom.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def word(nlp: Language) -> Callable[[str, str], Token]:
    """The token ``text`` in the parsed ``sentence`` (the event's anchor verb in the tests)."""

    def find(sentence: str, text: str) -> Token:
        doc = nlp(sentence)
        return next(t for t in doc if t.text == text)

    return find

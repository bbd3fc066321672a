"""Shared fixtures for the place tests: the real spaCy model and the real gazetteer, loaded once."""

import pytest
from spacy.language import Language

from sitroom.nlp import load_nlp
from sitroom.place import Geoparser


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def geoparser() -> Geoparser:
    return Geoparser.load()

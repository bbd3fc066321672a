"""The spaCy model as sitroom loads it (``nlp.load_nlp``): the same pipeline as spaCy's own loading."""

from __future__ import annotations

import spacy

from sitroom.nlp import MODEL_PACKAGE, load_nlp


def test_the_quickly_built_tokenizer_is_the_models_own() -> None:
    """``load_nlp`` skips building English's default tokenizer, which the model's folder overwrites: every
    rule, special case and expression must still be the model's."""
    ours, theirs = load_nlp(), spacy.load(MODEL_PACKAGE)
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == theirs.tokenizer.to_bytes(exclude=["vocab"])
    assert ours.pipe_names == theirs.pipe_names
    text = "The U.S. envoy can't say (on Monday) whether Kyiv's talks at https://example.org/a-b go on."
    words = [token.text for token in ours.make_doc(text)]
    assert words == [token.text for token in theirs.make_doc(text)]
    split = ["U.S.", "ca", "n't", "(", "Kyiv", "'s", "https://example.org/a-b"]  # special cases, affixes, URL
    assert [word for word in words if word in split] == split

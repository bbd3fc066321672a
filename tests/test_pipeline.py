"""The pipeline's per-article isolation and text budget, and ``code`` over generated text (hypothesis).

Real coder, real spaCy model. Whatever the text (run-on sentences, numbers past any column, dates at the
ends of the calendar, stray Unicode), coding yields exactly one result per article, in order, and an
article's failure is its own.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.attributes._syntax import lowest_common_ancestor, sentence_tree, separate_clause
from sitroom.coding.coder import Coder
from sitroom.models import Article
from sitroom.pipeline import MAX_CHARS_LIMIT, cap_text, code_articles, code_isolated, max_chars_setting

CODE_EXAMPLES = 400
TREE_EXAMPLES = 300
CLAUSES = [
    "Russian strikes killed {n} people in Kharkiv on {day}", "the death toll rose to {n}",
    "police said two of the wounded died in hospital", "rebels attacked an army post near Goma",
    "officials said dozens were wounded", "the army withdrew from the town after {n} weeks of fighting",
    "Iran accused Israel of an attack that killed {n} civilians {day}", "protesters marched on parliament",
    "a fourth victim died", "no one was hurt", "the European Union imposed sanctions on Iran",
]  # fmt: skip
DAYS = ["on Monday", "yesterday", "last week", "on 1 January 1", "in 9999", "on 31 December 9999", "today",
        "on February 30", "three days ago", "since 2014"]  # fmt: skip
NUMBERS = [
    "3",
    "3000000000",
    "1e29",
    "twenty-one",
    "99999999999999999999",
    "-5",
    "a dozen",
    "0",
    "1.5 million",
]
JUNK = ["\u2028", "\u202e", "😀", "\x0c", "=SUM(A1)", "  ", "\t", "...", "—", "\ufffd"]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        number, day = draw(st.sampled_from(NUMBERS)), draw(st.sampled_from(DAYS))
        clause = draw(st.sampled_from(CLAUSES)).format(n=number, day=day)
        if draw(st.booleans()):
            clause += " " + draw(st.sampled_from(JUNK))
        parts.append(clause)
    joiner = draw(st.sampled_from([". ", ", and ", "; ", " ", "\n\n", ", "]))
    return joiner.join(parts) + draw(st.sampled_from([".", "", "!"]))


articles = st.builds(
    Article,
    id=st.text(min_size=1, max_size=10),
    text=texts(),
    published=st.one_of(st.none(), st.sampled_from([date(1, 1, 1), date(9999, 12, 31)]),
                        st.dates(date(1990, 1, 1), date(2030, 1, 1))),
    title=st.one_of(st.none(), st.text(max_size=20)),
)  # fmt: skip


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


@settings(max_examples=1500, deadline=None)
@given(text=st.text(min_size=1, max_size=3000), budget=st.integers(1_000, 2_500))
def test_cap_text_keeps_a_prefix_within_the_budget(text: str, budget: int) -> None:
    article = Article(id="a", text=text)  # its text is the input's with any mojibake repaired
    kept, note = cap_text(article, budget)
    assert len(kept.text) <= budget
    assert article.text.startswith(kept.text)
    assert (note is None) == (len(article.text) <= budget)
    if note is not None:
        assert kept.content_hash != article.content_hash and "--max-chars" in note


def test_the_budget_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITROOM_MAX_CHARS", "5_000")
    assert max_chars_setting() == 5_000
    assert max_chars_setting(20_000) == 20_000
    monkeypatch.setenv("SITROOM_MAX_CHARS", "lots")
    with pytest.raises(ValueError, match="SITROOM_MAX_CHARS"):
        max_chars_setting()
    with pytest.raises(ValueError, match="between"):
        max_chars_setting(MAX_CHARS_LIMIT + 1)


def test_one_article_spacy_refuses_does_not_take_its_batch_down(coder: Coder) -> None:
    good = Article(id="good", text="Russian forces shelled Kharkiv on Monday, killing 4 civilians.",
                   published=date(2024, 5, 20))  # fmt: skip
    huge = Article(id="huge", text="Troops shelled the town. " * 45_000)  # 1,125,000 characters: E088
    after = Article(id="after", text="Iran accused Israel of an attack near Gaza.",
                    published=date(2024, 5, 20))  # fmt: skip
    coded = list(code_isolated(coder, [good, huge, after]))
    assert [c.article.id for c in coded] == ["good", "huge", "after"]
    assert coded[0].error is None and coded[0].events and coded[2].error is None and coded[2].events
    assert coded[1].error is not None and "E088" in coded[1].error
    # through the pipeline the huge one is cut to the budget and coded, not failed
    through = list(code_articles([good, huge, after], workers=1, max_chars=5_000))
    assert [c.error for c in through] == [None, None, None]
    assert len(through[1].article.text) <= 5_000


@pytest.mark.slow
@settings(max_examples=CODE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(articles, min_size=1, max_size=3))
def test_code_gives_one_result_per_article_in_order(batch: list[Article]) -> None:
    coded = list(code_articles(batch, workers=1))
    assert [c.article.id for c in coded] == [a.id for a in batch]
    for result in coded:
        assert result.error is None, result.error  # nothing here should fail the coder
        text = result.article.text
        for event in result.events:
            assert text[event.sentence_start : event.sentence_end] == event.evidence
            assert event.fatalities is None or event.fatalities >= 0
        assert len({event.id for event in result.events}) == len(result.events)


@pytest.mark.slow
@settings(max_examples=TREE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts())
def test_the_sentence_tree_answers_as_the_tree_walks_do(coder: Coder, text: str) -> None:
    """The O(log n) questions of the toll and date readers (issue #12's speed fix) equal the walks."""
    doc = coder.nlp(text)
    for sentence in doc.sents:
        tree = sentence_tree(sentence)
        tokens = list(sentence)[:40]
        for a in tokens:
            for b in tokens[::3]:
                top = tree.lca(a, b)
                assert top is not None and top.i == lowest_common_ancestor(a, b).i
                assert tree.is_ancestor(a, b) == a.is_ancestor(b)
                walked = [t for t in [b, *b.ancestors] if t.i != top.i and top.is_ancestor(t)]
                separate = tree.any_between("separate", separate_clause, b, top)
                assert separate == any(map(separate_clause, walked))

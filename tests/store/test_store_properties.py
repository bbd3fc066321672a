"""Property-based: whatever values a coded article carries, storing it neither crashes nor loses anything.

Generated articles and events (hypothesis) go into one real DuckDB file: dates from year 1 to 9999,
tolls and offsets of any size, any Unicode in every text field, NaN and infinite coordinates, duplicate
ids. ``Store.add`` must store the article or refuse it with :class:`ArticleNotStored` (nothing written);
every article stored before must still be there, with all its events, each in a fused event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import ArticleNotStored
from sitroom.models import FACTUALITY, PLOVER_TYPES, Actor, Article, CodedArticle, DateSpan, Event, Location
from sitroom.store import EventQuery, Store
from sitroom.store.writer import out_of_range

EXAMPLES = 1200
texts = st.text(max_size=40)
names = st.text(min_size=1, max_size=20)
huge = st.integers(min_value=-(2**70), max_value=2**70)
counts = st.one_of(st.none(), st.integers(0, 500), huge)
days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
ordinary_days = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
coordinates = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))
countries = st.one_of(st.none(), st.sampled_from(["UKR", "RUS", "ISR", "PSE", "COD", "IGO", "XXX", ""]))
actors = st.one_of(
    st.none(), st.builds(Actor, name=names, country=countries, sector=st.one_of(st.none(), texts), text=texts)
)
locations = st.one_of(
    st.none(),
    st.builds(Location, name=names, country=st.one_of(st.none(), st.sampled_from(["UKR", "COD", "ZZZ"])),
              lat=coordinates, lon=coordinates, geonames_id=st.one_of(st.none(), huge),
              radius_km=coordinates),
)  # fmt: skip


@st.composite
def spans(draw: st.DrawFn) -> DateSpan | None:
    if draw(st.booleans()):
        return None
    first, second = draw(st.one_of(days, ordinary_days)), draw(st.one_of(days, ordinary_days))
    return DateSpan(start=min(first, second), end=max(first, second), text=draw(texts))


@st.composite
def coded_articles(draw: st.DrawFn) -> CodedArticle:
    text = draw(st.text(min_size=1, max_size=200))
    article = Article(
        id=draw(names), text=text, title=draw(st.one_of(st.none(), texts)),
        published=draw(st.one_of(st.none(), days, ordinary_days)), source=draw(st.one_of(st.none(), texts)),
        url=draw(st.one_of(st.none(), texts)),
    )  # fmt: skip
    events = []
    for number in range(draw(st.integers(0, 4))):
        key = f"{article.content_hash}:{number}"
        events.append(Event(
            id=draw(st.sampled_from([hashlib.sha1(key.encode()).hexdigest()[:16], "dup-1"])),
            type=draw(st.sampled_from(PLOVER_TYPES)), mode=draw(st.one_of(st.none(), texts)),
            actor=draw(actors), target=draw(actors), location=draw(locations), date=draw(spans()),
            fatalities=draw(counts), injured=draw(counts), factuality=draw(st.sampled_from(FACTUALITY)),
            evidence=draw(texts), sentence_start=draw(st.one_of(st.integers(0, 200), huge)),
            sentence_end=draw(st.integers(0, 400)), trigger=draw(texts), cameo=draw(texts),
            cameo_root=draw(texts), confidence=draw(st.floats(0, 1)),
        ))  # fmt: skip
    return CodedArticle(article=article, events=events)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path, dict[str, int]]]:
    path = tmp_path_factory.mktemp("properties") / "store.duckdb"
    with Store(path) as opened:
        yield opened, path, {}


def _stored(path: Path, store: Store) -> dict[str, int]:
    """Per stored article: its number of events; and every mention must be in a fused event."""
    con = store._con
    rows = con.execute(
        "SELECT a.content_hash, count(e.id) FROM articles a LEFT JOIN events e ON e.article_hash = "
        "a.content_hash GROUP BY 1"
    ).fetchall()
    unfused = con.execute(
        "SELECT count(*) FROM events e LEFT JOIN mention_clusters m ON m.mention_id = e.id "
        "WHERE m.mention_id IS NULL"
    ).fetchone()[0]
    assert unfused == 0
    return dict(rows)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])  # fmt: skip
@given(coded=coded_articles())
def test_any_coded_article_is_stored_or_refused_and_nothing_stored_is_lost(
    store: tuple[Store, Path, dict[str, int]], coded: CodedArticle
) -> None:
    opened, path, before = store
    try:
        added = opened.add(coded)
    except ArticleNotStored as refused:
        assert refused.reason and str(path) not in str(refused)
        added = False
        refusal = True
    else:
        refusal = False
    after = _stored(path, opened)
    for content_hash, events in before.items():
        assert after.get(content_hash) == events, "a stored article changed or was lost"
    if added:
        assert after[coded.article.content_hash] == len(coded.events)
        total, fused = opened.reader(fused=True).page(EventQuery(), limit=5)  # the store still answers
        assert total >= len(fused) and (total >= 1 or not coded.events)
    if out_of_range(coded) is not None:
        assert refusal, "a value out of range was stored"
    elif refusal:  # refused for another reason: only a duplicate event id may do that
        ids = [event.id for event in coded.events]
        assert "dup-1" in ids, f"refused {coded!r}"
    before.clear()
    before.update(after)


def test_out_of_range_values_are_named(tmp_path: Path) -> None:
    event = Event(id="e1", type="ASSAULT", evidence="x", sentence_start=0, sentence_end=1, trigger="x",
                  cameo="190", cameo_root="19", fatalities=2**31)  # fmt: skip
    coded = CodedArticle(article=Article(id="a", text="x", published=date(2024, 5, 1)), events=[event])
    with Store(tmp_path / "s.duckdb") as opened:
        with pytest.raises(ArticleNotStored, match="fatalities 2147483648 is out of range"):
            opened.add(coded)
        assert opened.stats().articles == 0
        edge = coded.model_copy(update={"events": [event.model_copy(update={"fatalities": 2**31 - 1})]})
        assert opened.add(edge)
    with duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True) as con:
        assert con.execute("SELECT fatalities FROM events").fetchall() == [(2**31 - 1,)]


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31)])
def test_articles_at_the_ends_of_the_calendar_are_stored(tmp_path: Path, published: date) -> None:
    span = DateSpan(start=published, end=published)
    event = Event(id="e1", type="ASSAULT", evidence="x", sentence_start=0, sentence_end=1, trigger="x",
                  cameo="190", cameo_root="19", date=span)  # fmt: skip
    coded = CodedArticle(article=Article(id="a", text="x", published=published), events=[event])
    with Store(tmp_path / "s.duckdb") as opened:
        assert opened.add(coded)
        assert [f.event.id for f in opened.reader(fused=True).records(EventQuery())] == ["e1"]

"""Fusion of what the real coder makes of short articles: the rules read the coder's own attributes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitroom.coding.coder import Coder
from sitroom.fuse import Signature, fuse, signature
from sitroom.fuse.evaluate import mention_of
from sitroom.fuse.match import conflict
from sitroom.models import Article
from sitroom.store import EventQuery, Store


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def coded(coder: Coder, *articles: Article) -> list[Signature]:
    """Every event the coder finds in the articles, as signatures."""
    return [
        signature(mention_of(event, article))
        for article, result in zip(articles, coder.pipe(list(articles)), strict=True)
        for event in result.events
    ]


def test_an_abduction_and_a_shelling_in_one_camp_on_one_day_stay_apart(coder: Coder) -> None:
    """Same camp, same day, same town (the corpus's W07 set): the kind of act tells them apart."""
    shelling = Article(
        id="shelling",
        published=date(2024, 8, 11),
        text="Shelling by the Rapid Support Forces hit the central market of "
        "the Abu Shouk camp in El Fasher on Saturday, killing 22 people, medics said.",
    )
    abduction = Article(
        id="abduction",
        published=date(2024, 8, 11),
        text="On Saturday, gunmen abducted six men travelling from the Abu Shouk camp in El Fasher to "
        "Tawila at a checkpoint, relatives said.",
    )
    sigs = coded(coder, shelling, abduction)
    articles = {sig.id: sig.article for sig in sigs}
    kinds = {sig.mode_kind for sig in sigs if sig.type == "ASSAULT"}
    assert kinds == {"ranged", "abduct"}  # the shelling's heavy weapons; the abduction (CAMEO 181), not guns

    def across(clusters: dict[str, list[str]]) -> bool:
        return any(len({articles[m] for m in members}) == 2 for members in clusters.values())

    assert not across(fuse(sigs))
    [shelled] = [s for s in sigs if s.mode_kind == "ranged"]
    [abducted] = [s for s in sigs if s.mode_kind == "abduct"]
    assert conflict(shelled, abducted) == "kind of act"  # same camp, day and parties: only the act differs


def test_the_store_keeps_the_abduction_apart_and_fuses_two_reports_of_the_shelling(
    coder: Coder, tmp_path: Path
) -> None:
    """The same rules inside the store's transactions (a real DuckDB file), articles in any order."""
    wire = Article(
        id="wire",
        published=date(2024, 8, 11),
        text="Shelling by the Rapid Support Forces hit the central market of the Abu Shouk camp in El Fasher "
        "on Saturday, killing 22 people, medics said.",
    )
    ngo = Article(
        id="ngo",
        published=date(2024, 8, 12),
        text="At least 22 people were killed when RSF artillery shells struck the market of Abu Shouk camp "
        "in El Fasher on Saturday, a medical charity said.",
    )
    abduction = Article(
        id="abduction",
        published=date(2024, 8, 11),
        text="On Saturday, gunmen abducted six men travelling from the Abu Shouk camp in El Fasher to "
        "Tawila at a checkpoint, relatives said.",
    )
    articles = [abduction, ngo, wire]
    with Store(str(tmp_path / "sitroom.duckdb")) as store:
        for result in coder.pipe(articles):
            store.add(result)
        reader = store.reader(fused=True)
        try:
            records = list(reader.records(EventQuery(types=("ASSAULT",))))
        finally:
            reader.close()
    article_sets = [{source.article_id for source in record.sources} for record in records]
    assert {"wire", "ngo"} in article_sets  # two outlets, one shelling
    assert all("abduction" not in found or found == {"abduction"} for found in article_sets)

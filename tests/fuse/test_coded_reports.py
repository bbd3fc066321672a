"""Fusion of what the real coder makes of short articles: the rules read the coder's own attributes."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.coding.coder import Coder
from sitroom.fuse import Rules, Signature, fuse, signature
from sitroom.fuse.evaluate import mention_of
from sitroom.models import Article


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
    assert "ranged" in kinds and len(kinds) > 1  # the shelling's heavy weapons; the gunmen's act

    def across(clusters: dict[str, list[str]]) -> bool:
        return any(len({articles[m] for m in members}) == 2 for members in clusters.values())

    assert not across(fuse(sigs))
    assert across(fuse(sigs, Rules(mode_penalty=0.0)))  # the kind of act is what keeps them apart

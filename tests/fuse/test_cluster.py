"""Incremental fusion: joins, merges, ids that do not depend on arrival order, bounded memory."""

from __future__ import annotations

import random
from datetime import date

from sitroom.fuse import Fuser, fuse, signature


def kharkiv_reports(mention):
    return [
        mention(
            "Two Russian guided bombs struck a hardware superstore in Kharkiv on Saturday, killing six.",
            article="a",
            published="2024-05-25",
            fatalities=6,
            place="Kharkiv",
        ),
        mention(
            "The death toll from Saturday's Russian air strike on a hypermarket in Kharkiv rose to 12.",
            article="b",
            published="2024-05-26",
            fatalities=12,
        ),
        mention(
            "Russian aircraft dropped two glide bombs on an Epicentr store in Kharkiv, killing 16.",
            article="c",
            published="2024-05-27",
            fatalities=16,
            place="Kharkiv",
        ),
        mention(
            "Russia bombed the Epicentr store in the middle of the afternoon.",
            article="c",
            published="2024-05-27",
            start=120,
        ),
    ]


def other_reports(mention):
    return [
        mention(
            "Russian artillery shelled a residential area of Kherson on Saturday, killing two.",
            article="d",
            published="2024-05-25",
            fatalities=2,
            place="Kherson",
        ),
        mention(
            "A Russian missile hit a printing house in Kharkiv on Thursday, killing seven workers.",
            article="e",
            published="2024-05-23",
            fatalities=7,
            place="Kharkiv",
        ),
        mention(
            "Thousands protested in Kharkiv on Saturday.",
            kind="PROTEST",
            article="f",
            published="2024-05-25",
            actor=None,
            target=None,
        ),
    ]


def test_reports_of_one_event_fuse_and_look_alikes_stay_apart(mention) -> None:
    strike = kharkiv_reports(mention)
    clusters = fuse(signature(m) for m in strike + other_reports(mention))
    assert sorted(map(sorted, clusters.values())) == sorted(
        [sorted(m.id for m in strike), *([m.id] for m in other_reports(mention))]
    )
    assert strike[0].id in clusters  # named after the earliest report


def test_ingest_order_does_not_change_the_outcome(mention) -> None:
    sigs = [signature(m) for m in kharkiv_reports(mention) + other_reports(mention)]
    expected = fuse(sigs)
    for seed in range(20):
        shuffled = sigs[:]
        random.Random(seed).shuffle(shuffled)
        fuser = Fuser()
        for sig in shuffled:
            fuser.add(sig)
        assert {key: [s.id for s in members] for key, members in fuser.clusters().items()} == expected


def test_a_mention_that_links_two_events_merges_them(mention) -> None:
    """A mention that matches two fused events joins them into one, named after the earliest mention."""
    a = mention(
        "Russian bombs hit the Epicentr store in Kharkiv on Saturday.", article="a", published="2024-05-26"
    )
    b = mention(
        "A glide bomb struck a hardware superstore on Saturday, killing six.",
        article="b",
        published="2024-05-25",
    )
    bridge = mention(
        "Russian glide bombs struck the Epicentr hardware superstore in Kharkiv on Saturday.",
        article="c",
        published="2024-05-27",
    )
    fuser = Fuser()
    first, second = fuser.add(signature(a)), fuser.add(signature(b))
    assert first != second
    assert fuser.add(signature(bridge)) == b.id  # the earliest published
    assert fuser.cluster_id(a.id) == fuser.cluster_id(b.id) == b.id


def test_seeded_clusters_report_only_what_changed(mention) -> None:
    strike, others = kharkiv_reports(mention), other_reports(mention)
    fuser = Fuser()
    fuser.seed(strike[0].id, [signature(m) for m in strike[:2]])
    fuser.seed(others[0].id, [signature(others[0])])
    fuser.add(signature(strike[2]))
    [(cluster_id, members, replaced)] = fuser.changes()
    assert cluster_id == strike[0].id and replaced == {strike[0].id}
    assert [s.id for s in members] == [m.id for m in strike[:3]]


def test_eviction_keeps_memory_bounded_on_a_stream(mention) -> None:
    fuser = Fuser()
    for day in range(1, 29):
        published = date(2024, 2, day).isoformat()
        fuser.add(
            signature(
                mention(
                    f"Russian drones hit Kharkiv, killing {day + 2} people.",
                    article=f"x{day}",
                    published=published,
                    day=published,
                )
            )
        )
        fuser.evict(date(2024, 2, day).toordinal() - 5)
        assert len(fuser) <= 7

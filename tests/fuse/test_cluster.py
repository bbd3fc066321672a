"""Incremental fusion: joins, merges, ids that do not depend on arrival order, bounded memory."""

from __future__ import annotations

import random
from datetime import date

from sitroom.fuse import Fuser, Rules, fuse, link_score, signature
from sitroom.models import Actor, Location

KHARKIV = Location(name="Kharkiv", country="UKR", lat=49.99, lon=36.23)
SUMY = Location(name="Sumy", country="UKR", lat=50.91, lon=34.80)


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


def test_a_report_placed_in_the_wrong_country_is_still_compared_by_the_names_it_gives(mention) -> None:
    """Blocking by country and grid cell alone would never show the Nairobi-placed press release to the
    El Fasher reports; the names both sentences give (Abu Shouk, RSF) do."""
    report = mention(
        "RSF shelling hit the central market of Abu Shouk camp north-west of El Fasher on Friday, "
        "killing 22 people.",
        article="a",
        published="2024-08-10",
        actor=Actor(name="Rapid Support Forces", country="SDN"),
        target=None,
        location=Location(name="El Fasher", country="SDN", lat=13.63, lon=25.35, feature="city"),
    )
    release = mention(
        "The shells were fired from RSF positions north-east of Abu Shouk camp on Friday, witnesses said.",
        article="b",
        published="2024-08-11",
        actor=None,
        target=None,
        location=Location(name="Nairobi", country="KEN", lat=-1.28, lon=36.82, feature="city"),
    )
    fuser = Fuser()
    assert fuser.add(signature(report)) == fuser.add(signature(release)) == report.id
    assert fuser.comparisons == 1


def test_a_sure_conflict_with_any_member_keeps_a_report_out(mention) -> None:
    """Complete link holds for sure conflicts: a report of Sumy never joins the Kharkiv event through a
    report that placed nothing."""
    unplaced = mention("Russian glide bombs hit a residential district on Saturday.", article="a")
    kharkiv = mention("Russian glide bombs hit a residential district of Kharkiv on Saturday.", article="b")
    kharkiv.event.location = KHARKIV
    sumy = mention("Russian glide bombs hit a residential district of Sumy on Saturday.", article="c")
    sumy.event.location = SUMY
    clusters = fuse(signature(m) for m in (unplaced, kharkiv, sumy))
    cluster_of = {m: key for key, members in clusters.items() for m in members}
    assert cluster_of[kharkiv.id] != cluster_of[sumy.id]
    assert cluster_of[unplaced.id] in (cluster_of[kharkiv.id], cluster_of[sumy.id])


def test_a_report_that_matches_one_member_and_not_the_rest_stays_out(mention) -> None:
    """A raid after a bombing shares the toll report's words (the raid is in it) and little with the
    bombing's own report: one strong link, a weak mean, so it is not chained into the bombing."""
    quetta = Location(name="Quetta", country="PAK", lat=30.19, lon=67.01, feature="city")
    militants = Actor(name="Tehreek-e-Taliban Pakistan", country="PAK", sector="REB")
    police = Actor(name="police", country="PAK", sector="COP")
    common = {"location": quetta, "day": "2014-09-17", "date_text": "Wednesday"}
    bomb = mention(
        "A suicide bomber rammed an explosives-laden car into a truck carrying police recruits on the "
        "outskirts of Quetta on Wednesday, killing 11.",
        article="a", published="2014-09-18", actor=militants, target=police, fatalities=11, **common,
    )  # fmt: skip
    toll = mention(
        "The death toll from Wednesday's suicide attack in Quetta rose to 19 as counter-terrorism police "
        "raided houses in Killi Shabo.",
        article="b", published="2014-09-19", actor=militants, target=police, fatalities=19, **common,
    )  # fmt: skip
    raid = mention(
        "Counter-terrorism police raided houses in Killi Shabo on Wednesday night and arrested three "
        "suspects.",
        article="c", published="2014-09-20", kind="COERCE", actor=police, target=militants, **common,
    )  # fmt: skip
    sigs = [signature(m) for m in (bomb, toll, raid)]
    assert link_score(sigs[2], sigs[1]) is not None and link_score(sigs[2], sigs[0]) is None
    strict = fuse(sigs, Rules(cohesion=0.3))  # the mean score of the raid with the two reports is ~0.3
    assert sorted(map(len, strict.values())) == [1, 2]
    assert sorted(map(len, fuse(sigs, Rules(cohesion=-1.0)).values())) == [3]  # single link chains

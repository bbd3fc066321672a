"""Fusion at scale: synthetic mention streams of 10k, 100k and 1M mentions, fused as a live feed would be.

    .venv/bin/python bench/fuse.py                      # 10k, 100k, 1M (about 8 minutes in all)
    .venv/bin/python bench/fuse.py --sizes 10000 100000

Each size runs in fresh processes (so peak memory is that size's alone) and prints the wall time, mentions
per second, the growth of time per 10x mentions, the peak resident memory (summed over the processes) and
the fused events found. Fusion never links mentions of two type families, so ``--workers 2`` (the default,
one per core of the project's machine) fuses the families in two processes, each with about half the
volume; ``--workers 1`` runs it all in one.

The stream: events happen at a steady rate (``--rate`` mentions a day; the default, 2,740, is a million
mentions a year), so 10x the mentions is 10x the days, as a growing store sees it. Each event is reported
1 to 12 times (3 on average) over the day it happened and the three after; 15 % of events are between
the busiest dyads of 2024's news (Russia-Ukraine, Israel-Palestine, ...), the rest between 190
countries drawn with Zipf weights (the busiest takes part in 17 % of events, as the United States does in
GDELT); 16 PLOVER types with realistic weights (consultations and assaults most common), places from
40 cities per country (60 % of mentions carry a coded city, 15 % a country, 25 % nothing), coded dates on
70 %, tolls on half of the violent ones (rising from report to report), and evidence sentences from
templates with the city, a site, a number and filler words that vary from report to report. Mentions
are built as real ``Mention``/``Event`` models (no spaCy) and fused through ``sitroom.fuse``:
signatures, the blocking index, the decision, clusters evicted once no later report can reach them
(bounded memory) and summarised into FusedEvents.

Since the generator knows which event each mention reports, the run also prints pairwise precision and
recall against that truth: a sanity check of the rules on easy synthetic text, not a quality measure
(that is tests/data/fusion, docs/accuracy.md).
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

from sitroom.fuse import Fuser, Mention, signature, summarise
from sitroom.fuse.features import DAY_SLACK, PUBLISHED_LOOKBACK, family
from sitroom.models import Actor, DateSpan, Event, Location

START = date(2024, 1, 1)
MAX_LAG = 3  # days after the event its last report may come
HORIZON = MAX_LAG + PUBLISHED_LOOKBACK + 2 * DAY_SLACK + 1  # days a cluster stays open
TYPES = [
    ("CONSULT", 22),
    ("ASSAULT", 18),
    ("ACCUSE", 9),
    ("SUPPORT", 7),
    ("COERCE", 7),
    ("AGREE", 6),
    ("PROTEST", 6),
    ("REQUEST", 5),
    ("THREATEN", 4),
    ("AID", 4),
    ("REJECT", 3),
    ("COOPERATE", 3),
    ("MOBILIZE", 2),
    ("SANCTION", 2),
    ("CONCEDE", 1),
    ("RETREAT", 1),
]
DYADS = [
    (("RUS", "UKR"), 60),
    (("ISR", "PSE"), 45),
    (("UKR", "RUS"), 20),
    (("ISR", "LBN"), 15),
    (("SDN", "SDN"), 12),
    (("USA", "CHN"), 10),
    (("IRN", "ISR"), 8),
    (("MMR", "MMR"), 8),
]
WORDS = [
    "building",
    "market",
    "school",
    "convoy",
    "checkpoint",
    "hospital",
    "port",
    "bridge",
    "base",
    "village",
    "camp",
    "district",
    "factory",
    "station",
    "road",
    "farm",
    "mosque",
    "church",
    "office",
    "power",
    "plant",
    "airport",
    "border",
    "crossing",
]
DETAILS = (
    "after weeks of tension",
    "in a rare daytime operation",
    "despite a ceasefire",
    "before dawn",
    "as talks stalled",
    "in response to earlier strikes",
    "during heavy rain",
    "amid a curfew",
    "for the second time this month",
    "with drones and artillery",
    "in front of journalists",
)
SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "ta",
    "le",
    "su",
    "na",
    "vi",
    "do",
    "ra",
    "be",
    "ko",
    "lu",
    "mi",
    "za",
    "po",
    "he",
    "ni",
    "ga",
    "fu",
]
VERBS = {"ASSAULT": ["struck", "shelled", "bombed", "attacked", "hit"], "COERCE": ["raided", "detained"]}


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()


class World:
    """The fixed cast: countries, their cities and the dyads, drawn once from the seed."""

    def __init__(self, rng: random.Random) -> None:
        busy = ["RUS", "UKR", "ISR", "PSE", "LBN", "SDN", "USA", "CHN", "IRN", "MMR"]
        self.countries = busy + [f"C{n:03d}" for n in range(180)]
        centre = {c: (rng.uniform(-40, 60), rng.uniform(-100, 140)) for c in self.countries}
        self.cities = {
            c: [(_name(rng) + "abad", lat + rng.uniform(-4, 4), lon + rng.uniform(-4, 4)) for _ in range(40)]
            for c, (lat, lon) in centre.items()
        }
        weights = [1 / (rank + 1) for rank in range(len(self.countries))]  # Zipf: the busiest 17 %
        self.other = (self.countries, weights)


def events_of_day(day: date, count: int, world: World, rng: random.Random, serial: list[int]) -> list[dict]:
    """The events of one day, each with its reports to come."""
    kinds, kind_weights = zip(*TYPES, strict=True)
    dyads, dyad_weights = zip(*DYADS, strict=True)
    out = []
    for _ in range(count):
        serial[0] += 1
        kind = rng.choices(kinds, kind_weights)[0]
        if rng.random() < 0.15:
            actor, target = rng.choices(dyads, dyad_weights)[0]
        else:
            actor, target = rng.choices(*world.other, k=2)
        city = rng.choice(world.cities[target])
        out.append(
            {
                "n": serial[0],
                "day": day,
                "type": kind,
                "actor": actor,
                "target": target,
                "city": city,
                "thing": rng.choice(WORDS),
                "site": _name(rng),
                "detail": rng.choice(DETAILS),
                "toll": rng.randint(1, 40) if kind == "ASSAULT" else None,
            }
        )
    return out


def report(event: dict, copy: int, published: date, rng: random.Random) -> Mention:
    """One article's mention of an event, worded its own way."""
    name, lat, lon = event["city"]
    verb = rng.choice(VERBS.get(event["type"], ["met", "said", "urged", "announced"]))
    toll = event["toll"] + copy * rng.randint(0, 3) if event["toll"] and rng.random() < 0.5 else None
    weekday = event["day"].strftime("%A")
    tail = f", killing {toll} people" if toll else ""
    site = f" near the {event['site']} {event['thing']}" if rng.random() < 0.7 else f" a {event['thing']}"
    detail = f" {event['detail']}" if rng.random() < 0.6 else ""
    said = rng.choice([", officials said", ", witnesses said", ", according to local media", ""])
    evidence = f"{event['actor']} forces {verb}{site} in {name} on {weekday}{detail}{tail}{said}."
    roll = rng.random()
    location = None
    if roll < 0.60:
        location = Location(name=name, country=event["target"], lat=lat, lon=lon)
    elif roll < 0.75:
        location = Location(name=event["target"], country=event["target"], feature="country")
    article = f"e{event['n']}-{copy}"
    event_id = hashlib.sha1(article.encode()).hexdigest()[:16]
    coded = Event(
        id=event_id,
        type=event["type"],
        actor=Actor(name=event["actor"], country=event["actor"]),
        target=Actor(name=event["target"], country=event["target"]),
        location=location,
        date=DateSpan(start=event["day"], end=event["day"]) if rng.random() < 0.7 else None,
        fatalities=toll,
        evidence=evidence,
        sentence_start=0,
        sentence_end=len(evidence),
        trigger=verb,
        cameo="190",
        cameo_root="19",
    )
    return Mention(
        event=coded,
        article_id=article,
        article_hash=article,
        published=published,
        source=f"Wire {rng.randint(1, 40)}",
    )


def stream(
    total: int, rate: int, seed: int, families: frozenset[str] | None = None
) -> Iterator[tuple[Mention, int]]:
    """``total`` mentions in publication order, each with the serial number of the event it reports.

    ``families`` keeps only mentions of those type families (a worker's share); the stream is the same
    whatever the share, as each report draws its wording from its own seed.
    """
    rng = random.Random(seed)
    world = World(rng)
    serial = [0]
    pending: list[tuple[date, str, int, Mention]] = []
    made = 0
    day = START
    per_event = 3.0
    while made < total or pending:
        if made < total:
            for event in events_of_day(day, max(1, round(rate / per_event)), world, rng, serial):
                copies = min(12, 1 + int(rng.expovariate(1 / (per_event - 1))))
                for copy in range(copies):
                    if made >= total:
                        break
                    published = event["day"] + timedelta(days=min(MAX_LAG, int(rng.expovariate(1.2))))
                    made += 1
                    if families is not None and family(event["type"]) not in families:
                        continue
                    wording = random.Random(seed * 1_000_003 + event["n"] * 17 + copy)
                    mention = report(event, copy, published, wording)
                    heapq.heappush(pending, (published, mention.id, event["n"], mention))
        while pending and (pending[0][0] <= day or made >= total):
            _published, _id, truth, mention = heapq.heappop(pending)
            yield mention, truth
        day += timedelta(days=1)


def shares(workers: int) -> list[frozenset[str]]:
    """Type families split into ``workers`` shares of about equal volume (fusion never links across
    families, so each share fuses on its own)."""
    volume = Counter()
    for kind, weight in TYPES:
        volume[family(kind)] += weight
    bins: list[tuple[int, list[str]]] = [(0, []) for _ in range(workers)]
    for name, weight in volume.most_common():
        load, members = min(bins, key=lambda item: item[0])
        bins.remove((load, members))
        bins.append((load + weight, [*members, name]))
    return [frozenset(members) for _load, members in bins]


def run_one(total: int, rate: int, seed: int, families: frozenset[str] | None = None) -> dict:
    """Fuse one stream; returns the measurements. Bookkeeping is bounded too: pair counts are summed as
    clusters close, and each true event is forgotten once its last report can have come."""
    fuser = Fuser()
    mentions: dict[str, tuple[Mention, int]] = {}
    seen_of_event: dict[int, int] = {}  # true event -> its mentions so far (while reports may come)
    events_of_day: dict[int, list[int]] = {}
    counts = {"fused": 0, "true_pos": 0, "fused_pairs": 0, "true_pairs": 0}

    def close(clusters: list) -> None:
        for _cluster_id, members in clusters:
            summarise([mentions[s.id][0] for s in members])
            counts["fused"] += 1
            counts["fused_pairs"] += len(members) * (len(members) - 1) // 2
            for n in Counter(mentions[s.id][1] for s in members).values():
                counts["true_pos"] += n * (n - 1) // 2
            for sig in members:
                del mentions[sig.id]

    started = time.perf_counter()
    today = None
    seen = 0
    for mention, event in stream(total, rate, seed, families):
        seen += 1
        if mention.published != today:
            today = mention.published
            close(fuser.evict(today.toordinal() - HORIZON))
            for old in [day for day in events_of_day if day < today.toordinal() - MAX_LAG - 1]:
                for gone in events_of_day.pop(old):
                    seen_of_event.pop(gone, None)
        mentions[mention.id] = (mention, event)
        earlier = seen_of_event.get(event, 0)
        if not earlier:
            events_of_day.setdefault(today.toordinal(), []).append(event)
        counts["true_pairs"] += earlier
        seen_of_event[event] = earlier + 1
        fuser.add(signature(mention))
    close(fuser.evict(1 << 30))
    seconds = time.perf_counter() - started
    return {
        "mentions": total,
        "days": (today - START).days + 1,
        "fused": counts["fused"],
        "seconds": round(seconds, 1),
        "per_second": round(total / seconds),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "comparisons": fuser.comparisons,
        "fused_mentions": seen,
        "refusions": fuser.refusions,
        **counts,
    }


def run_size(size: int, args: argparse.Namespace) -> dict:
    """One size: ``--workers`` child processes, each fusing its share of the type families."""
    children = []
    started = time.perf_counter()
    for worker in range(args.workers):
        command = [
            sys.executable,
            __file__,
            "--one",
            str(size),
            "--rate",
            str(args.rate),
            "--seed",
            str(args.seed),
            "--share",
            str(worker),
            "--workers",
            str(args.workers),
        ]
        children.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
    results = [json.loads(child.communicate()[0]) for child in children]
    seconds = time.perf_counter() - started
    total = {
        key: sum(r[key] for r in results)
        for key in ("fused", "comparisons", "true_pos", "fused_pairs", "true_pairs", "peak_mb")
    }
    assert sum(r["fused_mentions"] for r in results) == size
    return {
        "mentions": size,
        "days": max(r["days"] for r in results),
        "fused": total["fused"],
        "seconds": seconds,
        "per_second": round(size / seconds),
        "peak_mb": total["peak_mb"],
        "comparisons_per_mention": round(total["comparisons"] / size, 1),
        "precision": round(total["true_pos"] / max(1, total["fused_pairs"]), 3),
        "recall": round(total["true_pos"] / max(1, total["true_pairs"]), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--rate", type=int, default=2_740, help="mentions a day (default: 1M a year)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--workers", type=int, default=2, help="processes, each fusing a share of the families"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size, JSON out
    parser.add_argument("--share", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        families = shares(args.workers)[args.share] if args.workers > 1 else None
        print(json.dumps(run_one(args.one, args.rate, args.seed, families)))
        return
    if args.workers > 1:
        print("families by worker: " + "; ".join(", ".join(sorted(share)) for share in shares(args.workers)))
    print(
        f"{'mentions':>10} {'days':>5} {'fused':>9} {'time s':>8} {'mentions/s':>10} {'x time/10x':>10} "
        f"{'peak MB':>8} {'cmp/mention':>11} {'pair P':>7} {'pair R':>7}"
    )
    previous = None
    for size in args.sizes:
        result = run_size(size, args)
        growth = ""
        if previous:
            growth = f"{(result['seconds'] / previous['seconds']) / (size / previous['mentions']) * 10:.1f}"
        print(
            f"{result['mentions']:>10,} {result['days']:>5} {result['fused']:>9,} {result['seconds']:>8.1f} "
            f"{result['per_second']:>10,} {growth:>10} {result['peak_mb']:>8} "
            f"{result['comparisons_per_mention']:>11} {result['precision']:>7} {result['recall']:>7}",
            flush=True,
        )
        previous = result


if __name__ == "__main__":
    main()

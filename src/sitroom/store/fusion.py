"""The store's half of fusion: which stored mentions a new article's mentions are compared with, and
writing the fused events back. SQL only; the decisions are ``sitroom.fuse``'s.

Everything here runs inside the caller's open transaction (``Store.add`` holds one per article), so a
mention and its fused event are committed together or not at all.

Candidates are read by the same blocking keys the in-memory fuser uses: a stored mention is a
candidate when it has the same type family, its day window meets the new one (within the fuser's
slack) and it shares a country with the new mention (or one of them has none). Whole clusters are then
loaded, so a decision sees every member of every fused event it might join.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import duckdb

from sitroom.fuse import DEFAULT_RULES, FusedEvent, Fuser, Mention, Rules, Signature, signature, summarise
from sitroom.fuse.features import DAY_SLACK
from sitroom.models import Actor, DateSpan, Location

ACTOR_COLUMNS = ("name", "country", "sector")
LOCATION_COLUMNS = ("name", "country", "lat", "lon", "precision", "geonames_id", "feature", "radius_km")
FUSED_COLUMNS: tuple[str, ...] = (
    "id", "type", "mode",
    *(f"actor_{c}" for c in ACTOR_COLUMNS), *(f"target_{c}" for c in ACTOR_COLUMNS),
    *(f"location_{c}" for c in LOCATION_COLUMNS),
    "date_start", "date_end", "date_precision", "fatalities", "fatalities_min", "fatalities_max",
    "factuality", "factuality_counts", "articles", "sources", "source_names", "first_seen", "last_seen",
    "mentions",
)  # fmt: skip
_INSERT_FUSED = (
    f"INSERT INTO fused_events ({', '.join(FUSED_COLUMNS)}) VALUES ({', '.join('?' * len(FUSED_COLUMNS))})"
)
_INSERT_LINK = (
    "INSERT INTO mention_clusters (mention_id, cluster_id, family, day_lo, day_hi, countries) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_MOVE = "UPDATE mention_clusters SET cluster_id = ? WHERE mention_id IN (SELECT unnest(?::VARCHAR[]))"
_CANDIDATES = """
SELECT DISTINCT cluster_id FROM mention_clusters
WHERE family = ? AND day_hi >= ? AND day_lo <= ?
  AND (len(countries) = 0 OR len(?::VARCHAR[]) = 0 OR list_has_any(countries, ?::VARCHAR[]))
"""
#: Stored mentions with their article's provenance, as ``Store.events`` reads them.
SELECT_MENTIONS = """
SELECT e.*, a.published AS article_published, a.title AS article_title, a.url AS article_url,
       a.source AS article_source, mc.cluster_id AS cluster_id
FROM events e JOIN articles a ON a.content_hash = e.article_hash
LEFT JOIN mention_clusters mc ON mc.mention_id = e.id
WHERE {where}
"""


def fuse_mentions(
    con: duckdb.DuckDBPyConnection,
    mentions: Sequence[Mention],
    load: Any,
    rules: Rules = DEFAULT_RULES,
) -> int:
    """Fuse new mentions (already inserted as events) with the stored ones; returns how many.

    ``load(cluster_ids)`` returns the stored members of those clusters as (cluster id, Mention) pairs.
    """
    if not mentions:
        return 0
    sigs = {m.id: signature(m) for m in mentions}
    by_id: dict[str, Mention] = {m.id: m for m in mentions}
    fuser = Fuser(rules)
    stored: dict[str, list[Mention]] = defaultdict(list)
    for cluster_id, mention in load(_candidate_clusters(con, sigs.values())):
        stored[cluster_id].append(mention)
    for cluster_id, members in stored.items():
        member_sigs = []
        for mention in members:
            by_id[mention.id] = mention
            member_sigs.append(signature(mention))
        fuser.seed(cluster_id, member_sigs)
    for sig in sorted(sigs.values(), key=lambda s: s.sort_key):
        fuser.add(sig)
    changes = fuser.changes()
    gone = sorted({cid for _id, _members, replaced in changes for cid in replaced} | {c[0] for c in changes})
    if gone:
        con.execute("DELETE FROM fused_events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [gone])
    for _cluster_id, members, _replaced in changes:
        fused = summarise([by_id[s.id] for s in members])
        con.execute(_INSERT_FUSED, fused_row(fused))
        moved = [s.id for s in members if s.id not in sigs]
        if moved:
            con.execute(_MOVE, [fused.id, moved])
        new = [_link_row(s, fused.id) for s in members if s.id in sigs]
        if new:
            con.executemany(_INSERT_LINK, new)
    return len(sigs)


def _candidate_clusters(con: duckdb.DuckDBPyConnection, sigs: Iterable[Signature]) -> list[str]:
    found: set[str] = set()
    for sig in sigs:
        if sig.lo is None:
            continue  # undated and unpublished: fused within its article only
        lo = date.fromordinal(sig.lo) - timedelta(days=DAY_SLACK)
        hi = date.fromordinal(sig.hi) + timedelta(days=DAY_SLACK)
        countries = sorted(sig.countries)
        rows = con.execute(_CANDIDATES, [sig.family, lo, hi, countries, countries]).fetchall()
        found.update(row[0] for row in rows)
    return sorted(found)


def _link_row(sig: Signature, cluster_id: str) -> list[Any]:
    lo = date.fromordinal(sig.lo) if sig.lo is not None else None
    hi = date.fromordinal(sig.hi) if sig.hi is not None else None
    return [sig.id, cluster_id, sig.family, lo, hi, sorted(sig.countries)]


def fused_row(fused: FusedEvent) -> list[Any]:
    """A FusedEvent as the values of :data:`FUSED_COLUMNS`."""
    row: dict[str, Any] = {"id": fused.id, "type": fused.type, "mode": fused.mode}
    for group, names in (("actor", ACTOR_COLUMNS), ("target", ACTOR_COLUMNS), ("location", LOCATION_COLUMNS)):
        part = getattr(fused, group)
        for name in names:
            row[f"{group}_{name}"] = getattr(part, name) if part is not None else None
    span = fused.date
    row.update(
        date_start=span.start if span else None,
        date_end=span.end if span else None,
        date_precision=span.precision if span else None,
        fatalities=fused.fatalities,
        fatalities_min=fused.fatalities_min,
        fatalities_max=fused.fatalities_max,
        factuality=fused.factuality,
        factuality_counts=json.dumps(fused.factuality_counts),
        articles=fused.articles,
        sources=fused.sources,
        source_names=json.dumps(fused.source_names, ensure_ascii=False),
        first_seen=fused.first_seen,
        last_seen=fused.last_seen,
        mentions=len(fused.mention_ids),
    )
    return [row[c] for c in FUSED_COLUMNS]


def fused_from_row(row: dict[str, Any], mention_ids: list[str]) -> FusedEvent:
    """Rebuild a FusedEvent from its row (mentions are attached by the caller)."""
    groups: dict[str, Any] = {}
    for group, names in (("actor", ACTOR_COLUMNS), ("target", ACTOR_COLUMNS), ("location", LOCATION_COLUMNS)):
        values = {name: row[f"{group}_{name}"] for name in names}
        groups[group] = values if any(v is not None for v in values.values()) else None
    span = None
    if row["date_start"] is not None:
        span = DateSpan(
            start=row["date_start"], end=row["date_end"], precision=row["date_precision"] or "day"
        )
    return FusedEvent(
        id=row["id"],
        type=row["type"],
        mode=row["mode"],
        actor=Actor.model_validate(groups["actor"]) if groups["actor"] else None,
        target=Actor.model_validate(groups["target"]) if groups["target"] else None,
        location=Location.model_validate(groups["location"]) if groups["location"] else None,
        date=span,
        fatalities=row["fatalities"],
        fatalities_min=row["fatalities_min"],
        fatalities_max=row["fatalities_max"],
        factuality=row["factuality"],
        factuality_counts=json.loads(row["factuality_counts"]),
        articles=row["articles"],
        sources=row["sources"],
        source_names=json.loads(row["source_names"]),
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        mention_ids=mention_ids,
    )

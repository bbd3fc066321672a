"""Incremental clustering: each new mention joins the fused event it links to best, or starts one.

Blocking keeps it cheap: a mention is indexed under its type family, each day of its window and each
of its countries (actor, target, place; "" when it has none), and under the names its sentence gives
and its coded place's words. A new mention is compared only with the mentions indexed under the same
family, a day of its own window and one of its countries (or none), or one of its names (a report the
geoparser placed in the wrong country or at a namesake far away still names the same place), so the
work per mention depends on how many look-alike events happen in a few days, not on how many mentions
were fused before.

The decision: a mention links to every indexed mention it matches
(:func:`~sitroom.fuse.match.link_score`), joins the cluster it matches best, and merges the other
clusters it links unless that would put two surely conflicting mentions in one event (complete link
for sure conflicts: it never joins a cluster holding a mention it surely conflicts with; an unsure
conflict only keeps the two from linking directly). It joins a cluster only if its mean score with the
cluster's members reaches ``Rules.cohesion``: one strong link to one report is not enough (a raid
after a bombing shares the toll report's words, not the bombing's), so single links do not chain two
acts of one place and day into one event. Mentions taken earliest first
(:attr:`Signature.sort_key`: publication day, then id) give one canonical result. A mention that comes
out of that order (an older article ingested late) re-fuses the clusters it touches, earliest first,
so the outcome does not depend on the order of ingest; a cluster's id is its earliest member's.

Memory stays bounded on a stream: :meth:`Fuser.evict` drops clusters whose every day window ended
before a given day (nothing later can link to them), handing them back to be written out.

    >>> fuser = Fuser()
    >>> for mention in mentions:
    ...     fuser.add(signature(mention))
    >>> fuser.clusters()   # {cluster id: [mention ids]}
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sitroom.fuse.features import DAY_SLACK, Signature
from sitroom.fuse.match import DEFAULT_RULES, Rules, judge, keeps_apart, score

_NO_COUNTRY = ""
_NO_CELL = (999, 999)  # mentions with no place (or a wide one: a region, a sea) are indexed here
_CELL_DEGREES = 1.0  # grid cells for blocking by place: ~111 km of latitude, more than Rules.km_apart
_WIDE_KM = 20.0  # a place wider than this is not pinned to a cell


def _cells(sig: Signature) -> tuple[tuple[int, int], ...]:
    """The grid cells of a mention's places (one per place), or the no-place cell."""
    if not sig.points or any(radius > _WIDE_KM for _lat, _lon, radius in sig.points):
        return (_NO_CELL,)
    return tuple(
        {(int((lat + 90) // _CELL_DEGREES), int((lon + 180) // _CELL_DEGREES)) for lat, lon, _r in sig.points}
    )


def _names(sig: Signature) -> frozenset[str]:
    """The names a mention is indexed under: those its sentence gives and its coded place's words."""
    return sig.names.union(sig.place) if sig.place else sig.names


def _neighbours(cell: tuple[int, int]) -> list[tuple[int, int]]:
    """The cell and the eight around it (longitude wraps at the date line).

    A degree of longitude shrinks towards the poles (55 km at 60°), still more than ``Rules.km_apart``
    (40 km) below 70° of latitude; beyond, distant pairs may go uncompared (none fuse: they are apart).
    """
    lat, lon = cell
    span = int(360 // _CELL_DEGREES)
    return [(lat + dy, (lon + dx) % span) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]


@dataclass
class _Cluster:
    members: list[Signature]
    first: Signature  # the earliest member: its id is the cluster's
    last_day: int  # the latest day any member's window reaches (for eviction)


class Fuser:
    """Fuses signatures as they come; ``seed`` loads clusters already stored, ``add`` fuses new ones.

    ``canonical`` fusers take mentions in :attr:`Signature.sort_key` order and decide greedily; the
    default one also takes them out of order, and then re-fuses the clusters a late-coming earlier
    mention touches in that order, so that the result does not depend on arrival.
    """

    def __init__(self, rules: Rules = DEFAULT_RULES, canonical: bool = False) -> None:
        self.rules = rules
        self.canonical = canonical
        self._cluster_of: dict[str, _Cluster] = {}
        # (family, day) -> country -> grid cell -> mentions
        self._index: dict[tuple[str, int], dict[str, dict[tuple[int, int], list[Signature]]]] = {}
        # (family, day) -> a name the sentence gives or the coded place's -> mentions
        self._named: dict[tuple[str, int], dict[str, list[Signature]]] = {}
        self._undated: dict[str, list[Signature]] = {}  # by article: no day at all, same-article only
        self._expiry: list[tuple[int, str]] = []  # (last day, first member id), lazily checked
        self._stored: dict[str, str] = {}  # mention id -> the cluster id it was seeded with
        self._stored_size: dict[str, int] = {}  # seeded cluster id -> its members then
        self._dirty: dict[int, _Cluster] = {}  # clusters changed since seeding (or the last commit)
        self.comparisons = 0
        self.refused = 0  # links refused because a member of the cluster conflicts
        self.refusions = 0  # clusters re-fused for a mention that came out of order

    # -- building ---------------------------------------------------------------------------------

    def seed(self, cluster_id: str, members: Iterable[Signature]) -> None:
        """Load a stored cluster as it is (no decisions are re-made for its members)."""
        members = sorted(members, key=lambda s: s.sort_key)
        if not members:
            return
        cluster = _Cluster(members, members[0], _last_day(members))
        for sig in members:
            self._cluster_of[sig.id] = cluster
            self._stored[sig.id] = cluster_id
            self._register(sig)
        self._stored_size[cluster_id] = len(members)
        heapq.heappush(self._expiry, (cluster.last_day, cluster.first.id))

    def add(self, sig: Signature) -> str:
        """Fuse one new mention; returns the id of the cluster it is now in."""
        if sig.id in self._cluster_of:
            return self._cluster_of[sig.id].first.id
        linked, refused = self._links(sig)
        self._register(sig)
        touched = [cluster for _score, cluster in linked] + refused
        if not self.canonical and any(m.sort_key > sig.sort_key for c in touched for m in c.members):
            cluster = self._refuse(touched, sig)
        elif not linked:
            cluster = _Cluster([sig], sig, _last_day([sig]))
            self._cluster_of[sig.id] = cluster
        else:
            linked.sort(key=lambda item: (-item[0], item[1].first.sort_key))
            cluster = linked[0][1]
            self._join(cluster, [sig])
            for _score, other in linked[1:]:
                if other is not cluster and not self._conflicting(cluster, other):
                    self._join(cluster, other.members)
        self._dirty[id(cluster)] = cluster
        heapq.heappush(self._expiry, (cluster.last_day, cluster.first.id))
        return cluster.first.id

    def _links(self, sig: Signature) -> tuple[list[tuple[float, _Cluster]], list[_Cluster]]:
        """Clusters the mention links to, each with its best link score, and those it links to but
        surely conflicts with a member of (complete link for sure conflicts: it never joins those)."""
        best: dict[int, tuple[float, _Cluster]] = {}
        conflicting: set[int] = set()
        seen: set[str] = {sig.id}
        cluster_of, rules = self._cluster_of, self.rules
        pools = list(self._pools(sig)) if sig.lo is not None else []
        pools.append(self._undated.get(sig.article, ()))  # mentions of its article with no day at all
        for pool in pools:
            for other in pool:
                if other.id in seen or other.family != sig.family:
                    continue
                seen.add(other.id)
                cluster = cluster_of.get(other.id)
                if cluster is None:  # evicted
                    continue
                reason, value, sure = judge(sig, other, rules)
                key = id(cluster)
                if reason and sure:
                    conflicting.add(key)
                elif value is not None and (key not in best or value > best[key][0]):
                    best[key] = (value, cluster)
        self.comparisons += len(seen) - 1
        linked, refused = [], []
        for key, (value, cluster) in best.items():
            # members outside the blocking keys were not compared yet
            if key in conflicting or any(
                m.id not in seen and keeps_apart(sig, m, rules) for m in cluster.members
            ):
                refused.append(cluster)
                self.refused += 1
            elif _cohesion(sig, cluster.members, rules) < rules.cohesion:
                refused.append(cluster)  # it matches one report and not the rest: a look-alike
            else:
                linked.append((value, cluster))
        return linked, refused

    def _refuse(self, clusters: list[_Cluster], sig: Signature) -> _Cluster:
        """Fuse the members of ``clusters`` and ``sig`` again, earliest first, as if ``sig`` had come in
        its turn; the clusters are replaced by the result."""
        self.refusions += 1
        members = [m for cluster in {id(c): c for c in clusters}.values() for m in cluster.members]
        redo = Fuser(self.rules, canonical=True)
        for member in sorted([*members, sig], key=lambda s: s.sort_key):
            redo.add(member)
        for cluster in {id(c): c for c in redo._cluster_of.values()}.values():
            for member in cluster.members:
                self._cluster_of[member.id] = cluster
            self._dirty[id(cluster)] = cluster
            heapq.heappush(self._expiry, (cluster.last_day, cluster.first.id))
        return self._cluster_of[sig.id]

    def _conflicting(self, a: _Cluster, b: _Cluster) -> bool:
        return any(keeps_apart(x, y, self.rules) for x in a.members for y in b.members)

    def _join(self, cluster: _Cluster, members: list[Signature]) -> None:
        self._dirty[id(cluster)] = cluster
        for sig in members:
            self._cluster_of[sig.id] = cluster
        cluster.members.extend(members)
        first = min(members, key=lambda s: s.sort_key)
        if first.sort_key < cluster.first.sort_key:
            cluster.first = first
        cluster.last_day = max(cluster.last_day, _last_day(members))

    # -- blocking ---------------------------------------------------------------------------------

    def _register(self, sig: Signature) -> None:
        if sig.lo is None:
            self._undated.setdefault(sig.article, []).append(sig)
            return
        cells = _cells(sig)
        names = _names(sig)
        for day in range(sig.lo, sig.hi + 1):
            buckets = self._index.setdefault((sig.family, day), {})
            for country in sig.countries or (_NO_COUNTRY,):
                bucket = buckets.setdefault(country, {})
                for cell in cells:
                    bucket.setdefault(cell, []).append(sig)
            named = self._named.setdefault((sig.family, day), {})
            for name in names:
                named.setdefault(name, []).append(sig)

    def _pools(self, sig: Signature) -> Iterator[list[Signature]]:
        """The mentions to compare with: those of the family and days that share a country and lie in a
        neighbouring cell, and those that share a name, whatever their coded places (a district read as
        a namesake far away, the reporting city: the sentences still name the same place)."""
        cells = _cells(sig)
        near = None if cells == (_NO_CELL,) else {n for cell in cells for n in _neighbours(cell)} | {_NO_CELL}
        names = _names(sig)
        for day in range(sig.lo - DAY_SLACK, sig.hi + DAY_SLACK + 1):
            named = self._named.get((sig.family, day))
            if named:
                yield from (named[name] for name in names if name in named)
            buckets = self._index.get((sig.family, day))
            if not buckets:
                continue
            if sig.countries:
                chosen = [buckets[c] for c in (*sig.countries, _NO_COUNTRY) if c in buckets]
            else:
                chosen = list(buckets.values())
            for bucket in chosen:
                if near is None:  # no place of its own: every place is a candidate
                    yield from bucket.values()
                else:
                    yield from (bucket[cell] for cell in near if cell in bucket)

    # -- reading out ------------------------------------------------------------------------------

    def stored_cluster(self, mention_id: str) -> str | None:
        """The cluster id a mention had when seeded (or at the last commit)."""
        return self._stored.get(mention_id)

    def __contains__(self, mention_id: str) -> bool:
        return mention_id in self._cluster_of

    def cluster_id(self, mention_id: str) -> str:
        return self._cluster_of[mention_id].first.id

    def clusters(self) -> dict[str, list[Signature]]:
        """Every live cluster: its id and its members, earliest first."""
        out: dict[str, list[Signature]] = {}
        for cluster in {id(c): c for c in self._cluster_of.values()}.values():
            out[cluster.first.id] = sorted(cluster.members, key=lambda s: s.sort_key)
        return out

    def changes(self) -> list[tuple[str, list[Signature], set[str]]]:
        """Clusters that differ from what was seeded (or last committed): (id, members, the seeded ids
        it replaces).

        A cluster differs when it gained or lost a member or its id changed; it replaces every seeded
        cluster any of its members came from (a merge replaces several, a split shares one).
        """
        out = []
        for cluster in self._dirty.values():
            if self._cluster_of.get(cluster.first.id) is not cluster:
                continue  # merged into another since, or evicted
            stored = [self._stored.get(m.id) for m in cluster.members]
            unchanged = all(cid == cluster.first.id for cid in stored) and self._stored_size.get(
                cluster.first.id
            ) == len(cluster.members)
            if not unchanged:
                members = sorted(cluster.members, key=lambda s: s.sort_key)
                out.append((cluster.first.id, members, {cid for cid in stored if cid is not None}))
        return out

    def commit(self) -> None:
        """Take the current clusters as stored: the next :meth:`changes` reports what changes after."""
        for _cluster_id, members, replaced in self.changes():
            for old in replaced:
                self._stored_size.pop(old, None)
            for sig in members:
                self._stored[sig.id] = members[0].id
            self._stored_size[members[0].id] = len(members)
        self._dirty.clear()

    def evict(self, before_day: int) -> list[tuple[str, list[Signature]]]:
        """Remove and return clusters no mention dated ``before_day`` or later can link to."""
        done = []
        while self._expiry and self._expiry[0][0] < before_day:
            _day, first_id = heapq.heappop(self._expiry)
            cluster = self._cluster_of.get(first_id)
            if cluster is None or cluster.first.id != first_id or cluster.last_day >= before_day:
                continue  # already evicted, renamed by a merge, or extended since
            for sig in cluster.members:
                del self._cluster_of[sig.id]
                self._stored.pop(sig.id, None)
            self._stored_size.pop(cluster.first.id, None)
            self._dirty.pop(id(cluster), None)
            done.append((cluster.first.id, sorted(cluster.members, key=lambda s: s.sort_key)))
        horizon = before_day - 1
        for key in [key for key in self._index if key[1] < horizon]:
            del self._index[key]
        for key in [key for key in self._named if key[1] < horizon]:
            del self._named[key]
        return done

    def __len__(self) -> int:
        return len(self._cluster_of)


def _cohesion(sig: Signature, members: list[Signature], rules: Rules) -> float:
    """The mean score of a mention with a fused event's members. One strong link is not enough: a raid
    after a bombing shares the bombing's place, day and words with one report of it and little with the
    others, and single links would chain the two acts into one event."""
    return sum(score(sig, member, rules) for member in members) / len(members)


def _last_day(members: Iterable[Signature]) -> int:
    return max((s.hi if s.hi is not None else (s.published or 0)) for s in members)


def fuse(signatures: Iterable[Signature], rules: Rules = DEFAULT_RULES) -> dict[str, list[str]]:
    """Fuse a batch; returns {cluster id: [mention ids, earliest first]}.

    Mentions are fused in :attr:`Signature.sort_key` order, the order a live feed brings them in.
    """
    fuser = Fuser(rules)
    for sig in sorted(signatures, key=lambda s: s.sort_key):
        fuser.add(sig)
    return {key: [s.id for s in members] for key, members in fuser.clusters().items()}

"""Restatements the coder does not fold, counted and scored with the detect model cross-fitted.

    .venv/bin/python bench/restatement_errors.py --dump   # code train held out and dev, cache (~10 min)
    .venv/bin/python bench/restatement_errors.py          # classes and held-out event F1 of fold rules
    .venv/bin/python bench/restatement_errors.py --learned  # a learned fold decision, cross-fitted

A third of train's unpaired system events sit in a sentence with no annotated act while the article has
the type elsewhere (``bench/detect_errors.py``): an act told again that ``merge_restatements`` did not
fold. ``--dump`` codes train's articles with the detect model fitted on the other annotator folds (as
``detect_errors.py`` does) and dev's with the shipped model, and keeps each article's events before the
restatement stage. The default run then replays the restatement stage on them: which of ``same_act``'s
tests keeps each unfolded later event of a type apart, how often its sentence holds a gold act of the type,
and the held-out event F1 (``score.py``'s pairing: type counts per article) of each variant of the stage.
"""

from __future__ import annotations

import argparse
import pickle
import re
from collections import Counter
from dataclasses import dataclass

from detect_errors import (
    CACHE,
    THRESHOLDS,
    TRAIN_ANNOTATORS,
    _Named,
    parse_cached,
    rows_for,
    sentence_examples,
)

import sitroom.coding.restatements as restatements
from sitroom.coding.coder import _title_line, tolls_across_sentences
from sitroom.coding.detect import TypeModel, type_model
from sitroom.learn.corpus import evidence_span, read_gold, sentence_of, split_files
from sitroom.learn.detect import fit, fresh_coder, prf
from sitroom.learn.locate import folds as annotator_folds

DUMP = CACHE / "restatements.pkl"


@dataclass
class Coded:
    """One article's events before the restatement stage, and its gold events' types and sentences."""

    article: str
    annotator: str
    split: str
    events: list  # Event, text order, after the tolls stage
    headlines: frozenset
    gold: list  # (type, sentence start_char or None)
    sentences: list  # (start_char, end_char) of each parsed sentence


def code(coder, item, split: str) -> Coded:
    state = coder.new_state(item.doc, item.gold.article, item.places)
    coder.find_candidates(state)
    by_sentence = [(s, coder.sentence_events(s, ts, state)) for s, ts in state.candidates]
    headline = _title_line(state)
    headlines = frozenset(e.id for s, found in by_sentence if s == headline for e in found)
    sentences = list(item.doc.sents)
    gold = []
    for event in item.gold.events:
        span = evidence_span(item.gold.article.text, event.get("evidence") or "")
        index = sentence_of(span, sentences) if span else None
        gold.append((event["type"], None if index is None else sentences[index].start_char))
    return Coded(
        item.gold.article.id,
        item.gold.annotator,
        split,
        tolls_across_sentences(by_sentence),
        headlines,
        gold,
        [(s.start_char, s.end_char) for s in sentences],
    )


def dump() -> None:
    coder = fresh_coder("combined")
    shipped = type_model("combined")
    thresholds = {k: getattr(shipped, k) for k in THRESHOLDS}
    train_gold = list(read_gold(split_files("train")))
    TRAIN_ANNOTATORS.update(g.annotator for g in read_gold(split_files("train", older=False)))
    parsed_train = parse_cached(coder, train_gold, "train")
    parsed_dev = parse_cached(coder, list(read_gold(split_files("dev"))), "dev")
    rows = rows_for(sentence_examples(coder, parsed_train), ())
    scored = [r for r in rows if r[2] in TRAIN_ANNOTATORS]
    coded = []
    for held in annotator_folds([_Named(r[2]) for r in scored]):
        model = fit([r[0] for r in rows if r[2] not in held], "combined", 0.3)
        coder.type_model = TypeModel.from_json({**model, **thresholds})
        coded.extend(code(coder, item, "train") for item in parsed_train if item.gold.annotator in held)
        print(f"  fold {sorted(held)} done", flush=True)
    coder.type_model = shipped
    coded.extend(code(coder, item, "dev") for item in parsed_dev)
    with DUMP.open("wb") as out:
        pickle.dump(coded, out)


def event_counts(coded: list[Coded], merge) -> Counter:
    counts = Counter()
    for item in coded:
        gold = Counter(kind for kind, _ in item.gold)
        system = Counter(e.type for e in merge(item.events, item.headlines))
        counts.update(tp=sum((gold & system).values()), gold=sum(gold.values()), system=sum(system.values()))
    return counts


def report(name: str, coded: list[Coded], merge) -> None:
    for split in ("train", "dev"):
        p, r, f = prf(event_counts([c for c in coded if c.split == split], merge))
        print(f"{name:40s} {split}: P/R/F1 {p:.4f}/{r:.4f}/{f:.4f}")


TESTS = {
    "mode": lambda a, b: not (a.mode and b.mode and a.mode != b.mode and b.actor is not None),
    "cue": lambda a, b: not restatements._new_act_cue(b),
    "factuality": lambda a, b: a.factuality == b.factuality,
    "actor": lambda a, b: restatements._parties_agree(a.actor, b.actor, by_sector=True),
    "target": lambda a, b: restatements._parties_agree(a.target, b.target),
    "date": lambda a, b: restatements._dates_agree(a.date, b.date),
    "place": lambda a, b: restatements._places_agree(a.location, b.location),
}


def failed(first, later) -> tuple[str, ...]:
    return tuple(name for name, test in TESTS.items() if not test(first, later))


def gold_here(item: Coded, event) -> bool:
    """Whether the event's sentence holds a gold act of its type."""
    start = next(s for s, e in item.sentences if s <= event.sentence_start < e)
    return any(kind == event.type and at == start for kind, at in item.gold)


def unfolded(coded: list[Coded], merge=None):
    """Each event the stage keeps though an earlier kept event has its type: (item, earlier, event)."""
    merge = merge or restatements.merge_restatements
    for item in coded:
        kept = merge(item.events, item.headlines)
        for i, event in enumerate(kept):
            earlier = [e for e in kept[:i] if e.type == event.type]
            if earlier:
                yield item, earlier[-1], event


def classes(coded: list[Coded]) -> None:
    for split in ("train", "dev"):
        by = Counter()
        pos = Counter()
        for item, earlier, event in unfolded([c for c in coded if c.split == split]):
            reasons = failed(earlier, event) or ("none (headline or farther act)",)
            for reason in reasons:
                by[reason] += 1
                pos[reason] += not gold_here(item, event)
            for key in ("ALL", f"n reasons={len(failed(earlier, event))}"):
                by[key] += 1
                pos[key] += not gold_here(item, event)
        print(
            f"\n{split}: unfolded later events of a type told earlier, by failed test (no gold act here/all)"
        )
        for reason, n in by.most_common():
            print(f"  {reason:35s} {pos[reason]:5d} / {n:5d}")


def relaxed(skip: set[str]):
    """``same_act`` without the tests in ``skip``."""

    def same(first, later) -> bool:
        return first.type == later.type and all(t(first, later) for n, t in TESTS.items() if n not in skip)

    return same


def with_same_act(same):
    def merge(events, headlines):
        original = restatements.same_act
        restatements.same_act = same
        try:
            return restatements.merge_restatements(events, headlines)
        finally:
            restatements.same_act = original

    return merge


def oracle(coded: list[Coded]):
    """Fold every unfolded later event whose sentence has no gold act of its type (the bound)."""

    def merge(events, headlines):
        item = by_events[id(events)]
        kept = restatements.merge_restatements(events, headlines)
        out = []
        for event in kept:
            if any(e.type == event.type for e in out) and not gold_here(item, event):
                continue
            out.append(event)
        return out

    by_events = {id(c.events): c for c in coded}
    return merge


def count_oracle(coded: list[Coded]):
    """Fold unfolded later events of a type only while the article has more of it than gold (the bound
    of a perfect fold decision under ``score.py``'s pairing)."""

    def merge(events, headlines):
        item = by_events[id(events)]
        gold = Counter(kind for kind, _ in item.gold)
        kept = restatements.merge_restatements(events, headlines)
        system = Counter(e.type for e in kept)
        out = []
        for event in kept:
            if any(e.type == event.type for e in out) and system[event.type] > gold[event.type]:
                system[event.type] -= 1
                continue
            out.append(event)
        return out

    by_events = {id(c.events): c for c in coded}
    return merge


_PERFECT = re.compile(r"\b(has|have|had)( been)? \w+(ed|en)\b", re.IGNORECASE)
_SAID = re.compile(r"\b(said|says|according)\b")
_WORD = re.compile(r"[a-z]+")


def _bucket(value: float, edges: tuple) -> int:
    return sum(value >= e for e in edges)


def pair_features(item: Coded, kept: list, i: int, earlier, event) -> list[str]:
    """What may tell a restatement from a second act (``event`` against the nearest ``earlier`` kept event
    of its type)."""
    kind = event.type
    n_same = sum(e.type == kind for e in kept[: i + 1])
    fails = failed(earlier, event)
    starts = [s for s, _ in item.sentences]
    index = lambda e: max(k for k, s in enumerate(starts) if s <= e.sentence_start)  # noqa: E731
    gap = index(event) - index(earlier)
    a, b = set(_WORD.findall(earlier.evidence.lower())), set(_WORD.findall(event.evidence.lower()))
    overlap = len(a & b) / max(len(a | b), 1)
    text = event.evidence
    trig = event.trigger.lower()
    definite = bool(re.search(r"\b(the|this|that|these|those)\s+" + re.escape(trig) + r"\b", text, re.I))
    quoted = '"' in text or "\u201c" in text
    said = bool(_SAID.search(text))
    found = [
        f"type={kind}",
        f"nth={min(n_same, 4)}",
        f"{kind}:nth={min(n_same, 4)}",
        f"nfail={len(fails)}",
        *(f"fail={f}" for f in fails),
        f"trig={trig}",
        f"sametrig={trig == earlier.trigger.lower()}",
        f"the_trig={definite}",
        f"gap={_bucket(gap, (2, 3, 5, 9))}",
        f"pos={_bucket(index(event), (2, 4, 8, 15))}",
        f"overlap={_bucket(overlap, (0.1, 0.2, 0.3, 0.45))}",
        f"perfect={bool(_PERFECT.search(text))}",
        f"quote={quoted}",
        f"said={said}",
        f"actor={event.actor is not None}",
        f"target={event.target is not None}",
        f"toll={event.fatalities is not None}",
        f"sametoll={event.fatalities is not None and event.fatalities == earlier.fatalities}",
        f"head={earlier.id in item.headlines}",
        f"fact={event.factuality}",
        f"events={_bucket(len(kept), (3, 6, 10, 20))}",
        f"types={_bucket(sum(e.type == kind for e in kept), (2, 3, 5))}",
        f"conf={_bucket(event.confidence, (0.4, 0.5, 0.6, 0.7, 0.8))}",
        f"earlier_conf={_bucket(earlier.confidence, (0.4, 0.5, 0.6, 0.7, 0.8))}",
    ]
    return found


def pair_rows(coded: list[Coded]) -> list[tuple]:
    """(item, index in kept, features, label) of every unfolded later event of a type; the label says
    whether folding one of the type's events helps (the article has more of the type than gold)."""
    rows = []
    for item in coded:
        kept = restatements.merge_restatements(item.events, item.headlines)
        gold = Counter(kind for kind, _ in item.gold)
        system = Counter(e.type for e in kept)
        for i, event in enumerate(kept):
            earlier = [e for e in kept[:i] if e.type == event.type]
            if earlier:
                label = system[event.type] > gold[event.type]
                rows.append(
                    (
                        item,
                        i,
                        pair_features(item, kept, i, earlier[-1], event),
                        label,
                        not gold_here(item, event),
                    )
                )
    return rows


def fit_pairs(rows: list[tuple], c: float, which: int = 3):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in r[2]} for r in rows]).toarray()
    y = [r[which] for r in rows]
    model = LogisticRegression(C=c, solver="liblinear", random_state=13, max_iter=1000).fit(x, y)
    return lambda feats: model.predict_proba(vec.transform([{f: 1 for f in feats}]).toarray())[0, 1]


def folded_counts(items: list[Coded], probability, bar: float) -> Counter:
    """Event counts when every unfolded later event of a type with fold probability >= bar is folded."""
    counts = Counter()
    for item in items:
        kept = restatements.merge_restatements(item.events, item.headlines)
        out = []
        for i, event in enumerate(kept):
            earlier = [e for e in kept[:i] if e.type == event.type]
            if earlier and probability(pair_features(item, kept, i, earlier[-1], event)) >= bar:
                continue
            out.append(event)
        gold = Counter(kind for kind, _ in item.gold)
        system = Counter(e.type for e in out)
        counts.update(tp=sum((gold & system).values()), gold=sum(gold.values()), system=sum(system.values()))
    return counts


BARS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def learned(coded: list[Coded], c: float, which: int) -> None:
    train = [c_ for c_ in coded if c_.split == "train"]
    dev = [c_ for c_ in coded if c_.split == "dev"]
    rows = pair_rows(train)
    held = {bar: Counter() for bar in BARS}
    for group in annotator_folds(train):
        model = fit_pairs([r for r in rows if r[0].annotator not in group], c, which)
        for bar in BARS:
            held[bar].update(folded_counts([x for x in train if x.annotator in group], model, bar))
    model = fit_pairs(rows, c, which)
    label = "excess" if which == 3 else "no gold here"
    print(
        f"learned fold decision (label {label}, C {c}); positives {sum(r[which] for r in rows)} / {len(rows)}"
    )
    for bar in BARS:
        p, r, f = prf(held[bar])
        dp, dr, df = prf(folded_counts(dev, model, bar))
        print(f"  bar {bar}: train held out {p:.4f}/{r:.4f}/{f:.4f}; dev {dp:.4f}/{dr:.4f}/{df:.4f}")


def merge_with(events: list, headlines: frozenset, keep_apart) -> list:
    """``merge_restatements`` with a veto: ``keep_apart(merged, index, event, announced)`` keeps an event
    the stage would fold into ``merged[index]`` as an event of its own."""
    merged: list = []
    for event in events:
        index = restatements._announced_by(merged, event, headlines)
        announced = index is not None
        if not announced:
            same = (j for j in reversed(range(len(merged))) if restatements.same_act(merged[j], event))
            index = next(same, None)
        if index is None or keep_apart(merged, index, event, announced):
            merged.append(event)
        elif announced:
            merged[index] = restatements._merge(event, merged[index])
        else:
            merged[index] = restatements._merge(merged[index], event)
    return merged


def fold_rows(coded: list[Coded]) -> list[tuple]:
    """(item, features, label) of every fold the stage makes; the label says whether the article has
    fewer events of the type than gold after the stage (keeping the folded event apart would pair)."""
    rows = []
    for item in coded:
        seen = []

        def record(merged, index, event, announced, item=item, seen=seen):
            features = pair_features(item, [*merged, event], len(merged), merged[index], event)
            seen.append((event.type, [*features, f"announced={announced}"]))
            return False

        kept = merge_with(item.events, item.headlines, record)
        gold = Counter(kind for kind, _ in item.gold)
        system = Counter(e.type for e in kept)
        rows.extend((item, features, gold[kind] > system[kind]) for kind, features in seen)
    return rows


def unfold_counts(items: list[Coded], probability, bar: float) -> Counter:
    counts = Counter()
    for item in items:

        def apart(merged, index, event, announced, item=item):
            features = pair_features(item, [*merged, event], len(merged), merged[index], event)
            return probability([*features, f"announced={announced}"]) >= bar

        kept = merge_with(item.events, item.headlines, apart)
        gold = Counter(kind for kind, _ in item.gold)
        system = Counter(e.type for e in kept)
        counts.update(tp=sum((gold & system).values()), gold=sum(gold.values()), system=sum(system.values()))
    return counts


def learned_unfold(coded: list[Coded], c: float) -> None:
    """A learned veto on the stage's folds, cross-fitted over annotator folds."""
    train = [x for x in coded if x.split == "train"]
    dev = [x for x in coded if x.split == "dev"]
    rows = [(item, None, features, label) for item, features, label in fold_rows(train)]
    held = {bar: Counter() for bar in BARS}
    per_fold = {bar: [] for bar in BARS}
    fold_counts = []  # per fold, its held-out counts at each bar
    for group in annotator_folds(train):
        model = fit_pairs([r for r in rows if r[0].annotator not in group], c, 3)
        items = [x for x in train if x.annotator in group]
        base = prf(event_counts(items, restatements.merge_restatements))[2]
        fold_counts.append({})
        for bar in BARS:
            counts = unfold_counts(items, model, bar)
            held[bar].update(counts)
            fold_counts[-1][bar] = counts
            per_fold[bar].append(prf(counts)[2] - base)
    model = fit_pairs(rows, c, 3)
    print(f"learned veto on folds (C {c}); positives {sum(r[3] for r in rows)} / {len(rows)}")
    for bar in BARS:
        print(f"  bar {bar}: change per held-out fold " + " ".join(f"{d:+.4f}" for d in per_fold[bar]))
    nested, chosen = Counter(), []
    for k, counts in enumerate(fold_counts):
        others = {bar: sum((f[bar] for j, f in enumerate(fold_counts) if j != k), Counter()) for bar in BARS}
        best = max(BARS, key=lambda bar: (prf(others[bar])[2], bar))
        chosen.append(best)
        nested.update(counts[best])
    p, r, f = prf(nested)
    print(f"  bar chosen on the other folds {chosen}: held out {p:.4f}/{r:.4f}/{f:.4f}")
    for bar in BARS:
        p, r, f = prf(held[bar])
        dp, dr, df = prf(unfold_counts(dev, model, bar))
        print(f"  bar {bar}: train held out {p:.4f}/{r:.4f}/{f:.4f}; dev {dp:.4f}/{dr:.4f}/{df:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", action="store_true", help="code train held out and dev, and cache it")
    parser.add_argument("--learned", action="store_true", help="score a learned fold decision")
    parser.add_argument("--unfold", action="store_true", help="score a learned veto on the stage's folds")
    args = parser.parse_args()
    if args.dump:
        dump()
    with DUMP.open("rb") as stream:
        coded = pickle.load(stream)
    report("shipped", coded, restatements.merge_restatements)
    report("oracle (fold where no gold act)", coded, oracle(coded))
    report("oracle (fold the type's excess)", coded, count_oracle(coded))
    report("no restatement stage", coded, lambda events, headlines: events)
    report("no headline rule", coded, lambda events, headlines: restatements.merge_restatements(events))
    report("replayed (merge_with, no veto)", coded, lambda e, h: merge_with(e, h, lambda *a: False))
    if args.unfold:
        for c in (0.1, 1.0):
            learned_unfold(coded, c)
        return
    if args.learned:
        for c in (0.1, 1.0):
            learned(coded, c, 3)
        learned(coded, 1.0, 4)
        return
    classes(coded)
    for name in TESTS:
        report(f"without the {name} test", coded, with_same_act(relaxed({name})))


if __name__ == "__main__":
    main()

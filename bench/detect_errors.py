"""Where the detect stage loses train's gold events, with the model cross-fitted over annotator folds.

    .venv/bin/python bench/detect_errors.py                 # error classes on train (held out) and dev
    .venv/bin/python bench/detect_errors.py --variants base richer   # held-out scores of feature sets

The model the coder ships was trained on train's sentences, so train's errors under it are flattering. Here
the train split's annotators are cut into ``FOLDS`` groups (``learn.locate.folds``); each group's articles
are coded by a model fitted on the other groups (and the older sets and the GSR, which are never scored),
with the shipped model's thresholds. Every gold event is then put in one class (which stage lost it), and
every system event the outside scorer leaves unpaired in one (why it is there). Event F1 pairs by type
within an article (as ``score.py`` does); the classes are counted per sentence, so an event found in
another sentence of the article is counted apart.

``--variants`` also scores feature sets (``FEATURE_SETS``) by held-out sentence-level F1 (the stage's
keep/retype/add decision emulated on the held-out sentences) and held-out event F1 of the whole coder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import DocBin

import sitroom.coding.detect as detect_module
from sitroom.coding.background import is_background
from sitroom.coding.coder import _title_line, tolls_across_sentences
from sitroom.coding.detect import _MODALS, Position, TypeModel, _lemma, detect, sentence_features, type_model
from sitroom.coding.restatements import merge_restatements
from sitroom.learn.corpus import GoldArticle, evidence_span, read_gold, sentence_of, split_files
from sitroom.learn.detect import Example, Parsed, fit, fresh_coder, prf
from sitroom.learn.locate import folds as annotator_folds
from sitroom.models import PLOVER_TYPES

CACHE = Path("/tmp/sitroom-detect-errors")
THRESHOLDS = ("keep", "add", "add_beside", "add_alone", "protect")


def parse_cached(coder, golds: list[GoldArticle], name: str) -> list[Parsed]:
    """Parse once per text set; later runs read the docs back (the parse is most of the time)."""
    key = hashlib.sha1("".join(g.article.text for g in golds).encode()).hexdigest()[:12]
    path = CACHE / f"{name}-{key}.spacy"
    if path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(coder.nlp.vocab))
    else:
        docs = [doc for doc, _ in coder.parse([g.article for g in golds])]
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=True).to_disk(path)
    return [Parsed(g, d, coder.geoparser.places(d)) for g, d in zip(golds, docs, strict=True)]


@dataclass
class Sentence:
    """One read sentence of an article, what each stage made of it, and its gold types."""

    index: int
    read: bool = False
    gold: Counter = field(default_factory=Counter)
    lexicon: set = field(default_factory=set)  # types of every lexicon trigger
    selected: list = field(default_factory=list)  # (type, specificity) of the rules' candidates
    detected: Counter = field(default_factory=Counter)  # after the detect stage and background
    background: Counter = field(default_factory=Counter)  # detected, then dropped as background
    events: Counter = field(default_factory=Counter)  # after the events stage
    final: Counter = field(default_factory=Counter)  # after restatement merging
    origin: dict = field(default_factory=dict)  # type -> "rule" | "retyped" | "added"


def gold_by_sentence(item: Parsed) -> tuple[dict[int, Counter], int]:
    sentences = list(item.doc.sents)
    found: dict[int, Counter] = {}
    lost = 0
    for event in item.gold.events:
        span = evidence_span(item.gold.article.text, event.get("evidence") or "")
        index = sentence_of(span, sentences) if span else None
        if index is None:
            lost += 1
        else:
            found.setdefault(index, Counter())[event["type"]] += 1
    return found, lost


def trace(coder, item: Parsed) -> tuple[dict[int, Sentence], Counter, Counter]:
    """The coder's stages on one article, recorded per sentence (``Coder._events`` step by step)."""
    state = coder.new_state(item.doc, item.gold.article, item.places)
    starts = {s.start: i for i, s in enumerate(item.doc.sents)}
    record: dict[int, Sentence] = {}
    published = item.gold.article.published
    start_context(item.gold.article)
    for position, sentence, found, selected in coder.sentence_triggers(state):
        row = record[starts[sentence.start]] = Sentence(starts[sentence.start], read=True)
        row.lexicon = {t.plover.type for t in found}
        row.selected = [(t.plover.type, t.specificity) for t in selected]
        out = detect(sentence, selected, found, position, coder.type_model) if coder.type_model else selected
        next_context(selected, found)
        chosen = {(t.token.i, t.plover.type) for t in selected}
        for t in out:
            if (t.token.i, t.plover.type) in chosen:
                row.origin[t.plover.type] = "rule"
            elif any(t.token.i == s.token.i for s in selected):
                row.origin[t.plover.type] = "retyped"
            else:
                row.origin.setdefault(t.plover.type, "added")
        stated = [t for t in out if not is_background(t.anchor, published)]
        row.background = Counter(t.plover.type for t in out) - Counter(t.plover.type for t in stated)
        row.detected = Counter(t.plover.type for t in stated)
        state.candidates.append((sentence, stated))
    by_sentence = [(s, coder.sentence_events(s, ts, state)) for s, ts in state.candidates]
    for sentence, events in by_sentence:
        record[starts[sentence.start]].events = Counter(e.type for e in events)
    headline = _title_line(state)
    headlines = frozenset(e.id for s, found in by_sentence if s == headline for e in found)
    final = merge_restatements(tolls_across_sentences(by_sentence), headlines)
    by_end = {s.end_char: starts[s.start] for s in item.doc.sents}
    for event in final:
        index = by_end[event.sentence_end]
        record.setdefault(index, Sentence(index)).final[event.type] += 1
    gold, _ = gold_by_sentence(item)
    for index, counts in gold.items():
        record.setdefault(index, Sentence(index)).gold = counts
    article_gold = Counter(e["type"] for e in item.gold.events)
    article_system = Counter(e.type for e in final)
    return record, article_gold, article_system


def classify(record: dict[int, Sentence], article_gold: Counter) -> tuple[Counter, Counter]:
    """Misses and false positives per sentence and type, each in one class."""
    misses, extras = Counter(), Counter()
    article_system = Counter()
    for row in record.values():
        article_system.update(row.final)
    for row in record.values():
        selected_types = Counter(t for t, _ in row.selected)
        for kind, g in row.gold.items():
            lost = g - row.final[kind]
            if lost <= 0:
                continue
            in_events, in_detect = row.events[kind], row.detected[kind]
            for _ in range(max(0, min(lost, in_events - row.final[kind]))):
                misses["folded as a restatement"] += 1
                lost -= 1
            for _ in range(max(0, min(lost, in_detect - in_events))):
                misses["dropped by the events stage (no party, or a twin)"] += 1
                lost -= 1
            if lost <= 0:
                continue
            if row.background[kind]:
                cls = "dropped as background"
            elif not row.read:
                cls = "sentence not read"
            elif in_detect:
                cls = "second act of a type the sentence has"
            elif selected_types[kind]:
                cls = "rule candidate dropped or retyped by the model"
            elif kind in row.lexicon:
                cls = "lexicon trigger left out by selection (second act)"
            elif set(row.detected) & set(row.gold):
                cls = "another act of the sentence found, this one not (two acts)"
            elif row.detected:
                cls = "coded as another type (confusion)"
            elif row.selected:
                cls = "the rules' candidate of another type dropped, none kept"
            else:
                cls = "no candidate at all"
            misses[cls] += lost
        for kind, n in row.final.items():
            extra = n - row.gold[kind]
            if extra <= 0:
                continue
            origin = row.origin.get(kind, "rule")
            if row.gold[kind]:
                cls = "a second event of a type the sentence states"
            elif row.gold and all(row.final[k] for k in row.gold):
                cls = f"an extra type beside the sentence's acts, all found ({origin})"
            elif row.gold:
                cls = f"wrong type: in place of the sentence's act ({origin})"
            elif article_gold[kind]:
                cls = f"no act here; the type is told elsewhere in the article ({origin})"
            else:
                cls = f"spurious: no act annotated here, nor the type in the article ({origin})"
            extras[cls] += extra
    return misses, extras


# ---- feature sets -------------------------------------------------------------------------------------

CONTEXT: dict = {}  # the sentence's article context while a feature set is scored: "prev", "title"
_ARG_DEPS = {"dobj", "nsubjpass", "dative", "attr"}
_ACT_SLOTS = {"dobj", "nsubj", "nsubjpass", "pobj", "attr"}


def base_features(sentence, candidates, position, lexicon) -> list[str]:
    return sentence_features(sentence, candidates, position, lexicon)


def arg_features(sentence) -> set[str]:
    """Every verb (not only main predicates) with its object and prepositional objects' lemmas."""
    found = set()
    for verb in (t for t in sentence if t.pos_ == "VERB"):
        lemma = _lemma(verb)
        for child in verb.children:
            if child.dep_ in _ARG_DEPS:
                found.add(f"o={lemma}>{_lemma(child)}")
            elif child.dep_ == "prep":
                objects = (g for g in child.children if g.dep_ == "pobj")
                found.update(f"o={lemma}>{child.lower_}={_lemma(g)}" for g in objects)
    return found


def noun_features(sentence) -> set[str]:
    """An act noun with the verb that governs it ("launched … offensive", "talks … held")."""
    found = set()
    for noun in (t for t in sentence if t.pos_ == "NOUN" and t.dep_ in _ACT_SLOTS):
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        if head.pos_ in {"VERB", "AUX"}:
            found.add(f"n={_lemma(noun)}<{_lemma(head)}")
    return found


def _scope(token) -> list[str]:
    """Negation and modality over a trigger: its own, or its governing verbs' up the clause chain."""
    marks = []
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "neg":
                marks.append("neg")
            elif child.dep_ == "aux" and child.lower_ in _MODALS:
                marks.append("modal")
            elif child.dep_ == "aux" and child.lower_ in {"to"}:
                marks.append("to")
        if current.dep_ not in {"xcomp", "ccomp", "conj"} or current.head.i == current.i:
            break
        current = current.head
    return sorted(set(marks)) or ["plain"]


def scope_features(candidates, lexicon) -> set[str]:
    found = set()
    for trigger in candidates:
        found.update(f"rule={trigger.plover.type}:{m}" for m in _scope(trigger.anchor))
        found.add(f"rule={trigger.plover.type}:dep={trigger.anchor.dep_}")
    chosen = {t.token.i for t in candidates}
    for trigger in (t for t in lexicon if t.token.i not in chosen):
        found.update(f"lex={trigger.plover.type}:{m}" for m in _scope(trigger.anchor))
    return found


def seen_features(candidates) -> set[str]:
    """The rules' types in any earlier sentence of the article, and whether this sentence's candidate
    repeats one (a restatement the annotators code once)."""
    seen = CONTEXT.get("seen", set())
    found = {f"seen={kind}" for kind in seen}
    found.update(f"again={t.plover.type}" for t in candidates if t.plover.type in seen)
    return found


def prev_features() -> set[str]:
    return {f"prev={kind}" for kind in CONTEXT.get("prev", ())} or {"prev=none"}


def title_features(position) -> set[str]:
    title = CONTEXT.get("title")
    if position.index != 0 or not title:
        return set()
    return {f"t={w}" for w in re.findall(r"[a-z]+", title.lower()) if len(w) > 2}


PARTS = ("args", "nouns", "scope", "prev", "seen", "title")


def extras(sentence, candidates, position, lexicon) -> dict[str, set[str]]:
    """Each candidate feature part's features of a sentence (``CONTEXT`` set for its article)."""
    return {
        "args": arg_features(sentence),
        "nouns": noun_features(sentence),
        "scope": scope_features(candidates, lexicon),
        "prev": prev_features(),
        "seen": seen_features(candidates),
        "title": title_features(position),
    }


FEATURE_SETS = {"base": (), **{part: (part,) for part in PARTS}, "all": PARTS}


def feature_function(parts: tuple[str, ...]):
    """The feature set as the coder calls it (``sentence_features``'s signature)."""

    def features(sentence, candidates, position, lexicon) -> list[str]:
        found = set(sentence_features(sentence, candidates, position, lexicon))
        if parts:
            more = extras(sentence, candidates, position, lexicon)
            for part in parts:
                found |= more[part]
        return sorted(found)

    return features


def sentence_examples(coder, parsed: list[Parsed]) -> list[tuple]:
    """Per read sentence: its base features, each part's extra features, the rules' candidates (type,
    specificity), the article's annotator, the types selection left out, and the gold labels."""
    found = []
    for item in parsed:
        state = coder.new_state(item.doc, item.gold.article, item.places)
        gold, _ = gold_by_sentence(item)
        starts = {s.start: i for i, s in enumerate(item.doc.sents)}
        start_context(item.gold.article)
        for position, sentence, lexicon, selected in coder.sentence_triggers(state):
            base = sentence_features(sentence, selected, position, lexicon)
            more = extras(sentence, selected, position, lexicon)
            next_context(selected, lexicon)
            chosen = {t.token.i for t in selected}
            left_out = frozenset(t.plover.type for t in lexicon if t.token.i not in chosen)
            candidates = [(t.plover.type, t.specificity) for t in selected]
            labels = frozenset(gold.get(starts[sentence.start], {}))
            found.append(
                (item.gold.article.id, base, more, candidates, item.gold.annotator, left_out, labels)
            )
    return found


def rows_for(sentences: list[tuple], parts: tuple[str, ...]) -> list[tuple]:
    """(example, candidates, annotator, left-out types) with the parts' features added."""
    rows = []
    for article, base, more, candidates, annotator, left_out, labels in sentences:
        features = sorted(set(base).union(*(more[p] for p in parts))) if parts else base
        example = Example(article, {"combined": features, "learned": features}, labels)
        rows.append((example, candidates, annotator, left_out))
    return rows


def start_context(article) -> None:
    title = article.title or ""
    CONTEXT.clear()
    CONTEXT["doc"] = None
    CONTEXT["title"] = "" if title[:30] in article.text[:300] else title
    CONTEXT["prev"] = ()


def next_context(selected, lexicon) -> None:
    CONTEXT["prev"] = tuple({t.plover.type for t in selected})
    CONTEXT.setdefault("seen", set()).update(CONTEXT["prev"])


def decide(
    model: TypeModel,
    probs: dict[str, float],
    candidates: list,
    alone: bool,
    left_out: frozenset = frozenset(),
    lexicon_bar: float = 1.01,
    type_bars: dict | None = None,
) -> set[str]:
    """The types the detect stage codes in a sentence (``detect.detect`` on types only); ``lexicon_bar``
    adds a type selection left out at a lower bar, ``type_bars`` replace the add bar per type."""
    kept, dropped = [], []
    for kind, specificity in candidates:
        stands = alone or (model.protect and specificity > 0) or model.keeps(kind, probs[kind])
        (kept if stands else dropped).append(kind)
    found = set(kept)
    add, beside = model.bars(Position(0, alone))

    def bar(kind: str) -> float:
        if alone:
            return add
        chosen = type_bars.get(kind, add) if type_bars else add
        return min(chosen, lexicon_bar) if kind in left_out else chosen

    wanted = sorted((k for k, p in probs.items() if p >= bar(k) and k not in found), key=lambda k: -probs[k])
    for kind in wanted:
        if dropped:
            dropped.pop(0)
            found.add(kind)
        elif probs[kind] >= (max(beside, bar(kind)) if candidates and kind not in left_out else bar(kind)):
            found.add(kind)
    return found


def cross_fit(
    rows, parsed_train, coder, thresholds: dict, log, events: bool = True, class_weight=None, bars=()
) -> dict:
    """Fit per annotator fold, score held-out sentences and articles; returns the summed counts."""
    scored = [r for r in rows if r[2] in TRAIN_ANNOTATORS]
    fold_groups = annotator_folds([_Named(r[2]) for r in scored])
    sentence_counts, article_counts = Counter(), Counter()
    misses, extras = Counter(), Counter()
    by_annotator = {}
    for item in parsed_train:
        by_annotator.setdefault(item.gold.annotator, []).append(item)
    held_out, fold_ids = [], []
    by_bar = {bar: Counter() for bar in bars}
    for held in fold_groups:
        fold_ids.append(sorted(held))
        train = [r[0] for r in rows if r[2] not in held]
        model = TypeModel.from_json({**fit(train, "combined", 0.3, class_weight=class_weight), **thresholds})
        for example, candidates, _, left_out in (r for r in rows if r[2] in held):
            probs = model.probabilities(example.features["combined"])
            held_out.append((len(fold_ids), probs, candidates, left_out, example.labels, example.alone))
            predicted = decide(model, probs, candidates, example.alone)
            sentence_counts.update(tp=len(predicted & example.labels), system=len(predicted),
                                   gold=len(example.labels))  # fmt: skip
        for annotator in sorted(held) if events else ():
            for item in by_annotator.get(annotator, []):
                for bar in bars:
                    coder.type_model = replace(model, add=bar, add_beside=bar)
                    _, gold, system = trace(coder, item)
                    by_bar[bar].update(tp=sum((gold & system).values()), gold=sum(gold.values()),
                                       system=sum(system.values()))  # fmt: skip
                coder.type_model = model
                record, gold, system = trace(coder, item)
                article_counts.update(tp=sum((gold & system).values()), gold=sum(gold.values()),
                                      system=sum(system.values()))  # fmt: skip
                m, x = classify(record, gold)
                misses.update(m)
                extras.update(x)
        log(f"  fold {sorted(held)} done")
    return {"sentence": sentence_counts, "event": article_counts, "misses": misses, "extras": extras,
            "held_out": held_out, "by_bar": by_bar}  # fmt: skip


@dataclass(frozen=True)
class _Named:
    annotator: str


TRAIN_ANNOTATORS: set[str] = set()
RATES: list[float] = []


def report(name: str, result: dict, log) -> None:
    p, r, f = prf(result["sentence"])
    ep, er, ef = prf(result["event"])
    log(f"{name}: held-out sentence P/R/F1 {p:.3f}/{r:.3f}/{f:.4f}; event P/R/F1 {ep:.3f}/{er:.3f}/{ef:.4f}")


def print_classes(title: str, result: dict, log) -> None:
    c = result["event"]
    log(f"\n{title}: gold {c['gold']}, system {c['system']}, paired {c['tp']}")
    log("| where the gold event is lost | events |\n| --- | --- |")
    for cls, n in result["misses"].most_common():
        log(f"| {cls} | {n} |")
    log("| why the unpaired system event is there | events |\n| --- | --- |")
    for cls, n in result["extras"].most_common():
        log(f"| {cls} | {n} |")


def dev_classes(coder, parsed_dev) -> dict:
    counts, misses, extras = Counter(), Counter(), Counter()
    for item in parsed_dev:
        record, gold, system = trace(coder, item)
        counts.update(tp=sum((gold & system).values()), gold=sum(gold.values()), system=sum(system.values()))
        m, x = classify(record, gold)
        misses.update(m)
        extras.update(x)
    return {"event": counts, "misses": misses, "extras": extras}


ADD_BARS = (0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4)


def sentence_f1(model: TypeModel, held_out: list, **options) -> float:
    counts = Counter()
    for _, probs, candidates, left_out, labels, alone in held_out:
        predicted = decide(model, probs, candidates, alone, left_out, **options)
        counts.update(tp=len(predicted & labels), system=len(predicted), gold=len(labels))
    return prf(counts)[2]


def per_type_bars(held_out: list, types) -> dict[str, float]:
    """Add bars per type, each the one with the best F1 of its own type on plain thresholding (cheap)."""
    bars = {}
    for kind in types:
        scores = {}
        for bar in ADD_BARS:
            c = Counter()
            for _, probs, _, _, labels, _ in held_out:
                said, true = probs[kind] >= bar, kind in labels
                c.update(tp=said and true, system=said, gold=true)
            scores[bar] = prf(c)[2]
        bars[kind] = max(ADD_BARS, key=lambda b: (scores[b], b))
    return bars


def decisions(name: str, held_out: list, thresholds: dict, log) -> None:
    """The stage's decision rules on held-out probabilities: the shipped bars, one add bar, a lower bar for
    a type selection left out, and per-type bars (chosen on the other folds, scored on each)."""
    model = TypeModel.from_json({"types": list(PLOVER_TYPES), "bias": [0] * 16, "rates": RATES, "weights": {},
                                 **thresholds})  # fmt: skip
    log(f"{name}: sentence F1 at the shipped bars {sentence_f1(model, held_out):.4f}")
    by_bar = {b: sentence_f1(replace(model, add=b, add_beside=b), held_out) for b in ADD_BARS}
    log("  one add bar: " + ", ".join(f"{b}: {f:.4f}" for b, f in by_bar.items()))
    by_lex = {b: sentence_f1(model, held_out, lexicon_bar=b) for b in (0.04, 0.06, 0.08, 0.1, 0.12)}
    log("  a lower bar where selection left a trigger of the type out: "
        + ", ".join(f"{b}: {f:.4f}" for b, f in by_lex.items()))  # fmt: skip
    counts = Counter()
    folds = sorted({h[0] for h in held_out})
    for k in folds:
        bars = per_type_bars([h for h in held_out if h[0] != k], model.types)
        for _, probs, candidates, left_out, labels, alone in (h for h in held_out if h[0] == k):
            predicted = decide(model, probs, candidates, alone, left_out, type_bars=bars)
            counts.update(tp=len(predicted & labels), system=len(predicted), gold=len(labels))
    log(f"  per-type bars (nested over folds): {prf(counts)[2]:.4f}")


DEV_GRID = [(keep, add) for keep in (8.0, 16.0) for add in (0.1, 0.15, 0.2)]


def dev_scores(rows, coder, parsed_dev, thresholds: dict, log) -> dict:
    """The model fitted on all of train, on dev: event F1 at the shipped thresholds and at the best of a
    small grid (``make train`` tunes them on dev the same way, over a larger grid)."""
    model = TypeModel.from_json({**fit([r[0] for r in rows], "combined", 0.3), **thresholds})
    found = {}
    for keep, add in [(thresholds["keep"], thresholds["add"]), *DEV_GRID]:
        coder.type_model = replace(model, keep=keep, add=add, add_beside=add)
        counts = Counter()
        for item in parsed_dev:
            start_context(item.gold.article)
            gold = Counter(e["type"] for e in item.gold.events)
            system = Counter(e.type for e in coder.events(item.doc, item.gold.article, item.places))
            counts.update(tp=sum((gold & system).values()), gold=sum(gold.values()),
                          system=sum(system.values()))  # fmt: skip
        found[(keep, add)] = prf(counts)[2]
    shipped = found[(thresholds["keep"], thresholds["add"])]
    best = max(found, key=found.get)
    log(f"  dev event F1 at the shipped bars {shipped:.4f}; best {found[best]:.4f} at keep/add {best}")
    return found


def with_context(extra):
    """The feature set as the coder calls it: ``CONTEXT`` follows the sentences of each article in order."""

    def features(sentence, candidates, position, lexicon) -> list[str]:
        if CONTEXT.get("doc") is not sentence.doc:
            CONTEXT["doc"], CONTEXT["prev"], CONTEXT["seen"] = sentence.doc, (), set()
        found = extra(sentence, candidates, position, lexicon)
        next_context(candidates, lexicon)
        return found

    return features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="*", default=["base"], choices=sorted(FEATURE_SETS))
    parser.add_argument("--classes", action="store_true", help="print the error classes")
    parser.add_argument("--dev", action="store_true", help="also fit on all of train and score dev")
    parser.add_argument(
        "--positive-weight", type=float, default=1.0, help="class weight of a type's sentences"
    )
    parser.add_argument(
        "--bars", nargs="*", type=float, default=[], help="held-out event F1 at these add bars"
    )
    parser.add_argument("--decisions", action="store_true", help="score decision rules on held-out")
    parser.add_argument("--sentences", action="store_true", help="held-out sentence F1 only (no coding)")
    args = parser.parse_args()
    coder = fresh_coder("combined")
    shipped = type_model("combined")
    RATES.extend(shipped.rates.tolist())
    thresholds = {k: getattr(shipped, k) for k in THRESHOLDS}
    train_gold = list(read_gold(split_files("train")))
    TRAIN_ANNOTATORS.update(g.annotator for g in read_gold(split_files("train", older=False)))
    parsed_train = parse_cached(coder, train_gold, "train")
    original = detect_module.sentence_features
    weight = None if args.positive_weight == 1.0 else {True: args.positive_weight, False: 1.0}
    parsed_dev = parse_cached(coder, list(read_gold(split_files("dev"))), "dev")
    sentences = sentence_examples(coder, parsed_train)
    scored_train = [p for p in parsed_train if p.gold.annotator in TRAIN_ANNOTATORS]
    for name in args.variants:
        parts = FEATURE_SETS[name]
        detect_module.sentence_features = with_context(feature_function(parts))
        rows = rows_for(sentences, parts)
        result = cross_fit(
            rows, scored_train, coder, thresholds, print, not args.sentences, weight, args.bars
        )
        report(name, result, print)
        for bar, counts in result["by_bar"].items():
            print(f"  held-out event P/R/F1 at add bar {bar}: " + "/".join(f"{x:.4f}" for x in prf(counts)))
        with (CACHE / f"held-out-{name}-{args.positive_weight}.pkl").open("wb") as out:
            pickle.dump(result["held_out"], out)
        if args.decisions:
            decisions(name, result["held_out"], thresholds, print)
        if args.dev:
            dev_scores(rows, coder, parsed_dev, thresholds, print)
        if args.classes:
            print_classes(f"train, cross-fitted ({name})", result, print)
        detect_module.sentence_features = original
    if args.classes:
        coder.type_model = shipped
        print_classes("dev, shipped model", dev_classes(coder, parsed_dev), print)
    print(json.dumps({"thresholds": thresholds}))


if __name__ == "__main__":
    main()

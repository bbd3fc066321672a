"""Clause-level examples for the detect model, scored held out over train's annotator folds.

    .venv/bin/python bench/clause_examples.py     # held-out sentence P/R/F1, sentence and clause examples

The detect model makes one decision per sentence and type; in a sentence stating two acts ("troops
shelled the town and the ministry summoned the envoy") the two acts' words share one example. Here a
sentence is cut into clauses (its main predicate, and each conjunct, adverbial or complement clause verb
with a subject or object of its own) and each clause is an example of its own: its words, bigrams and
predicates, the rules' candidates and lexicon triggers in it, and which kind of clause it is. A gold type
goes to the clauses holding a lexicon trigger of it, else to the main clause. The sentence's types are
the union of its clauses' decisions (``detect_errors.decide``, the shipped bars). Both ways are fitted on
four folds of annotators (and the older sets and the GSR, never scored) and scored on the fifth, as
``bench/detect_errors.py`` does.
"""

from __future__ import annotations

import argparse
from collections import Counter

from detect_errors import (
    ADD_BARS,
    THRESHOLDS,
    TRAIN_ANNOTATORS,
    _Named,
    decide,
    gold_by_sentence,
    parse_cached,
)

from sitroom.coding.detect import (
    Position,
    TypeModel,
    _predicate_features,
    rule_features,
    sentence_features,
    type_model,
    word_features,
)
from sitroom.coding.select import is_main_predicate
from sitroom.learn.corpus import read_gold, split_files
from sitroom.learn.detect import Example, fit, fresh_coder, prf
from sitroom.learn.locate import folds as annotator_folds

SECOND_BARS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
_CLAUSE_DEPS = {"conj", "advcl", "ccomp"}
_OWN_ARGS = {"nsubj", "nsubjpass", "dobj"}


def clause_heads(sentence) -> list:
    """The sentence's root, then each clause verb with its own subject or object."""
    heads = [sentence.root]
    for token in sentence:
        if token is sentence.root or token.pos_ not in {"VERB", "AUX"} or token.dep_ not in _CLAUSE_DEPS:
            continue
        if any(c.dep_ in _OWN_ARGS for c in token.children):
            heads.append(token)
    return heads


def clause_of(token, heads: set[int]) -> int:
    """The nearest clause head at or above the token."""
    current = token
    while current.i not in heads and current.head.i != current.i:
        current = current.head
    return current.i if current.i in heads else min(heads)


def clause_features(tokens, head, kind: str, position: Position, candidates, lexicon) -> list[str]:
    """``sentence_features`` over one clause's tokens, with the kind of clause."""
    features = {"bias", f"clause={kind}", "pos=alone" if position.alone else f"pos={min(position.index, 3)}"}
    features |= word_features(tokens)
    for token in tokens:
        if token.pos_ in {"VERB", "AUX"} and (is_main_predicate(token) or token.i == head.i):
            features.update(_predicate_features(token))
    return sorted(features | rule_features(candidates, lexicon))


def collect(coder, parsed) -> list[dict]:
    """Per read sentence: its sentence example, its clause examples, candidates and gold types."""
    rows = []
    for item in parsed:
        state = coder.new_state(item.doc, item.gold.article, item.places)
        gold, _ = gold_by_sentence(item)
        starts = {s.start: i for i, s in enumerate(item.doc.sents)}
        for position, sentence, lexicon, selected in coder.sentence_triggers(state):
            labels = frozenset(gold.get(starts[sentence.start], {}))
            features = sentence_features(sentence, selected, position, lexicon)
            heads = clause_heads(sentence)
            index = {h.i for h in heads}
            by_clause = {h.i: [] for h in heads}
            for token in sentence:
                by_clause[clause_of(token, index)].append(token)
            clauses = []
            for n, head in enumerate(heads):
                kind = "main" if n == 0 else head.dep_
                cands = [t for t in selected if clause_of(t.token, index) == head.i]
                lex = [t for t in lexicon if clause_of(t.token, index) == head.i]
                clauses.append(
                    (clause_features(by_clause[head.i], head, kind, position, cands, lex), cands, lex)
                )
            clause_labels = [set() for _ in clauses]
            for kind in labels:
                holding = [
                    n for n, (_, _, lex) in enumerate(clauses) if any(t.plover.type == kind for t in lex)
                ]
                for n in holding or [0]:
                    clause_labels[n].add(kind)
            rows.append(
                {
                    "article": item.gold.article.id,
                    "annotator": item.gold.annotator,
                    "features": features,
                    "candidates": [(t.plover.type, t.specificity) for t in selected],
                    "labels": labels,
                    "alone": position.alone,
                    "clauses": [
                        (f, [(t.plover.type, t.specificity) for t in c], frozenset(lab))
                        for (f, c, _), lab in zip(clauses, clause_labels, strict=True)
                    ],
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--context", action="store_true", help="each clause also carries its sentence's features"
    )
    args = parser.parse_args()
    coder = fresh_coder("combined")
    shipped = type_model("combined")
    thresholds = {k: getattr(shipped, k) for k in THRESHOLDS}
    train_gold = list(read_gold(split_files("train")))
    TRAIN_ANNOTATORS.update(g.annotator for g in read_gold(split_files("train", older=False)))
    rows = collect(coder, parse_cached(coder, train_gold, "train"))
    if args.context:
        for r in rows:
            context = [f"s:{f}" for f in r["features"]] if len(r["clauses"]) > 1 else []
            r["clauses"] = [(sorted(f + context), c, lab) for f, c, lab in r["clauses"]]
    multi = sum(len(r["clauses"]) > 1 for r in rows)
    print(f"{len(rows)} sentences, {multi} with more than one clause", flush=True)
    scored = [r for r in rows if r["annotator"] in TRAIN_ANNOTATORS]
    bars = (None, *ADD_BARS)
    counts = {(way, bar): Counter() for way in ("sentence", "clause", "multi-only") for bar in bars}
    counts.update({("second clauses added", bar): Counter() for bar in SECOND_BARS})
    for held in annotator_folds([_Named(r["annotator"]) for r in scored]):
        rest = [r for r in rows if r["annotator"] not in held]
        whole = [Example(r["article"], {"combined": r["features"]}, r["labels"]) for r in rest]
        parts = [Example(r["article"], {"combined": f}, lab) for r in rest for f, _, lab in r["clauses"]]
        sentence_model = TypeModel.from_json({**fit(whole, "combined", 0.3), **thresholds})
        clause_model = TypeModel.from_json({**fit(parts, "combined", 0.3), **thresholds})
        for r in (r for r in rows if r["annotator"] in held):
            s_probs = sentence_model.probabilities(r["features"])
            c_probs = [(clause_model.probabilities(f), cands) for f, cands, _ in r["clauses"]]
            for bar in bars:
                s_model = sentence_model if bar is None else _at(sentence_model, bar)
                c_model = clause_model if bar is None else _at(clause_model, bar)
                by_sentence = decide(s_model, s_probs, r["candidates"], r["alone"])
                by_clause = set()
                for probs, cands in c_probs:
                    by_clause |= decide(c_model, probs, cands, r["alone"])
                multi_only = by_clause if len(r["clauses"]) > 1 else by_sentence
                found = {"sentence": by_sentence, "clause": by_clause, "multi-only": multi_only}
                for way, types in found.items():
                    counts[(way, bar)].update(
                        tp=len(types & r["labels"]), system=len(types), gold=len(r["labels"])
                    )
            by_sentence = decide(sentence_model, s_probs, r["candidates"], r["alone"])
            for bar in SECOND_BARS:
                second = {k for probs, _ in c_probs[1:] for k, p in probs.items() if p >= bar}
                types = by_sentence | second
                counts[("second clauses added", bar)].update(
                    tp=len(types & r["labels"]), system=len(types), gold=len(r["labels"])
                )
        print(f"  fold {sorted(held)} done", flush=True)
    for (way, bar), c in counts.items():
        p, r, f = prf(c)
        print(f"{way:10s} add bar {bar or 'shipped'}: held-out sentence P/R/F1 {p:.4f}/{r:.4f}/{f:.4f}")


def _at(model: TypeModel, bar: float) -> TypeModel:
    from dataclasses import replace

    return replace(model, add=bar, add_beside=bar)


if __name__ == "__main__":
    main()

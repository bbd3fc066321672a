"""How well the toll rules generalise, and a learned toll chooser as a check on them (train and dev only).

    .venv/bin/python bench/toll_generalise.py                    # per annotator, classes, held-out chooser
    .venv/bin/python bench/toll_generalise.py --show W17         # one annotator's failed toll pairs

The toll rules were written reading train's failed pairs (and dev's, early on), so train's fatalities
accuracy is in-sample for them. Two checks:

1. **Per annotator.** Each split is parsed once (cached, ``CACHE``), coded with the shipped coder, paired
   with the outside scorer's own pairing (``../shared/eval/score.py``, imported, unchanged) and the
   fatalities accuracy counted per annotator file, with the failed pairs put in the classes of
   ``bench/attribute_classes.py``; "another act" counts the failed pairs whose gold evidence is another
   sentence's (the pairing took a gold event of the same type but a different act).
2. **A learned chooser, cross-fitted.** For each coded ASSAULT / PROTEST / COERCE event paired with gold,
   the candidates are the values the sentence's numbers give, the rules' value, 0 and "none"; each is
   described by features of the parse (its path to the act's verb, kill / injury / cumulative words near
   it, whether the toll reader counted it, its rank among the sentence's numbers, …) and a logistic
   regression scores them; the event takes its best candidate. Train's annotators are cut into
   ``FOLDS`` groups (``learn.locate.folds``'s greedy cut); each group is scored by a model fitted on the
   others, beside the rules on the same held-out pairs. Dev is scored by a model fitted on all of train.
   Accuracy is the scorer's: over pairs whose gold has a toll (0 included), the value must be equal.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from attribute_classes import overlap, toll_class
from attribute_errors import scorer
from spacy.tokens import Doc, DocBin, Span, Token

from sitroom.attributes._syntax import sentence_tree
from sitroom.attributes.casualties import (
    _INJURE_VERBS,
    _KILL_VERBS,
    _NOT_PEOPLE,
    _belongs,
    _names_people,
    _number_phrase,
    _sentence_counts,
)
from sitroom.coding.coder import Coder
from sitroom.coding.tolls import _ANY_DEATH, CASUALTY_TYPES, NO_VICTIMS
from sitroom.learn.corpus import GoldArticle, read_gold, split_files
from sitroom.learn.locate import folds as annotator_folds
from sitroom.models import CodedArticle, Event
from sitroom.pipeline import cap_text, max_chars_setting

CACHE = Path("/tmp/sitroom-tolls")
NONE = -1  # the "no toll" candidate's value
_KILL_WORDS = {"killed", "dead", "died", "death", "deaths", "toll", "fatalities", "bodies", "martyred",
               "lives", "slain", "neutralised", "neutralized", "perished", "lost"}  # fmt: skip
_INJURY_WORDS = {"injured", "wounded", "hurt", "injuries", "injuring", "wounding", "hospitalised",
                 "hospitalized", "casualties"}  # fmt: skip
_CUMULATIVE = {"total", "far", "since", "rose", "risen", "climbed", "overall", "cumulative", "reached",
               "bringing", "brings", "toll", "tally", "now", "raising", "increased", "updated"}  # fmt: skip
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass
class Coded:
    """One article: its gold, its parse and the coder's events."""

    gold: GoldArticle
    doc: Doc
    coded: CodedArticle

    @property
    def events(self) -> list[Event]:
        return self.coded.events

    def formatted(self) -> list[dict]:
        """The events as the system file gives them (an unnamed party as the story's country), which
        the scorer's pairing reads."""
        return self.coded.to_format()["events"]


@dataclass
class Example:
    """A paired casualty event: its candidates' values and features, the rules' value and gold's."""

    annotator: str
    article: str
    gold: int | None
    rule: int | None
    values: list[int] = field(default_factory=list)
    features: list[list[float]] = field(default_factory=list)
    another_act: bool = False


# ----------------------------------------------------------------------------------------------------
# Parse once, code on the cached parse


def coded_split(coder: Coder, split: str) -> list[Coded]:
    golds = list(read_gold(split_files(split, older=False)))
    articles = [cap_text(g.article, max_chars_setting(None))[0] for g in golds]
    key = hashlib.sha1("".join(a.text for a in articles).encode()).hexdigest()[:12]
    path = CACHE / f"{split}-{key}.spacy"
    if path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(coder.nlp.vocab))
    else:
        docs = [doc for doc, _ in coder.parse(articles, 8)]
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=True).to_disk(path)
    found = []
    for gold, article, doc in zip(golds, articles, docs, strict=True):
        found.append(Coded(gold, doc, coder.coded(doc, article, coder.geoparser.places(doc))))
    return found


# ----------------------------------------------------------------------------------------------------
# Candidates and their features


def _sentence(doc: Doc, event: Event) -> Span | None:
    return next((s for s in doc.sents if s.start_char <= event.sentence_start < s.end_char), None)


def _anchor(sentence: Span, event: Event) -> Token:
    return next((t for t in sentence if t.text == event.trigger), sentence.root)


def _numbers(sentence: Span) -> list[tuple[Token, int]]:
    """Each number of the sentence (the last word of a number phrase) with its value."""
    found = []
    for token in sentence:
        if not (token.like_num or token.tag_ == "CD"):
            continue
        following = token.i + 1 < sentence.end and token.doc[token.i + 1]
        if following and (following.like_num or following.tag_ == "CD") and following.head.i == token.i:
            continue
        if following and following.head.i != token.i and token.head.i == token.i + 1 and following.like_num:
            continue
        value = _number_phrase(token)
        if value is not None and 0 <= value < 10**7:
            found.append((token, value))
    return found


def _near(token: Token, words: set[str], reach: int) -> float:
    doc = token.doc
    window = doc[max(token.sent.start, token.i - reach) : min(token.sent.end, token.i + reach + 1)]
    return float(any(t.lower_ in words for t in window if t.i != token.i))


def _path(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    up_b = {t.i: n for n, t in enumerate([b, *b.ancestors])}
    for n, t in enumerate(up_a):
        if t.i in up_b:
            return n + up_b[t.i]
    return 20


FEATURES = (
    "bias_number", "is_none", "is_zero", "is_rule", "rule_none", "rule_elsewhere", "in_sentence",
    "counted", "belongs", "path", "head_kill", "head_injure", "kill_near", "injury_near", "cumulative_near",
    "before_anchor", "largest", "smallest", "first", "year", "not_people", "people", "no_victims",
    "any_death_sentence", "any_death_article", "assault", "protest", "coerce", "asserted", "n_numbers",
    "rule_none_x_none", "rule_x_counted",
)  # fmt: skip


def candidates(doc: Doc, event: Event) -> tuple[list[int], list[list[float]]]:
    """The event's candidate tolls and their features (``FEATURES``, in order)."""
    sentence = _sentence(doc, event)
    rule = event.fatalities
    if sentence is None:  # not met: every coded event's sentence is one of the Doc's
        values = [NONE] if rule is None else [NONE, rule]
        return values, [_row(v, rule, None, None, [], set(), event, doc, None) for v in values]
    anchor = _anchor(sentence, event)
    numbers = _numbers(sentence)
    read = _sentence_counts(sentence)
    counted = {c.patient.i for c in read.counts} | {
        n.i for c in read.counts for n in c.patient.subtree if n.like_num or n.tag_ == "CD"
    }
    values = [NONE, 0, *dict.fromkeys(v for _, v in numbers)]
    if rule is not None and rule not in values:
        values.append(rule)
    rows = []
    for value in values:
        tokens = [t for t, v in numbers if v == value]
        best = min(tokens, key=lambda t: _path(t, anchor), default=None)
        rows.append(_row(value, rule, best, anchor, numbers, counted, event, doc, sentence))
    return values, rows


def _row(value, rule, token, anchor, numbers, counted, event, doc, sentence) -> list[float]:
    kind = event.type
    text = sentence.text if sentence is not None else ""
    all_values = [v for _, v in numbers]
    f = dict.fromkeys(FEATURES, 0.0)
    f["is_none"] = float(value == NONE)
    f["bias_number"] = float(value != NONE)
    f["is_zero"] = float(value == 0)
    f["is_rule"] = float(rule is not None and value == rule)
    f["rule_none"] = float(rule is None)
    f["rule_none_x_none"] = f["rule_none"] * f["is_none"]
    f["rule_elsewhere"] = float(rule is not None and value == rule and rule not in all_values)
    f["no_victims"] = float(bool(NO_VICTIMS.search(text)))
    f["any_death_sentence"] = float(bool(_ANY_DEATH.search(text)))
    f["any_death_article"] = float(bool(_ANY_DEATH.search(doc.text)))
    f["assault"], f["protest"], f["coerce"] = (float(kind == k) for k in ("ASSAULT", "PROTEST", "COERCE"))
    f["asserted"] = float(event.factuality == "asserted")
    f["n_numbers"] = min(len(numbers), 6) / 6
    if token is not None and anchor is not None:
        tree = sentence_tree(sentence)
        f["in_sentence"] = 1.0
        f["counted"] = float(token.i in counted)
        f["rule_x_counted"] = f["is_rule"] * f["counted"]
        f["belongs"] = float(
            tree.holds(token.head) and tree.holds(anchor) and _belongs(anchor, token.head, tree)
        )
        f["path"] = min(_path(token, anchor), 10) / 10
        head = token.head
        f["head_kill"] = float(head.lemma_.lower() in _KILL_VERBS or head.lower_ in _KILL_WORDS)
        f["head_injure"] = float(head.lemma_.lower() in _INJURE_VERBS or head.lower_ in _INJURY_WORDS)
        f["kill_near"] = _near(token, _KILL_WORDS, 4)
        f["injury_near"] = _near(token, _INJURY_WORDS, 4)
        f["cumulative_near"] = _near(token, _CUMULATIVE, 6)
        f["before_anchor"] = float(token.i < anchor.i)
        f["largest"] = float(value == max(all_values))
        f["smallest"] = float(value == min(all_values))
        f["first"] = float(token.i == numbers[0][0].i)
        f["year"] = float(bool(_YEAR.match(token.text)))
        f["not_people"] = float(head.lemma_.lower() in _NOT_PEOPLE)
        f["people"] = float(head.pos_ in {"NOUN", "PROPN"} and _names_people(head))
    return [f[name] for name in FEATURES]


# ----------------------------------------------------------------------------------------------------
# Pairs


def examples(split: list[Coded]) -> list[Example]:
    """One example per paired casualty event (the scorer pairs by type, so gold's type is the same)."""
    score = scorer()
    found = []
    for item in split:
        formatted = item.formatted()
        for i, j in score.pair_events(item.gold.events, formatted):
            g, event = item.gold.events[i], item.events[j]
            if event.type not in CASUALTY_TYPES:
                continue
            values, rows = candidates(item.doc, event)
            other = overlap(g.get("evidence"), formatted[j].get("evidence")) < 0.6
            gold = g.get("fatalities")
            found.append(
                Example(item.gold.annotator, item.gold.article.id, gold if isinstance(gold, int) else None,
                        event.fatalities, values, rows, other)
            )  # fmt: skip
    return found


def right(value: int | None, gold: int | None) -> bool:
    return gold is not None and value is not None and value == gold


# ----------------------------------------------------------------------------------------------------
# The chooser

_RULE_FEATURES = [FEATURES.index(n) for n in ("is_rule", "rule_none", "rule_elsewhere", "rule_x_counted",
                                             "rule_none_x_none")]  # fmt: skip
VARIANTS = {
    "with rules": "the rules' value a feature; fitted on every paired event (gold none: 'none' is right)",
    "parse only": "no feature of the rules; fitted on every paired event",
    "parse only, tolls": "no feature of the rules; fitted on pairs with a gold toll (so it always gives one)",
    "gated": "the rules decide whether there is a toll, 'parse only, tolls' which value",
}


def _matrix(e: Example, variant: str):
    import numpy as np

    x = np.array(e.features, dtype=float)
    if variant != "with rules":
        x[:, _RULE_FEATURES] = 0.0
    return x


def fit(train: list[Example], variant: str):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    scored_only = variant in ("parse only, tolls", "gated")
    rows, labels = [], []
    for e in train:
        if scored_only and e.gold is None:
            continue
        want = NONE if e.gold is None else e.gold
        rows.append(_matrix(e, variant))
        labels += [int(value == want) for value in e.values]
    return LogisticRegression(max_iter=3000).fit(np.vstack(rows), labels)


def choose(model, e: Example, variant: str) -> int | None:
    if variant == "gated" and e.rule is None:
        return None
    scores = model.decision_function(_matrix(e, variant))
    allowed = [k for k, v in enumerate(e.values) if variant != "gated" or v != NONE]
    value = e.values[max(allowed, key=lambda k: scores[k])]
    return None if value == NONE else value


def compare(held: list[Example], model, variant: str) -> Counter:
    found: Counter = Counter()
    for e in held:
        chosen = choose(model, e, variant)
        if e.gold is None:
            found["gold none"] += 1
            found["given where gold has none"] += chosen is not None
            continue
        found["n"] += 1
        found["rules"] += right(e.rule, e.gold)
        found["learned"] += right(chosen, e.gold)
        found["oracle"] += e.gold in e.values
    return found


def show(row: Counter) -> str:
    n = row["n"] or 1
    return (
        f"n={row['n']} rules {row['rules'] / n:.3f} ({row['rules']}) learned {row['learned'] / n:.3f} "
        f"({row['learned']}); candidates hold gold {row['oracle'] / n:.3f}; a toll given on "
        f"{row['given where gold has none']} of {row['gold none']} pairs whose gold has none"
    )


def held_out(train_x: list[Example], dev_x: list[Example]) -> None:
    for variant, what in VARIANTS.items():
        print(f"\nlearned chooser, {variant} ({what})")
        total: Counter = Counter()
        for group in annotator_folds(train_x):
            model = fit([e for e in train_x if e.annotator not in group], variant)
            total.update(compare([e for e in train_x if e.annotator in group], model, variant))
        print(f"  train, each annotator group held out: {show(total)}")
        model = fit(train_x, variant)
        print(f"  dev, fitted on all of train: {show(compare(dev_x, model, variant))}")
        if variant == "with rules":
            weights = sorted(zip(FEATURES, model.coef_[0], strict=True), key=lambda kv: -abs(kv[1]))
            print("  weights: " + ", ".join(f"{k} {w:+.2f}" for k, w in weights[:10]))


# ----------------------------------------------------------------------------------------------------
# Per annotator


def per_annotator(split: list[Coded], show_ann: str | None) -> None:
    score = scorer()
    rows: defaultdict[str, Counter] = defaultdict(Counter)
    for item in split:
        formatted = item.formatted()
        ann = item.gold.annotator
        for i, j in score.pair_events(item.gold.events, formatted):
            g, s = item.gold.events[i], formatted[j]
            if g.get("fatalities") is None:
                continue
            rows[ann]["n"] += 1
            if score.field_correct("fatalities", g, s):
                rows[ann]["ok"] += 1
                continue
            kind = toll_class(g, s)
            rows[ann][kind] += 1
            if show_ann in (ann, "all"):
                print(f"== {item.gold.article.id} {g['type']} {kind}: gold {g['fatalities']} "
                      f"system {s.get('fatalities')}\n  gold:   {' '.join(str(g.get('evidence')).split())}"
                      f"\n  system: {' '.join(str(s.get('evidence')).split())}")  # fmt: skip
    kinds = ("another sentence", "gold 0, none", "coded 0", "none", "too high", "too low")
    print("| annotator | pairs | accuracy | " + " | ".join(kinds) + " |")
    print("|---" * (3 + len(kinds)) + "|")
    total = Counter()
    for ann in sorted(rows):
        r = rows[ann]
        total.update(r)
        cells = " | ".join(str(r[k]) for k in kinds)
        print(f"| {ann} | {r['n']} | {r['ok'] / r['n']:.3f} | {cells} |")
    cells = " | ".join(str(total[k]) for k in kinds)
    print(f"| all | {total['n']} | {total['ok'] / total['n']:.3f} | {cells} |")


def held_out_detect(coder: Coder, train: list[Coded]) -> list[Coded]:
    """Train's articles coded with a detect model fitted on the other annotator groups (the corpus's train
    files only, not the older sets and the GSR the shipped model also reads), the shipped model's bars,
    every other stage unchanged: how the tolls score when the events found are not in-sample."""
    from sitroom.coding.detect import TypeModel, type_model
    from sitroom.learn.detect import Parsed
    from sitroom.learn.detect import examples as sentence_examples
    from sitroom.learn.detect import fit as fit_detect

    shipped = type_model("combined")
    bars = {k: getattr(shipped, k) for k in ("keep", "add", "add_beside", "add_alone", "protect")}
    places = {c.gold.article.id: coder.geoparser.places(c.doc) for c in train}
    parsed = [Parsed(c.gold, c.doc, places[c.gold.article.id]) for c in train]
    rows = sentence_examples(coder, parsed)
    annotator = {c.gold.article.id: c.gold.annotator for c in train}
    groups = annotator_folds([c.gold for c in train])
    recoded = []
    try:
        for group in groups:
            fitted = fit_detect([r for r in rows if annotator[r.article] not in group], "combined", 0.3)
            coder.type_model = TypeModel.from_json({**fitted, **bars})
            for c in (c for c in train if c.gold.annotator in group):
                article = cap_text(c.gold.article, max_chars_setting(None))[0]
                coded = coder.coded(c.doc, article, places[c.gold.article.id])
                recoded.append(Coded(c.gold, c.doc, coded))
    finally:
        coder.type_model = shipped
    return recoded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="print one annotator's failed toll pairs ('all': every one)")
    parser.add_argument(
        "--detect-held-out", action="store_true", help="also code train with detect cross-fitted"
    )
    args = parser.parse_args()
    coder = Coder.load("combined")
    train, dev = coded_split(coder, "train"), coded_split(coder, "dev")
    for name, split in (("train", train), ("dev", dev)):
        print(f"\nfatalities per annotator, {name}")
        per_annotator(split, args.show)
    if args.detect_held_out:
        print("\nfatalities per annotator, train, the detect model cross-fitted over annotator groups")
        per_annotator(held_out_detect(coder, train), args.show)
    held_out(examples(train), examples(dev))
    sys.stdout.flush()


if __name__ == "__main__":
    main()

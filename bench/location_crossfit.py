"""Location accuracy of the whole coder on train with the place chooser cross-fitted over annotators.

    .venv/bin/python -m sitroom.learn.locate --cache /tmp/locate.pkl --output /tmp/m   # collect examples
    .venv/bin/python bench/location_crossfit.py /tmp/locate.pkl --save /tmp/xfit.json
    .venv/bin/python bench/location_crossfit.py /tmp/locate.pkl --against /tmp/xfit-main.json
    .venv/bin/python bench/location_crossfit.py /tmp/locate.pkl \
        --settings src/sitroom/data/models/locate.json --fit-on /tmp/locate-s6.pkl   # the shipped recipe

The shipped chooser was fitted on train, so train's location score with it is in-sample. Here each fold
of train's annotators (``learn.locate.folds``) is coded with a chooser fitted on the other folds' examples
(penalty and margins chosen by ``learn.locate.cross_validate`` on all of train, as ``make train`` does),
and dev with the chooser fitted on all of train: the train figure is how the coder places the acts of
writers its chooser never saw. ``--settings`` takes the penalty and margins of a model file instead (its
weights refitted per fold); ``--fit-on`` fits on examples another tree's coder collected, such as the tree
that trained the shipped model (fitted on all of them, its chooser is the shipped one). Pairs and the
location test are the outside scorer's (``score.py``).
``--against`` counts the pairs another run's saved output got wrong and this one right, and the reverse.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

from attribute_errors import scorer

from sitroom.coding.coder import Coder
from sitroom.learn import locate
from sitroom.learn.corpus import read_gold, split_files
from sitroom.place.choose import LocationModel


def models(
    cache: Path, settings: Path | None, fit_on: Path | None
) -> tuple[list[set[str]], list[LocationModel], LocationModel]:
    """The annotator folds, each fold's chooser (fitted without it) and the chooser fitted on all of train;
    the penalty and margins chosen as ``make train`` chooses them, or those of ``settings`` (a model file);
    fitted on the examples of ``cache``, or of ``fit_on`` (collected by another tree's coder)."""
    train, _ = pickle.loads(cache.read_bytes())
    if settings is None:
        strength, margins, _ = locate.cross_validate(train, print)
    else:
        model = json.loads(settings.read_text())
        strength, margins = model["trained"]["strength"], model["margins"]
        print(f"{settings}'s settings: strength {strength}, margins {margins}")
    folds = locate.folds(train)
    if fit_on is not None:
        train, _ = pickle.loads(fit_on.read_bytes())
    fitted = [locate.fit([e for e in train if e.annotator not in fold], strength) for fold in folds]
    per_fold = [LocationModel.from_json({**f, "margins": margins}) for f in fitted]
    return folds, per_fold, LocationModel.from_json({**locate.fit(train, strength), "margins": margins})


def score_split(coder: Coder, split: str, chooser, score) -> dict[str, bool]:
    """Each gold event with a location that the scorer pairs, keyed by article and index: right or not."""
    golds = list(read_gold(split_files(split, older=False)))
    docs = coder.parse([g.article for g in golds])
    found: dict[str, bool] = {}
    for (doc, article), gold in zip(docs, golds, strict=True):
        coder.location_model = chooser(gold.annotator)
        events = coder.coded(doc, article, coder.geoparser.places(doc)).to_format().get("events") or []
        for i, j in score.pair_events(gold.events, events):
            if isinstance(gold.events[i].get("location"), dict):
                found[f"{split}|{article.id}|{i}"] = bool(
                    score.field_correct("location", gold.events[i], events[j])
                )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", type=Path, help="examples collected by learn.locate --cache")
    parser.add_argument("--save", type=Path, help="write each pair's right or wrong here")
    parser.add_argument("--settings", type=Path, help="a model file whose penalty and margins to cross-fit")
    parser.add_argument("--fit-on", type=Path, help="fit the choosers on these examples (another tree's)")
    parser.add_argument("--against", type=Path, help="a saved run to count fixed and broken pairs against")
    args = parser.parse_args()
    before = json.loads(args.against.read_text()) if args.against else {}
    folds, per_fold, full = models(args.cache, args.settings, args.fit_on)
    coder = Coder.load("combined")
    score = scorer()

    def chooser(annotator: str) -> LocationModel:
        return next((m for fold, m in zip(folds, per_fold, strict=True) if annotator in fold), full)

    found = score_split(coder, "train", chooser, score)
    found |= score_split(coder, "dev", lambda _: full, score)
    for split, how in (("train", "cross-fitted over annotators"), ("dev", "chooser fitted on train")):
        keys = [k for k in found if k.startswith(split)]
        right = sum(found[k] for k in keys)
        print(f"{split} location accuracy {right / max(len(keys), 1):.4f} (n={len(keys)}, {how})")
        if before:
            both = [k for k in keys if k in before]
            fixed = sum(found[k] and not before[k] for k in both)
            broken = sum(before[k] and not found[k] for k in both)
            print(f"  against {args.against}: {fixed} fixed, {broken} broken")
    if args.save:
        args.save.write_text(json.dumps(found, sort_keys=True) + "\n")


if __name__ == "__main__":
    sys.exit(main())

"""Which of an article's places an event happened at, chosen by a model learned from the annotated corpus.

The rules of ``locate.py`` pick one place by a fixed order of trust (the act's own place phrase, the place
it strikes, the last place named, the dateline). Each of those steps is right at a different rate, and
the rules cannot weigh a weak step against a better place named a sentence away. So every place the
article names is a *candidate* (grouped by identity, described by its mention nearest the act), and so is
the rules' own choice; a model (``learn/locate.py``, fitted in ``make train`` on the train split, its
margin chosen by cross-validation over annotators there) scores each from features of its mention (sentence
distance from the act, the preposition and dependency that hold it, whether it stands for a party or a
speaker), of the place (kind, how often and where the article names it, whether it is the dateline),
of its country (the parties', the story's), of the rules' step, and of the act (field, done to people
or the actor's own; a national or local office) crossed with the kind of place, and how many of the
article's earlier acts were placed there. A conditional logit turns the scores
into each candidate's chance; the rules' choice is overruled only when another candidate's chance is
higher by a margin chosen for the step of the rules that made it (a place phrase on the act is rarely
wrong, the story's last place often), and never for a place outside the story's and the parties'
countries when the rules' place is inside them: where the model is unsure, the rules stand.

The weights ship as JSON (``data/models/locate.json``) read with plain Python: coding never needs
scikit-learn.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from sitroom.geo import great_circle_km
from sitroom.models import Location, PlaceMention
from sitroom.place.locate import (
    _at_place,
    _bound_for,
    _clause,
    _dateline,
    _is_actor,
    _is_speakers,
    _spans,
    capital_of,
    mention_location,
)

MODEL_FILE = "data/models/locate.json"
SAME_KM = 5.0  # a candidate this close to the rules' choice, in its country, is that choice


@dataclass
class Candidate:
    """One place the event may have happened at, with the features the model scores."""

    location: Location
    features: list[str]
    rule: bool  # the rules' own choice


@dataclass(frozen=True)
class Context:
    """What the event stages already know of the event: its type, its parties' countries, what kind of
    act it is and where the article's earlier acts were placed."""

    type: str
    actor_country: str | None
    target_country: str | None
    act: str = "own"  # "field" (attacks, deployments, protests), "done to" (arrests, relief) or "own"
    actor_sector: str | None = None
    office: str | None = None  # "national" (a parliament, a minister) or "local" (a governor, a council)
    acts: tuple[Location, ...] = ()  # the places of the article's acts before this one


@dataclass(frozen=True)
class LocationModel:
    """A conditional logit over an event's candidates (a softmax of summed feature weights), and the
    margin of chance by which its best candidate may overrule the rules' choice."""

    weights: dict[str, float]
    margins: dict[str, float]  # per step of the rules (``locate.STEPS``); a step not listed: never overruled

    @classmethod
    def from_json(cls, data: dict) -> LocationModel:
        return cls(dict(data["weights"]), {k: float(v) for k, v in data["margins"].items()})

    def chances(self, features: list[list[str]]) -> list[float]:
        """Each candidate's chance of being where the event happened."""
        scores = [sum(self.weights.get(f, 0.0) for f in set(fs)) for fs in features]
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        return [w / total for w in weights]

    def pick(self, features: list[list[str]], rule: int, step: str) -> int:
        """The index of the best candidate if its chance beats the rules' choice (``rule``, made by
        ``step``) by that step's margin."""
        margin = self.margins.get(step, NEVER)
        if margin >= NEVER:
            return rule
        chances = self.chances(features)
        home = _at_home(features[rule])
        allowed = [i for i in range(len(chances)) if i == rule or _may_overrule(features[i], home)]
        best = max(allowed, key=lambda i: chances[i])
        return best if chances[best] - chances[rule] >= margin else rule

    def choose(self, found: list[Candidate], step: str) -> Location | None:
        """The best candidate's place if it beats the rules' choice by the step's margin, else the rules'
        choice (None when the rules found no place: the chooser adds none)."""
        rule = next((i for i, c in enumerate(found) if c.rule), None)
        if rule is None:
            return None
        return found[self.pick([c.features for c in found], rule, step)].location


NEVER = 1.01  # a margin no chance can beat
_capital = cache(capital_of)  # a fresh Location per call otherwise, for every candidate of every act
_HOME = ("cc=focus", "cc=actor", "cc=target")


def _may_overrule(features: list[str], home: bool) -> bool:
    """Whether a candidate may take the rules' place: not a place only named as where the speaker is
    ("shelled Kharkiv, a spokesman in Kyiv said"), and not out of the story's and parties' countries when
    the rules placed the act in them (``_at_home``)."""
    return "speaker" not in features and (not home or _at_home(features))


def _at_home(features: list[str]) -> bool:
    """Does the candidate lie in the story's country or a party's? The chooser never moves an act placed
    there to a country the story only talks about or is datelined in ("Colombian troops arrested four" in
    a story from Havana): cross-validated, the veto costs nothing (0.736 either way)."""
    return any(f in _HOME for f in features)


def location_model() -> LocationModel | None:
    """The shipped model, or None before ``make train`` has written one."""
    path = resources.files("sitroom").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return LocationModel.from_json(json.loads(path.read_text("utf-8")))


def candidates(
    trigger: Token, places: list[PlaceMention], rule: Location | None, step: str, context: Context
) -> list[Candidate]:
    """Every place the article names (one candidate per place), plus the rules' choice when it is none of
    them (a part of a place, a point off a town, a carried place), each with its features."""
    doc = trigger.doc
    spans = _spans(doc, places)
    if not spans and rule is None:
        return []
    dateline = _dateline(spans)
    sentence_of = _sentence_index(doc)
    here = sentence_of[trigger.i]
    groups: dict[tuple, list[tuple[PlaceMention, Span]]] = {}
    for place, span in spans:
        groups.setdefault(_identity(place), []).append((place, span))
    counts = Counter(p.country for p, _ in spans if p.country)
    focus = counts.most_common(1)[0][0] if counts else None
    most = max((len(g) for g in groups.values()), default=0)
    first = min(groups, key=lambda k: groups[k][0][1].start) if groups else None
    article = {
        "focus": focus,
        "dateline": dateline.country if dateline is not None else None,
        "rule": rule,
        "step": step,
    }
    found: list[Candidate] = []
    recency: list[tuple[tuple, int]] = []  # how near before the act each candidate was last named
    memo = _article_memo(doc, places)
    for key, group in groups.items():
        place, span = min(group, key=lambda ps: _nearness(sentence_of[ps[1].root.i] - here, ps[1], trigger))
        if id(place) not in memo:  # what depends on the mention alone, not the act: once an article
            memo[id(place)] = (
                mention_location(place, spans, dateline),
                _place_features(place, group, most, key == first, dateline, sentence_of),
            )
        location, place_features = memo[id(place)]
        is_rule = rule is not None and _same(location, rule)
        d = sentence_of[span.root.i] - here
        features = _mention_features(span, trigger, d)
        features += place_features
        features += _relation_features(location, is_rule, article, context)
        kind = place.feature or "none"
        features += [f"kind={kind}&{features[0]}", f"{'rule' if is_rule else 'alt'}&{step}&{features[0]}"]
        features += _act_features(location, context)
        found.append(Candidate(rule if is_rule else location, features, is_rule))  # type: ignore[arg-type]
        before = [s for p, s in group if s.start < trigger.i and not _is_actor(s)]
        if before:
            recency.append((max(s.start for s in before), len(found) - 1))
    for rank, (_, index) in enumerate(sorted(recency, reverse=True)[:3]):
        found[index].features.append(f"recent={rank}")
    if rule is not None and not any(c.rule for c in found):
        kind = rule.feature or rule.precision or "none"
        features = ["rule_only", f"kind={kind}", *_relation_features(rule, True, article, context)]
        features += _act_features(rule, context)
        found.append(Candidate(rule, features, True))
    return found


def _article_memo(doc: Doc, places: list[PlaceMention]) -> dict:
    """A per-article store for candidate features that do not depend on the act (8% of coding time when
    every event recomputed them), kept on the document and dropped when its places change."""
    key = (id(places), len(places))
    held = doc.user_data.get("sitroom_place_memo")
    if held is None or held[0] != key:
        held = (key, {})
        doc.user_data["sitroom_place_memo"] = held
    return held[1]


def _identity(place: PlaceMention) -> tuple:
    return (place.geonames_id,) if place.geonames_id else (place.name, place.country)


def _nearness(distance: int, span: Span, trigger: Token) -> tuple:
    """The mention that best describes a place for an act: in its sentence, else the closest before it."""
    return (abs(distance) if distance <= 0 else distance + 0.5, abs(span.root.i - trigger.i))


def _sentence_index(doc: Doc) -> list[int]:
    """The sentence number of every token (computed once per document)."""
    cached = doc.user_data.get("sitroom_sentence_index")
    if cached is not None:
        return cached
    index, number = [], -1
    for token in doc:
        if token.is_sent_start or number < 0:
            number += 1
        index.append(number)
    doc.user_data["sitroom_sentence_index"] = index
    return index


def _same(a: Location, b: Location) -> bool:
    if a.country != b.country:
        return False
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return great_circle_km(a.lat, a.lon, b.lat, b.lon) <= SAME_KM  # type: ignore[arg-type]
    return a.name == b.name or (a.lat is None and b.lat is None and a.precision == b.precision)


_SPAN = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}


def _within(inner: Location, outer: Location) -> bool:
    """Is ``inner`` a narrower place inside ``outer`` (a town in the province or country the other names)?"""
    if _SPAN.get(inner.precision or "", 0) >= _SPAN.get(outer.precision or "", 0):
        return False
    if outer.precision == "country" or None in (inner.lat, inner.lon, outer.lat, outer.lon):
        return inner.country == outer.country
    reach = max(outer.radius_km or 0.0, 25.0)
    return great_circle_km(inner.lat, inner.lon, outer.lat, outer.lon) <= reach  # type: ignore[arg-type]


def _distance(d: int) -> str:
    if d == 0:
        return "s=0"
    if d < 0:
        return "s=-1" if d == -1 else "s=-2" if d == -2 else "s<=-3" if d >= -5 else "s<=-6"
    return "s=+1" if d == 1 else "s>=+2"


def _mention_features(span: Span, trigger: Token, d: int) -> list[str]:
    """How the mention nearest the act stands to it: sentence distance and, in its sentence, the parse."""
    features = [_distance(d)]
    root = span.root
    prep = next((a for a in root.ancestors if a.dep_ == "prep"), None)
    if d != 0:  # named elsewhere: how it was named there
        features.append(f"prep@={prep.lower_ if prep is not None else 'none'}")
        if _is_actor(span):
            features.append("actor@")
        return features
    tokens = abs(root.i - trigger.i)
    features += [
        f"dep={root.dep_}",
        f"prep={prep.lower_ if prep is not None else 'none'}",
        "tok<=3" if tokens <= 3 else "tok<=8" if tokens <= 8 else "tok>8",
        "before" if root.i < trigger.i else "after",
    ]
    if _is_actor(span):
        features.append("actor")
    if _is_speakers(span, trigger):
        features.append("speaker")
    if _at_place(span):
        features.append("at_place")
    if _bound_for(span, trigger):
        features.append("bound_for")
    if root.i in set(_clause(trigger)):
        features.append("clause")
    if prep is not None and prep.head in (trigger, trigger.head):
        features.append(f"on_trigger&prep={prep.lower_}")
    if root.head == trigger:
        features.append(f"arg&dep={root.dep_}")
    return features


def _place_features(
    place: PlaceMention,
    group: list[tuple[PlaceMention, Span]],
    most: int,
    first: bool,
    dateline: PlaceMention | None,
    sentence_of: list[int],
) -> list[str]:
    """What kind of place it is and how the article names it."""
    n = len(group)
    kind = place.feature or "none"
    features = [f"kind={kind}", "n=1" if n == 1 else "n=2" if n == 2 else "n=3-4" if n <= 4 else "n>=5"]
    if n == most:
        features.append("most_named")
    if first:
        features.append("first_named")
    if any(p is dateline for p, _ in group):
        features.append("dateline")
    if any(sentence_of[s.root.i] == 0 for _, s in group):
        features.append("title")
    if all(_is_actor(s) for _, s in group):
        features.append("only_actor")
    if any(_at_place(s) and not _is_actor(s) for _, s in group):
        features.append("ever_at")
    return features


def _relation_features(location: Location, is_rule: bool, article: dict, context: Context) -> list[str]:
    """How the place stands to the rules' choice, the story's country and the event's parties."""
    step, rule = article["step"], article["rule"]
    features = [f"rule&{step}" if is_rule else f"alt&{step}", f"type={context.type}"]
    if is_rule:
        features.append("rule")
    country = location.country
    precision = location.precision or "none"
    features.append(f"precision={precision}&{'rule' if is_rule else 'alt'}")
    if country is not None:
        for name, value in (
            ("focus", article["focus"]),
            ("dateline", article["dateline"]),
            ("actor", context.actor_country),
            ("target", context.target_country),
        ):
            if value is not None:
                features.append(f"cc={name}" if value == country else f"cc!={name}")
    if rule is not None and not is_rule:
        if rule.country == country:
            features.append("cc=rule")
            if _within(location, rule):
                features.append("inside_rule")
            if _within(rule, location):
                features.append("holds_rule")
        features.append(f"type={context.type}&alt")
    return features


def _act_features(location: Location, context: Context) -> list[str]:
    """What kind of act it is and who does it, crossed with what kind of place the candidate is (the seat
    of its country's government, a town, a province, a country): annotators put a parliament's vote or a
    minister's statement at the capital and an attack where it struck; and how many of the article's
    earlier acts were placed there (a story told at one place)."""
    where = _where(location)
    features = [f"act={context.act}&{where}", f"sector={context.actor_sector}&{where}"]
    if context.office is not None:
        features += [f"office={context.office}&{where}", f"office={context.office}&act={context.act}&{where}"]
    here = sum(_same(location, earlier) for earlier in context.acts)
    features.append("acts_here=0" if here == 0 else "acts_here=1" if here == 1 else "acts_here>=2")
    if context.acts and _same(location, context.acts[-1]):
        features.append(f"last_act&act={context.act}")
    return features


def _where(location: Location) -> str:
    """The kind of place for ``_act_features``: the seat of government, else its precision."""
    if location.feature == "seat of government":
        return "seat"
    capital = _capital(location.country) if location.precision == "city" else None
    if capital is not None and _same(location, capital):
        return "seat"
    return location.precision or "none"

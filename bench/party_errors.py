"""Count the party errors of a split by class (train, dev and dev2 only): what went wrong with each actor and
target of the events the outside scorer pairs.

    .venv/bin/python bench/party_errors.py train                      # code train, print the class table
    .venv/bin/python bench/party_errors.py train --save /tmp/t.jsonl  # … and keep the coded output
    .venv/bin/python bench/party_errors.py train --system /tmp/t.jsonl --show swapped  # reuse it, list one

Codes the split as ``bench/accuracy.py`` does (the ``combined`` detect variant, one worker), pairs gold and
system events with the outside scorer's own pairing (``../shared/eval/score.py``, imported, unchanged) and
puts every wrong slot of a paired event in the first class that fits, in this order:

- ``swapped``: the whole pair is the gold's other way round (actor ↔ target);
- ``extra``: gold has no such party, the system gave one (costs strict F1 only);
- ``missing``: the system gave no party at all;
- ``unnamed``: the system's "unnamed party" (the story's country), gold another;
- ``intl-gold``: gold an international body (UNO, IGO, NGO, EUR, …), the system a country or another code;
- ``intl-system``: the system an international body, gold a country;
- ``other-side``: the system's party is of the country gold gives the other slot;
- ``name-country``: the right name (a shared word), the wrong country;
- ``gold-no-country``: gold names a party with no country;
- ``entity``: a different entity.

It also prints, per class, how many annotators it spans and how many pairs it alone keeps from strict
(every wrong slot of the pair is of that class: what fixing the class would add to strict TP), the swapped
pairs per event type, and the pairs right in country but wrong in sector (``agent``, not scored). The frozen
test splits are refused.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

from attribute_errors import scorer

from sitroom.coding.actors import INTERNATIONAL
from sitroom.learn.corpus import READABLE, read_gold, split_files
from sitroom.models import UNNAMED_PARTY

SLOTS = ("actor", "target")
CLASSES = ("swapped", "extra", "missing", "unnamed", "intl-gold", "intl-system", "other-side", "name-country",
           "gold-no-country", "entity")  # fmt: skip
_STOP = {"the", "of", "and", "in", "for", "to", "a", "an", "s", "un", "u", "n", "party", "unnamed"}


def _words(party: dict | None) -> set[str]:
    return set(re.findall(r"\w+", str((party or {}).get("name") or "").lower())) - _STOP


def _country(party: dict | None) -> str | None:
    return str(party["country"]).upper() if isinstance(party, dict) and party.get("country") else None


def classify(score: ModuleType, gold: dict, system: dict, slot: str) -> str | None:
    """The class of a slot's error in one pair, or None when the slot is right."""
    g, s = gold.get(slot), system.get(slot)
    if score.party_match(g, s):
        return None
    other = "target" if slot == "actor" else "actor"
    crossed = score.party_match(g, system.get(other)) and score.party_match(gold.get(other), s)
    if crossed and not score.party_match(gold.get(other), system.get(other)):
        return "swapped"
    if g is None:
        return "extra"
    if s is None:
        return "missing"
    gc, sc = _country(g), _country(s)
    if s.get("name") == UNNAMED_PARTY:
        return "unnamed"
    if gc in INTERNATIONAL:
        return "intl-gold"
    if sc in INTERNATIONAL and gc is not None:
        return "intl-system"
    if sc is not None and sc == _country(gold.get(other)):
        return "other-side"
    if _words(g) & _words(s) and gc is not None:
        return "name-country"
    if gc is None:
        return "gold-no-country"
    return "entity"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=READABLE)
    parser.add_argument("--system", type=Path, help="a coded output of the split to read instead of coding")
    parser.add_argument("--save", type=Path, help="write the coded output here")
    parser.add_argument("--show", choices=CLASSES, help="list this class's errors")
    parser.add_argument("--slot", choices=SLOTS, help="with --show: only this slot")
    args = parser.parse_args()
    golds = list(read_gold(split_files(args.split, older=False)))
    if args.system:
        lines = [json.loads(line) for line in args.system.read_text(encoding="utf-8").splitlines() if line]
    else:
        from sitroom.pipeline import code_articles

        lines = [c.to_format() for c in code_articles([g.article for g in golds], 1)]
    if args.save:
        args.save.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    system = {line["id"]: line for line in lines}
    report(scorer(), golds, system, args.show, args.slot)


def report(score: ModuleType, golds: list, system: dict, show: str | None, only: str | None) -> None:
    counts: dict[str, Counter[str]] = {slot: Counter() for slot in SLOTS}
    annotators: dict[str, set[str]] = defaultdict(set)
    swapped_types: Counter[str] = Counter()
    paired_types: Counter[str] = Counter()
    agent = Counter()
    alone: Counter[str] = Counter()  # pairs whose every wrong slot is of one class
    pairs = strict = 0
    for gold in golds:
        gold_events = gold.events
        system_events = system.get(gold.article.id, {}).get("events") or []
        for i, j in score.pair_events(gold_events, system_events):
            g, s = gold_events[i], system_events[j]
            pairs += 1
            paired_types[str(g.get("type"))] += 1
            found = {slot: classify(score, g, s, slot) for slot in SLOTS}
            strict += not any(found.values())
            kinds = {kind for kind in found.values() if kind is not None}
            if len(kinds) == 1:
                alone[kinds.pop()] += 1
            if found["actor"] == "swapped":
                swapped_types[str(g.get("type"))] += 1
            for slot, kind in found.items():
                if kind is None:
                    gs, ss = (g.get(slot) or {}).get("sector"), (s.get(slot) or {}).get("sector")
                    agent[slot] += bool(gs and ss and gs != ss)
                    continue
                counts[slot][kind] += 1
                annotators[kind].add(gold.annotator)
                if kind == show and only in (None, slot):
                    _show(gold, g, s, slot)
    print(f"{pairs} paired events, {strict} right in both parties (strict TP)\n")
    print("| class | actor | target | annotators | pairs wrong by it alone |")
    print("| --- | --- | --- | --- | --- |")
    for kind in CLASSES:
        slots = f"{counts['actor'][kind]} | {counts['target'][kind]}"
        print(f"| {kind} | {slots} | {len(annotators[kind])} | {alone[kind]} |")
    print(f"| right country, other sector (not scored) | {agent['actor']} | {agent['target']} | | |")
    print("\nswapped pairs by type (of paired events of the type):")
    for kind, n in swapped_types.most_common():
        print(f"  {kind}: {n} of {paired_types[kind]}")


def _show(gold, g: dict, s: dict, slot: str) -> None:
    def party(p: dict | None) -> str:
        return "None" if not p else f"{p.get('name')} {p.get('country')} {p.get('sector')}"

    head = f"== {gold.article.id} {g.get('type')} {slot}"
    print(f"{head}: gold {party(g.get(slot))} | system {party(s.get(slot))}")
    print(f"   other slot: gold {party(g.get('target' if slot == 'actor' else 'actor'))}")
    print("   gold:  ", " ".join(str(g.get("evidence")).split()))
    print("   system:", " ".join(str(s.get("evidence")).split()))


if __name__ == "__main__":
    main()

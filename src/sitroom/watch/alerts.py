"""Alert rules: which fused events a user wants to hear of, and where to tell them.

A rules file (YAML) is a list of rules, or ``rules:`` with one::

    - name: deadly attacks in Ukraine
      type: ASSAULT                 # or a list; PLOVER types
      country: UKR                  # actor's, target's or location's (ISO3); or a list
      min_fatalities: 10
      deliver: {file: alerts.jsonl}
    - name: threats by watched actors
      type: THREATEN
      mode: violence                # or a list
      actors: [Wagner, Hezbollah]   # part of the actor's or target's name, any of them
      deliver: [{stdout: true}, {webhook: "https://hooks.example.org/sitroom", secret_env: HOOK_SECRET}]
    - name: new pairs in conflict
      new_conflict_pair: true       # two countries in an ASSAULT or COERCE no earlier fused event had
      deliver: {stdout: true}

Also ``factuality`` (a list of readings to accept). Each alert fires once per fused event, and again only
when the event materially changes: its toll rises, or its factuality firms up (denied → hypothetical →
expected → alleged → asserted); the alert says what changed.

Delivery is at least once and, for files, exactly once: an alert is decided and written to the store's
outbox in one transaction (with the rule's memory of the event), then delivered and marked. A run
stopped between delivering and marking delivers again on restart: a file is checked for the alert's id
first; a webhook gets the same ``X-Sitroom-Alert-Id`` and can drop the repeat. A webhook POST carries
``X-Sitroom-Signature: sha256=<hex>``, the HMAC-SHA256 of the body under the rule's secret
(``secret_env`` names the environment variable that holds it), and is retried with back-off.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sitroom.errors import ConfigError, FetchError
from sitroom.fuse import FusedEvent
from sitroom.models import FACTUALITY, PLOVER_TYPES
from sitroom.store.watch import WatchBook
from sitroom.watch.fetch import Fetcher, Policy

CONFLICT_TYPES = ("ASSAULT", "COERCE")
INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
STRENGTH = {"denied": 0, "hypothetical": 1, "expected": 2, "alleged": 3, "asserted": 4}
MAX_ATTEMPTS = 20  # an alert that could not be delivered this many times is left in the outbox
TAIL = 1 << 20  # a file delivery looks for a repeat in its last MiB
_RULE_KEYS = {"name", "type", "country", "min_fatalities", "mode", "actors", "factuality",
              "new_conflict_pair",
              "conflict_types", "deliver"}  # fmt: skip


@dataclass(frozen=True)
class Delivery:
    """One place an alert goes: ``stdout``, a JSON-lines ``file`` or a ``webhook``."""

    kind: str
    target: str = ""  # the file's path or the webhook's URL
    secret: bytes = b""
    policy: Policy = field(default_factory=Policy)


@dataclass(frozen=True)
class Rule:
    name: str
    deliveries: tuple[Delivery, ...]
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    min_fatalities: int | None = None
    modes: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    factuality: tuple[str, ...] = ()
    new_conflict_pair: bool = False
    conflict_types: tuple[str, ...] = CONFLICT_TYPES

    def matches(self, fused: FusedEvent, book: WatchBook | None = None) -> bool:
        """Whether ``fused`` is what this rule asks for (the pair test asks the store through ``book``)."""
        if self.types and fused.type not in self.types:
            return False
        if self.countries:
            found = {party.country for party in (fused.actor, fused.target, fused.location) if party}
            if not found & set(self.countries):
                return False
        if self.min_fatalities is not None and (fused.fatalities or 0) < self.min_fatalities:
            return False
        if self.modes and fused.mode not in self.modes:
            return False
        if self.actors:
            names = " ".join(
                f"{party.name} {party.text or ''}".lower() for party in (fused.actor, fused.target) if party
            )
            if not any(actor.lower() in names for actor in self.actors):
                return False
        if self.factuality and fused.factuality not in self.factuality:
            return False
        if self.new_conflict_pair:
            pair = conflict_pair(fused, self.conflict_types)
            if pair is None or book is None:
                return False
            if book.pair_known(*pair, self.conflict_types, [fused.id, *fused.mention_ids]):
                return False
        return True


def conflict_pair(fused: FusedEvent, types: tuple[str, ...] = CONFLICT_TYPES) -> tuple[str, str] | None:
    """The two countries a conflict event sets against each other, in order; None if it has not two."""
    if fused.type not in types or fused.actor is None or fused.target is None:
        return None
    first, second = fused.actor.country, fused.target.country
    if not first or not second or first == second or {first, second} & INTERNATIONAL:
        return None
    return tuple(sorted((first, second)))  # type: ignore[return-value]


def changes(before: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What changed materially since the last alert: a higher toll, a firmer factuality."""
    found = []
    old, new = before.get("fatalities"), now.get("fatalities")
    if new is not None and (old is None or new > old):
        found.append(f"toll {'unknown' if old is None else old} → {new}")
    old_fact, new_fact = before.get("factuality"), now.get("factuality")
    if STRENGTH.get(new_fact, 0) > STRENGTH.get(old_fact, 0):
        found.append(f"factuality {old_fact} → {new_fact}")
    return found


# --- the rules file -------------------------------------------------------------------------------------


def load_rules(path: str | Path) -> list[Rule]:
    """The rules of a YAML file; a bad rule names the file and the rule (ConfigError)."""
    import yaml

    path = Path(path)
    try:
        document = yaml.safe_load(path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"cannot read alert rules {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(document, dict) and set(document) == {"rules"}:
        document = document["rules"]
    if not isinstance(document, list) or not document:
        raise ConfigError(f"{path}: expected a list of rules (or 'rules:' with one)")
    rules = [_rule(entry, f"{path}: rule {number}", path.parent) for number, entry in enumerate(document, 1)]
    names = [rule.name for rule in rules]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: two rules share a name; each needs its own (alerts are kept by it)")
    return rules


def _rule(entry: Any, where: str, folder: Path) -> Rule:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping with 'name' and 'deliver'")
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key {', '.join(sorted(map(str, unknown)))}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: 'name' is required")
    where = f"{where} ({name})"
    types = _words(entry.get("type"), where, "type", upper=True)
    if bad := [kind for kind in types if kind not in PLOVER_TYPES]:
        raise ConfigError(f"{where}: unknown type {', '.join(bad)}")
    conflict_types = (
        _words(entry.get("conflict_types"), where, "conflict_types", upper=True) or CONFLICT_TYPES
    )
    if bad := [kind for kind in conflict_types if kind not in PLOVER_TYPES]:
        raise ConfigError(f"{where}: unknown type {', '.join(bad)}")
    factuality = _words(entry.get("factuality"), where, "factuality", upper=False)
    if bad := [value for value in factuality if value not in FACTUALITY]:
        raise ConfigError(f"{where}: unknown factuality {', '.join(bad)}")
    countries = _words(entry.get("country"), where, "country", upper=True)
    if bad := [code for code in countries if len(code) != 3 or not code.isalpha()]:
        raise ConfigError(f"{where}: countries are ISO3 codes, not {', '.join(bad)}")
    minimum = entry.get("min_fatalities")
    if minimum is not None and (isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0):
        raise ConfigError(f"{where}: 'min_fatalities' must be a whole number ≥ 0")
    pair = entry.get("new_conflict_pair", False)
    if not isinstance(pair, bool):
        raise ConfigError(f"{where}: 'new_conflict_pair' is true or false")
    deliveries = entry.get("deliver")
    if isinstance(deliveries, dict):
        deliveries = [deliveries]
    if not isinstance(deliveries, list) or not deliveries:
        raise ConfigError(
            f"{where}: 'deliver' is required: {{stdout: true}}, {{file: PATH}} or {{webhook: URL}}"
        )
    return Rule(
        name=name.strip(),
        deliveries=tuple(_delivery(item, where, folder) for item in deliveries),
        types=types, countries=countries, min_fatalities=minimum,
        modes=_words(entry.get("mode"), where, "mode", upper=False),
        actors=_words(entry.get("actors"), where, "actors", upper=None),
        factuality=factuality, new_conflict_pair=pair, conflict_types=conflict_types,
    )  # fmt: skip


def _words(value: Any, where: str, key: str, upper: bool | None) -> tuple[str, ...]:
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) and item.strip() for item in values):
        raise ConfigError(f"{where}: '{key}' must be a string or a list of strings")
    cleaned = [item.strip() for item in values]
    if upper is not None:
        cleaned = [item.upper() if upper else item.lower() for item in cleaned]
    return tuple(cleaned)


def _delivery(item: Any, where: str, folder: Path) -> Delivery:
    if not isinstance(item, dict):
        raise ConfigError(
            f"{where}: each delivery is a mapping: {{stdout: true}}, {{file: PATH}}, {{webhook: URL}}"
        )
    kinds = [kind for kind in ("stdout", "file", "webhook") if kind in item]
    if len(kinds) != 1:
        raise ConfigError(f"{where}: a delivery names one of stdout, file, webhook")
    kind = kinds[0]
    allowed = {kind} | ({"secret", "secret_env", "allow_private", "timeout", "retries", "backoff"}
                        if kind == "webhook" else set())  # fmt: skip
    if unknown := set(item) - allowed:
        raise ConfigError(f"{where}: unknown delivery key {', '.join(sorted(map(str, unknown)))}")
    if kind == "stdout":
        if item["stdout"] is not True:
            raise ConfigError(f"{where}: write 'stdout: true'")
        return Delivery("stdout")
    value = item[kind]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: '{kind}' must be a path or URL")
    if kind == "file":
        return Delivery("file", str((folder / Path(value).expanduser()).resolve()))
    from sitroom.errors import FetchRefused
    from sitroom.watch.fetch import check_url

    try:
        check_url(value)
    except FetchRefused as exc:
        raise ConfigError(f"{where}: webhook {exc.reason}") from exc
    secret = item.get("secret")
    if item.get("secret_env"):
        secret = os.environ.get(str(item["secret_env"]))
        if not secret:
            raise ConfigError(
                f"{where}: the environment variable {item['secret_env']} (secret_env) is not set"
            )
    if not isinstance(secret, str) or not secret:
        raise ConfigError(f"{where}: a webhook needs a secret to sign with (secret_env: VARIABLE)")
    private = item.get("allow_private", False)
    policy = Policy(
        timeout=float(item.get("timeout", 10)), retries=int(item.get("retries", 3)),
        backoff=float(item.get("backoff", 1.0)), allow_private=private is True,
        private_hosts=tuple(private) if isinstance(private, list) else (),
    )  # fmt: skip
    return Delivery("webhook", value.strip(), secret.encode(), policy)


# --- deciding and delivering ----------------------------------------------------------------------------


def signature(secret: bytes, body: bytes) -> str:
    """The ``X-Sitroom-Signature`` header of a webhook body.

    >>> signature(b"s3cret", b'{"rule": "x"}')[:15]
    'sha256=5d1d1a71'
    """
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def alert_text(rule: str, fused: FusedEvent, found: list[str]) -> str:
    """One line a person reads: the rule, the event, and what changed."""
    parties = " → ".join(party.name for party in (fused.actor, fused.target) if party) or "unknown parties"
    where = f" in {fused.location.name}" if fused.location else ""
    when = f" on {fused.date.start.isoformat()}" if fused.date else ""
    toll = f", {fused.fatalities} killed" if fused.fatalities is not None else ""
    change = f" ({'; '.join(found)})" if found else ""
    return f"[{rule}] {fused.type}: {parties}{where}{when}{toll}, {fused.factuality}{change}"


class Alerter:
    """Decides the alerts of the fused events an article touched, and delivers the outbox."""

    def __init__(self, rules: list[Rule], book: WatchBook, fetcher: Fetcher, out: IO[str] | None = None):
        self.rules = rules
        self.book = book
        self.fetcher = fetcher
        self.out = out
        self.by_name = {rule.name: rule for rule in rules}

    def decide(self, content_hash: str | None, events: list[FusedEvent]) -> int:
        """Put the alerts these fused events call for in the outbox (and mark the article's journal
        entry done), in one transaction; returns how many."""
        states, outbox = [], []
        for rule in self.rules:
            for fused in events:
                if not rule.matches(fused, self.book):
                    continue
                now = {"fatalities": fused.fatalities, "factuality": fused.factuality}
                before = self.book.alert_snapshot(rule.name, [fused.id, *fused.mention_ids])
                found = [] if before is None else changes(before, now)
                if before is not None and not found:
                    continue
                states.append((rule.name, fused.id, now))
                key = json.dumps([rule.name, fused.id, now], sort_keys=True)
                alert_id = hashlib.sha256(key.encode()).hexdigest()[:24]
                payload = self._payload(alert_id, rule, fused, "new" if before is None else "changed", found)
                for number in range(len(rule.deliveries)):
                    payload["id"] = f"{alert_id}-{number}"
                    outbox.append((payload["id"], rule.name, number, json.dumps(payload, ensure_ascii=False)))
        if states or content_hash is not None:
            self.book.decide(content_hash, states, outbox)
        return len(states)

    def _payload(
        self, alert_id: str, rule: Rule, fused: FusedEvent, kind: str, found: list[str]
    ) -> dict[str, Any]:
        event = fused.to_format()
        event.pop("mentions", None)
        event["reports"] = [
            {key: value for key, value in ref.model_dump(mode="json").items()
             if key in ("article_id", "source", "published", "title", "url") and value is not None}
            for ref in fused.mentions[:20]
        ]  # fmt: skip
        return {
            "id": alert_id,
            "rule": rule.name,
            "kind": kind,
            "changes": found,
            "text": alert_text(rule.name, fused, found),
            "event_id": fused.id,
            "event": event,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }

    def deliver(self) -> tuple[int, list[str]]:
        """Deliver what the outbox holds; returns how many were delivered and the errors of the others
        (they stay in the outbox for the next call)."""
        done, errors = 0, []
        for pending in self.book.pending_alerts(MAX_ATTEMPTS):
            rule = self.by_name.get(pending.rule)
            if rule is None or pending.target >= len(rule.deliveries):
                continue  # a rule since removed from the file: its alerts wait for it
            delivery = rule.deliveries[pending.target]
            try:
                self._send(delivery, pending.id, pending.payload)
            except (FetchError, OSError) as exc:
                self.book.undelivered(pending.id, str(exc))
                errors.append(f"alert {pending.id} ({rule.name}): {exc}")
                continue
            self.book.delivered(pending.id)
            done += 1
        return done, errors

    def _send(self, delivery: Delivery, alert_id: str, payload: str) -> None:
        line = payload + "\n"
        if delivery.kind == "stdout":
            out = self.out or sys.stdout
            out.write(line)
            out.flush()
        elif delivery.kind == "file":
            path = Path(delivery.target)
            if _already_in(path, alert_id):
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as out:
                out.write(line)
                out.flush()
                os.fsync(out.fileno())
        else:
            body = payload.encode("utf-8")
            headers = {
                "Content-Type": "application/json",
                "X-Sitroom-Alert-Id": alert_id,
                "X-Sitroom-Signature": signature(delivery.secret, body),
            }
            self.fetcher.post(delivery.target, body, headers, delivery.policy)


def _already_in(path: Path, alert_id: str) -> bool:
    """Whether a file delivery already holds this alert (delivered by a run that stopped before marking)."""
    try:
        with path.open("rb") as existing:
            size = existing.seek(0, os.SEEK_END)
            existing.seek(max(0, size - TAIL))
            return f'"id": "{alert_id}"'.encode() in existing.read()
    except FileNotFoundError:
        return False

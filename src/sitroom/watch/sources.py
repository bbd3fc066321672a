"""The sources file: what to watch and how often, as YAML or as OPML (a news reader's export).

YAML is a list of sources, or a mapping with ``sources:`` and optional ``defaults:`` that every source
inherits::

    defaults: {interval: 10m, timeout: 20, host_interval: 2}
    sources:
      - url: https://example.org/world/rss.xml          # a feed (RSS or Atom)
      - sitemap: https://example.org/news-sitemap.xml
      - page: https://example.org/live-blog
        interval: 2m
      - folder: inbox/                                   # new files (.jsonl .txt .md .html) as they appear
      - url: http://127.0.0.1:8000/feed.xml
        allow_private: true                              # may sit on a private or loopback address

OPML: every ``<outline xmlUrl="…">`` is a feed, named by its ``title`` (or ``text``).

A bad entry names the file and the entry (:class:`~sitroom.errors.ConfigError`); nothing is watched
until the whole file is right.

    >>> sources = load_sources("sources.yaml")
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitroom.errors import ConfigError

KINDS = ("feed", "sitemap", "page", "folder")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


@dataclass(frozen=True)
class Source:
    """One watched source and how it is polled.

    - ``interval``: seconds between polls (a failing source waits longer: doubled per failure, at most a
      day); ``timeout``: seconds one fetch may take in all; ``max_bytes``: the largest body read;
      ``retries``: further tries of a fetch that failed for a passing reason (a timeout, a 5xx, a 429);
    - ``host_interval``: the least seconds between two requests to one host, across all sources;
    - ``max_items``: pages fetched per poll (the rest wait for the next poll); ``min_chars``: a feed
      entry's own text is the article when it is at least this long, else its page is fetched;
    - ``allow_private``: ``True`` lets every fetch of this source reach private, loopback and link-local
      addresses; a list allows only those hosts (``host`` or ``host:port``).
    """

    kind: str
    location: str  # an http(s) URL, or a folder's absolute path
    name: str
    interval: float = 900.0
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    retries: int = 2
    backoff: float = 1.0
    host_interval: float = 2.0
    max_items: int = 50
    min_chars: int = 400
    allow_private: bool = False
    private_hosts: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.location}"


#: The keys a source (or ``defaults:``) may set, and how each is read.
_SETTINGS = {
    "interval": "duration", "timeout": "duration", "backoff": "duration", "host_interval": "duration",
    "max_bytes": "count", "retries": "count", "max_items": "count", "min_chars": "count",
}  # fmt: skip
_LOCATION_KEYS = ("url", "feed", "sitemap", "page", "folder")


def load_sources(path: str | Path) -> list[Source]:
    """The sources of a YAML or OPML file (by suffix, else by its first characters)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read sources file {path}: {exc.strerror or exc}") from exc
    head = data.lstrip()[:200].lower()
    if path.suffix.lower() in (".opml", ".xml") or head.startswith((b"<?xml", b"<opml")):
        return opml_sources(data, path)
    return yaml_sources(data, path)


def yaml_sources(data: bytes | str, path: Path) -> list[Source]:
    import yaml

    try:
        document = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    defaults: dict[str, Any] = {}
    if isinstance(document, dict):
        unknown = set(document) - {"sources", "defaults"}
        if unknown:
            raise ConfigError(
                f"{path}: unknown key {', '.join(sorted(map(str, unknown)))} (sources, defaults)"
            )
        defaults = document.get("defaults") or {}
        document = document.get("sources")
        if not isinstance(defaults, dict):
            raise ConfigError(f"{path}: 'defaults' must be a mapping")
    if not isinstance(document, list) or not document:
        raise ConfigError(f"{path}: expected a list of sources (or 'sources:' with one)")
    base = _settings(defaults, f"{path}: defaults", path.parent, allow_location=False)
    sources = [_source(entry, f"{path}: source {number}", path.parent, base)
               for number, entry in enumerate(document, 1)]  # fmt: skip
    return _unique(sources, path)


def opml_sources(data: bytes, path: Path) -> list[Source]:
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ConfigError(f"{path}: not valid OPML: {exc}") from exc
    sources = []
    for number, outline in enumerate(root.iter("outline"), 1):
        url = (outline.get("xmlUrl") or "").strip()
        if not url:
            continue
        name = outline.get("title") or outline.get("text") or None
        entry = {"url": url, "name": name} if name else {"url": url}
        sources.append(_source(entry, f"{path}: outline {number}", path.parent, {}))
    if not sources:
        raise ConfigError(f"{path}: no <outline xmlUrl=…> in this OPML file")
    return _unique(sources, path)


def _unique(sources: list[Source], path: Path) -> list[Source]:
    seen: set[str] = set()
    for source in sources:
        if source.id in seen:
            raise ConfigError(f"{path}: {source.location} is listed twice")
        seen.add(source.id)
    return sources


def _source(entry: Any, where: str, folder: Path, base: dict[str, Any]) -> Source:
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping such as 'url: https://…'")
    given = [key for key in _LOCATION_KEYS if key in entry]
    if len(given) != 1:
        raise ConfigError(f"{where}: give exactly one of {', '.join(_LOCATION_KEYS)}")
    key = given[0]
    kind = str(entry.get("kind") or ("feed" if key == "url" else key))
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if key != "url" and "kind" in entry and entry["kind"] != key:
        raise ConfigError(f"{where}: '{key}:' is a {key}, not a {entry['kind']}")
    raw = entry[key]
    if not isinstance(raw, str) or not raw.strip():
        raise ConfigError(f"{where}: '{key}' must be a non-empty string")
    if kind == "folder":
        location = str((folder / Path(raw).expanduser()).resolve())
    else:
        location = _http_url(raw.strip(), where)
    settings = {**base, **_settings(entry, where, folder, allow_location=True)}
    name = entry.get("name")
    if name is not None and not isinstance(name, str):
        raise ConfigError(f"{where}: 'name' must be a string")
    name = name or (Path(location).name if kind == "folder" else urlsplit(location).netloc)
    return replace(Source(kind=kind, location=location, name=name), **settings)


def _settings(entry: dict[str, Any], where: str, folder: Path, allow_location: bool) -> dict[str, Any]:
    allowed = set(_SETTINGS) | {"allow_private"}
    if allow_location:
        allowed |= {*_LOCATION_KEYS, "kind", "name"}
    unknown = set(entry) - allowed
    if unknown:
        raise ConfigError(f"{where}: unknown key {', '.join(sorted(map(str, unknown)))}")
    settings: dict[str, Any] = {}
    for key, how in _SETTINGS.items():
        if key in entry:
            settings[key] = (
                _duration(entry[key], key, where) if how == "duration" else _count(entry[key], key, where)
            )
    if "allow_private" in entry:
        value = entry["allow_private"]
        if isinstance(value, bool):
            settings["allow_private"] = value
        elif isinstance(value, list) and all(isinstance(host, str) and host for host in value):
            settings["private_hosts"] = tuple(host.lower() for host in value)
        else:
            raise ConfigError(f"{where}: 'allow_private' is true, false or a list of host or host:port names")
    return settings


def _duration(value: Any, key: str, where: str) -> float:
    if isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be a duration such as 30, 30s, 10m or 1h")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        found = _DURATION.match(str(value))
        if not found:
            raise ConfigError(f"{where}: '{key}' must be a duration such as 30, 30s, 10m or 1h")
        seconds = float(found.group(1)) * _UNITS[found.group(2)]
    if seconds < 0 or (key in ("interval", "timeout") and seconds <= 0):
        raise ConfigError(f"{where}: '{key}' must be more than zero")
    return seconds


def _count(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < (0 if key == "retries" else 1):
        raise ConfigError(f"{where}: '{key}' must be a whole number{' ≥ 1' if key != 'retries' else ''}")
    return value


def _http_url(raw: str, where: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}: {raw!r} is not an http(s) URL (sitroom fetches nothing else)")
    return raw

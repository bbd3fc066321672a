"""Ingest from the web: pasted text or an uploaded file becomes Articles, which are coded and stored.

An upload is read by the same readers as ``sitroom ingest`` (``.jsonl``, ``.txt``, ``.md``, ``.html``),
from a private temporary copy named after the upload; pasted text is one article. Both then go through
the one ingest service (``sitroom.service.IngestService``) that ``sitroom ingest`` and the watcher use,
coding in this process, one request at a time (the spaCy pipeline is loaded once and shared).

    >>> result = ingest_articles(source, [Article(id="note-1", text="Troops shelled the town on Monday.")])
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sitroom.api.data import EventSource
from sitroom.errors import InputError, StoreError
from sitroom.ingest import SUFFIXES, InputProblem, InputWarning, read_articles
from sitroom.models import Article

MAX_BYTES = 5 * 1024 * 1024
ALREADY_STORED = "already stored"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class IngestResult:
    """What one ingest request did: per article, whether it was stored and its events."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return sum(1 for item in self.articles if item["stored"])

    @property
    def failed(self) -> int:
        """Articles that could not be coded or stored (not those stored before)."""
        return sum(1 for item in self.articles if not item["stored"] and item["reason"] != ALREADY_STORED)

    def to_json(self) -> dict[str, Any]:
        stored = [item for item in self.articles if item["stored"]]
        return {
            "stored": len(stored),
            "skipped": len(self.articles) - len(stored),
            "events": sum(item["events"] for item in stored),
            "articles": self.articles,
            "problems": self.problems,
            "warnings": self.warnings,
        }


def pasted_articles(payload: Any) -> list[Article]:
    """One article, or a list of them, as JSON objects with ``text`` and optional ``title``, ``published``,
    ``source``, ``url`` and ``id`` (made from the content when absent)."""
    items = payload if isinstance(payload, list) else [payload]
    if not items:
        raise InputError("no article in the request")
    articles = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            raise InputError(f"article {number}: 'text' is required and must not be empty")
        fields = {key: item.get(key) or None for key in ("title", "published", "source", "url", "id")}
        try:
            text = str(item["text"]).strip()
            article = Article(id=str(fields.pop("id") or "pending"), text=text, origin="paste", **fields)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(map(str, error["loc"]))
            raise InputError(f"article {number}: bad {where}: {error['msg']}") from exc
        if article.id == "pending":
            article = article.model_copy(update={"id": f"paste-{article.content_hash[:12]}"})
        articles.append(article)
    return articles


def uploaded_articles(data: bytes, filename: str, published: date | None) -> tuple[list[Article], list[str]]:
    """The articles of an uploaded file, read by its suffix; unreadable lines come back as problems."""
    if not data.strip():
        raise InputError(f"{filename}: empty file")
    name = _SAFE_NAME.sub("_", Path(filename).name).strip("._") or "upload.txt"
    if Path(name).suffix.lower() not in SUFFIXES:
        raise InputError(f"{filename}: cannot read this kind of file (use {' '.join(SUFFIXES)})")
    articles, problems = [], []
    with tempfile.TemporaryDirectory(prefix="sitroom-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        for item in read_articles([str(path)], published):
            origin = f"upload:{filename}{(item.origin or '').removeprefix(str(path))}"
            if isinstance(item, InputWarning):
                problems.append(f"{origin}: warning: {item.message}")
            elif isinstance(item, InputProblem):
                problems.append(f"{origin}: {item.message}")
            else:
                articles.append(item.model_copy(update={"origin": origin}))
    return articles, problems


def ingest_articles(
    source: EventSource, articles: list[Article], max_chars: int | None = None
) -> IngestResult:
    """Code the articles not stored yet and store each with its events; report every article.

    The one ingest service (``sitroom.service``) does the work, in this process: each article is cut to
    the text budget (with a warning), coded and stored on its own; one that cannot be coded or stored is
    reported with its reason, and the others are still stored. A failure of the store itself (not of one
    article) is raised as :class:`StoreError`, after the articles before it were stored."""
    from sitroom.service import IngestService, Status  # loads spaCy on first use

    service = IngestService(source, workers=1, max_chars=max_chars)
    report = service.run(articles)
    result = IngestResult(warnings=[_short_warning(warning) for warning in report.warnings])
    for outcome in report.outcomes:
        article = outcome.article
        if outcome.status is Status.store_error:
            raise StoreError(outcome.reason or "the store failed")
        if outcome.status in (Status.already_stored, Status.repeated):
            result.articles.append(_report(article, stored=False, reason=ALREADY_STORED))
            continue
        if not outcome.stored:
            result.problems.append(f"{article.id}: {outcome.reason}")
        result.articles.append(
            _report(article, stored=outcome.stored, events=outcome.event_ids, reason=outcome.reason)
        )
    return result


def _short_warning(warning: str) -> str:
    """``id: text of … cut to …``: the service names the origin, which for pasted text is ``paste``."""
    where, _, note = warning.partition(": warning: ")
    return f"{where}: {note}" if note else warning


def _report(
    article: Article, stored: bool, events: list[str] | None = None, reason: str | None = None
) -> dict[str, Any]:
    return {
        "id": article.id,
        "article_hash": article.content_hash,
        "title": article.title,
        "stored": stored,
        "events": len(events or []),
        "event_ids": events or [],
        "reason": reason,
    }

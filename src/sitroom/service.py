"""The one ingest service: articles in, each coded and stored on its own, every article reported.

``sitroom ingest``, the page's paste and upload (``POST /api/articles``) and the watcher all call
:meth:`IngestService.run`, so they share one behaviour:

- every input is reported: unreadable ones as problems, legacy encodings and texts cut to the budget as
  warnings, and each article as an :class:`Outcome` (stored, already stored, repeated in the input,
  coding failed, not stored) with its reason;
- each article is cut to the text budget (``pipeline.cap_text``), skipped uncoded when its content is
  stored already, coded in isolation (``pipeline.CoderPool``) and stored as soon as it is coded, in its
  own transaction, or with ``store_batch`` > 1 (``sitroom ingest``) that many coded articles a
  transaction (``Store.add_many``: several times faster to store; a crash loses the batch not yet
  committed, which the next run codes again); either way one article's failure is its own;
- a dead worker or a failed stage stops the run with its reason (``IngestReport.stopped``); what was
  stored stays;
- the input is read as a stream: at most :data:`LOOKAHEAD` articles are planned ahead of coding (to
  size the coders and the progress bar), and a caller that hears each outcome through its listener
  (``sitroom ingest``) can have the report keep none (``keep=False``), so a run of any length holds
  one batch of articles at a time, not the corpus (docs/scaling.md, Memory).

The sink is anything with ``has_article``, ``add`` and ``add_many``: a :class:`~sitroom.store.Store`,
or the server's ``EventSource`` (which holds its lock around each write).

    >>> with IngestService(store, workers=2) as service:
    ...     report = service.run(read_articles(["news/"]))
    >>> report.stored, [(o.article.id, o.reason) for o in report.skipped]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain, islice
from typing import Protocol

from sitroom.closing import Closing
from sitroom.errors import ArticleNotStored, StageError, StoreError
from sitroom.ingest import InputProblem, InputWarning
from sitroom.models import Article, CodedArticle
from sitroom.pipeline import CoderPool, cap_text, default_workers, max_chars_setting
from sitroom.store import store_batch

BATCH_SIZE = 8
#: Articles planned ahead of coding. A run of at most this many is planned whole before coding starts
#: (its count sizes the coders and the progress bar); a longer one streams past it.
LOOKAHEAD = 1000
#: Coding in this process shares one spaCy pipeline, which is not for two threads at once: the page's
#: ingest and a watcher inside the server take turns.
IN_PROCESS = threading.Lock()


class ArticleSink(Protocol):
    """Where articles go: a Store, or the server's EventSource."""

    def has_article(self, content_hash: str) -> bool: ...

    def add(self, coded: CodedArticle) -> bool: ...

    def add_many(self, items: Sequence[CodedArticle]) -> list[bool | ArticleNotStored]: ...


class Status(StrEnum):
    """What became of one article."""

    stored = "stored"
    already_stored = "already stored"  # its content was stored before this run
    repeated = "repeated"  # the same content came earlier in this run
    failed = "coding failed"
    not_stored = "not stored"  # coded, but a value could not be stored
    store_error = "store error"  # the store itself failed (a full disk, a lost file)


@dataclass(frozen=True)
class Outcome:
    """One article's fate; ``coded`` is set once it was coded, ``reason`` when it was not stored."""

    article: Article
    status: Status
    reason: str | None = None
    coded: CodedArticle | None = None

    @property
    def stored(self) -> bool:
        return self.status is Status.stored

    @property
    def event_ids(self) -> list[str]:
        return [event.id for event in self.coded.events] if self.coded and self.stored else []

    @property
    def where(self) -> str:
        """Where the article came from (``path:line``, a URL), else its id."""
        return self.article.origin or self.article.id


@dataclass
class IngestReport:
    """Everything one run did, in input order."""

    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    read: int = 0
    stopped: str | None = None

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    @property
    def stored(self) -> int:
        return self.count(Status.stored)

    @property
    def events(self) -> int:
        return sum(len(outcome.event_ids) for outcome in self.outcomes)

    @property
    def skipped(self) -> list[Outcome]:
        """Articles that could not be coded or stored (not those stored before), with their reasons."""
        kept = (Status.stored, Status.already_stored, Status.repeated)
        return [outcome for outcome in self.outcomes if outcome.status not in kept]


class Listener:
    """Hears of each input as the run meets it (the CLI prints, the watcher keeps its books); every
    method does nothing unless overridden."""

    def problem(self, problem: InputProblem) -> None:
        """An input that could not be read."""

    def warning(self, message: str) -> None:
        """An input read, but not quite as written (cut to the budget, a legacy encoding)."""

    def planned(self, todo: int | None) -> None:
        """How many articles will be coded (the others were stored before or repeated); None when the
        input goes on past :data:`LOOKAHEAD` articles to code (how many is known at the end)."""

    def outcome(self, outcome: Outcome) -> None:
        """One article's fate, as soon as it is known (a stored article is committed by then)."""


class IngestService(Closing):
    """Cuts, de-duplicates, codes and stores articles into ``sink``, each on its own.

    ``workers``: coding processes (1 codes in this process, under :data:`IN_PROCESS`); by default all
    cores, fewer for a small run. ``keep_coders`` keeps the coders loaded between runs (the watcher), else
    each run starts and stops its own (``sitroom ingest``). ``max_chars``: the per-article text budget
    (``pipeline.max_chars_setting``).
    """

    def __init__(
        self,
        sink: ArticleSink,
        workers: int | None = None,
        max_chars: int | None = None,
        detect: str = "combined",
        keep_coders: bool = False,
        batch_size: int = BATCH_SIZE,
        store_batch: int = 1,
    ):
        self.sink = sink
        self.store_batch = store_batch  # coded articles a transaction
        self.workers = workers or default_workers()
        self.max_chars = max_chars_setting(max_chars)
        self.detect = detect
        self.keep_coders = keep_coders
        self.batch_size = batch_size
        self._coders: CoderPool | None = None

    def close(self) -> None:
        """Stop the coding processes, if any."""
        if self._coders is not None:
            self._coders.close()
            self._coders = None

    def run(
        self,
        items: Iterable[Article | InputProblem],
        listener: Listener | None = None,
        should_stop: Callable[[], bool] | None = None,
        keep: bool = True,
    ) -> IngestReport:
        """Ingest ``items`` (articles, and problems met reading them); ``should_stop`` is asked between
        articles, and a run told to stop codes no further article (those stored stay stored). With
        ``keep=False`` the report keeps no outcome (the listener hears each): memory stays flat."""
        listener = listener or Listener()
        report = IngestReport()
        planning = self._plan(items, report, listener, keep)
        ahead = list(islice(planning, LOOKAHEAD))
        listener.planned(len(ahead) if len(ahead) < LOOKAHEAD else None)
        if not ahead:
            return report  # nothing new: do not even load the model
        coders = self._coders_for(len(ahead))
        lock = IN_PROCESS if coders.workers == 1 else nullcontext()
        pending: list[CodedArticle] = []  # coded, not stored yet
        try:
            with lock:
                for coded in coders.code(chain(ahead, planning), self.batch_size, self.max_chars):
                    pending.append(coded)
                    if len(pending) >= self.store_batch:
                        self._flush(pending, report, listener, keep)
                    if should_stop is not None and should_stop():
                        report.stopped = "stopped on request"
                        break
        except (StageError, BrokenProcessPool) as exc:
            report.stopped = f"coding stopped: {exc}" if str(exc) else "coding stopped: a worker process died"
        finally:
            if not self.keep_coders:
                self.close()
        self._flush(pending, report, listener, keep)  # what was coded is stored, on a stop too
        return report

    def _flush(
        self, pending: list[CodedArticle], report: IngestReport, listener: Listener, keep: bool
    ) -> None:
        """Store the coded articles waiting (one transaction, or one each), reporting each outcome."""
        outcomes = self._store_many(pending) if self.store_batch > 1 else [self._store(c) for c in pending]
        pending.clear()
        for outcome in outcomes:
            if keep:
                report.outcomes.append(outcome)
            listener.outcome(outcome)

    def _plan(
        self, items: Iterable[Article | InputProblem], report: IngestReport, listener: Listener, keep: bool
    ) -> Iterator[Article]:
        """Report problems and warnings; cut each article to the budget; yield those not stored yet. (The
        content hashes of the run are kept, to skip an article repeated in the input: 64 bytes each.)"""
        seen: set[str] = set()
        for item in items:
            if isinstance(item, InputWarning):
                report.warnings.append(str(item))
                listener.warning(str(item))
                continue
            if isinstance(item, InputProblem):
                report.problems.append(item)
                listener.problem(item)
                continue
            report.read += 1
            article, note = cap_text(item, self.max_chars)
            if note is not None:
                warning = f"{item.origin or item.id}: warning: {note}"
                report.warnings.append(warning)
                listener.warning(warning)
            content_hash = article.content_hash
            if content_hash in seen:
                outcome = Outcome(article, Status.repeated, "same title and text as an earlier article")
            elif self.sink.has_article(content_hash):
                outcome = Outcome(article, Status.already_stored, Status.already_stored.value)
            else:
                seen.add(content_hash)
                yield article
                continue
            if keep:
                report.outcomes.append(outcome)
            listener.outcome(outcome)

    def _coders_for(self, count: int) -> CoderPool:
        """The run's coders: at most as many processes as the run has batches, unless they are kept."""
        if self._coders is None:
            workers = self.workers
            if not self.keep_coders:
                workers = min(workers, max(1, -(-count // self.batch_size)))
            self._coders = CoderPool(workers, self.detect)
        return self._coders

    def _store(self, coded: CodedArticle) -> Outcome:
        if coded.error is not None:
            return Outcome(coded.article, Status.failed, coded.error, coded)
        try:
            return _outcome(coded, self.sink.add(coded))
        except StoreError as exc:  # ArticleNotStored among them
            return _outcome(coded, exc)

    def _store_many(self, items: Sequence[CodedArticle]) -> list[Outcome]:
        """The articles' outcomes, those coded stored in one transaction (``add_many``)."""
        return [
            Outcome(item.article, Status.failed, item.error, item) if result is None
            else _outcome(item, result)
            for item, result in zip(items, store_batch(self.sink, items), strict=True)
        ]  # fmt: skip


def _outcome(coded: CodedArticle, result: bool | StoreError) -> Outcome:
    """What storing one coded article came to: stored, stored already, or not stored and why."""
    article = coded.article
    if isinstance(result, ArticleNotStored):
        return Outcome(article, Status.not_stored, f"not stored: {result.reason}", coded)
    if isinstance(result, StoreError):
        return Outcome(article, Status.store_error, str(result), coded)
    if not result:  # stored meanwhile (by another request of the same server)
        return Outcome(article, Status.already_stored, Status.already_stored.value, coded)
    return Outcome(article, Status.stored, None, coded)

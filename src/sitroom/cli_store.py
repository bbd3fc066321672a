"""The CLI's working half for the store: storing coded articles (``ingest``, ``load``) and printing
stored events (``events``, ``event``, ``stats``).

Apart from ``cli_utils.py`` so that ``sitroom code``, which stores nothing, starts without importing the
store, the ingest service and DuckDB; ``cli.py`` imports it inside the commands that use it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from sitroom.cli_utils import Tally, pipeline_failures, report_failure, say
from sitroom.errors import ArticleNotStored, StoreError
from sitroom.export import EventRecord
from sitroom.export.cells import safe_cell
from sitroom.ingest import InputProblem
from sitroom.models import Actor, Article, CodedArticle
from sitroom.pipeline import MAX_CHARS
from sitroom.service import IngestService, Listener, Outcome, Status
from sitroom.store import (
    EVENT_COLUMNS,
    FUSED_COLUMNS,
    WRITE_BATCH,
    StoreStats,
    StoreWriter,
    flat_row,
    store_batch,
)

PROGRESS_MIN = 6  # fewer articles than this finish before a bar would be worth drawing
SKIPPED_SHOWN = 20  # the summary names this many skipped articles (each was reported as it happened)
EVIDENCE_WIDTH = 90


@dataclass(frozen=True)
class StoreRun:
    """How one storing command (``ingest``, ``load``) reports and commits, whichever path codes the
    articles: the tally it counts into, the console it tells each problem on as it happens, whether each
    stored article is named, and how many coded articles go in one transaction."""

    tally: Tally
    console: Console
    verbose: bool = False
    store_batch: int = WRITE_BATCH


class IngestPrinter(Listener):
    """``sitroom ingest``'s side of the ingest service: counts into the tally, reports each problem,
    warning and skipped article on stderr as it happens, and draws the progress bar."""

    def __init__(self, run: StoreRun):
        self.tally = run.tally
        self.console = run.console
        self.verbose = run.verbose
        self._progress: Progress | None = None
        self._task: Any = None

    def problem(self, problem: InputProblem) -> None:
        self.tally.problems.append(problem)
        say(self.console, str(problem))

    def warning(self, message: str) -> None:
        self.tally.warnings.append(message)
        say(self.console, message)

    def planned(self, todo: int | None) -> None:
        if (todo is None or todo >= PROGRESS_MIN) and self.console.is_terminal:
            columns = (TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            self._progress = Progress(*columns, console=self.console)
            self._task = self._progress.add_task("coding", total=todo)
            self._progress.start()

    def outcome(self, outcome: Outcome) -> None:
        tally, article = self.tally, outcome.article
        if outcome.status is Status.stored:
            assert outcome.coded is not None
            tally.coded += 1
            tally.events += len(outcome.coded.events)
            if self.verbose:
                say(self.console, f"stored {article.id} ({len(outcome.coded.events)} events)")
        elif outcome.status is Status.already_stored:
            tally.already_stored += 1
        elif outcome.status is Status.repeated:
            tally.repeated += 1
        else:
            reason = outcome.reason or outcome.status.value
            tally.skipped.append((outcome.where, reason))
            if outcome.status is Status.not_stored:
                tally.not_stored.append(article.id)
                where = f"{article.id!r} ({article.origin})" if article.origin else repr(article.id)
                say(self.console, f"cannot store article {where}: {reason.removeprefix('not stored: ')}")
            else:
                tally.failed.append(article.id)
                store_failed = outcome.status is Status.store_error
                say(self.console, reason if store_failed else f"{outcome.where}: {reason}")
        if self._progress is not None and outcome.coded is not None:
            self._progress.advance(self._task)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def ingest(
    items: Iterable[Article | InputProblem],
    store: StoreWriter,
    workers: int | None,
    run: StoreRun,
    max_chars: int = MAX_CHARS,
) -> None:
    """Read, code and store through the ingest service (``sitroom.service``), ``run.store_batch`` coded
    articles a transaction (a crash loses the batch not yet committed, which the next run codes again);
    the tally counts what happened.

    An article that cannot be coded or stored is reported, counted and skipped; the run goes on."""
    printer = IngestPrinter(run)
    try:
        with IngestService(store, workers, max_chars, store_batch=run.store_batch) as service:
            report = service.run(items, printer, keep=False)  # the printer hears every outcome
    finally:
        printer.close()
    run.tally.read += report.read
    if report.stopped:
        run.tally.stopped = report.stopped
        say(run.console, f"error: {report.stopped}")


def _store_batches(items: Iterable[CodedArticle], store: StoreWriter, run: StoreRun) -> None:
    """Store coded articles as they come, ``run.store_batch`` a transaction (``Store.add_many``)."""
    stream = iter(items)
    while batch := list(islice(stream, run.store_batch)):
        results = store_batch(store, batch)
        failed = next(
            (r for r in results if isinstance(r, StoreError) and not isinstance(r, ArticleNotStored)), None
        )
        if failed is not None:  # the database failed: none of them is stored
            say(run.console, str(failed))
        for item, result in zip(batch, results, strict=True):
            if result is None:
                report_failure(item, run.tally, run.console)
            else:
                _count_stored(item, result, run)


def _count_stored(coded: CodedArticle, result: bool | StoreError, run: StoreRun) -> None:
    tally, console = run.tally, run.console
    article = coded.article
    if isinstance(result, ArticleNotStored):
        tally.not_stored.append(article.id)
        tally.skipped.append((article.origin or article.id, f"not stored: {result.reason}"))
        say(console, str(result))
    elif isinstance(result, StoreError):
        tally.failed.append(article.id)
        tally.skipped.append((article.origin or article.id, str(result)))
    elif not result:
        tally.already_stored += 1
    else:
        tally.coded += 1
        tally.events += len(coded.events)
        if run.verbose:
            say(console, f"stored {coded.article.id} ({len(coded.events)} events)")


def fresh_articles(articles: Iterable[Article], store: StoreWriter, tally: Tally) -> Iterator[Article]:
    """Articles not stored yet (nor repeated earlier in this run), as a stream: for corpora too large to
    list, only their content hashes are kept."""
    seen: set[str] = set()
    for article in articles:
        content_hash = article.content_hash
        if content_hash in seen:
            tally.repeated += 1
        elif store.has_article(content_hash):
            tally.already_stored += 1
        else:
            seen.add(content_hash)
            yield article


def ingest_on_cluster(
    articles: Iterable[Article], store: StoreWriter, scheduler: str, run: StoreRun, max_chars: int = MAX_CHARS
) -> None:
    """Code new articles on a Dask cluster and store them as they come back, in whatever order,
    ``run.store_batch`` a transaction."""
    from sitroom.cluster import code_on_cluster

    fresh = fresh_articles(articles, store, run.tally)
    with pipeline_failures(run.tally, run.console):
        coded = code_on_cluster(fresh, scheduler, max_chars=max_chars)
        _store_batches(coded, store, run)


def parquet_on_cluster(
    articles: Iterable[Article],
    scheduler: str,
    directory: Path,
    tally: Tally,
    console: Console,
    max_chars: int,
) -> None:
    """Code articles on a Dask cluster whose workers write them as date-partitioned Parquet."""
    from sitroom.cluster import parquet_on_cluster as run

    seen: set[str] = set()

    def once(stream: Iterable[Article]) -> Iterator[Article]:
        for article in stream:
            if article.content_hash in seen:
                tally.repeated += 1
            else:
                seen.add(article.content_hash)
                yield article

    with pipeline_failures(tally, console):
        for written, events, errors in run(once(articles), scheduler, directory, max_chars=max_chars):
            tally.coded += written
            tally.events += events
            for error in errors:
                tally.failed.append(error)
                tally.skipped.append((error.split(": ", 1)[0], error.split(": ", 1)[-1]))
                say(console, error)


def load_parquet(directory: Path, store: StoreWriter, run: StoreRun) -> None:
    """Store the coded articles a ``--parquet`` cluster run wrote, ``run.store_batch`` a transaction;
    those already stored are skipped."""
    from sitroom.cluster import read_parquet

    def counted(items: Iterable[CodedArticle]) -> Iterator[CodedArticle]:
        for coded in items:
            run.tally.read += 1
            yield coded

    _store_batches(counted(read_parquet(directory)), store, run)


def summary_table(tally: Tally, db: str) -> Table:
    """The end-of-ingest summary: what was read, skipped (and why), coded and stored."""
    table = Table.grid(padding=(0, 2))
    table.title = f"ingest into {db}"
    table.add_column()
    table.add_column(justify="right")
    table.add_column(style="dim")
    table.add_row("articles read", str(tally.read), "")
    table.add_row("skipped, already stored", str(tally.already_stored), "")
    if tally.repeated:
        table.add_row(
            "skipped, repeated in input", str(tally.repeated), "same title and text as an earlier one"
        )
    table.add_row("skipped, unreadable", str(len(tally.problems)), tally.reasons())
    table.add_row("coding failed", str(len(tally.failed)), "")
    if tally.not_stored:
        table.add_row("skipped, cannot be stored", str(len(tally.not_stored)), "a value no column holds")
    if tally.warnings:
        table.add_row("read with a warning", str(len(tally.warnings)), "cut to the text budget, or not UTF-8")
    table.add_row("coded and stored", str(tally.coded), "")
    table.add_row("events stored", str(tally.events), "")
    if tally.repaired:
        table.add_row("earlier events fused", str(tally.repaired), "stored before, not fused yet")
    if tally.fused is not None:
        table.add_row("fused events in store", str(tally.fused), "reports of one event count once")
    if tally.stopped:
        table.add_row("stopped early", "", "run the same command again to code the rest")
    for where, why in tally.skipped[:SKIPPED_SHOWN]:
        table.add_row(Text(f"  skipped {where}"), "", Text(why))
    if len(tally.skipped) > SKIPPED_SHOWN:
        table.add_row(f"  … and {len(tally.skipped) - SKIPPED_SHOWN} more skipped", "", "listed above")
    return table


def stats_table(stats: StoreStats, db: str) -> Table:
    """What a store holds: totals, date span and events per type."""
    table = Table.grid(padding=(0, 2))
    table.title = db
    table.add_column()
    table.add_column(justify="right")
    table.add_row("articles", str(stats.articles))
    table.add_row("events", str(stats.events))
    table.add_row("fused events", str(stats.fused))
    if stats.first_date:
        table.add_row("event dates", f"{stats.first_date} – {stats.last_date}")
    for kind, count in stats.by_type.items():
        table.add_row(f"  {kind}", str(count))
    return table


def events_table(events: list[EventRecord]) -> Table:
    """A readable table of events, newest first; evidence is truncated (``--format json`` has it whole)."""
    table = Table(title=f"{len(events)} events")
    for name in ("date", "type", "mode", "killed", "factuality", "actor", "target", "location", "evidence"):
        table.add_column(
            name, no_wrap=name in ("date", "type"), justify="right" if name == "killed" else "left"
        )
    for stored in events:
        table.add_row(*_table_cells(stored))
    return table


def _table_cells(record: EventRecord) -> list[str]:
    event = record.event
    where = ""
    if event.location:
        where = event.location.name + (f" ({event.location.country})" if event.location.country else "")
    evidence = " ".join(event.evidence.split())
    if len(evidence) > EVIDENCE_WIDTH:
        evidence = evidence[: EVIDENCE_WIDTH - 1] + "…"
    fatalities = "" if event.fatalities is None else str(event.fatalities)
    return [
        _day_span(event.date.start, event.date.end) if event.date else "",
        event.type,
        event.mode or "",
        fatalities,
        event.factuality,
        _party(event.actor),
        _party(event.target),
        where,
        evidence,
    ]


def _day_span(start: date, end: date) -> str:
    """``2024-05-25``, ``2024-05-25–26`` or ``2024-05-25–2024-06-02``: short enough for one column."""
    if end == start:
        return start.isoformat()
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.isoformat()}–{end.day:02d}"
    return f"{start.isoformat()}–{end.isoformat()}"


def _party(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return actor.name + (f" ({actor.country})" if actor.country else "")


def mention_format(record: EventRecord) -> dict[str, Any]:
    """FORMAT.md's event object (``type``, ``actor``, ``date``, …) plus its article's provenance."""
    primary = record.primary
    extra = {
        "article_id": primary.article_id if primary else None,
        "article_hash": primary.article_hash if primary else None,
        "published": primary.published.isoformat() if primary and primary.published else None,
        "title": primary.title if primary else None,
        "url": primary.url if primary else None,
        "source": primary.outlet if primary else None,
    }
    return {**record.event.to_format(), **{k: v for k, v in extra.items() if v is not None}}


def write_json(events: list[EventRecord], out: IO[str]) -> None:
    """A JSON array of events with FORMAT.md's field names plus the article's provenance."""
    json.dump([mention_format(record) for record in events], out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(events: list[EventRecord], out: IO[str]) -> None:
    """Flat columns (``actor_name``, ``actor_country``, …), one row per event."""
    columns = [*EVENT_COLUMNS, "article_hash", "published", "title", "url"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for record in events:
        writer.writerow({key: _csv_value(value) for key, value in flat_row(record).items()})


def _csv_value(value: Any) -> Any:
    """A CSV cell: empty for None; text that a spreadsheet would run as a formula is quoted."""
    return "" if value is None else safe_cell(value)


# --- fused events ---------------------------------------------------------------------------------


def fused_format(record: EventRecord, mentions: bool = True) -> dict[str, Any]:
    """A fused event's record as FORMAT.md's fields plus the fusion fields (``fatalities_min``,
    ``factuality_counts``, ``source_names``, …), and its mentions, earliest first."""
    event, fusion = record.event, record.fusion or {}

    def part(value: Any, drop: set[str]) -> Any:
        return value.model_dump(mode="json", exclude_none=True, exclude=drop) if value is not None else None

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    data: dict[str, Any] = {
        "id": event.id, "type": event.type, "mode": event.mode,
        "acled_event_type": event.acled_event_type, "acled_sub_event_type": event.acled_sub_event_type,
        "actor": part(event.actor, {"text"}), "target": part(event.target, {"text"}),
        "location": part(event.location, set()), "date": part(event.date, {"text"}),
        "fatalities": event.fatalities, "fatalities_min": fusion.get("fatalities_min"),
        "fatalities_max": fusion.get("fatalities_max"), "factuality": event.factuality,
        "factuality_counts": fusion.get("factuality_counts", {}), "articles": fusion.get("articles", 0),
        "sources": fusion.get("sources", 0), "source_names": fusion.get("source_names", []),
        "first_seen": day(fusion.get("first_seen")), "last_seen": day(fusion.get("last_seen")),
        "mention_ids": [source.event_id for source in record.sources],
    }  # fmt: skip
    data = {key: value for key, value in data.items() if value is not None}
    if mentions and record.sources:
        data["mentions"] = [_mention_ref(source) for source in record.sources]
    return data


def _mention_ref(source: Any) -> dict[str, Any]:
    """One report of a fused event: where it was read and the words that state it."""
    ref = {
        "id": source.event_id, "article_id": source.article_id, "source": source.outlet,
        "published": source.published.isoformat() if source.published else None, "title": source.title,
        "url": source.url, "type": source.type, "factuality": source.factuality,
        "fatalities": source.fatalities, "evidence": source.evidence,
    }  # fmt: skip
    return {"source": None, "published": None} | {k: v for k, v in ref.items() if v is not None}


def fused_table(events: list[EventRecord]) -> Table:
    """A readable table of fused events, newest first, with how many reports and sources tell each."""
    table = Table(title=f"{len(events)} fused events")
    columns = ("id", "date", "type", "mode", "killed", "factuality", "actor", "target", "location", "reports",
               "sources")  # fmt: skip
    for name in columns:
        table.add_column(
            name,
            no_wrap=name in ("id", "date", "type"),
            justify="right" if name in ("killed", "reports", "sources") else "left",
        )
    for record in events:
        table.add_row(*_fused_cells(record))
    return table


def _where(record: EventRecord) -> str:
    location = record.event.location
    if location is None:
        return ""
    return location.name + (f" ({location.country})" if location.country else "")


def _disputed(record: EventRecord) -> bool:
    """Whether the mentions disagree on whether (or how surely) it happened."""
    return len((record.fusion or {}).get("factuality_counts", {})) > 1


def _fused_cells(record: EventRecord) -> list[str]:
    event = record.event
    return [
        event.id,
        _fused_day(record),
        event.type,
        event.mode or "",
        _figure(record),
        event.factuality + ("*" if _disputed(record) else ""),
        _party(event.actor),
        _party(event.target),
        _where(record),
        str(len(record.sources)),
        str((record.fusion or {}).get("sources", 0)),
    ]


def _fused_day(record: EventRecord) -> str:
    span = record.event.date
    if span is None:
        return ""
    day = _day_span(span.start, span.end)
    return f"{day} (published)" if span.precision == "published" else day


def _figure(record: EventRecord) -> str:
    """``19`` or ``19 (6–19)`` when reports gave different figures."""
    fatalities = record.event.fatalities
    if fatalities is None:
        return ""
    fusion = record.fusion or {}
    low, high = fusion.get("fatalities_min"), fusion.get("fatalities_max")
    if low != high:
        return f"{fatalities} ({low}–{high})"
    return str(fatalities)


def print_fused_event(record: EventRecord, console: Console) -> None:
    """One fused event: its fields, then every report of it with its source, day and evidence."""
    event, fusion = record.event, record.fusion or {}
    head = Table.grid(padding=(0, 2))
    head.title = f"event {event.id}"
    head.add_column(style="bold")
    head.add_column()
    counts = ", ".join(f"{name} {count}" for name, count in fusion.get("factuality_counts", {}).items())
    articles, outlets = fusion.get("articles", 0), fusion.get("sources", 0)
    reports = f"{len(record.sources)} in {articles} articles from {outlets} sources"
    rows = [
        ("type", event.type + (f" / {event.mode}" if event.mode else "")),
        ("date", _fused_day(record)),
        ("actor", _party(event.actor)),
        ("target", _party(event.target)),
        ("location", _where(record)),
        ("killed", _figure(record)),
        ("factuality", event.factuality + (f"  (reports: {counts})" if _disputed(record) else "")),
        ("reports", reports),
        ("seen", f"{fusion.get('first_seen') or '?'} – {fusion.get('last_seen') or '?'}"),
    ]
    for name, value in rows:
        if value:
            head.add_row(name, Text(value))
    console.print(head)
    table = Table(title="reports, earliest first", show_lines=True)
    for name in ("published", "source", "article", "type", "factuality", "killed", "evidence"):
        justify = "right" if name == "killed" else "left"
        table.add_column(name, no_wrap=name == "published", justify=justify)
    for source in record.sources:
        table.add_row(
            source.published.isoformat() if source.published else "",
            Text(source.outlet or ""),
            Text(source.article_id),
            source.type or "",
            source.factuality or "",
            "" if source.fatalities is None else str(source.fatalities),
            Text(" ".join((source.evidence or "").split())),
        )
    console.print(table)


def write_fused_json(events: list[EventRecord] | EventRecord, out: IO[str]) -> None:
    """Fused events (or one) as JSON: FORMAT.md's field names, the fusion fields, and each one's mentions."""
    many = isinstance(events, list)
    data = [fused_format(record) for record in events] if many else fused_format(events)
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_fused_csv(events: list[EventRecord], out: IO[str]) -> None:
    """Flat columns, one row per fused event; ``mention_ids`` space-separated, earliest first."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FUSED_COLUMNS, "mention_ids"])
    for record in events:
        data = fused_format(record, mentions=False)
        flat = {**data, "factuality_counts": json.dumps(data.get("factuality_counts", {})),
                "source_names": json.dumps(data.get("source_names", []), ensure_ascii=False),
                "mentions": len(record.sources)}  # fmt: skip
        for group in ("actor", "target", "location", "date"):
            for name, value in (data.get(group) or {}).items():
                flat[f"{group}_{name}"] = value
        ids = " ".join(data["mention_ids"])
        writer.writerow([_csv_value(flat.get(column)) for column in FUSED_COLUMNS] + [ids])

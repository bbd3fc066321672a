"""The ``sitroom`` command: parse arguments, call ingest/pipeline/store, print. Nothing else.

Exit codes: 0 clean, 1 some inputs could not be read or coded (the rest were), 2 bad usage (a missing
input, an unusable store, a bad flag). Only this module turns sitroom's errors into messages and codes;
the work itself is in ``cli_utils.py`` (coding) and ``cli_store.py`` (storing, printing stored events).
The commands that use the store import it inside them, so that ``sitroom code`` starts without it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from sitroom import cli_utils
from sitroom.cli_options import (
    USAGE_ERROR,
    ActorName,
    Country,
    Db,
    MinFatalities,
    Since,
    Until,
    parse_date,
)
from sitroom.cli_serve import register
from sitroom.cli_watch import register as register_watch
from sitroom.errors import SitroomError
from sitroom.ingest import read_articles
from sitroom.pipeline import MAX_CHARS, MAX_CHARS_ENV, MAX_CHARS_LIMIT, MIN_CHARS
from sitroom.store import DEFAULT_PATH, WRITE_BATCH, WRITE_MEMORY, open_store

if TYPE_CHECKING:
    from sitroom.store import Store

app = typer.Typer(
    help="Code news articles into PLOVER political and conflict events, store them and query them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


def parse_near(value: str) -> tuple[float, float, float]:
    """``LAT,LON,KM`` → a circle on the map."""
    try:
        lat, lon, km = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not LAT,LON,KM (e.g. 49.99,36.23,50)") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise typer.BadParameter(f"{value!r}: latitude, longitude or radius out of range")
    return lat, lon, km


class OutputFormat(StrEnum):
    """How ``sitroom events`` prints."""

    table = "table"
    json = "json"
    csv = "csv"


Inputs = Annotated[
    list[str],
    typer.Argument(
        metavar="INPUT",
        help="Files (.jsonl .txt .md .html .htm), directories (read recursively) or - for stdin.",
        show_default=False,
    ),
]
Published = Annotated[
    date | None,
    typer.Option(parser=parse_date, metavar="DATE", help="Publication day for inputs that state none."),
]


class DetectVariant(StrEnum):
    """``coding.detect.DETECT_VARIANTS`` (not imported here: the CLI starts without loading spaCy)."""

    rules = "rules"
    combined = "combined"
    learned = "learned"


Workers = Annotated[int | None, typer.Option(min=1, help="Worker processes for coding. [default: all cores]")]
StoreBatch = Annotated[
    int,
    typer.Option(
        min=1,
        max=1000,  # a batch's fused events are deleted by a list of ids: under PostgreSQL's 65,535
        metavar="N",
        help="Coded articles stored a transaction: more store faster; a crash loses the batch not yet "
        "stored, which the next run codes again.",
    ),
]
MaxChars = Annotated[
    int,
    typer.Option(
        min=MIN_CHARS,
        max=MAX_CHARS_LIMIT,
        envvar=MAX_CHARS_ENV,
        metavar="N",
        help="Per-article text budget in characters: a longer text is cut at a paragraph or sentence "
        "break, with a warning.",
    ),
]


def _stderr() -> Console:
    """Built per call: under test runners sys.stderr changes between invocations."""
    return Console(stderr=True, highlight=False)


@contextmanager
def _usage_errors(console: Console) -> Iterator[None]:
    """Turn a missing input or an unusable store into one line on stderr and exit code 2."""
    try:
        yield
    except SitroomError as exc:
        cli_utils.say(console, f"error: {exc}")
        raise typer.Exit(USAGE_ERROR) from exc


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """The ``-o`` file, or stdout; a reader that stops early (``| head``) ends the run quietly."""
    if path is not None and str(path) != "-":
        try:
            out = path.open("w", encoding="utf-8")
        except OSError as exc:
            raise typer.BadParameter(f"cannot write {path}: {exc.strerror}", param_hint="'--output'") from exc
        with out:
            yield out
        return
    try:
        yield sys.stdout
    except BrokenPipeError:
        # Point stdout at /dev/null so that Python's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None


@app.command()
def code(
    inputs: Inputs,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="OUT.jsonl", help="Write here, not stdout.")
    ] = None,
    published: Published = None,
    workers: Workers = None,
    detect: Annotated[
        DetectVariant,
        typer.Option(help="The detect stage: rules alone, rules checked by the model, or the model alone."),
    ] = DetectVariant.combined,
    max_chars: MaxChars = MAX_CHARS,
) -> None:
    """Code articles and print one JSON line per article (FORMAT.md's system format)."""
    console = _stderr()
    tally = cli_utils.Tally()
    with _usage_errors(console):
        items = read_articles(inputs, published)
    articles = cli_utils.articles_only(items, tally, console, max_chars)
    with _output(output) as out:
        cli_utils.code_to_stream(articles, out, workers, tally, console, detect.value, max_chars)
    raise typer.Exit(tally.exit_code)


class IngestEngine(StrEnum):
    """Where ``sitroom ingest`` codes: this machine's cores, or a Dask cluster."""

    local = "local"
    dask = "dask"


@app.command()
def ingest(
    inputs: Inputs,
    db: Db = DEFAULT_PATH,
    published: Published = None,
    workers: Workers = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Report each stored article.")] = False,
    max_chars: MaxChars = MAX_CHARS,
    engine: Annotated[
        IngestEngine, typer.Option(help="Code on this machine, or on a Dask cluster (--scheduler).")
    ] = IngestEngine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            envvar="DASK_SCHEDULER_ADDRESS", metavar="ADDRESS", help="The Dask scheduler, tcp://host:8786."
        ),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="With --engine dask: the workers write coded articles here (date-partitioned Parquet, for "
            "`sitroom load`) instead of the store.",
        ),
    ] = None,
    store_batch: StoreBatch = WRITE_BATCH,
) -> None:
    """Code articles and store them with their events; articles already stored are skipped uncoded.

    Each article is coded on its own and stored as soon as --store-batch of them are coded, in one
    transaction: one that cannot be stored (a date out of range, a value no column holds) is reported
    with its reason and skipped, and the run goes on."""
    from sitroom import cli_store

    console = _stderr()
    tally = cli_utils.Tally()
    if engine is IngestEngine.dask and not scheduler:
        raise typer.BadParameter("--engine dask needs --scheduler ADDRESS", param_hint="'--scheduler'")
    if parquet is not None and engine is not IngestEngine.dask:
        raise typer.BadParameter("--parquet needs --engine dask", param_hint="'--parquet'")
    with _usage_errors(console):
        items = read_articles(inputs, published)
        if parquet is not None:
            stream = cli_utils.articles_only(items, tally, console, max_chars)
            cli_store.parquet_on_cluster(stream, scheduler or "", parquet, tally, console, max_chars)
            console.print(cli_store.summary_table(tally, str(parquet)))
            raise typer.Exit(tally.exit_code)
        store = open_store(db, memory=WRITE_MEMORY)

    run = cli_store.StoreRun(tally, console, verbose, store_batch)

    def work(store: Store) -> None:
        if engine is IngestEngine.dask:
            stream = cli_utils.articles_only(items, tally, console, max_chars)
            cli_store.ingest_on_cluster(stream, store, scheduler or "", run, max_chars)
        else:
            cli_store.ingest(items, store, workers, run, max_chars)

    _store_and_report(store, work, tally, console)


@app.command()
def load(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="What `sitroom ingest --parquet DIR` wrote.")
    ],
    db: Db = DEFAULT_PATH,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Report each stored article.")] = False,
    store_batch: StoreBatch = WRITE_BATCH,
) -> None:
    """Store the coded articles a cluster run wrote as Parquet and fuse them; loading twice is harmless."""
    from sitroom import cli_store

    console = _stderr()
    tally = cli_utils.Tally()
    if not directory.is_dir():
        raise typer.BadParameter(f"{directory} is not a folder", param_hint="'DIR'")
    with _usage_errors(console):
        store = open_store(db, memory=WRITE_MEMORY)

    def work(opened: Store) -> None:
        cli_store.load_parquet(directory, opened, cli_store.StoreRun(tally, console, verbose, store_batch))

    _store_and_report(store, work, tally, console)


def _store_and_report(
    store: Store, work: Callable[[Store], None], tally: cli_utils.Tally, console: Console
) -> NoReturn:
    """What ``ingest`` and ``load`` share: fuse what an older or interrupted run left unfused, store
    (``work``), count the fused events, print the summary and exit with the tally's code."""
    from sitroom import cli_store

    with store:
        with _usage_errors(console):
            tally.repaired = store.fuse_pending()
        work(store)
        tally.fused = store.stats().fused
        name = store.path
    console.print(cli_store.summary_table(tally, name))
    raise typer.Exit(tally.exit_code)


@app.command()
def events(
    type: Annotated[str | None, typer.Option("--type", help="A PLOVER event type, e.g. ASSAULT.")] = None,
    country: Country = None,
    actor: ActorName = None,
    since: Since = None,
    until: Until = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    limit: Annotated[int | None, typer.Option(min=1, metavar="N")] = None,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="List each article's coded events (mentions), not fused ones.")
    ] = False,
    factuality: Annotated[
        str | None, typer.Option(help="asserted, alleged, expected, hypothetical or denied.")
    ] = None,
    min_fatalities: MinFatalities = None,
    near: Annotated[
        str | None, typer.Option(metavar="LAT,LON,KM", help="Events located within KM of a point.")
    ] = None,
    db: Db = DEFAULT_PATH,
) -> None:
    """List stored events, newest first: fused events (one per real-world event) unless --mentions."""
    from sitroom import cli_store
    from sitroom.store import EventQuery

    query = EventQuery(
        types=(type,) if type else (), country=country, actor=actor, since=since, until=until,
        factuality=(factuality,) if factuality else (), min_fatalities=min_fatalities,
        near=parse_near(near) if near else None,
    )  # fmt: skip
    with _usage_errors(_stderr()), open_store(db, read_only=True) as store:
        reader = store.reader(fused=not mentions)
        try:
            found = reader.page(query, limit=limit)[1] if limit else list(reader.records(query))
        finally:
            reader.close()
    with _output(None) as out:
        if mentions:
            if format is OutputFormat.json:
                cli_store.write_json(found, out)
            elif format is OutputFormat.csv:
                cli_store.write_csv(found, out)
            else:
                cli_utils.stdout_console().print(cli_store.events_table(found))
        elif format is OutputFormat.json:
            cli_store.write_fused_json(found, out)
        elif format is OutputFormat.csv:
            cli_store.write_fused_csv(found, out)
        else:
            cli_utils.stdout_console().print(cli_store.fused_table(found))


class EventFormat(StrEnum):
    """How ``sitroom event`` prints."""

    text = "text"
    json = "json"


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="A fused event's id or a mention's.")],
    format: Annotated[EventFormat, typer.Option("--format", "-f")] = EventFormat.text,
    db: Db = DEFAULT_PATH,
) -> None:
    """Show one fused event with every report of it: sources, dates, figures and evidence."""
    from sitroom import cli_store

    console = _stderr()
    with _usage_errors(console), open_store(db, read_only=True) as store:
        reader = store.reader(fused=True)
        try:
            fused = reader.event(event_id)
        finally:
            reader.close()
    if fused is None:
        cli_utils.say(console, f"error: no event {event_id!r} in {db} (ids are listed by `sitroom events`)")
        raise typer.Exit(USAGE_ERROR)
    with _output(None) as out:
        if format is EventFormat.json:
            cli_store.write_fused_json(fused, out)
        else:
            cli_store.print_fused_event(fused, cli_utils.stdout_console())


@app.command()
def fuse(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Drop every fused event and fuse all mentions again.")
    ] = False,
    db: Db = DEFAULT_PATH,
) -> None:
    """Fuse stored mentions into events: those not fused yet, or all of them with --rebuild."""
    console = _stderr()
    with _usage_errors(console), open_store(db, create=False) as store:
        done = store.refuse() if rebuild else store.fuse_pending()
        fused = store.stats().fused
    cli_utils.say(console, f"fused {done} mentions; {fused} fused events in {db}")


@app.command()
def stats(db: Db = DEFAULT_PATH) -> None:
    """Show how many articles and events a store holds, by event type."""
    from sitroom import cli_store

    with _usage_errors(_stderr()), open_store(db, read_only=True) as store:
        numbers = store.stats()
    cli_utils.stdout_console().print(cli_store.stats_table(numbers, str(db)))


register(app)  # the situation room: `sitroom serve` and `sitroom export` (cli_serve.py)
register_watch(app)  # live: `sitroom watch`, `sitroom sources`, `sitroom fetch` (cli_watch.py)

if __name__ == "__main__":
    app()

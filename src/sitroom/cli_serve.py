"""``sitroom serve`` and ``sitroom export``: the situation room's two commands, registered on the main app.

``cli.py`` calls :func:`register`; the work is in ``sitroom.api`` (the web app, its data access) and
``sitroom.export`` (the formats). Exit codes as in ``cli.py``: 0 done, 2 bad usage or an unusable store.

    $ sitroom serve --db sitroom.duckdb --token s3cret
    $ sitroom export --format acled -o events.csv --country UKR --since 2024-05-01
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from sitroom.cli_options import USAGE_ERROR, ActorName, Country, Db, MinFatalities, Since, Until
from sitroom.errors import SitroomError
from sitroom.export import ExportFormat
from sitroom.store import DEFAULT_PATH

if TYPE_CHECKING:
    from sitroom.watch.serving import WatchPlan

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _fail(message: str) -> typer.Exit:
    Console(stderr=True, highlight=False).print(f"error: {message}", markup=False, soft_wrap=True)
    return typer.Exit(USAGE_ERROR)


def serve(
    db: Db = DEFAULT_PATH,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="SITROOM_TOKEN",
            help="Token that ingest (POST /api/articles) requires; without one the store is read-only.",
            show_default=False,
        ),
    ] = None,
    private: Annotated[bool, typer.Option(help="Reads need the token too.")] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME",
            help="Another name this server answers to (a reverse proxy's, say); repeatable; * for any. "
            "By default only the address it listens on.",
        ),
    ] = None,
    max_chars: Annotated[
        int | None,
        typer.Option(
            envvar="SITROOM_MAX_CHARS",
            metavar="N",
            help="Per-article text budget of ingest, in characters [default: 100,000].",
            show_default=False,
        ),
    ] = None,
    watch: Annotated[
        Path | None,
        typer.Option(
            "--watch",
            metavar="SOURCES",
            help="Watch these sources (sources.yaml or OPML) inside the server.",
            show_default=False,
        ),
    ] = None,
    alerts: Annotated[
        Path | None,
        typer.Option("--alerts", metavar="RULES", help="Alert rules (YAML) for --watch.", show_default=False),
    ] = None,
) -> None:
    """Serve the situation room (map, timeline, table, network, ingest) and its API on the store."""
    if private and not token:
        raise _fail("--private needs a token (--token or SITROOM_TOKEN)")
    try:
        import uvicorn

        from sitroom.api import create_app
        from sitroom.api.guard import served_hosts

        hosts = served_hosts(host, allow_host or ())
        plan = _watch_plan(watch, alerts)
        app = create_app(db, token=token, private=private, hosts=hosts, max_chars=max_chars, watch=plan)
    except (SitroomError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    console = Console(stderr=True, highlight=False)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    console.print(
        f"situation room on {url}  (API reference: {url}docs; Ctrl-C stops)", markup=False, soft_wrap=True
    )
    if host not in LOOPBACK and not private:
        console.print("warning: listening beyond this machine with open reads; use --private", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _watch_plan(watch: Path | None, alerts: Path | None) -> WatchPlan | None:
    """The sources and rules of ``--watch`` and ``--alerts``, checked before the server starts."""
    if watch is None:
        if alerts is not None:
            raise ValueError("--alerts needs --watch SOURCES")
        return None
    from sitroom.watch.alerts import load_rules
    from sitroom.watch.serving import WatchPlan
    from sitroom.watch.sources import load_sources

    console = Console(stderr=True, highlight=False)
    rules = load_rules(alerts) if alerts is not None else []
    return WatchPlan(
        load_sources(watch), rules, lambda line: console.print(line, markup=False, soft_wrap=True)
    )


def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write here, not stdout.")
    ] = None,
    db: Db = DEFAULT_PATH,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type(s), comma-separated.")] = None,
    country: Country = None,
    actor: ActorName = None,
    since: Since = None,
    until: Until = None,
    factuality: Annotated[str | None, typer.Option(help="Factuality value(s), comma-separated.")] = None,
    min_fatalities: MinFatalities = None,
    q: Annotated[str | None, typer.Option("--q", "--text", help="Free text: every word must occur.")] = None,
    country_level: Annotated[
        bool, typer.Option(help="GeoJSON: keep events located only to a country (null geometry).")
    ] = False,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="Export each article's coded events, not fused events.")
    ] = False,
) -> None:
    """Export stored events as PLOVER JSON lines, ACLED CSV, GDELT TSV, GeoJSON or Parquet.

    Fused events (one per real-world event, every report as a source) when the store has them."""
    from sitroom.api.data import EventSource
    from sitroom.export import write_export
    from sitroom.models import FACTUALITY, PLOVER_TYPES
    from sitroom.store import EventQuery

    types = tuple(part.strip().upper() for part in (type or "").split(",") if part.strip())
    facts = tuple(part.strip().lower() for part in (factuality or "").split(",") if part.strip())
    if bad := [kind for kind in types if kind not in PLOVER_TYPES]:
        raise typer.BadParameter(f"unknown type {', '.join(bad)}", param_hint="'--type'")
    if bad := [value for value in facts if value not in FACTUALITY]:
        raise typer.BadParameter(f"unknown factuality {', '.join(bad)}", param_hint="'--factuality'")
    if format is ExportFormat.parquet and (output is None or str(output) == "-"):
        raise typer.BadParameter("Parquet is binary: give a file with -o", param_hint="'--output'")
    query = EventQuery(
        types=types, country=country.upper() if country else None, actor=actor, since=since, until=until,
        factuality=facts, min_fatalities=min_fatalities, q=q,
    )  # fmt: skip
    try:
        source = EventSource(db, fused=False if mentions else None)
    except SitroomError as exc:
        raise _fail(str(exc)) from exc
    with source:
        try:
            if format is ExportFormat.parquet:
                count = source.write_parquet(query, output)
            elif output is None or str(output) == "-":
                count = write_export(format.value, source.records(query), sys.stdout, country_level)
            else:
                with output.open("w", encoding="utf-8", newline="") as out:
                    count = write_export(format.value, source.records(query), out, country_level)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror}") from exc
        except SitroomError as exc:
            raise _fail(str(exc)) from exc
    where = f" to {output}" if output is not None and str(output) != "-" else ""
    message = f"exported {count} events as {format.value}{where}"
    Console(stderr=True, highlight=False).print(message, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``export`` to the ``sitroom`` command."""
    app.command()(serve)
    app.command()(export)

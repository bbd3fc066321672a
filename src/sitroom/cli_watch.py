"""``sitroom watch``, ``sitroom sources`` and ``sitroom fetch``: the live commands, registered on the
main app.

``cli.py`` calls :func:`register`; the work is in ``sitroom.watch``. Exit codes as in ``cli.py``: 0 done,
1 some source or article failed (``--once``), 2 bad usage, an unusable store or one another process holds.

    $ sitroom watch sources.yaml --db sitroom.duckdb --alerts alerts.yaml
    $ sitroom watch sources.yaml --once            # cron: poll each source once, then exit
    $ sitroom sources --db sitroom.duckdb
    $ sitroom fetch https://example.org/news/story.html
"""

from __future__ import annotations

import json
import signal
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from sitroom.cli_options import USAGE_ERROR, Db
from sitroom.errors import SitroomError
from sitroom.store import DEFAULT_PATH, WRITE_MEMORY

SourcesFile = Annotated[
    Path, typer.Argument(metavar="SOURCES", help="Sources to watch: sources.yaml, or an OPML file.")
]
Alerts = Annotated[
    Path | None, typer.Option("--alerts", metavar="RULES", help="Alert rules (YAML).", show_default=False)
]


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _fail(message: str) -> typer.Exit:
    _stderr().print(f"error: {message}", markup=False, soft_wrap=True)
    return typer.Exit(USAGE_ERROR)


def watch(
    sources_file: SourcesFile,
    db: Db = DEFAULT_PATH,
    alerts: Alerts = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, then exit.")] = False,
    workers: Annotated[
        int, typer.Option(min=1, help="Coding processes, kept loaded between polls (1: in this process).")
    ] = 1,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Report each stored article.")] = False,
) -> None:
    """Keep the store current from the sources, and deliver the alerts the rules ask for.

    Runs until stopped (Ctrl-C, SIGTERM), or with --once until every source was polled once. The store
    has one writer: to watch a store that `sitroom serve` holds, run `sitroom serve --watch SOURCES`."""
    from sitroom.store import Store, is_postgres
    from sitroom.watch.alerts import load_rules
    from sitroom.watch.sources import load_sources
    from sitroom.watch.watcher import Watcher

    console = _stderr()
    if is_postgres(db):
        raise _fail("sitroom watch keeps its books in a DuckDB store: a PostgreSQL one cannot be watched yet")
    try:
        sources = load_sources(sources_file)
        rules = load_rules(alerts) if alerts is not None else []
        store = Store(db, memory=WRITE_MEMORY)
    except SitroomError as exc:
        raise _fail(str(exc)) from exc

    def say(message: str) -> None:
        console.print(message, markup=False, soft_wrap=True)

    failed = False
    with store, Watcher(store, sources, rules, workers=workers, say=say, verbose=verbose) as watcher:
        signal.signal(signal.SIGTERM, lambda *_: watcher.stop.set())
        say(
            f"watching {len(sources)} sources into {db}"
            + (f" with {len(rules)} alert rules" if rules else "")
        )
        try:
            reports = watcher.run(once=once)
        except KeyboardInterrupt:
            reports = []
        except SitroomError as exc:
            raise _fail(str(exc)) from exc
        failed = any(report.error or report.errors for report in reports)
    raise typer.Exit(1 if once and failed else 0)


def sources(
    db: Db = DEFAULT_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per source.")] = False,
) -> None:
    """How each watched source is doing: last success, last error, articles seen, events found."""
    from sitroom.store import Store
    from sitroom.store.watch import source_rows

    try:
        with Store(db, read_only=True) as store:  # a missing store is a StoreError that says so
            rows = source_rows(store)
    except SitroomError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
        return
    if not rows:
        _stderr().print(f"{db} has no watched sources (sitroom watch SOURCES --db {db})", markup=False)
        return
    table = Table("source", "kind", "last success", "last error", "failures", "items", "articles", "events")
    for row in rows:
        error = f"{_when(row.last_error_at)}: {_short(row.last_error)}" if row.last_error else ""
        table.add_row(
            row.name, row.kind, _when(row.last_success), error, str(row.failures), str(row.seen),
            str(row.articles), str(row.events),
        )  # fmt: skip
    Console(highlight=False, width=max(160, Console().width)).print(table)


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "never"


def fetch(
    url: Annotated[str, typer.Argument(help="An http(s) page to code.")],
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow a private, loopback or link-local address.")
    ] = False,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds the fetch may take in all.")] = 20.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the coded article as a JSON line.")] = False,
) -> None:
    """Fetch one page, code it, and print its events (nothing is stored)."""
    from sitroom.ingest import html_article
    from sitroom.models import Article
    from sitroom.watch.fetch import Fetcher, Policy

    fetcher = Fetcher()
    try:
        page = fetcher.get(url, Policy(timeout=timeout, retries=1, allow_private=allow_private))
        found = html_article(page.body, page.url, "fetched", None)
    except SitroomError as exc:
        raise _fail(str(exc)) from exc
    finally:
        fetcher.close()
    if not isinstance(found, Article):
        raise _fail(f"{page.url}: no article text ({found})")
    from sitroom.pipeline import code_articles

    article = found.model_copy(update={"url": page.url})
    coded = next(iter(code_articles([article], workers=1)))
    if coded.error is not None:
        raise _fail(f"{page.url}: {coded.error}")
    if as_json:
        sys.stdout.write(json.dumps(coded.to_format(), ensure_ascii=False) + "\n")
        return
    _print_events(article, coded.to_format())


def _print_events(article: Any, coded: dict[str, Any]) -> None:
    console = Console(highlight=False)
    console.print(f"{article.title or article.url}  ({len(coded['events'])} events)", markup=False)
    table = Table("type", "actor", "target", "where", "when", "killed", "factuality")
    for event in coded["events"]:
        table.add_row(
            str(event.get("type", "")),
            _name(event.get("actor")), _name(event.get("target")), _name(event.get("location")),
            str((event.get("date") or {}).get("start") or ""), str(event.get("fatalities") or ""),
            str(event.get("factuality") or ""),
        )  # fmt: skip
    console.print(table)


def _name(party: dict[str, Any] | None) -> str:
    return str(party.get("name") or "") if party else ""


def register(app: typer.Typer) -> None:
    """Add ``watch``, ``sources`` and ``fetch`` to the ``sitroom`` command."""
    app.command()(watch)
    app.command()(sources)
    app.command()(fetch)

"""Options shared by the ``sitroom`` commands (``cli.py``) and ``serve``/``export`` (``cli_serve.py``).

One definition each, so every command names, parses and documents a filter the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from sitroom.models import iso_day

USAGE_ERROR = 2


def parse_date(value: str) -> date:
    """An ISO day (a datetime's day part is kept, as for article dates)."""
    try:
        return iso_day(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (expected YYYY-MM-DD)") from exc


Db = Annotated[
    str,
    typer.Option(
        "--db", envvar="SITROOM_DB", help="The store: a DuckDB file, or a PostgreSQL server (postgresql://…)."
    ),
]
Country = Annotated[str | None, typer.Option(metavar="ISO3", help="Actor, target or location country.")]
ActorName = Annotated[str | None, typer.Option(metavar="NAME", help="Part of the actor's or target's name.")]
Since = Annotated[date | None, typer.Option(parser=parse_date, metavar="DATE")]
Until = Annotated[date | None, typer.Option(parser=parse_date, metavar="DATE")]
MinFatalities = Annotated[int | None, typer.Option(min=0, metavar="N")]

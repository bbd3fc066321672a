"""Fixtures of the store tests: ``new_db`` makes empty databases on each engine the tests run against."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from postgres_server import drop_database, new_database, running_server, server_binaries

NewDb = Callable[[], str]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a real PostgreSQL server's maintenance database (started here, stopped at the end)."""
    given = os.environ.get("SITROOM_TEST_POSTGRES")
    if given:
        yield given
        return
    binaries = server_binaries()
    if binaries is None:
        if os.environ.get("SITROOM_REQUIRE_POSTGRES"):
            pytest.fail("SITROOM_REQUIRE_POSTGRES is set but no PostgreSQL server binaries are installed")
        pytest.skip("PostgreSQL is not installed here (Debian: apt-get install postgresql)")
    with running_server(binaries) as url:
        yield url


@pytest.fixture(params=["duckdb", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewDb]:
    """Make empty databases on one engine: DuckDB files, or new databases on the PostgreSQL server."""
    if request.param == "duckdb":
        numbers = iter(range(1000))
        yield lambda: str(tmp_path / f"store{next(numbers)}.duckdb")
        return
    server = request.getfixturevalue("postgres_url")
    made: list[str] = []

    def make() -> str:
        made.append(new_database(server))
        return made[-1]

    yield make
    for url in made:
        drop_database(server, url)

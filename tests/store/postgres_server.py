"""A real PostgreSQL server for the tests: initdb in a temporary folder, started on a free loopback port.

Tests that run against both engines ask the ``new_db`` fixture (``conftest.py`` beside this file) for an empty
database: a DuckDB file, or a new database on this server. The server is started once per test session
from the machine's own binaries (Debian's ``postgresql`` package, which ``.ci/run`` installs); as root it
runs as the ``postgres`` user, because PostgreSQL refuses to run as root. ``SITROOM_TEST_POSTGRES`` (a
``postgresql://`` URL) uses a server that is already running instead. Without the binaries the PostgreSQL
half of those tests is skipped, unless ``SITROOM_REQUIRE_POSTGRES`` is set (CI sets it): then it fails.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

_numbers = itertools.count()


def server_binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or None when PostgreSQL is absent."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve()] if found else []
    candidates += [Path(path) for path in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)]
    for initdb in candidates:
        if (initdb.parent / "pg_ctl").exists():
            return initdb.parent
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(binaries: Path) -> Iterator[str]:
    """Start a throwaway cluster; yields the URL of its ``postgres`` database, and stops it after."""
    root = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL will not run as root
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()
    pg_ctl = str(binaries / "pg_ctl")
    try:
        initdb = [str(binaries / "initdb"), "-D", str(data), "-U", "sitroom", "--auth=trust", "-E", "UTF8"]
        subprocess.run([*as_user, *initdb, "--no-sync"], check=True, capture_output=True)
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-l", str(root / "server.log"), "-w", "-o", options, "start"],
            check=True, capture_output=True,
        )  # fmt: skip
        yield f"postgresql://sitroom@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def new_database(server_url: str) -> str:
    """A new, empty database on the server; its URL."""
    name = f"sitroom_test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(server_url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def drop_database(server_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(server_url, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

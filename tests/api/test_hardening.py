"""Issue #12 on a real server: what a hostile page, client or article cannot make the situation room do.

Each test names the claim of docs/security.md it proves.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import pytest
from conftest import TOKEN, LiveServer, free_port

from sitroom.api import create_app
from sitroom.api.app import SECURITY_HEADERS
from sitroom.api.guard import FAILED_TOKEN_LIMIT, MIN_TOKEN_LENGTH, public, served_hosts
from sitroom.api.routes.export import TEMP_PREFIX, ExportAbandoned, export_file
from sitroom.store import EventQuery, rollups

JSON = {"Content-Type": "application/json"}
FORMULA = '=HYPERLINK("http://evil.example","click")'


def raw_get(server: LiveServer, path: str, host: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    reply = connection.getresponse()
    result = reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    connection.close()
    return result


def has_security_headers(headers: dict[str, str]) -> bool:
    lower = {k.lower(): v for k, v in headers.items()}
    return all(lower.get(name.lower()) == value for name, value in SECURITY_HEADERS.items())


# --- who may read and write -----------------------------------------------------------------------------


def test_a_foreign_host_name_is_refused(server: LiveServer) -> None:
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 gets nothing."""
    status, headers, body = raw_get(server, "/api/events", f"evil.example:{server.port}")
    assert status == 400 and has_security_headers(headers)
    assert "answers to" in json.loads(body)["detail"]
    assert raw_get(server, "/api/stats/summary", f"localhost:{server.port}")[0] == 200
    assert raw_get(server, "/api/stats/summary", f"127.0.0.1:{server.port}")[0] == 200


def test_served_hosts_default_to_the_address_served() -> None:
    assert served_hosts("127.0.0.1") == ("127.0.0.1", "::1", "localhost")
    assert served_hosts("10.1.2.3") == ("10.1.2.3",)
    assert served_hosts("10.1.2.3", ["Room.Example.org"]) == ("10.1.2.3", "room.example.org")
    assert "*" in served_hosts("127.0.0.1", ["*"])


def test_token_guessing_is_rate_limited(store_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "room.duckdb"
    shutil.copy(store_template, path)
    body = json.dumps({"text": "Troops shelled the town of Arvik on Monday."})
    with LiveServer(path, token=TOKEN) as live:
        for attempt in range(FAILED_TOKEN_LIMIT):
            guess = f"guess-{attempt:08d}"
            assert live.request("/api/articles", "POST", body, JSON, token=guess).status == 401
        blocked = live.request("/api/articles", "POST", body, JSON, token="guess-again-1234")
        assert blocked.status == 429 and int(blocked.headers["retry-after"]) > 0
        assert has_security_headers(blocked.headers)
        # while blocked, even the right token is not compared: guessing gains nothing
        assert live.request("/api/articles", "POST", body, JSON, token=TOKEN).status == 429
        assert live.request("/api/events").status == 200  # reads without a token go on


def test_short_tokens_are_refused(store_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "room.duckdb"
    shutil.copy(store_template, path)
    with pytest.raises(ValueError, match=f"at least {MIN_TOKEN_LENGTH}"):
        create_app(path, token="s3cret")
    env = {key: value for key, value in os.environ.items() if key != "SITROOM_TOKEN"}
    command = [sys.executable, "-m", "sitroom.cli", "serve", "--db", str(path), "--token", "s3cret",
               "--port", str(free_port())]  # fmt: skip
    refused = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "at least" in refused.stderr


def test_serve_with_a_token_leaves_a_foreign_duckdb_file_alone(tmp_path: Path) -> None:
    foreign = tmp_path / "accounts.duckdb"
    with duckdb.connect(str(foreign)) as con:
        con.execute("CREATE TABLE accounts (name VARCHAR, balance DOUBLE)")
        con.execute("INSERT INTO accounts VALUES ('ada', 12.5)")
    env = {key: value for key, value in os.environ.items() if key != "SITROOM_TOKEN"}
    command = [sys.executable, "-m", "sitroom.cli", "serve", "--db", str(foreign), "--token", TOKEN,
               "--port", str(free_port())]  # fmt: skip
    refused = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "not a sitroom store" in refused.stderr
    with duckdb.connect(str(foreign), read_only=True) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == {"accounts"}


# --- errors: clear, JSON, with the security headers, without server paths ------------------------------


def test_store_errors_in_read_routes_are_json_with_headers_and_no_paths(
    store_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "deep" / "folder" / "room.duckdb"
    path.parent.mkdir(parents=True)
    shutil.copy(store_template, path)
    with LiveServer(path, token=TOKEN) as live:
        assert live.request("/api/events").status == 200
        with duckdb.connect(str(path)) as con:  # the server's own database, from another connection
            con.execute("DROP TABLE fused_events")
            for view in rollups.TABLES:  # and the rollups the page's first view reads instead
                con.execute(f"DROP VIEW {view}")
            con.execute(f"DROP TABLE {rollups.TABLE}")
        for route in ("/api/events", "/api/stats/summary", "/api/stats/timeline", "/api/actors"):
            reply = live.request(route)
            assert reply.status == 503, (route, reply.status, reply.body[:200])
            assert has_security_headers(reply.headers)
            detail = reply.json()["detail"]
            assert "store cannot answer" in detail and str(tmp_path) not in detail
        missing = live.request("/api/articles/none")
        assert str(tmp_path) not in missing.text


def test_public_messages_hide_server_paths() -> None:
    store = Path("/srv/data/room.duckdb")
    text = f"cannot store article 'x' in {store}: Conversion Error; see /tmp/sitroom-upload-ab/x.txt"
    cleaned = public(text, [store])
    assert "/srv" not in cleaned and "/tmp" not in cleaned and "room.duckdb" in cleaned and "x.txt" in cleaned
    assert public("see https://example.org/a/b/c") == "see https://example.org/a/b/c"


# --- ingest: every article on its own, and said so --------------------------------------------------------


def test_ingest_reports_each_article_and_answers_201_only_when_one_was_stored(
    fresh_server: LiveServer,
) -> None:
    good = {"text": "Rebels attacked an army post near Goma on Monday, killing four soldiers.",
            "published": "2025-03-03", "id": "good-1"}  # fmt: skip
    huge = {"text": "Gunmen attacked the town of Mosul on Monday, killing 3000000000 people.",
            "published": "2025-03-03", "id": "huge-1"}  # fmt: skip
    zero = {"text": "Troops shelled the town of Sumy on Monday, killing 9 people.", "published": "0001-01-01",
            "id": "zero-1"}  # fmt: skip
    mixed = fresh_server.request("/api/articles", "POST", json.dumps([huge, good, zero]), JSON, token=TOKEN)
    assert mixed.status == 201, mixed.body
    report = {item["id"]: item for item in mixed.json()["articles"]}
    assert report["good-1"]["stored"] and report["zero-1"]["stored"]
    assert not report["huge-1"]["stored"] and "out of range" in report["huge-1"]["reason"]
    only_bad = fresh_server.request("/api/articles", "POST", json.dumps(huge), JSON, token=TOKEN)
    assert only_bad.status == 422 and only_bad.json()["articles"][0]["stored"] is False
    again = fresh_server.request("/api/articles", "POST", json.dumps(good), JSON, token=TOKEN)
    assert again.status == 200 and again.json()["articles"][0]["reason"] == "already stored"
    page = fresh_server.get_json(f"/api/articles/{report['good-1']['article_hash']}")
    assert page["id"] == "good-1"


def test_ingest_cuts_a_long_text_with_a_warning(store_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "room.duckdb"
    shutil.copy(store_template, path)
    budget = 2_000
    text = "Troops shelled the town of Arvik on Monday. " * 200  # 8,800 characters
    with LiveServer(path, token=TOKEN, max_chars=budget) as live:  # as `sitroom serve --max-chars 2000`
        reply = live.request("/api/articles", "POST", json.dumps({"text": text}), JSON, token=TOKEN)
        assert reply.status == 201, reply.body
        result = reply.json()
        assert result["warnings"] and "cut to" in result["warnings"][0]
        stored = live.get_json(f"/api/articles/{result['articles'][0]['article_hash']}")
        assert len(stored["text"]) <= budget


# --- exports ------------------------------------------------------------------------------------------


def test_csv_exports_neutralise_formulas(fresh_server: LiveServer) -> None:
    article = {"text": "Rebels attacked an army post near Goma on Monday, killing four soldiers.",
               "published": "2025-03-03", "title": FORMULA, "source": "+cmd|' /C calc'!A0",
               "url": "@SUM(1+1)*cmd|' /C calc'!A0"}  # fmt: skip
    reply = fresh_server.request("/api/articles", "POST", json.dumps(article), JSON, token=TOKEN)
    assert reply.status == 201, reply.body
    cells = []
    for path in ("/api/events?format=csv&limit=10000", "/api/export?format=acled"):
        cells += [cell for row in csv.reader(io.StringIO(fresh_server.request(path).text)) for cell in row]
    gdelt = fresh_server.request("/api/export?format=gdelt").text
    cells += [cell for line in gdelt.splitlines() for cell in line.split("\t")]
    assert any(FORMULA in cell for cell in cells)  # the title is there ...
    dangerous = [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]
    assert dangerous == []  # ... but no cell starts a formula
    assert all(not (cell.startswith("-") and not _number(cell)) for cell in cells)


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_exports_clean_up_their_temp_files(
    server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the server runs in this process
    for fmt in ("acled", "gdelt", "plover", "geojson", "parquet"):
        assert server.request(f"/api/export?format={fmt}").status == 200
    for _ in range(5):  # clients that go away at once, before a byte of the answer
        with socket.create_connection(("127.0.0.1", server.port)) as raw:
            request = f"GET /api/export?format=acled HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n"
            raw.sendall(request.encode())
    deadline = time.monotonic() + 10
    while list(tmp_path.glob(f"{TEMP_PREFIX}*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(tmp_path.glob(f"{TEMP_PREFIX}*")) == []


def test_an_export_stops_when_told_the_client_left(server: LiveServer, tmp_path: Path) -> None:
    source = server.server.config.app.state.data
    stop = threading.Event()
    stop.set()
    with pytest.raises(ExportAbandoned):
        export_file(source, "acled", EventQuery(), str(tmp_path / "x.csv"), False, stop)
    assert export_file(source, "acled", EventQuery(), str(tmp_path / "y.csv"), False, threading.Event()) > 0

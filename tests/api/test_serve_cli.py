"""``sitroom serve`` as a person starts it: a child process on a free loopback port, stopped with Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import NO_PROXY, TOKEN, free_port


def test_serve_starts_answers_and_stops(store_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "room.duckdb"
    shutil.copy(store_template, db)
    port = free_port()
    env = {**os.environ, "SITROOM_TOKEN": TOKEN}
    command = [sys.executable, "-m", "sitroom.cli", "serve", "--db", str(db), "--port", str(port)]
    child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with NO_PROXY.open(base + "/api/stats/summary", timeout=5) as reply:
                    summary = json.loads(reply.read())
                break
            except (urllib.error.URLError, ConnectionError):
                assert child.poll() is None, child.stderr.read()
                assert time.monotonic() < deadline, "sitroom serve did not start"
                time.sleep(0.2)
        assert summary["writable"] is True  # the token came from SITROOM_TOKEN
        request = urllib.request.Request(base + "/api/articles", data=b"{}", method="POST")
        try:
            NO_PROXY.open(request, timeout=5)
            raise AssertionError("ingest without the token was accepted")
        except urllib.error.HTTPError as error:
            assert error.code == 401
    finally:
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=30)
    assert child.returncode == 0, stderr
    assert f"http://127.0.0.1:{port}/" in stderr


def test_serve_refuses_bad_setups(tmp_path: Path) -> None:
    def serve(*args: str) -> subprocess.CompletedProcess:
        env = {key: value for key, value in os.environ.items() if key != "SITROOM_TOKEN"}
        command = [sys.executable, "-m", "sitroom.cli", "serve", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    private = serve("--db", str(tmp_path / "x.duckdb"), "--private")
    assert private.returncode == 2 and "needs a token" in private.stderr
    missing = serve("--db", str(tmp_path / "missing.duckdb"), "--port", str(free_port()))
    assert missing.returncode == 2 and "no store" in missing.stderr

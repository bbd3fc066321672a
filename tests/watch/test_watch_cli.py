"""``sitroom watch``, ``sources``, ``fetch`` and ``serve --watch`` as real processes: the store's one writer,
exit codes, and restarts after SIGTERM and SIGKILL that lose and repeat nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from watch_servers import Reply, Site, page, rss, running_site, story

SITROOM = [sys.executable, "-m", "sitroom.cli"]
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def site() -> Iterator[Site]:
    yield from running_site()


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SITROOM, *args], capture_output=True, text=True, timeout=timeout)


def write_sources(tmp_path: Path, site: Site, path: str = "/feed.xml", interval: str = "1s") -> Path:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        f"defaults: {{interval: {interval}, host_interval: 0, timeout: 5}}\n"
        f"sources:\n  - url: {site.url(path)}\n    allow_private: true\n"
    )
    return sources


def numbered(n: int) -> tuple[str, str]:
    """Distinct stories (their figures differ, so none is a copy of another)."""
    title, text = story(n)
    return f"{title} ({n + 100})", f"{text} The report was number {n + 100}."


def serve_numbered(site: Site, count: int, delay: float = 0.0, pages: bool = False) -> None:
    """A feed of ``count`` stories; with ``pages`` its entries are one-line summaries, so each story's
    page is fetched."""
    entries = [(site.url(f"/story/{n}"), *numbered(n)) for n in range(count)]
    if pages:
        entries = [(url, title, "A summary.") for url, title, _ in entries]
    site.routes["/feed.xml"] = rss(entries)
    for n in range(count):
        site.routes[f"/story/{n}"] = Reply(body=page(*numbered(n)), delay=delay)


def stored(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [row[0] for row in con.execute("SELECT url FROM articles ORDER BY url").fetchall()]


def test_watch_once_then_sources_shows_each_sources_books(site: Site, tmp_path: Path) -> None:
    serve_numbered(site, 2)
    site.routes["/bad.xml"] = Reply(status=404)
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        f"- url: {site.url('/feed.xml')}\n  allow_private: true\n  name: good wire\n"
        f"- url: {site.url('/bad.xml')}\n  allow_private: true\n  name: bad wire\n"
    )
    db = tmp_path / "s.duckdb"
    result = run("watch", str(sources), "--db", str(db), "--once")
    assert result.returncode == 1, result.stderr  # one source failed
    assert "good wire: 2 new, 2 stored" in result.stderr
    assert "bad wire: error:" in result.stderr and "HTTP 404" in result.stderr
    assert len(stored(db)) == 2
    listing = run("sources", "--db", str(db), "--json")
    rows = {row["name"]: row for row in map(json.loads, listing.stdout.splitlines())}
    assert rows["good wire"]["articles"] == 2 and rows["good wire"]["last_error"] is None
    assert rows["good wire"]["events"] > 0
    assert rows["bad wire"]["failures"] == 1 and "HTTP 404" in rows["bad wire"]["last_error"]
    assert rows["bad wire"]["last_success"] is None


def test_a_bad_sources_file_is_a_usage_error(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("- url: ftp://example.org/feed\n")
    result = run("watch", str(sources), "--db", str(tmp_path / "s.duckdb"), "--once")
    assert result.returncode == 2
    assert "sources.yaml: source 1: 'ftp://example.org/feed' is not an http(s) URL" in result.stderr
    assert not (tmp_path / "s.duckdb").exists()


def test_a_store_another_process_holds_is_refused_with_what_to_do(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from sitroom.store import Store; s = Store({str(db)!r}); "
         "print('open', flush=True); import time; time.sleep(120)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        result = run("watch", str(write_sources(tmp_path, site)), "--db", str(db), "--once")
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert f"is in use by process {holder.pid}" in result.stderr
    assert "sitroom serve --watch SOURCES" in " ".join(result.stderr.split())


def _wait_for(predicate, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
@pytest.mark.parametrize("after", [0, 1, 5])
def test_a_stopped_watcher_restarts_without_losing_or_repeating(
    site: Site, tmp_path: Path, how: signal.Signals, after: int
) -> None:
    count = 8
    serve_numbered(site, count, delay=0.2, pages=True)
    db = tmp_path / "s.duckdb"
    alerts = tmp_path / "alerts.jsonl"
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"- name: everything\n  deliver: {{file: {alerts}}}\n")
    sources = write_sources(tmp_path, site, interval="1h")
    args = ["watch", str(sources), "--db", str(db), "--alerts", str(rules)]
    process = subprocess.Popen([*SITROOM, *args, "--verbose"], stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    try:
        if after == 0:
            _wait_for(lambda: len(site.hits(f"/story/{count // 2}")) > 0)  # while fetching
        else:
            for line in process.stderr:  # after the ``after``-th article was stored
                after -= " stored " in line
                if after <= 0:
                    break
        os.kill(process.pid, how)
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if how == signal.SIGTERM:
        assert process.returncode == 0, err
    print(f"stored before the restart: {len(stored(db)) if db.exists() else 0} of {count}")
    result = run(*args, "--once")
    assert result.returncode == 0, result.stderr
    urls = stored(db)
    assert urls == sorted(site.url(f"/story/{n}") for n in range(count))
    lines = [json.loads(line) for line in alerts.read_text().splitlines()]
    assert lines, "alerts were delivered"
    assert len({line["id"] for line in lines}) == len(lines)  # none repeated
    new = [line["event_id"] for line in lines if line["kind"] == "new"]
    assert len(set(new)) == len(new)  # one "new" alert per fused event
    with duckdb.connect(str(db), read_only=True) as con:
        fused = {row[0] for row in con.execute("SELECT id FROM fused_events").fetchall()}
        undone = con.execute("SELECT count(*) FROM watch_texts WHERE NOT alerts_done").fetchone()[0]
        pending = con.execute("SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL").fetchone()[0]
    assert (undone, pending) == (0, 0)
    alerted = {line["event_id"] for line in lines}
    assert alerted <= fused | {line["event"]["id"] for line in lines}
    assert len(alerted) >= len(fused) // 2  # every fused event was considered (merges keep older ids)


def test_fetch_codes_one_page_and_refuses_a_private_address(site: Site) -> None:
    site.routes["/story"] = page(*story(0))
    refused = run("fetch", site.url("/story"))
    assert refused.returncode == 2
    assert "a private, loopback or link-local address" in refused.stderr
    result = run("fetch", site.url("/story"), "--allow-private", "--json")
    assert result.returncode == 0, result.stderr
    coded = json.loads(result.stdout)
    assert "ASSAULT" in {event["type"] for event in coded["events"]}


def test_serve_watch_runs_the_watcher_inside_the_server(site: Site, tmp_path: Path) -> None:
    from watch_servers import start_site

    serve_numbered(site, 2)
    db = tmp_path / "s.duckdb"
    sources = write_sources(tmp_path, site)
    port = start_site()  # a free port: take one from a throwaway server
    free = port.server.server_address[1]
    port.server.shutdown()
    port.server.server_close()
    server = subprocess.Popen(
        [*SITROOM, "serve", "--db", str(db), "--port", str(free), "--watch", str(sources)],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:

        def total() -> int:
            try:
                with NO_PROXY.open(f"http://127.0.0.1:{free}/api/stats/summary", timeout=2) as response:
                    return int(json.load(response).get("articles", 0))
            except OSError:
                return -1

        def changes(after: str | None = None) -> dict:  # type: ignore[type-arg]
            query = f"?after={after}" if after else ""
            with NO_PROXY.open(f"http://127.0.0.1:{free}/api/stats/changes{query}", timeout=5) as response:
                return json.load(response)

        _wait_for(lambda: total() == 2)
        cursor = changes()["cursor"]
        assert changes(cursor) == {"cursor": cursor, "articles": 0, "events": [], "more": False}
        busy = run("watch", str(sources), "--db", str(db), "--once")
        assert busy.returncode == 2 and "in use by process" in busy.stderr
        serve_numbered(site, 3)
        _wait_for(lambda: total() == 3)  # the next poll, a second later
        new = changes(cursor)  # what the page polls for: the third article's events
        assert new["articles"] == 1 and new["events"] and new["cursor"] > cursor
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)

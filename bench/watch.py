"""The watcher's rate against ``sitroom ingest`` on the same articles.

    .venv/bin/python bench/watch.py [--feeds 50] [--items 2000] [--workers 2] [--pages]

Generates ``--items`` articles (``bench/throughput.py``'s corpus), then times two real processes, each
into a new store:

  1. ``sitroom ingest articles.jsonl --workers W``;
  2. ``sitroom watch sources.yaml --once --workers W`` over ``--feeds`` RSS feeds served by a loopback
     HTTP server (the items spread evenly; each entry carries the article's text, or with ``--pages`` a
     one-line summary so that every article's page is fetched and extracted as well).

Both times include starting Python and loading the coder. Prints articles stored and articles/s of each,
and the watcher's rate as a share of ingest's. The feeds share one host, so the per-host rate limit is
set to 0 here (a real watcher waits ``host_interval`` between two requests to one host).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import duckdb

ROOT = Path(__file__).resolve().parent
SITROOM = [sys.executable, "-m", "sitroom.cli"]


def corpus(count: int) -> list:  # type: ignore[type-arg]
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "throughput.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_corpus(count)


def serve(routes: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = routes.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def feeds(articles: list, count: int, base: str, pages: bool) -> dict[str, bytes]:  # type: ignore[type-arg]
    routes: dict[str, bytes] = {}
    for number in range(count):
        entries = []
        for index in range(number, len(articles), count):
            article = articles[index]
            url = f"{base}/story/{index}"
            text = "A summary." if pages else article.text
            entries.append(
                f"<item><title>{escape(article.title or article.id)}</title><link>{url}</link>"
                f"<guid>{url}</guid><description>{escape(text)}</description></item>"
            )
            paragraphs = "".join(
                f"<p>{escape(part)}</p>" for part in article.text.split("\n") if part.strip()
            )
            routes[f"/story/{index}"] = (
                f"<html><head><title>{escape(article.title or article.id)}</title></head><body><article>"
                f"<h1>{escape(article.title or article.id)}</h1>{paragraphs}</article></body></html>"
            ).encode()
        routes[f"/feed/{number}.xml"] = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {number}</title>'
            f"<link>{base}/</link><description>bench</description>{''.join(entries)}</channel></rss>"
        ).encode()
    return routes


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run([*SITROOM, *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"sitroom {args[0]} failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed


def stored(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages", action="store_true", help="Fetch each article's page too.")
    options = parser.parse_args()
    articles = corpus(options.items)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        jsonl = work / "articles.jsonl"
        jsonl.write_text(
            "".join(json.dumps(a.model_dump(mode="json", exclude_none=True)) + "\n" for a in articles)
        )
        ingest_db = work / "ingest.duckdb"
        ingest_s = timed(["ingest", str(jsonl), "--db", str(ingest_db), "--workers", str(options.workers)])
        routes: dict[str, bytes] = {}
        server = serve(routes)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        routes.update(feeds(articles, options.feeds, base, options.pages))
        sources = work / "sources.yaml"
        lines = [f"  - url: {base}/feed/{n}.xml\n" for n in range(options.feeds)]
        sources.write_text(
            "defaults: {host_interval: 0, allow_private: true, max_items: 100000}\nsources:\n"
            + "".join(lines)
        )
        watch_db = work / "watch.duckdb"
        args = ["watch", str(sources), "--db", str(watch_db), "--once", "--workers", str(options.workers)]
        watch_s = timed(args)
        server.shutdown()
        ingest_n, watch_n = stored(ingest_db), stored(watch_db)
    ingest_rate, watch_rate = ingest_n / ingest_s, watch_n / watch_s
    print(
        f"{options.items} articles, {options.feeds} feeds, {options.workers} workers, pages={options.pages}"
    )
    print(f"sitroom ingest: {ingest_n} stored in {ingest_s:.1f} s = {ingest_rate:.1f} articles/s")
    print(f"sitroom watch:  {watch_n} stored in {watch_s:.1f} s = {watch_rate:.1f} articles/s")
    print(f"watch / ingest: {watch_rate / ingest_rate:.2f}")


if __name__ == "__main__":
    main()

"""Crash trials: ``sitroom ingest`` killed with SIGKILL at random points, then run again, must end with
exactly the store an uninterrupted run makes: the same articles, event ids and fusion clusters.

Each trial is a real child process on a real DuckDB file. The kill lands at a random point: during
start-up (loading the model, repairing fusion), or a random few milliseconds after a random number of
articles were stored (mid-coding, mid-transaction, mid-fusion). After the kill the store must hold whole
articles only, each mention with its fused event; the rerun then finishes the job. The corpus has reports
of the same events from several outlets (so fusion merges across articles) and articles that must be
skipped (a toll no column holds), which every run must skip the same way.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pytest

TRIALS = 20
PARALLEL = 2
EVENTS = [
    ("Russian forces shelled {place} on {day}, killing {n} civilians, local officials said.", "Kharkiv"),
    ("Rebels attacked an army post near {place} on {day}, killing {n} soldiers, the army said.", "Goma"),
    ("Thousands of protesters marched through {place} on {day} to demand the release of {n} activists.",
     "Nairobi"),
    ("Israeli aircraft struck a house in {place} on {day}, killing {n} people, medics said.", "Rafah"),
]  # fmt: skip
OUTLETS = ["Wire A", "Wire B", "Wire C"]
DAYS = [("Monday", "2024-05-20"), ("Tuesday", "2024-05-21")]


def write_corpus(path: Path) -> int:
    """Three outlets' reports of each event on two days (fusion merges them), plus two articles that no
    run can store (a toll past the INTEGER column) and one published on the "zero day" of many feeds."""
    records: list[dict[str, Any]] = []
    for (template, place), (day, published) in ((e, d) for e in EVENTS for d in DAYS):
        for k, outlet in enumerate(OUTLETS):
            text = template.format(place=place, day=day, n=4 + len(records) % 3 + (k if k < 2 else 0))
            title = f"{outlet}: {place} ({day})"
            record = {"id": f"r{len(records):02d}", "published": published, "source": outlet, "title": title}
            records.append({**record, "text": f"{text} {outlet} reports."})
    huge = "Gunmen attacked the town of Mosul on Monday, killing 3000000000 people."
    records.insert(5, {"id": "huge-toll", "published": "2024-05-20", "text": huge})
    zero = "Troops shelled the town of Sumy on Monday, killing 9 people."
    records.insert(17, {"id": "zero-day", "published": "0001-01-01", "text": zero})
    with path.open("w") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    return len(records)


def ingest(corpus: Path, db: Path, store_batch: int | None = None) -> subprocess.Popen[str]:
    """``sitroom ingest`` in a child process; ``store_batch`` articles a transaction (default: the CLI's)."""
    command = [sys.executable, "-m", "sitroom.cli", "ingest", str(corpus), "--db", str(db), "--workers", "1",
               "-v"]  # fmt: skip
    if store_batch is not None:
        command += ["--store-batch", str(store_batch)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)


def run_to_end(corpus: Path, db: Path) -> int:
    child = ingest(corpus, db)
    _, stderr = child.communicate(timeout=600)
    assert child.returncode in (0, 1), stderr
    assert "Traceback" not in stderr, stderr
    return child.returncode


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Everything an ingest decides, in a canonical order (not the ingest times)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "articles": con.execute(
                "SELECT content_hash, id, title, source, url, published, text FROM articles ORDER BY 1"
            ).fetchall(),
            "events": con.execute("SELECT * FROM events ORDER BY id").fetchall(),
            "places": con.execute("SELECT * FROM places ORDER BY ALL").fetchall(),
            "clusters": con.execute("SELECT * FROM mention_clusters ORDER BY mention_id").fetchall(),
            "fused": con.execute("SELECT * FROM fused_events ORDER BY id").fetchall(),
        }


def whole_articles_only(db: Path, reference: dict[str, list[tuple]]) -> int:
    """After a kill: every stored article has all its events (as the reference run stored them), and
    every mention its fused event. Returns how many articles were stored."""
    events_of: dict[str, set[str]] = {}
    for row in reference["events"]:
        events_of.setdefault(row[1], set()).add(row[0])  # article_hash -> event ids
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "fused_events" not in tables:  # killed while the new store's tables were being created
            if "articles" in tables:
                assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,), "stored too soon"
            return 0
        stored = [row[0] for row in con.execute("SELECT content_hash FROM articles").fetchall()]
        events = con.execute("SELECT article_hash, id FROM events").fetchall()
        unfused = con.execute(
            "SELECT count(*) FROM events e LEFT JOIN mention_clusters m ON m.mention_id = e.id "
            "LEFT JOIN fused_events f ON f.id = m.cluster_id WHERE f.id IS NULL"
        ).fetchone()[0]
    found: dict[str, set[str]] = {}
    for article_hash, event_id in events:
        found.setdefault(article_hash, set()).add(event_id)
    for article_hash in stored:
        assert found.get(article_hash, set()) == events_of.get(article_hash, set()), "a partial article"
    assert unfused == 0, "a mention without its fused event"
    return len(stored)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict[str, list[tuple]], int]:
    folder = tmp_path_factory.mktemp("crash")
    corpus = folder / "corpus.jsonl"
    count = write_corpus(corpus)
    db = folder / "reference.duckdb"
    code = run_to_end(corpus, db)
    return corpus, count, snapshot(db), code


def trial(seed: int, corpus: Path, count: int, reference: dict[str, list[tuple]], folder: Path) -> str:
    """One kill and one rerun (the kill in a run storing one article a transaction, or four: it may land
    mid-batch); returns where the kill landed."""
    rng = random.Random(seed)
    db = folder / f"trial-{seed}.duckdb"
    child = ingest(corpus, db, store_batch=1 if seed % 2 else 4)
    assert child.stderr is not None
    after = 0 if seed % 10 == 0 else rng.randrange(1, count - 3)  # stored before the kill (0: start-up)
    if after == 0:
        time.sleep(rng.uniform(0.2, 2.5))
    else:
        seen = 0
        for line in child.stderr:
            seen += line.startswith("stored ")
            if seen >= after:
                break
        time.sleep(rng.uniform(0, 0.05))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, f"trial {seed}: the ingest ended before the kill"
    kept = whole_articles_only(db, reference) if db.exists() else 0
    run_to_end(corpus, db)
    assert snapshot(db) == reference, f"trial {seed}: the rerun differs from the uninterrupted run"
    return f"killed after {after} stored ({kept} kept)"


@pytest.mark.slow
def test_sigkill_at_random_points_then_rerun_matches_an_uninterrupted_run(
    reference: tuple[Path, int, dict[str, list[tuple]], int], tmp_path: Path
) -> None:
    corpus, count, expected, code = reference
    assert code == 1  # the article with a toll no column holds is skipped, and said so
    assert len(expected["articles"]) == count - 1
    assert len(expected["fused"]) < len(expected["events"])  # reports of one event were fused
    with ThreadPoolExecutor(PARALLEL) as pool:
        landed = list(pool.map(lambda seed: trial(seed, corpus, count, expected, tmp_path), range(TRIALS)))
    assert len(landed) == TRIALS
    print("\n".join(landed))

"""A store on a PostgreSQL server: the CLI gives the same answers as on DuckDB, and several ingesters
share one store safely (each article stored once, every mention in exactly one fused event)."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

from postgres_server import new_database
from test_rollups import assert_in_step
from test_store import _filter_fixture, _strike_reports, fused_events, mention_ids, rows
from typer.testing import CliRunner, Result

from sitroom.cli import app
from sitroom.models import CodedArticle
from sitroom.store import EventQuery, Store

DATA = Path(__file__).parents[1] / "data" / "ingest"
INPUTS = (DATA / "articles.jsonl", DATA / "talks.txt", DATA / "page.html")


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args], env=env)


def _answers(db: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """What ``sitroom events`` and ``sitroom stats`` say of a store (``--db`` or ``SITROOM_DB``)."""
    where = [] if env else ["--db", db]
    fused = run("events", "--format", "json", *where, env=env)
    mentions = run("events", "--mentions", "--format", "csv", *where, env=env)
    assert fused.exit_code == 0 and mentions.exit_code == 0, fused.stderr + mentions.stderr
    first = json.loads(fused.stdout)[0]["id"]
    one = run("event", first, "--format", "json", *where, env=env)
    near = run("events", "--near", "49.98,36.25,50", "--format", "json", *where, env=env)
    stats = run("stats", *where, env=env)
    return {
        "fused": json.loads(fused.stdout),
        "mentions": mentions.stdout,
        "one": json.loads(one.stdout),
        "near": json.loads(near.stdout),
        "stats": stats.stdout[stats.stdout.index("articles") :],  # below the title, which names the store
    }


def test_the_cli_answers_the_same_on_both_engines(tmp_path: Path, postgres_url: str) -> None:
    duck, server = str(tmp_path / "events.duckdb"), new_database(postgres_url)
    for db in (duck, server):
        result = run("ingest", *INPUTS, "--db", db, "--workers", "1")
        assert result.exit_code == 0, result.stderr
    expected = _answers(duck)
    assert expected["fused"] and expected["near"]
    assert _answers(server) == expected
    assert _answers(server, env={**os.environ, "SITROOM_DB": server}) == expected


def _ingest(url: str, articles: list[CodedArticle], ready: multiprocessing.Barrier) -> None:
    """One ingester: store every article (those another process stored first are skipped)."""
    with Store(url) as store:
        ready.wait()
        for article in articles:
            store.add(article)


def test_concurrent_ingesters_store_each_article_once_and_fuse_every_mention(postgres_url: str) -> None:
    articles = _strike_reports()
    url = new_database(postgres_url)
    with Store(url) as store:  # the reference: one ingester, the articles in order
        for article in articles:
            store.add(article)
        _filter_fixture(store)
        expected = sorted(mention_ids(fused) for fused in fused_events(store))
    shared = new_database(postgres_url)
    Store(shared).close()  # the schema, made once
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(3)
    orders = [articles, articles[::-1], articles[1:] + articles[:1]]
    workers = [context.Process(target=_ingest, args=(shared, order, ready)) for order in orders]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with Store(shared) as store:
        _filter_fixture(store)
        assert rows(store, "SELECT count(*) FROM articles") == [(8,)]
        found = rows(
            store,
            "SELECT e.id, count(m.cluster_id) FROM events e LEFT JOIN mention_clusters m "
            "ON m.mention_id = e.id GROUP BY e.id",
        )
        assert sorted(found) == sorted((event_id, 1) for event_id, _ in found) and len(found) == 8
        assert sorted(mention_ids(fused) for fused in fused_events(store)) == expected
        assert all(assert_in_step(store).values())  # the rollups too, whoever wrote what


#: 20,000 fused events over 8 types and 40 countries, written straight into the table: enough rows for
#: PostgreSQL's planner to prefer an index to a scan, as on a real store.
_MANY_FUSED = """
INSERT INTO fused_events (id, type, actor_country, target_country, location_country, factuality,
                          factuality_counts, articles, sources, source_names, mentions)
SELECT 'f' || i,
       (ARRAY['ASSAULT', 'PROTEST', 'CONSULT', 'AID', 'ACCUSE', 'THREATEN', 'COERCE', 'AGREE'])[i % 8 + 1],
       'C' || (i * 7 % 40), 'C' || (i * 11 % 40), 'C' || (i * 13 % 40), 'asserted', '{}', 1, 1, '[]', 1
FROM generate_series(1, 20000) i
"""


def test_a_country_filter_reads_the_country_indexes(postgres_url: str) -> None:
    """The page's filter by country and type is answered from the three country indexes (no rollup
    counts a country): on a million fused events, 2.8 s became 33 ms (docs/scaling.md). The reader's
    clause must stay in a form PostgreSQL reads from them."""
    url = new_database(postgres_url)
    with Store(url) as store:
        store._con.execute(_MANY_FUSED)
        store._con.execute("ANALYZE fused_events")
        query = EventQuery(types=("ASSAULT",), country="c16")
        where, params = query.where(published="e.first_seen")
        sql = f"SELECT e.id FROM fused_events e WHERE {where}"
        plan = "\n".join(row[0] for row in store._con.execute(f"EXPLAIN {sql}", params).fetchall())
        assert "BitmapOr" in plan and "Seq Scan" not in plan
        for party in ("actor", "target", "location"):
            assert f"fused_events_{party}_country" in plan
        found = {row[0] for row in store._con.execute(sql, params).fetchall()}
        matches = {
            f"f{i}" for i in range(1, 20001) if i % 8 == 0 and 16 in (i * 7 % 40, i * 11 % 40, i * 13 % 40)
        }
        assert found == matches and matches

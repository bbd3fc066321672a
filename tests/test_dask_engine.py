"""``sitroom ingest --engine dask`` on a real Dask LocalCluster of two worker processes: the same events as a
local run, fused alike whatever order the batches come back in; each worker loads the coder once; the
Parquet route (``--parquet`` then ``sitroom load``) gives the same store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner, Result

from sitroom.cli import app
from sitroom.cluster import coder_loads, published_days

REPORTS = Path(__file__).parent / "data" / "fusion" / "reports.jsonl"
ARTICLES = 24  # twelve events, two reports each: fusion has pairs to find across batches


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real cluster: a scheduler and two worker processes of one thread each, on loopback."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "reports.jsonl"
    lines = REPORTS.read_text(encoding="utf-8").splitlines()[:ARTICLES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_store(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    result = run("ingest", corpus, "--db", db, "--workers", "1")
    assert result.exit_code == 0, result.stderr
    return db


def answers(db: Path) -> tuple[list[dict], str]:
    """The fused events as JSON and the mentions as CSV: everything a store says about its events."""
    fused = run("events", "--format", "json", "--db", db)
    mentions = run("events", "--mentions", "--format", "csv", "--db", db)
    assert fused.exit_code == 0 and mentions.exit_code == 0, fused.stderr + mentions.stderr
    return json.loads(fused.stdout), mentions.stdout


def test_a_cluster_run_stores_the_same_events_as_a_local_run(
    scheduler: str, corpus: Path, local_store: Path, tmp_path: Path
) -> None:
    db = tmp_path / "cluster.duckdb"
    result = run("ingest", corpus, "--engine", "dask", "--scheduler", scheduler, "--db", db)
    assert result.exit_code == 0, result.stderr
    expected = answers(local_store)
    assert len(expected[0]) >= 6  # several fused events, some told by two reports
    assert any(len(event["mention_ids"]) == 2 for event in expected[0])
    assert answers(db) == expected
    again = run("ingest", corpus, "--engine", "dask", "--scheduler", scheduler, "--db", db)
    assert again.exit_code == 0 and answers(db) == expected  # nothing new: nothing coded twice


def test_each_worker_loads_the_coder_once(scheduler: str, corpus: Path, tmp_path: Path) -> None:
    result = run(
        "ingest", corpus, "--engine", "dask", "--scheduler", scheduler, "--db", tmp_path / "x.duckdb"
    )
    assert result.exit_code == 0, result.stderr
    with Client(scheduler, set_as_default=False) as client:
        loads = client.run(coder_loads)
    assert len(loads) == 2
    assert all(loaded in ([], ["combined"]) for _pid, loaded in loads.values())
    assert any(loaded == ["combined"] for _pid, loaded in loads.values())


def test_parquet_from_the_workers_loads_into_the_same_store(
    scheduler: str, corpus: Path, local_store: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "coded"
    result = run("ingest", corpus, "--engine", "dask", "--scheduler", scheduler, "--parquet", folder)
    assert result.exit_code == 0, result.stderr
    days = published_days(folder)
    assert len(days) >= 2 and all(path.name.startswith("published=") for path in folder.iterdir())
    db = tmp_path / "loaded.duckdb"
    loaded = run("load", folder, "--db", db)
    assert loaded.exit_code == 0, loaded.stderr
    assert answers(db) == answers(local_store)
    assert run("load", folder, "--db", db).exit_code == 0 and answers(db) == answers(local_store)


def test_fusion_does_not_depend_on_the_order_batches_arrive_in(
    scheduler: str, corpus: Path, local_store: Path, tmp_path: Path
) -> None:
    """One article per batch, so the two workers return them out of input order; stored reversed too."""
    from sitroom.cluster import code_on_cluster
    from sitroom.ingest import read_articles
    from sitroom.store import Store

    coded = list(code_on_cluster(read_articles([str(corpus)]), scheduler, batch_size=1))
    order = [item.article.id for item in coded]
    assert sorted(order) == sorted(item.id for item in read_articles([str(corpus)]))
    db = tmp_path / "reversed.duckdb"
    with Store(db) as store:
        for item in reversed(coded):
            store.add(item)
    assert answers(db) == answers(local_store)

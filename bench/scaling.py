"""Scaling: coding throughput on 1 and 2 workers, memory against corpus size, and the page's API on a
million fused events in DuckDB and in PostgreSQL. Numbers and the commands that made them: docs/scaling.md.

    .venv/bin/python bench/scaling.py throughput [--articles 200]
    .venv/bin/python bench/scaling.py memory [--sizes 1000 10000 100000] [--coded 1000]
    .venv/bin/python bench/scaling.py api [--events 1000000] [--rounds 3] [--postgres URL] [--keep DIR]
    .venv/bin/python bench/scaling.py store [--articles 300]
    .venv/bin/python bench/scaling.py storing [--sizes 1000 10000 100000] [--coded 300] [--postgres URL]
    .venv/bin/python bench/scaling.py index STORE
    .venv/bin/python bench/scaling.py statements --coded CODED.jsonl [--articles 300] [--batch 1] [--db DB]

throughput: the same generated corpus (bench/throughput.py's) coded by ``pipeline.code_articles`` with 1
  and 2 local worker processes, and by ``cluster.code_on_cluster`` on a Dask LocalCluster of 1 and 2
  worker processes; articles/s measured after the coders are loaded (a warm-up batch first), and with
  the load included.
memory: peak resident memory of a fresh process that streams 1k, 10k and 100k generated articles through
  the cluster ingest's client side (read the JSON lines, cut to the text budget, skip those the store
  holds, batch), everything but the coding, which is per batch on the workers; and of one real
  ``sitroom ingest --engine dask`` of ``--coded`` articles on a LocalCluster (client and workers).
api: fills a DuckDB store with ``--events`` synthetic fused events (bench/serve.py's generator), copies it
  into a PostgreSQL database (a throwaway server from tests/store/postgres_server.py unless ``--postgres``),
  and times the page's first-view API calls against each (first call cold, then the median). With
  ``--keep DIR`` the DuckDB store is DIR/million.duckdb, filled only if absent, and a ``--postgres``
  database that already holds fused events is not copied again: the million-event build is done once
  and measured again after a change (opening an older store for writing upgrades it in place first).
store: codes generated articles once, then times storing them (one transaction each, fused as they come)
  into a new DuckDB file and a new PostgreSQL database: the rate a single writer sustains, which bounds
  how many coding workers one store can keep up with.
storing: the storing side's memory against corpus size. Coding 100k articles takes hours here, so
  ``--coded`` generated articles are coded once and their coded results *replicated* (``replicas``: fresh
  article ids, texts and event ids, dates moved back two weeks a round); a fresh process per size stores
  them through ``Store.add`` (the real writer and fusion, one transaction an article) and prints its
  memory every ``--step`` articles; a size that runs past ``--budget`` seconds stops and says so.
index: what one mention held in fusion's index costs in memory, over the mentions of a store.
statements: where storing's time goes, statement by statement (``storing``'s replicas, into a new store).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from itertools import islice
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "store")]

from throughput import generate_corpus  # noqa: E402

from sitroom.models import Article  # noqa: E402
from sitroom.pipeline import code_articles  # noqa: E402
from sitroom.store import WRITE_MEMORY  # noqa: E402

TABLES = ("schema_version", "articles", "events", "places", "mention_clusters", "fused_events")


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:6.1f} articles/s"


def _local(articles: list[Article], workers: int) -> tuple[float, float]:
    """(seconds with the coders' loading, seconds after it) for the local pipeline."""
    start = time.perf_counter()
    stream = code_articles(iter(articles), workers=workers, batch_size=8)
    next(stream)  # the first article: every worker has loaded by the time the first batch is back
    warm = time.perf_counter()
    rest = sum(1 for _ in stream)
    assert rest == len(articles) - 1
    end = time.perf_counter()
    return end - start, end - warm


def _cluster(articles: list[Article], workers: int) -> tuple[float, float]:
    from distributed import Client, LocalCluster

    from sitroom.cluster import code_batch, code_on_cluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster:
        start = time.perf_counter()
        with Client(cluster, set_as_default=False) as client:  # load every worker's coder first
            client.run(code_batch, articles[:1], "combined")
        warm = time.perf_counter()
        done = sum(1 for _ in code_on_cluster(articles, cluster.scheduler_address, batch_size=8))
        end = time.perf_counter()
    assert done == len(articles)
    return end - start, end - warm


def throughput(count: int) -> None:
    articles = generate_corpus(count)
    words = sum(len(article.text.split()) for article in articles)
    print(f"{count} generated articles, {words} words")
    for label, runner in (("local", _local), ("dask LocalCluster", _cluster)):
        for workers in (1, 2):
            total, coding = runner(articles, workers)
            print(
                f"  {label:18} {workers} worker(s): {_rate(count, coding)} once loaded, "
                f"{_rate(count, total)} with loading ({total:.1f} s)"
            )


def _stream_client_side(path: str, db: str) -> None:
    """The cluster ingest's client half over ``path``, without coding: what grows with the corpus here
    would grow in a real run (prints this process's peak memory in MB)."""
    from rich.console import Console

    from sitroom import cli_store, cli_utils
    from sitroom.cluster import BATCH_SIZE, _batches
    from sitroom.ingest import read_articles
    from sitroom.store import open_store

    tally = cli_utils.Tally()
    quiet = Console(file=open("/dev/null", "w"))  # noqa: SIM115
    with open_store(db) as store:
        stream = cli_utils.articles_only(read_articles([path]), tally, quiet)
        batches = sum(
            1 for _ in _batches(cli_store.fresh_articles(stream, store, tally), BATCH_SIZE, 100_000)
        )
    print(json.dumps({"articles": tally.read, "batches": batches, "peak_mb": round(_peak_mb())}))


def memory(sizes: list[int], coded: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sitroom-scaling-"))
    sample = generate_corpus(1000)
    print("client side of a cluster ingest (read, budget, skip stored, batch), peak memory of its process:")
    for size in sizes:
        path = folder / f"corpus{size}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for number in range(size):
                article = sample[number % len(sample)]
                text = f"{article.text} (Copy {number}.)"  # every line a different article
                line = {"id": f"a{number}", "text": text, "published": str(article.published)}
                out.write(json.dumps(line) + "\n")
        db = str(folder / f"store{size}.duckdb")
        code = (
            f"import sys; sys.path.insert(0, {str(HERE)!r}); import scaling; "
            f"scaling._stream_client_side({str(path)!r}, {db!r})"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        print(f"  {size:>7} articles: {result.stdout.strip()}")
    if coded:
        _real_ingest(folder, sample[:coded])


def _real_ingest(folder: Path, articles: list[Article]) -> None:
    """One real ``sitroom ingest --engine dask`` on a LocalCluster of two workers: peak memory of the
    client process and of the largest worker."""
    from distributed import Client, LocalCluster

    path = folder / "coded.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(
                json.dumps({"id": article.id, "text": article.text, "published": str(article.published)})
                + "\n"
            )
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        sitroom = str(Path(sys.executable).parent / "sitroom")
        where = ["--scheduler", cluster.scheduler_address, "--db", str(folder / "coded.duckdb")]
        command = [sitroom, "ingest", str(path), "--engine", "dask", *where]
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds = time.perf_counter() - start
        client_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with Client(cluster, set_as_default=False) as client:
            workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    worker_peak = max(workers.values())
    print(
        f"real cluster ingest of {len(articles)} articles ({_rate(len(articles), seconds)} end to end): "
        f"client peak {client_peak:.0f} MB, largest worker peak {worker_peak:.0f} MB"
    )


def _copy_to_postgres(duck: Path, url: str) -> None:
    """Every table of the DuckDB store into the PostgreSQL store (same schema), with COPY."""
    import duckdb
    import psycopg

    from sitroom.store import Store, rollups

    Store(url).close()  # the schema and its indexes
    with duckdb.connect(str(duck), read_only=True) as source, psycopg.connect(url) as target:
        for table in (*TABLES, rollups.TABLE):
            cursor = source.execute(f"SELECT * FROM {table}")
            names = ", ".join(f'"{column[0]}"' for column in cursor.description)
            target.execute(f"DELETE FROM {table}")
            with target.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                while rows := cursor.fetchmany(10_000):
                    for row in rows:
                        copy.write_row(row)
        target.commit()
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("VACUUM ANALYZE")


def api(events: int, rounds: int, postgres: str | None, keep: Path | None) -> None:
    from serve import Server, fill, time_calls

    folder = keep or Path(tempfile.mkdtemp(prefix="sitroom-scaling-"))
    folder.mkdir(parents=True, exist_ok=True)
    duck = folder / "million.duckdb"
    if not (keep and duck.exists()):
        start = time.perf_counter()
        fill(duck, events)
        print(f"filled DuckDB with {events} fused events in {time.perf_counter() - start:.0f} s")
    _upgrade(duck)
    with Server(duck) as server:
        print("DuckDB:")
        time_calls(server.url, "", rounds)
        time_calls(server.url, "country=UKR&type=ASSAULT", rounds)
    if postgres:
        _api_on_postgres(duck, postgres, rounds, reuse=keep is not None)
        return
    from postgres_server import new_database, running_server, server_binaries

    binaries = server_binaries()
    if binaries is None:
        print("no PostgreSQL binaries: PostgreSQL not measured")
        return
    with running_server(binaries) as url:
        _api_on_postgres(duck, new_database(url), rounds)


def _upgrade(db: Path | str) -> None:
    """Open the store for writing once, timing it: a store of an older schema is upgraded in place."""
    from sitroom.store import Store

    start = time.perf_counter()
    Store(db).close()
    seconds = time.perf_counter() - start
    print(f"opened {db} for writing (schema checked, upgraded if older) in {seconds:.1f} s")


def _holds_events(url: str) -> bool:
    """Whether the PostgreSQL database already holds a store with fused events."""
    import psycopg

    with psycopg.connect(url) as con:
        found = con.execute("SELECT to_regclass('fused_events') IS NOT NULL").fetchone()
        return bool(found and found[0] and con.execute("SELECT count(*) FROM fused_events").fetchone()[0])


def _api_on_postgres(duck: Path, url: str, rounds: int, reuse: bool = False) -> None:
    from serve import Server, time_calls

    if reuse and _holds_events(url):
        _upgrade(url)
    else:
        start = time.perf_counter()
        _copy_to_postgres(duck, url)
        print(f"copied into PostgreSQL in {time.perf_counter() - start:.0f} s")
    with Server(url) as server:  # type: ignore[arg-type]
        print("PostgreSQL:")
        time_calls(server.url, "", rounds)
        time_calls(server.url, "country=UKR&type=ASSAULT", rounds)


#: Days each round of replicated articles is moved back (the generated corpus spans about a week).
ROUND_SHIFT_DAYS = 14


def _code_once(count: int, path: Path) -> None:
    """Code ``count`` generated articles once and keep the results as JSON lines."""
    with path.open("w", encoding="utf-8") as out:
        for item in code_articles(iter(generate_corpus(count)), workers=1):
            if item.error is None:
                out.write(item.model_dump_json() + "\n")


def _shifted(span: Any, days: int) -> Any:
    if span is None:
        return None
    moved = {key: getattr(span, key) - timedelta(days=days) for key in ("start", "end") if getattr(span, key)}
    return span.model_copy(update=moved)


def replicas(coded: list[Any], count: int) -> Iterator[Any]:
    """``count`` coded articles made from ``coded``, one at a time: copy ``i`` of coded article
    ``i mod len(coded)``, with its own article id, text (so its own content hash) and event ids, and its
    publication and event dates moved back ``ROUND_SHIFT_DAYS`` days per round through ``coded``, so
    that every round is as dense for fusion as the coded articles themselves, and rounds do not meet."""
    for number in range(count):
        original = coded[number % len(coded)]
        days = (number // len(coded)) * ROUND_SHIFT_DAYS
        source = original.article
        article = source.model_copy(
            update={
                "id": f"{source.id}-r{number}",
                "text": f"{source.text} (Copy {number}.)",
                "published": source.published - timedelta(days=days) if source.published else None,
            }
        )
        events = [
            event.model_copy(update={"id": f"{event.id}-r{number}", "date": _shifted(event.date, days)})
            for event in original.events
        ]
        yield original.model_copy(update={"article": article, "events": events})


def _rss_mb() -> float:
    """This process's resident memory now (``/proc/self/statm``)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def _peak_mb() -> float:
    """This process's peak resident memory (``VmHWM``). Not ``ru_maxrss``: a process started by
    ``subprocess`` inherits its parent's peak there (Linux keeps the larger across ``exec``), so a
    child of a parent that coded articles with spaCy reported the parent's 876 MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _engine_mb(store: Any) -> dict[str, int]:
    """What DuckDB's buffer manager holds (``duckdb_memory()``), to tell it from Python's heap, and its
    bound (which the writer raises when a write does not fit)."""
    if not str(store.path).endswith(".duckdb"):
        return {}
    con = store.thread_connection()
    try:
        used = con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]
        bound = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        con.close()
    return {"duckdb_mb": round((used or 0) / 2**20), "bound": bound}


def _store_replicas(
    coded_path: str, db: str, count: int, step: int, budget: float, batch: int, memory: str | None = None
) -> None:
    """Store ``count`` replicas of the coded articles in ``coded_path``, fused as they come, through
    ``Store.add`` (one transaction an article) or with ``batch`` > 1 ``Store.add_many`` (``batch``
    articles a transaction), DuckDB's buffer pool bounded by ``memory`` (``sitroom ingest``'s
    ``WRITE_MEMORY``; None: DuckDB's default); print a JSON line every ``step`` articles (stored, seconds,
    memory now and at peak) and stop early, saying so, past ``budget`` seconds."""
    from sitroom.models import CodedArticle
    from sitroom.store import Store

    with open(coded_path, encoding="utf-8") as lines:
        coded = [CodedArticle.model_validate_json(line) for line in lines]
    start = time.perf_counter()
    stored, mark = 0, step
    stream = replicas(coded, count)
    with Store(db, memory=memory) as store:
        while chunk := list(islice(stream, batch)):
            if batch == 1:
                stored += store.add(chunk[0])
            else:
                results = store.add_many(chunk)
                stored += sum(result is True for result in results)
                for item, result in zip(chunk, results, strict=True):
                    if result is not True:  # say why: a run once lost 25 articles and not the reason
                        print(json.dumps({"not_stored": item.article.id, "why": str(result)}), flush=True)
            seconds = time.perf_counter() - start
            if stored >= mark or stored == count or seconds > budget:
                mark += step
                line = {"stored": stored, "seconds": round(seconds), "rss_mb": round(_rss_mb()),
                        "peak_mb": round(_peak_mb()), "py_blocks_k": sys.getallocatedblocks() // 1000,
                        **_engine_mb(store)}  # fmt: skip
                print(json.dumps(line), flush=True)
            if seconds > budget:
                print(json.dumps({"stopped": f"past the budget of {budget:.0f} s"}), flush=True)
                return


def storing(
    sizes: list[int],
    coded: int,
    step: int,
    budget: float,
    postgres: str | None,
    keep: Path | None,
    batch: int = 1,
    duckdb: bool = True,
    memory: str | None = WRITE_MEMORY,
) -> None:
    """Peak memory of a fresh process storing 1k, 10k, 100k replicated coded articles (with ``keep``,
    the coded articles are kept in and read again from ``keep/coded<N>.jsonl``)."""
    folder = keep or Path(tempfile.mkdtemp(prefix="sitroom-storing-"))
    folder.mkdir(parents=True, exist_ok=True)
    coded_path = folder / f"coded{coded}.jsonl"
    if not coded_path.exists():
        start = time.perf_counter()
        _code_once(coded, coded_path)
        print(f"coded {coded} generated articles once in {time.perf_counter() - start:.0f} s")
    for size in sizes:
        duck = str(folder / f"store{size}.duckdb") if duckdb else None
        for engine, db in (("DuckDB", duck), ("PostgreSQL", postgres)):
            if db is None:
                continue
            if engine == "PostgreSQL":
                db = _fresh_database(db, f"storing{size}")
            print(f"{engine}, {size} articles:", flush=True)
            if engine == "DuckDB":
                Path(db).unlink(missing_ok=True)
            code = (
                f"import sys; sys.path.insert(0, {str(HERE)!r}); import scaling; "
                f"scaling._store_replicas({str(coded_path)!r}, {db!r}, {size}, {step}, {budget}, {batch}, "
                f"{memory!r})"
            )
            subprocess.run([sys.executable, "-c", code], check=True)


class _TimedConnection:
    """A store's connection that times each statement, by its first words (``statements``)."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.con, name)

        def timed(*args: Any) -> Any:
            key = f"{name} {' '.join(str(args[0]).split())[:50]}" if args else name
            start = time.perf_counter()
            try:
                return method(*args)
            finally:
                self.seconds[key] += time.perf_counter() - start
                self.calls[key] += 1

        return timed


def statements(count: int, batch: int, coded_path: Path, db: str) -> None:
    """Where storing's time goes: ``count`` replicated articles stored ``batch`` a transaction (1:
    ``Store.add``), each statement's time summed by its first words; the rest is Python (fusion)."""
    from sitroom.models import CodedArticle
    from sitroom.store import Store

    with coded_path.open(encoding="utf-8") as lines:
        coded = [CodedArticle.model_validate_json(line) for line in lines]
    items = list(replicas(coded, count))
    Path(db).unlink(missing_ok=True)
    with Store(db) as store:
        timed = store._con = _TimedConnection(store._con)
        start = time.perf_counter()
        for first in range(0, count, batch):
            chunk = items[first : first + batch]
            store.add(chunk[0]) if batch == 1 else store.add_many(chunk)
        seconds = time.perf_counter() - start
        in_db = sum(timed.seconds.values())
    print(f"{count} articles, {batch} a transaction: {seconds:.1f} s ({count / seconds:.1f}/s), "
          f"{in_db:.1f} s in statements, {1000 * seconds / count:.1f} ms an article")  # fmt: skip
    for key, spent in timed.seconds.most_common(12):
        calls = timed.calls[key]
        print(f"  {spent:7.2f} s {calls:6d} × {1000 * spent / calls:7.1f} ms  {key}")


def held_mention_bytes(db: str) -> None:
    """What one mention held in fusion's index costs (Python's heap, ``tracemalloc``): every stored
    mention of ``db`` loaded into a fresh ``FusionIndex``, as an ingest run loads the days it meets."""
    import gc
    import tracemalloc

    from sitroom.fuse import signature
    from sitroom.store import Store
    from sitroom.store.fusion import FusionIndex

    with Store(db) as store:
        ids = [row[0] for row in store.thread_connection().execute("SELECT id FROM events", []).fetchall()]
        gc.collect()
        tracemalloc.start()
        index = FusionIndex()
        mentions = store._mentions_by_id(ids)
        index._load(store._con, [signature(m) for m in mentions], store._mentions_by_id)
        del mentions
        gc.collect()
        size, _ = tracemalloc.get_traced_memory()
    held = len(index._mentions)
    print(f"{held} mentions held in fusion's index: {size / held / 1000:.1f} kB each")


def _fresh_database(url: str, name: str) -> str:
    """A new, empty database ``name`` on the server of ``url`` (dropped first if it exists)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name}")
        con.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def store_rate(count: int) -> None:
    from sitroom.store import Store

    coded = [item for item in code_articles(iter(generate_corpus(count)), workers=1) if item.error is None]
    events = sum(len(item.events) for item in coded)
    print(f"{len(coded)} coded articles, {events} events")

    def timed(db: str) -> float:
        with Store(db) as store:
            start = time.perf_counter()
            for item in coded:
                store.add(item)
            return time.perf_counter() - start

    folder = Path(tempfile.mkdtemp(prefix="sitroom-scaling-"))
    print(f"  DuckDB:     {_rate(len(coded), timed(str(folder / 'rate.duckdb')))} stored")
    from postgres_server import new_database, running_server, server_binaries

    binaries = server_binaries()
    if binaries is not None:
        with running_server(binaries) as url:
            print(f"  PostgreSQL: {_rate(len(coded), timed(new_database(url)))} stored")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("throughput").add_argument("--articles", type=int, default=200)
    mem = commands.add_parser("memory")
    mem.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    mem.add_argument("--coded", type=int, default=1000)
    web = commands.add_parser("api")
    web.add_argument("--events", type=int, default=1_000_000)
    web.add_argument("--rounds", type=int, default=3)
    web.add_argument(
        "--postgres", help="a postgresql:// URL of an empty database (default: a throwaway server)"
    )
    web.add_argument(
        "--keep", type=Path, help="a folder to keep the DuckDB store in and reuse (and the --postgres data)"
    )
    commands.add_parser("store").add_argument("--articles", type=int, default=300)
    keep = commands.add_parser("storing")
    keep.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    keep.add_argument("--coded", type=int, default=300)
    keep.add_argument("--step", type=int, default=1000, help="print memory every STEP articles")
    keep.add_argument("--budget", type=float, default=3600, help="seconds a size may take, then stop")
    keep.add_argument("--postgres", help="a postgresql:// URL: also store into new databases there")
    keep.add_argument("--keep", type=Path, help="a folder to keep the coded articles in and reuse")
    keep.add_argument(
        "--batch", type=int, default=1, help="articles a transaction (Store.add_many); 1: Store.add"
    )
    keep.add_argument("--no-duckdb", action="store_true", help="with --postgres: store into PostgreSQL only")
    keep.add_argument(
        "--duckdb-memory",
        default=WRITE_MEMORY,
        help=f"DuckDB's memory_limit, e.g. 64MB (default {WRITE_MEMORY or 'DuckDB'}'s, as sitroom ingest)",
    )
    commands.add_parser("index").add_argument("db", help="a store: what a mention in fusion's index costs")
    timing = commands.add_parser("statements")
    timing.add_argument("--articles", type=int, default=300)
    timing.add_argument("--batch", type=int, default=1, help="articles a transaction (1: Store.add)")
    timing.add_argument(
        "--coded", type=Path, required=True, help="coded articles (JSON lines: storing --keep)"
    )
    timing.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "sitroom-statements.duckdb"))
    args = parser.parse_args()
    if args.command == "throughput":
        throughput(args.articles)
    elif args.command == "store":
        store_rate(args.articles)
    elif args.command == "index":
        held_mention_bytes(args.db)
    elif args.command == "statements":
        statements(args.articles, args.batch, args.coded, args.db)
    elif args.command == "storing":
        storing(
            args.sizes,
            args.coded,
            args.step,
            args.budget,
            args.postgres,
            args.keep,
            args.batch,
            not args.no_duckdb,
            None if args.duckdb_memory == "default" else args.duckdb_memory,
        )
    elif args.command == "memory":
        memory(args.sizes, args.coded)
    else:
        api(args.events, args.rounds, args.postgres, args.keep)


if __name__ == "__main__":
    main()

"""The sitroom command end to end: real readers, the real coder, a real DuckDB file in tmp_path.

Most tests run the CLI in-process with ``--workers 1`` (the spaCy model loads once per test session);
the crash test runs it as a child process and kills it with SIGKILL mid-ingest.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner, Result

from sitroom.cli import app
from sitroom.coding.coder import Coder
from sitroom.models import Article
from sitroom.store import EVENT_COLUMNS, FUSED_COLUMNS

DATA = Path(__file__).parent / "data" / "ingest"
GOOD = DATA / "articles.jsonl"
BAD = DATA / "bad.jsonl"


def run(*args: str | Path, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args], input=stdin)


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def summary_count(stderr: str, label: str) -> int:
    match = re.search(rf"{label}\s+(\d+)", stderr)
    assert match, f"no {label!r} in summary:\n{stderr}"
    return int(match.group(1))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


@pytest.fixture
def filled(db: Path) -> Path:
    """A store holding the good fixture articles."""
    result = run("ingest", GOOD, DATA / "talks.txt", DATA / "page.html", "--db", db, "--workers", "1")
    assert result.exit_code == 0, result.stderr
    return db


# --- sitroom code -------------------------------------------------------------------------------


def test_the_command_starts_without_the_store_or_the_server() -> None:
    """``sitroom code`` stores nothing: importing the CLI must not import DuckDB, the store's modules,
    the ingest service or the web server (a fresh interpreter, as a user's command starts)."""
    heavy = ("duckdb", "fastapi", "uvicorn", "sitroom.service", "sitroom.store.writer",
             "sitroom.store.engines", "sitroom.cli_store")  # fmt: skip
    probe = f"import sys, sitroom.cli; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_lists_every_command_in_a_fresh_process() -> None:
    out = subprocess.run([sys.executable, "-m", "sitroom.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    for command in ("code", "ingest", "load", "events", "event", "fuse", "stats", "serve", "export", "watch"):
        assert re.search(rf"\b{command}\b", out.stdout), command


def test_code_prints_one_format_line_per_article_in_input_order() -> None:
    result = run("code", GOOD, "--workers", "1")
    assert result.exit_code == 0, result.stderr
    out = lines(result.stdout)
    assert [line["id"] for line in out] == ["wire-1", "wire-2", "wire-3"]
    assert all(isinstance(line["events"], list) for line in out)
    assert {event["type"] for event in out[0]["events"]} >= {"ASSAULT"}
    for event in out[0]["events"]:
        assert {"type", "evidence", "factuality"} <= set(event)


def test_an_article_with_no_events_gets_an_empty_list() -> None:
    out = lines(run("code", GOOD, "--workers", "1").stdout)
    assert out[2] == {"id": "wire-3", "events": []}


def test_a_malformed_line_is_reported_with_file_and_line_and_the_rest_is_coded() -> None:
    result = run("code", BAD, "--workers", "1")
    assert result.exit_code == 1
    assert [line["id"] for line in lines(result.stdout)] == ["ok-1", "ok-3"]
    assert f"{BAD}:2: malformed JSON" in result.stderr
    assert f"{BAD}:4: missing 'text'" in result.stderr
    assert f"{BAD}:8: duplicate id 'ok-1'" in result.stderr


def test_empty_and_binary_files_are_reported_and_other_inputs_still_coded(tmp_path: Path) -> None:
    empty, binary = tmp_path / "empty.txt", tmp_path / "blob.txt"
    empty.write_text("")
    binary.write_bytes(b"\x00\x01\x02\xff")
    result = run("code", empty, GOOD, binary, "--workers", "1")
    assert result.exit_code == 1
    assert len(lines(result.stdout)) == 3
    assert f"{empty}: empty file" in result.stderr
    assert f"{binary}: binary file (it holds NUL bytes)" in result.stderr


def test_code_writes_to_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("code", DATA / "talks.txt", DATA / "brief.md", "-o", out, "--workers", "1")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert [line["id"] for line in lines(out.read_text())] == ["talks", "brief"]


def test_code_reads_plain_text_from_stdin() -> None:
    text = "Talks in Doha\n\nQatar hosted talks between Israel and Hamas in Doha on Monday.\n"
    result = run("code", "-", "--published", "2024-05-06", "--workers", "1", stdin=text)
    assert result.exit_code == 0, result.stderr
    [line] = lines(result.stdout)
    assert line["id"] == "stdin"


def test_code_reads_jsonl_from_stdin() -> None:
    result = run("code", "-", "--workers", "1", stdin=GOOD.read_text())
    assert [line["id"] for line in lines(result.stdout)] == ["wire-1", "wire-2", "wire-3"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["code", "no/such/file.jsonl"], "no such file or directory: no/such/file.jsonl"),
        (["code", str(GOOD), "--published", "last week"], "not a date"),
        (["code", str(GOOD), "--workers", "0"], "--workers"),
        (["code"], "Missing argument"),
    ],
)
def test_bad_usage_exits_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_several_workers_keep_input_order(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 24)
    one = run("code", corpus, "--workers", "1")
    two = run("code", corpus, "--workers", "2")
    assert two.exit_code == 0, two.stderr
    assert lines(two.stdout) == lines(one.stdout)


# --- sitroom ingest -----------------------------------------------------------------------------


def test_ingest_stores_what_code_finds(filled: Path) -> None:
    coded = lines(run("code", GOOD, DATA / "talks.txt", DATA / "page.html", "--workers", "1").stdout)
    stored = json.loads(run("events", "--db", filled, "--format", "json", "--mentions").stdout)
    expected = {(line["id"], event["id"]) for line in coded for event in line["events"]}
    assert {(event["article_id"], event["id"]) for event in stored} == expected
    assert expected, "the fixtures should yield some events"


def test_every_stored_mention_is_in_exactly_one_fused_event(filled: Path) -> None:
    mentions = json.loads(run("events", "--db", filled, "--format", "json", "--mentions").stdout)
    fused = json.loads(run("events", "--db", filled, "--format", "json").stdout)
    listed = [(mention["article_id"], mention["id"]) for event in fused for mention in event["mentions"]]
    assert sorted(listed) == sorted((mention["article_id"], mention["id"]) for mention in mentions)
    for event in fused:
        assert event["mention_ids"] == [mention["id"] for mention in event["mentions"]]
        assert event["id"] == event["mention_ids"][0]  # named after its earliest mention


def test_re_ingesting_changes_nothing(filled: Path) -> None:
    before = run("stats", "--db", filled).stdout
    again = run("ingest", GOOD, DATA / "talks.txt", DATA / "page.html", "--db", filled, "--workers", "1")
    assert again.exit_code == 0
    assert summary_count(again.stderr, "already stored") == 5
    assert summary_count(again.stderr, "coded and stored") == 0
    assert summary_count(again.stderr, "events stored") == 0
    assert run("stats", "--db", filled).stdout == before


def test_ingest_summary_counts_reads_skips_and_stores(db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("\n")
    result = run("ingest", BAD, empty, "--db", db, "--workers", "1")
    assert result.exit_code == 1
    assert summary_count(result.stderr, "articles read") == 2
    assert summary_count(result.stderr, "unreadable") == 6
    assert "empty file 1" in result.stderr and "malformed JSON 1" in result.stderr
    assert summary_count(result.stderr, "coded and stored") == 2
    assert f"{BAD}:2: malformed JSON" in result.stderr


def test_the_same_article_twice_in_one_run_is_stored_once(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.jsonl"
    copy.write_text(GOOD.read_text())
    result = run("ingest", GOOD, copy, "--db", db, "--workers", "1")
    assert summary_count(result.stderr, "already stored") == 0
    assert summary_count(result.stderr, "repeated in input") == 3
    assert summary_count(result.stderr, "coded and stored") == 3


def test_ingest_into_a_file_that_is_not_a_store_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database\n" * 100)
    result = run("ingest", GOOD, "--db", bogus, "--workers", "1")
    assert result.exit_code == 2
    assert str(bogus) in result.stderr


# --- sitroom events and stats -------------------------------------------------------------------


def test_mentions_json_uses_format_names(filled: Path) -> None:
    result = run("events", "--db", filled, "--format", "json", "--mentions")
    assert result.exit_code == 0
    events = json.loads(result.stdout)
    assert events
    for event in events:
        assert {"id", "article_id", "type", "evidence", "factuality"} <= set(event)
        assert "actor_name" not in event


def test_fused_events_json_carries_their_mentions(filled: Path) -> None:
    result = run("events", "--db", filled, "--format", "json")
    assert result.exit_code == 0
    events = json.loads(result.stdout)
    assert events
    for event in events:
        assert {"id", "type", "factuality", "articles", "sources", "mention_ids", "mentions"} <= set(event)
        assert "actor_name" not in event
        for mention in event["mentions"]:
            assert {"id", "article_id", "published", "evidence", "type"} <= set(mention)
    assert any(mention.get("source") == "Test Wire" for event in events for mention in event["mentions"])


def test_mentions_csv_has_flat_columns(filled: Path) -> None:
    output = run("events", "--db", filled, "--format", "csv", "--mentions").stdout
    rows = list(csv.DictReader(io.StringIO(output)))
    assert rows
    assert list(rows[0])[: len(EVENT_COLUMNS)] == list(EVENT_COLUMNS)
    assert {"actor_name", "actor_country", "location_lat", "date_start"} <= set(rows[0])


def test_fused_events_csv_has_flat_columns(filled: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", filled, "--format", "csv").stdout)))
    assert rows
    assert list(rows[0]) == [*FUSED_COLUMNS, "mention_ids"]
    assert all(row["mention_ids"].split()[0] == row["id"] for row in rows)


@pytest.mark.parametrize("mentions", [[], ["--mentions"]])
def test_events_are_newest_first(filled: Path, mentions: list[str]) -> None:
    events = json.loads(run("events", "--db", filled, "--format", "json", *mentions).stdout)

    def day(event: dict) -> str:
        when = (event.get("date") or {}).get("start")
        return when or event.get("published") or event.get("first_seen") or ""

    days = [day(event) for event in events]
    assert days == sorted(days, reverse=True)


def test_events_table_is_readable(filled: Path) -> None:
    result = run("events", "--db", filled)
    assert result.exit_code == 0
    assert "fused events" in result.stdout and "reports" in result.stdout
    assert "ASSAULT" in result.stdout
    mentions = run("events", "--db", filled, "--mentions")
    assert mentions.exit_code == 0
    assert "events" in mentions.stdout and "evidence" in mentions.stdout
    assert "ASSAULT" in mentions.stdout


@pytest.mark.parametrize("mentions", [[], ["--mentions"]])
def test_events_filters(filled: Path, mentions: list[str]) -> None:
    def query(*args: str) -> list[dict]:
        return json.loads(run("events", "--db", filled, "--format", "json", *mentions, *args).stdout)

    every = query()
    assault = query("--type", "assault")
    assert assault and all(event["type"] == "ASSAULT" for event in assault)
    assert len(query("--limit", "1")) == 1
    countries = {party.get("country") for event in every for party in (event.get("actor") or {},)}
    country = sorted(code for code in countries if code)[0]
    for event in query("--country", country):
        found = [(event.get(key) or {}).get("country") for key in ("actor", "target", "location")]
        assert country in found
    name = next(event["actor"]["name"] for event in every if event.get("actor"))
    fragment = name[1:4].upper()
    matched = query("--actor", fragment)
    assert matched
    for event in matched:
        names = [(event.get(key) or {}).get("name") or "" for key in ("actor", "target")]
        assert any(fragment.lower() in part.lower() for part in names)
    assert query("--since", "2999-01-01") == []
    assert query("--until", "1900-01-01") == []


@pytest.mark.parametrize("mentions", [[], ["--mentions"]])
def test_attribute_and_place_filters(filled: Path, mentions: list[str]) -> None:
    def query(*args: str) -> list[dict]:
        result = run("events", "--db", filled, "--format", "json", *mentions, *args)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    every = query()
    for value in {event["factuality"] for event in every}:
        found = query("--factuality", value)
        assert found and all(event["factuality"] == value for event in found)
    tolls = [event["fatalities"] for event in every if event.get("fatalities")]
    assert tolls, "the fixture articles report deaths"
    heavy = query("--min-fatalities", str(max(tolls)))
    assert heavy and all(event["fatalities"] >= max(tolls) for event in heavy)
    located = next(event["location"] for event in every if (event.get("location") or {}).get("lat"))
    near = query("--near", f"{located['lat']},{located['lon']},25")
    assert near and all(abs(event["location"]["lat"] - located["lat"]) < 1 for event in near)
    assert query("--near", "-89.9,0,10") == []  # nothing happens at the South Pole


def test_near_must_be_a_circle(filled: Path) -> None:
    result = run("events", "--db", filled, "--near", "100,1,1")
    assert result.exit_code == 2
    assert "out of range" in result.output


def test_event_shows_one_fused_event_with_its_sources_and_evidence(filled: Path) -> None:
    attacks = json.loads(run("events", "--db", filled, "--format", "json", "--type", "ASSAULT").stdout)
    [strike] = [e for e in attacks if "Kharkiv" in json.dumps(e)]  # the wire's strike on Kharkiv
    result = run("event", strike["id"], "--db", filled)
    assert result.exit_code == 0, result.stderr
    assert f"event {strike['id']}" in result.stdout
    assert "Test Wire" in result.stdout and "wire-1" in result.stdout
    assert "Kharkiv" in result.stdout  # the evidence, whole
    as_json = json.loads(run("event", strike["id"], "--db", filled, "--format", "json").stdout)
    assert as_json == strike


def test_event_is_found_by_any_of_its_mentions(filled: Path) -> None:
    attacks = json.loads(run("events", "--db", filled, "--format", "json", "--type", "ASSAULT").stdout)
    [strike] = [e for e in attacks if "Kharkiv" in json.dumps(e)]  # the wire's strike on Kharkiv
    for mention in strike["mentions"]:
        found = json.loads(run("event", mention["id"], "--db", filled, "--format", "json").stdout)
        assert found["id"] == strike["id"]


def test_an_unknown_event_exits_2(filled: Path) -> None:
    result = run("event", "no-such-id", "--db", filled)
    assert result.exit_code == 2
    assert "no event 'no-such-id'" in result.stderr


def test_fuse_rebuild_gives_the_same_fused_events(filled: Path) -> None:
    before = json.loads(run("events", "--db", filled, "--format", "json").stdout)
    result = run("fuse", "--rebuild", "--db", filled)
    assert result.exit_code == 0, result.stderr
    assert "fused" in result.stderr
    assert json.loads(run("events", "--db", filled, "--format", "json").stdout) == before


def test_events_without_a_store_exits_2(tmp_path: Path) -> None:
    result = run("events", "--db", tmp_path / "absent.duckdb")
    assert result.exit_code == 2
    assert "no store at" in result.stderr
    assert not (tmp_path / "absent.duckdb").exists()


def test_stats(filled: Path) -> None:
    result = run("stats", "--db", filled)
    assert result.exit_code == 0
    assert re.search(r"articles\s+5", result.stdout)
    assert re.search(r"fused events\s+\d+", result.stdout)


@pytest.mark.parametrize("command", [[], ["code"], ["ingest"], ["events"], ["event"], ["fuse"], ["stats"]])
def test_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout


# --- crash safety -------------------------------------------------------------------------------

PLACES = ["Kharkiv", "Odesa", "Gaza", "Khartoum", "Aleppo", "Goma", "Mosul", "Sumy"]
TEMPLATES = [
    "Russian forces shelled {place} on Monday, killing {n} civilians, local officials said.",
    "The foreign minister of France visited {place} on Tuesday for talks with local leaders.",
    "Thousands of protesters marched through {place} on Saturday to demand the release of {n} activists.",
    "Farmers near {place} reported a good harvest this year after {n} weeks of mild weather.",
    "Iran accused Israel of an attack near {place} that killed {n} people on Sunday.",
]


def write_corpus(path: Path, count: int) -> Path:
    """Small distinct articles, some with events and some without."""
    with path.open("w") as out:
        for i in range(count):
            text = TEMPLATES[i % len(TEMPLATES)].format(place=PLACES[i % len(PLACES)], n=i + 2)
            record = {"id": f"c{i:02d}", "published": "2024-05-20", "text": text}
            out.write(json.dumps(record) + "\n")
    return path


def ingest_child(corpus: Path, db: Path) -> subprocess.Popen[str]:
    """An ingest storing four articles a transaction, so that a kill can land between batches."""
    command = [
        sys.executable,
        "-m",
        "sitroom.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--workers",
        "1",
        "--store-batch",
        "4",
        "-v",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)


def kill_after(child: subprocess.Popen[str], stored: int) -> None:
    """SIGKILL the child as soon as it reports ``stored`` articles (it keeps going meanwhile)."""
    seen = 0
    assert child.stderr is not None
    for line in child.stderr:
        seen += line.startswith("stored ")
        if seen >= stored:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait()
    child.stderr.close()


def stored_counts(db: Path) -> dict[str, tuple[int, int]]:
    """Per stored article id: (events stored, distinct event ids stored).

    Also checks that every stored event (mention) is in exactly one stored fused event.
    """
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT a.id, count(e.id), count(DISTINCT e.id) FROM articles a "
            "LEFT JOIN events e ON e.article_hash = a.content_hash GROUP BY a.id"
        ).fetchall()
        unfused = con.execute(
            "SELECT count(*) FROM events e LEFT JOIN mention_clusters m ON m.mention_id = e.id "
            "LEFT JOIN fused_events f ON f.id = m.cluster_id WHERE f.id IS NULL"
        ).fetchone()[0]
        counted = con.execute(
            "SELECT count(*) FROM fused_events f WHERE f.mentions != "
            "(SELECT count(*) FROM mention_clusters m WHERE m.cluster_id = f.id)"
        ).fetchone()[0]
    assert (unfused, counted) == (0, 0), "a mention without its fused event, or a stale count"
    return {article_id: (events, distinct) for article_id, events, distinct in rows}


def test_an_ingest_killed_mid_run_keeps_whole_articles_and_resumes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 40)
    db = tmp_path / "crash.duckdb"
    coder = Coder.load()
    alone = {}
    for line in corpus.read_text().splitlines():
        article = Article.model_validate_json(line)
        alone[article.id] = len(coder.code(article).events)

    for stored in (2, 15):  # an early kill, then one in a later batch of the resumed run
        child = ingest_child(corpus, db)
        kill_after(child, stored)
        assert child.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
        counts = stored_counts(db)
        assert 0 < len(counts) < 40
        for article_id, (events, distinct) in counts.items():
            assert events == distinct == alone[article_id], article_id

    partial = len(stored_counts(db))
    final = run("ingest", corpus, "--db", db, "--workers", "1")
    assert final.exit_code == 0, final.stderr
    assert summary_count(final.stderr, "already stored") == partial
    assert summary_count(final.stderr, "coded and stored") == 40 - partial
    counts = stored_counts(db)
    assert {article_id: events for article_id, (events, _) in counts.items()} == alone
    assert all(events == distinct for events, distinct in counts.values())

"""``sitroom export`` end to end: a real store, every format to a file or stdout, parsed back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.coding.acled import with_acled
from sitroom.export import ACLED_COLUMNS, GDELT_COLUMNS
from sitroom.models import Actor, Article, CodedArticle, DateSpan, Event, Location
from sitroom.store import Store

TEXT = "Rebels shelled Dunmere on Tuesday, killing two civilians. Police arrested four men in Orlen."


def coded() -> CodedArticle:
    shelling = Event(
        id="exp-1", type="ASSAULT", mode="heavy-weapons", cameo="194", cameo_root="19", quad_class=4,
        actor=Actor(name="Northern rebels", country="BFA", sector="REB"),
        target=Actor(name="civilians", country="MLI", sector="CVL"),
        location=Location(name="Dunmere", country="MLI", lat=12.65, lon=-8.0, feature="city"),
        date=DateSpan(start=date(2025, 6, 3), end=date(2025, 6, 3)), fatalities=2,
        evidence=TEXT[:57], sentence_start=0, sentence_end=57, trigger="shelled",
    )  # fmt: skip
    arrest = Event(
        id="exp-2", type="COERCE", mode="arrest", cameo="173", cameo_root="17", quad_class=4,
        actor=Actor(name="police", country="MLI", sector="COP"),
        location=Location(name="Mali", country="MLI", feature="country"),
        evidence=TEXT[58:], sentence_start=58, sentence_end=len(TEXT), trigger="arrested",
    )  # fmt: skip
    article = Article(id="exp", text=TEXT, title="Dunmere", source="Test Wire", published=date(2025, 6, 4))
    return CodedArticle(article=article, events=[with_acled(shelling), with_acled(arrest)])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.add(coded())
    return path


def run(*args: str | Path):
    return CliRunner().invoke(app, [str(arg) for arg in args])


def test_every_format_to_a_file(db: Path, tmp_path: Path) -> None:
    for fmt, name in (
        ("plover", "e.jsonl"),
        ("acled", "e.csv"),
        ("gdelt", "e.tsv"),
        ("geojson", "e.geojson"),
    ):
        result = run("export", "--format", fmt, "-o", tmp_path / name, "--db", db)
        assert result.exit_code == 0, result.output
        assert f"exported {1 if fmt == 'geojson' else 2} events" in result.stderr
    plover = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert {record["event_id"] for record in plover} == {"exp-1", "exp-2"}
    acled = list(csv.DictReader((tmp_path / "e.csv").open()))
    assert tuple(acled[0]) == ACLED_COLUMNS and {row["sub_event_type"] for row in acled} == {
        "Shelling/artillery/missile attack", "Arrests",
    }  # fmt: skip
    assert all(
        len(line.split("\t")) == len(GDELT_COLUMNS) for line in (tmp_path / "e.tsv").read_text().splitlines()
    )
    assert len(json.loads((tmp_path / "e.geojson").read_text())["features"]) == 1
    result = run("export", "-f", "geojson", "--country-level", "-o", tmp_path / "all.geojson", "--db", db)
    assert result.exit_code == 0 and len(json.loads((tmp_path / "all.geojson").read_text())["features"]) == 2


def test_stdout_filters_parquet_and_mentions(db: Path, tmp_path: Path) -> None:
    result = run("export", "--format", "acled", "--type", "COERCE", "--db", db)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["event_id_cnty"] for row in rows] == ["MLIexp-2"]
    parquet = tmp_path / "events.parquet"
    result = run("export", "--format", "parquet", "-o", parquet, "--db", db, "--min-fatalities", "1")
    assert result.exit_code == 0, result.output
    assert duckdb.sql(f"SELECT id, fatalities FROM read_parquet('{parquet}')").fetchall() == [("exp-1", 2)]
    mentions = run("export", "--format", "plover", "--mentions", "--db", db)
    assert mentions.exit_code == 0 and len(mentions.stdout.splitlines()) == 2


def test_usage_errors(db: Path, tmp_path: Path) -> None:
    assert run("export", "--format", "parquet", "--db", db).exit_code == 2  # binary needs -o
    assert run("export", "--format", "acled", "--type", "EXPLODE", "--db", db).exit_code == 2
    missing = run("export", "--format", "acled", "--db", tmp_path / "none.duckdb")
    assert missing.exit_code == 2 and "no store" in missing.stderr
    assert run("export", "--format", "xml", "--db", db).exit_code == 2


def test_cli_csv_outputs_neutralise_formulas(tmp_path: Path) -> None:
    """`sitroom events --format csv` (fused and --mentions) and `sitroom export` quote formula cells."""
    formula = '=HYPERLINK("http://evil.example","x")'
    article = coded().article.model_copy(update={"title": formula, "source": "@SUM(1)", "url": "+1+1"})
    db = tmp_path / "formula.duckdb"
    with Store(db) as store:
        store.add(coded().model_copy(update={"article": article}))
    outputs = [
        CliRunner().invoke(app, ["events", "--db", str(db), "--format", "csv", "--mentions"]).stdout,
        CliRunner().invoke(app, ["events", "--db", str(db), "--format", "csv"]).stdout,
        CliRunner().invoke(app, ["export", "--db", str(db), "--format", "acled"]).stdout,
    ]
    cells = [cell for text in outputs for row in csv.reader(io.StringIO(text)) for cell in row]
    assert f"'{formula}" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]

"""Mojibake (UTF-8 read as Windows-1252 or Latin-1 before it reached us) is undone when an article is
read, and clean text of any script is never changed. Our own sentences; real files, a real DuckDB store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.ingest import read_articles
from sitroom.models import Article, repair_mojibake

GARBLED = (
    "Turkish police detained 40 people in Ä°stanbul on Saturday after a banned march, "
    "the governorâ€™s office said, calling the rally â€œillegalâ€."
)
CLEAN = (
    "Turkish police detained 40 people in İstanbul on Saturday after a banned march, "
    "the governor’s office said, calling the rally “illegal”."
)


def _jsonl(path: Path, *texts: str) -> Path:
    lines = [
        json.dumps({"id": f"a{n}", "text": text, "published": "2024-03-09"}) for n, text in enumerate(texts)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_garbled_article_is_read_repaired(tmp_path: Path) -> None:
    (article,) = read_articles([str(_jsonl(tmp_path / "in.jsonl", GARBLED))])
    assert isinstance(article, Article)
    assert article.text == CLEAN


def test_a_closing_quote_whose_last_byte_was_lost_is_a_quote_not_a_dagger() -> None:
    # "”" is E2 80 9D in UTF-8; Windows-1252 has no character for 9D, so copy often drops it.
    assert (
        repair_mojibake("they called it â€œfabricationsâ€ and left")
        == "they called it “fabrications” and left"
    )
    assert repair_mojibake("â€œno war, no peaceâ€, he said") == "“no war, no peace”, he said"


def test_the_title_is_repaired_too() -> None:
    assert Article(id="t", text="Talks.", title="CafÃ© talks in BogotÃ¡").title == "Café talks in Bogotá"


@pytest.mark.parametrize(
    "text",
    [
        "Talks in São Paulo, Bogotá, Århus and Ålesund; Ørsted’s plant; Ça va.",
        "Türkiye’s İçişleri Bakanlığı said 40 were held in İstanbul — “illegal”, it said.",
        "Москва заявила, что переговоры продолжатся.",
        "وقالت الوزارة إن المحادثات ستستمر",
        "Hà Nội và Đà Nẵng; Łódź, Kraków; Ελλάδα; 東京",
        "Fish &amp; chips; the ﬁrst ＡＢＣ; 50 °C; ½ a mile; “quoted” – ‘dash’ … done",
        "A line\r\nand another\u2028with odd breaks and a tab\t.",
    ],
)
def test_clean_text_of_any_script_is_never_changed(text: str) -> None:
    assert repair_mojibake(text) == text
    assert Article(id="c", text=text).text == text


def test_the_same_copy_garbled_and_clean_is_one_article_in_the_store(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    runner = CliRunner()
    first = runner.invoke(
        app, ["ingest", str(_jsonl(tmp_path / "clean.jsonl", CLEAN)), "--db", str(db), "--workers", "1"]
    )
    assert first.exit_code == 0, first.stderr
    again = runner.invoke(
        app, ["ingest", str(_jsonl(tmp_path / "garbled.jsonl", GARBLED)), "--db", str(db), "--workers", "1"]
    )
    assert again.exit_code == 0, again.stderr
    assert re.search(r"already stored\s+1\b", again.stderr), again.stderr
    assert re.search(r"coded and stored\s+0\b", again.stderr), again.stderr


def test_the_place_a_garbled_name_hid_is_found(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["code", str(_jsonl(tmp_path / "in.jsonl", GARBLED)), "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    events = json.loads(result.stdout.splitlines()[0])["events"]
    assert events and {event["location"]["name"] for event in events} == {"Istanbul"}
    assert all("İstanbul" in event["evidence"] for event in events)

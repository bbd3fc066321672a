"""Readers: every input kind becomes Articles, and every bad input a precise InputProblem."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import InputError
from sitroom.ingest import InputProblem, InputWarning, read_articles
from sitroom.ingest.readers import LEGACY, split_title
from sitroom.models import Article

DATA = Path(__file__).parent.parent / "data" / "ingest"
ANCHOR = date(2024, 1, 1)


def read(*paths: Path | str, published: date | None = None) -> list[Article | InputProblem]:
    return list(read_articles([str(path) for path in paths], published))


def articles(items: list[Article | InputProblem]) -> dict[str, Article]:
    return {item.id: item for item in items if isinstance(item, Article)}


def problems(items: list[Article | InputProblem]) -> list[str]:
    return [str(item) for item in items if isinstance(item, InputProblem)]


def test_jsonl_reads_format_fields_and_ignores_gold_events() -> None:
    items = read(DATA / "articles.jsonl", published=ANCHOR)
    assert problems(items) == []
    found = articles(items)
    assert list(found) == ["wire-1", "wire-2", "wire-3"]
    first = found["wire-1"]
    assert (first.title, first.source, first.url) == (
        "Shelling hits border town",
        "Test Wire",
        "https://example.org/wire-1",
    )
    assert first.origin == f"{DATA / 'articles.jsonl'}:1"
    assert not hasattr(first, "events")


def test_published_anchor_fills_only_missing_dates() -> None:
    found = articles(read(DATA / "articles.jsonl", published=ANCHOR))
    assert found["wire-1"].published == date(2024, 3, 4)
    assert found["wire-2"].published == date(2024, 3, 5)  # a datetime keeps its day
    assert found["wire-3"].published == ANCHOR
    assert articles(read(DATA / "articles.jsonl"))["wire-3"].published is None


def test_bad_jsonl_lines_are_reported_with_file_and_line_and_the_rest_is_read() -> None:
    path = DATA / "bad.jsonl"
    items = read(path)
    assert list(articles(items)) == ["ok-1", "ok-3"]
    reported = problems(items)
    assert [line.split(": ")[0] for line in reported] == [f"{path}:{n}" for n in (2, 4, 5, 6, 8)]
    assert "malformed JSON" in reported[0]
    assert "missing 'text'" in reported[1]
    assert "not a JSON object" in reported[2]
    assert "'published'" in reported[3]
    assert "duplicate id 'ok-1'" in reported[4]


def test_jsonl_missing_id_and_integer_id(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(
        '{"text": "No id here."}\n{"id": 7, "text": "A numeric id."}\n{"id": "x", "text": "  "}\n'
    )
    items = read(path)
    assert list(articles(items)) == ["7"]
    assert problems(items) == [f"{path}:1: missing 'id'", f"{path}:3: article text is blank"]


def test_plain_text_takes_a_title_line_and_the_file_stem_as_id() -> None:
    talks = articles(read(DATA / "talks.txt", published=ANCHOR))["talks"]
    assert talks.title == "Talks resume in Geneva"
    assert talks.text.startswith("Envoys from Armenia")
    assert talks.published == ANCHOR
    assert talks.origin == str(DATA / "talks.txt")


def test_markdown_heading_becomes_the_title() -> None:
    brief = articles(read(DATA / "brief.md"))["brief"]
    assert brief.title == "Navy drills announced"
    assert brief.text == "China announced naval exercises near Taiwan starting on Friday."


def test_split_title_needs_a_blank_line_after_the_first_line() -> None:
    assert split_title("Talks resume\n\nEnvoys met on Monday.") == ("Talks resume", "Envoys met on Monday.")
    assert split_title("Envoys met on Monday.\nThey agreed.") == (None, "Envoys met on Monday.\nThey agreed.")
    assert split_title("Just one line.") == (None, "Just one line.")


def test_html_main_text_title_site_and_date() -> None:
    page = articles(read(DATA / "page.html", published=ANCHOR))["page"]
    assert page.title == "Ceasefire talks collapse"
    assert page.source == "Example News"
    assert page.published == date(2024, 2, 12)  # the page's own date beats the anchor
    assert page.text.startswith("Mediators said on Sunday")  # the <h1> repeat is dropped
    assert "Subscribe" not in page.text and "Home" not in page.text


def test_html_without_a_date_uses_the_anchor(tmp_path: Path) -> None:
    body = (
        "<p>Troops were deployed to the northern border on Monday, the defence ministry said today.</p>" * 3
    )
    path = tmp_path / "nodate.htm"
    path.write_text(f"<html><body><article>{body}</article></body></html>")
    page = articles(read(path, published=ANCHOR))["nodate"]
    assert page.published == ANCHOR
    assert page.text.startswith("Troops were deployed")


def test_html_without_text_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>")
    assert problems(read(path)) == [f"{path}: no article text found in HTML"]


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.html", "blank.md"])
def test_empty_files_are_problems(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("  \n\n" if name.startswith("blank") else "")
    assert read(path) == [InputProblem(str(path), "empty file")]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("nul.txt", b"Kyiv\x00\x01\x02 binary"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ],
)
def test_binary_files_are_problems(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert read(path) == [InputProblem(str(path), "binary file (it holds NUL bytes)")]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("latin1.jsonl", '{"id": "a", "text": "Talks at the caf\xe9 in Gen\xe8ve."}'.encode("latin-1")),
        ("latin1.txt", "Talks at the caf\xe9 in Gen\xe8ve \u2013 envoys met.".encode("cp1252")),
    ],
)
def test_latin1_files_are_read_with_a_warning(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    warning, article = read(path)
    assert warning == InputWarning(str(path), LEGACY)
    assert str(warning).startswith(f"{path}: warning: not UTF-8")
    assert isinstance(article, Article) and "café in Genève" in article.text


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes('\ufeff{"id": "b", "text": "Talks in Doha."}\n'.encode())
    assert list(articles(read(path))) == ["b"]


def test_directory_is_read_recursively_sorted_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Envoys met in Doha.")
    (tmp_path / "a.md").write_text("Troops withdrew from the town.")
    (tmp_path / "c.TXT").write_text("Police arrested protesters.")
    (tmp_path / "notes.csv").write_text("not,an,article")
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.")
    assert [item.id for item in read(tmp_path)] == ["a", "z", "c"]


def test_empty_directory_is_a_problem(tmp_path: Path) -> None:
    [item] = read(tmp_path)
    assert isinstance(item, InputProblem) and item.origin == str(tmp_path)


def test_unsupported_file_type_named_explicitly_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("a,b")
    [item] = read(path)
    assert isinstance(item, InputProblem) and "unsupported file type '.csv'" in item.message


def test_missing_path_fails_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no-such\.jsonl"):
        read_articles([str(DATA / "articles.jsonl"), str(tmp_path / "no-such.jsonl")])


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(
        monkeypatch,
        b'\n  {"id": "s1", "text": "Talks in Cairo."}\n{"id": "s2", "text": "A strike."}\n{oops\n',
    )
    items = read("-")
    assert list(articles(items)) == ["s1", "s2"]
    assert problems(items)[0].startswith("<stdin>:4: malformed JSON")


def test_stdin_plain_text_is_one_article(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"Strikes hit Odesa\n\nDrones struck the port of Odesa overnight.\n")
    [article] = read("-", published=ANCHOR)
    assert isinstance(article, Article)
    assert (article.id, article.title, article.published) == ("stdin", "Strikes hit Odesa", ANCHOR)


def test_stdin_empty_or_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"   \n")
    assert problems(read("-")) == ["<stdin>: empty input"]
    _stdin(monkeypatch, b"\x00\xff")
    assert problems(read("-")) == ["<stdin>: binary file (it holds NUL bytes)"]


def test_public_surface() -> None:
    import sitroom.ingest

    assert set(sitroom.ingest.__all__) == {
        "SUFFIXES",
        "InputProblem",
        "InputWarning",
        "html_article",
        "read_articles",
    }
    assert all(hasattr(sitroom.ingest, name) for name in sitroom.ingest.__all__)

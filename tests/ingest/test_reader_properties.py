"""Property-based: the readers turn any bytes into articles and named problems, never an exception.

Files of every suffix with generated content (JSON lines with fields of every type and odd values, text
in UTF-8, Windows-1252 or Latin-1, lone surrogates, control characters, binary data), read from a real
folder. Every item is an Article (with text, a hashable identity) or an InputProblem naming its
``path`` or ``path:line``; every non-blank JSON line is accounted for exactly once.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.ingest import InputProblem, InputWarning, read_articles
from sitroom.models import Article

EXAMPLES = 4000
HTML_EXAMPLES = 300
DAYS = ["0001-01-01", "9999-12-31", "2024-02-30", "2024-05-20T10:00:00Z", "yesterday", "", " "]
odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(DAYS),
)  # fmt: skip
WORDS = ["Troops", "shelled", "Kharkiv", "on", "Monday", "killing", "12", "people", ",", ".", "\u2028",
         "café",
         "=HYPERLINK()", "\ud800", "\x00", "\t", "3000000000", "Genève", "\u202e", "😀", "\r\n"]  # fmt: skip
words = st.sampled_from(WORDS)
prose = st.lists(st.one_of(words, st.text(max_size=8)), max_size=40).map(" ".join)


@st.composite
def jsonl_lines(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["article", "odd", "garbage", "blank"]))
        if kind == "article":
            article_id = draw(st.one_of(st.text(min_size=1, max_size=12), st.integers()))
            record = {"id": article_id, "text": draw(prose)}
            for key in ("published", "title", "source", "url"):
                if draw(st.booleans()):
                    record[key] = draw(odd_values)
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
        elif kind == "odd":
            lines.append(json.dumps(draw(st.dictionaries(st.sampled_from(["id", "text", "x"]), odd_values))))
        elif kind == "garbage":
            lines.append(draw(st.text(max_size=40)).replace("\n", " "))
        else:
            lines.append(draw(st.sampled_from(["", "  ", "\t"])))
    return "\n".join(lines)


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8":
        return text.encode("utf-8", "surrogatepass")
    return text.encode(encoding, errors="replace")


encodings = st.sampled_from(["utf-8", "cp1252", "latin-1"])
contents = st.one_of(
    st.tuples(st.sampled_from([".jsonl", ".ndjson"]), jsonl_lines(), encodings),
    st.tuples(st.sampled_from([".txt", ".md"]), prose, st.one_of(encodings, st.just("utf-16"))),
)


def check(items: list[Article | InputProblem], path: Path) -> None:
    for item in items:
        if isinstance(item, InputProblem):
            assert item.origin == str(path) or item.origin.startswith(f"{path}:"), item
            assert item.message
        else:
            assert isinstance(item, Article) and item.text.strip()
            assert item.origin == str(path) or item.origin.startswith(f"{path}:")
            assert len(item.content_hash) == 64  # every text field encodes to UTF-8
            json.dumps(item.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=contents, published=st.one_of(st.none(), st.dates(date(1, 1, 1), date(9999, 12, 31))),
       binary=st.binary(max_size=20), splice=st.booleans())  # fmt: skip
def test_any_file_is_read_into_articles_and_named_problems(
    content: tuple[str, str, str], published: date | None, binary: bytes, splice: bool
) -> None:
    suffix, text, encoding = content
    data = encode(text, encoding) + (binary if splice else b"")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_articles([str(path)], published))
    check(items, path)
    if suffix in (".jsonl", ".ndjson") and items and not isinstance(items[0], InputProblem | InputWarning):
        decoded = data.decode("utf-8-sig")
        counted = [item for item in items if not isinstance(item, InputWarning)]
        assert len(counted) == sum(1 for line in decoded.split("\n") if line.strip())


@pytest.mark.slow
@settings(max_examples=HTML_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=prose, title=st.text(max_size=30), charset=st.sampled_from(["utf-8", "windows-1252", "latin-1"]),
       tail=st.binary(max_size=30))  # fmt: skip
def test_any_html_page_is_read_or_named(body: str, title: str, charset: str, tail: bytes) -> None:
    page = (f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>")  # fmt: skip
    data = page.encode(charset if charset != "utf-8" else "utf-8", errors="replace") + tail
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_bytes(data)
        items = list(read_articles([str(path)]))
    assert len(items) == 1
    check(items, path)

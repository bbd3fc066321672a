"""Turn input paths (files, directories, ``-``) into Articles, and unreadable inputs into InputProblems.

A bad line or file never stops the others: it becomes an :class:`InputProblem` naming ``path:line``, which
the CLI prints and counts. Only a path that does not exist is fatal (:class:`~sitroom.errors.InputError`),
and it is checked before anything is read, so a typo fails at once rather than after an hour of coding.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from sitroom.errors import InputError
from sitroom.models import Article, iso_day

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
STDIN_ID = "stdin"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = JSONL_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES

EMPTY = "empty file"
BINARY = "binary file (it holds NUL bytes)"
LEGACY = "not UTF-8: read as Windows-1252/Latin-1 (save it as UTF-8 to be sure of every character)"


@dataclass(frozen=True)
class InputProblem:
    """An input (file or line) that could not be read; ``origin`` is ``path`` or ``path:line``."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class InputWarning(InputProblem):
    """An input that was read, but not quite as written (a legacy encoding): its articles follow it.

    A subclass of :class:`InputProblem`, so a caller that only tells articles from problems still skips
    it; the CLI prints and counts it apart from the failures."""

    def __str__(self) -> str:
        return f"{self.origin}: warning: {self.message}"


Item = Article | InputProblem


def read_articles(paths: Sequence[str], published: date | None = None) -> Iterator[Item]:
    """Yield every article in ``paths`` in order, and an InputProblem for each unreadable input.

    ``published`` anchors relative dates for inputs that carry no date of their own; it never
    overrides a date an input states.

        >>> [a.id for a in read_articles(["tests/data/ingest/articles.jsonl"]) if isinstance(a, Article)]
        ['wire-1', 'wire-2', 'wire-3']
    """
    missing = [raw for raw in paths if raw != STDIN and not Path(raw).exists()]
    if missing:
        raise InputError(f"no such file or directory: {', '.join(missing)}")
    return _read_all(paths, published)


def _read_all(paths: Sequence[str], published: date | None) -> Iterator[Item]:
    for raw in paths:
        if raw == STDIN:
            yield from _read_stdin(published)
        elif Path(raw).is_dir():
            yield from _read_directory(Path(raw), published)
        else:
            yield from _read_file(Path(raw), published)


def _read_directory(root: Path, published: date | None) -> Iterator[Item]:
    """Every input file under ``root``, sorted so that runs are reproducible; hidden ones skipped."""
    files = sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )
    if not files:
        yield InputProblem(str(root), f"no input files ({' '.join(SUFFIXES)}) in directory")
    for path in files:
        yield from _read_file(path, published)


def _read_file(path: Path, published: date | None) -> Iterator[Item]:
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, published)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(origin, f"cannot read file: {exc.strerror or exc}")
        return
    if suffix in HTML_SUFFIXES:
        yield html_article(data, origin, path.stem, published)
        return
    if suffix not in JSONL_SUFFIXES + TEXT_SUFFIXES:
        yield InputProblem(
            origin, f"unsupported file type {suffix or '(none)'!r}; expected {' '.join(SUFFIXES)}"
        )
        return
    text = _decode(data)
    if text is None:
        yield InputProblem(origin, BINARY)
        return
    if not _is_utf8(data):
        yield InputWarning(origin, LEGACY)
    if not text.strip():
        yield InputProblem(origin, EMPTY)
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_articles(text, origin, published)
    else:
        yield _text_article(text, origin, path.stem, published)


#: How much of a JSON lines file is read at a time: a file of any size is read in two streaming passes.
SCAN_CHUNK = 1 << 20


def _read_jsonl_file(path: Path, published: date | None) -> Iterator[Item]:
    """A JSON lines file, streamed: a first pass finds its encoding (as :func:`_decode` would for the
    whole file), a second yields its articles line by line, so memory does not grow with the file."""
    origin = str(path)
    try:
        encoding = _scan_encoding(path)
        if encoding is None:
            yield InputProblem(origin, BINARY)
            return
        if encoding != "utf-8-sig":
            yield InputWarning(origin, LEGACY)
        with path.open("rb") as stream:
            lines = (raw.decode(encoding if number == 0 else encoding.removesuffix("-sig"))
                     for number, raw in enumerate(stream))  # fmt: skip
            found = yield from _jsonl_lines((line.removesuffix("\n") for line in lines), origin, published)
    except OSError as exc:
        yield InputProblem(origin, f"cannot read file: {exc.strerror or exc}")
        return
    if not found:
        yield InputProblem(origin, EMPTY)


def _scan_encoding(path: Path) -> str | None:
    """The encoding :func:`_decode` would pick for the whole file, found a chunk at a time (None for
    binary data)."""
    decoders = {name: codecs.getincrementaldecoder(name)() for name in ("utf-8", "cp1252")}
    with path.open("rb") as stream:
        while chunk := stream.read(SCAN_CHUNK):
            if b"\x00" in chunk:
                return None
            for name in list(decoders):
                try:
                    decoders[name].decode(chunk)
                except UnicodeDecodeError:
                    del decoders[name]
    for name in list(decoders):
        try:
            decoders[name].decode(b"", final=True)
        except UnicodeDecodeError:
            del decoders[name]
    return "utf-8-sig" if "utf-8" in decoders else "cp1252" if "cp1252" in decoders else "latin-1"


def _read_stdin(published: date | None) -> Iterator[Item]:
    """Read stdin as JSONL when it starts with ``{``, else as one plain-text article with id ``stdin``."""
    data = sys.stdin.buffer.read()
    text = _decode(data)
    if text is None:
        yield InputProblem(STDIN_ORIGIN, BINARY)
        return
    if not _is_utf8(data):
        yield InputWarning(STDIN_ORIGIN, LEGACY)
    if not text.strip():
        yield InputProblem(STDIN_ORIGIN, "empty input")
    elif text.lstrip().startswith("{"):
        yield from _jsonl_articles(text, STDIN_ORIGIN, published)
    else:
        yield _text_article(text, STDIN_ORIGIN, STDIN_ID, published)


def _decode(data: bytes) -> str | None:
    """UTF-8 text (a BOM is dropped), or None for binary data: NUL bytes never occur in a text article.

    Text that is not UTF-8 is read as Windows-1252 (Latin-1 with curly quotes and dashes where Latin-1 has
    control codes), the legacy encoding of Western news sites; the caller warns that it did.
    """
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined: Latin-1 maps every byte
        return data.decode("latin-1")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _jsonl_articles(text: str, origin: str, published: date | None) -> Iterator[Item]:
    """One article per non-blank line of a whole text (stdin)."""
    # Split on "\n" only: str.splitlines would also split on U+2028 inside a JSON string.
    yield from _jsonl_lines(text.split("\n"), origin, published)


def _jsonl_lines(lines: Iterable[str], origin: str, published: date | None) -> Generator[Item, None, bool]:
    """One article per non-blank line; ids must be unique within a file, as FORMAT.md requires. Returns
    whether any line was not blank."""
    first_line: dict[str, int] = {}
    found = False
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found = True
        where = f"{origin}:{lineno}"
        item = _jsonl_article(line, where, published)
        if isinstance(item, Article):
            if item.id in first_line:
                item = InputProblem(where, f"duplicate id {item.id!r} (first on line {first_line[item.id]})")
            else:
                first_line[item.id] = lineno
        yield item
    return found


def _jsonl_article(line: str, where: str, published: date | None) -> Item:
    """Parse one FORMAT.md input line; its ``events`` (gold annotations) are ignored."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputProblem(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return InputProblem(where, "not a JSON object (expected one with 'id' and 'text')")
    missing = [key for key in ("id", "text") if record.get(key) in (None, "")]
    if missing:
        return InputProblem(where, f"missing {' and '.join(repr(key) for key in missing)}")
    article_id = record["id"]
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    if not isinstance(article_id, str) or not isinstance(record["text"], str):
        return InputProblem(where, "'id' and 'text' must be strings")
    if not record["text"].strip():
        return InputProblem(where, "article text is blank")
    try:
        return Article(
            id=article_id,
            text=record["text"],
            published=record.get("published") or published,
            title=record.get("title"),
            source=record.get("source"),
            url=record.get("url"),
            origin=where,
        )
    except ValidationError as exc:
        return InputProblem(where, _validation_message(exc))


def _validation_message(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"])
    return f"bad {field!r}: {error['msg']} (got {error.get('input')!r})"


def _text_article(text: str, origin: str, article_id: str, published: date | None) -> Item:
    """A plain-text or Markdown article: a first line followed by a blank line is its title."""
    title, body = split_title(text)
    if not body:
        return InputProblem(origin, "no article text after the title")
    return Article(id=article_id, text=body, title=title, published=published, origin=origin)


def split_title(text: str) -> tuple[str | None, str]:
    """Split off a title line (a Markdown ``#`` heading is unwrapped); return ``(title, body)``.

    >>> split_title("Talks resume\\n\\nEnvoys met on Monday.")
    ('Talks resume', 'Envoys met on Monday.')
    """
    text = text.strip()
    first, _, rest = text.partition("\n")
    second, _, remainder = rest.partition("\n")
    if rest and not second.strip() and remainder.strip():
        return first.strip().lstrip("#").strip() or None, remainder.strip()
    return None, text


def html_article(data: bytes, origin: str, article_id: str, published: date | None) -> Item:
    """Main text, title, site and date of a saved web page, by trafilatura.

    HTML is not held to UTF-8: saved pages declare their own charset, which trafilatura honours.
    """
    if not data.strip():
        return InputProblem(origin, EMPTY)
    if b"\x00" in data:
        return InputProblem(origin, BINARY)
    from trafilatura import bare_extraction  # heavy import, only when HTML is read

    try:
        doc = bare_extraction(data, with_metadata=True)
    except Exception as exc:  # a foreign parser failing on one page must not stop the batch
        return InputProblem(origin, f"cannot extract HTML: {exc}")
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        return InputProblem(origin, "no article text found in HTML")
    title = doc.title or None
    return Article(
        id=article_id,
        text=_drop_heading(text, title),
        title=title,
        published=_iso_date(doc.date) or published,
        source=doc.sitename or None,
        url=doc.url or None,
        origin=origin,
    )


def _drop_heading(text: str, title: str | None) -> str:
    """trafilatura repeats the page's ``<h1>`` as the first line of the text; the title already holds it."""
    first, _, rest = text.strip().partition("\n")
    if title and rest.strip() and first.strip() == title.strip():
        return rest.strip()
    return text.strip()


def _iso_date(value: str | None) -> date | None:
    try:
        return iso_day(value) if value else None
    except ValueError:
        return None

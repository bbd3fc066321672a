"""Property-based: ``sitroom code`` and ``sitroom ingest`` on generated input files, into one real store.

Whatever the lines hold (odd fields, dates at the ends of the calendar, tolls past any column, run-on
text, stray Unicode), the command ends with exit code 0 or 1 and no traceback, ``code`` prints one line
per article read, and ``ingest`` never loses an article stored by an earlier run.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import run
from test_pipeline import texts

EXAMPLES = 60
values = st.one_of(st.none(), st.integers(), st.text(max_size=10),
                   st.sampled_from(["0001-01-01", "9999-12-31", "2024-05-20", "2024-02-30"]))  # fmt: skip
records = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=8), "text": st.one_of(texts(), st.text(max_size=30))},
    optional={"published": values, "title": values, "source": values, "url": values},
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("cli-properties") / "store.duckdb"


def stored(db: Path) -> set[str]:
    if not db.exists():
        return set()
    with duckdb.connect(str(db), read_only=True) as con:
        return {row[0] for row in con.execute("SELECT content_hash FROM articles").fetchall()}


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(lines=st.lists(records, min_size=1, max_size=4), junk=st.booleans())
def test_code_and_ingest_any_file(db: Path, lines: list[dict], junk: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.jsonl"
        body = "\n".join(json.dumps(record) for record in lines) + ("\n{not json" if junk else "")
        path.write_text(body, encoding="utf-8")
        coded = run("code", path, "--workers", "1")
        assert coded.exit_code in (0, 1), (coded.exit_code, coded.stderr[-500:])
        assert coded.exception is None or isinstance(coded.exception, SystemExit), coded.exception
        outputs = [json.loads(line) for line in coded.stdout.split("\n") if line.strip()]  # not U+2028
        assert all("id" in output and "events" in output for output in outputs)
        before = stored(db)
        ingested = run("ingest", path, "--db", db, "--workers", "1")
        assert ingested.exit_code in (0, 1), (ingested.exit_code, ingested.stderr[-500:])
        assert ingested.exception is None or isinstance(ingested.exception, SystemExit), ingested.exception
        assert "articles read" in ingested.stderr
    assert before <= stored(db)

"""The CLI's working half for coding: reading inputs, coding them to a stream, the tally of a run.

``cli.py`` parses arguments and calls these; nothing here parses flags. Storing and printing stored
events is ``cli_store.py``'s, which ``sitroom code`` does not import: it starts without the store.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import IO

from rich.console import Console

from sitroom.errors import StageError
from sitroom.ingest import InputProblem, InputWarning
from sitroom.models import Article, CodedArticle
from sitroom.pipeline import MAX_CHARS, cap_text, code_articles, default_workers

BATCH_SIZE = 8
PIPED_WIDTH = 180


def stdout_console() -> Console:
    """The terminal's width, or a wide page when piped: rich would squeeze a table into 80 columns."""
    console = Console(highlight=False)
    return console if console.is_terminal else Console(highlight=False, width=PIPED_WIDTH)


def say(console: Console, message: str) -> None:
    """Print user data verbatim: no markup (ids may contain ``[``), no highlighting, no re-wrapping."""
    console.print(message, markup=False, highlight=False, soft_wrap=True)


@dataclass
class Tally:
    """Counts of one run, for the summary and the exit code."""

    read: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    already_stored: int = 0
    repeated: int = 0
    failed: list[str] = field(default_factory=list)
    not_stored: list[str] = field(default_factory=list)  # coded, but a value could not be stored
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (article, why) for the summary
    warnings: list[str] = field(default_factory=list)  # read, but not quite as written (cut, re-encoded)
    coded: int = 0
    events: int = 0
    stopped: str | None = None
    repaired: int = 0  # mentions fused before this run's articles (an older or interrupted store)
    fused: int | None = None  # fused events in the store after the run

    @property
    def exit_code(self) -> int:
        """0 when every input was read and coded; 1 when some were not (the rest still were)."""
        return 1 if self.problems or self.failed or self.not_stored or self.stopped else 0

    def reasons(self) -> str:
        """Unreadable inputs grouped by kind of problem, e.g. ``empty file 2, malformed JSON 1``."""
        kinds = Counter(problem.message.split(":")[0].split(" (")[0] for problem in self.problems)
        return ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())


def articles_only(
    items: Iterable[Article | InputProblem], tally: Tally, console: Console, max_chars: int = MAX_CHARS
) -> Iterator[Article]:
    """Pass articles on, each cut to the text budget; report each problem and warning on stderr as
    ``path:line: message`` as soon as it is met."""
    for item in items:
        if isinstance(item, InputWarning):
            tally.warnings.append(str(item))
            say(console, str(item))
        elif isinstance(item, InputProblem):
            tally.problems.append(item)
            say(console, str(item))
        else:
            tally.read += 1
            article, note = cap_text(item, max_chars)
            if note is not None:
                warning = f"{item.origin or item.id}: warning: {note}"
                tally.warnings.append(warning)
                say(console, warning)
            yield article


def workers_for(articles: Iterator[Article], workers: int | None) -> tuple[Iterator[Article], int]:
    """Cap the worker count for small inputs: each worker loads spaCy, which costs more than a tiny batch.

    Peeks at most ``workers × BATCH_SIZE`` articles and puts them back in front of the iterator.
    """
    wanted = workers or default_workers()
    head = list(islice(articles, wanted * BATCH_SIZE))
    needed = max(1, -(-len(head) // BATCH_SIZE))
    return chain(head, articles), min(wanted, needed)


def code_to_stream(
    articles: Iterator[Article],
    out: IO[str],
    workers: int | None,
    tally: Tally,
    console: Console,
    detect: str = "combined",
    max_chars: int = MAX_CHARS,
) -> None:
    """Write one FORMAT.md system line per article; a failed article still gets its line, with ``error``."""
    articles, workers = workers_for(articles, workers)
    with pipeline_failures(tally, console):
        coding = code_articles(articles, workers, BATCH_SIZE, detect, max_chars)
        for coded in coding:
            line = coded.to_format()
            if coded.error is not None:
                line["error"] = coded.error
                report_failure(coded, tally, console)
            else:
                tally.coded += 1
                tally.events += len(coded.events)
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            out.flush()


@contextmanager
def pipeline_failures(tally: Tally, console: Console) -> Iterator[None]:
    """Stop the run on a failed stage or a dead worker (out of memory, say), without a traceback.

    Whatever was written or stored so far stays, and the summary still prints.
    """
    try:
        yield
    except (StageError, BrokenProcessPool) as exc:
        tally.stopped = f"coding stopped: {exc}"
        say(console, f"error: {tally.stopped}")


def report_failure(coded: CodedArticle, tally: Tally, console: Console) -> None:
    article = coded.article
    tally.failed.append(article.id)
    tally.skipped.append((article.origin or article.id, coded.error or "coding failed"))
    say(console, f"{article.origin or article.id}: {coded.error}")

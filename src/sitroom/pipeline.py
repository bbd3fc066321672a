"""Run the coding pipeline over many articles, in order, on all cores.

Each worker process loads spaCy and the lexicons once, then codes whole articles; only plain models cross
process boundaries. ``code_articles`` codes one run; :class:`CoderPool` keeps the coders loaded between
runs for the long-running callers (``sitroom.service.IngestService``: the watcher and the server).

Every article is coded in isolation: whatever one article does to the coder (an exception in any stage,
a text spaCy refuses), it comes back with its ``error`` set and the others are still coded. No article
reaches the parser longer than the per-article budget (:data:`MAX_CHARS`, ``SITROOM_MAX_CHARS`` or
``--max-chars``): :func:`cap_text` cuts a longer one at a paragraph or sentence break, with a warning.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING

from sitroom.models import Article, CodedArticle

if TYPE_CHECKING:
    from sitroom.coding.coder import Coder

#: The per-article text budget in characters (about 20 s of coding on one core; spaCy refuses
#: texts over 1,000,000). Longer texts are cut at a paragraph or sentence break (:func:`cap_text`).
MAX_CHARS = 100_000
MAX_CHARS_LIMIT = 1_000_000  # spaCy's own limit (its error E088)
MIN_CHARS = 1_000
MAX_CHARS_ENV = "SITROOM_MAX_CHARS"

_worker_coder = None


def max_chars_setting(value: int | None = None) -> int:
    """The text budget: ``value`` (a ``--max-chars`` flag), else ``SITROOM_MAX_CHARS``, else
    :data:`MAX_CHARS`; raises ValueError outside [MIN_CHARS, MAX_CHARS_LIMIT]."""
    if value is None:
        raw = os.environ.get(MAX_CHARS_ENV, "").strip()
        try:
            value = int(raw.replace("_", "")) if raw else MAX_CHARS
        except ValueError:
            raise ValueError(f"{MAX_CHARS_ENV}={raw!r} is not a whole number of characters") from None
    if not MIN_CHARS <= value <= MAX_CHARS_LIMIT:
        raise ValueError(f"the text budget must lie between {MIN_CHARS:,} and {MAX_CHARS_LIMIT:,} characters")
    return value


def cap_text(article: Article, max_chars: int = MAX_CHARS) -> tuple[Article, str | None]:
    """The article cut to ``max_chars`` characters, and a warning saying so (None when it fits).

    The cut falls on the last paragraph break of the allowed text, else its last sentence end, else its
    last space, as long as that keeps at least half of it. The article's identity (content hash) is that
    of the text kept, so re-ingesting the same long file skips it as already stored.

        >>> cap_text(Article(id="a", text="One. Two. " * 300), max_chars=1000)[1]
        'text of 3,000 characters cut to 999 (the per-article budget is 1,000; --max-chars)'
    """
    text = article.text
    if len(text) <= max_chars:
        return article, None
    head = text[:max_chars]
    cut = -1
    for mark in ("\n\n", "\n", ". ", " "):
        cut = head.rfind(mark)
        if cut >= max_chars // 2:
            cut += 1 if mark == ". " else 0
            break
    else:
        cut = max_chars
    kept = head[:cut].rstrip()
    budget = f"the per-article budget is {max_chars:,}; --max-chars"
    note = f"text of {len(text):,} characters cut to {len(kept):,} ({budget})"
    return article.model_copy(update={"text": kept}), note


def _init_worker(detect: str) -> None:
    global _worker_coder
    from sitroom.coding.coder import Coder

    _worker_coder = Coder.load(detect)


def _code_batch(batch: list[Article]) -> list[CodedArticle]:
    assert _worker_coder is not None
    return list(code_isolated(_worker_coder, batch))


def code_isolated(coder: Coder, batch: list[Article]) -> Iterator[CodedArticle]:
    """Code a batch in order, each article on its own: the batch is parsed together (fast), and when
    anything escapes that (spaCy refusing one text stops the whole ``nlp.pipe``), the articles not yet
    coded are coded one by one, so one article's failure is its own ``error`` and no one else's."""
    done = 0
    try:
        for coded in coder.pipe(batch):
            done += 1
            yield coded
        return
    except Exception:  # every article from here on is retried alone below
        pass
    for article in batch[done:]:
        try:
            yield coder.code(article)
        except Exception as exc:
            yield CodedArticle(article=article, error=f"coding failed: {type(exc).__name__}: {_short(exc)}")


def _short(exc: Exception) -> str:
    """The first line of an exception's message, at most 300 characters (spaCy's errors run long)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text[:300]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def default_workers() -> int:
    """All cores, as the brief asks; ``--workers`` overrides."""
    return max(1, os.cpu_count() or 1)


def code_articles(
    articles: Iterable[Article],
    workers: int | None = None,
    batch_size: int = 8,
    detect: str = "combined",
    max_chars: int | None = None,
) -> Iterator[CodedArticle]:
    """Code articles and yield one CodedArticle per input, in input order.

    A failure on one article is reported in its ``error`` field; the batch goes on. An article longer
    than the text budget (``max_chars``, see :func:`max_chars_setting`) is coded cut to it: callers that
    want to warn about it call :func:`cap_text` first. With ``workers=1`` everything runs in this process
    (no start-up cost of a pool). ``detect`` picks the detect stage's variant
    (``coding.detect.DETECT_VARIANTS``).
    """
    budget = max_chars_setting(max_chars)
    coders = CoderPool(workers, detect)
    try:
        yield from coders.code(articles, batch_size, budget)
    finally:
        coders.close()


class CoderPool:
    """Coders kept loaded between calls: in this process (``workers=1``) or in worker processes that each
    load spaCy and the lexicons once. A long-running caller (the watcher, the server) codes batch after
    batch without paying the start-up again; :func:`code_articles` is one call on a pool of its own.

        >>> coders = CoderPool(workers=2)
        >>> for coded in coders.code(articles):
        ...     store.add(coded)
        >>> coders.close()

    A pool whose worker died (out of memory, say) raises ``BrokenProcessPool`` from :meth:`code` and is
    replaced on the next call.
    """

    def __init__(self, workers: int | None = None, detect: str = "combined"):
        self.workers = workers or default_workers()
        self.detect = detect
        self._pool: ProcessPoolExecutor | None = None

    def code(
        self, articles: Iterable[Article], batch_size: int = 8, max_chars: int | None = None
    ) -> Iterator[CodedArticle]:
        """One CodedArticle per article, in order; each article cut to the text budget first."""
        budget = max_chars_setting(max_chars)
        capped = (cap_text(article, budget)[0] for article in articles)
        if self.workers == 1:
            from sitroom.coding.coder import Coder

            coder = Coder.load(self.detect)
            for batch in _batches(capped, batch_size):
                yield from code_isolated(coder, batch)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, initializer=_init_worker, initargs=(self.detect,)
            )
        pool = self._pool
        pending = []
        try:
            for batch in _batches(capped, batch_size):
                pending.append(pool.submit(_code_batch, batch))
                while len(pending) > self.workers * 4:
                    yield from pending.pop(0).result()
            while pending:
                yield from pending.pop(0).result()
        except BrokenProcessPool:
            self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            for future in pending:  # the caller stopped early: drop what it will not read
                future.cancel()

    def close(self) -> None:
        """Stop the worker processes (after the batches they are coding)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

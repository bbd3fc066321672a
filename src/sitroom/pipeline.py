"""Run the coding pipeline over many articles, in order, on all cores.

Each worker process loads spaCy and the lexicons once, then codes whole articles; only plain models cross
process boundaries. ``code_articles`` is the one entry point the CLI and the store use.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from sitroom.models import Article, CodedArticle

_worker_coder = None


def _init_worker(detect: str) -> None:
    global _worker_coder
    from sitroom.coding.coder import Coder

    _worker_coder = Coder.load(detect)


def _code_batch(batch: list[Article]) -> list[CodedArticle]:
    assert _worker_coder is not None
    return list(_worker_coder.pipe(batch))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def default_workers() -> int:
    """All cores, as the brief asks; ``--workers`` overrides."""
    return max(1, os.cpu_count() or 1)


def code_articles(
    articles: Iterable[Article], workers: int | None = None, batch_size: int = 8, detect: str = "combined"
) -> Iterator[CodedArticle]:
    """Code articles and yield one CodedArticle per input, in input order.

    A failure on one article is reported in its ``error`` field; the batch goes on.
    With ``workers=1`` everything runs in this process (no start-up cost of a pool). ``detect`` picks the
    detect stage's variant (``coding.detect.DETECT_VARIANTS``).
    """
    workers = workers or default_workers()
    if workers == 1:
        from sitroom.coding.coder import Coder

        yield from Coder.load(detect).pipe(articles)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(detect,)) as pool:
        pending = []
        for batch in _batches(articles, batch_size):
            pending.append(pool.submit(_code_batch, batch))
            while len(pending) > workers * 4:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()

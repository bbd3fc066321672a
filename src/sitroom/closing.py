"""``with`` for anything that has a ``close()``: the store, the API's event source, the ingest service and
the watcher each hold resources (a database connection, coding processes, an HTTP client) that a
``with`` block must release however it ends."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Closing:
    """Mix in for ``with obj:`` → ``obj.close()`` on the way out; subclasses define ``close``."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

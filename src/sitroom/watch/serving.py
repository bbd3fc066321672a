"""The watcher inside ``sitroom serve --watch``: the server is then the store's one writer.

DuckDB lets one process open a file for writing and no other process open it meanwhile, so a separate
``sitroom watch`` cannot share a store with a server. Instead the server runs the watcher in a thread of
its own, on the server's store and lock (``api.data.EventSource``): requests read between the watcher's
writes, and the page's paste and upload take turns with it (``service.IN_PROCESS``).

    >>> app = create_app(db, watch=WatchPlan(load_sources("sources.yaml"), load_rules("alerts.yaml")))
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.watch.alerts import Rule
from sitroom.watch.sources import Source

if TYPE_CHECKING:
    from sitroom.api.data import EventSource


@dataclass
class WatchPlan:
    """What the server watches, and where it tells of its polls (stderr by default)."""

    sources: list[Source]
    rules: list[Rule] = field(default_factory=list)
    say: Callable[[str], None] | None = None

    def start(self, source: EventSource) -> Callable[[], None]:
        """Start the watcher's thread; returns the function that stops it (after its current article)."""
        from sitroom.watch.watcher import Watcher

        watcher = Watcher(
            source.store, self.sources, self.rules, sink=source, lock=source.lock, workers=1, say=self.say
        )
        thread = threading.Thread(target=self._run, args=(watcher,), name="sitroom-watch", daemon=True)
        thread.start()

        def stop() -> None:
            watcher.stop.set()
            thread.join(timeout=60)
            watcher.close()

        return stop

    def _run(self, watcher: object) -> None:
        from sitroom.watch.watcher import Watcher

        assert isinstance(watcher, Watcher)
        try:
            watcher.run()
        except Exception as exc:  # the store failed: the server goes on serving what it has
            if self.say is not None:
                self.say(f"the watcher stopped: {type(exc).__name__}: {exc}")

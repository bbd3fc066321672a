"""Fixtures of the watcher's tests: real HTTP servers on loopback (``watch_servers.py``)."""

from watch_servers import receiver, site

__all__ = ["receiver", "site"]

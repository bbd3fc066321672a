"""The situation room: an HTTP API and a web page over the event store.

    >>> from sitroom.api import create_app
    >>> app = create_app("sitroom.duckdb")

``create_app`` is imported lazily, so that ``sitroom.api.data`` (used by ``sitroom export``) does not pull
in FastAPI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitroom.api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from sitroom.api.app import create_app

        return create_app
    raise AttributeError(name)

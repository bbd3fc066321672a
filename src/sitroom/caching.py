"""Derived copies of shipped data files, pickled under the user cache dir for a quicker start.

``$XDG_CACHE_HOME/sitroom/`` (default ``~/.cache/sitroom/``). A copy is keyed on its source files as they
are on disk (name, size, modification time: a new install or an edit changes them), the module that
builds it (the layout of what is pickled) and the Python version, and rebuilt when any changes. The
shipped files stay the source of truth; no pickle is shipped. The gazetteer keeps a cache of its own (its
names in shelves, see ``place/gazetteer.py``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """Where every derived copy lives, the gazetteer's too."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitroom"


def cached(name: str, sources: Iterable[Path], build: Callable[[], T], kind: type[T], key: str = "") -> T:
    """``build()``'s result, from its pickled copy when the sources (and ``key``, e.g. a library's version)
    are unchanged; else built and written (by rename, so a reader never meets half a file), and the
    copies of older sources dropped."""
    path = _copy_path(name, sources, key)
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        if isinstance(value, kind):
            return value
    except Exception:  # missing, stale or unreadable: build it again
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
        for stale in path.parent.glob(f"{name}-*.pickle"):
            if stale != path and stale.name.rsplit("-", 1)[0] == name:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home still works, just slower
    return value


def _copy_path(name: str, sources: Iterable[Path], key: str) -> Path:
    digest = hashlib.sha1(f"{sys.version_info[:2]}:{key}".encode())
    for source in sources:
        stat = source.stat()
        digest.update(f"{source.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return cache_dir() / f"{name}-{digest.hexdigest()[:16]}.pickle"

"""The one exception tree of sitroom.

    SitroomError
     ├── InputError    an input file, line or article cannot be read (names path:line)
     ├── ConfigError   a sources or alert-rules file cannot be used (names the file and the entry)
     ├── FetchError    a URL could not be fetched (names the URL; the watcher retries it later)
     │    └── FetchRefused   the URL is not one sitroom may fetch: not http(s), a private address
     ├── StoreError    the event store cannot be opened, read or written
     │    ├── ArticleNotStored   one article cannot be stored (the store is unchanged; the run goes on)
     │    └── StoreBusy          another process holds the store (one writer, no reader beside it)
     └── StageError    a pipeline stage failed on one article (names the article id)

Only ``cli.py`` turns these into messages and exit codes.
"""


class SitroomError(Exception):
    """Base class of every error sitroom raises on purpose."""


class InputError(SitroomError):
    """An input cannot be read; the message says which file (and line) and why."""


class ConfigError(SitroomError):
    """A sources file or an alert-rules file cannot be used; the message names the file and the entry."""


class FetchError(SitroomError):
    """A URL could not be fetched (network, status, size or time limits); the message names the URL."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class FetchRefused(FetchError):
    """A URL sitroom will not fetch: a scheme other than http(s), or a host that resolves to a private,
    loopback, link-local or otherwise non-public address that its source did not allow."""


class StoreError(SitroomError):
    """The store cannot be opened, read or written."""


class StoreBusy(StoreError):
    """Another process holds the store's file lock: DuckDB lets one process write a file, and no other
    process read it meanwhile. ``pid`` is that process, when DuckDB names it."""

    def __init__(self, message: str, pid: int | None = None) -> None:
        super().__init__(message)
        self.pid = pid


class StageError(SitroomError):
    """A pipeline stage failed on one article."""


class ArticleNotStored(StoreError):
    """One article cannot be stored: a value its columns cannot hold, a date fusion cannot place. Nothing
    of it was written, and the next article can be. ``reason`` says why, without any server path."""

    def __init__(self, article_id: str, reason: str, origin: str | None = None) -> None:
        where = f"{article_id!r} ({origin})" if origin else repr(article_id)
        super().__init__(f"cannot store article {where}: {reason}")
        self.article_id = article_id
        self.reason = reason

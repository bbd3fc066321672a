"""The one exception tree of sitroom.

    SitroomError
     ├── InputError    an input file, line or article cannot be read (names path:line)
     ├── StoreError    the event store cannot be opened, read or written
     │    └── ArticleNotStored   one article cannot be stored (the store is unchanged; the run goes on)
     └── StageError    a pipeline stage failed on one article (names the article id)

Only ``cli.py`` turns these into messages and exit codes.
"""


class SitroomError(Exception):
    """Base class of every error sitroom raises on purpose."""


class InputError(SitroomError):
    """An input cannot be read; the message says which file (and line) and why."""


class StoreError(SitroomError):
    """The store cannot be opened, read or written."""


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

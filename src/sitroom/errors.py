"""The one exception tree of sitroom.

    SitroomError
     ├── InputError    an input file, line or article cannot be read (names path:line)
     ├── StoreError    the event store cannot be opened, read or written
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

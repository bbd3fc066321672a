"""What keeps the situation room from being turned against its user (docs/security.md).

- **Host allow-list**: a request whose ``Host`` header names another site is refused (400), so a web page
  that rebinds its own domain name to 127.0.0.1 (DNS rebinding) cannot read or write through the
  visitor's browser. The default is the address served; ``sitroom serve --allow-host NAME`` adds names.
- **Token guessing**: after :data:`FAILED_TOKEN_LIMIT` wrong tokens from one client address within
  :data:`FAILED_TOKEN_WINDOW` seconds, every token check from it answers 429 until the window has passed;
  a token shorter than :data:`MIN_TOKEN_LENGTH` is refused at start-up.
- **Errors**: a store error becomes a JSON 503, anything unforeseen a JSON 500, both with the security
  headers, and no message the API sends names a server path.

    >>> host_name("Example.org:8765"), host_name("[::1]:8765")
    ('example.org', '::1')
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from sitroom.errors import StoreError

MIN_TOKEN_LENGTH = 12
FAILED_TOKEN_LIMIT = 10
FAILED_TOKEN_WINDOW = 60.0
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
ANY_HOST = "*"
NextHandler = Callable[[Request], Awaitable[Response]]
# An absolute file path of two parts or more that is not part of a URL ("https://x/a/b").
_ABSOLUTE_PATH = re.compile(r"(?<![\w:/.~-])(?:/[^\s'\"/:]+){2,}/?")


def check_token(token: str | None) -> None:
    """Refuse a token too short to resist guessing (ValueError, said at start-up)."""
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise ValueError(
            f"the token must be at least {MIN_TOKEN_LENGTH} characters long (it guards writes; "
            "e.g. `python3 -c 'import secrets; print(secrets.token_urlsafe(24))'`)"
        )


def host_name(header: str) -> str:
    """The host part of a ``Host`` header, lower-cased, without its port or IPv6 brackets."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header[1:]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def served_hosts(host: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The names a server listening on ``host`` answers to: that address (with the loopback names when it
    is a loopback address; with this machine's name and addresses when it is every interface), plus
    ``extra`` (``--allow-host``; ``*`` allows any)."""
    names = {host_name(host)}
    if names & set(LOOPBACK_NAMES):
        names.update(LOOPBACK_NAMES)
    if host in WILDCARD_HOSTS:
        names.update(LOOPBACK_NAMES)
        names.update(_machine_names())
    names.update(host_name(name) if name != ANY_HOST else ANY_HOST for name in extra)
    names.discard("")
    return tuple(sorted(names))


def _machine_names() -> set[str]:
    """This machine's host names and addresses (for a server on every interface)."""
    names = {socket.gethostname().lower(), socket.getfqdn().lower()}
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            names.add(str(info[4][0]).lower())
    except OSError:
        pass
    return names


class FailedTokens:
    """Wrong tokens per client address in a sliding window; past the limit the client must wait."""

    def __init__(self, limit: int = FAILED_TOKEN_LIMIT, window: float = FAILED_TOKEN_WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds the client must wait before its next token is even compared (0: none)."""
        now = time.monotonic()
        with self._lock:
            failures = self._failures.get(client)
            if not failures:
                return 0.0
            while failures and failures[0] <= now - self.window:
                failures.popleft()
            if len(failures) < self.limit:
                return 0.0
            return max(0.0, failures[0] + self.window - now)

    def failed(self, client: str) -> None:
        with self._lock:
            if len(self._failures) > 10_000:  # forget the oldest clients rather than grow without end
                self._failures.pop(next(iter(self._failures)))
            self._failures.setdefault(client, deque(maxlen=self.limit * 2)).append(time.monotonic())


def public(message: str, paths: Sequence[Path] = ()) -> str:
    """``message`` without server paths: the store's path becomes its file name, any other absolute path
    its last part."""
    for path in sorted((str(p) for p in paths), key=len, reverse=True):
        message = message.replace(path, Path(path).name)
    return _ABSOLUTE_PATH.sub(lambda match: Path(match.group(0)).name or "/", message)


def install(app: FastAPI, hosts: Sequence[str], headers: dict[str, str], paths: Sequence[Path]) -> None:
    """Add the Host check and the JSON error handlers to ``app``; ``headers`` go on every error reply."""

    def reply(status: int, detail: str, extra: dict[str, str] | None = None) -> JSONResponse:
        return JSONResponse({"detail": public(detail, paths)}, status, headers={**headers, **(extra or {})})

    allowed = frozenset(hosts)

    @app.middleware("http")
    async def host_allow_list(request: Request, call_next: NextHandler) -> Response:
        if ANY_HOST not in allowed and host_name(request.headers.get("host", "")) not in allowed:
            names = ", ".join(sorted(allowed))
            return reply(400, f"this server answers to {names} (add names with `sitroom serve --allow-host`)")
        return await call_next(request)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return reply(exc.status_code, str(exc.detail), dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(error.get("loc", ())), "msg": public(str(error.get("msg", "")), paths)}
            for error in exc.errors()
        ]
        return JSONResponse({"detail": errors}, 422, headers=headers)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return reply(503, f"the store cannot answer: {exc}")

    @app.exception_handler(Exception)
    async def unforeseen(request: Request, exc: Exception) -> JSONResponse:
        if type(exc).__module__.split(".")[0] == "duckdb":  # a query the store's reader let through
            return reply(503, f"the store cannot answer: {_first_line(exc)}")
        return reply(500, f"internal error ({type(exc).__name__}); the server goes on")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

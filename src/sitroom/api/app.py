"""The situation room's web app: ``create_app`` builds the FastAPI application over one store.

Every URL is listed here: the JSON API under ``/api`` (one router per resource, ``routes/*.py``), the page
at ``/`` with its files under ``/static``, the API reference at ``/docs`` (an offline page that reads
``/openapi.json``; FastAPI's default one loads Swagger UI from a CDN). Every response carries a strict
Content-Security-Policy: the page runs only its own scripts, so article text that slipped past the page's
escaping still could not run.

    >>> app = create_app("sitroom.duckdb", token="a-long-s3cret-token")
    >>> uvicorn.run(app, host="127.0.0.1", port=8765)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from sitroom import __version__
from sitroom.api import guard
from sitroom.api.data import EventSource
from sitroom.api.routes import ROUTERS
from sitroom.watch.serving import WatchPlan

NextHandler = Callable[[Request], Awaitable[Response]]
STATIC = Path(str(resources.files("sitroom.api").joinpath("static")))
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
DESCRIPTION = """
Events coded from news articles in the PLOVER ontology, read from a sitroom store.

Reads are open unless the server was started with `--private`; `POST /api/articles` always needs the
server's token as `Authorization: Bearer <token>`. Filters are shared by the event, stats, actor and export
routes: `type`, `country`, `actor`, `since`, `until`, `factuality`, `min_fatalities`, `q`, `location`,
`dyad`.
"""


def create_app(
    db_path: str | Path,
    token: str | None = None,
    private: bool = False,
    hosts: Sequence[str] = guard.LOOPBACK_NAMES,
    max_chars: int | None = None,
    watch: WatchPlan | None = None,
) -> FastAPI:
    """The app over the store at ``db_path``.

    With a ``token`` (at least ``guard.MIN_TOKEN_LENGTH`` characters) the store is opened for writing
    (created if missing) and ``POST /api/articles`` accepts requests that carry it; without one the store
    is opened read-only and must exist. ``private`` makes reads need the token too, so it requires one.
    ``hosts`` are the names the server answers to (the ``Host`` header; ``guard.served_hosts``), and
    ``max_chars`` the per-article text budget of ingest (``pipeline.max_chars_setting``). With a ``watch``
    plan (``sitroom serve --watch``) the store is opened for writing and the watcher runs in a thread of
    this server, the store's one writer, sharing its lock with the requests.
    """
    if private and not token:
        raise ValueError("a private situation room needs a token (--token or SITROOM_TOKEN)")
    guard.check_token(token)
    from sitroom.pipeline import max_chars_setting

    budget = max_chars_setting(max_chars)
    source = EventSource(db_path, writable=token is not None or watch is not None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stop = watch.start(source) if watch is not None else None
        yield
        if stop is not None:
            stop()
        source.close()

    app = FastAPI(
        title="sitroom situation room",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.data = source
    app.state.token = token or None
    app.state.private = private
    app.state.failed_tokens = guard.FailedTokens()
    app.state.max_chars = budget
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", headers={"Cache-Control": "no-cache"})

    guard.install(app, hosts, SECURITY_HEADERS, [Path(db_path), Path(db_path).resolve()])

    @app.middleware("http")
    async def security_headers(request: Request, call_next: NextHandler) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.add_middleware(GZipMiddleware, minimum_size=2048)
    return app

"""A real store and a real server for the API and page tests.

The store holds our own fixture articles (``tests/data/api/articles.jsonl``) as coded by the real coder,
plus one hand-made article whose every text field carries script payloads and whose events have
coordinates, fatalities and a dyad (the coder leaves those to stages that may not have run), and the ACLED
types the coder would give them. The server is
uvicorn on 127.0.0.1 and a free port, in a thread of the test process, serving ``create_app`` exactly as
``sitroom serve`` does.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from sitroom.api import create_app
from sitroom.coding.acled import with_acled
from sitroom.coding.coder import Coder
from sitroom.models import Actor, Article, CodedArticle, DateSpan, Event, Location
from sitroom.store import Store

DATA = Path(__file__).parent.parent / "data" / "api"
TOKEN = "test-token-4d1c"
#: Loopback only, whatever proxy the environment names.
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
PAYLOAD = "<script>window.__pwned='x'</script><img src=x onerror=\"window.__pwned='y'\">"
PAYLOAD_TEXT = (
    "ORLEN, June 3 - Government troops attacked rebel positions near Orlen on Monday, killing 14 fighters, "
    f"the army said {PAYLOAD}. Rebels shelled the airport at Dunmere on Tuesday, killing two civilians. "
    "The rebel command denied targeting civilians."
)


def payload_article() -> CodedArticle:
    """Hand-made events with script payloads in names, places and evidence, located and dated."""
    article = Article(
        id="payload-01",
        title=f"Fighting near Orlen {PAYLOAD}",
        source=f"Test Wire {PAYLOAD}",
        url="javascript:window.__pwned='link'",
        published=date(2025, 6, 4),
        text=PAYLOAD_TEXT,
    )
    first_end = PAYLOAD_TEXT.index(". Rebels") + 1
    second_start = first_end + 1
    second_end = PAYLOAD_TEXT.index(" The rebel")
    common = {"cameo_root": "19", "confidence": 0.9, "quad_class": 4}
    events = [
        Event(
            id="payload-e1", type="ASSAULT", mode="firearms", **common,
            actor=Actor(name=f"Army {PAYLOAD}", country="MLI", sector="MIL"),
            target=Actor(name="Northern rebels", country="BFA", sector="REB"),
            location=Location(name=f"Orlen {PAYLOAD}", country="MLI", lat=14.5, lon=-4.2, precision="city",
                              feature="city", geonames_id=123),
            date=DateSpan(start=date(2025, 6, 2), end=date(2025, 6, 2), precision="day", text="Monday"),
            fatalities=14, evidence=PAYLOAD_TEXT[:first_end], sentence_start=0, sentence_end=first_end,
            trigger="attacked", cameo="190",
        ),
        Event(
            id="payload-e2", type="ASSAULT", mode="heavy-weapons", **common,
            actor=Actor(name="Northern rebels", country="BFA", sector="REB"),
            target=Actor(name="civilians", country="MLI", sector="CVL"),
            location=Location(name="Dunmere", country="MLI", lat=12.65, lon=-8.0, precision="admin1",
                              feature="admin1"),
            date=DateSpan(start=date(2025, 6, 3), end=date(2025, 6, 3), precision="day", text="Tuesday"),
            fatalities=2, evidence=PAYLOAD_TEXT[second_start:second_end], sentence_start=second_start,
            sentence_end=second_end, trigger="shelled", cameo="194",
        ),
    ]  # fmt: skip
    return CodedArticle(article=article, events=[with_acled(event) for event in events])


def fixture_articles() -> list[Article]:
    lines = (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [Article.model_validate(json.loads(line)) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def coded_fixtures() -> list[CodedArticle]:
    """Our fixture articles through the real coder (loaded once per test session)."""
    coder = Coder.load()
    return [coder.code(article) for article in fixture_articles()]


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory, coded_fixtures: list[CodedArticle]) -> Path:
    path = tmp_path_factory.mktemp("store") / "room.duckdb"
    with Store(path) as store:
        for coded in [*coded_fixtures, payload_article()]:
            assert coded.error is None, coded.error
            store.add(coded)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class LiveServer:
    """uvicorn serving ``create_app`` on 127.0.0.1 in a thread; ``request`` speaks real HTTP to it."""

    def __init__(self, db: Path, token: str | None = None, private: bool = False, **options: Any):
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(db, token=token, private=private, **options),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)

    def request(
        self,
        path: str,
        method: str = "GET",
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        token: str | None = None,
    ) -> Response:
        data = body.encode() if isinstance(body, str) else body
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with NO_PROXY.open(request, timeout=120) as reply:
                return Response(reply.status, dict(reply.headers.items()), reply.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers.items()), error.read())

    def get_json(self, path: str, token: str | None = None) -> Any:
        reply = self.request(path, token=token)
        assert reply.status == 200, (path, reply.status, reply.body[:300])
        return reply.json()


@pytest.fixture(scope="session")
def server(store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A writable server (token set) on a copy of the fixture store; read tests must not depend on ingest."""
    path = tmp_path_factory.mktemp("live") / "room.duckdb"
    shutil.copy(store_template, path)
    with LiveServer(path, token=TOKEN) as live:
        yield live


@pytest.fixture
def fresh_server(store_template: Path, tmp_path: Path) -> Iterator[LiveServer]:
    """A writable server of its own, for tests that ingest."""
    path = tmp_path / "room.duckdb"
    shutil.copy(store_template, path)
    with LiveServer(path, token=TOKEN) as live:
        yield live

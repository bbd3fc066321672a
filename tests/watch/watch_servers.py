"""Real HTTP servers on loopback for the watcher's tests: a news site whose routes a test changes between
polls, and a webhook receiver that records what it was sent.

A test module's fixtures yield from :func:`running_site` (a webhook receiver is a site whose ``/hook``
answers 204). The site serves whatever ``site.routes[path]`` holds: bytes (200), or a :class:`Reply`
with a status, headers, a delay and a body sent in slow pieces. Each request is recorded (path and
headers), so a test can tell a conditional request from a plain one.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # before answering
    trickle: float = 0.0  # between 1-byte pieces of the body
    content_length: int | None = None  # a declared length (huge bodies)
    stream: int = 0  # bytes of filler to stream without a declared length


@dataclass
class Site:
    server: ThreadingHTTPServer
    routes: dict[str, bytes | Reply] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for _, seen, headers, _ in self.requests if seen == path]


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._answer(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._answer(self.rfile.read(length))

    def _answer(self, body_in: bytes) -> None:
        site = self.site
        site.requests.append(
            (self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body_in)
        )
        route = site.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        reply = route if isinstance(route, Reply) else Reply(body=route)
        if reply.delay:
            time.sleep(reply.delay)
        etag = reply.headers.get("ETag")
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        length = reply.content_length if reply.content_length is not None else len(reply.body) + reply.stream
        self.send_header("Content-Length", str(length))
        self.end_headers()
        try:
            if reply.trickle:
                for byte in reply.body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.trickle)
            else:
                self.wfile.write(reply.body)
            for _ in range(reply.stream // 65536):
                self.wfile.write(b" " * 65536)
        except (BrokenPipeError, ConnectionResetError):
            pass


def start_site() -> Site:
    handler = type("Handler", (_Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site = Site(server)
    handler.site = site
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site


def running_site(routes: dict[str, bytes | Reply] | None = None) -> Iterator[Site]:
    """A site for the length of a test (a test module's ``site`` fixture yields from it)."""
    site = start_site()
    site.routes.update(routes or {})
    yield site
    site.server.shutdown()
    site.server.server_close()


STORIES = [
    (
        "Artillery fire kills six in border town of Velmora",
        "VELMORA, March 4 - Russian artillery shelled the Ukrainian border town of Velmora on "
        "Monday, killing "
        "six civilians and wounding nine, the regional governor said. Emergency crews worked through "
        "the night "
        "to clear debris from a market hall. Ukraine's foreign ministry condemned the attack as a deliberate "
        "strike on civilians and called on its partners to send more air defence systems to the region.",
    ),
    (
        "Kenya and Ethiopia hold talks on border security",
        "NAIROBI, March 6 - Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi "
        "on Wednesday to discuss security along their shared border, officials said. The two leaders "
        "agreed to "
        "set up a joint commission on cattle raids. Ethiopia will send a delegation to Nairobi next "
        "month, the "
        "Ethiopian foreign ministry said in a statement after the meeting ended late in the evening.",
    ),
    (
        "Protesters in Lima demand minister's resignation",
        "LIMA, March 8 - Thousands of transport workers protested in Lima on Friday against rising "
        "extortion, "
        "blocking main roads and demanding the resignation of the interior minister, police said. The "
        "protesters marched to the Congress building. Police fired tear gas to disperse a crowd near the "
        "central square, and several people were detained, the national police said in a statement.",
    ),
]


def story(number: int, killed: int | None = None) -> tuple[str, str]:
    """A story that codes to events; ``killed`` rewrites the first story's toll (a material change)."""
    title, text = STORIES[number % len(STORIES)]
    if killed is not None and number % len(STORIES) == 0:
        text = text.replace("killing six civilians", f"killing {killed} civilians")
        title = title.replace("kills six", f"kills {killed}")
    return title, text


def rss(items: list[tuple[str, str, str]], title: str = "Test Wire") -> bytes:
    """An RSS 2.0 feed of (link, title, text) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(link)}</guid><pubDate>{format_datetime(datetime(2025, 3, 9, tzinfo=UTC))}</pubDate>"
        f"<description>{escape(text)}</description></item>"
        for link, t, text in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.org/</link><description>d</description>{entries}</channel></rss>"
    ).encode()


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(sentence.strip())}.</p>" for sentence in text.split(". ") if sentence)
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}"
        f"</h1>{paragraphs}</article></body></html>"
    ).encode()


def digest(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

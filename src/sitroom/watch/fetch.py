"""Fetching on a user's behalf, safely: http(s) only, public addresses only, bounded in bytes and time.

A fetch is a request the server makes for whoever wrote the sources file or the feed, so:

- only ``http`` and ``https`` URLs are fetched, at every hop: a feed or a redirect that names ``file:``,
  ``ftp:`` or anything else is refused, and nothing here ever opens a local file;
- the host is resolved first and every address it resolves to must be public: private (10/8, 172.16/12,
  192.168/16, fc00::/7), loopback (127/8, ::1), link-local (169.254/16, fe80::/10, cloud metadata
  services), shared (100.64/10), multicast, reserved and unspecified addresses are refused, IPv4 mapped in
  IPv6 included; the connection then goes to the address that was checked (no second lookup a rebinding
  DNS server could answer differently), with the name kept for the ``Host`` header and TLS;
- redirects are followed by hand (at most five), each one checked as above;
- a body larger than ``max_bytes`` (declared or read, after decompression) and a fetch that takes longer
  than ``timeout`` in all (a server that trickles) are abandoned;
- a request to one host waits ``host_interval`` after the previous one (all sources and threads share
  the limiter), and proxies named by the environment are not used.

A source that lives on a private address says so itself: ``allow_private`` (all of its fetches) or a list
of ``host[:port]`` names (those alone).

    >>> fetcher = Fetcher()
    >>> page = fetcher.get("https://example.org/feed.xml", Policy())
    >>> page.body[:5], page.etag
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from sitroom import __version__
from sitroom.errors import FetchError, FetchRefused

USER_AGENT = f"sitroom/{__version__} (news watcher; +https://github.com/openeventdata/PLOVER)"
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER = 60.0
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Policy:
    """What one source's fetches may do (see the module docstring)."""

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    retries: int = 2
    backoff: float = 1.0
    allow_private: bool = False
    private_hosts: tuple[str, ...] = ()

    def allows_private(self, host: str, port: int) -> bool:
        host = host.lower().strip("[]")
        return self.allow_private or host in self.private_hosts or f"{host}:{port}" in self.private_hosts


@dataclass(frozen=True)
class Page:
    """A fetched body; ``url`` is the final one (after redirects); ``status`` 304 has no body."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_public(address: Address) -> bool:
    """Whether an address is on the public internet (the only ones fetched unless a source allows more).

    >>> is_public(ipaddress.ip_address("93.184.216.34")), is_public(ipaddress.ip_address("169.254.169.254"))
    (True, False)
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_unspecified)


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL; anything else is refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(url, f"not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(url, f"only http(s) URLs are fetched, not {scheme or 'a relative URL'}")
    if not parts.hostname:
        raise FetchRefused(url, "no host in the URL")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def resolve(url: str, policy: Policy) -> Address:
    """The address to connect to for ``url``: every address its host resolves to must be allowed."""
    _, host, port = check_url(url)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve {host}: {exc}") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
    if not addresses:
        raise FetchError(url, f"cannot resolve {host}")
    if not policy.allows_private(host, port):
        for address in addresses:
            if not is_public(address):
                raise FetchRefused(
                    url, f"{host} resolves to {address}, a private, loopback or link-local address "
                    "(a source on one says so with allow_private)",
                )  # fmt: skip
    return addresses[0]


class HostLimiter:
    """At least ``interval`` seconds between two requests to one host, whichever thread makes them."""

    def __init__(self, interval: float = 0.0):
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, interval: float | None = None) -> None:
        gap = self.interval if interval is None else interval
        if gap <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + gap
        if slot > now:
            time.sleep(slot - now)


class _Passing(Exception):
    """A failure worth another try (a timeout, a refused connection, a 5xx, a 429)."""

    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.wait = wait


@dataclass
class Fetcher:
    """One HTTP client for every source (connections are pooled per address) and the host limiter."""

    limiter: HostLimiter = field(default_factory=HostLimiter)
    stop: threading.Event = field(default_factory=threading.Event)  # set: waits end, fetches fail

    def __post_init__(self) -> None:
        self._client = httpx.Client(
            trust_env=False, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        )

    def close(self) -> None:
        self._client.close()

    def get(
        self, url: str, policy: Policy, etag: str | None = None, last_modified: str | None = None,
        host_interval: float | None = None,
    ) -> Page:  # fmt: skip
        """GET ``url`` under ``policy``: conditional when validators are given (304 → ``not_modified``),
        retried with back-off for passing failures; raises FetchError (FetchRefused for a refused URL)."""
        headers = {"Accept": "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._with_retries(url, policy, lambda: self._get(url, policy, headers, host_interval))

    def post(self, url: str, body: bytes, headers: dict[str, str], policy: Policy) -> int:
        """POST ``body`` (a webhook); redirects are not followed. Returns the 2xx status."""
        return self._with_retries(url, policy, lambda: self._post(url, body, headers, policy))

    def _with_retries(self, url, policy, attempt):  # type: ignore[no-untyped-def]
        for number in range(policy.retries + 1):
            try:
                return attempt()
            except _Passing as exc:
                if number == policy.retries or self.stop.is_set():
                    raise FetchError(url, f"{exc} (tried {number + 1} times)") from exc
                pause = policy.backoff * 2**number if exc.wait is None else min(exc.wait, MAX_RETRY_AFTER)
                if self.stop.wait(pause):
                    raise FetchError(url, f"{exc} (stopped)") from exc
        raise AssertionError("unreachable")

    def _get(self, url: str, policy: Policy, headers: dict[str, str], host_interval: float | None) -> Page:
        started = time.monotonic()
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            with self._open("GET", current, policy, headers, host_interval) as response:
                if response.status_code in REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(current, f"HTTP {response.status_code} without a Location")
                    current = urljoin(current, location.strip())
                    continue
                if response.status_code == 304:
                    return Page(current, 304, etag=response.headers.get("etag"))
                _check_status(current, response)
                body = _read_capped(current, response, policy, started)
                return Page(
                    current, response.status_code, body, response.headers.get("content-type", ""),
                    response.headers.get("etag"), response.headers.get("last-modified"),
                )  # fmt: skip
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _post(self, url: str, body: bytes, headers: dict[str, str], policy: Policy) -> int:
        with self._open("POST", url, policy, headers, None, body) as response:
            if response.status_code in REDIRECTS:
                raise FetchError(url, f"HTTP {response.status_code}: a webhook is not redirected")
            _check_status(url, response)
            _read_capped(url, response, Policy(max_bytes=65_536, timeout=policy.timeout), time.monotonic())
            return response.status_code

    def _open(self, method, url, policy, headers, host_interval, body=None):  # type: ignore[no-untyped-def]
        """A streamed request to the checked address of ``url`` (the name kept for Host and TLS)."""
        if self.stop.is_set():
            raise FetchError(url, "the watcher is stopping")
        address = resolve(url, policy)
        scheme, host, port = check_url(url)
        self.limiter.wait(host, host_interval)
        parts = urlsplit(url)
        shown = f"[{address}]" if address.version == 6 else str(address)
        target = httpx.URL(scheme=scheme, host=shown.strip("[]"), port=port, raw_path=_raw_path(parts))
        default = (scheme, port) in (("http", 80), ("https", 443))
        named = f"[{host}]" if ":" in host else host
        request = self._client.build_request(
            method, target, content=body, timeout=httpx.Timeout(policy.timeout),
            headers={**headers, "Host": named if default else f"{named}:{port}"},
            extensions={"sni_hostname": host} if scheme == "https" else {},
        )  # fmt: skip
        try:
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise _Passing(f"timed out after {policy.timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise _Passing(f"cannot connect: {type(exc).__name__}: {exc}") from exc
        return _Closing(response)


class _Closing:
    def __init__(self, response: httpx.Response):
        self.response = response

    def __enter__(self) -> httpx.Response:
        return self.response

    def __exit__(self, *exc: object) -> None:
        self.response.close()


def _raw_path(parts) -> bytes:  # type: ignore[no-untyped-def]
    path = parts.path or "/"
    return (path + (f"?{parts.query}" if parts.query else "")).encode("ascii", "ignore")


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status in RETRY_STATUSES:
        raise _Passing(f"HTTP {status}", _retry_after(response.headers.get("retry-after")))
    if not 200 <= status < 300:
        raise FetchError(url, f"HTTP {status}")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _read_capped(url: str, response: httpx.Response, policy: Policy, started: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(url, f"body of {int(declared):,} bytes is over the {policy.max_bytes:,}-byte cap")
    chunks, size = [], 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > policy.max_bytes:
                raise FetchError(url, f"body over the {policy.max_bytes:,}-byte cap")
            if time.monotonic() - started > policy.timeout:
                raise _Passing(f"took longer than {policy.timeout:g} s")
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise _Passing(f"timed out after {policy.timeout:g} s") from exc
    except httpx.HTTPError as exc:
        raise _Passing(f"the body broke off: {type(exc).__name__}") from exc
    return b"".join(chunks)

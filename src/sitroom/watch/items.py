"""What a fetched source lists: the items of a feed (feedparser) or a sitemap, keyed for de-duplication.

Feeds are handed to feedparser as a stream of the bytes we fetched, never as a string: given a string,
feedparser would fetch a URL or open a local file of that name itself. Sitemaps are read by the
standard library's expat parser, which expands no external entity. A link that is not http(s) is kept as
no link at all (``Item.url`` None), so nothing a feed says can make the watcher read a local file.

    >>> items, title = feed_items(body, "https://example.org/rss.xml")
    >>> items[0].key, items[0].url, items[0].text[:60]
"""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from sitroom.errors import InputError
from sitroom.models import iso_day

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|rss)$", re.IGNORECASE)
_BLOCKS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article",
    "header", "footer", "pre", "ul", "ol", "table", "figure", "figcaption", "hr",
}  # fmt: skip
MAX_SITEMAP_ENTRIES = 50_000


@dataclass(frozen=True)
class Item:
    """One entry: ``key`` identifies it across polls and sources (normalised URL, else the feed's guid);
    ``url`` is the page to fetch when ``text`` (the entry's own) is too short, None when it has none."""

    key: str
    url: str | None
    title: str | None = None
    text: str = ""
    published: date | None = None


def normalise_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no tracking
    parameters (``utm_*``, ``fbclid``…), ``/`` for an empty path.

    >>> normalise_url("HTTPS://Example.org:443/a?utm_source=rss&id=3#top")
    'https://example.org/a?id=3'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def http_link(link: str | None, base: str) -> str | None:
    """An entry's link made absolute, if it is http(s); None for anything else (``file:``,
    ``javascript:``)."""
    if not link or not isinstance(link, str):
        return None
    try:
        absolute = urljoin(base, link.strip())
        parts = urlsplit(absolute)
    except ValueError:
        return None
    return absolute if parts.scheme.lower() in ("http", "https") and parts.hostname else None


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content): paragraphs kept, markup and scripts dropped.

    >>> html_text("<p>Troops <b>shelled</b> the town.</p><p>Two died.</p>")
    'Troops shelled the town.\\n\\nTwo died.'
    """
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _day(parsed: object) -> date | None:
    try:
        return date(parsed[0], parsed[1], parsed[2]) if parsed else None  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        return None


def feed_items(body: bytes, url: str) -> tuple[list[Item], str | None]:
    """The entries of an RSS or Atom feed, and the feed's title; a feed too broken to list any entry is
    an InputError (a feed with a few broken bits still gives what it can)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("feed")):
        problem = parsed.get("bozo_exception")
        raise InputError(f"not a feed: {problem}" if problem else "not a feed (no RSS or Atom entries)")
    items = []
    for entry in entries:
        link = http_link(entry.get("link"), url)
        text = ""
        for content in entry.get("content") or []:
            candidate = html_text(str(content.get("value") or ""))
            if len(candidate) > len(text):
                text = candidate
        summary = html_text(str(entry.get("summary") or ""))
        if len(summary) > len(text):
            text = summary
        guid = entry.get("id") or entry.get("guid")
        key = normalise_url(link) if link else (f"guid:{guid}" if guid else None)
        if key is None:
            continue  # neither a link nor an id: nothing to know it by next time
        published = _day(entry.get("published_parsed")) or _day(entry.get("updated_parsed"))
        title = html_text(str(entry.get("title") or "")) or None
        items.append(Item(key=key, url=link, title=title, text=text, published=published))
    if not items and parsed.get("bozo"):  # broken XML that left nothing usable
        raise InputError(f"not a feed: {parsed.get('bozo_exception') or 'malformed XML'}")
    title = html_text(str(parsed.get("feed", {}).get("title") or "")) or None
    return items, title


def sitemap_items(body: bytes, url: str, max_bytes: int) -> tuple[list[Item], list[str]]:
    """The pages of a sitemap (with a Google News sitemap's titles and dates) and, for a sitemap index,
    the sitemaps it lists. A gzipped sitemap is unpacked up to ``max_bytes``."""
    from xml.etree import ElementTree

    if body[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as unpacked:
            body = unpacked.read(max_bytes + 1)
        if len(body) > max_bytes:
            raise InputError(f"sitemap unpacks to more than {max_bytes:,} bytes")
    if b"<!ENTITY" in body[:4096]:
        raise InputError("sitemap declares entities; refused")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise InputError(f"not a sitemap: {exc}") from exc
    tag = root.tag.rsplit("}", 1)[-1]
    if tag == "sitemapindex":
        children = [
            http_link(loc.text, url) for loc in root.iter() if loc.tag.endswith("}loc") or loc.tag == "loc"
        ]
        return [], [child for child in children if child][:MAX_SITEMAP_ENTRIES]
    if tag != "urlset":
        raise InputError(f"not a sitemap (its root is <{tag}>)")
    items = []
    for entry in list(root)[:MAX_SITEMAP_ENTRIES]:
        fields = {child.tag.rsplit("}", 1)[-1]: child for child in entry.iter()}
        loc = http_link(fields["loc"].text if "loc" in fields else None, url)
        if loc is None:
            continue
        title = fields["title"].text.strip() if "title" in fields and fields["title"].text else None
        when = fields.get("publication_date") or fields.get("lastmod")
        published = _iso_day(when.text if when is not None else None)
        items.append(Item(key=normalise_url(loc), url=loc, title=title, published=published))
    return items, []


def _iso_day(value: str | None) -> date | None:
    """A sitemap's day, or None when it has none or an unreadable one (the page may still date itself)."""
    try:
        return iso_day(value.strip()) if value else None
    except ValueError:
        return None

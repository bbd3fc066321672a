"""The sources file (YAML and OPML), the address rules, URL normalising and copy detection."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from sitroom.errors import ConfigError
from sitroom.watch.dedup import CopyIndex, fingerprint
from sitroom.watch.fetch import is_public
from sitroom.watch.items import feed_items, normalise_url, sitemap_items
from sitroom.watch.sources import load_sources


def test_yaml_sources_inherit_defaults_and_read_durations(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "defaults: {interval: 10m, host_interval: 0.5}\n"
        "sources:\n"
        "  - url: https://example.org/rss.xml\n"
        "  - sitemap: https://example.org/sitemap.xml\n    interval: 1h\n"
        "  - page: https://example.org/live\n    allow_private: [intranet:8080]\n"
        "  - folder: inbox\n"
    )
    feed, sitemap, page, folder = load_sources(path)
    assert (feed.kind, feed.interval, feed.host_interval, feed.name) == ("feed", 600, 0.5, "example.org")
    assert (sitemap.kind, sitemap.interval) == ("sitemap", 3600)
    assert page.private_hosts == ("intranet:8080",) and not page.allow_private
    assert folder.kind == "folder" and folder.location == str((tmp_path / "inbox").resolve())


def test_opml_outlines_are_feeds(tmp_path: Path) -> None:
    path = tmp_path / "subscriptions.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
        '<outline text="Wire" title="The Wire" type="rss" xmlUrl="https://wire.example/rss"/>'
        '<outline text="Other" xmlUrl="https://other.example/atom.xml"/></outline></body></opml>'
    )
    sources = load_sources(path)
    assert [(s.kind, s.name, s.location) for s in sources] == [
        ("feed", "The Wire", "https://wire.example/rss"),
        ("feed", "Other", "https://other.example/atom.xml"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- url: file:///etc/passwd\n", "source 1: 'file:///etc/passwd' is not an http(s) URL"),
        ("- url: https://a.example/\n  interval: soon\n", "source 1: 'interval' must be a duration"),
        ("- url: https://a.example/\n  colour: red\n", "source 1: unknown key colour"),
        ("- url: https://a.example/\n- url: https://a.example/\n", "https://a.example/ is listed twice"),
        ("- url: https://a.example/\n  page: https://b.example/\n", "give exactly one of"),
        ("[]\n", "expected a list of sources"),
    ],
)
def test_a_bad_source_names_the_file_and_the_entry(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_sources(path)
    assert message in str(caught.value) and "sources.yaml" in str(caught.value)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:0a00:0001::1", False),  # 6to4 around 10.0.0.1
    ],
)
def test_only_public_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_urls_are_normalised_for_deduplication() -> None:
    assert normalise_url("HTTPS://Example.ORG:443/a/b?utm_source=rss&id=3&fbclid=x#top") == (
        "https://example.org/a/b?id=3"
    )
    assert normalise_url("http://example.org") == "http://example.org/"
    assert normalise_url("http://example.org:8080/x") == "http://example.org:8080/x"


def test_feed_links_that_are_not_http_are_dropped_and_relative_ones_resolved() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>a</title><link>file:///etc/passwd</link><guid>g1</guid><description>x</description></item>"
        b"<item><title>b</title><link>/news/2</link><description>y</description></item>"
        b"</channel></rss>"
    )
    items, title = feed_items(body, "https://example.org/rss.xml")
    assert title == "t"
    assert [(item.key, item.url) for item in items] == [
        ("guid:https://example.org/g1", None),  # feedparser resolves a guid against the feed
        ("https://example.org/news/2", "https://example.org/news/2"),
    ]


def test_a_sitemap_with_entities_is_refused() -> None:
    from sitroom.errors import InputError

    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    with pytest.raises(InputError, match="entities"):
        sitemap_items(bomb, "https://example.org/sitemap.xml", 1000)


STORY = (
    "Government forces and rebels fought for control of the northern town on Tuesday, residents said, "
    "as thousands of families fled towards the border crossing. The army said it had retaken the main "
    "road after a day of heavy fighting and that its units were clearing the remaining positions. A "
    "spokesman for the rebels denied the claim and said their fighters still held the market district."
)


def test_copies_are_found_whatever_their_byline_and_a_changed_figure_is_news() -> None:
    index = CopyIndex()
    index.add("https://a.example/1", fingerprint(STORY))
    assert index.copy_of(fingerprint(STORY.upper())) == "https://a.example/1"
    assert index.copy_of(fingerprint(f"By a staff reporter. {STORY} Reporting by the desk.")) == (
        "https://a.example/1"
    )
    assert index.copy_of(fingerprint(STORY.replace("thousands", "hundreds"))) is None
    assert (
        index.copy_of(fingerprint("An unrelated story about talks in Geneva between two delegations."))
        is None
    )

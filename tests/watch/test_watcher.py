"""The watcher against real HTTP servers on loopback: feeds that change between polls, conditional
requests, slow servers, 500s, huge bodies, redirects to private addresses, malformed XML, repeated items,
syndicated copies, folders; and alerts to a real webhook receiver, signed, once per event and again on a
material change."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from watch_servers import Reply, Site, digest, page, rss, running_site, story

from sitroom.store import Store
from sitroom.store.watch import source_rows
from sitroom.watch.alerts import Delivery, Rule
from sitroom.watch.fetch import Policy
from sitroom.watch.sources import Source
from sitroom.watch.watcher import Watcher

SECRET = "hook-secret-for-tests"


@pytest.fixture
def site() -> Iterator[Site]:
    yield from running_site()


@pytest.fixture
def receiver() -> Iterator[Site]:
    """A webhook receiver: every POST to /hook answered 204 (a test may make it fail first)."""
    yield from running_site({"/hook": Reply(status=204)})


def feed_source(site: Site, path: str = "/feed.xml", **settings: object) -> Source:
    port = site.server.server_address[1]
    base = Source(kind="feed", location=site.url(path), name=f"site{path}", host_interval=0.0, backoff=0.05)
    values = {"private_hosts": (f"127.0.0.1:{port}",), "retries": 1, "timeout": 3.0, **settings}
    return Source(**{**base.__dict__, **values})


def serve_feed(site: Site, numbers: list[int], path: str = "/feed.xml", killed: int | None = None) -> None:
    body = rss([(site.url(f"/story/{n}"), *story(n, killed)) for n in numbers])
    site.routes[path] = Reply(body=body, headers={"ETag": digest(body)})
    for n in numbers:
        site.routes[f"/story/{n}"] = page(*story(n, killed))


def articles(db: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT url, title FROM articles ORDER BY url").fetchall()


def poll_once(db: Path, sources: list[Source], rules: list[Rule] | None = None) -> list:
    with Store(db) as store, Watcher(store, sources, rules) as watcher:
        return watcher.run(once=True)


def test_a_feed_that_changes_between_polls_adds_only_its_new_items(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    source = feed_source(site)
    serve_feed(site, [0, 1])
    [first] = poll_once(db, [source])
    assert (first.new_items, first.stored, first.error) == (2, 2, None)
    assert first.events > 0
    # unchanged: a conditional request, answered 304, fetches no story again
    [second] = poll_once(db, [source])
    assert second.new_items == 0
    assert site.hits("/feed.xml")[-1].get("if-none-match") == digest(site.routes["/feed.xml"].body)
    assert len(site.hits("/story/0")) == 1
    # a new item beside the two old ones (repeated): only it is fetched and stored
    serve_feed(site, [0, 1, 2])
    [third] = poll_once(db, [source])
    assert (third.new_items, third.stored) == (1, 1)
    assert len(site.hits("/story/0")) == 1 and len(site.hits("/story/2")) == 1
    assert [url for url, _ in articles(db)] == [site.url(f"/story/{n}") for n in (0, 1, 2)]
    with Store(db, read_only=True) as store:
        [row] = source_rows(store)
    assert (row.seen, row.articles, row.failures, row.last_error) == (3, 3, 0, None)
    assert row.events == first.events + third.events


def test_one_broken_source_never_stops_the_others(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    serve_feed(site, [0])
    site.routes["/broken.xml"] = b"<rss><channel><item><title>unclosed"
    site.routes["/500.xml"] = Reply(status=500)
    site.routes["/slow.xml"] = Reply(delay=3.0, body=b"<rss/>")
    site.routes["/trickle.xml"] = Reply(body=b"<rss>" + b" " * 200, trickle=0.02)
    site.routes["/huge.xml"] = Reply(content_length=50_000_000)
    site.routes["/endless.xml"] = Reply(stream=3_000_000)
    sources = [
        feed_source(site, "/broken.xml"),
        feed_source(site, "/500.xml", retries=2),
        feed_source(site, "/slow.xml", timeout=0.5, retries=0),
        feed_source(site, "/trickle.xml", timeout=1.0, retries=0),
        feed_source(site, "/huge.xml"),
        feed_source(site, "/endless.xml", max_bytes=1_000_000),
        feed_source(site, "/feed.xml"),
    ]
    reports = {report.source.location.rsplit("/", 1)[1]: report for report in poll_once(db, sources)}
    assert reports["feed.xml"].stored == 1 and reports["feed.xml"].error is None
    assert "not a feed" in reports["broken.xml"].error
    assert "HTTP 500 (tried 3 times)" in reports["500.xml"].error
    assert len(site.hits("/500.xml")) == 3
    assert "timed out" in reports["slow.xml"].error
    assert "longer than 1 s" in reports["trickle.xml"].error or "timed out" in reports["trickle.xml"].error
    assert "over the 5,000,000-byte cap" in reports["huge.xml"].error
    assert "over the 1,000,000-byte cap" in reports["endless.xml"].error
    with Store(db, read_only=True) as store:
        rows = {row.location.rsplit("/", 1)[1]: row for row in source_rows(store)}
    assert rows["500.xml"].failures == 1 and "HTTP 500" in rows["500.xml"].last_error
    assert rows["500.xml"].last_success is None
    assert rows["feed.xml"].last_success is not None and rows["feed.xml"].articles == 1


def test_private_addresses_are_refused_unless_the_source_allows_them(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    serve_feed(site, [0])
    site.routes["/to-metadata"] = Reply(status=302, headers={"Location": "http://169.254.169.254/latest/"})
    site.routes["/to-private"] = Reply(status=301, headers={"Location": "http://10.1.2.3/feed.xml"})
    site.routes["/to-file"] = Reply(status=302, headers={"Location": "file:///etc/passwd"})
    site.routes["/to-localhost"] = Reply(status=302, headers={"Location": site.url("/feed.xml").replace(
        "127.0.0.1", "localhost")})  # fmt: skip
    not_allowed = Source(kind="feed", location=site.url("/feed.xml"), name="plain", retries=0)
    sources = [
        not_allowed,
        feed_source(site, "/to-metadata"),
        feed_source(site, "/to-private"),
        feed_source(site, "/to-file"),
        feed_source(site, "/to-localhost"),
    ]
    reports = poll_once(db, sources)
    errors = [report.error for report in reports]
    assert "127.0.0.1, a private, loopback or link-local address" in errors[0]
    assert "169.254.169.254, a private, loopback or link-local address" in errors[1]
    assert "10.1.2.3, a private, loopback or link-local address" in errors[2]
    assert "only http(s) URLs are fetched, not file" in errors[3]
    assert "a private, loopback or link-local address" in errors[4]  # localhost is not 127.0.0.1:port
    assert site.hits("/feed.xml") == []  # the refused requests never reached the server
    assert articles(db) == []
    allowed = Source(kind="feed", location=site.url("/feed.xml"), name="mine", allow_private=True)
    [report] = poll_once(db, [allowed])
    assert report.stored == 1


def test_a_feed_cannot_make_the_watcher_read_a_local_file(site: Site, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<html><body><p>" + "TOP SECRET " * 100 + "</p></body></html>")
    body = rss([(f"file://{secret}", "Local", "short")])
    site.routes["/feed.xml"] = body
    [report] = poll_once(tmp_path / "s.duckdb", [feed_source(site)])
    stored = articles(tmp_path / "s.duckdb")
    assert report.error is None
    assert all("SECRET" not in (title or "") for _, title in stored)
    with duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True) as con:
        texts = [row[0] for row in con.execute("SELECT text FROM articles").fetchall()]
    assert not any("SECRET" in text for text in texts)


def test_syndicated_copies_and_repeated_urls_are_one_article(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    title, text = story(0)
    site.routes["/a.xml"] = rss([(site.url("/a/1?utm_source=rss"), title, text)])
    copy = f"By Our Correspondent. {text}"  # the same wire story, a byline added, another title
    site.routes["/b.xml"] = rss([(site.url("/b/7"), "Six killed in Velmora", copy),
                                 (site.url("/a/1"), title, text)])  # fmt: skip
    site.routes["/a/1"] = page(title, text)
    site.routes["/b/7"] = page("Six killed in Velmora", copy)
    reports = poll_once(db, [feed_source(site, "/a.xml"), feed_source(site, "/b.xml")])
    assert reports[0].stored == 1
    assert reports[1].stored == 0 and reports[1].duplicates == 1
    assert len(articles(db)) == 1
    with duckdb.connect(str(db), read_only=True) as con:
        outcome = con.execute("SELECT outcome, reason FROM watch_items WHERE item LIKE '%/b/7'").fetchone()
    assert outcome[0] == "duplicate" and "/a/1" in outcome[1]


def test_a_folder_source_picks_up_new_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "s.duckdb"
    title, text = story(0)
    (inbox / "one.txt").write_text(f"{title}\n\n{text}")
    source = Source(kind="folder", location=str(inbox), name="inbox")
    [first] = poll_once(db, [source])
    assert first.stored == 1
    [again] = poll_once(db, [source])
    assert again.new_items == 0
    title, text = story(1)
    (inbox / "two.txt").write_text(f"{title}\n\n{text}")
    [second] = poll_once(db, [source])
    assert second.stored == 1 and len(articles(db)) == 2


def _hook_rule(receiver: Site, **filters: object) -> Rule:
    port = receiver.server.server_address[1]
    policy = Policy(timeout=3, retries=2, backoff=0.05, private_hosts=(f"127.0.0.1:{port}",))
    hook = Delivery("webhook", receiver.url("/hook"), SECRET.encode(), policy)
    return Rule(name="deadly", deliveries=(hook,), **filters)


def _posts(receiver: Site) -> list[tuple[dict[str, str], bytes]]:
    return [(headers, body) for method, path, headers, body in receiver.requests if method == "POST"]


def test_alerts_reach_a_webhook_signed_once_per_event_and_again_on_a_material_change(
    site: Site, receiver: Site, tmp_path: Path
) -> None:
    db = tmp_path / "s.duckdb"
    rule = _hook_rule(receiver, types=("ASSAULT",), min_fatalities=5)
    receiver.routes["/hook"] = Reply(status=503)  # down at first: the alert waits in the outbox
    serve_feed(site, [0, 1])
    poll_once(db, [feed_source(site)], [rule])
    assert len(_posts(receiver)) == 3  # one try and two retries
    receiver.routes["/hook"] = Reply(status=204)
    poll_once(db, [feed_source(site)], [rule])  # nothing new, but the outbox is delivered
    posts = _posts(receiver)[3:]
    assert len(posts) == 1
    headers, body = posts[0]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["x-sitroom-signature"] == expected
    alert = json.loads(body)
    assert headers["x-sitroom-alert-id"] == alert["id"]
    assert (
        alert["kind"] == "new" and alert["event"]["type"] == "ASSAULT" and alert["event"]["fatalities"] == 6
    )
    # the same event reported again with a higher toll, by another outlet: one alert, saying what changed
    title, text = story(0, killed=12)
    site.routes["/update.xml"] = rss([(site.url("/update/1"), title, text)])
    site.routes["/update/1"] = page(title, text)
    poll_once(db, [feed_source(site), feed_source(site, "/update.xml")], [rule])
    later = [json.loads(body) for _, body in _posts(receiver)[4:]]
    assert len(later) == 1
    assert later[0]["kind"] == "changed" and later[0]["changes"] == ["toll 6 → 12"]
    assert "toll 6 → 12" in later[0]["text"]
    # nothing new: nothing sent
    poll_once(db, [feed_source(site), feed_source(site, "/update.xml")], [rule])
    assert len(_posts(receiver)) == 5


def test_a_file_delivery_is_written_once(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    out = tmp_path / "alerts.jsonl"
    rule = Rule(name="all", deliveries=(Delivery("file", str(out)),))
    serve_feed(site, [0, 1, 2])
    poll_once(db, [feed_source(site)], [rule])
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines and len({line["id"] for line in lines}) == len(lines)
    assert len({line["event_id"] for line in lines}) == len(lines)
    poll_once(db, [feed_source(site)], [rule])
    assert len(out.read_text().splitlines()) == len(lines)


@pytest.mark.parametrize("rules_text", ["- name: x\n  deliver: {stdout: false}\n", "- name: x\n"])
def test_a_bad_rule_names_its_file_and_rule(tmp_path: Path, rules_text: str) -> None:
    from sitroom.errors import ConfigError
    from sitroom.watch.alerts import load_rules

    path = tmp_path / "alerts.yaml"
    path.write_text(rules_text)
    with pytest.raises(ConfigError, match=r"alerts.yaml: rule 1 \(x\)"):
        load_rules(path)


def test_a_sitemap_index_and_a_single_page_are_watched(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    site.routes["/sitemap.xml"] = (
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/news.xml')}</loc></sitemap></sitemapindex>"
    ).encode()
    site.routes["/news.xml"] = (
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url('/story/0')}</loc><lastmod>2025-03-04</lastmod></url>"
        f"<url><loc>{site.url('/story/1')}</loc></url></urlset>"
    ).encode()
    site.routes["/story/0"] = page(*story(0))
    site.routes["/story/1"] = page(*story(1))
    site.routes["/live"] = page(*story(2))
    sitemap = Source(**{**feed_source(site, "/sitemap.xml").__dict__, "kind": "sitemap"})
    live = Source(**{**feed_source(site, "/live").__dict__, "kind": "page"})
    reports = poll_once(db, [sitemap, live])
    assert [(report.stored, report.error) for report in reports] == [(2, None), (1, None)]
    assert poll_once(db, [live])[0].new_items == 0  # the same text: nothing new
    site.routes["/live"] = page(*story(0, killed=9))  # the page changed: a new article
    assert poll_once(db, [live])[0].stored == 1
    assert len(articles(db)) == 4


def test_the_host_limiter_spaces_requests_to_one_host() -> None:
    import time

    from sitroom.watch.fetch import HostLimiter

    limiter = HostLimiter(0.2)
    started = time.monotonic()
    for _ in range(3):
        limiter.wait("a.example")
    assert time.monotonic() - started >= 0.4
    limiter = HostLimiter(30.0)
    limiter.wait("a.example")
    started = time.monotonic()
    limiter.wait("b.example")  # another host does not wait for the first
    assert time.monotonic() - started < 5


KHARKIV = (
    "Missiles hit Kharkiv",
    "KHARKIV, March 12 - Russian forces fired missiles at the Ukrainian city of Kharkiv on Wednesday, "
    "killing four people and damaging a power station, the mayor said. Rescue teams searched the rubble of "
    "two apartment blocks through the night. Ukraine's air force said it shot down most of the drones "
    "launched in the same attack, and the regional governor ordered schools in the city to close for a week.",
)


def test_a_new_conflict_pair_alerts_once(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    out = tmp_path / "pairs.jsonl"
    rule = Rule(name="pairs", deliveries=(Delivery("file", str(out)),), new_conflict_pair=True)
    serve_feed(site, [0])
    poll_once(db, [feed_source(site)], [rule])
    first = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(first) == 1
    parties = {first[0]["event"]["actor"]["country"], first[0]["event"]["target"]["country"]}
    assert parties == {"RUS", "UKR"}
    site.routes["/more.xml"] = rss([(site.url("/kharkiv"), *KHARKIV)])
    site.routes["/kharkiv"] = page(*KHARKIV)
    [_, report] = poll_once(db, [feed_source(site), feed_source(site, "/more.xml")], [rule])
    assert report.stored == 1 and report.events > 0
    assert len(out.read_text().splitlines()) == 1  # another attack between the same two countries

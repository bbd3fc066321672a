"""The watcher: poll each source when it is due, turn what is new into articles, and ingest them.

One loop, one thread: sources are polled in turn (each fetch bounded by its timeout, each host by the
shared rate limit), their new items become articles, copies of stories already seen are dropped, and the
rest go through the one ingest service (``sitroom.service.IngestService``), which codes, fuses and
stores each article on its own. Every stored article's fused events are then checked against the alert
rules, and the outbox is delivered.

A source's failure (DNS, a 500, a malformed feed, a refused address) is written to its books and its
next poll waits longer (doubled per failure, at most a day); the other sources go on.

Restarts lose and repeat nothing: an item is marked seen only after its article is stored (or refused),
so a run killed in between fetches it again and finds it stored; an article's alert decision is
journalled (``watch_texts``) before it is stored and closed in the transaction that writes its alerts
to the outbox, so a run killed in between decides them at the next start.

    >>> with Watcher(store, load_sources("sources.yaml"), rules) as watcher:
    ...     watcher.run(once=True)
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sitroom.closing import Closing
from sitroom.errors import FetchError, InputError, SitroomError, StoreError
from sitroom.ingest import SUFFIXES, InputProblem, html_article, read_articles
from sitroom.models import Article
from sitroom.service import ArticleSink, IngestService, Listener, Outcome, Status
from sitroom.store import Store
from sitroom.store.watch import WatchBook, fused_event
from sitroom.watch.alerts import Alerter, Rule
from sitroom.watch.dedup import CopyIndex, Fingerprint, fingerprint
from sitroom.watch.fetch import Fetcher, HostLimiter, Policy
from sitroom.watch.items import Item, feed_items, normalise_url, sitemap_items
from sitroom.watch.sources import Source

MAX_BACKOFF = 86_400.0
RECENT_TEXTS = 20_000  # fingerprints loaded at start for syndicated copies
MAX_CHILD_SITEMAPS = 20
MAX_FOLDER_FILES = 500  # new files read per poll of a folder


def policy_of(source: Source) -> Policy:
    return Policy(
        timeout=source.timeout, max_bytes=source.max_bytes, retries=source.retries, backoff=source.backoff,
        allow_private=source.allow_private, private_hosts=source.private_hosts,
    )  # fmt: skip


@dataclass
class Candidate:
    """A new item turned into an article, with the key its source knows it by."""

    key: str
    article: Article


@dataclass
class PollReport:
    """What one poll of one source found."""

    source: Source
    new_items: int = 0
    stored: int = 0
    events: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    error: str | None = None  # the source itself failed
    read: list[tuple[str, str]] = field(default_factory=list)  # (file, what it held): marked once ingested


class _Books(Listener):
    """Hears the ingest service and keeps the watcher's books: items marked, copies indexed, alerts
    decided. ``owners`` says whose each article is: (its id, its content hash) → [(source, key, report)]."""

    def __init__(self, watcher: Watcher, owners: dict[tuple[str, str], list[tuple[Source, str, PollReport]]]):
        self.watcher = watcher
        self.owners = owners

    def outcome(self, outcome: Outcome) -> None:
        article = outcome.article
        content_hash = article.content_hash
        source, key, report = self.owners[article.id, content_hash].pop(0)
        book = self.watcher.book
        if outcome.status is Status.stored:
            report.stored += 1
            report.events += len(outcome.event_ids)
            self.watcher.copies.add(article.url or article.id, fingerprint(article.text))
            book.mark(source.id, key, "stored", content_hash)
            self.watcher.decide_alerts(content_hash)
            if self.watcher.verbose:
                self.watcher.say(f"{source.name}: stored {outcome.where} ({len(outcome.event_ids)} events)")
            return
        book.forget_text(content_hash)
        book.mark(source.id, key, outcome.status.value, content_hash, outcome.reason)
        if outcome.status not in (Status.already_stored, Status.repeated):
            report.errors.append(f"{outcome.where}: {outcome.reason}")


class Watcher(Closing):
    """Keeps a store current from ``sources`` and tells ``rules``' deliveries what they asked for.

    ``store`` is the open, writable store (its connection carries the watcher's books); ``sink`` is where
    articles are ingested (the store, or the server's ``EventSource``, which shares ``lock`` with the
    requests that read it). ``workers``: coding processes, kept loaded between polls.
    """

    def __init__(
        self,
        store: Store,
        sources: list[Source],
        rules: list[Rule] | None = None,
        *,
        sink: ArticleSink | None = None,
        lock: threading.RLock | None = None,
        workers: int | None = 1,
        max_chars: int | None = None,
        out: IO[str] | None = None,
        say: Callable[[str], None] | None = None,
        verbose: bool = False,
    ):
        self.store = store
        self.sources = sources
        self.lock = lock or threading.RLock()
        self.book = WatchBook(store, self.lock)
        self.stop = threading.Event()
        self.fetcher = Fetcher(HostLimiter(), self.stop)
        self.service = IngestService(sink or store, workers, max_chars, keep_coders=True)
        self.alerter = Alerter(rules or [], self.book, self.fetcher, out)
        self.say = say or (lambda message: None)
        self.verbose = verbose  # say each stored article too
        self.recover()  # before the copies are loaded: a text journalled and never stored is no original
        self.copies = CopyIndex()
        for content_hash, url, body_key, minhash, figures in reversed(self.book.recent_texts(RECENT_TEXTS)):
            self.copies.add(url or content_hash, Fingerprint(body_key, tuple(minhash), figures))
        self._due: dict[str, float] = {}
        for source in sources:
            self.book.register(source.id, source.kind, source.name, source.location)

    def close(self) -> None:
        self.stop.set()
        self.service.close()
        self.fetcher.close()

    # --- the loop ---------------------------------------------------------------------------------------
    def run(self, once: bool = False) -> list[PollReport]:
        """Poll until :attr:`stop` is set (``once``: every source once, then return their reports)."""
        self.deliver()
        reports: list[PollReport] = []
        while not self.stop.is_set():
            now = time.monotonic()
            due = [source for source in self.sources if self._due.get(source.id, 0.0) <= now]
            if due:
                reports += self.poll(due)
                self.deliver()
            if once:
                break
            wake = min(self._due.values(), default=time.monotonic() + 60)
            self.stop.wait(max(0.05, wake - time.monotonic()))
        return reports

    def recover(self) -> None:
        """Finish what a stopped run left: decide the alerts of articles it stored, forget the others."""
        for content_hash, stored in self.book.undecided():
            if stored:
                self.decide_alerts(content_hash)
            else:
                self.book.forget_text(content_hash)

    def deliver(self) -> None:
        _done, errors = self.alerter.deliver()
        for error in errors:
            self.say(f"alert not delivered: {error}")

    def decide_alerts(self, content_hash: str) -> None:
        if not self.alerter.rules:
            self.alerter.decide(content_hash, [])  # closes the article's journal entry
            return
        with self.lock:
            events = [
                fused
                for cluster in self.book.clusters_of_article(content_hash)
                if (fused := fused_event(self.store, cluster)) is not None
            ]
        self.alerter.decide(content_hash, events)

    # --- polling --------------------------------------------------------------------------------------
    def poll(self, sources: list[Source]) -> list[PollReport]:
        """Poll these sources: fetch each one's new articles, then code and store them all in one run of
        the ingest service (the coders stay busy across sources). Whatever goes wrong with a source is its
        own (written to its books), never the others'."""
        polls = []
        for source in sources:
            if self.stop.is_set():
                break
            polls.append(self._gather(source))
        gathered = [(report, candidates) for report, candidates, *_ in polls if report.error is None]
        self._ingest(gathered)
        for report, _candidates, etag, last_modified in polls:
            for key, held in report.read:
                self.book.mark(report.source.id, key, "read", None, held)
            self._finish(report, etag, last_modified)
        return [report for report, *_ in polls]

    def _gather(self, source: Source) -> tuple[PollReport, list[Candidate], str | None, str | None]:
        """One source's new articles, and the validators to send next time; a failure is its report's."""
        report = PollReport(source)
        row = self.book.source(source.id)
        validators = (row.etag, row.last_modified) if row else (None, None)
        try:
            candidates, etag, last_modified = self._candidates(source, *validators, report)
            report.new_items = len(candidates)
            return report, candidates, etag, last_modified
        except StoreError:
            raise  # the store itself failed: the watcher cannot go on
        except (SitroomError, OSError, ValueError) as exc:
            report.error = str(exc)
        except Exception as exc:  # a parser's bug on one hostile body must not end the watcher
            report.error = f"{type(exc).__name__}: {exc}"
        return report, [], None, None

    def _finish(self, report: PollReport, etag: str | None, last_modified: str | None) -> None:
        """Write the poll to the source's books and set its next poll (later after each failure)."""
        source = report.source
        self.book.polled(source.id, report.error, etag, last_modified, report.new_items)
        self.book.counted(source.id, report.stored, report.events)
        after = self.book.source(source.id)
        failures = after.failures if after is not None and report.error else 0
        wait = min(MAX_BACKOFF, source.interval * 2 ** min(failures, 16))
        self._due[source.id] = time.monotonic() + wait
        self._say(report)

    def _say(self, report: PollReport) -> None:
        name = report.source.name
        if report.error:
            self.say(f"{name}: error: {report.error}")
        elif report.new_items:
            self.say(
                f"{name}: {report.new_items} new, {report.stored} stored, {report.events} events"
                + (f", {report.duplicates} copies" if report.duplicates else "")
            )
        for error in report.errors:
            self.say(f"{name}: {error}")

    def _candidates(
        self, source: Source, etag: str | None, last_modified: str | None, report: PollReport
    ) -> tuple[list[Candidate], str | None, str | None]:
        """New articles of a source, and the validators to send next time."""
        if source.kind == "folder":
            return list(self._folder(source, report)), None, None
        policy = policy_of(source)
        page = self.fetcher.get(source.location, policy, etag, last_modified, source.host_interval)
        if page.not_modified:
            return [], etag, last_modified
        if source.kind == "page":
            candidates = self._page_candidates(source, page.url, page.body, report)
        else:
            if source.kind == "feed":
                items, _title = feed_items(page.body, page.url)
            else:
                items = self._sitemap(source, page.body, page.url, policy)
            candidates = self._item_candidates(source, items, report)
        return candidates, page.etag, page.last_modified

    def _sitemap(self, source: Source, body: bytes, url: str, policy: Policy) -> list[Item]:
        items, children = sitemap_items(body, url, source.max_bytes)
        for child in children[:MAX_CHILD_SITEMAPS]:
            page = self.fetcher.get(child, policy, host_interval=source.host_interval)
            items += sitemap_items(page.body, page.url, source.max_bytes)[0]
        return items

    def _item_candidates(self, source: Source, items: list[Item], report: PollReport) -> list[Candidate]:
        """Articles of the items never seen: the entry's own text when long enough, else its page."""
        unseen = self.book.unseen(item.key for item in items)
        fresh = [item for item in dict((item.key, item) for item in items).values() if item.key in unseen]
        candidates = []
        for item in fresh[: source.max_items]:
            if self.stop.is_set():
                break  # the rest wait for the next run, unmarked
            article = self._item_article(source, item, report)
            if article is not None:
                candidates.append(Candidate(item.key, article))
        return candidates

    def _item_article(self, source: Source, item: Item, report: PollReport) -> Article | None:
        """The entry's own text when it is long enough, else its page's (the entry's text when the page
        cannot be fetched)."""
        text, title = item.text, item.title
        if len(text) < source.min_chars and item.url is not None:
            try:
                page = self.fetcher.get(item.url, policy_of(source), host_interval=source.host_interval)
                found = html_article(page.body, item.url, _article_id(item.key), item.published)
            except FetchError as exc:
                if self.stop.is_set():
                    return None  # stopping: the item waits for the next run, unmarked
                report.errors.append(str(exc))
                found = None
            if isinstance(found, Article) and len(found.text) > len(text):
                text, title = found.text, title or found.title
        if not text.strip():
            self.book.mark(source.id, item.key, "skipped", None, "no text")
            return None
        return Article(
            id=_article_id(item.key), text=text, title=title, url=item.url, published=item.published,
            source=source.name, origin=item.url or f"{source.location}#{item.key}",
        )  # fmt: skip

    def _page_candidates(self, source: Source, url: str, body: bytes, report: PollReport) -> list[Candidate]:
        """A single page is a new article whenever its text changes."""
        found = html_article(body, url, _article_id(url), None)
        if not isinstance(found, Article):
            raise InputError(f"no article text in {url}: {found}")
        key = f"{normalise_url(url)}#{found.content_hash[:16]}"
        if not self.book.unseen([key]):
            return []
        article = found.model_copy(update={"source": found.source or source.name, "url": url, "origin": url})
        return [Candidate(key, article)]

    def _folder(self, source: Source, report: PollReport) -> Iterator[Candidate]:
        """Files of a folder not read before (a file whose bytes change is read again)."""
        folder = Path(source.location)
        if not folder.is_dir():
            raise InputError(f"{folder} is not a folder")
        files = sorted(
            path for path in folder.rglob("*") if path.suffix.lower() in SUFFIXES and path.is_file()
        )
        keys = {f"{path}#{_file_digest(path)}": path for path in files}
        unseen = self.book.unseen(keys)
        for key in [key for key in keys if key in unseen][:MAX_FOLDER_FILES]:
            articles = 0
            for item in read_articles([keys[key]]):
                if isinstance(item, InputProblem):
                    report.errors.append(str(item))
                    continue
                articles += 1
                yield Candidate(
                    f"{key}#{articles}", item.model_copy(update={"source": item.source or source.name})
                )
            report.read.append((key, f"{articles} articles" if articles else "no article in the file"))

    def _ingest(self, gathered: list[tuple[PollReport, list[Candidate]]]) -> None:
        """Drop copies of stories already seen, journal the rest, and ingest them in one run."""
        todo: list[Article] = []
        owners: dict[tuple[str, str], list[tuple[Source, str, PollReport]]] = {}
        this_round = CopyIndex()  # copies among the new articles themselves
        claimed: set[str] = set()  # an item two sources list is the first one's
        for report, candidates in gathered:
            for candidate in candidates:
                if candidate.key in claimed:
                    continue
                claimed.add(candidate.key)
                if self._journal(report, candidate, this_round):
                    article = candidate.article
                    owners.setdefault((article.id, article.content_hash), []).append(
                        (report.source, candidate.key, report)
                    )
                    todo.append(article)
        if not todo or self.stop.is_set():
            return  # stopping: journalled texts are forgotten at the next start, their items unmarked
        result = self.service.run(todo, _Books(self, owners), should_stop=self.stop.is_set, keep=False)
        if result.stopped and not self.stop.is_set():
            self.say(f"error: {result.stopped}")

    def _journal(self, report: PollReport, candidate: Candidate, this_round: CopyIndex) -> bool:
        """Whether to ingest a candidate: not a copy of a story seen before (then it is journalled)."""
        article, source = candidate.article, report.source
        print_ = fingerprint(article.text)
        original = self.copies.copy_of(print_) or this_round.copy_of(print_)
        if original is not None and not self.service.sink.has_article(article.content_hash):
            report.duplicates += 1
            self.book.mark(source.id, candidate.key, "duplicate", None, f"a copy of {original}")
            return False
        self.book.text(
            article.content_hash,
            source.id,
            article.url,
            print_.body_key,
            list(print_.minhash),
            print_.figures,
        )
        this_round.add(article.url or article.id, print_)
        return True


def _article_id(key: str) -> str:
    return "w-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]

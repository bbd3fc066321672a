"""The situation room in headless Chromium, as a person uses it: load, filter, open an event, read its
evidence, share the URL, add an article, unlock a private server.

Runs Debian's /usr/bin/chromium through Playwright (no browser download); skipped where it is missing.
Screenshots go to the test's tmp_path and their paths are printed (``pytest -s`` shows them).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PAYLOAD, TOKEN, LiveServer

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    profile = tempfile.mkdtemp(prefix="sitroom-chromium-")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser) -> Iterator[object]:
    tab = browser.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: message.type == "error" and tab.errors.append(message.text))
    yield tab
    tab.close()


def wait_ready(tab) -> None:
    tab.wait_for_selector("body[data-ready=true]", timeout=20_000)


def test_load_filter_open_an_event_and_see_its_evidence(server: LiveServer, page, tmp_path: Path) -> None:
    page.goto(server.url + "/")
    wait_ready(page)
    total = server.get_json("/api/events?limit=1")["total"]
    assert page.locator("#events tbody tr").count() == total
    assert "events" in page.locator("#summary").inner_text()
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map circle.cell").count() == len(server.get_json("/api/stats/map?limit=2000"))
    assert page.locator("#timeline rect.bar").count() > 0
    assert page.locator("#network circle.node").count() > 0

    page.select_option("select[name=type]", "ASSAULT")
    page.wait_for_function("() => location.search.includes('type=ASSAULT')")
    wait_ready(page)
    chips = page.locator("#events tbody td .chip").all_inner_texts()
    assert chips and set(chips) == {"ASSAULT"}

    page.click("#events tbody tr[data-id=payload-e1]")
    page.wait_for_selector("#detail[data-ready=true]", timeout=20_000)
    mark = page.locator("#detail mark")
    evidence = server.get_json("/api/events/payload-e1")["evidence"]
    assert mark.inner_text() == evidence  # the evidence sentence, highlighted in the article text
    assert PAYLOAD in mark.inner_text()  # the script payload shows as text…
    assert page.evaluate("window.__pwned") is None  # …and never ran
    assert page.locator("#detail script, #detail img, #events script, #events img").count() == 0
    assert page.locator("#detail mark strong").inner_text() == "attacked"  # the trigger word
    assert page.locator("#detail a[href^=javascript]").count() == 0  # a javascript: URL is no link
    assert f"Army {PAYLOAD}" in page.locator("#detail-fields").inner_text()

    shot = tmp_path / "situation-room.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot: {shot}")
    assert shot.stat().st_size > 20_000
    assert not page.errors, page.errors

    shared = page.url
    assert "type=ASSAULT" in shared and "event=payload-e1" in shared
    again = page.context.new_page()
    again.goto(shared)
    wait_ready(again)
    again.wait_for_selector("#detail[data-ready=true]", timeout=20_000)
    assert again.locator("select[name=type]").input_value() == "ASSAULT"
    assert again.locator("#detail mark").inner_text() == evidence
    again.close()


def test_a_fused_event_shows_each_report_highlighted(server: LiveServer, page) -> None:
    event = server.get_json("/api/events?q=velmora&type=ASSAULT")["events"][0]
    page.goto(f"{server.url}/?q=velmora&event={event['id']}")
    wait_ready(page)
    page.wait_for_selector("#detail[data-ready=true]", timeout=20_000)
    marks = page.locator("#detail .source mark").all_inner_texts()
    assert marks == [source["evidence"] for source in event["sources"]]
    assert "article(s)" in page.locator("#detail-fields").inner_text()
    assert (
        page.locator(f"#events tbody tr[data-id='{event['id']}'] .reports")
        .inner_text()
        .strip()
        .startswith("×")
    )


def test_sorting_paging_and_map_filters(server: LiveServer, page) -> None:
    page.goto(server.url + "/?limit=25")
    wait_ready(page)
    page.click("th[data-sort=fatalities]")
    page.wait_for_function("() => location.search.includes('sort=fatalities')")
    page.wait_for_function("() => document.querySelector('#events tbody tr').dataset.id === 'payload-e1'")
    page.locator("#map circle.cell").first.click()  # the deadliest cell: Orlen
    page.wait_for_function("() => location.search.includes('location=')")
    wait_ready(page)
    assert page.locator("#events tbody tr").count() == 1
    page.click("#reset")
    page.wait_for_function("() => !location.search.includes('location=')")
    wait_ready(page)
    assert page.locator("#events tbody tr").count() > 1
    assert not page.errors, page.errors


def test_add_an_article_from_the_page(fresh_server: LiveServer, page) -> None:
    page.goto(fresh_server.url + "/")
    wait_ready(page)
    before = fresh_server.get_json("/api/stats/summary")["articles"]
    page.click("#open-ingest")
    page.fill("#ingest-form input[name=token]", TOKEN)
    page.fill("#ingest-form input[name=title]", "Clashes on the Dniester")
    page.fill("#ingest-form input[name=published]", "2025-08-01")
    page.fill(
        "#ingest-form textarea[name=text]",
        "Moldovan police arrested twelve protesters in Chisinau on Thursday, the interior ministry said.",
    )
    page.click("#ingest-submit")
    page.wait_for_function(
        "() => document.getElementById('ingest-result').textContent.includes('stored 1')", timeout=60_000
    )
    assert fresh_server.get_json("/api/stats/summary")["articles"] == before + 1
    page.fill("#ingest-form input[name=token]", "wrong")
    page.fill("#ingest-form textarea[name=text]", "Another article.")
    page.click("#ingest-submit")
    page.wait_for_selector("#ingest-result.error")
    assert "token" in page.locator("#ingest-result").inner_text()


def test_a_private_server_asks_for_the_token(store_template: Path, tmp_path: Path, page) -> None:
    path = tmp_path / "room.duckdb"
    shutil.copy(store_template, path)
    with LiveServer(path, token=TOKEN, private=True) as private:
        page.goto(private.url + "/")
        page.wait_for_selector("#token-dialog[open]", timeout=20_000)
        page.fill("#token-form input[name=token]", TOKEN)
        page.click("#token-form button[type=submit]")
        page.wait_for_function(
            "() => document.querySelectorAll('#events tbody tr').length > 1", timeout=20_000
        )
        wait_ready(page)

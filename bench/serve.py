# ruff: noqa: E501  (long SQL lines that generate the synthetic store read better unbroken)
"""Load time of the situation room with a large store: 100k synthetic fused events.

    .venv/bin/python bench/serve.py [--events 100000] [--db /tmp/sitroom-bench.duckdb] [--rounds 5]

1. Fills a store with ``--events`` fused events (each with its own mention, every fourth with a second
   report from another article) spread over 40 countries and two and a half years, with coordinates,
   fatalities and CAMEO codes. The rows are generated inside DuckDB in bulk (coding 100k events would
   take hours and measure the coder, not the page); the schema is the store's own.
2. Serves it with ``create_app`` on 127.0.0.1 and times the API calls the page makes when it opens
   (summary, first page of events, timeline, actor network, countries, map cells, then the escalation
   timeline), sequentially and six at a time as a browser does; first (cold) and median of the rest.
3. If Debian's chromium and Playwright are installed, times the whole page in headless Chromium: from
   navigation to every panel drawn (``body[data-ready=true]``), unfiltered and filtered, and opening
   an event with its article.

The target (issue #6): the page loads in under 2 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import uvicorn

from sitroom.api import create_app
from sitroom.store import Store, rollups

TYPES = [
    ("AGREE", "030", 1), ("CONSULT", "040", 1), ("SUPPORT", "051", 1), ("CONCEDE", "081", 1),
    ("COOPERATE", "061", 2), ("AID", "073", 2), ("RETREAT", "0874", 2), ("REQUEST", "020", 3),
    ("ACCUSE", "112", 3), ("REJECT", "120", 3), ("THREATEN", "138", 3), ("PROTEST", "141", 4),
    ("SANCTION", "163", 4), ("MOBILIZE", "154", 4), ("COERCE", "173", 4), ("ASSAULT", "190", 4),
]  # fmt: skip
COUNTRIES = [
    ("UKR", "Ukraine", 49.0, 32.0), ("RUS", "Russia", 55.7, 37.6), ("ISR", "Israel", 31.5, 34.9),
    ("PSE", "Palestine", 31.9, 35.2), ("SYR", "Syria", 35.0, 38.5), ("IRQ", "Iraq", 33.3, 44.4),
    ("IRN", "Iran", 35.7, 51.4), ("YEM", "Yemen", 15.4, 44.2), ("SDN", "Sudan", 15.6, 32.5),
    ("SSD", "South Sudan", 4.9, 31.6), ("ETH", "Ethiopia", 9.0, 38.7), ("SOM", "Somalia", 2.0, 45.3),
    ("COD", "Democratic Republic of Congo", -1.7, 29.2), ("NGA", "Nigeria", 9.1, 7.5),
    ("MLI", "Mali", 12.6, -8.0), ("BFA", "Burkina Faso", 12.4, -1.5), ("NER", "Niger", 13.5, 2.1),
    ("LBY", "Libya", 32.9, 13.2), ("EGY", "Egypt", 30.0, 31.2), ("AFG", "Afghanistan", 34.5, 69.2),
    ("PAK", "Pakistan", 33.7, 73.1), ("IND", "India", 28.6, 77.2), ("MMR", "Myanmar", 19.8, 96.1),
    ("CHN", "China", 39.9, 116.4), ("TWN", "Taiwan", 25.0, 121.5), ("PRK", "North Korea", 39.0, 125.8),
    ("KOR", "South Korea", 37.6, 127.0), ("PHL", "Philippines", 14.6, 121.0), ("USA", "United States", 38.9, -77.0),
    ("MEX", "Mexico", 19.4, -99.1), ("COL", "Colombia", 4.7, -74.1), ("VEN", "Venezuela", 10.5, -66.9),
    ("BRA", "Brazil", -15.8, -47.9), ("HTI", "Haiti", 18.5, -72.3), ("FRA", "France", 48.9, 2.4),
    ("DEU", "Germany", 52.5, 13.4), ("GBR", "United Kingdom", 51.5, -0.1), ("POL", "Poland", 52.2, 21.0),
    ("TUR", "Turkey", 39.9, 32.9), ("ARM", "Armenia", 40.2, 44.5),
]  # fmt: skip
SECTORS = ["GOV", "MIL", "COP", "REB", "CVL", "OPP", None]


def fill(path: Path, count: int) -> None:
    """Create the store's schema, then bulk-insert articles, mentions and fused events."""
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    types = ", ".join(f"('{t}', '{c}', {q}, {i})" for i, (t, c, q) in enumerate(TYPES))
    places = ", ".join(
        f"('{iso}', '{name}', {lat}, {lon}, {i})" for i, (iso, name, lat, lon) in enumerate(COUNTRIES)
    )
    sectors = ", ".join(f"({i}, {repr(s) if s else 'NULL'})" for i, s in enumerate(SECTORS))
    n_types, n_places, n_sectors = len(TYPES), len(COUNTRIES), len(SECTORS)
    con.execute(f"CREATE TEMP TABLE ty AS SELECT * FROM (VALUES {types}) t(type, cameo, quad, k)")
    con.execute(f"CREATE TEMP TABLE pl AS SELECT * FROM (VALUES {places}) t(iso, name, lat, lon, k)")
    con.execute(f"CREATE TEMP TABLE se AS SELECT * FROM (VALUES {sectors}) t(k, sector)")
    con.execute(
        f"""
        CREATE TEMP TABLE base AS
        SELECT i, ty.type, ty.cameo, ty.quad, a.iso AS a_iso, a.name AS a_name, t.iso AS t_iso, t.name AS t_name,
               s1.sector AS a_sector, s2.sector AS t_sector, p.iso AS p_iso, p.name AS p_name,
               CASE WHEN hash(i * 13) % 5 = 0 THEN NULL
                    ELSE p.lat + ((hash(i * 11) % 1000) / 1000.0 - 0.5) * 4 END AS lat,
               CASE WHEN hash(i * 13) % 5 = 0 THEN NULL
                    ELSE p.lon + ((hash(i * 17) % 1000) / 1000.0 - 0.5) * 4 END AS lon,
               DATE '2023-01-01' + CAST(hash(i * 7) % 900 AS INT) AS day,
               CASE WHEN ty.type IN ('ASSAULT', 'COERCE') AND hash(i * 19) % 3 > 0
                    THEN CAST(hash(i * 23) % 40 AS INT) END AS fatalities,
               CAST(i // 3 AS BIGINT) AS article
        FROM range({count}) r(i)
        JOIN ty ON ty.k = hash(i) % {n_types}
        JOIN pl a ON a.k = hash(i * 3) % {n_places}
        JOIN pl t ON t.k = hash(i * 5) % {n_places}
        JOIN pl p ON p.k = CASE WHEN hash(i * 29) % 2 = 0 THEN hash(i * 5) % {n_places} ELSE hash(i * 3) % {n_places} END
        JOIN se s1 ON s1.k = hash(i * 31) % {n_sectors}
        JOIN se s2 ON s2.k = hash(i * 37) % {n_sectors}
        """
    )
    # Every fourth event is also reported by a second article, a day later.
    con.execute(
        """
        CREATE TEMP TABLE mention AS
        SELECT 'ev' || i AS id, 'ev' || i AS cluster, 'art' || article AS article, 0 AS copy, * FROM base
        UNION ALL
        SELECT 'ev' || i || 'b', 'ev' || i, 'rep' || (article // 2), 1, * FROM base WHERE i % 4 = 0
        """
    )
    con.execute(
        """
        CREATE TEMP TABLE sentence AS
        SELECT *, a_name || ' ' || lower(type) || ' ' || t_name || ' near ' || p_name || ' (synthetic event '
                  || id || ').' AS evidence
        FROM mention
        """
    )
    con.execute(
        """
        CREATE TEMP TABLE placed AS
        SELECT *, CAST(coalesce(sum(length(evidence) + 1) OVER (PARTITION BY article ORDER BY id
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS INT) AS sentence_start
        FROM sentence
        """
    )
    con.execute(
        """
        INSERT INTO articles (content_hash, id, title, source, url, published, text, origin)
        SELECT 'h-' || article, article, 'Synthetic report ' || article, 'Wire ' || (hash(article) % 12),
               'https://example.org/bench/' || article, max(day) + CAST(copy AS INT), string_agg(evidence, ' ' ORDER BY id),
               'bench'
        FROM placed GROUP BY article, copy
        """
    )
    con.execute(
        """
        INSERT INTO events (article_hash, id, article_id, type, mode, actor_name, actor_country, actor_sector,
            actor_text, target_name, target_country, target_sector, target_text, location_name, location_country,
            location_lat, location_lon, location_precision, location_geonames_id, location_feature,
            location_radius_km, date_start, date_end, date_precision, date_text, fatalities, injured,
            casualties_vague, factuality, evidence, sentence_start, sentence_end, "trigger", cameo, cameo_root,
            quad_class, acled_event_type, confidence, attribution)
        SELECT 'h-' || article, id, article, type, NULL, a_name, a_iso, a_sector, a_name, t_name, t_iso, t_sector,
               t_name, p_name, p_iso, lat, lon, CASE WHEN lat IS NULL THEN 'country' ELSE 'city' END, NULL,
               CASE WHEN lat IS NULL THEN 'country' ELSE 'city' END, NULL, day, day, 'day', NULL, fatalities,
               NULL, false, CASE WHEN hash(i * 41) % 10 = 0 THEN 'alleged' ELSE 'asserted' END, evidence,
               sentence_start, sentence_start + length(evidence), lower(type), cameo, substr(cameo, 1, 2), quad,
               NULL, 0.7, NULL
        FROM placed
        """
    )
    con.execute(
        """
        INSERT INTO mention_clusters (mention_id, cluster_id, family, day_lo, day_hi, countries)
        SELECT id, cluster, type, day, day, list_distinct([a_iso, t_iso, p_iso]) FROM mention
        """
    )
    con.execute(
        """
        INSERT INTO fused_events
        SELECT e.id, e.type, e.mode, e.actor_name, e.actor_country, e.actor_sector, e.target_name,
               e.target_country, e.target_sector, e.location_name, e.location_country, e.location_lat,
               e.location_lon, e.location_precision, e.location_geonames_id, e.location_feature,
               e.location_radius_km, e.date_start, e.date_end, e.date_precision, e.fatalities, e.fatalities,
               e.fatalities, e.factuality, '{"' || e.factuality || '": ' || m.n || '}', m.n, m.n,
               '["Wire"]', e.date_start, e.date_start + CAST(m.n - 1 AS INT), m.n, NULL, NULL, e.cameo,
               e.quad_class
        FROM events e JOIN (SELECT cluster_id, count(*) AS n FROM mention_clusters GROUP BY 1) m
             ON m.cluster_id = e.id
        """
    )
    rollups.rebuild(con)  # the writer keeps them in step; rows inserted in bulk are counted afresh
    con.close()


class Server:
    def __init__(self, db: Path):
        with __import__("socket").socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
INITIAL = [
    "/api/stats/summary",
    "/api/events?sort=date&order=desc&limit=50&offset=0",
    "/api/stats/timeline",
    "/api/actors?limit=40",
    "/api/stats/countries",
    "/api/stats/map?limit=2000",
]


def fetch(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    with OPENER.open(url, timeout=120) as reply:
        size = len(reply.read())
    return time.perf_counter() - start, size


def time_calls(base: str, query: str, rounds: int) -> None:
    sep = lambda path: "&" if "?" in path else "?"  # noqa: E731
    paths = [path + (sep(path) + query if query else "") for path in INITIAL]
    escalation = "/api/stats/timeline?" + (
        query if "country=" in query else (query + "&" if query else "") + "country=UKR"
    )
    per_call: dict[str, list[float]] = {path: [] for path in [*paths, escalation]}
    walls: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        with ThreadPoolExecutor(6) as pool:
            results = list(pool.map(lambda path: (path, *fetch(base + path)), paths))
        results.append((escalation, *fetch(base + escalation)))  # the page asks for it after the countries
        walls.append(time.perf_counter() - start)
        for path, seconds, _size in results:
            per_call[path].append(seconds)
    print(f"\nAPI calls of the page {'with ' + query if query else 'unfiltered'} "
          f"(first call cold, then median of {rounds - 1}):")  # fmt: skip
    for path, seconds in per_call.items():
        rest = statistics.median(seconds[1:]) if len(seconds) > 1 else seconds[0]
        print(f"  {seconds[0] * 1000:7.0f} ms  {rest * 1000:7.0f} ms  {path}")
    rest = statistics.median(walls[1:]) if len(walls) > 1 else walls[0]
    print(f"  {walls[0] * 1000:7.0f} ms  {rest * 1000:7.0f} ms  all of them, six at a time")


def time_page(base: str, rounds: int) -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("\n(playwright not installed: no browser timing)")
        return
    if not Path(chromium).exists():
        print("\n(no /usr/bin/chromium: no browser timing)")
        return
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run"]  # fmt: skip
    profile = tempfile.mkdtemp(prefix="sitroom-bench-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=chromium,
            headless=True,
            args=flags,
            viewport={"width": 1400, "height": 1000},
        )
        page = context.new_page()
        print("\nThe page in headless Chromium, navigation to every panel drawn:")
        for label, path in (("unfiltered", "/"), ("country=UKR&type=ASSAULT", "/?country=UKR&type=ASSAULT")):
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                page.goto(base + path)
                page.wait_for_selector("body[data-ready=true]", timeout=60_000)
                times.append(time.perf_counter() - start)
            rest = statistics.median(times[1:]) if len(times) > 1 else times[0]
            print(f"  {times[0] * 1000:7.0f} ms  {rest * 1000:7.0f} ms  {label}")
        start = time.perf_counter()
        page.click("#events tbody tr")
        page.wait_for_selector("#detail[data-ready=true]", timeout=60_000)
        print(
            f"  {(time.perf_counter() - start) * 1000:7.0f} ms           open an event (fields, sources, article)"
        )
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "sitroom-bench.duckdb")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="Reuse the store at --db if it exists.")
    args = parser.parse_args()
    if not (args.keep and args.db.exists()):
        args.db.unlink(missing_ok=True)
        start = time.perf_counter()
        fill(args.db, args.events)
        print(f"filled {args.db} with {args.events} fused events in {time.perf_counter() - start:.1f} s")
    with Server(args.db) as server:
        summary = fetch(server.url + "/api/stats/summary")
        print(f"serving {server.url}/ ({summary[1]} bytes of summary)")
        time_calls(server.url, "", args.rounds)
        time_calls(server.url, "country=UKR&type=ASSAULT", args.rounds)
        time_page(server.url, args.rounds)


if __name__ == "__main__":
    sys.exit(main())

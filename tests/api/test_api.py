"""The HTTP API against a real server: filters, paging, formats, exports, tokens, limits and escaping."""

from __future__ import annotations

import csv
import http.client
import io
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import PAYLOAD, TOKEN, LiveServer

from sitroom.export import ACLED_COLUMNS, GDELT_COLUMNS


def test_summary_counts_what_the_store_holds(server: LiveServer) -> None:
    summary = server.get_json("/api/stats/summary")
    assert summary["articles"] == 6
    assert summary["events"] == sum(summary["types"].values()) == sum(summary["factuality"].values())
    assert summary["writable"] is True
    assert summary["first"] <= summary["last"]


def test_events_page_and_total(server: LiveServer) -> None:
    everything = server.get_json("/api/events?limit=1000")
    total = everything["total"]
    assert total == len(everything["events"]) >= 8
    first = server.get_json("/api/events?limit=3&offset=0")
    second = server.get_json("/api/events?limit=3&offset=3")
    assert first["total"] == second["total"] == total
    ids = [event["id"] for event in first["events"] + second["events"]]
    assert len(set(ids)) == 6
    assert ids == [event["id"] for event in everything["events"][:6]]


def test_events_sort_by_fatalities(server: LiveServer) -> None:
    events = server.get_json("/api/events?sort=fatalities&order=desc&limit=3")["events"]
    assert events[0]["id"] == "payload-e1" and events[0]["fatalities"] == 14
    ascending = server.get_json("/api/events?sort=date&order=asc&limit=1000")["events"]
    days = [event["day"] for event in ascending]
    assert days == sorted(days)


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("type=ASSAULT", lambda e: e["type"] == "ASSAULT"),
        ("type=assault,coerce", lambda e: e["type"] in ("ASSAULT", "COERCE")),
        ("country=mli", lambda e: "MLI" in {(e.get("actor") or {}).get("country"),
                                            (e.get("target") or {}).get("country"),
                                            (e.get("location") or {}).get("country")}),
        ("min_fatalities=5", lambda e: (e.get("fatalities") or 0) >= 5),
        ("factuality=expected", lambda e: e["factuality"] == "expected"),
        ("q=orlen%20army", lambda e: "orlen" in e["evidence"].lower()),
        ("actor=rebels", lambda e: "rebels" in ((e.get("actor") or {}).get("name", "") +
                                               (e.get("target") or {}).get("name", "")).lower()),
        ("since=2025-03-06&until=2025-03-09", lambda e: "2025-03-05" <= e["day"] <= "2025-03-09"),
        ("dyad=BFA,MLI", lambda e: {e["actor"]["country"], e["target"]["country"]} == {"BFA", "MLI"}),
        ("location=dunmere", lambda e: e["location"]["name"] == "Dunmere"),
    ],
)  # fmt: skip
def test_filters(server: LiveServer, query: str, check) -> None:
    found = server.get_json(f"/api/events?limit=1000&{query}")
    assert found["total"] == len(found["events"]) > 0, query
    assert all(check(event) for event in found["events"]), query
    assert found["total"] < server.get_json("/api/events?limit=1")["total"]


def test_a_fused_event_shows_every_report(server: LiveServer) -> None:
    summary = server.get_json("/api/stats/summary")
    assert summary["fused"] is True and summary["mentions"] > summary["events"]
    found = server.get_json("/api/events?q=velmora&type=ASSAULT")
    assert found["total"] == 1  # two outlets' reports of one shelling are one event
    event = found["events"][0]
    assert event["fusion"]["articles"] == 2 and event["fusion"]["mentions"] == len(event["sources"]) >= 2
    assert {source["article_id"] for source in event["sources"]} == {"room-01", "room-05"}
    assert event["sources"][0]["event_id"] == event["id"]  # its own mention first
    for source in event["sources"]:
        text = server.get_json(f"/api/articles/{source['article_hash']}")["text"]
        assert text[source["sentence_start"] : source["sentence_end"]] == source["evidence"]
    by_mention = server.get_json(f"/api/events/{event['sources'][-1]['event_id']}")
    assert by_mention["id"] == event["id"]
    gdelt = server.request("/api/export?format=gdelt&q=velmora&type=ASSAULT").text.split("\t")
    assert gdelt[GDELT_COLUMNS.index("NumArticles")] == "2"


def test_bad_filters_are_422(server: LiveServer) -> None:
    assert server.request("/api/events?type=EXPLODE").status == 422
    assert server.request("/api/events?factuality=rumoured").status == 422
    assert server.request("/api/events?dyad=RUS").status == 422
    assert server.request("/api/events?since=yesterday").status == 422
    assert server.request("/api/events?limit=0").status == 422
    assert server.request("/api/events?sort=colour").status == 422
    assert server.request("/api/events?offset=99999999999999999999").status == 422  # past 64 bits
    assert server.get_json(f"/api/events?offset={2**62}")["events"] == []


def test_one_event_and_its_article(server: LiveServer) -> None:
    event = server.get_json("/api/events/payload-e2")
    assert event["type"] == "ASSAULT" and event["goldstein"] == -10.0
    assert event["acled"] == {"event_type": "Explosions/Remote violence",
                              "sub_event_type": "Shelling/artillery/missile attack"}  # fmt: skip
    source = event["sources"][0]
    article = server.get_json(f"/api/articles/{source['article_hash']}")
    assert article["text"][source["sentence_start"] : source["sentence_end"]] == event["evidence"]
    assert {item["id"] for item in article["events"]} == {"payload-e1", "payload-e2"}
    assert "origin" not in article  # no server paths
    assert server.get_json("/api/articles/payload-01")["content_hash"] == article["content_hash"]
    assert server.request("/api/events/nope").status == 404
    assert server.request("/api/articles/nope").status == 404


def test_payloads_come_back_as_json_strings(server: LiveServer) -> None:
    reply = server.request("/api/events/payload-e1")
    assert reply.headers["content-type"].startswith("application/json")
    assert reply.json()["actor"]["name"] == f"Army {PAYLOAD}"
    assert "default-src 'self'" in reply.headers["content-security-policy"]
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    assert reply.headers["x-content-type-options"] == "nosniff"


def test_timeline_counts_every_dated_event(server: LiveServer) -> None:
    timeline = server.get_json("/api/stats/timeline?bucket=day")
    total = server.get_json("/api/events?limit=1")["total"]
    assert timeline["buckets"] == sorted(timeline["buckets"])
    assert sum(timeline["events"]) == total
    assert sum(sum(counts) for counts in timeline["types"].values()) == total
    assert len(timeline["goldstein"]) == len(timeline["fatalities"]) == len(timeline["buckets"])
    dyad = server.get_json("/api/stats/timeline?bucket=day&dyad=MLI,BFA")
    assert dyad["buckets"] == ["2025-06-02", "2025-06-03"]
    assert dyad["fatalities"] == [14, 2] and dyad["goldstein"] == [-10.0, -10.0]
    assert server.get_json("/api/stats/timeline?bucket=auto")["bucket"] == "day"  # March to June
    assert server.get_json("/api/stats/timeline?bucket=month")["buckets"][0] == "2025-03-01"


def test_actor_network(server: LiveServer) -> None:
    network = server.get_json("/api/actors?limit=300")
    ids = {node["id"] for node in network["nodes"]}
    assert "Northern rebels|BFA" in ids
    edge = next(edge for edge in network["edges"] if edge["source"] == "Northern rebels|BFA")
    assert edge["target"] == "civilians|MLI" and edge["weight"] == 1 and edge["conflict"] == 1
    assert all(edge["source"] in ids and edge["target"] in ids for edge in network["edges"])
    assert len(server.get_json("/api/actors?limit=2")["nodes"]) == 2


def test_map_cells_and_countries(server: LiveServer) -> None:
    cells = server.get_json("/api/stats/map?cell=0.01")
    assert {(14.5, -4.2), (12.65, -8.0)} <= {(cell["lat"], cell["lon"]) for cell in cells}
    orlen = next(cell for cell in cells if (cell["lat"], cell["lon"]) == (14.5, -4.2))
    assert orlen["fatalities"] == 14 and orlen["type"] == "ASSAULT" and orlen["events"] == 1
    countries = {row["iso3"]: row for row in server.get_json("/api/stats/countries")}
    assert countries["MLI"]["numeric"] == 466 and countries["MLI"]["name"] == "Mali"
    assert countries["UKR"]["events"] >= 1


def test_events_as_csv_and_geojson(server: LiveServer) -> None:
    reply = server.request("/api/events?format=csv&limit=1000")
    assert reply.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert len(rows) == int(reply.headers["x-total-count"])
    assert {"id", "type", "actor_name", "location_lat", "evidence", "article_hash"} <= set(rows[0])
    geo = server.request("/api/events?format=geojson&limit=1000")
    assert geo.headers["content-type"].startswith("application/geo+json")
    collection = geo.json()
    assert collection["type"] == "FeatureCollection"
    points = {feature["id"]: feature["geometry"]["coordinates"] for feature in collection["features"]}
    assert points["payload-e1"] == [-4.2, 14.5] and points["payload-e2"] == [-8.0, 12.65]
    assert all(feature["geometry"]["type"] == "Point" for feature in collection["features"])


def _export(server: LiveServer, fmt: str, query: str = "") -> bytes:
    reply = server.request(f"/api/export?format={fmt}{query}")
    assert reply.status == 200, reply.body[:300]
    assert f"sitroom-{fmt}" in reply.headers["content-disposition"]
    return reply.body


def test_exports_parse(server: LiveServer, tmp_path: Path) -> None:
    total = server.get_json("/api/events?limit=1")["total"]
    plover = [json.loads(line) for line in _export(server, "plover").decode().splitlines()]
    assert len(plover) == total and {"event_type", "actor", "recipient", "sources"} <= set(plover[0])
    acled = list(csv.reader(io.StringIO(_export(server, "acled").decode())))
    assert tuple(acled[0]) == ACLED_COLUMNS and len(acled) == total + 1
    events = server.get_json("/api/events?limit=1000")["events"]
    by_id = {row[0][3:]: dict(zip(ACLED_COLUMNS, row, strict=True)) for row in acled[1:]}
    for event in events:  # the CSV writes each event's own types; outside ACLED's scope, "Other"
        row = by_id[event["id"]]
        assert row["sub_event_type"] == (event["acled"]["sub_event_type"] or "Other")
        assert row["event_type"] == event["acled"]["event_type"] == event["acled_event_type"]
    assert any(event["acled"]["sub_event_type"] is None for event in events)
    gdelt = _export(server, "gdelt").decode().splitlines()
    assert len(gdelt) == total and all(len(line.split("\t")) == len(GDELT_COLUMNS) == 61 for line in gdelt)
    geo = json.loads(_export(server, "geojson", "&country_level=true"))
    assert geo["type"] == "FeatureCollection"
    assert {"payload-e1", "payload-e2"} <= {feature["id"] for feature in geo["features"]}
    parquet = tmp_path / "events.parquet"
    parquet.write_bytes(_export(server, "parquet", "&type=ASSAULT"))
    rows = duckdb.sql(f"SELECT id, type, fatalities FROM read_parquet('{parquet}')").fetchall()
    assert rows and {row[1] for row in rows} == {"ASSAULT"}
    assert ("payload-e1", "ASSAULT", 14) in rows


def test_ingest_needs_the_token(server: LiveServer) -> None:
    body = json.dumps({"text": "Troops shelled the town of Arvik on Monday, killing three people."})
    headers = {"Content-Type": "application/json"}
    assert server.request("/api/articles", "POST", body, headers).status == 401
    reply = server.request("/api/articles", "POST", body, headers, token="wrong")
    assert reply.status == 401 and reply.headers["www-authenticate"] == "Bearer"


def test_ingest_pasted_text_and_upload(fresh_server: LiveServer) -> None:
    before = fresh_server.get_json("/api/stats/summary")
    article = {
        "title": "Border clash in Tarsk",
        "published": "2025-07-02",
        "text": "Azerbaijani troops attacked Armenian positions near the border on Tuesday, killing two "
        "soldiers, the Armenian defence ministry said.",
    }
    headers = {"Content-Type": "application/json"}
    reply = fresh_server.request("/api/articles", "POST", json.dumps(article), headers, token=TOKEN)
    assert reply.status == 201, reply.body
    result = reply.json()
    assert result["stored"] == 1 and result["events"] >= 1
    stored = result["articles"][0]
    assert stored["id"].startswith("paste-") and stored["stored"]
    event = fresh_server.get_json(f"/api/events/{stored['event_ids'][0]}")
    assert event["article_hash"] == stored["article_hash"] and event["published"] == "2025-07-02"
    again = fresh_server.request("/api/articles", "POST", json.dumps(article), headers, token=TOKEN).json()
    assert again["stored"] == 0 and again["articles"][0]["reason"] == "already stored"

    upload = "Talks in Geneva\n\nIranian and Saudi diplomats met in Geneva on Friday to discuss Yemen."
    reply = fresh_server.request(
        "/api/articles?filename=talks.txt&published=2025-07-04", "POST", upload,
        {"Content-Type": "text/plain"}, token=TOKEN,
    )  # fmt: skip
    assert reply.status == 201, reply.body
    uploaded = reply.json()["articles"][0]
    assert uploaded["title"] == "Talks in Geneva" and uploaded["id"] == "talks"
    after = fresh_server.get_json("/api/stats/summary")
    assert after["articles"] == before["articles"] + 2


def test_ingest_rejects_bad_bodies(fresh_server: LiveServer) -> None:
    def post(body: bytes | str, kind: str, query: str = "") -> int:
        headers = {"Content-Type": kind}
        return fresh_server.request(f"/api/articles{query}", "POST", body, headers, TOKEN).status

    assert post("{not json", "application/json") == 400
    assert post(json.dumps({"title": "no text"}), "application/json") == 400
    assert post(json.dumps({"text": "x", "published": "soon"}), "application/json") == 400
    assert post("%PDF-1.4", "application/pdf", "?filename=report.pdf") == 400
    assert post("", "text/plain", "?filename=empty.txt") == 400


def test_ingest_refuses_a_large_body_unread(fresh_server: LiveServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", fresh_server.port, timeout=30)
    connection.putrequest("POST", "/api/articles?filename=big.txt")
    connection.putheader("Authorization", f"Bearer {TOKEN}")
    connection.putheader("Content-Type", "text/plain")
    connection.putheader("Content-Length", str(5 * 1024 * 1024 + 1))
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()


def test_read_only_and_private_servers(store_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "room.duckdb"
    shutil.copy(store_template, path)
    body, headers = json.dumps({"text": "Troops attacked the town."}), {"Content-Type": "application/json"}
    with LiveServer(path) as open_server:
        assert open_server.get_json("/api/stats/summary")["writable"] is False
        assert open_server.request("/api/articles", "POST", body, headers, token=TOKEN).status == 403
    with LiveServer(path, token=TOKEN, private=True) as private:
        assert private.request("/api/events").status == 401
        assert private.request("/api/stats/timeline").status == 401
        assert private.request("/api/export?format=acled").status == 401
        assert private.request("/api/events", token="wrong").status == 401
        assert private.get_json("/api/events", token=TOKEN)["total"] > 0
        assert private.request("/").status == 200  # the page itself holds no data; it asks for the token
    with pytest.raises(ValueError, match="needs a token"):
        LiveServer(path, private=True)


def test_page_docs_and_openapi(server: LiveServer) -> None:
    page = server.request("/")
    assert page.status == 200 and "text/html" in page.headers["content-type"]
    assert "<script" in page.text and "cdn" not in page.text.lower()
    assert server.request("/static/countries-110m.json").json()["type"] == "Topology"
    assert server.request("/docs").status == 200
    spec = server.get_json("/openapi.json")
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{key}", "/api/articles", "/api/actors",
            "/api/stats/timeline", "/api/export"} <= set(spec["paths"])  # fmt: skip
    assert "post" in spec["paths"]["/api/articles"]

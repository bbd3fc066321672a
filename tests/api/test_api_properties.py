"""Property-based, on a real server: no query, article or upload makes the API fail or lose an article.

Generated filters on the read routes, generated keys on the article route, generated pasted articles
and uploads on the ingest route, all as real HTTP to uvicorn on 127.0.0.1. Every answer is a status the
API documents, with the security headers; the articles stored before are all still there after.
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TOKEN, LiveServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.api.app import SECURITY_HEADERS

READ_EXAMPLES = 2500
KEY_EXAMPLES = 500
INGEST_EXAMPLES = 250
ODD = ["ASSAULT", "UKR", "2024-05-20", "0001-01-01", "-1", "99999999999999999999", "RUS,UKR", "asserted",
       "%00", "'; DROP TABLE events; --", ""]  # fmt: skip
odd = st.one_of(st.text(max_size=12), st.sampled_from(ODD))
params = st.dictionaries(
    st.sampled_from(["type", "country", "actor", "since", "until", "factuality", "min_fatalities", "q",
                     "location", "dyad", "sort", "order", "limit", "offset", "format", "bucket"]),
    odd, max_size=5,
)  # fmt: skip
routes = st.sampled_from(["/api/events", "/api/stats/summary", "/api/stats/timeline", "/api/actors",
                          "/api/stats/map", "/api/stats/countries"])  # fmt: skip


@pytest.fixture(scope="module")
def live(store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("properties") / "room.duckdb"
    shutil.copy(store_template, path)
    with LiveServer(path, token=TOKEN) as server:
        yield server


def secured(headers: dict[str, str]) -> bool:
    lower = {k.lower(): v for k, v in headers.items()}
    return all(lower.get(name.lower()) == value for name, value in SECURITY_HEADERS.items())


@pytest.mark.slow
@settings(max_examples=READ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(route=routes, query=params)
def test_any_filters_answer_200_or_a_json_error(live: LiveServer, route: str, query: dict[str, str]) -> None:
    reply = live.request(f"{route}?{urllib.parse.urlencode(query)}")
    assert reply.status in (200, 404, 422), (route, query, reply.status, reply.body[:300])
    assert secured(reply.headers)


@pytest.mark.slow
@settings(max_examples=KEY_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(key=st.text(min_size=1, max_size=40))
def test_any_article_key_answers_200_or_404(live: LiveServer, key: str) -> None:
    reply = live.request("/api/articles/" + urllib.parse.quote(key, safe=""))
    assert reply.status in (200, 404, 405), (key, reply.status, reply.body[:300])  # 405: "/", the POST
    assert secured(reply.headers)


pasted = st.fixed_dictionaries(
    {"text": st.one_of(st.text(max_size=60), st.sampled_from([
        "Rebels attacked an army post near Goma on Monday, killing 3000000000 soldiers.",
        "Troops shelled the town of Sumy three days ago, killing 9 people.", "=cmd|' /C calc'!A0"]))},
    optional={"published": odd, "title": odd, "url": odd, "source": odd, "id": odd},
)  # fmt: skip
uploads = st.tuples(st.sampled_from(["a.txt", "b.jsonl", "c.md", "d.html", "e.pdf", "../../etc/passwd", ""]),
                    st.binary(max_size=300))  # fmt: skip


@pytest.mark.slow
@settings(max_examples=INGEST_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=st.one_of(pasted, st.lists(pasted, max_size=3), uploads, st.binary(max_size=50)))
def test_any_ingest_request_is_answered_and_loses_no_article(live: LiveServer, body: object) -> None:
    before = live.get_json("/api/stats/summary")["articles"]
    if isinstance(body, tuple):
        name, data = body
        reply = live.request(f"/api/articles?filename={urllib.parse.quote(name)}", "POST", data,
                             {"Content-Type": "text/plain"}, token=TOKEN)  # fmt: skip
    elif isinstance(body, bytes):
        reply = live.request("/api/articles", "POST", body, {"Content-Type": "application/json"}, token=TOKEN)
    else:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
        reply = live.request("/api/articles", "POST", data, {"Content-Type": "application/json"}, token=TOKEN)
    assert reply.status in (200, 201, 400, 422), (body, reply.status, reply.body[:300])
    assert secured(reply.headers)
    after = live.get_json("/api/stats/summary")["articles"]
    stored = reply.json().get("stored", 0) if reply.status in (200, 201, 422) else 0
    assert after == before + stored
    assert (reply.status == 201) == (stored > 0)

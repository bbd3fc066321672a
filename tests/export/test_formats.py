"""The export formats on hand-made events: mapping tables, column sets, and files that parse back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from sitroom.coding.acled import with_acled
from sitroom.export import (
    ACLED_COLUMNS,
    FORMATS,
    GDELT_COLUMNS,
    TEXT_FORMATS,
    EventRecord,
    SourceRef,
    acled_row,
    acled_types,
    gdelt_row,
    geojson_collection,
    goldstein,
    plover_record,
    write_export,
)
from sitroom.export.countries import country_facts, country_name
from sitroom.export.gdelt import event_number
from sitroom.export.goldstein import GOLDSTEIN, cameo_quad_class
from sitroom.models import Actor, DateSpan, Event, Location

RUSSIA_MIL = Actor(name="Russia", country="RUS", sector="MIL", text="Russian warplanes")
CIVILIANS = Actor(name="civilians", country="UKR", sector="CVL")
ACLED_FIELDS = ("acled_event_type", "acled_sub_event_type")
KHARKIV = Location(name="Kharkiv", country="UKR", lat=49.99, lon=36.23, precision="city", feature="city",
                   geonames_id=706483)  # fmt: skip


def event(kind: str = "ASSAULT", mode: str | None = None, cameo: str = "190", **fields: object) -> Event:
    """A hand-made event with the ACLED types the coder would give it (unless ``fields`` set them)."""
    values = {"id": "0123456789abcdef", "type": kind, "mode": mode, "evidence": "Warplanes struck Kharkiv.",
              "sentence_start": 0, "sentence_end": 25, "trigger": "struck", "cameo": cameo,
              "cameo_root": cameo[:2]}  # fmt: skip
    coded = with_acled(Event.model_validate(values | fields))
    return coded.model_copy(update={key: fields[key] for key in ACLED_FIELDS if key in fields})


def record(item: Event, sources: int = 1) -> EventRecord:
    refs = tuple(
        SourceRef(article_id=f"a{n}", article_hash=f"h{n}", title="Strike", url=f"https://x.test/{n}",
                  outlet=f"Wire {n}", published=date(2024, 5, 28), evidence=item.evidence,
                  sentence_start=0 if n == 0 else 40, sentence_end=25)
        for n in range(sources)
    )  # fmt: skip
    return EventRecord(event=item, sources=refs)


def test_acled_types_are_the_events_own() -> None:
    shelling = event(acled_event_type="Explosions/Remote violence",
                     acled_sub_event_type="Shelling/artillery/missile attack")  # fmt: skip
    assert acled_types(shelling) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    row = acled_row(record(shelling))
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack",
    )  # fmt: skip
    outside = event("CONSULT", "visit", cameo="042", acled_event_type="Strategic developments")
    assert acled_types(outside) == ("Strategic developments", "Other")  # no sub-event type: out of scope
    assert acled_types(event(acled_event_type=None)) == ("Strategic developments", "Other")  # never coded
    protest = with_acled(event("PROTEST", "demo", cameo="141", evidence="Teachers marched in Nairobi."))
    row = acled_row(record(protest))
    assert (row["disorder_type"], row["sub_event_type"]) == ("Demonstrations", "Peaceful protest")


def test_acled_row() -> None:
    item = event("ASSAULT", "aerial", cameo="195", actor=RUSSIA_MIL, target=CIVILIANS, location=KHARKIV,
                 fatalities=11, factuality="alleged",
                 date=DateSpan(start=date(2024, 5, 27), end=date(2024, 5, 27), precision="day"))  # fmt: skip
    row = acled_row(record(item, sources=2))
    assert tuple(row) == ACLED_COLUMNS
    assert row["event_id_cnty"] == "UKR0123456789abcdef"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-05-27", 2024, 1)
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Military Forces of Russia", 1, "Civilians (Ukraine)", 7,
    )  # fmt: skip
    assert row["interaction"] == "17" and row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["region"], row["country"]) == (804, "Europe", "Ukraine")
    assert (row["location"], row["latitude"], row["longitude"], row["geo_precision"]) == (
        "Kharkiv",
        49.99,
        36.23,
        1,
    )
    assert row["source"] == "Wire 0; Wire 1" and row["fatalities"] == 11
    assert row["tags"] == "factuality=alleged"
    assert row["timestamp"] == 1716854400  # 2024-05-28, the publication day, 00:00 UTC


@pytest.mark.parametrize(
    ("span", "precision"),
    [
        (None, 2),
        (DateSpan(start=date(2024, 5, 1), end=date(2024, 5, 1), precision="day"), 1),
        (DateSpan(start=date(2024, 5, 1), end=date(2024, 5, 2), precision="day"), 1),
        (DateSpan(start=date(2024, 5, 1), end=date(2024, 5, 5), precision="day"), 2),
        (DateSpan(start=date(2024, 5, 1), end=date(2024, 5, 7), precision="week"), 2),
        (DateSpan(start=date(2024, 5, 1), end=date(2024, 5, 31), precision="month"), 3),
        (DateSpan(start=date(2024, 5, 28), end=date(2024, 5, 28), precision="published"), 2),
    ],
)
def test_acled_time_precision(span: DateSpan | None, precision: int) -> None:
    assert acled_row(record(event(date=span)))["time_precision"] == precision


def test_acled_geo_precision_and_actor_types() -> None:
    admin1 = Location(name="Kharkiv Oblast", country="UKR", lat=49.5, lon=36.5, feature="admin1")
    row = acled_row(record(event(location=admin1)))
    assert (row["admin1"], row["geo_precision"]) == ("Kharkiv Oblast", 3)
    country_only = acled_row(record(event(location=Location(name="Ukraine", country="UKR"))))
    assert (country_only["latitude"], country_only["geo_precision"]) == ("", 3)
    protest = acled_row(
        record(event("PROTEST", "demo", actor=Actor(name="teachers", country="KEN", sector="EDU")))
    )
    assert (protest["actor1"], protest["inter1"], protest["interaction"]) == ("Protesters (Kenya)", 6, "60")
    rebels = acled_row(record(event(actor=Actor(name="M23", country="COD", sector="REB"), target=RUSSIA_MIL)))
    assert (rebels["actor1"], rebels["inter1"], rebels["interaction"]) == ("M23", 2, "12")
    un = acled_row(record(event("AID", actor=Actor(name="United Nations", country="UNO"))))
    assert (un["inter1"], un["country"]) == (8, "")


def test_gdelt_row() -> None:
    item = event("ASSAULT", "aerial", cameo="195", actor=RUSSIA_MIL, target=CIVILIANS, location=KHARKIV,
                 date=DateSpan(start=date(2024, 5, 27), end=date(2024, 5, 27)))  # fmt: skip
    row = dict(zip(GDELT_COLUMNS, gdelt_row(record(item, sources=3)), strict=True))
    assert len(GDELT_COLUMNS) == 61
    assert row["GLOBALEVENTID"] == event_number("0123456789abcdef") == int("0123456789abcde", 16)
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20240527", "202405", 2024)
    assert 2024.39 < row["FractionDate"] < 2024.41
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "RUSMIL", "RUSSIA", "RUS", "MIL",
    )  # fmt: skip
    assert (row["Actor2Code"], row["Actor2Type1Code"]) == ("UKRCVL", "CVL")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("195", "195", "19")
    assert (row["QuadClass"], row["GoldsteinScale"], row["IsRootEvent"]) == (4, -10.0, 1)
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"], row["AvgTone"]) == (3, 3, 3, "")
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == (
        4, "Kharkiv, Ukraine", "UP",
    )  # fmt: skip
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"], row["ActionGeo_FeatureID"]) == (49.99, 36.23, 706483)
    assert (row["Actor1Geo_Type"], row["DATEADDED"]) == (0, "20240528000000")
    assert row["SOURCEURL"] == "https://x.test/0"


def test_gdelt_international_actors_and_ids() -> None:
    item = event("AID", cameo="073", actor=Actor(name="United Nations", country="UNO"), target=None)
    row = dict(zip(GDELT_COLUMNS, gdelt_row(record(item)), strict=True))
    assert (row["Actor1Code"], row["Actor1KnownGroupCode"], row["Actor1CountryCode"]) == ("IGOUNO", "UNO", "")
    assert row["Actor2Code"] == "" and row["QuadClass"] == 2 and row["GoldsteinScale"] == 7.4
    assert 0 <= event_number("not-a-hex-id") < 2**63


def test_goldstein_table() -> None:
    roots = [f"{n:02d}" for n in range(1, 21)]
    assert all(root in GOLDSTEIN for root in roots)
    assert all(-10 <= value <= 10 for value in GOLDSTEIN.values())
    assert all(code[:2] in GOLDSTEIN for code in GOLDSTEIN)
    assert (goldstein("19"), goldstein("190"), goldstein("195"), goldstein("057")) == (-10, -10, -10, 8)
    assert (goldstein("0874"), goldstein("087"), goldstein("1823"), goldstein("1831")) == (10, 9, -10, -10)
    assert goldstein("1412") == -6.5  # no row of its own: its base 141
    assert goldstein(None) is None and goldstein("99") is None
    assert [cameo_quad_class(code) for code in ("042", "073", "112", "190", "xx")] == [1, 2, 3, 4, None]


def test_geojson() -> None:
    located = record(event(location=KHARKIV, fatalities=3))
    country_only = record(event(id="country-only", location=Location(name="Ukraine", country="UKR")))
    nowhere = record(event(id="nowhere"))
    collection = geojson_collection([located, country_only, nowhere])
    assert [feature["id"] for feature in collection["features"]] == ["0123456789abcdef"]
    point = collection["features"][0]
    assert point["geometry"] == {"type": "Point", "coordinates": [36.23, 49.99]}
    assert point["properties"]["fatalities"] == 3 and point["properties"]["geo_precision"] == "city"
    wide = geojson_collection([located, country_only, nowhere], country_level=True)
    assert [feature["geometry"] for feature in wide["features"]][1] is None
    assert wide["features"][1]["properties"]["country"] == "UKR"
    assert (point["properties"]["acled_event_type"], point["properties"]["acled_sub_event_type"]) == (
        "Explosions/Remote violence", "Air/drone strike",
    )  # fmt: skip
    talks = geojson_collection([record(event("CONSULT", "visit", cameo="042", location=KHARKIV))])
    properties = talks["features"][0]["properties"]
    assert (properties["acled_event_type"], properties["acled_sub_event_type"]) == (
        "Strategic developments",
        None,
    )


def test_plover_record() -> None:
    item = event("ASSAULT", "aerial", actor=RUSSIA_MIL, target=CIVILIANS, location=KHARKIV, fatalities=11)
    data = plover_record(record(item, sources=2))
    assert (data["event_type"], data["event_mode"], data["contexts"]) == ("ASSAULT", "aerial", [])
    assert data["actor"] == {"name": "Russia", "country": "RUS", "primary_sector": "MIL", "sectors": ["MIL"],
                             "name_raw": "Russian warplanes"}  # fmt: skip
    assert data["recipient"]["primary_sector"] == "CVL"
    assert data["location"]["placename"] == "Kharkiv" and data["location"]["geonames_id"] == 706483
    assert data["event_date"] == "2024-05-28"  # no date in the event: the publication day
    assert len(data["sources"]) == data["num_articles"] == 2
    json.dumps(data)  # JSON-ready


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_text_format_writes_and_parses(fmt: str) -> None:
    records = [record(event(id=f"{n:016x}", location=KHARKIV, actor=RUSSIA_MIL)) for n in range(3)]
    out = io.StringIO()
    assert write_export(fmt, records, out) == 3
    text = out.getvalue()
    if fmt == "plover":
        assert [json.loads(line)["event_id"] for line in text.splitlines()] == [f"{n:016x}" for n in range(3)]
    elif fmt == "acled":
        assert len(list(csv.DictReader(io.StringIO(text)))) == 3
    elif fmt == "gdelt":
        assert [len(line.split("\t")) for line in text.splitlines()] == [61] * 3
    else:
        assert len(json.loads(text)["features"]) == 3
    assert set(FORMATS) == {*TEXT_FORMATS, "parquet"}


def test_gdelt_fields_hold_no_tabs_or_newlines() -> None:
    item = event(actor=Actor(name="A\tB\nC", country="RUS"))
    out = io.StringIO()
    write_export("gdelt", [record(item)], out)
    assert len(out.getvalue().splitlines()) == 1 and len(out.getvalue().split("\t")) == 61


def test_country_facts() -> None:
    assert country_facts("ukr").numeric == 804 and country_facts("UKR").fips == "UP"
    assert country_facts("KOS").name == "Kosovo"
    assert country_facts("PSE").region == "Middle East" and country_name("PSE") == "Palestine"
    assert country_facts("MEX").region == "Central America"
    assert country_facts("IGO") is None and country_name("IGO") == "IGO" and country_name(None) == ""

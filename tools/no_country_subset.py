"""Write sitroom's subset of GeoNames' ``no-country.txt``: the seas, oceans, gulfs, straits, bays,
channels, continents, mountain ranges, peninsulas, deserts and multi-country regions news names.

    .venv/bin/python tools/no_country_subset.py ../shared/data/geonames/no-country.txt \
        src/sitroom/data/geonames/no_country.tsv

Undersea features, reefs, cross-border rivers and lakes, islets and economic areas ("Eurozone") are left
out: news rarely names them and their names collide with towns. Of the alternate names only the Latin-script
ones English may use are kept (the gazetteer indexes no others). Output columns: geonameid, name,
feature code, latitude, longitude, alternate names (``|``). GeoNames (geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import csv
import re
import sys

CREDIT = "GeoNames (geonames.org), CC BY 4.0"
KEPT = {"OCN", "SEA", "GULF", "STRT", "BAY", "CHN", "CONT", "RGN", "MTS", "PEN", "DSRT"}
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-’]*$")


def main(source: str, target: str) -> None:
    """Read GeoNames' 19-column export, write the kept features in our six columns."""
    rows = []
    with open(source, encoding="utf-8", newline="") as handle:
        for line in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(line) < 8 or line[7] not in KEPT:
                continue
            alternates = sorted({a for a in line[3].split(",") if _LATIN.match(a) and a != line[1]})
            rows.append([line[0], line[1], line[7], line[4], line[5], "|".join(alternates)])
    with open(target, "w", encoding="utf-8", newline="") as out:
        out.write(f"# {CREDIT}: a subset of no-country.txt (tools/no_country_subset.py)\n")
        out.write("# geonameid\tname\tfeature code\tlatitude\tlongitude\talternate names (|)\n")
        for row in rows:
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

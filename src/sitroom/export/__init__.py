"""Standard exports of stored events: PLOVER JSON, ACLED-style CSV, GDELT-style TSV, GeoJSON, Parquet.

The text formats are written here from :class:`EventRecord` objects (an event and its source articles), so
they work the same on raw and on fused events. Parquet is DuckDB's own writer, run by the store
(``EventReader.write_parquet``): the columns are the store's flat event columns.

    >>> from sitroom.export import write_export
    >>> write_export("acled", records, sys.stdout)

Mapping tables (PLOVER → ACLED event types, CAMEO → Goldstein, …) are in ``docs/ontology.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import IO

from sitroom.export.acled import ACLED_COLUMNS, acled_row, acled_types, write_acled
from sitroom.export.gdelt import GDELT_COLUMNS, gdelt_row, write_gdelt
from sitroom.export.geojson import geojson_collection, write_geojson
from sitroom.export.goldstein import goldstein
from sitroom.export.plover import plover_record, write_plover
from sitroom.export.records import EventRecord, SourceRef

#: Every export format, with its file suffix and media type.
FORMATS: dict[str, tuple[str, str]] = {
    "plover": (".jsonl", "application/x-ndjson"),
    "acled": (".csv", "text/csv; charset=utf-8"),
    "gdelt": (".tsv", "text/tab-separated-values; charset=utf-8"),
    "geojson": (".geojson", "application/geo+json"),
    "parquet": (".parquet", "application/vnd.apache.parquet"),
}
TEXT_FORMATS = ("plover", "acled", "gdelt", "geojson")
#: The formats as a choice for the command line and the API (one list: :data:`FORMATS`).
ExportFormat = StrEnum("ExportFormat", [(name, name) for name in FORMATS])


def write_export(
    format: str, records: Iterable[EventRecord], out: IO[str], country_level: bool = False
) -> int:
    """Write ``records`` to ``out`` in one of :data:`TEXT_FORMATS`; returns how many records were written.

    ``country_level`` (GeoJSON only) keeps events located only to a country, with a null geometry.
    """
    if format == "plover":
        return write_plover(records, out)
    if format == "acled":
        return write_acled(records, out)
    if format == "gdelt":
        return write_gdelt(records, out)
    if format == "geojson":
        return write_geojson(records, out, country_level=country_level)
    raise ValueError(f"unknown text export format {format!r}; choose one of {', '.join(TEXT_FORMATS)}")


__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "GDELT_COLUMNS",
    "TEXT_FORMATS",
    "EventRecord",
    "ExportFormat",
    "SourceRef",
    "acled_row",
    "acled_types",
    "gdelt_row",
    "geojson_collection",
    "goldstein",
    "plover_record",
    "write_export",
]

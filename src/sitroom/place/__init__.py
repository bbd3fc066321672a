"""Offline geoparsing: place mentions in an article, resolved to coordinates, and each event's location.

``Geoparser.load().places(doc)`` finds and resolves every place named in a parsed article (``PlaceMention``
models, FORMAT.md's ``places``); ``event_location(trigger, places)`` picks where the event of a trigger
happened (a ``Location`` with an ACLED-like ``precision``). Everything runs offline on a gazetteer built
from pip-installed GeoNames data plus our own ``data/regions.tsv``.
"""

from sitroom.place.gazetteer import Gazetteer
from sitroom.place.geoparser import Geoparser, place_dicts
from sitroom.place.locate import (
    capital_of,
    event_location,
    locate_event,
    main_place,
    names_country,
    story_town,
    to_location,
)

__all__ = [
    "Gazetteer",
    "Geoparser",
    "capital_of",
    "event_location",
    "locate_event",
    "main_place",
    "names_country",
    "place_dicts",
    "story_town",
    "to_location",
]

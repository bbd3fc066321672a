"""Great-circle distance, the one copy: places, fusion and the store's ``near`` filter all measure with it.

The store's SQL (:func:`sitroom.store.query.great_circle_sql`) writes the same haversine formula with the same
Earth diameter, so a ``--near`` filter and fusion agree on what lies within a radius.
"""

from __future__ import annotations

import math

EARTH_DIAMETER_KM = 12742.0  # twice the mean radius, 6,371 km


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine).

    >>> round(great_circle_km(49.99, 36.23, 50.91, 34.80))
    144
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_DIAMETER_KM * math.asin(min(1.0, math.sqrt(h)))

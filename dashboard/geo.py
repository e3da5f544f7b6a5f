"""Shipped boundary data for the choropleth maps (``data/geo``, see its README).

The GeoJSON is read from the repository, never fetched: the app must draw its maps offline.
Features carry ``name`` (full gazetteer name, e.g. "广东省") and ``adcode`` (GB/T 2260, "440000");
the files' rings are wound clockwise, the order plotly's ``go.Choropleth`` (d3-geo) needs.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

GEO_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"


@lru_cache(maxsize=1)
def load_provinces() -> dict[str, Any]:
    """The 34 province-level units as a FeatureCollection.

    Cached because every rerun of a page would otherwise re-parse the file; callers share the
    object, so treat it as read-only.
    """
    return _read("china_provinces.geojson")


@lru_cache(maxsize=1)
def load_cities() -> dict[str, Any]:
    """Prefecture-level units (plus the province-administered county-level cities and the four
    municipalities and two SARs as whole units) with ``parent_adcode``; cached and read-only like
    ``load_provinces``. Taiwan has no GB/T 2260 prefecture codes and is not split here."""
    return _read("china_cities.geojson")


def province_feature_key() -> str:
    """The ``featureidkey`` for plotly: match ``locations`` against the 6-digit adcode, not the name,
    so short or variant names in the data ("广西" vs "广西壮族自治区") cannot silently miss."""
    return "properties.adcode"


def _read(filename: str) -> dict[str, Any]:
    with (GEO_DIR / filename).open(encoding="utf-8") as fh:
        return json.load(fh)

"""The shipped boundary files (data/geo) and dashboard.geo: right units, codes, names and geometry."""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest

from dashboard.geo import GEO_DIR, load_cities, load_provinces, province_feature_key

PROVINCES = {
    "110000": "北京市", "120000": "天津市", "130000": "河北省", "140000": "山西省", "150000": "内蒙古自治区",
    "210000": "辽宁省", "220000": "吉林省", "230000": "黑龙江省", "310000": "上海市", "320000": "江苏省",
    "330000": "浙江省", "340000": "安徽省", "350000": "福建省", "360000": "江西省", "370000": "山东省",
    "410000": "河南省", "420000": "湖北省", "430000": "湖南省", "440000": "广东省", "450000": "广西壮族自治区",
    "460000": "海南省", "500000": "重庆市", "510000": "四川省", "520000": "贵州省", "530000": "云南省",
    "540000": "西藏自治区", "610000": "陕西省", "620000": "甘肃省", "630000": "青海省", "640000": "宁夏回族自治区",
    "650000": "新疆维吾尔自治区", "710000": "台湾省", "810000": "香港特别行政区", "820000": "澳门特别行政区",
}


def rings(geometry: dict[str, Any]) -> Iterator[tuple[int, list[list[float]]]]:
    """(index within its polygon, ring): index 0 is the exterior."""
    assert geometry["type"] in ("Polygon", "MultiPolygon")
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    assert polygons
    for polygon in polygons:
        yield from enumerate(polygon)


def signed_area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring)) / 2


def check_geometry(feature: dict[str, Any]) -> None:
    name = feature["properties"]["name"]
    for i, ring in rings(feature["geometry"]):
        assert len(ring) >= 4 and ring[0] == ring[-1], f"{name}: ring not closed"
        for lon, lat in ring:
            assert math.isfinite(lon) and math.isfinite(lat), name
            assert 73 <= lon <= 136 and 3 <= lat <= 54, f"{name}: ({lon}, {lat}) outside China"
        # go.Choropleth (d3-geo) fills the outside of a counter-clockwise exterior: the whole globe
        assert (signed_area(ring) < 0) == (i == 0), f"{name}: ring {i} wound the wrong way for plotly"


def test_provinces_are_the_34_gazetteer_units() -> None:
    features = load_provinces()["features"]
    assert len(features) == 34
    got = {f["properties"]["adcode"]: f["properties"]["name"] for f in features}
    assert got == PROVINCES
    for code in got:
        assert isinstance(code, str) and len(code) == 6 and code.isdigit() and code.endswith("0000")
    assert {"广东省", "新疆维吾尔自治区"} <= set(got.values())


def test_province_geometry() -> None:
    for feature in load_provinces()["features"]:
        check_geometry(feature)


def test_feature_key_and_cache() -> None:
    assert province_feature_key() == "properties.adcode"
    assert load_provinces() is load_provinces()
    path = province_feature_key().split(".")
    for feature in load_provinces()["features"]:
        value: Any = feature
        for part in path:
            value = value[part]
        assert value in PROVINCES


def test_cities() -> None:
    features = load_cities()["features"]
    props = [f["properties"] for f in features]
    codes = [p["adcode"] for p in props]
    assert len(codes) == len(set(codes)) >= 333
    for p in props:
        code, parent = p["adcode"], p["parent_adcode"]
        assert len(code) == 6 and code.isdigit() and parent in PROVINCES and code[:2] == parent[:2], p
        assert p["level"] in ("prefecture", "county", "municipality", "sar"), p
    by_code = {p["adcode"]: p for p in props}
    assert by_code["440200"]["name"] == "韶关市" and by_code["440200"]["parent_adcode"] == "440000"
    assert by_code["110000"]["level"] == "municipality"
    for feature in features:
        check_geometry(feature)


@pytest.mark.parametrize("filename", ["china_provinces.geojson", "china_cities.geojson"])
def test_files_stay_small(filename: str) -> None:
    assert (GEO_DIR / filename).stat().st_size < 3 * 1024 * 1024

"""Arithmetic on 6-digit division codes: a region's prefix, level, parent and children, in Python and SQL.

Kept apart from the queries so the filter object (dashboard/filter_model.py) can turn a chosen region into
its code prefix without importing any query: one answer for "which documents lie inside 440000".
"""

from __future__ import annotations

MUNICIPALITIES = ("110000", "120000", "310000", "500000")  # their counties hang directly below the province
LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}

# the level a region code's own government reports at (a document's ``level`` must match to be its own report)
CODE_LEVEL_SQL = ("CASE WHEN {col} LIKE '%0000' THEN 'province' WHEN {col} LIKE '%00' THEN 'city' "
                  "ELSE 'county' END")
# the code prefix of the regions inside region ``{col}`` (``region_prefix`` in SQL)
PREFIX_SQL = ("CASE WHEN {col} LIKE '%0000' THEN substr({col}, 1, 2) WHEN {col} LIKE '%00' THEN substr({col}, 1, 4) "
              "ELSE {col} END")


def region_prefix(code: str) -> str:
    """The code prefix a region's documents share: ``440000`` -> ``44``, ``440200`` -> ``4402``, ``440205`` itself."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def region_level(code: str) -> str:
    """``province`` / ``city`` / ``county`` from the shape of a 6-digit code."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def child_prefix_len(parent: str | None) -> int | None:
    """Digits that identify a child region of ``parent`` (None = all of China); None if it has no children.

    ``None`` -> 2 (provinces), ``440000`` -> 4 (cities), ``110000`` -> 6 (Beijing's districts), ``440200`` -> 6.
    """
    if parent is None:
        return 2
    if parent in MUNICIPALITIES:
        return 6
    level = region_level(parent)
    return {"province": 4, "city": 6}.get(level)


def parent_region(code: str) -> str | None:
    """The region one level up: county -> city (or the province for municipalities), city -> province."""
    level = region_level(code)
    if level == "province":
        return None
    province = code[:2] + "0000"
    if level == "city" or province in MUNICIPALITIES:
        return province
    return code[:4] + "00"

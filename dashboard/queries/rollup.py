"""Rule 3 on rows already fetched: which level of regions a page adds up, and how a level's values combine.

The overview's headline and the brief's totals both show, per metric, ONE level's total (a county is inside
its city, so levels are never added): the level with most regions reporting, on a tie the higher. Both
call ``main_level`` here; the SQL side of the same total is ``core.LEVEL_TOTAL_SQL``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.region_codes import LEVEL_ORDER


def main_level(regions_by_level: Mapping[str, int]) -> str:
    """The level a metric's total is taken over: most regions, then the higher level.

    ``main_level({"county": 5, "city": 5, "province": 1})`` -> ``"city"``.
    """
    return min(regions_by_level, key=lambda lv: (-regions_by_level[lv], LEVEL_ORDER.get(lv, 9)))


def level_total(values: pd.Series, rate: bool) -> float:
    """Regions of one level combined: counts added, rates averaged (``LEVEL_TOTAL_SQL`` in pandas)."""
    return values.mean() if rate else values.sum()

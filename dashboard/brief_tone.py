"""Whether a change in the weekly brief is good news, bad news or neither — read from the metric catalogue.

A leader reads green as "better" and red as "worse" from across the room. Most metrics have no agreed
direction (more 行政复议申请 is neither good nor bad), so a change is coloured only when the catalogue gives
the metric a ``direction`` (etl/extract/catalog/metrics.toml: higher_better / lower_better); every other change is
drawn in one neutral colour, with ▲ / ▼ and the sign saying which way it went.
"""

from __future__ import annotations

import math

from etl import api

GOOD_COLOR = "#1a7f37"
BAD_COLOR = "#c62828"
NEUTRAL_COLOR = "#4f6680"
COLORS = {"good": GOOD_COLOR, "bad": BAD_COLOR, "": NEUTRAL_COLOR}


def direction(metric: str) -> str:
    """The catalogue's ``direction`` of ``metric`` ("" when it has none or is unknown)."""
    m = api.metric_catalogue().get(metric)
    return m.direction if m else ""


def tone(metric: str, delta: float | None) -> str:
    """"good" / "bad" for a change of a metric with a direction, "" for no change or no direction."""
    if delta is None or (isinstance(delta, float) and math.isnan(delta)) or delta == 0:
        return ""
    d = direction(metric)
    if d == "higher_better":
        return "good" if delta > 0 else "bad"
    if d == "lower_better":
        return "good" if delta < 0 else "bad"
    return ""


def color(metric: str, delta: float | None) -> str:
    return COLORS[tone(metric, delta)]


def arrow(delta: float | None) -> str:
    """▲ / ▼ (or nothing): which way a change went, without saying whether that is good."""
    if delta is None or (isinstance(delta, float) and math.isnan(delta)) or delta == 0:
        return ""
    return "▲" if delta > 0 else "▼"

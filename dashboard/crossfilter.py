"""Cross-filtering as in BI tools: a click on a chart element narrows the rest of the page.

A click gives a ``Selection`` (a region or a level, a year, a metric). It lives in the URL under its own keys
(``sel_region``, ``sel_level``, ``sel_year``, ``sel_metric``), apart from the sidebar's filters, so a copied
link reproduces it and 清除 removes it without touching the sidebar. The chart that was clicked keeps showing
everything (with the choice marked); the cards and tables around it show only the selection.

Pure part (no Streamlit): ``from_event`` turns a ``st.plotly_chart(..., on_select="rerun")`` event into a
Selection, ``from_params``/``to_params`` convert it to and from the URL, ``narrow`` applies it to
``Filters`` and ``rows`` to a DataFrame. The Streamlit part reads and writes it and draws the chip.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.filters import YEAR_MAX, YEAR_MIN, Filters, write_url
from dashboard.format import LEVEL_LABELS
from dashboard.safe_text import plain

SEL_KEYS = ("sel_region", "sel_level", "sel_year", "sel_metric")
_CODE = re.compile(r"^\d{6}$")
_METRIC = re.compile(r"^[a-z_]+(?:\.[a-z_]+)+$")


@dataclass(frozen=True)
class Selection:
    """What a click chose; None means "not narrowed on this"."""

    region: str | None = None  # 6-digit division code (a province or city covers the regions below it)
    level: str | None = None  # document level (a trend line per level)
    year: int | None = None
    metric: str | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.region, self.level, self.year, self.metric))


def _one(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return str(value or "").strip()


def _year(value: Any) -> int | None:
    text = _one(value)
    if not text.isdigit():
        return None
    y = int(text)
    return y if YEAR_MIN <= y <= YEAR_MAX else None


def parse(region: Any = None, level: Any = None, year: Any = None, metric: Any = None) -> Selection:
    """A Selection from loose values; anything malformed is dropped (URL text is user input)."""
    code, lvl, key = _one(region), _one(level), _one(metric)
    return Selection(region=code if _CODE.match(code) else None,
                     level=lvl if lvl in LEVEL_LABELS else None,
                     year=_year(year),
                     metric=key if _METRIC.match(key) else None)


def from_params(params: Mapping[str, Any]) -> Selection:
    """``{"sel_region": "440100", "sel_year": "2022"}`` -> ``Selection(region="440100", year=2022)``."""
    return parse(params.get("sel_region"), params.get("sel_level"), params.get("sel_year"), params.get("sel_metric"))


def to_params(sel: Selection) -> dict[str, list[str]]:
    """The URL keys for ``sel`` (only those set)."""
    values = {"sel_region": sel.region, "sel_level": sel.level,
              "sel_year": None if sel.year is None else str(sel.year), "sel_metric": sel.metric}
    return {k: [v] for k, v in values.items() if v}


def _points(event: Any) -> list[Mapping[str, Any]]:
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return []
    return [p for p in points or [] if isinstance(p, Mapping)]


def from_event(event: Any) -> Selection:
    """The Selection of the first clicked point of a chart built with ``charts.selectable_*``.

    Those charts put a tag (``charts.selection_tag``: ``region=440100&year=2022&metric=…``) in the last item
    of a point's ``customdata``; plotly passes customdata back untouched. A point without one (another
    chart's) gives an empty Selection.
    """
    for point in _points(event):
        data = point.get("customdata")
        if not isinstance(data, Sequence) or isinstance(data, str) or not data:
            continue
        tag = data[-1]
        if not isinstance(tag, str) or "=" not in tag:
            continue
        fields = dict(part.split("=", 1) for part in tag.split("&") if "=" in part)
        sel = parse(fields.get("region"), fields.get("level"), fields.get("year"), fields.get("metric"))
        if sel:
            return sel
    return Selection()


def narrow(f: Filters, sel: Selection) -> Filters:
    """``f`` further limited to ``sel``: the filters the page's other elements are queried with."""
    out = f
    if sel.region:
        out = replace(out, regions=(sel.region,))
    if sel.level:
        out = replace(out, levels=(sel.level,))
    if sel.year is not None:
        out = replace(out, year_from=sel.year, year_to=sel.year)
    if sel.metric:
        out = replace(out, metrics=(sel.metric,))
    return out


def rows(df: pd.DataFrame, sel: Selection, columns: Mapping[str, str]) -> pd.DataFrame:
    """Rows of ``df`` that match ``sel``; ``columns`` maps selection fields (region, level, year, metric) to
    ``df``'s column names. A field without a column is not applied."""
    mask = pd.Series(True, index=df.index)
    for field in ("region", "level", "year", "metric"):
        value = getattr(sel, field)
        col = columns.get(field)
        if value is None or col is None or col not in df.columns:
            continue
        if field == "year":
            mask &= pd.to_numeric(df[col], errors="coerce") == value
        else:
            mask &= df[col].astype(str) == str(value)
    return df[mask]


def describe(sel: Selection, region_names: Mapping[str, str] | None = None,
             metric_names: Mapping[str, str] | None = None) -> str:
    """The chip's text: ``广州市 · 2022年 · 收到行政复议申请``."""
    parts = []
    if sel.region:
        parts.append((region_names or {}).get(sel.region, sel.region))
    if sel.level:
        parts.append(f"{LEVEL_LABELS.get(sel.level, sel.level)}报告")
    if sel.year is not None:
        parts.append(f"{sel.year}年")
    if sel.metric:
        parts.append((metric_names or {}).get(sel.metric, sel.metric))
    return " · ".join(parts)


# --- Streamlit side -------------------------------------------------------------------------------------------

def current() -> Selection:
    """The selection in the URL."""
    return from_params({k: st.query_params.get_all(k) for k in SEL_KEYS})


def store(sel: Selection) -> None:
    """Write ``sel`` to the URL (keys not set are removed)."""
    write_url(to_params(sel), SEL_KEYS)


def clear() -> None:
    store(Selection())


def take_click(event: Any, sel: Selection) -> None:
    """Store the clicked Selection and rerun, when a click chose something new (an empty event does nothing:
    the chart is redrawn under a new key after every change, so its old selection never comes back)."""
    picked = from_event(event)
    if picked and picked != sel:
        store(picked)
        st.rerun()


def chart_key(base: str, sel: Selection) -> str:
    """A chart key that changes with the selection, so the browser's own selection state starts afresh."""
    return f"{base}_{'_'.join(v for vals in to_params(sel).values() for v in vals) or 'all'}"


def chip(sel: Selection, text: str, note: str = "", extra: Callable[[Any], None] | None = None) -> None:
    """The visible "filtered by the chart" line: what is chosen, and 清除筛选 to go back to everything."""
    if not sel:
        return
    row = st.container(horizontal=True, vertical_alignment="center", key="xf_chip")
    row.markdown(f":material/filter_alt: 图表筛选:**{plain(text)}**" + (f"  \n{plain(note)}" if note else ""))
    row.button("清除筛选", key="xf_clear", icon=":material/close:", on_click=clear,
               help="取消图表上的点选,恢复显示全部数据(左侧筛选不变)")
    if extra is not None:
        extra(row)

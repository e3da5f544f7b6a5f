"""Display rules: Chinese labels, numbers with qualifier and unit, and HTML-safe report text.

Every piece of report text that reaches the browser goes through ``html.escape``
here *before* any markup is added, so a report containing ``<script>`` shows
as text. Pure functions; no Streamlit.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

LEVEL_LABELS: dict[str, str] = {
    "province": "省级", "city": "市级", "county": "县级", "town": "乡镇", "department": "部门", "unknown": "未识别",
}
DOC_TYPE_LABELS: dict[str, str] = {
    "annual_report": "年度报告", "work_plan": "工作计划", "work_points": "工作要点",
    "implementation_plan": "实施方案", "briefing": "汇报材料", "news": "新闻报道", "other": "其他",
}
KIND_LABELS: dict[str, str] = {"actual": "实际", "target": "目标"}
QUALIFIER_SYMBOLS: dict[str, str] = {"exact": "", "at_least": "≥", "at_most": "≤", "approx": "≈"}
UNKNOWN_REGION = "未识别地区"

# A font stack that has CJK glyphs on Linux (Noto/WenQuanYi), macOS (PingFang) and Windows (YaHei).
CJK_FONT = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
            '"WenQuanYi Micro Hei", "SimHei", "Source Sans Pro", sans-serif')

# --- numbers: the one set of rules for tables, cards, chart axes, CSV and Excel -------------------------------
# Counts (件, 人, 次 …) are whole numbers with thousands separators; rates (%) have one decimal at most; sums
# of money keep up to two decimals; chart axes past 10,000 read in 万 (1.5万), never 10k; timestamps stop
# at the second. dashboard/downloads.py applies the same rules to the files it writes.

RATE_UNIT = "%"
MONEY_UNITS = frozenset({"元", "万元", "亿元"})
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
WAN = 10_000


def is_rate(unit: object) -> bool:
    return isinstance(unit, str) and unit == RATE_UNIT


def is_count(unit: object) -> bool:
    """A unit of whole things (件, 人次, 条 …): not a rate, not money, not unit-less."""
    return isinstance(unit, str) and bool(unit) and not is_rate(unit) and unit not in MONEY_UNITS


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, unit: str | None = None) -> str:
    """``1338.0`` -> ``1,338``; a rate (``unit='%'``) to one decimal: ``87.29`` -> ``87.3``, ``98.0`` -> ``98``;
    a count to a whole number: ``(12.6, '件')`` -> ``13``; otherwise up to two decimals; None/NaN -> ``—``."""
    if _missing(value):
        return "—"
    v = float(value)  # type: ignore[arg-type]
    if is_rate(unit):
        return _trim(f"{v:,.1f}")
    if is_count(unit) or abs(v - round(v)) < 1e-9:
        return f"{round(v):,}"
    return _trim(f"{v:,.2f}")


def _trim(text: str) -> str:
    """``'98.0'`` -> ``'98'``, ``'2.50'`` -> ``'2.5'``; ``'-0'`` -> ``'0'``."""
    out = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if out == "-0" else out


def format_value(value: float | None, unit: str = "", qualifier: str | None = "exact") -> str:
    """A figure as shown to analysts: ``(30, '件', 'at_least')`` -> ``≥30件``, ``(98.8, '%')`` -> ``98.8%``.

    Sums of money of 10,000 万元 or more read as 亿元: ``(20000000, '万元')`` -> ``2,000亿元``.
    """
    if _missing(value):
        return "—"
    symbol = QUALIFIER_SYMBOLS.get(qualifier or "exact", "")
    if unit == "万元" and abs(float(value)) >= WAN:  # type: ignore[arg-type]
        return f"{symbol}{format_number(float(value) / WAN, '亿元')}亿元"  # type: ignore[arg-type]
    return f"{symbol}{format_number(value, unit)}{unit or ''}"


def format_delta(delta: float | None, unit: str) -> str | None:
    """Change from the year before: rates in 个百分点 (one decimal), counts in their unit; None when there is
    nothing to compare."""
    if _missing(delta):
        return None
    sign = "+" if float(delta) > 0 else ""  # type: ignore[arg-type]
    if is_rate(unit):
        return f"{sign}{format_number(delta, unit)}个百分点"
    return f"{sign}{format_number(delta, unit)}{unit}"


def format_timestamp(value: object) -> str:
    """A time to the second (``2024-03-06 14:05:09``), never with microseconds; missing -> ``—``."""
    if _missing(value):
        return "—"
    try:
        ts = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    return "—" if pd.isna(ts) else ts.strftime(TIMESTAMP_FORMAT)


def format_year(value: object) -> str:
    """``2024`` -> ``2024``; an unknown year -> ``未识别`` (a table never shows None)."""
    return "未识别" if _missing(value) else str(int(value))  # type: ignore[call-overload]


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def axis_format(values: Iterable[float | None], unit: str | None) -> dict[str, Any]:
    """Plotly axis (or colour bar) settings for ``values`` in ``unit``: ``fig.update_yaxes(**axis_format(...))``.

    Rates get a ``%`` suffix and at most one decimal; values past 10,000 get ticks written in 万 (``1.5万``)
    instead of plotly's ``10k``; smaller ones thousands separators and no SI suffix.
    """
    if is_rate(unit):
        return {"ticksuffix": "%", "tickformat": ".1~f"}
    finite = [abs(float(v)) for v in values if not _missing(v) and math.isfinite(float(v))]  # type: ignore[arg-type]
    top = max(finite, default=0.0)
    if top < WAN:
        return {"tickformat": ",~r" if top >= 1 else ",~g", "exponentformat": "none"}
    step = _nice_step(top)
    ticks = [i * step for i in range(int(top // step) + 2)]
    return {"tickmode": "array", "tickvals": ticks, "ticktext": [wan_text(t) for t in ticks]}


def wan_text(value: float) -> str:
    """An axis tick in 万 (every tick of an axis that reaches 10,000): ``15000`` -> ``1.5万``, ``5000`` -> ``0.5万``,
    ``0`` -> ``0``."""
    return "0" if value == 0 else f"{_trim(f'{value / WAN:,.2f}')}万"


# --- the same rules for downloaded tables ---------------------------------------------------------------------
_UNIT_IN_HEADER = re.compile(r"[(（]([^()（）]+)[)）](限定)?$")
UNIT_COLUMNS = ("单位", "指标(单位)")  # a long table's per-row unit: its own column, or in the metric's label
PER_ROW_VALUES = ("数值", "上年数值", "目标", "变化", "value")
YES_NO = {True: "是", False: "否"}


def header_unit(header: str) -> str | None:
    """The unit a header names: ``收到行政复议申请(件)`` -> ``件``, ``变化率(%)`` -> ``%``; a header with 率 is a rate."""
    m = _UNIT_IN_HEADER.search(header)
    if m:
        return m.group(1)
    return RATE_UNIT if header.endswith("率") else None


def tidy_numbers(df: pd.DataFrame) -> pd.DataFrame:
    """A table as the files show it: counts as integers, rates rounded to one decimal, times to the second,
    yes/no in Chinese (never True/False).

    A column's unit comes from its header (``…(件)``, ``…(%)``); in a long table with a 单位 column (or a
    ``label(unit)`` 指标 column) each row of a value column is rounded by its own unit. Other float columns
    holding only whole numbers become integers.
    """
    out = df.copy()
    row_units = _row_units(out)
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_bool_dtype(series) or _all_bool(series):
            out[col] = series.map(lambda v: YES_NO.get(v, v) if isinstance(v, bool) else ("" if _missing(v) else v))
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[col] = series.dt.floor("s")
        elif pd.api.types.is_numeric_dtype(series):
            unit = header_unit(str(col))
            if row_units is not None and str(col) in PER_ROW_VALUES:
                out[col] = _round_per_row(series, row_units)
            elif is_rate(unit):
                out[col] = series.astype("Float64").round(1)
            elif is_count(unit) or pd.api.types.is_integer_dtype(series):
                out[col] = series.astype("Float64").round(0).astype("Int64")
            if out[col].dtype != object and pd.api.types.is_float_dtype(out[col]) and _whole(out[col]):
                out[col] = out[col].astype("Int64")  # a count of 500 cases reads 500, not 500.0
    return out


def _all_bool(series: pd.Series) -> bool:
    present = series.dropna()
    return series.dtype == object and not present.empty and all(isinstance(v, bool) for v in present)


def _whole(series: pd.Series) -> bool:
    present = series.dropna()
    return bool(((present % 1) == 0).all()) and bool((present.abs() < 2**53).all())


def _row_units(df: pd.DataFrame) -> pd.Series | None:
    if "单位" in df.columns:
        return df["单位"].astype("string")
    if "指标(单位)" in df.columns:
        return df["指标(单位)"].astype("string").map(
            lambda h: header_unit(h) if isinstance(h, str) else None)  # type: ignore[arg-type]
    return None


def _round_per_row(values: pd.Series, units: pd.Series) -> pd.Series:
    """Python ints for counts and floats for rates in one column, so a file writes ``500`` beside ``66.7``."""
    rounded = [None if _missing(v) else round(float(v), 1) if is_rate(u) else
               round(float(v)) if is_count(u) or float(v).is_integer() else round(float(v), 2)
               for v, u in zip(values, units, strict=True)]
    return pd.Series(rounded, index=values.index, dtype=object)


def for_display(df: pd.DataFrame) -> pd.DataFrame:
    """A table for ``st.dataframe`` that never shows Streamlit's grey "None": a year column with an unknown
    year as text (``未识别``; otherwise whole numbers), missing text as ``—``, a numeric column with gaps as
    text by the number rules."""
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if str(col) in ("年份", "上年年份") and pd.api.types.is_numeric_dtype(series):
            if series.isna().any():
                out[col] = series.map(format_year).astype(object)
            else:
                out[col] = series.astype("Int64")  # 2024, not 2,024 or 2024.0
        elif (pd.api.types.is_bool_dtype(series) or pd.api.types.is_datetime64_any_dtype(series)
              or not series.isna().any()):  # check boxes and DatetimeColumn formats show these
            continue
            continue
        elif pd.api.types.is_numeric_dtype(series):
            unit = header_unit(str(col))
            out[col] = series.map(lambda v, u=unit: format_number(v, u)).astype(object)
        else:
            out[col] = series.astype(object).where(series.notna(), "—")
    return out


def label_with_unit(label: str, unit: str) -> str:
    """Column header with the unit: ``收到行政复议申请(件)``."""
    return f"{label}({unit})" if unit else label


def level_label(level: str | None) -> str:
    return LEVEL_LABELS.get(level or "unknown", level or "未识别")


def doc_type_label(doc_type: str | None) -> str:
    return DOC_TYPE_LABELS.get(doc_type or "other", doc_type or "其他")


def wrap_escaped(text: str, width: int = 30, max_lines: int = 4) -> str:
    """Escape ``text`` and break it every ``width`` characters with ``<br>`` (for plotly hover labels)."""
    lines = [text[i:i + width] for i in range(0, len(text), width)] or [""]
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], lines[max_lines - 1][: width - 1] + "…"]
    return "<br>".join(html.escape(line) for line in lines)


@dataclass(frozen=True)
class Mark:
    """One span to highlight: ``text[start:end]``, shown with number ``n``; ``tip`` is plain text."""

    start: int
    end: int
    n: int
    tip: str = ""


@dataclass(frozen=True)
class Highlighted:
    html: str
    anchors: dict[int, int]  # mark number -> number of the mark it is shown in (itself, or the one it overlaps)
    unplaced: tuple[int, ...]  # mark numbers whose offsets do not fit the text


def highlight(text: str, marks: Iterable[Mark], id_prefix: str = "fig",
              piece: Callable[[str], str] = html.escape) -> Highlighted:
    """Report text as HTML with every mark wrapped in ``<mark>`` that links to ``#{id_prefix}-row-{n}``.

    The text is escaped piece by piece and markup is only ever added between
    escaped pieces. A mark that overlaps an earlier one is shown inside the
    earlier one (``anchors`` says where); one whose offsets do not fit the text
    is listed in ``unplaced``. ``piece`` turns each stretch of text into HTML (it must escape it; the reader
    passes one that also marks search words).

    ``highlight("受理<b>9</b>宗", [Mark(7, 8, 1)])`` -> ``受理&lt;b&gt;<mark …>9…</mark>&lt;/b&gt;宗``
    """
    ordered = sorted(marks, key=lambda m: (m.start, -m.end, m.n))
    out: list[str] = []
    anchors: dict[int, int] = {}
    unplaced: list[int] = []
    pos = 0
    last_n: int | None = None
    last_end = 0
    for m in ordered:
        if not (0 <= m.start < m.end <= len(text)):
            unplaced.append(m.n)
            continue
        if m.start < last_end and last_n is not None:
            anchors[m.n] = last_n
            continue
        out.append(piece(text[pos:m.start]))
        tip = f' title="{html.escape(m.tip, quote=True)}"' if m.tip else ""
        out.append(f'<mark class="fig" id="{id_prefix}-{m.n}"{tip}><a href="#{id_prefix}-row-{m.n}">'
                   f"{piece(text[m.start:m.end])}<sup>{m.n}</sup></a></mark>")
        anchors[m.n] = m.n
        pos = last_end = m.end
        last_n = m.n
    out.append(piece(text[pos:]))
    return Highlighted("".join(out), anchors, tuple(sorted(unplaced)))


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], row_ids: Sequence[str] | None = None,
               link_cells: dict[int, Sequence[str]] | None = None) -> str:
    """A plain HTML table of escaped cells; ``row_ids[i]`` becomes the row's id and ``link_cells[col][i]`` an href."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        rid = f' id="{html.escape(row_ids[i], quote=True)}"' if row_ids else ""
        cells = []
        for j, cell in enumerate(row):
            content = html.escape(str(cell))
            if link_cells and j in link_cells and link_cells[j][i]:
                content = f'<a href="{html.escape(link_cells[j][i], quote=True)}">{content}</a>'
            cells.append(f"<td>{content}</td>")
        body.append(f"<tr{rid}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


"""Display rules: Chinese labels, numbers with qualifier and unit, and HTML-safe report text.

Every piece of report text that reaches the browser goes through ``html.escape``
here *before* any markup is added, so a report containing ``<script>`` shows
as text. Pure functions; no Streamlit.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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

def format_number(value: float | None) -> str:
    """``1338.0`` -> ``1,338``; ``87.29`` -> ``87.29``; ``98.80`` -> ``98.8``; None/NaN -> ``—``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    v = float(value)
    if abs(v - round(v)) < 1e-9:
        return f"{round(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def format_value(value: float | None, unit: str = "", qualifier: str | None = "exact") -> str:
    """A figure as shown to analysts: ``(30, '件', 'at_least')`` -> ``≥30件``, ``(98.8, '%')`` -> ``98.8%``.

    Sums of money of 10,000 万元 or more read as 亿元: ``(20000000, '万元')`` -> ``2,000亿元``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    symbol = QUALIFIER_SYMBOLS.get(qualifier or "exact", "")
    if unit == "万元" and abs(float(value)) >= 10000:
        return f"{symbol}{format_number(float(value) / 10000)}亿元"
    return f"{symbol}{format_number(value)}{unit or ''}"


def format_delta(delta: float | None, unit: str) -> str | None:
    """Change from the year before: rates in 个百分点, counts in their unit; None when there is nothing to compare."""
    if delta is None or (isinstance(delta, float) and math.isnan(delta)):
        return None
    sign = "+" if delta > 0 else ""
    if unit == "%":
        return f"{sign}{format_number(delta)}个百分点"
    return f"{sign}{format_number(delta)}{unit}"


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


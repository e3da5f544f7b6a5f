"""Every table and chart's data as CSV (UTF-8 with BOM, so Excel reads Chinese) and as .xlsx.

- CSV: a text cell starting with ``= + - @`` (or tab / carriage return) gets a
  leading ``'`` so a spreadsheet never runs it as a formula (CSV injection).
- XLSX: such cells are written as explicit text cells (openpyxl would otherwise
  store ``=...`` as a formula), so the value stays exactly as in the report.
- Headers are Chinese and carry the unit (``收到行政复议申请(件)``); pages
  build them with ``frame_for_download``.
- No developer keys: how a figure was found is a Chinese phrase (``提取方式``, dashboard/rule_labels.py), and
  hash ids (documents, figures, corrections) are left out: each row already names its report by title and
  file, and an id would mean nothing to the reader of a spreadsheet.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dashboard import rule_labels
from dashboard.format import KIND_LABELS, QUALIFIER_SYMBOLS, TIMESTAMP_FORMAT, header_unit, is_rate, label_with_unit, tidy_numbers

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: Any) -> Any:
    """``'=1+1'`` -> ``"'=1+1"``; numbers and other text unchanged (a negative number stays a number)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def frame_for_download(df: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """Keep ``columns`` (English name -> Chinese header, in that order) and rename them."""
    return df.loc[:, [c for c in columns if c in df.columns]].rename(columns=dict(columns))


def document_figures_table(figs: pd.DataFrame) -> pd.DataFrame:
    """One report's figures for download (the reader's 下载 buttons): ``figs`` as ``queries.document_figures``
    returns them, numbered 1… in text order as the reader shows them; how each was found in words."""
    numbered = figs.assign(n=range(1, len(figs) + 1))
    return frame_for_download(
        numbered.assign(
            指标=[label_with_unit(lbl, u) for lbl, u in zip(numbered["label"], numbered["unit"], strict=True)],
            限定=numbered["qualifier"].map(QUALIFIER_SYMBOLS), 口径=numbered["kind"].map(KIND_LABELS),
            提取方式=rule_labels.describe_all(numbered["rule"], numbered["metric"]),
            本报告数值=numbered["is_primary"].map({True: "是", False: "佐证"}),
            待核=numbered["needs_review"].map({True: "待核", False: ""})),
        {"n": "序号", "指标": "指标(单位)", "value": "数值", "限定": "限定", "口径": "口径", "evidence": "原文",
         "start": "起始位置", "end": "结束位置", "提取方式": "提取方式", "本报告数值": "本报告数值", "待核": "待核",
         "confidence": "置信度", "corrected": "已更正"})


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for Excel: UTF-8 with BOM, CRLF line ends, formula-like text neutralised (headers included); numbers,
    times and yes/no by the display rules (``format.tidy_numbers``)."""
    safe = tidy_numbers(df)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            # a list, not .map: map would infer a float column from 500 beside 66.7 and write 500.0
            safe[col] = pd.Series([neutralise(v) for v in safe[col]], index=safe.index, dtype=object)
    return safe.to_csv(index=False, lineterminator="\r\n", date_format=TIMESTAMP_FORMAT).encode("utf-8-sig")


def _cell(value: Any) -> Any:
    """A DataFrame value as openpyxl takes it: None for missing, Python scalars, text for lists."""
    if isinstance(value, list | tuple | dict):
        return str(value)
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()  # numpy scalar -> Python
    return value


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "数据") -> bytes:
    """An .xlsx workbook with one sheet: bold header row, frozen; text that looks like a formula stays text;
    numbers as the CSV has them (``format.tidy_numbers``), shown with thousands separators (rates ``0.0``)."""
    df = tidy_numbers(df)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([str(c) for c in df.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in df.itertuples(index=False, name=None):
        ws.append([_cell(v) for v in row])
    formats = [_excel_format(df[c], str(c)) for c in df.columns]
    for row in ws.iter_rows(min_row=2):
        for cell, fmt in zip(row, formats, strict=False):
            if cell.data_type == "f":  # openpyxl reads a leading '=' as a formula: keep it as text
                cell.data_type = "s"
            elif fmt and isinstance(cell.value, int | float | datetime.datetime):
                cell.number_format = fmt
    for i, col in enumerate(df.columns, start=1):
        sample = [str(col), *(str(v) for v in df.iloc[:200, i - 1].tolist())]
        width = max(_display_width(s) for s in sample)
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _excel_format(col: pd.Series, header: str) -> str | None:
    """The cell format a column's numbers get: ``#,##0`` for whole numbers, one decimal for rates."""
    if pd.api.types.is_datetime64_any_dtype(col):
        return "yyyy-mm-dd hh:mm:ss"
    if pd.api.types.is_integer_dtype(col):
        return "0" if header in ("年份", "year") else "#,##0"
    if pd.api.types.is_float_dtype(col):
        return "#,##0.0" if is_rate(header_unit(header)) else "#,##0.##"
    return None


def _display_width(text: str) -> int:
    """Rough column width: CJK characters count double."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def safe_filename(name: str, limit: int = 40) -> str:
    """A file name without path separators or characters Windows refuses: ``a/b:c`` -> ``a_b_c``."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._")
    return cleaned[:limit] or "数据"


GRID_ROWS = 1000  # rows a page's table sends to the browser; its downloads hold every row


def grid_note(total: int, limit: int, where_all: str = "下载的文件") -> None:
    """Say under a table that shows ``limit`` of ``total`` rows where the rest are (nothing when all are shown)."""
    if total > limit:
        st.caption(f"共 {total:,} 行,表中列出前 {limit:,} 行;{where_all}含全部 {total:,} 行,也可用左侧筛选缩小范围。")


def grid_rows(df: pd.DataFrame, where_all: str = "下载的文件", limit: int | None = None) -> pd.DataFrame:
    """The first ``limit`` rows of ``df`` for ``st.dataframe``, saying under it when there are more.

    Why: a table of 100,000 reports took seconds to convert to Arrow, to send and to draw, and nobody scrolls
    through it; the rows shown keep their order and values, ``where_all`` says where the rest are.
    ``limit`` defaults to ``GRID_ROWS`` as it is at the call.
    """
    limit = GRID_ROWS if limit is None else limit
    grid_note(len(df), limit, where_all)
    return df if len(df) <= limit else df.head(limit)


def download_buttons(df: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str, empty: bool | None = None) -> None:
    """CSV and Excel buttons for ``df`` (already with Chinese headers); files are made only when clicked.

    ``df`` may be a function giving the frame (with ``empty`` saying whether it would be empty): a page that shows
    a few rows of a long list then reads the whole list only when someone downloads it.
    """
    make = df if callable(df) else (lambda: df)
    disabled = df.empty if isinstance(df, pd.DataFrame) else bool(empty)
    row = st.container(horizontal=True)
    row.download_button("下载 CSV", data=lambda: to_csv_bytes(make()), file_name=f"{safe_filename(name)}.csv", mime=CSV_MIME,
                         key=f"{key}_csv", on_click="ignore", icon=":material/download:", disabled=disabled)
    row.download_button("下载 Excel", data=lambda: to_xlsx_bytes(make()), file_name=f"{safe_filename(name)}.xlsx",
                        mime=XLSX_MIME, key=f"{key}_xlsx", on_click="ignore", icon=":material/table:", disabled=disabled)


def wide_by_metric(df: pd.DataFrame, index: Mapping[str, str], metric_order: Sequence[str] = ()) -> pd.DataFrame:
    """Long rows (``index`` columns, metric, label, unit, value, qualifier) -> one column per metric, unit in
    its header; rows keep the input's order.

    ``index`` maps English column -> Chinese header. Metric columns follow ``metric_order`` (keys), then
    first appearance. A metric whose values are not all exact gets a second column ``<label>(<unit>)限定``
    with ≥ / ≤ / ≈.
    """
    if df.empty:
        return pd.DataFrame(columns=list(index.values()))
    long = df.assign(_col=[label_with_unit(lbl, u) for lbl, u in zip(df["label"], df["unit"], strict=True)],
                     _q=df["qualifier"].map(QUALIFIER_SYMBOLS).fillna(""))
    keys = list(index)
    values = long.pivot_table(index=keys, columns="_col", values="value", aggfunc="first", sort=False)
    quals = long.pivot_table(index=keys, columns="_col", values="_q", aggfunc="first", sort=False)
    out = pd.DataFrame(index=values.index)
    by_metric = dict(zip(long["metric"], long["_col"], strict=False)) if "metric" in long else {}
    ordered = [by_metric[m] for m in metric_order if m in by_metric]
    for col in dict.fromkeys([*ordered, *long["_col"]]):
        out[col] = values[col]
        if quals[col].fillna("").ne("").any():
            out[f"{col}限定"] = quals[col].fillna("")
    return out.reset_index().rename(columns=dict(index))

"""One number format (issue 13): the rules in dashboard/format.py and the files dashboard/downloads.py writes."""

from __future__ import annotations

import csv
import io

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from dashboard import brief_charts, charts
from dashboard.downloads import to_csv_bytes, to_xlsx_bytes
from dashboard.format import axis_format, format_timestamp, format_value, format_year, tidy_numbers, wan_text


@pytest.mark.parametrize(("args", "expected"), [
    ((87.29, "%"), "87.3%"), ((98.0, "%"), "98%"), ((12.6, "件"), "13件"), ((24242.0, "件"), "24,242件"),
    ((2.555, "万元"), "2.56万元"), ((None, "件"), "—"), ((pd.NA, "%"), "—"),
])
def test_counts_whole_rates_one_decimal(args: tuple, expected: str) -> None:
    assert format_value(*args) == expected


def test_timestamps_and_years_have_no_microseconds_or_none() -> None:
    assert format_timestamp(pd.Timestamp("2024-03-06 14:05:09.123456")) == "2024-03-06 14:05:09"
    assert format_timestamp(None) == "—"
    assert format_year(None) == "未识别" and format_year(2024.0) == "2024"


def test_axis_reads_wan_not_k() -> None:
    fmt = axis_format([0, 23_500], "件")
    assert fmt["ticktext"][:4] == ["0", "0.5万", "1万", "1.5万"] and fmt["tickvals"][-1] >= 23_500
    assert axis_format([10, 900], "件")["exponentformat"] == "none"
    assert axis_format([98.8], "%") == {"ticksuffix": "%", "tickformat": ".1~f"}
    assert wan_text(120_000) == "12万"


def _axis(fig: go.Figure, name: str) -> dict:
    return fig.to_plotly_json()["layout"][name]


def test_charts_use_the_wan_axis() -> None:
    rows = pd.DataFrame({"code": ["440000", "430000"], "name": ["广东省", "湖南省"], "value": [24_000.0, 800.0],
                         "unit": ["件", "件"], "qualifier": ["exact", "exact"], "docs": [1, 1]})
    assert "1万" in _axis(charts.ranking_bar(rows), "xaxis")["ticktext"]
    trend = pd.DataFrame({"metric": ["m", "m"], "label": ["收到", "收到"], "unit": ["件", "件"], "series": ["甲", "甲"],
                          "kind": ["actual", "actual"], "year": [2022, 2023], "value": [9_000.0, 30_000.0],
                          "qualifier": ["exact", "exact"], "docs": [1, 1]})
    assert "2万" in _axis(charts.trend_chart(trend), "yaxis")["ticktext"]
    brief = pd.DataFrame({"region": ["甲"], "value": [15_000.0], "qualifier": ["exact"], "unit": ["件"],
                          "prev_value": [9_000.0], "prev_qualifier": ["exact"], "corrected": [False]})
    assert "1万" in _axis(brief_charts.region_bars(brief, 2024), "xaxis")["ticktext"]


def test_csv_writes_counts_as_integers_and_rates_to_one_decimal() -> None:
    df = pd.DataFrame({"地区": ["甲", "乙"], "年份": [2023.0, None], "收到行政复议申请(件)": [1338.0, 12.6],
                       "出庭应诉率(%)": [87.29, 100.0], "已更正": [True, False],
                       "时间": pd.to_datetime(["2024-03-06 14:05:09.123456", "2024-03-07 08:00:00.5"]),
                       "单位": ["件", "%"], "数值": [500.0, 66.666]})
    rows = list(csv.reader(io.StringIO(to_csv_bytes(df).decode("utf-8-sig"))))
    assert rows[1] == ["甲", "2023", "1338", "87.3", "是", "2024-03-06 14:05:09", "件", "500"]
    assert rows[2] == ["乙", "", "13", "100.0", "否", "2024-03-07 08:00:00", "%", "66.7"]


def test_excel_writes_the_same_numbers() -> None:
    df = pd.DataFrame({"收到行政复议申请(件)": [1338.0], "出庭应诉率(%)": [87.29], "已更正": [False]})
    ws = load_workbook(io.BytesIO(to_xlsx_bytes(df))).active
    count, rate, flag = (c for c in ws[2])
    assert (count.value, count.number_format) == (1338, "#,##0") and isinstance(count.value, int)
    assert (rate.value, rate.number_format) == (87.3, "#,##0.0")
    assert flag.value == "否"


def test_tidy_numbers_leaves_text_alone() -> None:
    df = pd.DataFrame({"标题": ["=1+1"], "数字": [3.0]})
    out = tidy_numbers(df)
    assert out["标题"].tolist() == ["=1+1"] and str(out["数字"].dtype) == "Int64"

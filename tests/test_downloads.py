"""Downloads: CSV that Excel opens with Chinese intact and no formula injection, .xlsx, Chinese headers with units."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.downloads import (
    frame_for_download,
    neutralise,
    safe_filename,
    to_csv_bytes,
    to_xlsx_bytes,
    wide_by_metric,
)

NEUTRALISE = [
    ("=1+1", "'=1+1"),
    ("+86 123", "'+86 123"),
    ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=cmd", "'\t=cmd"),
    ("收到申请=100件", "收到申请=100件"),  # only a leading sign matters
    ("", ""),
    (-2, -2),  # a number stays a number
    (3.5, 3.5),
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), NEUTRALISE)
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def sample() -> pd.DataFrame:
    return pd.DataFrame({"地区": ["广东省", "=HYPERLINK(\"http://x\")", "@湖南"],
                         "收到行政复议申请(件)": [700.0, -2.0, None],
                         "限定": ["≈", "", "≥"]})


def test_csv_is_utf8_with_bom_and_crlf() -> None:
    data = to_csv_bytes(sample())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert text == ("地区,收到行政复议申请(件),限定\r\n"
                    "广东省,700,≈\r\n"
                    "\"'=HYPERLINK(\"\"http://x\"\")\",-2,\r\n"
                    "'@湖南,,≥\r\n")


def test_csv_round_trips_through_pandas() -> None:
    back = pd.read_csv(io.BytesIO(to_csv_bytes(sample())), encoding="utf-8-sig")
    assert list(back.columns) == ["地区", "收到行政复议申请(件)", "限定"]
    assert back.iloc[1, 0] == "'=HYPERLINK(\"http://x\")"
    assert back.iloc[1, 1] == -2.0


def test_csv_writes_whole_counts_without_a_decimal_point_and_keeps_rates() -> None:
    df = pd.DataFrame({"件": [500.0, None], "率(%)": [96.5, 100.0]})
    assert to_csv_bytes(df)[3:].decode("utf-8") == "件,率(%)\r\n500,96.5\r\n,100.0\r\n"


def test_csv_header_is_neutralised_too() -> None:
    data = to_csv_bytes(pd.DataFrame({"=危险": [1]}))
    assert data[3:].decode("utf-8").startswith("'=危险")


def test_xlsx_keeps_formula_like_text_as_text() -> None:
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(sample(), sheet="趋势")))
    ws = wb["趋势"]
    assert [c.value for c in ws[1]] == ["地区", "收到行政复议申请(件)", "限定"]
    assert ws["A3"].value == "=HYPERLINK(\"http://x\")"
    assert ws["A3"].data_type == "s"  # not a formula
    assert ws["B2"].value == 700 and ws["B3"].value == -2
    assert ws["B4"].value is None
    assert ws.freeze_panes == "A2"


def test_xlsx_handles_dates_and_integers() -> None:
    df = pd.DataFrame({"添加时间": pd.to_datetime(["2024-01-02 03:04"]), "年份": pd.array([2023], dtype="Int64")})
    ws = load_workbook(io.BytesIO(to_xlsx_bytes(df))).active
    assert ws["A2"].value.year == 2024 and ws["B2"].value == 2023


def test_frame_for_download_orders_and_renames() -> None:
    df = pd.DataFrame({"value": [1], "name": ["广东省"], "extra": [0]})
    out = frame_for_download(df, {"name": "地区", "value": "收到行政复议申请(件)", "missing": "不存在"})
    assert list(out.columns) == ["地区", "收到行政复议申请(件)"]


def test_wide_by_metric_puts_units_in_headers() -> None:
    long = pd.DataFrame({
        "series": ["广东省", "广东省", "广东省"], "year": [2022, 2022, 2023], "metric": ["m.n", "m.rate", "m.n"],
        "label": ["收到申请", "出庭应诉率", "收到申请"], "unit": ["件", "%", "件"],
        "value": [700.0, 86.5, 130.0], "qualifier": ["approx", "exact", "exact"]})
    out = wide_by_metric(long, {"series": "地区", "year": "年份"})
    assert list(out.columns) == ["地区", "年份", "收到申请(件)", "收到申请(件)限定", "出庭应诉率(%)"]
    first, second = out.to_dict("records")
    assert first == {"地区": "广东省", "年份": 2022, "收到申请(件)": 700.0, "收到申请(件)限定": "≈", "出庭应诉率(%)": 86.5}
    assert second["收到申请(件)"] == 130.0 and second["收到申请(件)限定"] == ""
    assert pd.isna(second["出庭应诉率(%)"])


def test_wide_by_metric_follows_the_metric_order_and_row_order() -> None:
    long = pd.DataFrame({"year": [2023, 2022, 2022], "metric": ["m.n", "m.rate", "m.n"],
                         "label": ["收到申请", "出庭应诉率", "收到申请"], "unit": ["件", "%", "件"],
                         "value": [1.0, 2.0, 3.0], "qualifier": ["exact"] * 3})
    out = wide_by_metric(long, {"year": "年份"}, metric_order=["m.rate", "m.n"])
    assert list(out.columns) == ["年份", "出庭应诉率(%)", "收到申请(件)"]
    assert list(out["年份"]) == [2023, 2022]


def test_wide_by_metric_empty() -> None:
    empty = pd.DataFrame(columns=["series", "year", "label", "unit", "value", "qualifier"])
    assert list(wide_by_metric(empty, {"series": "地区", "year": "年份"}).columns) == ["地区", "年份"]


@pytest.mark.parametrize(("name", "expected"), [
    ("地区排名_收到行政复议申请_2022", "地区排名_收到行政复议申请_2022"),
    ("提取的数字_a/b:c*?d", "提取的数字_a_b_c_d"),
    ("...", "数据"),
])
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected

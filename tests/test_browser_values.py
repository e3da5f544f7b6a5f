"""One honest number per region and year, as a person sees and downloads it in a real browser.

A province that published its own report and whose cities published theirs shows its own report's
figure on 地区对比 (the bug was the province's report plus every city and county report under it),
and the ranking CSV a person downloads says so, with where the number came from. Uses the tiny
database of tests/conftest.py: 广东省 500 of its own; 广州 100 (+ "另…20", never added), 天河 30,
深圳 50; 湖南省 has no report and only 长沙 of its cities, so no 湖南 number at all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (  # skips this module when /usr/bin/chromium is missing
    browser_page,
    no_error_box,
    open_page,
    plotly_charts,
    pointer_to,
    shot,
    streamlit_server,
)
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

RECEIVED = "reconsideration.received"


@pytest.fixture(scope="module")
def server(tiny_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with streamlit_server(tiny_db, tmp_path_factory.mktemp("streamlit_tiny")) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Page]:
    with browser_page() as pg:
        yield pg


def download_ranking(page: Page, tmp_path: Path) -> list[dict[str, str]]:
    """Click the ranking table's CSV button (the page's first) and read the rows it gives."""
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").first.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name.startswith("地区排名_")
    return list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))


def test_a_province_shows_its_own_report_not_the_sum_of_its_cities(page: Page, server: str, tmp_path: Path) -> None:
    open_page(page, f"{server}/regions?m={RECEIVED}&year=2022", "地区对比", "各文档数值")
    no_error_box(page)
    bars = plotly_charts(page, 2).nth(1).locator(".barlayer .point path")
    assert bars.count() == 1  # 广东省 only: 湖南省 has neither its own report nor all its cities
    pointer_to(page, bars.first)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for()
    hover_text = hover.text_content() or ""
    assert "500" in hover_text and "680" not in hover_text  # 680 = 500 + 100 + 30 + 50
    shot(page, "regions_own_value")
    rows = download_ranking(page, tmp_path)
    assert [(r["地区"], r["收到行政复议申请(件)"], r["来源"]) for r in rows] == [("广东省", "500", "本级报告")]


def test_drilled_into_the_province_each_city_shows_its_own_report(page: Page, server: str, tmp_path: Path) -> None:
    open_page(page, f"{server}/regions?m={RECEIVED}&year=2022&drill=440000", "地区对比", "各文档数值")
    no_error_box(page)
    body = page.inner_text("body")
    assert "另有 1 份广东省本级文档,未计入下级排名。" in body
    rows = {r["地区"]: r for r in download_ranking(page, tmp_path)}
    # 广州's report states 100 and "另…20": one value, 100; 天河's 30 is not added to 广州
    assert rows["广州市"]["收到行政复议申请(件)"] == "100" and rows["广州市"]["来源"] == "本级报告"
    assert rows["深圳市"]["收到行政复议申请(件)"] == "50" and rows["深圳市"]["限定"] == "≈"
    shot(page, "regions_own_value_drilled")

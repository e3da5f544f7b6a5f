"""The real app in a real browser: `streamlit run app.py` + Playwright (Chromium).

Opens every page, checks there is no error box and the key Chinese text is there, clicks a
bar in the regions ranking (a plotly selection event drills down), downloads a CSV and checks
its BOM and Chinese header, hovers a trend point. Screenshots go to test-artifacts/ for a
person to look at. Skipped (with the reason) only when /usr/bin/chromium is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browser_support import (  # skips this module when /usr/bin/chromium is missing
    browser_page,
    no_error_box,
    open_page,
    plotly_charts,
    pointer_to,
    settle,
    shot,
    streamlit_server,
)
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

RECEIVED = "reconsideration.received"


@pytest.fixture(scope="module")
def server(test_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with streamlit_server(test_db, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Page]:
    with browser_page() as pg:
        yield pg


def test_overview(page: Page, server: str) -> None:
    open_page(page, f"{server}/", "总览", "最近添加的报告")
    no_error_box(page)
    page.get_by_test_id("stMetric").filter(has_text="覆盖年份").wait_for()  # metric cards render late
    body = page.inner_text("body")
    expected = ("报告", "覆盖年份", "覆盖情况:地区 × 年份", "最近添加的报告", "筛选", "包含合成数据")
    assert [text for text in expected if text not in body] == []
    plotly_charts(page, 1)
    shot(page, "overview")


def test_trends_with_url_filters_and_hover(page: Page, server: str) -> None:
    open_page(page, f"{server}/trends?metric={RECEIVED}&metric=litigation.head_appearance_rate", "趋势",
              "数据来源(每个点的原文依据)")
    no_error_box(page)
    chart = plotly_charts(page, 1).first
    titles = chart.text_content() or ""
    assert "收到行政复议申请(件)" in titles and "负责人出庭应诉率(%)" in titles  # one panel per metric
    # the sidebar shows the metrics taken from the URL
    sidebar = page.inner_text('[data-testid="stSidebar"]')
    assert "收到行政复议申请" in sidebar
    point = chart.locator(".scatterlayer .point").first
    pointer_to(page, point)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for()
    assert "份文档" in (hover.text_content() or "")
    shot(page, "trends")


def test_regions_click_a_bar_to_drill_down(page: Page, server: str) -> None:
    open_page(page, f"{server}/regions?m={RECEIVED}", "地区对比", "各文档数值")
    no_error_box(page)
    assert "点击柱形或地图中的省份可下钻" in page.inner_text("body")
    charts = plotly_charts(page, 2)  # map, ranking
    shot(page, "regions")
    bars = charts.nth(1).locator(".barlayer .point path")
    assert bars.count() >= 1
    pointer_to(page, bars.last, click=True)  # plotly draws the largest bar on top, i.e. last
    page.wait_for_url(lambda url: "drill=" in url)
    settle(page)
    no_error_box(page)
    drill = parse_qs(urlparse(page.url).query)["drill"][0]
    assert drill.isdigit() and len(drill) == 6
    assert "各文档数值" in page.inner_text("body")
    assert page.get_by_role("button", name="全国").count() == 1
    shot(page, "regions_drilled")


@pytest.fixture(scope="module")
def doc_with_figures(test_db: Path) -> str:
    """The non-synthetic report with the most extracted figures."""
    import duckdb

    con = duckdb.connect(str(test_db), read_only=True)
    try:
        return con.execute("SELECT doc_id FROM figures_current WHERE NOT is_synthetic "
                           "GROUP BY doc_id ORDER BY count(*) DESC, doc_id LIMIT 1").fetchone()[0]
    finally:
        con.close()


def test_reports_search_and_csv_download(page: Page, server: str, tmp_path: Path) -> None:
    open_page(page, f"{server}/reports?q=行政复议", "报告", "在上表中点选一行")
    no_error_box(page)
    assert "找到" in page.inner_text("body")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").first.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.suffix == ".csv"
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].decode("utf-8").splitlines()[0]
    assert header.startswith("标题,摘要,地区,层级,年份,类型")
    shot(page, "reports_search")


def test_reader_highlights_figures(page: Page, server: str, doc_with_figures: str) -> None:
    open_page(page, f"{server}/reports?doc={doc_with_figures}", "报告", "提取的数字")
    no_error_box(page)
    marks = page.locator(".reader-text mark.fig")
    marks.first.wait_for()
    assert page.locator(".reader-figs tr[id^='fig-row-']").count() >= 1
    # a highlight links to its row in the table beside the text
    marks.first.locator("a").click()
    assert urlparse(page.url).fragment == "fig-row-1"
    shot(page, "reports_reader")

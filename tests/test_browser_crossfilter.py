"""Cross-filtering in a real Chromium: a click on a chart point or a coverage cell filters the page and the URL,
and the 清除筛选 chip puts everything back. Screenshots in test-artifacts/crossfilter_*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browser_support import (
    browser_page,
    no_error_box,
    open_page,
    plotly_charts,
    pointer_to,
    settle_quietly,
    shot_whole,
    streamlit_server,
)
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
RECEIVED = "reconsideration.received"


@pytest.fixture(scope="module")
def server(test_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with streamlit_server(test_db, tmp_path_factory.mktemp("streamlit_xf")) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Page]:
    with browser_page() as pg:
        yield pg


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def grid(page: Page, nth: int = 0) -> list[dict[str, str]]:
    """The rows of the page's ``nth`` st.dataframe: glide-data-grid draws on a canvas but keeps an accessible
    ``table[role=grid]`` beside it (only the rows in view; these tables are short)."""
    table = page.locator('[data-testid="stDataFrame"]').nth(nth).locator("table[role='grid']")
    table.wait_for(state="attached")
    return table.evaluate("""t => {
        const heads = [...t.querySelectorAll('thead th')].map(th => th.innerText.trim());
        return [...t.querySelectorAll('tbody tr')].map(tr => Object.fromEntries(
            [...tr.querySelectorAll('td')].map((td, i) => [heads[i], td.innerText.trim()])));
    }""")


def metric_text(page: Page, label: str) -> str:
    card = page.get_by_test_id("stMetric").filter(has_text=label).first
    return card.get_by_test_id("stMetricValue").inner_text()


def test_trend_point_click_filters_table_and_url_and_clear_restores(page: Page, server: str) -> None:
    open_page(page, f"{server}/trends?metric={RECEIVED}", "趋势", "数据来源(每个点的原文依据)")
    settle_quietly(page)
    no_error_box(page)
    before = grid(page)
    assert len(before) >= 2, "the trend table needs several years for a click to narrow it"
    chart = plotly_charts(page, 1).first
    points = chart.locator(".scatterlayer .point")
    assert points.count() >= 2
    pointer_to(page, points.nth(points.count() - 1), click=True)  # the newest point of the last line
    page.wait_for_url(lambda url: "sel_year=" in url)
    settle_quietly(page)
    no_error_box(page)
    params = query(page)
    assert params["sel_metric"] == [RECEIVED]
    assert params.get("sel_level") or params.get("sel_region")
    year = params["sel_year"][0]
    chip = page.locator(".st-key-xf_chip")
    assert year in chip.inner_text() and "图表筛选" in chip.inner_text()
    after = grid(page)
    assert 1 <= len(after) < len(before)
    assert {row["年份"] for row in after} == {year}
    shot_whole(page, "crossfilter_trend_clicked")

    page.get_by_test_id("stMainBlockContainer").get_by_role("button", name="清除筛选").click()
    page.wait_for_url(lambda url: "sel_year=" not in url)
    settle_quietly(page)
    assert page.locator(".st-key-xf_chip").count() == 0
    assert grid(page) == before
    assert query(page)["metric"] == [RECEIVED]  # the sidebar's filters stay
    shot_whole(page, "crossfilter_trend_cleared")


def test_coverage_cell_click_filters_overview_and_url_and_clear_restores(page: Page, server: str) -> None:
    open_page(page, f"{server}/", "总览", "最近添加的报告")
    settle_quietly(page)
    no_error_box(page)
    reports_before = metric_text(page, "报告")
    chart = plotly_charts(page, 1).first
    heat = chart.locator(".heatmaplayer").first
    heat.wait_for()
    box = heat.bounding_box()
    assert box is not None
    # the top-left cell of the matrix: the region with most reports, in its first year; hovering it first shows
    # the cell's label, which names the region clicked
    cells = chart.locator(".scatterlayer .point")
    assert cells.count() >= 1
    target = cells.first.bounding_box()
    assert target is not None
    x, y = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
    assert box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for()
    assert "份报告" in (hover.text_content() or "")
    page.mouse.click(x, y)
    page.wait_for_url(lambda url: "sel_region=" in url and "sel_year=" in url)
    settle_quietly(page)
    no_error_box(page)
    params = query(page)
    code, year = params["sel_region"][0], params["sel_year"][0]
    assert code.isdigit() and len(code) == 6 and year.isdigit()
    reports_after = metric_text(page, "报告")
    assert int(reports_after.split()[0].replace(",", "")) < int(reports_before.split()[0].replace(",", ""))
    assert f"{year}年" in page.locator(".st-key-xf_chip").inner_text()
    assert chart.locator(".shapelayer path").count() >= 1  # the chosen cell's frame
    shot_whole(page, "crossfilter_overview_clicked")

    page.get_by_test_id("stMainBlockContainer").get_by_role("button", name="清除筛选").click()
    page.wait_for_url(lambda url: "sel_region=" not in url)
    settle_quietly(page)
    assert metric_text(page, "报告") == reports_before
    shot_whole(page, "crossfilter_overview_cleared")

"""The real app in a real browser: `streamlit run app.py` + Playwright (Chromium).

Opens every page, checks there is no error box and the key Chinese text is there, clicks a
bar in the regions ranking (a plotly selection event drills down), downloads a CSV and checks
its BOM and Chinese header, hovers a trend point. Screenshots go to test-artifacts/ for a
person to look at. Skipped (with the reason) only when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
RECEIVED = "reconsideration.received"

if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium fonts-noto-cjk)",
                allow_module_level=True)

from playwright.sync_api import Locator, Page, sync_playwright  # noqa: E402 - only once Chromium is known to exist


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, limit: float = 120) -> None:
    """Poll /_stcore/health until it answers ok (the server is starting; this is not a timing assertion)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("streamlit did not become healthy")


@pytest.fixture(scope="module")
def server(test_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "REPORTS_DB": str(test_db), "PYTHONUNBUFFERED": "1"}
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
             "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Page]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 2200}, accept_downloads=True,
                                      locale="zh-CN")
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        yield pg
        context.close()
        browser.close()


def open_page(page: Page, url: str, heading: str, ready: str) -> None:
    """Go to ``url``; wait for the page's title, for the text ``ready`` (drawn late on the page) and the run's end."""
    page.goto(url)
    page.get_by_role("heading", name=heading, level=1).wait_for()
    page.get_by_text(ready).first.wait_for()
    settle(page)


def settle(page: Page) -> None:
    """Wait for Streamlit to finish the current run (the status widget says running while it works)."""
    page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')
                                      || !document.querySelector('[data-testid="stStatusWidget"]').innerText
                                      .toLowerCase().includes('running')""")
    page.wait_for_timeout(1500)  # let plotly finish drawing before screenshots


def plotly_charts(page: Page, n: int) -> Locator:
    """The page's plotly charts, once ``n`` of them are drawn."""
    charts = page.locator('[data-testid="stPlotlyChart"]')
    charts.nth(n - 1).locator(".main-svg").first.wait_for()
    assert charts.count() == n
    return charts


def no_error_box(page: Page) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()


def pointer_to(page: Page, target: Locator, click: bool = False) -> None:
    """Move (and click) the mouse at the centre of a plotly point: plotly's drag layer sits above the points."""
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    if click:
        page.mouse.click(x, y)


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview(page: Page, server: str) -> None:
    open_page(page, f"{server}/", "总览", "最近添加的报告")
    no_error_box(page)
    page.get_by_test_id("stMetric").filter(has_text="覆盖年份").wait_for()  # metric cards render late
    body = page.inner_text("body")
    for text in ("报告", "覆盖年份", "覆盖情况:地区 × 年份", "最近添加的报告", "筛选", "包含合成数据"):
        assert text in body
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

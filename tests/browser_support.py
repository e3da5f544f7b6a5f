"""Shared by the real-browser tests: start `streamlit run app.py` on a free port, drive Debian's Chromium.

Importing this module skips the importing test module (with the reason) when /usr/bin/chromium is missing,
before Playwright is imported. Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def require_chromium() -> None:
    """Skip the calling test module (at import) when Chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)",
                    allow_module_level=True)


require_chromium()

from playwright.sync_api import Browser, Locator, Page, sync_playwright  # noqa: E402 - only once Chromium is known to exist

from bench.first_paint import free_port, stop, wait_healthy  # noqa: E402 - one way to start a server, shared with the benchmark


@contextmanager
def streamlit_server(db: Path, log_dir: Path, env: Mapping[str, str | None] | None = None) -> Iterator[str]:
    """`streamlit run app.py` against ``db``; yields its base URL. ``env`` adds variables (None removes one)."""
    port = free_port()
    # the data folder (uploads, corrections, rebuilds) is the database's folder, never the bundled data/
    full_env = {**os.environ, "REPORTS_DB": str(db), "REPORTS_DATA": str(db.parent), "PYTHONUNBUFFERED": "1"}
    for key, value in (env or {}).items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = value
    with open(log_dir / "server.log", "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
             "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        stop(proc)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (test-artifacts/ made ready for screenshots)."""
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def app_page(browser: Browser) -> Iterator[Page]:
    """A tab in a fresh context sized like a large screen, accepting downloads, in Chinese."""
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, accept_downloads=True, locale="zh-CN")
    try:
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        yield pg
    finally:
        context.close()


@contextmanager
def browser_page() -> Iterator[Page]:
    """A page of its own Chromium: what a test module's ``page`` fixture yields."""
    with chromium() as browser, app_page(browser) as pg:
        yield pg


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


def settle_quietly(page: Page, quiet_ms: int = 1000) -> None:
    """Wait until the script is not running and no element is still a loading skeleton, for ``quiet_ms`` in a row.

    Stricter than ``settle``: with toolbarMode "viewer" the status widget shows "Stop", never "Running", and
    elements keep loading for a moment after the widget goes away.
    """
    page.evaluate("window.__settledSince = null")
    page.wait_for_function("""quiet => {
        const app = document.querySelector('[data-testid="stApp"]');
        const idle = app && app.dataset.testScriptState === 'notRunning'
                     && app.dataset.testConnectionState === 'CONNECTED'
                     && !document.querySelector('[data-testid="stSkeleton"]');
        if (!idle) { window.__settledSince = null; return false; }
        window.__settledSince = window.__settledSince || performance.now();
        return performance.now() - window.__settledSince >= quiet;
    }""", arg=quiet_ms, polling=100)


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


def shot_whole(page: Page, name: str) -> Path:
    """Screenshot the whole app page: Streamlit scrolls inside ``stMain``, so the window is made as tall as its
    content for the picture, then put back."""
    size = page.viewport_size
    assert size is not None
    tall = int(page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0"))
    path = ARTIFACTS / f"{name}.png"
    try:
        if tall > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": tall})
            page.wait_for_timeout(800)  # plotly redraws charts on resize
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path

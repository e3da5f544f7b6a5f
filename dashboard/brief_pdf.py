"""The weekly brief as PDF: headless Chromium prints the offline HTML export (dashboard.brief_export.to_html).

Printing the very HTML that is downloaded keeps the PDF, the HTML and the page the same brief. The page
size is a 1920×1080 screen (``@page`` in brief_export.CSS), so the first page is the meeting screen.
Chromium embeds the subset of each font it uses (Noto Sans CJK from fonts-noto-cjk on Debian), so the
Chinese text is real text in the file, searchable and copyable, not pictures. The charts are drawn by the
plotly.js inlined in the HTML before printing; nothing is fetched from the network.

Needs Playwright and a Chromium (``CHROMIUM``, Debian's /usr/bin/chromium); ``available`` says whether
both are there, and the page offers the PDF only then.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM = Path(os.environ.get("REPORTS_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WIDTH, HEIGHT = 1920, 1080


def available() -> bool:
    """Playwright importable and the Chromium binary present."""
    return CHROMIUM.exists() and importlib.util.find_spec("playwright") is not None


def to_pdf(html_text: str, timeout_ms: int = 60_000) -> bytes:
    """``html_text`` (a self-contained page) printed to PDF by headless Chromium, charts drawn first.

    The page may load nothing but itself: every other request is refused, so a report's text can
    never make the server fetch an address. Runs in a thread of its own: Playwright's sync API refuses
    to start in a thread that already runs an event loop (a caller's own Playwright, an async server).
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="brief_pdf") as pool:
        return pool.submit(_print, html_text, timeout_ms).result()


def _print(html_text: str, timeout_ms: int) -> bytes:
    from playwright.sync_api import Route, sync_playwright

    def only_self(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    with tempfile.TemporaryDirectory(prefix="brief_pdf_") as tmp:
        page_file = Path(tmp) / "brief.html"
        page_file.write_text(html_text, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="zh-CN")
                context.route("**/*", only_self)
                page = context.new_page()
                page.set_default_timeout(timeout_ms)
                page.goto(page_file.as_uri())
                charts = html_text.count('class="plotly-graph-div"')
                if charts:  # wait until plotly.js has drawn every chart
                    page.wait_for_function(
                        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=charts)
                page.evaluate("document.fonts.ready")
                page.emulate_media(media="print")
                return page.pdf(prefer_css_page_size=True, print_background=True)
            finally:
                browser.close()

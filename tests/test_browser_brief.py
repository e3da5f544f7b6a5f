"""The leaders' meeting screen in a real Chromium: 周报 in presentation mode on a 1920×1080 projector, and
the PDF that headless Chromium prints from the offline HTML.

The database is test_brief's hand-made one plus a 2025 report with nothing to compare, so the page must
open on 2024 by itself. Screenshots go to test-artifacts/ (brief_projector_1920.png, brief_projector_1440.png,
brief_pdf_first_page.png) for a person to look at. Skipped when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (  # skips this module when /usr/bin/chromium is missing
    ARTIFACTS,
    chromium,
    no_error_box,
    settle_quietly,
    streamlit_server,
)
from playwright.sync_api import Browser, Page
from pypdf import PdfReader
from test_brief import DOCS, LATE_DOC, WEEK_DAY, write_db

from dashboard import brief_export, brief_pdf
from dashboard.filters import Filters

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_db(tmp_path_factory.mktemp("brief_browser"), [*DOCS, LATE_DOC])


@pytest.fixture(scope="module")
def server(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with streamlit_server(db, tmp_path_factory.mktemp("streamlit_brief"), {"REPORTS_ADMIN_PASSWORD": None}) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


def open_screen(browser: Browser, url: str, size: dict[str, int]) -> Page:
    context = browser.new_context(viewport=size, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    page.locator("#bp-headline").wait_for()
    settle_quietly(page, 1500)
    no_error_box(page)
    return page


def inside_viewport(page: Page, selector: str) -> None:
    size = page.viewport_size
    assert size is not None
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    assert box["x"] >= 0 and box["y"] >= 0, (selector, box)
    assert box["x"] + box["width"] <= size["width"] and box["y"] + box["height"] <= size["height"], (selector, box)


def test_projector_screen_shows_headline_targets_and_moves_without_scrolling(browser: Browser, server: str) -> None:
    page = open_screen(browser, f"{server}/brief?present=1&week={WEEK_DAY}", PROJECTOR)
    try:
        page.screenshot(path=str(ARTIFACTS / "brief_projector_1920.png"))  # the viewport: what the room sees
        assert page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop") == 0
        # opened on 2024 (the newest year with regions to compare), not on 2025
        headline = page.locator("#bp-headline").inner_text()
        assert headline.startswith("2024 年与 2023 年相比") and "3 项未达到规划目标" in headline, headline
        for selector in ("#bp-headline", "#bp-targets", "#bp-moves", ".bp-target >> nth=2", ".bp-move >> nth=1"):
            inside_viewport(page, selector)
        assert page.locator(".bp-target").count() == 3 and page.locator(".bp-move").count() == 2
        # no sidebar, no controls
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert page.locator('[data-testid="stDateInput"]').count() == 0
        # readable from 8 m: every piece of text on the screen at least 28 px
        sizes = page.evaluate("""() => [...document.querySelectorAll('.bp *')]
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize))""")
        assert sizes and min(sizes) >= 28, sizes
        targets = page.locator("#bp-targets").inner_text()
        assert "青海省/西宁市 · 负责人出庭应诉率" in targets and "实际 85%" in targets and "目标 ≥90%" in targets
        assert "1,000件 → 500件" in page.locator("#bp-moves").inner_text()
    finally:
        page.context.close()


def test_projector_screen_at_1440(browser: Browser, server: str) -> None:
    """A smaller projector: the same screen, still without scrolling for the headline and the first rows."""
    page = open_screen(browser, f"{server}/brief?present=1&week={WEEK_DAY}", {"width": 1440, "height": 900})
    try:
        page.screenshot(path=str(ARTIFACTS / "brief_projector_1440.png"))
        for selector in ("#bp-headline", ".bp-target >> nth=0", ".bp-move >> nth=0"):
            inside_viewport(page, selector)
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    finally:
        page.context.close()


def pdf_fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(name, embedded) of every font the pages use: a font file inside, or a Type3 font's own glyph drawings."""
    found = []
    for pg in reader.pages:
        fonts = pg["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type3":
                found.append(("Type3", "/CharProcs" in font and len(font["/CharProcs"]) > 0))
                continue
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fd = desc.get("/FontDescriptor")
            fd = fd.get_object() if fd is not None else {}
            found.append((str(font.get("/BaseFont")), any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    return found


def test_pdf_has_chinese_text_and_embedded_fonts(browser: Browser, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTS_DB", str(db))
    brief = brief_export.collect(Filters(), WEEK_DAY)
    html = brief_export.to_html(brief)
    pdf = brief_pdf.to_pdf(html)
    (ARTIFACTS / "brief.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # a landscape screen page
    # Chromium's text map gives some ideographs as their radical twins (⽣ for 生, ⻘ for 青): NFKC folds the
    # Kangxi radicals back; the supplement's (⻘) stay, a known limit of copying text out of the PDF
    first = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    assert "法治政府建设周报" in first and "未达到规划目标" in first and "变化最大" in first, first[:400]
    assert "2024 年与 2023 年相比" in first and "西宁市 · 负责人出庭应诉率" in first and "实际 85%" in first
    whole = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    assert "待处理的数据质量问题" in whole
    fonts = pdf_fonts(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts

    # the first page as it prints, for a person to look at (the HTML under print media at the PDF's page size)
    context = browser.new_context(viewport=PROJECTOR, locale="zh-CN")
    try:
        path = ARTIFACTS / "brief_export_print.html"
        path.write_text(html, encoding="utf-8")
        pg = context.new_page()
        pg.goto(path.as_uri())
        pg.emulate_media(media="print")
        pg.locator("#bp-headline").wait_for()
        pg.screenshot(path=str(ARTIFACTS / "brief_pdf_first_page.png"))
    finally:
        context.close()

"""Issue 13 in a real Chromium: every page speaks Chinese on three kinds of data, and dark mode stays readable.

- Words: each page of the app on the bundled seeds, on the labelled real excerpts (tests/gold/shared/corpus)
  and on a synthetic-only corpus (bench/synth/) shows no English word and no "None" in
  ``page.inner_text("body")``; ``<html lang="zh-CN">``. Allowed: Material icon ligatures (drawn as
  pictures, e.g. "dashboard"), file formats and extensions a user sees on their own files (CSV, Excel, PDF,
  .docx …, MB), the data folder's ``uploads/`` (a real folder name the user looks for), and file names
  (a report without a title is listed under its file name — the user's data, not our words).
- Synthetic only: the pages point to the 包含合成数据 switch and 数据质量 says 0 reports.
- Dark mode (``color_scheme="dark"``): text/background contrast of the reader's highlights and table
  header and of the brief's cards is at least 4.5:1, measured from Chromium's computed styles.
Screenshots: test-artifacts/words_<data>_<page>.png, dark_reader.png, dark_brief.png.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import chromium, settle_quietly, shot_whole, streamlit_server
from corpora import SEEDS, SHARED_CORPUS, texts

pytestmark = pytest.mark.browser

PAGES = ["", "trends", "regions", "reports", "brief", "quality", "import_reports"]
ALLOWED = {"CSV", "Excel", "HTML", "PDF", "DOCX", "TXT", "MB", "txt", "html", "docx", "pdf", "uploads"}
FILE_NAME = re.compile(r"[\w.-]+\.(?:txt|md|html?|docx|pdf)\b", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z]+")

# JavaScript: the visible text of the body and the Material icon ligatures on the page
# (any element drawn in the Material Symbols icon font: nav icons, ``:material/…:`` in captions, buttons)
VISIBLE = """() => ({text: document.body.innerText,
  icons: Array.from(document.querySelectorAll('body *'))
    .filter(e => e.children.length === 0 && /Material/.test(getComputedStyle(e).fontFamily))
    .map(e => e.innerText.trim()).filter(t => t)})"""

# JavaScript: contrast of an element's text against the first opaque background behind it (WCAG formula)
CONTRAST = """(el) => {
  const rgb = (s) => { const m = s.match(/[\\d.]+/g).map(Number);
                       return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                       return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  let bg = null;
  for (let n = el; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.a > 0.5) { bg = c; break; }
  }
  bg = bg || {r: 255, g: 255, b: 255};
  const fg = rgb(getComputedStyle(el).color);
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  return {ratio: (hi + 0.05) / (lo + 0.05), fg: getComputedStyle(el).color, bg: `rgb(${bg.r},${bg.g},${bg.b})`};
}"""


def _build(tmp: Path, name: str, sources: list[Path] | None) -> Path:
    from bench import synth
    from etl.load.build import build

    data = tmp / name
    data.mkdir()
    if sources is None:
        synth.generate(12, data, seed=3, workers=1)
    else:
        for src in sources:
            shutil.copy(src, data / src.name)
    build(data, data / "reports.duckdb", progress=False)
    return data / "reports.duckdb"


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("words")
    return {"seeds": _build(tmp, "seeds", texts(SEEDS)), "corpus": _build(tmp, "corpus", texts(SHARED_CORPUS)),
            "synthetic": _build(tmp, "synthetic", None)}


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with chromium() as b:
        yield b


def english_words(text: str, icons: list[str]) -> set[str]:
    """Words in Latin letters that are neither allowed nor icons nor inside a file name."""
    for icon in sorted(set(icons), key=len, reverse=True):
        text = re.sub(rf"(?<![\w]){re.escape(icon)}(?![\w])", " ", text)
    text = FILE_NAME.sub(" ", text)
    return {w for w in WORD.findall(text) if w not in ALLOWED}


def test_english_words_are_found() -> None:
    """The checker itself: an English word is caught; icons, formats and file names are not."""
    assert english_words("Upload · 20MB per file 下载 CSV h_002.txt show_chart", ["show_chart"]) == {
        "Upload", "per", "file"}


@pytest.mark.parametrize("kind", ["seeds", "corpus", "synthetic"])
def test_every_page_speaks_chinese(kind: str, databases: dict[str, Path], browser, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="zh-CN")
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        with streamlit_server(databases[kind], tmp_path) as url:
            seen: dict[str, str] = {}
            for name in PAGES:
                page.goto(f"{url}/{name}")
                page.locator("h1").first.wait_for()
                settle_quietly(page)
                shot_whole(page, f"words_{kind}_{name or 'overview'}")
                got = page.evaluate(VISIBLE)
                seen[name] = got["text"]
                assert not english_words(got["text"], got["icons"]), (name, english_words(got["text"], got["icons"]))
                assert "None" not in got["text"], name
                assert page.evaluate("document.documentElement.lang") == "zh-CN"
                assert page.locator(".stException").count() == 0
    finally:
        context.close()
    if kind == "synthetic":
        for name in ("", "trends", "regions"):
            assert "“包含合成数据”开关" in seen[name], name
        assert "当前筛选条件下没有报告,以下各项都是 0" in seen["quality"]
        assert "所有报告都识别出了" not in seen["quality"]
    else:
        assert "包含合成数据”开关" not in seen[""]


def _contrast(page, selector: str) -> dict:
    el = page.locator(selector).first
    el.wait_for()
    return el.evaluate(CONTRAST)


def test_dark_mode_contrast_on_reader_and_brief(databases: dict[str, Path], browser, tmp_path: Path) -> None:
    import duckdb

    con = duckdb.connect(str(databases["seeds"]), read_only=True)
    try:
        doc_id = con.execute("SELECT doc_id FROM figures_current GROUP BY doc_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    finally:
        con.close()
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="zh-CN", color_scheme="dark")
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        with streamlit_server(databases["seeds"], tmp_path) as url:
            page.goto(f"{url}/reports?doc={doc_id}")
            page.locator("mark.fig").first.wait_for()
            settle_quietly(page)
            shot_whole(page, "dark_reader")
            app_bg = page.locator('[data-testid="stApp"]').evaluate("e => getComputedStyle(e).backgroundColor")
            assert app_bg != "rgb(255, 255, 255)"  # Streamlit itself is dark: the test measures the dark theme
            results = {sel: _contrast(page, sel) for sel in
                       (".reader-text mark.fig a", ".reader-figs th", ".reader-figs td", ".reader-meta")}
            page.goto(f"{url}/brief?week=2000-01-03")
            page.locator(".brief-card").first.wait_for()
            settle_quietly(page)
            shot_whole(page, "dark_brief")
            results |= {sel: _contrast(page, sel) for sel in (".brief-label", ".brief-value", ".brief-note")}
            plot_bg = page.locator('[data-testid="stPlotlyChart"] .main-svg rect.bg').first
            if plot_bg.count():
                assert plot_bg.evaluate("e => getComputedStyle(e).fill") != "rgb(255, 255, 255)"
    finally:
        context.close()
    low = {sel: r for sel, r in results.items() if r["ratio"] < 4.5}
    assert not low, low

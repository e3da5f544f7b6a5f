"""Screenshots of every page at 1440×900 and 1920×1080 for docs/screenshots/ (linked from the README).

    PYTHONPATH=.:tests .venv/bin/python scripts/screenshots.py [OUT_DIR]

Builds a database from the bundled reports (data/reports) and ../shared's real excerpts kept in
tests/gold/shared/corpus, starts the app on it, and saves the first screen of each page (what a user sees
before scrolling) plus the 周报's presentation mode. Needs Debian's chromium and playwright (as the browser tests).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from browser_support import chromium, settle_quietly, streamlit_server

from etl.load.build import build

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"1440": {"width": 1440, "height": 900}, "1920": {"width": 1920, "height": 1080}}
# (file name, path and query, the page's heading)
PAGES = [
    ("overview", "/", "总览"),
    ("trends", "/trends", "趋势"),
    ("regions", "/regions", "地区对比"),
    ("reports", "/reports", "报告"),
    ("brief", "/brief", "周报"),
    ("brief_present", "/brief?present=1", None),
    ("quality", "/quality", "数据质量"),
    ("import", "/import_reports", "导入"),
]


def corpus(folder: Path) -> None:
    """The bundled reports and the real excerpts, copied into ``folder``."""
    for src in [*sorted((ROOT / "data" / "reports").glob("*.txt")),
                *sorted((ROOT / "tests" / "gold" / "shared" / "corpus").glob("*.txt"))]:
        shutil.copy(src, folder / src.name)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        corpus(data)
        db = data / "reports.duckdb"
        build(data, db, progress=False)
        with streamlit_server(db, Path(tmp)) as url, chromium() as browser:
            for size, viewport in SIZES.items():
                context = browser.new_context(viewport=viewport, locale="zh-CN")
                page = context.new_page()
                page.set_default_timeout(90_000)
                for name, path, heading in PAGES:
                    page.goto(url + path)
                    if heading:
                        page.get_by_role("heading", name=heading, level=1).wait_for()
                    settle_quietly(page)
                    target = out / f"{name}_{size}.png"
                    page.screenshot(path=str(target))
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                context.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")

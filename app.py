"""法治政府年报分析 — the Streamlit entry point: `streamlit run app.py`.

Sets up the page, makes sure the database exists (a fresh checkout builds
data/reports.duckdb from the bundled reports on first start), draws the
sidebar filters (kept in the URL) and runs the chosen page.

Pages are listed in ``PAGES``; an entry whose file does not exist yet is left
out, so a new page plugs in by adding its file (and, if new, one line here).
The database path comes from ``REPORTS_DB``, the reports folder from ``REPORTS_DATA`` (etl/paths.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from dashboard import auth, db, failures, filters, locale_zh, queries, recovery, theme

ROOT = Path(__file__).resolve().parent
LOG = logging.getLogger(__name__)

# (file, title, icon); the first existing one is the default page
PAGES: list[tuple[str, str, str]] = [
    ("pages/overview.py", "总览", ":material/dashboard:"),
    ("pages/trends.py", "趋势", ":material/show_chart:"),
    ("pages/regions.py", "地区对比", ":material/map:"),
    ("pages/reports.py", "报告", ":material/article:"),
    ("pages/brief.py", "周报", ":material/summarize:"),
    ("pages/quality.py", "数据质量", ":material/fact_check:"),
    ("pages/import_reports.py", "导入", ":material/upload_file:"),
]


def navigation_pages() -> list[st.Page]:
    """``st.Page`` objects for the entries of ``PAGES`` whose files exist."""
    existing = [(path, title, icon) for path, title, icon in PAGES if (ROOT / path).exists()]
    return [st.Page(path, title=title, icon=icon, default=(i == 0)) for i, (path, title, icon) in enumerate(existing)]


IMPORT_PAGE = "import_reports"  # its rebuild must work even when the database cannot be read


def ensure_database() -> None:
    """Build the database from the data folder (REPORTS_DATA) when the file is missing; stop with a message if that fails."""
    if db.stamp() is not None:
        return
    try:
        with st.spinner("首次启动:正在从数据目录构建数据库,请稍候……"):
            db.ensure_built()
    except Exception as exc:  # show a reason instead of a stack trace (and no server path)
        LOG.exception("first build failed")
        reason = failures.os_error_text(exc) if isinstance(exc, OSError) else "构建过程出错"
        st.error(f"无法构建数据库:{reason}。{failures.ASK_ADMIN}")
        st.stop()


def run_page(nav: st.Page) -> None:
    """Run the chosen page; an unreadable database gives the Chinese notice instead of a traceback."""
    try:
        nav.run()
    except Exception as exc:
        if not db.is_broken_error(exc):
            raise
        LOG.warning("page failed on the database: %r", exc)
        recovery.broken_notice(db.mark_broken(exc))


def main() -> None:
    st.set_page_config(page_title="法治政府年报分析", page_icon="⚖️", layout="wide")
    locale_zh.install()  # lang="zh-CN" and Chinese for Streamlit's own strings (no setting exists for either)
    theme.install()  # dark-mode colours for the pages' own HTML (reader, brief cards)
    ensure_database()
    nav = st.navigation(navigation_pages())
    problem = db.problem()
    if problem is None:
        try:
            filters.sidebar(queries.filter_options())
        except Exception as exc:
            if not db.is_broken_error(exc):
                raise
            problem = db.mark_broken(exc)
    auth.sidebar_status()  # local mode / admin login state (dashboard/auth.py)
    if problem is not None:
        on_import = nav.url_path == IMPORT_PAGE
        recovery.broken_notice(problem, with_button=not on_import)  # the import page has its own button
        if not on_import:
            st.stop()
    run_page(nav)


main()

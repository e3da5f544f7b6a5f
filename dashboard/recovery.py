"""A way out when the live database cannot be read (overwritten with garbage, truncated by a full disk).

Every page goes through app.py, which asks ``db.problem()`` first and, when a page's query fails on the
file, ``db.mark_broken``; then ``broken_notice`` shows a Chinese message (no path, no traceback) and, for
an admin, a rebuild button. The 导入 page's own rebuild button uses the same ``rebuild``.

``rebuild`` sets an unreadable file aside before building (renamed ``reports.duckdb.broken-<time>``,
never deleted): the ETL reuses an old file it can open, and a truncated file can still be opened, so
building over it would keep the damage. If the build then fails, the file is put back, so a failed
rebuild changes nothing.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from dashboard import auth, db, failures, uploads

LOG = logging.getLogger(__name__)
Progress = Callable[[float, str], None]


def set_aside(path: Path) -> Path:
    """Rename the unreadable database (and its .wal) beside itself with the time in the name; the new name."""
    aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    os.replace(path, aside)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        os.replace(wal, aside.with_name(aside.name + ".wal"))
    return aside


def _put_back(aside: Path, path: Path) -> None:
    """Undo ``set_aside`` after a failed build, unless a build has put a new file in place meanwhile."""
    if path.exists():
        return
    try:
        os.replace(aside, path)
        wal = aside.with_name(aside.name + ".wal")
        if wal.exists():
            os.replace(wal, path.with_name(path.name + ".wal"))
    except OSError as exc:  # the file stays under its new name: nothing is lost
        LOG.warning("could not put %s back: %r", aside, exc)


def rebuild(on_progress: Progress | None = None, allow_empty: bool = False) -> uploads.BuildOutcome:
    """Run the ETL on the data folder (REPORTS_DATA) into the live database; an unreadable database is set aside first.

    The outcome's message is always fit to show (Chinese, no path). A build that would empty the dashboard
    is refused (``refused_empty``) unless ``allow_empty``: the page asks first.
    """
    path = db.db_path()
    aside = None
    # an unreadable file is set aside; an outdated one stays, so the build upgrades it by copying its rows
    if path.exists() and db.problem() not in (None, db.OUTDATED_MESSAGE):
        db.release()  # no handle of ours on the file that moves
        try:
            aside = set_aside(path)
        except OSError as exc:
            LOG.warning("could not set the broken database aside: %r", exc)
            return uploads.BuildOutcome(False, {}, f"无法移开损坏的数据库文件:{failures.os_error_text(exc)}。"
                                                   f"{failures.ASK_ADMIN}")
    try:
        outcome = uploads.run_build(db.data_dir(), path, on_progress, allow_empty=allow_empty)
    except OSError as exc:
        LOG.warning("build could not start: %r", exc)
        outcome = uploads.BuildOutcome(False, {}, failures.os_error_text(exc))
    if not outcome.ok:
        LOG.warning("build failed: %s", outcome.message)
        if aside is not None:
            _put_back(aside, path)
        if outcome.refused_empty:
            return outcome
        return uploads.BuildOutcome(False, {}, failures.build_failure_text(outcome.message))
    st.cache_data.clear()  # a new file version; the cache is keyed on it anyway, this frees memory at once
    return outcome


def _progress_bar(label: str) -> Progress:
    bar = st.progress(0.0, text=label)
    return lambda fraction, text: bar.progress(fraction, text=text)


def broken_notice(message: str, with_button: bool = True) -> None:
    """The Chinese message for an unreadable database and, for an admin, the button that rebuilds it."""
    st.error(message)
    if not with_button:
        return
    if not auth.require_admin("重建数据库", "broken"):
        return
    if st.button("重建数据库", type="primary", key="broken_rebuild"):
        outcome = rebuild(_progress_bar("正在重建数据库……"))
        if outcome.ok:
            st.rerun()  # the page now draws from the new file
        st.error(f"重建失败:{outcome.message}")

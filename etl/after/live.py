"""A saved correction shown at once: append to the log, then re-run the after-load steps on the live file.

Why a module of its own: refreshing the live database runs every after-load step (etl/after/steps.py),
and the steps include applying the log (etl/after/current.py, which reads etl/after/corrections.py);
kept here, above the steps, the log and the steps never import each other. The write goes through the
build's own writer path (etl/load/store.py: lock, temp copy, swap), so there is one writer.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.after import steps
from etl.after.corrections import CorrectionError, append, log_path, make, read_log
from etl.load import store


def refresh_live(db_path: Path, data_dir: Path) -> bool:
    """Re-apply the log to the live database without a rebuild; False when there is no database yet.

    Works on a copy in the same folder, then swaps it in under the build lock: the build's own
    writer path (store.writer, store.replacing), so readers never see a half-written file, a
    concurrent build waits, and a killed save's copy is cleaned like a build's. Runs every after-load
    step (corrections, summaries, checks), not only the corrections, so a finding about a value just
    corrected goes away at once instead of at the next build.
    """
    db_path = Path(db_path)
    with store.writer(db_path):
        if not db_path.exists():
            return False
        with store.replacing(db_path) as tmp:
            store.copy_live(db_path, tmp)
            con = duckdb.connect(str(tmp))
            try:
                steps.run(con, data_dir)
                con.execute("CHECKPOINT")
            finally:
                con.close()
    return True


class NotRefreshed(CorrectionError):
    """The correction is saved in the log, but the live database could not be refreshed (the next build applies it)."""


def save(correction: dict, db_path: Path, data_dir: Path) -> dict:
    """Append a correction to the log and show it in the live database at once.

    Raises ``CorrectionError`` when it was not saved, ``NotRefreshed`` when it was saved but the
    dashboard could not be updated now (disk full while copying the database, say).
    """
    rec = append(log_path(data_dir), correction)
    try:
        refresh_live(db_path, data_dir)
    except (OSError, duckdb.Error) as exc:
        raise NotRefreshed("更正已保存,但看板暂时没能更新(可能是磁盘空间不足);下次重建数据库时会自动应用。"
                           "请不要重复提交。") from exc
    return rec


def revert(correction_id: str, *, author: str, reason: str, db_path: Path, data_dir: Path) -> dict:
    """Undo an active correction: a ``revert`` record naming it, saved like any other correction."""
    records, _ = read_log(log_path(data_dir))
    target = next((r for r in records if r["correction_id"] == correction_id), None)
    if target is None:
        raise CorrectionError("要撤销的更正不存在")
    c = make("revert", author=author, reason=reason, figure_id=target["figure_id"], doc_id=target["doc_id"],
             reverts=correction_id)
    return save(c, db_path, data_dir)

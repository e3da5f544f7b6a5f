"""What the app tells a user when the disk says no: Chinese, short, never a server path or a traceback.

- ``os_error_text``: an ``OSError`` (disk full, read-only or unwritable data folder, ...) as a sentence.
- ``build_failure_text``: the last line a failed ``python -m etl build`` printed, made fit to show (a Python
  exception line such as ``OSError: [Errno 28] No space left on device: '/srv/...'`` becomes a sentence;
  anything else that names a path is replaced by a general one).
- ``store_upload`` / ``save_correction``: ``uploads.store`` and ``api.save_correction`` with their ``OSError``
  turned into a message; nothing the user was told is saved is lost, and what was not saved is said so.

The details still go to the server log, where the administrator can read them.
"""

from __future__ import annotations

import errno
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard import uploads
from etl import api

LOG = logging.getLogger(__name__)

DISK_FULL = "磁盘空间不足"
READ_ONLY = "数据目录是只读的或没有写入权限"
GENERAL = "读写数据目录时出错"
_BY_ERRNO = {errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY,
             errno.EPERM: READ_ONLY}
_ERRNO_IN_TEXT = re.compile(r"\[Errno (\d+)\]")
_EXCEPTION_LINE = re.compile(r"^\s*[\w.]*(?:Error|Exception|Interrupt|Exit)\b")
_PATH_LIKE = re.compile(r"(?:^|[\s'\"(=:])(?:/|[A-Za-z]:\\|~/|\.{1,2}/)")
ASK_ADMIN = "请管理员检查服务器的磁盘空间和数据目录权限后重试(详情见服务器日志)。"


def os_error_text(exc: OSError) -> str:
    """``OSError(ENOSPC, ...)`` -> "磁盘空间不足"; the path in the exception is never shown."""
    return _BY_ERRNO.get(exc.errno or 0, GENERAL)


def build_failure_text(message: str) -> str:
    """A failed build's last output line as something a user may read (no path, no Python exception)."""
    line = (message or "").strip()
    code = _ERRNO_IN_TEXT.search(line)
    if code:
        return f"{_BY_ERRNO.get(int(code.group(1)), GENERAL)}。{ASK_ADMIN}"
    if not line or _EXCEPTION_LINE.match(line) or _PATH_LIKE.search(line):
        return f"构建过程出错。{ASK_ADMIN}"
    return line


class SaveFailed(RuntimeError):
    """A save that did not happen; ``str()`` is the user's message."""


def store_upload(data_dir: Path, name: str, data: bytes, limit: int | None = None) -> uploads.Stored:
    """``uploads.store``; an ``OSError`` becomes an ``UploadError`` saying the file was not saved."""
    try:
        return uploads.store(data_dir, name, data, limit)
    except OSError as exc:
        LOG.warning("upload not stored: %r", exc)
        raise uploads.UploadError(f"文件未保存:{os_error_text(exc)}。{ASK_ADMIN}") from exc


@dataclass(frozen=True)
class Saved:
    """A correction in the log; ``live`` is False when the live database could not be refreshed yet."""

    record: dict
    live: bool


def save_correction(c: dict, db_path: Path, data_dir: Path) -> Saved:
    """Append ``c`` to the corrections log, then refresh the live database (``api.save_correction``, in two steps).

    Raises ``SaveFailed`` when the log could not be written: nothing was saved and the form keeps what was
    typed. When the log was written but the refresh failed, the correction is kept and shows after the next
    rebuild (``live`` False); the caller says so instead of claiming it is visible.
    """
    try:
        rec = api.append_correction(data_dir, c)
    except OSError as exc:
        LOG.warning("correction not saved: %r", exc)
        raise SaveFailed(f"更正未保存:{os_error_text(exc)}。{ASK_ADMIN}") from exc
    try:
        api.refresh_live(db_path, data_dir)
    except (OSError, duckdb.Error) as exc:
        LOG.warning("correction saved, live database not refreshed: %r", exc)
        return Saved(rec, False)
    return Saved(rec, True)


def revert_correction(correction_id: str, *, author: str, reason: str, db_path: Path, data_dir: Path) -> Saved:
    """``api.revert_correction`` through ``save_correction`` (same record, same checks)."""
    try:
        records, _ = api.read_corrections(data_dir)
    except OSError as exc:
        raise SaveFailed(f"无法读取更正记录:{os_error_text(exc)}。{ASK_ADMIN}") from exc
    target = next((r for r in records if r["correction_id"] == correction_id), None)
    if target is None:
        raise api.CorrectionError("要撤销的更正不存在")
    c = api.make_correction("revert", author=author, reason=reason, figure_id=target["figure_id"],
                            doc_id=target["doc_id"], reverts=correction_id)
    return save_correction(c, db_path, data_dir)


NOT_LIVE = ("已保存到更正记录,但数据库暂时无法更新(磁盘空间不足、数据目录只读或数据库损坏);"
            "问题解决后在“导入”页点“重建数据库”即可显示。")

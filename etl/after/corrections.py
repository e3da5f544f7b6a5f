"""Analyst corrections: an append-only log applied on top of every build.

Why a log file and not rows in the database: the database is rebuilt (and
replaced) by every ``python -m etl build``; the log ``DATA/corrections.jsonl``
(DATA: ``REPORTS_DATA``, etl/paths.py, the folder every build reads) is never
touched by the build, so a correction survives every rebuild and
re-extraction. An append is all or nothing (:func:`append`): a correction the
app reports as saved is on disk, one it could not save leaves the log as it
was. Each line is one JSON object::

    {"correction_id", "created_at", "author", "action", "figure_id", "doc_id",
     "payload", "old", "reason", "reverts"}

``action`` is one of ``edit_figure`` (payload: some of value/qualifier/kind),
``delete_figure``, ``add_figure`` (payload: metric, value, unit, qualifier,
kind, evidence, start, end; the new figure's id is ``c-`` + the first 14
characters of the correction id), ``edit_document`` (payload: some of
province/city/county/town/region_code/region_name/level/year/doc_type; a key
given as null clears the field) or ``revert`` (``reverts`` names the
correction it undoes; a revert itself cannot be reverted — apply the
correction again instead, which keeps the rule "latest active wins" simple).

figure_id and doc_id are content hashes (etl/load/build_extract.py), so they are the same
after a re-extraction and corrections re-apply by themselves. A correction
whose target has gone (the file changed) is *orphaned*: kept in the log and
the table, shown on the quality page, never dropped.

This module is the log: what a correction may say and how it is read and appended. Applying it is
the after-load step in etl/after/current.py; showing a saved correction at once (the live refresh)
is etl/after/live.py.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import math
import os
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from etl import paths
from etl.extract.gazetteer import gazetteer

LOG_NAME = paths.LOG_NAME
ACTIONS = ("edit_figure", "delete_figure", "add_figure", "edit_document", "revert")
QUALIFIERS = ("exact", "at_least", "at_most", "approx")
KINDS = ("actual", "target")
LEVELS = ("province", "city", "county", "town", "department", "unknown")
DOC_TYPES = ("annual_report", "work_plan", "work_points", "implementation_plan", "briefing", "news", "other")
# editable fields -> SQL type used when the JSON string is cast back
FIGURE_FIELDS = {"value": "DOUBLE", "qualifier": "VARCHAR", "kind": "VARCHAR"}
ADD_FIELDS = {"metric": "VARCHAR", "value": "DOUBLE", "unit": "VARCHAR", "qualifier": "VARCHAR", "kind": "VARCHAR",
              "start": "INTEGER", "end": "INTEGER", "evidence": "VARCHAR"}
DOCUMENT_FIELDS = {"province": "VARCHAR", "city": "VARCHAR", "county": "VARCHAR", "town": "VARCHAR",
                   "region_code": "VARCHAR", "region_name": "VARCHAR", "level": "VARCHAR", "year": "INTEGER",
                   "doc_type": "VARCHAR"}
NOT_NULL_DOC_FIELDS = {"level", "doc_type"}
COLUMNS = ["correction_id", "created_at", "author", "action", "figure_id", "doc_id", "payload", "old", "reason",
           "reverts"]
ACTION_LABELS = {"edit_figure": "修改数值", "delete_figure": "删除数值", "add_figure": "补录数值",
                 "edit_document": "修改文档信息", "revert": "撤销更正"}
STATUS_LABELS = {"active": "生效", "reverted": "已撤销", "orphaned": "目标已不存在", "revert": "撤销记录"}


class CorrectionError(ValueError):
    """A correction that cannot be accepted; the message is for the user (Chinese)."""


def log_path(data_dir: Path) -> Path:
    """The log lives in the data folder, beside the files it corrects (never inside the database)."""
    return Path(data_dir) / LOG_NAME


def added_figure_id(correction_id: str) -> str:
    """Stable id of a figure added by a correction (16 characters like extracted ids)."""
    return "c-" + correction_id[:14]


def _number(v: Any, what: str) -> float:
    if isinstance(v, bool):
        raise CorrectionError(f"{what} 必须是数字")
    try:
        x = float(v)
    except (TypeError, ValueError) as exc:
        raise CorrectionError(f"{what} 必须是数字") from exc
    if not math.isfinite(x):
        raise CorrectionError(f"{what} 必须是有限的数字")
    return x


def _check_figure_payload(payload: dict, allowed: dict[str, str], required: Iterable[str] = ()) -> dict:
    unknown = set(payload) - set(allowed)
    if unknown:
        raise CorrectionError(f"不能修改这些字段:{', '.join(sorted(unknown))}")
    missing = [k for k in required if payload.get(k) in (None, "")]
    if missing:
        raise CorrectionError(f"缺少字段:{', '.join(missing)}")
    out = dict(payload)
    if "value" in out:
        out["value"] = _number(out["value"], "数值")
    if "qualifier" in out and out["qualifier"] not in QUALIFIERS:
        raise CorrectionError("限定词必须是 exact / at_least / at_most / approx 之一")
    if "kind" in out and out["kind"] not in KINDS:
        raise CorrectionError("类别必须是 actual(实际)或 target(目标)")
    for k in ("start", "end"):
        if k in out:
            if isinstance(out[k], bool) or not isinstance(out[k], int) or out[k] < 0:
                raise CorrectionError("证据位置必须是非负整数")
    if "start" in out and "end" in out and out["end"] <= out["start"]:
        raise CorrectionError("证据位置无效")
    return out


def _check_document_payload(payload: dict) -> dict:
    unknown = set(payload) - set(DOCUMENT_FIELDS)
    if unknown:
        raise CorrectionError(f"不能修改这些字段:{', '.join(sorted(unknown))}")
    out = {}
    for k, v in payload.items():
        if v is None or (isinstance(v, str) and not v.strip()):
            if k in NOT_NULL_DOC_FIELDS:
                raise CorrectionError(f"{k} 不能为空")
            out[k] = None
            continue
        if k == "year":
            if isinstance(v, bool):
                raise CorrectionError("年份必须是整数")
            try:
                year = int(v)
            except (TypeError, ValueError) as exc:
                raise CorrectionError("年份必须是整数") from exc
            if year != v and str(year) != str(v).strip():
                raise CorrectionError("年份必须是整数")
            if not 1949 <= year <= 2100:
                raise CorrectionError("年份不在合理范围内(1949–2100)")
            out[k] = year
        elif k == "level" and v not in LEVELS:
            raise CorrectionError(f"层级必须是 {' / '.join(LEVELS)} 之一")
        elif k == "doc_type" and v not in DOC_TYPES:
            raise CorrectionError(f"文档类型必须是 {' / '.join(DOC_TYPES)} 之一")
        elif k == "region_code" and not (isinstance(v, str) and v.isdigit() and len(v) == 6):
            raise CorrectionError("区划代码必须是 6 位数字")
        else:
            out[k] = v.strip() if isinstance(v, str) else v
            if not isinstance(out[k], str):
                raise CorrectionError(f"{k} 必须是文字")
    if not out:
        raise CorrectionError("没有要修改的字段")
    return out


def validate(c: dict) -> dict:
    """A clean copy of correction ``c``; raises CorrectionError with a Chinese message."""
    action = c.get("action")
    if action not in ACTIONS:
        raise CorrectionError(f"未知的更正类型:{action!r}")
    author = str(c.get("author") or "").strip()
    reason = str(c.get("reason") or "").strip()
    if not author:
        raise CorrectionError("请填写更正人")
    if not reason:
        raise CorrectionError("每一项更正都必须写明理由")
    payload = c.get("payload") or {}
    if not isinstance(payload, dict):
        raise CorrectionError("payload 必须是对象")
    out = {k: c.get(k) for k in COLUMNS}
    out.update(author=author, reason=reason, payload=payload)
    if action in ("edit_figure", "delete_figure") and not out["figure_id"]:
        raise CorrectionError("缺少要更正的数值(figure_id)")
    if action in ("add_figure", "edit_document") and not out["doc_id"]:
        raise CorrectionError("缺少文档(doc_id)")
    if action == "edit_figure":
        out["payload"] = _check_figure_payload(payload, FIGURE_FIELDS)
        if not out["payload"]:
            raise CorrectionError("没有要修改的字段")
    elif action == "delete_figure":
        out["payload"] = {}
    elif action == "add_figure":
        out["payload"] = _check_figure_payload(payload, ADD_FIELDS, required=ADD_FIELDS)
        if not str(out["payload"]["evidence"]).strip():
            raise CorrectionError("补录数值必须附上原文证据")
    elif action == "edit_document":
        out["payload"] = _check_document_payload(payload)
    elif action == "revert":
        if not out["reverts"]:
            raise CorrectionError("缺少要撤销的更正")
        out["payload"] = {}
    return out


def make(action: str, *, author: str, reason: str, figure_id: str | None = None, doc_id: str | None = None,
         payload: dict | None = None, old: dict | None = None, reverts: str | None = None) -> dict:
    """A new, validated correction (its ``created_at`` is set when it is appended)."""
    cid = uuid.uuid4().hex
    if action == "add_figure":
        figure_id = added_figure_id(cid)
    return validate({"correction_id": cid, "created_at": None, "author": author, "action": action,
                     "figure_id": figure_id, "doc_id": doc_id, "payload": payload or {}, "old": old,
                     "reason": reason, "reverts": reverts})


def read_log(path: Path) -> tuple[list[dict], list[str]]:
    """(valid corrections in log order, problems). A broken line is reported, never fatal."""
    path = Path(path)
    if not path.exists():
        return [], []
    with open(path, "rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_SH)  # never read a line that is being written
        try:
            data = fh.read()
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    return _parse(data)


def _parse(data: bytes) -> tuple[list[dict], list[str]]:
    records: list[dict] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, line in enumerate(data.decode("utf-8", errors="replace").split("\n"), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict):
                raise CorrectionError("不是 JSON 对象")
            rec = validate(raw)
            rec["created_at"] = datetime.fromisoformat(str(raw["created_at"]))
            if not rec["correction_id"]:
                raise CorrectionError("缺少 correction_id")
        except (ValueError, KeyError, TypeError) as exc:  # CorrectionError and JSON errors are ValueErrors
            problems.append(f"第 {n} 行无法读取:{exc}")
            continue
        if rec["correction_id"] in seen:
            problems.append(f"第 {n} 行:更正编号 {rec['correction_id']} 重复,已忽略")
            continue
        seen.add(rec["correction_id"])
        records.append(rec)
    return records, problems


def check_against(records: list[dict], c: dict) -> None:
    """Rules that need the log: a revert must name an active, non-revert correction."""
    if c["action"] != "revert":
        return
    by_id = {r["correction_id"]: r for r in records}
    target = by_id.get(c["reverts"])
    if target is None:
        raise CorrectionError("要撤销的更正不存在")
    if target["action"] == "revert":
        raise CorrectionError("撤销记录不能再撤销;如需恢复,请重新提交原更正")
    if any(r["action"] == "revert" and r["reverts"] == c["reverts"] for r in records):
        raise CorrectionError("这条更正已经撤销过了")


# why a write failed, for the user; anything else is "写入更正记录时出错"
_WRITE_ERRORS = {errno.ENOSPC: "磁盘空间已满", errno.EFBIG: "更正记录文件超过了系统允许的大小",
                 errno.EDQUOT: "超出了磁盘配额", errno.EROFS: "数据目录是只读的", errno.EACCES: "没有写入数据目录的权限",
                 errno.EPERM: "没有写入数据目录的权限"}
CUT_SUFFIX = ".cut"  # DATA/corrections.jsonl.cut: unreadable half-lines cut from the log's end, kept for a person


def _not_saved(exc: OSError | None) -> CorrectionError:
    """The Chinese error a page shows when a correction could not be written (no path, no traceback)."""
    why = "写入不完整(磁盘空间不足或文件大小受限)" if exc is None else _WRITE_ERRORS.get(exc.errno, "写入更正记录时出错")
    return CorrectionError(f"更正没有保存:{why}。请联系管理员处理后重新提交。")


def _tail_start(fd: int, size: int) -> int:
    """Offset just after the log's last newline (0 when it has none), reading backwards in blocks."""
    end = size
    while end > 0:
        start = max(0, end - 65536)
        cut = os.pread(fd, end - start, start).rfind(b"\n")
        if cut >= 0:
            return start + cut + 1
        end = start
    return 0


def _is_record(line: bytes) -> bool:
    """Whether a line is one whole, valid correction (a hand edit that lost its final newline)."""
    records, problems = _parse(line)
    return len(records) == 1 and not problems


def _keep_cut(path: Path, fragment: bytes) -> None:
    """Best effort: put a cut half-line beside the log (DATA/corrections.jsonl.cut) for a person to look at."""
    with contextlib.suppress(OSError):
        with open(path.with_name(path.name + CUT_SUFFIX), "ab") as fh:
            fh.write(fragment + b"\n")


def _repair_tail(fd: int, path: Path) -> tuple[int, bytes]:
    """(size, prefix) so that ``prefix + line`` appended at ``size`` starts on a line of its own.

    A last line without its newline is either a save that failed half-way (it was never acknowledged:
    cut it off, so the next line is not glued onto it and lost with it) or a whole record a hand edit
    left without newline (kept: the prefix is the missing newline).
    """
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return size, b""
    start = _tail_start(fd, size)
    fragment = os.pread(fd, size - start, start)
    if _is_record(fragment):
        return size, b"\n"
    _keep_cut(path, fragment)
    try:
        os.ftruncate(fd, start)
        os.fsync(fd)
    except OSError as exc:
        raise _not_saved(exc) from exc
    return start, b""


def _read_all(fd: int, size: int) -> bytes:
    """The first ``size`` bytes of the log."""
    chunks, done = [], 0
    while done < size:
        chunk = os.pread(fd, min(1 << 20, size - done), done)
        if not chunk:
            break
        chunks.append(chunk)
        done += len(chunk)
    return b"".join(chunks)


def _write_all_or_nothing(fd: int, size: int, data: bytes) -> None:
    """Write ``data`` at ``size`` with one ``os.write`` and fsync it; on any failure cut the log back to ``size``.

    One call, so a line is never split between two writes; a short write or an error (disk full,
    file-size limit) leaves the log exactly as it was and raises ``CorrectionError``.
    """
    try:
        os.lseek(fd, size, os.SEEK_SET)
        written = os.write(fd, data)
        if written != len(data):
            raise _not_saved(None)
        os.fsync(fd)
    except (OSError, CorrectionError) as exc:
        with contextlib.suppress(OSError):  # if even this fails, the next append cuts the half-line
            os.ftruncate(fd, size)
            os.fsync(fd)
        if isinstance(exc, CorrectionError):
            raise
        raise _not_saved(exc) from exc


def _next_created_at(records: list[dict]) -> datetime:
    """Now, or just after the latest record's time: "the latest edit wins" needs strictly increasing times."""
    now = datetime.now()
    last = max((r["created_at"] for r in records), default=None)
    return last + timedelta(microseconds=1) if last is not None and now <= last else now


def _open_log(path: Path) -> int:
    """A descriptor on the log (created if missing); the failure to open it is the user's Chinese error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _not_saved(exc) from exc


def append(path: Path, correction: dict) -> dict:
    """Append one correction under an exclusive lock, all or nothing, fsync'd; returns the stored record.

    ``created_at`` is set here, under the lock, and kept strictly increasing so
    that "the latest edit wins" is well defined even for two saves in the same
    microsecond. Returning means the line is on disk; raising ``CorrectionError``
    means the log is as it was (a half-written line is cut off).
    """
    rec = validate(correction)
    if not rec["correction_id"]:
        raise CorrectionError("缺少 correction_id")
    path = Path(path)
    fd = _open_log(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        size, prefix = _repair_tail(fd, path)
        records, _ = _parse(_read_all(fd, size))
        if any(r["correction_id"] == rec["correction_id"] for r in records):
            raise CorrectionError("这条更正已经保存过了")
        check_against(records, rec)
        rec["created_at"] = _next_created_at(records)
        line = json.dumps({**rec, "created_at": rec["created_at"].isoformat(timespec="microseconds")},
                          ensure_ascii=False)
        _write_all_or_nothing(fd, size, prefix + (line + "\n").encode("utf-8"))
    finally:
        os.close(fd)  # releases the lock
    return rec


def region_payload(code: str, level: str | None = None) -> dict:
    """Document fields for a region picked by its division code (names filled from the gazetteer)."""
    place = gazetteer().by_code.get(code)
    if place is None:
        raise CorrectionError(f"未知的区划代码:{code}")
    city = place.city if place.level != "province" else None
    name = "/".join(x for x in (place.province, city if city != place.province else None, place.county) if x)
    return {"province": place.province, "city": city, "county": place.county, "town": None,
            "region_code": place.code, "region_name": name, "level": level or place.level}

"""A correction the app reports as saved is never lost, and one it could not save leaves the log as it was.

The log (DATA/corrections.jsonl) is appended to one line per correction. A write that fails half-way
(disk full, file-size limit) or a save killed mid-write leaves half a line; the next save used to be
glued onto it and both became unreadable. Every hostile case is made at test time in tmp_path.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from etl.after import corrections as corr
from etl.after import live

ROOT = Path(__file__).resolve().parents[1]


def edit(n: int, reason: str = "原文核对") -> dict:
    """A valid edit_figure correction (the log checks no database)."""
    return corr.make("edit_figure", author="分析员", reason=reason, figure_id=f"fig{n:013d}", doc_id="d-1",
                     payload={"value": float(n)}, old={"value": 0.0})


def ids(log: Path) -> tuple[list[str], list[str]]:
    records, problems = corr.read_log(log)
    return [r["correction_id"] for r in records], problems


def test_a_write_that_fails_half_way_is_cut_back_and_reported(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / corr.LOG_NAME
    first = corr.append(log, edit(1))
    before = log.read_bytes()
    real_write = os.write
    calls = []

    def half_then_disk_full(fd: int, data: bytes) -> int:
        calls.append(len(data))
        real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_disk_full)
    with pytest.raises(corr.CorrectionError) as err:
        corr.append(log, edit(2))
    monkeypatch.setattr(os, "write", real_write)
    assert calls and "没有保存" in str(err.value) and "磁盘空间已满" in str(err.value)
    assert str(tmp_path) not in str(err.value)
    assert log.read_bytes() == before  # nothing of the failed line is left
    third = corr.append(log, edit(3))
    assert ids(log) == ([first["correction_id"], third["correction_id"]], [])


def test_a_short_write_is_not_acknowledged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.write may write less than asked without raising (a file-size limit does): that is a failure too."""
    log = tmp_path / corr.LOG_NAME
    corr.append(log, edit(1))
    before = log.read_bytes()
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data)[:10]))
    with pytest.raises(corr.CorrectionError, match="没有保存"):
        corr.append(log, edit(2))
    monkeypatch.setattr(os, "write", real_write)
    assert log.read_bytes() == before


def test_a_failed_fsync_is_not_acknowledged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / corr.LOG_NAME
    corr.append(log, edit(1))
    before = log.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(corr.CorrectionError, match="没有保存"):
        corr.append(log, edit(2))
    monkeypatch.undo()
    assert log.read_bytes() == before


def test_a_half_line_left_by_a_killed_save_is_cut_not_glued(tmp_path: Path) -> None:
    log = tmp_path / corr.LOG_NAME
    first = corr.append(log, edit(1))
    fragment = json.dumps({"correction_id": "x" * 32, "created_at": "2024-01-01T00:00:00"}).encode()[:40]
    with open(log, "ab") as fh:
        fh.write(fragment)  # what a save killed half-way through its write leaves
    second = corr.append(log, edit(2))
    assert ids(log) == ([first["correction_id"], second["correction_id"]], [])
    assert log.read_bytes().endswith(b"\n")
    assert (tmp_path / (corr.LOG_NAME + corr.CUT_SUFFIX)).read_bytes() == fragment + b"\n"  # kept for a person


def test_a_whole_last_line_without_newline_is_kept(tmp_path: Path) -> None:
    """A hand edit that dropped the final newline: that line is a correction someone made, not a half-write."""
    log = tmp_path / corr.LOG_NAME
    first = corr.append(log, edit(1))
    log.write_bytes(log.read_bytes().rstrip(b"\n"))
    second = corr.append(log, edit(2))
    assert ids(log) == ([first["correction_id"], second["correction_id"]], [])


def test_a_log_that_cannot_be_opened_gives_a_chinese_error(tmp_path: Path) -> None:
    log = tmp_path / corr.LOG_NAME
    log.mkdir()  # not a file: opening it for writing fails as a read-only or broken folder would
    with pytest.raises(corr.CorrectionError) as err:
        corr.append(log, edit(1))
    assert "没有保存" in str(err.value) and str(tmp_path) not in str(err.value)


SIZE_LIMIT_SCRIPT = textwrap.dedent("""
    import json, os, resource, signal, sys
    from pathlib import Path
    from etl.after import corrections as corr

    log = Path(sys.argv[1])
    c = corr.make("edit_figure", author="分析员", reason="原文核对" * 20, figure_id="fig0000000000002",
                  doc_id="d-1", payload={"value": 2.0}, old={"value": 0.0})
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing us
    limit = log.stat().st_size + 60  # room for part of the new line only
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        corr.append(log, c)
        print(json.dumps({"outcome": "saved"}))
    except corr.CorrectionError as exc:
        print(json.dumps({"outcome": "refused", "message": str(exc)}, ensure_ascii=False))
    except OSError as exc:
        print(json.dumps({"outcome": "oserror", "message": str(exc)}, ensure_ascii=False))
""")


def test_a_file_size_limit_mid_line_leaves_the_log_as_it_was(tmp_path: Path) -> None:
    """RLIMIT_FSIZE in a child process: the kernel writes part of the line, then refuses the rest."""
    log = tmp_path / corr.LOG_NAME
    first = corr.append(log, edit(1))
    before = log.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SIZE_LIMIT_SCRIPT, str(log)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["outcome"] == "refused" and "没有保存" in result["message"], result
    assert log.read_bytes() == before
    third = corr.append(log, edit(3))
    assert ids(log) == ([first["correction_id"], third["correction_id"]], [])


def test_a_saved_correction_the_dashboard_could_not_show_yet_says_so(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Saved in the log but the live database not refreshed (disk full while copying it): kept, and told."""
    data = tmp_path / "data"
    db = tmp_path / "reports.duckdb"
    db.write_bytes(b"")  # exists, so refresh_live tries to copy it

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    with pytest.raises(live.NotRefreshed, match="已保存"):
        live.save(edit(1), db, data)
    assert len(ids(corr.log_path(data))[0]) == 1

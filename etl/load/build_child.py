"""A build in a child process (``python -m etl build --json --progress-json``) with the build loop's progress.

Why a child process for the app: it keeps the app responsive to other sessions, never holds a DuckDB
handle on the live file, and is exactly the command-line build (it takes the build lock, so a second
import or the command line waits its turn). The child's extraction loop calls its ``on_progress``
(etl/load/build_extract.py), which prints one ``{"done": n, "total": m}`` line per chunk of files on
stdout; here each line becomes a call of the caller's ``on_progress(done, total)``. No terminal bar
is parsed. The last JSON line on stdout is the build's summary.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from etl import paths
from etl.load.build import EXIT_EMPTY
from etl.load.build_plan import Progress


@dataclass(frozen=True)
class BuildOutcome:
    ok: bool
    summary: dict  # the build's --json summary (empty when it failed)
    message: str  # the build's last line of output (on error, the child's last line on stderr)
    refused_empty: bool = False  # the build found no document while the live database has some (not swapped in)


def _lines(buffer: bytes) -> tuple[list[bytes], bytes]:
    """(whole lines, the unfinished rest)."""
    *whole, rest = buffer.split(b"\n")
    return whole, rest


def _progress(line: bytes) -> tuple[int, int] | None:
    """(done, total) of a progress line, None for any other line (the summary, a message)."""
    try:
        item = json.loads(line)
    except ValueError:
        return None
    if isinstance(item, dict) and set(item) == {"done", "total"}:
        return int(item["done"]), int(item["total"])
    return None


def run_build(data_dir: Path, db_path: Path, on_progress: Progress | None = None, timeout: float = 3600.0,
              allow_empty: bool = False) -> BuildOutcome:
    """Build ``db_path`` from ``data_dir`` in a child process; ``on_progress(done, total)`` per chunk of files."""
    cmd = [sys.executable, "-m", "etl", "build", "--data", str(data_dir), "--db", str(db_path), "--json",
           "--no-progress", "--progress-json"]
    if allow_empty:
        cmd.append("--allow-empty")  # the user confirmed a rebuild that empties the dashboard
    proc = subprocess.Popen(cmd, cwd=paths.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stderr is not None and proc.stdout is not None
    out_lines: list[bytes] = []
    pending, err_tail = b"", b""
    streams = {proc.stdout.fileno(): "out", proc.stderr.fileno(): "err"}
    started = time.monotonic()
    while streams:
        if time.monotonic() - started > timeout:
            proc.kill()
            proc.wait()
            return BuildOutcome(False, {}, f"构建超过 {timeout:.0f} 秒仍未完成,已停止")
        ready, _, _ = select.select(list(streams), [], [], 1.0)
        for fd in ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                del streams[fd]
            elif streams[fd] == "err":
                err_tail = (err_tail + chunk)[-8192:]
            else:
                whole, pending = _lines(pending + chunk)
                for line in whole:
                    counts = _progress(line)
                    if counts is None:
                        out_lines.append(line)
                    elif on_progress is not None:
                        on_progress(*counts)
    out_lines.append(pending)
    code = proc.wait()
    if code == EXIT_EMPTY:
        return BuildOutcome(False, {}, "新的构建没有读到任何报告,数据库未改动", refused_empty=True)
    if code != 0:
        lines = [x for x in err_tail.decode("utf-8", errors="replace").replace("\r", "\n").splitlines() if x.strip()]
        return BuildOutcome(False, {}, lines[-1] if lines else f"构建失败(退出码 {code})")
    out = [x.decode("utf-8", errors="replace").strip() for x in out_lines if x.strip()]
    summary: dict = {}
    for line in reversed(out):
        try:
            summary = json.loads(line)
            break
        except ValueError:
            continue
    return BuildOutcome(True, summary, out[-1] if out else "")

"""kill -9 in the middle of a build: the live database is untouched, the next build cleans up and
gives the same tables as a build that was never interrupted.

A child process runs the build and stops at a chosen point (during extraction, half-way through
writing the new file, after the post-build steps just before the swap), writes a marker and
waits there; the test kills it with SIGKILL. Nothing here depends on timing.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_build import REPORTS, make_data, query, received, snapshot

from etl.load.build import build

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
from pathlib import Path
from etl.load import build as b
from etl.load import build_extract
from etl.load import build_write
from etl.after import steps as post_build
from etl.load import store

data, db, marker, point = sys.argv[1:5]

def hang(*_args):
    Path(marker).write_text("here")
    time.sleep(3600)

if point == "extract":  # second file of the batch
    real_process, calls = build_extract.process_text, []
    def process_text(text):
        calls.append(text)
        if len(calls) == 2:
            hang()
        return real_process(text)
    build_extract.process_text = process_text
elif point == "write":  # documents written, figures not yet
    class Con:  # the build's connection, hanging at its first write into figures
        def __init__(self, con):
            self.con = con
        def execute(self, sql, *args):
            if sql.startswith("INSERT INTO figures"):
                hang()
            return self.con.execute(sql, *args)
        def __getattr__(self, name):
            return getattr(self.con, name)
    real_connect = build_write.duckdb.connect
    build_write.duckdb = type("duckdb", (), {"connect": staticmethod(lambda *a, **k: Con(real_connect(*a, **k))),
                                             "DuckDBPyConnection": object, "Error": Exception})
elif point == "swap":  # the new file is complete, the swap has not happened
    post_build.STEPS.append(hang)
b.build(Path(data), Path(db), progress=False, with_tokens=False)
"""


def run_until_killed(data: Path, db: Path, point: str, tmp_path: Path) -> None:
    marker = tmp_path / f"at-{point}"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(data), str(db), str(marker), point], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        while not marker.exists():
            if proc.poll() is not None:
                pytest.fail(f"the build ended before reaching {point}: {proc.stderr.read()}")
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def change(data: Path) -> None:
    """Work for the next build: one file changed, one added, one deleted."""
    (data / "b.txt").write_text(REPORTS["b.txt"].replace("22件", "23件"), encoding="utf-8")
    st = (data / "b.txt").stat()
    os.utime(data / "b.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    (data / "d.txt").write_text(REPORTS["a.txt"].replace("甲", "丁").replace("11件", "44件"), encoding="utf-8")
    (data / "c.txt").unlink()


@pytest.mark.parametrize("point", ["extract", "write", "swap"])
def test_kill_during_build(tmp_path: Path, point: str) -> None:
    data = make_data(tmp_path)
    live = tmp_path / "live"
    live.mkdir()
    db = live / "reports.duckdb"
    build(data, db, progress=False, with_tokens=False)
    before = snapshot(db)
    reference = tmp_path / "reference" / "reports.duckdb"  # the same history, never interrupted
    reference.parent.mkdir()
    shutil.copyfile(db, reference)
    change(data)

    run_until_killed(data, db, point, tmp_path)

    # the previous database still opens and serves, unchanged
    assert snapshot(db) == before
    assert query(db, "SELECT count(*) FROM figures_current")[0][0] > 0
    leftovers = sorted(p.name for p in live.glob(".build-*"))
    assert leftovers  # the kill really left a half-built file behind (during extraction: the staging file)

    s = build(data, db, progress=False, with_tokens=False)
    assert s.stale_temps_removed == len(leftovers)
    assert sorted(p.name for p in live.iterdir()) == ["reports.duckdb", "reports.duckdb.lock"]
    assert received(db) == {"a.txt": 11, "b.txt": 23, "d.txt": 44}

    build(data, reference, progress=False, with_tokens=False)
    assert snapshot(db) == snapshot(reference)

"""Readers keep answering while builds run and swap in their results.

A reader process loops read-only queries on the database path (a fresh connection each time,
as the dashboard does) while this process builds several times. After each build the test
waits until the reader has seen the new content, so the reader provably crosses every swap;
it must never get an error (no DuckDB lock error, no missing file, no half-written file).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from test_build import REPORTS, make_data

from etl.load.build import build

ROOT = Path(__file__).resolve().parent.parent

READER = r"""
import json, os, sys
import duckdb
from pathlib import Path

db, state, stop = sys.argv[1:4]
queries, errors, seen = 0, [], []
while True:
    stopping = os.path.exists(stop)
    try:
        con = duckdb.connect(db, read_only=True)
        try:
            docs = con.execute("SELECT count(*) FROM documents_current").fetchone()[0]
            figs = con.execute("SELECT count(*), sum(value) FROM figures_current").fetchone()
            paths = con.execute("SELECT count(DISTINCT path) FROM documents").fetchone()[0]
        finally:
            con.close()
        queries += 1
        if docs != paths:
            errors.append(f"inconsistent: {docs} documents, {paths} paths")
        if not seen or seen[-1] != docs:
            seen.append(docs)
        tmp = state + ".tmp"
        Path(tmp).write_text(str(docs))
        os.replace(tmp, state)
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    if stopping:
        break
print(json.dumps({"queries": queries, "errors": errors[:20], "n_errors": len(errors), "seen": seen}))
"""


STUCK_S = 300  # no speed limit: a build or reader that never shows the count it should would hang the suite


def wait_for_reader(state: Path, want: int, proc: subprocess.Popen) -> None:
    """Block until the reader reports ``want`` documents (it loops; a rendezvous). Only a reader stuck on another
    count for ``STUCK_S`` seconds fails the test (a build that lost a file, a reader erroring on every query):
    without it such a run hung CI instead of failing."""
    start, seen = time.monotonic(), None
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"reader stopped: {proc.stdout.read()} {proc.stderr.read()}")
        try:
            seen = int(state.read_text())
            if seen == want:
                return
        except (FileNotFoundError, ValueError):
            pass
        if time.monotonic() - start > STUCK_S:
            raise AssertionError(f"the reader still sees {seen} documents after {STUCK_S} s; the build made {want}")
        time.sleep(0.02)


def test_reader_never_fails_while_builds_swap(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    db = tmp_path / "reports.duckdb"
    build(data, db, progress=False, with_tokens=False)
    state, stop = tmp_path / "reader-state", tmp_path / "reader-stop"
    proc = subprocess.Popen([sys.executable, "-c", READER, str(db), str(state), str(stop)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    extra = data / "d.txt"
    expected = [3]
    try:
        wait_for_reader(state, 3, proc)
        for i in range(4):
            if i % 2 == 0:
                extra.write_text(REPORTS["a.txt"].replace("甲", "丁").replace("11件", f"{40 + i}件"),
                                 encoding="utf-8")
            else:
                extra.unlink()
            s = build(data, db, progress=False, with_tokens=False)
            expected.append(s.documents)
            wait_for_reader(state, s.documents, proc)
    finally:
        stop.touch()
        out, _ = proc.communicate()
    report = json.loads(out)
    assert report["errors"] == [], report
    assert report["seen"] == expected == [3, 4, 3, 4, 3]
    assert report["queries"] >= len(expected)

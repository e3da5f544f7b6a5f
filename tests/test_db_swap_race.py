"""A build's swap between the dashboard's look at the file and its open must not mark the new file broken.

``db.problem()`` stats the file (its stamp), opens it and compares the size in the stamp with the blocks
DuckDB says are in use. When a build (another process: docs/serving.md) swaps a larger file in between,
the open gets the new file and its blocks were judged by the old file's size: the good new file was
remembered as damaged and every page of that server showed the damage notice until the next build.
Here the swap is made to happen exactly there, by wrapping ``duckdb.connect``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dashboard import db

REAL_CONNECT = duckdb.connect


@pytest.fixture
def live(tiny_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the tiny database as the live file, REPORTS_DB pointing at it, no connection or verdict kept."""
    path = tmp_path / "reports.duckdb"
    shutil.copyfile(tiny_db, path)
    monkeypatch.setenv("REPORTS_DB", str(path))
    db.release()
    db._HEALTH.clear()
    yield path
    db.release()
    db._HEALTH.clear()


def larger_build(tiny_db: Path, target: Path) -> None:
    """A valid database far larger than the tiny one (a padding table of random integers)."""
    shutil.copyfile(tiny_db, target)
    con = REAL_CONNECT(str(target))
    try:
        con.execute("CREATE TABLE padding AS SELECT hash(i) AS h FROM range(2000000) t(i)")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def test_swap_between_stat_and_open_is_not_damage(live: Path, tiny_db: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    new = tmp_path / "next.duckdb"
    larger_build(tiny_db, new)
    assert new.stat().st_size > 2 * live.stat().st_size  # else the old size would cover the new file's blocks
    swaps = []

    def connect_after_a_swap(path: str, *args: object, **kwargs: object) -> duckdb.DuckDBPyConnection:
        if Path(path) == live and not swaps:
            os.replace(new, live)  # the build's swap lands after problem() took the stamp, before the open
            swaps.append(path)
        return REAL_CONNECT(path, *args, **kwargs)

    monkeypatch.setattr(duckdb, "connect", connect_after_a_swap)
    assert db.problem() is None
    assert swaps == [str(live)]
    monkeypatch.setattr(duckdb, "connect", REAL_CONNECT)
    assert db.problem() is None  # and the file now in place is not remembered as damaged


def test_a_damaged_file_is_still_found(live: Path) -> None:
    with open(live, "r+b") as fh:  # cut the file: its blocks in use now lie past its end
        fh.truncate(live.stat().st_size // 2)
    assert db.problem() == db.BROKEN_MESSAGE

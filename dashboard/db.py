"""Read-only access to the reports database, with results cached per database file version.

- The path comes from ``REPORTS_DB`` (default ``data/reports.duckdb`` next to app.py).
- One read-only base connection per process and file version; every query runs
  on its own short-lived ``cursor()`` (DuckDB connections are not shared across
  threads, cursors are). Opening a connection costs ~90 ms, a cursor far less.
- The ETL swaps a new file in with ``os.replace``. The file's stamp
  (mtime_ns, inode, size) changes, so cached results miss and the base
  connection is replaced. DuckDB keeps one database instance per path while
  *any* connection to it is open and would hand back the old file
  (LIBRARIES.md), so the old base is closed only after every cursor on it has
  finished, and only then is the new file opened.
- ``query`` caches results with ``st.cache_data`` keyed on (path, stamp, sql,
  params); outside a Streamlit run it still works (memory cache).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "data" / "reports.duckdb"
DATA_DIR = ROOT / "data"

Stamp = tuple[int, int, int]


def db_path() -> Path:
    """The database the app reads: ``$REPORTS_DB`` or data/reports.duckdb."""
    env = os.environ.get("REPORTS_DB")
    return Path(env).expanduser().resolve() if env else DEFAULT_DB


def stamp(path: Path | None = None) -> Stamp | None:
    """(mtime_ns, inode, size) of the database file; None if it does not exist. Changes when a build is swapped in."""
    try:
        st_ = (path or db_path()).stat()
    except FileNotFoundError:
        return None
    return (st_.st_mtime_ns, st_.st_ino, st_.st_size)


class _Connections:
    """The process's base connection for the current file version, handing out cursors."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._key: tuple[str, Stamp] | None = None
        self._active = 0

    @contextlib.contextmanager
    def cursor(self, path: Path, version: Stamp) -> Iterator[duckdb.DuckDBPyConnection]:
        key = (str(path), version)
        with self._cond:
            while self._key != key and self._active > 0:
                self._cond.wait()  # cursors on the old file must close before the new one can be opened
            if self._key != key:
                self._close_locked()
                self._con = duckdb.connect(str(path), read_only=True)
                self._key = key
            assert self._con is not None
            cur = self._con.cursor()
            self._active += 1
        try:
            yield cur
        finally:
            cur.close()
            with self._cond:
                self._active -= 1
                self._cond.notify_all()

    def _close_locked(self) -> None:
        if self._con is not None:
            self._con.close()
        self._con = None
        self._key = None

    def release(self) -> None:
        """Close the base connection once no cursor is in use (before building into the same path in-process)."""
        with self._cond:
            while self._active > 0:
                self._cond.wait()
            self._close_locked()


_POOL = _Connections()


class MissingDatabase(RuntimeError):
    """The database file is not there (app.py builds it on first start)."""


def release() -> None:
    """Close this process's connection to the database (call before an in-process build swaps the file)."""
    _POOL.release()


def _freeze(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def query_uncached(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run one parameterised read-only query and return a DataFrame."""
    path = db_path()
    version = stamp(path)
    if version is None:
        raise MissingDatabase(f"数据库文件不存在:{path}")
    with _POOL.cursor(path, version) as cur:
        return cur.execute(sql, [_thaw(p) for p in params]).df()


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(path: str, version: Stamp, sql: str, params: tuple) -> pd.DataFrame:
    # path and version are part of the cache key: a swapped-in build misses the cache
    with _POOL.cursor(Path(path), version) as cur:
        return cur.execute(sql, [_thaw(p) for p in params]).df()


def query(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Cached ``query_uncached``: same SQL, parameters and database file version -> the stored result."""
    path = db_path()
    version = stamp(path)
    if version is None:
        raise MissingDatabase(f"数据库文件不存在:{path}")
    return _cached(str(path), version, sql, _freeze(list(params)))


_BUILD_LOCK = threading.Lock()


def ensure_built(data_dir: Path = DATA_DIR) -> bool:
    """Build the database from ``data_dir`` if the file is missing; True if a build ran.

    This is how a newcomer sees data at once: ``streamlit run app.py`` on a fresh
    checkout builds data/reports.duckdb from the bundled seed reports.
    """
    with _BUILD_LOCK:
        path = db_path()
        if path.exists():
            return False
        from etl.build import build

        build(data_dir, path, progress=False)
        return True

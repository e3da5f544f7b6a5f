"""Read-only access to the reports database, with results cached per database file version.

- The path comes from ``REPORTS_DB`` (default ``REPORTS_DATA/reports.duckdb``, the data folder being
  data/ next to app.py unless ``REPORTS_DATA`` says otherwise); both are resolved by etl/paths.py, the
  one place the CLI, corrections and imports ask too.
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
- Results become DataFrames through ``frame``: the same frame as DuckDB's
  ``.df()``, with text columns taken through Arrow (``.df()`` spent ~0.1 s per
  text column of 100k rows making Python strings).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from etl import api

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = api.DEFAULT_DATA / api.DB_NAME  # when neither REPORTS_DB nor REPORTS_DATA is set
DATA_DIR = api.DEFAULT_DATA  # the default only: the folder in use is data_dir()

Stamp = tuple[int, int, int]
_LOG = logging.getLogger(__name__)


def db_path() -> Path:
    """The database the app reads: ``$REPORTS_DB`` or DATA/reports.duckdb (etl/paths.py)."""
    return api.db_path()


def data_dir() -> Path:
    """The folder of report files the app imports into and rebuilds from: ``$REPORTS_DATA`` or data/."""
    return api.data_dir()


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


# --- a database file that cannot be read (garbage, truncated): one check all pages go through ---------------

BROKEN_MESSAGE = "数据库文件已损坏或无法读取,页面暂时无法显示数据。重建数据库即可恢复(报告文件和更正记录不受影响)。"
# a database an earlier version of the ETL wrote: readable, but the pages read tables it does not have yet
OUTDATED_MESSAGE = ("数据库由旧版本生成,需要升级后才能显示。重建数据库即可升级:已提取的数据沿用,不重新提取"
                    "(报告文件和更正记录不受影响)。")
# the file version last checked -> None (readable) or the message; a page's failed query marks it unreadable
_HEALTH: dict[tuple[str, Stamp], str | None] = {}


class BrokenDatabase(RuntimeError):
    """The database file exists but cannot be read; ``str()`` is the Chinese message for users (no path)."""

    def __init__(self, message: str = BROKEN_MESSAGE) -> None:
        super().__init__(message)


def _version_key() -> tuple[str, Stamp] | None:
    path = db_path()
    version = stamp(path)
    return None if version is None else (str(path), version)


def mark_broken(exc: BaseException | None = None) -> str:
    """Remember that the file now in use failed to read (a page's query raised ``exc``); the user's message.

    Later checks of the same file version then fail at once, and a rebuild from the app knows to set
    the file aside instead of reusing it.
    """
    _LOG.warning("database unreadable: %r", exc)
    key = _version_key()
    if key is not None:
        _remember(key, BROKEN_MESSAGE)
    return BROKEN_MESSAGE


def _remember(key: tuple[str, Stamp], status: str | None) -> None:
    if key not in _HEALTH:
        _HEALTH.clear()  # only the file version in use is worth keeping
    _HEALTH[key] = status


def problem() -> str | None:
    """None when the database can be read; else why not, in Chinese without a path.

    Once per file version (a swapped-in build has a new version and is checked again): opens the file,
    reads one row of each view the pages use, and compares the file's size with the blocks DuckDB says
    are in use (a truncated file still opens and fails only when a missing block is read). A missing
    file is not a problem here: app.py builds it.
    """
    key = _version_key()
    if key is None:
        return None
    if key in _HEALTH:
        return _HEALTH[key]
    if _outdated(key):
        _remember(key, OUTDATED_MESSAGE)
        return OUTDATED_MESSAGE
    failure = _check(key)
    if _version_key() != key:  # a build swapped a file in meanwhile: what was opened may be the newer one,
        return problem()       # its blocks then judged by the older file's size; check the file now in place
    if failure is not None:
        _LOG.warning("database unreadable: %r", failure)
        _remember(key, BROKEN_MESSAGE)
        return BROKEN_MESSAGE
    _remember(key, None)
    return None


def _outdated(key: tuple[str, Stamp]) -> bool:
    """The file records an older schema version than this code writes (an upgrade installed, no build run yet)."""
    try:
        with _POOL.cursor(Path(key[0]), key[1]) as cur:
            version = cur.sql("SELECT max(version) FROM schema_version").fetchall()[0][0]
    except (duckdb.Error, OSError, IndexError):
        return False  # unreadable or foreign: _check says so
    return version is not None and int(version) < api.SCHEMA_VERSION


def _check(key: tuple[str, Stamp]) -> BaseException | None:
    """Read one row of each view the pages use and compare the file's size with the blocks in use; what failed."""
    try:
        with _POOL.cursor(Path(key[0]), key[1]) as cur:
            for view in ("documents_current", "figures_current"):
                cur.sql(f"SELECT * FROM {view} LIMIT 1").fetchall()  # our own view names, no user input
            block_size, used = cur.sql("SELECT block_size, used_blocks FROM pragma_database_size() "
                                       "WHERE database_name = current_database()").fetchall()[0]
    except (duckdb.Error, OSError, IndexError) as exc:  # any failure to read: the pages could not either
        return exc
    if key[1][2] < int(block_size) * int(used):
        return BrokenDatabase(f"file has {key[1][2]} bytes, {used} blocks of {block_size} in use")
    return None


# what reading a damaged file raises: IO errors, undecodable blocks, failed checksums (a bare duckdb.Error), and
# a missing view (a valid but foreign or empty DuckDB file); a mistake in a query (Binder, Parser, ...) is not one
_UNREADABLE = (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException,
               duckdb.CatalogException, MissingDatabase, BrokenDatabase)


def is_broken_error(exc: BaseException) -> bool:
    """True for the errors an unreadable, damaged or vanished database file raises in a page."""
    return isinstance(exc, _UNREADABLE) or type(exc) is duckdb.Error


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


def frame(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """The result of ``sql`` as DuckDB's ``.df()`` makes it (same columns, dtypes and values), only faster.

    ``.df()`` turns every VARCHAR value into a Python string first: 50-100 ms per text column of 100k rows,
    most of a large result's time. Text columns are therefore taken through Arrow (pandas stores ``str``
    columns in Arrow anyway), every other column through DuckDB as before. A text column without any
    non-NULL value stays on DuckDB's path, which gives it the object dtype; so does a result with two
    columns of one name (``.df()`` renames the second).
    """
    rel = cur.sql(sql, params=[_thaw(p) for p in params] or None)
    text = [i for i, t in enumerate(rel.types) if str(t) == "VARCHAR"]
    if not text or len(set(rel.columns)) < len(rel.columns):
        return rel.df()
    table = rel.to_arrow_table()
    text = [i for i in text if table.column(i).null_count < table.num_rows]
    rest = [i for i in range(table.num_columns) if i not in text]
    if not text:
        return cur.from_arrow(table).df()
    others = cur.from_arrow(table.select(rest)).df() if rest else pd.DataFrame(index=range(table.num_rows))
    columns = {i: table.column(i).to_pandas() if i in text else others.iloc[:, rest.index(i)]
               for i in range(table.num_columns)}
    out = pd.DataFrame(columns)
    out.columns = table.column_names
    return out


def query_uncached(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run one parameterised read-only query and return a DataFrame."""
    path = db_path()
    version = stamp(path)
    if version is None:
        raise MissingDatabase(f"数据库文件不存在:{path}")
    with _POOL.cursor(path, version) as cur:
        return frame(cur, sql, params)


_TABLES: dict[tuple[str, Stamp], frozenset[str]] = {}


def tables() -> frozenset[str]:
    """Names of the base tables in the database file now in use, looked up once per file version.

    Queries use it to read a summary table (etl/after/summaries.py) when the build made one.
    """
    path = db_path()
    version = stamp(path)
    if version is None:
        raise MissingDatabase(f"数据库文件不存在:{path}")
    key = (str(path), version)
    found = _TABLES.get(key)
    if found is None:
        with _POOL.cursor(path, version) as cur:
            found = frozenset(r[0] for r in cur.sql("SELECT table_name FROM duckdb_tables()").fetchall())
        _TABLES.clear()  # only the file version in use is worth keeping
        _TABLES[key] = found
    return found


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(path: str, version: Stamp, sql: str, params: tuple) -> pd.DataFrame:
    # path and version are part of the cache key: a swapped-in build misses the cache
    with _POOL.cursor(Path(path), version) as cur:
        return frame(cur, sql, params)


def query(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Cached ``query_uncached``: same SQL, parameters and database file version -> the stored result."""
    path = db_path()
    version = stamp(path)
    if version is None:
        raise MissingDatabase(f"数据库文件不存在:{path}")
    return _cached(str(path), version, sql, _freeze(list(params)))


_BUILD_LOCK = threading.Lock()


def ensure_built(folder: Path | None = None) -> bool:
    """Build the database from ``folder`` (default: the data folder) if the file is missing; True if a build ran.

    This is how a newcomer sees data at once: ``streamlit run app.py`` on a fresh
    checkout builds data/reports.duckdb from the bundled seed reports.
    """
    with _BUILD_LOCK:
        path = db_path()
        if path.exists():
            return False
        api.build(folder or data_dir(), path, progress=False)
        return True

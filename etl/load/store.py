"""The DuckDB store: schema, bulk writes, atomic swap.

One writer path for builds and in-app corrections alike (:func:`writer`, :func:`replacing`): under
the build lock a *new* file is written next to the live one and ``os.replace``d over
``data/reports.duckdb``; readers (the dashboard) never see half a write, and a crash leaves the
previous file untouched. Reads use read-only connections that are opened and closed per use.

Light at import (no pandas, no gazetteer): a rebuild with nothing to do uses only the lock,
the read-only connection and the temp-file helpers, and must start in a fraction of a second.
The functions that write tables import what they need when they run.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl.extract.confidence import REVIEW_BELOW
from etl.extract.values import PRIMARY_ORDER

if TYPE_CHECKING:
    import pandas as pd

SCHEMA_VERSION = 7  # 2: *_current rebuilt with corrections; 3: token_vocab; 4: figures.sentence; 5: scope, is_primary;
# 6: texts compressed, search_texts; 7: texts each compressed on their own (zstd), the one copy (etl/load/text_store.py);
# etl/load/migrate.py upgrades 5 and 6 by copying the rows: no re-extraction
SCHEMA_PATH = Path(__file__).resolve().parent / "schema.sql"
DEFAULT_DB = Path("data/reports.duckdb")

VIEWS = f"""
CREATE OR REPLACE VIEW figures_current AS
SELECT f.*, d.path, d.title, d.province, d.city, d.county, d.town, d.region_code, d.region_name,
       d.level, d.year, d.doc_type, d.is_synthetic, FALSE AS corrected, FALSE AS confirmed,
       row_number() OVER (PARTITION BY f.doc_id, f.metric, f.kind ORDER BY {PRIMARY_ORDER}) = 1 AS is_primary,
       f.confidence < {REVIEW_BELOW} AS needs_review
FROM figures f JOIN documents d USING (doc_id);
CREATE OR REPLACE VIEW documents_current AS SELECT d.*, FALSE AS corrected FROM documents d;
"""


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION])
    con.execute(VIEWS)


def write_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The metric catalogue and the region table (from the gazetteer)."""
    # here, not at the top: pandas and the gazetteer cost ~0.5 s to import, and a no-change build (which imports
    # this module for the lock and the swap) needs neither
    import pandas as pd

    from etl.extract import catalog
    from etl.extract.gazetteer import gazetteer

    metrics = pd.DataFrame([
        {"metric": m.key, "label_zh": m.label, "unit": m.unit, "grp": m.group, "grp_order": m.grp_order,
         "description": m.description} for m in catalog.load().values()])
    con.register("metrics_df", metrics)
    con.execute("INSERT INTO metrics SELECT metric, label_zh, unit, grp, grp_order, description FROM metrics_df")
    con.unregister("metrics_df")
    rows = []
    for p in gazetteer().regions():
        parent = None
        if p.level == "city":
            parent = p.province_code
        elif p.level == "county":
            parent = p.city_code if p.city_code and p.city_code != p.code else p.province_code
        rows.append({"code": p.code, "name": p.name, "level": p.level, "parent": parent})
    regions = pd.DataFrame(rows).drop_duplicates("code")
    con.register("regions_df", regions)
    con.execute("INSERT INTO regions SELECT code, name, level, parent FROM regions_df")
    con.unregister("regions_df")


def insert_df(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> None:
    """Append a DataFrame whose columns are named like the table's (any order)."""
    if df.empty:
        return
    con.register("_insert_df", df)
    cols = ", ".join(f'"{c}"' for c in df.columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _insert_df")  # table/cols are ours, not user input
    con.unregister("_insert_df")


@contextlib.contextmanager
def read_only(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        yield con
    finally:
        con.close()


def schema_version(db_path: Path) -> int | None:
    """The schema version of an existing database, None if it has none or cannot be read."""
    if not db_path.exists():
        return None
    try:
        with read_only(db_path) as con:
            return int(con.execute("SELECT max(version) FROM schema_version").fetchone()[0])
    except duckdb.Error:
        return None


@contextlib.contextmanager
def build_lock(db_path: Path) -> Iterator[None]:
    """One build at a time per database (a second one waits)."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def temp_path(db_path: Path) -> Path:
    """Where a build writes before the swap: a hidden file beside the live one (same filesystem, so
    ``os.replace`` is atomic), named after the database so that cleaning up never touches another one."""
    return db_path.with_name(f".build-{db_path.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}.duckdb")


# temp files named only by pid, left by older versions: builds, and the corrections' refresh of the live file
_PID_TEMP = re.compile(r"^\.(?:build|corrections)-(\d+)-[0-9a-f]{8}\.duckdb(?:\.wal)?$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(db_path: Path) -> list[Path]:
    """Delete what killed builds of ``db_path`` left behind (``.build-*.duckdb``, their ``.wal``, staging folders).

    Call it holding ``build_lock(db_path)``: then no other build of this database is running,
    so every temp file of it is stale. Temp files named only by a pid (``.build-PID-*``,
    ``.corrections-PID-*``) are removed only when the process that wrote them is gone.
    """
    removed = []
    for p in [*db_path.parent.glob(".build-*"), *db_path.parent.glob(".corrections-*")]:
        m = _PID_TEMP.match(p.name)
        if p.name.startswith(f".build-{db_path.name}-") or (m and not _alive(int(m.group(1)))):
            with contextlib.suppress(FileNotFoundError):
                if p.is_dir():  # a build's staging folder, or DuckDB's spill folder
                    shutil.rmtree(p)
                else:
                    p.unlink()
                removed.append(p)
    return removed


@contextlib.contextmanager
def writer(db_path: Path) -> Iterator[list[Path]]:
    """The one writer of ``db_path``: the build lock held, what killed writers left removed (yielded).

    Builds (etl/load/build.py) and in-app corrections (etl/after/live.py) both come through here, so a
    correction saved during a build waits for it instead of swapping in a file the build then overwrites.
    """
    with build_lock(db_path):
        yield remove_stale_temps(db_path)


@contextlib.contextmanager
def replacing(db_path: Path) -> Iterator[Path]:
    """A temp path beside ``db_path`` to write the next version into; swapped in when the block ends normally.

    Whatever happens, no temp file stays (the file, its .wal, DuckDB's spill folder). Call it inside
    :func:`writer`. An exception in the block (a refused empty build, a full disk) leaves the live file as it was.
    """
    tmp = temp_path(db_path)
    try:
        yield tmp
        swap_in(tmp, db_path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            if leftover.exists():
                leftover.unlink()
        shutil.rmtree(tmp.with_name(tmp.name + ".tmp"), ignore_errors=True)  # DuckDB's spill folder


def copy_live(db_path: Path, tmp: Path) -> None:
    """Copy the live file (and its .wal, if any) to ``tmp``, the start of a write that changes only some rows.

    ``copyfile``, not ``copy2``: the new mtime tells the app to reconnect.
    """
    shutil.copyfile(db_path, tmp)
    wal = db_path.with_name(db_path.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, tmp.with_name(tmp.name + ".wal"))


def swap_in(new_path: Path, db_path: Path) -> None:
    """Atomically replace ``db_path`` by the finished ``new_path``."""
    fd = os.open(new_path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(new_path, db_path)
    dir_fd = os.open(db_path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)

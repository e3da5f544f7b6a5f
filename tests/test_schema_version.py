"""Schema and extractor versions (etl/load/migrate.py): a database from another version is never reused.

The database records its schema version; a build over a database whose schema (or
extractor) version differs from the code's re-extracts every file instead of copying old
rows, and the result equals a build from scratch. Corrections live in
data/corrections.jsonl, so such a rebuild keeps them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from test_build import make_data, query, received, snapshot

from etl import EXTRACTOR_VERSION
from etl.after import corrections
from etl.load import build as build_module
from etl.load import migrate, store
from etl.load.build import build


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    data = make_data(tmp_path)
    db = tmp_path / "db" / "reports.duckdb"
    build(data, db, progress=False, with_tokens=False)
    return data, db


def tamper(db: Path, *sql: str) -> None:
    con = duckdb.connect(str(db))
    try:
        for s in sql:
            con.execute(s)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def test_database_records_its_versions(built: tuple[Path, Path]) -> None:
    _, db = built
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert query(db, "SELECT DISTINCT extractor_version FROM etl_runs") == [(EXTRACTOR_VERSION,)]
    prev = migrate.previous_build(db)
    assert (prev.reusable, prev.schema_version, sorted(prev.files)) == (True, store.SCHEMA_VERSION,
                                                                         ["a.txt", "b.txt", "c.txt"])


@pytest.mark.parametrize("delta", [-3, +1])  # -1 and -2, schemas 6 and 5, are upgraded without extracting
# (tests/test_text_store.py)
def test_other_schema_version_triggers_full_reextraction(built: tuple[Path, Path], tmp_path: Path,
                                                         delta: int) -> None:
    data, db = built
    # mark the rows so that a reuse would show: old rows must not survive
    tamper(db, f"UPDATE schema_version SET version = {store.SCHEMA_VERSION + delta}",
           "UPDATE figures SET value = -1")
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_read, s.files_reused) == (3, 0)
    assert "数据库结构版本" in s.note
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert query(db, "SELECT count(*) FROM figures WHERE value = -1") == [(0,)]
    fresh = tmp_path / "fresh.duckdb"
    build(data, fresh, progress=False, with_tokens=False)
    assert snapshot(db) == snapshot(fresh)


def test_extractor_version_change_triggers_full_reextraction(built: tuple[Path, Path],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    data, db = built
    monkeypatch.setattr(migrate, "EXTRACTOR_VERSION", "next")
    monkeypatch.setattr(build_module, "EXTRACTOR_VERSION", "next")
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_read, s.files_reused) == (3, 0)
    assert "提取程序版本" in s.note
    s = build(data, db, progress=False, with_tokens=False)  # and from then on it is reused again
    assert (s.files_read, s.files_reused) == (0, 3) and "版本" not in s.note


def test_legacy_layout_and_garbage_database_are_rebuilt(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    db = tmp_path / "reports.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_version (version INTEGER)")
    con.execute("INSERT INTO schema_version VALUES (0)")
    con.execute("CREATE TABLE files (path VARCHAR, hash VARCHAR)")  # an older layout: no status, no size
    con.execute("INSERT INTO files VALUES ('a.txt', 'x')")
    con.close()
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_read, s.files_reused) == (3, 0)
    assert received(db) == {"a.txt": 11, "b.txt": 22, "c.txt": 33}

    db.write_bytes(b"not a duckdb file at all" * 100)
    assert migrate.previous_build(db).reusable is False
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_read, s.files_reused) == (3, 0)
    assert received(db) == {"a.txt": 11, "b.txt": 22, "c.txt": 33}


def test_corrections_survive_a_schema_rebuild(built: tuple[Path, Path]) -> None:
    data, db = built
    (fid,) = query(db, "SELECT f.figure_id FROM figures f JOIN documents d USING (doc_id) "
                       "WHERE d.path = 'b.txt' AND f.metric = 'reconsideration.received'")[0]
    corrections.append(corrections.log_path(data), corrections.make(
        "edit_figure", author="测试", reason="原文表格为 25 件", figure_id=fid, payload={"value": 25}))
    tamper(db, f"UPDATE schema_version SET version = {store.SCHEMA_VERSION - 3}")  # not 5 or 6: upgraded by copying rows
    s = build(data, db, progress=False, with_tokens=False)
    assert s.files_reused == 0
    assert query(db, "SELECT value, corrected FROM figures_current WHERE figure_id = ?", [fid]) == [(25.0, True)]
    assert query(db, "SELECT value FROM figures WHERE figure_id = ?", [fid]) == [(22.0,)]  # re-extracted raw row


def test_a_rule_change_reextracts_an_existing_database(tmp_path: Path) -> None:
    """Upgrade as a user meets it: `python -m etl build` over a database made by the code before a rule changed.

    A copy of etl/ stands for the installed code; editing one wording of its catalogue changes the
    extractor version, and the next build re-reads every file instead of keeping the old rows.
    """
    import json
    import os
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = tmp_path / "code"
    shutil.copytree(root / "etl", code / "etl", ignore=shutil.ignore_patterns("__pycache__"))
    data = make_data(tmp_path)
    db = tmp_path / "reports.duckdb"
    env = {**os.environ, "PYTHONPATH": str(code)}

    def run() -> dict:
        out = subprocess.run([sys.executable, "-m", "etl", "build", "--data", str(data), "--db", str(db),
                              "--no-progress", "--json"], cwd=code, env=env, capture_output=True, text=True,
                             check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    assert run()["files_read"] == 3
    assert run()["files_read"] == 0  # nothing changed: rows reused
    catalogue = code / "etl" / "extract" / "catalog" / "metrics.toml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace('intake = "收到|', 'intake = "收悉|收到|', 1),
                         encoding="utf-8")
    summary = run()
    assert (summary["files_read"], summary["files_reused"]) == (3, 0)
    assert "提取程序版本" in summary["note"]

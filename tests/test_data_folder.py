"""One data folder: REPORTS_DATA says where the reports (and corrections, and uploads) are, for the CLI and the app.

The tester's case: REPORTS_DB outside the data folder made the app rebuild from the database's folder
("重建完成:0 个文件", the dashboard emptied) and write corrections the CLI build never read. Also: a
rebuild that would drop every document asks first (CLI: --allow-empty; app: a confirmation step), and
copies left by killed saves and builds do not pile up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import QINGHAI, QUJIANG, fetch_one
from corpora import SEEDS
from streamlit.testing.v1 import AppTest

from etl.after import corrections as corr
from etl.after import live
from etl.load import store
from etl.load.build import build

ROOT = Path(__file__).resolve().parents[1]


def count(db: Path, table: str = "documents") -> int:
    from dashboard import db as app_db

    app_db.release()  # a page's open connection would make DuckDB hand back the file as it was before a swap
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # table names are this test's
    finally:
        con.close()


def one(db: Path, sql: str, params: list | None = None) -> tuple:
    """A row from the database after the app let go of it (a rebuild swapped the file)."""
    from dashboard import db as app_db

    app_db.release()
    return fetch_one(db, sql, params)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two seed reports in data/ and their database in db/ (a folder of its own, as the tester had it)."""
    root = tmp_path_factory.mktemp("data_folder")
    (root / "data").mkdir()
    for name in (QUJIANG, QINGHAI):
        shutil.copy(SEEDS / name, root / "data" / name)
    (root / "db").mkdir()
    build(root / "data", root / "db" / "reports.duckdb", progress=False)
    return root


@pytest.fixture
def apart(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(data folder, database outside it), both set in the environment the app and the CLI read."""
    shutil.copytree(template, tmp_path / "t")
    data, db = tmp_path / "t" / "data", tmp_path / "t" / "db" / "reports.duckdb"
    monkeypatch.setenv("REPORTS_DATA", str(data))
    monkeypatch.setenv("REPORTS_DB", str(db))
    monkeypatch.delenv("REPORTS_ADMIN_PASSWORD", raising=False)
    return data, db


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``python -m etl build ...`` from ``cwd`` (not the repo), with the test's environment."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "etl", "build", "--no-progress", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def page(name: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=180)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# --- one answer for where things are --------------------------------------------------------------------------

def test_one_setting_says_where_the_reports_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import db as app_db
    from etl import paths

    monkeypatch.delenv("REPORTS_DB", raising=False)
    monkeypatch.delenv("REPORTS_DATA", raising=False)
    assert paths.data_dir() == ROOT / "data" and paths.db_path() == ROOT / "data" / "reports.duckdb"
    monkeypatch.setenv("REPORTS_DATA", str(tmp_path / "reports"))
    assert paths.data_dir() == tmp_path / "reports"
    assert paths.db_path() == tmp_path / "reports" / "reports.duckdb"
    assert paths.corrections_log() == corr.log_path(tmp_path / "reports") == tmp_path / "reports" / corr.LOG_NAME
    monkeypatch.setenv("REPORTS_DB", str(tmp_path / "elsewhere" / "x.duckdb"))
    assert paths.data_dir() == tmp_path / "reports"  # the database's folder is never taken for the data folder
    assert (app_db.data_dir(), app_db.db_path()) == (paths.data_dir(), tmp_path / "elsewhere" / "x.duckdb")


def test_cli_build_defaults_to_the_apps_folders(apart: tuple[Path, Path], tmp_path: Path) -> None:
    data, db = apart
    (data / QINGHAI).unlink()
    done = cli("--json", cwd=tmp_path)  # run from elsewhere: no ./data there
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["db_path"] == str(db)
    assert count(db) == 1


# --- the tester's case: REPORTS_DB outside the data folder ----------------------------------------------------

def test_app_rebuild_reads_the_data_folder_not_the_databases(apart: tuple[Path, Path]) -> None:
    _, db = apart
    docs = count(db)
    assert docs > 0
    at = click(page("import_reports"), "重建数据库")
    assert any(f"{docs} 份报告" in s.value and "2 个文件" in s.value for s in at.success), [
        x.value for x in [*at.success, *at.error, *at.warning]]
    assert count(db) == docs


def test_app_correction_goes_where_the_cli_build_reads_it(apart: tuple[Path, Path], tmp_path: Path) -> None:
    data, db = apart
    fid, doc_id = one(db, "SELECT figure_id, doc_id FROM figures_current WHERE metric = 'mediation.disputes'")
    at = page("quality", {"doc": doc_id})
    at.radio(key="q_action").set_value("修改数值").run()
    at.selectbox(key="q_fig").set_value(fid).run()
    at.number_input(key=f"q_value_{fid}").set_value(1339.0)
    at.text_input(key="q_fig_reason").set_value("原文为1339宗")
    click(at, "保存更正")
    assert any("已保存" in s.value for s in at.success)
    assert corr.log_path(data).exists() and not corr.log_path(db.parent).exists()
    (data / QINGHAI).touch()  # something changed, so the build really rewrites the database
    os.utime(data / QINGHAI, (1, 1))
    done = cli(cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert one(db, "SELECT value, corrected FROM figures_current WHERE figure_id = ?", [fid]) == (1339.0, True)


def test_upload_goes_to_the_data_folder(apart: tuple[Path, Path]) -> None:
    data, db = apart
    text = "西宁市城中区2023年法治政府建设年度报告\n全年共收到行政复议申请45件。\n".encode()
    at = page("import_reports")
    at.file_uploader(key="import_files").set_value([("城中区.txt", text, "text/plain")])
    at.run()
    click(at, "导入并更新数据库")
    assert (data / "uploads" / "城中区.txt").read_bytes() == text
    assert not (db.parent / "uploads").exists()
    assert count(db) == 3


# --- a rebuild that would empty the dashboard asks first ------------------------------------------------------

def test_cli_refuses_a_rebuild_that_drops_every_document(apart: tuple[Path, Path], tmp_path: Path) -> None:
    _, db = apart
    empty = tmp_path / "empty"
    empty.mkdir()
    before = store_stamp(db)
    done = cli("--data", str(empty), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 3
    assert "未重建" in done.stderr and "--allow-empty" in done.stderr and "Refused" in done.stderr
    assert "Traceback" not in done.stderr
    assert store_stamp(db) == before and count(db) == 2
    assert not [p for p in db.parent.iterdir() if p.name.startswith(".build-")]  # no temp copy left
    done = cli("--data", str(empty), "--db", str(db), "--allow-empty", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert count(db) == 0


def test_build_api_refuses_too_and_a_first_empty_build_is_fine(apart: tuple[Path, Path], tmp_path: Path) -> None:
    from etl.load.build import EmptyRebuild

    _, db = apart
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(EmptyRebuild) as err:
        build(empty, db, progress=False)
    assert err.value.live_documents == 2 and count(db) == 2
    assert build(empty, tmp_path / "new.duckdb", progress=False).documents == 0  # nothing to lose


def test_app_asks_before_a_rebuild_that_empties_the_dashboard(apart: tuple[Path, Path], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _, db = apart
    empty = tmp_path / "wrong"
    empty.mkdir()
    monkeypatch.setenv("REPORTS_DATA", str(empty))  # a mistyped data folder
    at = click(page("import_reports"), "重建数据库")
    assert any("2 份报告" in w.value and "清空" in w.value for w in at.warning), [w.value for w in at.warning]
    assert not at.error and not any("重建完成" in s.value for s in at.success)
    assert count(db) == 2
    at = click(at, "取消")
    assert not at.warning and count(db) == 2
    at = click(click(at, "重建数据库"), "仍然重建(清空看板)")
    assert any("看板已清空" in s.value for s in at.success)
    assert count(db) == 0


# --- temp copies left by killed saves and builds --------------------------------------------------------------

def store_stamp(db: Path) -> tuple[int, int]:
    st = db.stat()
    return st.st_mtime_ns, st.st_ino


def test_a_save_cleans_the_copies_killed_saves_and_builds_left(apart: tuple[Path, Path]) -> None:
    data, db = apart
    left = [db.parent / ".corrections-999999999-0123abcd.duckdb",  # an older app's save, killed
            store.temp_path(db), db.parent / f"{store.temp_path(db).name}.wal"]  # a build or a save, killed
    for p in left:
        p.write_bytes(b"x" * 1000)
    stage = db.parent / (store.temp_path(db).name.removesuffix(".duckdb") + ".stage")
    stage.mkdir()
    other = db.parent / ".build-other.duckdb-1-0123abcd.duckdb"  # another database's: not ours to remove
    other.write_bytes(b"x")
    fid, doc_id = one(db, "SELECT figure_id, doc_id FROM figures_current LIMIT 1")
    live.save(corr.make("delete_figure", author="a", reason="重复", figure_id=fid, doc_id=doc_id), db, data)
    assert [p for p in [*left, stage] if p.exists()] == []
    assert other.exists()
    assert one(db, "SELECT count(*) FROM figures_current WHERE figure_id = ?", [fid]) == (0,)

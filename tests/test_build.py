"""Incremental and atomic builds (etl/load/build.py, etl/load/store.py).

- a second build re-reads nothing; a changed file is the only one re-read; a deleted file's
  rows go; a touched but unchanged file keeps its rows;
- identical files count once (one 'dedupe' row), and an incremental build flags the same
  file as a build from scratch;
- files that failed are retried; one broken file never stops the batch;
- the result does not depend on --workers;
- a build that fails leaves the live database byte-for-byte as it was, and a finished one
  replaces the file (readers holding the old one keep their data).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from corpora import SEEDS, texts

from etl.after import steps as post_build
from etl.load.build import build
from etl.load.build_child import run_build
from etl.load.text_store import Codec

ROOT = Path(__file__).resolve().parent.parent
SEED = texts(SEEDS)[0]
REPORTS = {
    "a.txt": "甲县人民政府\n甲县2023年法治政府建设年度报告\n2023年,全年共收到行政复议申请11件,受理行政复议案件10件。\n",
    "b.txt": "乙县人民政府\n乙县2023年法治政府建设年度报告\n2023年,全年共收到行政复议申请22件。调解成功率为97%。\n",
    "c.txt": "丙县人民政府\n丙县2023年法治政府建设年度报告\n2023年,全年共收到行政复议申请33件,已全部办结。\n",
}
# columns that hold the wall clock (or a random id), not a result of the build
VOLATILE = {"etl_runs": {"run_id", "started_at", "finished_at", "seconds"}, "documents": {"added_at"},
            "documents_current": {"added_at"}, "figures_current": set(),
            "schema_version": {"created_at"}}


def snapshot(db: Path, skip: tuple[str, ...] = (), volatile: dict[str, set[str]] | None = None) -> dict[str, list]:
    """Every base table's rows (sorted), without the columns in ``volatile``: what a build produced."""
    volatile = VOLATILE if volatile is None else volatile
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        out = {}
        for t in tables:
            if t in skip:
                continue
            cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                              "WHERE table_name = ? ORDER BY ordinal_position", [t]).fetchall()]
            keep = ", ".join(f'"{c}"' for c in cols if c not in volatile.get(t, set()))
            out[t] = sorted(con.execute(f'SELECT {keep} FROM "{t}"').fetchall(), key=repr)  # names from the catalog
        if "text_zdict" in out:  # an encoding of texts whose dictionary is the first build's: compared decoded
            codec = Codec(bytes(out.pop("text_zdict")[0][0]))
            out["texts"] = sorted((d, codec.decode(b)) for d, b in out["texts"])
        return out
    finally:
        con.close()


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def make_data(root: Path, reports: dict[str, str] = REPORTS) -> Path:
    data = root / "data"
    data.mkdir()
    for name, text in reports.items():
        (data / name).write_text(text, encoding="utf-8")
    return data


def bump_mtime(p: Path) -> None:
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def received(db: Path) -> dict[str, float]:
    return dict(query(db, "SELECT d.path, f.value FROM figures f JOIN documents d USING (doc_id) "
                          "WHERE f.metric = 'reconsideration.received'"))


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    data = make_data(tmp_path)
    db = tmp_path / "db" / "reports.duckdb"
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_read, s.files_reused, s.errors) == (3, 0, 0)
    return data, db


def test_second_build_reuses_everything_and_leaves_the_file_alone(built: tuple[Path, Path]) -> None:
    data, db = built
    digest, st = hashlib.sha256(db.read_bytes()).hexdigest(), db.stat()
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_seen, s.files_read, s.files_reused, s.documents) == (3, 0, 3, 3)
    assert s.figures == query(db, "SELECT count(*) FROM figures")[0][0] == 5
    assert "无变化" in s.line()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest  # not rewritten: dashboard caches stay valid
    assert (db.stat().st_ino, db.stat().st_mtime_ns) == (st.st_ino, st.st_mtime_ns)


def test_touched_file_rebuild_carries_the_run_history(built: tuple[Path, Path]) -> None:
    data, db = built
    before = snapshot(db, volatile={"etl_runs": VOLATILE["etl_runs"], "schema_version": {"created_at"},
                                    "files": {"mtime"}})
    bump_mtime(data / "c.txt")
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_seen, s.files_read, s.files_reused) == (3, 0, 3)  # read, found unchanged, reused
    after = snapshot(db, volatile={"etl_runs": VOLATILE["etl_runs"], "schema_version": {"created_at"},
                                   "files": {"mtime"}})
    assert len(after.pop("etl_runs")) == len(before.pop("etl_runs")) + 1  # the run history is carried over
    assert after == before  # added_at included: the documents were first seen by the first build


def test_changed_file_is_the_only_one_reread(built: tuple[Path, Path]) -> None:
    data, db = built
    old_ids = dict(query(db, "SELECT path, doc_id FROM documents"))
    (data / "b.txt").write_text(REPORTS["b.txt"].replace("22件", "23件"), encoding="utf-8")
    bump_mtime(data / "b.txt")
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_read, s.files_reused) == (1, 2)
    assert received(db) == {"a.txt": 11, "b.txt": 23, "c.txt": 33}
    new_ids = dict(query(db, "SELECT path, doc_id FROM documents"))
    assert new_ids["a.txt"] == old_ids["a.txt"] and new_ids["c.txt"] == old_ids["c.txt"]
    assert new_ids["b.txt"] != old_ids["b.txt"]
    assert query(db, "SELECT count(*) FROM texts WHERE doc_id = ?", [old_ids["b.txt"]]) == [(0,)]


def test_touched_file_with_same_content_keeps_its_rows(built: tuple[Path, Path]) -> None:
    data, db = built
    added = dict(query(db, "SELECT path, added_at FROM documents"))
    bump_mtime(data / "a.txt")
    s = build(data, db, progress=False, with_tokens=False)
    assert s.files_reused == 3
    assert dict(query(db, "SELECT path, added_at FROM documents")) == added
    assert query(db, "SELECT mtime FROM files WHERE path = 'a.txt'") == [((data / "a.txt").stat().st_mtime,)]


def test_deleted_file_rows_go(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    db = tmp_path / "reports.duckdb"
    build(data, db, progress=False, with_tokens=True)
    (gone,) = query(db, "SELECT doc_id FROM documents WHERE path = 'b.txt'")
    assert query(db, "SELECT count(*) FROM doc_tokens WHERE doc_id = ?", list(gone))[0][0] > 0
    (data / "b.txt").unlink()
    s = build(data, db, progress=False, with_tokens=True)
    assert (s.files_seen, s.files_read, s.files_reused) == (2, 0, 2)
    assert query(db, "SELECT count(*) FROM files WHERE path = 'b.txt'") == [(0,)]
    for table in ("documents", "texts", "figures", "doc_tokens"):
        assert query(db, f"SELECT count(*) FROM {table} WHERE doc_id = ?", list(gone)) == [(0,)], table
    assert received(db) == {"a.txt": 11, "c.txt": 33}
    assert query(db, "SELECT count(*) FROM doc_tokens")[0][0] > 0  # the others' tokens were carried over


def test_identical_file_gives_one_dedupe_row(built: tuple[Path, Path]) -> None:
    data, db = built
    shutil.copy(data / "a.txt", data / "zz 副本.txt")
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_read, s.files_reused, s.documents, s.errors) == (1, 3, 3, 1)
    assert query(db, "SELECT path, stage, message FROM ingest_errors") == [
        ("zz 副本.txt", "dedupe", "与 a.txt 内容完全相同,未重复计入")]
    assert query(db, "SELECT status, parts FROM files WHERE path = 'zz 副本.txt'") == [("error", 0)]
    s = build(data, db, progress=False, with_tokens=False)  # an unchanged duplicate is not read again
    assert (s.files_read, s.files_reused, s.errors) == (0, 3, 1)
    assert query(db, "SELECT path, stage FROM ingest_errors") == [("zz 副本.txt", "dedupe")]


def test_dedupe_does_not_depend_on_build_history(built: tuple[Path, Path], tmp_path: Path) -> None:
    """A copy that sorts before the original wins, as it would in a build from scratch."""
    data, db = built
    shutil.copy(data / "a.txt", data / "0 copy.txt")
    build(data, db, progress=False, with_tokens=False)
    assert query(db, "SELECT path, stage FROM ingest_errors") == [("a.txt", "dedupe")]
    fresh = tmp_path / "fresh.duckdb"
    build(data, fresh, progress=False, with_tokens=False)
    assert snapshot(db, skip=("etl_runs",)) == snapshot(fresh, skip=("etl_runs",))
    # and once the copy is gone, the original is read and counted again
    (data / "0 copy.txt").unlink()
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_read, s.files_reused) == (1, 2)
    assert query(db, "SELECT count(*) FROM ingest_errors") == [(0,)]
    assert received(db) == {"a.txt": 11, "b.txt": 22, "c.txt": 33}


def test_failed_file_is_retried_next_build(tmp_path: Path) -> None:
    data = make_data(tmp_path, {"a.txt": REPORTS["a.txt"] * 3000})  # ~0.4 MB
    db = tmp_path / "reports.duckdb"
    s = build(data, db, progress=False, with_tokens=False, max_file_mb=0.1)
    assert (s.documents, s.errors) == (0, 1)
    assert "文件过大" in query(db, "SELECT message FROM ingest_errors")[0][0]
    s = build(data, db, progress=False, with_tokens=False)  # same file, same stat, default limit
    assert (s.files_read, s.documents, s.errors) == (1, 1, 0)


def test_batch_with_one_broken_file(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    (data / "broken.docx").write_bytes(b"this is not a zip file")
    db = tmp_path / "reports.duckdb"
    s = build(data, db, progress=False, with_tokens=False)
    assert (s.files_seen, s.documents, s.errors) == (4, 3, 1)
    assert received(db) == {"a.txt": 11, "b.txt": 22, "c.txt": 33}
    assert query(db, "SELECT path, stage, message FROM ingest_errors") == [
        ("broken.docx", "read", "这个 .docx 文件已损坏(不是有效的 Word 文档)")]


def test_workers_do_not_change_the_result(tmp_path: Path) -> None:
    reports = dict(REPORTS)
    reports["d.txt"] = SEED.read_text(encoding="utf-8")
    reports["e.txt"] = REPORTS["a.txt"].replace("甲", "戊")
    data = make_data(tmp_path, reports)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    build(data, one, workers=1, progress=False, with_tokens=True)
    s = build(data, two, workers=2, progress=False, with_tokens=True)
    assert s.files_read == 5
    vol = {**VOLATILE, "etl_runs": VOLATILE["etl_runs"] | {"workers"}}
    assert snapshot(one, volatile=vol) == snapshot(two, volatile=vol)


@pytest.mark.parametrize("churn", [0.25, 10.0], ids=["full write", "delta write"])
def test_failed_build_leaves_the_live_database_untouched(built: tuple[Path, Path], churn: float,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    data, db = built
    monkeypatch.setattr("etl.load.build.DELTA_MAX_CHURN", churn)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    (data / "b.txt").write_text(REPORTS["b.txt"].replace("22件", "23件"), encoding="utf-8")

    def boom(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
        raise RuntimeError("post-build step failed")

    monkeypatch.setattr(post_build, "STEPS", [*post_build.STEPS, boom])
    with pytest.raises(RuntimeError):
        build(data, db, progress=False, with_tokens=False)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in db.parent.iterdir()) == ["reports.duckdb", "reports.duckdb.lock"]
    assert received(db)["b.txt"] == 22


def test_swap_replaces_the_file_and_open_readers_keep_their_data(built: tuple[Path, Path]) -> None:
    data, db = built
    inode = db.stat().st_ino
    reader = duckdb.connect(str(db), read_only=True)
    try:
        (data / "d.txt").write_text(REPORTS["a.txt"].replace("甲", "丁").replace("11件", "44件"), encoding="utf-8")
        s = build(data, db, progress=False, with_tokens=False)
        assert s.documents == 4
        assert reader.execute("SELECT count(*) FROM documents").fetchone() == (3,)  # the old file, still whole
    finally:
        reader.close()
    assert db.stat().st_ino != inode  # a new file was swapped in; the old one was never written to
    assert received(db)["d.txt"] == 44


def test_progress_callback_counts_files_from_the_build_loop(tmp_path: Path) -> None:
    """``on_progress(done, total)`` comes from the extraction loop itself: rising to the number of files read."""
    data = make_data(tmp_path)
    for i in range(40):  # more than one chunk of files
        (data / f"x{i:02d}.txt").write_text(REPORTS["a.txt"].replace("11件", f"{100 + i}件"), encoding="utf-8")
    calls: list[tuple[int, int]] = []
    s = build(data, tmp_path / "r.duckdb", progress=False, with_tokens=False,
              on_progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 1 and {t for _, t in calls} == {s.files_read}
    assert [d for d, _ in calls] == sorted(d for d, _ in calls) and calls[-1][0] == s.files_read == 43


def test_child_build_reports_progress_lines_and_the_summary(tmp_path: Path) -> None:
    """The app's build in a child process: the build loop's counts arrive as calls, not parsed from a bar."""
    data = make_data(tmp_path)
    db = tmp_path / "r.duckdb"
    calls: list[tuple[int, int]] = []
    outcome = run_build(data, db, lambda done, total: calls.append((done, total)))
    assert outcome.ok and outcome.summary["files_read"] == 3 and outcome.summary["db_path"] == str(db)
    assert calls and calls[-1] == (3, 3)
    again = run_build(data, db, lambda done, total: calls.append((done, total)))
    assert again.ok and again.summary["files_read"] == 0 and calls[-1] == (3, 3)  # nothing read: no call


def test_cli_build_prints_the_summary_as_json(built: tuple[Path, Path]) -> None:
    data, db = built
    out = subprocess.run([sys.executable, "-m", "etl", "build", "--data", str(data), "--db", str(db),
                          "--no-progress", "--json"], cwd=ROOT, capture_output=True, text=True, check=True)
    summary = json.loads(out.stdout)
    assert (summary["files_seen"], summary["files_reused"], summary["errors"]) == (3, 3, 0)
    assert summary["db_path"] == str(db)


# --- delta builds: a copy of the last database with only the changed files' rows replaced ---------------------

def modes(db: Path) -> list[str]:
    return [r[0] for r in query(db, "SELECT mode FROM etl_runs ORDER BY finished_at")]


def change_everything_but_a(data: Path) -> None:
    """One file changed, one removed, one new, one new duplicate and one broken file."""
    (data / "b.txt").write_text(REPORTS["b.txt"].replace("22件", "23件"), encoding="utf-8")
    bump_mtime(data / "b.txt")
    (data / "c.txt").unlink()
    (data / "d.txt").write_text(REPORTS["a.txt"].replace("甲", "丁").replace("11件", "44件"), encoding="utf-8")
    shutil.copy(data / "a.txt", data / "e 副本.txt")
    (data / "f.docx").write_bytes(b"not a zip")


def test_delta_build_equals_a_build_from_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("etl.load.build.DELTA_MAX_CHURN", 10.0)  # patch the copy however much changed
    data = make_data(tmp_path)
    db = tmp_path / "db" / "reports.duckdb"
    build(data, db, progress=False, with_tokens=True)
    change_everything_but_a(data)
    s = build(data, db, progress=False, with_tokens=True)
    assert (s.files_read, s.files_reused, s.errors) == (4, 1, 2)
    assert modes(db) == ["full", "delta"]
    fresh = tmp_path / "fresh.duckdb"
    build(data, fresh, progress=False, with_tokens=True)
    assert snapshot(db, skip=("etl_runs",)) == snapshot(fresh, skip=("etl_runs",))
    assert received(db) == {"a.txt": 11, "b.txt": 23, "d.txt": 44}


def test_no_change_rebuild_skips_post_build_until_its_inputs_change(built: tuple[Path, Path],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data, db = built
    calls: list[str] = []
    monkeypatch.setattr(post_build, "STEPS", [*post_build.STEPS, lambda con, d: calls.append("ran")])
    build(data, db, progress=False, with_tokens=False)
    assert calls == [] and modes(db) == ["full"]  # nothing changed: nothing written
    (data / "corrections.jsonl").write_text("", encoding="utf-8")  # the log appears (empty): inputs changed
    build(data, db, progress=False, with_tokens=False)
    assert calls == ["ran"] and modes(db) == ["full", "delta"]
    build(data, db, progress=False, with_tokens=False)
    assert calls == ["ran"]
    bump_mtime(data / "a.txt")  # touched, same content: no row changes, post-build still skipped
    build(data, db, progress=False, with_tokens=False)
    assert calls == ["ran"] and modes(db) == ["full", "delta", "delta"]


def test_too_much_churn_writes_a_fresh_file(built: tuple[Path, Path]) -> None:
    data, db = built
    (data / "a.txt").write_text(REPORTS["a.txt"].replace("11件", "12件"), encoding="utf-8")  # 1 of 3 > 25%
    bump_mtime(data / "a.txt")
    build(data, db, progress=False, with_tokens=False)
    assert modes(db) == ["full", "full"]
    assert received(db)["a.txt"] == 12

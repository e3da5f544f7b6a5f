"""Writing a build: extract what changed, then write the new database file (full or delta).

The heavy half of ``python -m etl build``: pandas, pyarrow, the after-load steps (etl/after/steps.py)
and (through etl/load/build_extract.py) the extraction pipeline. etl/load/build.py, the light entry,
decides whether there is anything to do and imports this module only then, so a rebuild with nothing
to do starts in a fraction of a second; this module imports all of them at the top.
What is written, and why in this way (reused rows copied, delta writes, staged rows in path
order), is described in etl/load/build.py.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl.after import steps
from etl.load import migrate, store, text_store
from etl.load.build_extract import ChunkMap, FileResult, Stage, dedupe, run_extraction, settle_duplicates
from etl.load.build_plan import BuildSummary, Plan


def extract_and_write(tmp: Path, plan: Plan) -> BuildSummary:
    """Extract what changed (rows staged as they come), decide reuse and duplicates, write the new database
    at ``tmp``. The staging folder is removed whatever happens; ``tmp`` is the caller's to swap in or delete."""
    stage_name = tmp.name.removesuffix(".duckdb") + ".stage"
    stager = Stage(plan.stage_dir / stage_name if plan.stage_dir is not None else tmp.with_name(stage_name))
    try:
        return _extract_and_write(tmp, stager, plan)
    finally:
        stager.remove()


def _extract_and_write(tmp: Path, stager: Stage, plan: Plan) -> BuildSummary:
    reuse, workers, progress = plan.reuse, plan.workers, plan.progress
    with _engine(plan) as chunk_map:  # the cluster is let go before the assembly: its workers' memory back
        results = run_extraction(plan.todo, workers, progress, stager, plan.on_progress, chunk_map)
        # a touched file with the same content is reused too (keeps its added_at)
        kept = []
        for r in results:
            o = plan.old.get(r.path)
            if o is not None and o["status"] == "ok" and r.error is None and o["sha256"] == r.sha256:
                reuse[r.path] = o
            else:
                kept.append(r)
        still_dups, reread = settle_duplicates(plan.dups, reuse, kept, workers, progress, stager, plan.on_progress,
                                               chunk_map)
    kept += reread
    n_read = len(kept)
    stats = {rel: (size, mtime) for rel, _, size, mtime in plan.files}
    results = dedupe(sorted(kept + still_dups, key=lambda r: r.path), reuse, stats)
    run = _Run(sorted(reuse), results, stats, n_read, plan.data_dir, plan.started, plan.t0, workers, stager.path,
               plan.extractor_version)
    prev = plan.prev
    if prev.reusable and not prev.rewrite and _delta_pays(prev, run, plan.delta_max_churn):
        return _write_delta(tmp, plan.db_path, run)
    return _write(tmp, plan.db_path if prev.reusable else None, run)


@contextlib.contextmanager
def _engine(plan: Plan) -> Iterator[ChunkMap | None]:
    """Where the chunks run: None for the local process pool (run_extraction's own), else Dask's map."""
    if plan.engine != "dask":
        yield None
        return
    # Lazy on purpose: dask.distributed (~0.5 s to import, an optional install) is loaded only for --engine dask;
    # the default build and the no-change path never import it (tests/test_cli_fast.py, tests/test_dask_engine.py).
    from etl.load.dask_engine import dask_chunks

    with dask_chunks(plan.workers, plan.scheduler, plan.extractor_version) as chunk_map:
        yield chunk_map


def _frame(rows: list, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


DOC_COLS = ["doc_id", "path", "part", "title", "organ", "province", "city", "county", "town", "region_code",
            "region_name", "level", "year", "doc_type", "publish_date", "chars", "text_start", "text_end",
            "is_synthetic"]
FIG_COLS = ["figure_id", "doc_id", "metric", "value", "unit", "qualifier", "kind", "start", "end", "evidence",
            "rule", "confidence", "sentence", "scope"]

def _q(name: str) -> str:
    return f'"{name}"'


def _copy_reused(con: duckdb.DuckDBPyConnection, old_db: Path, reuse_paths: list[str],
                 stats: dict[str, tuple[int, float]]) -> None:
    """Copy the rows of unchanged files (and the run history) from the previous database."""
    con.execute("ATTACH ? AS old (READ_ONLY)", [str(old_db)])
    try:
        con.execute("INSERT INTO etl_runs SELECT * FROM old.etl_runs")
        if not reuse_paths:
            return
        reuse = pd.DataFrame({"path": reuse_paths, "size": [stats[p][0] for p in reuse_paths],
                              "mtime": [stats[p][1] for p in reuse_paths]})
        con.register("reuse", reuse)
        # the stat of today's file: a touched file with unchanged content keeps its rows
        con.execute("INSERT INTO files SELECT f.path, f.sha256, r.size, r.mtime, f.format, f.encoding, f.parts, "
                    "f.status FROM old.files f JOIN reuse r USING (path)")
        con.execute("INSERT INTO documents SELECT d.* FROM old.documents d JOIN reuse USING (path)")
        for table in ("doc_tokens", "figures"):  # table names are ours, not user input
            con.execute(f"INSERT INTO {table} SELECT t.* FROM old.{table} t "
                        "JOIN old.documents d USING (doc_id) JOIN reuse USING (path)")
        _copy_texts(con)
        con.unregister("reuse")
    finally:
        con.execute("DETACH old")


def _copy_texts(con: duckdb.DuckDBPyConnection) -> None:
    """The texts of the reused files: copied as they are with their dictionary (etl/load/text_store.py), or, from
    a database of schema 5 or 6 (one text per VARCHAR row), compressed as they are copied."""
    reused = "FROM old.texts t JOIN old.documents d USING (doc_id) JOIN reuse USING (path)"  # ours
    cols = {r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() "
                                      "WHERE database_name = 'old' AND table_name = 'texts'").fetchall()}
    if "body" in cols:
        con.execute("INSERT INTO text_zdict SELECT * FROM old.text_zdict")
        con.execute(f"INSERT INTO texts SELECT t.doc_id, t.body {reused}")
    else:
        text_store.insert_texts(con, f"SELECT t.doc_id, t.text {reused}")


@dataclass
class _Run:
    """What one build writes: reused paths, this build's file results, and its bookkeeping."""

    reuse_paths: list[str]
    results: list[FileResult]
    stats: dict[str, tuple[int, float]]
    n_read: int
    data_dir: Path
    started: datetime
    t0: float
    workers: int
    stage_path: Path
    extractor_version: str  # recorded in etl_runs: the next build reuses rows only under the same version

    def file_rows(self) -> pd.DataFrame:
        rows = [{"path": r.path, "sha256": r.sha256, "size": r.size, "mtime": r.mtime, "format": r.format,
                 "encoding": r.encoding, "parts": 0 if r.error else r.n_docs, "status": "error" if r.error else "ok"}
                for r in self.results]
        return pd.DataFrame(rows, columns=["path", "sha256", "size", "mtime", "format", "encoding", "parts", "status"])

    def errors(self) -> pd.DataFrame:
        return _frame([r.error for r in self.results if r.error is not None], ["path", "stage", "message", "detail"])

    def ok_paths(self) -> list[str]:
        return [r.path for r in self.results if r.error is None]


BUILD_MEMORY = "1GB"  # DuckDB's own limit on the build connection: sorts and joins spill to disk beyond it


def _tune(con: duckdb.DuckDBPyConnection, memory: str = BUILD_MEMORY) -> None:
    """Keep a build's memory flat: cap DuckDB's buffers (it spills to a temp file) and let it insert
    in any order (tables are compared as sets; the inserts that need an order say ORDER BY)."""
    con.execute(f"SET memory_limit = '{memory}'")  # a constant of this module
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")


def _delta_pays(prev: migrate.Previous, run: _Run, max_churn: float) -> bool:
    """Patch a copy of the last database unless too much of it (share ``max_churn`` of all files,
    etl.load.build.DELTA_MAX_CHURN) has been replaced since its last full write."""
    removed = len(set(prev.files) - set(run.stats))
    churn = prev.churn_since_full + run.n_read + removed
    return churn <= max_churn * max(1, len(run.stats))


def _finish(con: duckdb.DuckDBPyConnection, run: _Run, mode: str) -> BuildSummary:
    """Counts, the etl_runs row and a checkpoint: the end of either kind of write."""
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    n_figs = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    n_err = con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]
    seconds = time.perf_counter() - run.t0
    con.execute("INSERT INTO etl_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [uuid.uuid4().hex, run.started, datetime.now(), str(run.data_dir), len(run.stats), run.n_read,
                 len(run.reuse_paths), n_docs, n_figs, n_err, seconds, run.workers, run.extractor_version, mode])
    con.execute("CHECKPOINT")
    return BuildSummary(len(run.stats), run.n_read, len(run.reuse_paths), n_docs, n_figs, n_err, seconds, Path())


def _write(tmp: Path, old_db: Path | None, run: _Run) -> BuildSummary:
    """Full write: a new file with the reused rows copied over and this build's rows added, in path order."""
    con = duckdb.connect(str(tmp))
    try:
        _tune(con)
        store.create_schema(con)
        store.write_reference_tables(con)
        if old_db is not None:
            _copy_reused(con, old_db, run.reuse_paths, run.stats)
        store.insert_df(con, "files", run.file_rows())
        _move_staged(con, run.stage_path, run.ok_paths(), datetime.now())
        con.execute("INSERT INTO token_vocab SELECT DISTINCT token FROM doc_tokens ORDER BY token")
        store.insert_df(con, "ingest_errors", run.errors())
        steps.run(con, run.data_dir)
        return _finish(con, run, "full")
    finally:
        con.close()


def _write_delta(tmp: Path, db_path: Path, run: _Run) -> BuildSummary:
    """Delta write: a file copy of the last database in which only the rows of changed files are replaced.

    A no-change rebuild then costs a file copy and a few small writes instead of rewriting every row
    (48 s at 100k reports), and the post-build steps run only when their inputs changed.
    """
    store.copy_live(db_path, tmp)
    con = duckdb.connect(str(tmp))
    try:
        _tune(con)
        keep = pd.DataFrame({"path": run.reuse_paths, "size": [run.stats[p][0] for p in run.reuse_paths],
                             "mtime": [run.stats[p][1] for p in run.reuse_paths]})
        con.register("keep", keep)
        # documents of files not kept as they were: changed, removed, failed or now a duplicate
        con.execute("CREATE TEMP TABLE gone AS SELECT d.doc_id FROM documents d ANTI JOIN keep k USING (path)")
        n_gone = con.execute("SELECT count(*) FROM gone").fetchone()[0]
        if n_gone:
            for table in ("figures", "texts", "doc_tokens", "documents"):  # ours; documents last (figures refer to it)
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM gone)")
        con.execute("CREATE TEMP TABLE kept_files AS SELECT f.path, f.sha256, k.size, k.mtime, f.format, f.encoding, "
                    "f.parts, f.status FROM files f JOIN keep k USING (path)")
        con.execute("DELETE FROM files")
        con.execute("INSERT INTO files SELECT * FROM kept_files")
        con.unregister("keep")
        store.insert_df(con, "files", run.file_rows())
        con.execute("DELETE FROM ingest_errors WHERE stage <> 'corrections'")  # the log's own, kept by post-build
        store.insert_df(con, "ingest_errors", run.errors())
        ok_paths = run.ok_paths()
        _move_staged(con, run.stage_path, ok_paths, datetime.now())
        changed = bool(n_gone or ok_paths)
        if changed:
            con.execute("DELETE FROM token_vocab")
            con.execute("INSERT INTO token_vocab SELECT DISTINCT token FROM doc_tokens ORDER BY token")
        if changed or steps.recorded(con) != steps.fingerprint(run.data_dir):
            steps.run(con, run.data_dir)
        return _finish(con, run, "delta")
    finally:
        con.close()


def _move_staged(con: duckdb.DuckDBPyConnection, stage: Path, ok_paths: list[str], now: datetime) -> None:
    """Staged rows of the files that made it (not errors, not duplicates) into the new tables.

    Documents and figures go in path order (pages filter them; sorted rows keep DuckDB's zone maps tight);
    texts and tokens are only ever looked up by doc_id, and sorting 100k texts cost gigabytes.
    """
    if not ok_paths or not any(stage.glob("documents-*.parquet")):
        return
    con.register("ok_paths", pd.DataFrame({"path": ok_paths}))
    try:
        def src(name: str) -> str:
            return f"read_parquet('{stage / name}-*.parquet')"  # our temp folder, not user input

        cols = ", ".join(f"d.{c}" for c in DOC_COLS if c != "publish_date")
        con.execute(f"INSERT INTO documents ({', '.join(c for c in DOC_COLS if c != 'publish_date')}, publish_date, "
                    f"added_at) SELECT {cols}, CAST(d.publish_date AS DATE), ? "
                    f"FROM {src('documents')} d JOIN ok_paths USING (path) ORDER BY d.path, d.part", [now])
        text_store.insert_texts(con, f"SELECT t.doc_id, t.text FROM {src('texts')} t JOIN ok_paths USING (path)")
        if any(stage.glob("tokens-*.parquet")):
            con.execute(f"INSERT INTO doc_tokens SELECT t.doc_id, unnest(string_split(t.tokens, ' ')) "
                        f"FROM {src('tokens')} t JOIN ok_paths USING (path) WHERE t.tokens <> ''")
        if any(stage.glob("figures-*.parquet")):
            fcols = ", ".join(f"f.{_q(c)}" for c in FIG_COLS)
            con.execute(f"INSERT INTO figures ({', '.join(_q(c) for c in FIG_COLS)}) SELECT {fcols} "
                        f"FROM {src('figures')} f JOIN ok_paths USING (path) "
                        'ORDER BY f.path, f.doc_id, f."start", f."end", f.metric')
    finally:
        con.unregister("ok_paths")

"""`python -m etl build`: a folder of report files -> data/reports.duckdb, incrementally and atomically.

- Unchanged files (same size and mtime, or same content hash) are not
  re-extracted: their rows are copied from the previous database, but only
  when its schema and extractor versions are the code's (etl/load/migrate.py);
  otherwise every file is re-extracted. Files that failed last time are retried.
- A new file is built next to the live one and swapped in (etl/load/store.py); a
  build killed half-way leaves the live file as it was, and the next build
  deletes the temp files it left.
- One unreadable file becomes a row in ``ingest_errors``; the others go on.
  Identical files count once: the first in path order keeps the content, the
  others get a 'dedupe' row, whether the build is incremental or from scratch.
- ``--workers N`` extracts in N processes; rows are written in path order, so
  the result does not depend on N.
- A build that finds no document while the live database has some is not
  swapped in unless asked (``--allow-empty``): a wrong ``--data`` must not
  empty the dashboard. The default folders come from etl/paths.py.
- Hostile files cannot hold a build: each file has a time budget
  (etl/load/deadline.py), a text limit in characters (etl/read/readers.py), and only
  regular files inside the data folder are read (etl/read/admission.py: links out
  of it, pipes, devices, broken links and names that are not UTF-8 become
  error rows).

Three modules: this one is the light entry (scan the folder, decide what to do, lock, swap, CLI) and
imports neither pandas, pyarrow nor the extractor, so a rebuild with nothing to do costs little more
than starting Python; etl/load/build_write.py (writing, with pandas) and etl/load/build_extract.py
(extraction, with the pipeline and pyarrow) are imported only when some file has to be read;
etl/load/build_plan.py holds the plan and the summary both halves share.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb

from etl import EXTRACTOR_VERSION, paths
from etl.load import migrate, store
from etl.load.build_plan import BuildSummary, Plan, Progress
from etl.load.deadline import file_seconds
from etl.read import admission
from etl.read.readers import SUFFIXES, UNSUPPORTED

SKIP_DIRS = {".git", "__pycache__", "geo"}
# A delta build (copy of the last file, changed rows swapped) leaves deleted rows' space in the file; once the
# files re-read or removed since the last full write pass this share of all files, the next build writes afresh.
DELTA_MAX_CHURN = 0.25


def scan(data_dir: Path) -> list[tuple[str, str, int, float]]:
    """(relative path, absolute path, size, mtime) of every report file below ``data_dir``, sorted.

    Dot files are skipped: uploads (dashboard/uploads.py) are written as hidden temp files
    and linked into place, so a half-written file is never read. Symlinked folders are not
    followed (as ``os.walk``). ``os.scandir`` with plain strings: at 100k files, building a
    ``Path`` per file cost a second of a no-change rebuild. Links (broken ones too), special
    files and undecodable names are listed: ``extract_file`` turns each into an error row
    (etl/read/admission.py); the relative path has undecodable bytes escaped.
    """
    out: list[tuple[str, str, int, float]] = []
    suffixes = {**SUFFIXES, **dict.fromkeys(UNSUPPORTED, "unsupported")}  # the latter become error rows

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for e in entries:
            name = e.name
            if name.startswith("."):
                continue
            try:
                if e.is_dir():
                    if name not in SKIP_DIRS and not e.is_symlink():
                        walk(e.path, prefix + name + "/")
                    continue
                if suffixes.get(os.path.splitext(name)[1].lower()) is None:
                    continue
                try:
                    st = e.stat()
                except OSError:
                    if not e.is_symlink():
                        continue
                    st = e.stat(follow_symlinks=False)  # a broken link: listed, it gets an error row
            except OSError:
                continue
            out.append((admission.shown_name(prefix + name), e.path, st.st_size, st.st_mtime))

    walk(str(data_dir), "")
    out.sort()
    return out


def _classify(files: list[tuple[str, str, int, float]], old: dict[str, dict], extra: tuple
              ) -> tuple[list[tuple], dict[str, dict], dict[str, tuple]]:
    """(files to read, files to reuse, unchanged former duplicates), decided from the stat alone.

    ``extra`` ends every ``extract_file`` argument tuple (with_tokens, max_mb, root, seconds).
    """
    todo: list[tuple] = []
    reuse: dict[str, dict] = {}  # path -> old files row
    dups: dict[str, tuple] = {}  # unchanged files that were duplicates: decided without reading them
    for rel, p, size, mtime in files:
        o = old.get(rel)
        item = (rel, str(p), size, mtime, *extra)
        if o is None or int(o["size"]) != size or float(o["mtime"]) != mtime:
            todo.append(item)
        elif o["status"] == "ok":
            reuse[rel] = o
        elif o["error_stage"] == "dedupe" and o["sha256"]:
            dups[rel] = (o, item)
        else:
            todo.append(item)  # it failed last time: try again
    return todo, reuse, dups


def build(data_dir: Path, db_path: Path, workers: int = 1, progress: bool = True,
          with_tokens: bool = True, max_file_mb: float | None = None, allow_empty: bool = False,
          file_budget: float | None = None, on_progress: Progress | None = None, engine: str = "local",
          scheduler: str | None = None, stage_dir: Path | None = None) -> BuildSummary:
    """Build (or update) the database for ``data_dir``; ``max_file_mb`` overrides the readers' size limits,
    ``file_budget`` the seconds each file may take (``REPORTS_FILE_SECONDS``, etl/load/deadline.py),
    ``on_progress(done, total)`` is called by the extraction loop after each chunk of files (``progress``
    is the terminal's tqdm bar, independent of it). ``engine="dask"`` extracts on a Dask cluster (``scheduler``'s
    address, else a LocalCluster of ``workers``) staging into ``stage_dir`` (docs/scale-out.md); same tables.

    Raises ``EmptyRebuild`` (the live file untouched) when the new build has no document but the live
    database has some, unless ``allow_empty``: a wrong data folder must not empty the dashboard.
    """
    seconds = file_seconds() if file_budget is None else file_budget
    t0 = time.perf_counter()
    started = datetime.now()
    data_dir, db_path = Path(data_dir), Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with store.writer(db_path) as stale:  # the lock; temp files left by a build that was killed removed
        stale = stale + admission.remove_stale_uploads(data_dir)  # left by an upload that was killed
        files = scan(data_dir)
        root = str(data_dir)  # as scan() joins it: the relative part of each path follows it
        prev = migrate.previous_build(db_path)
        old = prev.files if prev.reusable else {}
        todo, reuse, dups = _classify(files, old, (with_tokens, max_file_mb, root, seconds))
        plan = Plan(data_dir, db_path, files, prev, old, todo, reuse, dups, workers, progress, started, t0,
                    EXTRACTOR_VERSION, DELTA_MAX_CHURN, on_progress,  # read at call time: tests patch these constants
                    engine, scheduler, stage_dir)
        if plan.nothing_to_do():
            return _unchanged(plan, len(stale))
        summary = _write_and_swap(plan, allow_empty)
    summary.seconds = time.perf_counter() - t0
    summary.db_path = db_path
    summary.note = prev.reason
    summary.stale_temps_removed = len(stale)
    return summary


def _unchanged(plan: Plan, stale: int) -> BuildSummary:
    """The summary of a build with nothing to do: the live file's counts, the file left as it is."""
    with store.read_only(plan.db_path) as con:
        n_docs, n_figs, n_err = con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM figures), "
            "(SELECT count(*) FROM ingest_errors)").fetchone()
    return BuildSummary(len(plan.files), 0, len(plan.reuse), n_docs, n_figs, n_err, time.perf_counter() - plan.t0,
                        plan.db_path, note="无变化:数据库未改写", stale_temps_removed=stale)


def _write_and_swap(plan: Plan, allow_empty: bool) -> BuildSummary:
    """Write the new database beside the live one and swap it in (store.replacing: no temp file stays)."""
    # Lazy on purpose, the no-change path: the writer loads pandas, pyarrow, the extraction pipeline and the
    # after-load steps (~0.7 s, most of a no-change build's time before); only a build with work needs them.
    from etl.load.build_write import extract_and_write

    with store.replacing(plan.db_path) as tmp:
        summary = extract_and_write(tmp, plan)
        if not allow_empty:
            refuse_empty(summary, plan.db_path, plan.data_dir)  # raises: nothing swapped in
    return summary


ENGINES = ("local", "dask")  # --engine: where the extraction runs; the assembly into DuckDB is the same
EXIT_EMPTY = 3  # the CLI's exit status for a refused empty rebuild (dashboard/uploads.py asks the user then)


class EmptyRebuild(RuntimeError):
    """A build that found no document while the live database has some; nothing was swapped in."""

    def __init__(self, live_documents: int, data_dir: Path) -> None:
        self.live_documents = live_documents
        super().__init__(
            f"未重建:数据目录 {data_dir} 中没有读到任何报告,而现有数据库有 {live_documents} 份报告,重建会清空看板。"
            "请检查 --data 或 REPORTS_DATA;确需清空请加 --allow-empty。"
            f" / Refused: no report found in {data_dir} while the database holds {live_documents}; "
            "check --data or REPORTS_DATA, or pass --allow-empty.")


def live_documents(db_path: Path) -> int:
    """Documents in the live database; 0 when there is none or it cannot be read (nothing to protect)."""
    if not Path(db_path).exists():
        return 0
    try:
        with store.read_only(db_path) as con:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except duckdb.Error:
        return 0


def refuse_empty(summary: BuildSummary, db_path: Path, data_dir: Path) -> None:
    """Raise ``EmptyRebuild`` when the finished build has no document and the live one has some."""
    if summary.documents == 0:
        live = live_documents(db_path)
        if live > 0:
            raise EmptyRebuild(live, data_dir)




def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=None,
                   help="folder of report files (default: $REPORTS_DATA, else data/ next to app.py)")
    p.add_argument("--db", type=Path, default=None,
                   help="database file (default: DATA/reports.duckdb; without --data: $REPORTS_DB if set)")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--max-file-mb", type=float, default=None,
                   help="refuse files larger than this (default: 20 MB for txt/html, 100 MB for docx/pdf)")
    p.add_argument("--file-seconds", type=float, default=None,
                   help="seconds each file may take before it becomes an error row (default: REPORTS_FILE_SECONDS or 300)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--progress-json", action="store_true",
                   help='print {"done": n, "total": m} on stdout after each chunk of files (for the app)')
    p.add_argument("--allow-empty", action="store_true",
                   help="swap in a build with no document even when the live database has some")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: a process pool here (default); dask: tasks on a Dask cluster (docs/scale-out.md)")
    p.add_argument("--scheduler", default=None,
                   help="with --engine dask: the scheduler's address (tcp://host:8786); default: a LocalCluster of --workers")
    p.add_argument("--stage-dir", type=Path, default=None,
                   help="folder for the staged Parquet rows (with --engine dask every worker must write it "
                        "at this path; default: beside the database)")


def _cli_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """(data folder, database): the app's (etl/paths.py) unless --data / --db say otherwise."""
    if args.data is None:
        return paths.data_dir(), args.db or paths.db_path()
    return args.data, args.db or (args.data / paths.DB_NAME)


def _print_progress(done: int, total: int) -> None:
    """One JSON line per chunk of files: etl/load/build_child.py reads them in the app's process."""
    print(json.dumps({"done": done, "total": total}), flush=True)


def run(args: argparse.Namespace) -> int:
    data, db = _cli_paths(args)
    if not data.is_dir():
        print(f"错误:数据目录不存在:{data}", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("错误:--scheduler 只用于 --engine dask", file=sys.stderr)
        return 2
    try:
        summary = build(data, db, workers=max(1, args.workers), progress=not args.no_progress,
                        max_file_mb=args.max_file_mb, allow_empty=args.allow_empty, file_budget=args.file_seconds,
                        on_progress=_print_progress if args.progress_json else None, engine=args.engine,
                        scheduler=args.scheduler, stage_dir=args.stage_dir)
    except EmptyRebuild as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_EMPTY
    if args.json:
        print(json.dumps({k: (str(v) if isinstance(v, Path) else v) for k, v in summary.__dict__.items()},
                         ensure_ascii=False))
    else:
        print(summary.line())
    return 0

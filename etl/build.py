"""`python -m etl build`: a folder of report files -> data/reports.duckdb, incrementally and atomically.

- Unchanged files (same size and mtime, or same content hash) are not
  re-extracted: their rows are copied from the previous database, but only
  when its schema and extractor versions are the code's (etl/migrate.py);
  otherwise every file is re-extracted. Files that failed last time are retried.
- A new file is built next to the live one and swapped in (etl/store.py); a
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
  (etl/deadline.py), a text limit in characters (etl/readers.py), and only
  regular files inside the data folder are read (etl/admission.py: links out
  of it, pipes, devices, broken links and names that are not UTF-8 become
  error rows).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import multiprocessing as mp
import os
import shutil
import sys
import time
import traceback
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import EXTRACTOR_VERSION, admission, migrate, paths, store
from etl.deadline import FileTimeout, deadline, file_seconds
from etl.pipeline import process_text
from etl.readers import SUFFIXES, UNSUPPORTED, ReadError, check_size, file_format, read_bytes, read_regular
from etl.sentence import sentence_around

SKIP_DIRS = {".git", "__pycache__", "geo"}


@dataclass
class FileResult:
    """Everything one file contributes to the database (plain data: crosses process boundaries)."""

    path: str
    sha256: str
    size: int
    mtime: float
    format: str | None
    encoding: str | None = None
    documents: list[dict] = field(default_factory=list)
    texts: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    tokens: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, its tokens joined by spaces)
    error: dict | None = None
    n_docs: int = 0  # documents found; kept after the heavy rows went to the staging file


class Stage:
    """A folder of Parquet files, one set per chunk of files, written by whichever process extracted the chunk.

    The heavy rows (texts, tokens, figures) never cross a process boundary and never pass through the
    main process: at 100k reports pickling them to the parent and staging them there cost the parent
    more CPU than a third worker would have had. The parent keeps one small ``FileResult`` per file and
    at the end DuckDB reads the folder (``_move_staged``) in path order, so the result does not depend
    on which process wrote what.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir()
        self._next = 0

    def chunk_ids(self, n: int) -> range:
        """Ids for ``n`` new chunks (unique over the whole build: extraction runs more than once)."""
        first, self._next = self._next, self._next + n
        return range(first, first + n)

    def write(self, chunk_id: int, results: list[FileResult]) -> None:
        """Write the rows of a chunk's successful files; leave each result with only its small fields."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        ok = [r for r in results if r.error is None and r.documents]
        tables = {
            "documents": [d for r in ok for d in r.documents],
            "texts": [{"path": r.path, **t} for r in ok for t in r.texts],
            "tokens": [{"path": r.path, "doc_id": d, "tokens": t} for r in ok for d, t in r.tokens],
            "figures": [{"path": r.path, **f} for r in ok for f in r.figures],
        }
        for r in results:
            r.n_docs = len(r.documents)
            r.documents, r.texts, r.figures, r.tokens = [], [], [], []
        for name, rows in tables.items():
            if rows:
                pq.write_table(pa.Table.from_pylist(rows, schema=_stage_schemas()[name]),
                               self.path / f"{name}-{chunk_id:07d}.parquet", compression="none")

    def has(self, name: str) -> bool:
        return any(self.path.glob(f"{name}-*.parquet"))

    def glob(self, name: str) -> str:
        return str(self.path / f"{name}-*.parquet")

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


@functools.cache
def _stage_schemas() -> dict:
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
             "DATE": pa.string()}  # publish_date arrives as 'YYYY-MM-DD'; the move casts it

    def schema(cols: list[tuple[str, str]]) -> pa.Schema:
        return pa.schema([(c, types[t]) for c, t in cols])

    return {"documents": schema(_STAGE_DOC_TYPES),
            "texts": schema([("path", "VARCHAR"), ("doc_id", "VARCHAR"), ("text", "VARCHAR")]),
            "tokens": schema([("path", "VARCHAR"), ("doc_id", "VARCHAR"), ("tokens", "VARCHAR")]),
            "figures": schema([("path", "VARCHAR"), *_STAGE_FIG_TYPES])}


def _q(name: str) -> str:
    return f'"{name}"'


@dataclass
class BuildSummary:
    files_seen: int
    files_read: int
    files_reused: int
    documents: int
    figures: int
    errors: int
    seconds: float
    db_path: Path
    note: str = ""  # why everything was re-extracted (schema/extractor version), if so
    stale_temps_removed: int = 0

    def line(self) -> str:
        extra = f" ({self.note})" if self.note else ""
        if self.stale_temps_removed:
            extra += f" 清理了 {self.stale_temps_removed} 个中断构建留下的临时文件"
        return (f"完成 build: files={self.files_seen} read={self.files_read} reused={self.files_reused} "
                f"documents={self.documents} figures={self.figures} errors={self.errors} "
                f"seconds={self.seconds:.2f} -> {self.db_path}{extra}")


def scan(data_dir: Path) -> list[tuple[str, str, int, float]]:
    """(relative path, absolute path, size, mtime) of every report file below ``data_dir``, sorted.

    Dot files are skipped: uploads (dashboard/uploads.py) are written as hidden temp files
    and linked into place, so a half-written file is never read. Symlinked folders are not
    followed (as ``os.walk``). ``os.scandir`` with plain strings: at 100k files, building a
    ``Path`` per file cost a second of a no-change rebuild. Links (broken ones too), special
    files and undecodable names are listed: ``extract_file`` turns each into an error row
    (etl/admission.py); the relative path has undecodable bytes escaped.
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


def _figure_id(doc_id: str, metric: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{doc_id}|{metric}|{start}|{end}".encode()).hexdigest()[:16]


def extract_file(rel: str, path: str, size: int, mtime: float, with_tokens: bool = True,
                 max_mb: float | None = None, root: str | None = None, seconds: float | None = None) -> FileResult:
    """Read and extract one file within ``seconds``; never raises (errors become ``error``).

    ``root`` is the data folder: a link out of it is refused (etl/admission.py).
    """
    suffix = os.path.splitext(path)[1].lower()
    fmt = file_format(Path(path)) or ("unsupported" if suffix in UNSUPPORTED else "txt")
    res = FileResult(rel, "", size, mtime, fmt)
    try:
        with deadline(seconds):
            _extract_into(res, path, suffix, with_tokens, max_mb, root)
    except FileTimeout:
        res.error = {"path": rel, "stage": "read", "detail": f"time budget of {seconds:g} s exceeded",
                     "message": f"处理时间超过 {seconds:g} 秒,已停止并跳过(其余文件不受影响)。"
                                "文件可能过长或结构异常,请检查或拆分后再导入"}
    if res.error:
        res.documents, res.texts, res.figures, res.tokens = [], [], [], []
    return res


def _extract_into(res: FileResult, path: str, suffix: str, with_tokens: bool, max_mb: float | None,
                  root: str | None) -> None:
    """The work of ``extract_file``: rows into ``res``, or ``res.error`` for a file that cannot be read."""
    rel, fmt = res.path, res.format or "txt"
    stage = "read"
    try:
        refused = admission.refusal(path, root) if root is not None else None
        if refused is not None:
            raise refused
        if fmt == "unsupported":
            raise ReadError("read", UNSUPPORTED[suffix], f"unsupported suffix {suffix}")
        check_size(res.size, fmt, max_mb)  # before reading: a huge file costs no memory
        raw = read_regular(path, fmt, max_mb)
        res.sha256 = hashlib.sha256(raw).hexdigest()
        read = read_bytes(raw, fmt, max_mb)
        del raw
        res.encoding = read.encoding
        stage = "extract"
        docs = process_text(read.text)
        if with_tokens:
            from etl.tokens import tokens
        for doc in docs:
            doc_id = f"{res.sha256[:16]}-{doc.part}"
            m = doc.meta
            region_name = "/".join(x for x in (m.province, m.city if m.city != m.province else None, m.county, m.town) if x)
            res.documents.append({
                "doc_id": doc_id, "path": rel, "part": doc.part, "title": m.title, "organ": m.organ,
                "province": m.province, "city": m.city, "county": m.county, "town": m.town,
                "region_code": m.region_code, "region_name": region_name or None, "level": m.level, "year": m.year,
                "doc_type": m.doc_type, "publish_date": m.publish_date, "chars": len(doc.text),
                "text_start": doc.start, "text_end": doc.end, "is_synthetic": doc.is_synthetic})
            res.texts.append({"doc_id": doc_id, "text": doc.text})
            for f in doc.figures:
                d = f.as_dict()
                d["figure_id"] = _figure_id(doc_id, f.metric, f.start, f.end)
                d["doc_id"] = doc_id
                d["value"] = float(f.value)
                d["sentence"] = sentence_around(doc.text, f.start, f.end)
                res.figures.append(d)
            if with_tokens:
                head = (m.title or "") + "\n" + (m.organ or "") + "\n" + doc.text
                # one string per document: 30M (doc, token) tuples cost more to pickle and stage than to split in SQL
                res.tokens.append((doc_id, " ".join(tokens(head))))  # distinct, no spaces inside a token
    except ReadError as exc:
        res.error = {"path": rel, "stage": exc.stage, "message": exc.message, "detail": exc.detail}
    except Exception as exc:  # one broken file must never stop a batch
        res.error = {"path": rel, "stage": stage, "message": "处理该文件时出错,已跳过(其余文件不受影响)",
                     "detail": f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"}


def build(data_dir: Path, db_path: Path, workers: int = 1, progress: bool = True,
          with_tokens: bool = True, max_file_mb: float | None = None, allow_empty: bool = False,
          file_budget: float | None = None) -> BuildSummary:
    """Build (or update) the database for ``data_dir``; ``max_file_mb`` overrides the readers' size limits,
    ``file_budget`` the seconds each file may take (``REPORTS_FILE_SECONDS``, etl/deadline.py).

    Raises ``EmptyRebuild`` (the live file untouched) when the new build has no document but the live
    database has some, unless ``allow_empty``: a wrong data folder must not empty the dashboard.
    """
    seconds = file_seconds() if file_budget is None else file_budget
    t0 = time.perf_counter()
    started = datetime.now()
    data_dir, db_path = Path(data_dir), Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with store.build_lock(db_path):
        stale = store.remove_stale_temps(db_path)  # left by a build that was killed
        stale += admission.remove_stale_uploads(data_dir)  # left by an upload that was killed
        files = scan(data_dir)
        root = str(data_dir)  # as scan() joins it: the relative part of each path follows it
        prev = migrate.previous_build(db_path)
        old = prev.files if prev.reusable else {}
        reuse: dict[str, dict] = {}  # path -> old files row
        dups: dict[str, tuple] = {}  # unchanged files that were duplicates: decided without reading them
        todo: list[tuple] = []
        for rel, p, size, mtime in files:
            o = old.get(rel)
            item = (rel, str(p), size, mtime, with_tokens, max_file_mb, root, seconds)
            if o is None or int(o["size"]) != size or float(o["mtime"]) != mtime:
                todo.append(item)
            elif o["status"] == "ok":
                reuse[rel] = o
            elif o["error_stage"] == "dedupe" and o["sha256"]:
                dups[rel] = (o, item)
            else:
                todo.append(item)  # it failed last time: try again
        if prev.reusable and not todo and len(old) == len(files) and _post_build_current(prev, data_dir):
            # nothing to read, nothing gone, the post-build inputs as they were: the live file is already this
            # build's result, and rewriting it would only make every dashboard cache start over
            with store.read_only(db_path) as con:
                n_docs, n_figs, n_err = con.execute(
                    "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM figures), "
                    "(SELECT count(*) FROM ingest_errors)").fetchone()
            return BuildSummary(len(files), 0, len(reuse), n_docs, n_figs, n_err, time.perf_counter() - t0, db_path,
                                note="无变化:数据库未改写", stale_temps_removed=len(stale))
        tmp = store.temp_path(db_path)
        stager = Stage(tmp.with_name(tmp.name.removesuffix(".duckdb") + ".stage"))
        try:
            summary = _extract_and_write(tmp, stager, todo, reuse, dups, old, prev, db_path, files, workers,
                                         progress, data_dir, started, t0)
            if not allow_empty:
                refuse_empty(summary, db_path, data_dir)
            store.swap_in(tmp, db_path)
        finally:
            stager.remove()
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                if leftover.exists():
                    leftover.unlink()
            shutil.rmtree(tmp.with_name(tmp.name + ".tmp"), ignore_errors=True)  # DuckDB's spill folder
    summary.seconds = time.perf_counter() - t0
    summary.db_path = db_path
    summary.note = prev.reason
    summary.stale_temps_removed = len(stale)
    return summary


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


def _post_build_current(prev: migrate.Previous, data_dir: Path) -> bool:
    from etl import post_build

    return prev.post_build_inputs is not None and prev.post_build_inputs == post_build.fingerprint(data_dir)


def _extract_and_write(tmp: Path, stager: Stage, todo: list[tuple], reuse: dict[str, dict], dups: dict[str, tuple],
                       old: dict[str, dict], prev: migrate.Previous, db_path: Path, files: list, workers: int,
                       progress: bool, data_dir: Path, started: datetime, t0: float) -> BuildSummary:
    """Extract what changed (rows staged as they come), decide reuse and duplicates, write the new database."""
    results = _run_extraction(todo, workers, progress, stager)
    # a touched file with the same content is reused too (keeps its added_at)
    kept = []
    for r in results:
        o = old.get(r.path)
        if o is not None and o["status"] == "ok" and r.error is None and o["sha256"] == r.sha256:
            reuse[r.path] = o
        else:
            kept.append(r)
    still_dups, reread = _settle_duplicates(dups, reuse, kept, workers, progress, stager)
    kept += reread
    n_read = len(kept)
    stats = {rel: (size, mtime) for rel, _, size, mtime in files}
    results = _dedupe(sorted(kept + still_dups, key=lambda r: r.path), reuse, stats)
    run = _Run(sorted(reuse), results, stats, n_read, data_dir, started, t0, workers, stager.path)
    if prev.reusable and _delta_pays(prev, run):
        return _write_delta(tmp, db_path, run)
    return _write(tmp, db_path if prev.reusable else None, run)


def _settle_duplicates(dups: dict[str, tuple], reuse: dict[str, dict], results: list[FileResult], workers: int,
                       progress: bool, stager: Stage) -> tuple[list[FileResult], list[FileResult]]:
    """Unchanged former duplicates: (still a copy of an earlier path: not read, ``_dedupe`` flags them again;
    now the first of their content, the original being deleted or changed: read)."""
    sha_of = {p: o["sha256"] for p, o in reuse.items()} | {r.path: r.sha256 for r in results if r.error is None}
    sha_of |= {p: o["sha256"] for p, (o, _) in dups.items()}
    first: dict[str, str] = {}
    for path in sorted(sha_of):
        first.setdefault(sha_of[path], path)
    out, todo = [], []
    for path, (o, item) in sorted(dups.items()):
        if first[o["sha256"]] == path:
            todo.append(item)
        else:
            _, _, size, mtime, *_ = item
            out.append(FileResult(path, o["sha256"], size, mtime, o["format"], o["encoding"]))
    return out, _run_extraction(todo, workers, progress, stager)


def _dedupe(results: list[FileResult], reuse: dict[str, dict], stats: dict[str, tuple[int, float]]) -> list[FileResult]:
    """Identical files count once: the first path (in path order) keeps the content, the others get a 'dedupe' error.

    Decided over reused and new files alike, so an incremental build flags the same file as a build from scratch.
    """
    sha_of = {p: o["sha256"] for p, o in reuse.items()} | {r.path: r.sha256 for r in results if r.error is None}
    first: dict[str, str] = {}
    for path in sorted(sha_of):
        first.setdefault(sha_of[path], path)
    out = []
    for path in sorted(p for p in reuse if first[reuse[p]["sha256"]] != p):
        o = reuse.pop(path)
        size, mtime = stats[path]
        out.append(FileResult(path, o["sha256"], size, mtime, o["format"], o["encoding"]))
    out += results
    for r in out:
        if r.error is None and first.get(r.sha256, r.path) != r.path:
            r.error = {"path": r.path, "stage": "dedupe", "message": f"与 {first[r.sha256]} 内容完全相同,未重复计入",
                       "detail": "duplicate content"}
            r.documents, r.texts, r.figures, r.tokens = [], [], [], []
    return sorted(out, key=lambda r: r.path)


CHUNK_FILES = 32  # files per task: big enough that a Parquet write per chunk is cheap, small for load balance


def _extract_chunk(stage: Stage, chunk_id: int, items: list[tuple]) -> list[FileResult]:
    results = [extract_file(*item) for item in items]
    stage.write(chunk_id, results)
    return results


def _extract_chunk_star(args: tuple) -> list[FileResult]:
    return _extract_chunk(*args)


def _run_extraction(todo: list[tuple], workers: int, progress: bool, stage: Stage) -> list[FileResult]:
    if not todo:
        return []
    size = max(1, min(CHUNK_FILES, -(-len(todo) // (4 * max(1, workers)))))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    tasks = [(stage, cid, chunk) for cid, chunk in zip(stage.chunk_ids(len(chunks)), chunks, strict=True)]
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="file", desc="提取", file=sys.stderr, dynamic_ncols=True)
    results: list[FileResult] = []
    try:
        if workers <= 1 or len(todo) < 4:
            done = map(_extract_chunk_star, tasks)
            for chunk_results in done:
                results += chunk_results
                if bar:
                    bar.update(len(chunk_results))
        else:
            _warm_up()  # load once here: the forked workers share these pages instead of each loading them
            ctx = mp.get_context("fork")
            with ctx.Pool(workers) as pool:
                for chunk_results in pool.imap_unordered(_extract_chunk_star, tasks):
                    results += chunk_results
                    if bar:
                        bar.update(len(chunk_results))
    finally:
        if bar:
            bar.close()
    return results


def _warm_up() -> None:
    """What every extraction loads lazily (gazetteer, catalogue, tokens dictionary)."""
    from etl import pipeline

    warm = getattr(pipeline, "warm_up", None)
    if warm is not None:
        warm()
        return
    from etl import catalog
    from etl.gazetteer import gazetteer
    from etl.tokens import tokens

    catalog.load()
    gazetteer()
    tokens("法治政府")


def _frame(rows: list, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


DOC_COLS = ["doc_id", "path", "part", "title", "organ", "province", "city", "county", "town", "region_code",
            "region_name", "level", "year", "doc_type", "publish_date", "chars", "text_start", "text_end",
            "is_synthetic"]
FIG_COLS = ["figure_id", "doc_id", "metric", "value", "unit", "qualifier", "kind", "start", "end", "evidence",
            "rule", "confidence", "sentence", "scope"]
_STAGE_DOC_TYPES = [("doc_id", "VARCHAR"), ("path", "VARCHAR"), ("part", "INTEGER"), ("title", "VARCHAR"),
                    ("organ", "VARCHAR"), ("province", "VARCHAR"), ("city", "VARCHAR"), ("county", "VARCHAR"),
                    ("town", "VARCHAR"), ("region_code", "VARCHAR"), ("region_name", "VARCHAR"), ("level", "VARCHAR"),
                    ("year", "INTEGER"), ("doc_type", "VARCHAR"), ("publish_date", "DATE"), ("chars", "INTEGER"),
                    ("text_start", "INTEGER"), ("text_end", "INTEGER"), ("is_synthetic", "BOOLEAN")]
_STAGE_FIG_TYPES = [("figure_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("metric", "VARCHAR"), ("value", "DOUBLE"),
                    ("unit", "VARCHAR"), ("qualifier", "VARCHAR"), ("kind", "VARCHAR"), ("start", "INTEGER"),
                    ("end", "INTEGER"), ("evidence", "VARCHAR"), ("rule", "VARCHAR"), ("confidence", "DOUBLE"),
                    ("sentence", "VARCHAR"), ("scope", "VARCHAR")]


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
        for table in ("texts", "doc_tokens", "figures"):  # table names are ours, not user input
            con.execute(f"INSERT INTO {table} SELECT t.* FROM old.{table} t "
                        "JOIN old.documents d USING (doc_id) JOIN reuse USING (path)")
        con.unregister("reuse")
    finally:
        con.execute("DETACH old")


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

    def file_rows(self) -> pd.DataFrame:
        rows = [{"path": r.path, "sha256": r.sha256, "size": r.size, "mtime": r.mtime, "format": r.format,
                 "encoding": r.encoding, "parts": 0 if r.error else r.n_docs, "status": "error" if r.error else "ok"}
                for r in self.results]
        return pd.DataFrame(rows, columns=["path", "sha256", "size", "mtime", "format", "encoding", "parts", "status"])

    def errors(self) -> pd.DataFrame:
        return _frame([r.error for r in self.results if r.error is not None], ["path", "stage", "message", "detail"])

    def ok_paths(self) -> list[str]:
        return [r.path for r in self.results if r.error is None]


# A delta build (copy of the last file, changed rows swapped) leaves deleted rows' space in the file; once the
# files re-read or removed since the last full write pass this share of all files, the next build writes afresh.
DELTA_MAX_CHURN = 0.25
BUILD_MEMORY = "1GB"  # DuckDB's own limit on the build connection: sorts and joins spill to disk beyond it


def _tune(con: duckdb.DuckDBPyConnection, memory: str = BUILD_MEMORY) -> None:
    """Keep a build's memory flat: cap DuckDB's buffers (it spills to a temp file) and let it insert
    in any order (tables are compared as sets; the inserts that need an order say ORDER BY)."""
    con.execute(f"SET memory_limit = '{memory}'")  # a constant of this module
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")


def _delta_pays(prev: migrate.Previous, run: _Run) -> bool:
    """Patch a copy of the last database unless too much of it has been replaced since its last full write."""
    removed = len(set(prev.files) - set(run.stats))
    churn = prev.churn_since_full + run.n_read + removed
    return churn <= DELTA_MAX_CHURN * max(1, len(run.stats))


def _finish(con: duckdb.DuckDBPyConnection, run: _Run, mode: str) -> BuildSummary:
    """Counts, the etl_runs row and a checkpoint: the end of either kind of write."""
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    n_figs = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    n_err = con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]
    seconds = time.perf_counter() - run.t0
    con.execute("INSERT INTO etl_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [uuid.uuid4().hex, run.started, datetime.now(), str(run.data_dir), len(run.stats), run.n_read,
                 len(run.reuse_paths), n_docs, n_figs, n_err, seconds, run.workers, EXTRACTOR_VERSION, mode])
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
        _post_build(con, run.data_dir)
        return _finish(con, run, "full")
    finally:
        con.close()


def _write_delta(tmp: Path, db_path: Path, run: _Run) -> BuildSummary:
    """Delta write: a file copy of the last database in which only the rows of changed files are replaced.

    A no-change rebuild then costs a file copy and a few small writes instead of rewriting every row
    (48 s at 100k reports), and the post-build steps run only when their inputs changed.
    """
    shutil.copyfile(db_path, tmp)
    wal = db_path.with_name(db_path.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, tmp.with_name(tmp.name + ".wal"))
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
        from etl import post_build

        if changed or post_build.recorded(con) != post_build.fingerprint(run.data_dir):
            _post_build(con, run.data_dir)
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
        con.execute(f"INSERT INTO texts SELECT t.doc_id, t.text FROM {src('texts')} t JOIN ok_paths USING (path)")
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


def _post_build(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Steps that run over the finished tables: corrections, then checks."""
    from etl import post_build

    post_build.run(con, data_dir)


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
    p.add_argument("--allow-empty", action="store_true",
                   help="swap in a build with no document even when the live database has some")


def _cli_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """(data folder, database): the app's (etl/paths.py) unless --data / --db say otherwise."""
    if args.data is None:
        return paths.data_dir(), args.db or paths.db_path()
    return args.data, args.db or (args.data / paths.DB_NAME)


def run(args: argparse.Namespace) -> int:
    data, db = _cli_paths(args)
    if not data.is_dir():
        print(f"错误:数据目录不存在:{data}", file=sys.stderr)
        return 2
    try:
        summary = build(data, db, workers=max(1, args.workers), progress=not args.no_progress,
                        max_file_mb=args.max_file_mb, allow_empty=args.allow_empty, file_budget=args.file_seconds)
    except EmptyRebuild as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_EMPTY
    if args.json:
        print(json.dumps({k: (str(v) if isinstance(v, Path) else v) for k, v in summary.__dict__.items()},
                         ensure_ascii=False))
    else:
        print(summary.line())
    return 0

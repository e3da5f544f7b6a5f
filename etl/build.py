"""`python -m etl build`: a folder of report files -> data/reports.duckdb, incrementally and atomically.

- Unchanged files (same size and mtime, or same content hash) are not
  re-extracted: their rows are copied from the previous database.
- A new file is built next to the live one and swapped in (etl/store.py).
- One unreadable file becomes a row in ``ingest_errors``; the others go on.
- ``--workers N`` extracts in N processes; rows are written in path order, so
  the result does not depend on N.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import sys
import time
import traceback
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import EXTRACTOR_VERSION, store
from etl.pipeline import process_text
from etl.readers import ReadError, file_format, read_bytes

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
    tokens: list[dict] = field(default_factory=list)
    error: dict | None = None


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

    def line(self) -> str:
        return (f"完成 build: files={self.files_seen} read={self.files_read} reused={self.files_reused} "
                f"documents={self.documents} figures={self.figures} errors={self.errors} "
                f"seconds={self.seconds:.2f} -> {self.db_path}")


def scan(data_dir: Path) -> list[tuple[str, Path, int, float]]:
    """(relative path, absolute path, size, mtime) of every report file below ``data_dir``, sorted."""
    out = []
    for root, dirs, names in os.walk(data_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in names:
            if name.startswith("."):
                continue
            p = Path(root) / name
            if file_format(p) is None:
                continue
            try:
                st = p.stat()
            except OSError:
                continue
            out.append((p.relative_to(data_dir).as_posix(), p, st.st_size, st.st_mtime))
    out.sort()
    return out


def _figure_id(doc_id: str, metric: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{doc_id}|{metric}|{start}|{end}".encode()).hexdigest()[:16]


def extract_file(rel: str, path: str, size: int, mtime: float, with_tokens: bool = True) -> FileResult:
    """Read and extract one file; never raises (errors become ``error``)."""
    fmt = file_format(Path(path))
    res = FileResult(rel, "", size, mtime, fmt)
    stage = "read"
    try:
        raw = Path(path).read_bytes()
        res.sha256 = hashlib.sha256(raw).hexdigest()
        read = read_bytes(raw, fmt or "txt")
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
                res.figures.append(d)
            if with_tokens:
                head = (m.title or "") + "\n" + (m.organ or "") + "\n" + doc.text
                res.tokens += [{"doc_id": doc_id, "token": t} for t in tokens(head)]
    except ReadError as exc:
        res.error = {"path": rel, "stage": exc.stage, "message": exc.message, "detail": exc.detail}
    except Exception as exc:
        res.error = {"path": rel, "stage": stage, "message": "处理该文件时出错,已跳过(其余文件不受影响)",
                     "detail": f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"}
    if res.error:
        res.documents, res.texts, res.figures, res.tokens = [], [], [], []
    return res


def _extract_star(args: tuple) -> FileResult:
    return extract_file(*args)


def _old_files(db_path: Path) -> tuple[dict[str, dict], bool]:
    """Rows of the previous build's ``files`` table, and whether its rows may be reused."""
    if not db_path.exists():
        return {}, False
    try:
        with store.read_only(db_path) as con:
            version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            runs = con.execute("SELECT extractor_version FROM etl_runs ORDER BY finished_at DESC LIMIT 1").fetchall()
            df = con.execute("SELECT path, sha256, size, mtime, status FROM files").fetchdf()
    except duckdb.Error:
        return {}, False
    reusable = version == store.SCHEMA_VERSION and bool(runs) and runs[0][0] == EXTRACTOR_VERSION
    return {r["path"]: r for r in df.to_dict("records")}, reusable


def build(data_dir: Path, db_path: Path, workers: int = 1, progress: bool = True,
          with_tokens: bool = True) -> BuildSummary:
    """Build (or update) the database for ``data_dir``."""
    t0 = time.perf_counter()
    started = datetime.now()
    data_dir, db_path = Path(data_dir), Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with store.build_lock(db_path):
        files = scan(data_dir)
        old, reusable = _old_files(db_path)
        reuse_paths: list[str] = []
        todo: list[tuple] = []
        for rel, p, size, mtime in files:
            o = old.get(rel) if reusable else None
            if o is not None and int(o["size"]) == size and float(o["mtime"]) == mtime:
                reuse_paths.append(rel)
            else:
                todo.append((rel, str(p), size, mtime, with_tokens))
        results = _run_extraction(todo, workers, progress)
        # a touched file with the same content is reused too
        if reusable:
            kept = []
            for r in results:
                o = old.get(r.path)
                if o is not None and r.sha256 and o["sha256"] == r.sha256 and r.error is None:
                    reuse_paths.append(r.path)
                    continue
                kept.append(r)
            results = kept
        tmp = db_path.with_name(f".build-{os.getpid()}-{uuid.uuid4().hex[:8]}.duckdb")
        try:
            summary = _write(tmp, db_path if reusable and reuse_paths else None, sorted(reuse_paths),
                             sorted(results, key=lambda r: r.path), {rel: (size, mtime) for rel, _, size, mtime in files},
                             data_dir, started, t0, workers)
            store.swap_in(tmp, db_path)
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                if leftover.exists():
                    leftover.unlink()
    summary.seconds = time.perf_counter() - t0
    summary.db_path = db_path
    return summary


def _run_extraction(todo: list[tuple], workers: int, progress: bool) -> list[FileResult]:
    if not todo:
        return []
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="file", desc="提取", file=sys.stderr, dynamic_ncols=True)
    results: list[FileResult] = []
    try:
        if workers <= 1 or len(todo) < 4:
            for item in todo:
                results.append(extract_file(*item))
                if bar:
                    bar.update(1)
        else:
            ctx = mp.get_context("fork")
            with ctx.Pool(workers) as pool:
                for r in pool.imap_unordered(_extract_star, todo, chunksize=8):
                    results.append(r)
                    if bar:
                        bar.update(1)
    finally:
        if bar:
            bar.close()
    return results


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


DOC_COLS = ["doc_id", "path", "part", "title", "organ", "province", "city", "county", "town", "region_code",
            "region_name", "level", "year", "doc_type", "publish_date", "chars", "text_start", "text_end",
            "is_synthetic"]
FIG_COLS = ["figure_id", "doc_id", "metric", "value", "unit", "qualifier", "kind", "start", "end", "evidence",
            "rule", "confidence"]


def _write(tmp: Path, old_db: Path | None, reuse_paths: list[str], results: list[FileResult],
           stats: dict[str, tuple[int, float]], data_dir: Path, started: datetime, t0: float,
           workers: int) -> BuildSummary:
    con = duckdb.connect(str(tmp))
    try:
        store.create_schema(con)
        store.write_reference_tables(con)
        seen_docs: set[str] = set()
        errors: list[dict] = []
        if old_db is not None:
            con.execute("ATTACH ? AS old (READ_ONLY)", [str(old_db)])
            reuse = pd.DataFrame({"path": reuse_paths})
            con.register("reuse", reuse)
            con.execute("INSERT INTO files SELECT f.* FROM old.files f JOIN reuse USING (path)")
            con.execute("INSERT INTO documents SELECT d.* FROM old.documents d JOIN reuse USING (path)")
            con.execute("INSERT INTO texts SELECT t.* FROM old.texts t JOIN old.documents d USING (doc_id) "
                        "JOIN reuse USING (path)")
            con.execute("INSERT INTO doc_tokens SELECT t.* FROM old.doc_tokens t JOIN old.documents d USING (doc_id) "
                        "JOIN reuse USING (path)")
            con.execute("INSERT INTO figures SELECT f.* FROM old.figures f JOIN old.documents d USING (doc_id) "
                        "JOIN reuse USING (path)")
            con.execute("INSERT INTO ingest_errors SELECT e.* FROM old.ingest_errors e JOIN reuse USING (path)")
            con.execute("INSERT INTO etl_runs SELECT * FROM old.etl_runs")
            # a reused file whose mtime changed but content did not: record the new stat
            for rel in reuse_paths:
                size, mtime = stats[rel]
                con.execute("UPDATE files SET size = ?, mtime = ? WHERE path = ?", [size, mtime, rel])
            seen_docs = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
            con.unregister("reuse")
            con.execute("DETACH old")
        docs, texts, figs, toks, file_rows = [], [], [], [], []
        now = datetime.now()
        for r in results:
            status = "ok"
            if r.error is None and any(d["doc_id"] in seen_docs for d in r.documents):
                first = con.execute("SELECT path FROM documents WHERE doc_id = ?", [r.documents[0]["doc_id"]]).fetchone()
                dup_of = first[0] if first else next((d["path"] for d in docs if d["doc_id"] == r.documents[0]["doc_id"]), "?")
                r.error = {"path": r.path, "stage": "dedupe", "message": f"与 {dup_of} 内容完全相同,未重复计入",
                           "detail": "duplicate content"}
            if r.error is not None:
                errors.append(r.error)
                status = "error"
            else:
                for d in r.documents:
                    seen_docs.add(d["doc_id"])
                    docs.append({**d, "added_at": now})
                texts += r.texts
                figs += r.figures
                toks += r.tokens
            file_rows.append({"path": r.path, "sha256": r.sha256, "size": r.size, "mtime": r.mtime,
                              "format": r.format, "encoding": r.encoding,
                              "parts": len(r.documents) if status == "ok" else 0, "status": status})
        store.insert_df(con, "files", pd.DataFrame(file_rows))
        docs_df = _frame(docs, DOC_COLS + ["added_at"])
        docs_df["publish_date"] = pd.to_datetime(docs_df["publish_date"], errors="coerce").dt.date
        docs_df["year"] = docs_df["year"].astype("Int64")
        store.insert_df(con, "documents", docs_df)
        store.insert_df(con, "texts", _frame(texts, ["doc_id", "text"]))
        store.insert_df(con, "doc_tokens", _frame(toks, ["doc_id", "token"]))
        store.insert_df(con, "figures", _frame(figs, FIG_COLS))
        store.insert_df(con, "ingest_errors", _frame(errors, ["path", "stage", "message", "detail"]))
        _post_build(con, data_dir)
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        n_figs = con.execute("SELECT count(*) FROM figures").fetchone()[0]
        n_err = con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]
        seconds = time.perf_counter() - t0
        con.execute("INSERT INTO etl_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [uuid.uuid4().hex, started, datetime.now(), str(data_dir), len(stats), len(results),
                     len(reuse_paths), n_docs, n_figs, n_err, seconds, workers, EXTRACTOR_VERSION])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return BuildSummary(len(stats), len(results), len(reuse_paths), n_docs, n_figs, n_err, seconds, tmp)


def _post_build(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Steps that run on every build over the finished tables: corrections, then checks."""
    from etl import post_build

    for step in post_build.STEPS:
        step(con, data_dir)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=Path("data"), help="folder of report files (default: data)")
    p.add_argument("--db", type=Path, default=None, help="database file (default: DATA/reports.duckdb)")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def run(args: argparse.Namespace) -> int:
    if not args.data.is_dir():
        print(f"错误:数据目录不存在:{args.data}", file=sys.stderr)
        return 2
    db = args.db or (args.data / "reports.duckdb")
    summary = build(args.data, db, workers=max(1, args.workers), progress=not args.no_progress)
    if args.json:
        print(json.dumps({k: (str(v) if isinstance(v, Path) else v) for k, v in summary.__dict__.items()},
                         ensure_ascii=False))
    else:
        print(summary.line())
    return 0

"""Extraction for a build: each changed file -> a ``FileResult``, its heavy rows staged as Parquet.

The heavy half of ``python -m etl build`` (etl/load/build.py is the light entry): it imports the
extraction pipeline and pyarrow, so etl/load/build_write.py imports it only when a build has files to
read. Rules of the extraction itself (time budget per file, admission of links and special files,
duplicates counted once) are described in etl/load/build.py.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing as mp
import os
import shutil
import sys
import traceback
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from etl.extract.pipeline import process_text, warm_up
from etl.extract.sentence import sentence_around
from etl.extract.tokens import tokens
from etl.load.build_plan import Progress
from etl.load.deadline import FileTimeout, deadline
from etl.read import admission
from etl.read.readers import UNSUPPORTED, ReadError, check_size, file_format, read_bytes, read_regular


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
    at the end DuckDB reads the folder (``build_write._move_staged``) in path order, so the result does not depend
    on which process wrote what.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True)  # --stage-dir may name a folder not made yet
        self._next = 0

    def chunk_ids(self, n: int) -> range:
        """Ids for ``n`` new chunks (unique over the whole build: extraction runs more than once)."""
        first, self._next = self._next, self._next + n
        return range(first, first + n)

    def write(self, chunk_id: int, results: list[FileResult]) -> None:
        """Write the rows of a chunk's successful files; leave each result with only its small fields."""
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
            if rows:  # written under a hidden name, then renamed: a chunk re-run after a worker died replaces it whole
                part = self.path / f".{name}-{chunk_id:07d}-{uuid.uuid4().hex[:8]}.part"
                pq.write_table(pa.Table.from_pylist(rows, schema=_stage_schemas()[name]), part, compression="none")
                os.replace(part, self.path / f"{name}-{chunk_id:07d}.parquet")

    def has(self, name: str) -> bool:
        return any(self.path.glob(f"{name}-*.parquet"))

    def glob(self, name: str) -> str:
        return str(self.path / f"{name}-*.parquet")

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


@functools.cache
def _stage_schemas() -> dict:
    types = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
             "DATE": pa.string()}  # publish_date arrives as 'YYYY-MM-DD'; the move casts it

    def schema(cols: list[tuple[str, str]]) -> pa.Schema:
        return pa.schema([(c, types[t]) for c, t in cols])

    return {"documents": schema(_STAGE_DOC_TYPES),
            "texts": schema([("path", "VARCHAR"), ("doc_id", "VARCHAR"), ("text", "VARCHAR")]),
            "tokens": schema([("path", "VARCHAR"), ("doc_id", "VARCHAR"), ("tokens", "VARCHAR")]),
            "figures": schema([("path", "VARCHAR"), *_STAGE_FIG_TYPES])}


_STAGE_DOC_TYPES = [("doc_id", "VARCHAR"), ("path", "VARCHAR"), ("part", "INTEGER"), ("title", "VARCHAR"),
                    ("organ", "VARCHAR"), ("province", "VARCHAR"), ("city", "VARCHAR"), ("county", "VARCHAR"),
                    ("town", "VARCHAR"), ("region_code", "VARCHAR"), ("region_name", "VARCHAR"), ("level", "VARCHAR"),
                    ("year", "INTEGER"), ("doc_type", "VARCHAR"), ("publish_date", "DATE"), ("chars", "INTEGER"),
                    ("text_start", "INTEGER"), ("text_end", "INTEGER"), ("is_synthetic", "BOOLEAN")]
_STAGE_FIG_TYPES = [("figure_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("metric", "VARCHAR"), ("value", "DOUBLE"),
                    ("unit", "VARCHAR"), ("qualifier", "VARCHAR"), ("kind", "VARCHAR"), ("start", "INTEGER"),
                    ("end", "INTEGER"), ("evidence", "VARCHAR"), ("rule", "VARCHAR"), ("confidence", "DOUBLE"),
                    ("sentence", "VARCHAR"), ("scope", "VARCHAR")]



def _figure_id(doc_id: str, metric: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{doc_id}|{metric}|{start}|{end}".encode()).hexdigest()[:16]


def extract_file(rel: str, path: str, size: int, mtime: float, with_tokens: bool = True,
                 max_mb: float | None = None, root: str | None = None, seconds: float | None = None) -> FileResult:
    """Read and extract one file within ``seconds``; never raises (errors become ``error``).

    ``root`` is the data folder: a link out of it is refused (etl/read/admission.py).
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



def settle_duplicates(dups: dict[str, tuple], reuse: dict[str, dict], results: list[FileResult], workers: int,
                      progress: bool, stager: Stage, on_progress: Progress | None = None,
                      chunk_map: ChunkMap | None = None) -> tuple[list[FileResult], list[FileResult]]:
    """Unchanged former duplicates: (still a copy of an earlier path: not read, ``dedupe`` flags them again;
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
    return out, run_extraction(todo, workers, progress, stager, on_progress, chunk_map)


def dedupe(results: list[FileResult], reuse: dict[str, dict], stats: dict[str, tuple[int, float]]) -> list[FileResult]:
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


# (Stage, chunk id, extract_file argument tuples) per task -> each chunk's results, in any order
ChunkMap = Callable[[list[tuple]], Iterable[list[FileResult]]]


def extract_chunk(stage: Stage, chunk_id: int, items: list[tuple]) -> list[FileResult]:
    """One task: extract a chunk of files, stage their rows, return their small results."""
    results = [extract_file(*item) for item in items]
    stage.write(chunk_id, results)
    return results


def _extract_chunk_star(args: tuple) -> list[FileResult]:
    return extract_chunk(*args)


def run_extraction(todo: list[tuple], workers: int, progress: bool, stage: Stage,
                   on_progress: Progress | None = None, chunk_map: ChunkMap | None = None) -> list[FileResult]:
    """Extract ``todo`` in chunks (in ``workers`` processes, or by ``chunk_map``: etl/load/dask_engine.py);
    after each chunk the tqdm bar (``progress``, the terminal's) moves and ``on_progress(files done, len(todo))``
    is called (the app's progress bar)."""
    if not todo:
        return []
    size = max(1, min(CHUNK_FILES, -(-len(todo) // (4 * max(1, workers)))))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    tasks = [(stage, cid, chunk) for cid, chunk in zip(stage.chunk_ids(len(chunks)), chunks, strict=True)]
    bar = None
    if progress:
        bar = tqdm(total=len(todo), unit="file", desc="提取", file=sys.stderr, dynamic_ncols=True)
    results: list[FileResult] = []
    try:
        if chunk_map is not None:
            for chunk_results in chunk_map(tasks):
                results += chunk_results
                _report(bar, on_progress, len(chunk_results), len(results), len(todo))
        elif workers <= 1 or len(todo) < 4:
            for chunk_results in map(_extract_chunk_star, tasks):
                results += chunk_results
                _report(bar, on_progress, len(chunk_results), len(results), len(todo))
        else:
            warm_up()  # load once here: the forked workers share these pages instead of each loading them
            ctx = mp.get_context("fork")
            with ctx.Pool(workers) as pool:
                for chunk_results in pool.imap_unordered(_extract_chunk_star, tasks):
                    results += chunk_results
                    _report(bar, on_progress, len(chunk_results), len(results), len(todo))
    finally:
        if bar:
            bar.close()
    return results


def _report(bar: Any, on_progress: Progress | None, step: int, done: int, total: int) -> None:
    """One chunk finished: move the terminal's bar and tell the caller's callback."""
    if bar is not None:
        bar.update(step)
    if on_progress is not None:
        on_progress(done, total)

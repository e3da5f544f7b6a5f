"""Files on disk: the plan of files, one file's bytes (encodings, Traditional, compilations), the writer."""

from __future__ import annotations

import functools
import multiprocessing
import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.synth.layout import TYPE_NAMES, TYPE_WEIGHTS, render_doc
from bench.synth.regions import load_regions
from bench.synth.sentences import sentence_pool
from bench.synth.words import BLOCK, BREADCRUMB_COLS, CN_ORD, FILES_PER_DIR, SYNTHETIC_MARKER

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class FileSpec:
    """What the plan fixes for one file before any text is drawn."""

    index: int
    parts: int
    gbk: bool
    traditional: bool
    seed: int


def plan(n_docs: int, seed: int) -> list[FileSpec]:
    """Split n_docs into files; per block of 20 files exactly 2 GBK, 1 Traditional (UTF-8), 1 compilation."""
    r = random.Random(seed)
    specs: list[FileSpec] = []
    remaining = n_docs
    while remaining > 0:
        gbk, trad = r.sample(range(BLOCK), 2), BLOCK
        while trad == BLOCK or trad in gbk:  # Traditional text is UTF-8: GBK-encoded 繁體 is rare in the wild
            trad = r.randrange(BLOCK)
        comp = r.randrange(BLOCK)
        for j in range(BLOCK):
            if remaining <= 0:
                break
            parts = r.randint(2, min(5, remaining)) if j == comp and remaining >= 2 else 1
            specs.append(FileSpec(len(specs), parts, j in gbk, j == trad, r.getrandbits(64)))
            remaining -= parts
    return specs


@functools.lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    import opencc  # lazily: only Traditional files need it

    return opencc.OpenCC(config)


def file_path(out_dir: Path, index: int) -> Path:
    """Where file `index` goes: FILES_PER_DIR files per folder keep directory listings fast."""
    return out_dir / f"{index // FILES_PER_DIR:04d}" / f"synth_{index:07d}.txt"


def render_file(spec: FileSpec) -> tuple[bytes, dict[str, int]]:
    """Bytes of one file and its counters; pure function of the spec."""
    r = random.Random(spec.seed)
    stats = {"table_documents": 0, "compilation_files": 0}
    if spec.parts == 1:
        kind = r.choices(TYPE_NAMES, TYPE_WEIGHTS)[0]
        _, body, table = render_doc(r, kind)
        stats["doc_" + kind] = 1
        stats["table_documents"] += table
    else:
        stats["compilation_files"] = 1
        kind = r.choices(TYPE_NAMES, TYPE_WEIGHTS)[0]
        pieces: list[str] = []
        if r.random() < 0.5:
            intro = (f"法治政府建设工作总结范文(通用{spec.parts}篇)", f"精选{spec.parts}篇", "相关文章推荐")
            pieces.append(r.choice(intro))
        for p in range(spec.parts):
            if p and r.random() < 0.4:
                kind = r.choices(TYPE_NAMES, TYPE_WEIGHTS)[0]
            title, body, table = render_doc(r, kind, masked=r.random() < 0.2, in_compilation=True)
            stats["doc_" + kind] = stats.get("doc_" + kind, 0) + 1
            stats["table_documents"] += table
            pieces.append(f"第{CN_ORD[p]}篇:{title}\n{body}")
        body = "\n\n".join(pieces)
    pre = ""
    if r.random() < 0.2:
        pre = f"您的位置:首页 > {r.choice(BREADCRUMB_COLS)} > 正文\n"
    if spec.traditional:
        conv = _converter("s2t" if r.random() < 0.6 else "s2tw")  # s2t: OpenCC standard 爲/羣; s2tw: 為/群
        body = conv.convert(body)
        pre = conv.convert(pre)
    text = f"{pre}{SYNTHETIC_MARKER}\n{body}\n"
    if spec.gbk:
        if r.random() < 0.3:
            text = text.replace("\n", "\r\n")
        data = text.encode("gbk", errors="replace")  # all vocabulary is GBK-safe; replace is a guard
    else:
        data = text.encode("utf-8")
        if r.random() < 0.02:
            data = b"\xef\xbb\xbf" + data
    stats.update(files=1, documents=spec.parts, bytes=len(data), gbk_files=int(spec.gbk),
                 traditional_files=int(spec.traditional))
    return data, stats


def _write_chunk(job: tuple[str, list[FileSpec]]) -> dict[str, int]:
    out_dir, specs = Path(job[0]), job[1]
    total: dict[str, int] = {}
    for spec in specs:
        data, stats = render_file(spec)
        file_path(out_dir, spec.index).write_bytes(data)
        for k, v in stats.items():
            total[k] = total.get(k, 0) + v
    return total


class RefusedOutputError(ValueError):
    """Raised when the output folder is a data folder and force was not given."""


def check_out_dir(out_dir: Path, force: bool = False) -> None:
    """Refuse data/ (a folder named data, or anything inside the repo's data/) unless forced."""
    if force:
        return
    resolved = Path(out_dir).expanduser().resolve()
    repo_data = (REPO_ROOT / "data").resolve()
    if resolved.name == "data" or resolved == repo_data or repo_data in resolved.parents:
        raise RefusedOutputError(
            f"refusing to write into {out_dir}: the generator never writes into data/ unless told to (--force)")


def _merge(into: dict[str, int], part: dict[str, int]) -> None:
    for k, v in part.items():
        into[k] = into.get(k, 0) + v


def generate(n_docs: int, out_dir: Path, seed: int = 0, *, force: bool = False,
             workers: int | None = None) -> dict[str, Any]:
    """Write n_docs synthetic documents under out_dir; returns counts (files, documents, bytes, …)."""
    if n_docs < 0:
        raise ValueError("n_docs must be >= 0")
    out_dir = Path(out_dir)
    check_out_dir(out_dir, force)
    load_regions()  # once in the parent, so forked workers share them
    sentence_pool()
    specs = plan(n_docs, seed)
    stale = sum(1 for p in iter_files(out_dir) if int(p.stem[6:]) >= len(specs)) if out_dir.is_dir() else 0
    for k in range((len(specs) + FILES_PER_DIR - 1) // FILES_PER_DIR):
        (out_dir / f"{k:04d}").mkdir(parents=True, exist_ok=True)
    chunks: list[tuple[str, list[FileSpec]]] = [(str(out_dir), specs[i:i + 250]) for i in range(0, len(specs), 250)]
    workers = workers or os.cpu_count() or 1
    totals: dict[str, int] = {"files": 0, "documents": 0, "bytes": 0, "gbk_files": 0, "traditional_files": 0,
                              "compilation_files": 0, "table_documents": 0}
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            _merge(totals, _write_chunk(chunk))
    else:
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ctx.Pool(min(workers, len(chunks))) as pool:
            for part in pool.imap_unordered(_write_chunk, chunks):
                _merge(totals, part)
    doc_types = {k[4:]: totals.pop(k) for k in sorted(totals) if k.startswith("doc_")}
    result: dict[str, Any] = dict(totals)
    result["doc_types"] = doc_types
    result["stale_files"] = stale  # synth files of an earlier, larger run that this one did not overwrite
    return result


def iter_files(out_dir: Path) -> list[Path]:
    """The generated files in index order (for tests and the benchmark)."""
    return sorted(Path(out_dir).glob("[0-9][0-9][0-9][0-9]/synth_*.txt"))

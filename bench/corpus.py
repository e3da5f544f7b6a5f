"""The synthetic corpus a benchmark size runs on, and the edits the rebuild timings make to it (then undo).

A corpus is generated once per (size, seed) and reused: ``etl synth`` at 100k takes long. Edited files
are put back byte for byte with their mtime, so the next run finds the corpus it left.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

from bench import synth
from bench.settings import log


def ensure_corpus(workdir: Path, n_docs: int, seed: int) -> dict[str, Any]:
    """The synthetic corpus of ``n_docs`` documents in WORKDIR/corpus-N (generated once, then reused)."""
    out = workdir / f"corpus-{n_docs}"
    stamp = out / ".bench.json"  # dot files are not read by the build
    if stamp.exists():
        info = json.loads(stamp.read_text())
        if info.get("docs") == n_docs and info.get("seed") == seed and len(synth.iter_files(out)) == info["files"]:
            info["reused"] = True
            return info
    if out.exists():
        shutil.rmtree(out)
    log(f"generating {n_docs} synthetic documents -> {out}")
    t0 = time.perf_counter()
    stats = synth.generate(n_docs, out, seed)
    info = {"docs": n_docs, "seed": seed, "files": stats["files"], "bytes": stats["bytes"],
            "documents": stats["documents"], "synth_s": round(time.perf_counter() - t0, 1)}
    stamp.write_text(json.dumps(info))
    info["reused"] = False
    return info


def first_file(corpus: Path) -> Path:
    """The corpus's first file in build order (the one the touch rebuild touches)."""
    return synth.iter_files(corpus)[0]


def change_files(corpus: Path, fraction: float = 0.01) -> list[tuple[Path, bytes, int]]:
    """Append a line to every 1/fraction-th file (so its content and hash change); returns what to restore."""
    files = synth.iter_files(corpus)
    step = max(1, round(1 / fraction))
    saved = []
    for p in files[::step]:
        raw = p.read_bytes()
        saved.append((p, raw, p.stat().st_mtime_ns))
        p.write_bytes(raw + b"\nbench-edit\n")  # ASCII: valid in UTF-8 and GBK files alike
    return saved


def restore_files(saved: list[tuple[Path, bytes, int]]) -> None:
    """Put back what ``change_files`` changed: the bytes and the mtime."""
    for p, raw, mtime_ns in saved:
        p.write_bytes(raw)
        os.utime(p, ns=(mtime_ns, mtime_ns))

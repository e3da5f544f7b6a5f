"""Extraction CPU per MB on a fixed sample: synthetic files and the real gold texts, apart.

Why: issue 15 asks for extraction CPU per MB halved with identical output. This times (process CPU, best
of ``--repeats``) exactly a build worker's per-file work after reading the bytes — decode, ``process_text``,
the evidence sentences and the search tokens — over the same sample every time, and prints a digest of
everything extracted so a faster version can show it yields the same documents and figures.

    .venv/bin/python -m bench.extract_cpu --synth /tmp/etl-bench/corpus-100000 --files 2000 [--profile 30]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from etl.extract import pipeline
from etl.extract.sentence import sentence_around
from etl.extract.tokens import tokens
from etl.read.readers import read_bytes

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def synth_sample(corpus: Path, n: int) -> list[Path]:
    """Every k-th file of a synthetic corpus (its numbered folders in order), ``n`` of them."""
    files = sorted(p for d in sorted(corpus.iterdir()) if d.is_dir() for p in d.glob("synth_*.txt"))
    step = max(1, len(files) // max(1, n))
    return files[::step][:n]


def gold_sample() -> list[Path]:
    """The real texts the gold annotations are made on (tests/gold/texts)."""
    return sorted((ROOT / "tests" / "gold" / "texts").glob("*.txt"))


def _decode(raw: list[bytes]) -> list[str]:
    return [read_bytes(b, "txt").text for b in raw]


def _process(texts: list[str]) -> list[list[pipeline.Document]]:
    return [pipeline.process_text(t) for t in texts]


def _sentences(docs: list[list[pipeline.Document]]) -> None:
    for file_docs in docs:
        for d in file_docs:
            for f in d.figures:
                sentence_around(d.text, f.start, f.end)


def _tokens(docs: list[list[pipeline.Document]]) -> None:
    for file_docs in docs:
        for d in file_docs:
            tokens((d.meta.title or "") + "\n" + (d.meta.organ or "") + "\n" + d.text)


def digest(docs: list[list[pipeline.Document]]) -> str:
    """sha256 over every document's offsets, metadata, figures, evidence sentences and search tokens (its rows)."""
    h = hashlib.sha256()
    for file_docs in docs:
        for d in file_docs:
            row = [d.part, d.start, d.end, d.is_synthetic, d.meta.as_dict(), [f.as_dict() for f in d.figures],
                   [sentence_around(d.text, f.start, f.end) for f in d.figures],
                   tokens((d.meta.title or "") + "\n" + (d.meta.organ or "") + "\n" + d.text)]
            h.update(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode())
    return h.hexdigest()


def _cpu(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeats):
        t = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t)
    return best, out


def measure(name: str, files: list[Path], repeats: int) -> dict[str, Any]:
    """CPU seconds of each stage over one sample (best of ``repeats``), per MB of the files' bytes."""
    raw = [p.read_bytes() for p in files]
    mb = sum(len(b) for b in raw) / MB
    decode_s, texts = _cpu(lambda: _decode(raw), repeats)
    process_s, docs = _cpu(lambda: _process(texts), repeats)
    sentence_s, _ = _cpu(lambda: _sentences(docs), repeats)
    tokens_s, _ = _cpu(lambda: _tokens(docs), 1)  # the block cache makes a second pass unfairly cheap
    total = decode_s + process_s + sentence_s + tokens_s
    return {"sample": name, "files": len(files), "docs": sum(len(x) for x in docs), "mb": round(mb, 2),
            "decode_s": round(decode_s, 3), "process_s": round(process_s, 3), "sentence_s": round(sentence_s, 3),
            "tokens_s": round(tokens_s, 3), "total_s": round(total, 3),
            "process_s_per_mb": round(process_s / mb, 3), "total_s_per_mb": round(total / mb, 3),
            "digest": digest(docs)[:16]}


def profile(files: list[Path], top: int) -> str:
    """cProfile of ``process_text`` over the sample, the ``top`` functions by own time."""
    texts = _decode([p.read_bytes() for p in files])
    prof = cProfile.Profile()
    prof.enable()
    _process(texts)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    """Warm up once (gazetteer, catalogue, dictionaries), then measure the synthetic and the gold sample."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synth", type=Path, default=Path("/tmp/etl-bench/corpus-100000"))
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--profile", type=int, default=0, help="print the top N functions of a cProfile run")
    ap.add_argument("--only", choices=["synth", "gold"], default=None)
    args = ap.parse_args(argv)
    pipeline.warm_up()
    samples = {"synth": synth_sample(args.synth, args.files), "gold": gold_sample()}
    for name, files in samples.items():
        if args.only and name != args.only:
            continue
        if args.profile:
            print(profile(files, args.profile))
            continue
        row = measure(name, files, args.repeats)
        row["load"] = [round(x, 2) for x in os.getloadavg()]
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""Extraction throughput, in its own child process (``bench.children.run_child("extract", ...)``).

Decodes a sample of the corpus once, then times (CPU) a plain ``re.finditer(r"\\d+")`` scan, each stage of
the pipeline and the search tokens over the same text: the report gives every stage as a multiple of the
scan. Only this child imports the extractor (build children load it only when they have work to do).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.settings import MB, load_avg
from bench.synth import iter_files
from etl.extract import pipeline
from etl.extract import tokens as tok
from etl.read.readers import read_bytes


def child_main(spec_json: str) -> None:
    """Entry point of the extraction child (see ``bench.children.run_child``): prints one JSON line."""
    print(json.dumps(extract_child(json.loads(spec_json)), ensure_ascii=False))


def extract_child(spec: dict[str, Any]) -> dict[str, Any]:
    """Decode a sample once, then time (CPU) the regex scan, each pipeline stage and the search tokens."""
    files = iter_files(Path(spec["data"]))
    step = max(1, len(files) // int(spec["sample"]))
    files = files[::step][: int(spec["sample"])]
    cpu = time.process_time
    raw = [p.read_bytes() for p in files]
    t = cpu()
    texts = [read_bytes(b, "txt").text for b in raw]
    decode_s = cpu() - t
    chars = sum(len(x) for x in texts)
    t = cpu()
    digits = 0
    for x in texts:
        for _ in re.finditer(r"\d+", x):
            digits += 1
    regex_s = cpu() - t

    stages = {"split": 0.0, "normalise": 0.0, "metadata_of": 0.0, "extract_tables": 0.0, "extract_prose": 0.0}
    names = {"split": "split", "normalise": "normalise", "metadata_of": "metadata_of",
             "extract_tables": "extract_tables", "extract_prose": "extract_prose"}

    def timed(key: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **k: Any) -> Any:
            t0 = cpu()
            try:
                return fn(*a, **k)
            finally:
                stages[key] += cpu() - t0
        return wrapper

    originals = {n: getattr(pipeline, n) for n in names}
    for key, n in names.items():
        setattr(pipeline, n, timed(key, originals[n]))
    # warm-ups (one-time loads per process: gazetteer, jieba dictionary), timed apart
    t = cpu()
    pipeline.process_text(texts[0])
    tok.tokens(texts[0])
    warmup_s = cpu() - t
    for k in stages:
        stages[k] = 0.0
    docs = 0
    heads = []
    t = cpu()
    try:
        for x in texts:
            for d in pipeline.process_text(x):
                docs += 1
                heads.append((d.meta.title or "") + "\n" + (d.meta.organ or "") + "\n" + d.text)
    finally:
        for n, fn in originals.items():
            setattr(pipeline, n, fn)
    process_s = cpu() - t
    seg = tok._segmenter()
    seg.hits = seg.misses = 0
    t = cpu()
    for h in heads:
        tok.tokens(h)
    tokens_s = cpu() - t
    hit_rate = seg.hits / max(1, seg.hits + seg.misses)
    # the same without the block cache: synthetic text repeats sentences far more than real reports do
    saved_limit = tok.BLOCK_CACHE
    tok.BLOCK_CACHE = 0
    seg.cache.clear()
    t = cpu()
    for h in heads[: max(1, len(heads) // 4)]:
        tok.tokens(h)
    tokens_nocache_s = (cpu() - t) * len(heads) / max(1, len(heads) // 4)
    tok.BLOCK_CACHE = saved_limit
    return {"files": len(files), "docs": docs, "mb": sum(len(b) for b in raw) / MB, "chars": chars,
            "digit_runs": digits, "decode_s": decode_s, "regex_s": regex_s, "process_s": process_s,
            "stages_s": stages, "tokens_s": tokens_s, "tokens_nocache_s": tokens_nocache_s,
            "token_cache_hit_rate": hit_rate, "warmup_s": warmup_s, "load": load_avg()}

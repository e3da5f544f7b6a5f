"""Each measurement runs in a fresh interpreter, so its time and peak memory are its own; the build one lives here.

``run_child`` starts ``python -c "import MODULE; MODULE.child_main(SPEC)"`` for the kind of measurement
(``CHILD_MODULES``) and reads the JSON line it prints. Each kind has its own module, so a child loads only
what its job needs: a build child never loads Streamlit (queries, ``bench.pages``) or the extractor when
the build does not (``bench.extraction``), which would swell its peak memory and slow a no-change rebuild.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench.settings import MB, REPO, load_avg
from etl.load.build import build

# kind of measurement -> the module whose child_main(spec_json) runs it in the child
CHILD_MODULES = {"build": "bench.children", "queries": "bench.pages", "extract": "bench.extraction"}


def run_child(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; returns its JSON result."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if "db" in spec and kind == "queries":
        env["REPORTS_DB"] = str(spec["db"])
    code = f"import sys, {CHILD_MODULES[kind]} as m; m.child_main(sys.argv[1])"
    proc = subprocess.run([sys.executable, "-c", code, json.dumps(spec)], cwd=REPO, env=env, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"bench child {kind} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def child_main(spec_json: str) -> None:
    """Entry point of a build child (see ``run_child``): prints one JSON line."""
    print(json.dumps(build_child(json.loads(spec_json)), ensure_ascii=False))


def _rusage() -> dict[str, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
            "main_peak_mb": me.ru_maxrss / 1024, "worker_peak_mb": kids.ru_maxrss / 1024}


def _tree_memory_mb(root: psutil.Process) -> tuple[float, float]:
    """(RSS, PSS) summed over ``root`` and its descendants right now.

    PSS splits each shared page among the processes that map it, so the sum is the memory the
    whole build occupies; summing RSS counts the pages forked workers share with the parent twice.
    psutil reads PSS where the system reports it (Linux); elsewhere it counts as 0.
    """
    rss = pss = 0.0
    for proc in [root, *root.children(recursive=True)]:
        try:
            mem = proc.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue  # a worker that just ended
        rss += mem.rss / 2**20
        pss += getattr(mem, "pss", 0) / 2**20
    return rss, pss


class MemorySampler:
    """Samples the build's process tree every 0.2 s; keeps the largest simultaneous RSS and PSS totals."""

    def __init__(self) -> None:
        self.peak_rss = self.peak_pss = 0.0
        self._me = psutil.Process()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = _tree_memory_mb(self._me)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(0.2)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def build_child(spec: dict[str, Any]) -> dict[str, Any]:
    """One build of ``spec["data"]`` into ``spec["db"]``: wall and CPU time, peak memory, what it read."""
    load0 = load_avg()
    t0 = time.perf_counter()
    with MemorySampler() as mem:
        s = build(Path(spec["data"]), Path(spec["db"]), workers=int(spec["workers"]), progress=False)
    wall = time.perf_counter() - t0
    usage = _rusage()  # pool workers are joined inside build(): RUSAGE_CHILDREN covers them
    usage |= {"tree_rss_mb": mem.peak_rss or None, "tree_pss_mb": mem.peak_pss or None}
    db = Path(spec["db"])
    return {"wall_s": wall, **usage, "load_before": load0, "load_after": load_avg(),
            "files_seen": s.files_seen, "files_read": s.files_read, "files_reused": s.files_reused,
            "documents": s.documents, "figures": s.figures, "errors": s.errors,
            "db_mb": db.stat().st_size / MB, "note": s.note}

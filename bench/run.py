"""`python -m etl bench`: how fast the ETL and the dashboard queries are at 1k-100k reports.

For each size it writes (or reuses) a synthetic corpus (``etl synth``) under
``--workdir`` and measures, each build in a fresh child process so time and
peak memory are that build's alone:

- a full build with each ``--workers-list`` entry (docs/s, MB/s, CPU seconds,
  peak RSS of the main process and of the largest worker, database size), and
  whether every worker count gives the same tables;
- a rebuild with nothing changed and one with 1% of the files changed (the
  changed files are put back byte for byte, with their mtime, afterwards);
- p50/p95 latency of every ``dashboard.queries`` call the pages register (``dashboard/queries/registry.py``), with
  the arguments a page passes, uncached (the Streamlit cache is bypassed: what
  the first visitor after a build waits for);
- extraction throughput on a sample of files, per stage, as a ratio to a
  plain ``re.finditer(r"\\d+")`` scan over the same decoded text.

Results are kept in ``WORKDIR/results.json`` (one entry per size, so 100k can be
run on its own later) and rendered as a table and into ``docs/benchmarks.md``
between the ``bench:begin``/``bench:end`` markers; text outside them is kept.
The machine's load average is recorded next to every timing: on a shared VM
wall time is mostly other people's work, CPU seconds are not.

This module is the command (options, the run over the sizes, the machine's description); the parts:
settings (paths, targets, log), corpus (the synthetic corpus and its edits), builds (the build
measurements), children (child processes, the build child, memory sampling), extraction and pages (the
extraction and query children), report (tables, targets, the markdown).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from bench.builds import bench_builds
from bench.children import run_child
from bench.report import render_text, write_doc
from bench.settings import DEFAULT_DOC, DEFAULT_WORKDIR, REPO, log


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--docs", default="1000,10000", help="corpus sizes in documents, comma separated (default 1000,10000)")
    p.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                   help=f"corpora, databases and results.json go here (default {DEFAULT_WORKDIR}; never inside data/)")
    p.add_argument("--workers-list", default="1,all",
                   help="worker counts for the full build, comma separated; 'all' = every core (default 1,all)")
    p.add_argument("--queries-only", action="store_true", help="only time the dashboard queries on existing databases")
    p.add_argument("--quick", action="store_true", help="few query repeats and a small extraction sample (smoke runs)")
    p.add_argument("--seed", type=int, default=0, help="synthetic corpus seed (default 0)")
    p.add_argument("--repeats", type=int, default=None, help="timed runs per query (default 20, --quick 3)")
    p.add_argument("--sample", type=int, default=None,
                   help="files in the extraction-throughput sample (default 1000, --quick 50)")
    p.add_argument("--doc", type=Path, default=DEFAULT_DOC,
                   help="markdown file to write the results into (default docs/benchmarks.md; '-' for none)")


def _sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        if part:
            mult = 1000 if part.endswith("k") else 1
            sizes.append(int(float(part.rstrip("k")) * mult))
    return sizes


def _workers(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if part:
            w = (os.cpu_count() or 1) if part == "all" else max(1, int(part))
            if w not in out:
                out.append(w)
    return out


def check_workdir(workdir: Path) -> Path:
    """The resolved work folder; refuses the repo's data/ (and any folder named data) like ``etl synth``."""
    resolved = workdir.expanduser().resolve()
    data = (REPO / "data").resolve()
    if resolved.name == "data" or resolved == data or data in resolved.parents:
        raise ValueError(f"refusing --workdir {workdir}: the benchmark never writes into data/")
    return resolved


def run(args: argparse.Namespace) -> int:
    try:
        workdir = check_workdir(args.workdir)
    except ValueError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    workdir.mkdir(parents=True, exist_ok=True)
    sizes, workers = _sizes(args.docs), _workers(args.workers_list)
    repeats = args.repeats or (3 if args.quick else 20)
    sample = args.sample or (50 if args.quick else 1000)
    store = workdir / "results.json"
    results: dict[str, Any] = json.loads(store.read_text()) if store.exists() else {}
    command = "python -m etl bench " + " ".join(shlex.quote(a) for a in _argv_of(args))
    for n in sizes:
        entry = results.get(str(n), {}) if args.queries_only else {}
        entry.update(command=command, date=datetime.now().isoformat(timespec="seconds"), quick=args.quick,
                     machine=machine())
        try:
            if args.queries_only:
                db = workdir / f"db-{n}.duckdb"
                if not db.exists():
                    print(f"bench: no database for {n} documents in {workdir}; run without --queries-only first",
                          file=sys.stderr)
                    return 2
            else:
                entry.update(bench_builds(workdir, n, workers, args.seed, sample))
                db = workdir / f"db-{n}.duckdb"
            log(f"{n}: timing dashboard queries ({repeats} runs each)")
            entry["queries"] = run_child("queries", {"db": str(db), "repeats": repeats,
                                                     "budget_s": 2.0 if args.quick else 15.0})
        finally:
            results[str(n)] = entry
            store.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(render_text(results, sizes))
    if str(args.doc) != "-":
        write_doc(Path(args.doc), results)
        print(f"bench: wrote {args.doc}", file=sys.stderr)
    return 0


def _argv_of(args: argparse.Namespace) -> list[str]:
    out = ["--docs", args.docs, "--workers-list", args.workers_list]
    if args.workdir != DEFAULT_WORKDIR:
        out += ["--workdir", str(args.workdir)]
    for flag in ("queries_only", "quick"):
        if getattr(args, flag):
            out.append("--" + flag.replace("_", "-"))
    if args.seed:
        out += ["--seed", str(args.seed)]
    if args.repeats:
        out += ["--repeats", str(args.repeats)]
    if args.sample:
        out += ["--sample", str(args.sample)]
    return out


def machine() -> dict[str, Any]:
    """Cores, CPU model, RAM and versions: printed with every result, timings mean little without them."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "ram": mem, "python": platform.python_version(),
            "duckdb": duckdb.__version__}

"""The build measurements of one corpus size: full builds per worker count, then the three rebuilds.

Each build runs in its own child (``bench.children``); the databases of the full builds are compared
table by table, since every worker count must give the same tables.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import duckdb

from bench.children import run_child
from bench.corpus import change_files, ensure_corpus, first_file, restore_files
from bench.settings import log


def bench_builds(workdir: Path, n: int, workers: list[int], seed: int, sample: int) -> dict[str, Any]:
    """Corpus, full builds, rebuilds (nothing changed, one file touched, 1% changed) and extraction throughput."""
    corpus = ensure_corpus(workdir, n, seed)
    data = workdir / f"corpus-{n}"
    out: dict[str, Any] = {"corpus": corpus, "builds": {}}
    dbs = []
    for w in workers:
        db = workdir / f"db-{n}-w{w}.duckdb"
        for leftover in (db, db.with_name(db.name + ".wal")):
            leftover.unlink(missing_ok=True)
        log(f"{n}: full build, {w} worker(s)")
        out["builds"][str(w)] = run_child("build", {"data": str(data), "db": str(db), "workers": w})
        dbs.append(db)
    out["identical"] = identical_tables(dbs)
    main = workdir / f"db-{n}.duckdb"  # the many-worker build is the one the rebuilds and queries use
    shutil.copyfile(dbs[-1], main)
    log(f"{n}: rebuild, nothing changed")
    out["rebuild_nochange"] = run_child("build", {"data": str(data), "db": str(main), "workers": workers[-1]})
    # one file touched, same bytes: the smallest build that writes (a delta copy of the database, no post-build)
    first = first_file(data)
    st = first.stat()
    os.utime(first, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    try:
        log(f"{n}: rebuild, one file touched")
        out["rebuild_touch"] = run_child("build", {"data": str(data), "db": str(main), "workers": workers[-1]})
    finally:
        os.utime(first, ns=(st.st_atime_ns, st.st_mtime_ns))
    saved = change_files(data)
    try:
        log(f"{n}: rebuild, {len(saved)} files (1%) changed")
        out["rebuild_1pct"] = run_child("build", {"data": str(data), "db": str(main), "workers": workers[-1]})
        out["rebuild_1pct"]["changed_files"] = len(saved)
    finally:
        restore_files(saved)
    log(f"{n}: extraction throughput on {min(sample, corpus['files'])} files")
    out["extract"] = run_child("extract", {"data": str(data), "sample": sample})
    return out


def identical_tables(dbs: list[Path]) -> dict[str, bool]:
    """Per table: do all databases hold the same rows (``added_at`` aside, it is the build's clock)?"""
    out: dict[str, bool] = {}
    if len(dbs) < 2:
        return out
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        for i, db in enumerate(dbs):
            con.execute(f"ATTACH ? AS db{i} (READ_ONLY)", [str(db)])
        for table, cols in (("documents", "* EXCLUDE (added_at)"), ("figures", "*"), ("texts", "*"),
                            ("doc_tokens", "*"), ("checks", "*"), ("ingest_errors", "*")):
            same = True
            for i in range(1, len(dbs)):
                diff = con.execute(f"""SELECT (SELECT count(*) FROM (SELECT {cols} FROM db0.{table}
                                                 EXCEPT ALL SELECT {cols} FROM db{i}.{table}))
                                            + (SELECT count(*) FROM (SELECT {cols} FROM db{i}.{table}
                                                 EXCEPT ALL SELECT {cols} FROM db0.{table}))""").fetchone()[0]
                same = same and diff == 0
            out[table] = same
    finally:
        con.close()
    return out

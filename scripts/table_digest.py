"""Digest every table of a reports database, row order and run-specific columns aside.

Why: a refactor must leave the tables byte for byte as they were (issue 14). Each table is read
sorted on all its columns, written as tab-separated text and hashed; columns that differ between any
two runs by nature (build times, run ids, the data folder's absolute path, seconds) are left out and
named in the output so nothing hides.

    python scripts/table_digest.py DB [--out FILE]
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import duckdb

# Columns that a second run of the same code on the same files changes by nature.
RUN_SPECIFIC = {
    "schema_version": {"created_at"},
    # extractor_version: a hash over the extraction code itself (etl/__init__.py), changed by any edit to it
    "etl_runs": {"run_id", "started_at", "finished_at", "data_dir", "seconds", "extractor_version"},
    "files": {"mtime"},
    "documents": {"added_at"},          # when the build first saw the document
    "documents_current": {"added_at"},
    # a hash over the extraction code itself (etl/load/build_state.py): any change to the code changes it
    "build_state": {"value"},
}


def digest(db: Path) -> dict[str, str]:
    """Table name → 'rows sha256 (left out: …)'."""
    con = duckdb.connect(str(db), read_only=True)
    out: dict[str, str] = {}
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type='BASE TABLE' ORDER BY 1").fetchall()]
    for table in tables:
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall()]
        skip = RUN_SPECIFIC.get(table, set())
        keep = [c for c in cols if c not in skip]
        quoted = ", ".join(f'"{c}"' for c in keep)
        rows = con.execute(f'SELECT {quoted} FROM "{table}" ORDER BY ALL').fetchall()
        h = hashlib.sha256()
        for row in rows:
            h.update(("\t".join(repr(v) for v in row) + "\n").encode())
        left = f" (left out: {', '.join(sorted(skip & set(cols)))})" if skip & set(cols) else ""
        out[table] = f"{len(rows)} {h.hexdigest()[:16]}{left}"
    con.close()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db", type=Path)
    p.add_argument("--out", type=Path)
    a = p.parse_args(argv)
    text = "".join(f"{k}\t{v}\n" for k, v in digest(a.db).items())
    if a.out:
        a.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

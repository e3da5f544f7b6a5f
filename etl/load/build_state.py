"""The post-build fingerprint: what the post-build tables (corrections, checks) were made from.

Split out of etl/after/steps.py so that a rebuild with nothing to do can compare fingerprints
without importing the after-load steps (etl/after/current.py and etl/after/checks.py load pandas: most
of the cost of a no-change ``python -m etl build``). etl/after/steps.py re-exports these names.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from etl import paths

FINGERPRINT_KEY = "post_build_inputs"
ETL_DIR = Path(__file__).resolve().parents[1]


def fingerprint(data_dir: Path) -> str:
    """sha256 over the corrections log and every source and catalogue file of etl/."""
    h = hashlib.sha256()
    log = Path(data_dir) / paths.LOG_NAME  # etl.after.corrections.log_path, without importing it
    h.update(log.read_bytes() if log.exists() else b"<no log>")
    files = [p for p in ETL_DIR.rglob("*") if p.is_file() and p.suffix in {".py", ".sql", ".toml", ".json", ".txt"}
             and "__pycache__" not in p.parts]
    for path in sorted(files):
        h.update(path.relative_to(ETL_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def recorded(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint the database's post-build tables were made with (None: unknown)."""
    row = con.execute("SELECT value FROM build_state WHERE key = ?", [FINGERPRINT_KEY]).fetchone()
    return row[0] if row else None

"""The post-build fingerprint: what the post-build tables (corrections, checks) were made from.

Split out of etl/post_build.py so that a rebuild with nothing to do can compare fingerprints
without importing the post-build steps (etl/corrections.py and etl/checks.py load pandas: most
of the cost of a no-change ``python -m etl build``). etl/post_build.py re-exports these names.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from etl import paths

FINGERPRINT_KEY = "post_build_inputs"
ETL_DIR = Path(__file__).resolve().parent


def fingerprint(data_dir: Path) -> str:
    """sha256 over the corrections log and every source and catalogue file of etl/."""
    h = hashlib.sha256()
    log = Path(data_dir) / paths.LOG_NAME  # etl.corrections.log_path, without importing it
    h.update(log.read_bytes() if log.exists() else b"<no log>")
    for path in sorted([*ETL_DIR.glob("*.py"), *ETL_DIR.glob("*.sql"), *ETL_DIR.glob("catalog/*")]):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def recorded(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint the database's post-build tables were made with (None: unknown)."""
    row = con.execute("SELECT value FROM build_state WHERE key = ?", [FINGERPRINT_KEY]).fetchone()
    return row[0] if row else None

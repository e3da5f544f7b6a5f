"""Steps run inside every build on the finished tables, in order.

Each step is ``step(con, data_dir) -> None`` and works only on the new
database: corrections are applied before checks so checks see corrected values.

The steps read only the extracted tables, the corrections log and the ETL's
code and catalogue, so ``run`` records a fingerprint of the last two in
``build_state``: a rebuild in which no file changed and the fingerprint is the
same skips them (at 100k reports they cost ~15 s, most of a no-change rebuild).
Any change to etl/ counts, so a new version of a step never meets stale tables.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb

from etl import corrections
from etl.checks import step as run_checks_step
from etl.corrections import apply_corrections

Step = Callable[[duckdb.DuckDBPyConnection, Path], None]

STEPS: list[Step] = [apply_corrections, run_checks_step]
FINGERPRINT_KEY = "post_build_inputs"


ETL_DIR = Path(__file__).resolve().parent


def fingerprint(data_dir: Path) -> str:
    """sha256 over the corrections log and every source and catalogue file of etl/."""
    h = hashlib.sha256()
    log = corrections.log_path(data_dir)
    h.update(log.read_bytes() if log.exists() else b"<no log>")
    for path in sorted([*ETL_DIR.glob("*.py"), *ETL_DIR.glob("*.sql"), *ETL_DIR.glob("catalog/*")]):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def recorded(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint the database's post-build tables were made with (None: unknown)."""
    row = con.execute("SELECT value FROM build_state WHERE key = ?", [FINGERPRINT_KEY]).fetchone()
    return row[0] if row else None


def run(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Every step, then record what they were made from."""
    for step in STEPS:
        step(con, data_dir)
    con.execute("DELETE FROM build_state WHERE key = ?", [FINGERPRINT_KEY])
    con.execute("INSERT INTO build_state VALUES (?, ?)", [FINGERPRINT_KEY, fingerprint(data_dir)])

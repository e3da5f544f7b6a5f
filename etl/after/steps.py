"""The after-load steps, in order: the one list every build and every in-app correction runs.

Each step is ``step(con, data_dir) -> None`` and works only on the new database, in this order:

1. corrections (etl/after/current.py): the log loaded, ``documents_current`` / ``figures_current`` rebuilt,
   so everything after sees corrected values;
2. summaries (etl/after/summaries.py): the dashboard's summary tables, made from the two tables just rebuilt;
3. checks (etl/after/checks.py): the consistency findings over the corrected figures.

The steps read only the extracted tables, the corrections log and the ETL's code and catalogue, so
``run`` records a fingerprint of the last two in ``build_state``: a rebuild in which no file changed and
the fingerprint is the same skips them (at 100k reports they cost ~15 s, most of a no-change rebuild).
Any change to etl/ counts, so a new version of a step never meets stale tables. The fingerprint itself
lives in etl/load/build_state.py (a no-change build reads it without importing the steps, which load
pandas); it is re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from etl.after import checks, current, summaries
from etl.load.build_state import FINGERPRINT_KEY, fingerprint, recorded

Step = Callable[[duckdb.DuckDBPyConnection, Path], None]

STEPS: list[Step] = [current.apply_corrections, summaries.step, checks.step]
__all__ = ["FINGERPRINT_KEY", "STEPS", "Step", "fingerprint", "recorded", "run"]


def run(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Every step, in order, then record what they were made from."""
    for step in STEPS:
        step(con, data_dir)
    con.execute("DELETE FROM build_state WHERE key = ?", [FINGERPRINT_KEY])
    con.execute("INSERT INTO build_state VALUES (?, ?)", [FINGERPRINT_KEY, fingerprint(data_dir)])

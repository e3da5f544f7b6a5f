"""Steps run inside every build on the finished tables, in order.

Each step is ``step(con, data_dir) -> None`` and works only on the new
database: corrections are applied before checks so checks see corrected values.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from etl.checks import step as run_checks_step
from etl.corrections import apply_corrections

Step = Callable[[duckdb.DuckDBPyConnection, Path], None]

STEPS: list[Step] = [apply_corrections, run_checks_step]

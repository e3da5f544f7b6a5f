"""Where the reports, the database and the corrections log are: one answer for the CLI, the app and the log.

- ``REPORTS_DATA``: the folder of report files (default ``data/`` next to app.py). Uploads go to
  ``DATA/uploads/``, analysts' corrections to ``DATA/corrections.jsonl``, and every build reads it.
- ``REPORTS_DB``: the database file (default ``DATA/reports.duckdb``). It may live anywhere; the
  data folder never follows it.

Why one module: the data folder used to be found three ways (``ROOT/data`` for the first build,
the database's parent folder for rebuilds and corrections), so with ``REPORTS_DB`` outside the
data folder the app rebuilt from an empty folder and wrote corrections the CLI build never read.
Kept free of heavy imports: the dashboard imports it on every page.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA = "REPORTS_DATA"
ENV_DB = "REPORTS_DB"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "data"
DB_NAME = "reports.duckdb"
LOG_NAME = "corrections.jsonl"


def _from_env(name: str) -> Path | None:
    """An absolute path from environment variable ``name``; None when unset or blank."""
    raw = os.environ.get(name, "").strip()
    return Path(raw).expanduser().resolve() if raw else None


def data_dir() -> Path:
    """The folder of report files: ``$REPORTS_DATA`` or data/ next to app.py."""
    return _from_env(ENV_DATA) or DEFAULT_DATA


def db_path() -> Path:
    """The database the app reads and the CLI builds by default: ``$REPORTS_DB`` or DATA/reports.duckdb."""
    return _from_env(ENV_DB) or data_dir() / DB_NAME


def corrections_log() -> Path:
    """The corrections log every save appends to and every build re-applies: DATA/corrections.jsonl."""
    return data_dir() / LOG_NAME

"""A database an earlier ETL version wrote: the pages say it needs upgrading, and the rebuild keeps its rows.

After an upgrade that raised the schema version, the file is readable but lacks what the pages now read; a
query would fail with a binder error. ``db.problem()`` names it outdated instead, and ``recovery.rebuild``
does not set it aside (the build then upgrades it by copying its rows, nothing re-extracted).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import test_db_swap_race

from dashboard import db, recovery
from etl import api

live = test_db_swap_race.live  # the live-database fixture: a copy of tiny_db as REPORTS_DB, no verdict kept


def set_version(path: Path, version: int) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
    finally:
        con.close()


def test_a_current_database_has_no_problem(live: Path) -> None:
    assert db.problem() is None


def test_an_older_schema_is_named_outdated_not_broken(live: Path) -> None:
    set_version(live, api.SCHEMA_VERSION - 1)
    assert db.problem() == db.OUTDATED_MESSAGE


def test_the_rebuild_keeps_an_outdated_file_in_place(live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_version(live, api.SCHEMA_VERSION - 1)
    assert db.problem() == db.OUTDATED_MESSAGE
    aside: list[Path] = []
    monkeypatch.setattr(recovery, "set_aside", lambda path: aside.append(path) or path)
    monkeypatch.setattr(recovery.uploads, "run_build",
                        lambda *a, **k: recovery.uploads.BuildOutcome(False, {}, "stopped by the test"))
    recovery.rebuild()
    assert aside == []

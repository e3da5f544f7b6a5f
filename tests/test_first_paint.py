"""bench/first_paint.py runs end to end on the bundled reports: one page, a positive first-paint time.

Why: the browser benchmark is run by hand at 100k; without this it could break (a Streamlit attribute renamed,
a page path changed) and only be found then. The times themselves are not asserted: speed is measured by
the benchmark (docs/benchmarks.md), not by tests. Skipped without Chromium.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_support import require_chromium  # importing it skips this module when Chromium is missing

require_chromium()  # (said again here for the reader)

from bench import first_paint  # noqa: E402 - only once Chromium is known to exist
from etl.load.build import build  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data/ built into a temporary file (the benchmark refuses to let the app build one)."""
    db = tmp_path_factory.mktemp("paint") / "reports.duckdb"
    build(ROOT / "data", db, progress=False)
    return db


def test_one_page_reports_a_positive_time(bundled_db: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "paint.json"
    code = first_paint.main(["--db", str(bundled_db), "--data", str(ROOT / "data"), "--pages", "reports",
                             "--warm", "1", "--timeout", "90", "--json", str(out), "--log-dir", str(tmp_path)])
    assert code == 0
    result = json.loads(out.read_text())
    visits = result["visits"]
    assert [(v["page"], v["kind"]) for v in visits] == [("报告", "cold"), ("报告", "warm")]
    for v in visits:
        assert v["ready_ms"] is not None and v["ready_ms"] > 0
        assert v["content_ms"] is not None and 0 < v["content_ms"] <= v["ready_ms"]
        assert v["errors"] == 0
    [row] = result["summary"]
    assert row["page"] == "报告" and row["cold_ms"] > 0 and row["warm_p50_ms"] > 0
    assert "| 报告 |" in capsys.readouterr().out


def test_a_missing_database_is_refused_not_built(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    assert first_paint.main(["--db", str(missing), "--data", str(tmp_path)]) == 2
    assert not missing.exists()  # app.py would have built it on first start

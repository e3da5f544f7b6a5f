"""A page's table sends at most ``downloads.GRID_ROWS`` rows to the browser, says so, and keeps their order.

Why: at 100k reports the 数据质量 page sent all 100,000 documents and the 周报 a week's 100,000 new reports to
the browser (seconds of Arrow conversion, transfer and drawing, docs/benchmarks.md session 6). Here the limit
is set to 2 on the small test database, so the cut shows; with the real limit every row is shown.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import downloads

APP = Path(__file__).resolve().parents[1] / "app.py"


def run(page: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest, first_columns: list[str]) -> pd.DataFrame:
    """The page's table whose headers start with ``first_columns``."""
    return next(df.value for df in at.dataframe if df.value.columns.tolist()[:len(first_columns)] == first_columns)


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


QUALITY_DOCS = ["标题", "地区", "层级", "年份", "类型", "数字"]
BRIEF_ADDED = ["标题", "地区", "年份", "类型", "数字", "添加时间"]


def test_quality_documents_shows_the_first_rows_and_says_how_many_there_are(use_test_db: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    full = table(run("quality"), QUALITY_DOCS)
    assert len(full) > 2  # the test database has more documents than the limit below
    monkeypatch.setattr(downloads, "GRID_ROWS", 2)
    at = run("quality")
    shown = table(at, QUALITY_DOCS)
    assert len(shown) == 2
    assert shown["标题"].tolist() == full["标题"].head(2).tolist()  # the same rows, in the same order
    assert f"共 {len(full):,} 行,表中列出前 2 行" in captions(at)


def test_without_a_cut_there_is_no_note(use_test_db: Path) -> None:
    at = run("quality")
    assert len(table(at, QUALITY_DOCS)) <= downloads.GRID_ROWS
    assert "表中列出前" not in captions(at)


def test_brief_lists_the_first_new_reports_and_points_to_the_csv(use_test_db: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    full = table(run("brief"), BRIEF_ADDED)  # the test database was built today: every report is this week's
    assert len(full) > 1
    monkeypatch.setattr(downloads, "GRID_ROWS", 1)
    at = run("brief")
    shown = table(at, BRIEF_ADDED)
    assert shown["标题"].tolist() == full["标题"].head(1).tolist()
    assert "表中列出最近添加的 1 份;完整清单见“导出 CSV”" in captions(at)
    assert f"本周新增报告({len(full)} 份)" in [h.value for h in at.header]  # the count is still all of them


def test_grid_rows_leaves_a_short_table_whole() -> None:
    df = pd.DataFrame({"a": range(3)})
    assert downloads.grid_rows(df, limit=3) is df
    assert downloads.grid_rows(df, limit=2)["a"].tolist() == [0, 1]

"""Injection: SQL strings in filters, URL parameters and the search box change nothing; report text with
<script> / <img onerror> is shown escaped; spreadsheet formulas in CSV cells are neutralised.

Each test fails when its protection is removed (string-built SQL, unescaped text, raw CSV cells).
"""

from __future__ import annotations

import html
import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import queries
from dashboard.downloads import to_csv_bytes
from dashboard.filters import Filters, from_params

INJECTIONS = [
    "'; DROP TABLE figures; --",
    "' OR 1=1 --",
    "\" OR \"\"=\"",
    "1); DELETE FROM documents; --",
    "行政复议' UNION SELECT text FROM texts --",
    "%' OR '%'='",
]


def _tables(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # names from the catalog
                for (t,) in con.execute("SELECT table_name FROM information_schema.tables "
                                        "WHERE table_type = 'BASE TABLE'").fetchall()}
    finally:
        con.close()


@pytest.mark.parametrize("evil", INJECTIONS)
def test_search_box_and_filters_take_injection_strings_as_data(use_test_db: Path, evil: str) -> None:
    before = _tables(use_test_db)
    everything = queries.search_documents(Filters(synthetic=True), "")
    found = queries.search_documents(Filters(synthetic=True), evil)
    assert len(found) < len(everything)  # ' OR 1=1 did not turn into "match all"
    f = from_params({"region": [evil], "level": [evil], "type": [evil], "metric": [evil], "y0": [evil], "y1": [evil]})
    assert queries.search_documents(f, "").empty or len(queries.search_documents(f, "")) <= len(everything)
    assert queries.document(evil) is None
    assert _tables(use_test_db) == before  # nothing dropped or deleted


@pytest.mark.parametrize("evil", INJECTIONS)
def test_url_parameters_with_injection_strings_do_not_break_pages(use_test_db: Path, evil: str) -> None:
    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parents[1] / "app.py"
    before = _tables(use_test_db)
    at = AppTest.from_file(str(app), default_timeout=90)
    for key in ("region", "level", "type", "metric", "y0", "y1", "q", "doc"):
        at.query_params[key] = evil
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("pages/reports.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _tables(use_test_db) == before


def test_report_text_with_script_and_onerror_is_escaped_in_the_reader(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from etl.load.build import build

    data = tmp_path / "data"
    data.mkdir()
    evil = ("某县2023年法治政府建设年度报告<script>alert('x')</script>\n"
            "2023年,全县收到行政复议申请12件<img src=x onerror=alert(1)>,受理10件。")
    (data / "evil.txt").write_text(evil, encoding="utf-8")
    db = tmp_path / "reports.duckdb"
    build(data, db, progress=False, with_tokens=True)
    monkeypatch.setenv("REPORTS_DB", str(db))
    con = duckdb.connect(str(db), read_only=True)
    doc_id = con.execute("SELECT doc_id FROM documents").fetchone()[0]
    con.close()
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=90)
    at.query_params["doc"] = doc_id
    at.run()
    at.switch_page("pages/reports.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(h.value for h in at.html)
    assert "收到行政复议申请" in shown  # the reader shows the report
    assert "<img" not in shown and "<script>alert" not in shown and "onerror=alert(1)>" not in shown
    assert html.escape("<img src=x onerror=alert(1)>", quote=False) in shown
    assert "&lt;script&gt;alert(" in shown


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\")"])
def test_csv_cells_that_look_like_formulas_are_neutralised(cell: str) -> None:
    data = to_csv_bytes(pd.DataFrame({"原文": [cell]}))
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert back.loc[0, "原文"] == f"'{cell}"  # Excel shows it as text, never evaluates it

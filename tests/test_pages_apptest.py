"""Every page through Streamlit's AppTest: runs without exceptions, shows its elements, honours URL filters.

Also the URL <-> Filters mapping (pure), and the app's first-start build and reload of a swapped-in DB.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.filters import Filters, from_params, to_params

APP = Path(__file__).resolve().parents[1] / "app.py"
RECEIVED = "reconsideration.received"


def run_page(page: str, params: dict[str, str | list[str]] | None = None, timeout: float = 90) -> AppTest:
    """Open the app with ``params`` in the URL, go to ``pages/<page>.py`` and check it ran cleanly."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric_value(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def plotly_charts(at: AppTest) -> list:
    return at.get("plotly_chart")


def count_docs(db: Path, where: str = "TRUE", params: list | None = None) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM documents_current WHERE {where}", params or []).fetchone()[0]
    finally:
        con.close()


# --- URL <-> Filters ----------------------------------------------------------------------------------------

def test_filters_round_trip_through_url() -> None:
    f = Filters(regions=("440000", "430100"), levels=("city",), year_from=2019, year_to=2023,
                doc_types=("annual_report",), metrics=(RECEIVED,), synthetic=True)
    params = to_params(f)
    assert params == {"region": ["440000", "430100"], "level": ["city"], "y0": ["2019"], "y1": ["2023"],
                      "type": ["annual_report"], "metric": [RECEIVED], "synthetic": ["1"]}
    assert from_params(params) == f
    assert to_params(Filters()) == {}


def test_from_params_drops_malformed_values() -> None:
    f = from_params({"region": "440000,abc,4401", "level": ["county", "bogus"], "y0": "2030", "y1": "2019",
                     "type": "news", "metric": ["x;drop table", RECEIVED], "synthetic": "0"})
    assert f == Filters(regions=("440000",), levels=("county",), year_from=2019, year_to=2030,
                        doc_types=("news",), metrics=(RECEIVED,), synthetic=False)
    assert from_params({"y0": "1700"}).year_from is None


# --- pages on the ETL-built database ------------------------------------------------------------------------

@pytest.mark.usefixtures("use_test_db")
class TestPagesOnBuiltDatabase:
    def test_navigation_lists_the_pages(self) -> None:
        at = run_page("overview")
        assert [t.value for t in at.title] == ["总览"]
        # the sidebar holds every filter
        assert [m.label for m in at.sidebar.multiselect] == ["地区", "层级", "文档类型", "指标"]
        assert [t.label for t in at.sidebar.toggle] == ["包含合成数据"]

    def test_overview(self, test_db: Path) -> None:
        at = run_page("overview")
        n = count_docs(test_db, "NOT is_synthetic")
        assert metric_value(at, "报告") == f"{n} 份"
        assert len(plotly_charts(at)) == 1  # the coverage matrix
        assert any(s.value.endswith("年主要指标") for s in at.subheader)
        assert at.dataframe[0].value.columns.tolist()[:3] == ["标题", "阅读", "地区"]
        assert {b.label for b in at.download_button} == {"下载 CSV", "下载 Excel"}

    def test_overview_with_filters_from_url(self, test_db: Path) -> None:
        at = run_page("overview", {"region": "430000", "synthetic": "1"})
        n = count_docs(test_db, "starts_with(region_code, '43')")
        assert n > 0
        assert metric_value(at, "报告") == f"{n} 份"
        assert at.sidebar.multiselect(key="flt_region").value == ["430000"]
        assert at.sidebar.toggle(key="flt_synthetic").value is True

    def test_trends(self) -> None:
        at = run_page("trends", {"metric": [RECEIVED, "litigation.cases"]})
        assert [t.value for t in at.title] == ["趋势"]
        assert len(plotly_charts(at)) == 1
        table = at.dataframe[0].value
        assert {"地区", "口径", "年份", "收到行政复议申请(件)"} <= set(table.columns)

    def test_regions(self) -> None:
        at = run_page("regions", {"m": RECEIVED})
        assert [t.value for t in at.title] == ["地区对比"]
        assert len(plotly_charts(at)) == 2  # map and ranking
        assert at.selectbox(key="url_m").value == RECEIVED
        assert at.dataframe[0].value.columns[0] == "名次"

    def test_reports_search_and_reader(self, test_db: Path) -> None:
        at = run_page("reports", {"q": "行政复议"})
        listing = at.dataframe[0].value
        assert len(listing) > 0 and "摘要" in listing.columns
        assert at.text_input(key="rep_q").value == "行政复议"
        con = duckdb.connect(str(test_db), read_only=True)
        doc_id = con.execute("SELECT doc_id FROM figures_current WHERE NOT is_synthetic "
                             "GROUP BY doc_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        con.close()
        at = run_page("reports", {"doc": doc_id})
        html = "".join(h.value for h in at.html)
        assert 'class="reader-text"' in html and '<mark class="fig"' in html
        assert 'id="fig-row-1"' in html


# --- pages on exact numbers ---------------------------------------------------------------------------------

@pytest.mark.usefixtures("use_tiny_db")
class TestPagesOnKnownNumbers:
    def test_overview_cards_and_headline(self) -> None:
        at = run_page("overview")
        assert metric_value(at, "报告") == "8 份"
        assert metric_value(at, "覆盖年份") == "2022–2023"
        # one level (cities), each city once with its own report: 广州 130 in 2023 against 100 + 50 + 40 in 2022
        head = next(m for m in at.metric if m.label.startswith("收到行政复议申请"))
        assert head.label == "收到行政复议申请(市级 1 个地区合计)"
        assert head.value == "130件" and head.delta == "-60件"

    def test_trends_table_holds_the_aggregates(self) -> None:
        at = run_page("trends", {"metric": RECEIVED, "region": "440000"})
        table = at.dataframe[0].value
        row = table[(table["年份"] == 2022) & (table["口径"] == "实际")].iloc[0]
        # 广东省's own report, not + its cities and counties (700 before)
        assert row["地区"] == "广东省" and row["收到行政复议申请(件)"] == 500
        assert row.get("收到行政复议申请(件)限定", "") in ("", None)  # exact: no qualifier column needed

    def test_regions_ranking_and_drill_down_from_url(self) -> None:
        at = run_page("regions", {"m": RECEIVED, "year": "2022"})
        table = at.dataframe[0].value
        assert list(table["地区"]) == ["广东省"]  # 湖南 has no report of its own, and only 1 of its 14 cities
        assert list(table["收到行政复议申请(件)"]) == [500]
        assert list(table["来源"]) == ["本级报告"]
        at = run_page("regions", {"m": RECEIVED, "year": "2022", "drill": "440000"})
        table = at.dataframe[0].value
        assert list(table["地区"]) == ["广州市", "深圳市"]
        assert any("另有 1 份广东省本级文档" in c.value for c in at.caption)
        detail = at.dataframe[1].value
        assert set(detail["标题"]) == {"广州市2022年法治政府建设年度报告", "天河区2022年法治政府建设年度报告",
                                      "深圳市2022年法治政府建设年度报告", "广东省2022年法治政府建设年度报告"}

    def test_regions_inside_a_city_map_data_downloads_apart(self) -> None:
        at = run_page("regions", {"m": RECEIVED, "year": "2022", "drill": "440100"})
        assert list(at.dataframe[0].value["地区"]) == ["天河区"]  # the ranking: counties of 广州
        assert [e.label for e in at.expander] == ["地图数据(广东省 各市)"]
        assert list(at.dataframe[1].value["地区"]) == ["广州市", "深圳市"]  # the map: cities of 广东
        assert len(plotly_charts(at)) == 2

    def test_regions_breadcrumb_goes_back_up(self) -> None:
        at = run_page("regions", {"m": RECEIVED, "year": "2022", "drill": "440106"})
        assert list(at.dataframe[0].value["地区"]) == ["天河区"]  # siblings of the county
        at.button(key="crumb_440000").click().run()
        assert at.query_params["drill"] == "440000"
        assert list(at.dataframe[0].value["地区"]) == ["广州市", "深圳市"]
        at.button(key="crumb_all").click().run()
        assert "drill" not in at.query_params
        assert list(at.dataframe[0].value["地区"]) == ["广东省"]

    def test_reader_escapes_report_text(self) -> None:
        at = run_page("reports", {"doc": "nowhere-2022"})
        html = "".join(h.value for h in at.html if "__zhLocale" not in h.value)  # app.py's own constant script
        assert "&lt;b&gt;注意&lt;/b&gt;" in html and "<b>注意" not in html
        assert "<script>" not in html.replace("<style>", "")
        assert '<mark class="fig" id="fig-1"' in html
        assert '<h3 class="reader-title">某单位&lt;script&gt;alert(1)&lt;/script&gt;工作总结</h3>' in html

    def test_search_from_url(self) -> None:
        at = run_page("reports", {"q": "广州 出庭应诉率"})
        assert list(at.dataframe[0].value["标题"]) == ["广州市2022年法治政府建设年度报告"]

    def test_changing_a_filter_writes_the_url(self) -> None:
        at = run_page("overview")
        at.sidebar.multiselect(key="flt_level").set_value(["city"]).run()
        assert at.query_params["level"] == "city"
        assert metric_value(at, "报告") == "5 份"
        at.sidebar.toggle(key="flt_synthetic").set_value(True).run()
        assert at.query_params["synthetic"] == "1"
        assert metric_value(at, "报告") == "6 份"
        at.sidebar.button[0].click().run()  # 清除筛选
        assert "level" not in at.query_params and "synthetic" not in at.query_params
        assert metric_value(at, "报告") == "8 份"

    def test_filters_follow_to_another_page(self) -> None:
        at = run_page("overview", {"level": "city"})
        at.switch_page("pages/reports.py").run()
        assert at.query_params["level"] == "city"
        assert len(at.dataframe[0].value) == 5


# --- database lifecycle -----------------------------------------------------------------------------------

def test_app_builds_a_missing_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "new" / "reports.duckdb"
    monkeypatch.setenv("REPORTS_DB", str(db))
    at = run_page("overview", timeout=300)
    assert db.exists()
    reports = sorted((APP.parent / "data" / "reports").glob("*"))
    assert reports, "data/reports ships sample reports"
    assert metric_value(at, "报告") == f"{count_docs(db, 'NOT is_synthetic')} 份"


def test_a_swapped_in_build_is_read_without_restart(tiny_db: Path, test_db: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    live = tmp_path / "reports.duckdb"
    shutil.copy(tiny_db, live)
    monkeypatch.setenv("REPORTS_DB", str(live))
    at = run_page("overview")
    assert metric_value(at, "报告") == "8 份"
    staged = tmp_path / ".build-new.duckdb"
    shutil.copy(test_db, staged)
    os.replace(staged, live)  # what etl.load.store.swap_in does
    at.run()
    assert metric_value(at, "报告") == f"{count_docs(test_db, 'NOT is_synthetic')} 份"

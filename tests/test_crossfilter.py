"""Cross-filtering: chart click -> Selection -> narrowed filters and URL keys (pure), and the pages through AppTest
(chip, 清除筛选, links that carry the filters, the sidebar taking filters from a link in the same session)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_pages_apptest import APP, metric_value, run_page

from dashboard import charts, crossfilter
from dashboard.crossfilter import Selection
from dashboard.filters import Filters
from dashboard.links import link

RECEIVED = "reconsideration.received"


def trend_rows() -> pd.DataFrame:
    """Two series of ``queries.trend`` rows: 广州市 2022-2023 and 深圳市 2022."""
    return pd.DataFrame({
        "series_code": ["440100", "440100", "440300"], "series": ["广州市", "广州市", "深圳市"],
        "metric": [RECEIVED] * 3, "label": ["收到行政复议申请"] * 3, "unit": ["件"] * 3, "kind": ["actual"] * 3,
        "year": [2022, 2023, 2022], "value": [100.0, 130.0, 50.0], "qualifier": ["exact"] * 3, "docs": [1, 1, 1],
        "figures": [2, 1, 1], "source": ["本级报告"] * 3, "needs_review": [False] * 3, "evidence": ["…"] * 3})


def click(fig, trace: int, point: int) -> dict:
    """The event st.plotly_chart returns for a click on ``fig.data[trace]``'s ``point``."""
    data = fig.data[trace]
    return {"selection": {"points": [{"curve_number": trace, "point_index": point, "x": data.x[point],
                                      "y": data.y[point], "customdata": list(data.customdata[point])}]}}


# --- selection -> filter mapping (pure) -------------------------------------------------------------------------

def test_a_trend_point_click_selects_its_series_year_and_metric() -> None:
    fig = charts.trend_chart(trend_rows(), [RECEIVED], ["广州市", "深圳市"])
    gz = next(i for i, t in enumerate(fig.data) if t.name.startswith("广州市"))
    sel = crossfilter.from_event(click(fig, gz, 1))
    assert sel == Selection(region="440100", year=2023, metric=RECEIVED)
    assert crossfilter.to_params(sel) == {"sel_region": ["440100"], "sel_year": ["2023"], "sel_metric": [RECEIVED]}
    narrowed = crossfilter.narrow(Filters(levels=("city",), metrics=("x.y", RECEIVED)), sel)
    assert narrowed == Filters(regions=("440100",), levels=("city",), year_from=2023, year_to=2023,
                               metrics=(RECEIVED,))
    shown = crossfilter.rows(trend_rows(), sel, {"region": "series_code", "year": "year", "metric": "metric"})
    assert shown[["series", "year"]].values.tolist() == [["广州市", 2023]]


def test_a_level_line_selects_a_level() -> None:
    rows = trend_rows().assign(series_code="city", series="市级报告合计")
    fig = charts.trend_chart(rows.iloc[:2], [RECEIVED])
    assert crossfilter.from_event(click(fig, 0, 0)) == Selection(level="city", year=2022, metric=RECEIVED)
    assert crossfilter.narrow(Filters(), Selection(level="city")).levels == ("city",)


def test_a_coverage_cell_click_selects_region_and_year_and_the_choice_is_framed() -> None:
    cov = pd.DataFrame({"region": ["广东省", "广东省", "湖南省", "未识别地区"], "year": ["2022", "2023", "2022", "2022"],
                        "reports": [3, 1, 2, 4], "code": ["440000", "440000", "430000", None]})
    fig = charts.selectable_coverage(cov, selected=("430000", "2022"))
    overlay = fig.data[1]
    # a marker on every cell with a region code: the heatmap itself sends plotly no selection
    assert sorted(zip(overlay.y, overlay.x, strict=True)) == [("广东省", "2022"), ("广东省", "2023"), ("湖南省", "2022")]
    i = list(zip(overlay.y, overlay.x, strict=True)).index(("湖南省", "2022"))
    assert crossfilter.from_event(click(fig, 1, i)) == Selection(region="430000", year=2022)
    assert fig.data[0].hoverinfo == "skip" and fig.layout.clickmode == "event+select"
    (frame,) = fig.layout.shapes
    heat = fig.data[0]
    assert (frame.x0 + 0.5, frame.y0 + 0.5) == (list(heat.x).index("2022"), list(heat.y).index("湖南省"))


def test_marking_the_selection_keeps_every_point_and_selects_the_clicked_one() -> None:
    fig = charts.mark_selection(charts.trend_chart(trend_rows(), [RECEIVED], ["广州市", "深圳市"]),
                                {"region": "440100", "year": "2023"})
    selected = {t.name: t.selectedpoints for t in fig.data}
    assert selected == {"广州市 · 实际": (1,), "深圳市 · 实际": ()}
    assert sum(len(t.x) for t in fig.data) == 3


@pytest.mark.parametrize("event", [None, {}, {"selection": {"points": []}},
                                   {"selection": {"points": [{"customdata": ["x", "region=44;drop&year=abc"]}]}},
                                   {"selection": {"points": [{"customdata": "440100"}]}}])
def test_nothing_or_malformed_clicks_select_nothing(event: object) -> None:
    assert not crossfilter.from_event(event)


def test_selection_from_url_drops_malformed_values() -> None:
    sel = crossfilter.from_params({"sel_region": "44010", "sel_level": "city", "sel_year": ["1700"],
                                   "sel_metric": "x;drop"})
    assert sel == Selection(level="city")
    assert crossfilter.from_params(crossfilter.to_params(Selection("440100", None, 2022, RECEIVED))) == \
        Selection("440100", None, 2022, RECEIVED)


def test_links_carry_the_filters() -> None:
    f = Filters(regions=("440000",), levels=("city",), year_from=2022, year_to=2022)
    url = link("reports", f, {"doc": "gz-2022", "q": None})
    assert url.startswith("reports?")
    assert parse_qs(urlparse(url).query) == {"region": ["440000"], "level": ["city"], "y0": ["2022"],
                                             "y1": ["2022"], "doc": ["gz-2022"]}
    assert link("reports", Filters()) == "reports"


# --- pages -------------------------------------------------------------------------------------------------------

@pytest.mark.usefixtures("use_tiny_db")
class TestPages:
    def test_overview_cell_selection_filters_cards_and_list_and_clears(self) -> None:
        at = run_page("overview", {"sel_region": "440100", "sel_year": "2022"})
        assert metric_value(at, "报告") == "2 份"  # 广州市 and 天河区 in 2022 (the synthetic one is left out)
        assert any("图表筛选" in m.value and "广州市 · 2022年" in m.value for m in at.markdown)
        recent = at.dataframe[0].value
        assert set(recent["标题"]) == {"广州市2022年法治政府建设年度报告", "天河区2022年法治政府建设年度报告"}
        # the 阅读 links carry the filters the list was made with
        assert all(parse_qs(urlparse(u).query)["region"] == ["440100"] for u in recent["阅读"])
        at.button(key="xf_clear").click().run()
        assert "sel_region" not in at.query_params and "sel_year" not in at.query_params
        assert metric_value(at, "报告") == "8 份"
        assert not any("图表筛选" in m.value for m in at.markdown)

    def test_trend_selection_filters_the_tables(self) -> None:
        at = run_page("trends", {"metric": RECEIVED, "region": ["440100", "440300"]})
        full = at.dataframe[0].value
        assert len(full) == 3
        at = run_page("trends", {"metric": RECEIVED, "region": ["440100", "440300"], "sel_region": "440100",
                                 "sel_year": "2023", "sel_metric": RECEIVED})
        table = at.dataframe[0].value
        assert table[["地区", "年份"]].values.tolist() == [["广东省 / 广州市", 2023]]
        assert len(at.dataframe[1].value) == 1  # the sources of that point
        at.button(key="xf_clear").click().run()
        assert len(at.dataframe[0].value) == 3

    def test_filters_from_a_link_in_the_same_session_win_over_the_widgets(self) -> None:
        at = run_page("overview", {"level": "city"})
        assert metric_value(at, "报告") == "5 份"
        at.query_params.clear()
        at.query_params["region"] = "430000"  # what st.page_link(query_params=...) does to the URL
        at.run()
        assert at.sidebar.multiselect(key="flt_region").value == ["430000"]
        assert at.sidebar.multiselect(key="flt_level").value == []
        assert metric_value(at, "报告") == "2 份"

    def test_a_page_switch_without_query_string_keeps_the_filters(self) -> None:
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.query_params["level"] = "city"
        at.run()
        at.query_params.clear()
        at.run()
        assert at.sidebar.multiselect(key="flt_level").value == ["city"]
        assert at.query_params["level"] == "city"

    def test_regions_drill_links_carry_the_region(self) -> None:
        at = run_page("regions", {"m": RECEIVED, "year": "2022", "drill": "440100"})
        links = {p.label: p for p in at.get("page_link")}
        assert set(links) == {"在“趋势”中查看广州市", "查看广州市 2022年的报告"}
        detail = at.dataframe[-1].value
        assert all(parse_qs(urlparse(u).query)["region"] == ["440100"] for u in detail["阅读"])

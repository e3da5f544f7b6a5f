"""Chart builders (dashboard.charts) and display rules (dashboard.format): plain functions, no Streamlit."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import charts
from dashboard.format import (
    CJK_FONT,
    Mark,
    format_delta,
    format_number,
    format_value,
    highlight,
    html_table,
    wrap_escaped,
)

# --- format ---------------------------------------------------------------------------------------------------

VALUE_EXAMPLES = [
    ((1338.0, "件", "exact"), "1,338件"),
    ((30, "件", "at_least"), "≥30件"),
    ((1000, "件", "approx"), "≈1,000件"),
    ((10, "%", "at_most"), "≤10%"),
    ((98.8, "%", "exact"), "98.8%"),
    ((87.29, "%", "exact"), "87.3%"),  # rates to one decimal (issue 13)
    ((20000000, "万元", "at_least"), "≥2,000亿元"),
    ((2781, "万元", "exact"), "2,781万元"),
    ((None, "件", "exact"), "—"),
    ((float("nan"), "%", "exact"), "—"),
]


@pytest.mark.parametrize(("args", "expected"), VALUE_EXAMPLES)
def test_format_value(args: tuple, expected: str) -> None:
    assert format_value(*args) == expected


def test_format_number_and_delta() -> None:
    assert format_number(98.80) == "98.8"
    assert format_number(-617.0) == "-617"
    assert format_delta(-617, "件") == "-617件"
    assert format_delta(0.67, "%") == "+0.7个百分点"
    assert format_delta(float("nan"), "件") is None


def test_highlight_escapes_text_before_markup() -> None:
    text = "受理<b>9</b>宗&\"x\""
    out = highlight(text, [Mark(text.index("9"), text.index("9") + 1, 1, tip='<i>"tip"</i>')])
    assert out.html.startswith("受理&lt;b&gt;<mark class=\"fig\" id=\"fig-1\"")
    assert 'title="&lt;i&gt;&quot;tip&quot;&lt;/i&gt;"' in out.html
    assert out.html.endswith("&lt;/b&gt;宗&amp;&quot;x&quot;")
    assert "<b>" not in out.html and "<i>" not in out.html
    assert out.anchors == {1: 1}


def test_highlight_overlaps_and_bad_offsets() -> None:
    text = "收到行政复议申请431件,受理349件"
    marks = [Mark(2, 12, 1), Mark(8, 12, 2), Mark(15, 19, 3), Mark(30, 40, 4), Mark(5, 5, 5)]
    out = highlight(text, marks)
    assert out.anchors == {1: 1, 2: 1, 3: 3}  # 2 sits inside 1 and links there
    assert out.unplaced == (4, 5)
    assert out.html.count("<mark") == 2
    assert 'href="#fig-row-3"' in out.html
    # the text itself is unchanged once the markup is removed
    import re

    plain = re.sub(r"<sup>\d+</sup>", "", re.sub(r"</?(mark|a)[^>]*>", "", out.html))
    assert plain == text


def test_html_table_escapes_cells_and_links() -> None:
    out = html_table(["#", "原文"], [["1", "<script>x</script>"]], row_ids=["fig-row-1"], link_cells={0: ["#fig-1"]})
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<tr id="fig-row-1"><td><a href="#fig-1">1</a></td>' in out


def test_wrap_escaped() -> None:
    assert wrap_escaped("<ab>cdef", width=4) == "&lt;ab&gt;<br>cdef"
    assert wrap_escaped("a" * 20, width=5, max_lines=2) == "aaaaa<br>aaaa…"


# --- charts ---------------------------------------------------------------------------------------------------

def trend_frame() -> pd.DataFrame:
    return pd.DataFrame([
        {"series_code": "440000", "series": "广东省", "metric": "m.count", "label": "收到申请", "unit": "件",
         "kind": "actual", "year": 2021, "value": 10.0, "qualifier": "exact", "docs": 1, "evidence": "《甲》收到10件。"},
        {"series_code": "440000", "series": "广东省", "metric": "m.count", "label": "收到申请", "unit": "件",
         "kind": "actual", "year": 2022, "value": 30.0, "qualifier": "at_least", "docs": 2,
         "evidence": "《乙<script>》收到30余件。\n《丙》另收到5件。"},
        {"series_code": "440000", "series": "广东省", "metric": "m.rate", "label": "出庭应诉率", "unit": "%",
         "kind": "actual", "year": 2022, "value": 92.5, "qualifier": "exact", "docs": 1, "evidence": "《甲》达92.5%。"},
        {"series_code": "440000", "series": "广东省", "metric": "m.rate", "label": "出庭应诉率", "unit": "%",
         "kind": "target", "year": 2022, "value": 95.0, "qualifier": "at_least", "docs": 1,
         "evidence": "《要点》不低于95%。"},
    ])


def test_trend_chart_panels_lines_and_dashed_targets() -> None:
    fig = charts.trend_chart(trend_frame())
    assert [a.text for a in fig.layout.annotations] == ["收到申请(件)", "出庭应诉率(%)"]
    names = [t.name for t in fig.data]
    assert names == ["广东省 · 实际", "广东省 · 实际", "广东省 · 目标"]
    assert [t.line.dash for t in fig.data] == ["solid", "solid", "dash"]
    assert fig.data[0].line.color == fig.data[2].line.color  # one colour per region
    assert list(fig.data[0].x) == [2021, 2022]
    assert fig.layout.yaxis2.ticksuffix == "%"
    assert fig.layout.font.family == CJK_FONT


def test_trend_hover_has_qualified_value_and_escaped_evidence() -> None:
    fig = charts.trend_chart(trend_frame())
    value, docs, evidence = fig.data[0].customdata[1][:3]  # the last item is the click tag (crossfilter)
    assert value == "≥30件" and docs == "2 份文档"
    assert "&lt;script&gt;" in evidence and "<script>" not in evidence
    assert "<br>" in evidence  # one line per source
    assert "%{customdata[0]}" in fig.data[0].hovertemplate
    assert fig.data[2].customdata[0][0] == "≥95%"


def test_trend_chart_empty() -> None:
    fig = charts.trend_chart(trend_frame().iloc[0:0])
    assert fig.layout.annotations[0].text == "所选条件下没有该指标的数据"
    assert len(fig.data) == 0


def ranking_frame() -> pd.DataFrame:
    return pd.DataFrame({"code": ["440000", "430000", "320000"], "name": ["广东省", "湖南省", "江苏省"],
                         "value": [700.0, 40.0, 5.0], "unit": ["件"] * 3,
                         "qualifier": ["approx", "exact", "at_least"], "docs": [4, 1, 1], "figures": [5, 1, 1],
                         "label": ["收到申请"] * 3, "level": ["province"] * 3})


def test_ranking_bar_largest_on_top_with_codes_and_labels() -> None:
    fig = charts.ranking_bar(ranking_frame(), selected="430000")
    bar = fig.data[0]
    assert list(bar.y) == ["江苏省", "湖南省", "广东省"]  # plotly draws bottom-up
    assert list(bar.text) == ["≥5件", "40件", "≈700件"]
    assert [c[0] for c in bar.customdata] == ["320000", "430000", "440000"]
    assert list(bar.marker.color) == [charts.BAR_COLOR, charts.HIGHLIGHT_COLOR, charts.BAR_COLOR]
    assert fig.layout.clickmode == "event+select"
    assert fig.layout.xaxis.range[1] > 700


def test_ranking_bar_rates_get_percent_axis() -> None:
    df = ranking_frame().assign(unit="%", value=[90.0, 80.0, 70.0])
    assert charts.ranking_bar(df).layout.xaxis.ticksuffix == "%"


GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "广东省", "adcode": "440000"},
     "geometry": {"type": "Polygon", "coordinates": [[[113, 22], [114, 22], [114, 23], [113, 22]]]}},
    {"type": "Feature", "properties": {"name": "湖南省", "adcode": "430000"},
     "geometry": {"type": "Polygon", "coordinates": [[[111, 27], [112, 27], [112, 28], [111, 27]]]}},
    {"type": "Feature", "properties": {"name": "云南省", "adcode": "530000"},
     "geometry": {"type": "Polygon", "coordinates": [[[101, 24], [102, 24], [102, 25], [101, 24]]]}},
]}


def test_region_map_grey_base_and_data_layer() -> None:
    fig = charts.region_map(ranking_frame(), GEOJSON, selected="440000")
    base, data = fig.data
    assert list(base.locations) == ["440000", "430000", "530000"]  # every province drawn, grey
    assert base.hoverinfo == "skip"
    assert list(data.locations) == ["440000", "430000"]  # 江苏 is not in this GeoJSON
    assert data.featureidkey == "properties.adcode"
    assert [c[0] for c in data.customdata] == ["440000", "430000"]
    assert data.customdata[0][2] == "≈700件"
    assert list(data.marker.line.width) == [2.5, 0.6]


def test_offline_map_config_is_an_inline_empty_topology() -> None:
    import base64
    import json

    url = charts.OFFLINE_MAP_CONFIG["topojsonURL"]
    assert url.startswith("data:application/json;base64,") and url.endswith("#")
    topology = json.loads(base64.b64decode(url.split(",", 1)[1].rstrip("#")))
    assert topology["type"] == "Topology" and topology["objects"]["land"]["geometries"] == []


def test_region_map_without_data() -> None:
    fig = charts.region_map(ranking_frame().iloc[0:0], GEOJSON)
    assert len(fig.data) == 1


def test_coverage_heatmap() -> None:
    df = pd.DataFrame({"region": ["广东省", "广东省", "湖南省", "未识别地区"],
                       "year": ["2022", "2023", "2022", "不详"], "reports": [4, 1, 2, 1]})
    fig = charts.coverage_heatmap(df)
    hm = fig.data[0]
    assert list(hm.x) == ["2022", "2023", "不详"]
    assert list(hm.y) == ["广东省", "湖南省", "未识别地区"]  # most reports first
    assert hm.z[0][0] == 4 and pd.isna(hm.z[1][1])
    assert hm.text[0][1] == "1" and hm.text[1][1] == ""


def test_simplify_geojson_snaps_and_drops_tiny_rings() -> None:
    geo = {"features": [
        {"properties": {"adcode": "440000"}, "geometry": {"type": "Polygon", "coordinates": [
            [[113.01, 22.01], [113.02, 22.02], [114.0, 22.0], [114.0, 23.0], [113.0, 22.0]],
            [[113.5, 22.5], [113.51, 22.51], [113.5, 22.5]]]}},  # a hole that collapses
        {"properties": {"adcode": "430000"}, "geometry": {"type": "Polygon", "coordinates": [
            [[111.0, 27.0], [111.01, 27.0], [111.0, 27.01], [111.0, 27.0]]]}}]}  # collapses entirely
    out = charts.simplify_geojson(geo, 0.1)
    assert [f["properties"]["adcode"] for f in out["features"]] == ["440000"]
    assert out["features"][0]["geometry"] == {"type": "MultiPolygon", "coordinates": [
        [[[113.0, 22.0], [114.0, 22.0], [114.0, 23.0], [113.0, 22.0]]]]}


def test_features_within() -> None:
    geo = {"features": [{"properties": {"adcode": "440000", "parent_adcode": "440000"}},
                        {"properties": {"adcode": "440100", "parent_adcode": "440000"}},
                        {"properties": {"adcode": "430100", "parent_adcode": "430000"}}]}
    assert [f["properties"]["adcode"] for f in charts.features_within(geo, "440000")["features"]] == ["440100"]


@pytest.mark.parametrize(("event", "expected"), [
    ({"selection": {"points": [{"customdata": ["440000", "≈700件", 4]}]}}, "440000"),
    ({"selection": {"points": [{"location": "430000"}]}}, "430000"),
    ({"selection": {"points": []}}, None),
    (None, None),
    ({}, None),
])
def test_selected_code(event: object, expected: str | None) -> None:
    assert charts.selected_code(event) == expected


def test_ranking_bar_leaves_room_for_the_top_bars_label() -> None:
    # a long label (≥4,800件) outside the largest bar must fit inside the axis, not be clipped at the edge
    df = pd.DataFrame({"code": ["540000"], "name": ["西藏自治区"], "value": [4800.0], "unit": ["件"],
                       "qualifier": ["at_least"], "docs": [1]})
    fig = charts.ranking_bar(df)
    label = fig.data[0].text[0]
    assert fig.layout.xaxis.range[1] >= 4800 * (1.1 + 0.06 * len(label))

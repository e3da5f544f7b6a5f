"""趋势: chosen metrics by year for the chosen regions; plan targets dashed against actuals.

A click on a point filters the tables to that line, year and metric (URL keys ``sel_region`` or
``sel_level``, ``sel_year``, ``sel_metric``; dashboard/crossfilter.py); the chart keeps every line and
marks the point; 清除筛选 in the chip goes back. Links to the other pages carry the chosen region and year.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dashboard import charts, crossfilter, downloads, empty_state, filters, links, queries
from dashboard.format import for_display

f = filters.current()
st.title("趋势")

available = queries.metrics_with_data(f, kinds=("actual", "target"))
if available.empty:
    st.info(empty_state.empty_message(f, "当前筛选条件下没有提取到数字。"))
    st.stop()

if f.metrics:
    metrics = list(f.metrics)
else:
    metrics = available["metric"].head(3).tolist()
    names = "、".join(available["label"].head(3))
    st.caption(f"未在左侧选择指标,先显示数据年份最多的 3 个指标:{names}。")

labels = dict(queries.filter_options().regions)
regions = [(code, labels.get(code, code)) for code in f.regions]
if not regions:
    st.caption("未在左侧选择地区:每个层级一条线(省级、市级、县级各自的本级报告相加,不同层级不相加)。"
               "选择地区后每个地区一条线:该地区本级报告的数值,没有本级报告时用部门报告,或下级地区全部有报告时的下级合计。")

data = queries.trend(f, metrics, regions)
# tables follow the user's order: chosen regions, chosen metrics, actual before target, by year
order = {m: i for i, m in enumerate(metrics)}
series_order = {lbl: i for i, (_, lbl) in enumerate(regions)}
data = data.assign(_s=data["series"].map(series_order).fillna(0), _k=data["kind"].map({"actual": 0, "target": 1}),
                   _m=data["metric"].map(order)).sort_values(["_s", "_k", "year", "_m"]).drop(columns=["_s", "_k", "_m"])
sel = crossfilter.current()
wanted = {k: str(v) for k, v in (("region", sel.region), ("level", sel.level), ("year", sel.year),
                                   ("metric", sel.metric)) if v is not None}
fig = charts.mark_selection(charts.selectable(charts.trend_chart(data, metrics, [label for _, label in regions])),
                            wanted)
event = st.plotly_chart(fig, key=crossfilter.chart_key("trend_chart", sel), on_select="rerun",
                        selection_mode="points", config={"displaylogo": False})
crossfilter.take_click(event, sel)
st.caption("实线为实际数,虚线为规划、要点等文件中的目标数。悬停在点上可见数值、来源(本级报告 / 部门报告 / 下级合计)、"
           "限定词(≥ 不少于,≈ 约)、原文句子和来源文档;来源类型变化处折线断开。每份报告只取一个数值,部分不与总数相加。"
           "点击一个点,下方表格只显示该线条、该年份、该指标的数据。")

if sel:
    region_names = dict(regions) | queries.region_names([sel.region] if sel.region else [])
    metric_names = dict(zip(data["metric"], data["label"], strict=False))

    def _to_reports(row: object) -> None:
        """The reports behind the chosen point, on the 报告 page (same tab, the filters follow)."""
        scope = crossfilter.narrow(f, crossfilter.Selection(region=sel.region, level=sel.level, year=sel.year))
        row.page_link("pages/reports.py", label="查看这些报告", icon=":material/article:",
                      query_params=links.page_query(replace(scope, metrics=())))

    crossfilter.chip(sel, crossfilter.describe(sel, region_names, metric_names),
                     "下方表格和数据来源只含所选的点。", extra=_to_reports)
    data = crossfilter.rows(data, sel, {"region": "series_code", "level": "series_code", "year": "year",
                                        "metric": "metric"})

table = downloads.wide_by_metric(data.assign(口径=data["kind"].map({"actual": "实际", "target": "目标"})),
                                 {"series": "地区", "口径": "口径", "year": "年份"}, metrics)
st.dataframe(for_display(table), hide_index=True, key="trend_table")
downloads.download_buttons(table, "趋势数据", "trend_dl")

with st.expander("数据来源(每个点的原文依据)", expanded=bool(sel)):
    sources = downloads.frame_for_download(
        data.assign(指标=data["label"] + "(" + data["unit"] + ")",
                    口径=data["kind"].map({"actual": "实际", "target": "目标"})),
        {"series": "地区", "指标": "指标(单位)", "口径": "口径", "year": "年份", "value": "数值",
         "source": "来源", "docs": "文档数", "evidence": "原文依据"})
    st.dataframe(for_display(sources), hide_index=True, key="trend_sources",
                 )
    downloads.download_buttons(sources, "趋势数据来源", "trend_src_dl")

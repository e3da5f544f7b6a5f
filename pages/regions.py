"""地区对比: rank regions for one metric and year, a map of China by province, drill province -> city -> county.

Clicking a bar or a province drills into it (URL key ``drill``); the breadcrumb goes back up. The drilled
region goes with the links to 趋势 and 报告 (and the 阅读 links) as their region filter.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import charts, crossfilter, downloads, empty_state, filters, links, queries
from dashboard.format import (
    KIND_LABELS,
    QUALIFIER_SYMBOLS,
    UNKNOWN_REGION,
    for_display,
    label_with_unit,
    level_label,
)
from dashboard.geo import load_cities, load_provinces
from dashboard.safe_text import plain


@st.cache_resource(show_spinner=False)
def national_map() -> dict:
    """The province GeoJSON, simplified once per process for the national map."""
    return charts.simplify_geojson(load_provinces(), 0.1)


f = filters.current()
st.title("地区对比")

controls = st.columns([3, 1, 1])
kind = filters.url_choice(controls[1], "口径", list(KIND_LABELS), "kind", "actual", format_func=KIND_LABELS.get,
                          radio=True)
available = queries.metrics_with_data(f, kinds=(kind,))
choices = [m for m in f.metrics if m in set(available["metric"])] or available["metric"].tolist()
if not choices:
    st.info(empty_state.empty_message(f, "当前筛选条件下没有可比较的数字。", "请在左侧放宽筛选条件或更换口径。"))
    st.stop()
units = dict(zip(available["metric"], available["unit"], strict=True))
names = dict(zip(available["metric"], available["label"], strict=True))
metric = filters.url_choice(controls[0], "指标", choices, "m", choices[0],
                            format_func=lambda m: label_with_unit(names.get(m, m), units.get(m, "")))
drill = filters.page_param("drill")
drill = drill if drill.isdigit() and len(drill) == 6 else ""
parent = drill if drill and queries.child_prefix_len(drill) else (queries.parent_region(drill) if drill else None)
selected = drill if drill and drill != parent else None

years = queries.metric_years(f, metric, kind)
ranked = queries.ranked_years(f, metric, kind, parent)  # open on the newest year whose ranking is not empty
year = filters.url_choice(controls[2], "年份", years, "year", ranked[0] if ranked else (years[0] if years else None),
                          format_func=lambda y: f"{y}年")
if year is None:
    st.info("该指标在当前筛选条件下没有年份明确的数据。")
    st.stop()

# breadcrumb: 全国 > 省 > 市 (> 县)
path: list[str] = []
code = drill or None
while code:
    path.insert(0, code)
    code = queries.parent_region(code)
crumb_names = {c: plain(n) for c, n in queries.region_names(path).items()}  # shown as Markdown
crumbs = st.container(horizontal=True)
crumbs.button("全国", key="crumb_all", disabled=not drill, type="tertiary", icon=":material/public:",
              on_click=filters.set_page_param, args=("drill", None))
for c in path:
    crumbs.button(crumb_names.get(c, c), key=f"crumb_{c}", disabled=c == drill, type="tertiary",
                  icon=":material/chevron_right:", on_click=filters.set_page_param, args=("drill", c))
st.caption("点击柱形或地图中的省份可下钻:全国 → 省 → 市 → 县。每个地区取其本级报告的数值(没有时取部门报告;"
           "下级地区全部有报告时才取下级合计),不与下级相加。")
if drill:
    here = crumb_names.get(drill, drill)
    elsewhere = st.container(horizontal=True, key="reg_links")
    elsewhere.page_link("pages/trends.py", label=f"在“趋势”中查看{here}", icon=":material/show_chart:",
                        query_params=links.page_query(replace(f, regions=(drill,), metrics=(metric,))))
    elsewhere.page_link("pages/reports.py", label=f"查看{here} {year}年的报告", icon=":material/article:",
                        query_params=links.page_query(crossfilter.narrow(f, crossfilter.Selection(
                            region=drill, year=int(year)))))

ranking = queries.region_ranking(f, metric, year, kind, parent=parent)
# the map: China by province, or once inside a province its cities (municipalities have none: stay national)
province = drill[:2] + "0000" if drill else None
cities = charts.features_within(load_cities(), province) if province else None
if cities and cities["features"]:
    map_parent, geo, map_selected = province, cities, (drill[:4] + "00" if drill != province else None)
else:
    map_parent, geo, map_selected = None, national_map(), province
map_rows = ranking.rows if map_parent == parent else queries.region_ranking(f, metric, year, kind,
                                                                            parent=map_parent).rows
label = label_with_unit(names.get(metric, metric), units.get(metric, ""))
scope_name = crumb_names.get(parent, "全国") if parent else "全国"

left, right = st.columns([3, 2])
with left:
    map_scope = f"{crumb_names.get(map_parent, '')} 各市" if map_parent else "各省"
    st.markdown(f"**{year}年 {label} · {map_scope}({KIND_LABELS[kind]})**")
    map_event = st.plotly_chart(
        charts.region_map(map_rows, geo, selected=map_selected),
        key=f"map_{metric}_{kind}_{year}_{drill}", on_select="rerun", selection_mode="points",
        config=charts.OFFLINE_MAP_CONFIG)
with right:
    level_word = {None: "各省", 4: "各市", 6: "各县(区)"}[queries.child_prefix_len(parent) if parent else None]
    st.markdown(f"**{scope_name} {level_word} 排名**")
    if ranking.rows.empty:
        with_data = "、".join(f"{y}年" for y in ranked[:5])
        st.info(f"{year}年{scope_name}{level_word}都没有本级报告的数值,也没有下级地区全部报告可以合计;"
                "下方“各文档数值”列出这一年的各份报告。" + (f"有排名的年份:{with_data}。" if with_data else ""))
    bar_event = st.plotly_chart(
        charts.ranking_bar(ranking.rows, selected=selected), key=f"bar_{metric}_{kind}_{year}_{drill}",
        on_select="rerun", selection_mode="points", config={"displaylogo": False})
    if ranking.own_docs:
        st.caption(f"另有 {ranking.own_docs} 份{scope_name}本级文档,未计入下级排名。")

clicked = charts.selected_code(bar_event) or charts.selected_code(map_event)
if clicked and clicked != drill and clicked.isdigit():
    filters.set_page_param("drill", clicked)
    st.rerun()



def ranking_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Ranking rows with Chinese headers, the unit in the value's header and a rank column."""
    table = downloads.frame_for_download(
        rows.assign(层级=rows["level"].map(level_label), 限定=rows["qualifier"].map(QUALIFIER_SYMBOLS),
                    待核=rows["needs_review"].map(lambda x: "待核" if x is True else "")),
        {"name": "地区", "code": "区划代码", "层级": "层级", "value": label, "限定": "限定", "source": "来源",
         "待核": "待核", "docs": "文档数", "figures": "数字个数"})
    table.insert(0, "名次", range(1, len(table) + 1))
    return table


st.subheader(f"{scope_name} 排名表")
rank_table = ranking_table(ranking.rows)
if rank_table.empty:  # an empty st.dataframe says "empty" in English
    st.caption("没有可排名的地区(见上方说明)。")
else:
    st.dataframe(for_display(rank_table), hide_index=True, key="reg_rank_table")
    downloads.download_buttons(rank_table, f"地区排名_{names.get(metric, metric)}_{year}", "reg_rank_dl")
if map_parent != parent:
    with st.expander(f"地图数据({map_scope})"):
        map_table = ranking_table(map_rows)
        st.dataframe(for_display(map_table), hide_index=True)
        downloads.download_buttons(map_table, f"地图数据_{names.get(metric, metric)}_{year}", "reg_map_dl")

focus = drill or None
st.subheader(f"{crumb_names.get(focus, '全国') if focus else '全国'} 各文档数值")
detail = queries.region_figures(f, metric, year, kind, parent=focus)
reader_filters = crossfilter.narrow(f, crossfilter.Selection(region=focus, year=int(year)))


def detail_table(rows: pd.DataFrame, with_links: bool) -> pd.DataFrame:
    """Per-document values with Chinese headers; the reader's link only for the rows shown (not in downloads)."""
    shown = rows.assign(region_name=rows["region_name"].fillna(UNKNOWN_REGION), 层级=rows["level"].map(level_label),
                        限定=rows["qualifier"].map(QUALIFIER_SYMBOLS))
    if with_links:
        shown = shown.assign(阅读=[links.report_link(d, reader_filters) for d in rows["doc_id"]])
    return downloads.frame_for_download(shown, {"title": "标题", "阅读": "阅读", "region_name": "地区", "value": label,
                                                "限定": "限定", "evidence": "原文依据", "层级": "层级"})


st.dataframe(for_display(detail_table(downloads.grid_rows(detail), with_links=True)), hide_index=True,
             key="reg_detail_table",
             column_config={"阅读": st.column_config.LinkColumn(display_text="阅读", width="small"),
                            "原文依据": st.column_config.TextColumn(width="large")})
downloads.download_buttons(detail_table(detail, with_links=False), f"地区明细_{names.get(metric, metric)}_{year}",
                           "reg_detail_dl")

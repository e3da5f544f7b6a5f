"""总览: counts, the latest year's headline metrics against the year before, coverage region x year, newest reports.

A click on a coverage cell filters the page to that region and year (URL keys ``sel_region``/``sel_year``,
dashboard/crossfilter.py): cards, headline metrics and the report list follow, the matrix keeps every cell
and frames the chosen one; 清除筛选 in the chip above goes back.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, crossfilter, downloads, empty_state, filters, links, queries
from dashboard.format import (
    QUALIFIER_SYMBOLS,
    UNKNOWN_REGION,
    doc_type_label,
    for_display,
    format_delta,
    format_number,
    format_value,
    label_with_unit,
    level_label,
)

page_filters = filters.current()
st.title("总览")

picked = crossfilter.current()
sel = crossfilter.Selection(region=picked.region, year=picked.year)  # what a coverage cell can choose
f = crossfilter.narrow(page_filters, sel)  # everything below but the coverage matrix
if sel:
    names = queries.region_names([sel.region]) if sel.region else {}
    crossfilter.chip(sel, crossfilter.describe(sel, names), "卡片、主要指标和报告列表只含所选单元格的报告。")

counts = queries.overview_counts(f)
if not counts["reports"]:
    st.info(empty_state.empty_message(f, "当前筛选条件下没有报告。", "请在左侧放宽筛选条件,或在“导入”页添加报告。"))
    st.stop()

cards = st.columns(4)
cards[0].metric("报告", f"{format_number(counts['reports'])} 份")
cards[1].metric("地区", f"{format_number(counts['regions'])} 个", help="识别出行政区划的地区数")
years = (f"{counts['first_year']}–{counts['last_year']}" if counts["first_year"] is not None else "—")
cards[2].metric("覆盖年份", years, help=f"共 {counts['years']} 个年份")
cards[3].metric("提取的数字", f"{format_number(counts['figures'])} 个")

latest, heads = queries.headline(f)
if latest is not None and not heads.empty:
    st.subheader(f"{latest} 年主要指标")
    st.caption("每份报告取其本身的数值(同一指标说了多次的,取表格数或总数,不相加);每个地区取其本级报告的数值;"
               "每个指标只加总同一层级的地区(县的数值已含在市里,不再相加),卡片注明层级和地区数。箭头为与上一年同层级相比的变化。")
    per_row = 3
    cols: list = []
    for i, row in enumerate(heads.itertuples(index=False)):
        if i % per_row == 0:
            cols = st.columns(per_row)
        prev = ("上年无数据" if pd.isna(row.prev_value)
                else f"{latest - 1} 年:{format_value(row.prev_value, row.unit, row.prev_qualifier)}")
        how = "平均" if row.unit == "%" else "合计"
        cols[i % per_row].metric(
            f"{row.label}({level_label(row.level)} {row.regions} 个地区{how})",
            format_value(row.value, row.unit, row.qualifier),
            delta=format_delta(row.delta, row.unit), delta_color="off",
            help=f"{row.regions} 个{level_label(row.level)}地区,各取本级报告的数值;{row.docs} 份报告;{prev}")
    table = heads.assign(
        指标=[label_with_unit(lbl, u) for lbl, u in zip(heads["label"], heads["unit"], strict=True)],
        层级=heads["level"].map(level_label),
        限定=heads["qualifier"].map(QUALIFIER_SYMBOLS),
        上年限定=heads["prev_qualifier"].map(lambda q: QUALIFIER_SYMBOLS.get(q, "") if isinstance(q, str) else ""),
    )
    downloads.download_buttons(
        downloads.frame_for_download(table, {"指标": "指标(单位)", "层级": "地区层级", "regions": "地区数",
                                             "value": f"{latest}年数值", "限定": f"{latest}年限定",
                                             "prev_value": f"{latest - 1}年数值", "上年限定": f"{latest - 1}年限定",
                                             "delta": "变化", "docs": "文档数"}),
        f"主要指标_{latest}", "ov_head")

st.subheader("覆盖情况:地区 × 年份")
grain = filters.url_choice(st, "按", list(queries.COVERAGE_GRAINS), "grain", "province",
                           format_func=queries.COVERAGE_GRAINS.get, radio=True)
cov = queries.coverage(page_filters, grain)
st.caption("点击单元格即按该地区和年份筛选本页;“未识别地区”和“不详”年份的单元格不能点选。")
cov_event = st.plotly_chart(
    charts.selectable_coverage(cov, (sel.region, str(sel.year)) if sel.region and sel.year else None),
    key=crossfilter.chart_key(f"ov_coverage_{grain}", sel), on_select="rerun", selection_mode="points",
    config={"displaylogo": False})
crossfilter.take_click(cov_event, sel)
matrix = (cov.pivot_table(index="region", columns="year", values="reports", aggfunc="sum", fill_value=0)
          .reset_index().rename(columns={"region": "地区"}))
matrix.columns = [{"地区": "地区", "不详": "年份不详(份)"}.get(str(c), f"{c}年(份)") for c in matrix.columns]
downloads.download_buttons(matrix, "覆盖情况", "ov_cov")

st.subheader("最近添加的报告" if not sel else f"最近添加的报告({crossfilter.describe(sel, names)})")
recent = queries.recent_documents(f, limit=10)
recent = recent.assign(
    region_name=recent["region_name"].fillna(UNKNOWN_REGION),
    层级=recent["level"].map(level_label), 类型=recent["doc_type"].map(doc_type_label),
    阅读=[links.report_link(d, f) for d in recent["doc_id"]],
)
shown = downloads.frame_for_download(recent, {"title": "标题", "阅读": "阅读", "region_name": "地区", "层级": "层级",
                                              "year": "年份", "类型": "类型", "added_at": "添加时间", "path": "文件"})
st.dataframe(for_display(shown), hide_index=True, key="ov_recent", column_config={
    "添加时间": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
    "阅读": st.column_config.LinkColumn(display_text="阅读", width="small"),
})
downloads.download_buttons(shown.drop(columns=["阅读"]), "最近添加的报告", "ov_recent_dl")

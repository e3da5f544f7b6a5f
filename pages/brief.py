"""周报: one projector-size screen for a leaders' meeting — new reports this week, headline figures by region
against the year before, regions that miss plan targets, the biggest moves, open data-quality warnings.
Exported as one offline HTML file (charts included), as PDF (Chromium prints that HTML) and as CSV.

Presentation mode (``?present=1``, the 演示模式 button): no sidebar, no controls; the first screen is the
meeting screen of dashboard.brief_present (one headline sentence, targets against actuals, the biggest
moves) at ≥ 28 px, and the rest of the brief follows on scrolling. It opens on
``queries.brief_opening_year`` (the newest year with comparable regions) unless the URL names a year."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import brief_charts, brief_export, brief_pdf, brief_present, downloads, filters, queries, theme
from dashboard.format import DOC_TYPE_LABELS, for_display
from dashboard.safe_text import plain

CHART_CONFIG = {"displaylogo": False}
THEME = None  # keep the builders' projector-size fonts (the Streamlit theme would shrink them)


def _week_from_url() -> dt.date:
    raw = filters.page_param("week")
    try:
        return dt.date.fromisoformat(raw) if raw else dt.date.today()
    except ValueError:
        return dt.date.today()


def _cards(container: st.delta_generator.DeltaGenerator, cards: list[dict[str, str]], per_row: int = 3) -> None:
    for i in range(0, len(cards), per_row):
        cols = container.columns(per_row)
        for col, c in zip(cols, cards[i:i + per_row], strict=False):
            note = " · ".join(x for x in (c.get("note", ""), c.get("change", "")) if x)
            col.markdown(brief_export.big_number_html(c["label"], c["value"], note, c.get("direction", "")),
                         unsafe_allow_html=True)


def _set_present(on: bool) -> None:
    filters.set_page_param("present", "1" if on else None)


def _added_section() -> None:
    st.header(f"本周新增报告({brief.added_count} 份)")
    if not brief.added_count:
        st.info("这一周没有导入新报告。")
    else:
        chart = brief_charts.added_by_type(brief_export.added_days(brief), DOC_TYPE_LABELS)
        st.plotly_chart(theme.for_theme(chart), key="brief_added_chart", config=CHART_CONFIG, theme=THEME)
        if brief.added_count > downloads.GRID_ROWS:  # a big import: the whole list is in the CSV, not on screen
            st.caption(f"表中列出最近添加的 {downloads.GRID_ROWS:,} 份;完整清单见“导出 CSV”。")
        st.dataframe(for_display(brief_export.added_table(brief, downloads.GRID_ROWS)), hide_index=True,
                     key="brief_added_table")


f = filters.current()
present = filters.page_param("present") == "1"
st.markdown(brief_export.PAGE_CSS, unsafe_allow_html=True)
if present:
    st.markdown(brief_present.PAGE_CSS, unsafe_allow_html=True)
day = _week_from_url()
years = queries.brief_years(f)
opening = queries.brief_opening_year(f) if years else None
if present:  # no controls: the week and year come from the URL (as the analyst left them) or the defaults
    raw = filters.page_param("byear")
    year = int(raw) if raw.isdigit() and int(raw) in years else opening
else:
    st.title("周报")
    left, mid, right = st.columns([2, 2, 3])
    day = left.date_input("选择一周(任选其中一天)", value=day, key="brief_day", format="YYYY-MM-DD")
    filters.set_page_param("week", day.isoformat() if day != dt.date.today() else None)
    year = None
    if years:
        year = filters.url_choice(mid, "与上一年比较的年份", years, "byear", opening or years[0],
                                  format_func=lambda y: f"{y} 年", key="brief_year")
scope = queries.brief_scope(f).caption(queries.region_names(list(f.regions)), empty="全部地区")
brief = brief_export.collect(f, day, year, scope)

if present:
    st.markdown(brief_present.screen_html(brief), unsafe_allow_html=True)
else:
    right.caption(f"周:{brief.week_label}(按报告首次导入的时间)。范围:{plain(scope)}。数字取自各地政府的年度报告;件数相加、比率取平均。")
    e1, e2, e3, e4 = st.columns([2, 1, 1, 2])

    def whole() -> brief_export.Brief:
        """The brief with every report of the week (the page holds the newest): what the exports list."""
        return brief_export.complete(brief, f)

    e1.download_button("导出 HTML(可离线打开)", data=lambda: brief_export.to_html(whole()).encode("utf-8"),
                       file_name=f"{brief_export.file_stem(brief)}.html", mime="text/html", key="brief_html",
                       on_click="ignore", icon=":material/download:")
    e2.download_button("导出 CSV", data=lambda: brief_export.to_csv(whole()),
                       file_name=f"{brief_export.file_stem(brief)}.csv", mime="text/csv", key="brief_csv",
                       on_click="ignore", icon=":material/table:")
    if brief_pdf.available():
        e3.download_button("导出 PDF", data=lambda: brief_pdf.to_pdf(brief_export.to_html(whole())),
                           file_name=f"{brief_export.file_stem(brief)}.pdf", mime="application/pdf", key="brief_pdf",
                           on_click="ignore", icon=":material/picture_as_pdf:")
    else:
        e3.caption("导出 PDF 需要服务器上的 Chromium 与 Playwright。")
    e4.button("演示模式(投影)", key="brief_present_on", on_click=_set_present, args=(True,),
              icon=":material/slideshow:", help="隐藏侧栏和选项,第一屏显示结论、未达标项和变化最大的指标;网址带 present=1")
    st.markdown(f"**{plain(brief_present.headline_sentence(brief))}**")
    _cards(st, [
        {"label": "本周新增报告", "value": f"{brief.added_count} 份", "note": brief.week_label},
        {"label": "未达到规划目标", "value": f"{len(brief.targets)} 项", "note": f"{year or '—'} 年"},
        {"label": "待处理的数据问题", "value": f"{brief.open_warnings} 项", "note": "见本页末尾"},
    ])
    _added_section()

if year is None:
    st.info("还没有年度报告中的数字,无法比较各地区的主要指标。")
else:
    st.header(f"主要指标:{year} 年与 {year - 1} 年")
    st.caption("每个地区取其本级报告的数值;合计只加同一层级的地区;同比变化只比较两年都有数据的地区(可比地区)。"
               "“待核”的数字(这类数字常有误)在数据质量页确认前不计入。"
               f"标有“{brief_charts.CORRECTED_MARK}”的数值经分析人员更正。")
    st.subheader(f"{year} 年合计")
    _cards(st, brief_export.total_cards(brief))
    st.subheader("可比地区同比(只比较两年都有数据的地区)")
    _cards(st, brief_export.change_cards(brief))
    titles = brief_export.headline_titles(brief)
    if titles:
        chosen = st.radio("图表显示的指标", titles, horizontal=True, key="brief_metric",
                          format_func=lambda t: t.split("(")[0])
        chart = brief_export.headline_figure(brief, chosen)
        if chart is not None:
            st.plotly_chart(theme.for_theme(chart), key="brief_region_chart", config=CHART_CONFIG, theme=THEME)
    with st.expander("各地区明细"):
        st.dataframe(for_display(downloads.grid_rows(brief_export.headline_table(brief), "“导出 CSV”")),
                     hide_index=True, key="brief_headline_table")

    st.header(f"未达到规划目标的地区({year} 年)")
    st.caption("把工作要点、工作计划、实施方案中的目标(如“负责人出庭应诉率不低于90%”)与同年该地区及其下属地区"
               "年度报告中的实际数比较;件数类目标只与制定规划的地区本身比较。")
    if brief.targets.empty:
        st.success("没有发现未达到规划目标的地区。")
    else:
        st.plotly_chart(theme.for_theme(brief_charts.target_gaps(brief.targets)), key="brief_target_chart",
                        config=CHART_CONFIG, theme=THEME)
        st.dataframe(for_display(brief_export.targets_table(brief)), hide_index=True, key="brief_target_table")

    st.header("变化最大的指标")
    st.caption(f"{year} 年与 {year - 1} 年相比变化幅度最大的地区和指标(件数类要求两年中至少一年不少于 10)。")
    if brief.moves.empty:
        st.info("没有可与上一年比较的数据。")
    else:
        st.plotly_chart(theme.for_theme(brief_charts.moves_bars(brief.moves)), key="brief_moves_chart",
                        config=CHART_CONFIG, theme=THEME)
        st.dataframe(for_display(brief_export.moves_table(brief)), hide_index=True, key="brief_moves_table")

if present:
    _added_section()
st.header(f"待处理的数据质量问题({brief.open_warnings} 项)")
quality = brief_export.quality_table(brief)
st.dataframe(for_display(quality[quality["数量"] > 0] if brief.open_warnings else quality), hide_index=True,
             key="brief_quality")
if not brief.checks.empty:
    st.dataframe(for_display(pd.DataFrame({"级别": brief.checks["severity"].map({"error": "错误"}).fillna("警告"),
                                           "说明": brief.checks["message"], "报告": brief.checks["title"]})),
                 hide_index=True, key="brief_checks")
st.caption("详情与更正见“数据质量”页。")
if present:
    st.button("退出演示模式", key="brief_present_off", on_click=_set_present, args=(False,), icon=":material/close:")

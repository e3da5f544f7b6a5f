"""报告: full-text search (jieba tokens) over the filtered reports, and a reader with every figure highlighted.

Results come best first (dashboard/search_view.relevance: words in the title, then how often the text says
them); the first ones are listed with the searched words marked in their title and snippet, and the reader
marks them in the text too (``<mark class="hit">``, around escaped text). Titles that are only a file name
are derived from the text. URL keys: ``q`` (search text) and ``doc`` (the open report), so a link opens the
same report; the links here carry the sidebar's filters as well.
"""

from __future__ import annotations

import hashlib
import html

import pandas as pd
import streamlit as st

from dashboard import downloads, filters, links, queries, rule_labels, search_view
from dashboard.format import (
    KIND_LABELS,
    UNKNOWN_REGION,
    Mark,
    doc_type_label,
    for_display,
    format_value,
    highlight,
    html_table,
    level_label,
)
from dashboard.safe_text import plain

READER_CSS = """<style>
.reader-text, .reader-figs { max-height: 72vh; overflow-y: auto; border: 1px solid #dee2e6; border-radius: 6px;
  padding: 0.8rem 1rem; font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; }
.reader-text { white-space: pre-wrap; line-height: 1.9; font-size: 0.98rem; }
.reader-text mark.fig { background: #fff3bf; padding: 0 2px; border-radius: 3px; }
.reader-text mark.fig a { color: inherit; text-decoration: none; }
.reader-text mark.fig sup { color: #1c7ed6; font-size: 0.7em; margin-left: 1px; }
.reader-text mark.fig:target { background: #ffd43b; outline: 2px solid #f59f00; }
.reader-figs table { border-collapse: collapse; width: 100%; font-size: 0.88rem; }
.reader-figs th, .reader-figs td { border-bottom: 1px solid #e9ecef; padding: 4px 6px; text-align: left;
  vertical-align: top; }
.reader-figs th { position: sticky; top: 0; background: #f8f9fa; }
.reader-figs tr:target td { background: #fff3bf; }
h3.reader-title { margin: 0.2rem 0 0.1rem 0; }
mark.hit { background: #ffa94d; color: #212529; padding: 0 1px; border-radius: 2px; font-weight: 600; }
.reader-text mark.fig mark.hit { background: #ffa94d; }
ol.hits { padding-left: 1.6rem; margin: 0.2rem 0 0.6rem 0; }
ol.hits li { margin-bottom: 0.55rem; }
ol.hits .hit-title { font-weight: 600; }
ol.hits .hit-meta { color: #6c757d; font-size: 0.82rem; margin-left: 0.4rem; }
ol.hits .hit-snip { color: #343a40; font-size: 0.9rem; }
.reader-meta { color: #6c757d; font-size: 0.88rem; }
</style>"""

f = filters.current()
st.title("报告")

from_url, cut = filters.capped_search(filters.page_param("q"))
query = st.text_input("全文搜索", value=from_url, key="rep_q", placeholder="例如:行政复议 纠错率",
                      max_chars=filters.SEARCH_MAX_CHARS,
                      help="按分词匹配:报告须包含查询中的全部词语。左侧的地区、层级、年份、类型筛选同样适用。")
query, typed_cut = filters.capped_search(query)  # max_chars binds the browser; a crafted message is cut here
if cut or typed_cut or len(query) >= filters.SEARCH_MAX_CHARS:
    st.caption(filters.SEARCH_CUT_NOTE)
filters.set_page_param("q", query.strip() or None)
results = queries.search_documents(f, query, limit=200)
words, _ = queries.search_terms(query)

if query.strip():
    st.caption(f"找到 {len(results)} 份报告" + ("(最多显示 200 份)" if len(results) >= 200 else "")
               + (f";分词:{' / '.join(plain(w) for w in words)}" if words else ""))
else:
    st.caption(f"共 {len(results)} 份报告" + ("(最多显示 200 份,可用搜索或左侧筛选缩小范围)" if len(results) >= 200 else ""))

SHOWN_HITS = 10
if query.strip() and not results.empty:
    # the best results as a list with the searched words marked (a table cell cannot mark words)
    terms = [*words, query.strip()]
    st.html(READER_CSS)
    items = []
    for r in results.head(SHOWN_HITS).itertuples(index=False):
        href = html.escape(links.report_link(r.doc_id, f, {"q": query.strip()}) or "", quote=True)
        meta = " · ".join(str(x) for x in (r.region_name if isinstance(r.region_name, str) else UNKNOWN_REGION,
                                          "年份未识别" if pd.isna(r.year) else f"{int(r.year)}年",
                                          doc_type_label(r.doc_type)))
        items.append(f'<li><a class="hit-title" href="{href}" target="_self">{search_view.mark_terms(r.title, terms)}'
                     f'</a><span class="hit-meta">{html.escape(meta)}</span>'
                     f'<div class="hit-snip">{search_view.mark_terms(r.context or "", terms)}</div></li>')
    st.html(f'<ol class="hits">{"".join(items)}</ol>')
    if len(results) > SHOWN_HITS:
        st.caption(f"以上为最相关的 {SHOWN_HITS} 份;全部结果见下表(按相关度排序)。")

listing = results.assign(
    region_name=results["region_name"].fillna(UNKNOWN_REGION),
    层级=results["level"].map(level_label), 类型=results["doc_type"].map(doc_type_label),
    摘要=results["context"].fillna("").str.replace(r"\s+", " ", regex=True), score=results["score"].round(2),
)
list_table = downloads.frame_for_download(listing, {"title": "标题", "摘要": "摘要", "region_name": "地区",
                                                    "层级": "层级", "year": "年份", "类型": "类型", "chars": "字数",
                                                    "figures": "数字个数", "score": "相关度"})
if not query.strip():
    list_table = list_table.drop(columns=["摘要", "相关度"])
# the key changes with the result list, so a row selected in an older list never opens a report of the new one
digest = hashlib.sha1("\n".join(results["doc_id"]).encode()).hexdigest()[:10]
event = st.dataframe(for_display(list_table), hide_index=True, key=f"rep_list_{digest}", on_select="rerun",
                     selection_mode="single-row",
                     column_config={
                                    "标题": st.column_config.TextColumn(width="medium"),
                                    "摘要": st.column_config.TextColumn(width="large")})
downloads.download_buttons(list_table, "报告列表", "rep_list_dl")

rows = event.selection.rows if event is not None else []
if rows:
    picked = str(results.iloc[rows[0]]["doc_id"])
    if picked != filters.page_param("doc"):
        filters.set_page_param("doc", picked)

doc_id = filters.page_param("doc")
if not doc_id:
    st.info("在上表中点选一行即可阅读该报告,提取出的数字会在原文中高亮。")
    st.stop()

doc = queries.document(doc_id)
if doc is None:
    st.warning("链接中的报告不在当前数据库中(可能已被删除或重新构建)。")
    st.stop()

st.divider()
title = search_view.display_title(doc.get("title"), doc.get("path"), doc.get("text"))
st.html(READER_CSS)
# title and file name are report text: escaped HTML, not Markdown (a "_" or "*" in them must stay literal)
st.html(f'<h3 class="reader-title">{html.escape(str(title))}</h3>')
year = doc.get("year")
meta = [doc.get("region_name") or UNKNOWN_REGION, level_label(doc.get("level")),
        "年份未识别" if pd.isna(year) else f"{int(year)}年",
        doc_type_label(doc.get("doc_type")), f"{doc.get('chars')} 字", f"文件 {doc.get('path')}"]
if doc.get("is_synthetic"):
    meta.append("合成数据")
st.html(f'<div class="reader-meta">{html.escape(" · ".join(str(m) for m in meta))}</div>')

figs = queries.document_figures(doc_id)
figs = figs.assign(n=range(1, len(figs) + 1),
                   显示值=[format_value(v, u, q) for v, u, q in zip(figs["value"], figs["unit"], figs["qualifier"],
                                                                 strict=True)],
                   口径=figs["kind"].map(KIND_LABELS), 提取方式=rule_labels.describe_all(figs["rule"], figs["metric"]))
marks = [Mark(int(r.start), int(r.end), int(r.n), f"{r.label}:{r.显示值}({r.口径});{r.提取方式}")
         for r in figs.itertuples(index=False)]
text = doc.get("text") or ""
terms = [*words, query.strip()] if query.strip() else []
shown = highlight(text, marks, piece=lambda part: search_view.mark_terms(part, terms))
term_hits = shown.html.count('<mark class="hit">')

left, right = st.columns([3, 2])
with left:
    st.markdown(f"**原文**(高亮 {len(shown.anchors)} 处数字,点击跳到右侧对应行"
                + (f";搜索词出现 {term_hits} 处,橙色标出" if terms else "") + ")")
    st.html(f'<div class="reader-text">{shown.html}</div>')
with right:
    st.markdown(f"**提取的数字**({len(figs)} 个,点击序号跳到原文)")
    if figs.empty:
        st.caption("这份报告没有提取到数字。")
    else:
        links = [f"#fig-{shown.anchors[n]}" if n in shown.anchors else "" for n in figs["n"]]
        table_html = html_table(
            ["#", "指标", "数值", "原文"],
            [[str(r.n), r.label, r.显示值 + ("(目标)" if r.kind == "target" else "")
              + ("" if r.is_primary else "(佐证)") + ("(待核)" if r.needs_review else ""), r.evidence]
             for r in figs.itertuples(index=False)],
            row_ids=[f"fig-row-{n}" for n in figs["n"]], link_cells={0: links})
        st.html(f'<div class="reader-figs">{table_html}</div>')
    st.caption("同一指标说了多次时,只有一个数值作为本报告的数值(表格数、总数优先),其余标为“佐证”,不相加;"
               "“待核”表示这类数字常有误,需在“数据质量”页确认后才进入周报。")
    if shown.unplaced:
        st.caption("位置与原文不符、未能高亮的数字:" + "、".join(f"#{n}" for n in shown.unplaced))

fig_table = downloads.document_figures_table(figs)
downloads.download_buttons(fig_table, downloads.safe_filename(f"提取的数字_{title}"), "rep_figs_dl")

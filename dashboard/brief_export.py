"""The weekly brief as data (``Brief``), and as one self-contained HTML file or one CSV.

``collect`` runs the queries once; the page and the exports read the same
``Brief``, so what is downloaded is what was shown. The HTML opens with the meeting screen
(dashboard.brief_present) and is what the PDF prints (dashboard.brief_pdf). A level's total and the
change over comparable regions are separate cards (``total_cards`` / ``change_cards``): a total of 51
regions beside a change measured on 1 of them read as growth of all 51. ``to_html`` inlines
plotly.js once (the first chart, ``include_plotlyjs=True``), so the file opens
offline with working charts; every piece of report text in it is escaped.
``to_csv`` is one long table with a ``部分`` (section) column, made by
``dashboard.downloads.to_csv_bytes`` (UTF-8 BOM, formula-like text neutralised).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import brief_charts, brief_present, brief_tone, queries
from dashboard.downloads import to_csv_bytes
from dashboard.filters import Filters
from dashboard.format import (
    CJK_FONT,
    DOC_TYPE_LABELS,
    QUALIFIER_SYMBOLS,
    doc_type_label,
    format_delta,
    format_value,
    html_table,
    level_label,
)

ADDED_ROWS = 1000  # the week's new reports the brief keeps (newest first); complete() reads the rest for an export
QUALITY_LABELS = {"check_errors": "一致性错误", "check_warnings": "一致性警告", "ingest_errors": "导入失败的文件",
                  "unknown_region": "地区未识别的报告", "unknown_year": "年份未识别的报告",
                  "unknown_type": "类型未识别的报告", "orphaned": "目标已不存在的更正"}


@dataclass
class Brief:
    week_start: pd.Timestamp
    week_end: pd.Timestamp  # exclusive (the Monday after)
    year: int | None  # the year compared with the one before
    added: pd.DataFrame
    headline: pd.DataFrame  # queries.brief_region_headline
    totals: pd.DataFrame  # queries.brief_totals
    moves: pd.DataFrame
    targets: pd.DataFrame
    quality: dict[str, int]
    checks: pd.DataFrame
    scope: str = "全部地区"
    metrics: tuple[str, ...] = field(default_factory=tuple)
    # the week's new reports per day and type (queries.brief_added_days); ``added`` may hold only the newest of them
    added_days: pd.DataFrame | None = None

    @property
    def added_count(self) -> int:
        """How many reports came in this week (``added`` holds the newest ``ADDED_ROWS`` of them)."""
        return len(self.added) if self.added_days is None else int(self.added_days["n"].sum())

    @property
    def week_label(self) -> str:
        last = self.week_end - pd.Timedelta(days=1)
        return f"{self.week_start:%Y-%m-%d} 至 {last:%Y-%m-%d}"

    @property
    def open_warnings(self) -> int:
        return sum(v for k, v in self.quality.items() if k in QUALITY_LABELS)


def collect(f: Filters, day: Any, year: int | None = None, scope: str = "全部地区") -> Brief:
    """Run the brief's queries for the week holding ``day`` and ``year`` (default: ``queries.brief_opening_year``,
    the newest year with regions comparable with the year before)."""
    start, end = queries.week_bounds(day)
    if year is None:
        year = queries.brief_opening_year(f)
    added = queries.brief_added(f, start, end, limit=ADDED_ROWS)
    if year is None:
        empty = pd.DataFrame()
        headline = totals = moves = targets = empty
    else:
        headline = queries.brief_region_headline(f, year)
        totals = queries.brief_totals(headline)
        moves = queries.brief_moves(f, year)
        targets = queries.brief_targets(f, year)
    return Brief(start, end, year, added, headline, totals, moves, targets, queries.quality_summary(f),
                 queries.quality_checks(f, limit=10), scope, queries.BRIEF_METRICS,
                 queries.brief_added_days(f, start, end))


def complete(b: Brief, f: Filters) -> Brief:
    """``b`` with every report of its week in ``added``: what an export lists (the page shows the newest)."""
    if b.added_count <= len(b.added):
        return b
    return replace(b, added=queries.brief_added(f, b.week_start, b.week_end))


def total_cards(b: Brief) -> list[dict[str, str]]:
    """Per headline metric the year's total over one level of regions. No change on it: that is ``change_cards``."""
    cards = []
    if b.totals is None or b.totals.empty:
        return cards
    for r in b.totals.itertuples(index=False):
        how = "平均" if r.unit == "%" else "合计"
        cards.append({"label": f"{r.label}({b.year} 年{how})", "value": format_value(r.value, r.unit),
                      "note": f"{r.regions} 个{level_label(r.level)}地区{how}(各地区取本级报告数值)", "change": "",
                      "direction": ""})
    return cards


def change_cards(b: Brief) -> list[dict[str, str]]:
    """Per headline metric the change over the regions that report both years, saying how many they are.

    Counts as a % of last year's sum, rates in 个百分点. Green/red only for a metric with a direction in the
    catalogue (dashboard.brief_tone), neutral otherwise."""
    cards = []
    if b.totals is None or b.totals.empty:
        return cards
    for r in b.totals.itertuples(index=False):
        label = f"{r.label}:可比地区同比"
        if not r.comparable or r.delta is None or pd.isna(r.delta):
            cards.append({"label": label, "value": "—", "note": "上年无可比数据(没有地区两年都有数据)", "change": "",
                          "direction": ""})
            continue
        if r.unit == "%":
            value = format_delta(r.delta, r.unit) or "持平"
        else:
            value = "持平" if not r.delta else (f"{r.pct:+.1f}%" if r.pct is not None and not pd.isna(r.pct)
                                                else format_delta(r.delta, r.unit) or "持平")
        only = "仅 " if r.comparable == 1 else ""
        mean = "(平均)" if r.unit == "%" else ""
        cards.append({"label": label, "value": f"{brief_tone.arrow(r.delta)} {value}".strip(),
                      "note": f"{only}{r.comparable} 个{level_label(r.level)}地区两年都有数据:"
                              f"{format_value(r.prev_comparable, r.unit)} → {format_value(r.cur_comparable, r.unit)}{mean}",
                      "change": "", "direction": brief_tone.tone(str(r.metric), float(r.delta))})
    return cards


def headline_titles(b: Brief) -> list[str]:
    """The title of each headline metric's chart (``headline_figures``' order), without drawing any."""
    if b.headline is None or b.headline.empty or b.year is None:
        return []
    return [_headline_title(b, rows) for _metric, rows in b.headline.groupby("metric", sort=False)]


def _headline_title(b: Brief, rows: pd.DataFrame) -> str:
    return f"{rows['label'].iloc[0]}({rows['unit'].iloc[0]}):{b.year} 年与 {b.year - 1} 年"


def headline_figure(b: Brief, title: str) -> go.Figure | None:
    """The chart titled ``title`` alone (the page shows one at a time; building all five took ~0.2 s a run)."""
    if b.headline is None or b.headline.empty or b.year is None:
        return None
    for _metric, rows in b.headline.groupby("metric", sort=False):
        if _headline_title(b, rows) == title:
            return brief_charts.region_bars(rows, b.year)
    return None


def headline_figures(b: Brief) -> list[tuple[str, go.Figure]]:
    """(title, chart) per headline metric that has data in the year."""
    out = []
    if b.headline is None or b.headline.empty or b.year is None:
        return out
    for _metric, rows in b.headline.groupby("metric", sort=False):
        out.append((_headline_title(b, rows), brief_charts.region_bars(rows, b.year)))
    return out


# --- tables as shown (Chinese headers, formatted values) ---------------------------------------------------------

def added_days(b: Brief) -> pd.DataFrame:
    """The week's new reports per day and type (day, doc_type, n): stored, or counted from ``added``."""
    if b.added_days is not None:
        return b.added_days
    a = b.added
    if a.empty:
        return pd.DataFrame(columns=["day", "doc_type", "n"])
    return (a.assign(day=pd.to_datetime(a["added_at"]).dt.normalize()).groupby(["day", "doc_type"]).size()
            .rename("n").reset_index())


def added_table(b: Brief, limit: int | None = None) -> pd.DataFrame:
    """The week's new reports as shown, newest first; only the first ``limit`` when given."""
    df = b.added if limit is None else b.added.head(limit)
    if df.empty:
        return pd.DataFrame(columns=["标题", "地区", "年份", "类型", "数字", "添加时间"])
    return pd.DataFrame({
        "标题": df["title"].fillna(""), "地区": df["region_name"].fillna("未识别地区"),
        "年份": df["year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
        "类型": df["doc_type"].map(doc_type_label), "数字": df["figures"].astype(int),
        "添加时间": pd.to_datetime(df["added_at"]).dt.strftime("%Y-%m-%d %H:%M"),
    })


def _mark(text: str, corrected: Any) -> str:
    return text + brief_charts.CORRECTED_MARK if bool(corrected) else text


def headline_table(b: Brief) -> pd.DataFrame:
    df = b.headline
    if df is None or df.empty:
        return pd.DataFrame(columns=["地区", "指标", "本年", "上年", "变化"])
    return pd.DataFrame({
        "地区": df["region"], "指标": df["label"],
        f"{b.year}年": _marked_values(df),
        f"{b.year - 1}年": [format_value(v, u, q) if pd.notna(v) else "—"
                           for v, u, q in zip(df["prev_value"], df["unit"], df["prev_qualifier"], strict=True)],
        "变化": [format_delta(d, u) or "—" for d, u in zip(df["delta"], df["unit"], strict=True)],
    })


def _marked_values(df: pd.DataFrame) -> list[str]:
    """``value`` with its unit and qualifier, marked (已更正) where an analyst corrected it."""
    return [_mark(format_value(v, u, q), c)
            for v, u, q, c in zip(df["value"], df["unit"], df["qualifier"], df["corrected"], strict=True)]


def moves_table(b: Brief) -> pd.DataFrame:
    df = b.moves
    if df is None or df.empty:
        return pd.DataFrame(columns=["地区", "指标", "上年", "本年", "变化", "变化率"])
    return pd.DataFrame({
        "地区": df["region"], "指标": df["label"],
        "上年": [format_value(v, u, q) for v, u, q in zip(df["prev_value"], df["unit"], df["prev_qualifier"],
                                                          strict=True)],
        "本年": _marked_values(df),
        "变化": [format_delta(d, u) or "—" for d, u in zip(df["delta"], df["unit"], strict=True)],
        "变化率": [f"{p:+.1f}%" for p in df["pct"]],
    })


def targets_table(b: Brief) -> pd.DataFrame:
    df = b.targets
    if df is None or df.empty:
        return pd.DataFrame(columns=["地区", "指标", "实际", "目标", "规划文件", "原文"])
    return pd.DataFrame({
        "地区": df["region"], "指标": df["label"],
        "实际": _marked_values(df),
        "目标": [("≤" if q == "at_most" else "≥") + format_value(t, u)
               for t, u, q in zip(df["target"], df["unit"], df["target_qualifier"], strict=True)],
        "规划文件": df["plan_title"].fillna(""), "原文": df["evidence"].fillna(""),
    })


def quality_table(b: Brief) -> pd.DataFrame:
    return pd.DataFrame({"问题": [QUALITY_LABELS[k] for k in QUALITY_LABELS],
                         "数量": [int(b.quality.get(k, 0)) for k in QUALITY_LABELS]})


# --- HTML ----------------------------------------------------------------------------------------------------------

CSS = f"""
body {{ font-family: {CJK_FONT}; font-size: 22px; margin: 2rem auto; max-width: 1400px; color: #1b1b1b;
        padding: 0 1.5rem; }}
h1 {{ font-size: 44px; margin-bottom: .2rem; }} h2 {{ font-size: 32px; margin-top: 2.4rem;
        border-bottom: 3px solid #1f5fa8; padding-bottom: .3rem; }}
.sub {{ color: #555; font-size: 20px; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 1rem; }}
.card {{ flex: 1 1 260px; border: 2px solid #d0d7de; border-radius: 12px; padding: 1rem 1.2rem; }}
.card .label {{ font-size: 22px; color: #444; }} .card .value {{ font-size: 52px; font-weight: 700; line-height: 1.15; }}
.card .note {{ font-size: 18px; color: #666; }}
.good {{ color: {brief_tone.GOOD_COLOR}; }} .bad {{ color: {brief_tone.BAD_COLOR}; }}
.cards-title {{ font-size: 24px; font-weight: 700; margin: 1.2rem 0 .4rem; }}
.screen {{ min-height: 100vh; box-sizing: border-box; padding-top: 1rem; }}
@page {{ size: 1920px 1080px; margin: 36px 48px; }}
@media print {{ body {{ max-width: none; margin: 0; }} .screen {{ min-height: auto; break-after: page; }}
               h2 {{ break-after: avoid; }} .js-plotly-plot, .card, tr {{ break-inside: avoid; }} }}
{brief_present.CSS}
table {{ border-collapse: collapse; width: 100%; font-size: 20px; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .45rem .6rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f6fa; }}
"""


MAX_HTML_ROWS = 20  # longer lists go to the CSV: the HTML is for a meeting screen


def _cards_html(cards: list[dict[str, str]]) -> str:
    parts = []
    for c in cards:
        cls = {"good": " good", "bad": " bad"}.get(c.get("direction", ""), "")
        change = f'<div class="note">{html.escape(c["change"])}</div>' if c.get("change") else ""
        parts.append(f'<div class="card"><div class="label">{html.escape(c["label"])}</div>'
                     f'<div class="value{cls}">{html.escape(c["value"])}</div>'
                     f'<div class="note">{html.escape(c["note"])}</div>{change}</div>')
    return f'<div class="cards">{"".join(parts)}</div>'


def _table_html(df: pd.DataFrame, empty_text: str) -> str:
    if df.empty:
        return f'<p class="sub">{html.escape(empty_text)}</p>'
    rows = [[("" if pd.isna(v) else str(v)) for v in row] for row in df.itertuples(index=False)]
    return html_table([str(c) for c in df.columns], rows)


def to_html(b: Brief) -> str:
    """The whole brief as one HTML page that works offline (plotly.js inlined once)."""
    first = True

    def chart(fig: go.Figure) -> str:
        nonlocal first
        out = fig.to_html(include_plotlyjs=first, full_html=False, config={"displaylogo": False, "responsive": True})
        first = False
        return out

    body = [f"<section class='screen'><h1>法治政府建设周报</h1><p class='sub'>{html.escape(b.week_label)} · "
            f"范围:{html.escape(b.scope)} · 生成于 {pd.Timestamp.now():%Y-%m-%d %H:%M}</p>"
            f"{brief_present.screen_html(b)}</section>"]
    stats = [{"label": "本周新增报告", "value": f"{b.added_count} 份", "note": b.week_label, "change": ""},
             {"label": "未达目标", "value": f"{len(b.targets)} 项", "note": f"{b.year or '—'} 年规划目标",
              "change": ""},
             {"label": "待处理的数据问题", "value": f"{b.open_warnings} 项", "note": "见文末", "change": ""}]
    body.append(_cards_html(stats))
    body.append(f"<h2>本周新增报告({b.added_count} 份)</h2>")
    if b.added_count:
        body.append(chart(brief_charts.added_by_type(added_days(b), DOC_TYPE_LABELS)))
    shown = added_table(b)
    body.append(_table_html(shown.head(MAX_HTML_ROWS), "本周没有新增报告。"))
    if len(shown) > MAX_HTML_ROWS:
        body.append(f"<p class='sub'>另有 {len(shown) - MAX_HTML_ROWS} 份未列出,完整清单见 CSV 导出。</p>")
    if b.year is not None:
        body.append(f"<h2>主要指标:{b.year} 年与 {b.year - 1} 年相比</h2>")
        body.append(f"<div class='cards-title'>{b.year} 年合计</div>" + _cards_html(total_cards(b)))
        body.append("<div class='cards-title'>可比地区同比(只比较两年都有数据的地区)</div>"
                    + _cards_html(change_cards(b)))
        for title, fig in headline_figures(b):
            body.append(f"<h3>{html.escape(title)}</h3>" + chart(fig))
        body.append("<details><summary>各地区明细</summary>" + _table_html(headline_table(b), "没有数据。")
                    + "</details>")
        body.append(f"<h2>未达到规划目标的地区({b.year} 年)</h2>")
        if not b.targets.empty:
            body.append(chart(brief_charts.target_gaps(b.targets)))
        body.append(_table_html(targets_table(b), "没有发现未达标的地区。"))
        body.append(f"<h2>变化最大的指标({b.year} 年与上年相比)</h2>")
        if not b.moves.empty:
            body.append(chart(brief_charts.moves_bars(b.moves)))
        body.append(_table_html(moves_table(b), "没有可与上一年比较的数据。"))
    else:
        body.append("<h2>主要指标</h2><p class='sub'>还没有年度报告中的数据。</p>")
    body.append(f"<h2>待处理的数据质量问题({b.open_warnings} 项)</h2>")
    body.append(_table_html(quality_table(b), ""))
    if not b.checks.empty:
        body.append(_table_html(b.checks.rename(columns={"severity": "级别", "message": "说明", "title": "报告"})
                                [["级别", "说明", "报告"]], ""))
    title = f"法治政府建设周报 {b.week_label}"
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>'
            f'<body>{"".join(body)}</body></html>')


# --- CSV -----------------------------------------------------------------------------------------------------------

CSV_COLUMNS = ["部分", "地区", "指标", "单位", "年份", "数值", "限定", "上年数值", "上年限定", "变化", "变化率(%)", "目标",
               "目标限定", "标题", "类型", "说明", "已更正"]


def to_frame(b: Brief) -> pd.DataFrame:
    """Every section as rows of one long table (numbers stay numbers)."""
    parts: list[pd.DataFrame] = []
    q = QUALIFIER_SYMBOLS.get
    if not b.added.empty:
        a = b.added
        parts.append(pd.DataFrame({"部分": "本周新增报告", "地区": a["region_name"], "年份": a["year"],
                                   "数值": a["figures"], "标题": a["title"], "类型": a["doc_type"].map(doc_type_label),
                                   "说明": "提取的数字个数;添加于 " + pd.to_datetime(a["added_at"]).dt.strftime("%Y-%m-%d %H:%M"),
                                   "已更正": a["corrected"]}))

    def figure_rows(section: str, df: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({"部分": section, "地区": df["region"], "指标": df["label"], "单位": df["unit"],
                             "年份": b.year, "数值": df["value"], "限定": df["qualifier"].map(q),
                             "上年数值": df["prev_value"], "上年限定": df["prev_qualifier"].map(lambda x: q(x, "")),
                             "变化": df["delta"], "变化率(%)": df["pct"].round(2), "已更正": df["corrected"]})

    if b.headline is not None and not b.headline.empty:
        parts.append(figure_rows("主要指标", b.headline))
    if b.totals is not None and not b.totals.empty:
        t = b.totals
        parts.append(pd.DataFrame({"部分": "主要指标合计(可比地区)",
                                   "地区": t["level"].map(level_label) + "可比地区 " + t["comparable"].astype(str) + " 个",
                                   "指标": t["label"], "单位": t["unit"], "年份": b.year, "数值": t["cur_comparable"],
                                   "上年数值": t["prev_comparable"], "变化": t["delta"],
                                   "变化率(%)": t["pct"].astype(float).round(2)}))
    if b.targets is not None and not b.targets.empty:
        t = b.targets
        parts.append(pd.DataFrame({"部分": "未达目标", "地区": t["region"], "指标": t["label"], "单位": t["unit"],
                                   "年份": b.year, "数值": t["value"], "限定": t["qualifier"].map(q), "目标": t["target"],
                                   "目标限定": t["target_qualifier"].map(q), "标题": t["plan_title"],
                                   "说明": t["evidence"], "已更正": t["corrected"]}))
    if b.moves is not None and not b.moves.empty:
        parts.append(figure_rows("变化最大", b.moves))
    parts.append(pd.DataFrame({"部分": "数据质量", "说明": [QUALITY_LABELS[k] for k in QUALITY_LABELS],
                               "数值": [int(b.quality.get(k, 0)) for k in QUALITY_LABELS]}))
    out = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    return out.reindex(columns=CSV_COLUMNS)


def to_csv(b: Brief) -> bytes:
    return to_csv_bytes(to_frame(b))


def file_stem(b: Brief) -> str:
    return f"周报_{b.week_start:%Y%m%d}"


def big_number_html(label: str, value: str, note: str = "", direction: str = "") -> str:
    """One projector-size number for ``st.markdown(..., unsafe_allow_html=True)``; every part escaped."""
    cls = {"good": " good", "bad": " bad"}.get(direction, "")
    return (f'<div class="brief-card"><div class="brief-label">{brief_present.esc(label)}</div>'
            f'<div class="brief-value{cls}">{brief_present.esc(value)}</div>'
            f'<div class="brief-note">{brief_present.esc(note)}</div></div>')


PAGE_CSS = """<style>
.brief-card { border: 2px solid #d0d7de; border-radius: 12px; padding: .8rem 1rem; margin-bottom: .6rem; }
.brief-label { font-size: 1.35rem; color: #444; }
.brief-value { font-size: 3.2rem; font-weight: 700; line-height: 1.15; }
.brief-note { font-size: 1.1rem; color: #666; }
.brief-value.good { color: #1a7f37; } .brief-value.bad { color: #c62828; }
section.main h2, div[data-testid="stMainBlockContainer"] h2 { font-size: 2.1rem; }
div[data-testid="stMainBlockContainer"] p, div[data-testid="stMainBlockContainer"] li { font-size: 1.2rem; }
</style>"""

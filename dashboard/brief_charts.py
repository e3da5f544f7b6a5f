"""Chart builders for the weekly brief: pure functions DataFrame -> plotly figure (no Streamlit, no database).

Made for a meeting-room projector: large type (``BIG_FONT``), few bars, values
written on the bars or in the row labels, never where they can run into each other.
Region names and other report text are HTML-escaped before they reach plotly. A corrected value is marked ``(已更正)`` in its
label so a leader knows an analyst changed it.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import brief_tone
from dashboard.format import CJK_FONT, axis_format, format_value

BIG_FONT = 20
UP_COLOR = "#1a7f37"
DOWN_COLOR = "#c62828"
BAR_COLOR = "#1f5fa8"
PREV_COLOR = "#9db4d3"
TARGET_COLOR = "#333333"
CORRECTED_MARK = "(已更正)"


def _style(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        font={"family": CJK_FONT, "size": BIG_FONT},
        hoverlabel={"font": {"family": CJK_FONT, "size": 16}, "align": "left"},
        height=height, margin={"l": 70, "r": 30, "t": 50, "b": 40},
        plot_bgcolor="white", paper_bgcolor="white",
    )
    fig.update_xaxes(gridcolor="#e5e5e5", zerolinecolor="#999999", automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_traces(selector={"type": "bar"}, constraintext="none", outsidetextfont={"size": BIG_FONT - 2},
                      insidetextfont={"size": BIG_FONT - 4})
    return fig


def empty(message: str = "本周没有可显示的数据") -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(text=html.escape(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": BIG_FONT, "color": "#6c757d"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, 220)


def _finite(v: object) -> bool:
    return isinstance(v, int | float) and not (isinstance(v, float) and math.isnan(v))


def _mark(text: str, corrected: object) -> str:
    return text + CORRECTED_MARK if bool(corrected) and corrected is not pd.NA else text


def region_bars(rows: pd.DataFrame, year: int, max_rows: int = 12) -> go.Figure:
    """One headline metric across regions: this year's value (dark) beside last year's (light).

    ``rows`` are ``queries.brief_region_headline`` rows of ONE metric (region, value, qualifier, unit,
    prev_value, prev_qualifier, corrected). The largest ``max_rows`` are shown, largest on top.
    """
    if rows.empty:
        return empty("该指标本年没有地区数据")
    unit = str(rows["unit"].iloc[0])
    top = rows.sort_values("value", ascending=False, kind="stable").head(max_rows).iloc[::-1]
    names = [html.escape(str(r)) for r in top["region"]]
    cur_text = [_mark(format_value(v, unit, q), c)
                for v, q, c in zip(top["value"], top["qualifier"], top["corrected"], strict=True)]
    prev_text = [format_value(v, unit, q) if _finite(v) else ""
                 for v, q in zip(top["prev_value"], top["prev_qualifier"], strict=True)]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=names, x=top["prev_value"], orientation="h", name=f"{year - 1}年", marker_color=PREV_COLOR,
                         text=prev_text, textposition="outside", cliponaxis=False,
                         hovertemplate="%{y} " + str(year - 1) + "年:%{text}<extra></extra>"))
    fig.add_trace(go.Bar(y=names, x=top["value"], orientation="h", name=f"{year}年", marker_color=BAR_COLOR,
                         text=cur_text, textposition="outside", cliponaxis=False,
                         hovertemplate="%{y} " + str(year) + "年:%{text}<extra></extra>"))
    finite = [float(v) for v in [*top["value"], *top["prev_value"]] if _finite(v)]
    longest = max(len(t) for t in [*cur_text, *prev_text])
    # the largest bar's label must fit right of it: ~0.6 of a character's worth of the axis per character
    room = 1.15 + 0.045 * longest
    fig.update_xaxes(range=[0, max(finite) * room if finite and max(finite) > 0 else 1], **axis_format(finite, unit))
    fig.update_yaxes(type="category")
    fig.update_layout(barmode="group", bargap=0.25, hovermode="closest",
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"})
    fig = _style(fig, max(300, 110 + 58 * len(top)))
    fig.update_layout(margin={"t": 70})  # the legend sits in the top margin, above the first bar
    return fig


def moves_bars(rows: pd.DataFrame) -> go.Figure:
    """The biggest moves (``queries.brief_moves``): this year / last year on a log scale.

    A log scale keeps one wild jump (23 -> 24,242, often an extraction error worth checking) from
    flattening every other bar, and halving looks as big as doubling. Each row's label carries the change,
    e.g. ``西宁市 · 调解纠纷`` over ``▲ +193%(817件 → 2,391件)``, in the axis labels: text written beside a
    falling bar ran into the labels. Bars are green/red only for a metric whose direction the catalogue gives
    (dashboard.brief_tone), neutral otherwise: more 复议申请 is not good news.
    """
    if rows.empty:
        return empty("没有可与上一年比较的数据")
    data = rows.iloc[::-1]
    values = [_mark(f"{format_value(p, u, pq)} → {format_value(v, u, q)}", c)
              for p, pq, v, q, u, c in zip(data["prev_value"], data["prev_qualifier"], data["value"], data["qualifier"],
                                           data["unit"], data["corrected"], strict=True)]
    logs = [math.log10(max(float(v), 1e-9) / float(p)) for v, p in zip(data["value"], data["prev_value"], strict=True)]
    text = [f"{brief_tone.arrow(float(d))} {float(pct):+.0f}%({t})"
            for d, pct, t in zip(data["delta"], data["pct"], values, strict=True)]
    labels = [html.escape(f"{r} · {lbl}") + "<br><b>" + html.escape(t) + "</b>"
              for r, lbl, t in zip(data["region"], data["label"], text, strict=True)]
    metrics = data["metric"] if "metric" in data else [""] * len(data)
    fig = go.Figure(go.Bar(
        y=labels, x=logs, orientation="h", customdata=[html.escape(t) for t in text],
        marker_color=[brief_tone.color(str(m), float(d)) for m, d in zip(metrics, data["delta"], strict=True)],
        hovertemplate="%{y}<extra></extra>",
    ))
    lo, hi = min([0.0, *logs]), max([0.0, *logs])
    span = max(hi - lo, 0.5)
    steps = [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5]
    if span < 1.5:  # less than ~30x between extremes: halves and doubles are worth a tick
        steps += [math.log10(0.5), math.log10(2)]
    ticks = sorted(t for t in steps if lo - span <= t <= hi + span)
    fig.update_xaxes(range=[lo - span * 0.08, hi + span * 0.08], zeroline=True,
                     tickvals=ticks, ticktext=[f"×{10 ** t:g}" for t in ticks], tickangle=0,
                     title={"text": "本年 ÷ 上年"})
    fig.update_yaxes(type="category", tickfont={"size": BIG_FONT - 2})
    fig.update_layout(showlegend=False, bargap=0.35)
    return _style(fig, max(320, 90 + 74 * len(data)))


def target_gaps(rows: pd.DataFrame, max_rows: int = 15) -> go.Figure:
    """Regions that miss a plan's target (``queries.brief_targets``): reported value as % of the target.

    100% is the target line. For an "at most" target (败诉率低于10%) the bar is target / value, so a bar
    always falls short of the line when the target is missed and units never mix on one axis.
    """
    if rows.empty:
        return empty("没有未达标的地区")
    data = rows.head(max_rows).iloc[::-1]
    ratios, texts, labels = [], [], []
    for r in data.itertuples(index=False):
        v, t = float(r.value), float(r.target)
        ratio = (t / v if v else 0.0) if r.target_qualifier == "at_most" else (v / t if t else 0.0)
        ratios.append(round(ratio * 100, 1))
        want = {"at_most": "≤", "at_least": "≥"}.get(r.target_qualifier, "≥")
        texts.append(_mark(format_value(v, r.unit, r.qualifier), r.corrected))
        label = f"{r.region} · {r.label} {want}{format_value(t, r.unit)}"
        while html.escape(label) in labels:  # the same region, metric and target from two plans
            label += " "
        labels.append(html.escape(label))
    fig = go.Figure(go.Bar(
        y=labels, x=ratios, orientation="h", marker_color=DOWN_COLOR, text=[html.escape(t) for t in texts],
        textposition="outside", cliponaxis=False,
        hovertemplate="%{y}<br>%{text}<br>达到目标的 %{x:.1f}%<extra></extra>",
    ))
    fig.add_vline(x=100, line={"color": TARGET_COLOR, "width": 3, "dash": "dash"},
                  annotation={"text": "目标", "font": {"size": BIG_FONT - 2}}, annotation_position="top")
    fig.update_xaxes(range=[0, 160], ticksuffix="%", title={"text": "实际值占目标的比例"})
    fig.update_yaxes(type="category")
    fig.update_layout(showlegend=False, bargap=0.3)
    return _style(fig, max(300, 90 + 56 * len(data)))


def added_by_type(days: pd.DataFrame, type_labels: dict[str, str]) -> go.Figure:
    """Reports added in the week by day and document type (stacked bars), from ``queries.brief_added_days``'s counts
    (day, doc_type, n)."""
    if days.empty:
        return empty("本周没有新增报告")
    counts = (days.assign(day=pd.to_datetime(days["day"]).dt.normalize(),
                          type=days["doc_type"].map(lambda t: type_labels.get(t, str(t))))
              .groupby(["day", "type"])["n"].sum().reset_index())
    fig = go.Figure()
    palette = ("#1f5fa8", "#e07b00", "#2e7d32", "#8e24aa", "#c62828", "#00838f", "#6d4c41")
    per_day = counts.groupby("day")["n"].transform("sum")
    counts["label"] = [str(n) if n >= 0.08 * total else "" for n, total in zip(counts["n"], per_day, strict=True)]
    for i, (t, g) in enumerate(counts.groupby("type", sort=True)):
        fig.add_trace(go.Bar(x=g["day"].dt.strftime("%m-%d"), y=g["n"], name=html.escape(str(t)),
                             marker_color=palette[i % len(palette)], text=g["label"], textposition="inside",
                             textangle=0, hovertemplate="%{x} " + html.escape(str(t)) + ":%{y} 份<extra></extra>"))
    totals = counts.groupby("day")["n"].sum()
    fig.add_trace(go.Scatter(x=totals.index.strftime("%m-%d"), y=totals.values, mode="text",
                             text=[f"共 {n} 份" for n in totals.values], textposition="top center",
                             textfont={"size": BIG_FONT}, showlegend=False, hoverinfo="skip"))
    fig.update_yaxes(range=[0, max(totals.values) * 1.2])
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.12, "x": 0})
    fig.update_xaxes(type="category")
    fig.update_yaxes(title={"text": "份"}, tickformat="d")
    return _style(fig, 340)

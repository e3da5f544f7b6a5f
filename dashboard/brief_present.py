"""The brief's meeting screen: one headline sentence, targets against actuals and the biggest moves, as HTML.

Made to be read from the back of a meeting room (8 m) on a 1920×1080 projector: body text at least
28 px, numbers larger, no more than ``PRESENT_ROWS`` rows a panel so the whole screen fits without
scrolling. The same HTML is the top of the 周报 page in presentation mode (``?present=1``), the first
screen of the offline HTML export and the first page of the PDF — what leaders see in the room is what
they take away. Plain HTML and CSS (no chart library), so it prints as it shows.

Every piece of report text (region names, labels) is escaped by ``esc``: HTML-escaped, and the
characters Streamlit's Markdown would act on turned into entities, since the page shows it through
``st.markdown``. A change is coloured green/red only for a metric whose direction the catalogue gives
(dashboard.brief_tone); the others are neutral.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

import pandas as pd

from dashboard import brief_tone
from dashboard.format import CJK_FONT, format_value

if TYPE_CHECKING:
    from dashboard.brief_export import Brief

PRESENT_ROWS = 5  # a panel's rows on the meeting screen; the rest are below it and in the exports
MIN_BODY_PX = 28  # readable from 8 m on a 1920-wide projector

_MARKDOWN_CHARS = {c: f"&#{ord(c)};" for c in "\\`*_[]{}~$:|#"}


def esc(text: object) -> str:
    """Report text as inert HTML that Streamlit's Markdown leaves alone (no colours, maths, links)."""
    out = html.escape(str(text))
    return "".join(_MARKDOWN_CHARS.get(c, c) for c in out)


CSS = f"""
.bp {{ font-family: {CJK_FONT}; color: #1b1b1b; font-size: {MIN_BODY_PX}px; line-height: 1.35; }}
.bp .bp-headline {{ font-size: 46px; font-weight: 700; line-height: 1.3; margin: 0 0 10px 0; }}
.bp .bp-sub {{ font-size: {MIN_BODY_PX}px; color: #444; margin: 0 0 22px 0; }}
.bp .bp-grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 48px; align-items: start; }}
.bp .bp-title {{ font-size: 38px; font-weight: 700; margin: 0 0 6px 0; padding: 0 0 6px 0;
                border-bottom: 4px solid #1f5fa8; }}
.bp .bp-row {{ padding: 10px 0 10px 0; border-bottom: 1px solid #d0d7de; }}
.bp .bp-what {{ font-size: {MIN_BODY_PX}px; color: #333; }}
.bp .bp-fig {{ font-size: 36px; font-weight: 700; }}
.bp .bp-sep {{ color: #777; font-weight: 400; }}
.bp .bp-more, .bp .bp-none {{ font-size: {MIN_BODY_PX}px; color: #555; padding: 10px 0 0 0; }}
.bp .bp-good {{ color: {brief_tone.GOOD_COLOR}; }} .bp .bp-bad {{ color: {brief_tone.BAD_COLOR}; }}
.bp .bp-neutral {{ color: {brief_tone.NEUTRAL_COLOR}; }} .bp .bp-miss {{ color: {brief_tone.BAD_COLOR}; }}
@media (max-width: 1100px) {{ .bp .bp-grid {{ grid-template-columns: 1fr; }} }}
"""

# Streamlit page in presentation mode: no sidebar, no toolbar, the width of the projector, ≥ 28 px text
PAGE_CSS = f"""<style>{CSS}
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {{ display: none !important; }}
div[data-testid="stMainBlockContainer"] {{ padding: 28px 56px 40px 56px !important; max-width: none !important; }}
div[data-testid="stMainBlockContainer"] p, div[data-testid="stMainBlockContainer"] li {{
    font-size: {MIN_BODY_PX}px; }}
div[data-testid="stMainBlockContainer"] h2 {{ font-size: 40px; }}
div[data-testid="stMainBlockContainer"] h3 {{ font-size: 32px; }}
div[data-testid="stMainBlockContainer"] .bp p.bp-headline {{ font-size: 46px; }}
div[data-testid="stCaptionContainer"] p {{ font-size: 24px; }}
.brief-label {{ font-size: {MIN_BODY_PX}px !important; }} .brief-note {{ font-size: 24px !important; }}
.brief-value {{ font-size: 56px !important; }}
</style>"""


def _pct(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{float(value):+.0f}%"


def move_change(row: pd.Series) -> str:
    """How a move is told: ``▲ +30%`` for counts, ``▼ -4个百分点`` for rates (a rate's % of % misleads)."""
    delta = float(row["delta"])
    if row["unit"] == "%":
        return f"{brief_tone.arrow(delta)} {delta:+.1f}个百分点".replace(".0个", "个").strip()
    return f"{brief_tone.arrow(delta)} {_pct(row['pct'])}".strip()


def target_text(row: pd.Series) -> str:
    want = "≤" if row["target_qualifier"] == "at_most" else "≥"
    return f"{want}{format_value(float(row['target']), row['unit'])}"


def headline_sentence(b: Brief) -> str:
    """The one sentence a leader should take away (plain text; escaped where it is shown)."""
    if b.year is None:
        return "还没有年度报告中的数字,无法与上一年比较。"
    parts = [f"{b.year} 年与 {b.year - 1} 年相比:"]
    n_targets = 0 if b.targets is None else len(b.targets)
    parts.append(f"{n_targets} 项未达到规划目标" if n_targets else "没有发现未达到规划目标的地区")
    if b.moves is not None and not b.moves.empty:
        top = b.moves.iloc[0]
        parts.append(f";变化最大的是{top['region']}的{top['label']}"
                     f"({format_value(top['prev_value'], top['unit'], top['prev_qualifier'])} → "
                     f"{format_value(top['value'], top['unit'], top['qualifier'])})")
    else:
        parts.append(";没有可与上一年比较的地区")
    return "".join(parts) + "。"


def _panel(title: str, rows: list[str], total: int, none_text: str) -> str:
    body = "".join(rows) if rows else f'<div class="bp-none">{esc(none_text)}</div>'
    more = (f'<div class="bp-more">另有 {total - len(rows)} 项,见下文。</div>' if total > len(rows) else "")
    return f'<section class="bp-panel"><div class="bp-title">{esc(title)}</div>{body}{more}</section>'


def target_rows(b: Brief, limit: int = PRESENT_ROWS) -> list[str]:
    out = []
    if b.targets is None or b.targets.empty:
        return out
    for _, r in b.targets.head(limit).iterrows():
        actual = format_value(float(r["value"]), r["unit"], r["qualifier"])
        out.append(f'<div class="bp-row bp-target"><div class="bp-what">{esc(r["region"])} · {esc(r["label"])}</div>'
                   f'<div class="bp-fig">实际 <span class="bp-miss">{esc(actual)}</span>'
                   f'<span class="bp-sep"> / </span>目标 {esc(target_text(r))}</div></div>')
    return out


def move_rows(b: Brief, limit: int = PRESENT_ROWS) -> list[str]:
    out = []
    if b.moves is None or b.moves.empty:
        return out
    for _, r in b.moves.head(limit).iterrows():
        tone = brief_tone.tone(str(r["metric"]), float(r["delta"])) or "neutral"
        before = format_value(r["prev_value"], r["unit"], r["prev_qualifier"])
        after = format_value(r["value"], r["unit"], r["qualifier"])
        out.append(f'<div class="bp-row bp-move"><div class="bp-what">{esc(r["region"])} · {esc(r["label"])}</div>'
                   f'<div class="bp-fig">{esc(before)} → {esc(after)}<span class="bp-sep">  </span>'
                   f'<span class="bp-{tone}">{esc(move_change(r))}</span></div></div>')
    return out


def screen_html(b: Brief) -> str:
    """The meeting screen as one HTML fragment (one line: no blank line for Markdown to break it at)."""
    sub = f"周 {b.week_label} · 本周新增报告 {b.added_count} 份 · 待处理的数据问题 {b.open_warnings} 项 · 范围:{b.scope}"
    year = f"({b.year} 年)" if b.year is not None else ""
    n_targets = 0 if b.targets is None else len(b.targets)
    n_moves = 0 if b.moves is None else len(b.moves)
    targets = _panel(f"未达到规划目标{year}", target_rows(b), n_targets, "没有发现未达到规划目标的地区。")
    moves = _panel("变化最大", move_rows(b), n_moves, "没有可与上一年比较的数据。")
    return (f'<div class="bp" data-testid="brief-present">'
            f'<p class="bp-headline" id="bp-headline">{esc(headline_sentence(b))}</p>'
            f'<p class="bp-sub">{esc(sub)}</p><div class="bp-grid">'
            f'<div id="bp-targets">{targets}</div>'
            f'<div id="bp-moves">{moves}</div>'
            f'</div></div>')

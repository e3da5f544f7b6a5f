"""Dark-mode colours for the app's own HTML (reader highlights and tables, brief cards) and the plotly charts
drawn with fixed colours (the brief's projector charts).

Streamlit switches its own widgets to dark with the browser (or the reader's choice in the menu), but the
colours written in pages/reports.py and dashboard/brief_export.py are light-theme ones: white text on pale
yellow highlights, white headers on white. ``css()`` gives the overrides: when ``st.context.theme`` knows
the theme they apply (dark) or not (light); before it knows, behind ``@media (prefers-color-scheme: dark)``.
Every pair of colours below has a contrast of at least 4.5:1 (tests/test_browser_words.py measures it).
Selectors start with ``.stApp`` so they win over the pages' own rules, which come later on the page.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

DARK_BG = "#0e1117"  # Streamlit's dark background
DARK_TEXT = "#fafafa"
DARK_RULES = """
.stApp .reader-text mark.fig { background: #4d3d00; color: #fff4c2; }
.stApp .reader-text mark.fig sup { color: #9cc9ff; }
.stApp .reader-text mark.fig:target { background: #6b5400; color: #ffffff; outline-color: #f59f00; }
.stApp .reader-text, .stApp .reader-figs { border-color: #3d444d; }
.stApp .reader-figs th { background: #262730; color: #fafafa; }
.stApp .reader-figs th, .stApp .reader-figs td { border-bottom-color: #3d444d; }
.stApp .reader-figs tr:target td { background: #4d3d00; color: #fff4c2; }
.stApp .reader-meta { color: #b0b6c0; }
.stApp .brief-card { border-color: #3d444d; }
.stApp .brief-label { color: #d0d4dc; }
.stApp .brief-note { color: #b0b6c0; }
.stApp .brief-note.up { color: #56d364; }
.stApp .brief-note.down { color: #ff8a80; }
"""


def theme_type() -> str | None:
    """"dark", "light", or None when Streamlit does not know yet (first run, outside a browser)."""
    try:
        kind = st.context.theme.type
    except Exception:  # bare mode / AppTest
        return None
    return kind if kind in ("dark", "light") else None


def css(kind: str | None = None) -> str:
    """The ``<style>`` block for theme ``kind`` (None: follow the browser's colour scheme)."""
    if kind == "light":
        return ""
    rules = DARK_RULES if kind == "dark" else f"@media (prefers-color-scheme: dark) {{{DARK_RULES}}}"
    return f"<style>{rules}</style>"


def install() -> None:
    """Put the dark-mode overrides on the page (app.py, once per run)."""
    block = css(theme_type())
    if block:
        st.html(block)


def dark_figure(fig: go.Figure) -> go.Figure:
    """A figure built with light fixed colours, redrawn for a dark page: dark panels, light text and grid."""
    fig.update_layout(paper_bgcolor=DARK_BG, plot_bgcolor=DARK_BG, font_color=DARK_TEXT,
                      legend_font_color=DARK_TEXT)
    fig.update_xaxes(gridcolor="#31333f", zerolinecolor="#6b7280", linecolor="#6b7280")
    fig.update_yaxes(gridcolor="#31333f", zerolinecolor="#6b7280", linecolor="#6b7280")
    fig.update_annotations(font_color=DARK_TEXT)
    for shape in fig.layout.shapes or ():
        if shape.line is not None and shape.line.color in ("#333333", "#333"):
            shape.line.color = "#e5e7eb"
    fig.update_traces(selector={"type": "bar"}, outsidetextfont_color=DARK_TEXT)
    fig.update_traces(selector={"type": "scatter"}, textfont_color=DARK_TEXT)
    return fig


def for_theme(fig: go.Figure) -> go.Figure:
    """``fig`` as drawn on the current page: unchanged in the light theme, ``dark_figure`` in the dark one."""
    return dark_figure(fig) if theme_type() == "dark" else fig

"""Chart builders: pure functions from a query's DataFrame to a plotly figure (no Streamlit, no database).

Hover labels show the value with its qualifier and unit (≥30件, 98.8%); report
text in them (evidence sentences, titles) is HTML-escaped. Every figure uses
the CJK font stack so Chinese renders wherever a CJK font is installed.
"""

from __future__ import annotations

import base64
import html
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.format import CJK_FONT, KIND_LABELS, axis_format, format_value, label_with_unit, wrap_escaped

# plotly's geo subplot always downloads a world topojson (cdn.plot.ly) before drawing any choropleth, even
# with every base layer hidden; offline that fails and the map stays blank. Our maps draw only the shipped
# GeoJSON, so we hand plotly an empty topology inline. plotly builds the URL as topojsonURL + name + ".json":
# the trailing "#" turns that suffix into a fragment of the data: URL. Pass as st.plotly_chart(config=...).
_EMPTY_TOPOLOGY = {"type": "Topology", "arcs": [], "objects": {
    name: {"type": "GeometryCollection", "geometries": []}
    for name in ("land", "ocean", "coastlines", "countries", "subunits", "lakes", "rivers")}}
OFFLINE_MAP_CONFIG: dict[str, Any] = {
    "topojsonURL": "data:application/json;base64,"
                   + base64.b64encode(json.dumps(_EMPTY_TOPOLOGY).encode()).decode() + "#",
    "displaylogo": False,
    "scrollZoom": False,
}

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#7f7f7f")
NO_DATA_COLOR = "#f4f4f2"  # lighter than the lightest data colour (MAP_SCALE), so "no data" never reads as "lowest"
MAP_SCALE = [[0.0, "#9ecae1"], [0.5, "#3182bd"], [1.0, "#08306b"]]  # Blues without its near-white end
HIGHLIGHT_COLOR = "#d62728"
BAR_COLOR = "#1f77b4"


def _style(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        font={"family": CJK_FONT, "size": 13},
        hoverlabel={"font": {"family": CJK_FONT, "size": 12}, "align": "left"},
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    return fig


def empty_figure(message: str = "暂无数据") -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(text=html.escape(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 16, "color": "#6c757d"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, 240)


# --- overview ---------------------------------------------------------------------------------------------------

def coverage_heatmap(df: pd.DataFrame, max_rows: int = 40) -> go.Figure:
    """Region x year matrix of report counts from ``queries.coverage`` (columns region, year, reports).

    Regions with most reports come first; beyond ``max_rows`` they are cut (the table keeps them all).
    Years are columns in order, ``不详`` (unknown year) last.
    """
    if df.empty:
        return empty_figure()
    totals = df.groupby("region")["reports"].sum().sort_values(ascending=False, kind="stable")
    regions = totals.index[:max_rows].tolist()
    years = sorted(df["year"].astype(str).unique(), key=lambda y: (not y.isdigit(), y))
    grid = (df[df["region"].isin(regions)].assign(year=lambda d: d["year"].astype(str))
            .pivot_table(index="region", columns="year", values="reports", aggfunc="sum")
            .reindex(index=regions, columns=years))
    text = grid.map(lambda v: "" if pd.isna(v) else str(int(v)))
    fig = go.Figure(go.Heatmap(
        z=grid.values, x=[str(y) for y in years], y=[html.escape(r) for r in regions],
        text=text.values, texttemplate="%{text}", colorscale="Blues", showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y}<br>%{x}:%{z} 份报告<extra></extra>", hoverongaps=False,
    ))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top")
    return _style(fig, max(260, 60 + 26 * len(regions)))


# --- trends -----------------------------------------------------------------------------------------------------

def _hover_rows(df: pd.DataFrame) -> list[list[str]]:
    rows = []
    for r in df.itertuples(index=False):
        evidence = str(getattr(r, "evidence", "") or "")
        ev_html = "<br>".join(wrap_escaped(line, 34, 3) for line in evidence.split("\n")[:3] if line)
        docs = int(r.docs) if not pd.isna(r.docs) else 0
        source = str(getattr(r, "source", "") or "")
        if bool(getattr(r, "needs_review", False) is True):
            source += ",含待核数值"
        rows.append([format_value(r.value, r.unit, r.qualifier),
                     html.escape(f"{source},{docs} 份文档" if source else f"{docs} 份文档"), ev_html,
                     _trend_tag(r)])
    return rows


def _break_on_source(part: pd.DataFrame) -> pd.DataFrame:
    """Insert a gap row where the source kind changes (本级报告 -> 下级合计 …) or a year is missing, so the
    line never joins two different kinds of number, or a region's report one year to a guess the next."""
    if "source" not in part.columns or len(part) < 2:
        return part
    kinds = part["source"].fillna("").str.replace(r"\s.*$", "", regex=True)
    years = part["year"].astype(int)
    rows = []
    for i in range(len(part)):
        if i and (kinds.iloc[i] != kinds.iloc[i - 1] or years.iloc[i] != years.iloc[i - 1] + 1):
            gap = part.iloc[i].copy()
            gap["value"] = None
            rows.append(gap)
        rows.append(part.iloc[i])
    return pd.DataFrame(rows)


def trend_chart(df: pd.DataFrame, metric_order: Sequence[str] = (), series_order: Sequence[str] = ()) -> go.Figure:
    """Lines by year from ``queries.trend``: one panel per metric, one colour per region, targets dashed.

    Panels and colours follow ``metric_order`` / ``series_order`` (the user's choice), then data order.
    Hover: value with qualifier and unit, where it comes from (本级报告 / 部门报告 / 下级合计), number of
    documents, the evidence sentences with their source. A line breaks where the source kind changes.
    """
    if df.empty:
        return empty_figure("所选条件下没有该指标的数据")
    present = set(df["metric"])
    metrics = list(dict.fromkeys([m for m in metric_order if m in present] + list(df["metric"])))
    titles = [label_with_unit(*df.loc[df["metric"] == m, ["label", "unit"]].iloc[0]) for m in metrics]
    height = 140 + 300 * len(metrics)
    # ~90 px between panels: room for the x tick labels of one panel and the title of the next
    spacing = min(0.3, 90 / height) if len(metrics) > 1 else 0.0
    fig = make_subplots(rows=len(metrics), cols=1, shared_xaxes=True, vertical_spacing=spacing,
                        subplot_titles=[html.escape(t) for t in titles])
    named = set(df["series"])
    series = list(dict.fromkeys([s for s in series_order if s in named] + list(df["series"])))
    colors = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    shown: set[str] = set()
    for row, metric in enumerate(metrics, start=1):
        sub = df[df["metric"] == metric]
        unit = sub["unit"].iloc[0]
        for s in series:
            for kind in ("actual", "target"):
                part = sub[(sub["series"] == s) & (sub["kind"] == kind)].sort_values("year")
                if part.empty:
                    continue
                part = _break_on_source(part)
                name = f"{s} · {KIND_LABELS[kind]}"
                fig.add_trace(go.Scatter(
                    x=part["year"].astype(int), y=part["value"], mode="lines+markers",
                    name=html.escape(name), legendgroup=name, showlegend=name not in shown,
                    line={"color": colors[s], "dash": "dash" if kind == "target" else "solid", "width": 2},
                    marker={"symbol": "circle-open" if kind == "target" else "circle", "size": 8},
                    customdata=_hover_rows(part),
                    hovertemplate=(f"<b>{html.escape(s)}</b> {KIND_LABELS[kind]}<br>%{{x}}年:<b>%{{customdata[0]}}</b>"
                                   "(%{customdata[1]})<br>%{customdata[2]}<extra></extra>"),
                ), row=row, col=1)
                shown.add(name)
        fig.update_yaxes(rangemode="tozero", row=row, col=1, **axis_format(sub["value"], unit))
    fig.update_xaxes(dtick=1, tickformat="d", showticklabels=True)
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1 + 60 / height, "x": 0},
                      hovermode="closest")
    fig = _style(fig, height)
    fig.update_layout(margin={"t": 90})
    return fig


# --- regions ----------------------------------------------------------------------------------------------------

def ranking_bar(df: pd.DataFrame, selected: str | None = None, max_rows: int = 40) -> go.Figure:
    """Horizontal bars from ``queries.region_ranking(...).rows`` (code, name, value, unit, qualifier, docs).

    The largest is on top; ``customdata[0]`` is the region code (a click selects it); ``selected`` is drawn red.
    """
    if df.empty:
        return empty_figure("该年份没有数据")
    top = df.head(max_rows).iloc[::-1]
    unit = top["unit"].iloc[0]
    labels = [format_value(v, unit, q) for v, q in zip(top["value"], top["qualifier"], strict=True)]
    fig = go.Figure(go.Bar(
        x=top["value"], y=[html.escape(n) for n in top["name"]], orientation="h",
        marker={"color": [HIGHLIGHT_COLOR if c == selected else BAR_COLOR for c in top["code"]]},
        text=labels, textposition="outside", cliponaxis=False,
        customdata=list(zip(top["code"], labels, top["docs"].astype(int), strict=True)),
        hovertemplate="%{y}:%{customdata[1]}<br>%{customdata[2]} 份文档<extra></extra>",
    ))
    widest = max((len(t) for t in labels), default=0)
    fig.update_xaxes(rangemode="tozero", range=[0, nice_max(top["value"].tolist(), widest)],
                     **axis_format(top["value"], unit))
    fig.update_yaxes(type="category")
    fig.update_layout(clickmode="event+select", dragmode=False, bargap=0.25)
    return _style(fig, max(130, 60 + 30 * len(top)))


def region_map(df: pd.DataFrame, geojson: Mapping[str, Any], selected: str | None = None) -> go.Figure:
    """A choropleth of ``region_ranking`` rows (code = adcode, value, unit, qualifier, docs) over ``geojson``.

    Every feature is drawn; those without data are near-white, lighter than the lowest value's blue.
    ``customdata[0]`` is the adcode (a click selects
    it); ``selected`` gets a thick red outline. The GeoJSON is passed in (shipped in data/geo via
    ``dashboard.geo``, never fetched).
    """
    features = geojson.get("features", [])
    all_codes = [str(ft["properties"]["adcode"]) for ft in features]
    names = {str(ft["properties"]["adcode"]): str(ft["properties"].get("name", "")) for ft in features}
    data = df[df["code"].astype(str).isin(all_codes)] if not df.empty else df
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        geojson=geojson, featureidkey="properties.adcode", locations=all_codes, z=[0] * len(all_codes),
        colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]], showscale=False, hoverinfo="skip",
        marker={"line": {"color": "#ffffff", "width": 0.6}}, name="无数据",
    ))
    if not data.empty:
        wanted = set(data["code"].astype(str))
        data_geo = {"type": "FeatureCollection",
                    "features": [ft for ft in features if str(ft["properties"]["adcode"]) in wanted]}
        unit = data["unit"].iloc[0]
        labels = [format_value(v, unit, q) for v, q in zip(data["value"], data["qualifier"], strict=True)]
        widths = [2.5 if str(c) == selected else 0.6 for c in data["code"]]
        fig.add_trace(go.Choropleth(  # only the features with data: the GeoJSON is not sent twice
            geojson=data_geo, featureidkey="properties.adcode", locations=data["code"].astype(str),
            z=data["value"], colorscale=MAP_SCALE, zmin=0, zmax=max(float(data["value"].max()), 1.0),
            marker={"line": {"color": ["#d62728" if str(c) == selected else "#ffffff" for c in data["code"]],
                             "width": widths}},
            customdata=[[str(c), html.escape(names.get(str(c), str(n))), lbl, int(d)]
                        for c, n, lbl, d in zip(data["code"], data["name"], labels, data["docs"], strict=True)],
            hovertemplate="%{customdata[1]}:%{customdata[2]}<br>%{customdata[3]} 份文档<extra></extra>",
            colorbar={"title": {"text": html.escape(unit)}, "thickness": 12, "len": 0.6,
                      **axis_format(data["value"], unit)},
        ))
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    fig.update_layout(clickmode="event+select", dragmode=False)
    fig = _style(fig, 460)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 10, "b": 0})
    return fig


def simplify_geojson(geojson: Mapping[str, Any], step: float) -> dict[str, Any]:
    """Polygons snapped to a ``step``-degree grid with repeated points dropped (rings under 4 points go).

    Plotly spends ~0.5 s per copy of the full province file on validation and JSON; at the national
    map's scale (~0.075 degree per pixel) a 0.1 degree grid is invisible and leaves half the points.
    """
    def ring(points: Sequence[Sequence[float]]) -> list[list[float]] | None:
        out: list[list[float]] = []
        for x, y in points:
            p = [round(round(x / step) * step, 6), round(round(y / step) * step, 6)]
            if not out or out[-1] != p:
                out.append(p)
        if out and out[0] != out[-1]:
            out.append(out[0])
        return out if len(out) >= 4 else None

    features = []
    for ft in geojson.get("features", []):
        geom = ft["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        kept = []
        for polygon in polygons:
            rings = [ring(r) for r in polygon]
            if rings and rings[0] is not None:
                kept.append([r for r in rings if r is not None])
        if kept:
            features.append({"type": "Feature", "properties": dict(ft["properties"]),
                             "geometry": {"type": "MultiPolygon", "coordinates": kept}})
    return {"type": "FeatureCollection", "features": features}


def features_within(geojson: Mapping[str, Any], parent: str) -> dict[str, Any]:
    """The features of ``geojson`` whose ``parent_adcode`` is ``parent`` (e.g. a province's cities)."""
    feats = [ft for ft in geojson.get("features", []) if ft["properties"].get("parent_adcode") == parent
             and ft["properties"].get("adcode") != parent]
    return {"type": "FeatureCollection", "features": feats}


def selected_code(event: Any) -> str | None:
    """The region code of the clicked bar or province in a ``st.plotly_chart(..., on_select="rerun")`` event."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for p in points or []:
        data = p.get("customdata")
        if isinstance(data, Sequence) and not isinstance(data, str) and data:
            return str(data[0])
        if isinstance(data, str | int) and str(data):
            return str(data)
        if p.get("location"):
            return str(p["location"])
    return None


def nice_max(values: Sequence[float], label_chars: int = 0) -> float:
    """An axis maximum above the largest value with room for its bar's label (1 when there is nothing to show).

    A label written outside the largest bar needs about 0.06 of the axis per character in a half-width column.
    """
    finite = [v for v in values if v is not None and not math.isnan(v)]
    room = max(1.18, 1.1 + 0.06 * label_chars)
    return max(finite) * room if finite and max(finite) > 0 else 1.0


# --- selection (cross-filtering) ---------------------------------------------------------------------------------
# A clickable point carries a tag as the LAST item of its customdata: "region=440100&year=2022&metric=…".
# plotly hands customdata back in st.plotly_chart's selection event; dashboard.crossfilter.from_event reads it.

def selection_tag(region: str | None = None, level: str | None = None, year: Any = None,
                  metric: str | None = None) -> str:
    """``selection_tag(region="440100", year=2022)`` -> ``"region=440100&year=2022"`` (unset fields left out)."""
    y = None if year is None or (isinstance(year, float) and math.isnan(year)) or pd.isna(year) else int(year)
    parts = {"region": region, "level": level, "year": y, "metric": metric}
    return "&".join(f"{k}={v}" for k, v in parts.items() if v is not None and v != "")


def _tag_fields(tag: Any) -> dict[str, str]:
    if not isinstance(tag, str):
        return {}
    return dict(part.split("=", 1) for part in tag.split("&") if "=" in part)


def _trend_tag(r: Any) -> str:
    """A trend point's tag: its series (a region code, or a level for the per-level lines), year and metric."""
    code = str(getattr(r, "series_code", "") or "")
    region, level = (code, None) if code.isdigit() else (None, code or None)
    year = getattr(r, "year", None)
    return selection_tag(region, level, year, getattr(r, "metric", None))


def selectable(fig: go.Figure) -> go.Figure:
    """Let a click select one point (and send it to Streamlit) instead of zooming."""
    fig.update_layout(clickmode="event+select", dragmode=False)
    return fig


def mark_selection(fig: go.Figure, wanted: Mapping[str, str]) -> go.Figure:
    """Draw the points whose tag has every ``wanted`` field (``{"year": "2022", "region": "440100"}``) as
    selected, the others faded: the clicked chart keeps all its data and shows what the page is filtered to."""
    if not wanted:
        return fig
    for trace in fig.data:
        data = getattr(trace, "customdata", None)
        if data is None or not len(data):
            continue
        hits = [i for i, row in enumerate(data)
                if len(row) and all(_tag_fields(row[-1]).get(k) == v for k, v in wanted.items())]
        trace.selectedpoints = hits
    return fig


def selectable_coverage(df: pd.DataFrame, selected: tuple[str, str] | None = None, max_rows: int = 40) -> go.Figure:
    """``coverage_heatmap`` that can be clicked: plotly sends no selection for heatmap cells, so an invisible
    square marker sits on every cell with reports and known region code (``df`` column ``code``) and year;
    the hover label moves to it. ``selected`` (region code, year) gets a red frame.
    """
    fig = selectable(coverage_heatmap(df, max_rows))
    if df.empty or "code" not in df.columns or not fig.data:
        return fig
    heat = fig.data[0]
    rows, years = list(heat.y), list(heat.x)
    codes = {html.escape(str(r)): c for r, c in zip(df["region"], df["code"], strict=True)
             if isinstance(c, str) and len(c) == 6 and c.isdigit()}
    cells = df.assign(_y=[html.escape(str(r)) for r in df["region"]], _x=df["year"].astype(str))
    cells = cells[cells["_y"].isin(rows) & cells["_x"].str.isdigit() & cells["_y"].map(codes).notna()]
    cells = cells.groupby(["_y", "_x"], sort=False, as_index=False)["reports"].sum()
    heat.hoverinfo = "skip"
    heat.hovertemplate = None
    fig.add_trace(go.Scatter(
        x=cells["_x"], y=cells["_y"], mode="markers", showlegend=False, name="",
        marker={"symbol": "square", "size": 22, "opacity": 0, "color": "#000000"},
        selected={"marker": {"opacity": 0}}, unselected={"marker": {"opacity": 0}},
        customdata=[[int(n), selection_tag(region=codes[y], year=x)]
                    for y, x, n in zip(cells["_y"], cells["_x"], cells["reports"], strict=True)],
        hovertemplate="%{y}<br>%{x}:%{customdata[0]} 份报告<br>点击筛选本页<extra></extra>",
    ))
    # hovers (and clicks) reach the nearest cell's marker: the heatmap itself gives plotly no selection
    fig.update_layout(hovermode="closest", hoverdistance=30)
    if selected is not None:
        by_code = {c: y for y, c in codes.items()}
        code, year = selected
        if by_code.get(code) in rows and year in years:
            i, j = years.index(year), rows.index(by_code[code])
            fig.add_shape(type="rect", xref="x", yref="y", x0=i - 0.5, x1=i + 0.5, y0=j - 0.5, y1=j + 0.5,
                          line={"color": HIGHLIGHT_COLOR, "width": 3}, fillcolor="rgba(0,0,0,0)")
    return fig

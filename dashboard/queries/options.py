"""What the sidebar and the pages' pickers offer: regions, years, metrics, and what a filter would hide."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from dashboard import db
from dashboard.filter_model import FilterOptions, Filters
from dashboard.queries.core import figure_where, summary
from dashboard.queries.samples import PAGES, Call


def filter_options() -> FilterOptions:
    """Regions (province, city and county of every document, labelled by path), years, levels, types, metrics."""
    regions = db.query("""
        WITH codes AS (
            SELECT DISTINCT region_code AS rc FROM documents_current
            WHERE region_code IS NOT NULL AND length(region_code) = 6),
        levels AS (
            SELECT substr(rc, 1, 2) || '0000' AS code FROM codes
            UNION SELECT substr(rc, 1, 4) || '00' FROM codes WHERE NOT rc LIKE '%0000'
            UNION SELECT rc FROM codes WHERE NOT rc LIKE '%00')
        SELECT l.code, p.name AS province, c.name AS city, k.name AS county
        FROM levels l
        LEFT JOIN regions p ON p.code = substr(l.code, 1, 2) || '0000'
        LEFT JOIN regions c ON c.code = substr(l.code, 1, 4) || '00' AND NOT l.code LIKE '%0000'
        LEFT JOIN regions k ON k.code = l.code AND NOT l.code LIKE '%00'
        ORDER BY l.code""")
    region_opts: list[tuple[str, str]] = []
    for row in regions.itertuples(index=False):
        parts = [x for x in (row.province, row.city, row.county) if isinstance(x, str) and x]
        if row.code.endswith("00") and not row.code.endswith("0000") and not isinstance(row.city, str):
            continue  # e.g. 110100: municipalities have no city level in the gazetteer
        region_opts.append((row.code, " / ".join(parts) or row.code))
    years = db.query("SELECT min(year) AS lo, max(year) AS hi FROM documents_current WHERE year IS NOT NULL")
    lo, hi = years.iloc[0]["lo"], years.iloc[0]["hi"]
    year_range = (int(lo), int(hi)) if pd.notna(lo) and pd.notna(hi) else None
    metrics = db.query("SELECT metric, label_zh, unit FROM metrics ORDER BY grp_order, metric")
    return FilterOptions(
        regions=region_opts,
        years=year_range,
        metrics=[(r.metric, f"{r.label_zh}({r.unit})") for r in metrics.itertuples(index=False)],
    )


def metric_catalog() -> pd.DataFrame:
    """metric, label, unit, grp, grp_order, description."""
    return db.query("SELECT metric, label_zh AS label, unit, grp, grp_order, description FROM metrics "
                    "ORDER BY grp_order, metric")


def region_names(codes: Sequence[str]) -> dict[str, str]:
    """Code -> name from the regions table (codes not found are left out)."""
    if not codes:
        return {}
    df = db.query("SELECT code, name FROM regions WHERE list_contains(?, code)", [list(codes)])
    return dict(zip(df["code"], df["name"], strict=True))


def metrics_with_data(f: Filters, kinds: Sequence[str] = ("actual",), limit: int = 100) -> pd.DataFrame:
    """Metrics that have figures under ``f`` (ignoring its metric filter), most documents first.

    Columns: metric, label, unit, docs (documents with figures of the metric in ``kinds``), years.
    """
    where, params = figure_where(f, "p", metrics=(), kinds=kinds)
    # one doc_metric_summary row per kind: a document with actual and target figures counts once
    actual_counted = not kinds or "actual" in kinds
    return db.query(f"""
        SELECT p.metric, any_value(m.label_zh) AS label, any_value(m.unit) AS unit,
               count(*) FILTER (WHERE p.kind = 'actual' OR NOT (p.has_actual AND ?)) AS docs,
               count(DISTINCT p.year) AS years
        FROM {summary("doc_metric_summary")} p JOIN metrics m ON m.metric = p.metric
        WHERE {where}
        GROUP BY p.metric ORDER BY years DESC, docs DESC, p.metric LIMIT ?""", [actual_counted, *params, limit])



def hidden_synthetic(f: Filters) -> int:
    """Synthetic reports the current filters would show if 包含合成数据 were on (0 when it is on): an empty page
    can then point to the switch instead of only asking to widen the filters."""
    if f.synthetic:
        return 0
    where, params = replace(f, synthetic=True).where("d")
    return int(db.query(f"SELECT count(*) AS n FROM documents_current d WHERE d.is_synthetic AND {where}",
                        params)["n"].iloc[0])


CALLS = [
    Call(PAGES[0], "filter_options()", lambda s: filter_options()),
    Call("trends", "metrics_with_data(F, actual+target)", lambda s: metrics_with_data(s.F, kinds=("actual", "target"))),
    Call("regions", "metrics_with_data(F, actual)", lambda s: metrics_with_data(s.F, kinds=("actual",))),
    Call("regions", "region_names(path)", lambda s: region_names([s.province, s.city])),
    Call("overview", "hidden_synthetic(F without synthetic)", lambda s: hidden_synthetic(replace(s.F, synthetic=False))),
    Call("quality", "metric_catalog()", lambda s: metric_catalog()),
]

"""总览's queries: counts, the latest year's headline metrics against the year before, coverage, newest reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from dashboard import db
from dashboard.filter_model import Filters
from dashboard.queries.core import LEVEL_TOTAL_SQL, QUALIFIER_AGG, SOURCE_LABELS, figure_where, per_doc, region_values
from dashboard.queries.rollup import main_level
from dashboard.queries.samples import Call
from dashboard.queries.search import titled
from dashboard.region_codes import CODE_LEVEL_SQL, LEVEL_ORDER


def overview_counts(f: Filters) -> dict[str, Any]:
    """Cards: documents, regions, first/last year and number of years, figures."""
    where, params = f.where("d")
    docs = db.query(f"""
        SELECT count(*) AS reports, count(DISTINCT d.region_code) AS regions,
               min(d.year) AS first_year, max(d.year) AS last_year, count(DISTINCT d.year) AS years
        FROM documents_current d WHERE {where}""", params).iloc[0].to_dict()
    fwhere, fparams = figure_where(f, "f", metrics=())
    figs = db.query(f"SELECT count(*) AS figures FROM figures_current f WHERE {fwhere}", fparams)
    docs["figures"] = int(figs.iloc[0]["figures"])
    return {k: (None if pd.isna(v) else int(v)) for k, v in docs.items()}


HEADLINE_METRICS = ("reconsideration.received", "litigation.cases", "litigation.head_appearance_rate",
                    "mediation.disputes", "legal_aid.cases", "disclosure.proactive_items",
                    "normative_docs.reviewed", "enforcement.cases")


def yearly_totals(f: Filters, metrics: Sequence[str] | None = None, kind: str = "actual") -> pd.DataFrame:
    """Per metric, year and region level: the regions' own values added up (counts) or averaged (rates).

    Each region counts once, with its own report's value (rule 2); regions of different levels are never
    added together (a county is inside its city). Columns: metric, year, level, label, unit, value,
    qualifier, docs, regions.
    """
    cte, params = region_values(f, metrics, (kind,), sums=False)
    return db.query(f"""
        WITH {cte}
        SELECT metric, year, level, any_value(label) AS label, any_value(unit) AS unit,
               {LEVEL_TOTAL_SQL} AS value,
               {QUALIFIER_AGG} AS qualifier, sum(docs) AS docs, count(*) AS regions
        FROM rv WHERE year IS NOT NULL AND source <> '{SOURCE_LABELS[1]}' AND NOT starts_with(source, '下级')
        GROUP BY metric, year, level ORDER BY metric, year, level""", params)


def _latest_own_year(f: Filters, kind: str = "actual") -> int | None:
    """The latest year in which some region has an actual figure in a report of its own government (the
    year ``yearly_totals`` adds up last), found without choosing each region's value."""
    cte, params = per_doc(f, f.metrics or None, (kind,))
    lvl = CODE_LEVEL_SQL.format(col="p.region_code")
    df = db.query(f"WITH {cte} SELECT max(p.year) AS y FROM per_doc p "
                  f"WHERE length(p.region_code) = 6 AND p.level = {lvl}", params)
    y = df.iloc[0]["y"] if not df.empty else None
    return None if y is None or pd.isna(y) else int(y)


def headline(f: Filters, n: int = 6) -> tuple[int | None, pd.DataFrame]:
    """(latest year with actual figures, its headline metrics with the year before).

    Each metric's number adds up the regions of ONE level (the level with most regions reporting it that
    year), each region once with its own report's value; ``level`` and ``regions`` say which.
    Columns: metric, label, unit, level, regions, value, qualifier, docs, prev_value, prev_qualifier, delta.
    The metrics are the sidebar's if chosen, else ``HEADLINE_METRICS`` that have data that year, topped up
    with the metrics reported by most regions.
    """
    cols = ["metric", "label", "unit", "level", "regions", "value", "qualifier", "docs", "prev_value",
            "prev_qualifier", "delta"]
    last = _latest_own_year(f)
    if last is None:
        return None, pd.DataFrame(columns=cols)
    # only the latest year and the one before are shown: choosing each region's value in every year cost
    # ~0.6 s at 100k reports, in two years a tenth of it
    two_years = replace(f, year_from=max(last - 1, f.year_from or last - 1), year_to=last)
    totals = yearly_totals(two_years, f.metrics or None)
    if totals.empty:
        return None, pd.DataFrame(columns=cols)
    latest = int(totals["year"].max())
    cur = totals[totals["year"] == latest]
    chosen = {m: main_level(dict(zip(g["level"], g["regions"], strict=True)))
              for m, g in cur.groupby("metric", sort=False)}
    ranked = cur.assign(_lv=cur["level"].map(LEVEL_ORDER)).sort_values(["regions", "_lv"], ascending=[False, True])
    cur = ranked[ranked["level"] == ranked["metric"].map(chosen)].drop(columns="_lv").set_index("metric")
    prev = totals[totals["year"] == latest - 1].set_index(["metric", "level"])
    if f.metrics:
        order = [m for m in f.metrics if m in cur.index]
    else:
        preferred = [m for m in HEADLINE_METRICS if m in cur.index]
        rest = cur.drop(index=preferred).sort_values(["regions", "value"], ascending=False).index.tolist()
        order = (preferred + rest)[:n]
    out = cur.loc[order].reset_index()[["metric", "label", "unit", "level", "regions", "value", "qualifier", "docs"]]
    keys = list(zip(out["metric"], out["level"], strict=True))
    out["prev_value"] = [prev["value"].get(k) for k in keys]
    out["prev_qualifier"] = [prev["qualifier"].get(k) for k in keys]
    out["delta"] = out["value"] - out["prev_value"].astype(float)
    return latest, out[cols]


COVERAGE_GRAINS = {"province": "省", "city": "市", "region": "文档所属地区"}


def coverage(f: Filters, grain: str = "province") -> pd.DataFrame:
    """Documents per region x year: region, year (text; 不详 when unknown), reports (未识别地区 when no region),
    code (the region's division code at the grain, for a click on the cell to filter by; NULL when unknown)."""
    key = {"province": "d.province",
           "city": "concat_ws('/', d.province, CASE WHEN d.city <> d.province THEN d.city END)",
           "region": "d.region_name"}[grain]
    code = {"province": "substr(d.region_code, 1, 2) || '0000'",
            "city": "CASE WHEN d.region_code LIKE '%0000' THEN d.region_code ELSE substr(d.region_code, 1, 4) || '00' END",
            "region": "d.region_code"}[grain]
    where, params = f.where("d")
    return db.query(f"""
        SELECT coalesce(nullif({key}, ''), '未识别地区') AS region,
               coalesce(CAST(d.year AS VARCHAR), '不详') AS year, count(*) AS reports,
               max(CASE WHEN nullif({key}, '') IS NOT NULL THEN {code} END) AS code
        FROM documents_current d WHERE {where}
        GROUP BY 1, 2 ORDER BY region, year""", params)


def recent_documents(f: Filters, limit: int = 10) -> pd.DataFrame:
    """The most recently added documents: doc_id, title, region_name, level, year, doc_type, added_at, path."""
    where, params = f.where("d")
    df = db.query(f"""
        WITH r AS (
            SELECT d.doc_id, coalesce(d.title, d.path) AS title, d.region_name, d.level, d.year, d.doc_type,
                   d.added_at, d.path, d.part
            FROM documents_current d WHERE {where}
            ORDER BY d.added_at DESC, d.path DESC, d.part LIMIT ?)
        SELECT r.doc_id, r.title, r.region_name, r.level, r.year, r.doc_type, r.added_at, r.path
        FROM r ORDER BY r.added_at DESC, r.path DESC, r.part""", [*params, limit])
    return titled(df)  # a title that is only a file name is derived from the text's head (texts)


CALLS = [
    Call("overview", "overview_counts(F)", lambda s: overview_counts(s.F)),
    Call("overview", "headline(F)", lambda s: headline(s.F)),
    Call("overview", "coverage(F, 'province')", lambda s: coverage(s.F, "province")),
    Call("overview", "coverage(F, 'city')", lambda s: coverage(s.F, "city")),
    Call("overview", "recent_documents(F, 10)", lambda s: recent_documents(s.F, limit=10)),
    Call("overview", "overview_counts(F province)", lambda s: overview_counts(s.Fp)),
    Call("overview", "headline(F province)", lambda s: headline(s.Fp)),
    Call("overview", "yearly_totals(F, 3 metrics)", lambda s: yearly_totals(s.F, s.metrics)),
]

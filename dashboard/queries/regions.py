"""地区对比's queries: years with data, the ranking of a region's children, and the documents behind it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import db
from dashboard.filter_model import Filters
from dashboard.queries.core import evidence, figure_where, per_doc, region_values
from dashboard.queries.samples import Call
from dashboard.region_codes import child_prefix_len


def metric_years(f: Filters, metric: str, kind: str = "actual") -> list[int]:
    """Years (newest first) in which ``metric`` has figures under ``f``."""
    where, params = figure_where(f, "f", [metric], [kind])
    df = db.query(f"SELECT DISTINCT f.year FROM figures_current f WHERE {where} AND f.year IS NOT NULL "
                  "ORDER BY f.year DESC", params)
    return [int(y) for y in df["year"]]


def ranked_years(f: Filters, metric: str, kind: str = "actual", parent: str | None = None) -> list[int]:
    """Years (newest first) in which at least one child region of ``parent`` (None: provinces) has its own value
    for ``metric`` — the years whose ranking is not empty (a year may have only a county's report, which ranks
    no province)."""
    if child_prefix_len(parent) is None:
        return []
    cte, params = region_values(f, [metric], [kind], within=parent)
    child = "v.code LIKE '%0000'" if parent is None else "r.parent = ?"
    df = db.query(f"""
        WITH {cte}
        SELECT DISTINCT v.year FROM rv v LEFT JOIN regions r ON r.code = v.code
        WHERE v.year IS NOT NULL AND {child} ORDER BY v.year DESC""", [*params, *([] if parent is None else [parent])])
    return [int(y) for y in df["year"]]


@dataclass(frozen=True)
class Ranking:
    rows: pd.DataFrame  # code, name, value, qualifier, docs, figures, label, unit, level
    own_docs: int  # documents of the parent region itself (not below it), left out of the ranking


def region_ranking(f: Filters, metric: str, year: int, kind: str = "actual", parent: str | None = None) -> Ranking:
    """The child regions of ``parent`` (None: provinces), each with its own value in ``year`` (rules 2-3), ranked.

    A region's value is its own report's (or its sub-regions' sum when all reported), never its own report
    plus its sub-regions'. ``own_docs`` counts the reports of ``parent`` itself, which are not in the ranking.
    Columns of ``rows``: code, name, value, qualifier, docs, figures, label, unit, level, source, needs_review.
    """
    if child_prefix_len(parent) is None:
        return Ranking(pd.DataFrame(columns=["code", "name", "value", "qualifier", "docs", "figures", "label",
                                             "unit", "level", "source"]), 0)
    cte, params = region_values(f, [metric], [kind], within=parent)
    child = "v.code LIKE '%0000'" if parent is None else "r.parent = ?"
    df = db.query(f"""
        WITH {cte}
        SELECT v.code, coalesce(r.name, '代码 ' || v.code) AS name, v.value, v.qualifier, v.docs, v.figures,
               v.label, v.unit, v.level, v.source, v.needs_review
        FROM rv v LEFT JOIN regions r ON r.code = v.code
        WHERE v.year = ? AND {child}
        ORDER BY v.value DESC, v.code""", [*params, year, *([] if parent is None else [parent])])
    own = 0
    if parent is not None:
        own_df = db.query(f"WITH {cte} SELECT count(*) AS n FROM per_doc WHERE year = ? AND region_code = ?",
                          [*params, year, parent])
        own = int(own_df.iloc[0]["n"])
    return Ranking(df, own)


def region_figures(f: Filters, metric: str, year: int, kind: str = "actual", parent: str | None = None) -> pd.DataFrame:
    """The per-document values behind a ranking: doc_id, title, region_name, level, value, unit, qualifier, figures,
    evidence (the document's sentences of the metric, in text order)."""
    cte, params = per_doc(f, [metric], [kind], within=parent)
    fwhere, fparams = figure_where(f, "f", [metric], [kind], parent)
    return db.query(f"""
        WITH {cte},
        shown AS (SELECT * FROM per_doc p WHERE p.year = ? AND p.region_code IS NOT NULL),
        {evidence("shown", fwhere + " AND f.year = ?")}
        SELECT p.doc_id, coalesce(d.title, d.path) AS title, d.region_name, d.level, p.value, p.unit, p.qualifier,
               p.figures, e.sentence AS evidence
        FROM shown p JOIN documents_current d ON d.doc_id = p.doc_id
        LEFT JOIN ev e ON e.doc_id = p.doc_id AND e.metric = p.metric AND e.kind = p.kind
        ORDER BY p.value DESC, d.region_code, p.doc_id""", [*params, year, *fparams, year])


CALLS = [
    Call("regions", "metric_years(F, metric)", lambda s: metric_years(s.F, s.metric, "actual")),
    Call("regions", "ranked_years(F, metric, national)", lambda s: ranked_years(s.F, s.metric, "actual", None)),
    Call("regions", "region_ranking(F, national)", lambda s: region_ranking(s.F, s.metric, s.year, "actual", parent=None)),
    Call("regions", "region_ranking(F, province)",
         lambda s: region_ranking(s.F, s.metric, s.year, "actual", parent=s.province)),
    Call("regions", "region_figures(F, province)",
         lambda s: region_figures(s.F, s.metric, s.year, "actual", parent=s.province)),
    Call("regions", "region_figures(F, national)", lambda s: region_figures(s.F, s.metric, s.year, "actual", parent=None)),
]

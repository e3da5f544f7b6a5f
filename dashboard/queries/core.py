"""The SQL every page builds on: summary tables, the filters over figures, and rules 1-3 as CTEs.

``per_doc`` is rule 1 (a document's one value per metric, stored at build time); ``region_values`` rules 2-3
(a region's own report, else its department's, else its sub-regions' sum when all reported); ``evidence``
the sentences behind a chosen value. The rules themselves are described in dashboard/queries/__init__.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from dashboard import db
from dashboard.filter_model import Filters
from dashboard.region_codes import CODE_LEVEL_SQL, region_prefix
from etl.api import summaries

# Qualifier of a sum or mean of figures (rule 4). Reads the ``qualifier`` column of the rows being grouped.
QUALIFIER_AGG = summaries.QUALIFIER_AGG
# A level's total over its regions (rule 3): counts added, rates averaged; reads ``is_rate`` and ``value``.
LEVEL_TOTAL_SQL = "CASE WHEN any_value(is_rate) THEN avg(value) ELSE sum(value) END"
SOURCE_LABELS = {0: "本级报告", 1: "部门报告"}


def summary(name: str) -> str:
    """A summary table of etl/after/summaries.py, or the same rows as a subquery when the database lacks it."""
    return summaries.source(name, db.tables())


def in_order(df: pd.DataFrame, by: list[str], ascending: list[bool], drop: Sequence[str] = ()) -> pd.DataFrame:
    """``df`` sorted as ``ORDER BY`` would, ``drop`` columns left out, index 0..n-1. The keys must be numbers or
    times without NULLs that together are unique (one order, whatever the sort).

    For results of ~100k rows with many text columns: DuckDB's sort copies every column into its sort blocks
    (~45 ms at 100k reports), here only row positions are sorted.
    """
    keys = [df[c].to_numpy().view("int64") if df[c].dtype.kind == "M" else df[c].to_numpy(dtype="int64")
            for c in by]
    order = np.lexsort([k if asc else -k for k, asc in zip(keys[::-1], ascending[::-1], strict=True)])
    return df.drop(columns=list(drop)).take(order).reset_index(drop=True)

def figure_where(f: Filters, alias: str = "f", metrics: Sequence[str] | None = None,
                 kinds: Sequence[str] | None = None, within: str | Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """``f.where`` (the document filters) over ``figures_current`` plus metric, kind and a region to stay in (drill-down).

    ``metrics=None`` uses ``f.metrics``; ``within`` is a region code ANDed with the sidebar's regions, or
    several codes (documents inside any of them).
    """
    sql, params = f.where(alias)
    codes = [within] if isinstance(within, str) else list(within or ())
    if codes:
        sql += " AND (" + " OR ".join([f"starts_with({alias}.region_code, ?)"] * len(codes)) + ")"
        params.extend(region_prefix(c) for c in codes)
    metrics = f.metrics if metrics is None else metrics
    if metrics:
        sql += f" AND list_contains(?, {alias}.metric)"
        params.append(list(metrics))
    if kinds:
        sql += f" AND list_contains(?, {alias}.kind)"
        params.append(list(kinds))
    return sql, params


def per_doc(f: Filters, metrics: Sequence[str] | None = None, kinds: Sequence[str] | None = None,
            within: str | Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """CTE ``per_doc``: one row per (document, metric, kind), the document's value (rule 1).

    Read from ``doc_metric_summary``, where rule 1 was applied at build time (grouping ~1M figures per view
    cost up to 1.5 s at 100k reports). Columns: doc_id, region_code, year, metric, kind, label, unit, is_rate,
    value, qualifier, figures (figures stating the metric), corrected, level, from_table, needs_review,
    pick (rule 2's rank, see ``region_values``).
    """
    where, params = figure_where(f, "p", metrics, kinds, within)
    sql = f"""per_doc AS (
        SELECT p.doc_id, p.region_code, p.year, p.metric, p.kind, m.label_zh AS label, m.unit, m.unit = '%' AS is_rate,
               p.value, p.qualifier, p.figures, p.corrected, p.level, coalesce(p.from_table, FALSE) AS from_table,
               coalesce(p.needs_review, FALSE) AS needs_review, p.pick
        FROM {summary("doc_metric_summary")} p JOIN metrics m ON m.metric = p.metric
        WHERE {where})"""
    return sql, params




def region_values(f: Filters, metrics: Sequence[str] | None = None, kinds: Sequence[str] | None = None,
                  within: str | Sequence[str] | None = None, confirmed_only: bool = False,
                  sums: bool = True) -> tuple[str, list[Any]]:
    """CTEs ``per_doc`` and ``rv``: one value per (region code, metric, kind, year) by rules 2-3.

    ``rv`` columns: code, metric, kind, year, label, unit, is_rate, value, qualifier, doc_id (the report the
    value is from; NULL for a 下级合计), source (本级报告 / 部门报告 / 下级合计 k/n), docs (reports of the region
    stating the metric), figures, corrected, level (the region's level), needs_review (the value is a 待核
    figure: of a family that is often wrong, not yet confirmed by an analyst). ``confirmed_only`` leaves
    such values out (the weekly brief). ``sums=False`` leaves out the 下级合计 rows (callers that add up one
    level of regions never use them, and finding them is most of the query's time at national scale).
    """
    cte, params = per_doc(f, metrics, kinds, within)
    lvl = CODE_LEVEL_SQL.format(col="p.region_code")
    # rule 2's order ({'s': src, 't': NOT from_table, 'v': CASE WHEN is_rate THEN 0 ELSE -value END, 'd': doc_id})
    # as ranked at build time over all of a (region, metric, kind, year)'s reports: what the filters leave
    # keeps that order, and an integer is compared ~4x faster than the struct
    key = "pick"
    stored = _stored_scope(f, confirmed_only)
    if stored is not None:
        chosen, more = _stored_choice(f, metrics, kinds, within, stored)
        cte, params = f"{cte},\n        {chosen}", [*params, *more]
    else:
        cte += f""",
        own_cand AS (
            SELECT p.*, CASE WHEN p.level = {lvl} THEN 0 WHEN p.level = 'department' THEN 1 END AS src
            FROM per_doc p WHERE length(p.region_code) = 6{" AND NOT p.needs_review" if confirmed_only else ""}),
        own_chosen AS (
            SELECT region_code AS code, metric, kind, year, arg_min(value, {key}) AS value,
                   arg_min(qualifier, {key}) AS qualifier, arg_min(doc_id, {key}) AS doc_id, min(src) AS src,
                   arg_min(needs_review, {key}) AS needs_review,
                   count(*) AS docs, sum(figures) AS figures, bool_or(corrected) AS corrected
            FROM own_cand WHERE src IS NOT NULL
            GROUP BY region_code, metric, kind, year)"""
    own = f"""{cte},
        own AS (  -- a metric's label and unit added after grouping: carried through it they cost ~1/4 of it
            SELECT o.*, m.label_zh AS label, m.unit, m.unit = '%' AS is_rate
            FROM own_chosen o JOIN metrics m ON m.metric = o.metric)"""
    own_rows = f"""SELECT code, metric, kind, year, label, unit, is_rate, value, qualifier, doc_id,
                   CASE src WHEN 0 THEN '{SOURCE_LABELS[0]}' ELSE '{SOURCE_LABELS[1]}' END AS source,
                   docs, figures, corrected, {CODE_LEVEL_SQL.format(col="code")} AS level, needs_review
            FROM own"""
    if not sums:
        return f"{own},\n        rv AS ({own_rows})", params
    sql = f"""{own},
        kids AS (
            SELECT r.parent AS code, o.metric, o.kind, o.year, any_value(o.label) AS label, any_value(o.unit) AS unit,
                   FALSE AS is_rate, sum(o.value) AS value, {QUALIFIER_AGG.replace("qualifier", "o.qualifier")} AS qualifier,
                   count(*) AS reported, sum(o.docs) AS docs, sum(o.figures) AS figures,
                   bool_or(o.corrected) AS corrected, bool_or(o.needs_review) AS needs_review
            FROM own o JOIN regions r ON r.code = o.code
            WHERE NOT o.is_rate AND r.parent IS NOT NULL
            GROUP BY r.parent, o.metric, o.kind, o.year),
        nkids AS (SELECT parent AS code, count(*) AS n FROM regions WHERE parent IS NOT NULL GROUP BY parent),
        rv AS (
            {own_rows}
            UNION ALL
            SELECT k.code, k.metric, k.kind, k.year, k.label, k.unit, k.is_rate, k.value, k.qualifier, NULL,
                   '下级合计 ' || k.reported || '/' || n.n, k.docs, k.figures, k.corrected,
                   {CODE_LEVEL_SQL.format(col="k.code")}, k.needs_review
            FROM kids k JOIN nkids n USING (code)
            WHERE k.reported = n.n AND NOT EXISTS (
                SELECT 1 FROM own o WHERE o.code = k.code AND o.metric = k.metric AND o.kind = k.kind
                                      AND o.year IS NOT DISTINCT FROM k.year))"""
    return sql, params



def _stored_scope(f: Filters, confirmed_only: bool) -> bool | None:
    """Which stored choices (``region_value_summary``) ``f`` may read: False all reports', True the brief's, None
    neither. They hold when the filters keep or drop whole (region, metric, kind, year) groups (synthetic
    reports, regions, years, metrics, kinds), or leave exactly the brief's reports in (governments' annual
    reports, 待核 out); choosing again over ~150k reports per view is what they save."""
    if "region_value_summary" not in db.tables():
        return None
    if not (f.levels or f.doc_types or confirmed_only):
        return False
    brief = (set(f.levels) == set(summaries.BRIEF_LEVELS) and set(f.doc_types) == set(summaries.BRIEF_DOC_TYPES)
             and confirmed_only)
    return True if brief else None


def _stored_choice(f: Filters, metrics: Sequence[str] | None, kinds: Sequence[str] | None,
                   within: str | Sequence[str] | None, brief: bool) -> tuple[str, list[Any]]:
    """CTE ``own_chosen`` read from ``region_value_summary`` (see ``_stored_scope``): the same rows as chosen
    per view."""
    sql, params = "o.with_synthetic = ? AND o.brief = ?", [f.synthetic, brief]
    if f.year_from is not None:
        sql += " AND o.year >= ?"
        params.append(f.year_from)
    if f.year_to is not None:
        sql += " AND o.year <= ?"
        params.append(f.year_to)
    for codes in (f.regions, [within] if isinstance(within, str) else list(within or ())):
        if codes:
            sql += " AND (" + " OR ".join(["starts_with(o.code, ?)"] * len(codes)) + ")"
            params.extend(region_prefix(c) for c in codes)
    metrics = f.metrics if metrics is None else metrics
    if metrics:
        sql += " AND list_contains(?, o.metric)"
        params.append(list(metrics))
    if kinds:
        sql += " AND list_contains(?, o.kind)"
        params.append(list(kinds))
    return f"""own_chosen AS (
            SELECT o.code, o.metric, o.kind, o.year, o.value, o.qualifier, o.doc_id, o.src, o.needs_review, o.docs,
                   o.figures, o.corrected
            FROM region_value_summary o WHERE {sql})""", params

def region_value_keys(f: Filters, metrics: Sequence[str] | None = None, kinds: Sequence[str] | None = None,
                      confirmed_only: bool = False) -> tuple[str, list[Any]]:
    """CTEs ending in ``rk``: the (code, metric, kind, year) that ``region_values`` has a row for, year known.

    For a caller that asks only which regions have a value when (the brief's opening year): the same rows
    as ``rv``'s keys, without choosing each value (over every year that was ~0.2 s at 100k reports).
    """
    stored = _stored_scope(f, confirmed_only)
    if stored is not None:  # a stored choice exists exactly where a region has a value
        chosen, params = _stored_choice(f, metrics, kinds, None, stored)
        own = f"""{chosen},
        own_keys AS (
            SELECT o.code, o.metric, o.kind, o.year, m.unit = '%' AS is_rate
            FROM own_chosen o JOIN metrics m ON m.metric = o.metric WHERE o.year IS NOT NULL)"""
    else:
        cte, params = per_doc(f, metrics, kinds)
        lvl = CODE_LEVEL_SQL.format(col="p.region_code")
        own = f"""{cte},
        own_keys AS (
            SELECT DISTINCT p.region_code AS code, p.metric, p.kind, p.year, p.is_rate FROM per_doc p
            WHERE length(p.region_code) = 6 AND p.year IS NOT NULL AND (p.level = {lvl} OR p.level = 'department')
                  {"AND NOT p.needs_review" if confirmed_only else ""})"""
    sql = f"""{own},
        kid_keys AS (
            SELECT r.parent AS code, o.metric, o.kind, o.year, count(*) AS reported
            FROM own_keys o JOIN regions r ON r.code = o.code
            WHERE NOT o.is_rate AND r.parent IS NOT NULL
            GROUP BY r.parent, o.metric, o.kind, o.year),
        nkids AS (SELECT parent AS code, count(*) AS n FROM regions WHERE parent IS NOT NULL GROUP BY parent),
        all_kids AS MATERIALIZED (  -- the few where every sub-region reported, before looking for the own row
            SELECT k.code, k.metric, k.kind, k.year FROM kid_keys k JOIN nkids n USING (code) WHERE k.reported = n.n),
        rk AS (
            SELECT code, metric, kind, year FROM own_keys
            UNION ALL
            SELECT k.code, k.metric, k.kind, k.year FROM all_kids k
            WHERE NOT EXISTS (
                SELECT 1 FROM own_keys o WHERE o.code = k.code AND o.metric = k.metric AND o.kind = k.kind
                                           AND o.year = k.year))"""
    return sql, params


def evidence(picked: str, where: str, metrics: int = 0) -> str:
    """CTE ``ev``: for the rows of CTE ``picked`` (doc_id, metric, kind, ...), the document's sentences of that
    metric and kind in text order joined by `` … `` (``sentence``) and its title or path (``source``).

    ``where`` is the ``figure_where`` (alias ``f``) the rows were chosen with: every figure of a chosen
    (document, metric, kind) passes it, and it lets the scan skip the rest of ``figures_current`` (sorted by
    metric and year). Only the documents shown are read: the sentences of every figure in scope were most
    of a view's time. When ``where`` also names the documents (``list_contains(?, f.doc_id)``), the figures
    are filtered first (``MATERIALIZED``), so the scan reads the sentences of those documents only; joined
    to ``picked`` directly it read every sentence in ``where`` (~0.1 s at 100k reports). The title comes from
    ``documents_current`` (``figures_current`` repeats it on every figure).

    ``metrics=n`` (n > 0) reads the figures as ``metric_scans(where, n)``: the caller passes each metric the
    rows of ``picked`` have, then the parameters of ``where``, n times over.
    """
    scan = metric_scans(where, metrics) if metrics else f"SELECT {_SENTENCE_COLS} FROM figures_current f WHERE {where}"
    return f"""sentences AS MATERIALIZED (
        {scan}),
    ev AS (
        SELECT k.doc_id, k.metric, k.kind, string_agg(f.sentence, ' … ' ORDER BY f.start) AS sentence,
               any_value(coalesce(d.title, d.path)) AS source
        FROM (SELECT DISTINCT doc_id, metric, kind FROM {picked}) k
        JOIN sentences f ON f.doc_id = k.doc_id AND f.metric = k.metric AND f.kind = k.kind
        JOIN documents_current d ON d.doc_id = k.doc_id
        GROUP BY k.doc_id, k.metric, k.kind)"""


_SENTENCE_COLS = "f.doc_id, f.metric, f.kind, f.sentence, f.start"


def metric_scans(where: str, n: int) -> str:
    """The evidence rows of ``figures_current`` under ``where``, one scan per metric (``f.metric = ?``, n of them,
    UNION ALL). Why: DuckDB keeps a list of metrics (``list_contains``/``IN``) only to skip row groups and
    reads every column of the row groups left (~590k rows with their sentences for three common metrics at
    100k reports); an equality is applied in the scan, and the table is sorted by metric, so each scan reads
    its metric's rows only (~180k)."""
    return "\n        UNION ALL ".join([f"SELECT {_SENTENCE_COLS} FROM figures_current f WHERE f.metric = ? AND {where}"] * n)

"""周报's queries: the week's new reports, each region against itself a year before, the largest moves, missed
targets. The brief compares a region with itself: one row per document region_code (its own reports, not the
roll-up of the regions below it), from annual reports of governments (province/city/county/town; a
department's report is not its region's figure). Values per region and year follow rules 1-3.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard import db
from dashboard.filter_model import Filters
from dashboard.queries.core import figure_where, region_value_keys, region_values, summary
from dashboard.queries.rollup import level_total, main_level
from dashboard.queries.samples import Call
from dashboard.region_codes import PREFIX_SQL

PLAN_TYPES = ("work_points", "work_plan", "implementation_plan")
GOVERNMENT_LEVELS = ("province", "city", "county", "town")
BRIEF_METRICS = ("reconsideration.received", "litigation.cases", "litigation.head_appearance_rate",
                 "mediation.disputes", "legal_aid.cases", "disclosure.requests_received")
def week_bounds(day: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Monday 00:00 of ``day``'s week and the Monday after: ``2026-11-25`` -> (2026-11-23, 2026-11-30)."""
    d = pd.Timestamp(day).normalize()
    start = d - pd.Timedelta(days=d.weekday())
    return start, start + pd.Timedelta(days=7)


def brief_scope(f: Filters) -> Filters:
    """The brief keeps the sidebar's regions and synthetic choice; it picks its own year, types and levels."""
    return Filters(regions=f.regions, synthetic=f.synthetic)


def _added_in(f: Filters, start: Any, end: Any) -> tuple[str, list[Any]]:
    """FROM/WHERE of the documents first seen in [start, end) under the brief's scope, and its parameters."""
    where, params = brief_scope(f).where("d")
    return (f"""FROM documents_current d JOIN {summary("doc_summary")} n ON n.doc_id = d.doc_id
        WHERE {where} AND d.added_at >= ? AND d.added_at < ?""", [*params, pd.Timestamp(start), pd.Timestamp(end)])


def brief_added(f: Filters, start: Any, end: Any, limit: int | None = None) -> pd.DataFrame:
    """Documents first seen in [start, end), newest first (the first ``limit`` when given: a page shows a thousand of a
    big import, its export reads them all): doc_id, title, region_name, level, year, doc_type, added_at, path,
    figures, corrected."""
    source, params = _added_in(f, start, end)
    sql = f"""
        SELECT d.doc_id, coalesce(d.title, d.path) AS title, d.region_name, d.level, d.year, d.doc_type,
               d.added_at, d.path, n.figures, d.corrected
        {source}
        ORDER BY d.added_at DESC, d.path, d.part"""
    return db.query(sql, params) if limit is None else db.query(f"{sql} LIMIT ?", [*params, limit])


def brief_added_days(f: Filters, start: Any, end: Any) -> pd.DataFrame:
    """How many of ``brief_added``'s documents came in per day and type: day (midnight), doc_type, n. The week's
    count and chart read these, not the list (100k rows at a big import)."""
    source, params = _added_in(f, start, end)
    return db.query(f"""
        SELECT date_trunc('day', d.added_at) AS day, d.doc_type, count(*) AS n
        {source}
        GROUP BY ALL ORDER BY day, d.doc_type""", params)


def _annual(f: Filters, year_from: int, year_to: int) -> Filters:
    return Filters(regions=f.regions, synthetic=f.synthetic, levels=GOVERNMENT_LEVELS, doc_types=("annual_report",),
                   year_from=year_from, year_to=year_to)


def brief_years(f: Filters) -> list[int]:
    """Years (newest first) with actual figures in governments' annual reports."""
    return [y for y, _ in _brief_year_rows(f)]


def brief_default_year(f: Filters) -> int | None:
    """The newest year that has any of ``BRIEF_METRICS`` (else the newest year with figures): the brief's default,
    so a leader never opens on a year whose headline section is empty."""
    rows = _brief_year_rows(f)
    return next((y for y, has in rows if has), rows[0][0] if rows else None)


def brief_opening_year(f: Filters) -> int | None:
    """The year the brief opens on: the newest year in which some region can be compared with itself.

    The newest year with figures is often nearly empty (a few reports of it are in, none from the year before),
    and a brief that opens there has no change to show. Preferred: the newest year where a region has a
    headline metric in that year and the year before (the cards' comparable change); then the newest where
    a region has any metric in both (the biggest moves); else ``brief_default_year``. Values as the brief
    reads them (own reports, 待核 left out).
    """
    # A year's comparison needs that year's reports and the year before's only: the newest three years
    # (one query over a fifth of the reports) settle it whenever one of them has a headline change
    newest = _newest_year(f)
    if newest is None:
        return brief_default_year(f)
    years = _comparable_years(f, newest - 3)
    if not any(h for _, h in years):
        years = _comparable_years(f, 1900)
    best = next((y for y, h in years if h), years[0][0] if years else None)
    return best if best is not None else brief_default_year(f)


def _newest_year(f: Filters) -> int | None:
    where, params = figure_where(_annual(brief_scope(f), 1900, 2100), "p", metrics=(), kinds=("actual",))
    df = db.query(f"SELECT max(p.year) AS y FROM {summary('doc_metric_summary')} p WHERE {where}", params)
    y = df.iloc[0]["y"] if not df.empty else None
    return None if y is None or pd.isna(y) else int(y)


def _comparable_years(f: Filters, year_from: int) -> list[tuple[int, bool]]:
    """(year, some region has a headline metric in it and the year before), newest first, for years after
    ``year_from`` (whose reports are read too: the year before the first)."""
    cte, params = region_value_keys(_annual(brief_scope(f), year_from, 2100), (), ("actual",), confirmed_only=True)
    df = db.query(f"""WITH {cte}
        SELECT c.year, bool_or(list_contains(?, c.metric)) AS headline
        FROM rk c JOIN rk p ON p.code = c.code AND p.metric = c.metric AND p.year = c.year - 1
        GROUP BY c.year ORDER BY c.year DESC""", [*params, list(BRIEF_METRICS)])
    return [(int(y), bool(h)) for y, h in zip(df["year"], df["headline"], strict=True)]


def _brief_year_rows(f: Filters) -> list[tuple[int, bool]]:
    where, params = figure_where(_annual(brief_scope(f), 1900, 2100), "p", metrics=(), kinds=("actual",))
    df = db.query(f"SELECT p.year, bool_or(list_contains(?, p.metric)) AS has "
                  f"FROM {summary('doc_metric_summary')} p "
                  f"WHERE {where} AND p.year IS NOT NULL GROUP BY p.year ORDER BY p.year DESC",
                  [list(BRIEF_METRICS), *params])
    return [(int(y), bool(h)) for y, h in zip(df["year"], df["has"], strict=True)]


def _region_year_cte(f: Filters, year: int, metrics: Sequence[str]) -> tuple[str, list[Any]]:
    """CTEs ``reg`` (code, metric, year, label, unit, value, qualifier, docs, figures, corrected, level, source) for
    ``year`` and the year before — one value per region (rules 2-3) — and ``names`` (code, region)."""
    scope = _annual(f, year - 1, year)
    # 待核 figures stay out of the leaders' brief until an analyst confirms them on the quality page
    cte, params = region_values(scope, metrics, ("actual",), confirmed_only=True)
    sql = f"""{cte},
        reg AS (SELECT code, metric, year, label, unit, value, qualifier, docs, figures, corrected, level, source
                FROM rv WHERE year IS NOT NULL),
        names AS (SELECT region_code AS code, min(region_name) AS region FROM documents_current
                  WHERE region_code IS NOT NULL GROUP BY region_code)"""
    return sql, params


def _with_previous(year: int) -> str:
    return """SELECT c.code, coalesce(n.region, c.code) AS region, c.level, c.source, c.metric, c.label, c.unit,
               c.value, c.qualifier, c.docs, p.value AS prev_value, p.qualifier AS prev_qualifier, c.value - p.value AS delta,
               CASE WHEN p.value > 0 THEN (c.value - p.value) / p.value * 100 END AS pct,
               c.corrected OR coalesce(p.corrected, FALSE) AS corrected
        FROM reg c LEFT JOIN reg p ON p.code = c.code AND p.metric = c.metric AND p.year = c.year - 1
        LEFT JOIN names n ON n.code = c.code
        WHERE c.year = ?"""


def brief_region_headline(f: Filters, year: int, metrics: Sequence[str] = BRIEF_METRICS) -> pd.DataFrame:
    """Headline metrics per region in ``year`` with the year before.

    Columns: code, region, metric, label, unit, value, qualifier, docs, prev_value, prev_qualifier, delta,
    pct (change in % of last year's value; None when last year is missing or 0), corrected.
    """
    cte, params = _region_year_cte(f, year, metrics)
    df = db.query(f"WITH {cte} {_with_previous(year)} ORDER BY c.metric, c.value DESC, c.code", [*params, year])
    order = {m: i for i, m in enumerate(metrics)}
    return df.sort_values(["metric", "value"], key=lambda s: s.map(order) if s.name == "metric" else -s,
                          kind="stable").reset_index(drop=True)


def brief_totals(region_rows: pd.DataFrame) -> pd.DataFrame:
    """Per metric over ``brief_region_headline`` rows of ONE level: regions reporting, and the like-for-like change.

    Regions of different levels are never added (a county is inside its city): per metric the level with
    most regions reporting is taken, and ``level`` says which. The change is taken over the regions that
    report both years only (``comparable``), so a region that published for the first time does not show
    as growth. Counts are summed, rates averaged.
    Columns: metric, label, unit, level, regions, value, comparable, cur_comparable, prev_comparable, delta, pct.
    """
    cols = ["metric", "label", "unit", "level", "regions", "value", "comparable", "cur_comparable", "prev_comparable",
            "delta", "pct"]
    rows = []
    for metric, g in region_rows.groupby("metric", sort=False):
        level = main_level(g["level"].value_counts().to_dict())
        g = g[g["level"] == level]
        rate = g["unit"].iloc[0] == "%"
        both = g[g["prev_value"].notna()]
        cur, prev = ((level_total(both["value"], rate), level_total(both["prev_value"], rate))
                     if len(both) else (None, None))
        delta = None if cur is None else cur - prev
        pct = None if cur is None or not prev else delta / prev * 100
        rows.append([metric, g["label"].iloc[0], g["unit"].iloc[0], level, len(g), level_total(g["value"], rate),
                     len(both), cur, prev, delta, pct])
    return pd.DataFrame(rows, columns=cols)


def brief_moves(f: Filters, year: int, limit: int = 10, min_base: float = 10.0) -> pd.DataFrame:
    """The largest changes from the year before, any metric and region, by size of the relative change.

    Size is ``|ln((value + 1) / (prev + 1))|``: halving counts as much as doubling, and a drop to 0 is
    finite. Counts need at least ``min_base`` in one of the two years (3 -> 9 is not news); rates need a
    previous value above 0. Columns as ``brief_region_headline``.
    """
    cte, params = _region_year_cte(f, year, ())
    return db.query(f"""WITH {cte}, moves AS ({_with_previous(year)})
        SELECT * FROM moves
        WHERE prev_value > 0 AND delta <> 0 AND (unit = '%' OR greatest(value, prev_value) >= ?)
        ORDER BY abs(ln((value + 1) / (prev_value + 1))) DESC, abs(delta) DESC, code, metric
        LIMIT ?""", [*params, year, min_base, limit])


def brief_targets(f: Filters, year: int) -> pd.DataFrame:
    """Regions whose reported value misses a target set for ``year`` in a plan covering them.

    A plan (工作要点/工作计划/实施方案) of region R for ``year`` with a target is compared with the actual
    value of R in that year and, for rates (不低于90%), of every region inside R too (a count target such as
    "全年办理法律援助案件15810件" is R's total, not each county's). ``at_most`` targets are missed when
    the value is higher, all others (at_least, exact "达到", approx) when it is lower. The sidebar's regions
    limit the regions compared, not the plans (a province's plan applies to a county in scope).
    Columns: plan_doc_id, plan_region, plan_title, metric, label, unit, target, target_qualifier, evidence,
    code, region, value, qualifier, docs, gap (value - target), corrected.
    """
    cte, params = _region_year_cte(f, year, ())
    plans = Filters(synthetic=f.synthetic, doc_types=PLAN_TYPES, year_from=year, year_to=year)
    where, tparams = figure_where(plans, "f", metrics=())
    prefix = PREFIX_SQL.format(col="f.region_code")
    # "r.code = plan OR (rate AND r.code inside plan)" as one equi-join (a non-equi join cost 1.2 s at 100k
    # reports): a rate's regional value is keyed by each code prefix it lies in, a target by the plan's prefix
    return db.query(f"""WITH {cte},
        targets AS (
            SELECT f.doc_id AS plan_doc_id, f.region_code AS plan_code, f.region_name AS plan_region,
                   f.title AS plan_title, f.metric, f.value AS target, f.qualifier AS target_qualifier, f.evidence,
                   f.corrected, CASE WHEN m.unit = '%' THEN {prefix} ELSE f.region_code END AS match_key
            FROM {summary("target_summary")} f JOIN metrics m ON m.metric = f.metric
            WHERE {where} AND f.region_code IS NOT NULL AND length(f.region_code) = 6),
        reg_keys AS (
            SELECT *, unnest(CASE WHEN unit = '%' THEN list_distinct([substr(code, 1, 2), substr(code, 1, 4), code])
                                  ELSE [code] END) AS match_key
            FROM reg WHERE year = ?)
        SELECT t.plan_doc_id, t.plan_region, t.plan_title, t.metric, r.label, r.unit, t.target, t.target_qualifier,
               t.evidence, r.code, coalesce(n.region, r.code) AS region, r.value, r.qualifier, r.docs,
               r.value - t.target AS gap, t.corrected OR r.corrected AS corrected
        FROM targets t
        JOIN reg_keys r ON r.metric = t.metric AND r.match_key = t.match_key
        LEFT JOIN names n ON n.code = r.code
        WHERE (t.target_qualifier = 'at_most' AND r.value > t.target)
           OR (t.target_qualifier <> 'at_most' AND r.value < t.target)
        ORDER BY t.plan_region, t.metric, abs(r.value - t.target) DESC, r.code, t.plan_doc_id, t.target""",
        [*params, *tparams, year])


CALLS = [
    Call("brief", "brief_years(F)", lambda s: brief_years(s.F)),
    Call("brief", "brief_opening_year(F)", lambda s: brief_opening_year(s.F)),
    Call("brief", "brief_default_year(F)", lambda s: brief_default_year(s.F)),
    Call("brief", "brief_added(F, this week, 1000)", lambda s: brief_added(s.F, *week_bounds(s.now), limit=1000)),
    Call("brief", "brief_added_days(F, this week)", lambda s: brief_added_days(s.F, *week_bounds(s.now))),
    Call("brief", "brief_region_headline(F, year)", lambda s: brief_region_headline(s.F, s.year)),
    Call("brief", "brief_totals(headline)", lambda s: brief_totals(brief_region_headline(s.F, s.year))),
    Call("brief", "brief_moves(F, year)", lambda s: brief_moves(s.F, s.year)),
    Call("brief", "brief_targets(F, year)", lambda s: brief_targets(s.F, s.year)),
]

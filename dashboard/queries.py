"""Every SQL statement the dashboard runs, with parameters only. Pages call these; they never write SQL.

Sources: the views ``figures_current`` and ``documents_current`` (corrections
applied), plus ``texts``, ``metrics`` and ``regions``, and the summary tables made
from them at build time (etl/after/summaries.py: ``doc_summary``, ``doc_metric_summary``,
``corrections_summary``, ``search_vocab``, ``search_docs``, ``search_postings``). On
a database built without them the same SQL runs inline (``_summary``): same
results, only slower.

Aggregation rule (how many figures become one number) — never a part added to its whole
-----------------------------------------------------------------------------------
1. A document's value of a metric is ONE of its figures (etl/extract/values.py: a table cell before prose, a
   stated total before a plain figure before a running total, for counts the larger, for rates the
   first). The document's other figures of the metric support it and are shown, never added.
2. A region's value in a year is its own report's (``_region_values``): the government report at the
   region's own level; where there is none, a department report of the region (司法局, a court).
   Several such reports: one is taken (table-sourced first, then the larger value), never added.
   A town's or a county's report is never part of its city's value, a department's never part of its
   government's.
3. Where a region has no report of its own, its value is the sum of its sub-regions' own values, and
   only when every sub-region reported (counts only), labelled 下级合计 k/k. ``source`` always says
   which: 本级报告 / 部门报告 / 下级合计.
   Sums across regions (a level's total on the overview and the brief) add the regions of one level
   only, each region once, and say how many regions they cover.
3a. Level, region, year, type and synthetic filters apply to documents.
   ``is_synthetic`` documents are left out unless ``Filters.synthetic``.
4. Qualifiers combine: all exact -> exact; exact with ≥ only -> ≥; exact with
   ≤ only -> ≤; anything else -> ≈. (A sum or mean of lower bounds is a lower
   bound.)
5. ``kind`` (actual / target) is never mixed: targets from plans are their own
   series.

Every function takes a ``Filters`` (dashboard.filters) and returns a
DataFrame with English column names; pages rename columns for display via
``dashboard.downloads``.

To add queries for another page, append a section at the end of this file
(``# --- <page> ---``) and build WHERE clauses with ``doc_where`` /
``figure_where`` so the sidebar filters mean the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pandas as pd

from dashboard import db
from dashboard.filters import FilterOptions, Filters
from etl.after import summaries

MUNICIPALITIES = ("110000", "120000", "310000", "500000")  # their counties hang directly below the province

# Qualifier of a sum or mean of figures (rule 4). Reads the ``qualifier`` column of the rows being grouped.
QUALIFIER_AGG = summaries.QUALIFIER_AGG


def _summary(name: str) -> str:
    """A summary table of etl/after/summaries.py, or the same rows as a subquery when the database lacks it."""
    return summaries.source(name, db.tables())

# --- filters -> SQL -------------------------------------------------------------------------------------------

def region_prefix(code: str) -> str:
    """The code prefix a region's documents share: ``440000`` -> ``44``, ``440200`` -> ``4402``, ``440205`` itself."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def region_level(code: str) -> str:
    """``province`` / ``city`` / ``county`` from the shape of a 6-digit code."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def child_prefix_len(parent: str | None) -> int | None:
    """Digits that identify a child region of ``parent`` (None = all of China); None if it has no children.

    ``None`` -> 2 (provinces), ``440000`` -> 4 (cities), ``110000`` -> 6 (Beijing's districts), ``440200`` -> 6.
    """
    if parent is None:
        return 2
    if parent in MUNICIPALITIES:
        return 6
    level = region_level(parent)
    return {"province": 4, "city": 6}.get(level)


def parent_region(code: str) -> str | None:
    """The region one level up: county -> city (or the province for municipalities), city -> province."""
    level = region_level(code)
    if level == "province":
        return None
    province = code[:2] + "0000"
    if level == "city" or province in MUNICIPALITIES:
        return province
    return code[:4] + "00"


def doc_where(f: Filters, alias: str = "d") -> tuple[str, list[Any]]:
    """WHERE clause (and its parameters) for the document filters, over a table aliased ``alias``.

    ``alias`` is always a constant chosen in this module, never user input.
    """
    clauses: list[str] = []
    params: list[Any] = []
    if not f.synthetic:
        clauses.append(f"NOT {alias}.is_synthetic")
    if f.levels:
        clauses.append(f"list_contains(?, {alias}.level)")
        params.append(list(f.levels))
    if f.doc_types:
        clauses.append(f"list_contains(?, {alias}.doc_type)")
        params.append(list(f.doc_types))
    if f.year_from is not None:
        clauses.append(f"{alias}.year >= ?")
        params.append(f.year_from)
    if f.year_to is not None:
        clauses.append(f"{alias}.year <= ?")
        params.append(f.year_to)
    if f.regions:
        clauses.append("(" + " OR ".join(f"starts_with({alias}.region_code, ?)" for _ in f.regions) + ")")
        params += [region_prefix(c) for c in f.regions]
    return " AND ".join(clauses) or "TRUE", params


def figure_where(f: Filters, alias: str = "f", metrics: Sequence[str] | None = None,
                 kinds: Sequence[str] | None = None, within: str | None = None) -> tuple[str, list[Any]]:
    """``doc_where`` over ``figures_current`` plus metric, kind and a region to stay in (drill-down).

    ``metrics=None`` uses ``f.metrics``; ``within`` is a region code ANDed with the sidebar's regions.
    """
    sql, params = doc_where(f, alias)
    if within:
        sql += f" AND starts_with({alias}.region_code, ?)"
        params.append(region_prefix(within))
    metrics = f.metrics if metrics is None else metrics
    if metrics:
        sql += f" AND list_contains(?, {alias}.metric)"
        params.append(list(metrics))
    if kinds:
        sql += f" AND list_contains(?, {alias}.kind)"
        params.append(list(kinds))
    return sql, params


def _per_doc(f: Filters, metrics: Sequence[str] | None = None, kinds: Sequence[str] | None = None,
             within: str | None = None) -> tuple[str, list[Any]]:
    """CTE ``per_doc``: one row per (document, metric, kind), the document's value (rule 1).

    Read from ``doc_metric_summary``, where rule 1 was applied at build time (grouping ~1M figures per view
    cost up to 1.5 s at 100k reports). Columns: doc_id, region_code, year, metric, kind, label, unit, is_rate,
    value, qualifier, figures (figures stating the metric), corrected, level, from_table.
    """
    where, params = figure_where(f, "p", metrics, kinds, within)
    sql = f"""per_doc AS (
        SELECT p.doc_id, p.region_code, p.year, p.metric, p.kind, m.label_zh AS label, m.unit, m.unit = '%' AS is_rate,
               p.value, p.qualifier, p.figures, p.corrected, p.level, coalesce(p.from_table, FALSE) AS from_table,
               coalesce(p.needs_review, FALSE) AS needs_review
        FROM {_summary("doc_metric_summary")} p JOIN metrics m ON m.metric = p.metric
        WHERE {where})"""
    return sql, params


# the level a region code's own government reports at (a document's ``level`` must match to be its own report)
_CODE_LEVEL_SQL = ("CASE WHEN {col} LIKE '%0000' THEN 'province' WHEN {col} LIKE '%00' THEN 'city' "
                   "ELSE 'county' END")
SOURCE_LABELS = {0: "本级报告", 1: "部门报告"}
LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}


def _region_values(f: Filters, metrics: Sequence[str] | None = None, kinds: Sequence[str] | None = None,
                   within: str | None = None, confirmed_only: bool = False,
                   sums: bool = True) -> tuple[str, list[Any]]:
    """CTEs ``per_doc`` and ``rv``: one value per (region code, metric, kind, year) by rules 2-3.

    ``rv`` columns: code, metric, kind, year, label, unit, is_rate, value, qualifier, doc_id (the report the
    value is from; NULL for a 下级合计), source (本级报告 / 部门报告 / 下级合计 k/n), docs (reports of the region
    stating the metric), figures, corrected, level (the region's level), needs_review (the value is a 待核
    figure: of a family that is often wrong, not yet confirmed by an analyst). ``confirmed_only`` leaves
    such values out (the weekly brief). ``sums=False`` leaves out the 下级合计 rows (callers that add up one
    level of regions never use them, and finding them is most of the query's time at national scale).
    """
    cte, params = _per_doc(f, metrics, kinds, within)
    lvl = _CODE_LEVEL_SQL.format(col="p.region_code")
    key = "{'s': src, 't': NOT from_table, 'v': CASE WHEN is_rate THEN 0 ELSE -value END, 'd': doc_id}"
    own = f"""{cte},
        own_cand AS (
            SELECT p.*, CASE WHEN p.level = {lvl} THEN 0 WHEN p.level = 'department' THEN 1 END AS src
            FROM per_doc p WHERE length(p.region_code) = 6{" AND NOT p.needs_review" if confirmed_only else ""}),
        own AS (
            SELECT region_code AS code, metric, kind, year, any_value(label) AS label, any_value(unit) AS unit,
                   any_value(is_rate) AS is_rate, arg_min(value, {key}) AS value,
                   arg_min(qualifier, {key}) AS qualifier, arg_min(doc_id, {key}) AS doc_id, min(src) AS src,
                   arg_min(needs_review, {key}) AS needs_review,
                   count(*) AS docs, sum(figures) AS figures, bool_or(corrected) AS corrected
            FROM own_cand WHERE src IS NOT NULL
            GROUP BY region_code, metric, kind, year)"""
    own_rows = f"""SELECT code, metric, kind, year, label, unit, is_rate, value, qualifier, doc_id,
                   CASE src WHEN 0 THEN '{SOURCE_LABELS[0]}' ELSE '{SOURCE_LABELS[1]}' END AS source,
                   docs, figures, corrected, {_CODE_LEVEL_SQL.format(col="code")} AS level, needs_review
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
                   {_CODE_LEVEL_SQL.format(col="k.code")}, k.needs_review
            FROM kids k JOIN nkids n USING (code)
            WHERE k.reported = n.n AND NOT EXISTS (
                SELECT 1 FROM own o WHERE o.code = k.code AND o.metric = k.metric AND o.kind = k.kind
                                      AND o.year IS NOT DISTINCT FROM k.year))"""
    return sql, params


def _combine() -> str:
    """Select list that combines ``per_doc`` rows of one group (rule 2)."""
    return f"""any_value(label) AS label, any_value(unit) AS unit,
        CASE WHEN any_value(is_rate) THEN avg(value) ELSE sum(value) END AS value,
        {QUALIFIER_AGG} AS qualifier, count(*) AS docs, sum(figures) AS figures"""


def _evidence(picked: str, where: str) -> str:
    """CTE ``ev``: for the rows of CTE ``picked`` (doc_id, metric, kind, ...), the document's sentences of that
    metric and kind in text order joined by `` … `` (``sentence``) and its title or path (``source``).

    ``where`` is the ``figure_where`` (alias ``f``) the rows were chosen with: every figure of a chosen
    (document, metric, kind) passes it, and it lets the scan skip the rest of ``figures_current`` (sorted by
    metric and year). Only the documents shown are read: the sentences of every figure in scope were most
    of a view's time.
    """
    return f"""ev AS (
        SELECT k.doc_id, k.metric, k.kind, string_agg(f.sentence, ' … ' ORDER BY f.start) AS sentence,
               any_value(coalesce(f.title, f.path)) AS source
        FROM (SELECT DISTINCT doc_id, metric, kind FROM {picked}) k
        JOIN figures_current f ON f.doc_id = k.doc_id AND f.metric = k.metric AND f.kind = k.kind
        WHERE {where}
        GROUP BY k.doc_id, k.metric, k.kind)"""


# --- options for the sidebar ----------------------------------------------------------------------------------

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
        FROM {_summary("doc_metric_summary")} p JOIN metrics m ON m.metric = p.metric
        WHERE {where}
        GROUP BY p.metric ORDER BY years DESC, docs DESC, p.metric LIMIT ?""", [actual_counted, *params, limit])


# --- overview -------------------------------------------------------------------------------------------------

def overview_counts(f: Filters) -> dict[str, Any]:
    """Cards: documents, regions, first/last year and number of years, figures."""
    where, params = doc_where(f, "d")
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
    cte, params = _region_values(f, metrics, (kind,), sums=False)
    return db.query(f"""
        WITH {cte}
        SELECT metric, year, level, any_value(label) AS label, any_value(unit) AS unit,
               CASE WHEN any_value(is_rate) THEN avg(value) ELSE sum(value) END AS value,
               {QUALIFIER_AGG} AS qualifier, sum(docs) AS docs, count(*) AS regions
        FROM rv WHERE year IS NOT NULL AND source <> '{SOURCE_LABELS[1]}' AND NOT starts_with(source, '下级')
        GROUP BY metric, year, level ORDER BY metric, year, level""", params)


def _latest_own_year(f: Filters, kind: str = "actual") -> int | None:
    """The latest year in which some region has an actual figure in a report of its own government (the
    year ``yearly_totals`` adds up last), found without choosing each region's value."""
    cte, params = _per_doc(f, f.metrics or None, (kind,))
    lvl = _CODE_LEVEL_SQL.format(col="p.region_code")
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
    cur = (cur.assign(_lv=cur["level"].map(LEVEL_ORDER)).sort_values(["regions", "_lv"], ascending=[False, True])
           .drop_duplicates("metric").drop(columns="_lv").set_index("metric"))
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
    where, params = doc_where(f, "d")
    return db.query(f"""
        SELECT coalesce(nullif({key}, ''), '未识别地区') AS region,
               coalesce(CAST(d.year AS VARCHAR), '不详') AS year, count(*) AS reports,
               max(CASE WHEN nullif({key}, '') IS NOT NULL THEN {code} END) AS code
        FROM documents_current d WHERE {where}
        GROUP BY 1, 2 ORDER BY region, year""", params)


def recent_documents(f: Filters, limit: int = 10) -> pd.DataFrame:
    """The most recently added documents: doc_id, title, region_name, level, year, doc_type, added_at, path."""
    where, params = doc_where(f, "d")
    df = db.query(f"""
        WITH r AS (
            SELECT d.doc_id, coalesce(d.title, d.path) AS title, d.region_name, d.level, d.year, d.doc_type,
                   d.added_at, d.path, d.part
            FROM documents_current d WHERE {where}
            ORDER BY d.added_at DESC, d.path DESC, d.part LIMIT ?)
        SELECT r.doc_id, r.title, r.region_name, r.level, r.year, r.doc_type, r.added_at, r.path,
               substr(x.text, 1, 800) AS head
        FROM r LEFT JOIN texts x ON x.doc_id = r.doc_id
        ORDER BY r.added_at DESC, r.path DESC, r.part""", [*params, limit])
    return _titled(df)  # a title that is only a file name is derived from the text's head


# --- trends ---------------------------------------------------------------------------------------------------

def trend(f: Filters, metrics: Sequence[str], regions: Sequence[tuple[str, str]] = ()) -> pd.DataFrame:
    """Per series, metric, kind and year: the value, where it comes from, and its evidence.

    ``regions`` are (code, label); each is one series with the region's own value per year (rules 2-3):
    ``source`` says 本级报告 / 部门报告 / 下级合计 k/n, and the chart breaks its line where the source changes.
    Without regions there is one series per region level (省级/市级/县级报告): the regions of that level
    added up, each once with its own government report's value — never a county added into its city.
    ``evidence`` is ``《source》sentence`` of the report(s) behind the value (up to three, largest first).
    Columns: series_code, series, metric, label, unit, kind, year, value, qualifier, docs, figures, source,
    needs_review (the value rests on a 待核 figure), evidence.
    """
    cte, params = _region_values(f, metrics, sums=bool(regions))  # level series add own reports only
    fwhere, fparams = figure_where(f, "f", metrics)
    if regions:
        codes = [c for c, _ in regions]
        labels = [lbl for _, lbl in regions]
        grouped = """series AS (SELECT unnest(?::VARCHAR[]) AS series_code, unnest(?::VARCHAR[]) AS series),
        grouped AS (
            SELECT s.series_code, s.series, v.metric, v.kind, v.year, v.label, v.unit, v.value, v.qualifier,
                   v.docs, v.figures, v.source, v.needs_review,
                   CASE WHEN v.doc_id IS NULL THEN []::VARCHAR[] ELSE [v.doc_id] END AS top
            FROM rv v JOIN series s ON v.code = s.series_code WHERE v.year IS NOT NULL)"""
        params = [*params, codes, labels]
    else:
        names = "CASE level WHEN 'province' THEN '省级报告合计' WHEN 'city' THEN '市级报告合计' ELSE '县级报告合计' END"
        grouped = f"""grouped AS (
            SELECT level AS series_code, {names} AS series, metric, kind, year, any_value(label) AS label,
                   any_value(unit) AS unit,
                   CASE WHEN any_value(is_rate) THEN avg(value) ELSE sum(value) END AS value,
                   {QUALIFIER_AGG} AS qualifier, sum(docs) AS docs, sum(figures) AS figures,
                   count(*) || ' 个地区' || CASE WHEN any_value(is_rate) THEN '平均' ELSE '合计' END AS source,
                   bool_or(needs_review) AS needs_review,
                   min_by(doc_id, (-value, doc_id), 3) AS top
            FROM rv WHERE year IS NOT NULL AND source = '{SOURCE_LABELS[0]}'
            GROUP BY level, metric, kind, year)"""
    keys = "series_code, metric, kind, year"
    return db.query(f"""
        WITH {cte}, {grouped},
        picked AS (SELECT {keys}, unnest(top) AS doc_id, generate_subscripts(top, 1) AS rank FROM grouped),
        {_evidence("picked", fwhere)},
        lines AS (SELECT {keys}, string_agg('《' || e.source || '》' || e.sentence, chr(10) ORDER BY k.rank) AS evidence
                  FROM picked k JOIN ev e USING (doc_id, metric, kind) GROUP BY {keys})
        SELECT g.* EXCLUDE (top), coalesce(l.evidence, '') AS evidence
        FROM grouped g LEFT JOIN lines l USING ({keys})
        ORDER BY g.series_code, g.metric, g.kind, g.year""", [*params, *fparams])


# --- regions --------------------------------------------------------------------------------------------------

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
    cte, params = _region_values(f, [metric], [kind], within=parent)
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
    cte, params = _region_values(f, [metric], [kind], within=parent)
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
    cte, params = _per_doc(f, [metric], [kind], within=parent)
    fwhere, fparams = figure_where(f, "f", [metric], [kind], parent)
    return db.query(f"""
        WITH {cte},
        shown AS (SELECT * FROM per_doc p WHERE p.year = ? AND p.region_code IS NOT NULL),
        {_evidence("shown", fwhere + " AND f.year = ?")}
        SELECT p.doc_id, coalesce(d.title, d.path) AS title, d.region_name, d.level, p.value, p.unit, p.qualifier,
               p.figures, e.sentence AS evidence
        FROM shown p JOIN documents_current d ON d.doc_id = p.doc_id
        LEFT JOIN ev e ON e.doc_id = p.doc_id AND e.metric = p.metric AND e.kind = p.kind
        ORDER BY p.value DESC, d.region_code, p.doc_id""", [*params, year, *fparams, year])


# --- reports --------------------------------------------------------------------------------------------------

def search_terms(query: str) -> tuple[list[str], str]:
    """(jieba tokens that must all occur, the whole query as one token) via ``etl.extract.tokens.query_tokens``.

    ``search_terms("行政复议纠错率")`` -> ``(["纠错率", "行政复议"], "行政复议纠错率")``; a query that is one
    token itself gives ``(["出庭应诉率"], "出庭应诉率")``; an empty query ``([], "")``.
    """
    from etl.extract.tokens import query_tokens

    whole = query.strip()
    if not whole:
        return [], ""
    tokens = query_tokens(whole)
    words = [t for t in tokens if t != whole] or tokens
    return words, whole


SEARCH_POOL = 1000  # reports read from ``texts`` to count the query's words (the best by the cheap score)
TF_CHARS = 20000  # words are counted in a report's first characters, as many as its search tokens cover


def search_documents(f: Filters, query: str = "", limit: int = 200) -> pd.DataFrame:
    """Documents under ``f`` in which every search word of ``query`` lies inside one of their tokens, or the
    whole query does, or the whole query occurs in the title, best first.

    Words come from ``etl.extract.tokens.query_tokens``; document tokens from ``doc_tokens`` (jieba, built by the
    ETL), read through ``search_postings`` (etl/after/summaries.py). A word matches the tokens that contain it
    because jieba keeps catalogue words whole: a report saying 收到行政复议申请 has that one token, not
    行政复议, and 广州市 should be found by 广州.

    Relevance (``dashboard.search_view.relevance``; DuckDB's ``fts`` extension is not installed offline and
    does not segment Chinese): a word in the (displayed) title weighs more than any number of mentions in
    the body, mentions count with BM25's saturation, a several-word query found as written gets a bonus;
    ties go to the newer report. Counting mentions reads texts, so only the ``SEARCH_POOL`` reports best by
    a cheap score (words in the stored title, phrase, words matched, year) are counted: at 100k reports a
    count over every match took seconds, which is why the search had stopped reading texts (2026-11).

    Titles that are only a file name are replaced by one derived from the text (``search_view.display_title``).
    Without a query every document in scope is listed, newest first. Columns: doc_id, title, path,
    region_name, level, year, doc_type, chars, figures, matched (query tokens found), context (plain text
    around the first word), score.
    """
    from dashboard import search_view

    words, whole = search_terms(query)
    where, params = doc_where(f, "d")
    docs = _summary("doc_summary")
    if not words and not whole:
        df = db.query(f"""
            WITH top AS (SELECT d.doc_id, d.title, d.path, d.part, d.region_code, d.region_name, d.level, d.year,
                                d.doc_type, d.chars
                         FROM documents_current d WHERE {where}
                         ORDER BY d.year DESC NULLS LAST, d.region_code NULLS LAST, d.path, d.part LIMIT ?)
            SELECT d.doc_id, d.title, d.path, d.region_name, d.level, d.year, d.doc_type,
                   d.chars, s.figures, 0 AS matched, '' AS context, 0.0 AS score, substr(x.text, 1, 800) AS head
            FROM top d JOIN {docs} s ON s.doc_id = d.doc_id LEFT JOIN texts x ON x.doc_id = d.doc_id
            ORDER BY d.year DESC NULLS LAST, d.region_code NULLS LAST, d.path, d.part""", [*params, limit])
        return _titled(df)
    all_words = list(dict.fromkeys([*words, whole]))
    lowered = [w.lower() for w in words]
    df = db.query(f"""
        WITH q AS (SELECT word, list_contains(?, word) AS core FROM (SELECT unnest(?::VARCHAR[]) AS word)),
        expanded AS (SELECT q.word, q.core, v.token_id
                     FROM q JOIN {_summary("search_vocab")} v ON contains(v.token, q.word)),
        hits AS (
            SELECT n.doc_id, count(*) FILTER (WHERE x.core) AS core, bool_or(x.word = ?) AS whole_hit,
                   count(*) AS matched
            FROM (SELECT DISTINCT p.doc_no, e.word, e.core
                  FROM {_summary("search_postings")} p JOIN expanded e ON e.token_id = p.token_id) x
            JOIN {_summary("search_docs")} n ON n.doc_no = x.doc_no
            GROUP BY n.doc_id),
        found AS (
            SELECT d.doc_id, d.year, d.path, d.part, coalesce(h.matched, 0) AS matched,
                   coalesce(h.whole_hit, FALSE) OR contains(coalesce(d.title, ''), ?) AS phrase,
                   len(list_filter(?::VARCHAR[], lambda w: contains(lower(coalesce(d.title, '')), w))) AS in_title
            FROM documents_current d LEFT JOIN hits h ON h.doc_id = d.doc_id
            WHERE {where} AND (coalesce(h.core, 0) = ? OR coalesce(h.whole_hit, FALSE)
                               OR contains(coalesce(d.title, ''), ?))
            ORDER BY in_title DESC, phrase DESC, matched DESC, d.year DESC NULLS LAST, d.path, d.part LIMIT ?),
        body AS (SELECT k.*, lower(substr(coalesce(x.text, ''), 1, ?)) AS low, coalesce(x.text, '') AS text
                 FROM found k LEFT JOIN texts x ON x.doc_id = k.doc_id)
        SELECT d.doc_id, d.title, d.path, d.region_name, d.level, d.year, d.doc_type, d.chars, s.figures,
               k.matched, k.phrase,
               list_transform(?::VARCHAR[], lambda w: (length(k.low) - length(replace(k.low, w, ''))) // length(w))
                   AS counts,
               substr(k.text, 1, 800) AS head,
               substr(k.text, greatest(coalesce(list_min(list_filter(list_transform(?::VARCHAR[],
                   lambda w: strpos(lower(k.text), w)), lambda p: p > 0)), 1) - 40, 1), 240) AS near
        FROM body k JOIN documents_current d ON d.doc_id = k.doc_id JOIN {docs} s ON s.doc_id = k.doc_id""",
        [list(words), all_words, whole, whole, lowered, *params, len(words), whole, SEARCH_POOL, TF_CHARS,
         lowered, lowered])
    df = _titled(df)
    # the phrase bonus is for a several-word query found as written; a one-word query's phrase is the word
    several = whole not in words
    df["score"] = [search_view.relevance(t, list(c), words, bool(p) and several)
                   for t, c, p in zip(df["title"], df["counts"], df["phrase"], strict=True)]
    df["context"] = pd.Series([search_view.snippet(n or "", [*words, whole]) for n in df["near"]], index=df.index,
                              dtype=object)
    df = df.sort_values(["score", "year", "path", "doc_id"], ascending=[False, False, True, True],
                        na_position="last", kind="stable").head(limit)
    return df.drop(columns=["counts", "near", "phrase"]).reset_index(drop=True)


def _titled(df: pd.DataFrame) -> pd.DataFrame:
    """``title`` as shown: the stored one, or derived from the text's head when it is a file name."""
    from dashboard import search_view

    df = df.copy()
    df["title"] = [search_view.display_title(t if isinstance(t, str) else None, p, h if isinstance(h, str) else "")
                   for t, p, h in zip(df["title"], df["path"], df["head"], strict=True)]
    return df.drop(columns=["head"])


def document(doc_id: str) -> dict[str, Any] | None:
    """One document's metadata and text (``text`` key), or None."""
    df = db.query("""SELECT d.*, t.text FROM documents_current d LEFT JOIN texts t ON t.doc_id = d.doc_id
                     WHERE d.doc_id = ?""", [doc_id])
    return None if df.empty else df.iloc[0].to_dict()


def document_figures(doc_id: str) -> pd.DataFrame:
    """The figures extracted from one document, in text order, with metric label and unit; ``confirmed`` says an
    analyst checked it (FALSE on a database built before confirmations were told apart, until its next build)."""
    sql = """
        SELECT f.figure_id, f.metric, m.label_zh AS label, m.unit, f.value, f.qualifier, f.kind, f.start, f."end",
               f.evidence, f.rule, f.confidence, f.corrected, f.is_primary, f.needs_review, {confirmed} AS confirmed
        FROM figures_current f JOIN metrics m ON m.metric = f.metric
        WHERE f.doc_id = ? ORDER BY f.start, f."end", f.metric"""
    try:
        return db.query(sql.format(confirmed="coalesce(f.confirmed, FALSE)"), [doc_id])
    except duckdb.BinderException:
        return db.query(sql.format(confirmed="FALSE"), [doc_id])


# --- weekly brief, quality, corrections ---------------------------------------------------------------------
# Owned by the weekly-brief / data-quality helper (pages brief.py, quality.py, import_reports.py).
# The brief compares a region with itself: one row per document region_code (its own reports, not the roll-up
# of the regions below it), from annual reports of governments (province/city/county/town; a department's
# report is not its region's figure). Values per region and year follow rules 1-2 above.

PLAN_TYPES = ("work_points", "work_plan", "implementation_plan")
GOVERNMENT_LEVELS = ("province", "city", "county", "town")
BRIEF_METRICS = ("reconsideration.received", "litigation.cases", "litigation.head_appearance_rate",
                 "mediation.disputes", "legal_aid.cases", "disclosure.requests_received")
# SQL: the code prefix of the regions inside region ``{col}`` (same as ``region_prefix``)
_PREFIX_SQL = ("CASE WHEN {col} LIKE '%0000' THEN substr({col}, 1, 2) WHEN {col} LIKE '%00' THEN substr({col}, 1, 4) "
               "ELSE {col} END")


def week_bounds(day: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Monday 00:00 of ``day``'s week and the Monday after: ``2026-11-25`` -> (2026-11-23, 2026-11-30)."""
    d = pd.Timestamp(day).normalize()
    start = d - pd.Timedelta(days=d.weekday())
    return start, start + pd.Timedelta(days=7)


def brief_scope(f: Filters) -> Filters:
    """The brief keeps the sidebar's regions and synthetic choice; it picks its own year, types and levels."""
    return Filters(regions=f.regions, synthetic=f.synthetic)


def brief_added(f: Filters, start: Any, end: Any) -> pd.DataFrame:
    """Documents first seen in [start, end): doc_id, title, region_name, level, year, doc_type, added_at, path,
    figures, corrected."""
    where, params = doc_where(brief_scope(f), "d")
    return db.query(f"""
        SELECT d.doc_id, coalesce(d.title, d.path) AS title, d.region_name, d.level, d.year, d.doc_type,
               d.added_at, d.path, n.figures, d.corrected
        FROM documents_current d JOIN {_summary("doc_summary")} n ON n.doc_id = d.doc_id
        WHERE {where} AND d.added_at >= ? AND d.added_at < ?
        ORDER BY d.added_at DESC, d.path, d.part""", [*params, pd.Timestamp(start), pd.Timestamp(end)])


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
    cte, params = _region_values(_annual(brief_scope(f), 1900, 2100), (), ("actual",), confirmed_only=True)
    df = db.query(f"""WITH {cte}
        SELECT c.year, bool_or(list_contains(?, c.metric)) AS headline
        FROM rv c JOIN rv p ON p.code = c.code AND p.metric = c.metric AND p.year = c.year - 1
        WHERE c.year IS NOT NULL GROUP BY c.year ORDER BY c.year DESC""", [*params, list(BRIEF_METRICS)])
    years = [(int(y), bool(h)) for y, h in zip(df["year"], df["headline"], strict=True)]
    best = next((y for y, h in years if h), years[0][0] if years else None)
    return best if best is not None else brief_default_year(f)


def _brief_year_rows(f: Filters) -> list[tuple[int, bool]]:
    where, params = figure_where(_annual(brief_scope(f), 1900, 2100), "p", metrics=(), kinds=("actual",))
    df = db.query(f"SELECT p.year, bool_or(list_contains(?, p.metric)) AS has "
                  f"FROM {_summary('doc_metric_summary')} p "
                  f"WHERE {where} AND p.year IS NOT NULL GROUP BY p.year ORDER BY p.year DESC",
                  [list(BRIEF_METRICS), *params])
    return [(int(y), bool(h)) for y, h in zip(df["year"], df["has"], strict=True)]


def _region_year_cte(f: Filters, year: int, metrics: Sequence[str]) -> tuple[str, list[Any]]:
    """CTEs ``reg`` (code, metric, year, label, unit, value, qualifier, docs, figures, corrected, level, source) for
    ``year`` and the year before — one value per region (rules 2-3) — and ``names`` (code, region)."""
    scope = _annual(f, year - 1, year)
    # 待核 figures stay out of the leaders' brief until an analyst confirms them on the quality page
    cte, params = _region_values(scope, metrics, ("actual",), confirmed_only=True)
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
        counts = g["level"].value_counts()
        level = min(counts.index, key=lambda lv: (-counts[lv], LEVEL_ORDER.get(lv, 9)))  # most regions; then higher
        g = g[g["level"] == level]
        rate = g["unit"].iloc[0] == "%"
        both = g[g["prev_value"].notna()]
        agg = (lambda s: s.mean()) if rate else (lambda s: s.sum())
        cur, prev = (agg(both["value"]), agg(both["prev_value"])) if len(both) else (None, None)
        delta = None if cur is None else cur - prev
        pct = None if cur is None or not prev else delta / prev * 100
        rows.append([metric, g["label"].iloc[0], g["unit"].iloc[0], level, len(g), agg(g["value"]), len(both), cur,
                     prev, delta, pct])
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
    prefix = _PREFIX_SQL.format(col="f.region_code")
    # "r.code = plan OR (rate AND r.code inside plan)" as one equi-join (a non-equi join cost 1.2 s at 100k
    # reports): a rate's regional value is keyed by each code prefix it lies in, a target by the plan's prefix
    return db.query(f"""WITH {cte},
        targets AS (
            SELECT f.doc_id AS plan_doc_id, f.region_code AS plan_code, f.region_name AS plan_region,
                   f.title AS plan_title, f.metric, f.value AS target, f.qualifier AS target_qualifier, f.evidence,
                   f.corrected, CASE WHEN m.unit = '%' THEN {prefix} ELSE f.region_code END AS match_key
            FROM {_summary("target_summary")} f JOIN metrics m ON m.metric = f.metric
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


def _corrections_source() -> str:
    """``corrections_summary`` (the view ``corrections_status`` of etl/after/corrections.py, stored by
    etl/after/summaries.py), else the view itself, else an equivalent over the bare table for a database made
    without the post-build steps (then there are no corrections to show)."""
    if "corrections_summary" in db.tables():
        return "corrections_summary"
    found = db.query("SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'corrections_status'")
    return "corrections_status" if int(found.iloc[0]["n"]) else "(SELECT *, 'active' AS status FROM corrections)"


def quality_summary(f: Filters) -> dict[str, int]:
    """Counts for the brief's "open warnings" and the quality page's cards."""
    where, params = doc_where(brief_scope(f), "d")
    docs = db.query(f"""
        SELECT count(*) AS documents,
               count(*) FILTER (WHERE d.region_code IS NULL AND d.province IS NULL) AS unknown_region,
               count(*) FILTER (WHERE d.year IS NULL) AS unknown_year,
               count(*) FILTER (WHERE d.doc_type = 'other') AS unknown_type
        FROM documents_current d WHERE {where}""", params).iloc[0]
    checks = db.query(f"""
        SELECT count(*) FILTER (WHERE c.severity = 'error') AS check_errors,
               count(*) FILTER (WHERE c.severity <> 'error') AS check_warnings
        FROM checks c LEFT JOIN documents_current d ON d.doc_id = c.doc_id
        WHERE c.doc_id IS NULL OR ({where})""", params).iloc[0]
    source = _corrections_source()
    other = db.query(f"""
        SELECT (SELECT count(*) FROM ingest_errors) AS ingest_errors,
               (SELECT count(*) FROM {source} WHERE status = 'orphaned') AS orphaned,
               (SELECT count(*) FROM {source} WHERE status = 'active') AS corrections""").iloc[0]
    out = {**docs.to_dict(), **checks.to_dict(), **other.to_dict()}
    return {k: int(v) if pd.notna(v) else 0 for k, v in out.items()}


def quality_checks(f: Filters, limit: int = 1000) -> pd.DataFrame:
    """Consistency-check findings (table ``checks``, filled by etl/after/checks.py) with their document.

    Columns: check_id, severity, check_name, message, doc_id, title, region_name, year, figure_ids, figures
    (number of figure ids).
    """
    where, params = doc_where(brief_scope(f), "d")
    return db.query(f"""
        SELECT c.check_id, c.severity, c.check_name, c.message, c.doc_id, coalesce(d.title, d.path) AS title,
               d.region_name, d.year, array_to_string(c.figure_ids, ', ') AS figure_ids,
               len(c.figure_ids) AS figures
        FROM checks c LEFT JOIN documents_current d ON d.doc_id = c.doc_id
        WHERE c.doc_id IS NULL OR ({where})
        ORDER BY c.severity = 'error' DESC, c.check_name, d.region_code, c.check_id LIMIT ?""", [*params, limit])


def quality_documents(f: Filters) -> pd.DataFrame:
    """Every document with its figure counts and what is unknown about it.

    Columns: doc_id, title, path, region_name, level, year, doc_type, chars, figures, actual, target, corrected
    (figures marked corrected), checks, no_region, no_year, no_type, doc_corrected.
    """
    where, params = doc_where(brief_scope(f), "d")
    return db.query(f"""
        WITH k AS (SELECT doc_id, count(*) AS checks FROM checks WHERE doc_id IS NOT NULL GROUP BY doc_id)
        SELECT d.doc_id, coalesce(d.title, d.path) AS title, d.path, d.region_name, d.level, d.year, d.doc_type,
               d.chars, n.figures, n.actual, n.target, n.corrected, coalesce(k.checks, 0) AS checks,
               d.region_code IS NULL AND d.province IS NULL AS no_region, d.year IS NULL AS no_year,
               d.doc_type = 'other' AS no_type, d.corrected AS doc_corrected
        FROM documents_current d JOIN {_summary("doc_summary")} n ON n.doc_id = d.doc_id
        LEFT JOIN k ON k.doc_id = d.doc_id
        WHERE {where}
        ORDER BY d.path, d.part""", params)


def ingest_errors() -> pd.DataFrame:
    """Files (and correction-log lines) the build could not use: path, stage, message, detail."""
    return db.query("SELECT path, stage, message, detail FROM ingest_errors ORDER BY path, stage")


def corrections_log() -> pd.DataFrame:
    """Every correction, newest first, with its status (active/reverted/orphaned/revert) and what it touches.

    Columns: correction_id, created_at, author, action, figure_id, doc_id, payload, old, reason, reverts,
    status, title, metric, label, evidence (of the figure now, or of the added figure).
    """
    return db.query(f"""
        SELECT c.correction_id, c.created_at, c.author, c.action, c.figure_id, c.doc_id, c.payload, c.old, c.reason,
               c.reverts, c.status, coalesce(d.title, d.path, d2.title, d2.path) AS title,
               coalesce(f.metric, json_extract_string(c.payload, '$.metric')) AS metric, m.label_zh AS label,
               coalesce(f.evidence, json_extract_string(c.payload, '$.evidence')) AS evidence
        FROM {_corrections_source()} c
        LEFT JOIN figures f ON f.figure_id = c.figure_id
        LEFT JOIN documents_current d ON d.doc_id = coalesce(c.doc_id, f.doc_id)
        LEFT JOIN documents_current d2 ON d2.doc_id = f.doc_id
        LEFT JOIN metrics m ON m.metric = coalesce(f.metric, json_extract_string(c.payload, '$.metric'))
        ORDER BY c.created_at DESC, c.correction_id""")


def figure_row(figure_id: str) -> dict[str, Any] | None:
    """One figure as shown now (corrections applied), or None if it is not (or no longer) there."""
    df = db.query("SELECT * FROM figures_current WHERE figure_id = ?", [figure_id])
    return None if df.empty else df.iloc[0].to_dict()


def region_choices() -> pd.DataFrame:
    """Regions for the "fix region" form: code, label (省/市/县 path), level."""
    return db.query("""
        SELECT r.code, concat_ws('/', p.name, CASE WHEN c.code <> p.code THEN c.name END,
                                 CASE WHEN r.level = 'county' THEN r.name END) AS label, r.level
        FROM regions r
        LEFT JOIN regions p ON p.code = substr(r.code, 1, 2) || '0000'
        LEFT JOIN regions c ON c.code = (CASE WHEN r.level = 'county' THEN r.parent ELSE r.code END)
                           AND c.level = 'city'
        ORDER BY r.code""")


def uploaded_documents(paths: Sequence[str]) -> pd.DataFrame:
    """Documents built from the given files (paths relative to the data folder), and files that failed.

    Columns: path, doc_id, title, region_name, year, doc_type, figures, error (message when the file failed).
    """
    if not paths:
        return pd.DataFrame(columns=["path", "doc_id", "title", "region_name", "year", "doc_type", "figures", "error"])
    return db.query(f"""
        WITH p AS (SELECT unnest(?::VARCHAR[]) AS path)
        SELECT p.path, d.doc_id, coalesce(d.title, d.path) AS title, d.region_name, d.year, d.doc_type,
               coalesce(n.figures, 0) AS figures, e.message AS error
        FROM p LEFT JOIN documents_current d ON d.path = p.path LEFT JOIN {_summary("doc_summary")} n ON n.doc_id = d.doc_id
        LEFT JOIN ingest_errors e ON e.path = p.path
        ORDER BY p.path, d.part""", [list(paths)])


def hidden_synthetic(f: Filters) -> int:
    """Synthetic reports the current filters would show if 包含合成数据 were on (0 when it is on): an empty page
    can then point to the switch instead of only asking to widen the filters."""
    if f.synthetic:
        return 0
    where, params = doc_where(replace(f, synthetic=True), "d")
    return int(db.query(f"SELECT count(*) AS n FROM documents_current d WHERE d.is_synthetic AND {where}",
                        params)["n"].iloc[0])

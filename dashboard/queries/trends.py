"""趋势's query: a metric's value per year, per chosen region or per region level, with its evidence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard import db
from dashboard.filter_model import Filters
from dashboard.queries.core import LEVEL_TOTAL_SQL, QUALIFIER_AGG, SOURCE_LABELS, evidence, figure_where, region_values
from dashboard.queries.samples import Call


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
    # level series add own reports only; a region's series needs the reports inside it only (its own, and
    # its sub-regions' for a 下级合计): choosing every region's value cost ~0.1 s more at 100k reports
    cte, params = region_values(f, metrics, sums=bool(regions), within=[c for c, _ in regions])
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
                   {LEVEL_TOTAL_SQL} AS value,
                   {QUALIFIER_AGG} AS qualifier, sum(docs) AS docs, sum(figures) AS figures,
                   count(*) || ' 个地区' || CASE WHEN any_value(is_rate) THEN '平均' ELSE '合计' END AS source,
                   bool_or(needs_review) AS needs_review,
                   min_by(doc_id, (-value, doc_id), 3) AS top
            FROM rv WHERE year IS NOT NULL AND source = '{SOURCE_LABELS[0]}'
            GROUP BY level, metric, kind, year)"""
    keys = "series_code, metric, kind, year"
    g = db.query(f"WITH {cte}, {grouped} SELECT * FROM grouped ORDER BY {keys}", params)
    return _with_evidence(g, fwhere, fparams)


# up to this many metrics, the evidence is read one scan per metric: each scan reads its metric's rows only, but
# 47 scans (a trend without a metric filter) took ~4x as long as one scan of all rows
METRIC_SCANS_MAX = 4


def _with_evidence(g: pd.DataFrame, fwhere: str, fparams: list[Any]) -> pd.DataFrame:
    """``g`` (grouped rows with ``top``, the ids of their reports largest first) with the column ``evidence``.

    A second query: given the few hundred documents by id, the scan of ``figures_current`` reads the sentences
    of those documents only; joined in the first query it read the sentences of every figure of the metrics
    (~0.15 s at 100k reports).
    """
    keys = ["series_code", "metric", "kind", "year"]
    picked = [(str(c), str(m), str(k), int(y), str(doc), rank)
              for c, m, k, y, top in zip(*(g[c] for c in keys), g["top"], strict=True)
              for rank, doc in enumerate(top, 1)]
    cols = [list(c) for c in zip(*picked, strict=True)] if picked else [[] for _ in range(6)]
    docs = sorted({p[4] for p in picked})
    # one scan per metric shown (core.metric_scans) for a few metrics; with none, one scan that finds nothing
    metrics = sorted({p[1] for p in picked}) or [""]
    scans = len(metrics) if len(metrics) <= METRIC_SCANS_MAX else 0
    args = [x for m in metrics for x in (m, *fparams, docs)] if scans else [*fparams, docs]
    lines = db.query(f"""
        WITH picked AS (SELECT unnest(?::VARCHAR[]) AS series_code, unnest(?::VARCHAR[]) AS metric,
                               unnest(?::VARCHAR[]) AS kind, unnest(?::INTEGER[]) AS year,
                               unnest(?::VARCHAR[]) AS doc_id, unnest(?::INTEGER[]) AS rank),
        {evidence("picked", fwhere + " AND list_contains(?, f.doc_id)", scans)}
        SELECT k.series_code, k.metric, k.kind, k.year,
               string_agg('《' || e.source || '》' || e.sentence, chr(10) ORDER BY k.rank) AS evidence
        FROM picked k JOIN ev e USING (doc_id, metric, kind) GROUP BY ALL""",
        [*cols, *args])
    out = g.drop(columns="top").merge(lines.astype({"year": g["year"].dtype}), how="left", on=keys)
    out["evidence"] = out["evidence"].fillna("")
    return out


CALLS = [
    Call("trends", "trend(F, 3 metrics)", lambda s: trend(s.F, list(s.metrics), [])),
    Call("trends", "trend(F, 3 metrics, 2 regions)",
         lambda s: trend(s.Fm, list(s.metrics), [(s.province, "prov"), (s.city, "city")])),
]

"""数据质量 and 导入's queries: open warnings, checks, every document's counts, ingest errors, the corrections log,
one figure, the region choices of the "fix region" form, the documents an upload made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard import db
from dashboard.filter_model import Filters
from dashboard.queries.brief import brief_scope
from dashboard.queries.core import in_order, summary
from dashboard.queries.samples import Call

# a report the pages cannot place: no region, no year or no type (alias d: documents_current or doc_summary)
_NO_REGION = "d.region_code IS NULL AND d.province IS NULL"
_MISSING = f"({_NO_REGION} OR d.year IS NULL OR d.doc_type = 'other')"


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
    where, params = brief_scope(f).where("d")
    docs = db.query(f"""
        SELECT count(*) AS documents,
               count(*) FILTER (WHERE {_NO_REGION}) AS unknown_region,
               count(*) FILTER (WHERE d.year IS NULL) AS unknown_year,
               count(*) FILTER (WHERE d.doc_type = 'other') AS unknown_type,
               count(*) FILTER (WHERE {_MISSING}) AS unknown_any
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
    where, params = brief_scope(f).where("d")
    return db.query(f"""
        SELECT c.check_id, c.severity, c.check_name, c.message, c.doc_id, coalesce(d.title, d.path) AS title,
               d.region_name, d.year, array_to_string(c.figure_ids, ', ') AS figure_ids,
               len(c.figure_ids) AS figures
        FROM checks c LEFT JOIN documents_current d ON d.doc_id = c.doc_id
        WHERE c.doc_id IS NULL OR ({where})
        ORDER BY c.severity = 'error' DESC, c.check_name, d.region_code, c.check_id LIMIT ?""", [*params, limit])


def quality_documents(f: Filters, limit: int | None = None, missing_only: bool = False, missing_first: bool = False,
                      doc_id: str | None = None) -> pd.DataFrame:
    """Documents with their figure counts and what is unknown about them, by path and part.

    Columns: doc_id, title, path, region_name, level, year, doc_type, chars, figures, actual, target, corrected
    (figures marked corrected), checks, no_region, no_year, no_type, doc_corrected.

    A page asks for the ``limit`` rows it shows (at 100k reports the whole list cost ~100 ms a call and is read only
    by a download); ``missing_only`` keeps reports lacking region, year or type, ``missing_first`` puts those lacking
    a region, then a year, first (the corrections form's list), ``doc_id`` asks for one report.
    """
    where, params = brief_scope(f).where("d")  # doc_summary carries the documents' columns: no join
    if missing_only:
        where += f" AND {_MISSING}"
    if doc_id is not None:
        where, params = f"{where} AND d.doc_id = ?", [*params, doc_id]
    order = f"({_NO_REGION}) DESC, d.year IS NULL DESC, " if missing_first else ""
    sql = f"""
        WITH k AS (SELECT doc_id, count(*) AS checks FROM checks WHERE doc_id IS NOT NULL GROUP BY doc_id)
        SELECT d.doc_id, coalesce(d.title, d.path) AS title, d.path, d.region_name, d.level, d.year, d.doc_type,
               d.chars, d.figures, d.actual, d.target, d.corrected, coalesce(k.checks, 0) AS checks,
               {_NO_REGION} AS no_region, d.year IS NULL AS no_year,
               d.doc_type = 'other' AS no_type, d.doc_corrected, d.path_order
        FROM {summary("doc_summary")} d
        LEFT JOIN k ON k.doc_id = d.doc_id
        WHERE {where}"""
    if limit is None and not missing_first:  # every row (a download): sorted here, not by DuckDB (see in_order)
        return in_order(db.query(sql, params), ["path_order"], [True], drop=["path_order"])
    sql = f"{sql} ORDER BY {order}d.path_order" + ("" if limit is None else " LIMIT ?")
    return db.query(sql, params if limit is None else [*params, limit]).drop(columns=["path_order"])


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
        FROM p LEFT JOIN documents_current d ON d.path = p.path LEFT JOIN {summary("doc_summary")} n ON n.doc_id = d.doc_id
        LEFT JOIN ingest_errors e ON e.path = p.path
        ORDER BY p.path, d.part""", [list(paths)])


CALLS = [
    Call("brief", "quality_summary(F)", lambda s: quality_summary(s.F)),
    Call("brief", "quality_checks(F, 10)", lambda s: quality_checks(s.F, limit=10)),
    Call("quality", "quality_summary(F)", lambda s: quality_summary(s.F)),
    Call("quality", "quality_documents(F, 1000)", lambda s: quality_documents(s.F, limit=1000)),
    Call("quality", "quality_documents(F, 1000, missing)", lambda s: quality_documents(s.F, limit=1000, missing_only=True)),
    Call("quality", "quality_documents(F, 2000, missing first)",
         lambda s: quality_documents(s.F, limit=2000, missing_first=True)),
    Call("quality", "quality_checks(F)", lambda s: quality_checks(s.F)),
    Call("quality", "ingest_errors()", lambda s: ingest_errors()),
    Call("quality", "corrections_log()", lambda s: corrections_log()),
    Call("quality", "region_choices()", lambda s: region_choices()),
    Call("quality", "figure_row(figure_id)", lambda s: figure_row(s.figure_id or "")),
    Call("import_reports", "uploaded_documents(5 paths)", lambda s: uploaded_documents(s.paths)),
]

"""The after-load step that applies the corrections log: the ``corrections`` table and the ``*_current`` tables.

:func:`apply_corrections` loads the log (etl/after/corrections.py) into the ``corrections`` table and
replaces ``figures_current`` and ``documents_current`` with tables (materialised from the views
``*_current_v``) that apply the active corrections: for each field the latest active edit wins,
deletes drop rows, adds add rows with rule ``correction``, and ``corrected`` is TRUE on every touched
row (a figure is also marked when its document was corrected, since its region/year then are).
The views are SQL over the ``corrections`` table, so a refresh only has to reload the table. The
dashboard's summary tables (etl/after/summaries.py) are the next step in etl/after/steps.py, so they
never lag a correction either.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from etl.after.corrections import ADD_FIELDS, COLUMNS, DOCUMENT_FIELDS, FIGURE_FIELDS, LOG_NAME, log_path, read_log
from etl.extract.confidence import REVIEW_BELOW
from etl.extract.values import PRIMARY_ORDER
from etl.load import store


def _json_field(name: str, sql_type: str, src: str = "payload") -> str:
    # name and type come from the constant field tables above, never from user input
    expr = f"json_extract_string({src}, '$.{name}')"
    return expr if sql_type == "VARCHAR" else f"CAST({expr} AS {sql_type})"


def _edits_cte(action: str, key: str, fields: dict[str, str]) -> str:
    """One row per target: for each field, whether an active edit sets it and the latest value set."""
    parts = [key]
    for name, sql_type in fields.items():
        has = f"json_exists(payload, '$.{name}')"
        parts.append(f"bool_or({has}) AS has_{name}")
        parts.append(f"arg_max({_json_field(name, sql_type)}, created_at) FILTER (WHERE {has}) AS new_{name}")
    return f"SELECT {', '.join(parts)} FROM corrections_status WHERE status = 'active' AND action = '{action}' " \
           f"GROUP BY {key}"


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


def views_sql(con: duckdb.DuckDBPyConnection) -> str:
    """The three views; column lists come from the live tables so a schema change carries through."""
    doc_cols = _columns(con, "documents")
    fig_cols = _columns(con, "figures")
    doc_select = ", ".join(
        f'CASE WHEN e.has_{c} THEN e.new_{c} ELSE d."{c}" END AS "{c}"' if c in DOCUMENT_FIELDS else f'd."{c}"'
        for c in doc_cols)
    add_select = ", ".join(
        f'{_json_field(c, ADD_FIELDS[c])} AS "{c}"' if c in ADD_FIELDS
        else {"figure_id": "figure_id", "doc_id": "doc_id", "rule": "'correction'",
              "confidence": "1.0", "sentence": _json_field("evidence", "VARCHAR"), "scope": "'own'"}[c] + f' AS "{c}"'
        for c in fig_cols)
    fig_select = ", ".join(
        f'CASE WHEN e.has_{c} THEN e.new_{c} ELSE b."{c}" END AS "{c}"' if c in FIGURE_FIELDS else f'b."{c}"'
        for c in fig_cols)
    fig_list = ", ".join(f'"{c}"' for c in fig_cols)
    changed = "coalesce(" + " OR ".join(f'(e.has_{c} AND e.new_{c} IS DISTINCT FROM b."{c}")'
                                        for c in FIGURE_FIELDS) + ", FALSE)"
    doc_extra = ("path", "title", "province", "city", "county", "town", "region_code", "region_name", "level", "year",
                 "doc_type", "is_synthetic")
    return f"""
CREATE OR REPLACE VIEW corrections_status AS
WITH reverted AS (SELECT DISTINCT reverts AS correction_id FROM corrections
                  WHERE action = 'revert' AND reverts IS NOT NULL),
added AS (SELECT c.figure_id FROM corrections c JOIN documents d USING (doc_id)
          WHERE c.action = 'add_figure' AND c.correction_id NOT IN (SELECT correction_id FROM reverted))
SELECT c.*,
       CASE WHEN c.action = 'revert' THEN 'revert'
            WHEN c.correction_id IN (SELECT correction_id FROM reverted) THEN 'reverted'
            WHEN c.action IN ('edit_figure', 'delete_figure')
                 AND c.figure_id NOT IN (SELECT figure_id FROM figures)
                 AND c.figure_id NOT IN (SELECT figure_id FROM added) THEN 'orphaned'
            WHEN c.action IN ('edit_document', 'add_figure')
                 AND c.doc_id NOT IN (SELECT doc_id FROM documents) THEN 'orphaned'
            ELSE 'active' END AS status
FROM corrections c;

CREATE OR REPLACE VIEW documents_current_v AS
WITH e AS ({_edits_cte("edit_document", "doc_id", DOCUMENT_FIELDS)})
SELECT {doc_select}, e.doc_id IS NOT NULL AS corrected
FROM documents d LEFT JOIN e USING (doc_id);

CREATE OR REPLACE VIEW figures_current_v AS
WITH added AS (SELECT {add_select} FROM corrections_status WHERE status = 'active' AND action = 'add_figure'),
base AS (SELECT {fig_list}, FALSE AS added FROM figures
         UNION ALL SELECT {fig_list}, TRUE AS added FROM added),
e AS ({_edits_cte("edit_figure", "figure_id", FIGURE_FIELDS)}),
deleted AS (SELECT DISTINCT figure_id FROM corrections_status WHERE status = 'active' AND action = 'delete_figure'),
corrected AS (
SELECT {fig_select}, {", ".join(f'd."{c}"' for c in doc_extra)},
       (b.added OR {changed} OR d.corrected) AS corrected,
       -- an edit that changes nothing is an analyst's confirmation (确认数值无误): checked, not corrected
       (e.figure_id IS NOT NULL AND NOT {changed}) AS confirmed
FROM base b JOIN documents_current_v d USING (doc_id) LEFT JOIN e USING (figure_id)
WHERE b.figure_id NOT IN (SELECT figure_id FROM deleted))
-- the document's value of each (metric, kind) is one figure, chosen by etl/extract/values.py's precedence; the rest support it
-- a figure of a family that is often wrong waits for an analyst (待核); any correction of it confirms it
SELECT *, row_number() OVER (PARTITION BY doc_id, metric, kind ORDER BY {PRIMARY_ORDER}) = 1 AS is_primary,
       confidence < {REVIEW_BELOW} AND NOT corrected AND NOT confirmed AS needs_review
FROM corrected;
"""


def load_table(con: duckdb.DuckDBPyConnection, records: list[dict]) -> None:
    """Replace the rows of ``corrections`` by ``records``."""
    con.execute("DELETE FROM corrections")
    rows = [{**r, "payload": json.dumps(r["payload"], ensure_ascii=False),
             "old": None if r.get("old") is None else json.dumps(r["old"], ensure_ascii=False)} for r in records]
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["created_at"] = pd.to_datetime(df["created_at"])
    store.insert_df(con, "corrections", df)


def apply_corrections(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """After-load step: load the log into ``corrections`` and (re)create the *_current tables.

    Unreadable log lines become ``ingest_errors`` rows (stage ``corrections``)
    so they show on the quality page instead of being lost silently.
    """
    path = log_path(data_dir)
    records, problems = read_log(path)
    load_table(con, records)
    con.execute("DELETE FROM ingest_errors WHERE stage = 'corrections'")
    for p in problems:
        con.execute("INSERT INTO ingest_errors VALUES (?, 'corrections', ?, ?)",
                    [LOG_NAME, "更正记录中有一行无法读取,已跳过", p])
    con.execute(views_sql(con))
    _materialise(con, "documents_current", "SELECT * FROM documents_current_v")
    _materialise(con, "figures_current", "SELECT * FROM figures_current_v ORDER BY metric, year, doc_id")


def _materialise(con: duckdb.DuckDBPyConnection, name: str, select: str) -> None:
    """Store a corrected view as a table: pages query it at national scale without recomputing the corrections.

    Rebuilt by every build and every in-app correction (etl/after/live.py), so it never lags the log.
    """
    kind = con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()
    if kind is not None:
        con.execute(f"DROP {'VIEW' if kind[0] == 'VIEW' else 'TABLE'} {name}")  # name is one of ours
    con.execute(f"CREATE TABLE {name} AS {select}")

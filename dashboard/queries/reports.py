"""报告's reader: one document with its text, and the figures found in it."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from dashboard import db
from dashboard.queries.samples import Call
from dashboard.queries.texts import text_of


def document(doc_id: str) -> dict[str, Any] | None:
    """One document's metadata and text (``text`` key), or None."""
    df = db.query("""SELECT d.*, t.body FROM documents_current d LEFT JOIN texts t ON t.doc_id = d.doc_id
                     WHERE d.doc_id = ?""", [doc_id])
    if df.empty:
        return None
    row = df.iloc[0].to_dict()
    row["text"] = text_of(row.pop("body"))  # stored compressed (etl/load/text_store.py)
    return row


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


CALLS = [
    Call("reports", "document(doc_id)", lambda s: document(s.doc_id or "")),
    Call("reports", "document_figures(doc_id)", lambda s: document_figures(s.doc_id or "")),
]

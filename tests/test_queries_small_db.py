"""Queries on small hand-made databases: counting a document once, ranking a search, frames, derived titles.

Split from tests/test_queries.py (modules stay under 500 lines); the fixtures come from tests/conftest.py.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import db, queries
from dashboard.filters import Filters
from etl.after import current, summaries
from etl.extract.sentence import sentence_around
from etl.load import store, text_store

RATE = "litigation.head_appearance_rate"


def _mini_db(path: Path, docs: list[tuple[str, str, int, str, list[tuple[float, str]]]]) -> None:
    """Build ``path`` from (doc_id, title, year, text, [(rate value, kind)]) reports of 广东省, with the
    post-build step that makes the summary tables; each value's evidence is ``<value>%`` in the text."""
    from etl.extract.tokens import tokens

    con = duckdb.connect(str(path))
    try:
        store.create_schema(con)
        store.write_reference_tables(con)
        rows, texts, toks, figs = [], [], [], []
        for doc_id, title, year, text, fl in docs:
            rows.append({"doc_id": doc_id, "path": f"{doc_id}.txt", "part": 1, "title": title, "organ": None,
                         "province": "广东省", "city": None, "county": None, "town": None, "region_code": "440000",
                         "region_name": "广东省", "level": "province", "year": year, "doc_type": "annual_report",
                         "publish_date": None, "chars": len(text), "text_start": 0, "text_end": len(text),
                         "is_synthetic": False, "added_at": datetime(2024, 1, 1)})
            texts.append({"doc_id": doc_id, "text": text})
            toks += [{"doc_id": doc_id, "token": t} for t in tokens(title + "\n" + text)]
            for j, (value, kind) in enumerate(fl):
                ev = f"{value:g}%"
                start = text.index(ev)
                figs.append({"figure_id": f"{doc_id}-{j}", "doc_id": doc_id, "metric": RATE, "value": float(value),
                             "unit": "%", "qualifier": "exact", "kind": kind, "start": start,
                             "end": start + len(ev), "evidence": ev, "rule": "test", "confidence": 1.0,
                             "sentence": sentence_around(text, start, start + len(ev))})
        frame = pd.DataFrame(rows)
        frame["publish_date"] = pd.to_datetime(frame["publish_date"]).dt.date
        store.insert_df(con, "documents", frame)
        for table, data in (("doc_tokens", toks), ("figures", figs)):
            store.insert_df(con, table, pd.DataFrame(data))
        con.register("plain_texts", pd.DataFrame(texts))
        text_store.insert_texts(con, "SELECT doc_id, text FROM plain_texts")  # stored compressed, as a build does
        con.execute("INSERT INTO token_vocab SELECT DISTINCT token FROM doc_tokens")
        current.apply_corrections(con, path.parent)
        summaries.build(con)
    finally:
        con.close()


def test_metrics_with_data_counts_a_document_once_over_both_kinds(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "reports.duckdb"
    _mini_db(path, [("both", "甲", 2022, "出庭应诉率达到90%。明年出庭应诉率不低于95%。", [(90, "actual"), (95, "target")]),
                    ("one", "乙", 2022, "出庭应诉率达到80%。", [(80, "actual")])])
    monkeypatch.setenv("REPORTS_DB", str(path))
    assert "doc_metric_summary" in db.tables()
    docs = queries.metrics_with_data(Filters(), kinds=("actual", "target")).set_index("metric")["docs"]
    assert docs[RATE] == 2
    assert queries.metrics_with_data(Filters(), kinds=("target",)).set_index("metric")["docs"][RATE] == 1
    assert queries.metrics_with_data(Filters(), kinds=("actual",)).set_index("metric")["docs"][RATE] == 2
    db.release()


def test_search_ranks_the_whole_query_in_the_title_above_newer_reports(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "reports.duckdb"
    _mini_db(path, [("new", "乙市2023年报告", 2023, "行政复议工作有序开展。纠错率有所提高。", []),
                    ("old", "行政复议纠错率专题报告", 2021, "本年度情况良好。行政复议案件办结。纠错率下降。", []),
                    ("none", "丙市2023年报告", 2023, "人民调解工作有序开展。", [])])
    monkeypatch.setenv("REPORTS_DB", str(path))
    hits = queries.search_documents(Filters(), "行政复议纠错率")
    assert hits["doc_id"].tolist() == ["old", "new"]  # both words in each; the whole query in one title
    assert hits.iloc[1]["context"].startswith("行政复议工作")
    db.release()


@pytest.mark.parametrize("sql", [
    "SELECT * FROM t",
    "SELECT * FROM t WHERE FALSE",  # no rows: text columns keep the object dtype
    "SELECT s, i FROM t WHERE i = 1",
    "SELECT n, s FROM t",  # a text column of NULLs only
    "SELECT s, s AS s FROM t",  # two columns of one name
    "SELECT string_agg(s, ',') AS g, sum(i) AS total, count(*) AS n FROM t",
])
def test_frame_is_what_duckdb_df_gives(sql: str) -> None:
    con = duckdb.connect()
    try:
        con.execute("""CREATE TABLE t AS SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE '广州' || i END AS s,
                       NULL::VARCHAR AS n, CASE WHEN i % 2 = 0 THEN i::INTEGER END AS maybe,
                       DATE '2024-01-01' + i::INTEGER AS day, TIMESTAMP '2024-01-01 08:00' AS at, [i, i + 1] AS l,
                       ['a', NULL] AS words, i::HUGEINT AS big, i % 2 = 0 AS even, {'k': 'v', 'n': i} AS rec
                       FROM range(5) r(i)""")
        pd.testing.assert_frame_equal(db.frame(con, sql), con.sql(sql).df(), check_exact=True)
    finally:
        con.close()


def test_recent_documents_derive_a_title_where_only_a_file_name_was_stored(use_test_db: Path) -> None:
    raw = db.query_uncached("SELECT count(*) AS n FROM documents_current WHERE title IS NULL")["n"].iloc[0]
    recent = queries.recent_documents(Filters(), limit=10_000)
    named_by_file = int((recent["title"] == recent["path"]).sum())
    assert raw > 0 and named_by_file < raw

"""The precomputed columns and shortcuts the page queries rely on for speed (issue 15) give what the slow way gave.

- ``doc_metric_summary.pick`` ranks each (region, metric, kind, year)'s reports in rule 2's order (own level,
  table, larger count, doc_id): checked against that order written out as the struct key it replaced.
- ``doc_summary.doc_no`` numbers documents as ``search_docs`` does; ``path_order`` is the rank by (path, part).
- a caseless search word occurs in ``lower(text)`` exactly where it occurs in the text (search.py skips lower()).
- ``core.in_order`` sorts as ``ORDER BY`` does; ``region_value_summary`` holds the choices made per view.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import db, queries
from dashboard.filter_model import Filters
from dashboard.queries.brief import _comparable_years
from dashboard.queries.core import in_order
from dashboard.queries.search import CASELESS, _lowered
from etl.after import summaries

STRUCT_KEY = """{'s': CASE WHEN p.level = (CASE WHEN p.region_code LIKE '%0000' THEN 'province'
                                       WHEN p.region_code LIKE '%00' THEN 'city' ELSE 'county' END) THEN 0
                      WHEN p.level = 'department' THEN 1 END,
                 't': NOT coalesce(p.from_table, FALSE),
                 'v': CASE WHEN m.unit = '%' THEN 0 ELSE -p.value END, 'd': p.doc_id}"""


def _con(db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db), read_only=True)


@pytest.fixture(scope="module")
def many_reports() -> duckdb.DuckDBPyConnection:
    """``doc_metric_summary`` over 4,000 random figures: many regions with several reports of a metric in a
    year, of every level, from tables and prose, with equal values."""
    con = duckdb.connect()
    con.execute("CREATE TABLE metrics AS SELECT * FROM (VALUES ('a', '件'), ('b', '%')) t(metric, unit)")
    con.execute("""CREATE TABLE figures_current AS
        SELECT 'd' || (i % 900) AS doc_id, ['a', 'b'][1 + (i // 7) % 2] AS metric,
               ['actual', 'target'][1 + (i // 13) % 2] AS kind,
               ['440000', '440100', '440106', '440100'][1 + (hash(i % 900) % 4)::INTEGER] AS region_code,
               2020 + (hash(i % 900 + 1) % 2)::INTEGER AS year,
               ['province', 'city', 'county', 'department', 'town', NULL][1 + (hash(i % 900 + 2) % 6)::INTEGER] AS level,
               'annual_report' AS doc_type, FALSE AS is_synthetic, (i * 37 % 11)::DOUBLE AS value, 'exact' AS qualifier,
               'f' || i AS figure_id, ['table:x', 'prose:y'][1 + (hash(i + 5) % 2)::INTEGER] AS rule,
               FALSE AS needs_review, FALSE AS corrected,
               row_number() OVER (PARTITION BY i % 900, (i // 7) % 2, (i // 13) % 2 ORDER BY i) = 1 AS is_primary
        FROM range(4000) r(i)""")
    con.execute(f"CREATE TABLE doc_metric_summary AS {summaries.DOC_METRIC_SUMMARY}")
    return con


def test_pick_is_rule_2s_order(many_reports: duckdb.DuckDBPyConnection) -> None:
    rows = many_reports.execute(f"""
        SELECT p.region_code, p.metric, p.kind, p.year, arg_min(p.doc_id, {STRUCT_KEY}) AS by_struct,
               arg_min(p.doc_id, p.pick) AS by_pick, count(*) AS n
        FROM doc_metric_summary p JOIN metrics m USING (metric)
        WHERE length(p.region_code) = 6
        GROUP BY ALL""").fetchall()
    ranks = many_reports.execute("""SELECT count(*) FROM (SELECT list(pick ORDER BY pick) AS r FROM doc_metric_summary
                                                         GROUP BY region_code, metric, kind, year)
                                    WHERE r <> range(1, len(r) + 1)""").fetchone()
    assert sum(n > 5 for *_, n in rows) > 10  # groups with a choice to make
    assert [r for r in rows if r[4] != r[5]] == []
    assert ranks == (0,)  # 1..n in every group


@pytest.mark.parametrize("keep", ["hash(p.doc_id) % 2 = 0", "p.level <> 'city'", "NOT p.from_table", "p.value < 5"])
def test_pick_survives_filters(many_reports: duckdb.DuckDBPyConnection, keep: str) -> None:
    """Leaving rows out (a filter) keeps the order: the smallest pick left is the struct key's choice."""
    diff = many_reports.execute(f"""
        SELECT count(*) FROM (
            SELECT p.region_code, p.metric, p.kind, p.year, arg_min(p.doc_id, {STRUCT_KEY}) AS a,
                   arg_min(p.doc_id, p.pick) AS b
            FROM doc_metric_summary p JOIN metrics m USING (metric)
            WHERE {keep}
            GROUP BY ALL) WHERE a <> b""").fetchone()  # conditions are constants of this test
    assert diff == (0,)


def test_doc_summary_numbers_and_order(test_db: Path) -> None:
    with _con(test_db) as con:
        wrong_no = con.execute("""SELECT count(*) FROM doc_summary d JOIN search_docs s USING (doc_id)
                                  WHERE s.doc_no <> d.doc_no""").fetchone()
        same = con.execute("SELECT count(*) FROM doc_summary d JOIN search_docs s USING (doc_id)").fetchone()
        order = [r[0] for r in con.execute("SELECT path_order FROM doc_summary ORDER BY path, part").fetchall()]
        cols = con.execute("""SELECT count(*) FROM doc_summary s JOIN documents_current d USING (doc_id)
                              WHERE s.title IS DISTINCT FROM d.title OR s.year IS DISTINCT FROM d.year
                                 OR s.region_code IS DISTINCT FROM d.region_code
                                 OR s.doc_corrected <> d.corrected""").fetchone()
        n = con.execute("SELECT count(*) FROM documents_current").fetchone()
    assert wrong_no == (0,) and same == n
    assert order == list(range(1, len(order) + 1))
    assert cols == (0,)


@pytest.mark.parametrize("text", ["行政复议ABC行政复议", "İstanbul 行政复议 ΣΑΣ", "ＡＢＣ纠错率 1２3", "", "Kelvin K 出庭应诉率"])
@pytest.mark.parametrize("word", ["行政复议", "纠错率", "出庭应诉率", "123", "2023年"])
def test_caseless_words_occur_where_lower_has_them(text: str, word: str) -> None:
    assert CASELESS.fullmatch(word)
    with duckdb.connect() as con:
        got = con.execute("""SELECT strpos(lower(?), ?) = strpos(?, ?),
                                    strlen(replace(lower(?), ?, '')) - strlen(lower(?))
                                      = strlen(replace(?, ?, '')) - strlen(?)""",
                          [text, word, text, word, text, word, text, text, word, text]).fetchone()
    assert got == (True, True)


def test_lowered_only_for_words_with_case() -> None:
    assert _lowered("t", ["行政复议", "纠错率"]) == "t"
    assert _lowered("t", ["gdp", "行政复议"]) == "lower(t)"
    assert _lowered("t", ["ｇｄｐ"]) == "lower(t)"  # full-width Latin has case


def test_in_order_is_order_by() -> None:
    df = pd.DataFrame({"t": pd.to_datetime(["2026-01-02", "2026-01-01", "2026-01-02", "2026-01-03"]),
                       "k": [3, 1, 1, 2], "x": ["a", "b", "c", "d"]})
    out = in_order(df, ["t", "k"], [False, True], drop=["k"])
    assert out["x"].tolist() == ["d", "c", "a", "b"]
    assert list(out.columns) == ["t", "x"] and out.index.tolist() == [0, 1, 2, 3]


@pytest.mark.usefixtures("use_test_db")
@pytest.mark.parametrize("f", [Filters(), Filters(synthetic=True), Filters(year_from=2019, year_to=2022),
                               Filters(regions=("440000",), synthetic=True)])
def test_stored_choice_is_the_choice_made_per_view(f: Filters, monkeypatch: pytest.MonkeyPatch) -> None:
    """``region_value_summary`` gives what choosing over the reports gives, for every filter it is used with."""
    def views() -> dict[str, pd.DataFrame]:
        top = queries.metrics_with_data(Filters(synthetic=True))["metric"].head(4).tolist()
        year = queries.brief_default_year(f) or 2021
        return {"trend": queries.trend(f, top), "totals": queries.yearly_totals(f, top),
                "ranking": queries.region_ranking(f, top[0], 2021).rows,
                "regions": queries.trend(f, top, [("440000", "广东"), ("440100", "广州")]),
                "brief": queries.brief_region_headline(f, year), "moves": queries.brief_moves(f, year, min_base=0),
                "targets": queries.brief_targets(f, year)}

    monkeypatch.setattr(db, "query", db.query_uncached)
    stored, stored_years = views(), _comparable_years(f, 1900)
    assert "region_value_summary" in db.tables()
    tables = db.tables()
    monkeypatch.setattr(db, "tables", lambda: tables - {"region_value_summary"})
    chosen, chosen_years = views(), _comparable_years(f, 1900)
    assert len(stored["trend"]) and len(stored["brief"])
    assert stored_years == chosen_years  # region_value_keys: which regions have a value when
    for k in stored:
        pd.testing.assert_frame_equal(stored[k], chosen[k], check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("f", [Filters(), Filters(regions=("440000",))])
def test_stored_keys_are_the_keys_found_per_view(f: Filters, tiny_db: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """``region_value_keys`` from the stored choices: the same years the brief can compare (the tiny database has
    two consecutive years; the ETL-built one has none)."""
    copy = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_db, copy)
    with duckdb.connect(str(copy)) as con:  # the two tables region_value_keys reads (the tiny one has no others)
        for name in ("doc_metric_summary", "region_value_summary"):
            con.execute(f"CREATE TABLE {name} AS {summaries.select(name, {'doc_metric_summary'})}")
    monkeypatch.setenv("REPORTS_DB", str(copy))
    monkeypatch.setattr(db, "query", db.query_uncached)
    stored = _comparable_years(f, 1900)
    tables = db.tables()
    assert "region_value_summary" in tables
    monkeypatch.setattr(db, "tables", lambda: tables - {"region_value_summary"})
    assert stored == _comparable_years(f, 1900) and stored


@pytest.mark.usefixtures("use_test_db")
@pytest.mark.parametrize("f", [Filters(synthetic=True), Filters(), Filters(levels=("province", "city")),
                               Filters(regions=("440000",), synthetic=True)])
def test_trend_evidence_per_metric_is_one_scans(f: Filters, monkeypatch: pytest.MonkeyPatch) -> None:
    """trend's evidence read one scan per metric (``core.metric_scans``) is what one scan of every metric gives,
    for one to five metrics, by level and per region."""
    from dashboard.queries import trends

    monkeypatch.setattr(db, "query", db.query_uncached)
    top = queries.metrics_with_data(Filters(synthetic=True))["metric"].tolist()
    assert len(top) >= 5
    for metrics in (top[:1], top[:3], top[:4], top[:5], ["no.such.metric"]):
        for regions in ([], [("440000", "广东"), ("440100", "广州")]):
            monkeypatch.setattr(trends, "METRIC_SCANS_MAX", 4)
            split = queries.trend(f, metrics, regions)
            monkeypatch.setattr(trends, "METRIC_SCANS_MAX", 0)
            pd.testing.assert_frame_equal(split, queries.trend(f, metrics, regions), check_exact=True)
    shown = queries.trend(Filters(synthetic=True), top[:3])
    assert (shown["evidence"] != "").any()  # the evidence was read, not an empty column on both sides

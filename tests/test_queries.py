"""dashboard.queries: the aggregation rule, filters, drill-down, search and the reader's data.

Exact numbers come from the hand-written ``tiny_db`` (tests/conftest.py: TINY_DOCS); the
ETL-built ``test_db`` is cross-checked against an independent pandas computation.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from conftest import write_tiny_db

from dashboard import db, queries
from dashboard.filters import Filters
from etl.after import summaries
from etl.extract import values

RECEIVED = "reconsideration.received"
RATE = "litigation.head_appearance_rate"


def _row(df: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for col, value in where.items():
        mask &= df[col] == value
    rows = df[mask]
    assert len(rows) == 1, f"expected one row for {where}, got {len(rows)}"
    return rows.iloc[0]


# --- pure helpers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "prefix", "level", "parent", "child_len"), [
    ("440000", "44", "province", None, 4),
    ("440100", "4401", "city", "440000", 6),
    ("440106", "440106", "county", "440100", None),
    ("110000", "11", "province", None, 6),      # municipality: districts sit directly below
    ("110112", "110112", "county", "110000", None),
    ("429004", "429004", "county", "429000", None),  # 仙桃: 省直辖县级市
])
def test_region_code_shapes(code: str, prefix: str, level: str, parent: str | None, child_len: int | None) -> None:
    assert queries.region_prefix(code) == prefix
    assert queries.region_level(code) == level
    assert queries.parent_region(code) == parent
    assert queries.child_prefix_len(code) == child_len


def test_child_prefix_len_of_china_is_provinces() -> None:
    assert queries.child_prefix_len(None) == 2


def test_doc_where_uses_parameters_only() -> None:
    f = Filters(regions=("440000", "430100"), levels=("city",), year_from=2020, year_to=2022,
                doc_types=("annual_report",))
    sql, params = f.where("d")
    assert "NOT d.is_synthetic" in sql
    assert "'" not in sql  # no literal values in the SQL text
    assert params == [["city"], ["annual_report"], 2020, 2022, "44", "4301"]
    sql_syn, params_syn = Filters(synthetic=True).where("d")
    assert (sql_syn, params_syn) == ("TRUE", [])


def test_search_terms() -> None:
    assert queries.search_terms("  ") == ([], "")
    words, whole = queries.search_terms("出庭应诉率")
    assert (words, whole) == (["出庭应诉率"], "出庭应诉率")
    words, whole = queries.search_terms("行政复议纠错率")
    assert set(words) == {"行政复议", "纠错率"} and whole == "行政复议纠错率"


# --- aggregation rule on exact numbers ----------------------------------------------------------------------

@pytest.mark.usefixtures("use_tiny_db")
class TestAggregation:
    """One honest number per document, region and year: a part is never added to its whole (rules 1-3)."""

    def test_a_document_gives_one_value_and_a_region_its_own_reports(self) -> None:
        df = queries.trend(Filters(), [RECEIVED], [("440000", "广东省"), ("440100", "广州市")])
        gd = _row(df, series_code="440000", year=2022, kind="actual")
        # 广东省's own report 500 — not + 广州 + 天河 + 深圳 (16,102 = 14,535 + … was the bug)
        assert (gd["value"], gd["qualifier"], gd["docs"], gd["source"]) == (500, "exact", 1, "本级报告")
        gz = _row(df, series_code="440100", year=2022, kind="actual")
        # 广州's report states 100 and 另…20: its value is 100 (the larger), never 120; 天河 is not added
        assert (gz["value"], gz["qualifier"], gz["figures"]) == (100, "exact", 2)
        assert _row(df, series_code="440100", year=2023, kind="actual")["value"] == 130

    def test_a_rate_is_the_first_stated_not_an_average(self) -> None:
        df = queries.trend(Filters(), [RATE], [("440100", "广州市")])
        gz = _row(df, year=2022, kind="actual")
        assert (gz["value"], gz["qualifier"], gz["unit"]) == (90, "exact", "%")

    def test_no_own_report_and_incomplete_sub_regions_give_no_value(self) -> None:
        # 湖南省 has no report of its own and only 长沙 of its 14 cities reported: no 湖南 number at all
        assert queries.trend(Filters(), [RECEIVED], [("430000", "湖南省")]).empty

    def test_sub_regions_add_up_only_when_all_reported(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        db = tmp_path / "reports.duckdb"
        write_tiny_db(db)
        con = duckdb.connect(str(db))
        # 澳门-like toy: give 湖南 every city (14 of them) a report, and keep 长沙's
        codes = [r[0] for r in con.execute("SELECT code FROM regions WHERE parent = '430000' AND code <> '430100'")
                 .fetchall()]
        for code in codes:
            con.execute("INSERT INTO documents SELECT ? || '-doc', ? || '.txt', 1, '报告', NULL, '湖南省', NULL, NULL, "
                        "NULL, ?, '湖南省', 'city', 2022, 'annual_report', NULL, 10, 0, 10, FALSE, TIMESTAMP '2024-01-01'",
                        [code, code, code])
            con.execute("INSERT INTO figures (figure_id, doc_id, metric, value, unit, qualifier, kind, start, \"end\", "
                        "evidence, rule, confidence, sentence) VALUES (?, ?, ?, 1, '件', 'exact', 'actual', 0, 1, 'x', "
                        "'test', 1, 'x')", [f"{code}-f", f"{code}-doc", RECEIVED])
        con.close()
        monkeypatch.setenv("REPORTS_DB", str(db))
        row = _row(queries.trend(Filters(), [RECEIVED], [("430000", "湖南省")]), year=2022)
        n = len(codes) + 1
        assert (row["value"], row["source"]) == (40 + len(codes), f"下级合计 {n}/{n}")

    def test_targets_are_their_own_series(self) -> None:
        df = queries.trend(Filters(), [RATE], [("430100", "长沙市")])
        assert list(df["kind"]) == ["target"]
        assert _row(df, kind="target")["value"] == 95

    def test_synthetic_documents_only_with_the_toggle(self) -> None:
        off = queries.trend(Filters(), [RECEIVED], [("440100", "广州市")])
        on = queries.trend(Filters(synthetic=True), [RECEIVED], [("440100", "广州市")])
        assert _row(off, year=2022)["value"] == 100
        assert _row(on, year=2022)["value"] == 1000  # two own reports: one is taken, never 100 + 1000
        assert _row(on, year=2022)["docs"] == 2

    def test_without_regions_one_series_per_level_never_mixed(self) -> None:
        df = queries.trend(Filters(), [RECEIVED])
        rows = {r.series_code: r for r in df[(df["year"] == 2022) & (df["kind"] == "actual")].itertuples()}
        assert rows["province"].value == 500 and rows["province"].series == "省级报告合计"
        assert rows["city"].value == 100 + 50 + 40 and rows["city"].source == "3 个地区合计"
        assert rows["city"].qualifier == "approx"  # 深圳's 约50
        assert rows["county"].value == 30
        only_cities = queries.trend(Filters(levels=("city",)), [RECEIVED])
        assert set(only_cities["series_code"]) == {"city"}

    def test_evidence_is_the_sentence_with_its_source(self) -> None:
        df = queries.trend(Filters(), [RECEIVED], [("440106", "天河区")])
        evidence = _row(df, year=2022)["evidence"]
        assert evidence == "《天河区2022年法治政府建设年度报告》天河区收到行政复议申请30余件。"
        gz = _row(queries.trend(Filters(), [RECEIVED], [("440100", "广州市")]), year=2022)["evidence"]
        assert "2022年,广州市共收到行政复议申请100件。 … 另收到行政复议申请20件。" in gz  # supporting figures shown

    def test_a_level_series_lists_its_three_largest_reports(self) -> None:
        df = queries.trend(Filters(), [RECEIVED])
        lines = _row(df, series_code="city", year=2022)["evidence"].split("\n")
        assert [line.split("》")[0] for line in lines] == [
            "《广州市2022年法治政府建设年度报告", "《深圳市2022年法治政府建设年度报告", "《长沙市2022年法治政府建设年度报告"]

    def test_region_filter_and_year_filter(self) -> None:
        df = queries.trend(Filters(regions=("430100",), year_from=2022, year_to=2022), [RECEIVED],
                           [("440000", "广东省")])
        assert df.empty  # the sidebar's 长沙 and the series' 广东 do not overlap
        only_2023 = queries.trend(Filters(year_from=2023), [RECEIVED], [("440100", "广州市")])
        assert list(only_2023["year"]) == [2023]


@pytest.mark.usefixtures("use_tiny_db")
class TestRegions:
    def test_provinces_ranked_by_their_own_reports(self) -> None:
        ranking = queries.region_ranking(Filters(), RECEIVED, 2022)
        # 广东省's own 500 (not 500 + its cities); 湖南省 has neither a report nor all its cities: not ranked
        assert list(ranking.rows["code"]) == ["440000"]
        assert list(ranking.rows["value"]) == [500] and list(ranking.rows["source"]) == ["本级报告"]
        assert ranking.own_docs == 0

    def test_drill_into_a_province_lists_cities_and_counts_its_own_documents(self) -> None:
        ranking = queries.region_ranking(Filters(), RECEIVED, 2022, parent="440000")
        rows = ranking.rows.set_index("code")
        assert rows.loc["440100", "value"] == 100 and rows.loc["440100", "name"] == "广州市"  # not + 天河
        assert rows.loc["440300", "value"] == 50 and rows.loc["440300", "qualifier"] == "approx"
        assert ranking.own_docs == 1  # 广东省's own report is not a city

    def test_the_page_opens_on_a_year_whose_ranking_is_not_empty(self) -> None:
        # 2023 has only 广州's report: it ranks among 广东's cities but gives no province a value
        assert queries.metric_years(Filters(), RECEIVED) == [2023, 2022]
        assert queries.ranked_years(Filters(), RECEIVED) == [2022]
        assert queries.ranked_years(Filters(), RECEIVED, parent="440000") == [2023, 2022]
        assert queries.ranked_years(Filters(), RECEIVED, parent="440106") == []  # a county has no children

    def test_drill_into_a_city_lists_counties(self) -> None:
        ranking = queries.region_ranking(Filters(), RECEIVED, 2022, parent="440100")
        assert list(ranking.rows["name"]) == ["天河区"]
        assert ranking.own_docs == 1

    def test_a_county_has_no_children(self) -> None:
        assert queries.region_ranking(Filters(), RECEIVED, 2022, parent="440106").rows.empty

    def test_sidebar_region_and_drill_both_apply(self) -> None:
        ranking = queries.region_ranking(Filters(regions=("440300",)), RECEIVED, 2022, parent="440000")
        assert list(ranking.rows["code"]) == ["440300"]

    def test_documents_behind_a_ranking(self) -> None:
        rows = queries.region_figures(Filters(), RECEIVED, 2022, parent="440100")
        assert sorted(rows["doc_id"]) == ["gz-2022", "th-2022"]
        assert _row(rows, doc_id="gz-2022")["value"] == 100  # the report's value, its 另…20 not added

    def test_metric_years(self) -> None:
        assert queries.metric_years(Filters(), RECEIVED) == [2023, 2022]
        assert queries.metric_years(Filters(), RATE, "target") == [2022]


@pytest.mark.usefixtures("use_tiny_db")
class TestOverview:
    def test_counts(self) -> None:
        counts = queries.overview_counts(Filters())
        assert counts == {"reports": 8, "regions": 5, "first_year": 2022, "last_year": 2023, "years": 2,
                          "figures": 12}
        assert queries.overview_counts(Filters(synthetic=True))["reports"] == 9

    def test_headline_compares_with_the_year_before(self) -> None:
        latest, heads = queries.headline(Filters())
        assert latest == 2023
        row = _row(heads, metric=RECEIVED)
        # one level only (cities: the most regions), each region once: 广州 130 against 广州 100 + 深圳 50 + 长沙 40
        assert (row["level"], row["regions"], row["value"]) == ("city", 1, 130)
        assert row["prev_value"] == 190 and row["delta"] == 130 - 190

    def test_headline_uses_the_sidebar_metrics(self) -> None:
        _, heads = queries.headline(Filters(metrics=(RATE,)))
        assert list(heads["metric"]) == [RATE]

    def test_coverage_by_province(self) -> None:
        cov = queries.coverage(Filters(), "province").set_index(["region", "year"])["reports"]
        assert cov[("广东省", "2022")] == 4
        assert cov[("广东省", "2023")] == 1
        assert cov[("湖南省", "2022")] == 2
        assert cov[("未识别地区", "2022")] == 1

    def test_recent_documents_newest_first(self) -> None:
        recent = queries.recent_documents(Filters(), limit=3)
        assert list(recent["doc_id"]) == ["nowhere-2022", "cs-plan-2022", "cs-2022"]

    def test_filter_options(self) -> None:
        opts = queries.filter_options()
        labels = dict(opts.regions)
        assert labels["440000"] == "广东省"
        assert labels["440106"] == "广东省 / 广州市 / 天河区"
        assert opts.years == (2022, 2022 + 1)
        assert (RECEIVED, "收到行政复议申请(件)") in opts.metrics


@pytest.mark.usefixtures("use_tiny_db")
class TestReports:
    def test_search_finds_words_inside_tokens(self) -> None:
        hits = queries.search_documents(Filters(), "广州 出庭应诉率")
        assert list(hits["doc_id"]) == ["gz-2022"]

    def test_search_respects_filters(self) -> None:
        hits = queries.search_documents(Filters(levels=("county",)), "行政复议")
        assert list(hits["doc_id"]) == ["th-2022"]
        assert set(queries.search_documents(Filters(), "行政复议")["doc_id"]) == {
            "gz-2022", "th-2022", "sz-2022", "gd-2022", "gz-2023", "cs-2022", "nowhere-2022"}

    def test_search_without_match(self) -> None:
        assert queries.search_documents(Filters(), "城市管理局").empty

    def test_listing_without_query(self) -> None:
        rows = queries.search_documents(Filters(), "")
        assert len(rows) == 8 and rows.iloc[0]["year"] == 2023

    def test_search_ranks_by_relevance_then_newest_and_a_limit_keeps_the_order(self) -> None:
        every = queries.search_documents(Filters(), "行政复议")  # relevance itself: tests/test_search.py
        keys = list(zip(every["score"], every["year"], strict=True))
        assert keys == sorted(keys, reverse=True)
        top = queries.search_documents(Filters(), "行政复议", limit=3)
        assert top["doc_id"].tolist() == every["doc_id"].tolist()[:3]

    def test_search_context_starts_just_before_the_word(self) -> None:
        hits = queries.search_documents(Filters(levels=("county",)), "行政复议")
        text = "天河区收到行政复议申请30余件。负责人出庭应诉率80%。"
        assert hits.iloc[0]["context"] == text[max(text.index("行政复议") - 12, 0):][:80]

    def test_document_and_its_figures(self) -> None:
        doc = queries.document("gz-2022")
        assert doc is not None and doc["text"].startswith("2022年,广州市")
        figs = queries.document_figures("gz-2022")
        assert list(figs["value"]) == [100, 20, 90, 96]
        for r in figs.itertuples():
            assert doc["text"][r.start:r.end] == r.evidence
        assert queries.document("missing") is None


# --- connections -------------------------------------------------------------------------------------------

def test_cursors_per_thread_and_a_swapped_file(tiny_db, test_db, tmp_path, monkeypatch) -> None:
    import os
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    from dashboard import db

    live = tmp_path / "reports.duckdb"
    shutil.copy(tiny_db, live)
    monkeypatch.setenv("REPORTS_DB", str(live))
    sql = "SELECT count(*) AS n FROM documents_current WHERE NOT is_synthetic AND length(doc_id) > ?"
    with ThreadPoolExecutor(4) as pool:
        counts = list(pool.map(lambda i: int(db.query_uncached(sql, [i % 3]).iloc[0]["n"]), range(40)))
    assert set(counts) == {8}
    assert int(db.query(sql, [0]).iloc[0]["n"]) == 8
    staged = tmp_path / ".build-x.duckdb"
    shutil.copy(test_db, staged)
    os.replace(staged, live)  # a new build swapped in while the old file's connection is open
    expected = duckdb.connect(str(test_db), read_only=True)
    try:
        want = expected.execute("SELECT count(*) FROM documents WHERE NOT is_synthetic").fetchone()[0]
    finally:
        expected.close()
    assert int(db.query(sql, [0]).iloc[0]["n"]) == want
    db.release()


def test_missing_database_raises(tmp_path, monkeypatch) -> None:
    from dashboard import db

    monkeypatch.setenv("REPORTS_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(db.MissingDatabase):
        db.query("SELECT 1")


# --- the ETL-built database, checked against pandas -------------------------------------------------------------

def _code_level(code: str) -> str:
    return "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"


def _expected_by_level(db_path: str, metric: str) -> pd.DataFrame:
    """Rules 1-3 re-implemented in pandas over the raw figures rows: (level, year) -> value.

    Per document the figure etl/extract/values.py ranks first; per region its own government report (table-sourced
    first, then the larger value); per level the regions added up (counts) or averaged (rates).
    """
    con = duckdb.connect(db_path, read_only=True)
    try:
        raw = con.execute("SELECT f.*, d.region_code, d.level, d.year FROM figures f JOIN documents d USING (doc_id) "
                          "WHERE f.metric = ? AND f.kind = 'actual' AND d.year IS NOT NULL AND NOT d.is_synthetic "
                          "AND length(d.region_code) = 6", [metric]).df()
    finally:
        con.close()
    rate = (raw["unit"] == "%").all()
    best = {}
    for r in raw.itertuples(index=False):
        key = (r.doc_id,)
        if key not in best or (values.rank(r), r.figure_id) < (values.rank(best[key]), best[key].figure_id):
            best[key] = r
    per_doc = pd.DataFrame([r._asdict() for r in best.values()])
    if per_doc.empty:
        return pd.DataFrame(columns=["level", "year", "value"])
    per_doc = per_doc[per_doc["level"] == per_doc["region_code"].map(_code_level)]
    per_doc = per_doc.assign(table=per_doc["rule"].str.startswith("table"),
                             neg=0.0 if rate else -per_doc["value"])
    own = per_doc.sort_values(["table", "neg", "doc_id"], ascending=[False, True, True]) \
        .drop_duplicates(["region_code", "year"])
    return own.groupby(["level", "year"])["value"].agg("mean" if rate else "sum").reset_index()


@pytest.mark.usefixtures("use_test_db")
class TestBuiltDatabase:
    def test_trend_matches_pandas(self, test_db) -> None:
        checked = 0
        for metric in (RECEIVED, "reconsideration.concluded", RATE, "mediation.disputes", "legal_aid.cases"):
            expected = _expected_by_level(str(test_db), metric).set_index(["level", "year"])["value"]
            got = queries.trend(Filters(), [metric])
            got = got[got["kind"] == "actual"].rename(columns={"series_code": "level"}).set_index(["level", "year"])
            pd.testing.assert_series_equal(got["value"].sort_index(), expected.sort_index().astype(float),
                                           check_names=False, check_index_type=False)
            checked += len(expected)
        assert checked >= 5  # the real corpus gives these metrics at several levels and years

    def test_synthetic_report_is_flagged_and_excluded(self) -> None:
        off = queries.search_documents(Filters(), "987件")
        on = queries.search_documents(Filters(synthetic=True), "987件")
        assert off.empty and len(on) == 1

    def test_every_figure_points_at_its_evidence(self) -> None:
        docs = queries.search_documents(Filters(synthetic=True), "", limit=1000)
        assert len(docs) > 30
        for doc_id in docs["doc_id"]:
            doc = queries.document(doc_id)
            for r in queries.document_figures(doc_id).itertuples():
                assert doc["text"][r.start:r.end] == r.evidence


def test_brief_default_year_has_headline_figures(use_test_db) -> None:
    """The brief opens on a year whose headline section has data, not merely the newest year."""
    f = Filters(synthetic=True)
    years = queries.brief_years(f)
    default = queries.brief_default_year(f)
    assert default in years
    headline = queries.brief_region_headline(f, default)
    assert not headline.empty
    newer = [y for y in years if y > default]
    assert all(queries.brief_region_headline(f, y).empty for y in newer)


# --- summary tables (etl/after/summaries.py) and the DataFrame conversion -------------------------------------------

def test_summary_tables_hold_what_their_select_computes(test_db: Path) -> None:
    """Each stored summary table of a built database has the rows its SELECT gives when run inline (the
    dashboard's fallback for a database made without them)."""
    con = duckdb.connect(str(test_db), read_only=True)
    try:
        stored = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert set(summaries.TABLES) <= stored
        for name in summaries.TABLES:
            cols = "* REPLACE (round(value, 6) AS value)" if name == "doc_metric_summary" else "*"
            a, b = f"SELECT {cols} FROM {name}", f"SELECT {cols} FROM ({summaries.select(name)})"
            diff = con.execute(f"SELECT count(*) FROM (({a} EXCEPT ALL {b}) UNION ALL ({b} EXCEPT ALL {a}))").fetchone()
            assert diff == (0,), name
        assert con.execute("SELECT count(*) FROM doc_summary").fetchone() == \
            con.execute("SELECT count(*) FROM documents_current").fetchone()
    finally:
        con.close()


def _views(f: Filters, year: int) -> list[tuple[str, Callable[[], Any]]]:
    return [
        ("trend", lambda: queries.trend(f, [RECEIVED, RATE, "mediation.disputes"], [("440000", "广东省")])),
        ("trend all", lambda: queries.trend(f, [RECEIVED, RATE])),
        ("headline", lambda: queries.headline(f)[1]),
        ("metrics", lambda: queries.metrics_with_data(f, kinds=("actual", "target"))),
        ("ranking", lambda: queries.region_ranking(f, RECEIVED, year).rows),
        ("figures", lambda: queries.region_figures(f, RECEIVED, year)),
        ("search", lambda: queries.search_documents(f, "行政复议")),
        ("search two words", lambda: queries.search_documents(f, "行政复议 纠错率")),
        ("listing", lambda: queries.search_documents(f, "")),
        ("brief years", lambda: pd.DataFrame(queries.brief_years(f))),
        ("brief headline", lambda: queries.brief_region_headline(f, year)),
        ("brief moves", lambda: queries.brief_moves(f, year)),
        ("brief targets", lambda: queries.brief_targets(f, year)),
        ("brief added", lambda: queries.brief_added(f, datetime(2000, 1, 1), datetime(2100, 1, 1))),
        ("quality documents", lambda: queries.quality_documents(f)),
        ("quality summary", lambda: pd.DataFrame([queries.quality_summary(f)])),
        ("corrections", lambda: queries.corrections_log()),
    ]


def test_queries_give_the_same_answers_without_the_summary_tables(test_db: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "bare.duckdb"
    shutil.copy(test_db, bare)
    con = duckdb.connect(str(bare))
    try:
        for name in summaries.TABLES:
            con.execute(f"DROP TABLE {name}")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    f = Filters(synthetic=True)
    monkeypatch.setenv("REPORTS_DB", str(test_db))
    assert set(summaries.TABLES) <= db.tables()
    year = queries.brief_default_year(f)
    assert year is not None
    stored = [(label, call()) for label, call in _views(f, year)]
    monkeypatch.setenv("REPORTS_DB", str(bare))
    assert not set(summaries.TABLES) & db.tables()
    for (label, want), (_, call) in zip(stored, _views(f, year), strict=True):
        pd.testing.assert_frame_equal(call(), want, check_exact=False, rtol=1e-9, obj=label)
    assert any(len(df) for label, df in stored if label.startswith("brief"))
    db.release()

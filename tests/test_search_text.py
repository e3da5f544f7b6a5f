"""The search's deflated texts (etl/after/search_text.py) and the search over them (dashboard/queries/search.py).

- every text is in ``search_texts``, deflated, and inflates back to itself (heads too, cut mid-character);
- the step is incremental: a one-file change deflates that file's texts only, rows of removed files go,
  the dictionary stays;
- the search returns the same frame whether it reads ``search_texts`` or (a database without them) ``texts``;
- a schema-5 database is upgraded by copying its rows, not by extracting again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_build import query, snapshot

from dashboard import queries
from dashboard.filters import Filters
from etl.after import search_text
from etl.load import migrate, store
from etl.load.build import build

REPORTS = {
    "a_2023.txt": "某县2023年法治政府建设年度报告\n2023年,某县坚持依法行政,全年收到行政复议申请12件。其他工作稳步推进。\n",
    "b_2021.txt": "某市2021年法治政府建设年度报告\n2021年,某市加强行政复议工作。行政复议案件增多,行政复议体制改革推进,"
                  "行政复议队伍建设加强,行政复议决定全部履行。PPP项目合法性审查3件,ppp协议备案。\n",
    "c_2018.txt": "某区2018年行政复议工作报告\n" + "2018年,某区收到行政复议申请30件,依法办结。" * 30
                  + "最后,PPP项目的行政复议纠错率为5%。\n",
    "d_2020.txt": "一、基本情况\n2020年,某镇的人民调解工作有序开展,调解纠纷45件。\n",
}
QUERIES = ["行政复议", "行政复议 纠错率", "人民调解", "ppp", "PPP 项目", "纠错率", "不存在的词语"]


def deflated(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        zdict = search_text.zdict_of(con)
        assert zdict is not None
        return {d: search_text.decode_text(b, zdict) for d, b in con.execute("SELECT doc_id, body FROM search_texts").fetchall()}
    finally:
        con.close()


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    data.mkdir()
    for name, text in REPORTS.items():
        (data / name).write_text(text, encoding="utf-8")
    db = tmp_path / "db" / "reports.duckdb"
    build(data, db, progress=False)
    return data, db


def test_every_text_inflates_back(built: tuple[Path, Path]) -> None:
    _, db = built
    assert deflated(db) == dict(query(db, "SELECT doc_id, text FROM texts"))
    assert query(db, "SELECT count(*) FROM search_zdict") == [(1,)]


def test_heads_are_cut_on_characters() -> None:
    zdict = "行政复议".encode() * 10
    text = "甲" * 5 + "𠀀" * 5 + "abc"  # a four-byte character where 4 * chars bytes would cut
    body = search_text.encode_text(text, zdict)
    assert search_text.decode_text(body, zdict) == text
    for n in range(len(text) + 2):
        assert search_text.decode_text_head(body, zdict, n) == text[:n]


def test_one_changed_file_deflates_its_texts_only(built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    data, db = built
    before = dict(query(db, "SELECT doc_id, body FROM search_texts"))
    zdict = query(db, "SELECT zdict FROM search_zdict")
    calls: list[str] = []
    encode = search_text.encode_text
    monkeypatch.setattr(search_text, "encode_text", lambda text, z: calls.append(text) or encode(text, z))
    (data / "e_2022.txt").write_text("某乡2022年法治政府建设年度报告\n全年收到行政复议申请2件。\n", encoding="utf-8")
    (data / "d_2020.txt").unlink()
    build(data, db, progress=False)
    assert calls == ["某乡2022年法治政府建设年度报告\n全年收到行政复议申请2件。\n"]
    after = dict(query(db, "SELECT doc_id, body FROM search_texts"))
    assert deflated(db) == dict(query(db, "SELECT doc_id, text FROM texts"))
    assert len(after) == 4 and all(after[d] == b for d, b in before.items() if d in after)
    assert query(db, "SELECT zdict FROM search_zdict") == zdict


def test_search_is_the_same_over_deflated_and_plain_texts(built: tuple[Path, Path], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _, db = built
    plain = tmp_path / "plain.duckdb"
    shutil.copy(db, plain)
    con = duckdb.connect(str(plain))
    con.execute("DELETE FROM search_zdict")  # as a database the step never ran on: the search reads texts
    con.close()
    results = {}
    for path in (db, plain):
        monkeypatch.setenv("REPORTS_DB", str(path))
        results[path] = [queries.search_documents(Filters(), q) for q in QUERIES]
        results[path].append(queries.search_documents(Filters(), ""))
        results[path].append(queries.recent_documents(Filters()))
    assert any(len(r) > 1 for r in results[db])
    assert (results[db][0]["context"] != "").all()
    assert results[db][2]["title"].iloc[0].startswith("2020年,某镇的人民调解工作有序开展")  # derived from the head
    for new, old in zip(results[db], results[plain], strict=True):
        pd.testing.assert_frame_equal(new, old)


def test_schema_5_is_upgraded_by_copying_rows(built: tuple[Path, Path], tmp_path: Path) -> None:
    data, db = built
    fresh = tmp_path / "fresh.duckdb"
    shutil.copy(db, fresh)
    con = duckdb.connect(str(db))  # schema 5: the same rows, no search_texts
    con.execute("UPDATE schema_version SET version = 5")
    con.execute("DROP TABLE search_texts")
    con.execute("DROP TABLE search_zdict")
    con.close()
    prev = migrate.previous_build(db)
    assert prev.reusable and prev.rewrite
    s = build(data, db, progress=False)
    assert (s.files_read, s.files_reused) == (0, 4) and "沿用" in s.note
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert deflated(db) == dict(query(db, "SELECT doc_id, text FROM texts"))
    assert snapshot(db, skip=("etl_runs",)) == snapshot(fresh, skip=("etl_runs",))
    assert build(data, db, progress=False).note == "无变化:数据库未改写"  # and from then on as usual


def test_words_are_counted_in_the_first_characters_as_the_sql_did() -> None:
    from dashboard.queries import search

    limit = search.TF_CHARS
    texts = ["行政复议" + "甲" * (limit - 10) + "行政复议" * 5,  # over the limit in characters: the tail not counted
             "复议" * (limit // 3),  # over it in bytes only
             "行政复议行政复议复议", "", "ab行政复议" * 3]
    cases = [(text, words) for text in texts for words in (["行政复议"], ["复议", "行政"], ["甲"], ["ab"])]
    got = [search._counts(text.encode("utf-8"), words) for text, words in cases]
    assert got == [[text[:limit].count(w) for w in words] for text, words in cases]
    assert got[0] == [2] and got[5] == [limit // 3, 0]  # the tail past the limit not counted; bytes over the limit

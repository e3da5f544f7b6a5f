"""The one copy of the texts (etl/load/text_store.py) and its readers: the report reader, the search, the export.

- every text is in ``texts``, compressed, and decompresses to the part of its file the build read (heads too, cut
  mid-character), so the figures' offsets index into it;
- the build is incremental: a one-file change compresses that file's texts only, rows of removed files go,
  the dictionary stays;
- the reader, the search and the Parquet export give the decompressed texts;
- databases of schema 5 and 6 (one text per VARCHAR row) are upgraded by copying their rows, not by extracting.
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
from etl.load import migrate, store, text_store
from etl.load.build import build
from etl.load.export import export_parquet

REPORTS = {
    "a_2023.txt": "某县2023年法治政府建设年度报告\n2023年,某县坚持依法行政,全年收到行政复议申请12件。其他工作稳步推进。\n",
    "b_2021.txt": "某市2021年法治政府建设年度报告\n2021年,某市加强行政复议工作。行政复议案件增多,行政复议体制改革推进,"
                  "行政复议队伍建设加强,行政复议决定全部履行。PPP项目合法性审查3件,ppp协议备案。\n",
    "c_2018.txt": "某区2018年行政复议工作报告\n" + "2018年,某区收到行政复议申请30件,依法办结。" * 30
                  + "最后,PPP项目的行政复议纠错率为5%。\n",
    "d_2020.txt": "一、基本情况\n2020年,某镇的人民调解工作有序开展,调解纠纷45件。\n",
}
QUERIES = ["行政复议", "行政复议 纠错率", "人民调解", "ppp", "PPP 项目", "纠错率", "不存在的词语"]


def stored(db: Path) -> dict[str, str]:
    """Every text of the database, decompressed."""
    with store.read_only(db) as con:
        ids = [r[0] for r in con.execute("SELECT doc_id FROM texts").fetchall()]
        return text_store.read_texts(con, ids)


def from_files(data: Path, db: Path) -> dict[str, str]:
    """What the build read: each document's part of its file's text."""
    rows = query(db, "SELECT doc_id, path, text_start, text_end FROM documents")
    return {d: (data / p).read_text(encoding="utf-8")[a:b] for d, p, a, b in rows}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    data.mkdir()
    for name, text in REPORTS.items():
        (data / name).write_text(text, encoding="utf-8")
    db = tmp_path / "db" / "reports.duckdb"
    build(data, db, progress=False)
    return data, db


def test_every_text_decompresses_to_what_was_read(built: tuple[Path, Path]) -> None:
    data, db = built
    texts = stored(db)
    assert texts == from_files(data, db) and len(texts) == len(REPORTS)
    assert query(db, "SELECT count(*) FROM text_zdict") == [(1,)]
    evidence = query(db, 'SELECT doc_id, start, "end", evidence FROM figures')
    assert evidence and all(texts[d][a:b] == e for d, a, b, e in evidence)  # offsets index into the text


def test_heads_are_cut_on_characters() -> None:
    codec = text_store.Codec(text_store.make_zdict(["行政复议" * 10]))
    text = "甲" * 5 + "𠀀" * 5 + "abc"  # a four-byte character where 4 * chars bytes would cut
    body = codec.encode(text)
    assert codec.decode(body) == text and codec.inflate(body) == text.encode("utf-8")
    for n in range(len(text) + 2):
        assert codec.decode_head(body, n) == text[:n]


def test_a_trained_dictionary_compresses_many_texts_better_than_none() -> None:
    samples = [f"某县{n}年法治政府建设年度报告。全年收到行政复议申请{n * 7}件,受理{n * 5}件,办结{n * 3}件。" * 3
               for n in range(400)]
    zdict = text_store.make_zdict(samples)
    assert len(zdict) > 1000  # trained, not the raw-content fallback
    plain = text_store.Codec(text_store.make_zdict(["x"]))
    codec = text_store.Codec(zdict)
    assert sum(len(codec.encode(s)) for s in samples) < 0.8 * sum(len(plain.encode(s)) for s in samples)
    assert all(codec.decode(codec.encode(s)) == s for s in samples)


def test_one_changed_file_compresses_its_texts_only(built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    data, db = built
    before = dict(query(db, "SELECT doc_id, body FROM texts"))
    zdict = query(db, "SELECT zdict FROM text_zdict")
    calls: list[str] = []
    encode = text_store.Codec.encode
    monkeypatch.setattr(text_store.Codec, "encode", lambda self, text: calls.append(text) or encode(self, text))
    (data / "e_2022.txt").write_text("某乡2022年法治政府建设年度报告\n全年收到行政复议申请2件。\n", encoding="utf-8")
    (data / "d_2020.txt").unlink()
    build(data, db, progress=False)
    assert calls == ["某乡2022年法治政府建设年度报告\n全年收到行政复议申请2件。\n"]
    after = dict(query(db, "SELECT doc_id, body FROM texts"))
    assert stored(db) == from_files(data, db)
    assert len(after) == 4 and all(after[d] == b for d, b in before.items() if d in after)
    assert query(db, "SELECT zdict FROM text_zdict") == zdict


def test_reader_search_and_export_read_the_texts(built: tuple[Path, Path], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    data, db = built
    texts = from_files(data, db)
    monkeypatch.setenv("REPORTS_DB", str(db))
    for doc_id, text in texts.items():
        assert queries.document(doc_id)["text"] == text
    assert queries.document("no such document") is None
    results = [queries.search_documents(Filters(), q) for q in QUERIES]
    assert any(len(r) > 1 for r in results)
    assert (results[0]["context"] != "").all()
    flat = {d: " ".join(t.split()) for d, t in texts.items()}  # snippets collapse spaces and mark cuts with …
    assert all(c.strip("…") in flat[d] for r in results for d, c in zip(r["doc_id"], r["context"], strict=True))
    assert results[2]["title"].iloc[0].startswith("2020年,某镇的人民调解工作有序开展")  # derived from the head
    export_parquet(db, tmp_path / "out")
    exported = pd.read_parquet(tmp_path / "out" / "texts.parquet")
    assert list(exported.columns) == ["doc_id", "text"]
    assert dict(zip(exported["doc_id"], exported["text"], strict=True)) == texts


@pytest.mark.parametrize("version", [5, 6])
def test_schema_5_and_6_are_upgraded_by_copying_rows(built: tuple[Path, Path], tmp_path: Path, version: int) -> None:
    data, db = built
    fresh = tmp_path / "fresh.duckdb"
    shutil.copy(db, fresh)
    texts = stored(db)
    con = duckdb.connect(str(db))  # schema 5/6: the same rows, texts one VARCHAR per row
    con.execute("UPDATE schema_version SET version = ?", [version])
    con.execute("DROP TABLE texts")
    con.execute("DROP TABLE text_zdict")
    con.execute("CREATE TABLE texts (doc_id VARCHAR PRIMARY KEY, text VARCHAR NOT NULL)")
    con.executemany("INSERT INTO texts VALUES (?, ?)", list(texts.items()))
    if version == 6:
        con.execute("CREATE TABLE search_texts (doc_id VARCHAR NOT NULL, body BLOB NOT NULL)")
    con.close()
    prev = migrate.previous_build(db)
    assert prev.reusable and prev.rewrite
    s = build(data, db, progress=False)
    assert (s.files_read, s.files_reused) == (0, 4) and "沿用" in s.note
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert stored(db) == texts
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

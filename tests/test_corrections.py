"""Corrections (etl/after/corrections.py, current.py, live.py): validation, the append-only log, the *_current views, and survival
across `python -m etl build` runs, re-extraction from scratch and changed files (orphaned, never dropped)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import QINGHAI, QUJIANG
from corpora import SEEDS

from etl.after import corrections as corr
from etl.after import live
from etl.load.store import read_only
from etl.load.text_store import read_texts

ROOT = Path(__file__).resolve().parents[1]


def cli_build(data: Path) -> None:
    """The real command line, as an operator runs it."""
    subprocess.run([sys.executable, "-m", "etl", "build", "--data", str(data), "--no-progress"], cwd=ROOT,
                   check=True, capture_output=True)


def build(data: Path) -> None:
    """In-process build (the gazetteer and jieba load once per test session)."""
    from etl.load.build import build as etl_build

    etl_build(data, data / "reports.duckdb", progress=False)


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def edit(fid: str, **payload: object) -> dict:
    return corr.make("edit_figure", author="测试", reason="核对原文", figure_id=fid, payload=payload)


# --- validation (no database) ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "message"), [
    ({"action": "edit_figure", "figure_id": "f1", "payload": {"value": 1}, "reason": "  "}, "理由"),
    ({"action": "edit_figure", "figure_id": "f1", "payload": {"value": 1}, "author": ""}, "更正人"),
    ({"action": "rename", "figure_id": "f1"}, "未知的更正类型"),
    ({"action": "edit_figure", "figure_id": "f1", "payload": {"value": "十二"}}, "数字"),
    ({"action": "edit_figure", "figure_id": "f1", "payload": {"value": float("nan")}}, "有限"),
    ({"action": "edit_figure", "figure_id": "f1", "payload": {"value": True}}, "数字"),
    ({"action": "edit_figure", "figure_id": "f1", "payload": {"qualifier": "more"}}, "限定词"),
    ({"action": "edit_figure", "figure_id": "f1", "payload": {"kind": "plan"}}, "类别"),
    ({"action": "edit_figure", "figure_id": "f1", "payload": {"evidence": "x"}}, "不能修改"),
    ({"action": "edit_figure", "figure_id": "f1", "payload": {}}, "没有要修改"),
    ({"action": "edit_figure", "payload": {"value": 1}}, "figure_id"),
    ({"action": "add_figure", "doc_id": "d1", "payload": {"metric": "m", "value": 1}}, "缺少字段"),
    ({"action": "add_figure", "doc_id": "d1", "payload": {"metric": "m", "value": 1, "unit": "件",
                                                          "qualifier": "exact", "kind": "actual", "evidence": "x",
                                                          "start": 5, "end": 2}}, "证据位置"),
    ({"action": "edit_document", "doc_id": "d1", "payload": {"year": "二〇二三"}}, "年份"),
    ({"action": "edit_document", "doc_id": "d1", "payload": {"year": 3000}}, "合理范围"),
    ({"action": "edit_document", "doc_id": "d1", "payload": {"doc_type": None}}, "不能为空"),
    ({"action": "edit_document", "doc_id": "d1", "payload": {"region_code": "44"}}, "6 位"),
    ({"action": "edit_document", "doc_id": "d1", "payload": {"path": "x"}}, "不能修改"),
    ({"action": "revert"}, "撤销"),
])
def test_invalid_corrections_are_refused_with_a_reason(kwargs: dict, message: str) -> None:
    c = {"correction_id": "c1", "author": "测试", "reason": "核对原文", **kwargs}
    with pytest.raises(corr.CorrectionError, match=message):
        corr.validate(c)


def test_document_edit_may_clear_a_field_and_normalises_year() -> None:
    c = corr.make("edit_document", author="a", reason="r", doc_id="d1", payload={"county": "", "year": "2023"})
    assert c["payload"] == {"county": None, "year": 2023}


def test_region_payload_fills_names_from_the_gazetteer() -> None:
    p = corr.region_payload("440205")
    assert p["province"] == "广东省" and p["city"] == "韶关市" and p["county"] == "曲江区"
    assert p["region_name"] == "广东省/韶关市/曲江区" and p["level"] == "county" and p["region_code"] == "440205"
    assert corr.region_payload("630000")["region_name"] == "青海省"
    with pytest.raises(corr.CorrectionError):
        corr.region_payload("999999")


# --- the log ----------------------------------------------------------------------------------------------------

def test_log_appends_in_order_with_increasing_times_and_survives_a_broken_line(tmp_path: Path) -> None:
    log = tmp_path / corr.LOG_NAME
    first = corr.append(log, edit("f1", value=1))
    second = corr.append(log, edit("f1", value=2))
    assert second["created_at"] > first["created_at"]
    with open(log, "a", encoding="utf-8") as fh:
        fh.write('{"action": "edit_figure", "broken\n')  # a crash mid-write, or a bad hand edit
    third = corr.append(log, edit("f2", kind="target"))
    records, problems = corr.read_log(log)
    assert [r["correction_id"] for r in records] == [first["correction_id"], second["correction_id"],
                                                       third["correction_id"]]
    assert len(problems) == 1 and "第 3 行" in problems[0]
    assert json.loads(log.read_text(encoding="utf-8").splitlines()[0])["payload"] == {"value": 1.0}


def test_log_keeps_line_separators_inside_text(tmp_path: Path) -> None:
    log = tmp_path / corr.LOG_NAME
    c = corr.make("add_figure", author="a", reason="原文\u2028第二行", doc_id="d1",
                  payload={"metric": "m", "value": 1, "unit": "件", "qualifier": "exact", "kind": "actual",
                           "evidence": "共\u2028受理1件", "start": 0, "end": 6})
    corr.append(log, c)
    records, problems = corr.read_log(log)
    assert not problems and records[0]["payload"]["evidence"] == "共\u2028受理1件"


def test_revert_rules(tmp_path: Path) -> None:
    log = tmp_path / corr.LOG_NAME
    c = corr.append(log, edit("f1", value=1))
    with pytest.raises(corr.CorrectionError, match="不存在"):
        corr.append(log, corr.make("revert", author="a", reason="r", reverts="nope"))
    r = corr.append(log, corr.make("revert", author="a", reason="r", reverts=c["correction_id"]))
    with pytest.raises(corr.CorrectionError, match="已经撤销"):
        corr.append(log, corr.make("revert", author="a", reason="r", reverts=c["correction_id"]))
    with pytest.raises(corr.CorrectionError, match="不能再撤销"):
        corr.append(log, corr.make("revert", author="a", reason="r", reverts=r["correction_id"]))
    with pytest.raises(corr.CorrectionError, match="保存过"):
        corr.append(log, c)


# --- against a real build -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    data = tmp_path_factory.mktemp("corr_data")
    for name in (QUJIANG, QINGHAI):
        shutil.copy(SEEDS / name, data / name)
    build(data)
    return data, data / "reports.duckdb"


def figure(db: Path, metric: str) -> tuple:
    got = rows(db, "SELECT figure_id, doc_id, value, qualifier, kind, corrected FROM figures_current "
                   "WHERE metric = ? ORDER BY start", [metric])
    assert got, metric
    return got[0]


def test_corrections_apply_at_once_and_survive_two_cli_builds_and_a_rebuild_from_scratch(
        built: tuple[Path, Path]) -> None:
    data, db = built
    fid, doc_id, value, _, _, corrected = figure(db, "mediation.disputes")
    assert not corrected
    gone_id = figure(db, "services.completion_rate")[0]
    plan_doc = rows(db, "SELECT doc_id FROM documents WHERE doc_type = 'work_points'")[0][0]
    with read_only(db) as con:
        text = read_texts(con, [doc_id])[doc_id]
    evidence = "驻村居律师全年累计提供服务总数995件"
    start = text.index(evidence)
    before = os.stat(db).st_mtime_ns

    live.save(edit(fid, value=value + 1, qualifier="at_least"), db, data)
    live.save(corr.make("delete_figure", author="a", reason="不是办结率", figure_id=gone_id), db, data)
    added = live.save(corr.make("add_figure", author="a", reason="漏提", doc_id=doc_id, payload={
        "metric": "legal_aid.cases", "value": 995, "unit": "件", "qualifier": "exact", "kind": "actual",
        "evidence": evidence, "start": start, "end": start + len(evidence)}), db, data)
    live.save(corr.make("edit_document", author="a", reason="省级要点", doc_id=plan_doc,
                        payload={**corr.region_payload("630000"), "year": 2024}), db, data)
    assert os.stat(db).st_mtime_ns != before  # the app's cache key moves

    def check() -> None:
        assert figure(db, "mediation.disputes")[2:] == (value + 1, "at_least", "actual", True)
        assert rows(db, "SELECT count(*) FROM figures_current WHERE figure_id = ?", [gone_id]) == [(0,)]
        assert rows(db, "SELECT count(*) FROM figures WHERE figure_id = ?", [gone_id]) == [(1,)]  # raw kept
        assert rows(db, "SELECT figure_id, value, rule, corrected, start FROM figures_current WHERE metric = ?",
                    ["legal_aid.cases"]) == [(corr.added_figure_id(added["correction_id"]), 995.0, "correction",
                                              True, start)]
        assert rows(db, "SELECT province, region_code, level, corrected FROM documents_current WHERE doc_id = ?",
                    [plan_doc]) == [("青海省", "630000", "province", True)]
        # figures of a corrected document carry its corrected region and are marked
        assert set(rows(db, "SELECT DISTINCT region_code, corrected FROM figures_current WHERE doc_id = ?",
                        [plan_doc])) == {("630000", True)}
        assert rows(db, "SELECT count(*) FROM corrections") == [(4,)]

    check()
    cli_build(data)
    check()
    cli_build(data)
    check()
    db.unlink()  # re-extraction from scratch: ids are content hashes, so the corrections find their targets
    build(data)
    check()
    assert rows(db, "SELECT DISTINCT status FROM corrections_status") == [("active",)]


def test_revert_restores_the_extracted_value_and_the_latest_edit_wins(built: tuple[Path, Path]) -> None:
    data, db = built
    fid, _, original, *_ = figure(db, "reconsideration.accepted")
    a = live.save(edit(fid, value=100), db, data)
    live.save(edit(fid, value=200), db, data)
    assert figure(db, "reconsideration.accepted")[2] == 200
    b = live.revert(corr.read_log(corr.log_path(data))[0][-1]["correction_id"], author="a", reason="改错了",
                    db_path=db, data_dir=data)
    assert b["action"] == "revert"
    assert figure(db, "reconsideration.accepted")[2] == 100
    live.revert(a["correction_id"], author="a", reason="改错了", db_path=db, data_dir=data)
    assert figure(db, "reconsideration.accepted")[2:] == (original, "exact", "actual", False)
    statuses = dict(rows(db, "SELECT correction_id, status FROM corrections_status"))
    assert statuses[a["correction_id"]] == "reverted"
    build(data)
    assert figure(db, "reconsideration.accepted")[2:] == (original, "exact", "actual", False)


def test_changed_file_orphans_its_corrections_without_dropping_them(tmp_path: Path) -> None:
    data = tmp_path
    shutil.copy(SEEDS / QUJIANG, data / QUJIANG)
    build(data)
    db = data / "reports.duckdb"
    fid = figure(db, "mediation.disputes")[0]
    c = live.save(edit(fid, value=1), db, data)
    with open(data / QUJIANG, "a", encoding="utf-8") as fh:
        fh.write("\n(本文件已更新)\n")  # new content -> new doc_id and figure ids
    build(data)
    assert rows(db, "SELECT correction_id, status FROM corrections_status") == [(c["correction_id"], "orphaned")]
    assert figure(db, "mediation.disputes")[2] == 1338 and not figure(db, "mediation.disputes")[5]
    assert len(corr.read_log(corr.log_path(data))[0]) == 1


def test_unreadable_log_line_shows_as_an_ingest_error(tmp_path: Path) -> None:
    shutil.copy(SEEDS / QINGHAI, tmp_path / QINGHAI)
    (tmp_path / corr.LOG_NAME).write_text("not json\n", encoding="utf-8")
    build(tmp_path)
    got = rows(tmp_path / "reports.duckdb", "SELECT path, stage FROM ingest_errors")
    assert got == [(corr.LOG_NAME, "corrections")]

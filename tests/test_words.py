"""Issue 13 through AppTest: forms show what the database holds, pages speak Chinese, synthetic-only hints.

The browser side (visible text, lang, dark-mode contrast) is tests/test_browser_words.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from apptest_support import button, page_alone
from conftest import fetch_one
from corpora import SEEDS

ROOT = Path(__file__).resolve().parents[1]
QUJIANG = "001_67201649ccd67642.txt"  # 韶关市曲江区2019年度法治政府建设年度报告





@pytest.fixture
def seed_db(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    from etl.load.build import build

    data = tmp_path_factory.mktemp("words_seed")
    shutil.copy(SEEDS / QUJIANG, data / QUJIANG)
    build(data, data / "reports.duckdb", progress=False)
    monkeypatch.setenv("REPORTS_DB", str(data / "reports.duckdb"))
    monkeypatch.setenv("REPORTS_DATA", str(data))
    monkeypatch.delenv("REPORTS_ADMIN_PASSWORD", raising=False)
    return data / "reports.duckdb"


def test_saved_and_reverted_correction_forms_show_the_database_value(seed_db: Path) -> None:
    fid, doc_id, old = fetch_one(seed_db, "SELECT figure_id, doc_id, value FROM figures_current "
                                    "WHERE metric = 'mediation.disputes'")
    at = page_alone("quality", {"doc": doc_id})
    at.radio(key="q_action").set_value("修改数值").run()
    at.selectbox(key="q_fig").set_value(fid).run()
    at.number_input(key=f"q_value_{fid}").set_value(old + 1)
    at.text_input(key="q_fig_reason").set_value("原文多一件")
    button(at, "保存更正").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert fetch_one(seed_db, "SELECT value FROM figures_current WHERE figure_id = ?", [fid]) == (old + 1,)
    assert at.number_input(key=f"q_value_{fid}").value == old + 1  # the database's value, not the old one
    assert at.text_input(key="q_fig_reason").value == ""  # the typed reason is gone

    at.text_input(key="q_revert_reason").set_value("查证后原值正确")
    button(at, "撤销").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert fetch_one(seed_db, "SELECT value FROM figures_current WHERE figure_id = ?", [fid]) == (old,)
    assert at.number_input(key=f"q_value_{fid}").value == old
    assert at.text_input(key="q_fig_reason").value == ""


def test_document_form_shows_the_saved_then_reverted_year(seed_db: Path) -> None:
    doc_id, year = fetch_one(seed_db, "SELECT doc_id, year FROM documents_current")
    at = page_alone("quality", {"doc": doc_id})
    at.radio(key="q_action").set_value("修改报告的地区/年份/类型").run()
    at.text_input(key=f"q_doc_year_{doc_id}").set_value("2025")
    at.text_input(key="q_doc_reason").set_value("年份有误")
    button(at, "保存更正").click().run()
    assert fetch_one(seed_db, "SELECT year FROM documents_current WHERE doc_id = ?", [doc_id]) == (2025,)
    assert at.text_input(key=f"q_doc_year_{doc_id}").value == "2025"
    assert at.text_input(key="q_doc_reason").value == ""
    at.text_input(key="q_revert_reason").set_value("原年份正确")
    button(at, "撤销").click().run()
    assert at.text_input(key=f"q_doc_year_{doc_id}").value == str(year)


def test_a_guesser_locks_only_their_own_name_at_an_address(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import auth

    monkeypatch.setenv("REPORTS_ADMIN_PASSWORD", "正确的口令")
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(limit=5, window=300, overall=20))
    at = page_alone("import_reports")
    for _ in range(6):
        at.text_input(key="import_user").set_value("猜测者")
        at.text_input(key="import_password").set_value("错误的口令")
        button(at, "登录").click().run()
    at.text_input(key="import_password").set_value("正确的口令")
    button(at, "登录").click().run()
    assert any("次数过多" in e.value and "分" in e.value for e in at.error) and not at.get("file_uploader")
    other = page_alone("import_reports")  # a colleague at the same address, with their own name
    other.text_input(key="import_user").set_value("王五")
    other.text_input(key="import_password").set_value("正确的口令")
    button(other, "登录").click().run()
    assert not other.exception and other.get("file_uploader")

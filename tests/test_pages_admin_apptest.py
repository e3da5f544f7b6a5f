"""周报, 数据质量 (with corrections) and 导入 through Streamlit's AppTest, as a user clicks them.

Flows: a correction made in the browser shows at once and survives `python -m etl build` run twice; an
uploaded file appears in the reports list without restarting; a wrong admin password is refused.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from apptest_support import button, page_alone
from conftest import fetch_one
from streamlit.testing.v1 import AppTest
from test_brief import write_db

from etl.after import corrections as corr

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
UPLOAD_TITLE = "西宁市城中区2023年法治政府建设年度报告"
UPLOAD = (f"{UPLOAD_TITLE}\n"
          "2023年,城中区坚持依法行政,全面推进法治政府建设。\n"
          "全年共收到行政复议申请45件,依法受理行政复议案件40件。\n"
          "行政机关负责人出庭应诉率达到100%。\n").encode()


def open_page(page: str, params: dict[str, str] | None = None, timeout: float = 120) -> AppTest:
    """The app as a browser opens it (URL ``params``), then ``pages/<page>.py``; fails on any exception."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at




def frame(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first table showing all ``columns`` (AppTest keeps keys only for selectable dataframes)."""
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(f"no table with columns {columns}")


def texts(at: AppTest) -> str:
    return "\n".join(str(x.value) for x in [*at.markdown, *at.caption, *at.success, *at.info, *at.error,
                                            *at.warning])


@pytest.fixture(autouse=True)
def local_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTS_ADMIN_PASSWORD", raising=False)








# --- 周报 ----------------------------------------------------------------------------------------------------

def test_brief_page_on_a_projector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTS_DB", str(write_db(tmp_path)))
    at = open_page("brief", {"week": "2024-03-06"})
    assert [t.value for t in at.title] == ["周报"]
    assert at.date_input(key="brief_day").value.isoformat() == "2024-03-06"
    headers = [h.value for h in at.header]
    assert headers[0] == "本周新增报告(3 份)" and "主要指标:2024 年与 2023 年" in headers
    assert "未达到规划目标的地区(2024 年)" in headers and "变化最大的指标" in headers
    big = texts(at)
    # the province's own 500, not + its city's 120 (a part added to its whole)
    assert '<div class="brief-value">3 份</div>' in big and '<div class="brief-value">500件</div>' in big
    assert len(at.get("plotly_chart")) >= 4
    targets = frame(at, "地区", "实际", "目标", "规划文件")
    assert set(targets["地区"]) == {"青海省", "青海省/西宁市"}
    assert {b.proto.label for b in at.get("download_button")} >= {"导出 HTML(可离线打开)", "导出 CSV"}
    # another week: nothing added, the comparison stays
    at.date_input(key="brief_day").set_value("2024-03-13").run()
    assert not at.exception
    assert at.header[0].value == "本周新增报告(0 份)"


def test_sidebar_says_local_mode(seed_db: Path) -> None:
    at = open_page("brief")
    assert any("单用户本地模式" in c.value for c in at.sidebar.caption)


# --- 数据质量 and corrections ---------------------------------------------------------------------------------

def test_quality_page_lists_documents_checks_and_errors(seed_db: Path) -> None:
    (seed_db.parent / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    from etl.load.build import build

    build(seed_db.parent, seed_db, progress=False)
    at = open_page("quality")
    docs = frame(at, "标题", "数字", "实际数")
    assert len(docs) == 2 and set(docs.columns) >= {"标题", "数字", "实际数", "目标数", "已更正", "检查问题"}
    errors = frame(at, "文件", "阶段", "原因")
    assert errors["文件"].tolist() == ["broken.pdf"] and errors["原因"].iloc[0]
    assert any(m.label == "导入错误" and m.value == "1" for m in at.metric)


def test_document_list_is_capped_but_keeps_the_linked_document(seed_db: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """At national scale the 选择报告 list holds the first N documents, plus the one the URL names."""
    monkeypatch.setenv("REPORTS_QUALITY_MAX_OPTIONS", "1")
    ids = fetch_one(seed_db, "SELECT list(doc_id ORDER BY path, part) FROM documents_current")[0]
    assert len(ids) == 2
    sizes = []
    for wanted in ids:
        at = page_alone("quality", {"doc": wanted})
        assert at.selectbox(key="q_doc").value == wanted  # the linked document is always offered
        sizes.append(len(at.selectbox(key="q_doc").options))
        assert any("下拉列表只列出前 1 份" in c.value for c in at.caption)
    assert sorted(sizes) == [1, 2]  # the first one alone; the other added to it


def test_correction_in_the_browser_shows_at_once_and_survives_two_cli_builds(seed_db: Path) -> None:
    fid, doc_id = fetch_one(seed_db, "SELECT figure_id, doc_id FROM figures_current WHERE metric = 'mediation.disputes'")
    at = page_alone("quality", {"doc": doc_id})
    assert at.selectbox(key="q_doc").value == doc_id
    at.radio(key="q_action").set_value("修改数值").run()
    at.selectbox(key="q_fig").set_value(fid).run()
    at.number_input(key=f"q_value_{fid}").set_value(1339.0)
    at.text_input(key="q_fig_reason").set_value("原文为1339宗")
    button(at, "保存更正").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("已保存" in s.value for s in at.success)
    assert fetch_one(seed_db, "SELECT value, corrected FROM figures_current WHERE figure_id = ?", [fid]) == (1339.0, True)
    log, _ = corr.read_log(corr.log_path(seed_db.parent))
    assert [(c["action"], c["figure_id"], c["payload"], c["old"], c["reason"]) for c in log] == [
        ("edit_figure", fid, {"value": 1339.0}, {"value": 1338.0}, "原文为1339宗")]

    for _ in range(2):
        subprocess.run([sys.executable, "-m", "etl", "build", "--data", str(seed_db.parent), "--no-progress"],
                       cwd=ROOT, check=True, capture_output=True)
    assert fetch_one(seed_db, "SELECT value, corrected FROM figures_current WHERE figure_id = ?", [fid]) == (1339.0, True)
    at = page_alone("quality", {"doc": doc_id})
    (evidence,) = fetch_one(seed_db, "SELECT evidence FROM figures_current WHERE figure_id = ?", [fid])
    figs = frame(at, "指标", "数值", "提取方式")  # no id column: the row is found by its sentence
    row = figs[figs["原文"] == evidence]
    assert row["数值"].tolist() == ["1,339件"] and bool(row["已更正"].iloc[0])
    logged = frame(at, "操作", "状态", "改为")
    assert logged[["操作", "状态", "改为", "原值"]].values.tolist() == [["修改数值", "生效", "数值=1339.0", "数值=1338.0"]]


def test_fix_a_documents_year_then_revert_it(seed_db: Path) -> None:
    doc_id, year = fetch_one(seed_db, "SELECT doc_id, year FROM documents_current WHERE doc_type = 'work_points'")
    at = page_alone("quality", {"doc": doc_id})
    at.radio(key="q_action").set_value("修改报告的地区/年份/类型").run()
    at.text_input(key=f"q_doc_year_{doc_id}").set_value("2025")
    at.text_input(key="q_doc_reason").set_value("要点是 2025 年的")
    button(at, "保存更正").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert fetch_one(seed_db, "SELECT year, corrected FROM documents_current WHERE doc_id = ?", [doc_id]) == (2025, True)
    assert fetch_one(seed_db, "SELECT DISTINCT year FROM figures_current WHERE doc_id = ?", [doc_id]) == (2025,)

    at.text_input(key="q_revert_reason").set_value("查证后原年份正确")
    button(at, "撤销").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert fetch_one(seed_db, "SELECT year, corrected FROM documents_current WHERE doc_id = ?", [doc_id]) == (year, False)
    statuses = frame(at, "操作", "状态", "改为")["状态"].tolist()
    assert sorted(statuses) == ["已撤销", "撤销记录"]


def test_a_correction_without_reason_is_refused(seed_db: Path) -> None:
    fid, doc_id = fetch_one(seed_db, "SELECT figure_id, doc_id FROM figures_current WHERE metric = 'mediation.disputes'")
    at = page_alone("quality", {"doc": doc_id})
    at.radio(key="q_action").set_value("删除数值").run()
    at.selectbox(key="q_fig").set_value(fid).run()
    button(at, "删除这个数字").click().run()
    assert any("理由" in e.value for e in at.error)
    assert not corr.log_path(seed_db.parent).exists()
    assert fetch_one(seed_db, "SELECT count(*) FROM figures_current WHERE figure_id = ?", [fid]) == (1,)


def test_add_a_missed_figure_needs_evidence_from_the_text(seed_db: Path) -> None:
    doc_id = fetch_one(seed_db, "SELECT doc_id FROM documents_current WHERE doc_type = 'annual_report'")[0]
    at = page_alone("quality", {"doc": doc_id})
    at.radio(key="q_action").set_value("补录数值").run()
    at.selectbox(key="q_add_metric").set_value("legal_aid.cases")
    at.number_input(key="q_add_value").set_value(995.0)
    at.text_input(key="q_add_evidence").set_value("这句话不在原文里")
    at.text_input(key="q_add_reason").set_value("漏提")
    button(at, "补录").click().run()
    assert any("找不到" in e.value for e in at.error)
    at.text_input(key="q_add_evidence").set_value("驻村居律师全年累计提供服务总数995件")
    button(at, "补录").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert fetch_one(seed_db, "SELECT value, rule, corrected FROM figures_current WHERE metric = 'legal_aid.cases'") == (
        995.0, "correction", True)


# --- access ---------------------------------------------------------------------------------------------------

def test_wrong_admin_password_is_refused(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTS_ADMIN_PASSWORD", "正确的口令")
    doc_id = fetch_one(seed_db, "SELECT doc_id FROM documents_current LIMIT 1")[0]
    at = page_alone("quality", {"doc": doc_id})
    assert frame(at, "标题", "数字", "实际数") is not None  # viewing needs nothing
    assert not [r for r in at.radio if r.key == "q_action"]
    at.text_input(key="quality_password").set_value("错误的口令")
    button(at, "登录").click().run()
    assert any("密码错误" in e.value for e in at.error)
    assert not [r for r in at.radio if r.key == "q_action"]

    at = page_alone("import_reports")
    assert not at.get("file_uploader")
    at.text_input(key="import_password").set_value("错误的口令")
    button(at, "登录").click().run()
    assert any("密码错误" in e.value for e in at.error) and not at.get("file_uploader")
    at.text_input(key="import_password").set_value("正确的口令")
    button(at, "登录").click().run()
    assert not at.exception and at.get("file_uploader")
    assert any("需要管理员密码" in c.value for c in open_page("brief").sidebar.caption)


def test_repeated_wrong_passwords_lock_the_form(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import auth

    monkeypatch.setenv("REPORTS_ADMIN_PASSWORD", "正确的口令")
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(limit=5, window=300))
    at = page_alone("import_reports")
    for _ in range(5):
        at.text_input(key="import_password").set_value("错误的口令")
        button(at, "登录").click().run()
        assert any("密码错误,已拒绝" in e.value for e in at.error)
    at.text_input(key="import_password").set_value("正确的口令")  # even the right one waits now
    button(at, "登录").click().run()
    assert any("次数过多" in e.value for e in at.error) and not at.get("file_uploader")


# --- 导入 -----------------------------------------------------------------------------------------------------

def test_upload_appears_in_the_reports_list_without_restart(seed_db: Path) -> None:
    at = page_alone("import_reports")
    before = frame(open_page("reports"), "标题", "地区")
    assert UPLOAD_TITLE not in set(before["标题"])
    at.file_uploader(key="import_files").set_value([("../城中区 报告.txt", UPLOAD, "text/plain"),
                                                    ("fake.pdf", b"not a pdf", "application/pdf")])
    at.run()
    button(at, "导入并更新数据库").click().run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    assert any("未导入 fake.pdf" in e.value for e in at.error)
    assert any("已导入 1 个文件" in s.value for s in at.success)
    imported = frame(at, "文件", "保存", "标题")
    assert imported["文件"].tolist() == ["uploads/城中区_报告.txt"] and imported["标题"].iloc[0] == UPLOAD_TITLE
    assert (seed_db.parent / "uploads" / "城中区_报告.txt").read_bytes() == UPLOAD
    after = frame(open_page("reports"), "标题", "地区")
    assert UPLOAD_TITLE in set(after["标题"])


def test_a_rate_above_100_percent_is_refused(seed_db: Path) -> None:
    fid, doc_id = fetch_one(seed_db, "SELECT figure_id, doc_id FROM figures_current WHERE unit = '%' LIMIT 1")
    at = page_alone("quality", {"doc": doc_id})
    at.radio(key="q_action").set_value("修改数值").run()
    at.selectbox(key="q_fig").set_value(fid).run()
    at.number_input(key=f"q_value_{fid}").set_value(120.0)
    at.text_input(key="q_fig_reason").set_value("试试")
    button(at, "保存更正").click().run()
    assert any("0–100%" in e.value for e in at.error)
    assert not corr.log_path(seed_db.parent).exists()

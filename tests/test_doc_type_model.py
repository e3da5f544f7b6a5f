"""The loose-kind decision (etl/extract/doc_type_model.py): the rules' kind weighed with the text's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from model_support import assert_model_file_refused

from etl.extract import doc_type_model
from etl.extract.pipeline import process_text


def _kinds(text: str) -> list[str]:
    return [d.meta.doc_type for d in process_text(text)]


NOTICE = ("某县人民政府办公室关于开展行政规范性文件清理工作的通知\n各乡镇人民政府,县政府各部门:\n"
          "为维护法制统一,确保政令畅通,现将有关事项通知如下。此次共清理规范性文件120件。")


# the same notice without its address line: the rules call it news (no report's title, no 各…: line), the model other
NOTICE_UNADDRESSED = NOTICE.replace("各乡镇人民政府,县政府各部门:\n", "")


def test_a_notice_to_lower_bodies_is_other() -> None:
    # its words (通知如下) are a notice's, with its address line (各乡镇人民政府…:, which the rules read) or without
    assert _kinds(NOTICE) == ["other"] and _kinds(NOTICE_UNADDRESSED) == ["other"]


def test_a_reports_title_still_makes_an_annual_report() -> None:
    assert _kinds("某市2023年法治政府建设年度报告\n2023年,我市坚持依法行政,全市共收到行政复议申请500件。") == ["annual_report"]


def test_a_plans_or_a_briefings_kind_is_the_rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # a model that would call everything news never sees a plan or a briefing
    monkeypatch.setattr(doc_type_model, "model", lambda: {"classes": ["news"], "weights": {"bias": [1.0]},
                                                          "text_chars": 300, "text_scale": 0.5})
    assert doc_type_model.refine("work_points", "某市2024年法治政府建设工作要点", "一、工作目标") == "work_points"
    assert doc_type_model.refine("briefing", "某县司法局局长2023年述职报告", "本人任局长以来,认真履职。") == "briefing"
    assert doc_type_model.refine("annual_report", "某市工作总结", "全年共办理案件10件。") == "news"


def test_a_title_naming_its_year_and_a_report_keeps_the_rules_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Full-suite run: a hotline's 关于2023年…情况的报告 was turned into a bulletin by its words (热线, 受理)."""
    monkeypatch.setattr(doc_type_model, "model", lambda: {"classes": ["other"], "weights": {"bias": [1.0]},
                                                          "text_chars": 300, "text_scale": 0.5})
    assert doc_type_model.refine("annual_report", "关于2023年全市12345热线办理情况的报告", "热线共受理诉求。") == "annual_report"
    assert doc_type_model.refine("annual_report", "2023年度工作总结", "") == "annual_report"
    # what a page adds after the title (second review)
    for tail in ("(全文)", "(书面)", ".docx", "-某某网", "》"):
        title = "关于2023年全市12345热线办理情况的报告" + tail
        assert doc_type_model.refine("annual_report", title, "热线共受理诉求。") == "annual_report", tail
    # an analysis report is a study, and a title without its year says less: the model decides
    assert doc_type_model.refine("annual_report", "全国价格监管平台2016年分析报告", "") == "other"
    assert doc_type_model.refine("annual_report", "调查情况报告", "") == "other"


def test_a_briefings_title_keeps_its_kind() -> None:
    """Review: the model turned the rules' briefings (汇报材料, 述职) into reports or news."""
    assert _kinds("某市司法局2023年法治政府建设工作汇报材料\n2023年,我局认真履行职责,办理行政复议案件30件。") == ["briefing"]
    assert _kinds("述职报告\n本人2023年任县司法局局长以来,认真履职,全年办理法律援助案件120件。") == ["briefing"]


def test_a_model_naming_a_kind_it_may_not_give_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_type_model, "model", lambda: {"classes": ["work_plan"], "weights": {"bias": [1.0]},
                                                          "text_chars": 300, "text_scale": 0.5})
    assert doc_type_model.refine("news", None, "今年以来,某局共办理案件10件。") == "news"


def test_a_model_file_without_its_window_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert_model_file_refused(monkeypatch, doc_type_model, "DOC_TYPE_MODEL_PATH", tmp_path / "doc_type.json",
                              '{"classes": ["news"], "weights": {"bias": [1.0]}}', "text_chars")


def test_without_a_model_the_rules_decide(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(doc_type_model, "DOC_TYPE_MODEL_PATH", tmp_path / "absent.json")
    doc_type_model.model.cache_clear()
    try:
        assert doc_type_model.refine("news", None, "讲述人:我出生于上个世纪70年代。") == "news"
        assert doc_type_model.refine("annual_report", None, "讲述人:我出生于上个世纪70年代。") == "annual_report"
    finally:
        doc_type_model.model.cache_clear()


def test_the_model_reads_only_the_features_its_cues_make() -> None:
    fitted = doc_type_model.model()
    assert fitted is not None and set(fitted["classes"]) <= set(doc_type_model.LOOSE)
    assert 0 < fitted["text_chars"] <= doc_type_model.RECORD_CHARS
    cues = doc_type_model.cues("news", "标题", "正文", fitted["text_chars"], fitted["text_scale"])
    if fitted.get("writing_marks"):
        cues |= doc_type_model.writing_marks("正文")
    for name, weights in fitted["weights"].items():
        assert len(weights) == len(fitted["classes"]), name
        if name.startswith(("t:", "bg:")):
            assert len(name.split(":", 1)[1]) == 2, name
        else:
            assert name in cues or name.startswith("rules="), name


def test_the_recorder_gets_one_entry_per_document_and_changes_nothing() -> None:
    assert _kinds(NOTICE_UNADDRESSED) == ["other"]  # the model's kind
    doc_type_model.recorder = []
    try:
        kinds = _kinds(NOTICE_UNADDRESSED) + _kinds("某市2024年法治政府建设工作要点\n一、工作目标\n全年办理案件100件。")
        rec = doc_type_model.recorder
    finally:
        doc_type_model.recorder = None
    assert kinds == ["news", "work_points"]  # while recording, the rules' kinds
    assert rec[0][0] is not None and rec[0][0][0].endswith("通知") and rec[1] == (None, "work_points")


def test_writing_marks_count_how_the_whole_text_is_written() -> None:
    news = "本报讯(记者 张三 通讯员 李四)近日,某县司法局举办法律援助培训。\n责任编辑:王五"
    report = "一、主要成效\n2023年,我县坚持依法行政。我们扎实推进法治政府建设。\n二、存在问题\n(一)基层力量不足。"
    marks = doc_type_model.writing_marks(news)
    assert marks["m1:byline"] == 1.0 and marks["m:byline"] == 0.6  # 本报讯, 记者, 通讯员: and marks["m1:page_furniture"] == 1.0
    assert marks["m1:headings"] == 0.0 and marks["m1:first_person"] == 0.0
    marks = doc_type_model.writing_marks(report)
    assert marks["m:headings"] == 0.4 and marks["m1:sub_headings"] == 1.0 and marks["m1:first_person"] == 1.0
    assert marks["m1:we"] == 1.0 and marks["m1:byline"] == 0.0
    # a count of ten weighs 2 and no more: a long compilation is not ten times a report
    assert doc_type_model.writing_marks("我们" * 40)["m:we"] == 2.0
    # a mark far down a long compilation is not read
    assert doc_type_model.writing_marks("。" * doc_type_model.MARK_CHARS + "记者")["m1:byline"] == 0.0


def test_a_model_fitted_with_writing_marks_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # a byline anywhere in the text (not only in the opening the pairs read) makes news for a model that weighs it
    fitted = {"classes": ["annual_report", "news"], "weights": {"bias": [1.0, 0.0], "m1:byline": [0.0, 2.0]},
              "text_chars": 10, "text_scale": 0.5, "writing_marks": True}
    monkeypatch.setattr(doc_type_model, "model", lambda: fitted)
    text = "2023年,某县司法局共办理法律援助案件120件。" * 3 + "(记者 张三)"
    assert doc_type_model.refine("annual_report", None, text) == "news"
    assert doc_type_model.refine("annual_report", None, text.replace("记者", "")) == "annual_report"
    # fitted without them, the same weights are never read
    monkeypatch.setattr(doc_type_model, "model", lambda: {**fitted, "writing_marks": False})
    assert doc_type_model.refine("annual_report", None, text) == "annual_report"


def test_a_byline_is_read_by_its_shape_not_its_words() -> None:
    """Review: 日电 inside 次日电话, 记者节 and 回答记者提问 turned reports into news."""
    for text in ("次日电话回访当事人。", "在记者节座谈会上。", "局长回答记者提问。"):
        assert doc_type_model.writing_marks(text)["m1:byline"] == 0.0, text
    for text in ("(记者 王洲)", "本报记者 张三 报道", "记者从市司法局获悉,", "新华社北京12月7日电"):
        assert doc_type_model.writing_marks(text)["m1:byline"] == 1.0, text
    # a heading after a run of blank lines is still a heading (read without ^\s*, which a run of blanks made quadratic)
    assert doc_type_model.writing_marks("\n" * 50 + "  一、主要成效")["m1:headings"] == 1.0

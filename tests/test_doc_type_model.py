"""The loose-kind decision (etl/extract/doc_type_model.py): the rules' kind weighed with the text's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract import doc_type_model
from etl.extract.pipeline import process_text


def _kinds(text: str) -> list[str]:
    return [d.meta.doc_type for d in process_text(text)]


def test_a_notice_to_lower_bodies_is_other_and_a_first_person_story_is_news() -> None:
    notice = ("某县人民政府办公室关于开展行政规范性文件清理工作的通知\n各乡镇人民政府,县政府各部门:\n"
              "为维护法制统一,确保政令畅通,现将有关事项通知如下。此次共清理规范性文件120件。")
    story = ("讲述人:某市司法局法律援助中心主任 我出生于上个世纪70年代,学生时代的一次法律经历让我走上了这条路。"
             "从业以来,我办理法律援助案件300余件。")
    assert _kinds(notice) == ["other"]
    assert _kinds(story) == ["news"]


def test_a_reports_title_still_makes_an_annual_report() -> None:
    assert _kinds("某市2023年法治政府建设年度报告\n2023年,我市坚持依法行政,全市共收到行政复议申请500件。") == ["annual_report"]


def test_a_plans_kind_is_the_rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # a model that would call everything news never sees a plan
    monkeypatch.setattr(doc_type_model, "model", lambda: {"classes": ["news"], "weights": {"bias": [1.0]}})
    assert doc_type_model.refine("work_points", "某市2024年法治政府建设工作要点", "一、工作目标") == "work_points"
    assert doc_type_model.refine("annual_report", "某市2023年工作总结", "全年共办理案件10件。") == "news"


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
    cues = doc_type_model.cues("news", "标题", "正文")
    for name, weights in fitted["weights"].items():
        assert len(weights) == len(fitted["classes"]), name
        if name.startswith(("t:", "bg:")):
            assert len(name.split(":", 1)[1]) == 2, name
        else:
            assert name in cues or name.startswith("rules="), name


def test_the_recorder_gets_one_entry_per_document_and_changes_nothing() -> None:
    doc_type_model.recorder = []
    try:
        kinds = _kinds("某市2024年法治政府建设工作要点\n一、工作目标\n全年办理案件100件。")
        rec = doc_type_model.recorder
    finally:
        doc_type_model.recorder = None
    assert kinds == ["work_points"] and rec == [(None, "work_points")]

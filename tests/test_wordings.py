"""Each family of wording these reports use for a figure, read inside a county's yearly report.

The sentences (tests/fixtures/wordings.tsv) are written from how such reports phrase a figure — the verb
families (收到/接到/新收, 受理/立案, 审结/办结, 调处/化解, 报备/报送备案 …), result-first phrasings, the topic named in
the clause before — not copied from a labelled text, so a rule that only learned its examples fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract.pipeline import process_text

HEAD = ("某某省某某市某某县人民政府关于2022年度法治政府建设情况的报告\n"
        "2022年,我县深入推进法治政府建设,现将有关情况报告如下。\n")
ROWS = [line.split("\t") for line in
        (Path(__file__).parent / "fixtures" / "wordings.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")]


def test_every_metric_family_has_wordings() -> None:
    assert len(ROWS) >= 150
    assert len({key.split(".")[0] for key, _, _ in ROWS}) >= 12


@pytest.mark.parametrize("key, value, sentence", ROWS, ids=[f"{k}:{s[:12]}" for k, _, s in ROWS])
def test_wording_read(key: str, value: str, sentence: str) -> None:
    got = {(f.metric, f.value) for d in process_text(HEAD + sentence + "\n") for f in d.figures}
    assert (key, float(value)) in got


def test_the_year_requests_are_carried_into_is_no_target() -> None:
    kinds = {f.metric: f.kind for d in process_text(HEAD + "2022年共办结政府信息公开申请16件,结转至2023年办理1件。\n")
             for f in d.figures}
    assert kinds.get("disclosure.requests_carried_forward") == "actual"


KINDS = [line.split("\t") for line in
         (Path(__file__).parent / "fixtures" / "kinds.tsv").read_text(encoding="utf-8").splitlines()
         if line and not line.startswith("#")]


@pytest.mark.parametrize("kind, key, value, sentence", KINDS, ids=[f"{k}:{s[:12]}" for k, _, _, s in KINDS])
def test_kind_read(kind: str, key: str, value: str, sentence: str) -> None:
    """A goal word between a rate and its number (率要达到, 率须达到, 率目标为), a floor (不低于) and a later year's goal
    make a target; a goal word beside a count that was achieved (按要求, 完成了年度任务) does not."""
    got = {(f.metric, f.value, f.kind) for d in process_text(HEAD + sentence + "\n") for f in d.figures}
    assert (key, float(value), kind) in got


def test_a_rule_in_one_item_sets_no_goal_for_the_next() -> None:
    # 二是要求…不得少于2次; 三是…组织…学习2次: the next item of the enumeration says what was done
    text = ("二是要求各级中心组将习近平法治思想纳入专题学习计划,明确全年学习不得少于2次,积极营造学习氛围;"
            "三是以县委理论学习中心组为抓手,组织县处级领导干部带头领学习近平法治思想2次。")
    got = {(f.value, f.kind) for d in process_text(text) for f in d.figures if f.metric == "training.law_lectures"}
    assert (2, "actual") in got
    # a frame that looks back (年初确定的目标任务) sets no goal; 统一、 inside a word is no item that would hide a goal frame
    text = "2023年,我局紧紧围绕年初确定的目标任务:一是加强学习;二是办理法律援助案件320件;三是调解矛盾纠纷1800件。"
    assert {f.kind for d in process_text(text) for f in d.figures} == {"actual"}
    text = ("某县司法局2023年法治政府建设工作报告\n下一步,我局将按照统一、规范、高效的要求,力争实现以下目标:一是加强学习;"
            "二是全年办理法律援助案件300件。")
    assert {f.kind for d in process_text(text) for f in d.figures if f.metric == "legal_aid.cases"} == {"target"}
    # …and a rule in the same item still does
    got = {f.kind for d in process_text("学法方面,一是完善制度;二是要求全年组织法治专题讲座2次。") for f in d.figures}
    assert got == {"target"}


def test_a_goal_said_before_an_enumeration_frames_every_item() -> None:
    # 2024年,我局将…:一是…;二是…: next year's plan, whichever item the number is in (the review's counter-example)
    text = ("某县司法局2023年法治政府建设工作报告\n2023年,全年办理行政复议案件56件。\n"
            "2024年,我局将重点做好以下工作:一是加强学习;二是行政复议纠错率控制在15%以内;三是行政机关负责人出庭应诉率达到100%。")
    kinds = {f.metric: f.kind for d in process_text(text) for f in d.figures if f.metric != "reconsideration.received"}
    assert kinds == {"reconsideration.correction_rate": "target", "litigation.head_appearance_rate": "target"}
    # …and an item joined by a comma (…不得少于2次,三是…学习2次) is its own, like one after a semicolon
    text = ("二是要求各级中心组将习近平法治思想纳入专题学习计划,明确全年学习不得少于2次,"
            "三是以县委理论学习中心组为抓手,组织县处级领导干部带头领学习近平法治思想2次。")
    got = {(f.value, f.kind) for d in process_text(text) for f in d.figures if f.metric == "training.law_lectures"}
    assert (2, "actual") in got


def test_a_category_named_plans_is_no_goal() -> None:
    # 规划计划 is a kind of information published, 计划生育 a policy: neither makes the count a goal
    for text in ("2023年,主动公开政策法规、规划计划等各类政府信息1200条。", "2023年,办理计划生育行政处罚案件12件。"):
        assert {f.kind for d in process_text(text) for f in d.figures} == {"actual"}, text
    assert {f.kind for d in process_text("2024年计划组织法治专题讲座4次。") for f in d.figures} == {"target"}


def test_a_documents_span_of_years_is_no_plan_year() -> None:
    # 《法治政府建设实施纲要(2021-2025年)》 names a document, not the year the count is for
    text = ("某县司法局2023年法治政府建设工作报告\n2023年,我局深入贯彻落实《法治政府建设实施纲要(2021-2025年)》,"
            "全年办理法律援助案件320件。")
    assert {f.kind for d in process_text(text) for f in d.figures} == {"actual"}
    # …but a document named for the next year (《2024年…工作要点》) still makes its count the plan's
    text = ("某县司法局2023年法治政府建设工作报告\n12月,制定《安吉县2024年普法依法治理工作要点》,明确全年开展法治讲座15场。")
    assert {f.kind for d in process_text(text) for f in d.figures} == {"target"}

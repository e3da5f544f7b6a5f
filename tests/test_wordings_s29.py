"""Wordings of session 29 (each case with ``absent`` fails on the code before its rule; the ``expected`` cases keep
what the rule must not change)."""

from __future__ import annotations

import pytest
from test_prose_wordings import figures


@pytest.mark.parametrize("text, expected, absent", [
    # decisions published (公示行政许可决定N件) are a publication count, not decisions made (GOLD l_029); the decisions the
    # organ handled in the same sentence stay
    ("全年在信用中国网站公示行政许可决定230件,办理行政许可申请1200件。", {("licensing.decisions", 1200)},
     {("licensing.decisions", 230)}),
])
def test_wordings_of_session_29(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got


@pytest.mark.parametrize("text, expected, absent", [
    # a disclosure report's suits after review (复议后起诉1件) and its suits named 起诉案件 are its lawsuits; last year's
    # carried over (结转起诉案件2件) are not
    ("某县人民政府2025年政府信息公开工作年度报告\n2025年共收到依申请公开事项55件;行政复议7件,复议后起诉1件。",
     {("disclosure.litigation_cases", 1)}, set()),
    ("某县人民政府2025年政府信息公开工作年度报告\n2025年共收到依申请公开事项55件;起诉案件1件,正在审理中;结转起诉案件2件。",
     {("disclosure.litigation_cases", 1)}, {("disclosure.litigation_cases", 2)}),
])
def test_disclosure_suits_of_session_29(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got


def test_reviewing_filed_documents_is_a_filing_count() -> None:
    # 审查报备规范性文件N件: the documents filed with the reviewing body, reviewed as filings (as 备案审查: GOLD j_029)
    got = figures("2023年,区司法局审查报备规范性文件309件,均符合规定。")
    assert ("normative_docs.filed", 309) in got
    assert ("normative_docs.reviewed", 309) not in got


def test_the_bare_in_force_count_in_a_sentence_on_the_documents() -> None:
    # 制发规范性文件0件,废止0件,现行有效0件: the list's last item is the documents in force (表一's 现行有效件数)
    got = figures("加大规范性文件主动公开,全年制发规范性文件3件,废止1件,现行有效25件。")
    assert ("normative_docs.in_force", 25) in got
    # with no word of the documents, 现行有效 names nothing of the catalogue
    assert ("normative_docs.in_force", 12) not in figures("全局持证执法人员现行有效12件。")


@pytest.mark.parametrize("text, expected, absent", [
    # the government's own level is the report's own count when the report gives no larger one (受理市本级行政复议申请893件)
    ("市司法局2022年工作总结\n受理市本级行政复议申请893件,市本级提供公共法律服务总量达210575人次。",
     {("reconsideration.accepted", 893)}, set()),
    # beside the whole city's count it is one level of it
    ("2023年,全市共受理行政复议申请2100件,其中市本级受理893件。", {("reconsideration.accepted", 2100)},
     {("reconsideration.accepted", 893)}),
])
def test_the_own_level_is_a_part_only_beside_a_total(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got


@pytest.mark.parametrize("text, expected, absent", [
    # a review of this session's first forms: decisions made with 公开 as a manner or a second verb stay
    ("2023年,我局坚持公开透明原则,依法公开办理行政许可1200件。", {("licensing.decisions", 1200)}, set()),
    ("全年通过政务服务网公开受理并办结行政许可事项1500件。", {("licensing.decisions", 1500)}, set()),
    ("2023年,本局依法作出并公示行政许可决定1200件。", {("licensing.decisions", 1200)}, set()),
    # regulations in force are no normative documents in force
    ("2023年,本机关制发规范性文件3件,废止1件;政府规章现行有效5件。", set(), {("normative_docs.in_force", 5)}),
    # a lawsuit count that includes last year's carried over is the whole
    ("某县人民政府2023年政府信息公开工作年度报告\n2023年收到政府信息公开申请20件。因政府信息公开引发行政复议2件,"
     "新收及上年结转行政诉讼案件共3件。", {("disclosure.litigation_cases", 3)}, set()),
    # the lower bodies' own level is theirs (13个市州政府本级, 各县市区政府本级), the report's own 本级 stays
    ("湖南省2023年法治政府建设年度报告\n2023年,省本级收到行政复议申请320件,13个市州政府本级收到行政复议申请2100件。",
     {("reconsideration.received", 320)}, {("reconsideration.received", 2100)}),
    ("长沙市2023年法治政府建设年度报告\n2023年,全市各县市区政府本级共收到行政复议申请1500件,市本级收到行政复议申请320件。",
     {("reconsideration.received", 320)}, {("reconsideration.received", 1500)}),
])
def test_review_mends_of_session_29(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got


def test_answers_to_deputies_proposals_are_no_disclosure_answers() -> None:
    # 公开建议提案办理答复14件: replies to congress and CPPCC proposals published, not disclosure requests answered
    got = figures("某县人民政府办公室2023年政府信息公开工作年度报告\n全年主动公开政府信息320条,公开建议提案办理答复14件。")
    assert ("disclosure.requests_answered", 14) not in got
    assert ("disclosure.proactive_items", 320) in got


@pytest.mark.parametrize("text", [
    # a filing review's corrections (出具审查修改意见的228件) and a publication of the clean-up's results are no clean-up
    "2023年,审查报备规范性文件500件,发现违法内容并出具审查修改意见的228件。",
    "2023年,在网站公示失效、废止的规范性文件和其他文件85件。",
])
def test_review_opinions_and_publications_are_no_clean_up(text: str) -> None:
    assert not {m for m, _ in figures(text)} & {"normative_docs.cleaned_up"}

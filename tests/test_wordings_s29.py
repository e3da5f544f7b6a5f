"""Wordings of session 29, one table: each case with ``absent`` fails on the code before its rule; the ``expected``
figures are what the rule must keep (the review of the first forms added the cases marked "review")."""

from __future__ import annotations

import pytest
from wording_support import assert_wording

_REPORT = "某县人民政府2025年政府信息公开工作年度报告\n"
_CASES = [
    # decisions published (公示行政许可决定N件) are a publication count, not decisions made (GOLD l_029)
    ("全年在信用中国网站公示行政许可决定230件,办理行政许可申请1200件。", {("licensing.decisions", 1200)},
     {("licensing.decisions", 230)}),
    # review: decisions made with 公开 as a manner or a second verb stay
    ("2023年,我局坚持公开透明原则,依法公开办理行政许可1200件。", {("licensing.decisions", 1200)}, set()),
    ("全年通过政务服务网公开受理并办结行政许可事项1500件。", {("licensing.decisions", 1500)}, set()),
    ("2023年,本局依法作出并公示行政许可决定1200件。", {("licensing.decisions", 1200)}, set()),
    # a disclosure report's suits after review (复议后起诉) and its 起诉案件 are its lawsuits; last year's carried over not
    (_REPORT + "2025年共收到依申请公开事项55件;行政复议7件,复议后起诉1件。", {("disclosure.litigation_cases", 1)}, set()),
    (_REPORT + "2025年共收到依申请公开事项55件;起诉案件1件,正在审理中;结转起诉案件2件。",
     {("disclosure.litigation_cases", 1)}, {("disclosure.litigation_cases", 2)}),
    # review: a count that includes last year's carried over is the whole
    (_REPORT + "2025年收到政府信息公开申请20件。因政府信息公开引发行政复议2件,新收及上年结转行政诉讼案件共3件。",
     {("disclosure.litigation_cases", 3)}, set()),
    # 审查报备规范性文件N件: documents filed with the reviewing body, reviewed as filings (as 备案审查: GOLD j_029)
    ("2023年,区司法局审查报备规范性文件309件,均符合规定。", {("normative_docs.filed", 309)},
     {("normative_docs.reviewed", 309)}),
    # the bare 现行有效N件 of a sentence on the documents (表一's 现行有效件数); with no word of them, nothing
    ("加大规范性文件主动公开,全年制发规范性文件3件,废止1件,现行有效25件。", {("normative_docs.in_force", 25)}, set()),
    ("全局持证执法人员现行有效12件。", set(), {("normative_docs.in_force", 12)}),
    # review: regulations in force are no normative documents in force
    ("2023年,本机关制发规范性文件3件,废止1件;政府规章现行有效5件。", set(), {("normative_docs.in_force", 5)}),
    # the government's own level is the report's own count when the report gives no larger one; beside the whole
    # city's count it is one level of it
    ("市司法局2022年工作总结\n受理市本级行政复议申请893件,市本级提供公共法律服务总量达210575人次。",
     {("reconsideration.accepted", 893)}, set()),
    ("2023年,全市共受理行政复议申请2100件,其中市本级受理893件。", {("reconsideration.accepted", 2100)},
     {("reconsideration.accepted", 893)}),
    # review: the lower bodies' own level is theirs (13个市州政府本级, 各县市区政府本级), the report's own 本级 stays
    ("湖南省2023年法治政府建设年度报告\n2023年,省本级收到行政复议申请320件,13个市州政府本级收到行政复议申请2100件。",
     {("reconsideration.received", 320)}, {("reconsideration.received", 2100)}),
    ("长沙市2023年法治政府建设年度报告\n2023年,全市各县市区政府本级共收到行政复议申请1500件,市本级收到行政复议申请320件。",
     {("reconsideration.received", 320)}, {("reconsideration.received", 1500)}),
    # replies to congress and CPPCC proposals published (建议提案办理答复) are no disclosure requests answered
    (_REPORT + "全年主动公开政府信息320条,公开建议提案办理答复14件。", {("disclosure.proactive_items", 320)},
     {("disclosure.requests_answered", 14)}),
    # a filing review's corrections (出具审查修改意见的N件) and a publication of the clean-up's results are no clean-up
    ("2023年,审查报备规范性文件500件,发现违法内容并出具审查修改意见的228件。", set(),
     {("normative_docs.cleaned_up", 228)}),
    ("2023年,在网站公示失效、废止的规范性文件和其他文件85件。", set(), {("normative_docs.cleaned_up", 85)}),
    # a rate named right after its value (以99.97%的调解成功率, 92.42%的化解率)
    ("今年以来,全市各级综治中心排查矛盾纠纷8696起,成功化解8037起,92.42%的化解率让群众满意。",
     {("mediation.success_rate", 92.42)}, set()),
    ("临海市人民调解委员会全年调解纠纷3000件,临海市99.97%的调解成功率显著高于全国平均水平。",
     {("mediation.success_rate", 99.97)}, set()),
    # 摸排/排摸 are 排查 written otherwise: disputes screened, standing for those mediated when no mediated count is given
    ("今年上半年街道、社区调委会共排摸纠纷50件,调解成功50件。", {("mediation.disputes", 50)}, set()),
    # publicity messages sent (发送宣传信息N条) and a court's case-process notices (公开流程信息N件) are no government
    # information published
    ("镇党委坚持办事公开、政务公开。截至目前,共发送宣传信息2500条(次),广播宣传及入户走访2100多人(次)。", set(),
     {("disclosure.proactive_items", 2500)}),
    ("我院自2021年以来立案的案件公开流程信息合计2299件。", set(), {("disclosure.proactive_items", 2299)}),
    # talks given with advice (开展法律咨询宣讲N次) are publicity events, not questions answered
    ("2023年,县司法局深入街道、社区、学校开展法律咨询宣讲30多次,发放宣传资料2000余份。", set(),
     {("legal_services.consultations", 30)}),
]


@pytest.mark.parametrize("text, expected, absent", _CASES)
def test_wordings_of_session_29(text: str, expected: set, absent: set) -> None:
    assert_wording(text, expected, absent)

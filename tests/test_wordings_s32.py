"""Wordings of session 32, one table: a case whose comment names a wording fails on the code before its rule; the
guards after it hold before and after, and ``absent`` is what the rule must not take."""

from __future__ import annotations

import pytest
from wording_support import assert_wording

_ENF = "某某市市场监督管理局2024年度行政执法基本情况\n"  # an enforcement report's title line

_CASES = [
    # an enforcement report breaks its cases down by the kind of act: the bare 行政许可 N件 is the licensing decisions
    (_ENF + "本部门办理行政执法案件55件(作出执法决定案件数),其中,行政许可44件、其他类11件。",
     {("licensing.decisions", 44)}, set()),
    ("某某市2024年度行政执法有关情况的报告\n2024年,全市共完成行政处罚案件2895件,行政许可案件3135件。",
     {("licensing.decisions", 3135)}, set()),
    # guard: outside such a report a bare 行政许可 N件 is one kind of item (here published information)
    ("某某县2023年法治政府建设年度报告\n全年主动公开各类信息5548件,其中行政许可3706件,行政处罚259件。", set(),
     {("licensing.decisions", 3706)}),
    # a paragraph's opening names the area of the rate that closes it, across a sentence of parts in between
    ("某县2020年12月工作情况通报\n一、本月受理情况\n2020年,某县12345政府热线受理各类诉求件430件。其中投诉类407件,咨询类11件。"
     "按时办结率为100%,未出现红黄牌现象。", {("services.completion_rate", 100)}, set()),
    # a rate named in the clause before with its change and no amount (…率进一步提升,达46.06%) is that rate's value
    ("某县2023年法治政府建设年度报告\n行政机关负责人出庭应诉率进一步提升,达96.06%。",
     {("litigation.head_appearance_rate", 96.06)}, set()),
    ("某县2023年法治政府建设年度报告\n全县行政复议纠错率稳步下降,为6.2%。", {("reconsideration.correction_rate", 6.2)}, set()),
    # the same period of the year before, given for comparison, is not this period's figure
    ("某市2023年行政复议工作情况报告\n全市各级行政复议机关收到行政复议申请共计32件,同比下降43.8%(去年同期57件)。",
     {("reconsideration.received", 32)}, {("reconsideration.received", 57)}),
    # review: a breakdown by the kind of act of case files reviewed, of appeals or of published information is no
    # licensing decisions, also inside an enforcement report
    ("某市交通运输局2023年度行政执法情况报告\n2023年,本局共组织行政执法案卷评查120件,其中行政许可44件、行政处罚76件,"
     "评查合格率100%。", set(), {("licensing.decisions", 44)}),
    (_ENF + "本局被申请行政复议、提起行政诉讼案件14件,其中,行政处罚9件,行政许可3件,举报投诉处理2件。", set(),
     {("licensing.decisions", 3)}),
    (_ENF + "全年主动公开行政执法信息5548件,其中行政许可3706件,行政处罚259件。", set(), {("licensing.decisions", 3706)}),
    # review: the paragraph's opening lends its vetoes too (a department's share of hotline tickets, 承办), names no
    # area by 办事处, a sector's complaint line (12319) is none, and another item of the paragraph is not the rate's
    ("某市住房和城乡建设局2023年法治政府建设年度报告\n全年承办12345热线转办工单430件。其中投诉类407件,咨询类23件。"
     "按时办结率为100%。", set(), {("services.completion_rate", 100)}),
    ("某街道2023年法治政府建设年度报告\n(三)提升执法能力。街道办事处组织执法人员参加业务培训4次。全年立案查处违法案件390件。"
     "按期办结率100%。", set(), {("services.completion_rate", 100)}),
    ("某市建设局开通12319服务热线\n热线开通以来,共受理投诉电话3928件,其中受理办结3892件。办结率为98%,群众满意率为95%。",
     set(), {("services.completion_rate", 98)}),
    ("某县2023年法治政府建设年度报告\n(二)深化改革,提升依法行政水平。一是优化营商环境,深化一网通办改革,政务服务事项全部"
     "实现网上可办。二是推进严格规范公正文明执法,全年查处违法案件56件,结案52件。其中适用简易程序20件。办结率为92.9%。",
     set(), {("services.completion_rate", 92.9)}),
    # the disclosure template's column names written in prose (本年制发件数, 现行有效件数, 本年新制作数量, 本年处理决定数量)
    ("某县教育局2024年政府信息公开工作年度报告\n本年度制发行政规范性文件0件,现行有效件数0件。",
     {("normative_docs.issued", 0), ("normative_docs.in_force", 0)}, set()),
    ("某县教育局2024年政府信息公开工作年度报告\n本年度行政规范性文件本年制发件数0件,本年废止件数1件,现行有效件数3件。",
     {("normative_docs.issued", 0), ("normative_docs.cleaned_up", 1), ("normative_docs.in_force", 3)}, set()),
    ("某县教育局2024年政府信息公开工作年度报告\n2024年我局规范性文件本年新制作数量2件,本年新公开数量2件,对外公开总数量5件。",
     {("normative_docs.issued", 2)}, {("normative_docs.issued", 5), ("normative_docs.in_force", 5)}),
    ("某县教育局2024年政府信息公开工作年度报告\n本年度行政许可本年处理决定数量120件,行政处罚本年处理决定数量15件,"
     "行政强制本年处理决定数量2件。", {("licensing.decisions", 120), ("enforcement.penalty_decisions", 15),
                              ("enforcement.coercive_measures", 2)}, set()),
    # review: a count of 规章 and 规范性文件 together, or of penalties and coercion together, is neither's
    ("某市人民政府2022年政府信息公开工作年度报告\n2022年,市政府规章和行政规范性文件本年制发件数共9件。", set(),
     {("normative_docs.issued", 9)}),
    ("某市人民政府2022年政府信息公开工作年度报告\n2022年,本机关行政处罚和行政强制处理决定数量共35件。", set(),
     {("enforcement.penalty_decisions", 35), ("enforcement.coercive_measures", 35)}),
    # guard: a rate with no service area in its paragraph or heading stays unnamed
    ("某县2023年法治政府建设年度报告\n全年共召开会议12次。其中专题会议5次。办结率为100%。", set(),
     {("services.completion_rate", 100)}),
]


@pytest.mark.parametrize("text, expected, absent", _CASES)
def test_wordings_of_session_32(text: str, expected: set, absent: set) -> None:
    assert_wording(text, expected, absent)

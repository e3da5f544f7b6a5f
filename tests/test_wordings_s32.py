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
    # a frequency governs its own verb, not a list item of another verb after it (…每季度听取汇报、开展常务会议学法7次)
    ("某市2023年法治政府建设年度报告\n市政府常务会议每季度听取法治政府建设情况汇报、开展常务会议学法7次。",
     {("training.law_lectures", 7)}, set()),
    # guard: the frequency of the count's own verb still says how often, not how many
    ("某市2023年法治政府建设年度报告\n市政府常务会议每季度开展常务会议学法2次。", set(), {("training.law_lectures", 2)}),
    # the same period of the year before, given for comparison, is not this period's figure
    ("某市2023年行政复议工作情况报告\n全市各级行政复议机关收到行政复议申请共计32件,同比下降43.8%(去年同期57件)。",
     {("reconsideration.received", 32)}, {("reconsideration.received", 57)}),
    # guard: a rate with no service area in its paragraph or heading stays unnamed
    ("某县2023年法治政府建设年度报告\n全年共召开会议12次。其中专题会议5次。办结率为100%。", set(),
     {("services.completion_rate", 100)}),
]


@pytest.mark.parametrize("text, expected, absent", _CASES)
def test_wordings_of_session_32(text: str, expected: set, absent: set) -> None:
    assert_wording(text, expected, absent)

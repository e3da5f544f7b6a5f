"""Wordings of session 31, one table: a case whose comment names a wording fails on the code before its rule; the
guards after it hold before and after, and ``absent`` is what the rule must not take."""

from __future__ import annotations

import pytest
from wording_support import assert_wording

_CASES = [
    # 政府 in 政府信息 (and 格局, 大厅, 场所) modifies a noun: it names no body, so the count is no sub-body's part
    ("截至目前,已完成2024年度主动公开类政府信息网上发布工作累计总量达19条,历年公开信息累计总量达880条。",
     {("disclosure.proactive_items", 19), ("disclosure.proactive_items", 880)}, set()),
    # a law's title in the clause (《中华人民共和国村民委员会组织法》) names no body either
    ("2024年共开展周例会学法11次,定期组织干部职工集中学习《中华人民共和国宪法》《中华人民共和国村民委员会组织法》等法律法规10余次。",
     {("training.law_lectures", 10)}, set()),
    # obtaining the enforcement card (取得行政执法证) is holding it
    ("截至2024年12月31日我单位共有在编执法人员59名,其中取得行政执法证 58名,执法辅助人员3名。",
     {("enforcement.certified_officers", 58)}, set()),
    # a count named by its noun after the organ and the year (我局2021年度依申请公开申请数为21件) is the requests received
    ("我局2021年度依申请公开申请数为21件,截至12月31日已全部办结。", {("disclosure.requests_received", 21)}, set()),
    ("2021年,我局政府信息公开申请数为21件。", {("disclosure.requests_received", 21)}, set()),
    # wage-arrears cases handled are the labour inspectorate's enforcement caseload; those only published are not
    ("2021年共处理各类欠薪案件1223件,先后为1050名劳动者追发工资。", {("enforcement.cases", 1223)}, set()),
    ("全年累计办结欠薪案件2026件,办结率100%。", {("enforcement.cases", 2026)}, set()),
    ("省人社厅向社会公布欠薪违法案件32件。", set(), {("enforcement.cases", 32)}),
    # a training's reach (执法培训累计覆盖960人, …培训2场,覆盖30余人次) and the officers named before a verb of training
    # (997名行政执法人员开展学习培训, 300多人分两期参加了培训) are its participants
    ("2022年執法培訓累計覆蓋960人,進一步提升執法隊伍行政執法能力。", {("enforcement.training_participants", 960)}, set()),
    ("开展执法人员业务培训2场,覆盖30余人次,重点培训法律法规、执法程序和文书制作。",
     {("enforcement.training_participants", 30)}, set()),
    ("组织全区42个行政执法部门997名行政执法人员开展学习培训,专业素养有效提升。",
     {("enforcement.training_participants", 997)}, set()),
    ("省交通运输执法局组织执法业务培训,省市县三级业务骨干共计300多人分两期参加了培训。",
     {("enforcement.training_participants", 300)}, set()),
    # …but not a training of cadres and officers together
    ("聚焦镇村干部、执法人员、村(社区)“两委”成员等重点群体,组织法治培训40场次,覆盖800余人次。", set(),
     {("enforcement.training_participants", 800)}),
    # guard: a body under the reporter beside the whole is still a part
    ("2024年,全市共收到政府信息公开申请120件,其中市政府收到政府信息公开申请30件。",
     {("disclosure.requests_received", 120)}, {("disclosure.requests_received", 30)}),
]


@pytest.mark.parametrize("text, expected, absent", _CASES)
def test_wordings_of_session_31(text: str, expected: set, absent: set) -> None:
    assert_wording(text, expected, absent)

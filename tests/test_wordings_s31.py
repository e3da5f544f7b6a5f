"""Wordings of session 31, one table: a case whose comment names a wording fails on the code before its rule; the
guards after it hold before and after, and ``absent`` is what the rule must not take."""

from __future__ import annotations

import pytest
from wording_support import assert_wording

_T = "某某县2023年法治政府建设年度报告\n"  # a county report's title line above the sentence

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
    # review: a service hall is still a sub-body (市民服务大厅办结率), 政府网上 is no website, and the organ's own words
    # name disclosure requests only (a bureau's 我局行政复议申请1件 are reviews brought against it)
    ("某某市2023年法治政府建设年度报告\n2023年,全市政务服务事项办结率99.5%,市民服务大厅办结率100%。",
     {("services.completion_rate", 99.5)}, {("services.completion_rate", 100)}),
    ("2023年,全市共收到政府信息公开申请120件,区政府网上收到政府信息公开申请30件。",
     {("disclosure.requests_received", 120)}, {("disclosure.requests_received", 30)}),
    ("某某县人力资源和社会保障局2023年法治政府建设情况报告\n2023年,我局行政复议申请1件,行政诉讼案件2件,均未被纠错。",
     set(), {("reconsideration.received", 1)}),
    # review: wage cases a legal-aid centre, an arbitration body or a petitions office handles, or coordinated, are no
    # enforcement cases; cases handled and then published are
    (_T + "县法律援助中心全年办理欠薪案件56件,为农民工挽回损失120万元。", set(), {("enforcement.cases", 56)}),
    (_T + "县劳动人事争议仲裁院全年处理拖欠工资案件86件,结案率98%。", set(), {("enforcement.cases", 86)}),
    (_T + "县信访局全年受理并处理欠薪案件45件。", {("petitions.cases", 45)}, {("enforcement.cases", 45)}),
    (_T + "立案及协调处理欠薪案件2096件。", set(), {("enforcement.cases", 2096)}),
    (_T + "全年依法查处并向社会公布各类违法案件356件。", {("enforcement.cases", 356)}, set()),
    # review: the year's new card holders are not the officers holding cards
    (_T + "全县共有行政执法人员1200名。组织新录用人员参加行政执法资格考试,新取得行政执法证130人。", set(),
     {("enforcement.certified_officers", 130)}),
    (_T + "组织新录用人员参加执法资格考试,获得行政执法证35人。", set(), {("enforcement.certified_officers", 35)}),
    # review: the public a publicity drive reached, a cadres' training, other people attending, officers who train
    # others and a cadres' exam are no officers trained
    (_T + "组织行政执法人员深入社区开展法治宣传活动30场次,覆盖2万余人次。", set(),
     {("enforcement.training_participants", 20000)}),
    (_T + "举办行政执法人员培训班2期,培训320人次,开展干部法治培训12场次,覆盖2000余人。",
     {("enforcement.training_participants", 320)}, {("enforcement.training_participants", 2000)}),
    (_T + "举办行政执法人员培训班2期,又组织全镇800名党员干部参加了法治培训。", set(),
     {("enforcement.training_participants", 800)}),
    (_T + "组织12名执法人员深入企业开展安全生产培训,培训企业员工600余人次。", set(),
     {("enforcement.training_participants", 12)}),
    ("组织全县公务员参加网上学法考试,参加学习人员3500人;组织行政执法人员培训2期。", set(),
     {("enforcement.training_participants", 3500)}),
    # guard: a body under the reporter beside the whole is still a part
    ("2024年,全市共收到政府信息公开申请120件,其中市政府收到政府信息公开申请30件。",
     {("disclosure.requests_received", 120)}, {("disclosure.requests_received", 30)}),
]


@pytest.mark.parametrize("text, expected, absent", _CASES)
def test_wordings_of_session_31(text: str, expected: set, absent: set) -> None:
    assert_wording(text, expected, absent)

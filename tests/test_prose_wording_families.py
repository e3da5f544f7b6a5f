"""Wording families the blind batches of session 21 showed the prose extractor missing (each case fails on the code
before its rule): what was handled, an unqualified legality review, a 集训, a hotline named apart from its 平台; and of
session 22: the 化解率 of 矛盾纠纷 as the mediation success rate, cases another process opens or only plans; and of
session 23: a national honour or audience, public-interest suits, a police or legal-aid caseload's 行政案件, a bare 化解率,
funds obtained (累计争取)."""

from __future__ import annotations

import pytest
from test_prose_wordings import figures

from etl.extract.pipeline import process_text


@pytest.mark.parametrize("text, expected", [
    # requests handled (办理…申请) are the requests answered (aw_014, bo_040, ct_031)
    ("某区2024年政府信息公开工作年度报告\n2024年共办理政府信息公开申请80件,同比增长5.26%;上年结转2件。",
     ("disclosure.requests_answered", 80)),
    ("某局2025年政府信息公开工作年度报告\n2025年共办理依申请公开案件23件。", ("disclosure.requests_answered", 23)),
    # an unqualified legality-review count is the documents reviewed (CONVENTIONS; bz_011)
    ("开发区实现合法性审查机构、人员、清单有效覆盖,开展合法性审查5710件次。", ("normative_docs.reviewed", 5710)),
    # …said as a 法制审核 or as the review items received (cw_007, cw_002)
    ("(二)全面加强法制审核工作。全年完成法制审核472宗,其中政策文件合法性审查3宗。", ("normative_docs.reviewed", 472)),
    ("严格落实规范性文件和重大行政决策合法性审查,全年共收到审查事项149件,其中审查行政规范性文件17件。",
     ("normative_docs.reviewed", 149)),
    # officers sent to a 集训 or 轮训 are trainees as at a 培训 (cu_027)
    ("为备战全省执法技能比武,市局组织开展封闭式集训,33名执法人员参加集训。", ("enforcement.training_participants", 33)),
    # the hotline's own rate where the sentence names 12345 and its 平台 apart (cl_026)
    ("中心主任介绍了12345的基本情况,截至今年9月底,平台共受理诉求650471件,同比增长18.16%,按时办结率99.68%。",
     ("services.completion_rate", 99.68)),
    # the 化解率 of 矛盾纠纷 as a whole is the share resolved (bp_034, cl_030; a bare 化解率 may be a petition office's)
    ("调解中心全年接待群众4000余人次,矛盾纠纷化解率达到96.2%。", ("mediation.success_rate", 96.2)),
    # requests carried into the next year named by its number (转入2020年办理1件) are carried forward (dd_026)
    ("2019年度政府信息公开工作年度报告\n本年度共收到政府信息公开申请2件,已答复1件,转入2020年办理1件。",
     ("disclosure.requests_carried_forward", 1)),
    # …or 结转 a year with no 至 (结转2026年度2件), or 转 alone after the count (余8件转2023年度办理) (cw_006, ch_006)
    ("2025年度政府信息公开工作年度报告\n本年度共收到政府信息公开申请9件,已办结7件,结转2026年度2件。",
     ("disclosure.requests_carried_forward", 2)),
    ("2022年度政府信息公开工作年度报告\n全年共收到政府信息公开申请30件,已办结22件,余8件转2023年度办理。",
     ("disclosure.requests_carried_forward", 8)),
    # requests carried over from the year before named by its number (含2022年结转的3件) (av_005, cb_004); 转结 for 结转
    ("2023年度政府信息公开工作年度报告\n全年共办理政府信息公开申请15件(含2022年结转的3件),已全部办结。",
     ("disclosure.requests_carried_over", 3)),
    ("2023年度政府信息公开工作年度报告\n本年新收政府信息公开申请5件,办结5件,转结下年度继续办理0件。",
     ("disclosure.requests_carried_forward", 0)),
])
def test_read(text: str, expected: tuple[str, float]) -> None:
    assert expected in figures(text)


@pytest.mark.parametrize("text, metric", [
    # a major decision's legality review is no document review (s_001)
    ("全年完成重大行政决策合法性审查22件。", "normative_docs.reviewed"),
    ("全面推行行政执法公示、执法全过程记录、重大执法决定法制审核3项制度。", "normative_docs.reviewed"),
    # the share of a hotline's tickets closed online is a part, like a same-day or direct share (cv_004, cs_034)
    ("截至9月14日,12345政务服务热线共受理群众来电诉求300872件。其中在线办结224958件,在线办结率75%。", "services.completion_rate"),
    # a 化解率 narrowed by the word before it is another step's or a part's share, not the success rate
    ("全县受理初次信访事项900件,矛盾纠纷一次性化解率95.1%。", "mediation.success_rate"),
    ("法院共受理诉前纠纷2100件,诉前化解率达41.2%。", "mediation.success_rate"),
    # a case another process opens (调解立案, 诉讼立案) is no enforcement case (db_010)
    ("打造县级调解中心,2025年以来累计接待群众1176人次,调解立案160件。", "enforcement.cases"),
    # cases to be opened (拟立案查处) or made public (曝光) are not cases dealt with (dc_032, dc_029)
    ("经排查,共发现问题线索30余条,拟立案查处10余起。", "enforcement.cases"),
    ("严格落实环境执法信息公开,全年已曝光环境违法案件30件。", "enforcement.cases"),
    # requests a one-stop centre passes on to the petition office are not a petition caseload (dc_003)
    ("截止8月份,中心共受理各类诉求9407件,其中分流至信访2002件,分流至法院151件。", "petitions.cases"),
    # a review body's cases carried over from the year before are no disclosure requests (t_059)
    ("我市共收到行政复议申请85件,经审查后受理70件。现已审结67件(含2021年结转12件),复议后起诉的案件12件。",
     "disclosure.requests_carried_over"),
])
def test_not_read(text: str, metric: str) -> None:
    assert metric not in {m for m, _ in figures(text)}


@pytest.mark.parametrize("text, expected, absent", [
    # a national honour or drive named before the count is no national scope (申报全国先进司法所, 全国…大检查期间)
    ("据某司法所申报“全国先进司法所”的材料显示,2012年以来,该所累计调解矛盾纠纷1000多宗。",
     {("mediation.disputes", 1000)}, set()),
    ("1-9月份,全市查处一般隐患3637项,主要是全国安全生产大检查期间隐患查处项数提高;实施行政处罚26次。",
     {("enforcement.penalty_decisions", 26)}, set()),
    # people from across the nation served here (为全国各地群众, 来自全国各地的律师): the count is the body's own
    ("该热线自2016年正式上线以来,累计为全国各地群众提供法律咨询解答4万余件次。",
     {("legal_services.consultations", 40000)}, set()),
    # …while the nation's own count stays another place's
    ("2023年,我市共收到行政复议申请412件。同年全国各地行政复议机关共收到行政复议申请29万件。",
     {("reconsideration.received", 412)}, {("reconsideration.received", 290000)}),
    # a procuratorate's public-interest suits opened (公益诉讼…立案707件) are no administrative enforcement cases
    ("2020年,全市检察机关共发现公益诉讼案件线索764件,立案707件,发出诉前检察建议495件。", set(),
     {("enforcement.cases", 707)}),
    # …while a bureau's own cases opened stay enforcement cases
    ("2020年,市生态环境局对环境违法行为共立案220起,下达行政处罚决定220起。", {("enforcement.cases", 220)}, set()),
    # 刑事案件…行政案件 with no court or suit named: a police, procuratorate or legal-aid caseload's categories
    ("今年以来,全市共查处破坏森林资源案件176起,其中刑事案件7起,行政案件169起。", set(), {("litigation.cases", 169)}),
    ("上半年,全市法律援助机构共办理法律援助案件870件(其中刑事案件133件,民事案件736件,行政案件2件)。", set(),
     {("litigation.cases", 2)}),
    # …while a court's own caseload by category stays litigation
    ("2023年,全市法院共受理刑事案件1200件、民事案件5600件、行政案件300件。", {("litigation.cases", 300)}, set()),
    # a bare 化解率 after the disputes handled and resolved is their share resolved
    ("2024年以来,某区全量排查矛盾纠纷共16726起,化解16684起,化解率99.75%。", {("mediation.success_rate", 99.75)}, set()),
    # …not a petition office's (接待来访群众…,化解率90%以上)
    ("我镇今年接待来访群众210人次,结案率达98%,矛盾纠纷排查化解建档率100%,化解率90%以上。", set(),
     {("mediation.success_rate", 90)}),
    # an excerpt of a disclosure report known by its requests section: its 复议/诉讼 are the disclosure ones
    ("某区\n……\n(二)依申请公开情况。全年收到政府信息公开申请81件,办结80件。全年涉及行政复议案件6件,结果维持4件,"
     "结果纠正2件。涉及行政诉讼8件。", {("disclosure.reconsideration_cases", 6), ("disclosure.litigation_cases", 8)},
     {("reconsideration.upheld", 4), ("litigation.cases", 8)}),
    # reviews settled by mediation (行政复议调解成功3件) are reviews settled, no people's mediation
    ("蛟河市司法局2025年上半年行政复议调解成功3件,行政诉讼零败诉。", {("reconsideration.settled", 3)}, set()),
])
def test_scopes_and_wordings_of_session_23(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got


@pytest.mark.parametrize("text, kind", [
    # funds obtained (累计争取…经费, 争取到…) are done: the counts after them in the sentence are achievements
    ("近三年,某省司法部门累计争取中央政法转移支付法律援助经费1.7亿元,办理法律援助案件9.5万件。", "actual"),
    ("2023年,某县司法局争取到专项经费50万元,办理法律援助案件320件。", "actual"),
    # …while 争取 as a goal still makes one
    ("2024年,争取办理法律援助案件500件以上。", "target"),
])
def test_funds_obtained_are_no_goal(text: str, kind: str) -> None:
    got = {(f.metric, f.kind) for d in process_text(text) for f in d.figures}
    assert ("legal_aid.cases", kind) in got

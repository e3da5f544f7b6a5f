"""Prose figures: what a count or a rate is of — a channel's share, an outcome, the value a rate moved to.

Split from tests/test_prose_wordings.py (module size); the same helper reads a text's figures as (metric, value).
"""

from __future__ import annotations

import pytest

from etl.extract.pipeline import process_text


def figures(text: str) -> set[tuple[str, float]]:
    return {(f.metric, f.value) for d in process_text(text) for f in d.figures}


def test_petitions_by_one_channel_are_not_the_intake() -> None:
    # CONVENTIONS: counts split by channel (网上, 互联网, 电话 信访) are not labelled; the intake over all is
    got = figures("2023年,全县共受理信访事项500件。")
    assert ("petitions.cases", 500) in got
    for text, value in (("2023年,县信访局受理互联网信访110件。", 110), ("2023年,办理12337电话信访件8件。", 8)):
        assert ("petitions.cases", value) not in figures(text), text


@pytest.mark.parametrize("text, expected, absent", [
    # a bare 终止 is no settlement (CONVENTIONS: only when tied to 撤回/和解/调解)
    ("2021年,在审结的行政复议案件中,维持16件、驳回1件、终止3件、确认违法8件。", {("reconsideration.upheld", 16)},
     {("reconsideration.settled", 3)}),
    # …a mediated termination is one
    ("2024年,该县司法局办理行政复议案件63件,办结54件,其中调解终止19件,维持17件。", {("reconsideration.settled", 19)},
     set()),
    ("2023年,撤回申请终止行政复议14件。", {("reconsideration.settled", 14)}, set()),
    # …and so is one whose gloss says it was withdrawn (the gloss is the label's own word here)
    ("2023年,共审结行政复议案件40件,维持11件,撤销9件,终止审理(含撤回申请)8件。", {("reconsideration.settled", 8)},
     set()),
])
def test_a_terminated_review_is_settled_only_when_withdrawn_or_mediated(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got


@pytest.mark.parametrize("text, expected, absent", [
    # a rate that rose or fell from an earlier value (从2019年的40%提升至95.9%): the new value, not the earlier one
    ("2023年,全县行政机关负责人出庭应诉率从2019年的40%增长提升至95.9%。", {("litigation.head_appearance_rate", 95.9)},
     {("litigation.head_appearance_rate", 40)}),
    ("2023年,全市行政机关负责人出庭应诉率由上年的85%提高到92%。", {("litigation.head_appearance_rate", 92)},
     {("litigation.head_appearance_rate", 85)}),
])
def test_a_rate_moved_from_an_earlier_value(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got


@pytest.mark.parametrize("text, expected, absent", [
    # disputes screened stand for those mediated only when no mediated count is given (as_076); in a town's summary (the
    # learned scorer weighs the document's kind: as a bare news sentence the mediated count sits at its threshold)
    ("某镇2022年法治建设工作总结\n2022年,全镇各级各类调解组织共排查矛盾纠纷186起,接案调处167起,成功化解156起。",
     {("mediation.disputes", 167), ("mediation.resolved", 156)}, {("mediation.disputes", 186)}),
    ("2022年,全镇共排查矛盾纠纷186起。", {("mediation.disputes", 186)}, set()),
    # the mediated count in the next clause is not a stand-in too (it has no subject of its own, but its own word)
    ("2023年,全年共排查矛盾纠纷2316件,调解矛盾纠纷1873件,调解成功1850件。", {("mediation.disputes", 1873)},
     {("mediation.disputes", 2316)}),
    # screened and mediated in one breath (排查调处) is the mediated count
    ("2022年,全镇共排查调处矛盾纠纷186起,调处成功180起。", {("mediation.disputes", 186)}, set()),
])
def test_disputes_screened_stand_for_mediated_ones_only_alone(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got


@pytest.mark.parametrize("text, value", [
    # requests named the other way round: 公开政府信息(的)申请 is 政府信息公开申请
    ("2023年,我局共收到公开政府信息申请4件,均已按时答复。", 4),
    ("2021年,本机关收到公开政府信息的申请12件。", 12),
])
def test_requests_to_disclose_named_the_other_way_round(text: str, value: int) -> None:
    assert ("disclosure.requests_received", value) in figures(text)


def test_a_share_closed_on_time_is_not_the_conclusion_rate() -> None:
    # 法定期限内结案率100%: every case closed was closed in time, which says nothing of how many were closed
    text = "2023年,共收到行政复议申请56件,审结50件,法定期限内结案率100%。"
    assert not [v for m, v in figures(text) if m == "reconsideration.conclusion_rate"]
    assert ("reconsideration.conclusion_rate", 89.3) in figures("2023年,共收到行政复议申请56件,审结50件,结案率89.3%。")


@pytest.mark.parametrize("text, expected", [
    # the health inspectorate and the labour inspectorate enforce: their cases are enforcement cases
    ("2020年,衡阳市、县两级卫生健康监督机构共办理案件772起。", ("enforcement.cases", 772)),
    ("2020年,市卫生监督所全年办理各类案件120件。", ("enforcement.cases", 120)),
    # an approvals bureau's approvals done (办结审批N件) are licensing decisions
    ("2023年,审批局共受理办结审批2350件。", ("licensing.decisions", 2350)),
])
def test_inspectorates_cases_and_approvals_done(text: str, expected: tuple[str, float]) -> None:
    assert expected in figures(text)


def test_oversight_of_enforcement_is_no_enforcement_case() -> None:
    assert not [v for m, v in figures("2020年,开展执法监督,办理执法监督案件12件。") if m == "enforcement.cases"]


@pytest.mark.parametrize("text, expected", [
    # the police's criminal cases are no administrative enforcement; its administrative ones are
    ("2023年,全区刑事立案1027起,查处行政案件1500起。", {1500}),
    ("查处刑事案件30起,查处治安案件800起。", {800}),
    # the police's short form
    ("全区刑案立案1027起,查处治安案件1500起。", {1500}),
    # the link between enforcement and criminal justice named in the count's own clause is no criminal case
    ("推进行政执法与刑事司法衔接查处违法案件12件。", {12}),
])
def test_criminal_cases_are_no_enforcement_cases(text: str, expected: set[float]) -> None:
    assert {v for m, v in figures(text) if m == "enforcement.cases"} == expected


@pytest.mark.parametrize("asked", ["征求", "征询", "征集", "向社会征求"])
def test_documents_put_out_for_public_comment_are_no_disclosure_request_granted(asked: str) -> None:
    # 全部公开征求意见 is a consultation on a draft, not a request answered by disclosure
    found = figures(f"2015年以来,区政府出台的37件规范性文件全部公开{asked}意见后再经法制办合法性审查。")
    assert ("disclosure.requests_granted", 37) not in found and ("normative_docs.issued", 37) in found


@pytest.mark.parametrize("text, expected", [
    # the contracts named after their number, the review after them
    ("全年组织开展法律顾问服务50余次,对20余个政府采购合同出具审查意见。", ("contracts.reviewed", 20)),
    ("对15份合同进行合法性审查。", ("contracts.reviewed", 15)),
    ("对15份合同出具合法性审查意见。", ("contracts.reviewed", 15)),
    # the trainees of an enforcement training counted as 参训人员
    ("组织行政执法人员参加综合法律知识培训2期,参训人员50余人次。", ("enforcement.training_participants", 50)),
    # one count received and answered, the two verbs joined by 并 or 和 (收到并妥善处理, 收到和办理)
    ("全年共收到并妥善处理依申请公开13件。", ("disclosure.requests_answered", 13)),
    ("全年共收到和办理依申请公开12件,其中自然人申请件12件。", ("disclosure.requests_answered", 12)),
    # …the intake verbs 接到 / 接受 too
    ("全年接到并办理依申请公开6件。", ("disclosure.requests_answered", 6)),
    ("全年接受并答复政府信息公开申请6件。", ("disclosure.requests_answered", 6)),
    ("积极安排7名执法人员参加省应急管理厅举办的4期综合执法队伍专业能力提升培训班。", ("enforcement.training_participants", 7)),
    # the requests answered counted as 件 after the noun (办结依申请公开件177件)
    ("全年共收到依申请公开180件,办结依申请公开件177件,含2022年结转的3件。", ("disclosure.requests_answered", 177)),
    # a count in a list whose unit its neighbour just gave (…8451件,调处8438,调解成功7913件)
    ("2016年第三季度,各级人民调解组织共排查矛盾纠纷8451件,调处8438,调解成功7913件,成功率93.78%。", ("mediation.disputes", 8438)),
    # a rate held for months on end (连续37个月保持100%)
    ("济宁发挥督导督促作用,机关负责人出庭应诉率连续37个月保持100%。", ("litigation.head_appearance_rate", 100)),
    ("机关负责人出庭应诉率连续三个年度保持100%。", ("litigation.head_appearance_rate", 100)),
])
def test_wordings_met_on_the_blind_batches_development_halves(text: str, expected: tuple[str, float]) -> None:
    assert expected in figures(text)


@pytest.mark.parametrize("text, absent", [
    # another counted noun before the contracts (12个部门的合同, 12个乡镇对合同…): not a count of contracts
    ("对12个部门的合同进行合法性审查。", ("contracts.reviewed", 12)),
    # a complaint about how requests were handled is no request received
    ("全年接到申请人投诉依申请公开答复不及时2件。", ("disclosure.requests_received", 2)),
    ("指导12个乡镇对合同进行合法性审查。", ("contracts.reviewed", 12)),
    # a training of others named just before the trainees: not the enforcement officers'
    ("组织全县行政执法人员参加执法资格考试,举办领导干部法治培训班1期,参训人员120人。",
     ("enforcement.training_participants", 120)),
    # two verbs and two numbers (受理和答复…15件、13件): the second verb has its own count
    ("全年共受理和答复政府信息公开申请15件、13件。", ("disclosure.requests_answered", 15)),
])
def test_wordings_that_look_alike_but_count_something_else(text: str, absent: tuple[str, float]) -> None:
    assert absent not in figures(text)


@pytest.mark.parametrize("text, absent", [
    # one count after both areas, not said of each: their sum, neither area's own
    ("2023年,全市办理行政复议、行政应诉、行政调解案件共计5474件。", ("litigation.cases", 5474)),
    ("2023年,全市办理行政复议、行政应诉案件共计547件。", ("litigation.cases", 547)),
    ("某县2023年政府信息公开工作年度报告\n涉行政复议、行政诉讼案件743件,结果维持461件。", ("disclosure.litigation_cases", 743)),
])
def test_a_count_of_both_review_and_lawsuits_is_neither(text: str, absent: tuple[str, float]) -> None:
    assert absent not in figures(text)


def test_a_zero_or_a_count_of_each_of_both_areas_still_stands() -> None:
    assert ("litigation.cases", 0) in figures("2023年,全市行政复议、行政诉讼案件均为0件。")
    assert ("litigation.cases", 50) in figures("2023年,收到行政复议申请56件,行政诉讼案件50件。")
    # an office of both areas named before one area's count (行政复议与应诉科, …工作领导小组办公室): that area's count
    assert ("reconsideration.received", 45) in figures("2023年,县司法局行政复议与应诉科全年收到行政复议申请45件。")
    assert ("litigation.cases", 31) in figures("县行政复议和应诉工作领导小组办公室办理行政应诉案件31件。")
    # 被诉 names the lawsuits too: a sum
    assert ("litigation.cases", 56) not in figures("2023年,全县行政复议和被诉案件共计56件。")


def test_a_legal_affairs_office_counts_the_filings_it_received() -> None:
    text = "吉林省法制办扎实开展规范性文件监督管理工作\n2015年,省法制办接收各地、各部门报备规范性文件196件。"
    assert ("normative_docs.filed", 196) in figures(text)
    # a government's report: the filings its office received are not the government's own filings, even when it names
    # its 法制办 (or the office the 法制办's duties went to)
    assert ("normative_docs.filed", 196) not in figures("某县2015年法治政府建设情况报告\n2015年,接收各部门报备规范性文件196件。")
    assert ("normative_docs.filed", 30) not in figures(
        "某县人民政府关于2015年法治政府建设情况的报告\n2015年,县政府法制办认真履行职责,现将有关情况报告如下:\n"
        "一、规范性文件管理\n2015年,接收各乡镇、各部门报备规范性文件30件。")
    assert ("normative_docs.filed", 45) not in figures(
        "某市2019年法治政府建设年度报告\n2019年,我市将原市政府法制办的职责整合划入市司法局。\n全年收到各区县报备规范性文件45件。")


def test_a_violation_handled_without_a_case_is_no_case() -> None:
    # 非立案查处/处理: dealt with without opening a case — not an enforcement case count
    assert ("enforcement.cases", 228) not in figures("某省2022年土地卫片执法检查情况\n2022年,全县非立案查处228件。")
    assert ("enforcement.cases", 473) in figures("某省2022年土地卫片执法检查情况\n2022年,全县立案查处473件。")


@pytest.mark.parametrize("text", [
    # a broadcast column and lectures given at schools are no law study of the organ's own
    "2023年,县融媒体中心全年制作播出48期《法律讲堂》电视节目。",
    "县电台开设法治讲堂栏目,播出52期法治讲堂节目。",
    "县法院在辖区中小学开设16场法治讲堂。",
    "县检察院在全县中小学举办12期“检察官法治大讲堂”。",
])
def test_broadcasts_and_school_lectures_are_no_law_study(text: str) -> None:
    got = {m for m, _ in figures("某县2023年法治政府建设情况报告\n" + text)}
    assert "training.law_lectures" not in got


@pytest.mark.parametrize("text, expected", [
    # law-study sessions named after their number: a 法制讲座, a 法治大讲堂, a 法治知识讲座
    ("2023年,组织召开两场市政府法制讲座。", ("training.law_lectures", 2)),
    ("2023年,全年举办3次机关干部法治大讲堂活动。", ("training.law_lectures", 3)),
    ("2023年,举办3次机关干部法治知识讲座。", ("training.law_lectures", 3)),
])
def test_law_study_sessions_named_after_their_number(text: str, expected: tuple[str, float]) -> None:
    assert expected in figures(text)


@pytest.mark.parametrize("text, expected", [
    # the law named before the study in its clause: 习近平法治思想 like 法律/宪法/民法典
    ("2023年,街道党工委理论学习中心组开展习近平法治思想相关学习4次。", ("training.law_lectures", 4)),
    ("2023年,局党组开展习近平法治思想集中学习6次。", ("training.law_lectures", 6)),
])
def test_law_study_named_by_the_thought_before_it(text: str, expected: tuple[str, float]) -> None:
    assert expected in figures(text)



def test_political_study_guided_by_the_thought_is_no_law_study() -> None:
    got = {m for m, _ in figures("某局2023年工作总结\n2023年,局党组坚持以习近平法治思想为指导开展党史学习教育6次。")}
    assert "training.law_lectures" not in got


@pytest.mark.parametrize("text", ["2023年,组织开展国家工作人员旁听庭审活动2次。", "2023年,组织领导干部观看旁听庭审37场。"])
def test_attending_a_trial_is_no_law_study_session(text: str) -> None:
    assert "training.law_lectures" not in {m for m, _ in figures("某县2023年法治政府建设情况报告\n" + text)}


def test_a_review_concluded_by_mediation_is_settled() -> None:
    got = figures("某区2024年行政复议工作情况\n2024年,区政府受理行政复议案件80件,办结80件,其中调解结案20件。")
    assert ("reconsideration.settled", 20) in got and ("reconsideration.concluded", 20) not in got


def test_peoples_mediation_after_a_review_sentence_is_no_review_outcome() -> None:
    got = figures("某县2023年法治政府建设报告\n全年共收到行政复议申请86件,受理80件,审结78件。"
                  "全县各级人民调解组织共排查调处矛盾纠纷1500件,调解结案1480件。")
    assert not any(m.startswith("reconsideration.") and v == 1480 for m, v in got)


def test_an_outcome_list_lends_no_publication_verb() -> None:
    # 予以公开5件, 本机关不掌握相关政府信息1件: outcomes of the requests, each named by its own words; the verb of an
    # outcome (予以公开) is not borrowed by a clause without one (it is no proactive publication)
    got = figures("2023年共收到依申请公开12件,从结果来看,予以公开5件,本机关不掌握相关政府信息1件,申请人主动撤回4件。")
    assert {("disclosure.requests_received", 12), ("disclosure.requests_granted", 5)} <= got
    assert ("disclosure.proactive_items", 1) not in got
    # a list that names its verb once still lends it (审核规章28部, 规范性文件148件)
    assert ("normative_docs.reviewed", 148) in figures("2023年,审核规章28部,规范性文件148件。")


def test_a_goal_after_a_figure_is_of_its_kind_of_number() -> None:
    # …全年200件目标任务: the goal of the count just stated; …三项任务指标圆满完成 after a rate is no goal of the rate
    got = figures("2023年,已办理法律援助案件245件,全年200件目标任务已超额完成。")
    assert {("legal_aid.cases", 245), ("legal_aid.cases", 200)} <= got
    got = figures("2018年,案件调解成功率98.2%,三项任务指标圆满完成。")
    assert got == {("mediation.success_rate", 98.2)}


@pytest.mark.parametrize("text, expected, absent", [
    # 予以 as an adverb before a verb with no count of its own (依法予以受理,全年共52件) lends its verb
    ("2023年,对符合条件的行政复议申请依法予以受理,全年共52件。", {("reconsideration.accepted", 52)}, set()),
    # labour disputes as one kind in a list of the disputes mediated: the count is still the mediation count
    ("2023年,全县人民调解组织共调解婚姻家庭、劳动争议等矛盾纠纷2356件。", {("mediation.disputes", 2356)}, set()),
    # legal-aid consultation events, and consultations counted with applications, are no consultation count
    ("2023年,全县开展法律援助咨询活动15次。", set(), {("legal_services.consultations", 15)}),
    ("2023年,全县受理法律援助咨询和申请560件。", set(), {("legal_services.consultations", 560)}),
    # …but consultations answered at an event are consultations
    ("2023年,全县在法律咨询活动中解答群众咨询1200人次。", {("legal_services.consultations", 1200)}, set()),
    # licensing decisions published (行政许可公开, 双公示) are no decisions made
    ("2023年,办理行政许可公开3047件。", set(), {("licensing.decisions", 3047)}),
    # labour disputes a human-resources bureau handles, or their mediation, are no people's or administrative mediation
    ("2023年,区人力社保局已处理劳动纠纷案件6012件。", set(), {("mediation.disputes", 6012)}),
    ("2023年,全县受理劳动争议调解案件120件。", set(), {("mediation.disputes", 120)}),
    # 不予受理 N件 after the accepted count is no acceptance, whether or not the outcome before had its own count
    ("2023年,依法受理行政复议申请50件;对不符合法定受理条件的申请依法不予受理,共6件。",
     {("reconsideration.accepted", 50)}, {("reconsideration.accepted", 6)}),
])
def test_the_reviews_counter_examples(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got


@pytest.mark.parametrize("text, kind", [
    # a sentence opening on a standing practice (每月安排…) does not make the year's own count (全年开展…12场次) a goal
    ("2025年法治政府建设情况的报告\n2025年,每月安排职工学习大会重点加强宪法教育,建立三级学习体系,全年开展习近平法治思想专题学习12场次。",
     "actual"),
    # …in a plan the year's count is the goal
    ("2025年普法工作计划\n每月安排职工学习大会重点加强宪法教育,全年开展习近平法治思想专题学习12场次。", "target"),
])
def test_the_whole_year_s_count_after_a_standing_practice(text: str, kind: str) -> None:
    got = {(f.metric, f.kind) for d in process_text(text) for f in d.figures if f.value == 12}
    assert got == {("training.law_lectures", kind)}


def test_a_court_s_cases_of_every_kind_are_no_administrative_suits() -> None:
    # 新收各类案件 is the court's civil, criminal and administrative intake together; a bare 新收案件 under a suit heading
    # stays the suits' count
    got = figures("2023年,行政诉讼情况。该院新收各类案件2385件,审结2301件。")
    assert ("litigation.cases", 2385) not in got
    got = figures("2023年,全县行政诉讼案件情况:新收案件45件,审结40件。")
    assert ("litigation.cases", 45) in got


@pytest.mark.parametrize("text, value, kept", [
    # a long list of kinds closed by 等 between the publishing verb and the count: the count of them all, even when one
    # kind is vetoed alone (预算 is a category's count when it is the subject)
    ("2023年,我局通过门户网站、微信公众号等方式主动公开了机构职能、办公地址、领导分工、工作动态、政策文件、财政预算、决算等政府信息"
     "共52条,其中门户网站公开30条。", 52, True),
    ("2023年,在门户网站公开预算、决算等信息36条。", 36, False),
])
def test_a_long_list_of_kinds_before_the_published_count(text: str, value: int, kept: bool) -> None:
    assert (("disclosure.proactive_items", value) in figures(text)) is kept


@pytest.mark.parametrize("text, kept", [
    # a mailbox listed among the ways requests come is one of them; a mailbox's own letters answered are no requests
    ("2024年,通过网络信箱、信函、当面申请等多种方式,积极受理政府信息公开申请,共处理公开申请153件。", True),
    ("2024年,通过区长信箱答复群众来信公开申请153件。", False),
])
def test_a_mailbox_among_the_request_channels(text: str, kept: bool) -> None:
    assert (("disclosure.requests_answered", 153) in figures(text)) is kept


@pytest.mark.parametrize("text, kept", [
    # a service hall's applications handled are no disclosure requests; a disclosure section's bare 办结 still is
    ("4月,政务服务大厅各窗口共受理15997件。各街道便民服务大厅申请6988件,受理6988件,办结6988件。", False),
    ("2023年,共收到政府信息公开申请6988件,办结6988件。", True),
])
def test_a_service_hall_s_applications_are_no_disclosure_requests(text: str, kept: bool) -> None:
    assert (("disclosure.requests_answered", 6988) in figures(text)) is kept


@pytest.mark.parametrize("text, kept", [
    # tickets the city's hotline hands down to the reporter (转办…工单, 下派我县工单) are its share, not its hotline's rate
    ("2023年3月,“12345”民生服务热线共转办城中区工单1164件,办结1164件,办结率100%。", False),
    ("2021年,12345政府服务热线平台共接到市平台下派我县工单8282件,办结8282件,办结率100%。", False),
    ("2023年,全区12345政务服务便民热线共受理工单6455件,办结率100%。", True),
])
def test_hotline_tickets_handed_down_are_no_service_rate(text: str, kept: bool) -> None:
    assert (("services.completion_rate", 100) in figures(text)) is kept


@pytest.mark.parametrize("text", [
    # received and answered in one verb (受理办结, 收到依法处理): the count is the answered one too
    "2023年,我县共受理办结政府信息公开申请2件。",
    "2023年,我办收到依法处理依申请公开2件。",
])
def test_received_and_answered_in_one_verb(text: str) -> None:
    assert {("disclosure.requests_received", 2), ("disclosure.requests_answered", 2)} <= figures(text)


def test_a_court_s_review_of_an_enforcement_ruling_is_no_reconsideration() -> None:
    # 非诉执行复议 is a court's own review: the courts' 审结 and 结案率 around it are no reconsideration figures
    got = figures("2017年,市中院共受理各类行政案件506件,其中一审204件,非诉执行22件,非诉执行复议10件。审结502件,结案率99.21%。")
    assert not any(metric.startswith("reconsideration.") for metric, _ in got)


@pytest.mark.parametrize("text, value", [
    # referrals, appointments and the files of closed cases are no legal-aid cases handled
    ("2023年,工作站引导办理法律援助150余件。", 150),
    ("2023年,通过小程序预约受理法律援助案件56件。", 56),
    ("2023年,共审核完成往年指派的法律援助案件结案归档材料659件。", 659),
])
def test_what_is_no_legal_aid_case(text: str, value: int) -> None:
    assert ("legal_aid.cases", value) not in figures(text)
    assert ("legal_aid.cases", 245) in figures("2023年,共办理法律援助案件245件。")


def test_a_contract_named_with_its_parties_and_kind() -> None:
    # the contract's parties and kind between the verb and 协议 (审查市政府对外框架合作协议30件)
    assert ("contracts.reviewed", 30) in figures("2023年,审查市政府对外框架合作协议30件。")


@pytest.mark.parametrize("text, item, kept", [
    # a list of places summed with 共 is all of them
    ("许昌市2023年法治政府建设年度报告\n禹州市、长葛市、建安区、魏都区、鄢陵县、襄城县共调解矛盾纠纷3560件。",
     ("mediation.disputes", 3560), True),
    # a hotline handing its tickets down to the towns and departments is its own work
    ("宁乡市人民政府2023年法治政府建设年度报告\n全市12345政务服务便民热线共受理诉求15万件,向各镇街和部门下派工单8.6万件,办结率98.5%。",
     ("services.completion_rate", 98.5), True),
    # cases closed and filed away are cases handled
    ("2023年,全年共办结并归档法律援助案件356件。", ("legal_aid.cases", 356), True),
])
def test_review_narrowings_of_the_figures(text: str, item: tuple, kept: bool) -> None:
    assert (item in figures(text)) is kept


def test_requests_whose_handling_was_completed_are_answered() -> None:
    # 办理完成 as 办理完毕: the requests answered (and the rest carried into next year)
    got = figures("2022年,全年受理政府信息公开申请86件,办理完成78件,余8件转2023年度办理。")
    assert ("disclosure.requests_answered", 78) in got


def test_requests_answered_named_without_their_kind() -> None:
    # 答复申请4件 in a disclosure section: the requests answered, the section says of what
    got = figures("二、依申请公开情况\n2023年,全年收到政府信息公开申请4件,全年答复申请4件。")
    assert ("disclosure.requests_answered", 4) in got


def test_requests_named_by_what_they_ask() -> None:
    # 接受民众申请政府信息公开23件: the people applying for disclosure, the verb before them
    got = figures("2023年,共接受民众申请政府信息公开23件。")
    assert ("disclosure.requests_received", 23) in got


@pytest.mark.parametrize("text, kind", [
    # a count said as done (共受理…) over years later than a misread report year is no plan
    ("2018年10月19日,经最高人民法院批准,康巴什区人民法院成为跨区域集中管辖行政案件改革法院。《白皮书》显示,"
     "2019年至2023年,康巴什区人民法院共受理行政案件1883件。", "actual"),
    # …a later year's count not said as done stays next year's plan
    ("某县司法局2024年法治政府建设年度报告\n2024年,全县法治建设取得新成效。2025年,我局进一步加强法律援助工作,"
     "办理法律援助案件1883件。", "target"),
])
def test_a_count_said_as_done_in_later_years(text: str, kind: str) -> None:
    got = {f.kind for d in process_text(text) for f in d.figures if f.value == 1883}
    assert got == {kind}

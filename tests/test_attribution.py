"""Attribution as one step, table-driven: whose figure a clause gives (etl/extract/attribution.py, catalog/attribution.toml).

Each family of wording that names a part of a total (or a figure that is not the report's own) has rows here, in
wordings from several reports, not one; then ``resolve`` on whole sentences: a part goes when its whole is there.
"""

from __future__ import annotations

import pytest

from etl.extract.attribution import attribute, subject_of
from etl.extract.pipeline import process_text

# (clause before the number, the family the rules should name; None = the report's own figure)
CLAUSES = [
    ("月均受理行政复议申请", "average"),
    # several of the area's places named together (their rate or count is theirs, not the area's)
    ("鄢陵县、襄城县、示范区、魏都区出庭率均达到", "place_list"),
    ("城区、开发区行政机关负责人出庭应诉率", "place_list"),
    ("组织班子成员、中层干部及社区主干开展法治专题培训", None),  # 社区 is no place of the area
    ("海淀区、朝阳区行政复议纠错率均为", "place_list"),
    ("禹州市、长葛市、建安区、魏都区、鄢陵县、襄城县共调解矛盾纠纷", None),  # a list summed with 共 is all of them
    ("中心提供公证、鉴定、法律援助服务等", "combined"),  # 等 after the services counted together
    # one court of the courts' total, by its short name (两级法院共受理…; 市中院共受理…)
    ("市中院2017年共受理各类行政案件", "sub_body"),
    ("省高院审结行政案件", "sub_body"),
    ("年均办理法律援助案件", "average"),
    ("每百万人信访总量", "average"),
    ("全市每万人口拥有律师", "average"),
    ("每10万人行政诉讼案件", "average"),
    ("全县每万常住人口信访量", "average"),
    ("每十万居民信访事项", "average"),
    ("全县按照每10户1名法律明白人的标准为群众提供法律咨询", None),  # a staffing norm, not a rate
    ("即坚持每月集中组织干部职工学法", "frequency"),
    ("会前学法原则上每月至少安排", "frequency"),
    ("每季度召开", "frequency"),
    ("每年至少组织", None),
    ("各盟行政公署、市人民政府共制发规范性文件", "lower_government_list"),
    ("在法定期限内报送备案的", "subset"),
    ("作为规范性文件备案登记的有", "subset"),
    ("市本级收到行政复议申请", "own_level_only"),
    ("13个市州政府本级共收到", "lower_own_level"),
    ("全市各县市区政府本级共收到", "lower_own_level"),
    ("14个县级政府收到行政复议申请", "lower_governments"),
    ("武汉市硚口区等9个县级政府共收到", "lower_governments"),
    ("许可、登记类行政案件", "named_category"),
    ("以市政府部门为被申请人的", "by_respondent"),
    ("全省共新收涉企行政复议案件", "enterprise_cases"),
    ("新收各类经营主体申请的行政复议案件", "enterprise_cases"),
    ("全省共新收涉及企业的行政复议案件", "enterprise_cases"),
    ("全县共收到群众、企业申请的行政复议案件", None),
    ("全市各级行政复议机关共收到群众和各类企业申请的行政复议案件", None),
    ("全年共收到自然人和民营企业提出的行政复议申请", None),
    ("全省新收各类市场主体申请的行政复议案件", "enterprise_cases"),
    ("接受委托参与以区政府为被告的", "as_defendant"),
    ("全年发布重点领域信息", "info_category"),
    ("其他政府信息", "info_category"),
    ("主动公开财政预决算信息", "info_category"),
    ("及时公开区政府全体会议信息", "info_category"),  # a government's meetings are one kind of information it publishes
    ("办理免予处罚案件", "lenient_outcome"),  # the cases let off are one outcome of the caseload
    ("从轻、减轻处罚案件", "lenient_outcome"),
    ("全年办理“首违不罚”“轻微免罚”案件", "lenient_outcome"),
    ("全年主动公开政府信息", None),
    ("金华各级法院共受理以市政府、部门、乡镇(街道)为被告的", "as_defendant"),
    ("一审审结公安行政案件", "category_split"),
    ("办理农民工法律援助案件", "client_group_service"),
    ("宝安区公共法律服务中心共受理未成年人法律援助案件", "client_group_service"),
    ("中心共办理农民工民事法律援助案件近", "client_group_service"),
    ("特殊群体法律援助案件办结", "client_group_service"),
    ("全市各级法律援助中心共接待农民工法律咨询", "client_group_service"),
    ("全年共办理法律援助案件", None),
    ("全年共办理困难群众法律援助案件", None),  # legal aid's clients as a whole
    ("以“农民工法律援助维权”专项行动为抓手办理法律援助案件", None),  # a campaign's name, not the cases' group
    ("全年共办理军人军属法律援助案件", "client_group_service"),
    ("受理残疾人、贫困户等弱势群体法律援助案件", "client_group_service"),
    ("全年共办理弱势群体法律援助案件", None),  # a bare 弱势群体: legal aid's clients as a whole, as 困难群众
    ("接待农民工咨询", "client_group_service"),  # a group's consultations, 法律 left unsaid
    ("共接待涉妇女儿童咨询", "client_group_service"),
    ("全年共接待群众咨询", None),  # the public as a whole
    ("受理进城务工人员法律援助案件", "client_group_service"),
    ("法律顾问深入全镇每一户困难家庭提供法律咨询服务", None),  # every one, not a rate per head
    ("组织全县每一名执法人员参加法律知识培训", None),
    ("成功调解村级矛盾纠纷", "category_split"),
    ("全年发布常务会议相关信息", "info_category"),  # information on one subject (…相关信息) is one category
    ("本市法院共受理涉民生一审行政案件", "category_split"),  # cases on one subject (涉民生, 涉农), not 涉诉 cases
    ("全年涉诉案件", None),
    ("受理行政一审案件数分别为", "respectively"),
    ("通过政府网微博、微信公众号全年分别累计发布信息", "respectively"),
    ("新收二审行政案件", "appeal_instance"),
    ("受理二审行政诉讼案件", "appeal_instance"),
    ("受理行政申诉复查案件", "appeal_instance"),
    ("共受理一、二审行政诉讼案件", None),
    ("新收一审、二审、申请再审和再审诉讼案件", None),
    ("市中级法院共受理二审行政案件", None),
    ("本院受理二审行政案件", None),
    ("预计今年办理法律援助案件的数量有望突破", "forecast"),
    ("通过疫情防控专栏发布信息", "via_channel"),
    ("通过政务公开专栏发布信息", "channel"),
    ("通过微信公众号累计发布信息", "via_channel"),
    ("政务微博公众号发布信息", "via_subject_channel"),
    ("全市政府系统政务微信公众号发布信息", "via_subject_channel"),  # the whole city's accounts: still one channel
    ("为农民工、妇女等特殊群体提供法律援助", "client_group"),
    ("办理法律援助、人民调解、法律咨询等法律服务业务达", "combined"),
    ("予以公开及部分公开", "joint_outcomes"),
    ("维持和驳回", "joint_outcomes"),
    ("全省法院判决省政府败诉", "loser_named"),
    ("通过政府网站公开信息", "channel"),
    ("在区政府网站政府信息公开专栏累计主动公开各类信息", "channel"),  # the disclosure column: a total unless a larger one
    ("全年共在宣传栏公开信息", "via_channel"),
    ("门户网站上公开发布信息", "channel"),
    ("市政府收到行政复议申请", "sub_body"),
    ("市法律援助中心累计办理", "sub_body"),
    ("其中受理", "breakdown"),
    # the report's own
    ("全年共收到行政复议申请", None),
    ("全市各级行政复议机关共收到", None),  # 全市各级: the report's scope named with its bodies
    ("全区人民调解组织累计调处各类民事纠纷", None),  # 各类民事纠纷: all kinds, not one category
    ("办结依申请公开", None),  # 办结 is a verb, not a body called 办
    ("我局办理行政许可", None),
    ("公告栏等公开渠道主动发布政府信息共计", None),  # several channels together are the total
    ("全年依托区政府网站、政务新媒体公开信息", None),  # two channels named together: their whole
    ("门户网站和微信公众号共发布信息", None),
    ("通过门户网站发布信息", "channel"),  # a 网站 is no body under the reporter (sub_body read its 站)
    ("通过门户网站和政务微博发布信息", None),
    ("通过移动新媒体微博、微信公众号等发布信息", "via_channel"),  # two new-media accounts: still that one channel
]


@pytest.mark.parametrize(("clause", "family"), CLAUSES)
def test_clause_family(clause: str, family: str | None) -> None:
    assert attribute(clause, clause).part == family


def test_the_subject_ends_at_the_last_verb_and_drops_a_recipient() -> None:
    assert subject_of("报送数据的省直部门收到") == "报送数据的省直部门"  # a verb inside the subject
    assert subject_of("向市政府报送备案") == ""
    # 对 in 对接/对口 is part of a name, not the preposition that names a recipient: the centre is the subject
    assert subject_of("诉调对接中心调解") == "诉调对接中心"
    assert attribute("诉调对接·速裁中心调解矛盾纠纷", "2020年,诉调对接·速裁中心调解矛盾纠纷").part == "sub_body"
    assert subject_of("对辖区企业开展") == ""
    # the means (通过政府门户网站…等形式) is no subject: the government's website is no body under the reporter
    assert subject_of("2019年,通过政府门户网站、政务公开栏等形式主动公开") == "2019年,"
    assert attribute("通过政府门户网站、政务公开栏等形式主动公开政府信息",
                     "2019年,通过政府门户网站、政务公开栏等形式主动公开政府信息").part is None


# (a report's sentences, the figures it keeps: (metric, value))
SENTENCES = [
    # a sub-body's line goes beside the region's total; alone it is the report's
    ("全市共收到行政复议申请500件,其中市政府收到120件。", {("reconsideration.received", 500)}),
    ("市政府收到行政复议申请120件。", {("reconsideration.received", 120)}),
    # 其中 after the total is its breakdown
    ("全年办理法律援助案件245件,其中刑事法律援助案件189件。", {("legal_aid.cases", 245)}),
    # brackets after the total
    ("已办理法律援助案件245件(刑事189件,民事55件)。", {("legal_aid.cases", 245)}),
    # one channel's count right after the organ's proactive total is a part of it; alone, the website's is the total
    ("我局主动公开政府信息303条,共在信息公开网发布信息125条,微信公众号发布微文178篇。",
     {("disclosure.proactive_items", 303)}),
    ("全年共在政府信息公开网发布信息125条。", {("disclosure.proactive_items", 125)}),
    # an average never is the year's figure
    ("全年共收到行政复议申请1200件,月均受理100件。", {("reconsideration.received", 1200)}),
    # a yearly figure over a past span is an average too, and the list it opens goes on with it
    ("近三年来,各级行政复议机关积极受理办理案件,每年受理行政复议申请4305件,办理行政应诉案件5984件。", set()),
    # a category split with no total: the parts are not the report's figure
    ("成功调解村级矛盾纠纷78件,镇级矛盾纠纷37件。", set()),
    # a channel beside the total; a channel other than the website never
    ("全年主动公开政府信息5000条,通过政府网站公开信息3000条,政务微博发布信息800条。",
     {("disclosure.proactive_items", 5000)}),
    # one channel of several whose sum the report does not give: neither channel is the total
    ("通过政府门户网站信息公开专栏、政务微信等平台发布信息,其中,通过信息公开专栏发布信息359条,通过微信公众号发布信息1088条。",
     set()),
    # two outcomes counted together are neither
    ("办结依申请公开81件,其中:予以公开及部分公开42件,不予公开5件。",
     {("disclosure.requests_answered", 81), ("disclosure.requests_refused", 5)}),
    # one kind of correction alone is the corrected count; two listed apart with no total are parts;
    # several named together are their total
    ("审结行政复议案件30件,维持20件,撤销3件。", {("reconsideration.concluded", 30), ("reconsideration.upheld", 20),
                                                  ("reconsideration.corrected", 3)}),
    ("行政复议审结11件,其中撤销被申请机关具体行政行为2件,责令被申请人依法履职4件。",
     {("reconsideration.concluded", 11)}),
    ("行政复议撤销及确认违法6件。", {("reconsideration.corrected", 6)}),
    # the reporter's own government named by its level word is the reporter, not a body under it
    ("县政府常务会会前学法2次,全县共开展法治讲座165场。",
     {("training.law_lectures", 2), ("training.law_lectures", 165)}),
    # the cases firms brought are a category reported for its own sake, total or not
    ("全省新收各类经营主体申请的行政复议案件3.1万件。全年共收到行政复议申请12.4万件。",
     {("reconsideration.received", 124000)}),
    # people's and firms' applications together are everyone's
    ("2023年,全市各级行政复议机关共收到群众和企业申请的行政复议案件356件。", {("reconsideration.received", 356)}),
    # a rate after a count keeps the count's subject, whatever category word the count had
    ("全区人民调解组织累计调处各类民事纠纷1338宗,调解成功率达99%。",
     {("mediation.disputes", 1338), ("mediation.success_rate", 99)}),
]


@pytest.mark.parametrize(("text", "kept"), SENTENCES)
def test_resolve_keeps_the_whole_and_drops_its_parts(text: str, kept: set) -> None:
    docs = process_text(("某县" if text.startswith("县政府") else "某市") + "2023年法治政府建设年度报告\n" + text)
    got = {(f.metric, f.value) for d in docs for f in d.figures}
    assert got == kept


def test_suits_against_the_reporters_organs_are_its_own_caseload_unless_a_larger_count_is_given() -> None:
    alone = "2022年,我区行政应诉工作稳步推进。法院共受理以区政府为被告的行政诉讼案件31件。"
    assert ("litigation.cases", 31) in {(f.metric, f.value) for d in process_text(alone) for f in d.figures}
    beside = "2022年,全区行政机关共办理行政应诉案件120件,其中以区政府为被告的行政诉讼案件31件。"
    got = {(f.metric, f.value) for d in process_text(beside) for f in d.figures}
    assert ("litigation.cases", 120) in got
    assert ("litigation.cases", 31) not in got


def test_the_courts_appeals_beside_their_first_instance_are_a_part_whoever_the_subject() -> None:
    text = ("上海市2024年行政审判白皮书\n白皮书显示,2024年上海法院共受理一审行政案件8406件、审结7704件,"
            "受理二审行政案件3111件、审结3050件。")
    assert {(f.metric, f.value) for d in process_text(text) for f in d.figures} == {("litigation.cases", 8406)}



def test_a_running_total_of_appeals_is_no_whole_of_the_years_appeals() -> None:
    text = "某市2023年行政审判情况\n2023年,全市法院受理二审行政案件300件,五年来累计受理二审行政案件1500件。"
    assert ("litigation.cases", 300) in {(f.metric, f.value) for d in process_text(text) for f in d.figures}


def test_a_word_holding_共_is_no_total() -> None:
    """公共 (a public legal-service platform) and 共享/共同 name no whole; 共 before a verb does (session 31 review)."""
    assert not attribute("公共法律服务平台解答咨询", "公共法律服务平台解答咨询").is_total
    assert attribute("全区共调解纠纷", "全区共调解纠纷").is_total

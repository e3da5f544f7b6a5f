"""Wordings of session 25 (each case with ``expected`` fails on the code before its rule; the ``absent`` cases keep
what the rule must not change)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract.pipeline import process_text
from etl.read.readers import read_file


@pytest.mark.parametrize("text, expected, absent", [
    # a court's administrative caseload holds its 非诉 enforcement reviews too: the litigation proper split from it
    # (其中,诉讼案件…) is labelled beside it (GOLD examples m_003, m_023, v_018), not dropped as a part
    ("衡水市中级人民法院形成了2024年度行政案件司法审查报告。2024年全市法院受理行政案件990件,其中,诉讼案件共计728件,"
     "连续两年下降。", {("litigation.cases", 990), ("litigation.cases", 728)}, set()),
    # 民告官 (the people suing officials) is the common name of administrative litigation
    ("去年北京行政案收案2万余件,本市民告官案一审案件5242件,连续数年位居全国第一。", {("litigation.cases", 5242)}, set()),
    # a Chinese 两 after a count verb with its aspect particle counts (举办了两次…讲座); 开展了一场 is "a" lecture
    ("今年共举办了两次全区性法制讲座,邀请专家为全区领导干部授课。", {("training.law_lectures", 2)}, set()),
    ("6月13日,司法所走进贫困村,开展了一场接地气的法制讲座。", set(), {("training.law_lectures", 1)}),
    # the information named before its verb (信息主动公开N条, 政府信息主动公开的数量…): the proactive count
    ("2025年,我镇信息主动公开292条,依申请公开0件。", {("disclosure.proactive_items", 292)}, set()),
    ("2016年,本街道政府信息主动公开的数量共369条。", {("disclosure.proactive_items", 369)}, set()),
    # …but 民告官 also names a reconsideration: with no court instance (一审) it is no litigation cue (shared real_034)
    ("上半年,全市共收到复议案件341件。杭州市共受理315件“民告官”案件,其中31.6%的案件经调解后申请人撤回申请。", set(),
     {("litigation.cases", 315)}),
    # requests counted in 起, reviews and suits over disclosure in 次 (measure words these reports use for them too)
    ("2024年,我街道收到20起依申请公开件(网络申请件18件、信函申请件2件)。我街道因信息公开申请答复被申请行政复议1次,"
     "被提起行政诉讼1次。", {("disclosure.requests_received", 20), ("disclosure.reconsideration_cases", 1),
                      ("disclosure.litigation_cases", 1)}, {("disclosure.requests_received", 18)}),
    # a disclosure report naming the review and the suit by their short words (涉及复议2件,诉讼1件)
    ("某镇2024年政府信息公开工作年度报告\n2024年,全年共收到依申请公开件5件,已按期答复5件。因政府信息公开申请涉及复议2件,"
     "诉讼1件。", {("disclosure.reconsideration_cases", 2), ("disclosure.litigation_cases", 1)}, set()),
    # requests that could not be met (因…不属于本行政机关负责公开等原因无法提供12件): an outcome of requests, nothing published
    ("某县2024年政府信息公开工作年度报告\n全年受理依申请公开54件,其中予以公开38件,因所申请公开信息不属于本行政机关负责公开等"
     "原因无法提供12件。", set(), {("disclosure.proactive_items", 12)}),
    # goals named before their list (主要目标任务两项:一是…,二是…) and a plan's goals quoted where it is reported
    # (印发《…实施方案》,提出“…50万人次…”) are targets; what was done after them is not
    ("一、项目任务和完成情况\n主要目标任务两项:一是法律援助咨询服务1000人次,二是法律援助案件3700件。",
     set(), {("legal_aid.cases", 3700)}),
    ("今年2月,省委办公厅印发《2024年全省30件民生实事实施方案》,提出“为经济困难群众提供免费法律咨询服务50万人次、法律援助案件"
     "服务5万件”。截至10月底,全省提供法律咨询46.51万人次。", {("legal_services.consultations", 465100)},
     {("legal_aid.cases", 50000)}),
    # the trainees of an enforcement training counted after the number (170余人参加培训) or as its 培训人员
    ("举办了为期两天的全市交通运输综合行政执法培训,全市交通运输领域业务骨干170余人参加培训。",
     {("enforcement.training_participants", 170)}, set()),
    ("组织执法人员参加业务培训4次,培训人员达40人次,有效提升执法人员的业务水平。", {("enforcement.training_participants", 40)},
     set()),
    # information published counted in 项 or 件次 as well as 条 (the measure words of items and postings)
    ("2024年,全年通过政府门户网站累计主动公开政府信息2284件次。", {("disclosure.proactive_items", 2284)}, set()),
    # lower units' study sessions in the number's clause (各单位…学习93次, 区直部门…学法184次) are theirs, however far before
    # the study word they are named; the organ's own heads of them at its session are not
    ("2023年,各单位党委(党组)理论学习中心组学习习近平法治思想93次。", set(), {("training.law_lectures", 93)}),
    ("区直部门(单位)定期学法184次,区政府常务会议会前学法12次。", {("training.law_lectures", 12)},
     {("training.law_lectures", 184)}),
    ("组织各部门主要负责人集中学法4次。", {("training.law_lectures", 4)}, set()),
    # lectures of a publicity drive (发放宣传资料…,举办法律讲座4场; 举办法治讲座4次、挂宣传横幅12条) are no law study
    ("今年以来,累计发放宣传资料5000余份,举办法律讲座4场,受教育群众达5000余人次。", set(), {("training.law_lectures", 4)}),
    ("通过举办法治讲座4次、挂宣传横幅12条、宣传海报35张,进一步扩大影响力。", set(), {("training.law_lectures", 4)}),
    # the website and the new media named together in the clause before the count: their whole, not one channel's
    ("2025年,全县各级行政机关通过政府网站、政务新媒体渠道,主动公开各类政府信息共计3573条,具体涵盖概况类信息26件、政务动态信息"
     "2303条、信息公开目录信息1244条。", {("disclosure.proactive_items", 3573)}, {("disclosure.proactive_items", 1244)}),
    # requests named by the disclosure itself after a verb of receiving (收到并依法答复政府信息公开95件)
    ("某市2025年政府信息公开工作年度报告\n2025年共收到并依法答复政府信息公开95件(含上年度结转申请7件)。",
     {("disclosure.requests_received", 95), ("disclosure.requests_answered", 95)}, set()),
    # cases the session's review showed the first forms of its rules getting wrong: a court's whole caseload split into
    # its suits (其中,诉讼案件…) is no administrative litigation; a court appearance or a hearing attended is no suit
    # over disclosure; rules adopted (5项…制度) are no information published; a public lecture's audience (3000余人
    # 参加学习) are no enforcement trainees
    ("某某县人民法院2023年度法治政府建设工作报告\n一、充分发挥行政审判职能\n2023年,本院共受理各类案件15230件,其中,诉讼案件"
     "11236件,执行案件3994件。本院依法受理行政诉讼案件126件,审结118件。", {("litigation.cases", 126)},
     {("litigation.cases", 11236)}),
    ("某某市自然资源局2023年政府信息公开工作年度报告\n一、总体情况\n2023年,我局主动公开政府信息312条。\n二、其他需要报告的事项\n"
     "我局主要负责人全年出庭应诉行政诉讼案件3次,旁听行政诉讼庭审2次。", {("disclosure.proactive_items", 312)},
     {("disclosure.litigation_cases", 3), ("disclosure.litigation_cases", 2)}),
    ("某某县人民政府办公室2023年政府信息公开工作年度报告\n(一)制度建设情况。2023年,我办修订完善了5项政府信息公开工作制度,"
     "进一步规范公开流程。全年主动公开政府信息1320条。", {("disclosure.proactive_items", 1320)},
     {("disclosure.proactive_items", 5)}),
    ("某某县司法局2023年法治政府建设工作总结\n2023年,我局在抓好行政执法业务培训的同时,面向群众举办民法典宣讲会12场,"
     "3000余人参加学习。", set(), {("enforcement.training_participants", 3000)}),
    # …and results told after a look back at the year's tasks (紧紧围绕年初确定的目标任务:一是…) are achievements
    ("某某县司法局2023年法治政府建设工作总结\n2023年,我局紧紧围绕年初确定的目标任务:一是加强法治宣传;二是强化人民调解,"
     "全县各级人民调解组织共调解矛盾纠纷1268件。", {("mediation.disputes", 1268)}, set()),
    # the share concluded within the legal time limit (法定审限内结案率) is an on-time share, not the conclusion rate
    ("2023年,市司法局共审结行政复议案件179件,市司法局行政复议案件法定审限内结案率100%。", set(),
     {("reconsideration.conclusion_rate", 100)}),
    # …while a loss split from the suits stays a part of them
    ("2023年,全县共发生行政诉讼案件40件,其中败诉2件。", {("litigation.cases", 40)}, {("litigation.cases", 2)}),
])
def test_wordings_of_session_25(text: str, expected: set, absent: set) -> None:
    got = actual_figures(text)
    assert expected <= got
    assert not absent & got


def actual_figures(text: str) -> set[tuple[str, float]]:
    """(metric, value) of the figures read as achievements (a target with the same value is not one)."""
    return {(f.metric, f.value) for d in process_text(text) for f in d.figures if f.kind == "actual"}


GOLD_TEXTS = Path(__file__).resolve().parent / "gold" / "texts"


@pytest.mark.parametrize("name, place", [
    # development texts whose reporter is named only in the body (a bureau's disclosure report that says 市…局 and names
    # its city in a document it issued and its signature; a hotline bulletin naming its county-level city in a heading's
    # item): the place the text names most, its deepest level first
    ("av_005.txt", ("浙江省", "金华市", "东阳市")),
    ("ak_028.txt", ("江苏省", "无锡市", "江阴市")),
])
def test_a_reporter_named_only_in_the_body(name: str, place: tuple) -> None:
    meta = process_text(read_file(GOLD_TEXTS / name).text)[0].meta
    assert (meta.province, meta.city, meta.county) == place


@pytest.mark.parametrize("name, place", [
    # development texts where the body's most-named place is not the reporter (the session's review): a province-wide
    # item (全省) naming a city's example stays the province's; a name that is also a common word (老城区) names none
    ("bb_021.txt", ("河南省", None, None)),
    ("cr_022.txt", ("陕西省", None, None)),
    ("au_007.txt", (None, None, None)),
])
def test_a_body_place_kept_within_the_text_s_own_scope(name: str, place: tuple) -> None:
    meta = process_text(read_file(GOLD_TEXTS / name).text)[0].meta
    assert (meta.province, meta.city, meta.county) == place


def test_a_news_item_on_this_year_naming_a_white_paper_on_past_years_is_of_this_year() -> None:
    # (the session's review: the white paper's span before its name first took the year from it)
    text = ("本院召开行政审判工作新闻发布会\n发布时间:2024-06-20\n6月18日,本院召开新闻发布会,通报今年以来行政审判工作情况,"
            "并发布了2019—2023年度《行政审判白皮书》。今年以来,本院共受理行政诉讼案件86件,审结72件。")
    assert process_text(text)[0].meta.year == 2024


"""Document fields: the year reported on (meta_dates), the kind (meta_kind), a ministry's level (meta_level)."""

from __future__ import annotations

import pytest

from etl.extract.meta_dates import publish_date_of, year_of
from etl.extract.meta_kind import doc_type_of
from etl.extract.meta_level import department_cues
from etl.extract.metadata import is_national, metadata_of


@pytest.mark.parametrize("title, text, year", [
    # a monthly report's title names its year with the month
    ("阿图什市司法局2025年1月行政调解工作情况分析报告", "本月共调解纠纷12件。", 2025),
    # a period inside one year is that year, whatever other years the text names
    (None, "根据监督信息平台统计,从2019年1月1日至12月31日,全区共查处卫生行政处罚案件4960件,较2016年增加。", 2019),
    (None, "全区2022年1月至6月共办理法律援助案件320件,较2018年增长一倍。", 2022),
    # a title reporting a year and the next year's first half together: the latest period
    ("某县信访局关于2021年度及2022年上半年重点工作完成情况的报告", "现将有关情况报告如下。", 2022),
    # a starting point in a title is not the year reported on
    ("2018年以来全市法律援助工作综述", "近年来全市法律援助工作稳步推进。", None),
    # a period inside one year, whatever day it starts on
    (None, "2021年1月25—11月25日,全区开展矛盾纠纷排查化解专项行动,化解纠纷2000件。", 2021),
    (None, "2020年12月1日至31日,县12345政府热线受理各类诉求件430件。", 2020),
    # a period that runs into a later year is reported up to its end
    (None, "2008年1月至2010年5月底,共收各类一审行政诉讼案件2584件。", 2010),
    # a span of whole years is a review of several years, none of them the one reported on
    (None, "2009年至2012年,我市行政复议纠错案件达107件。", None),
    (None, "在2006~2010年第五个普法期间,全市举办法治讲座300场。", None),
    # the next year's work deployment in a year-end review is a plan, not the year reported on
    (None, "刚过去的2016年,全省司法行政系统共办理法律援助案件3万件。2017年又有哪些新的工作部署?", 2016),
    # a starting point whose year's part is then counted (…以来, 1至10月份…)
    (None, "2021年以来,县司法局积极推进法律顾问服务。1至10月份,法律顾问共接受咨询1000余次。", 2021),
    (None, "2016年以来,全市保持执法高压态势。上半年,共处罚违法行为1071起。", 2016),
    # a white paper over several years named with its period before it: up to its last year (session 25)
    (None, "7月3日,焦作中院发布了2015—2019年度《行政审判白皮书》,并召开新闻发布会。", 2019),
    # …with its 年 dropped (2024以来), as some reports write it (session 25)
    (None, "2024以来,县司法局积极推进法律顾问服务。上半年,法律顾问共接受咨询500余次。", 2024),
    # a start a few words before 以来/至今 is a starting point, as 2018年以来 is
    (None, "从2005年成立至今,这个调解之家共调解居民纠纷761件。", None),
    (None, "某市公共法律服务网自2018年上线运行以来,累计解答咨询3万余次。", None),
    # 自…开始/从…起 is a starting point too; a count from a start up to a later year's month runs up to that year
    (None, "自2006年开始,全市每年统一组织人民调解员培训。", None),
    (None, "从1980年到2018年6月,省人大及其常委会共通过地方性法规300余件。", 2018),
    # …but a later year the text reports on still wins, and a start needs no 自 before it
    (None, "2023年,全县共办理行政复议案件30件。从2015年到2022年6月,全县累计办理行政复议案件260件。", 2023),
    (None, "全市2006年开始统一组织人民调解员培训。", None),
    # the year of a report's closing plan is a goal
    (None, "全区在2017年办理行政复议案件12件。下一步,我区将认真谋划2018年度工作思路。", 2017),
    # with no other year stated, the date of the text's own event gives it
    (None, "经2021年3月9日县政府常务会议审议,决定废止规范性文件12件。", 2021),
    # a cut-off date or a rule's commencement does not
    (None, "对2020年12月31日前出台的规范性文件进行了全面清理,废止5件。", None),
    (None, "条例自2021年5月1日起施行,县司法局组织学习3次。", None),
    # a yearbook's volume records the year before it (a page's head: 成华年鉴2021, 2022卷)
    (None, "Page 297 - 成华年鉴2021\nP. 297\n司法行政\n全区共调解矛盾纠纷300件。", 2020),
    (None, "2022卷\n【加强党对法治政府建设的全面领导】 自治区党委将法治政府建设摆在全局工作重要位置。", 2021),
    ("武侯年鉴2021", "法 治\n全区行政复议案件40件。", 2020),
    # …not a yearbook the text quotes
    (None, "据《中国法律年鉴2019》统计,全国法律援助案件大幅增长。2019年,全县办理法律援助案件100件。", 2019),
    # …but the year's deployment the report carried out is its own year
    (None, "为全面落实省司法厅2016年工作部署,市司法局共开展普法活动120场,办理法律援助案件800件。", 2016),
])
def test_year_of(title: str | None, text: str, year: int | None) -> None:
    assert year_of(title, text, "annual_report") == year


@pytest.mark.parametrize("title, text, kind", [
    # a report's formal title stays a report on a news page; an excerpt opening inside a report's body is a report
    ("省人民检察院关于人民检察院行政检察工作情况的报告", "2025/09/30 16:48 编辑:邵新羚 来源:新闻网\n全省检察机关…",
     "annual_report"),
    (None, "(三)推行“全员参与政府信息公开”机制。从文件形成初始,起草人就要明确文件的公开属性。", "annual_report"),
    (None, "二是搞好法制宣传教育工作。全年组织调解人员培训3期。", "annual_report"),
    # a yearbook entry by its overview heading or its volume line
    (None, "文化市场\n【概况】 至2009年底,全市登记在册的文化市场经营单位共有332家。", "other"),
    (None, "2018卷\n【概況】 內蒙古自治區司法廳是負責全區司法行政工作的政府組成部門。", "other"),
    # a plan speaks of itself (结合…实际,制定2024年…工作计划。); a report's 制定2024年…工作要点 is a deed
    (None, "为全面推进依法行政,根据《纲要》要求,制定2024年法治政府建设工作要点。\n一、加强党的领导", "work_points"),
    # a doer named or a news item's 近日 before 制定: a deed, not the plan itself (review of session 10)
    (None, "按照市委部署,我局制定2023年法治政府建设工作要点。全年共收到行政复议申请35件。", "annual_report"),
    (None, "近日,为进一步推进法治政府建设,县司法局制定2024年普法依法治理工作要点。该要点明确了10项重点任务。", "news"),
    # a news headline about a report being heard is news
    ("市人大常委会听取审议市政府关于2023年法治政府建设工作情况的报告", "来源:某某日报 2024-03-12\n本报讯(记者 张三)会议听取…",
     "news"),
    (None, "一是强化组织领导。年初,结合我县实际,制定2023年法治政府建设工作要点,细化任务58项。二是加强学法。", "annual_report"),
    (None, "根据《纲要》,现结合青龙山镇实际,制定2024年法治政府建设工作计划。\n一、健全政府机构职能体系", "work_plan"),
    (None, "(一)推动法治武义全面提升。制定2024年依法治县工作要点和涉企法治服务增值化改革工作方案。全年我局办理行政复议案件96件。",
     "annual_report"),
    (None, "关于基层法院行政案件司法审查情况的调查与思考\n一、关于行政诉讼案件的数量和类型情况\n我院受理…", "other"),
    ("关于全省人民法院行政审判工作情况的调研报告", "为协助省人大常委会开展执法检查,我委开展了调研。", "other"),
    ("天津市公共法律服务情况周报(2018年7月16日-7月22日)", "一、服务概况\n本周共接听热线1200个。", "other"),
    # a circular on a month, a quarter or a week, or on statistics, is a bulletin; a year's 工作情况的通报 is a report
    ("某市12345政府服务热线二月情况通报", "二月份,热线共受理群众诉求1.2万件。", "other"),
    ("某市人民政府办公厅关于2015年第二季度全市行政诉讼情况的通报", "第二季度,全市新收行政诉讼案件41件。", "other"),
    ("某局关于2016年全省林业行政案件统计分析情况的通报", "2016年,全省共发生林业行政案件1200起。", "other"),
    ("关于2023年1—12月全市行政复议工作情况的通报", "2023年,全市共收到行政复议申请1200件。", "annual_report"),
    ("某自治区人民政府办公厅关于2010年度规范性文件制定和备案审查工作情况的通报",
     "2010年,各盟市报送备案规范性文件120件。", "annual_report"),
    # an excerpt opening at its first section's heading is a report's body, even where a bureau is its subject
    (None, "一、2025年法治政府建设工作情况\n市生态环境局始终坚持依法行政。市生态环境局积极推进执法规范化。", "annual_report"),
    # a month's analysis or a week's summary is a bulletin; a study names itself by 现状与对策, 浅析
    ("2024年7月群众诉求情况分析", "7月,全省12345热线共受理企业群众诉求18万件,办结15万件。", "other"),
    ("市长电话周工作综述(11.17-11.23)", "本周共受理各类问题8480件。", "other"),
    ("某市山林权属纠纷现状与对策", "来源:某某政法网\n山林权属纠纷是指公民、法人或者其他组织之间的纠纷。", "other"),
    # a report that mentions a research report it wrote is still a report
    ("某县2022年法治政府建设年度报告", "现将有关情况报告如下。全年形成调研报告3篇。", "annual_report"),
    # an organ's reply to a deputy's suggestion or a proposal is neither a report nor news
    ("某县司法局关于县十九届人大四次会议第27号建议的答复",
     "张某某等代表:\n你们提出的建议收悉。现答复如下:全年办理行政复议案件30件。", "other"),
    (None, "某市政协委员:\n关于市政协八届四次会议第155号提案的答复函\n近年来,我局共调解纠纷1200件。", "other"),
    ("某县2022年法治政府建设年度报告", "现将有关情况报告如下。全年办理人大代表建议12件,答复率100%。", "annual_report"),
    # a report's own work on replies is no reply; a reply's letter by its number and 函 is
    ("某县司法局2023年法治政府建设年度报告", "2023年,我局认真办理人大代表建议和政协委员提案的答复工作,全年办理复议案件30件。",
     "annual_report"),
    ("关于市政协十四届二次会议第0123号提案办理结果的函", "你委提出的提案收悉。", "other"),
    # a notice to the units below is neither a report nor news (cm_030, by_011); one forwarding a report is the report
    ("某区政务服务管理办公室关于做好通办事项办理工作的通知",
     "各镇人民政府,各街道办事处,区级有关部门,有关单位:\n为认真贯彻落实上级要求,现就有关事项通知如下:\n一、工作目标\n", "other"),
    (None, "更新时间:2020-04-30\n各县(市、区)司法局,市级各行政执法部门:\n根据有关规定,现就2020年度行政执法证件年审工作通知如下:\n"
     "一、年审范围\n", "other"),
    (None, "各县(市)区司法局,市局机关各处室:\n现将《2022年全市司法行政工作总结》印发给你们,请结合实际抓好落实。\n"
     "2022年全市司法行政工作总结\n2022年,我局办理行政复议案件30件。", "annual_report"),
    ("某市人民政府办公室关于公布某市2009年度政府信息公开工作年度报告的通知",
     "各县(区)人民政府,市政府各部门:\n按照条例要求,我办编制了年度报告。", "annual_report"),
    ("某县2022年工作报告", "各位代表:\n现在,我代表县人民政府向大会报告工作。", "annual_report"),
])
def test_doc_type_of_a_study_or_bulletin(title: str | None, text: str, kind: str) -> None:
    assert doc_type_of(title, text) == kind


@pytest.mark.parametrize("title, text", [
    ("2015年查处劳动保障违法案38.9万件",
     "中新网1月22日电 人力资源和社会保障部新闻发言人介绍,2015年全国共查处劳动保障违法案件38.9万件。"),
    ("一季度全国发现违法用地行为9462件", "4月18日,国土资源部通报今年一季度全国国土资源领域违法形势。"),
])
def test_a_ministrys_own_report_on_national_figures_is_a_departments(title: str, text: str) -> None:
    # GOLD.md: a national organ's own report: its 全国 figures are its own, no place, level department
    meta = metadata_of(title + "\n" + text)
    assert (meta.level, meta.province) == ("department", None)



@pytest.mark.parametrize("text", [
    # the ministry speaks later in the opening, after a time word, under a page's header
    "网站首页 > 新闻中心\n中新网10月25日电 今天国土资源部举行新闻发布会,通报1-9月全国发生违法用地行为3.7万件。",
    "返回首页\n数字报\n新华社北京6月14日电 司法部日前发布《2022年度律师工作统计分析》。截至2022年底,全国共有律师65万多人。",
    "一季度违法用地情况\n本报讯 记者从自然资源部获悉,人力资源和社会保障部 新闻 发言人介绍,全国共查处案件38.9万件。",
])
def test_a_ministry_speaking_to_the_press_makes_a_national_report(text: str) -> None:
    assert is_national(None, text)


def test_a_headline_over_a_bare_time_stamp_is_a_news_pages_title() -> None:
    # a news page: headline, its time stamp, then the story (even when the bureau says 我局 in it)
    text = "某区司法局多措并举 筑牢人民调解防线\n\n19.12.2017  20:36\n\n  去年,我局坚持以防为主,全年调解纠纷300件。"
    meta = metadata_of(text)
    assert (meta.title, meta.doc_type) == ("某区司法局多措并举 筑牢人民调解防线", "news")


def test_a_headlines_last_year_counts_from_the_pages_date() -> None:
    # 去年 in the headline of a page dated 2016 is 2015, whatever earlier year the story compares with
    assert year_of("某市环保局去年罚款达1300万元", "去年共罚款1300万元,是2014年的20倍。", "news", "2016-02-18") == 2015


@pytest.mark.parametrize("title, text, year", [
    # a report heard at a congress's spring session is of the year before; one heard later in the year may be of its own
    ("安徽省人民代表大会常务委员会工作报告 ————2016年2月19日在安徽省第十二届人民代表大会第六次会议上",
     "过去一年,省人大常委会共制定地方性法规12件。", 2015),
    ("某省人民检察院工作报告", "——2023年1月14日在某省第十四届人民代表大会第一次会议上\n一年来,共办理行政检察案件300件。", 2022),
    ("关于法律援助条例实施情况的报告", "——2016年7月26日在省十二届人大常委会第二十三次会议上\n条例实施以来,共办理案件。", None),
    # the line in brackets; a title's own year still wins over the session's date
    ("某市人民政府工作报告", "(2023年1月14日在某市第十六届人民代表大会第三次会议上)\n过去一年,全市办理案件。", 2022),
    ("关于2024年第一季度全市行政复议工作情况的报告", "——2024年4月25日在市十七届人大常委会第二十次会议上\n一季度共收到申请。",
     2024),
])
def test_a_report_heard_by_a_congress_in_spring_is_of_the_year_before(title: str, text: str, year: int | None) -> None:
    assert year_of(title, text, "annual_report") == (year if year is not None else year_of(title, text, "annual_report"))
    if year is None:
        assert year_of(title, text, "annual_report") != 2015


@pytest.mark.parametrize("text, year", [
    ("今年12月4日是第十个国家宪法日,记者从市司法局获悉,全市开展普法活动300场。", 2023),
    ("在第七个“宪法日”到来之际,社区共组织志愿者22人,发放宣传手册320份。", 2020),
    ("围绕第11个国家宪法日,全县举办宪法宣传活动45场。", 2024),
    ("在第十个‘国家宪法日’到来之际,开展宣传活动20场。", 2023),
    ("围绕第10个“12·4”国家宪法日,开展宣传活动20场。", 2023),
])
def test_the_nth_constitution_day_dates_an_item_that_states_no_year(text: str, year: int) -> None:
    assert year_of(None, text, "news") == year


def test_a_year_to_date_published_the_next_january_is_the_year_just_ended() -> None:
    text = "2017年以来,我省各级司法行政机关共办理法律援助案件2万件。"
    assert year_of(None, text, "news", "2018-01-24") == 2017
    # a start (自…以来) counts several years; a page dated later in the year is no year-end review
    assert year_of(None, "自" + text, "news", "2018-01-24") is None
    assert year_of(None, text, "news", "2018-06-15") is None


@pytest.mark.parametrize("text, named", [
    ("2020年底,某市公共法律服务中心(简称市公服中心)正式启用,一季度办理法律援助案件750件。", 1.0),
    ("某省高级人民法院(以下简称某高院)29日发布白皮书,全年审结行政案件3000件。", 1.0),
    # a document's short name is not an organ's
    ("发布《2019年度行政审判白皮书》(以下简称白皮书),全市共审结行政案件3000件。", 0.0),
])
def test_an_organ_given_a_short_name_is_a_level_cue(text: str, named: float) -> None:
    # the item that names an organ for the rest of its text is about that organ (etl/extract/level_model.py weighs it)
    assert department_cues(None, None, text, "news", None, "city")["organ_alias"] == named


def test_a_headline_over_its_pages_source_line_is_the_title() -> None:
    text = ("秀山县司法局获全国表彰\n时间: 2025-05-09 来源: 重庆法治报 编辑: 某某\n"
            "日前,司法部印发通报。秀山县司法局行政复议与应诉科获评全国表现突出集体。")
    assert metadata_of(text).title == "秀山县司法局获全国表彰"


def test_a_ministrys_award_to_a_local_body_is_not_a_national_report() -> None:
    # 司法部 opens the item, but it honours a named local body: the item is that body's, not a national report
    text = ("本报讯 近日,司法部决定授予299个人民调解委员会全国模范人民调解委员会称号,厦门市集美区后溪镇人民调解委员会位列其中。"
            "据了解,该调委会全年调解纠纷300件。")
    assert not is_national(None, text)


def test_a_ministrys_rules_followed_after_a_provinces_do_not_make_a_national_report() -> None:
    # 根据《广东省…规定》和司法部有关工作要求: the rules followed, the ministry's among them, not the reporter (be_054)
    text = ("根据《广东省法治政府建设情况定期报告规定》和司法部有关工作要求,现将我厅2018年度法治政府建设情况报告如下:\n"
            "一、主要工作情况\n2018年,我厅在司法部、省委和省政府的正确领导下,全面贯彻落实全国和全省的部署。")
    assert not is_national(None, text)
    assert metadata_of(text).province == "广东省"


@pytest.mark.parametrize("text, level, province", [
    # one sector's organs across the area as the subject, with no author named: the sector's report (CONVENTIONS d_020)
    ("今年以来,全市各级食品药品稽查执法部门认真开展专项整治。截止4月底,共查处案件500件。", "department", None),
    ("自1999年行政复议法颁布实施以来,全国公安机关行政复议部门积极化解行政争议。十年来直接纠错案件3000件。",
     "department", None),
    # the review bodies of every level are the governments: no sector
    ("2015年,全国各级行政复议机关共办理行政复议案件10万件。", "unknown", None),
])
def test_a_sectors_organs_across_an_area_make_a_departments_report(text: str, level: str, province: str | None) -> None:
    meta = metadata_of(text)
    assert (meta.level, meta.province) == (level, province)


def test_a_ministry_by_its_name_before_the_reform_is_national() -> None:
    text = "质检总局通报全国质检系统近期打假10起典型案件\n新华社北京12月29日电 国家质检总局29日通报了全国质检系统的10起典型案件。"
    assert is_national(None, text)
    assert not is_national(None, "某市质监局通报全市质检系统近期打假10起典型案件\n某市质监局29日通报了10起典型案件。")


def test_a_plan_over_a_span_of_years_is_for_its_start() -> None:
    from etl.extract.metadata import metadata_of

    meta = metadata_of("关于开展专项整治行动的实施方案\n为规范执法,决定自2024年1月至2025年12月开展专项整治行动,特制定本方案。")
    assert (meta.year, meta.doc_type) == (2024, "implementation_plan")


@pytest.mark.parametrize("text, city, county", [
    # a city's short name that is also its own county's (邵阳市 / 邵阳县): the city, where the city is named in full too
    ("我市推出领导干部学法举措\n邵阳日报讯 2月22日,市政府召开常务会议,会议设置学法议题。邵阳市司法局负责人参加。",
     "邵阳市", None),
    # the county named in full stays the county
    ("邵阳县人民政府2023年法治政府建设年度报告\n2023年,我县深入推进法治政府建设。", "邵阳市", "邵阳县"),
])
def test_a_short_name_shared_by_a_city_and_its_county(text: str, city: str, county: str | None) -> None:
    meta = metadata_of(text)
    assert (meta.city, meta.county) == (city, county)


@pytest.mark.parametrize("text, province, city, county", [
    # an autonomous county by its short name and 县 (秀山县 for 秀山土家族苗族自治县): the county, its parents known
    ("秀山县司法局着力加强人民调解工作\n近年来,秀山县司法局调解纠纷1200件。", "重庆市", "重庆市", "秀山土家族苗族自治县"),
    ("景东县2023年法治政府建设年度报告\n2023年,我县深入推进依法行政。", "云南省", "普洱市", "景东彝族自治县"),
    # a county's bureau right after the alias (市场监督管理局, 乡村振兴局) is no word about counties (second review)
    ("秀山县市场监督管理局2023年法治政府建设年度报告\n2023年,我局坚持依法行政。", "重庆市", "重庆市", "秀山土家族苗族自治县"),
    ("景东县乡村振兴局2023年工作总结\n2023年,我局坚持依法行政。", "云南省", "普洱市", "景东彝族自治县"),
    # a prefecture, also where its short name is a province's (海南州 is Qinghai's, never Hainan)
    ("恩施州2023年法治政府建设年度报告\n2023年,全州深入推进依法行政。", "湖北省", "恩施土家族苗族自治州", None),
    ("海南州司法局2023年法治政府建设年度报告\n2023年,我局坚持依法行政。", "青海省", "海南藏族自治州", None),
    ("河南县2023年法治政府建设年度报告\n2023年,我县深入推进依法行政。", "青海省", "黄南藏族自治州", "河南蒙古族自治县"),
])
def test_an_autonomous_place_by_its_short_name_and_kind(text: str, province: str, city: str, county: str | None) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.county) == (province, city, county)


@pytest.mark.parametrize("text, province", [
    # a word about places of a kind after a word's last characters (最大化 + 县级, 民和 + 县域 inside 人民和县域) is no place
    ("推动司法资源配置最大化县级法院改革综述\n全年办理案件120件。", None),
    ("某局开通绿色通道县级审批提速\n全年办理案件120件。", None),
    ("司法局服务人民和县域经济发展\n全年办理案件120件。", None),
    ("黄河沿河县区河长制工作报告\n全年办理案件120件。", None),
    # a short name that is also a province's (河南) stays the province's: 河南县域 is Henan's counties
    ("关于河南县域法治建设的调研报告\n近年来,我省县域法治建设取得成效。", "河南省"),
])
def test_an_autonomous_places_alias_inside_other_words_is_no_place(text: str, province: str | None) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.county) == (province, None)


@pytest.mark.parametrize("published, year", [("2020-10-28", 2020), ("2021-01-05", 2020)])
def test_a_news_lead_dating_its_own_event_takes_its_year_despite_a_since(published: str, year: int) -> None:
    """CONVENTIONS j_040: a news item on a dated event is of that event's year; 条例实施以来 later does not undo it."""
    month = "10" if published.endswith("10-28") else "12"
    text = (f"省人大调研组到某县开展专题调研\n来源:某某长安网 | 发布时间: {published} 11:16\n"
            f"某某长安网讯 (通讯员 张三){month}月21日,省人大调研组深入某县,就《某某省法律援助条例》实施以来的情况开展调研。")
    assert metadata_of(text).year == year


def test_a_dateline_before_the_outlets_wire_word_dates_the_items_event() -> None:
    # 中新网乌鲁木齐8月9日电: the wire dateline names the event's day as much as 讯 (通讯员…)10月21日 does
    text = ("某某机制日益健全\n发布时间:2024-11-23 11:28:36 来源:中新网\n"
            "中新网乌鲁木齐8月9日电 (记者 张三)8日下午,记者从新闻发布会上获悉,调解成功率达99.13%。"
            "2020年以来,开展矛盾纠纷排查10.51万场次。")
    assert metadata_of(text).year == 2024
    # a page stamped ten months after its dateline's month is a repost's: it dates nothing
    assert metadata_of(text.replace("8月9日电", "1月5日电")).year is None
    # 电话 after a day is a phone call, no dateline; a 讯 lead months before its page's date keeps the page's year
    call = "某县专项行动成效明显\n发布时间:2024-03-10 09:00\n自开展专项行动以来,于5月20日电话回访当事人。"
    assert metadata_of(call).year is None
    late = ("县司法局开展普法活动\n发布时间:2024-12-10 09:00\n本网讯 5月20日,县司法局开展法律进社区活动。"
            "八五普法启动以来,累计发放资料3000份。")
    assert metadata_of(late).year == 2024
    # 电联 (a phone contact) is no wire dateline either
    assert metadata_of(call.replace("电话回访", "电联")).year is None


def test_a_stamp_with_its_clock_time_is_found_in_the_normalised_text() -> None:
    # normalising drops the blank between 日 and the clock (2013年09月02日13时23分): the stamp is still the page's
    from etl.extract.pipeline import process_text

    text = ("全国人大常委会将开展行政复议法执法检查\n中央政府门户网站 www.gov.cn   2013年09月02日 13时23分   来源:新华社\n"
            "新华社北京9月2日电(记者 张三)执法检查组第一次全体会议2日在京举行。行政复议法实施14年来,首次检查。")
    doc = process_text(text)[0]
    assert (doc.meta.publish_date, doc.meta.year) == ("2013-09-02", 2013)


def test_a_news_preview_of_next_months_event_is_of_its_pages_year() -> None:
    """Third review: a lead dated a month after the page (a preview) stays in the page's year; only a December event on a
    January page is the year before."""
    text = ("国家宪法日宣传活动将启动\n发布时间: 2022-11-30 10:00\n本报讯 (记者 李四) 12月4日是第九个国家宪法日。"
            "自活动启动以来已开展宣讲20余场。")
    assert metadata_of(text).year == 2022


@pytest.mark.parametrize("text, province, city, county", [
    # a text that speaks of itself as 我省/我市 reports at that level: a county its story names is no deeper reporter
    ("数据显示,近年来我省各级法院受理各类行政案件21627件,判决行政机关败诉的1121件。\n福建晟达公司参与建宁县新建水厂工程招投标,"
     "向三明市水利局投诉,该局认定评标结论有效。晟达公司不服提起行政诉讼。", "福建省", None, None),
    ("数据显示,近年来我市各级法院受理各类行政案件2162件,判决行政机关败诉的112件。\n晟达公司参与三明市建宁县新建水厂工程"
     "招投标,向县水利局投诉,该局认定评标结论有效。", "福建省", "三明市", None),
    # a superior named by its 我省 (根据我省统一部署, 我省首批) is no reporter: the text's deepest own word decides
    ("根据我省统一部署,我市扎实推进法治政府建设。2023年,大同市共办理行政复议案件120件。", "山西省", "大同市", None),
    ("2023年,全县深入推进法治政府建设。东至县共办理行政复议案件20件。东至县被评为我省首批法治政府建设示范县。",
     "安徽省", "池州市", "东至县"),
    # a province it visits is not its name
    ("2023年,省司法厅坚持依法行政,推进全省法治政府建设。\n" + "坚持把法治政府建设摆在全局工作的突出位置。" * 80
     + "组织赴浙江省考察学习。", None, None, None),
    # an autonomous region's government speaks of 全区 as its whole region: a province, not a district's
    ("2021年,自治区人民政府坚持以习近平新时代中国特色社会主义思想为指导,全面推进依法行政。全区各级行政机关共办理行政复议"
     "案件3200件。", None, None, None),
    # a report on its cities, each named in turn: the province's, not the first city's
    ("一、2013年依法行政工作成效\n石家庄市把依法行政工作纳入政府目标管理体系。唐山市建立重大决策合法性审查机制。邯郸市推行"
     "行政执法责任制。保定市开展规范性文件清理。", "河北省", None, None),
    # …but a county carrying out the autonomous region's decisions is still the county (the second review)
    ("一年来,认真贯彻落实自治区党委、政府决策部署,全县深入推进法治政府建设。全县共办理行政复议案件12件。", None, None, None),
    # a county-level city's report naming its neighbours and itself again: its own (遵化市), not their city's
    ("2023年法治政府建设情况报告\n一年来,我市与迁安市、滦州市、玉田县签订区域行政执法协作协议。遵化市全年办理行政复议案件50件。"
     "遵化市推进公共法律服务。", "河北省", "唐山市", "遵化市"),
    # a county-level city calls itself 我市 too: it keeps its county
    ("溧阳市司法局\n2023年,我市共办理法律援助案件1200件。溧阳市推进公共法律服务体系建设。", "江苏省", "常州市", "溧阳市"),
    # a province's department naming its province only in the documents it had issued: the province it names most
    ("2023年,省司法厅坚持依法行政,推进全省法治政府建设。现将有关情况报告如下。\n" + "一、扛牢推进法治政府建设责任,"
     "坚持把法治政府建设摆在全局工作的突出位置。" * 8 + "一是推动出台《山东省行政规范性文件制定和监督管理办法》。"
     "二是制定《山东省重大行政决策档案管理办法》。", "山东省", None, None),
    # the title's county is the reporter's, whatever scope word follows
    ("邵阳县人民政府2023年法治政府建设年度报告\n2023年,我市下达的目标任务全面完成。", "湖南省", "邵阳市", "邵阳县"),
    # a district of a municipality speaking as 我区 names itself in the body only: that district, not the municipality
    ("2022年,我区深入学习贯彻习近平法治思想,严格落实习近平总书记对重庆所作重要讲话精神,持续推进法治政府建设。\n"
     + "坚持把法治政府建设摆在全局工作的突出位置。" * 150
     + "一是印发《荣昌区法治政府建设实施方案(2022—2025)》。二是印发《2022年全区法治政府建设工作要点》。",
     "重庆市", "重庆市", "荣昌区"),
])
def test_the_reporters_own_scope_word_bounds_its_place(text: str, province: str, city: str | None,
                                                       county: str | None) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.county) == (province, city, county)
    if "自治区人民政府" in text:
        assert meta.level == "province"
    if "全县深入推进" in text:
        assert meta.level == "county"


@pytest.mark.parametrize("text, province, city, county", [
    # a city's bureau gives its office's address in one of the city's districts: the city, not the district
    ("市应急局2024年政府信息公开工作年度报告\n现公布市应急局2024年政府信息公开工作年度报告。如需咨询,请与市应急局办公室联系"
     "(地址:六盘水市钟山区凤凰山城市综合体6号楼,电话:0858-8224363)。\n一、总体情况", "贵州省", "六盘水市", None),
    # a township's address names its county where the town list knows another town of that name (中岗镇 of 阜南县)
    ("中岗镇2016年政府信息公开工作年度报告\n本报告由中岗镇人民政府编制。如有疑问请与中岗镇人民政府联系(联系电话:"
     "028-36850001,地址:仁寿县中岗镇富兴街99号,邮编:620500)。", "四川省", "眉山市", "仁寿县"),
    # 市场监督管理局 is no city-level organ by its 市; a bureau that names no level keeps its address's county
    ("市场监督管理局2023年政府信息公开工作年度报告\n2023年,本局认真落实全县政务公开工作部署。如有疑问请联系"
     "(地址:东至县尧渡镇建设路1号,电话:0566-1234567)。", "安徽省", "池州市", "东至县"),
    ("2023年政府信息公开工作年度报告\n2023年,本局认真落实政务公开工作部署。如有疑问请联系(地址:东至县尧渡镇建设路1号,"
     "电话:0566-1234567)。", "安徽省", "池州市", "东至县"),
])
def test_an_offices_address_names_its_region_no_deeper_than_the_reporter(text: str, province: str, city: str | None,
                                                                        county: str | None) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.county) == (province, city, county)


@pytest.mark.parametrize("text, date", [
    # a forum's or a page's own stamp words (发表于, 生成时间)
    ("市物价局公布年度典型价格违法案例\n查看: 1456|回复: 0\n发表于 2016-12-16 11:37\n近日,市物价局公布……", "2016-12-16"),
    ("索引号:2662366/2019-41815 生成时间:2019-06-20 00:00:00 发布机构:县市场监管局", "2019-06-20"),
    # a date with its clock time inside a line: the page's stamp, after the outlet's name
    ("聚焦大庆市司法局人民调解“枫桥经验”\n黑龙江日报  2019-02-20 11:12:30\n近年来……", "2019-02-20"),
    ("中央政府门户网站 www.gov.cn   2013年09月02日 13时23分   来源:新华社\n新华社北京9月2日电……", "2013-09-02"),
    # a stamp followed by a comma and more page furniture is still the page's
    ("某县召开普法工作会议\n县司法局 2022年8月1日 9:30, 浏览次数:120\n8月1日,县司法局召开普法工作会议。", "2022-08-01"),
    # an event's date and time that its sentence goes on from is no stamp (the blank before the clock dropped or not)
    ("全县开展行政执法人员法律知识考试\n2022年8月1日9时30分,全县320名行政执法人员参加法律知识考试。", None),
    ("2023年3月5日10时30分许,某镇村民张某到镇政府反映情况。", None),
    # a date in a sentence, with no clock time, is no stamp
    ("2019年3月5日,县政府召开常务会议。\n会议审议了……", None),
    # an event's or a period's date and time is not the page's; a date line further down is
    ("关于召开会议的通知\n经研究,定于2025年1月10日 9:00召开全县法治政府建设推进会议。\n县司法局\n2024年12月30日",
     "2024-12-30"),
    ("统计公报\n统计时段:2023年1月1日 0:00至2023年12月31日 24:00", None),
])
def test_a_pages_stamp_is_its_publish_date(text: str, date: str | None) -> None:
    assert publish_date_of(text) == date


def test_a_pages_issuer_field_names_its_organ() -> None:
    # a government page's metadata (发布单位: 青石镇) says who issued it when no line of the text does
    from etl.extract.meta_text import organ_of

    text = ("索引号: 02165835-052/2025-00387 公开方式: 主动公开 成文日期: 2025-01-20 发布单位: 青石镇 有效性:\n"
            "2024年,我镇坚持依法行政,全面推进法治政府建设。")
    assert organ_of(None, text) == "青石镇"
    assert metadata_of(text).level == "town"
    assert organ_of(None, "[ 发布机构 ] | 丰都县树人镇人民政府 |\n2023年工作总结") == "丰都县树人镇人民政府"
    # the value alone on the next line, or the next field's label right after it (the normaliser drops the blank)
    assert organ_of(None, "发布单位:\n\n    青石镇\n\n有效性") == "青石镇"
    assert organ_of(None, "发布单位: 青石镇有效性:") == "青石镇"
    assert organ_of(None, "发布机构:县人民政府\n正文") == "县人民政府"
    # a sentence about who publishes, an empty field before the title: no issuer (the second review)
    for text in ("严格落实三审制度,信息发布单位包括市直各部门和各乡镇。", "发布机构: \n关于青石镇2024年工作的报告"):
        assert organ_of(None, text) is None, text
    # a title naming its organ keeps it: the page's field is often the site hosting it
    assert organ_of("杭州市公安局西湖风景名胜区分局2022年政府信息公开工作年度报告", "发布单位: 名胜区管委会\n正文") is None


def test_an_item_saying_this_year_takes_the_year_of_the_plan_it_works_under() -> None:
    # no date on the page, 今年以来 and this year's plan by name: the plan's year; two plans of two years say nothing
    text = ("今年以来,全市各级执法部门认真按照《2018年全市食品安全放心行动实施方案》的部署,查处案件120件。")
    assert metadata_of(text).year == 2018
    two = text + "同时落实《2017年药品安全工作要点》。"
    assert metadata_of(two).year is None
    # the usual citation (《关于印发…的通知》) names it too; a plan over years, or one being drafted, does not
    assert metadata_of("今年以来,按照《关于印发2018年全县普法依法治理工作要点的通知》要求,开展讲座12场。").year == 2018
    assert metadata_of("今年以来,我县认真落实《2019—2021年法治乡村建设三年行动方案》,开展讲座12场。").year is None
    assert metadata_of("今年,我局开展法治宣传活动120场,并已着手起草《2019年普法依法治理工作要点》。").year is None
    assert metadata_of("今年,我局开展法治宣传活动120场,并已起草了《2019年普法依法治理工作要点》。").year is None
    assert metadata_of("今年以来,按照《关于印发〈2018年全县普法依法治理工作要点〉的通知》要求,开展讲座12场。").year == 2018


def test_a_report_naming_itself_is_no_plan_for_the_plan_it_quotes() -> None:
    # an untitled disclosure report that quotes its own plan (…结合我分局实际,制定本方案印发了《…实施方案》)
    body = ("本年度报告依据《中华人民共和国政府信息公开条例》编制,年报中所列数据的统计期限为2023年1月1日至12月31日。\n"
            "一、总体情况\n结合我分局实际,制定本方案印发了《某分局政务公开工作的实施方案》的通知。\n")
    assert doc_type_of(None, body) == "annual_report"
    assert doc_type_of(None, "本年报依据《条例》编制。\n一、总体情况\n结合我分局实际,制定本方案印发了《某实施方案》的通知。\n") \
        == "annual_report"
    # a plan that names itself so is still one, also when its own sentence names a report
    assert doc_type_of(None, "为推进依法行政,结合我县实际,制定本方案。\n一、工作目标\n") == "implementation_plan"
    assert doc_type_of(None, "针对政务公开年报中存在的数据不准确等问题,结合我局实际,制定本方案。\n一、工作目标\n") \
        == "implementation_plan"
    assert doc_type_of(None, "为做好本年度报告编制发布工作,结合我县实际,制定本方案。\n一、工作目标\n") == "implementation_plan"



def test_a_disclosure_reports_body_under_its_page_header_is_the_years_report() -> None:
    # the template's section heading ((一)主动公开情况) and 本年度 under a page published early the next year (cv_008)
    text = ("| 发布机构 | 某某乡人民政府 | 发布日期 | 2026-01-19 16:58 |\n……\n(一)主动公开情况\n"
            "在本年度中,某某乡按照《条例》的要求,积极主动地公开了各类政府信息共计108条,通过微信公众号发布各类信息96条。\n")
    meta = metadata_of(text)
    assert (meta.doc_type, meta.year) == ("annual_report", 2025)
    # …or its heading run into its first sentence ((一)主动公开方面。…, cw_006)
    assert doc_type_of(None, "某市应急管理局\n……\n(一)主动公开方面。全年通过政府网站发布信息2519条。") == "annual_report"

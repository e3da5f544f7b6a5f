"""A town's own report is level town, found from how such reports name their reporter (etl.extract.metadata)."""

from __future__ import annotations

import pytest

from etl.extract.meta_level import department_cues
from etl.extract.metadata import metadata_of


@pytest.mark.parametrize("text", [
    # the organ that compiles the report is its reporter, after a 根据… clause
    "根据《中华人民共和国政府信息公开条例》要求,唐村镇政府编制2020年政府信息公开年度报告。全文包括总体情况等六个部分。本报告可在邹城市人民政府门户网查阅。",
    # a town government as a clause's subject early on
    "一、基本工作情况\n2012年按照磐石市政府信息公开工作的安排部署,牛心镇人民政府及时完善了政府信息公开工作领导小组。",
    # first person of a street office or township
    "一、总体情况\n2020年,我街按照全区政府信息公开工作的总体要求,依法推进各领域政府信息公开。",
    "一、总体情况\n2021年,我乡坚持以公开为常态,全面推进政务公开。",
])
def test_a_towns_own_report_is_level_town(text: str) -> None:
    assert metadata_of(text).level == "town"


@pytest.mark.parametrize("text", [
    # a county report that names a town's website or a town as an example stays the county's
    "2020年,我县坚持以公开为常态。通过城关镇人民政府网站公开信息12条。",
    "一、总体情况\n2020年,全县各镇街严格落实政务公开要求。",
])
def test_a_county_report_naming_towns_is_not_a_town_report(text: str) -> None:
    assert metadata_of(text).level != "town"


def test_a_news_lead_makes_news_even_when_the_bureau_speaks_of_itself() -> None:
    text = ("1月19日,博乐市司法局召开巡查问题整改动员会,其中明确在行政复议方面我局将不断创新审理方式,"
            "逐步提高行政复议质量。")
    assert metadata_of(text).doc_type == "news"


@pytest.mark.parametrize("line", ["稿源时间:2016-08-23 08:30:31  文章来源:新华网",
                                  "【 2025-07-31 15:19:26 】 【 来源:四川法治报"])
def test_a_news_items_publication_line_gives_its_year(line: str) -> None:
    text = f"山东要求如期实现基本建成法治政府目标\n{line}\n近日,全省法治政府建设工作会议召开,会议要求各地加快推进。"
    assert metadata_of(text).year == int(line.split("20", 1)[1][:2]) + 2000


def test_a_leagues_own_report_is_city_level() -> None:
    # a 盟 (Inner Mongolia) is a prefecture: its 盟委 and 行署 speak for a city-level region
    text = "一、工作开展情况\n盟委、行署主要领导同志认真履行法治政府建设第一责任人职责,主持召开盟委委员会议研究部署相关工作。"
    assert metadata_of(text).level == "city"


def test_a_five_year_plan_review_is_of_its_last_year() -> None:
    assert metadata_of("甘肃省政府法制办“十二五”工作综述\n五年弹指一挥间,政府法制工作再谱新篇。").year == 2015


def test_an_enforcement_corps_report_is_a_departments() -> None:
    meta = metadata_of("北京市文化市场综合执法总队2021年行政执法统计年报\n"
                       "一、行政执法主体情况\n总队对外以北京市文化和旅游局名义执法。")
    assert meta.level == "department" and meta.province == "北京市"


@pytest.mark.parametrize("text, level", [
    # the superior in the 在…领导下 frame is not the reporter; 我市 / 全州 is
    ("2017年,在省委、省政府和市委的正确领导下,我市各级行政机关认真贯彻落实法治政府建设实施纲要。", "city"),
    ("今年以来,在自治区党委、政府坚强领导下,全州各级政府坚持依法行政,办理行政复议案件12件。", "city"),
    # a visiting superior's team: 我区 says who reports
    ("12月25日,市政府依法行政考核组来我区考核法治政府建设和依法行政工作。副区长陪同。", "county"),
])
def test_the_reporters_own_scope_word_beats_a_superior_named_first(text: str, level: str) -> None:
    assert metadata_of(text).level == level


def test_a_street_offices_own_we_is_its_towns_report() -> None:
    # a 街道办事处 calls itself 我办: its report is the town's, not a department's
    text = ("2018年某区香蜜湖街道政府信息公开工作年度报告\n本报告由香蜜湖街道编制。2018年,我办认真贯彻《条例》,"
            "全年主动公开政府信息120条。")
    assert metadata_of(text).level == "town"



def test_a_court_given_a_short_name_and_holding_a_press_conference_speaks() -> None:
    text = ("中新社某市5月29日电 某市高级人民法院(以下简称某高院)29日召开发布会,发布2019年度行政审判白皮书。"
            "数据显示,全市法院审结行政案件3000件。")
    assert department_cues(None, None, text, "news", None, "province")["court_speaks"] == 1.0


def test_a_citys_development_zone_reporting_is_a_county_of_the_city() -> None:
    # a zone's 党工委、管委会 as the reporter: county level, the zone's name as the county, the city's code
    meta = metadata_of("2023年,十堰经济技术开发区党工委、管委会在市委、市政府坚强领导下,全面推进法治政府建设。")
    assert (meta.province, meta.city, meta.county, meta.level) == ("湖北省", "十堰市", "十堰经济技术开发区", "county")
    assert meta.region_code == "420300"


@pytest.mark.parametrize("text, county", [
    # a zone's bureau or report by its title; the gold writes 经开区/高新区 by their full names, the city's 市 left out
    ("武汉经开区统计局关于2025年度法治政府建设情况的报告\n中共武汉经开区工委:\n今年以来,我局推进法治建设。",
     "武汉经济技术开发区"),
    ("淄博高新区市场监管局2022年政府信息公开年度报告\n本报告根据《条例》编制。", "淄博高新技术产业开发区"),
    ("2018年广州空港经济区管理委员会政府信息公开年度报告\n本报告根据《条例》编制。", "广州空港经济区"),
    ("武汉市东湖生态旅游风景区2019年政府信息公开年度报告\n2019年度,我区认真贯彻落实政务公开工作部署。", "东湖生态旅游风景区"),
    # the city's full name before a bare zone word: the zone of that city
    ("宜昌市高新区管委会2023年法治政府建设年度报告\n2023年,高新区坚持依法行政。", "宜昌高新技术产业开发区"),
    ("淄博市高新区市场监管局2022年政府信息公开年度报告\n本报告根据《条例》编制。", "淄博高新技术产业开发区"),
    # new areas, comprehensive experimental zones and management areas report as a city's county-level body too
    ("宁波前湾新区自然资源局2023年政府信息公开工作年度报告\n本报告根据《条例》编制。", "宁波前湾新区"),
    ("常德市西洞庭管理区2022年法治政府建设年度报告\n2022年,我区坚持依法行政。", "西洞庭管理区"),
    ("郑州航空港经济综合实验区2021年政府信息公开工作年度报告\n本报告根据《条例》编制。", "郑州航空港经济综合实验区"),
])
def test_a_zones_own_bureau_or_report_names_the_zone_as_its_county(text: str, county: str) -> None:
    assert metadata_of(text).county == county


@pytest.mark.parametrize("text, fields", [
    # a zone a province runs beside its cities reports as the province's city (CONVENTIONS), with no code of its own
    ("平潭综合实验区地方税务局2014年政府信息公开年度报告\n本报告根据《中华人民共和国政府信息公开条例》编制。",
     ("福建省", "平潭综合实验区", None, "department", None)),
    ("雄安新区2023年法治政府建设年度报告\n2023年,新区坚持依法行政。", ("河北省", "雄安新区", None, "city", None)),
    # the county on the zone's ground reporting as itself stays the county
    ("平潭县人民政府2011年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》编制。",
     ("福建省", "福州市", "平潭县", "county", "350128")),
    # a zone among the addressees is not the reporter
    ("关于2016年环境保护执法情况的通报\n各设区市环境保护局、杨凌示范区环境保护局、西咸新区建设环保局:\n按照省环境保护厅的"
     "部署,全省共查处案件300件。", (None, None, None, "department", None)),
])
def test_a_city_level_zone_reports_as_its_provinces_city(text: str, fields: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.county, meta.level, meta.region_code) == fields


@pytest.mark.parametrize("text, fields", [
    # a new area that is the whole city, the text speaking as 全市: the city's own report
    ("浙江舟山群岛新区2021年法治政府建设年度报告\n2021年,全市坚持依法行政。", ("浙江省", "舟山市", None, "city", "330900")),
    # a joint title the city government heads: the city's
    ("兰州市人民政府 兰州新区管委会2022年法治政府建设年度报告\n2022年,全市坚持依法行政。",
     ("甘肃省", "兰州市", None, "city", "620100")),
    # a zone acted on (对接…新区) or a common noun (创新区, 自主创新区域…新格局) names no zone of the city
    ("廊坊市对接雄安新区和北京城市副中心2022年工作总结\n2022年,廊坊市坚持依法行政。",
     ("河北省", "廊坊市", None, "department", "131000")),
    ("杭州市打造法治创新区和营商环境最优市2022年工作报告\n2022年,全市坚持依法行政。",
     ("浙江省", "杭州市", None, "department", "330100")),
    ("长沙市推进自主创新区域发展新格局2022年工作总结\n2022年,全市坚持依法行政。",
     ("湖南省", "长沙市", None, "department", "430100")),
])
def test_a_new_area_the_report_does_not_speak_as_is_no_county(text: str, fields: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.county, meta.level, meta.region_code) == fields


def test_a_bureau_in_a_quoted_documents_name_does_not_lead() -> None:
    # 《国务院办公厅…通知》 names the document the report follows, not an organ acting in it
    text = ("某盟2024年政府信息公开工作年度报告\n本报告根据《国务院办公厅政府信息与政务公开办公室关于印发年度报告格式的通知》"
            "要求制作。")
    assert department_cues("某盟2024年政府信息公开工作年度报告", None, text, "annual_report", None, "city")["bureau_leads"] == 0.0
    assert department_cues(None, None, "市司法局积极推进法律援助工作。", "news", None, "city")["bureau_leads"] == 1.0


def test_the_countryside_is_no_township() -> None:
    # 法治乡村 in a heading: 乡村 is the countryside, not a township named …乡
    meta = metadata_of("以示范创建为引领夯实法治乡村建设基础\n近年来,阿拉善盟聚焦法治乡村建设,全盟培育法律明白人1153名。")
    assert meta.level != "town" and meta.town is None


def test_a_city_speaking_by_its_own_scope_word_is_not_deepened() -> None:
    # 阿拉善盟…全盟: the 全区 of 全国、全区示范单位 is the autonomous region, so a banner named in the body is an example
    text = ("近年来,阿拉善盟聚焦法治建设。高标准完成全国、全区示范单位复核工作。全盟培育法律明白人1153名。"
            "盟司法局选派律师担任阿左旗吉兰泰镇法律顾问,阿左旗调解纠纷80件,阿左旗普法200场。")
    meta = metadata_of(text)
    # (whether the 盟司法局's sentence makes it a department's report is the level model's call, not this rule's)
    assert (meta.city, meta.county) == ("阿拉善盟", None) and meta.level in ("city", "department")


def test_a_commission_named_by_its_short_name_and_a_title_on_two_lines() -> None:
    """静海区卫生健康委2022年度法治 / 政府建设情况报告 (ah_027): the title printed on two lines is one title, and a
    commission's short name (卫生健康委, 发改委) is a department; a party committee's (区委) is not."""
    from etl.extract.pipeline import process_text

    text = ("\n静海区卫生健康委2022年度法治\n政府建设情况报告\n2022年区卫健委在区委区政府的坚强领导下,深入推进依法行政,"
            "全年办理行政复议案件3件。\n")
    (doc,) = process_text(text)
    assert doc.meta.title == "静海区卫生健康委2022年度法治政府建设情况报告"
    assert doc.meta.level == "department"
    (doc,) = process_text(text.replace("卫生健康委", "区委"))
    assert doc.meta.level != "department"


def test_a_dateline_above_a_title_and_party_committees_named_with_wei() -> None:
    """The second review: 2024年1月15日 above a title was joined to it (and gave the year 2024); 街道党工委 and
    区委政法委 end in 委 but are not government departments."""
    from etl.extract.pipeline import process_text

    (doc,) = process_text("2024年1月15日\n某某县司法局2023年法治政府建设年度报告\n2023年,我局全年受理行政复议案件15件。\n")
    assert (doc.meta.title, doc.meta.year) == ("某某县司法局2023年法治政府建设年度报告", 2023)
    (doc,) = process_text("梅园新村街道党工委2023年度法治建设工作报告\n2023年,街道党工委全年开展学法活动12次。\n")
    assert doc.meta.level != "department"


@pytest.mark.parametrize("text", [
    "2023年9月份12345政务服务便民热线运行情况通报\n9月份,12345政务服务便民热线中心共接到有效诉求46653件。\n",
    "一、本月受理情况\n2020年12月1日至31日,乳源瑶族自治县12345政府热线受理各类诉求件430件,按时办结率为100%。\n",
])
def test_a_hotline_reporting_its_own_work_is_a_department(text: str) -> None:
    meta = metadata_of(text)
    assert meta.level == "department" and meta.doc_type == "other"


def test_the_words_before_an_organ_are_not_its_name() -> None:
    # a news item's …这场讲座是兴安盟司法局与…联合开展的 (tests/gold/texts/ae_050.txt); a 自由贸易区 keeps its 由
    from pathlib import Path

    from etl.extract.meta_level import department_of

    text = (Path(__file__).parent / "gold" / "texts" / "ae_050.txt").read_text(encoding="utf-8")
    assert department_of(None, None, text) == "兴安盟司法局"
    found = department_of("中国(上海)自由贸易试验区管理局2023年法治政府建设情况报告", None, "现将有关情况报告如下。")
    assert found is None or "自由" in found


def test_a_big_picture_is_no_bureau() -> None:
    # 威远县:突出法治保障 打造基层治理新格局 (tests/gold/texts/aj_045.txt): a word ending in 局 that names no bureau was
    # taken as the department (and shown as the organ)
    from pathlib import Path

    from etl.extract.meta_level import department_of
    from etl.extract.meta_text import organ_of, title_of

    text = (Path(__file__).parent / "gold" / "texts" / "aj_045.txt").read_text(encoding="utf-8")
    assert department_of(title_of(text), None, text) is None
    assert organ_of(None, "某县2023年法治政府建设年度报告\n构建基层治理新格局\n全年办理行政复议案件3件。") is None



@pytest.mark.parametrize("text", [
    # a government's report or plan that mentions its hotline is not the hotline's (review of session 10)
    "曲江区2023年法治政府建设年度报告\n2023年,曲江区全面推进法治政府建设。\n(一)政务服务提质增效。全区12345热线共受理群众诉求3.2万件。",
    "某县2023年法治政府建设年度报告\n2023年1月至12月,全县12345政务服务便民热线共受理群众诉求5600件。",
])
def test_a_report_mentioning_its_hotline_is_not_the_hotlines(text: str) -> None:
    meta = metadata_of(text)
    assert meta.level == "county" and meta.doc_type == "annual_report" and meta.organ is None



@pytest.mark.parametrize("text, organ, doc_type", [
    # a hotline's year is a report, its quarter a bulletin; its name starts where a word can; a headline about it is its
    ("关于2023年全市12345政务服务便民热线办理情况的报告\n2023年,热线共受理诉求10万件。", "12345政务服务便民热线",
     "annual_report"),
    ("2023年第三季度全市12345热线运行情况通报\n第三季度共受理诉求2万件。", "12345热线", "other"),
    ("昌乐县12345热线上半年受理群众诉求12万件\n本报讯 今年上半年,昌乐县12345热线受理群众诉求12万件。", "昌乐县12345热线", "news"),
])
def test_a_hotlines_own_report(text: str, organ: str, doc_type: str) -> None:
    meta = metadata_of(text)
    assert (meta.level, meta.organ, meta.doc_type) == ("department", organ, doc_type)


def test_a_bureau_whose_name_ends_like_an_idiom_is_still_a_bureau() -> None:
    from etl.extract.meta_text import organ_of

    assert organ_of(None, "深圳市南山区科技创新局\n2023年法治政府建设年度报告\n") == "深圳市南山区科技创新局"


@pytest.mark.parametrize("text", [
    # a notary office or an arbitration court named with its report's year in the title, its area's word in the body
    "某某县公证处2023年度工作总结\n2023年,全县共办理公证事项860件。",
    "某某市劳动人事争议仲裁院2022年工作总结\n2022年,全市共受理劳动人事争议案件310件。",
])
def test_a_service_office_named_in_the_title_is_a_departments_report(text: str) -> None:
    assert metadata_of(text).level == "department"


def test_a_governments_report_about_a_body_is_the_governments() -> None:
    meta = metadata_of("某某县人民政府关于公证处改革工作情况的报告\n2022年,全县公证处改革稳步推进,办理公证事项860件。")
    assert meta.level == "county" and "关于" not in (meta.organ or "")


def test_the_rules_find_no_sector_speaking_where_a_government_acts_on_it() -> None:
    """平罗县深化公安系统改革: the county acts on a sector; 宁夏质监系统… is the sector speaking (session 11's third review).
    The final level is the level model's, which also weighs the item's words."""
    from etl.extract.meta_level import department_of

    title = "平罗县深化公安系统改革"
    text = title + "\n本报讯 2022年,平罗县深化公安系统改革,全县共查处治安案件320起。"
    # the rules find no department speaking (the level model then weighs the item's words, 查处治安案件 among them)
    assert department_of(title, None, text) is None
    sector = "宁夏质监系统查处质量违法案件成果显著"
    assert department_of(sector, None, sector + "\n宁夏质监局近日统计") == "宁夏质监系统"


def test_a_places_sector_named_by_its_system_word_is_a_departments_item() -> None:
    """宁夏质监系统…: one sector's organs across the region speak (CONVENTIONS d_020), not the region's government."""
    meta = metadata_of("宁夏质监系统查处质量违法案件成果显著\n宁夏质监局近日统计数据显示,2017年,"
                       "宁夏质监系统围绕维护消费品安全出重拳,共查处质量违法案件320起。")
    assert meta.level == "department"


@pytest.mark.parametrize("text, level", [
    ("湖南高院联合省司法厅发布2022年湖南省行政机关负责人出庭应诉情况\n出庭应诉率达96.5%。", "province"),
    ("黄石市中级法院、黄石市司法局联合发布行政复议行政诉讼案件半年分析报告\n上半年,全市新收一审行政案件300件。", "city"),
    ("湖南省高级人民法院和省司法厅共同发布2022年行政诉讼典型案例\n2022年,全省行政机关负责人出庭应诉率96.5%。", "province"),
    ("湖南高院联合省司法厅、省检察院发布2022年行政争议实质性化解典型案例\n2022年,全省负责人出庭应诉率96.5%。", "province"),
    ("湖南省司法厅与省高级人民法院联合印发2022年行政诉讼案件分析报告\n2022年,全省一审行政案件1.2万件。", "province"),
])
def test_a_courts_and_a_justice_offices_joint_release_is_the_regions(text: str, level: str) -> None:
    # together they report the region's reconsideration and litigation as a whole, not one organ's own work
    assert metadata_of(text).level == level


def test_a_courts_own_release_and_a_justice_office_working_with_a_court_stay_a_departments() -> None:
    assert metadata_of("湖南高院发布2022年行政审判白皮书\n2022年,全省法院新收一审行政案件1.5万件。").level == "department"
    # 会同/联合 a court for the office's own work (a mechanism, a campaign) is no joint release of the region's figures
    own = metadata_of("黄石市司法局2022年法治政府建设年度报告\n2022年,黄石市司法局会同市中级法院建立行政争议实质性化解"
                      "联动机制。全年办理行政复议案件156件。")
    assert (own.level, own.organ) == ("department", "黄石市司法局")
    assert metadata_of("黄石市司法局2023年政府信息公开工作年度报告\n2023年,市司法局联合市中级法院、市检察院开展“法律进企业”"
                       "活动。").level == "department"
    # …nor a meeting they hold together
    assert metadata_of("黄石市司法局2022年法治政府建设年度报告\n2022年,黄石市司法局会同市中级法院召开行政争议实质性化解"
                       "联席会议。全年办理行政复议案件156件。").level == "department"


def test_a_town_naming_its_own_report_in_the_opening_is_the_reporter() -> None:
    # 现向社会公布X乡2022年…年度报告: the report names its town; a name unique in the town list gives its county
    for named in ("岔河乡2022年", "2022年岔河乡", "2022年度岔河乡人民政府"):
        text = (f"一、总体情况\n根据《中华人民共和国政府信息公开条例》规定,现向社会公布{named}政府信息公开工作年度报告。"
                "2022年,主动公开政务信息179条。")
        meta = metadata_of(text)
        assert (meta.level, meta.town, meta.county) == ("town", "岔河乡", "峨山彝族自治县"), named
    # words before 乡 that name no town of the list (现将2022年推进城乡融合发展工作情况报告如下) are no town
    county = metadata_of("关于2022年法治政府建设工作情况的报告\n按照上级要求,现将2022年推进城乡融合发展工作情况报告如下:"
                         "2022年,全县共办理行政复议案件12件。")
    assert (county.level, county.town) == ("county", None)


@pytest.mark.parametrize("text, level", [
    # an organ's reply to a deputy's suggestion or a member's proposal is the organ's, whatever scope its figures speak for
    ("关于对省政协十三届二次会议第20240004号提案的答复\n省民革:\n您单位提出的关于加强我省人民调解工作的提案收悉。全省共有调解组织"
     "2万个。", "department"),
    ("对市人大十六届三次会议第12号建议的答复\n王某代表:\n您提出的建议收悉。全市行政复议案件300件。", "department"),
    # a disclosure report that answered requests by letter (作出答复函) is no reply to a proposal
    ("正定县人民政府2023年政府信息公开工作年度报告\n每个依申请公开件均作出答复函并在规定时限内予以答复。", "county"),
])
def test_a_reply_to_a_proposal_is_the_replying_organs(text: str, level: str) -> None:
    assert metadata_of(text).level == level


@pytest.mark.parametrize("text, year", [
    # a proposal or suggestion numbered by its session's year is answered in that year
    ("关于对省政协十三届二次会议第20240004号提案的答复\n省民革:\n您单位提出的提案收悉。目前,全省已建成人民调解组织2万个。", 2024),
    ("市司法局:\n您提出的《关于加强行政复议工作的建议》(第20210416号)收悉。现答复如下:近年来,全市复议案件逐年增加。", 2021),
])
def test_a_proposal_numbered_by_its_year_gives_the_reply_its_year(text: str, year: int) -> None:
    assert metadata_of(text).year == year


@pytest.mark.parametrize("text, fields", [
    # a report that mentions a proposal keeps its own year and level (review, session 26)
    ("邯郸市人民政府2024年法治政府建设情况报告\n2024年,市政府深入学习贯彻习近平法治思想。认真办理人大代表建议和政协委员提案,其中市政协"
     "第20230012号提案办理工作获评优秀。", ("city", 2024)),
    ("邯郸市政府召开常务会议 研究市人大十五届三次会议第1号建议答复工作\n6月11日,市长主持召开市政府常务会议,研究对市人大十五届三次"
     "会议第1号建议的答复,部署全市法治政府建设工作。", ("city", None)),
    ("邯郸市人民政府2023年法治政府建设情况报告(含对市政协第12号提案的答复情况)\n2023年,市政府坚持以习近平法治思想为指导。",
     ("city", 2023)),
])
def test_a_proposal_mentioned_in_passing_does_not_make_a_reply(text: str, fields: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.level, meta.year) == fields


@pytest.mark.parametrize("text, county", [
    # a county of a zone's ground named after the zone (雄安新区容城县…) or by its own bodies (平潭法院…县委) is the county
    ("河北雄安新区容城县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,容城县人民政府认真贯彻《条例》。", "容城县"),
    ("平潭法院2023年工作报告\n在平潭综合实验区党工委和县委的坚强领导下,全院审结案件3000件。", "平潭县"),
])
def test_a_county_on_a_zones_ground_stays_the_county(text: str, county: str) -> None:
    assert metadata_of(text).county == county

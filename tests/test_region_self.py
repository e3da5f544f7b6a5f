"""Document fields: the region a report names itself by — a bureau's branch, the title against the opening, a
government's own report, an organ named by its level (split from tests/test_document_fields.py by size)."""

from __future__ import annotations

import pytest

from etl.extract.metadata import metadata_of
from etl.extract.pipeline import process_text


@pytest.mark.parametrize("text, county", [
    # a city bureau's branch named by one of the city's districts is that district's bureau
    ("焦作市生态环境局中站分局关于2022年度法治政府建设工作情况的报告\n2022年,我分局深入推进依法行政。", "中站区"),
    ("广州市公安局增城区分局关于2023年度法治政府建设情况的报告\n2023年,我局深入推进依法行政。", "增城区"),
    # …but a scenic area's branch is named after no district (西湖风景名胜区 is no 西湖区)
    ("杭州市公安局西湖风景名胜区分局2022年度行政执法统计年报\n2022年,我局办理行政处罚案件120件。", None),
    # a branch named by a district whose short name the table lacks (浦东新区)
    ("上海市公安局浦东分局2023年度法治政府建设情况报告\n2023年,我局深入推进依法行政。", "浦东新区"),
])
def test_a_city_bureaus_branch_named_by_a_district_is_that_districts(text: str, county: str | None) -> None:
    meta = metadata_of(text)
    assert meta.county == county
    assert meta.level == "department"


def test_a_place_elsewhere_in_the_opening_does_not_replace_the_titles() -> None:
    # 许昌市's notice to its 东城区管委会 (a zone; Beijing has the only 东城区 in the gazetteer): the title's city
    text = ("许昌市府院联动联席会议办公室关于全市2022年第四季度行政机关负责人出庭应诉情况的通报\n"
            "各县(市、区)人民政府,市城乡一体化示范区、经济技术开发区、东城区管委会,市直有关单位:\n"
            "2022年第四季度,市、县两级法院共开庭审理行政案件137件,出庭应诉率为89.78%。")
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.county) == ("河南省", "许昌市", None)


def test_a_governments_own_report_is_the_regions_whatever_its_subject() -> None:
    # the municipal government reports on the deputies' suggestions it handled: its own report, not a department's
    text = ("重庆市人民政府关于办理市六届人大一次会议以来代表建议、批评和意见情况的报告\n"
            "市人民政府始终高度重视代表建议办理工作。市六届人大一次会议以来,市政府系统共承办代表建议1123件,"
            "已全部办理完毕并答复代表。市政府办公厅、市级各部门把建议办理作为改进工作的重要途径。")
    meta = metadata_of(text)
    assert (meta.province, meta.level) == ("重庆市", "province")


def test_an_organ_named_by_its_level_alone_takes_the_place_its_body_names() -> None:
    # 区人力社保局 names no district; the district's own plan it carried out does (《武清区…方案》)
    text = ("区人力社保局严格按照《法治政府建设实施纲要(2021-2025年)》相关要求,依法履行工作职责。现将本单位法治政府建设"
            "情况汇报如下:\n一、主要举措\n" + "坚持把法治政府建设摆在全局工作的突出位置。" * 150
            + "认真落实《武清区2023年度保障农民工工资支付工作实施方案》,全年办结欠薪案件"
            "120件。")
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.county) == ("天津市", "天津市", "武清区")


@pytest.mark.parametrize("text", [
    # 赴浙江省学习考察 / 学习浙江省“枫桥经验”: the county bureau that went is the reporter
    "关于赴浙江省学习考察法治政府建设工作的报告\n按照县委安排,西平县司法局组织考察组赴浙江省学习考察。现将有关情况报告如下。",
    "学习浙江省“枫桥经验”的调研报告\n西平县司法局\n今年以来,我局组织调研组深入学习枫桥经验,全年调解矛盾纠纷1200件。",
])
def test_a_place_the_title_goes_to_or_learns_from_is_not_the_reporters(text: str) -> None:
    assert metadata_of(text).county == "西平县"


def test_a_place_the_body_goes_to_is_not_the_own_district() -> None:
    # an organ named by its level alone, or a municipality's district: a district it visits or works with is not its own
    fill = "坚持把法治政府建设摆在全局工作的突出位置。" * 150
    text = "县司法局2023年法治政府建设工作总结\n2023年,县司法局扎实推进法治政府建设。" + fill \
        + "组织人民调解员赴诸暨市学习新时代“枫桥经验”。全年办理法律援助案件120件。"
    assert metadata_of(text).county is None
    text = "2023年法治政府建设年度报告\n2023年,我区认真落实重庆市委、市政府决策部署。" + fill \
        + "印发《渝中区法治政府建设工作要点》。与渝北区签订法治协作协议。"
    assert metadata_of(text).county == "渝中区"


@pytest.mark.parametrize("title, level", [
    ("重庆市人民政府 2023年办理代表建议、批评和意见情况的报告", "province"),  # a blank after the government's name
    # a report on review and court cases, or on one bureau's work, is the sector's (CONVENTIONS: department)
    ("朝阳区人民政府关于2023年度行政复议和行政应诉工作情况的报告", "department"),
    ("邵阳县人民政府关于县司法局2023年度法治政府建设工作情况的报告", "department"),
    # a report under the region's bare name is the region's, whoever its source line names; a headline is not a report
    ("麻阳苗族自治县2025年政府信息公开工作年度报告\n信息来源:麻阳县政务服务中心", "county"),
    ("房山区2008年上半年法律援助案件同比增长346.8%\n截止到2008年6月15日,房山区法律援助中心办理法律援助案件210件。", "department"),
])
def test_a_government_title_and_what_it_reports_on(title: str, level: str) -> None:
    text = title + "\n2023年,全年办理行政复议案件56件,行政应诉案件23件。县司法局认真履行职责。"
    assert metadata_of(text).level == level


def test_a_street_name_in_the_body_does_not_make_the_government_s_report_a_town_s() -> None:
    # 秀全街 holds 全街 (a street office's own word); the title names the district's government as the reporter
    text = ("广州市花都区人民政府2022年法治政府建设年度报告\n2022年,花都区坚持以习近平法治思想为指引。"
            "秀全街花港社区被推选为“全国民主法治示范社区”。")
    assert metadata_of(text).level == "county"


FILL = "坚持把法治政府建设摆在全局工作的突出位置。" * 150


@pytest.mark.parametrize("text, place", [
    # a municipality's district that goes to another province's district (赴四川省成都市武侯区) stays the municipality's
    ("2023年法治政府建设年度报告\n2023年,我区认真落实重庆市委、市政府决策部署。" + FILL
     + "组织执法人员赴四川省成都市武侯区考察学习。",
     ("重庆市", None)),
    ("县司法局2023年法治政府建设工作总结\n2023年,县司法局扎实推进法治政府建设。" + FILL + "组织人民调解员赴浙江省诸暨市学习。",
     (None, None)),
    # 矿区 is a word, not 阳泉市's district
    ("区自然资源局2023年法治政府建设工作情况报告\n区自然资源局严格落实法治政府建设要求。" + FILL
     + "开展矿区生态修复专项执法检查,对矿区内违法开采行为依法查处。", (None, None)),
    # 路政, 路网 keep the place before them
    ("汉中路政执法支队2023年法治政府建设工作总结\n2023年,支队扎实推进依法行政。", ("陕西省", None)),
])
def test_the_body_s_places_that_are_not_the_reporters(text: str, place: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.county) == place


@pytest.mark.parametrize("text, province", [
    # 盟委、行署 above the reporter: only Inner Mongolia has them; 民盟委员 is no league
    ("关于2023年法治政府建设情况的报告\n2023年,在盟委、行署的正确领导下,我局坚持依法行政,全年办理行政复议案件12件。",
     "内蒙古自治区"),
    ("关于2023年法治政府建设情况的报告\n2023年,我市坚持依法行政,邀请人大代表、民盟委员参与行政执法监督。", None),
])
def test_a_league_above_the_reporter_is_inner_mongolias(text: str, province: str | None) -> None:
    assert metadata_of(text).province == province


def test_a_government_title_on_work_it_undertook_is_the_governments() -> None:
    # 承办工作, 交办的: no bureau named, the government's own report
    text = "重庆市人民政府关于2023年人大代表建议和政协提案承办工作情况的报告\n2023年,市政府系统共承办代表建议1123件。"
    assert metadata_of(text).level == "province"



def test_a_ministry_whose_rules_a_province_follows_is_not_the_reporter() -> None:
    # 在党中央、国务院…领导下: the superior, not a national organ's report; the province speaks (全省各级政府)
    text = ("2020年,在党中央、国务院及省委的正确领导下,在省人大及其常委会的监督指导下,全省各级政府坚持依法行政,"
            "全面建设法治政府。全国首批法治政府建设示范地区中我省占3个。")
    assert metadata_of(text).level == "province"
    # …but a ministry reporting on itself after a frame (根据…工作安排,司法部…) is still the national organ
    text = ("2023年法治政府建设年度报告\n根据中央依法治国办工作安排,司法部认真贯彻落实党中央、国务院关于法治政府建设的各项要求。"
            "2023年,全国共办理法律援助案件152万件。")
    assert metadata_of(text).level == "department"



@pytest.mark.parametrize("text, place", [
    # a text that speaks only as its province names a city as an example: the province's
    ("今年以来,全省各地深入推进矛盾纠纷排查化解。这是阜新市通过评理说事点化解纠纷的案例之一。\n"
     "全省共排查化解矛盾纠纷11万余件。", ("辽宁省", None, "province")),
    # …but 全省 as a rank among the province's parts (位居全省第一, 全省首家) is a city's text about itself
    ("今年以来,阜新市推行评理说事点,调解成功率位居全省第一,建成全省首家调解指挥中心。", ("辽宁省", "阜新市", "city")),
])
def test_a_text_speaking_as_its_province_is_the_provinces(text: str, place: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.level) == place


@pytest.mark.parametrize("text, place", [
    # an honour from the province (获评全省优秀, 被评为全省示范县, 入选全省典型案例) is no province speaking
    ("2022年度法治政府建设情况报告\n2022年,阜新市司法局在市委、市政府的坚强领导下深入推进依法行政。我局行政复议工作获评全省"
     "优秀等次,两个案例入选全省行政复议典型案例。", ("阜新市", None)),
    ("依法行政工作取得新成效\n近年来,彰武县深入推进法治政府建设,先后被评为全省法治政府建设示范县、全省“七五”普法先进县。",
     ("阜新市", "彰武县")),
])
def test_an_honour_from_the_province_keeps_the_reporters_place(text: str, place: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.city, meta.county) == place


@pytest.mark.parametrize("text, fields", [
    # a Corps division's city reports under the Corps (GOLD: ap_025), not as the region's county-level city
    ("第一师阿拉尔市司法局以高质量司法行政服务助力乡村振兴\n2023年,第一师阿拉尔市司法局办理法律援助案件120件。",
     ("新疆生产建设兵团", "阿拉尔市", None)),
    ("十三师法律援助中心为职工群众挽回损失320余万元\n2023年,十三师法律援助中心办理案件56件。", ("新疆生产建设兵团", None, None)),
    # a regiment's town under its division's city (ct_025): the Corps', not the autonomous region's county-level city
    ("第一师阿拉尔市十六团新开岭镇2021年政府信息公开工作年度报告\n一、总体情况\n按照师市政府信息公开领导小组办公室的要求,我团认真贯彻落实。",
     ("新疆生产建设兵团", "阿拉尔市", None)),
])
def test_a_corps_division_and_its_city(text: str, fields: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.county) == fields


@pytest.mark.parametrize("text, province", [
    # an autonomous region speaking of its 盟市 is Inner Mongolia; a league's own text (全盟) is the league's
    ("在全区范围内拨打“12348”可以随时进行法律咨询。自治区法律援助中心负责全区平台日常管理,在12个盟市建立分支平台。",
     "内蒙古自治区"),
    ("在全区范围内拨打“12348”可以随时进行法律咨询。自治区法律援助中心负责全区平台日常管理,在14个地市建立分支平台。", None),
])
def test_an_autonomous_region_over_its_leagues(text: str, province: str | None) -> None:
    assert metadata_of(text).province == province


def test_an_autonomous_region_s_own_qu() -> None:
    # 全区 in a text the autonomous region heads is the region's own scope, not a district to go down to
    text = ("本网拉萨1月3日讯 日前,记者从有关部门了解到,截至目前,全区共有人民调解组织7077个。"
            "据西藏自治区司法厅介绍,全区着力建强调解队伍。" + "全区持续推进矛盾纠纷排查化解工作。" * 20
            + "那曲市比如县调解委员会调解纠纷300件,比如县司法局介绍经验。")
    meta = metadata_of(text)
    assert (meta.province, meta.county) == ("西藏自治区", None)


@pytest.mark.parametrize("text, fields", [
    # a one-sector summary or a bureau's report under the bare place name stays the department's (CONVENTIONS)
    ("宁乡市2023年信访工作总结\n2023年,我局共受理信访事项356件。", ("宁乡市", "department")),
    ("宁乡市2023年度司法局法治政府建设工作报告\n2023年,我局认真履行职责。", ("宁乡市", "department")),
    # a division named as a partner of a local Xinjiang report does not make it the Corps'
    ("阿克苏市2023年法治政府建设年度报告\n阿克苏市坚持兵地融合发展,与第一师阿拉尔市司法局签订法治共建协议。",
     ("阿克苏市", "county")),
])
def test_review_narrowings_of_the_reporter(text: str, fields: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.county, meta.level) == fields


def test_an_autonomous_region_named_only_as_the_superior() -> None:
    # 按照广西壮族自治区党委、自治区人民政府…的部署要求,我区…: the district speaks; the region is its superior
    text = ("2023年度法治政府建设情况报告\n2023年,按照广西壮族自治区党委、自治区人民政府关于法治政府建设的部署要求,我区坚持"
            "依法行政,全区法治政府建设取得新成效。" + "统筹推进各项任务落实落细。" * 30
            + "青秀区行政复议委员会全年收到行政复议申请56件。")
    assert metadata_of(text).county == "青秀区"


def test_a_portal_s_metadata_table_is_no_title() -> None:
    # 组配分类 政府建设 发布机构 区司法局: the page's catalogue line above the report's title, not the title or its author
    text = ("首页\n>政府信息公开>工作信息>政府建设\n索引号 002969771/2025-125341\n组配分类 政府建设 发布机构 区司法局\n"
            "生成日期 2025-03-25 公开方式 主动公开\n2024年度鄞州区法治政府建设工作报告\n"
            "发布时间: 2025-03-25 09:21 信息来源: 区司法局\n"
            "2024年,鄞州区政府全面贯彻落实党的二十大精神,深学笃行习近平法治思想,全区法治政府建设取得新成效。")
    meta = process_text(text)[0].meta  # the page's breadcrumb is furniture, dropped before the reporter is read
    assert (meta.title, meta.county) == ("2024年度鄞州区法治政府建设工作报告", "鄞州区")


@pytest.mark.parametrize("text, fields", [
    # a town only one county has fills the region of a text that names no other place (CONVENTIONS l_006; au_029)
    ("网格中心运行半年 及时处置率达100%\n“谢谢你们解决了油烟问题。”高行镇居民刘先生对镇网格中心工作人员表达感谢。",
     ("上海市", "上海市", "浦东新区")),
    ("为坚持和发展新时代“枫桥经验”,下相街道整合社会矛盾纠纷调处化解资源,把综治中心打造成一站式平台。",
     ("江苏省", "宿迁市", "宿豫区")),
    # a name many counties have pins nothing; nor do two unique towns of different counties
    ("为坚持和发展新时代“枫桥经验”,城关镇整合社会矛盾纠纷调处化解资源。", (None, None, None)),
    ("来自各地的调解员分享经验,其中高行镇和下相街道的调解员介绍了做法,共化解纠纷30件。", (None, None, None)),
    # …nor a town the reporter goes to learn from (我县…赴枫桥镇考察学习)
    ("我县司法局组织各乡镇司法所所长、人民调解员代表共40人赴枫桥镇考察学习新时代枫桥经验。", (None, None, None)),
])
def test_a_unique_town_named_in_the_opening(text: str, fields: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.province, meta.city, meta.county) == fields


@pytest.mark.parametrize("text, fields", [
    # a text speaking only as its city names one county once, later, as an example: the city's (ci_031, cj_002)
    ("2025年,市政府坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十大和二十届历次全会精神,全面贯彻习近平法治思想,"
     "紧紧围绕中心工作,深入推进法治政府建设,全市行政复议案件办结率100%,行政机关负责人出庭应诉率100%。"
     "社会治理成效明显,全市矛盾纠纷化解率保持高位,全市刑事警情持续下降,海丰县公安局附城派出所获评全国优秀派出所。",
     ("汕尾市", None, "city")),
    # …but a county the opening names is its subject, under the city's leaders
    ("2023年,十堰经济技术开发区党工委、管委会在市委、市政府坚强领导下,深入推进法治政府建设,全区调解纠纷300件。",
     ("十堰市", "十堰经济技术开发区", "county")),
])
def test_a_county_named_once_in_a_citys_text(text: str, fields: tuple) -> None:
    meta = metadata_of(text)
    assert (meta.city, meta.county, meta.level) == fields


def test_a_town_after_its_countys_name_in_the_organ_line() -> None:
    # 乌恰县吾合沙鲁乡人民政府 (cv_008): the town pattern's first match begins inside the county's name; the town is after it
    text = ("| 发布机构 | 乌恰县吾合沙鲁乡人民政府 | 发布日期 | 2026-01-19 16:58 |\n……\n(一)主动公开情况\n"
            "在本年度中,吾合沙鲁乡按照《条例》的要求,积极主动地公开了各类政府信息共计108条。\n")
    meta = metadata_of(text)
    assert (meta.town, meta.county, meta.level) == ("吾合沙鲁乡", "乌恰县", "town")


@pytest.mark.parametrize("text, fields", [
    # a starting point before the subject (“十四五”以来, 党的十八大以来) is no subject: the city after it speaks, and a county
    # it names later as an example does not deepen it (bz_011)
    ("“十四五”以来,安庆市以深化法治领域改革为驱动,全力破解难点痛点问题,法治建设呈现良好态势。\n一、基层立法\n"
     "宿松县人大常委会获批“国字号”基层立法联系点,全市新增联系点5个。", ("city", "安庆市", None)),
    ("党的十八大以来,安庆市坚持依法行政,法治政府建设取得明显成效。\n宿松县人大常委会获批基层立法联系点。",
     ("city", "安庆市", None)),
])
def test_a_starting_point_before_the_subject(text: str, fields: tuple) -> None:
    meta = process_text(text)[0].meta
    assert (meta.level, meta.city, meta.county) == fields


@pytest.mark.parametrize("text", [
    # a county's drive for every township (灵璧县积极开展乡镇…, 梁平区深化乡镇…) names no township
    "灵璧县积极开展乡镇综合行政执法改革工作\n灵璧县顺利完成乡镇综合行政执法改革,全县执法人员300人。",
    "重庆市梁平区深化乡镇(街道)综合行政执法改革实施方案\n为深化改革,制定本方案。",
    # a figure of speech (茶乡) or a placeholder (某镇) is no township either
    "法治春风润茶乡\n昌宁县坚持以法治建设助推乡村振兴,全县调解矛盾纠纷1200件。",
    "临西县某镇的两个村庄因灌溉水源问题产生纠纷,该县调解室的调解员及时介入,最终达成和解协议。",
])
def test_no_township_in_a_countys_drive_or_a_figure_of_speech(text: str) -> None:
    meta = process_text(text)[0].meta
    assert meta.town is None and meta.level != "town"


def test_a_place_given_as_an_example_is_not_the_subject() -> None:
    # 以兰州市红古区法律援助中心为例 in a province's item: an example, not the reporter (db_019)
    text = ("法律援助是一项民生工程,做好法律援助,对保障和改善民生具有重要意义。\n"
            "近年来,甘肃省各级司法行政机关深入践行法治为民理念,积极建设覆盖城乡的法律援助服务网络。\n"
            "以兰州市红古区法律援助中心为例,针对农民工群体,开辟法律援助“绿色通道”,简化审批手续。\n"
            "近三年,甘肃司法部门累计办理法律援助案件9.5万件。")
    meta = process_text(text)[0].meta
    assert (meta.province, meta.city, meta.county) == ("甘肃省", None, None)
    # …but a study's subtitle (——以淮北市…为例) names the place it studies
    text = "行政复议应诉质效评价体系路径探析\n——以淮北市行政复议应诉工作为例\n全国新收行政复议案件74.96万件。"
    assert process_text(text)[0].meta.city == "淮北市"


def test_a_text_opening_on_its_place_is_that_places_whatever_anecdote_follows() -> None:
    # 黄冈市聚焦…, then a 九江 resident served in 黄梅县: the place the text opens on, not the anecdote's other province
    text = ("黄冈市聚焦企业群众“办事繁、多头跑”等痛点,以数字赋能重塑政务服务生态,擦亮“冈好办”品牌。\n"
            "2025年10月29日,62岁的九江浔阳区居民邓某走进黄梅县政务服务中心“跨江通办”专窗,不到半小时就完成了申请。\n"
            "我市升级全市一体化政务服务平台,政务服务事项网上可办率达98%。")
    meta = process_text(text)[0].meta
    assert (meta.province, meta.city) == ("湖北省", "黄冈市")

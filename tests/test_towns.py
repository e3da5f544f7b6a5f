"""A town report's county, city and province from the township list (etl.extract.towns, etl.extract.meta_region):
filled when the town's name is unique in China or the text pins one of its namesakes, left null otherwise, and never
put above a place the title names (../shared/spec/GOLD.md, tests/gold/CONVENTIONS.md)."""

from __future__ import annotations

import pytest

from etl.extract import towns
from etl.extract.metadata import metadata_of


def _region(text: str) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    m = metadata_of(text)
    return m.province, m.city, m.county, m.town, m.region_code


def test_the_list_holds_unique_and_shared_names() -> None:
    # the facts the tests below rest on: 凤安镇 is one town in China, 西岗镇 two, 合水镇 six
    assert towns.towns()["凤安镇"] == ("441621",)
    assert set(towns.towns()["西岗镇"]) == {"370481", "410622"}
    assert len(towns.towns()["合水镇"]) == 6
    assert "110105" in towns.towns()["南磨房乡"]  # Beijing's 南磨房地区 is the office of 南磨房乡


def test_a_unique_town_fills_county_city_and_province_with_the_county_code() -> None:
    text = "2012年凤安镇政府信息公开工作年度报告\n我镇高度重视政府信息公开工作,全年主动公开信息120条。"
    # the region code of a town's report is its county's: the documents' codes are the gazetteer's 6-digit ones
    assert _region(text) == ("广东省", "河源市", "紫金县", "凤安镇", "441621")


def test_a_row_named_only_by_its_kind_names_no_town() -> None:
    # the list has rows named only 街道 (under 容城县 and 皮山县): 走进西区街道 in a 中山市 item is no town of 皮山县
    assert "街道" not in towns.towns()
    text = ("司法行政开放日基层法治专场走进西区街道\n发布时间:2023-11-23 来源:中山+\n11月23日,2023年中山市司法行政"
            "开放日基层法治专场来到西区街道。")
    assert _region(text)[:3] == ("广东省", "中山市", None)


def test_a_shared_town_name_stays_null() -> None:
    text = "合水镇2020年政府信息公开工作年度报告\n2020年,合水镇认真贯彻落实《条例》,全年主动公开信息56条。"
    assert _region(text) == (None, None, None, "合水镇", None)


def test_a_shared_town_name_is_pinned_by_its_county_named_in_the_text() -> None:
    text = ("西岗镇2025年度法治政府建设报告\n今年以来,西岗镇深入学习贯彻习近平法治思想。"
            "全年配合滕州市司法局开展普法活动12场。")
    assert _region(text)[:3] == ("山东省", "枣庄市", "滕州市")


def test_a_shared_town_name_is_pinned_by_the_index_numbers_division_code() -> None:
    text = "索 引 号:410622/2026-00101\n西岗镇2025年度法治政府建设报告\n今年以来,西岗镇深入学习贯彻习近平法治思想。"
    assert _region(text)[:3] == ("河南省", "鹤壁市", "淇县")


def test_a_town_named_in_the_body_does_not_move_the_titles_county() -> None:
    # 凤安镇 alone would be 紫金县 in 广东; the title names 滕州市, which stays
    text = "滕州市2020年法治政府建设情况报告\n2020年,我市扎实推进法治政府建设。凤安镇人民政府积极开展普法宣传。"
    assert _region(text)[:3] == ("山东省", "枣庄市", "滕州市")


def test_a_reporting_town_moves_the_region_off_a_place_only_its_name_contains() -> None:
    # 丹东街道 (象山县, 浙江) names no 丹东市, and 长治久安 no 长治市
    text = "2021年,丹东街道在县委、县政府的正确领导下,深入推进法治政府建设,实现社会长治久安。"
    assert _region(text)[:3] == ("浙江省", "宁波市", "象山县")


def test_a_town_report_signed_by_its_county_and_town_is_placed() -> None:
    # 新华街道 is shared by 27 places; the signature names 桦甸市 before it
    text = ("根据《条例》要求,按照市政府的统一部署,我街道政府信息得到了全面公开。现公布我街道2012年度报告。\n"
            "一、主动公开政府信息情况\n我街道全年主动公开信息35条。\n桦甸市人民政府新华街道办事处\n2013年3月7日")
    assert _region(text)[:4] == ("吉林省", "吉林市", "桦甸市", "新华街道")


def test_a_county_report_naming_another_towns_government_gets_no_town() -> None:
    # 崔家崖乡政府 is a body the county ordered, not the reporter's self (乡政府 after a name is no 我乡)
    text = ("兰州市七里河区政府共收到行政复议申请16件。区政府责令七里河区西湖街道办事处和崔家崖乡政府限期重新做出决定2件。"
            "复议范围涉及6个部门、3个乡镇和1个街道。")
    m = metadata_of(text)
    assert (m.county, m.town) == ("七里河区", None)


@pytest.mark.parametrize("text", ["近年来,凤安镇建立矛盾纠纷排查机制,全年调处纠纷86件。",
                                  "金秋九月,游客云集。凤安镇组织乡村两级干部开展法治宣传,发放资料1200份。"])
def test_a_town_acting_at_a_sentence_start_is_the_reporter(text: str) -> None:
    # 凤安镇建立… / …。凤安镇组织…: the town doing the work is the report's subject (level town, its county filled)
    m = metadata_of(text)
    assert (m.town, m.county, m.level) == ("凤安镇", "紫金县", "town")


@pytest.mark.parametrize("text, town", [
    # a street office's disclosure report naming its own office in its opening sentence or its contact line
    ("本报告根据《条例》要求编制,全面总结西宁市城中区人民政府礼让街街道办事处2025年政府信息公开工作情况。\n一、总体情况\n"
     "本年度主动公开信息120条。", "礼让街街道"),
    ("本报告中所列数据的统计期限从2024年1月1日起至2024年12月31日止。如有任何疑问,请与常州市钟楼区南大街街道综合办公室联系。\n"
     "一、总体情况\n全年主动公开信息80条。", "南大街街道"),
])
def test_a_street_office_names_itself_in_its_reports_opening_or_contact_line(text: str, town: str) -> None:
    meta = metadata_of(text)
    assert (meta.town, meta.level) == (town, "town")


@pytest.mark.parametrize("text, town", [
    # a town as the first sentence's subject, by its leadership or with the verbs a report opens with
    ("2025年,中都街道领导班子始终以习近平法治思想为统领,将法治建设贯穿街道发展全领域,全年开展学法活动10次。", "中都街道"),
    ("自全面启动综治中心规范化建设以来,桑枣镇紧扣“解民忧、纾民困、暖民心”目标,高标准建成镇村两级综治中心。", "桑枣镇"),
])
def test_a_town_opening_its_report_by_its_leadership_or_its_aim(text: str, town: str) -> None:
    meta = metadata_of(text)
    assert (meta.town, meta.level) == (town, "town")


@pytest.mark.parametrize("text", [
    # a county's report naming one of its towns as an example is the county's (按照县委部署, 其中…)
    "长兴县2023年法治政府建设情况报告\n2023年,我县坚持以习近平法治思想为指导。和平镇按照县委部署,率先建成镇级综治中心。",
    "某县2023年法治政府建设报告\n2023年,全县坚持依法行政。其中和平镇领导班子始终把法治建设摆在突出位置。",
])
def test_a_town_named_in_a_countys_report_is_not_the_reporter(text: str) -> None:
    meta = metadata_of(text)
    assert meta.town is None and meta.level != "town"


def test_the_words_before_a_towns_name_are_not_part_of_it() -> None:
    meta = metadata_of("2021年政府信息公开工作年度报告\n本报告全文在松阳政府网公布,如有疑问,可与大东坝镇人民政府党政办公室联系。")
    assert meta.town == "大东坝镇"


@pytest.mark.parametrize("text, town", [
    # a title's lead word (关于大吉山镇…的报告): the town is 大吉山镇, one in China
    ("关于大吉山镇2022年度法治政府建设工作情况的报告\n2022年,我镇坚持依法行政。", "大吉山镇"),
    # the county's government before the town (…区人民政府金桥街道办事处): the town's own name
    ("天津市东丽区人民政府金桥街道办事处2020年政府信息公开工作年度报告\n2020年,我街道主动公开信息50条。", "金桥街道"),
    # a clause's words before the opening's subject (全年木贾街道…)
    ("全年木贾街道坚持推进法治建设,调解纠纷30件。", "木贾街道"),
])
def test_the_towns_own_name_without_what_the_patterns_took_in(text: str, town: str) -> None:
    """Development texts: the town read with a lead word or its county's government before it was no town of the list,
    so its county stayed unknown."""
    assert _region(text)[3] == town


def test_a_town_read_without_its_lead_word_fills_its_county() -> None:
    assert _region("关于大吉山镇2022年度法治政府建设工作情况的报告\n2022年,我镇坚持依法行政。") == \
        ("江西省", "赣州市", "全南县", "大吉山镇", "360729")


def test_a_zones_name_is_not_cut_to_its_kind() -> None:
    # the list has rows named 经济技术开发区: 天津经济技术开发区 is the zone's own name, not that row
    assert _region("天津经济技术开发区2022年政府信息公开工作年度报告\n本年度主动公开信息100条。")[3] != "经济技术开发区"


@pytest.mark.parametrize("text", ["一年来我镇坚持依法行政,调解纠纷30件。", "同时将镇政府信息公开工作纳入考核。"])
def test_the_texts_word_for_itself_is_no_town_name(text: str) -> None:
    assert _region(text)[3] is None


def test_a_town_is_cut_only_after_a_lead_word_or_a_place() -> None:
    # second review: a head that may be part of the name stays (建筑新村街道 is no 新村街道), and towns in general are no
    # town (关于平安城镇… was read as 平安城镇, a town of 遵化市)
    assert _region("建筑新村街道坚持推进法治建设,调解纠纷30件。")[3] == "建筑新村街道"
    assert _region("关于平安城镇建设情况的报告\n全年调解纠纷30件。")[2:4] != ("遵化市", "平安城镇")

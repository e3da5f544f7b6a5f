"""Counties by the names they had in the year of a report (etl/extract/gazetteer_former.py).

A 2012 report of 宜宾县 (today's 叙州区) or a 2009 one of 北京市宣武区 (merged into 西城区 in 2010) named a place the
newest year's gazetteer does not know, so its region went unread.
"""

from __future__ import annotations

import csv

import pytest

from etl.extract import gazetteer as gz
from etl.extract import gazetteer_table
from etl.extract.gazetteer_former import FIRST_YEAR, former_places, former_rows
from etl.extract.metadata import metadata_of


def test_a_renamed_county_is_read_by_its_former_name_with_todays_code() -> None:
    md = metadata_of("宜宾县人民政府2012年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》要求编制。")
    assert (md.province, md.city, md.county, md.level, md.region_code) == ("四川省", "宜宾市", "宜宾县", "county", "511504")


def test_a_county_merged_away_keeps_its_own_code_and_is_a_region() -> None:
    md = metadata_of("北京市宣武区人民政府2009年政府信息公开工作年度报告\n一、概述")
    assert (md.city, md.county, md.region_code) == ("北京市", "宣武区", "110104")
    place = gz.gazetteer().by_code["110104"]
    assert (place.name, place.city_code) == ("宣武区", "110000")
    assert gz.gazetteer().by_code["110102"].name == "西城区"  # today's district keeps its own name


def test_a_former_county_level_city_is_todays_district() -> None:
    (place,) = [p for p, _ in gz.gazetteer().names["即墨市"]]
    assert (place.code, place.city, place.level) == ("370215", "青岛市", "county")


def test_names_of_the_1980s_and_word_stems_are_no_places() -> None:
    g = gz.gazetteer()
    assert "市区" not in g.names and "北郊区" not in g.names  # 1980s districts named like words
    assert "新建县" not in g.names and "平安县" not in g.names  # 新建县级中心, 创建平安县: words first
    named = {m.name for m in g.mentions("新建县级公共法律服务中心,创建平安县")}
    assert not named & {"新建县", "平安县"}


def test_former_rows_are_the_full_parse_of_those_years_unknown_places() -> None:
    years = range(FIRST_YEAR, gz.LATEST_YEAR)
    names = {"宜宾县", "叙州区", "宜宾市"}  # the newest year's names in the build; any set for the parse
    with gazetteer_table.gazetteer_csv().open("r", encoding="utf-8", newline="") as fh:
        full = [r for r in csv.DictReader(fh) if int(r["year"]) in years and r["rank"] in ("2", "3")
                and r[{"2": "city_name", "3": "county_name"}[r["rank"]]] not in names]
    fast = former_rows(gazetteer_table.table_lines(), years, names)
    newest = {tuple(v for k, v in r.items() if k != "year"): r for r in full}  # a county's row repeats each year
    assert sorted(map(tuple, map(dict.values, fast))) == sorted(map(tuple, map(dict.values, newest.values())))
    assert len(fast) > 100


def test_a_county_carried_on_by_a_city_is_not_read_as_a_county() -> None:
    city = gz.Place("100100", "甲市", "city", "甲省", "甲市", None, "100000", "100100")
    province = gz.Place("100000", "甲省", "province", "甲省", None, None, "100000", None)
    row = {"rank": "3", "county_name": "甲乙县", "county_id": "100100", "county_adcode": "100121",
           "province_adcode": "100000", "city_name": "甲市", "city_id": "100100", "city_adcode": "100100"}
    assert former_places([row], {"100100": city, "100000": province}, set(), frozenset()) == []
    gone = former_places([{**row, "county_id": "100121"}], {"100000": province}, set(), frozenset())
    assert [(p.code, p.name, p.city, p.province) for p in gone] == [("100121", "甲乙县", "甲市", "甲省")]


def test_a_renamed_prefecture_is_read_by_its_former_name() -> None:
    md = metadata_of("襄樊市人民政府2009年政府信息公开工作年度报告\n一、概述")
    assert (md.province, md.city, md.level, md.region_code) == ("湖北省", "襄樊市", "city", "420600")


@pytest.mark.parametrize("text, place", [
    # two-character former names (开县, 达县, 任县) stand in 召开县委, 传达县委, 担任县委: not read there
    ("2022年法治政府建设年度报告\n2022年,重庆市城口县坚持依法行政。全年召开县委常委会会议12次,主动公开县政府文件18件。",
     ("重庆市", "城口县")),
    ("2021年法治政府建设年度报告\n2021年,达州市宣汉县及时传达县委全面依法治县委员会会议精神。", ("达州市", "宣汉县")),
    # …but one opening a line or a clause is that county (session 27): 横县 (today 横州市), 开县 (today 开州区)
    ("横县2020年度法治政府建设情况报告\n2020年,我县坚持依法行政。", ("南宁市", "横县")),
    ("开县人民政府2014年政府信息公开工作年度报告\n本报告根据条例编制。", ("重庆市", "开县")),
    # a former name inside a word (县域, 县区, 区域, 城市) or recalled as former (原) names no place of that name
    ("长治市2022年法治政府建设年度报告\n长治市持续推进法治建设,以法治护航长治县域经济发展。", ("长治市", None)),
    ("2023年法治政府建设年度报告\n2023年,宜宾市推动原宜宾县撤县设区后的法治建设,全市共受理行政复议案件300件。", ("宜宾市", None)),
    ("2023年法治政府建设年度报告\n2023年,襄阳市司法局建设襄阳区域性中心城市法治保障。", ("襄阳市", None)),
    # …but a document named for the former county is its (《宜宾县在全县公民中…规划》)
    ("普法工作总结\n制定了《宜宾县在全县公民中深入开展法制宣传教育的第四个五年规划》。", ("宜宾市", "宜宾县")),
])
def test_former_names_only_where_they_name_a_place(text: str, place: tuple) -> None:
    md = metadata_of(text)
    assert (md.city, md.county) == place


def test_a_word_ending_in_a_former_citys_name_is_no_place() -> None:
    assert "增城市" not in {m.name for m in gz.gazetteer().mentions("市城市管理局新增城市绿地面积120公顷")}
    assert "增城市" in {m.name for m in gz.gazetteer().mentions("增城市人民政府2013年政府信息公开工作年度报告")}

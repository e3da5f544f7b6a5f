"""Document metadata: title, organ, region, level, year, doc_type, publish date.

Each field is read from where reports state it (title line, the issuing
organ's line, "统计期限自2018年1月1日", "发布日期:") and is None when the
text does not say: a guess is never shown as fact. One module per job: meta_text (title, organ,
opening), meta_dates (year, publish date), meta_kind (doc_type), meta_region (place, town),
meta_level (national, department cues); this one puts them together.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from etl.extract import doc_type_model, level_model, year_model
from etl.extract.gazetteer import MUNICIPALITIES, gazetteer
from etl.extract.gazetteer_table import CITY_LEVEL_ZONES
from etl.extract.meta_dates import publish_date_of, year_of
from etl.extract.meta_kind import doc_type_of, is_news_item, part_year
from etl.extract.meta_level import (
    SECTOR_REPORT,
    department_cues,
    department_of,
    hotline_reports,
    is_joint_release,
    is_national,
    is_sector,
    national_organ_reports,
)
from etl.extract.meta_region import place_of
from etl.extract.meta_text import find_title, first_lines, opening, opening_subject, organ_of, title_of

# the names callers import from here (pipeline: is_national; the search page: find_title)
__all__ = ["Metadata", "find_title", "is_national", "metadata_of"]
_department_cues = department_cues  # the name tests/test_scorer.py reads the cues by

# the Corps, its divisions (第一师阿拉尔市司法局, 十三师法律援助中心) and regiments (…十六团新开岭镇):
# a division and its city report under the Corps, not under the autonomous region whose county-level city the
# gazetteer files it as
_DIVISION = r"(?:第?[一二三四五六七八九十]{1,3})师"
_BINGTUAN = re.compile(r"新疆生产建设兵团|新疆兵团")
# (a division named in the body is often a partner of a local report: 与第一师阿拉尔市司法局签订…; only the title or organ
# line naming it makes the report the division's)
_DIVISION_ORGAN = re.compile(rf"{_DIVISION}(?:[\u4e00-\u9fff]{{2,4}}市)?"
                             r"(?:党委|司法局|法院|中级人民法院|法律援助|公共法律服务|人民政府|政府|[一二三四五六七八九十]{1,3}团|\s*20\d\d\s*年)")
_DIVISION_CITY = re.compile(rf"{_DIVISION}([\u4e00-\u9fff]{{2,4}}市)")
# the heading of a reply to a people's congress deputy's suggestion or a CPPCC member's proposal (关于对省政协十三届二次
# 会议第20240004号提案的答复, …第0290号建议办理情况的答复函)
_REPLY_HEAD = re.compile(r"^\s*(?:[\u4e00-\u9fff]{2,20}?(?:局|厅|委|办|院|政府))?\s*(?:关于)?对?[^。\n]{0,24}(?:人大|政协)"
                         r"[^。\n]{0,24}第\s*[0-9A-Za-z]+\s*号(?:代表)?(?:提案|建议|议案)[^。\n]{0,12}(?:的)?(?:答复|复函)(?:函)?\s*$",
                         re.M)
# a zone its province runs beside its cities, named as the reporter by the title, the organ line or the first sentence's
# subject, which it begins (平潭综合实验区地方税务局2013年…报告); one named in a list of addressees or acted on by another
# place (廊坊市对接雄安新区…) is not
_CITY_ZONE_WORDS = "|".join(sorted({w for _, words in CITY_LEVEL_ZONES.values() for w in words}, key=len, reverse=True))
_ZONE_NAMES = re.compile(_CITY_ZONE_WORDS)
_ZONE_LEADS = re.compile(rf"\s*(?:(?:19|20)\d\d年度?)?\s*(?:中共)?(?:{'|'.join({p for p, _ in CITY_LEVEL_ZONES.values()})})?"
                         rf"({_CITY_ZONE_WORDS})")
_ZONE_OF_NAME = {w: zone for zone, (_, words) in CITY_LEVEL_ZONES.items() for w in words}


def city_level_zone(title: str | None, organ: str | None, text: str, place_name: str | None) -> str | None:
    """The city-level zone (``CITY_LEVEL_ZONES``) the reporter names itself by, if any; or the one whose name the
    place found was read from (平潭 of 平潭综合实验区 is the zone's, not 平潭县's, where the text names no 平潭县)."""
    for src in (title or "", organ or "", opening_subject(text)):
        m = _ZONE_LEADS.match(src)
        if m:
            # 雄安新区容城县人民政府…, 平潭综合实验区平潭县…: a county of the zone's ground reports as the county
            rest = src[m.end():m.end() + 12]
            county_next = any(x.start == 0 and not x.short and any(p.level == "county" for p in x.places)
                              for x in gazetteer().mentions(rest))
            return None if county_next else _ZONE_OF_NAME[m.group(1)]
    head = opening(text, 1500)
    if place_name and place_name not in head:
        short = place_name[:2]
        zones = [m for m in _ZONE_NAMES.finditer(head) if m.group().startswith(short)]
        # not where the short name names the county's own bodies (平潭法院…县委, 平潭县…): those are the county's
        if zones and not re.search(re.escape(short) + r"(?:县|法院|检察院|公安局)", head):
            return _ZONE_OF_NAME[zones[0].group()]
    return None


@dataclass
class Metadata:
    title: str | None
    organ: str | None
    province: str | None
    city: str | None
    county: str | None
    town: str | None
    region_code: str | None
    level: str
    year: int | None
    doc_type: str
    publish_date: str | None

    def as_dict(self) -> dict:
        return asdict(self)


# a title a party committee heads (中共浚县县委 浚县人民政府关于…的报告, 静海区区委2022年度…报告): the place's report, not a
# department's (a commission's short name, 卫生健康委, 发改委, has no level word before its 委; the committee's own
# departments, 县委政法委员会, 县委宣传部, report their own work)
_PARTY_TITLE = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,12}?(?:省|市|区|县|州|盟|旗)(?:党)?委"
                          r"(?!员|会|政法|宣传|组织|统战|党校|编|网信|办|书记|常委|农办|巡察)")
# a title the government heads as its author (重庆市人民政府关于…, 邵阳县人民政府2023年…, a report or plan under the bare
# name: 麻阳苗族自治县2025年政府信息公开…年度报告, of the whole government's work — not 宁乡市2023年信访工作总结, one sector's —
# nor a headline: 房山区2008年上半年…增长); 人民政府办公室 is its office, and
# a report on a bureau's work or on review and court cases is the sector's (CONVENTIONS: 行政复议和应诉 reports are department)
_GOVERNMENT_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,12}?(?:人民政府\s*(?:关于|20\d\d\s*年)"
                               r"|(?:省|市|县|区|旗|州|盟)\s*20\d\d\s*年(?![^。\n]*(?:局|厅|委员会|办公室|法院|检察院|中心))"
                               r"(?=[^。\n]*(?:法治政府|依法行政|政府信息公开|政务公开|法治建设)"
                               r"[^。\n]*(?:报告|总结|要点|方案|计划)\s*$))"
                               r"(?![^。\n]*(?:行政复议|行政应诉|行政诉讼|[^\s,。]{1,8}(?:局|厅|委员会|办公室|法院|中心)"
                               r"(?:20\d\d年|的|工作|关于)))")


def metadata_of(text: str) -> Metadata:
    """Metadata of one document part (its original or normalised text).

    The reporter decides region and level: the title, the issuing organ's line, the first sentence's
    subject; a place named in the body only when nothing else names the reporter (meta_region). A dateline
    (新华社海口…电) or a venue (在拉萨召开) never does.
    """
    title = title_of(text)
    organ = organ_of(title, text)
    doc_type = doc_type_of(title, text)
    if doc_type in ("annual_report", "news") and hotline_reports(title, text) and not is_news_item(text) \
            and part_year(title or first_lines(text, 2)):
        doc_type = "other"  # a 12345 hotline's own month or quarter in figures: a statistics bulletin
    publish_date = publish_date_of(text)
    year = year_of(title, text, doc_type, publish_date)
    national = is_national(title, text)
    head = "\n".join(filter(None, [title, organ, opening(text, 300)]))
    place, town, self_level = place_of(title, organ, text, national)
    zone = None if national else city_level_zone(title, organ, text, place.name if place else None)
    if zone is not None:
        place = None  # the zone's ground, filed under a county by the gazetteer (平潭县), is not the reporter
    dept = department_of(title, organ, text)
    named = title or opening(text, 120)
    if dept is None and doc_type != "news" and SECTOR_REPORT.search(named):
        dept = "sector"  # 2014年云南省行政复议和行政应诉案件统计分析报告: the sector's department reports it
    # a title the government heads (花都区人民政府2022年…报告) is that government's, whatever a 全街 in the body says
    own_town = town or (self_level == "town" and not (title and _GOVERNMENT_TITLE.match(title) and place is not None))
    if own_town or (title and re.match(r"(?:20\d\d年(?:度)?)?(?:乡镇|街道|镇|乡)[^,。]{0,20}(?:总结|报告|要点|计划)", title)):
        region_level = "town"  # 2025年乡镇信访维稳工作总结: a township's own report, its name withheld
    elif place is not None:
        region_level = place.level
    elif zone is not None:
        region_level = "city"
    else:
        region_level = self_level or "unknown"
    if national:
        level = "department" if national_organ_reports(title, text) else "unknown"
        town = None
    elif is_joint_release(title, text):
        level = region_level  # a court's and a justice office's joint release: the region's figures as a whole
    elif _REPLY_HEAD.search(title or (first_lines(text, 1) or [""])[0]):
        level = "department"  # 对省政协…第N号提案的答复: an organ answers a deputy's proposal (the government's office too)
    elif title and (_GOVERNMENT_TITLE.match(title) or _PARTY_TITLE.match(title)) and region_level != "unknown":
        level = region_level  # 重庆市人民政府关于…的报告: the government's own report, whatever its subject
    elif (level_model.is_department(department_cues(title, organ, text, doc_type, dept, region_level),
                                    bool(dept), region_level, title, text) if level_model.active() else bool(dept)):
        level = "department"
        organ = organ or (None if dept is None or is_sector(dept) else dept)  # 全市各级…部门: no organ
    else:
        level = region_level
    province = city = county = code = None
    own_line = "\n".join(filter(None, [title, organ, text.lstrip().split("\n", 1)[0][:80]]))  # a headline too
    if (_BINGTUAN.search(head) or _DIVISION_ORGAN.search(own_line)) and not national:
        province, place = "新疆生产建设兵团", None
        division_city = _DIVISION_CITY.search(own_line)
        city = division_city.group(1) if division_city else None
        level = ("city" if city else "province") if level not in ("department", "town") else level
    if zone is not None and province is None:
        province, city = CITY_LEVEL_ZONES[zone][0], zone
    if place is not None:
        province, code = place.province, place.code
        city = place.city
        county = place.county
        if place.level == "province" and place.name in MUNICIPALITIES:
            city = None
        if level == "province" and province in MUNICIPALITIES:
            city = None
    refined = doc_type_model.refine(doc_type, title, text)  # after the level, which reads the rules' kind
    if refined != doc_type:
        # the year read by the document's final kind: a page the model calls news is dated by news's rules (its page's
        # date for its own event), a report by a report's
        year = year_of(title, text, refined, publish_date)
    doc_type = refined
    year = year_model.choose(title, text, doc_type, publish_date, year)
    return Metadata(title, organ, province, city, county, town, code, level, year, doc_type, publish_date)

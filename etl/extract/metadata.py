"""Document metadata: title, organ, region, level, year, doc_type, publish date.

Each field is read from where reports state it (title line, the issuing
organ's line, "统计期限自2018年1月1日", "发布日期:") and is None when the
text does not say: a guess is never shown as fact.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from etl.extract import level_model
from etl.extract.gazetteer import MUNICIPALITIES, Place, gazetteer, most_mentioned, resolve, town_county

_NAV = re.compile(r"^(?:您的位置|当前位置|当前页面|您所在的位置|首页|位置:|今天是|无障碍|索\s*引|【字体|正文复制|栏目|登录|-|•)")
_TYPE_WORDS = re.compile(r"报告|方案|要点|计划|总结|汇报|述职|做法|经验|情况|年报|规划|意见|通知")
_PRINT_NOTICE = re.compile(r"关于印发(.{4,60}?)的通知")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、])")
_TITLE_YEAR = re.compile(r"(?<!\d)(20[0-4]\d|19[89]\d)\s*年")
_YEAR_ANY = re.compile(r"(?<![\d/.])(20[0-4]\d|19[89]\d)(?:\s*年|年度)")
_PERIOD = re.compile(r"(?:统计期限|统计时限|数据统计期|统计期间|所列数据)[^。]{0,12}?(20[0-4]\d)\s*年\s*1\s*月\s*1\s*日")
_OPENING_YEAR = re.compile(r"(?:^|\n)\s*(?:\d+[.、])?\s*(20[0-4]\d)年(?:度)?[,,]")
_REPORT_YEAR = re.compile(r"现将(?:我[县市区镇省州局院])?(20[0-4]\d)年")
_DATE = re.compile(r"(20[0-4]\d|19[89]\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_PUBLISH = re.compile(r"(?:发布日期|发布时间|发布时期|成文日期|更新时间|发文日期|印发日期|日期|稿源时间|发稿时间|发表时间"
                      r"|录入时间|(?<![\u4e00-\u9fff])时间|【)\s*[::]?\s*"
                      r"(20[0-4]\d|19[89]\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_TOWN = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道|苏木|工业园区|开发区|园区))(?:人民政府|党委|政府|办事处)?")
_TOWN_SUBJECT = re.compile(r"(?:^|[,,。\n])\s*(?:20\d\d年(?:度)?[,,]?)?\s*([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))"
                           r"(?:党委|人民政府|政府)?(?:在|坚持|以|深入|认真|紧紧|始终|全面|扎实)")
# a town (or street office) that is the first sentence's subject: 兴发乡严格依照…, 观胜镇党委、政府…, 礼让街街道办事处在…
_TOWN_SELF = re.compile(r"^(?:[\s\d年月日度本上下半以来,,]|全年)*([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))"
                        r"(?:党委|人民政府|政府|办事处|街道办事处|党工委)?(?:[、和及]|$)")
_DEPT = re.compile(
    r"([\u4e00-\u9fff]{0,12}?(?:司法局|法制办|[^\s,,。、]{1,6}局(?:[\u4e00-\u9fff]{1,6}分局)?|[^\s,,。、]{1,6}(?<!办公)厅|中级人民法院|人民法院|法院|检察院|"
    r"人大常委会|办公厅|委员会|(?<!人民政府)办公室|执法总队|执法支队|执法大队))")
_NOT_DEPT = re.compile(r"人民政府办公室|政府办公室|人民政府办公厅|依法治|常委会|领导小组|委员会办公室")
_SELF = (
    (re.compile(r"我镇|全镇|本镇|镇党委|镇政府|我乡|全乡|本乡|乡党委|乡政府|我街|全街|街道党工委"), "town"),
    (re.compile(r"我县|全县|县政府|县委|我区|全区|区政府|区委|我旗|全旗"), "county"),
    (re.compile(r"我市|全市|市政府|市委|我州|全州|州政府|我盟|全盟|盟委|行署"), "city"),  # 盟 and its 行署: a city level
    (re.compile(r"我省|全省|省政府|省委|自治区政府"), "province"),
)
_NEWS = re.compile(r"该县|该市|该区|该局|该镇|记者|本报讯|据悉|日电|了解到|来源:[^\n]{0,10}新闻|(?:^|\n)[\u4e00-\u9fff]{2,8}讯"
                   # a news lead: the day of the event, then who met or held what (1月19日,博乐市司法局召开…)
                   r"|(?:^|[\n,,。])\s*\d{1,2}月\d{1,2}日(?:上午|下午|晚上?)?[,,][^。]{0,40}(?:召开|举办|举行|公布|发布|启动)")
# an organ as the subject of its own sentences ("县司法局党组高度重视…") reads as reporting about it
_THIRD_PERSON = re.compile(r"(?:^|[。\n])\s*[\u4e00-\u9fff]{0,6}(?:司法局|局|法院)(?:党组)?"
                           r"(?:进一步|通过|高度|坚持|面对|以|在|积极|切实|认真|不断|始终)")
_FIRST_PERSON = re.compile(r"我[县市区局镇省州院委办旗]")

# Where a news item names a place that is not its subject: the dateline (新华社海口12月7日电), the byline,
# the venue (在拉萨召开), the source line. Removed before the reporter's region is looked for.
# (Each alternative starting with a run of CJK first looks ahead for its end, so the scan stays linear.)
_NOT_SUBJECT = re.compile(
    r"(?=[\u4e00-\u9fff]{2,16}\d{1,2}月\d{1,2}日[电讯])"
    r"(?:新华社|中新社|中新网|人民网|新华网|央视网|中国新闻网|本报|[\u4e00-\u9fff]{0,6}(?:日报|晚报|电视台|广播电视台|网))?"
    r"[\u4e00-\u9fff]{2,8}\d{1,2}月\d{1,2}日(?:电|讯)|[((][^))\n]{0,20}记者[^))\n]{0,30}[))]"
    r"|(?=[\u4e00-\u9fff]{3,13}讯)[\u4e00-\u9fff]{0,8}(?:网|报|台)[\u4e00-\u9fff]{2,4}讯"  # 每日甘肃网兰州讯: the paper's city
    r"|在[\u4e00-\u9fff]{2,5}(?=召开|举行|举办|开幕|闭幕)")
# national organs reporting on national figures (their 全国 figures are their own)
_NATIONAL = re.compile(r"中华人民共和国[\u4e00-\u9fff]{0,6}部|国务院(?!关于|办公厅关于)|全国人大常委会|全国人民代表大会|司法部|"
                       r"最高人民法院|最高人民检察院")
_BINGTUAN = re.compile(r"新疆生产建设兵团|新疆兵团")
# the first sentence's subject is a department ("2019年安庆市大观区司法局法律援助中心以…")
_SUBJECT_DEPT = re.compile(r"[\u4e00-\u9fff]{2,20}(?:局|厅|法律援助中心|服务中心|中心|委员会|检察院|司法所|办公室)"
                           r"(?:党组|党委)?$")
# an unsigned statistical or analysis report on reconsideration / litigation across an area
_SECTOR_REPORT = re.compile(r"行政复议(?:和|与|、)?(?:行政)?(?:应诉|诉讼)?[^,。\n]{0,12}(?:统计|分析|情况|数据)"
                            r"|行政(?:应诉|诉讼)[^,。\n]{0,10}(?:统计|分析)"
                            r"|^(?:20\d\d年(?:度)?)?[\u4e00-\u9fff]{0,8}?(?:法律援助|人民调解|公证|信访)工作(?:总结|报告|情况)")
# a court or a people's congress body speaking: its report is a department's, whatever its area
_COURT = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:法院|高院|中院)")
_CONGRESS = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:人大常委会|人民代表大会常务委员会)(?:法制工作委员会|法工委)?"
                       r"|法制工作委员会|法工委")
# a court as the one who speaks: 山东省法院向社会发布…, 记者从山东省高级人民法院召开的…获悉, 四川高院召开…
_COURT_SPEAKS = re.compile(r"(?:从|据|在)?[\u4e00-\u9fff]{0,10}(?:法院|高院|中院)(?:向社会)?"
                           r"(?:发布|召开|公布|通报|举行|获悉|新闻发布会)")
# a congress standing committee as the actor of the opening (广州市人大常委会按照…全年共接收备案…)
_CONGRESS_ACTS = re.compile(r"(?:人大常委会|人民代表大会常务委员会)(?:主任[\u4e00-\u9fff]{2,4})?"
                            r"(?:按照|坚持|共|全年|听取|审议|向大会作|接收|收到|开展|工作报告)")
# a congress body's report heard by its standing committee ("听取并审议了省人大常委会法工委关于…的报告")
_CONGRESS_REPORT = re.compile(r"(?:法工委|法制工作委员会)(?:主任[\u4e00-\u9fff]{2,4})?[^。]{0,8}(?:关于|向)[^。]{0,60}报告")
# a department speaking of itself
_DEPT_SELF = re.compile(r"我(?:局|厅|院|委|办|中心)(?![\u4e00-\u9fff]{0,2}(?:市|县|区|省))")
# a department named with the year of its report ("大同市文物局2021年度行政执法数据表")
_DEPT_YEAR = re.compile(r"([\u4e00-\u9fff]{2,20}(?:局|厅|委员会|中心|办公室))(?:20[0-4]\d)年(?:度)?")
# figures stated for a whole area (全省…, 北京市共…): a bureau's press release about its area is the area's report
_AREA_SCOPE = re.compile(r"全(?:省|市|区|县|州|旗)|[\u4e00-\u9fff]{2,6}(?:省|市|区|县)(?:共|累计|全年)")
# a region-wide count (全市各级各类人民调解组织累计调解…, 全州共办理…): news of it is the region's, whoever wrote it
_AREA_WIDE = re.compile(r"全(?:省|市|区|县|州|盟|旗)(?:各级各类|各级|各类|共|累计|全年)?[^,。;]{0,16}?"
                        r"(?:共|累计|办理|受理|收到|调解|化解|审结|办结|完成)[^,。;]{0,16}?\d")
# a report's own name quoted in its opening ("现公布深圳市光明区公明街道2020年政府信息公开工作年度报告")
_EMBEDDED_TITLE = re.compile(r"(?:现(?:予)?公布|现(?:予)?发布|现将|特(?:此)?公布)(?:了)?"
                             r"《?([^。《》,,]{4,60}?(?:年度报告|工作报告|年报|报告|总结))》?")
# the organ named as a statistics table's unit (单位名称 | 曲阜市自然资源和规划局 | 0 | …)
_TABLE_UNIT = re.compile(r"(?:填报单位|单位名称|报送单位|单位\(盖章\)|检查主体|实施主体|执法主体)[\s\S]{0,300}?(?:^|\n|\|)[ \t]*"
                         r"([\u4e00-\u9fff]{2,20}(?:局|委员会|办公室|中心|厅))[ \t]*(?:\||\n|$)", re.M)


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


def _lines(text: str, n: int = 25) -> list[str]:
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if s:
            out.append(s)
        if len(out) >= n:
            break
    return out


# a crawler's field label before the title line ("标题: …", "【标题】…")
_CRAWLER_PREFIX = re.compile(r"^(?:标\s*题|题\s*目|文章标题|title)\s*[::】]\s*|^【标题】\s*", re.I)


def find_title(text: str) -> str | None:
    """The document's title line, or None (excerpts often start mid-report)."""
    # a title cell with the table's empty cells after it ("2023年…抽查工作计划 | |||||||") is still the title
    lines = [re.sub(r"[\s|]+$", "", _CRAWLER_PREFIX.sub("", line)) for line in _lines(text, 15)]
    for line in lines:
        m = _PRINT_NOTICE.search(line)
        if m and len(line) <= 80 and line.endswith(("通知", "通知》")) and not re.search(r"[。,,]", line):
            return m.group(1).strip("《》")
    for i, line in enumerate(lines[:10]):
        if _NAV.match(line) or len(line) < 6 or len(line) > 70 or "|" in line:
            continue  # navigation, fragments, table rows
        if line.endswith(("。", ":", ":", ";")) or line.count(",") + line.count(",") > 1:
            continue
        if line.startswith(("第一篇", "第二篇", "第三篇", "第四篇", "第五篇")) or _SECTION.match(line):
            continue
        if _TYPE_WORDS.search(line) or re.search(r"打造|推行|加快|建设|推进|做好|切实|受理|工作", line):
            title = re.sub(r"\s*[_｜]\s*[^_｜|]{2,30}$", "", re.sub(r"\s+", " ", line))  # "…报告_XX人民政府网"
            # a title broken over two short lines ("…示范创建" / "活动实施方案")
            if i + 1 < len(lines) and len(lines[i + 1]) <= 12 and not lines[i + 1].endswith("。") \
                    and not _NAV.match(lines[i + 1]) and _TYPE_WORDS.search(lines[i + 1]) and not _TYPE_WORDS.search(line):
                title += lines[i + 1]
            return title
    return None


_OPENING_MAX = 6000


@lru_cache(maxsize=4)
def _masked_opening(head: str) -> str:
    """``head`` with datelines, bylines and venues blanked out, same length (so any prefix is an opening)."""
    return _NOT_SUBJECT.sub(lambda m: " " * len(m.group()), head)


def opening(text: str, n: int = 400) -> str:
    """The opening of a document with what names other places than its subject taken out (datelines, venues, sources).

    Masked once per document (the metadata rules ask for several lengths of it)."""
    if n > _OPENING_MAX:
        return _NOT_SUBJECT.sub(" ", text[:n])
    return _masked_opening(text[:_OPENING_MAX])[:n]


_LEAD = re.compile(r"^(?:[\s\d年月日度上下半以来截至止底前后,,、:{}【】\[\]]|全年)*(?:[\u4e00-\u9fff]{0,6}报讯|讯)?[\s,,\d月日]*"
                   r"(?:记者(?:\d+日)?(?:日前|近日)?从)?")


# what a first sentence opens with before its subject: a time (一年来, 近日), a frame (在…下, 为贯彻…, 按照…),
# a byline in brackets
_ADVERBIAL = re.compile(r"^(?:[((][^()()]{0,24}[))]|(?:一年来|近年来|今年以来|近日|日前|去年|今年|\d+年来|"
                        r"(?:在|为|按照|根据|围绕|随着|截至|截止|自|从)[^,,。]{1,40}?)[,,]\s*)")
_VERB_START = re.compile(r"(?:以|在|坚持|认真|召开|发布|举行|印发|紧紧|始终|积极|进一步|深入|通过|按照|围绕|切实|不断|全面|"
                         r"着力|高度|对|共|新收|受理|收到|审结|办理|获悉|向|听取|公布|推进|持续|扎实|聚焦|主动|组织|开展|是|"
                         r"统筹|牵头|联合|全力|大力|创新|健全|完善|强化|加强|狠抓|注重|立足|严格|依法|结合)")


def opening_subject(text: str) -> str:
    """Who the first sentence is about: its words before the first verb (dates, datelines, bylines and
    opening frames such as 一年来, / 在…领导下, removed)."""
    for line in _lines(opening(text), 8):
        if _NAV.match(line) or "|" in line or len(line) < 8:
            continue
        first = re.split(r"[。!?;]", line)[0]
        for _ in range(4):
            stripped = _ADVERBIAL.sub("", _LEAD.sub("", first))
            if stripped == first:
                break
            first = stripped
        m = _VERB_START.search(first, 1)
        return first[:m.start()] if m else first[:30]
    return ""


def is_national(title: str | None, text: str) -> bool:
    """A national organ's own report or a report on national figures (no place of its own)."""
    subject = opening_subject(text)
    if not _NATIONAL.search((title or "") + "\n" + subject + "\n" + opening(text, 60)) \
            and not re.match(r"\s*全国", subject):
        return False
    places = [m for m in gazetteer().mentions(title or opening_subject(text)) if not m.short]
    return not places and "全国" in text[:2000]


# a yearbook entry: a bracketed topic heading, then the year's prose ("【人民调解】2020年,县司法局…")
_YEARBOOK = re.compile(r"【[^】\n]{2,20}】\s*(?:19|20)\d\d年[,,]")


def doc_type_of(title: str | None, text: str) -> str:
    head = (title or "") + "\n" + text[:300]
    if _YEARBOOK.search(text[:300]) or re.search(r"年鉴|统计公报|指标体系|办法$|规定$|条例$", title or ""):
        return "other"  # a yearbook entry (【人民调解】2020年,…), a statistical bulletin, an indicator system
    if _OTHER_KIND.search((title or "") + "\n" + text[:200]):
        return "other"  # a yearbook page, a speech, a decision's drafting note or its reading, a clean-up's result
    t = title or ""
    if re.search(r"(?:情况|总结|成效|报告)(?:及|和|暨|与)[^,。]{0,16}(?:要点|计划|打算|思路|安排)", t):
        return "annual_report"  # 2021年工作完成情况及2022年工作计划: a year's report with next year's plan appended
    for rx, kind in ((r"工作要点", "work_points"), (r"实施方案|工作方案", "implementation_plan"),
                     (r"工作计划|计划$", "work_plan")):
        if re.search(rx, t):
            return kind
    # a plan speaks of itself: 特制定本方案, 制定如下工作要点 (a report's 制定了…工作方案 is a past deed)
    m = re.search(r"制定(?:本|如下|以下|(?:20[0-4]\d)年(?:度)?)[^,。《》]{0,30}?"
                  r"(工作要点|实施方案|工作方案|工作计划|方案|要点|计划)", text[:1500])
    if not t and m:
        return {"工作要点": "work_points", "工作计划": "work_plan"}.get(m.group(1), "implementation_plan")
    if re.search(r"报告如下|报告如下", text[:1500]) and not re.search(r"工作要点|实施方案|计划", t):
        return "annual_report"
    # a briefing names itself (汇报材料, 述职, 经验做法); 枫桥经验 in a news item does not make it one
    if (re.search(r"汇报|述职|经验材料|经验做法|典型经验|工作经验", t)
            or re.search(r"汇报材料|述职报告|经验材料|经验做法", head[:120])) and not re.search(r"年度报告", t):
        return "briefing"
    if _MEDIA.search(head[:400]) and not re.search(r"报告如下|汇报如下|总结如下|本报告|本年度报告", text[:1500]):
        return "news"  # 重庆高院发布《2018年…司法审查报告》 in a paper's report: an article about the report
    if re.search(r"报告|总结|年报|统计情况|工作情况", t):
        return "annual_report"
    if re.search(r"主要任务|工作目标|实施步骤|主要措施", text[:600]) and not _FIRST_PERSON.search(text[:2000]) \
            and re.search(r"到20\d\d年|\d{4}年[^。]{0,20}(?:达到|实现)", text[:3000]):
        return "implementation_plan"
    if re.search(r"报告如下|汇报如下|本年度报告|本报告|年度报告|统计期限|总体情况|工作总结|基本成效", text[:1500]):
        return "annual_report"
    if _NEWS.search(text[:3000]) or len(_THIRD_PERSON.findall(text[:3000])) >= 2 \
            or (title and not _FIRST_PERSON.search(text[:3000])):
        return "news"
    if _FIRST_PERSON.search(text[:3000]) or re.search(r"(?:^|\n)\s*一、", text):
        return "annual_report"
    return "news"  # no title, no sections, nobody speaking for themselves: an article about them


# documents that are neither a report nor news: a yearbook page, a speech, a decision's drafting note or its reading,
# the decision publishing a clean-up's result
_OTHER_KIND = re.compile(r"年鉴|(?:会议)?上的讲话|讲话稿|起草说明|制定说明|(?:政策|文字|图文)解读《|》的(?:政策)?解读"
                         r"|清理结果的(?:决定|通告|公告)|有关情况说明如下")


# a newspaper's or news site's marks at the top: its source line, a reporter, a dateline
_MEDIA = re.compile(r"来源[::]\s*[^\n]{0,12}?(?:日报|晚报|报社|新闻|网|电视台|广播|客户端)|(?:^|[\s(（])记者|本报讯|"
                    r"(?:报|网|台|社)[\u4e00-\u9fff]{0,4}讯|[\u4e00-\u9fff]{2,8}\d{1,2}月\d{1,2}日电|央广网|新华网|人民网|中新网")


# the report a news item is about, by its quoted name: 发布《2016年度社旗法院行政案件司法审查报告》
_QUOTED_REPORT_YEAR = re.compile(r"(?:发布|公布|审议|听取|印发)[^《。]{0,12}《[^》]{0,8}?(20[0-4]\d)年(?:度)?[^》]{0,40}"
                                 r"(?:报告|白皮书|总结|年报)》")
# years that are not the year reported on: full dates (2009年1月1日起), starting points (2018年以来), goals (2020年力争)
_NOT_REPORT_YEAR = re.compile(r"(?<!\d)(?:20[0-4]\d|19[89]\d)\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|"
                              r"(?<!\d)(?:20[0-4]\d|19[89]\d)\s*年(?:度)?(?:\d{1,2}月)?(?:以来|以前|之前|前|起)|"
                              r"(?<!\d)(?:20[0-4]\d|19[89]\d)\s*年[^,。;]{0,6}(?:力争|争取|要|将|目标|翻一番|翻两番|率先|基本建成|全面建成|全面实现)")
_THIS_YEAR = re.compile(r"今年(?:以来|上半年|前\S{1,3}个?月)?|年内|年初以来")
_LAST_YEAR = re.compile(r"去年|上一年度|过去一年")
# figures that add up years (六五普法以来, 截至目前): an item made only of them is not of its publishing year
_SINCE = re.compile(r"以来|截至目前|截止目前|迄今|至今")


_PLAN_PERIOD_END = {"一": 2010, "二": 2015, "三": 2020, "四": 2025, "五": 2030}  # 十一五 … 十五五
_PLAN_PERIOD_REVIEW = re.compile(r"十([一二三四五])五[”\"]?[^,。]{0,12}(?:综述|总结|回顾|工作报告)")


def year_of(title: str | None, text: str, doc_type: str, publish_date: str | None = None) -> int | None:
    """The year the document is about: its title's, its stated period's, its opening's; for news the publishing year
    when it says 今年 (the year before when it says 去年); else the latest year it speaks of, not counting dates,
    starting points and goals."""
    if title:
        years = [int(y) for y in _TITLE_YEAR.findall(_NOT_REPORT_YEAR.sub("", title))]
        if years:
            return years[0]
        m = _PLAN_PERIOD_REVIEW.search(title)
        if m:
            return _PLAN_PERIOD_END[m.group(1)]  # “十二五”工作综述: the review of a five-year plan is of its last year
    m = _QUOTED_REPORT_YEAR.search(text[:1500])
    if m:
        return int(m.group(1))
    for rx in (_PERIOD, _REPORT_YEAR, _OPENING_YEAR):
        m = rx.search(text[:6000])
        if m:
            return int(m.group(1))
    head = re.sub(r"《[^》]{0,60}》|20\d\d\s*[-—–至]+\s*20\d\d\s*年?|\d{4}-\d{1,2}-\d{1,2}", "", text[:4000])
    if doc_type not in ("work_plan", "work_points", "implementation_plan"):
        head = _NOT_REPORT_YEAR.sub("", head)
    years = [int(y) for y in _YEAR_ANY.findall(head)]
    if publish_date and doc_type == "news":
        published = int(publish_date[:4])
        if _THIS_YEAR.search(text[:3000]) and (not years or max(years) < published):
            return published
        if _LAST_YEAR.search(text[:3000]) and not years:
            return published - 1
    if not years:
        if publish_date and (_THIS_YEAR.search(text[:3000])
                             or (doc_type == "news" and not _SINCE.search(text[:400]))):
            return int(publish_date[:4])  # a news item's own event is of its publishing year
        return None
    if doc_type in ("work_plan", "work_points", "implementation_plan"):
        return years[0]  # a plan names its own year first, then later goals
    return max(years)


def publish_date_of(text: str) -> str | None:
    m = _PUBLISH.search(text[:3000])
    day_first = False
    if not m:
        # a bare date line right under the title (2023-02-15 14:49, 2022-07-07 09:12:06 来源: 广西日报,
        # 2017-07-25T20:27:27+00:00), or day first (09.10.2016  01:32)
        for line in _lines(text, 8):
            d = re.match(r"(20[0-4]\d)-(\d{1,2})-(\d{1,2})(?:$|[T\s]+\d{1,2}:\d{2})", line) \
                or re.fullmatch(r"(20[0-4]\d)年(\d{1,2})月(\d{1,2})日(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", line)
            e = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(20[0-4]\d)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", line)
            if d or e:
                m, day_first = d or e, d is None
                break
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups()[:3])
    if day_first:
        d, mo, y = y, mo, d
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def organ_of(title: str | None, text: str) -> str | None:
    for line in _lines(text, 12):
        if _NAV.match(line):
            continue
        m = re.fullmatch(r"([\u4e00-\u9fff]{2,20}(?:人民政府|人民政府办公室|人民政府办公厅|局|厅|委员会|法院|院|办公室))", line)
        if m:
            return m.group(1)
    return None


def _department(title: str | None, organ: str | None, text: str) -> str | None:
    """The department whose own work the document reports, if it is one."""
    subject = opening_subject(text)
    for rx in (_COURT, _CONGRESS):
        for src in (title or "", subject):
            m = rx.search(src)
            if m and not (rx is _COURT and re.search(r"司法厅|司法局|政府", src)):  # a court with the 司法厅: joint, the area's
                return m.group(0)
    m = _CONGRESS_REPORT.search(opening(text, 600)) or _CONGRESS_ACTS.search(opening(text, 400)) \
        or _COURT_SPEAKS.search(opening(text, 600))
    if m and not (_COURT.search(m.group(0)) and re.search(r"司法厅|司法局|政府", m.group(0))):
        return m.group(0)
    m = _SUBJECT_DEPT.search(subject) or _DEPT_YEAR.search(opening(text, 300))
    if m and not _NOT_DEPT.search(m.group(0)) and not _AREA_SCOPE.search(text[:2000]):
        return m.group(1) if m.re is _DEPT_YEAR else m.group(0)
    m = _DEPT_SELF.search(text[:2000])
    if m:
        return m.group(0)
    m = _TABLE_UNIT.search(text[:1500])
    if m and not _NOT_DEPT.search(m.group(1)):
        return m.group(1)
    if title and "信息公开" in title:
        m = re.search(r"[\u4e00-\u9fff]{2,20}?(?:办公厅|办公室|局|委员会)", title)
        if m:
            return m.group(0)
    area_wide = _AREA_WIDE.search(text[:2000])  # 全州共办理法律援助案件916件: the region's figures, not the bureau's
    for src in (title or "", organ or ""):
        m = _DEPT.search(src)
        if m and not _NOT_DEPT.search(m.group(1)) and not (area_wide and src is organ):
            if src is title and "办公" in m.group(1) and "信息公开" not in src:
                continue
            return m.group(1)
    start = text[:400]
    m = re.search(r"(?:^|\n|[,,。])\s*(?:20\d\d年(?:度)?[,,]?)?\s*([\u4e00-\u9fff]{0,8}?(?:司法局|[\u4e00-\u9fff]{1,4}局|法院))"
                  r"(?:以|坚持|在|认真|面对|党组|紧紧|始终|积极|进一步|深入|通过|按照|与|联合|牵头|围绕|切实|不断|全面|着力)",
                  start)
    if m and not (area_wide and area_wide.start() < m.start()):  # the bureau leads, not the region's figures
        return m.group(1)
    return None


def _department_cues(title: str | None, organ: str | None, text: str, doc_type: str, dept: str | None,
                     region_level: str) -> dict[str, float]:
    """Every cue for or against a department's own report, each on its own (etl/extract/level_model.py weighs them)."""
    subject = opening_subject(text)
    head = text[:2000]
    area_wide = _AREA_WIDE.search(head)
    bureau = re.search(r"[\u4e00-\u9fff]{0,8}?(?:司法局|[\u4e00-\u9fff]{1,4}局|法院|[\u4e00-\u9fff]{1,4}厅)", text[:400])
    cues = {
        "bias": 1.0,
        "rules_dept": float(bool(dept) and dept != "sector"),
        "rules_sector": float(dept == "sector"),
        "court_or_congress_title": float(bool(_COURT.search(title or "") or _CONGRESS.search(title or ""))),
        "court_or_congress_subject": float(bool(_COURT.search(subject) or _CONGRESS.search(subject))),
        "congress_acts": float(bool(_CONGRESS_REPORT.search(opening(text, 600)) or _CONGRESS_ACTS.search(opening(text, 400)))),
        "court_speaks": float(bool(_COURT_SPEAKS.search(opening(text, 600)))),
        "subject_dept": float(bool(_SUBJECT_DEPT.search(subject))),
        "dept_year": float(bool(_DEPT_YEAR.search(opening(text, 300)))),
        "dept_self": float(bool(_DEPT_SELF.search(head))),
        "region_self": float(bool(re.search(r"我(?:省|市|县|区|镇|乡|州|旗)", head))),
        "table_unit": float(bool(_TABLE_UNIT.search(text[:1500]))),
        "title_dept": float(bool(title and _DEPT.search(title) and not _NOT_DEPT.search(title))),
        "organ_dept": float(bool(organ and _DEPT.search(organ) and not _NOT_DEPT.search(organ))),
        "organ_government": float(bool(organ and re.search(r"人民政府|政府办公", organ))),
        "title_government": float(bool(title and re.search(r"人民政府|政府(?!信息)", title))),
        "area_scope": float(bool(_AREA_SCOPE.search(head))),
        "area_wide": float(bool(area_wide)),
        "area_wide_first": float(bool(area_wide and (bureau is None or area_wide.start() < bureau.start()))),
        "bureau_leads": float(bool(bureau and bureau.start() < 60)),
        "area_words": min(len(re.findall(r"全(?:省|市|县|区|州|镇|乡)", head)), 6) / 6,
        "media": float(bool(_MEDIA.search(((title or "") + "\n" + text[:300])[:400]))),
        "third_person": min(len(_THIRD_PERSON.findall(text[:3000])), 3) / 3,
        "sector_report": float(bool(_SECTOR_REPORT.search(title or opening(text, 120)))),
        f"doc_type={doc_type}": 1.0,
        f"region_level={region_level}": 1.0,
        "has_title": float(bool(title)),
    }
    return cues


_QUOTED = re.compile(r"《[^》]{0,60}》")


def _reporter_place(title: str | None, organ: str | None, text: str) -> Place | None:
    """The place the reporter names itself by: the first run of place names (广东省韶关市曲江区) in the title, the
    organ line or the first sentence's subject, outside 《…》 (a document quoted is not the reporter)."""
    for src in (title or "", organ or "", opening_subject(text)):
        src = _QUOTED.sub(lambda x: " " * len(x.group()), src)
        mentions = gazetteer().mentions(src)
        if not mentions:
            continue
        chain = [mentions[0]]
        for mn in mentions[1:]:
            if mn.start - chain[-1].end > 1:
                break
            chain.append(mn)
        return resolve(src[chain[0].start:chain[-1].end], opening(text, 3000))
    return None


def _named_deeper(place: Place, within: Place) -> bool:
    """``place`` lies strictly inside ``within`` (a city or county of that province, a county of that city)."""
    return place.code != within.code and within.code in (place.province_code, place.city_code)


_TOWN_PLAN = re.compile(r"结合([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(?:的)?实际")
# the organ that compiles the report is its reporter: 根据…要求,唐村镇政府编制2020年政府信息公开年度报告
_TOWN_AUTHOR = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(?:人民政府|政府|办事处|街道办事处)"
                          r"(?:编制|编写|制作|发布|公布)(?:了)?(?:本|20\d\d年)")
# a town's government as a clause's subject early in the text: …工作要求,牛心镇人民政府及时完善了…
_TOWN_ORGAN_SUBJECT = re.compile(r"[,,。]\s*([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(?:人民政府|政府|办事处|街道办事处)"
                                 r"(?![\u4e00-\u9fff]{0,2}(?:网|门户|官网|信息公开专栏))")


def _town(text: str, rx: re.Pattern[str]) -> str | None:
    """A town name, unless the match is part of a county or city name (景德镇市, 镇康县, 新乡县)."""
    places: list[tuple[int, int]] | None = None
    for m in rx.finditer(text):
        if places is None:
            places = [(p.start, p.end) for p in gazetteer().mentions(text) if not p.short]
        a, b = m.span(1)
        if any(pa < b and a < pb for pa, pb in places):
            continue
        return m.group(1)
    return None


def _town_after_place(text: str) -> str | None:
    """A town named right after its county or city (深圳市光明区公明街道): the place names tell where the town name starts."""
    for m in gazetteer().mentions(text):
        if m.short:
            continue
        t = re.match(r"([\u4e00-\u9fff]{1,5}?(?:镇|乡|街道|苏木))(?:人民政府|政府|办事处|党委)?", text[m.end:])
        if t and not re.search(r"乡镇|镇村|各镇|城乡", t.group(1)):
            return t.group(1)
    return None


def metadata_of(text: str) -> Metadata:
    """Metadata of one document part (its original or normalised text).

    The reporter decides region and level: the title, the issuing organ's line, the first sentence's
    subject. A place named in the body, a dateline (新华社海口…电) or a venue (在拉萨召开) never does.
    """
    title = find_title(text)
    if title is None:
        m = _EMBEDDED_TITLE.search(text[:600])
        title = m.group(1) if m else None
    organ = organ_of(title, text)
    doc_type = doc_type_of(title, text)
    publish_date = publish_date_of(text)
    year = year_of(title, text, doc_type, publish_date)
    national = is_national(title, text)
    head = "\n".join(filter(None, [title, organ, opening(text, 300)]))
    place: Place | None = None if national else resolve(head, opening(text, 3000))
    reporter = None if national or place is None else _reporter_place(title, organ, text)
    if reporter is not None and _named_deeper(place, reporter):
        place = reporter  # 四川省推出大调解机制…在四川省资阳市…: an example in the body does not deepen the reporter
    town = _town_after_place((title or "") + "\n" + opening_subject(text)) \
        or _town((title or "") + "\n" + (organ or ""), _TOWN) or _town(opening_subject(text), _TOWN_SELF) \
        or _town(text[:300], _TOWN_SUBJECT) or _town(text[:600], _TOWN_PLAN) or _town(text[:600], _TOWN_AUTHOR) \
        or _town(text[:300], _TOWN_ORGAN_SUBJECT)
    if town and re.search(r"乡镇|街道办|镇村|各镇", town):
        town = None
    if town and not national and (place is None or place.level != "county"):
        county = town_county(town, opening(text, 2000))  # 贤庠镇 -> 象山县: the town's county, when it is certain
        if county is not None and (place is None or county.code.startswith(place.code.rstrip("0"))):
            place = county
    # the scope the report names first (全省…, then 市州…) is its own
    self_hits = [(m.start(), lvl) for rx, lvl in _SELF if (m := rx.search(text[:3000]))]
    self_level = min(self_hits)[1] if self_hits else None
    depth = {"province": 1, "city": 2, "county": 3}
    title_place = resolve(title) if title else None  # a place the title names is the reporter's: never deepened
    if not national and title_place is None and self_level in ("city", "county") \
            and (place is None or depth[place.level] < depth[self_level]) \
            and (place is None or place.level != "province" or place.name not in MUNICIPALITIES):
        deeper = most_mentioned(opening(text, 6000), self_level, place)
        if deeper is not None:
            place = deeper
    dept = _department(title, organ, text)
    named = title or opening(text, 120)
    if dept is None and doc_type != "news" and _SECTOR_REPORT.search(named):
        dept = "sector"  # 2014年云南省行政复议和行政应诉案件统计分析报告: the sector's department reports it
    own_town = town or self_level == "town"
    if own_town or (title and re.match(r"(?:20\d\d年(?:度)?)?(?:乡镇|街道|镇|乡)[^,。]{0,20}(?:总结|报告|要点|计划)", title)):
        region_level = "town"  # 2025年乡镇信访维稳工作总结: a township's own report, its name withheld
    elif place is not None:
        region_level = place.level
    else:
        region_level = self_level or "unknown"
    if national:
        level = "department" if _NATIONAL.search((title or "") + "\n" + opening(text, 200)) else "unknown"
        town = None
    elif (level_model.is_department(_department_cues(title, organ, text, doc_type, dept, region_level),
                                    bool(dept), region_level) if level_model.active() else bool(dept)):
        level = "department"
        organ = organ or (None if dept in (None, "sector") else dept)
    else:
        level = region_level
    province = city = county = code = None
    if _BINGTUAN.search(head) and not national:
        province, place = "新疆生产建设兵团", None
        level = "province" if level not in ("department", "town") else level
    if place is not None:
        province, code = place.province, place.code
        city = place.city
        county = place.county
        if place.level == "province" and place.name in MUNICIPALITIES:
            city = None
        if level == "province" and province in MUNICIPALITIES:
            city = None
    return Metadata(title, organ, province, city, county, town, code, level, year, doc_type, publish_date)

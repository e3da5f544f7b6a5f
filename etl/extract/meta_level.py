"""Metadata, the level cues: a national organ, a department's own report, and every cue for or against it.

The rules find a department several ways (a court or congress body speaking, a bureau as the subject
of the first sentence, 我局, a statistics table's unit); ``department_cues`` lists them each on its own
for etl/extract/level_model.py to weigh.
"""

from __future__ import annotations

import re

from etl.extract.gazetteer import gazetteer
from etl.extract.meta_kind import media_mark, third_person
from etl.extract.meta_text import HONOURED, NOT_A_BUREAU, opening, opening_subject

# a commission's short name (卫生健康委, 发改委, 教委); 区委, 党工委, 政法委, 居委 are party or residents' bodies
_COMMISSION = (r"(?:卫生健康|卫健|卫计|计生|发展改革|发改|住建|城乡建设|建|经信|经济信息化|商务|科|农|国资|民宗|"
               r"民族宗教|交通|交|规划|文旅|文化旅游|教)委(?!员)")
_DEPT = re.compile(
    r"([\u4e00-\u9fff]{0,12}?(?:司法局|法制办|[^\s,,。、]{1,6}局(?:[\u4e00-\u9fff]{1,6}分局)?|[^\s,,。、]{1,6}(?<!办公)厅|中级人民法院|人民法院|法院|检察院|"
    r"人大常委会|办公厅|委员会|(?<!人民政府)办公室|执法总队|执法支队|执法大队|法律援助(?:中心|处)|公证处|仲裁院|司法所|"
    + _COMMISSION + "))")
# (a government's report about a body, 县人民政府关于公证处改革工作情况的报告, is the government's)
_NOT_DEPT = re.compile(r"人民政府办公室|政府办公室|人民政府办公厅|依法治|常委会|领导小组|委员会办公室|政府关于")
# the State Council's ministries and bureaus, by the names their news uses (a province's 司法厅 or a county's 公安局 is no
# ministry; 宣传部/组织部 are party departments at every level and not listed)
_MINISTRIES = (r"(?:国家)?(?:外交部|国防部|发展改革委|发改委|教育部|科技部|工业和信息化部|工信部|公安部|"
               r"民政部|财政部|人力资源和社会保障部|人社部|自然资源部|国土资源部|生态环境部|环境保护部|"
               r"环保部|住房和城乡建设部|住建部|交通运输部|水利部|农业农村部|农业部|商务部|文化和旅游部|"
               r"文化部|卫生健康委|卫生部|退役军人事务部|应急管理部|审计署|市场监管总局|"
               r"国家市场监督管理总局|税务总局|海关总署|国家信访局|国务院办公厅|"
               # the same organs by their names before the 2018 reform
               r"质检总局|国家质量监督检验检疫总局|工商总局|国家工商行政管理总局|食品药品监管总局|"
               r"国家食品药品监督管理总局|安全监管总局|国家安全生产监督管理总局|卫生计生委|监察部)")
# national organs reporting on national figures (their 全国 figures are their own)
NATIONAL = re.compile(r"中华人民共和国[\u4e00-\u9fff]{0,6}部|国务院(?!关于|办公厅关于)|全国人大常委会|全国人民代表大会|司法部|"
                       r"最高人民法院|最高人民检察院|(?<![\u4e00-\u9fff])" + _MINISTRIES)
# a ministry speaking to the press about its figures (人力资源和社会保障部新闻发言人介绍…, 今天国土资源部举行新闻发布会,
# 国土资源部通报…, 司法部日前发布《…统计分析》); its awards or circulars to local units (司法部印发…决定, 授予) are not
_MINISTRY_SPEAKS = re.compile(r"(?:司法部|" + _MINISTRIES + r")\s*(?:新闻发言人|发言人)?[\u4e00-\u9fff]{0,3}?\s*"
                              r"(?:日前|近日|今天|今日|昨天|昨日|\d{1,2}日)?\s*(?:举行|召开)?\s*"
                              r"(?:新闻发布会|新闻发言人|发言人|通报(?!表扬|批评)|发布《[^》]{0,40}(?:统计|报告|公报)|公布)")
_SPEAKS_WORDS = re.compile(r"发布会|发言人|通报|发布《|公布")  # one of them ends every _MINISTRY_SPEAKS match
# a ministry honouring local units (决定授予…称号, 通报表扬, 表彰): the honoured body's item, not a national report
_AWARD = re.compile(r"授予|表彰|通报表扬|命名|获评|荣获|入选|位列")
# the first sentence's subject is a department ("2019年安庆市大观区司法局法律援助中心以…")
_SUBJECT_DEPT = re.compile(r"[\u4e00-\u9fff]{2,20}(?:局|厅|法律援助中心|服务中心|中心|委员会|检察院|司法所|办公室)"
                           r"(?:党组|党委)?$")
# the first sentence's subject is one sector's organs across an area (全国公安机关行政复议部门, 全市各级食品药品稽查执法部门,
# 全省各级各部门): the sector's report with no named author, a department's (CONVENTIONS d_020); the review bodies of
# every level (各级行政复议机关, 行政机关) are the governments themselves
_SECTOR_SUBJECT = re.compile(r"全(?:国|省|市|县|区|州|盟|旗)(?:各级)?(?:各类)?[\u4e00-\u9fff]{0,12}?(?<!复议)(?<!行政)"
                             r"(?:机关|部门|系统)"
                             # a place's sector by its system word (宁夏质监系统, 全省公安系统 above): the sector speaks
                             r"|(?:[\u4e00-\u9fff]{1,6}?[省市县区州盟旗]|宁夏|新疆|西藏|广西|内蒙古)(?:质监|工商|税务|公安|检察|司法行政|市场监管|环保|生态环境|林业|国土资源|"
                             r"人社|卫生健康|卫生计生|交通运输|应急管理|医疗保障|医保)系统")
# an unsigned statistical or analysis report on reconsideration / litigation across an area
SECTOR_REPORT = re.compile(r"行政复议(?:和|与|、)?(?:行政)?(?:应诉|诉讼)?[^,。\n]{0,12}(?:统计|分析|情况|数据)"
                            r"|行政(?:应诉|诉讼)[^,。\n]{0,10}(?:统计|分析)"
                            r"|^(?:20\d\d年(?:度)?)?[\u4e00-\u9fff]{0,8}?(?:法律援助|人民调解|公证|信访)工作(?:总结|报告|情况)")
# a court or a people's congress body speaking: its report is a department's, whatever its area
_COURT = re.compile(r"[\u4e00-\u9fff]{0,12}?(?:法院|高院|中院)")
_CONGRESS = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:人大常委会|人民代表大会常务委员会)(?:法制工作委员会|法工委)?"
                       r"|法制工作委员会|法工委")
# a court as the one who speaks: 山东省法院向社会发布…, 记者从山东省高级人民法院召开的…获悉, 四川高院召开…,
# 上海市高级人民法院(以下简称上海高院)29日召开发布会
_COURT_TAIL = (r"(?:法院|高院|中院)(?:[((](?:以下)?简称[^))]{1,10}[))])?(?:\d{1,2}日)?(?:上午|下午)?(?:向社会)?"
               r"(?:发布|召开|公布|通报|举行|获悉|新闻发布会)")
_COURT_SPEAKS = re.compile(r"(?:从|据|在)?[\u4e00-\u9fff]{0,10}" + _COURT_TAIL)
# a congress standing committee as the actor of the opening (广州市人大常委会按照…全年共接收备案…)
_CONGRESS_ACTS = re.compile(r"(?:人大常委会|人民代表大会常务委员会)(?:主任[\u4e00-\u9fff]{2,4})?"
                            r"(?:按照|坚持|共|全年|听取|审议|向大会作|接收|收到|开展|工作报告)")
# a congress body's report heard by its standing committee ("听取并审议了省人大常委会法工委关于…的报告")
_CONGRESS_REPORT = re.compile(r"(?:法工委|法制工作委员会)(?:主任[\u4e00-\u9fff]{2,4})?[^。]{0,8}(?:关于|向)[^。]{0,60}报告")
# a 12345 hotline or a mayor's phone line as the one that reports (12345政务服务便民热线运行情况通报, 乳源县12345政府热线受理…)
# (its place, if named, starts where a word can: 连平县12345…, not 年第三季度全市12345… or 关于全县12345…)
_HOTLINE = re.compile(r"(?:(?<![\u4e00-\u9fff\d])(?!关于|全)[\u4e00-\u9fff]{2,8}?(?:省|市|县|区|州|盟|旗))?"
                      r"(?:12345[^。\n,,“”\"]{0,12}(?:热线|平台)|市长(?:公开)?(?:电话|热线))")
# a news headline whose subject is the hotline (昌乐县12345热线上半年受理群众诉求12万件)
_HOTLINE_HEADLINE = re.compile(r"(" + _HOTLINE.pattern + r")(?:中心|办公室)?[^,,。]{0,8}?(?:受理|接到|接听|办理|办结|交出)")
# the title names the hotline's own bulletin (…热线运行情况通报, …热线2024年第二季度运行情况), not a plan or a government's report
_HOTLINE_TITLE = re.compile(r"(?:运行|受理|办理|诉求)情况|情况(?:通报|分析)|运行(?:报告|通报)|通报|周报|月报|综述|情况$")
_NOT_HOTLINE_TITLE = re.compile(r"人民政府|法治政府|方案|意见|通知|要点|计划|办法")
# an untitled text whose first sentence has the hotline take in its period's calls (一、本月受理情况\n2020年12月1日至31日,
# 乳源瑶族自治县12345政府热线受理各类诉求件430件)
_HOTLINE_TAKES = re.compile(r"(?:[^。\n]*\n)?[^。\n,,]{0,24}?[,,]?\s*(" + _HOTLINE.pattern + r")(?:中心|办公室)?[^。,,\n]{0,12}?"
                            r"(?:共|累计)?(?:受理|接到|接听|收到)")


_HOTLINE_SUBJECT = re.compile(r"(" + _HOTLINE.pattern + r")(?:中心|办公室)?")


def hotline_reports(title: str | None, text: str) -> str | None:
    """The 12345 hotline (or mayor's phone line) whose own bulletin the document is: named by a bulletin's title, or
    taking in its calls in an untitled text's first sentence; a government report or plan that mentions it is not."""
    if title:
        m = _HOTLINE.search(title)
        if m and _HOTLINE_TITLE.search(title) and not _NOT_HOTLINE_TITLE.search(title):
            return m.group(0)
        m = _HOTLINE_HEADLINE.match(title)
        return m.group(1) if m else None
    m = _HOTLINE_TAKES.match(text.lstrip())
    if m:
        return m.group(1)
    m = _HOTLINE_SUBJECT.fullmatch(opening_subject(text))  # (新华网长春7月16日电)长春市市长公开电话办公室充分发挥…
    return m.group(1) if m else None
# a department speaking of itself
_DEPT_SELF = re.compile(r"我(?:局|厅|院|委|办|中心)(?![\u4e00-\u9fff]{0,2}(?:市|县|区|省))")
# a department named with the year of its report ("大同市文物局2021年度行政执法数据表")
# (a commission's short name ends in 委: 卫生健康委, 发改委, 教委; a party committee's does too: 区委, 党工委, 政法委, 居委
# are not government departments, so the commissions are named)
_DEPT_YEAR = re.compile(r"([\u4e00-\u9fff]{2,20}(?:局|厅|委员会|中心|办公室|法律援助处|公证处|仲裁院|" + _COMMISSION + "))"
                        r"(?:20[0-4]\d)年(?:度)?")
# figures stated for a whole area (全省…, 北京市共…): a bureau's press release about its area is the area's report
_AREA_SCOPE = re.compile(r"全(?:省|市|区|县|州|旗)|[\u4e00-\u9fff]{2,6}(?:省|市|区|县)(?:共|累计|全年)")
# a region-wide count (全市各级各类人民调解组织累计调解…, 全州共办理…): news of it is the region's, whoever wrote it
_AREA_WIDE = re.compile(r"全(?:省|市|区|县|州|盟|旗)(?:各级各类|各级|各类|共|累计|全年)?[^,。;]{0,16}?"
                        r"(?:共|累计|办理|受理|收到|调解|化解|审结|办结|完成)[^,。;]{0,16}?\d")
# the organ named as a statistics table's unit (单位名称 | 曲阜市自然资源和规划局 | 0 | …)
# Words every match of a pattern holds (its last part, or a word each alternative has): where none is in the text
# the pattern cannot match, and these plain alternations are far cheaper to look for than the patterns
# (which try a run of CJK at every position). ``_needs`` runs a pattern only where its words are.
_DEPT_WORDS = re.compile(r"局|法制办|厅|法院|检察院|人大常委会|委|办公室|执法|法律援助|公证处|仲裁院|司法所")
_COURT_SPEAKS_TAIL = re.compile(_COURT_TAIL)  # the words every _COURT_SPEAKS match ends with
_DEPT_YEAR_TAIL = re.compile(r"(?:局|厅|委员会|中心|办公室|委|处|院)20[0-4]\d年")
# whether _AREA_SCOPE matches, in two patterns led by a character the engine skips to: 全省…, or 省/市/区/县 with
# two CJK before it (the {2,6} run needs no more) and 共/累计/全年 after it
_AREA_WHOLE = re.compile(r"全(?:省|市|区|县|州|旗)")
_AREA_TOTAL = re.compile(r"[省市区县](?<=[\u4e00-\u9fff]{3})(?:共|累计|全年)")
_BUREAU = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:司法局|[\u4e00-\u9fff]{1,4}局|法院|[\u4e00-\u9fff]{1,4}厅)")
_BUREAU_WORDS = re.compile(r"局|法院|厅")
_QUOTED = re.compile(r"《[^》]{0,80}》")
# an organ given a short name for the rest of the item (北京市公共法律服务中心(简称市公服中心), 上海市高级人民法院(以下简称
# 上海高院), 12348热线平台(以下简称…)): the item is about that organ
_ORGAN_ALIAS = re.compile(r"(?:局|厅|法院|检察院|中心|平台|热线|委员会|办公室|科)\s*[((]\s*(?:以下)?简称")


def has_area_scope(text: str) -> bool:
    """``bool(_AREA_SCOPE.search(text))`` (only ever asked as a yes or no), without its CJK run tried everywhere."""
    return bool(_AREA_WHOLE.search(text) or _AREA_TOTAL.search(text))


def _needs(words: re.Pattern[str], rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``rx.search(text)`` when ``text`` holds ``words`` (which every match of ``rx`` holds), else None."""
    return rx.search(text) if words.search(text) else None


_TABLE_UNIT = re.compile(r"(?:填报单位|单位名称|报送单位|单位\(盖章\)|检查主体|实施主体|执法主体)[\s\S]{0,300}?(?:^|\n|\|)[ \t]*"
                         r"([\u4e00-\u9fff]{2,20}(?:局|委员会|办公室|中心|厅))[ \t]*(?:\||\n|$)", re.M)


def _own_dept_word(title: str | None, text: str) -> re.Match[str] | None:
    """我局/我院/我办… in the opening: a department speaking of itself; a street office's 我办 is its town's (the
    香蜜湖街道's report says 我办)."""
    m = _DEPT_SELF.search(text[:2000])
    if m and m.group(0) == "我办" and re.search(r"街道", title or text[:300]) \
            and not re.search(r"局|委员会|办公室|办公厅", title or ""):
        return None
    return m


# (a list of them runs on to its last rule word before a comma: 根据《广东省…规定》和司法部有关工作要求, — not over an
# organ that acts: 按照…通知要求司法部党组…部署)
_RULES_FOLLOWED = re.compile(r"(?:根据|按照|依据|遵照)[^。,,;;\n]{0,60}?(?:要求|部署|规定|通知|精神)"
                             r"(?:(?:(?!部党组|我部|本部)[^。,,;;\n]){0,30}?(?:要求|部署|规定|通知|精神)(?=[,,]))?"
                             r"|在[^。,,;;]{0,30}?(?:领导|指导)下")


def is_national(title: str | None, text: str) -> bool:
    """A national organ's own report or a report on national figures (no place of its own)."""
    subject = opening_subject(text)
    # a ministry named as the source of the rules followed (根据…和司法部有关工作要求) or as a superior (在司法部…领导下)
    # is not the reporter
    lead = _RULES_FOLLOWED.sub("", subject + "\n" + opening(text, 60))
    if not NATIONAL.search((title or "") + "\n" + lead) \
            and not re.match(r"\s*全国", subject) and not _needs(_SPEAKS_WORDS, _MINISTRY_SPEAKS, opening(text, 300)):
        return False
    places = [m for m in gazetteer().mentions(title or opening_subject(text)) if not m.short]
    if not places and (_AWARD.search(opening(text, 200)) or _honoured(subject, opening(text, 300))):
        # 司法部决定授予…称号,后溪镇人民调解委员会位列其中: the ministry honours a local body, the item is the body's
        places = [m for m in gazetteer().mentions(opening(text, 300)) if not m.short]
    return not places and "全国" in text[:2000]


def _honoured(subject: str, head: str) -> bool:
    """The first sentence's subject is what a ministry honours (市法律援助中心被司法部评为…): a local body's item."""
    return bool(subject) and re.search(re.escape(subject) + HONOURED, head) is not None


def national_organ_reports(title: str | None, text: str) -> bool:
    """Whether a national report is a national organ's own (level department), not one on 全国 figures by nobody named."""
    return bool(NATIONAL.search((title or "") + "\n" + opening(text, 200))
                or _needs(_SPEAKS_WORDS, _MINISTRY_SPEAKS, opening(text, 300))
                or _SECTOR_SUBJECT.match(opening_subject(text)))


def is_sector(dept: str | None) -> bool:
    """``department_of`` found one sector's organs across an area (全市各级…部门), not a named organ (全椒县司法局 is one)."""
    return dept == "sector" or bool(dept and _SECTOR_SUBJECT.fullmatch(dept))


# the words a sentence puts before the organ it names (这场讲座是兴安盟司法局, 由省人大常委会)
_LEAD_WORDS = re.compile(r"^(?:[\u4e00-\u9fff]{0,8}?是|由)(?=[\u4e00-\u9fff]{2,})")  # 自由贸易区…局 keeps its 由


def department_of(title: str | None, organ: str | None, text: str) -> str | None:
    """The department whose own work the document reports, if it is one (a name ending in 大局/格局 is none)."""
    dept = _department_of(title, organ, text)
    if dept is None or NOT_A_BUREAU.search(dept):
        return None
    return _LEAD_WORDS.sub("", dept)


def _department_of(title: str | None, organ: str | None, text: str) -> str | None:
    subject = opening_subject(text)
    for rx in (_COURT, _CONGRESS):
        for src in (title or "", subject):
            m = rx.search(src)
            if m and not (rx is _COURT and re.search(r"司法厅|司法局|政府", src)):  # a court with the 司法厅: joint, the area's
                return m.group(0)
    hotline = hotline_reports(title, text)
    if hotline:
        return hotline  # a 12345 hotline or a mayor's phone line reporting its own work: a department's
    m = _SECTOR_SUBJECT.match(subject)
    if m:
        return m.group(0)  # the sector speaks (no organ's name: metadata_of keeps it out of the organ)
    m = _CONGRESS_REPORT.search(opening(text, 600)) or _CONGRESS_ACTS.search(opening(text, 400)) \
        or _needs(_COURT_SPEAKS_TAIL, _COURT_SPEAKS, opening(text, 600))
    if m and not (_COURT.search(m.group(0)) and re.search(r"司法厅|司法局|政府", m.group(0))):
        return m.group(0)
    m = _SUBJECT_DEPT.search(subject) or _needs(_DEPT_YEAR_TAIL, _DEPT_YEAR, opening(text, 300))
    if m and not _NOT_DEPT.search(m.group(0)) and not has_area_scope(text[:2000]):
        return m.group(1) if m.re is _DEPT_YEAR else m.group(0)
    m = _own_dept_word(title, text)
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
        m = _needs(_DEPT_WORDS, _DEPT, src)
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


def department_cues(title: str | None, organ: str | None, text: str, doc_type: str, dept: str | None,
                     region_level: str) -> dict[str, float]:
    """Every cue for or against a department's own report, each on its own (etl/extract/level_model.py weighs them)."""
    subject = opening_subject(text)
    head = text[:2000]
    area_wide = _AREA_WIDE.search(head)
    # a bureau inside a quoted document's name (《国务院办公厅…通知》) is not one that acts
    bureau = _needs(_BUREAU_WORDS, _BUREAU, _QUOTED.sub(lambda x: " " * len(x.group()), text[:400]))
    cues = {
        "bias": 1.0,
        "rules_dept": float(bool(dept) and dept != "sector"),
        "rules_sector": float(dept == "sector"),
        "court_or_congress_title": float(bool(_COURT.search(title or "") or _CONGRESS.search(title or ""))),
        "court_or_congress_subject": float(bool(_COURT.search(subject) or _CONGRESS.search(subject))),
        "congress_acts": float(bool(_CONGRESS_REPORT.search(opening(text, 600)) or _CONGRESS_ACTS.search(opening(text, 400)))),
        "court_speaks": float(bool(_needs(_COURT_SPEAKS_TAIL, _COURT_SPEAKS, opening(text, 600)))),
        "subject_dept": float(bool(_SUBJECT_DEPT.search(subject))),
        "dept_year": float(bool(_needs(_DEPT_YEAR_TAIL, _DEPT_YEAR, opening(text, 300)))),
        "dept_self": float(bool(_own_dept_word(title, text))),
        "region_self": float(bool(re.search(r"我(?:省|市|县|区|镇|乡|州|旗)", head))),
        "table_unit": float(bool(_TABLE_UNIT.search(text[:1500]))),
        "title_dept": float(bool(title and _needs(_DEPT_WORDS, _DEPT, title) and not _NOT_DEPT.search(title))),
        "organ_dept": float(bool(organ and _needs(_DEPT_WORDS, _DEPT, organ) and not _NOT_DEPT.search(organ))),
        "organ_government": float(bool(organ and re.search(r"人民政府|政府办公", organ))),
        "title_government": float(bool(title and re.search(r"人民政府|政府(?!信息)", title))),
        "area_scope": float(bool(has_area_scope(head))),
        "area_wide": float(bool(area_wide)),
        "area_wide_first": float(bool(area_wide and (bureau is None or area_wide.start() < bureau.start()))),
        "bureau_leads": float(bool(bureau and bureau.start() < 60)),
        "area_words": min(len(re.findall(r"全(?:省|市|县|区|州|镇|乡)", head)), 6) / 6,
        "media": float(bool(media_mark(((title or "") + "\n" + text[:300])[:400]))),
        "third_person": min(len(third_person(text[:3000])), 3) / 3,
        "sector_report": float(bool(SECTOR_REPORT.search(title or opening(text, 120)))),
        f"doc_type={doc_type}": 1.0,
        f"region_level={region_level}": 1.0,
        "has_title": float(bool(title)),
        "organ_alias": float(bool(_ORGAN_ALIAS.search(text[:1500]))),
    }
    return cues


# a court and the government's justice office releasing together (湖南高院联合省司法厅发布…, 黄石市中级法院、黄石市司法局
# 联合发布…, 省司法厅与省高院联合召开…): the region's reconsideration and litigation as a whole, not one organ's work. The
# release verb is part of it: a justice office working with a court (会同市中级法院建立…机制) still reports its own work
_COURT_WORD = r"(?:法院|高院|中院)"
_JUSTICE_WORD = r"司法(?:厅|局)"
_TOGETHER = r"(?:联合|会同|共同)"
# (a meeting held together is no release; a press conference is)
_RELEASE = r"[^,。;\n]{0,16}?(?:发布|通报|公布|印发|下发|(?:召开|举行)[^,。;\n]{0,12}?发布会)"
_JOINT_RELEASE = re.compile(
    rf"{_COURT_WORD}[^,。;\n]{{0,16}}?{_TOGETHER}[^,。;\n]{{0,16}}?{_JUSTICE_WORD}{_RELEASE}"
    rf"|{_COURT_WORD}[、和与及][^,。;\n]{{0,12}}?{_JUSTICE_WORD}[^,。;\n]{{0,4}}{_TOGETHER}{_RELEASE}"
    rf"|{_JUSTICE_WORD}[^,。;\n]{{0,16}}?{_TOGETHER}[^,。;\n]{{0,16}}?{_COURT_WORD}{_RELEASE}"
    rf"|{_JUSTICE_WORD}[、和与及][^,。;\n]{{0,16}}?{_COURT_WORD}[^,。;\n]{{0,4}}{_TOGETHER}{_RELEASE}")


def is_joint_release(title: str | None, text: str) -> bool:
    """Is the document a court's and a justice office's joint release (the region's figures, not a department's)?"""
    return bool(_JOINT_RELEASE.search(title or "") or _JOINT_RELEASE.search(opening(text, 200)))

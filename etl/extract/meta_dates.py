"""Metadata in time: the year a document is about and the date it was published.

The year is the title's, the stated period's (统计期限自2018年1月1日), the opening's; a news item's
own event is of its publishing year. Dates, starting points and goals (2018年以来, 2020年力争) are
not the year reported on.
"""

from __future__ import annotations

import re

from etl.extract.meta_kind import is_notice
from etl.extract.meta_text import first_lines
from etl.extract.numbers import chinese_to_number

_TITLE_YEAR = re.compile(r"(?<!\d)(20[0-4]\d|19[89]\d)\s*年")
_YEAR_ANY = re.compile(r"(?<![\d/.])(20[0-4]\d|19[89]\d)(?:\s*年|年度)")
_PERIOD = re.compile(r"(?:统计期限|统计时限|数据统计期|统计期间|所列数据)[^。]{0,12}?(20[0-4]\d)\s*年\s*1\s*月\s*1\s*日")
_OPENING_YEAR = re.compile(r"(?:^|\n)\s*(?:\d+[.、])?\s*(20[0-4]\d)年(?:度)?[,,]")
_REPORT_YEAR = re.compile(r"现将(?:我[县市区镇省州局院])?(20[0-4]\d)年")
_PUBLISH = re.compile(r"(?:发布日期|发布时间|发布时期|成文日期|更新时间|发文日期|印发日期|日期|稿源时间|发稿时间|发表时间"
                      r"|发表于|生成时间"
                      r"|录入时间|时间(?<![\u4e00-\u9fff]时间)|【)\s*[::]?\s*"  # (?<!CJK)时间, written after the word
                      r"(20[0-4]\d|19[89]\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
# the report a news item is about, by its quoted name: 发布《2016年度社旗法院行政案件司法审查报告》
_QUOTED_REPORT_YEAR = re.compile(r"(?:发布|公布|审议|听取|印发)[^《。]{0,12}《[^》]{0,8}?(20[0-4]\d)年(?:度)?[^》]{0,40}"
                                 r"(?:报告|白皮书|总结|年报)》")
# …or by its name with its period after it (发布《…建设状况报告(2014-2019年)》白皮书): the period's last year, as a title's
_QUOTED_REPORT_SPAN = re.compile(r"(?:发布|公布|审议|听取|印发)[^《。]{0,12}《[^》]{0,40}(?:报告|白皮书|总结|年报)\s*[((]\s*"
                                 r"20[0-4]\d\s*年?\s*[-—–~～至到]+\s*(20[0-4]\d)\s*年?\s*[))]\s*》"
                                 # …or with its period before the name (发布了2015—2019年度《行政审判白皮书》)
                                 r"|(?:发布|公布|审议|听取|印发)(?:了)?\s*20[0-4]\d\s*年?\s*[-—–~～至到]+\s*(20[0-4]\d)\s*年?度?"
                                 r"\s*《[^》]{0,40}(?:报告|白皮书|总结|年报)》")
# years that are not the year reported on: full dates (2009年1月1日起), starting points (2018年以来), goals (2020年力争)
# (three alternatives (?<!\d)YEAR\s*年…, the year and 年 written once — they match one way only — and led by the
# year's first digit so the engine skips to it; tests/test_extract_speed.py holds it against the three)
_NOT_REPORT_YEAR = re.compile(r"[12](?<!\d[12])(?:(?<=2)0[0-4]\d|(?<=1)9[89]\d)\s*年"
                              r"(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|(?:度)?(?:\d{1,2}月)?(?:以来|以前|之前|前|起)|"
                              r"[^,。;]{0,6}(?:力争|争取|要|将|目标|翻一番|翻两番|率先|基本建成|全面建成|全面实现))")
# the year a report's closing plan is for (提出的2019年工作安排, 谋划2018年度工作思路): a goal, not the year reported on;
_NEXT_PLAN = re.compile(r"[12](?<!\d[12])(?:(?<=2)0[0-4]\d|(?<=1)9[89]\d)\s*年"
                        r"(?:(?:度)?(?:的)?(?:工作)?(?:安排|计划|思路|打算)|(?:度)?(?:又有哪些|有哪些)(?:新的)?工作部署"
                        # a start a few words before 以来/至今 (自2018年上线运行以来, 从2005年成立至今): a starting
                        # point, as 2018年以来 is
                        r"|[^,。;\d]{1,8}?(?:以来|至今)"
                        # 自2006年开始: a starting point too
                        r"|开始)")
# what is dropped before the years are counted: a quoted name, a span of years, a date —
# 《[^》]{0,60}》|20\d\d\s*年?\s*[-—–~～至到]+\s*20\d\d\s*年?|\d{4}-\d{1,2}-\d{1,2} with its first character taken first
# (a span of years, 2009年至2012年, 2006~2010年, is a review of several years, none of them the one reported on)
_NOT_A_YEAR = re.compile(r"[《\d](?:(?<=《)[^》]{0,60}》|(?<=2)0\d\d\s*年?\s*[-—–~～至到]+\s*20\d\d\s*年?"
                         r"|(?<=\d)\d{3}-\d{1,2}-\d{1,2})")
# a title's year-month is the month reported on (阿图什市司法局2025年1月行政调解工作情况分析报告); only starting points and
# goals are not the title's year
_NOT_TITLE_YEAR = re.compile(r"(?<!\d)(?:20[0-4]\d|19[89]\d)\s*年(?:度)?(?:\d{1,2}月)?(?:以来|以前|之前|前|起)|"
                             r"(?<!\d)(?:20[0-4]\d|19[89]\d)\s*年[^,。;]{0,6}(?:力争|争取|要|将|目标)")
# a period inside one year (从2019年1月1日至12月31日, 2019年1月至12月, 2019年1—6月): that year is the one reported on;
# one that runs into a later year (2008年1月至2010年5月底) is reported up to that later year
_YEAR_SPAN = re.compile(r"(20[0-4]\d)\s*年\s*1\s*月(?:\s*1\s*日)?\s*(?:至|到|—|-|–|~|～)\s*(?:(20[0-4]\d)\s*年)?\s*"
                        r"(?:[1-9]|1[0-2])\s*月")
# a period inside one year that does not start in January (2021年1月25—11月25日), or inside one month (2020年12月1日至31日):
# that year too
_YEAR_PERIOD = re.compile(r"(20[0-4]\d)\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日?)?\s*(?:至|到|—|-|–|~|～)\s*\d{1,2}\s*[月日]")
# a count from a starting year up to a month of a later year (从1980年到2018年6月,…共通过地方性法规…): the figures run up to
# that month, whose year counts among the years the text speaks of (a later year reported still wins)
_UP_TO_MONTH = re.compile(r"(?:从|自)\s*(?:20[0-4]\d|19[4-9]\d)\s*年(?:\s*\d{1,2}\s*月)?(?:份)?\s*(?:到|至)\s*(20[0-4]\d)\s*年"
                          r"\s*\d{1,2}\s*月")
# a starting point whose own year's part is then reported (2021年以来,…1至10月份…; 2016年以来,…上半年…)
_SINCE_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)\s*年?以来")  # (2024以来: the 年 dropped)
_SINCE_START = re.compile(r"(?:自|从)\s*20[0-4]\d\s*年?以来")
# words of a span of several years (五年来, 三年来): a review of them, not of its starting year
_SPAN_WORDS = re.compile(r"[一二三四五六七八九十两\d]+年来")
_PART_OF_YEAR = re.compile(r"1\s*(?:至|到|-|—|–)\s*\d{1,2}\s*月|上半年|前三季度|一季度")
_THIS_YEAR = re.compile(r"今年(?:以来|上半年|前\S{1,3}个?月)?|年内|年初以来")
_LAST_YEAR = re.compile(r"去年|上一年度|过去一年")
# figures that add up years (六五普法以来, 截至目前): an item made only of them is not of its publishing year
_SINCE = re.compile(r"以来|截至目前|截止目前|迄今|至今")
# a news lead's own day: after the outlet's 讯/电 and an optional bracketed byline (运城长安网讯 (通讯员 宋新莉)10月21日,)
_LEAD_DAY = re.compile(r"(?:讯|电)\s*(?:[(（][^()（）\n]{0,30}[)）]|(?:(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,4}\s*)+)?\s*"
                       r"(\d{1,2})\s*月\s*\d{1,2}\s*日"
                       # …or the dateline before the outlet's 电 (新华社北京9月2日电, 中新网乌鲁木齐8月9日电)
                       r"|(?<![\d年])(\d{1,2})\s*月\s*\d{1,2}\s*日\s*(?:电(?![话视子脑商力信联邮])|讯(?!问))")
# a dated event (经2019年1月18日区政府常务会议审议, 2025年8月,…创新推行): when the text states no
# other year, the year its own events happened in; a cut-off (2018年12月31日以前), a starting point (以来, 起, as in
# _NOT_REPORT_YEAR), a span (…至…) or a rule's commencement (施行) is none
_EVENT_DATE = re.compile(r"(?<!\d)(20[0-4]\d)\s*年\s*\d{1,2}\s*月(?:份|\s*\d{1,2}\s*日)?(?![\d份日])"
                         r"(?!\s*(?:[—-]|至|到|以前|之前|前|以来|起|施行|实施|生效|止))"
                         # …nor a site's clock (2024年04月25日 星期四 at the end of its line; 2023年3月15日星期三上午,…召开
                         # goes on as the item's own event)
                         r"(?!\s*(?:星期|周)[一二三四五六日天]\s*(?:$|\n|[^\u4e00-\u9fff,,]))")
# a founding (于2019年3月25日正式成立, 自2016年9月正式上线以来): in an item that sums up what came since, the start of what it
# reports on, not its year (an item about the ceremony itself keeps it)
_FOUNDING = re.compile(r"(20[0-4]\d)\s*年\s*\d{1,2}\s*月(?:份|\s*\d{1,2}\s*日)?[^,,。;]{0,8}?"
                       r"(?:成立|开通|上线|建成|设立|组建|挂牌|揭牌|启用|批复成立)")
_SUMMED_UP = re.compile(r"累计|以来|至今|截至目前|截止目前|运行[一二三四五六七八九十两\d]+[个年月]"
                        # (…年来,共调解…; an organ's profile: 主要职责为…, 现有工作人员…)
                        r"|" + _SPAN_WORDS.pattern + "|主要职责|现有")


# a title reporting a year and the next year's part together (2021年度及2022年上半年): the later part is the latest period
_YEAR_AND_PART = re.compile(r"(?<!\d)20[0-4]\d\s*年(?:度)?\s*(?:及|和|与|、|暨)\s*(20[0-4]\d)\s*年\s*"
                            r"(?:上半年|前三季度|一季度|第一季度|1\s*(?:至|到|-|—|–)\s*\d{1,2}\s*月)")
# this year's plan quoted by its name (《2023年行政复议与行政应诉工作要点》): an item saying 今年 works under it
_THIS_YEARS_PLAN = re.compile(r"《(?:关于印发)?〈?[^》〈\d]{0,20}?(20[0-4]\d)年(?:度)?[^》\d]{0,30}"
                              r"(?:要点|方案|计划|安排)〉?(?:的通知)?》")
# a plan being written, not one the year works under (已起草了《…》, 拟订《…》, 研究制定了《…》)
_DRAFTING = re.compile(r"(?:起草|拟订|拟定|制定|编制|修订|草拟)(?:了)?$")
_PLAN_PERIOD_END = {"一": 2010, "二": 2015, "三": 2020, "四": 2025, "五": 2030}  # 十一五 … 十五五
_PLAN_PERIOD_REVIEW = re.compile(r"十([一二三四五])五[”\"]?[^,。]{0,12}(?:综述|总结|回顾|工作报告)")


# the line under a report read to a people's congress or its standing committee (——2016年2月19日在安徽省第十二届人民代表大会
# 第六次会议上): a report heard in the first months of a year is of the year before; later in the year it may be of its own
_CONGRESS_SPEECH = re.compile(r"(?:[—\-－―─]{1,4}|[((]|^|\n)\s*(20[0-4]\d)\s*年\s*(\d{1,2})\s*月\s*\d{1,2}\s*日\s*"
                              r"在[^\n]{0,40}?(?:人民代表大会|人大)")
# a congress session hearing an organ's work report, told by a news item (…人民代表大会第一次会议举行第二次全体会议,…作…工作报告)
_CONGRESS_HEARS_REPORT = re.compile(r"人民代表大会[^。\n]{0,12}次会议[^。\n]{0,60}?(?:作|做)[^。\n]{0,20}工作报告")
# a headline naming its own event (…工作协调会召开, …宣传活动启动): the item is dated by its page, whatever it sums up
_EVENT_HEADLINE = re.compile(r"(?:召开|举行|举办|启动|揭牌|开幕|闭幕|签约|成立|开通)$")
# the Nth national Constitution Day (今年12月4日是第十个国家宪法日): a dated event whose year the count gives
_CONSTITUTION_DAY = re.compile(r"第([一二三四五六七八九十]{1,3}|\d{1,2})个\s*[“\"‘'「]?\s*(?:12\s*[·.•]\s*4\s*[”\"’'」]?\s*)?"
                               r"(?:国家)?宪法日")


_QUOTED_NAME = re.compile(r"《[^》]{0,60}》")
# requests carried into a year to be handled then (结转2023年度继续办理, 转入2020年办理, 结转2026年度2件, 结转至2026年…申请
# 8件; not 资金结转2022年使用): the year after the one reported
_CARRIED_INTO = re.compile(r"(?:结转|转入)(?:至|到)?\s*(20[0-4]\d)\s*年(?:度)?"
                           r"(?:(?:继续)?(?:办理|答复|处理)|(?=[^,,。;;\d]{0,16}\d+\s*件))")
# a title's span of years (…规划(2024—2026年), 2012-2016年…报告)
_TITLE_SPAN = re.compile(r"(?<!\d)(20[0-4]\d)\s*年?\s*[—\-–~～至到]+\s*20[0-4]\d\s*年")
# a yearbook's volume (成华年鉴2021, 2022卷 at a page's head, 2021年鉴): a yearbook of one year records the year before
_YEARBOOK_VOLUME = re.compile(r"年鉴\s*[（(]?((?:19|20)\d\d)(?![\d年])|((?:19|20)\d\d)\s*年鉴"
                              r"|(?:^|\n)\s*((?:19|20)\d\d)\s*卷(?!\d)")


# a year named as past against this year's figures: its whole (2021年全年, 全年), its end (2020年底), the same period of it
# (2021年同期), a comparison with it (较2021年, 比2021年, 与2021年相比)
_PAST_WHOLE_YEAR = r"(?:年全年|年同期|年相比|年同比)"
# a year's end is past only where something happened then (2020年底,…中心正式启用); a stock at it (2017年末,全省有…) is the
# year reported on, a deadline (力争2023年底前) is ahead
_PAST_YEAR_END = re.compile(r"年(?:底|末)(?!前)[^。;]{0,30}?(?:启用|建成|成立|开通|上线|挂牌|揭牌|投入使用|运行)")
_COMPARED_WITH = r"(?:较|比|与|同|相比)\s*$"


def _only_a_past_year(year: int, text: str) -> bool:
    """Every mention of ``year`` (…年) says it is past: its whole, its same period, a comparison with it, its end where
    something happened then — not a cut-off (截至2017年末) or a goal (力争2023年底前), which are the year reported on."""
    found = list(re.finditer(rf"(?<!\d){year}\s*年", text))
    return bool(found) and all(((re.match(_PAST_WHOLE_YEAR, text[m.start() + 4:].replace(" ", "")[:4])
                                 or _PAST_YEAR_END.match(text[m.start() + 4:].lstrip()))
                                and not re.search(r"(?:截至|截止|到|至|力争|确保|争取|将|计划)\s*$",
                                                  text[max(0, m.start() - 3):m.start()]))
                               or re.search(_COMPARED_WITH, text[max(0, m.start() - 3):m.start()]) for m in found)


def year_of(title: str | None, text: str, doc_type: str, publish_date: str | None = None) -> int | None:
    """The year the document is about: a yearbook volume's year before, its title's, its stated period's, its opening's;
    for news the publishing year when it says 今年 (the year before when it says 去年); else the latest year it speaks of,
    not counting dates, starting points and goals."""
    m = _YEARBOOK_VOLUME.search((title or "") + "\n" + _QUOTED_NAME.sub("", text[:300]))  # not a yearbook it quotes
    if m:
        return int(m.group(1) or m.group(2) or m.group(3)) - 1  # 武侯年鉴2021: its entries are of 2020
    m = _CONGRESS_SPEECH.search(title or "")
    if m and int(m.group(2)) <= 4:
        return int(m.group(1)) - 1  # ——2023年1月14日在…人民代表大会…上: a congress's spring session hears the year before
    m = _PROPOSAL_NUMBER.search((title or "") + "\n" + text[:300])
    if m and not (title and _TITLE_YEAR.search(title)) and _REPLY_WORDS.search((title or "") + "\n" + text[:300]):
        return int(m.group(1))  # 第20240004号提案的答复: a reply to a proposal numbered by its session's year is of that year
    if title:
        m = _YEAR_AND_PART.search(title)
        if m:
            return int(m.group(1))  # 2021年度及2022年上半年…完成情况: the latest period reported (CONVENTIONS c_009)
        years = [int(y) for y in _TITLE_YEAR.findall(_NOT_TITLE_YEAR.sub("", title))]
        if (m := _TITLE_SPAN.search(_QUOTED_NAME.sub("", title))) \
                and doc_type in ("work_plan", "work_points", "implementation_plan"):
            return int(m.group(1))  # …建设规划(2022-2025年): a plan for several years is for its first
        if years:
            return years[0]
        m = _PLAN_PERIOD_REVIEW.search(title)
        if m:
            return _PLAN_PERIOD_END[m.group(1)]  # “十二五”工作综述: the review of a five-year plan is of its last year
        if publish_date and (m := re.search(r"(今年|去年)", title)):
            # a headline's 去年/今年 (阳泉市环保局去年…罚款达1327万元) counts from its page's date
            return int(publish_date[:4]) - (m.group(1) == "去年")
    m = _CONGRESS_SPEECH.search(text[:600])
    if m and int(m.group(2)) <= 4:
        return int(m.group(1)) - 1  # (the line under a title that names no year of its own)
    if publish_date and int(publish_date[5:7]) <= 4 and _CONGRESS_HEARS_REPORT.search(text[:600]) \
            and not _TITLE_YEAR.search(title or ""):
        # news of a work report heard at a spring congress session (今天下午,…人民代表大会第一次会议…作省人民检察院工作
        # 报告), dated by its page: the year the report reviews is the one before
        return int(publish_date[:4]) - 1
    m = _QUOTED_REPORT_YEAR.search(text[:1500])
    if m:
        return int(m.group(1))
    for rx in (_PERIOD, _REPORT_YEAR, _OPENING_YEAR, _YEAR_SPAN, _YEAR_PERIOD):
        m = rx.search(text[:6000])
        if m:
            # a report on a span into a later year (2008年1月至2010年5月底) reports up to its end; a plan is for its start
            years = [int(y) for y in m.groups() if y]
            return years[0] if doc_type in ("work_plan", "work_points", "implementation_plan") else max(years)
    m = _QUOTED_REPORT_SPAN.search(text[:1500])
    # (after the opening's own year: a 2023 report that mentions reviewing a five-year report stays 2023; a news item
    # on this year's figures naming a white paper on past years before it is of this year)
    if m and (m.group(1) or not _THIS_YEAR.search(text[:3000])):
        return int(m.group(1) or m.group(2))  # 发布《…状况报告(2014-2019年)》: a review of several years, up to its last
    head = _NOT_A_YEAR.sub("", text[:4000])
    carried = [int(y) - 1 for y in _CARRIED_INTO.findall(head)]  # 1件结转2023年度继续办理: the report is of 2022
    if carried:
        head = _CARRIED_INTO.sub("", head)
    if doc_type not in ("work_plan", "work_points", "implementation_plan"):
        head = _NEXT_PLAN.sub("", _NOT_REPORT_YEAR.sub("", head))
    years = [int(y) for y in _YEAR_ANY.findall(head)] + [int(y) for y in _UP_TO_MONTH.findall(text[:4000])] + carried
    if publish_date and doc_type == "news":
        published = int(publish_date[:4])
        if _THIS_YEAR.search(text[:3000]) and (not years or max(years) < published):
            return published
        if _LAST_YEAR.search(text[:3000]) and not years:
            return published - 1
    if not publish_date and years and "今年" in text[:3000] \
            and _only_a_past_year(max(years), text[:3000]):
        # 今年第一季度… beside 2020年底…启用 or 与2021年全年相比: this year comes after the last whole year it compares with
        return max(years) + 1
    if not years:
        m = _WRITTEN_ON.search(text[:1500])
        written = (int(publish_date[:4]), int(publish_date[5:7])) if publish_date else \
            (int(m.group(1)), int(m.group(2))) if m else None
        if written and written[1] <= 4 and _YEARLY_REPORT.search(text[:1500]) and not _THIS_YEAR.search(text[:3000]) \
                and not _PART_OF_YEAR.search(text[:3000]):
            # a year's report (主题分类:法治政府建设年报, the disclosure report's (一)主动公开 section) dated early in a
            # year and naming none: the year before, which it reports on
            return written[0] - 1
        plans = {m.group(1) for m in _THIS_YEARS_PLAN.finditer(text[:3000])
                 if not _DRAFTING.search(text[max(0, m.start() - 6):m.start()])}
        if len(plans) == 1 and not publish_date and _THIS_YEAR.search(text[:3000]):
            return int(plans.pop())  # 今年以来…按照《2018年全市食品安全放心行动实施方案》: this year's plan names it
        m = _CONSTITUTION_DAY.search(text[:3000])
        if m:
            nth = m.group(1)  # 第十个国家宪法日: the first was on 2014-12-04
            return 2013 + int(nth if nth.isdigit() else chinese_to_number(nth) or 0)
        dated = _NOT_A_YEAR.sub("", text[:4000])
        summed_up = _SUMMED_UP.search(dated) is not None
        events = [int(m.group(1)) for m in _EVENT_DATE.finditer(dated)
                  if not (summed_up and _FOUNDING.match(dated, m.start()))]
        if events:
            return max(events)
        since = _SINCE_YEAR.findall(text[:1500])
        if len(set(since)) == 1 and _PART_OF_YEAR.search(text[:3000]):
            return int(since[0])
        if len(set(since)) == 1 and publish_date and publish_date[5:7] == "01" \
                and int(since[0]) == int(publish_date[:4]) - 1 and not _SINCE_START.search(text[:1500]):
            # 2017年以来,我省… published in January 2018: the year just ended, reviewed (CONVENTIONS j_040); 自2017年以来
            # counts from a start, not one year
            return int(since[0])
        if len(set(since)) == 1 and doc_type == "annual_report" and not publish_date \
                and not _SINCE_START.search(text[:1500]) and not _SPAN_WORDS.search(text[:1500]):
            # 2023年以来,我县坚持…, undated and naming no other year nor a span of years (五年来): a year's report written
            # as that year closes
            return int(since[0])
        if publish_date and doc_type == "annual_report" and int(publish_date[5:7]) <= 4 \
                and re.search(r"本年度|本年(?!以来)", text[:3000]) and not _THIS_YEAR.search(text[:3000]) \
                and not _PART_OF_YEAR.search(text[:3000]):
            # a year's report published early the next year (发布日期 2026-01-19, 在本年度中…): the year it reports on
            return int(publish_date[:4]) - 1
        if publish_date and (_THIS_YEAR.search(text[:3000])
                             or (doc_type == "news" and not _SINCE.search(text[:400]))
                             or (doc_type == "news" and _RECENT_LEAD.search(text[:400]))
                             or (doc_type == "other" and _PROPOSAL_REPLY.search(title or text[:200]))
                             or (doc_type == "news" and _EVENT_HEADLINE.search(title or ""))
                             or (doc_type == "other" and is_notice(text))):
            return int(publish_date[:4])  # a news item's own event, a notice, is of its publishing year
        if publish_date and doc_type == "news" and (m := _LEAD_DAY.search(text[:800])):
            # a news lead dating its own event (…网讯(通讯员 宋新莉)10月21日,…), whatever 以来 it goes on to: the event's
            # year, the page's, or the one before for a December event published in January (CONVENTIONS j_040); a page
            # stamped more than half a year after its lead's month is a repost's, which dates nothing (shared gold h_060)
            gap = int(m.group(1) or m.group(2)) - int(publish_date[5:7])
            return None if gap < -6 and m.group(2) else int(publish_date[:4]) - (gap > 6)
        return None
    if doc_type in ("work_plan", "work_points", "implementation_plan"):
        return years[0]  # a plan names its own year first, then later goals
    return max(years)


# a news lead telling of something just done (近日,某乡根据…开展…): the page's own news, whatever running total (以来) it
# goes on to
_RECENT_LEAD = re.compile(r"(?:^|[\s。!?]|(?<=讯)|(?<=电))(?:近日|日前|昨日|昨天|今天|今日)[,,]"
                          # (not a visit or an enquiry: 近日,笔者走进…, 日前,记者从…获悉 date no event of the item's own)
                          r"(?![^,。;]{0,30}(?:走进|来到|探访|采访|获悉|了解到))")
# a deputy's suggestion or a member's proposal numbered by its year (第20240092号提案, 建议(第20210416号)): the reply's year
_PROPOSAL_NUMBER = re.compile(r"第\s*((?:19|20)\d\d)\d{3,5}\s*号\)?\s*(?:代表)?(?:提案|建议|议案|[^。\n]{0,4}收悉)")
# a reply to a congress deputy's or a CPPCC member's proposal (…第087号提案办理情况的复函): a letter of its page's year
_PROPOSAL_REPLY = re.compile(r"(?:提案|建议|议案)[^。\n]{0,24}(?:复函|答复|办理情况)")
# the words of a reply itself: its heading's, or 现答复如下, 函告如下, …收悉
_REPLY_WORDS = re.compile(_PROPOSAL_REPLY.pattern + r"|(?:答复|函告)如下|收悉")


# a page's mark of a year's report: its subject class (主题分类:…年报), or the disclosure report's first section heading
_YEARLY_REPORT = re.compile(r"(?:分类|类别)[\s::|]*[^\n]{0,12}(?:年报|年度报告)|[(（]一[)）]\s*主动公开(?:政府信息)?(?:情况)?")
# the date a document was written on (成文时间:2026年01月28日, 成文日期:2026-01-28)
_WRITTEN_ON = re.compile(r"成文(?:时间|日期)[\s::|]*(20[0-4]\d)\s*[年-]\s*(\d{1,2})")


_EVENT_STAMP = re.compile(r"定于|召开|举行|举办|会议时间|时段|期限|至|截至|截止|开始|起止|报名")
# an event's time goes on with its sentence (2022年8月1日9时30分,全县320名…参加考试; 10时30分许,村民…): no stamp, which is
# followed by the page's furniture (来源, 作者, the outlet's name, often with no blank left after normalising)
_SENTENCE_GOES_ON = re.compile(r"(?::\d{2})?分?(?:许|左右)|(?::\d{2})?分?[,,;;、]"
                               r"(?!\s*(?:浏览|来源|字号|作者|点击|阅读|编辑|责任编辑|发布|分享|信息来源))")
# (the normalised text drops the blank between 日 and the clock: 2013年09月02日13时23分)
_STAMP = re.compile(r"(?<!\d)(20[0-4]\d)(?:-(\d{1,2})-(\d{1,2})\s+|年(\d{1,2})月(\d{1,2})日\s*)\d{1,2}[:時时]\d{2}")


def publish_date_of(text: str) -> str | None:
    m = _PUBLISH.search(text[:3000])
    day_first = False
    if not m:
        # a bare date line right under the title (2023-02-15 14:49, 2022-07-07 09:12:06 来源: 广西日报,
        # 2017-07-25T20:27:27+00:00), or day first (09.10.2016  01:32)
        lines = first_lines(text, 8)
        for line in lines:
            d = re.match(r"(20[0-4]\d)-(\d{1,2})-(\d{1,2})(?:$|[T\s]+\d{1,2}:\d{2})", line) \
                or re.fullmatch(r"(20[0-4]\d)年(\d{1,2})月(\d{1,2})日(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", line)
            e = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(20[0-4]\d)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", line)
            if d or e:
                m, day_first = d or e, d is None
                break
        # …else a stamp inside a line: a date with its clock time (黑龙江日报  2019-02-20 11:12:30, 2013年09月02日
        # 13时23分), not an event's or a period's (定于2025年1月10日 9:00召开, 统计时段:…0:00至…)
        m = m or next((d for line in lines for d in _STAMP.finditer(line)
                       if not _EVENT_STAMP.search(line) and not _SENTENCE_GOES_ON.match(line, d.end())), None)
    if not m:
        return None
    y, mo, d = (int(x) for x in [g for g in m.groups() if g is not None][:3])
    if day_first:
        d, mo, y = y, mo, d
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"

"""Achievement or target: whether a number in a report's prose is what was done or what is aimed at.

A goal is said in the number's own clause (要/力争/确保/原则上/每月至少…), by the sentence it opens (确保…均达到100%),
right after the number (…200件目标任务), by a year after the report's, or by a plan whose sentence is not in the past
tense. A done clause (已/累计/以来…) is not a target even inside a sentence that states a rule.
"""

from __future__ import annotations

import re

# a goal: said in the clause itself, or the sentence opens with it (确保…均达到100%); 要 inside a noun (主要, 会议纪要,
# 机要) is none
_TARGET = re.compile(r"(?<![主重纲摘概需只首必显紧纪提机政简扼辑])要(?![点闻素件害求案犯情报览])"
                     r"|(?<!符合)(?<!按照)(?<!按)(?<!根据)(?<!依照)要求"
                     r"(?!公开|提供|获取|查询)|"  # 收到要求公开政府信息的申请: the applicant's request, not a goal
                     r"力争|确保|目标|争取|需(?:要)?达到|需|必须|(?<![无必])须|应当|(?<!规划)计划(?!生育)|任务数|任务量|目标数|下达[^,。;]{0,20}任务|"
                     r"不低于|不少于|"  # a floor set (出庭应诉率不低于90%) is a goal, as a plan says it
                     # a standing rule: 原则上…, a frequency with a floor (每月至少安排1次, 每季度不少于1次)
                     r"原则上|每(?:年|季度|半年|月|周)(?:度)?[^,。;]{0,6}(?:至少|不少于|不低于)")
TARGET_WORDS = _TARGET  # the goal words, for prose's test of a later year's figure

# goals named before their list (任务:, 主要目标任务两项:一是…)
# (not a look back at them: 紧紧围绕年初确定的目标任务:一是…, 下达我局的重点工作任务有三项: in a year's summary)
_GOALS_NAMED = (r"(?<![的绕达成标务])(?:主要)?(?:目标任务|任务|目标|指标)(?:是|为)?(?:[一二两三四五六七八九十\d]+(?:项|个|条))?"
                r"[::]")
_TARGET_OPENING = re.compile(r"^(?:[一二三四五六七八九十\d]+[、.是])?(?:要|确保|力争|争取|要求|目标|计划|必须|应当|每年)")
# (确保 later in a sentence with a clause of its own is a purpose: …,确保公众及时了解政府工作动态,主动公开各类政府信息18条;
# it is a goal when it opens the sentence, is in the number's own clause, or heads a short one: 确保到年底,…达到100%)
# (funds obtained, 累计争取…经费 or 争取到…资金, are done; 争取到年底… is a goal)
_GOAL_SENTENCE = re.compile(r"力争|(?<!累计)(?<!已)争取(?!到[^,,。;]{0,6}(?:经费|资金|项目|支持|政策))|确保[^,,。;]{0,5}[,,]|"
                            r"努力(?:实现|达到|使)|" + _GOALS_NAMED + r"|"
                            # a plan's goals quoted where it is reported (…实施方案,提出“为…提供法律咨询服务50万人次”)
                            r"提出[“\"「][^”\"」]*$")
_PRACTICE_SENTENCE = re.compile(r"(?:^|[,,;;])\s*(?:坚持|完成|落实)?每(?:年|季度|半年|月)")  # a standing practice
TARGET_AFTER = re.compile(r"^[^,。;]{0,4}(?:的)?(?:目标|任务)")
_PAST = re.compile(r"已经|已|累计|共计|完成了|实现了|全年共|截至|截止|以来")
# a report's clause that counts the whole year (全年开展…12场次) states what was done, after a sentence that opened on a
# standing practice (每月安排职工学习…,全年开展…): not in a plan, where 全年组织学法4次 is the year's goal
_WHOLE_YEAR = re.compile(r"全年|本年度?|年内")
# a count said as done in its own clause (2019年至2023年,…法院共受理行政案件1883件): a later year than the report's misread
# year does not make it a plan
_DONE_COUNT = re.compile(r"共(?:受理|办理|审结|调解|收到|处理|承办|办结|新收|审理)|仅")
# a year ahead of the report's, as a plan names it (2025年要…), not the start of a period up to now (2024年以来) nor the
# year open requests are carried into (结转至2024年办理1件)
# 结转至2024年办理1件, 结转2026年度2件, 余8件转2023年度办理: the year open requests go into, no other year
NOT_CARRIED_INTO = r"(?<!结转至)(?<!结转到)(?<!转入)(?<!转至)(?<!转到)(?<!转)"
# …nor a bulletin's number ((2013年第3号) above a bulletin on 2012)
_FUTURE_YEAR = re.compile(r"(?<!\d)" + NOT_CARRIED_INTO + r"(19[89]\d|20[0-4]\d)年(?!\d{1,2}月|以来|来|度以来|\s*第\s*\d+\s*号)")
# 《法治政府建设实施纲要(2021-2025年)》: a document's span of years, no plan year (《2024年…工作要点》 keeps its year)
_TITLED = re.compile(r"《[^《》]{0,60}?20\d\d\s*年?\s*[-—–~－至到]\s*20\d\d[^《》]{0,20}》")
PLAN_TYPES = {"work_plan", "work_points", "implementation_plan"}
# the next item of an enumeration inside one sentence (…;三是…, …;(3)…, …,三是…, …;第三,…): it states its own point
_NEXT_ITEM = re.compile(r"(?:[;;]\s*(?=[一二三四五六七八九十]+是|[(（][一二三四五六七八九十\d]+[)）]"
                        r"|第[二三四五六七八九十]+[,,、]|[一二三四五六七八九十]+、|\d+[、.](?!\d))"
                        r"|[,,]\s*(?=[二三四五六七八九十]+是))")
# …and where the enumeration begins: a frame before it that sets goals (2024年,我局将…:一是…; 下一步…力争实现以下目标:)
# frames every item, one that looks back (紧紧围绕年初确定的目标任务:一是…) does not
_FIRST_ITEM = re.compile(r"(?<![\u4e00-\u9fff])(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十\d]+[)）]"
                         r"|第[一二三四五六七八九十]+[,,、]|[一二三四五六七八九十]+、|\d+[、.](?!\d))")
_GOAL_FRAME = re.compile(r"下一步|明年|来年|今后|将(?:重点|着力|继续|进一步)?(?:做好|抓好|推进|实现)|力争|争取|确保|"
                         r"20\d\d年(?:工作)?(?:主要)?(?:目标|任务|计划)|" + _GOALS_NAMED)


def kind_of(year: int | None, doc_type: str | None, sentence_left: str, left: str, right: str) -> str:
    """``target`` when the clause, its sentence, a future year or a plan says the number is a goal; else ``actual``."""
    items = _NEXT_ITEM.split(sentence_left)
    if len(items) > 1:  # …明确全年学习不得少于2次;三是…组织领导干部学习2次: an item of its own after the rule
        first = _FIRST_ITEM.search(items[0])
        frame = items[0][:first.start()] if first else ""
        sentence_left = (frame if _GOAL_FRAME.search(frame) else "") + items[-1]
    if TARGET_AFTER.search(right):
        return "target"
    if _TARGET.search(left):
        return "target"
    whole_year_done = doc_type not in PLAN_TYPES and _WHOLE_YEAR.search(left)
    if (_TARGET_OPENING.search(sentence_left.lstrip()) or _GOAL_SENTENCE.search(sentence_left)
            or (_PRACTICE_SENTENCE.search(sentence_left) and not whole_year_done)) and not _PAST.search(left):
        return "target"  # …每季度集体学法不少于1次,2023年以来参加…36期: the number's own clause says it was done
    if year and any(int(y) > year for y in _FUTURE_YEAR.findall(_TITLED.sub("", sentence_left))) \
            and not _DONE_COUNT.search(left):
        return "target"  # next year's plans at the end of a report (not a count said as done: …共受理行政案件1883件)
    if doc_type in PLAN_TYPES and not _PAST.search(sentence_left):
        return "target"
    return "actual"


# 每年调处民间纠纷31万余件 in a review: cases arrive, nobody sets their number, so a yearly count of them is an
# average; a yearly number of sessions (每年组织法治讲座2次) is a quota the organ sets itself, a target
_EACH_YEAR = re.compile(r"每年(?!度)(?:都)?")
_CASE_UNITS = {"件", "宗", "起", "人次", "件次"}


def yearly_average(doc_type: str | None, left: str, unit: str) -> str | None:
    """The words that make a count an average of past years (``None`` when they do not)."""
    m = _EACH_YEAR.search(left)
    if m is None or doc_type in PLAN_TYPES or unit not in _CASE_UNITS or _TARGET.search(left):
        return None
    return m.group(0).strip()

"""Metadata, the kind of document: an annual report, a plan (要点, 方案, 计划), a briefing, news or other.

A plan speaks of itself (特制定本方案); a report says 报告如下; a news item has a paper's marks, a dateline
or speaks of its subject in the third person; nobody speaking for themselves reads as news.
"""

from __future__ import annotations

import re

from etl.extract.meta_text import STAMP, first_lines

_NEWS = re.compile(r"该县|该市|该区|该局|该镇|记者|本报讯|据悉|日电|了解到|来源:[^\n]{0,10}新闻|(?:^|\n)[\u4e00-\u9fff]{2,8}讯"
                   # a news lead: the day of the event, then who met or held what (1月19日,博乐市司法局召开…)
                   r"|(?:^|[\n,,。])\s*\d{1,2}月\d{1,2}日(?:上午|下午|晚上?)?[,,][^。]{0,40}(?:召开|举办|举行|公布|发布|启动)")
# an organ as the subject of its own sentences ("县司法局党组高度重视…") reads as reporting about it
THIRD_PERSON = re.compile(r"(?:^|[。\n])\s*[\u4e00-\u9fff]{0,6}(?:司法局|局|法院)(?:党组)?"
                           r"(?:进一步|通过|高度|坚持|面对|以|在|积极|切实|认真|不断|始终)")
_THIRD_PERSON_TAIL = re.compile(r"(?:局|法院)(?:党组)?(?:进一步|通过|高度|坚持|面对|以|在|积极|切实|认真|不断|始终)")


def third_person(text: str) -> list[str]:
    """``THIRD_PERSON.findall(text)``, skipped when the organ-and-verb every match ends with is not there."""
    return THIRD_PERSON.findall(text) if _THIRD_PERSON_TAIL.search(text) else []
_FIRST_PERSON = re.compile(r"我[县市区局镇省州院委办旗]")


# a yearbook entry: a bracketed topic heading, then the year's prose ("【人民调解】2020年,县司法局…")
# a yearbook's overview heading (【概况】, 【律师业务概况】) or its volume line (2018卷)
_YEARBOOK = re.compile(r"【[^】\n]{2,20}】\s*(?:19|20)\d\d年[,,]|【[^】\n]{0,8}概况】|(?:^|\n)\s*(?:19|20)\d\d卷\s")


def doc_type_of(title: str | None, text: str) -> str:
    head = (title or "") + "\n" + text[:300]
    if _YEARBOOK.search(text[:300]) or re.search(r"年鉴|统计公报|指标体系|办法$|规定$|条例$", title or ""):
        return "other"  # a yearbook entry (【人民调解】2020年,…), a statistical bulletin, an indicator system
    if _OTHER_KIND.search((title or "") + "\n" + text[:200]):
        return "other"  # a yearbook page, a speech, a decision's drafting note or its reading, a clean-up's result
    named = title or text.lstrip()[:60].split("\n", 1)[0]
    if _STUDY_OR_BULLETIN.search(named) and not _WHOLE_YEAR.search(named):
        return "other"  # 关于…的调研报告 / 调查与思考 (CONVENTIONS), a weekly statistics bulletin (情况周报)
    t = title or ""
    if re.search(r"(?:情况|总结|成效|报告)(?:及|和|暨|与)[^,。]{0,16}(?:要点|计划|打算|思路|安排)", t):
        return "annual_report"  # 2021年工作完成情况及2022年工作计划: a year's report with next year's plan appended
    for rx, kind in ((r"工作要点", "work_points"), (r"实施方案|工作方案", "implementation_plan"),
                     (r"工作计划|计划$|(?:计划|规划)[((]\s*20\d\d[^))]{0,12}[))]$", "work_plan")):
        if re.search(rx, t):
            return kind
    # a plan speaks of itself: 特制定本方案, 制定如下工作要点 (a report's 制定了…工作方案 is a past deed)
    m = re.search(r"制定(?:本|如下|以下)[^,。《》]{0,30}?(工作要点|实施方案|工作方案|工作计划|方案|要点|计划)", text[:1500])
    plan = m.group(1) if m else _plan_names_itself(text[:1500])
    if not t and plan and not (m and _report_before(text, m.start())):
        return {"工作要点": "work_points", "工作计划": "work_plan"}.get(plan, "implementation_plan")
    if _NOTICE_ADDRESS.search(text[:400]) and not re.search(r"报告|总结|年报|通报|要点|方案|计划|规划|汇报|述职|经验", t) \
            and not _FORWARDS.search(text[:800]):
        return "other"  # a notice to the units below (各镇人民政府,区级有关部门:…) that forwards no report or plan
    if re.search(r"报告如下|报告如下", text[:1500]) and not re.search(r"工作要点|实施方案|计划", t):
        return "annual_report"
    # a briefing names itself (汇报材料, 述职, 经验做法); 枫桥经验 in a news item does not make it one
    if (re.search(r"汇报|述职|经验材料|经验做法|典型经验|工作经验", t)
            or re.search(r"汇报材料|述职报告|经验材料|经验做法", head[:120])) and not re.search(r"年度报告", t):
        return "briefing"
    if re.search(r"^(?![^关]*(?:听取|审议|发布|召开))[^。,,]{0,30}?关于[^。,,]{2,40}(?:情况|工作)的(?:报告|总结)$", t) \
            and not re.search(r"本报讯|记者|日电", text[:600]):
        return "annual_report"  # a report's formal title (…关于…工作情况的报告) stays a report on a news page
    if media_mark(head[:400]) and not re.search(r"报告如下|汇报如下|总结如下|本报告|本年度报告", text[:1500]):
        return "news"  # 重庆高院发布《2018年…司法审查报告》 in a paper's report: an article about the report
    if re.search(r"报告|总结|年报|统计情况|工作情况", t):
        return "annual_report"
    if t and any(STAMP.fullmatch(line) for line in first_lines(text, 4)[1:]):
        return "news"  # a headline over a bare time stamp (河北区司法局多措并举…\n19.12.2017  20:36): a news page
    if re.search(r"主要任务|工作目标|实施步骤|主要措施", text[:600]) and not _FIRST_PERSON.search(text[:2000]) \
            and re.search(r"到20\d\d年|\d{4}年[^。]{0,20}(?:达到|实现)", text[:3000]):
        return "implementation_plan"
    if re.search(r"报告如下|汇报如下|本年度报告|本报告|年度报告|统计期限|总体情况|工作总结|基本成效", text[:1500]) \
            or (_DISCLOSURE_SECTION.search(text[:1500]) and not _NEWS.search(text[:3000]) and not third_person(text[:3000])):
        return "annual_report"
    if _BODY_OPENING.match(text) and not media_mark(head[:400]):
        return "annual_report"  # opens at its first section's heading (一、2025年法治政府建设工作情况): a report's body
    if _NEWS.search(text[:3000]) or len(third_person(text[:3000])) >= 2 \
            or (title and not _FIRST_PERSON.search(text[:3000])):
        return "news"
    if _FIRST_PERSON.search(text[:3000]) or re.search(r"(?:^|\n)\s*一、", text):
        return "annual_report"
    return "news"  # no title, no sections, nobody speaking for themselves: an article about them


# a notice's address line: the units below it (各乡镇人民政府,县政府有关部门:), not an audience (各位代表:)
_NOTICE_ADDRESS = re.compile(r"(?:^|\n)\s*各(?!位|项)[^。\n]{0,120}(?:政府|部门|单位|办事处|局|委|办|管委会|街道|乡镇|司法所)"
                             r"[^。\n]{0,40}(?<!情况)[::]\s*(?:\n|$)")
def is_notice(text: str) -> bool:
    """Whether the opening has a notice's address line to the units below (各乡镇人民政府,县政府各部门:)."""
    return bool(_NOTICE_ADDRESS.search(text[:400]))


# a notice that forwards a report or plan (现将《2022年全市司法行政工作总结》印发给你们; …经验做法,现印发给你们) is typed as
# the document it forwards (one forwarding rules or a list stays a notice)
_FORWARDS = re.compile(r"现将[^。\n]{0,60}?(?:报告|总结|要点|方案|计划|规划|经验)[^。\n]{0,30}?(?:印发|转发|公布|发)给你们"
                       r"|(?:报告|总结|要点|方案|计划|规划|经验)[^。\n]{0,40}?(?:现(?:印发|转发)给你们|现予(?:印发|公布))")


# a section heading of the national disclosure report's template ((一)主动公开情况, 二、依申请公开政府信息情况,
# (一)主动公开方面。)
_DISCLOSURE_SECTION = re.compile(r"(?:^|\n)\s*(?:[((][一二三四五][))]|[一二三四五]、)\s*"
                                 r"(?:主动公开|依申请公开|收到和处理政府信息公开申请|政府信息管理)[^\n。]{0,8}(?:情况|方面)\s*(?:[。::\n]|$)")


# a report naming itself in its opening (本年度报告依据…, 年报中所列数据的统计期限…): a plan it quotes in a later sentence
# (…结合我分局实际,制定本方案印发了《…实施方案》) does not make it one; a plan whose own sentence names a report (针对…年报中
# 存在的问题,…制定本方案; 为做好本年度报告编制…) stays a plan
_REPORT_SELF = re.compile(r"本年度报告|本报告|本年报|年报中|统计期限|报告如下")


def _report_before(text: str, plan_at: int) -> bool:
    """Whether the text named itself a report in a sentence before the one where a plan is named (at ``plan_at``)."""
    sentence_start = max(text.rfind("。", 0, plan_at), text.rfind("\n", 0, plan_at))
    return sentence_start > 0 and _REPORT_SELF.search(text[:min(sentence_start, 600)]) is not None


# an excerpt opening inside a report's body: a section heading (一、…, (三)…) or an enumerated point (二是…)
_BODY_OPENING = re.compile(r"\s*(?:一、[^。,,\n]{2,30}\n|[((][一二三四五六七八九十]{1,2}[))]|[二三四五六七八九十]是)")


# a year's plan naming itself at the end of its opening sentence (为…,根据…,制定2024年法治政府建设工作要点。 / …如下:),
# before its first section; a report's deed goes on after the name (制定2023年…工作要点,细化任务58项; …要点和…方案)
# or says when it was done (年初, 先后)
_PLAN_SELF = re.compile(r"([^。\n]*?)制定(?:20[0-4]\d)年(?:度)?[^,,。《》和及、\n]{0,30}?"
                        r"(工作要点|实施方案|工作方案|工作计划|方案|要点|计划)(?:如下)?\s*[。::\n]")
_PLAN_PURPOSE = re.compile(r"^为|[,,]为|根据|按照|结合|依据|[,,]\s*现|特(?=制定)|特$")
_DEED_WHEN = re.compile(r"年初|年内|先后|已经|已|今年|去年|全年|近日|以来")
_DOER = re.compile(r"我[局县市区镇委办院厅]|[局府院委厅所]\s*$")


def _plan_names_itself(head: str) -> str | None:
    """The kind a year's plan names itself by in its opening sentence (工作要点, 实施方案…), else None: a purpose
    (为…, 根据…, 现结合…实际) and no doer named (我局…, 县司法局…, a news item's 近日)."""
    m = _PLAN_SELF.match(head.lstrip())
    if m is None:
        return None
    lead = m.group(1)
    if _PLAN_PURPOSE.search(lead) and not _DEED_WHEN.search(lead) and not _DOER.search(lead):
        return m.group(2)
    return None


# a period that is the whole year (1—12月, 1至12月份): a year's circular is a report, not a part-year bulletin
_WHOLE_YEAR = re.compile(r"1\s*(?:月)?\s*[—\-–~至到]\s*12\s*月")


# documents that are neither a report nor news: a yearbook page, a speech, a decision's drafting note or its reading,
# the decision publishing a clean-up's result, a reply to a deputy's suggestion
_OTHER_KIND = re.compile(r"年鉴|(?:会议)?上的讲话|讲话稿|起草说明|制定说明|(?:政策|文字|图文)解读《|》的(?:政策)?解读"
                         r"|清理结果的(?:决定|通告|公告)|有关情况说明如下"
                         # an organ's reply to a deputy's suggestion or a CPPCC proposal (…第135034号提案的答复函,
                         # 建议办理情况的复函, 答复类别:A类)
                         # (a report's own 办理人大代表建议和政协提案的答复工作 is none: a reply names the number or is a 函)
                         r"|第[^,,。\n]{0,4}?\d+号(?:提案|建议|议案)?[^。\n]{0,16}?(?:的答复|答复函|复函|办理(?:情况|结果|意见)的?函)"
                         r"|(?:提案|建议|议案)[^。\n,,]{0,30}?(?:答复函|的复函|办理(?:情况|结果|意见)的?(?:函|复函))"
                         r"|答复类别")


# named by its title or first line: an investigation or research report, a weekly or monthly statistics bulletin, a
# circular on a quarter, a month or a week (GOLD: statistical bulletins are other; a year's 工作情况的通报 is a report)
_STUDY_OR_BULLETIN = re.compile(r"调研报告|调查报告|(?:调查|调研)与思考|(?:调查|调研)(?:和|及)(?:思考|建议)|周报|月报(?!告)"
                                # a study's title (…现状与对策, …现状及其对…的启示, 浅析/探析/初探…)
                                r"|现状(?:与|及|和)[^,。\n]{0,16}(?:对策|思考|启示|建议)|浅析|探析|初探"
                                # a circular on a part of a year (二月情况通报, 第二季度…运行情况, 周通报, 7月…情况分析,
                                # 周工作综述(11.17-11.23)) or on statistics
                                r"|(?:季度|月|周|旬)[^,。\n]{0,30}?(?:通报|运行情况|情况分析|综述)(?:[((][^))]{0,20}[))])?$"
                                r"|统计分析[^,。\n]{0,10}通报")


# a newspaper's or news site's marks at the top: its source line, a reporter, a dateline
MEDIA = re.compile(r"来源[::]\s*[^\n]{0,12}?(?:日报|晚报|报社|新闻|网|电视台|广播|客户端)|(?:^|[\s(（])记者|本报讯|"
                    r"(?:报|网|台|社)[\u4e00-\u9fff]{0,4}讯|[\u4e00-\u9fff]{2,8}\d{1,2}月\d{1,2}日电|央广网|新华网|人民网|中新网")
# a word every match of MEDIA holds: without one the (slower) pattern need not run
_MEDIA_WORDS = re.compile(r"来源|记者|讯|日电|央广网|新华网|人民网|中新网")


# a part of a year (第三季度, 9月份, 本月, 周): a hotline's bulletin on it is a statistics bulletin; a year's, or a half
# year's 总结 (GOLD), is a report
_PART_YEAR = re.compile(r"第?[一二三四]季度|\d{1,2}月份?(?!\s*\d{1,2}\s*日)|本月|本周|周报|月报")


def part_year(lines: str | list[str]) -> bool:
    """Whether a title (or the first lines) names a part of a year shorter than a half."""
    return bool(_PART_YEAR.search(lines if isinstance(lines, str) else "\n".join(lines)))


def is_news_item(text: str) -> bool:
    """A reporter's or a paper's marks at the top (记者, 本报讯, a dateline, a news source line)."""
    return bool(_NEWS.search(text[:600]) or media_mark(text[:400]))


def media_mark(text: str) -> re.Match[str] | None:
    """``MEDIA.search(text)``, skipped when none of the words its matches hold is there."""
    return MEDIA.search(text) if _MEDIA_WORDS.search(text) else None

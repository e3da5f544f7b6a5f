"""Metadata, the words at the top: the title line, the organ's line, the opening and its subject.

The opening is the document's first characters with what names other places than its subject taken
out (datelines, bylines, venues); the subject is the first sentence's words before its first verb.
"""

from __future__ import annotations

import re
from functools import lru_cache

# (…and a portal's catalogue lines: 组配分类 政府建设 发布机构 区司法局)
_NAV = re.compile(r"^(?:您的位置|当前位置|当前页面|您所在的位置|首页|位置:|今天是|无障碍|索\s*引|【字体|正文复制|栏目|登录|-|•"
                  r"|组配分类|发布机构|生成日期|主题分类|体裁分类|公开范围|公开方式|文件编号|发文日期|成文日期|信息分类|所属机构)")
_TYPE_WORDS = re.compile(r"报告|方案|要点|计划|总结|汇报|述职|做法|经验|情况|年报|规划|意见|通知")
_PRINT_NOTICE = re.compile(r"关于印发(.{4,60}?)的通知")
# a body's numbered item: 一是…, 二是…, 其一…, 首先…
# a quoted name, whose full stop is no sentence's (“普法你我他。文化进万家”)
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"|「[^」]*」|『[^』]*』|‘[^’]*’")
_ITEM_OPENING = re.compile(r"(?:[一二三四五六七八九十]+[是要]|其[一二三四五六七八九十]|首先)[,,:：]?")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、])")
# Where a news item names a place that is not its subject: the dateline (新华社海口12月7日电), the byline,
# the venue (在拉萨召开), the source line. Removed before the reporter's region is looked for.
# (Each alternative starting with a run of CJK first looks ahead for its end, so the scan stays linear.)
_NOT_SUBJECT = re.compile(
    r"(?=[\u4e00-\u9fff]{2,16}\d{1,2}月\d{1,2}日[电讯])"
    r"(?:新华社|中新社|中新网|人民网|新华网|央视网|中国新闻网|本报|[\u4e00-\u9fff]{0,6}(?:日报|晚报|电视台|广播电视台|网))?"
    r"[\u4e00-\u9fff]{2,8}\d{1,2}月\d{1,2}日(?:电|讯)|[((][^))\n]{0,20}记者[^))\n]{0,30}[))]"
    r"|(?=[\u4e00-\u9fff]{3,13}讯)[\u4e00-\u9fff]{0,8}(?:网|报|台)[\u4e00-\u9fff]{2,4}讯"  # 每日甘肃网兰州讯: the paper's city
    r"|在[\u4e00-\u9fff]{2,5}(?=召开|举行|举办|开幕|闭幕)")
# a report's own name quoted in its opening ("现公布深圳市光明区公明街道2020年政府信息公开工作年度报告")
_EMBEDDED_TITLE = re.compile(r"(?:现(?:予)?公布|现(?:予)?发布|现将|特(?:此)?公布)(?:了)?"
                             r"《?([^。《》,,]{4,60}?(?:年度报告|工作报告|年报|报告|总结))》?")


def first_lines(text: str, n: int = 25) -> list[str]:
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if s:
            out.append(s)
        if len(out) >= n:
            break
    return out


# a crawler's field label before the title line ("标题: …", "【标题】…")
_CRAWLER_PREFIX = re.compile(r"^(?:原标题|标\s*题|题\s*目|文章标题|title)\s*[::】]\s*|^【(?:原)?标题】\s*", re.I)
# a page line's opening bracket and its 责任 ([责任编辑:李石], 【来源:…】)
_BRACKET_OPEN = re.compile(r"^[\[【(（\s]*(?:责任)?")


_TRAILING_CELLS = re.compile(r"[\s|]+$")


def _strip_cells(line: str) -> str:
    """``re.sub(r"[\\s|]+$", "", line)``; a line that does not end with a blank or "|" (most) is returned as is."""
    return _TRAILING_CELLS.sub("", line) if line[-1:] == "|" or line[-1:].isspace() else line


# a page's byline under its headline (来源:湖南日报 作者: 时间:…, 发布时间:2024-11-23, 日期:…)
_PAGE_LINE = re.compile(r"(?:文章)?(?:来源|发布时间|发布日期|时间|日期|作者|编辑|信息来源)\s*[::]")
# a news page's bare time stamp line under its headline
STAMP = re.compile(r"(?:\d{1,2}\.\d{1,2}\.20\d\d|20\d\d-\d{1,2}-\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?")


# the first line of a title printed on two lines: it names the year or opens with 关于 (a heading would not)
_TITLE_HEAD = re.compile(r"(?:19|20)\d\d年(?!\d{1,2}月|第\d+期)|^关于")
_NOT_TITLE_HEAD = re.compile(r"星期|第\d+期|\d{1,2}月\d{1,2}日")  # a dateline, an issue, a page stamp


def find_title(text: str) -> str | None:
    """The document's title line, or None (excerpts often start mid-report)."""
    # a title cell with the table's empty cells after it ("2023年…抽查工作计划 | |||||||") is still the title
    lines = [_strip_cells(_CRAWLER_PREFIX.sub("", line)) for line in first_lines(text, 15)]
    for line in lines:
        m = _PRINT_NOTICE.search(line)
        if m and len(line) <= 80 and line.endswith(("通知", "通知》")) and not re.search(r"[。,,]", line):
            return m.group(1).strip("《》")
    for i, line in enumerate(lines[:10]):
        if _NAV.match(line) or len(line) < 6 or len(line) > 70 or "|" in line or _PAGE_LINE.match(_BRACKET_OPEN.sub("", line)):
            continue  # navigation, fragments, table rows, a page's own line ([编辑:李石], 来源:…)
        if line.endswith(("。", ":", ":", ";")) or line.count(",") + line.count(",") > 1:
            continue
        # a news page's headline: the line right above its bare time stamp (19.12.2017  20:36, 2022-07-07 09:12:06)
        stamped = i + 1 < len(lines) and bool(STAMP.fullmatch(lines[i + 1]) or _PAGE_LINE.match(lines[i + 1]))
        if ("。" in _QUOTED.sub("", line) and not stamped) or _ITEM_OPENING.match(line):
            continue  # a sentence ended inside the line (unless a stamp marks it a headline), or a body's item
            # (二是规范决策程序…, 一要…): no title has either
        if line.startswith(("第一篇", "第二篇", "第三篇", "第四篇", "第五篇")) or _SECTION.match(line):
            continue
        if stamped or _TYPE_WORDS.search(line) or re.search(r"打造|推行|加快|建设|推进|做好|切实|受理|工作", line):
            title = re.sub(r"\s*[_｜]\s*[^_｜|]{2,30}$", "", re.sub(r"\s+", " ", line))  # "…报告_XX人民政府网"
            if i > 0 and _TITLE_HEAD.search(prev := lines[i - 1]) and not _NOT_TITLE_HEAD.search(prev) \
                    and 6 <= len(prev) <= 40 and not _TYPE_WORDS.search(prev) \
                    and not re.search(r"[。,,;;::|]", prev) and not _NAV.match(prev) and not _SECTION.match(prev) \
                    and not STAMP.fullmatch(prev) and not _PAGE_LINE.match(prev):
                return prev + title  # its first line above ("静海区卫生健康委2022年度法治" / "政府建设情况报告")
            # a title broken over two short lines ("…示范创建" / "活动实施方案")
            if i + 1 < len(lines) and len(lines[i + 1]) <= 12 and not lines[i + 1].endswith("。") \
                    and not _NAV.match(lines[i + 1]) and _TYPE_WORDS.search(lines[i + 1]) and not _TYPE_WORDS.search(line):
                title += lines[i + 1]
            elif i + 1 < len(lines) and _PERIOD_LINE.fullmatch(lines[i + 1]):
                title += lines[i + 1]  # a plan's period on the line under it ("…三年发展规划" / "(2024—2026年)")
            return title
    return None


_OPENING_MAX = 6000
# a line that is only a period in brackets: (2024—2026年), （2021-2025年）, (2023年)
_PERIOD_LINE = re.compile(r"[((]\s*20[0-4]\d\s*年?(?:\s*[—\-–~～至到]+\s*20[0-4]\d\s*年?)?\s*[))]")


# Every match of _NOT_SUBJECT holds (or looks ahead to) one of these within 22 characters of its start
# (日电/日讯 of a dateline, 记者 of a byline, 讯, a venue's verb), and no attempt of it reads more than 56
# characters from where it starts: so it is only tried around these words (see _masked_opening).
_NOT_SUBJECT_ANCHOR = re.compile(r"日电|讯|记者|召开|举行|举办|开幕|闭幕")
_VENUE_VERBS = frozenset(("召开", "举行", "举办", "开幕", "闭幕"))
_ANCHOR_BEFORE = 24  # > 22
_ATTEMPT_READS = 64  # > 56


@lru_cache(maxsize=4)
def _masked_opening(head: str) -> str:
    """``head`` with datelines, bylines and venues blanked out, same length (so any prefix is an opening).

    The same as ``_NOT_SUBJECT.sub(blank, head)``, but the pattern runs only on a window around each anchor
    word: no match can start more than ``_ANCHOR_BEFORE`` characters before the first anchor at or after it,
    and an attempt within the window reads the same characters as on the whole text (tests/test_extract_speed.py
    compares both ways)."""
    pieces: list[str] = []
    last = pos = scan = 0  # no match starts in [last, pos) but those in pieces; anchors are looked for from scan
    while (anchor := _NOT_SUBJECT_ANCHOR.search(head, scan)) is not None:
        at = anchor.start()
        scan = at + 1
        if anchor.group(0) in _VENUE_VERBS and "在" not in head[max(0, at - 6):at]:
            continue  # a venue's verb counts only 3-6 characters after 在 (在拉萨召开): no match holds this one
        m = _NOT_SUBJECT.search(head, max(pos, at - _ANCHOR_BEFORE), at + _ATTEMPT_READS)
        if m is None or m.start() > at:
            pos = at + 1  # no match starts at or before this anchor; a later one starts nearer the next anchor
            continue
        pieces += (head[last:m.start()], " " * (m.end() - m.start()))
        last = pos = scan = m.end()
    if not pieces:
        return head
    pieces.append(head[last:])
    return "".join(pieces)


# an office's address (地址:六盘水市钟山区凤凰山…6号楼, 北京市海淀区车公庄西路14号): where a city's bureau sits is one of
# its districts, not the region it reports on
_ADDRESS = re.compile(r"(?:地址|地点|住址)\s*[::]\s*[^,,;;。\n))]{2,60}")


def address_of(text: str) -> str | None:
    """The first office address in the opening (地址:…), or None."""
    m = _ADDRESS.search(text[:_OPENING_MAX]) if "地" in text[:_OPENING_MAX] else None
    return m.group() if m else None


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def opening(text: str, n: int = 400) -> str:
    """The opening of a document with what names other places than its subject taken out (datelines, venues, sources,
    an office's address).

    Masked once per document (the metadata rules ask for several lengths of it)."""
    if n > _OPENING_MAX:
        out = _NOT_SUBJECT.sub(" ", text[:n])
    else:
        out = _masked_opening(text[:_OPENING_MAX])[:n]
    if "为例" in out:
        out = _EXAMPLE.sub(_blank, out)  # 以兰州市红古区法律援助中心为例: an example, not the subject
    return _ADDRESS.sub(_blank, out) if "地" in out or "住址" in out else out


# a place given as an example (以兰州市红古区法律援助中心为例, 以某县为例); a study's subtitle (——以淮北市…工作为例) or its
# own words (本文以安徽省宿松县为例) name the place it studies
_EXAMPLE = re.compile(r"(?<![—\-－])(?<!本文)(?<!笔者)(?<!本研究)(?<!本报告)(?<!本课题)以[^,,。;;\n]{2,30}?为例")


_LEAD = re.compile(r"^(?:[\s\d年月日度上下半以来截至止底前后,,、:{}【】\[\]]|全年)*(?:[\u4e00-\u9fff]{0,6}报讯|讯"
                   # a wire dateline and its byline (新华社海口12月7日电(记者刘邓))
                   r"|[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电(?:[((][^()()]{0,24}[))])?)?[\s,,\d月日]*"
                   # the organ a reporter heard it from (记者从海南省司法厅获悉,): not the subject of what follows (a place
                   # it heard it from, 记者从分水镇获悉,…该镇…, is)
                   r"(?:记者(?:\d+日)?(?:日前|近日)?从(?:[^,,。]{1,30}?(?:厅|局|院|委|办|中心|部|处|会)"
                   r"(?:获悉|了解到|得知)[,,]?)?)?")


# what a first sentence opens with before its subject: a time (一年来, 近日), a frame (在…下, 为贯彻…, 按照…),
# a byline in brackets
_ADVERBIAL = re.compile(r"^(?:[((][^()()]{0,24}[))]|(?:一年来|近年来|今年以来|近日|日前|去年|今年|\d+年来|"
                        # a starting point (“十四五”以来, 党的十八大以来) and the Traditional forms (近年來, 今年以來)
                        r"(?:“[^”]{1,8}”|党的[^,,。]{1,8}|\d{4}年|今年|[一近]年)以[来來]|[一近]年來|"
                        r"(?:在|为|按照|根据|围绕|随着|截至|截止|自|从)[^,,。]{1,40}?)[,,]\s*)")
# a body honoured by the agent after 被 (…中心被司法部评为…): the passive's subject is before it
HONOURED = r"被[^,,。;]{0,12}?(?:评为|授予|命名为|表彰为|确定为|认定为|列为)"
_VERB_START = re.compile(r"(?:以|在|坚持|认真|召开|发布|举行|印发|紧紧|始终|积极|进一步|深入|通过|按照|围绕|切实|不断|全面|"
                         r"着力|高度|对|共|新收|受理|收到|审结|办理|获悉|向|听取|公布|推进|持续|扎实|聚焦|主动|组织|开展|是|"
                         r"统筹|牵头|联合|全力|大力|创新|健全|完善|强化|加强|狠抓|注重|立足|严格|依法|结合|" + HONOURED + ")")


# a page's date-time stamp line, with its author after the time (2024-11-18 15:07:16 项学敏): no sentence (a date and a
# place, 2024年3月5日 城关镇, is a dateline that names the place)
_STAMP_LINE = re.compile(r"^\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
                         r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[\u4e00-\u9fff]{2,4})?)?\s*$")


@lru_cache(maxsize=4)
def opening_subject(text: str) -> str:
    """Who the first sentence is about: its words before the first verb (dates, datelines, bylines and
    opening frames such as 一年来, / 在…领导下, removed). Kept for the last few texts: the metadata rules ask
    for it several times per document."""
    for line in first_lines(opening(text), 8):
        if _NAV.match(line) or "|" in line or len(line) < 8 or _STAMP_LINE.match(line):
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


# a word ending in 局 that names no bureau (服务保障全省经济发展大局, 打造基层治理新格局, 开辟复议全新格局)
NOT_A_BUREAU = re.compile(r"(?:大|格|布|(?<!安)全|结|开|(?<![创革])新|僵|时|当|骗|赌|棋|变|厅)局$|局局$")


# a government page's metadata naming who issued it (发布机构: 中埠镇人民政府, 发布单位:青石镇)
# (a field: a separator after the label and the value on its line, or alone on the next line; not a sentence, 信息发布单位
# 包括…, 明确发布单位为…; the next field's label may follow with no blank, 发布单位: 青石镇有效性:)
_ORGAN_NAME = (r"(?!为|包括|涵盖|关于|是)([\u4e00-\u9fff]{1,24}?(?:人民政府办公室|人民政府|政府办公室|政府办|局|厅|委员会|委|"
               r"办公室|法院|检察院|中心|管委会|办事处|街道|镇|乡|所))")
_ISSUER = re.compile(r"(?:发布机构|发布单位|发文机关|发文单位|发布部门)[ \t\]】]*"
                     r"(?:(?:[::|]|[ \t]|\]|】)[ \t|]*" + _ORGAN_NAME
                     + r"(?:(?![\u4e00-\u9fff])|(?=有效性|发布日期|成文日期|文号|索引号|主题|生成日期|公开))"
                     r"|[::][ \t]*\n\s*" + _ORGAN_NAME + r"[ \t]*(?:\n|$))")
# a title that names an organ (…局2023年…报告): the page's issuer field (often the site hosting it) does not replace it
_TITLE_ORGAN = re.compile(r"(?:政府|局|厅|委|办|院|镇|乡|街道|办事处|中心|管委会)")


def organ_of(title: str | None, text: str) -> str | None:
    for line in first_lines(text, 12):
        if _NAV.match(line):
            continue
        m = re.fullmatch(r"([\u4e00-\u9fff]{2,20}(?:人民政府|人民政府办公室|人民政府办公厅|局|厅|委员会|法院|院|办公室))", line)
        if m and not NOT_A_BUREAU.search(m.group(1)):
            return m.group(1)
    if not (title and _TITLE_ORGAN.search(title)) and ("发布" in text[:2000] or "发文" in text[:2000]) \
            and (m := _ISSUER.search(text[:2000])):
        return m.group(1) or m.group(2)  # no organ line and no organ in the title: the page's issuer field
    return None


def title_of(text: str) -> str | None:
    """The title line, else the report's own name quoted in its opening (现公布…年度报告)."""
    title = find_title(text)
    if title is None:
        m = _EMBEDDED_TITLE.search(text[:600])
        title = m.group(1) if m else None
    return title

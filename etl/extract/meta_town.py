"""Metadata, the town: where a township or street office that reports names itself (etl/extract/meta_region.py asks).

A town is read where a report names itself: right after its county (深圳市光明区公明街道), as the subject of the
opening sentence (兴发乡坚持…), as the organ that compiles the report (唐村镇政府编制…), in its signature or its
contact line; a report that only calls itself 我街道/全镇 takes the town its body names most.
"""

from __future__ import annotations

import re
from collections import Counter

from etl.extract.gazetteer import gazetteer
from etl.extract.meta_text import opening_subject
from etl.extract.towns import known, towns

# the words by which a text speaks of itself as a town (the town level of meta_region's scope words)
TOWN_SELF_WORDS = re.compile(r"我镇|全镇|本镇|镇党委|镇政府|我乡|全乡|本乡|乡党委|乡政府|我街|全街|街道党工委")


def town_named(title: str | None, organ: str | None, text: str) -> str | None:
    """The town the title, the organ line or the opening names as the reporter, else None."""
    town = _town_after_place((title or "") + "\n" + opening_subject(text)) \
        or _town((title or "") + "\n" + (organ or ""), _TOWN) or _town(opening_subject(text), _TOWN_SELF) \
        or _town(text[:300], _TOWN_SUBJECT, _TOWN_SUBJECT_TAIL) or _town(text[:600], _TOWN_PLAN) \
        or _town(text[:600], _TOWN_AUTHOR, _TOWN_AUTHOR_TAIL) \
        or _town(text[:300], _TOWN_ORGAN_SUBJECT) or _town(text[:600], _TOWN_SPEAKER) \
        or _listed_town(_town(text[:600], _TOWN_REPORT)) \
        or _town_after_place(_self_naming(text), signature=True)
    town = _own_name(town) if town else None
    if town and _NOT_A_TOWN.search(town) and not known(town):
        return None  # 法治春风润茶乡, 鱼米之乡: a figure of speech
    return None if town and re.search(r"乡镇|街道办|镇村|各镇", town) else town


# what the patterns take in before a town's own name: its county or city (铜梁区太平镇, 历下区燕山街道), the county's
# government (…区人民政府金桥街道办事处), a title's or a clause's lead word (关于大吉山镇…的报告, 对锦斗镇, 由新安镇), a time
# word, a copula or a verb opening the clause (全年木贾街道, 正是梅仙镇, 请联系流泗镇, 动态调整安文街道, 中共老军乡)
_BEFORE_NAME = re.compile(r"(?:[\u4e00-\u9fff]{1,8}?[区县市旗州盟团])?(?:人民政府|民政府|政府)?|关于|对|由|向|在"
                          r"|全年|今年(?:以来)?|近年来|目前|同时|此外|正是|这是|就是|即|中共"
                          r"|(?:请|请与)?联系|(?:现)?(?:公开|公布)|(?:动态)?调整|加快(?:建设)?|推进|指导|组织")
# a zone's kind alone (经济技术开发区): the list has such rows, but the name before it is the zone's own (天津经济技术开发区)
_ZONE_KIND = re.compile(r"(?:经济|技术|高新|新技术|工业|产业|开发)*(?:开发区|园区)")
# towns in general (平安城镇, 特色小城镇, 全域城镇): a word, not a town (明城镇 is one)
_TOWNS_WORD = re.compile(r"(?:全域|平安|特色小|小|新型|美丽|智慧|文明|卫生|园林|中心)城镇$")


def _own_name(town: str) -> str:
    """The town's own name: the longest town of the list at the end of the match, when what comes before it is only
    what comes before a town's name (a lead word, a time word, a verb) or a place's name (定西青岚山乡, 通山大畈镇); a
    head that may be part of the name (建筑新村街道, 新杨村街道) is kept, and an unknown name stays as read. Towns in general
    (平安城镇, 特色小城镇, 全域城镇) are a word, not a town (明城镇 is one)."""
    if known(town):
        return town
    for i in range(1, len(town) - 1):
        tail = town[i:]
        if known(tail) and not _ZONE_KIND.fullmatch(tail) and not _TOWNS_WORD.search(town) \
                and (_BEFORE_NAME.fullmatch(town[:i]) or _is_place_name(town[:i])):
            return tail
    return town


def _is_place_name(head: str) -> bool:
    """The head is one place's name, full or short (定西, 通山, 张店, 十六团 is not)."""
    found = gazetteer().mentions(head)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(head)


# a 乡 that is a figure of speech (茶乡, 水乡, 家乡, 鱼米之乡) or a placeholder (某镇, XX乡)
# …or the text's own word for itself or a clause's words before the kind (一年来我镇, 公开了镇, 同时将镇): no name
_NOT_A_TOWN = re.compile(r"(?:家|故|水|茶|城|之|梦|他|异|老)乡$|^(?:某|XX|xx|××)(?:镇|乡|街道)$|[我本全该了将各](?:镇|乡|街道)$")


def town_signed_or_most(text: str, own_word: str) -> str | None:
    """A report calling itself 我街道/我镇 (``own_word``) that names itself only in its signature or its body."""
    return _town_after_place(text[-300:], signature=True) or _town_named_most(text, own_word)


_TOWN = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道|苏木|工业园区|开发区|园区))(?:人民政府|党委|政府|办事处)?")
# what a town does at the start of a sentence it leads (兴发乡坚持…, 霍城镇建立…, 毛尖山乡组织…)
_TOWN_ACTS = (r"(?:在|坚持|以|深入|认真|紧紧|始终|全面|扎实|"
              r"建立|成立|组织|开展|推行|创新|积极|着力|强化|聚焦|探索|推进|持续|不断|围绕|紧扣|立足)")
_TOWN_SUBJECT = re.compile(r"(?:^|[,,。\n])\s*(?:20\d\d年(?:度)?[,,]?)?\s*([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))"
                           r"(?:党委|人民政府|政府|党工委|领导班子)?" + _TOWN_ACTS)
# a town (or street office) that is the first sentence's subject: 兴发乡严格依照…, 观胜镇党委、政府…, 礼让街街道办事处在…
_TOWN_SELF = re.compile(r"^(?:[\s\d年月日度本上下半以来,,]|全年)*([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))"
                        r"(?:党委|人民政府|政府|办事处|街道办事处|党工委)?(?:[、和及]|$)")


_TOWN_PLAN = re.compile(r"结合([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(?:的)?实际")
# the organ that compiles the report is its reporter: 根据…要求,唐村镇政府编制2020年政府信息公开年度报告
_TOWN_AUTHOR = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(?:人民政府|政府|办事处|街道办事处)"
                          r"(?:编制|编写|制作|发布|公布)(?:了)?(?:本|20\d\d年)")
# a town's government as a clause's subject early in the text: …工作要求,牛心镇人民政府及时完善了…
_TOWN_ORGAN_SUBJECT = re.compile(r"[,,。]\s*([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(?:人民政府|政府|办事处|街道办事处)"
                                 r"(?![\u4e00-\u9fff]{0,2}(?:网|门户|官网|信息公开专栏))")


# the opening naming its own report (现向社会公布岔河乡2022年政府信息公开工作年度报告, 现将观胜镇2025年法治政府建设情况报告如下)
_TOWN_REPORT = re.compile(r"(?:公布|发布|现将|编制)\s*(?:20\d\d\s*年(?:度)?(?!度)\s*(?=[^,,。;;]{2,8}?(?:镇|乡|街道)))?"
                          r"((?![度我本全该])[\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(?:人民政府|政府|办事处|街道办事处)?"
                          r"\s*(?:20\d\d\s*年(?:度)?)?[^,,。;;]{0,20}?(?:年度报告|工作报告|情况报告|工作总结)")
# the words every match of _TOWN_SUBJECT / _TOWN_AUTHOR ends with: where they are not, the pattern is not tried
_TOWN_SUBJECT_TAIL = re.compile(r"(?:镇|乡|街道)(?:党委|人民政府|政府|党工委|领导班子)?" + _TOWN_ACTS)
_TOWN_AUTHOR_TAIL = re.compile(r"(?:镇|乡|街道)(?:人民政府|政府|办事处|街道办事处)(?:编制|编写|制作|发布|公布)"
                               r"(?:了)?(?:本|20\d\d年)")


def _town(text: str, rx: re.Pattern[str], tail: re.Pattern[str] | None = None) -> str | None:
    """A town name, unless the match is part of a county or city name (景德镇市, 镇康县, 新乡县); ``tail``, when
    given, is what every match of ``rx`` holds (without it there is no match)."""
    if tail is not None and tail.search(text) is None:
        return None
    places: list[tuple[int, int]] | None = None
    for m in rx.finditer(text):
        if places is None:
            places = [(p.start, p.end) for p in gazetteer().mentions(text) if not p.short]
        a, b = m.span(1)
        if text.startswith("乡村", b - 1) or text.startswith("乡镇", b - 1):
            continue  # 法治乡村, 平安乡村建设, 乡镇(街道): the countryside or every township, no township
        if any(pa < b and a < pb for pa, pb in places):
            # the match began inside the county before the town (乌恰县吾合沙鲁乡: 恰县吾合沙鲁乡): the town after it
            after = max((pb for pa, pb in places if pa < b and a < pb and pb < b - 1), default=None)
            if after is not None and known(text[after:b]):
                return text[after:b]
            continue
        if m.group(1).startswith("其中"):
            continue  # 其中和平镇…: one town of the region the report speaks for, not the reporter
        if (lead := _LEAD_WORDS.match(m.group(1))) is not None and known(m.group(1)[lead.end():]):
            return m.group(1)[lead.end():]  # 本报告由金屯镇人民政府…, 可与大东坝镇…: the town after the lead words
        lead = _YEAR_RESIDUE.match(m.group(1))
        if lead and a > 0 and text[a - 1].isdigit():
            return m.group(1)[lead.end():]  # 2012年凤安镇 -> 凤安镇, not 年凤安镇
        return m.group(1)
    return None


_YEAR_RESIDUE = re.compile(r"年度|年|度")
_LEAD_WORDS = re.compile(r"本报告由|请与|可与|并由")


def _listed_town(name: str | None) -> str | None:
    """``name`` if it is a town of the list (the report-name pattern takes any words before 乡/镇: 推进城乡…)."""
    return name if name and known(name) else None


def _town_after_place(text: str, signature: bool = False) -> str | None:
    """A town named right after its county or city (深圳市光明区公明街道): the place names tell where the town name starts.
    A ``signature`` may put the county's government between (桦甸市人民政府新华街道办事处) and names a town of the list
    (山东省济宁市金乡县… is no town 济宁市金乡)."""
    gov = "(?:人民政府)?" if signature else ""
    for m in gazetteer().mentions(text):
        if m.short:
            continue
        t = re.match(gov + r"([\u4e00-\u9fff]{1,5}?(?:镇|乡|街道|苏木))(?:人民政府|政府|办事处|党委)?", text[m.end:])
        if t and not re.search(r"乡镇|镇村|各镇|城乡", t.group(1)) and (not signature or known(t.group(1))) \
                and not (t.group(1)[-1] == "乡" and text.startswith(("镇", "村"), m.end + t.end(1))
                         and not known(t.group(1))):
            return t.group(1)  # (灵璧县积极开展乡镇…, 梁平区深化乡镇…: every township, no township)
    return None


# where a report names its own office in full: the sentence of its opening that names the report (全面总结西宁市城中区人民政府
# 礼让街街道办事处2025年政府信息公开工作情况, 特向社会公布南京市鼓楼区人民政府下关街道办事处2024年度…报告) and its contact
# line (请与常州市钟楼区南大街街道综合办公室联系)
_SELF_NAMING = re.compile(r"[^。\n]{0,80}(?:年度报告|工作情况|年报)[^。\n]{0,40}")
_CONTACT = re.compile(r"请与[^。\n]{2,40}?联系")


def _self_naming(text: str) -> str:
    # (an address in the contact line names where the office sits, not who reports: 请与桐乡市人民政府办公室(地址:桐乡市
    # 梧桐街道…)联系 is the county's)
    contacts = [_ADDRESS_PART.sub("", m.group()) for m in _CONTACT.finditer(text[:6000])]
    return "\n".join(_self_naming_sentences(text[:800]) + contacts)


_SELF_NAMING_WORD = re.compile(r"年度报告|工作情况|年报")


def _self_naming_sentences(head: str) -> list[str]:
    """``_SELF_NAMING.finditer(head)``'s matches, tried only where they can start (the scan from every position cost
    ~8 % of a document's extraction): the earliest start is the one that reaches the first report word left, within
    80 characters and no sentence end."""
    found, pos = [], 0
    while (word := _SELF_NAMING_WORD.search(head, pos)) is not None:
        stop = max(head.rfind("。", pos, word.start()), head.rfind("\n", pos, word.start()))
        m = _SELF_NAMING.match(head, max(word.start() - 80, stop + 1, pos))
        if m is None:  # cannot happen (the word itself matches): never loop
            break
        found.append(m.group())
        pos = m.end()
    return found


_ADDRESS_PART = re.compile(r"[((][^()()]*[))]|地址[::][^,,。;;]*")


_TOWN_SPEAKER = re.compile(r"我代表([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(?:党委|人民政府|政府|党工委|办事处)")
# a speech's opening: 我代表街关镇党委、政府对大家的到来表示热烈的欢迎
_SELF_KIND = (("街", "街道"), ("镇", "镇"), ("乡", "乡"))


def own_town_word(text: str) -> str | None:
    """The first word by which the text speaks of itself as a town (我乡, 全镇, a bare 镇党委), not one that ends another
    town's name (区政府责令…崔家崖乡政府)."""
    for m in TOWN_SELF_WORDS.finditer(text):
        if m.group()[0] in "我本全" or m.start() == 0 or not _CJK.match(text[m.start() - 1]):
            return m.group()
    return None


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _town_named_most(text: str, self_word: str) -> str | None:
    """The town of the kind the text calls itself (我乡 -> a 乡) that the text names most, twice at least and more
    often than any other (我乡…《上营乡信息公开保密审查机制》…上营乡微信公众号)."""
    kind = next(k for ch, k in _SELF_KIND if ch in self_word)
    counts: Counter[str] = Counter()
    for m in re.finditer(r"[\u4e00-\u9fff]{1,6}?" + kind, text[:6000]):
        name = m.group()
        # the match may start early (制定了上营乡): its longest ending that is a town of the list
        hit = next((name[i:] for i in range(len(name) - len(kind) - 1) if known(name[i:])), None)
        if hit:
            counts[hit] += 1
    top = counts.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[1][1] < top[0][1]):
        return top[0][0]
    return None


# a town the text goes to or learns from (赴枫桥镇考察学习, 到…镇参观, 与…镇签订): somebody else's
_VISITED_BEFORE = re.compile(r"(?:赴|到|前往|去|来自|考察|学习|借鉴|参观|观摩|走进|与|同)$")


def unique_town(text: str) -> str | None:
    """The town the opening names whose name only one county has (高行镇, 下相街道; CONVENTIONS l_006: a town named
    alone fills its county), when every such town it names is of that county; not one inside a place's name
    (景德镇市) or a word (苏木乡镇, 乡村)."""
    places = [(p.start, p.end) for p in gazetteer().mentions(text) if not p.short]
    found: dict[str, str] = {}
    for m in re.finditer(r"[\u4e00-\u9fff]{2,6}?(?:镇|乡|街道)(?![镇村])", text):
        name = m.group()
        # the match may start early (居民在高行镇): its longest ending that is a town of the list
        hit = next((name[i:] for i in range(len(name) - 2) if known(name[i:])), None)
        if hit is None or any(a < m.end() and m.end() - len(hit) < b for a, b in places) \
                or _VISITED_BEFORE.search(text, max(0, m.end() - len(hit) - 6), m.end() - len(hit)):
            continue
        counties = towns()[hit]
        if len(counties) == 1:
            found[hit] = counties[0]
    return next(iter(found)) if found and len(set(found.values())) == 1 else None

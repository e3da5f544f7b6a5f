"""A figure given year by year in one sentence: 一审行政案件收案数2014年480件,2015年1349件,2016年1242件.

Reports, white papers and 执法检查 reports compare the years they cover by naming the measure once and listing each
year's value after it. Each year's value is the report's own (GOLD.md: running totals over several years are
labelled; CONVENTIONS: a year-by-year series is labelled year by year), while a lone earlier year's figure in a
sentence (去年/2021年受理…) stays another year's. The measure is named once, before the first year or right after it
(2021年全市法院受理…805件,2022年488件), or again in every item (2011年受理行政案件32件,…,2015年受理73件; three years or
more, one measure), so every item is read with that clause: ``series_cue`` gives it.
"""

from __future__ import annotations

import re
from itertools import pairwise

# one year's item: the year (and a part of it), an optional verb, the number and its unit
_ITEM = (r"(?:19|20)\d\d年(?:度|上半年|下半年|前三季度|1?[-—至~～]?\d{1,2}月(?:份|底|末)?)?(?:共|为|达|是|有)?\s*"
         r"\d+(?:\.\d+)?\s*(?:万|余|多)?(?:件|起|次|人次|人|场|期|条|项|个|宗|家|份|%)")
_SERIES = re.compile(rf"{_ITEM}(?:\s*[,，、;；]\s*(?:和|及)?\s*{_ITEM})+")
_UNIT = r"(?:件|起|次|人次|人|场|期|条|项|个|宗|家|份|%)"
# the measure named after the first year, the later years' items bare or with a verb of change
# (2021年全市法院受理各类行政一审案件805件,2022年488件,2023年551件; 2021年,全市行政机关败诉率为23.22%,2022年下降至18.01%)
_CHANGE = r"(?:共|为|达到?|是|有|(?:下降|降低|上升|增长|增加|减少|提高|提升)?(?:至|到|为)|降至|升至|增至|减至|降为|升为)"
_VERBED_ITEM = (r"(?:19|20)\d\d年(?:度|上半年|下半年|前三季度|1?[-—至~～]?\d{1,2}月(?:份|底|末)?)?" + _CHANGE
                + r"?\s*\d+(?:\.\d+)?\s*(?:万|余|多)?" + _UNIT)
_LEAD_SERIES = re.compile(r"(?:19|20)\d\d年(?:度)?[,，]?(?P<measure>[^,，;；。!?！？\n\d]{2,30}?)" + _CHANGE
                          + r"?\s*\d+(?:\.\d+)?\s*(?:万|余|多)?" + _UNIT
                          + rf"(?:\s*[,，、;；]\s*(?:和|及)?\s*{_VERBED_ITEM})+")
# each year's item saying its measure again (2011年受理行政案件32件,2012年受理行政案件58件,…,2015年受理73件): the year, a
# comma perhaps, the words (a 共 before them is none of them), the number and its unit
_WORDS_ITEM = (r"(?:19|20)\d\d年(?:度)?[,，]?共?[\u4e00-\u9fff]{0,16}?(?:共|为|达|是|有)?\s*\d+(?:\.\d+)?\s*"
               r"(?:万|余|多)?" + _UNIT)
_REPEAT_SERIES = re.compile(_WORDS_ITEM + r"(?:\s*(?:[,，、;；]\s*(?:以及|和|及)?|以及|和|及)\s*" + _WORDS_ITEM + r")+")
_REPEAT_ITEM = re.compile(r"((?:19|20)\d\d)年(?:度)?[,，]?共?([\u4e00-\u9fff]{0,16}?)(?:共|为|达|是|有)?\s*\d")
_ITEM_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")
_CLAUSE_MARK = re.compile(r"[,，;；:：。!?!?\n]")
_REACH = 200  # characters of a sentence looked at on either side of the number


# a comparison with other years just before them (较2021年80件、2020年90件) is not a series of the measure
_COMPARED = re.compile(r"(?:较|比|与|同比|环比|相比|对比|上年|去年)(?:分别)?(?:为|是)?$")
_MEASURE = re.compile(r"[\u4e00-\u9fff]{2}")


def series_cue(text: str, num_start: int, sent_start: int, year: int | None) -> tuple[str, int] | None:
    """(the clause naming the measure, this item's year) when the number at ``num_start`` is an item of a
    year-by-year series of two or more years that holds the report's ``year`` and none after it (a plan's later
    years are targets, read as before), the measure named before the first year or right after it, and no
    comparison word just before the series; else None. An item of an earlier year than the report's is the report's
    own figure but not its value for its year (etl/extract/values.py ranks it below, as a running total)."""
    if "年" not in text[max(sent_start, num_start - 45):num_start]:
        return None  # an item's own year stands before its number (2017年上半年共1028件, 2021年,全县…率为85%): most have none
    lo = max(sent_start, num_start - _REACH)
    window = text[lo:num_start + _REACH]
    # the measure named before the first year (收案数2014年480件,2015年…), then right after it (2021年…受理…805件,2022年488件)
    for rx, own_reach in ((_SERIES, 16), (_LEAD_SERIES, 40)):
        m = next((m for m in rx.finditer(window) if lo + m.start() <= num_start < lo + m.end()), None)
        if m is None:
            continue
        years = [int(y) for y in _ITEM_YEAR.findall(m.group())]
        if len(set(years)) < 2 or (year is not None and (max(years) > year or year not in years)):
            return None  # a plan's later years are targets; a series without the report's year gives it no value
        first = lo + m.start()
        before = _before_first(text, sent_start, first)
        if before is None:
            return None
        if rx is _SERIES and not _MEASURE.search(before):
            continue  # the measure is not named before the first year: perhaps after it, else no series
        own = _ITEM_YEAR.findall(text[max(first, num_start - own_reach):num_start])
        # after the first year, the words before it belong to the measure too (全省法院2021年受理…: the province's)
        cue = before if rx is _SERIES else before + m.group("measure")
        return cue, int(own[-1]) if own else years[0]
    return _repeat_cue(text, num_start, sent_start, year, lo, window)


def _repeat_cue(text: str, num_start: int, sent_start: int, year: int | None, lo: int, window: str) -> tuple[str, int] | None:
    """A series whose every item names its year and its measure again, three years or more one after another (two are
    the report's year and the one it is compared with): the words before the first year (全省法院, 市本级: whose) and
    the first item's measure (2015年受理73件 is read as 受理行政案件)."""
    m = next((m for m in _REPEAT_SERIES.finditer(window) if lo + m.start() <= num_start < lo + m.end()), None)
    if m is None:
        return None
    items = [(int(y), w) for y, w in _REPEAT_ITEM.findall(m.group())]
    years = [y for y, _ in items]
    measure = items[0][1]
    if len(years) < 3 or any(b != a + 1 for a, b in pairwise(years)) \
            or not all(_same_measure(measure, w) for _, w in items) \
            or (year is not None and (max(years) > year or year not in years)):
        return None  # two measures are no series of one; a plan's later years are targets
    first = lo + m.start()
    before = _before_first(text, sent_start, first)
    if before is None:
        return None
    # the number's own item is the last one starting before it; its own words name the measure unless it gives its
    # verb alone (2015年受理73件): 2020年受理涉企…32件,2021年受理行政复议案件58件 keeps each item's own scope
    owns = list(_REPEAT_ITEM.finditer(text, first, num_start + 1))
    own_year, words = (int(owns[-1].group(1)), owns[-1].group(2)) if owns else items[0]
    return before + (words if len(words) > 2 else measure), own_year


def _before_first(text: str, sent_start: int, first: int) -> str | None:
    """The words of the clause before a series' first year (收案数, 全省法院: what and whose), or None when a comparison
    word stands just before it (较2021年80件、2020年90件: the years compared with, not a series of the measure)."""
    if _COMPARED.search(text[max(sent_start, first - 6):first]):
        return None
    marks = list(_CLAUSE_MARK.finditer(text, max(sent_start, first - 80), first))
    return text[marks[-1].end() if marks else max(sent_start, first - 80):first]


def _same_measure(first: str, words: str) -> bool:
    """Whether an item's words name the first item's measure: the same words, or the same verb cut short (受理案件, 受理
    of 受理行政案件) — an item naming a measure in full names its own (受理行政复议案件 after 受理涉企行政复议案件 is all
    cases, not firms'; 办理公证事项 after 办理法律援助案件)."""
    if words == first:
        return True
    if len(first) < 2 or words[:2] != first[:2] or len(words) > 4:
        return False
    rest = iter(first[2:])
    return all(ch in rest for ch in words[2:])

"""Find number expressions (value, unit, qualifier) in normalised text.

Exact edge behaviour, from the tests' table:

- ``1338宗`` -> 1338 件-class, exact;  ``1.2万件`` -> 12000;  ``15.8万余件`` -> 158000, at_least
- ``二十二次`` -> 22;  ``两千多件`` -> 2000, at_least;  ``2000多亿元`` -> 2000e8 元 = 2e7 万元
- ``99﹪`` / ``99％`` / ``百分之九十五点五`` -> percent 99 / 95.5
- prefixes: 近/约/大约 -> approx; 超过/逾/不少于/不低于/至少 -> at_least; 低于/不超过/不足 -> at_most;
  suffixes: 以上/余/多 -> at_least, 以内/以下 -> at_most, 左右 -> approx
- A Chinese numeral counts only when a unit follows it (so 统一/进一步 never match);
  ``第一次`` (an ordinal) is not a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"  # the characters a numeral is matched by; cn2an reads them

# Raw units (longest first). The metric catalogue says which units a metric takes.
# (a span of time counted in 个 — 20个工作日, 3个月 — is a duration, no count of things)
UNITS = ("件次", "人次", "场次", "批次", "个百分点", "个工作日", "个自然日", "个小时", "个月", "万元", "亿元", "件", "宗", "起",
         "次", "场", "人", "名",
         "条", "份", "个", "项", "批", "家", "元", "期", "部", "篇", "户", "例", "%", "％", "﹪", "学时", "天", "日", "年", "万",
         "亿")
_PERCENT_SIGNS = {"％": "%", "﹪": "%"}

PREFIX_QUALIFIER = tuple(sorted((
    ("不少于", "at_least"), ("不低于", "at_least"), ("至少", "at_least"), ("超过", "at_least"),
    ("多于", "at_least"), ("高于", "at_least"), ("逾", "at_least"), ("超", "at_least"),
    ("不超过", "at_most"), ("不高于", "at_most"), ("不足", "at_most"), ("低于", "at_most"), ("少于", "at_most"),
    ("控制在", "at_most"), ("大约", "approx"), ("约", "approx"), ("近", "approx"), ("接近", "approx"),
), key=lambda wq: -len(wq[0])))  # longest first: 不超过 before 超过
SUFFIX_QUALIFIER = (("以上", "at_least"), ("以内", "at_most"), ("以下", "at_most"), ("左右", "approx"))

# thousands grouped by a comma (1,338), or by a space or thin space in print (yearbooks: 共调解民间纠纷29 757件) when a
# count's unit follows at once (a table's cells apart by spaces carry no unit: "3 120" stays two cells)
_ARABIC = (r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?"
           r"|\d{1,3}(?:[ \u2009\u202f]\d{3})+(?:\.\d+)?"
           r"(?=(?:余|多)?(?:万|亿)?(?:件|个|起|次|宗|人|条|份|项|场|家|元|名|例|批|户))"
           r"|\d+(?:\.\d+)?")
_CN = f"[{CN_DIGITS}]+(?:点[{CN_DIGITS[:12]}]+)?"
_UNIT_RX = "|".join(re.escape(u) for u in UNITS)
NUMBER_RX = re.compile(
    rf"(?P<pct>百分之(?P<pctnum>{_ARABIC}|{_CN})(?P<pctsuffix>以上|以内|以下|左右)?)"
    rf"|(?P<num>{_ARABIC}|{_CN})(?P<fuzz1>余|多)?(?P<mult>万|亿|千)?(?P<fuzz2>余|多)?(?P<unit>{_UNIT_RX})?"
    rf"(?P<suffix>以上|以内|以下|左右)?"
)


# Every match of NUMBER_RX starts with one of these (a digit, or a Chinese numeral, 百分之 included).
_FIRST = re.compile(rf"[\d{CN_DIGITS}]")
_PCT, _UNIT, _MULT_G = (NUMBER_RX.groupindex[g] for g in ("pct", "unit", "mult"))


def _matches(text: str) -> Iterator[re.Match[str]]:
    """``NUMBER_RX.finditer(text)``, found faster.

    NUMBER_RX opens with an alternation, so the regex engine cannot skip ahead and tries a full
    match at every position (that was 2/3 of find_numbers' time). A match is never empty and
    always starts with a ``_FIRST`` character, so the leftmost match from ``pos`` is NUMBER_RX's
    match at the first of those positions where it matches: the same matches, in the same order.
    """
    search, match = _FIRST.search, NUMBER_RX.match
    pos = 0
    while (first := search(text, pos)) is not None:
        m = match(text, first.start())
        if m is None:
            pos = first.start() + 1
            continue
        yield m
        pos = m.end()


# What may follow a Chinese numeral inside a NUMBER_RX match: more numerals, 点, 余/多, a unit, 以上/以内/以下/左右
_AFTER_NUMERAL = frozenset(CN_DIGITS + "点余多以左" + "".join(u[0] for u in UNITS))
_NUMERALS = frozenset(CN_DIGITS) - {"百"}  # 百 may open 百分之


def _figure_matches(text: str) -> Iterator[re.Match[str]]:
    """``_matches(text)`` less the lone Chinese numerals (进一步, 一是, 十分): a numeral other than 百 followed by
    none of ``_AFTER_NUMERAL`` is a match of that one character with no unit, which ``find_numbers`` drops.
    They are ~4 in 10 of all matches; knowing them by the next character saves the regex call."""
    search, match = _FIRST.search, NUMBER_RX.match
    pos = 0
    while (first := search(text, pos)) is not None:
        at = first.start()
        if text[at] in _NUMERALS and text[at + 1:at + 2] not in _AFTER_NUMERAL:
            pos = at + 1
            continue
        m = match(text, at)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = m.end()


@dataclass(frozen=True)
class Number:
    """One number expression in the matching text."""

    start: int  # span of the whole expression (number .. unit/suffix) in the matching text
    end: int
    num_start: int  # where the digits start (prefix qualifier words sit before this)
    value: float
    unit: str  # raw unit ('' when none); '%' for percentages
    qualifier: str  # exact | at_least | at_most | approx
    raw: str
    chinese: bool


@lru_cache(maxsize=4096)
def chinese_to_number(s: str) -> float | None:
    """二十二 -> 22, 一千三百三十八 -> 1338, 二〇二三 -> 2023, 两千 -> 2000, 九十五点五 -> 95.5; None if not a numeral.

    cn2an does all of it (digit-by-digit years and 两 included): on every string of up to four numeral
    characters, the numerals of tests/gold/texts and 240k random longer ones it gives what our own
    digit table gave, so that table is gone.
    """
    try:
        return float(cn2an.cn2an(s, "normal"))
    except (ValueError, KeyError, TypeError, IndexError):  # cn2an's ways of saying "not a numeral" ("" included)
        return None


def parse_digits(s: str) -> float | None:
    """Arabic or Chinese numeral text -> float (``1,338`` -> 1338)."""
    if not s:
        return None
    if s[0].isdigit():
        try:
            return float(s.replace(",", "").replace(" ", "").replace("\u2009", "").replace("\u202f", ""))
        except ValueError:
            return None
    return chinese_to_number(s)


# a lone 一/两/十 counts after a count verb, or right after the noun of what it counts (申请一件, 学法十次, 结转一件);
# 两/十 also after the verb's aspect particle (举办了两次) — 开展了一场…讲座 tells of one event, as "a" lecture does
_COUNT_BEFORE = re.compile(r"(?:共|计|达|有|为|办理|受理|审结|举办|召开|组织|开展|"
                           r"申请|案件|纠纷|文件|合同|事项|学法|学习|培训|讲座|结转|诉讼|复议|信访|咨询|援助)$")
_COUNT_VERB_DONE = re.compile(r"(?:办理|受理|审结|举办|召开|组织|开展)(?:了|过)$")
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3}
# a lone 百/千/万 is a round number (cn2an reads 一千, not 千); it counts only with 余/多 after it (调解纠纷千余件) or
# after a word of about or over (_ROUND_BEFORE: 逾千件, 近万人次, 上千件, 超百场, 过万件)
_LONE_POWER = {"百": 100.0, "千": 1000.0, "万": 10000.0}
_ROUND_BEFORE = re.compile(r"(?:逾|近|超|(?<![千百万])上|约|过)$")  # 成千上万 is no number


# PREFIX_QUALIFIER as a lookup: word -> qualifier (the first listed wins), tried longest first
_PREFIX_WORDS: dict[str, str] = {}
for _word, _q in PREFIX_QUALIFIER:
    _PREFIX_WORDS.setdefault(_word, _q)
_PREFIX_LENGTHS = sorted({len(w) for w in _PREFIX_WORDS}, reverse=True)
_SUFFIX_WORDS = dict(SUFFIX_QUALIFIER)


def _prefix_qualifier(text: str, at: int) -> str | None:
    window = text[max(0, at - 4):at]
    window = window.removesuffix("达到").removesuffix("达").removesuffix("为")
    # the longest PREFIX_QUALIFIER word the window ends with (one dict lookup per word length)
    for n in _PREFIX_LENGTHS:
        if len(window) >= n:
            q = _PREFIX_WORDS.get(window[-n:])
            if q is not None:
                return q
    # "达到" etc. stripped above; try again on the original window for 约达/近达 forms
    return None


def find_numbers(text: str) -> list[Number]:
    """Number expressions with a unit or a 万/亿 multiplier in ``text`` (matching text), in order."""
    out: list[Number] = []
    for m in _figure_matches(text):
        pct, unit, mult = m.group(_PCT, _UNIT, _MULT_G)
        if pct:
            # 百分之百 is a whole: "百" alone is no numeral cn2an reads (一百 is)
            value = 100.0 if m.group("pctnum") == "百" else parse_digits(m.group("pctnum"))
            if value is None:
                continue
            chinese = not m.group("pctnum")[0].isdigit()
            qualifier = _SUFFIX_WORDS[m.group("pctsuffix")] if m.group("pctsuffix") else None  # 百分之九十八以上
            out.append(Number(m.start(), m.end(), m.start(), value, "%",
                              qualifier or _prefix_qualifier(text, m.start()) or "exact", m.group(0), chinese))
            continue
        unit = unit or ""
        if not unit and mult is None:
            continue  # a bare number (a year, a list marker, a table cell) is read elsewhere or not at all
        digits = m.group("num")
        chinese = not digits[0].isdigit()
        unit = _PERCENT_SIGNS.get(unit, unit)
        if chinese:
            # a Chinese numeral needs a unit, and is not an ordinal (第一次) or part of a word
            if not unit and not mult:
                continue
            if m.start() > 0 and (text[m.start() - 1] in "第每周逐初其之某唯统单"
                                  or (text[m.start() - 1] == "同" and digits[0] == "一")):
                continue  # 同一 is "the same", but 合同七十件 counts contracts
            # 一件/两次: too often idiomatic (一次性, 一件事); keep only after a count verb or the counted noun, or a
            # lone 百/千/万 after a word of about or over (逾千件, 近万人次, 上千件: a round hundred, thousand, ten thousand)
            if digits in _LONE_POWER and unit != "%" and not mult:
                # a lone 百/千/万 counts after a word of about or over (逾千件), or with 余/多 after it (纠纷千余件);
                # 百场…活动, 千名干部, 首次破万件 are names and milestones
                if not (_ROUND_BEFORE.search(text[max(0, m.start() - 2):m.start()])
                        or m.group("fuzz1") or m.group("fuzz2")):
                    continue
            elif digits in ("一", "两", "十", "亿") and unit != "%" and not mult:
                before = text[max(0, m.start() - 3):m.start()]
                if not _COUNT_BEFORE.search(before) \
                        and not (digits in ("两", "十") and _COUNT_VERB_DONE.search(before)):
                    continue
        if unit == "次" and text.startswith(("会议", "全会", "常委会", "常务会"), m.end()):
            continue  # 十五届人大四次会议: a session's number, not a count
        if unit == "部" and text.startswith("门", m.end()):
            continue  # 四部门联合…, 12部门: departments counted by the word 部门, not documents in 部
        if unit in ("万", "亿") and not mult:  # "1.2万" with no further unit: the unit is the multiplier
            mult, unit = unit, ""
        value = parse_digits(digits) if digits not in _LONE_POWER else _LONE_POWER[digits]
        if value is None:
            continue
        if mult:
            value *= _MULT[mult]
        qualifier = "exact"
        if m.group("fuzz1") or m.group("fuzz2"):
            qualifier = "at_least"
        suffix = m.group("suffix")
        if suffix:
            qualifier = _SUFFIX_WORDS[suffix]
        pq = _prefix_qualifier(text, m.start())
        if pq:
            qualifier = pq
        elif digits in _LONE_POWER and text[m.start() - 1:m.start()] in ("上", "过"):
            qualifier = "at_least"  # 上千件, 过万件: a thousand and more
        if unit == "亿元":
            value, unit = value * 1e4, "万元"
        elif unit == "元":  # money is kept in 万元
            value, unit = value / 1e4, "万元"
        if not 0 <= value < 1e13:  # a run of digits (an ID, a phone number) is not a figure
            continue
        value = round(value, 6)  # 8.3亿元 is 83000 万元, not the float product 83000.00000000001
        out.append(Number(m.start(), m.end(), m.start(), value, unit, qualifier, m.group(0), chinese))
    return out

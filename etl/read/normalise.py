"""Matching text with an offset map back into the original text.

Extraction runs its regexes over a *matching* text: full-width digits and
punctuation folded to ASCII, Traditional characters converted to Simplified,
pinyin glosses that mirror sites inject ("區(qū)") and stray spaces inside
numbers ("1 5起") dropped. Every character of the matching text remembers
where it came from (``pos``), so a figure's span always points into the
original decoded text, which is what the reader shows and the gold scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from etl.read.hard_wrap import hard_wrap_drops
from etl.read.radicals import RADICALS

# Full-width ASCII (U+FF01..U+FF5E) -> ASCII, plus the odd percent signs seen in real text.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0xFE6A: ord("%"), 0x2030: ord("%"),
              0x3007: ord("〇"), 0xFF0E: ord("."), 0x2014: ord("—")})
# a font map's radicals (⼈⺠ for 人民): read_bytes already replaced them in files; texts given directly too
_FOLD.update({cp: ord(c) for cp, c in RADICALS.items()})
# Enclosed list markers ㈠..㈩ -> (一)..(十) would change the length; keep them as-is.

# Each pattern below starts with the character it drops (a literal or a class, never a lookbehind),
# so the regex engine skips ahead to those characters instead of trying a match at every position;
# the lookbehinds then test the characters before it, as the one-line forms in the comments say.

# Pinyin glosses after a CJK character, once or repeated: 區(qū) 發(fā) 行(xing)(xing) --
# (?<=[\u4e00-\u9fff])(?:\([a-z...]{1,7}\))+
# (a legacy encoding writes a tone-marked letter it lacks as ?: 調(di?o)): -- …\((?=[^)]*[a-z])[a-z?āá…]{1,7}\)
# A PDF printed from such a page may break the line between the character and its gloss (調\n(diào)解): the break
# goes with the gloss, when the gloss has a tone mark (a list's (a) or an (app) after a break is text)
_PINYIN = re.compile(r"(?:\((?<=[\u4e00-\u9fff]\()(?=[^)]{0,6}[a-z])|\n\((?<=[\u4e00-\u9fff]\n\()"
                     r"(?=[^)]{0,6}[?āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]))[a-z?āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
                     # the same gloss said again and again (行(xing)(xing)政(zheng)(zheng)(zheng)) goes with it
                     r"(?:\([a-z?āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\))*")
# Horizontal blanks inside Chinese text, between Chinese and digits, or between a number and its per cent sign
# ("纠纷 4769件", "自 然 人", "纠错率为15.2 %": PDF text and HTML &nbsp;):
# (?<=[\u4e00-\u9fff\d%])[ \t]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \t]+(?=[\d])|(?<=\d)[ \t]+(?=%)
_BLANK_CJK = re.compile(r"[ \t](?:(?<=[\u4e00-\u9fff\d%][ \t])[ \t]*(?=[\u4e00-\u9fff])"
                        r"|(?<=[\u4e00-\u9fff][ \t])[ \t]*(?=[\d])|(?<=\d[ \t])[ \t]*(?=%))")
# A footnote's marker right after a term ("总体败诉率[1]为12.87%", "实体败诉率[2]为", "申请①…"): white papers and studies
# note their terms so; the marker stands between a label and its number
_CIRCLED = re.compile(r"[\u2460-\u2473]")
# (?<=[\u4e00-\u9fff])(?:\[\d{1,2}\]|[①-⑳])(?=[\u4e00-\u9fff,。;:、]), the marker first (tried only where one stands)
_FOOTNOTE = re.compile(r"(?:\[(?<=[\u4e00-\u9fff]\[)\d{1,2}\]|[\u2460-\u2473](?<=[\u4e00-\u9fff][\u2460-\u2473]))"
                       r"(?=[\u4e00-\u9fff,。;:、])(?![件人个起次条项号宗份家名])")  # not a bracketed count ([15]件)
# Thousands grouped by commas (1,362; 12,345,678): the commas go, so a table's cell reads as the number it is (prose
# read them already); a year before a comma (2019,2020年) or a list of small numbers (3,5,7) is no grouping
# (?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,]), a digit first (tried only at digits), and only in a text with a ",ddd"
_GROUPED = re.compile(r"\d(?<![\d,.]\d)\d{0,2}(?:,\d{3})+(?![\d,])")
_COMMA_THOUSAND = re.compile(r",\d{3}")
# A single digit split from the next by one blank, outside tables ("1 5起" -> 15):
# (?<![\d.]\d)(?<=\d) (?=\d+[\u4e00-\u9fff])
_SPLIT_DIGIT = re.compile(r" (?<![\d.]\d )(?<=\d )(?=\d+[\u4e00-\u9fff])")
# Blanks after the decimal point's first digit ("99·5 9%", "50. 81%"): yearbooks typeset decimals in columns
# [ \t]+(?<=\d[.·][ \t])(?=…)|[ \t]+(?<=\d\.\d[ \t])(?=…): the run can only be one blank (the character before the
# last blank must be a point or a digit), so the pattern starts with that blank's class
_SPLIT_DECIMAL = re.compile(r"[ \t](?:(?<=\d[.·][ \t])|(?<=\d\.\d[ \t]))(?=\d{1,3}[%\u4e00-\u9fff])")
# Words a Traditional/Taiwan conversion wrote with 覆 where Simplified has 复
_MISCONVERTED = re.compile(r"覆(?:议|核|查)|(?:答|回|批|函)覆")
# Taiwan wordings a mirror's phrase-level conversion (OpenCC s2twp) wrote for mainland ones: 信息 -> 資訊, 门户网站 ->
# 入口網站, 发布 -> 釋出, 审核 -> 稽核, 文件 -> 檔案. Character conversion back leaves 资讯, 稽核 …; each is mapped to the
# mainland word of the same length (offsets unchanged), and only in a text that shows such a conversion (资讯,
# 入口网站, 规范性档案, 释出), so a mainland 稽核 (医保稽核) or 档案 (archives) elsewhere stays as written
_TAIWAN_MARK = re.compile(r"资讯|入口网站|规范性档案|释出")
_TAIWAN_WORDS = {"资讯": "信息", "入口网站": "门户网站", "释出": "发布", "稽核": "审核", "网路": "网络", "档案": "文件"}
# 档案 is 文件 there, but an archive's own names (档案局, 档案馆, 档案管理) stay archives
_TAIWAN = re.compile(r"资讯|入口网站|释出|稽核|网路|档案(?!局|馆|室|工作|管理)")
# An ASCII full stop after a Chinese word or a per cent sign, before a blank, Chinese or the line's end, ends a
# sentence as 。 does ("申请80件. 现已审结67件", "合规. 2022年"): pages typed with ASCII punctuation. A point between
# digits (2.1, 第1.2条) or in an address (www.gov.cn) is left alone.
_ASCII_STOP = re.compile(r"(?<=[\u4e00-\u9fff%])\.(?=[ \t]+\d|[ \t]*(?:[\u4e00-\u9fff\n]|$))", re.M)
# A middle dot between digits is a decimal point in old yearbooks ("99·59%")
_MIDDLE_DOT = re.compile(r"(?<=\d)[·・•](?=\d)")
# A number alone on its own line between its label and its unit ("…主动公开政府信息\n5928\n条"): a page
# layout that wrapped the sentence around the figure. Its two line breaks are dropped so the sentence
# reads as one; the unit on the next line is what tells it from a table written one cell per line.
# (?<=[\u4e00-\u9fff])[ \t]*\n[ \t]*(\d[\d.,]*)…, written to start with the blank or line break it drops
_LONE_NUMBER = re.compile(r"[ \t\n](?:(?<=[\u4e00-\u9fff]\n)|(?<=[\u4e00-\u9fff][ \t])[ \t]*\n)[ \t]*(\d[\d.,]*)[ \t]*\n[ \t]*"
                          r"(?=(?:件|条|宗|起|次|人次|场|个|份|项|万|亿|%)(?:$|[^\u4e00-\u9fff\d]|[\u4e00-\u9fff][^\n]))", re.M)


# A sentence wrapped just before its number, the number starting the next line with its unit ("…共计发布信息\n\n
# 7435 条,其中…"): a PDF's or page's line break inside a sentence (the line before ends in a character, not a stop).
# The break (and blank lines) are dropped. [ \t]*\n…, written to start with the blank or line break it drops
_WRAPPED_NUMBER = re.compile(r"[ \t\n](?:(?<=[\u4e00-\u9fff]\n)|(?<=[\u4e00-\u9fff][ \t])[ \t]*\n)(?:[ \t]*\n)*[ \t]*"
                             r"(?=\d[\d.,]*[ \t]*(?:件|条|宗|起|次|人次|场|个|份|项|万|亿|%)(?!\d))")


_WRAPPED_MIN = 16  # characters on the line before a wrapped number's break


def _lone_number_drops(text: str) -> list[tuple[int, int]]:
    """The blanks and line breaks around each lone number (the number itself stays), and the break before a number
    that starts a wrapped sentence's next line."""
    out = []
    for m in _LONE_NUMBER.finditer(text):
        out.append((m.start(), m.start(1)))
        out.append((m.end(1), m.end()))
    # a wrapped line is a long one (a heading, "(一)行政复议案件情况", keeps its break before a number)
    out += [m.span() for m in _WRAPPED_NUMBER.finditer(text) if m.start() - text.rfind("\n", 0, m.start()) > _WRAPPED_MIN]
    return sorted(out)


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, each one that overlaps a kept one left out (two rules may drop the same line break)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out


def _fold(text: str) -> str:
    """``text.translate(_FOLD)``, as one table lookup over the code points (10x faster than translate)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    bmp = codes < len(_FOLD_TABLE)
    if bmp.all():
        folded = _FOLD_TABLE[codes]
    else:
        folded = codes.copy()
        folded[bmp] = _FOLD_TABLE[codes[bmp]]
    return folded.astype("<u4", copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def _fold_table() -> np.ndarray:
    table = np.arange(0x10000, dtype=np.uint32)
    for cp, to in _FOLD.items():
        table[cp] = to
    return table


_FOLD_TABLE = _fold_table()


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _t2s_char(ch: str) -> str:
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional -> Simplified with the length kept (one character for one)."""
    if not text:
        return text
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    return "".join(_t2s_char(c) for c in text)


@dataclass(frozen=True)
class Matching:
    """The matching text and, for each of its characters, the original offset."""

    text: str
    pos: np.ndarray  # int64, len(text) + 1; pos[len(text)] == len(original)
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the matching text to the original text."""
        if end <= start:
            o = int(self.pos[start])
            return o, o
        return int(self.pos[start]), int(self.pos[end - 1]) + 1

    def original_slice(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


def _drop(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _apply_drops(text: str, pos: np.ndarray, drops: list[tuple[int, int]]) -> tuple[str, np.ndarray]:
    if not drops:
        return text, pos
    keep_text, keep_pos, last = [], [], 0
    for a, b in drops:
        keep_text.append(text[last:a])
        keep_pos.append(pos[last:a])
        last = b
    keep_text.append(text[last:])
    keep_pos.append(pos[last:])  # includes the sentinel
    return "".join(keep_text), np.concatenate(keep_pos)


def drop_glosses(text: str) -> str:
    """``text`` without the pinyin glosses mirror sites inject after characters (專業(yè) -> 專業): for text shown as
    written (a title derived from the raw text), where ``normalise`` would also change the characters."""
    return _PINYIN.sub("", text)


def has_traditional(text: str, sample: int = 4000) -> bool:
    """Cheap test: does t2s change anything in the first few thousand characters?

    OpenCC is asked only when the sample holds a character or phrase its dictionaries change
    (etl/read/t2s_triggers.txt): without one the conversion is the identity. Simplified text seldom
    holds one, so the answer is the same for about half the cost.
    """
    head = text[:sample]
    triggers = _t2s_triggers()
    codes = np.frombuffer(head.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if not triggers.chars[codes].any() and not triggers.has_phrase(head):
        return False
    return _t2s().convert(head) != head


TRIGGERS_PATH = Path(__file__).with_name("t2s_triggers.txt")


class _Triggers:
    """What can make t2s change a text: characters (a table by code point) and phrases.

    A phrase is looked for through its key character (沈 in 深沈, 覆 in 回覆): ``str.find`` finds
    the key characters (a regex class of a few CJK characters tests each one at every position,
    10x slower), and only the phrases of the one found are compared there.
    """

    def __init__(self, chars: str, keyed_phrases: list[tuple[str, str]]) -> None:
        self.chars = np.zeros(0x110000, dtype=bool)
        self.chars[[ord(c) for c in chars]] = True
        self.chars[0xD800:0xE000] = True  # surrogates: OpenCC cannot take them, let it fail as it did
        self.phrases = tuple(p for _, p in keyed_phrases)
        self.by_key: dict[str, list[tuple[int, str]]] = {}
        for key, phrase in keyed_phrases:
            self.by_key.setdefault(key, []).append((phrase.index(key), phrase))

    def has_phrase(self, text: str) -> bool:
        for key, phrases in self.by_key.items():
            at = text.find(key)
            while at != -1:
                for offset, phrase in phrases:
                    if at >= offset and text.startswith(phrase, at - offset):
                        return True
                at = text.find(key, at + 1)
        return False


@lru_cache(maxsize=1)
def _t2s_triggers() -> _Triggers:
    lines = [line for line in TRIGGERS_PATH.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    keyed = [line.split("\t") for line in lines[1:]]
    return _Triggers(lines[0], [(key, phrase) for key, phrase in keyed])


def normalise(original: str) -> Matching:
    """Build the matching text for ``original``. ``1.2万`` etc. stay as written."""
    text = _fold(original)
    if has_traditional(text) or has_traditional(text[len(text) // 2:]):
        text = to_simplified(text)
        if _TAIWAN_MARK.search(text):  # a Traditional mirror written with Taiwan words: one word for one, same length
            text = _TAIWAN.sub(lambda m: _TAIWAN_WORDS[m.group(0)], text)
    pos = np.arange(len(text) + 1, dtype=np.int64)
    if "·" in text or "・" in text or "•" in text:
        text = _MIDDLE_DOT.sub(".", text)  # one character for one: offsets unchanged
    if "." in text:
        text = _ASCII_STOP.sub("。", text)  # one character for one: offsets unchanged
    if "覆" in text:  # mirror sites' conversions write 覆 for 复 (行政覆議, 答覆): one character for one
        text = _MISCONVERTED.sub(lambda m: m.group(0).replace("覆", "复"), text)
    if "\n" in text:
        # the line breaks of a fixed-width wrap are found on the lines as printed, with the lone numbers' breaks
        text, pos = _apply_drops(text, pos, _disjoint(_lone_number_drops(text) + hard_wrap_drops(text)))
    if "," in text and _COMMA_THOUSAND.search(text):
        drops = [(m.start() + i, m.start() + i + 1) for m in _GROUPED.finditer(text)
                 for i, ch in enumerate(m.group()) if ch == ","]
        if drops:
            text, pos = _apply_drops(text, pos, drops)
    if "[" in text or _CIRCLED.search(text):
        text, pos = _apply_drops(text, pos, _drop(text, _FOOTNOTE))
    for pattern in (_PINYIN, _BLANK_CJK, _SPLIT_DECIMAL):
        text, pos = _apply_drops(text, pos, _drop(text, pattern))
    # digit splitting only on lines that are not table rows (the same test as etl/extract/prose.py: two or more "|")
    drops = [m.span() for m in _SPLIT_DIGIT.finditer(text)
             if text.count("|", text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.start()) % (len(text) + 1)) < 2]
    text, pos = _apply_drops(text, pos, drops)
    return Matching(text=text, pos=pos, original=original)

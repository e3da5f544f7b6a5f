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

import numpy as np

# Full-width ASCII (U+FF01..U+FF5E) -> ASCII, plus the odd percent signs seen in real text.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0xFE6A: ord("%"), 0x2030: ord("%"),
              0x3007: ord("〇"), 0xFF0E: ord("."), 0x2014: ord("—")})
# Enclosed list markers ㈠..㈩ -> (一)..(十) would change the length; keep them as-is.

# Pinyin glosses after a CJK character: 區(qū) 發(fā) 復(fù)
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
# Horizontal blanks inside Chinese text or between Chinese and digits ("纠纷 4769件", "自 然 人").
_BLANK_CJK = re.compile(r"(?<=[\u4e00-\u9fff\d%])[ \t]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \t]+(?=[\d])")
# A single digit split from the next by one blank, outside tables ("1 5起" -> 15).
_SPLIT_DIGIT = re.compile(r"(?<![\d.]\d)(?<=\d) (?=\d+[\u4e00-\u9fff])")


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


def has_traditional(text: str, sample: int = 4000) -> bool:
    """Cheap test: does t2s change anything in the first few thousand characters?"""
    head = text[:sample]
    return _t2s().convert(head) != head


def normalise(original: str) -> Matching:
    """Build the matching text for ``original``. ``1.2万`` etc. stay as written."""
    text = original.translate(_FOLD)
    if has_traditional(text) or has_traditional(text[len(text) // 2:]):
        text = to_simplified(text)
    pos = np.arange(len(text) + 1, dtype=np.int64)
    for pattern in (_PINYIN, _BLANK_CJK):
        text, pos = _apply_drops(text, pos, _drop(text, pattern))
    # digit splitting only on lines that are not table rows (the same test as etl/extract.py: two or more "|")
    drops = [m.span() for m in _SPLIT_DIGIT.finditer(text)
             if text.count("|", text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.start()) % (len(text) + 1)) < 2]
    text, pos = _apply_drops(text, pos, drops)
    return Matching(text=text, pos=pos, original=original)

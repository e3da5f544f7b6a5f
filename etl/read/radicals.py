"""Radical code points a PDF's font maps wrote for ordinary characters, back to those characters.

Many Chinese fonts' ToUnicode maps send 一 人 工 行 民 门 长 … to the Kangxi Radicals block (U+2F00–U+2FD5: ⼀ ⼈ ⼯ ⾏)
or to the CJK Radicals Supplement (U+2E80–U+2EF3: ⺠ ⻔ ⻓). They look the same on screen, but no rule, no place name
and no search word matches them: a report printed to PDF with such a font lost half its figures (人民调解 written
⼈⺠调解). The Kangxi radicals have a compatibility decomposition (NFKC) to the unified ideograph; the supplement's
radicals have none, and the ones that stand for a character used in running text are listed here from Unicode's
EquivalentUnifiedIdeograph.txt (a radical with no such character, a bare component, is left as it is).
"""

from __future__ import annotations

import re
import unicodedata

_SUPPLEMENT = {
    0x2E81: "厂", 0x2E84: "乙", 0x2E85: "亻", 0x2E86: "冂", 0x2E87: "几", 0x2E8A: "卜", 0x2E8C: "小", 0x2E8D: "小",
    0x2E8E: "兀", 0x2E90: "尢", 0x2E92: "巳", 0x2E93: "幺", 0x2E95: "彐", 0x2E96: "忄", 0x2E98: "扌", 0x2E99: "攵",
    0x2E9B: "旡", 0x2E9D: "月", 0x2E9F: "母", 0x2EA0: "民", 0x2EA1: "氵", 0x2EA2: "氺", 0x2EA3: "灬", 0x2EA4: "爫",
    0x2EA6: "丬", 0x2EA8: "犭", 0x2EA9: "王", 0x2EAA: "疋", 0x2EAB: "罒", 0x2EAC: "示", 0x2EAD: "礻", 0x2EAF: "糸",
    0x2EB0: "纟", 0x2EB2: "罒", 0x2EB9: "耂", 0x2EBC: "月", 0x2EBD: "臼", 0x2EBE: "艹", 0x2EBF: "艹", 0x2EC0: "艹",
    0x2EC1: "虎", 0x2EC2: "衤", 0x2EC3: "覀", 0x2EC4: "西", 0x2EC5: "见", 0x2EC6: "角", 0x2EC8: "讠", 0x2EC9: "贝",
    0x2ECB: "车", 0x2ECC: "辶", 0x2ECD: "辶", 0x2ECE: "辶", 0x2ECF: "阝", 0x2ED0: "钅", 0x2ED1: "長", 0x2ED2: "镸",
    0x2ED3: "长", 0x2ED4: "门", 0x2ED6: "阝", 0x2ED7: "雨", 0x2ED8: "青", 0x2ED9: "韦", 0x2EDA: "页", 0x2EDB: "风",
    0x2EDC: "飞", 0x2EDD: "食", 0x2EDF: "飠", 0x2EE0: "饣", 0x2EE1: "首", 0x2EE2: "马", 0x2EE3: "骨", 0x2EE4: "鬼",
    0x2EE5: "鱼", 0x2EE6: "鸟", 0x2EE7: "卤", 0x2EE8: "麦", 0x2EE9: "黄", 0x2EEA: "黾", 0x2EEB: "斉", 0x2EEC: "齐",
    0x2EED: "歯", 0x2EEE: "齿", 0x2EEF: "竜", 0x2EF0: "龙", 0x2EF1: "龜", 0x2EF2: "亀", 0x2EF3: "龟",
}


def _table() -> dict[int, str]:
    out = dict(_SUPPLEMENT)
    for cp in range(0x2F00, 0x2FD6):
        unified = unicodedata.normalize("NFKC", chr(cp))
        if len(unified) == 1 and unified != chr(cp):
            out[cp] = unified
    return out


RADICALS: dict[int, str] = _table()  # code point -> the one character it stands for
_ANY_RADICAL = re.compile("[\u2e80-\u2fdf]")


def has_radicals(text: str) -> bool:
    """Whether any radical code point is in ``text`` (most texts have none: nothing to translate)."""
    return _ANY_RADICAL.search(text) is not None


def unify_radicals(text: str) -> str:
    """``text`` with each radical replaced by its character, one for one (offsets unchanged)."""
    return text.translate(RADICALS) if has_radicals(text) else text

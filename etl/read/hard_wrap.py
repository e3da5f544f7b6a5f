"""Lines a page or PDF wrapped at a fixed width: the line breaks inside a sentence, found so they can be dropped.

Yearbooks, PDF text layers and scanned pages break every line at the same width, in the middle of a word as often
as not ("取得显著成\\n效。", "在律师、公证、基层法\\n律服务…"). A line break ends a sentence for the prose rules, so a
figure whose label was wrapped lost its cue. A text is taken as hard-wrapped when many of its lines have one length
(the wrap width); each such full line that does not end a sentence is joined to the next, unless the next starts a
heading, a list item or a table row. Web pages write a paragraph per line, with lengths all different: untouched.
"""

from __future__ import annotations

import re
from collections import Counter

_MIN_LINE = 12  # shorter lines (headings, dates, table cells) say nothing of the wrap width
_MIN_FULL = 5  # full lines needed before a text is taken as hard-wrapped
# the next line opens a heading, a list item or a note: 一、 (二) 3. 【概况】 第三条 附件 ※ —
_OPENS_BLOCK = re.compile(r"[ \t\u3000]*(?:[一二三四五六七八九十]+[、.．]|[((][一二三四五六七八九十\d]+[))]|\d+[、.．](?!\d)"
                          r"|【|第[一二三四五六七八九十百\d]+[条章节]|附件|[※•·●■◆\-—])")
_ENDS_SENTENCE = ("。", "!", "?", "!", "?", ";", ";", ":", ":", "”", "」")


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_prose(line: str) -> bool:
    """Mostly Chinese: a row of a table's numbers (a PDF's 表二, "3 0 1 0 4") has the same width and is no sentence."""
    return len(_CJK.findall(line)) * 5 >= len(line) * 2


def wrap_width(lines: list[str]) -> int | None:
    """The width most lines were cut at, or None when the lines' lengths do not gather at one width."""
    lengths = [len(s) for s in lines if len(s) >= _MIN_LINE]
    if len(lengths) < _MIN_FULL:
        return None
    counts = Counter(lengths)
    # a full line may be one or two characters short of the width (a wider character, a punctuation mark pushed over)
    width, near = max(((w, sum(counts[w - d] for d in range(3))) for w in counts), key=lambda x: (x[1], x[0]))
    return width if near >= _MIN_FULL and near >= 0.4 * len(lengths) else None


def hard_wrap_drops(text: str) -> list[tuple[int, int]]:
    """The spans to drop (a line break and the blanks around it) that join each wrapped line to the next."""
    raw = text.split("\n")
    stripped = [s.strip(" \t\u3000") for s in raw]
    width = wrap_width(stripped)
    if width is None:
        return []
    out = []
    start = 0
    for i, line in enumerate(raw[:-1]):
        end = start + len(line)  # the "\n" after this line sits at text[end]
        s, nxt = stripped[i], stripped[i + 1]
        if width - 2 <= len(s) <= width + 1 and nxt and not s.endswith(_ENDS_SENTENCE) and "|" not in s + nxt \
                and not _OPENS_BLOCK.match(raw[i + 1]) and _is_prose(s) and _is_prose(nxt):
            left = start + len(line.rstrip(" \t\u3000"))
            right = end + 1 + (len(raw[i + 1]) - len(raw[i + 1].lstrip(" \t\u3000")))
            out.append((left, right))
        start = end + 1
    return out

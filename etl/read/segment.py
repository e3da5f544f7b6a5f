"""Split a compilation into its documents.

A file such as "第一篇:… 第二篇:…" or "…篇一 …篇二" holds several reports,
each with its own organ, place and year. A file is split only where two or
more headings of the same family appear, each at the start of a line;
text before the first heading (a site preamble, a table of contents) goes
with the first part. A single heading splits nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_ORD = "一二三四五六七八九十"
HEADING_FAMILIES = (
    re.compile(rf"^[ \t]*第[{_CN_ORD}]{{1,3}}篇[::\s]", re.M),
    re.compile(rf"^[^\n]{{0,40}}篇[{_CN_ORD}]{{1,3}}[ \t]*$", re.M),
    re.compile(r"^[ \t]*【(?:第[一二三四五六七八九十\d]+篇|文章\d+)】", re.M),
)
# a character every heading of the family holds: without it the family's regex (which tries every
# line, up to 40 characters into it) cannot match, so it is not run
_FAMILY_NEEDS = ("篇", "篇", "【")


@dataclass(frozen=True)
class Part:
    part: int  # 1-based, in reading order
    start: int  # offsets into the file's decoded text
    end: int


def split(text: str) -> list[Part]:
    """Parts of ``text``; one part covering everything when it is not a compilation."""
    for rx, needs in zip(HEADING_FAMILIES, _FAMILY_NEEDS, strict=True):
        if needs not in text:
            continue
        starts = [m.start() for m in rx.finditer(text)]
        if len(starts) >= 2:
            bounds = [0, *starts[1:], len(text)]
            return [Part(i + 1, bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    return [Part(1, 0, len(text))]

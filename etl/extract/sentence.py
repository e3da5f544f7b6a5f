"""The sentence around a figure, cut once at build time so pages never read whole texts to show it."""

from __future__ import annotations

import re

REACH = 120  # characters looked at on each side of the figure
_ENDS = "。!?;!?;\n"
_LAST_OPEN = re.compile(f"[^{_ENDS}]*$")
_TO_END = re.compile(f"^[^{_ENDS}]*[。!?;!?;]?")


def sentence_around(text: str, start: int, end: int) -> str:
    """From the last 。!?; or line end before ``start`` (within 120 characters) to the next one after ``end``.

    ``text[start:end]`` is kept whole even when it spans a sentence end (a table row, say).
    """
    before = text[max(start - REACH, 0):start]
    after = text[end:end + REACH]
    head = _LAST_OPEN.search(before)
    tail = _TO_END.match(after)
    return ((head.group(0) if head else "") + text[start:end] + (tail.group(0) if tail else "")).strip()

"""Sentence and clause bounds: the sentence around a figure, cut once at build time so pages never read whole texts
to show it, the stop characters before and after a number that prose extraction cuts its clauses at, and the opening of a
paragraph's item that lends a rate its area."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

import numpy as np

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
    return (_open_end(before) + text[start:end] + _to_end(after)).strip()


def _open_end(before: str) -> str:
    """``_LAST_OPEN.search(before).group(0)`` by ``rfind``: the pattern tried every start (quadratic in REACH).

    Its ``$`` also matches before a final line break, so a ``before`` that ends with one gives the words
    between the end before it and that break."""
    stop = len(before) - 1 if before.endswith("\n") else len(before)
    return before[max(before.rfind(c, 0, stop) for c in _ENDS) + 1:stop]


def _to_end(after: str) -> str:
    """``_TO_END.match(after).group(0)``: up to the first end, with it unless it is a line break."""
    found = [i for i in (after.find(c) for c in _ENDS) if i >= 0]
    if not found:
        return after
    cut = min(found)
    return after[:cut + 1] if after[cut] != "\n" else after[:cut]


@lru_cache(maxsize=8)
def _stops(text: str, chars: str) -> list[int]:
    """The positions of ``chars`` in ``text``, found once per document (bounds are asked ~3 times per number;
    a cache, not module state, so threads extracting at once never mix documents)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    at = np.zeros(len(codes), dtype=bool)
    for c in chars:
        at |= codes == ord(c)
    return np.flatnonzero(at).tolist()


def rfind_any(text: str, chars: str, end: int, lo: int) -> int:
    """Just after the last of ``chars`` in ``text[lo:end]``, else ``lo`` (bounds are never negative): what the
    largest ``text.rfind(c, lo, end)`` + 1 gives, from the document's stop positions instead of 7 scans."""
    stops = _stops(text, chars)
    i = bisect_left(stops, end) - 1
    return stops[i] + 1 if i >= 0 and stops[i] >= lo else lo


def find_any(text: str, chars: str, start: int, hi: int) -> int:
    """The first of ``chars`` in ``text[start:hi]``, else ``hi``."""
    stops = _stops(text, chars)
    i = bisect_left(stops, start)
    return stops[i] if i < len(stops) and stops[i] < hi else hi


# an item's marker in a paragraph (一是…二是…, (一)…, 1.…): a paragraph of several items speaks of several areas
_ITEM_MARK = re.compile(r"[一二三四五六七八九十]是|[(（][一二三四五六七八九十][)）]|(?<!\d)\d{1,2}[、.．](?!\d)")


def item_opening(text: str, line_start: int, prev_start: int) -> str:
    """The paragraph before the sentence ahead of a number, from its last item marker: the words that open the
    number's own item (12345热线受理诉求430件。其中投诉类407件。按时办结率为100%), not another item's."""
    opening = text[line_start:prev_start]
    marks = list(_ITEM_MARK.finditer(opening))
    return opening[marks[-1].start():] if marks else opening

"""The columns of a PDF page printed in two (yearbooks, gazettes, white papers, newspaper pages).

pdfplumber reads a page's text line by line across its whole width, so a two-column page came out with each
line of the left column run into the line of the right column beside it ("据统计,在今天接待的30项信四套班子有关
成员…"): the figures' sentences were cut and mixed (labelled texts printed in two columns by Chromium: figure F1
0.86 -> 0.48). ``regions`` finds the gutter — an upright band near the middle of the page that almost no word
crosses while both sides hold text — and gives the parts of the page in reading order: a full-width line (a
title, a running head) where it stands, and between such lines the left column, then the right one; a column
that holds columns of its own is split again (three or four columns).
"""

from __future__ import annotations

import itertools

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_MIN_WORDS = 12  # a page with fewer words is read as it is
_SIDE_SHARE = 0.25  # each column holds at least this share of the page's characters
_STEP = 2.0  # points between the gutter positions tried


def _chars(word: dict) -> int:
    return len(word["text"])


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words side by side (tops within 3 points), each row left to right."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and w["top"] - rows[-1][0]["top"] < 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w["x0"]) for r in rows]


def _crosses(row: list[dict], x: float, em: float) -> bool:
    """The row runs over ``x``: a word covers it, or the blank there is narrower than a character (a line of
    blank-separated words is one line, not two columns)."""
    for a, b in itertools.pairwise(row):
        if a["x0"] < x < a["x1"] or (a["x1"] <= x <= b["x0"] and b["x0"] - a["x1"] < em):
            return True
    return row[-1]["x0"] < x < row[-1]["x1"]


def gutter(words: list[dict]) -> float | None:
    """The x of a two-column page's gutter, or None for a page of one column."""
    if len(words) < _MIN_WORDS:
        return None
    left = min(w["x0"] for w in words)
    right = max(w["x1"] for w in words)
    width = right - left
    rows = _rows(words)
    em = sorted(w["bottom"] - w["top"] for w in words)[len(words) // 2]
    best: tuple[int, float] | None = None
    x = left + 0.3 * width
    while x <= left + 0.7 * width:
        crossing = sum(1 for r in rows if _crosses(r, x, em))
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += _STEP
    if best is None:
        return None
    crossing, x = best
    west = sum(_chars(w) for w in words if w["x1"] <= x)
    east = sum(_chars(w) for w in words if w["x0"] >= x)
    if min(west, east) < _SIDE_SHARE * sum(_chars(w) for w in words):
        return None
    # columns stand side by side: rows holding a line of each, more of them than rows across (a title, an opening
    # paragraph over both columns, running heads)
    beside = sum(1 for r in rows if r[0]["x1"] <= x <= r[-1]["x0"] and not _crosses(r, x, em))
    return x if beside >= max(3, crossing) else None


def centred_in(box: Box, obj: dict) -> bool:
    """An object of the page (a word, a character, a table's box) whose centre lies in ``box``: a crop would keep a
    character touching its edge in both boxes."""
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


def _split(words: list[dict], box: Box, depth: int) -> list[Box]:
    """A column box split again when it holds columns of its own (a page of three or four columns)."""
    inner = [w for w in words if centred_in(box, w)]
    parts = regions(inner, box, depth + 1) if depth < 3 else None
    return parts or [box]


def regions(words: list[dict], page_box: Box, depth: int = 0) -> list[Box] | None:
    """Boxes of the page in reading order when it has two columns or more, else None."""
    x = gutter(words)
    if x is None:
        return None
    x0, top, x1, bottom = page_box
    spans = sorted((w["top"], w["bottom"]) for w in words if w["x0"] < x < w["x1"])
    full: list[list[float]] = []
    for a, b in spans:  # the full-width lines' bands: overlapping ones and the lines of one paragraph merged
        if full and a <= full[-1][1] + (b - a):
            full[-1][1] = max(full[-1][1], b)
        else:
            full.append([a, b])
    out: list[Box] = []
    cursor = top
    for a, b in full:
        if a > cursor:
            out += _split(words, (x0, cursor, x, a), depth) + _split(words, (x, cursor, x1, a), depth)
        out.append((x0, a, x1, b))
        cursor = max(cursor, b)
    if cursor < bottom:
        out += _split(words, (x0, cursor, x, bottom), depth) + _split(words, (x, cursor, x1, bottom), depth)
    return out

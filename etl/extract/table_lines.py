"""A table run onto one line with the rest of its page (a page scraped without its markup), back in rows.

"… 处理决定数量 行政许可 0 0 0 其他对外管理服务事项 0 0 0 第二十条第(六)项 …": the disclosure tables every report
prints lose their row breaks when a mirror or a scraper joins a page into one line, and the table readers
(etl/extract/tables.py) read rows. A row ends after its run of numbers and starts at the label just before the
next run; the blank there becomes a line break, so the text keeps its length and every offset holds. Only lines
far longer than any table row, with several runs of numbers, are touched. It runs before normalise: normalise drops
a blank between Chinese and a digit and joins "5 5" before Chinese into 55, which on one line would merge the cells.
"""

from __future__ import annotations

import re

_LONG = 400  # characters: a line this long is a page or a paragraph, not a row
_RUNS = re.compile(r"(?:^| )[+-]?\d+(?:\.\d+)? [+-]?\d+(?:\.\d+)?(?= |$)", re.M)
# the blank after a run of two or more numbers, before a label
_AFTER_RUN = re.compile(r"((?:^| )[+-]?\d+(?:\.\d+)?(?: [+-]?\d+(?:\.\d+)?)+) (?=[^\s\d+-])")
# the blank before a row's label: the last blank-free stretch before two or more numbers
_BEFORE_LABEL = re.compile(r"(?<=\S) (?=[^\s\d+-][^\s]*(?: [+-]?\d+(?:\.\d+)?){2,}(?: |$))", re.M)


# the blank before a section of the national disclosure table (第二十条第(一)项 信息内容 …, the 2019 template): its
# header row starts there, not inside the paragraph before it
_BEFORE_SECTION = re.compile(r" (?=第[一二三四五六七八九十]+条第[((][一二三四五六七八九十]+[))]项)")


def _label_break(m: re.Match[str]) -> str:
    """A break before a label, but not inside a letter-spaced one (总 计 1087 816: 总 alone is no label)."""
    s, i = m.string, m.start()
    return " " if i >= 1 and (i == 1 or s[i - 2].isspace()) and "\u4e00" <= s[i - 1] <= "\u9fff" else "\n"


def _rows(line: str) -> str:
    line = _AFTER_RUN.sub(lambda m: m.group(1) + "\n", line)
    line = _BEFORE_SECTION.sub("\n", line)
    return _BEFORE_LABEL.sub(_label_break, line)


def unflatten(text: str) -> str:
    """``text`` with the rows of tables run onto long lines broken out again (same length)."""
    if len(text) < _LONG:
        return text
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if len(line) >= _LONG and len(_RUNS.findall(line)) >= 3:
            lines[i] = _rows(line)
            changed = True
    return "\n".join(lines) if changed else text

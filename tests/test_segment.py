"""The compilation split (etl/read/segment.py) and what the build makes of it: one document per part.

A file holding 第一篇…第五篇 or …篇一/…篇二 is several reports; a single heading, or a
heading word in the middle of a line, splits nothing. Parts cover the text without gaps,
so every offset of a part maps back into the file.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb

from etl.load.build import build
from etl.load.text_store import read_texts
from etl.read.segment import split

REPORTS = {
    "甲": "甲县2023年法治政府建设年度报告\n全年共收到行政复议申请11件。\n",
    "乙": "乙县2023年法治政府建设年度报告\n全年共收到行政复议申请22件。\n",
    "丙": "丙县2023年法治政府建设年度报告\n全年共收到行政复议申请33件。\n",
    "丁": "丁县2023年法治政府建设年度报告\n全年共收到行政复议申请44件。\n",
    "戊": "戊县2023年法治政府建设年度报告\n全年共收到行政复议申请55件。\n",
}
ORDINALS = "一二三四五"


def pieces(text: str) -> list[str]:
    parts = split(text)
    assert parts[0].start == 0 and parts[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(parts))  # no gap, no overlap
    assert [p.part for p in parts] == list(range(1, len(parts) + 1))
    return [text[p.start:p.end] for p in parts]


def test_five_numbered_chapters_with_preamble() -> None:
    preamble = "某市法治政府建设报告汇编\n目录:甲县、乙县、丙县、丁县、戊县\n"
    chapters = [f"第{n}篇:{body}" for n, body in zip(ORDINALS, REPORTS.values(), strict=True)]
    out = pieces(preamble + "".join(chapters))
    assert len(out) == 5
    assert out[0] == preamble + chapters[0]  # the preamble goes with the first part
    assert out[1:] == chapters[1:]


def test_chapter_heading_with_blank_instead_of_colon() -> None:
    text = "第一篇 甲县\n内容甲\n第二篇 乙县\n内容乙\n"
    assert pieces(text) == ["第一篇 甲县\n内容甲\n", "第二篇 乙县\n内容乙\n"]


def test_title_lines_ending_in_pian_yi_pian_er() -> None:
    a = "甲县2023年法治政府建设年度报告 篇一\n全年共收到行政复议申请11件。\n"
    b = "乙县2023年法治政府建设年度报告 篇二\n全年共收到行政复议申请22件。\n"
    assert pieces(a + b) == [a, b]


def test_bracketed_headings() -> None:
    a, b = "【第一篇】甲县报告\n正文甲\n", "【第二篇】乙县报告\n正文乙\n"
    assert pieces(a + b) == [a, b]


def test_a_single_heading_does_not_split() -> None:
    text = "第一篇:甲县2023年法治政府建设年度报告\n全年共收到行政复议申请11件。\n"
    assert pieces(text) == [text]


def test_a_heading_word_inside_a_line_does_not_split() -> None:
    text = "第一篇:甲县报告\n详见第二篇:乙县的做法。又见篇二\n结尾\n"
    assert pieces(text) == [text]


def test_plain_report_is_one_part() -> None:
    text = REPORTS["甲"]
    assert pieces(text) == [text]
    assert pieces("") == [""]


def test_build_stores_one_document_per_part_with_its_own_figures(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    text = "汇编\n" + "".join(f"第{n}篇:{body}" for n, body in zip(ORDINALS, REPORTS.values(), strict=True))
    (data / "汇编.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "r.duckdb"
    build(data, db, progress=False, with_tokens=False)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT d.part, d.text_start, d.text_end, d.doc_id, f.value FROM documents d "
                           "JOIN figures f USING (doc_id) "
                           "WHERE f.metric = 'reconsideration.received' ORDER BY d.part").fetchall()
        part_texts = read_texts(con, [r[3] for r in rows])
        rows = [(p, s, e, part_texts[d], v) for p, s, e, d, v in rows]
    finally:
        con.close()
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    assert [r[4] for r in rows] == [11, 22, 33, 44, 55]
    for _, start, end, part_text, _ in rows:
        assert text[start:end] == part_text

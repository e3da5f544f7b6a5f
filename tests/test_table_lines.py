"""A table run onto one line with its page (a page scraped without markup) is read in rows (issue 11).

scripts/layout_variants.py oneline writes the labelled texts that way: the disclosure tables' cells were joined by
normalise's blank rules (规范性文件 5 5 5 -> 规范性文件5 55) and every cell was lost.
"""

from __future__ import annotations

from etl.extract.pipeline import process_text
from etl.extract.table_lines import unflatten

PROSE = ("2024年,我局认真贯彻落实《中华人民共和国政府信息公开条例》,坚持以公开为常态、不公开为例外,"
         "进一步加强组织领导,完善工作机制,拓展公开渠道,及时回应社会关切,政府信息公开工作取得新成效。") * 3
TABLE = ("二、主动公开政府信息情况 第二十条第(一)项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 "
         "规章 0 0 0 规范性文件 5 5 5 第二十条第(五)项 信息内容 上一年项目数量 本年增/减 处理决定数量 "
         "行政许可 0 0 12 其他对外管理服务事项 0 0 0 第二十条第(六)项 信息内容 上一年项目数量 本年增/减 处理决定数量 "
         "行政处罚 0 0 30 行政强制 0 0 2 三、收到和处理政府信息公开申请情况")
PAGE = "某县司法局2024年政府信息公开工作年度报告 " + PROSE + " " + TABLE + " " + PROSE


def test_rows_come_back_with_the_same_length_and_blanks_turned_breaks() -> None:
    rows = unflatten(PAGE)
    assert len(rows) == len(PAGE)
    assert all(a == b or (a == " " and b == "\n") for a, b in zip(PAGE, rows, strict=True))
    assert "\n规范性文件 5 5 5\n" in rows and "\n行政处罚 0 0 30\n" in rows


def test_the_one_line_tables_figures_are_read_with_spans_in_the_stored_text() -> None:
    (doc,) = process_text(PAGE)
    got = {(f.metric, f.value) for f in doc.figures}
    assert {("normative_docs.issued", 5.0), ("licensing.decisions", 12.0), ("enforcement.penalty_decisions", 30.0),
            ("enforcement.coercive_measures", 2.0)} <= got
    for f in doc.figures:
        assert PAGE[f.start:f.end] == f.evidence
    assert doc.text == PAGE  # the stored text is the page as it came


def test_a_long_line_without_runs_of_numbers_and_a_short_page_stay_as_they_are() -> None:
    assert unflatten(PROSE + "全年收到申请 15 件,办结 15 件。") == PROSE + "全年收到申请 15 件,办结 15 件。"
    assert unflatten(TABLE[:300]) == TABLE[:300]


def test_long_prose_with_pairs_of_numbers_keeps_its_sentences_for_prose() -> None:
    """unflatten breaks lines for the table readers; prose reads the same sentences (its figures unchanged)."""
    prose = ("全年共受理行政复议案件 15 件,办结 12 件;2023 年 1 月至 12 月,共调解纠纷 1 200 件,"
             "其中 3 个乡镇 2 个街道开展了示范创建。") * 8
    (plain,) = process_text("某县司法局2024年工作报告\n" + prose)
    (flat,) = process_text("某县司法局2024年工作报告 " + prose)
    assert {(f.metric, f.value) for f in plain.figures} == {(f.metric, f.value) for f in flat.figures}
    assert len(unflatten(prose)) == len(prose)


def test_a_letter_spaced_label_is_not_split() -> None:
    """总 计 1087 816 (a label letter-spaced in a PDF) is not broken between 总 and 计 (the first review's c_028)."""
    line = "某某 " * 150 + "丽江市 43 23 86.96% 总 计 1087 816 合计 5 6"
    rows = unflatten(line)
    assert "总 计 1087 816\n合计 5 6" in rows and "总\n计" not in rows

"""The evidence sentence stored with each figure (etl/extract/sentence.py)."""

from etl.extract.sentence import sentence_around


def test_cuts_at_sentence_ends_on_both_sides():
    text = "去年工作很多。全年办理行政复议案件123件,同比增长5%;其余略。"
    start = text.index("123")
    assert sentence_around(text, start, start + 4) == "全年办理行政复议案件123件,同比增长5%;"


def test_line_end_bounds_the_sentence_and_spaces_are_trimmed():
    text = "表一\n  收到申请 | 45 件  \n下一行"
    start = text.index("45")
    assert sentence_around(text, start, start + 2) == "收到申请 | 45 件"


def test_reach_is_limited_to_120_characters():
    text = "甲" * 300 + "12" + "乙" * 300
    s = sentence_around(text, 300, 302)
    assert s == "甲" * 120 + "12" + "乙" * 120


def test_span_crossing_a_sentence_end_is_kept_whole():
    text = "前文。数值1。2件后文。"
    assert sentence_around(text, 5, 9) == "数值1。2件后文。"

"""A PDF page printed in two columns is read a column at a time (etl/read/pdf_columns.py, issue 11).

tests/fixtures/two_columns.pdf: a county bureau's report printed by Chromium in two columns under a title across
both (the sentences of the fixture are the test's own). pdfplumber reads a page line by line across its width, so
before this each left-column line ran into the right-column line beside it; labelled texts printed so lost half
their figures (F1 0.86 in one column, 0.48 in two).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pdfplumber
import pytest

from etl.extract.pipeline import process_text
from etl.read import pdf_columns
from etl.read.readers import read_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", ["two_columns.pdf", "three_columns.pdf"])
def test_columns_read_in_order_with_the_title_alone_and_every_figure_found(name: str) -> None:
    """three_columns.pdf: the same report on a landscape page in three columns (a column split again)."""
    text = read_file(FIXTURES / name).text
    assert text.split("\n", 1)[0] == "某某县司法局2023年法治政府建设工作情况报告"
    assert "全年共排查矛盾纠纷2316件,调解矛盾纠纷1873件" in text
    assert "全年共办理法律援助案件428件,接待群众法律咨询3560人次" in text
    assert text.index("二、化解矛盾纠纷") < text.index("三、做好法律援助") < text.index("五、加强备案审查")
    (doc,) = process_text(text)
    assert doc.meta.title == "某某县司法局2023年法治政府建设工作情况报告"
    got = {(f.metric, float(f.value)) for f in doc.figures}
    assert {("mediation.disputes", 1873.0), ("mediation.success_rate", 99.3), ("legal_aid.cases", 428.0),
            ("legal_services.consultations", 3560.0), ("training.law_lectures", 12.0),
            ("normative_docs.filing_rate", 100.0)} <= got


@pytest.mark.parametrize("name", ["printed_with_radicals.pdf", "lone_numbers.pdf", "real/disclosure_hongze_2023.pdf",
                                  "real/disclosure_hongze_2024.pdf", "real/disclosure_huaian_2024.pdf"])
def test_pages_of_one_column_have_no_gutter(name: str) -> None:
    """Outside its ruled tables (read as tables first, as etl/read/pdf_text.py does), a page of one column has no
    gutter; a table's cells on both sides of the middle would make one."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    gutters = []
    with pdfplumber.open(FIXTURES / name) as pdf:
        for page in pdf.pages:
            boxes = [t.bbox for t in page.find_tables() if t.rows and len(t.rows[0].cells) > 1]
            words = [w for w in page.extract_words() if not any(
                x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom
                for x0, top, x1, bottom in boxes)]
            gutters.append(pdf_columns.gutter(words))
    assert gutters and gutters == [None] * len(gutters)


def test_a_gutter_needs_lines_of_both_columns_at_the_same_height() -> None:
    """Text on the left in the page's top half and on the right in its bottom half (a layout, not two columns
    read side by side) has both sides full but no row with both: one column at a time is not split."""
    left = [{"text": "第一项工作内容完成", "x0": 60.0, "x1": 220.0, "top": 60.0 + 20 * i, "bottom": 75.0 + 20 * i}
            for i in range(20)]
    right = [{"text": "第二项工作内容完成", "x0": 320.0, "x1": 480.0, "top": 500.0 + 20 * i, "bottom": 515.0 + 20 * i}
             for i in range(20)]
    assert pdf_columns.gutter(left + right) is None
    beside = [dict(w, top=w["top"] - 440, bottom=w["bottom"] - 440) for w in right]
    assert pdf_columns.gutter(left + beside) is not None  # the same lines side by side are two columns


def test_a_line_of_blank_separated_words_is_not_two_columns() -> None:
    """A PDF whose words are separated by blanks (受理 行政复议 案件 128 件): the blank at the middle is narrower
    than a character, so no row has a gutter there (the review's one-column PDF was cut into 30 boxes)."""
    words = []
    for i in range(30):
        x = 60.0
        for w in ["受理", "行政复议", "案件", "128", "件", "审结", "121", "件", "纠错率", "12.5", "%"] * 2:
            words.append({"text": w, "x0": x, "x1": x + 15 * len(w), "top": 60.0 + 20 * i, "bottom": 75.0 + 20 * i})
            x += 15 * len(w) + 4
    assert pdf_columns.gutter(words) is None

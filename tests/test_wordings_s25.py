"""Wordings of session 25 (each case with ``expected`` fails on the code before its rule; the ``absent`` cases keep
what the rule must not change)."""

from __future__ import annotations

import pytest
from test_prose_wordings import figures


@pytest.mark.parametrize("text, expected, absent", [
    # a court's administrative caseload holds its 非诉 enforcement reviews too: the litigation proper split from it
    # (其中,诉讼案件…) is labelled beside it (GOLD examples m_003, m_023, v_018), not dropped as a part
    ("衡水市中级人民法院形成了2024年度行政案件司法审查报告。2024年全市法院受理行政案件990件,其中,诉讼案件共计728件,"
     "连续两年下降。", {("litigation.cases", 990), ("litigation.cases", 728)}, set()),
    # 民告官 (the people suing officials) is the common name of administrative litigation
    ("去年北京行政案收案2万余件,本市民告官案一审案件5242件,连续数年位居全国第一。", {("litigation.cases", 5242)}, set()),
    # …while a loss split from the suits stays a part of them
    ("2023年,全县共发生行政诉讼案件40件,其中败诉2件。", {("litigation.cases", 40)}, {("litigation.cases", 2)}),
])
def test_wordings_of_session_25(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got

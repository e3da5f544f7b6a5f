"""Wordings and scopes of session 24 (each case with ``expected`` fails on the code before its rule; the ``absent``
cases keep what the rule must not change)."""

from __future__ import annotations

import pytest
from test_prose_wordings import figures


@pytest.mark.parametrize("text, expected, absent", [
    # a clean-up told only by its outcomes: each outcome is the report's figure, the smaller ones too
    ("2023年,我县对现行规范性文件进行了全面清理,废止28件,宣布失效2件。",
     {("normative_docs.cleaned_up", 28), ("normative_docs.cleaned_up", 2)}, set()),
    ("本年度共审查行政规范性文件9件,其中废止市发规范性文件31件,宣告失效2件。",
     {("normative_docs.cleaned_up", 31), ("normative_docs.cleaned_up", 2)}, set()),
    # …while after the covered total only the total is
    ("2023年,我市清理规范性文件120件,其中废止15件,修改6件。", {("normative_docs.cleaned_up", 120)},
     {("normative_docs.cleaned_up", 15), ("normative_docs.cleaned_up", 6)}),
])
def test_wordings_of_session_24(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got

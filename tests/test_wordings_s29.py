"""Wordings of session 29 (each case with ``absent`` fails on the code before its rule; the ``expected`` cases keep
what the rule must not change)."""

from __future__ import annotations

import pytest
from test_prose_wordings import figures


@pytest.mark.parametrize("text, expected, absent", [
    # decisions published (公示行政许可决定N件) are a publication count, not decisions made (GOLD l_029); the decisions the
    # organ handled in the same sentence stay
    ("全年在信用中国网站公示行政许可决定230件,办理行政许可申请1200件。", {("licensing.decisions", 1200)},
     {("licensing.decisions", 230)}),
])
def test_wordings_of_session_29(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got

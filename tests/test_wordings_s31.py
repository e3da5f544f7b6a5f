"""Wordings of session 31, one table: a case whose comment names a wording fails on the code before its rule; the
guards after it hold before and after, and ``absent`` is what the rule must not take."""

from __future__ import annotations

import pytest
from wording_support import assert_wording

_CASES = [
    # 政府 in 政府信息 (and 格局, 大厅, 场所) modifies a noun: it names no body, so the count is no sub-body's part
    ("截至目前,已完成2024年度主动公开类政府信息网上发布工作累计总量达19条,历年公开信息累计总量达880条。",
     {("disclosure.proactive_items", 19), ("disclosure.proactive_items", 880)}, set()),
    # a law's title in the clause (《中华人民共和国村民委员会组织法》) names no body either
    ("2024年共开展周例会学法11次,定期组织干部职工集中学习《中华人民共和国宪法》《中华人民共和国村民委员会组织法》等法律法规10余次。",
     {("training.law_lectures", 10)}, set()),
    # guard: a body under the reporter beside the whole is still a part
    ("2024年,全市共收到政府信息公开申请120件,其中市政府收到政府信息公开申请30件。",
     {("disclosure.requests_received", 120)}, {("disclosure.requests_received", 30)}),
]


@pytest.mark.parametrize("text, expected, absent", _CASES)
def test_wordings_of_session_31(text: str, expected: set, absent: set) -> None:
    assert_wording(text, expected, absent)

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
    # a review (session 24) showed the first form of that rule keeping outcomes where the covered total is stated
    # after them, long before them, or by the body that ran the clean-up; where the outcomes are lower bodies' or the
    # province's; of a 规章 clean-up; and a filing review's corrections (备案审查): those stay the model's, as before
    ("某某县人民政府关于2023年度法治政府建设情况的报告\n2023年,县政府组织开展规范性文件集中清理,废止规范性文件12件,"
     "宣布失效5件,修改3件,共清理规范性文件136件。", {("normative_docs.cleaned_up", 136)},
     {("normative_docs.cleaned_up", 5), ("normative_docs.cleaned_up", 3)}),
    ("某某县人民政府关于2023年度法治政府建设情况的报告\n2023年,县政府部署开展规范性文件专项清理,对现行有效规范性文件共计248件"
     "进行全面清理。此次清理坚持“谁起草、谁清理”的原则,由各起草部门对照上位法的立改废情况逐件提出清理意见,县司法局对各部门"
     "提出的清理意见进行合法性审查,重点审查文件是否与民法典、行政处罚法、优化营商环境条例等法律法规相抵触,是否存在违法设定"
     "行政许可、行政处罚、行政强制等事项,是否存在排除和限制竞争的内容,是否存在不合理的证明事项等问题,审查意见经县政府常务会议"
     "研究同意。经清理,决定废止规范性文件31件,宣布失效9件,修改14件。", {("normative_docs.cleaned_up", 248)},
     {("normative_docs.cleaned_up", 31), ("normative_docs.cleaned_up", 9), ("normative_docs.cleaned_up", 14)}),
    ("某某县2023年法治政府建设年度报告\n2023年,县司法局牵头对县政府及县政府办公室印发的规范性文件共计186件进行了全面清理,"
     "废止23件,宣布失效6件,修改8件。", {("normative_docs.cleaned_up", 186)},
     {("normative_docs.cleaned_up", 23), ("normative_docs.cleaned_up", 6), ("normative_docs.cleaned_up", 8)}),
    ("2023年,市政府废止规范性文件7件,宣布失效2件。同时,指导各县(市、区)开展规范性文件清理,各县(市、区)共废止规范性文件45件,"
     "宣布失效11件,修改12件。", {("normative_docs.cleaned_up", 7), ("normative_docs.cleaned_up", 2)},
     {("normative_docs.cleaned_up", 45), ("normative_docs.cleaned_up", 11), ("normative_docs.cleaned_up", 12)}),
    ("某某市2023年法治政府建设年度报告\n2023年,市政府对市政府规范性文件开展清理,废止规范性文件7件,宣布失效2件。"
     "全市11个县(市、区)同步开展清理,共废止规范性文件45件,宣布失效11件,修改12件。",
     {("normative_docs.cleaned_up", 7), ("normative_docs.cleaned_up", 2)},
     {("normative_docs.cleaned_up", 11), ("normative_docs.cleaned_up", 12)}),
    ("某某市2023年法治政府建设年度报告\n2023年,根据省政府部署,省政府决定废止省政府规范性文件56件,宣布失效12件,修改7件。"
     "我市同步对市政府规范性文件开展清理,废止8件。", {("normative_docs.cleaned_up", 8)},
     {("normative_docs.cleaned_up", 12), ("normative_docs.cleaned_up", 7)}),
    ("某某市2023年法治政府建设年度报告\n2023年,开展规章和规范性文件清理工作。对市政府规章进行全面清理,修改2件,废止3件;"
     "对规范性文件进行清理,废止规范性文件16件。", set(), {("normative_docs.cleaned_up", 2), ("normative_docs.cleaned_up", 3)}),
    ("某某市2023年法治政府建设年度报告\n2023年,对市政府部门报送的56件规范性文件进行备案审查,通知制定机关自行修改3件,废止1件,"
     "备案审查纠错率100%。", set(), {("normative_docs.cleaned_up", 1)}),
])
def test_wordings_of_session_24(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got

"""Wordings of session 30, one table: a case whose comment names a wording fails on the code before its rule; the
guards after it (another count, an event, the review's cases) hold before and after, and ``absent`` is what the rule
must not take."""

from __future__ import annotations

import pytest
from wording_support import assert_wording

_CASES = [
    # the people served named before the service (为2500人次提供了义务法律咨询): a result-first consultation count
    ("2023年,利用区属中心律师事务所的优势,共为2500人次提供了义务法律咨询。", {("legal_services.consultations", 2500)},
     set()),
    ("2014年,市司法局办理各类法律援助案件2600多件,为2.1万名困难群众提供了法律咨询和帮助。",
     {("legal_services.consultations", 21000), ("legal_aid.cases", 2600)}, set()),
    # another count in a list before a consultation count is not it, nor is a consultation event
    ("今年来,组织基层法律服务工作者参与农村公益法律服务92次、免费提供法律咨询311次。",
     {("legal_services.consultations", 311)}, {("legal_services.consultations", 92)}),
    ("全年为300名群众提供法律咨询活动服务。", set(), {("legal_services.consultations", 300)}),
    # review: the staff who gave the advice, or a duty lawyer's suspects, are not the people advised
    ("2023年,县司法局组织15名律师为群众提供免费法律咨询。", set(), {("legal_services.consultations", 15)}),
    ("2023年,全县12名村法律顾问为村民提供了法律咨询。", set(), {("legal_services.consultations", 12)}),
    ("2023年,县公共法律服务中心配备法律咨询志愿者30名。", set(), {("legal_services.consultations", 30)}),
    ("2023年,县司法局安排值班律师为86名犯罪嫌疑人提供了法律咨询。", set(), {("legal_services.consultations", 86)}),
    # 接到 is an intake verb before a counted noun as 收到 is (接到2件政府信息公开申请); requests counted in 次
    ("2025年,我局接到2件政府信息公开申请,均已按时答复。", {("disclosure.requests_received", 2)}, set()),
    ("2023年,收到依申请公开事项7次,均按时限受理和答复。", {("disclosure.requests_received", 7)}, set()),
    # review: enquiries about requesting are no requests; a decision or a notice a respondent is sent is no application
    ("2023年,本机关收到政府信息公开申请方面的电话咨询30次。", set(), {("disclosure.requests_received", 30)}),
    ("2023年,我局接到2件行政复议决定,均已履行。", set(), {("reconsideration.received", 2)}),
    ("2023年,我局接到3件行政复议答复通知书,均按时提交答复。", set(), {("reconsideration.received", 3)}),
    # the service items a centre took in (受理各类服务事项) name the services' area; a list of services named before another
    # area's rate does not (review)
    ("2023年,全县共受理各类服务事项5000件,办结率100%。", {("services.completion_rate", 100)}, set()),
    ("2023年,县司法局梳理公共法律服务事项清单28项。全年人民调解组织受理纠纷860件,办结率100%。", set(),
     {("services.completion_rate", 100)}),
]


@pytest.mark.parametrize("text, expected, absent", _CASES)
def test_wordings_of_session_30(text: str, expected: set, absent: set) -> None:
    assert_wording(text, expected, absent)

"""Wordings of session 27 (each case with ``absent`` fails on the code before its rule; the ``expected`` cases keep
what the rule must not change)."""

from __future__ import annotations

import pytest
from test_prose_wordings import figures


@pytest.mark.parametrize("text, expected, absent", [
    # a market regulator settling consumer complaints (12315, 投诉调解, 调处消费纠纷) does no 人民/行政调解, and consumers'
    # questions to it are no legal consultations (GOLD precedents ab_017, cz_044; no labelled mediation ever sits there)
    ("2023年,县市场监管局依托12315平台受理消费者投诉1200件,调解成功980件,投诉调解成功率81.7%。", set(),
     {("mediation.resolved", 980), ("mediation.success_rate", 81.7)}),
    ("全年调处消费纠纷356件,为消费者挽回经济损失42万元。", set(), {("mediation.disputes", 356)}),
    ("全年接待消费者来访咨询5200人次,调解消费纠纷300件。", set(),
     {("legal_services.consultations", 5200), ("mediation.disputes", 300)}),
    # a review showed the first form of the rule dropping people's mediation whose list of kinds names consumer disputes,
    # a mediation centre that merged the 12315 line, and legal aid given to consumers among other clients
    ("2023年,全县共调解消费纠纷、物业纠纷、婚姻家庭纠纷等各类矛盾纠纷2150件,调解成功率98%。",
     {("mediation.disputes", 2150), ("mediation.success_rate", 98)}, set()),
    ("2023年,县矛调中心深化一站式受理,整合12345、12315等热线,全年受理矛盾纠纷5200件,化解率98.5%。",
     {("mediation.disputes", 5200)}, set()),
    ("2023年,县法律援助中心为农民工、消费者、残疾人等群体提供法律咨询5600人次。12348热线解答法律咨询1500人次。",
     {("legal_services.consultations", 5600)}, {("legal_services.consultations", 1500)}),
    # a people's mediation committee for consumer disputes does people's mediation
    ("县消费纠纷人民调解委员会全年调解消费纠纷86件,调解成功80件。",
     {("mediation.disputes", 86), ("mediation.resolved", 80)}, set()),
])
def test_wordings_of_session_27(text: str, expected: set, absent: set) -> None:
    got = figures(text)
    assert expected <= got
    assert not absent & got

"""The narrowings a read-only review of session 21's rules demonstrated (findings in the session's notes): each case
is one the session's rules got wrong before they were narrowed, read by the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_prose_wordings import figures

from etl.extract.metadata import is_national, metadata_of

CASES = Path(__file__).parent / "fixtures" / "reviewed_s21.txt"


def cases_of(path: Path) -> dict[str, str]:
    """name -> text, from a fixture's "=== name" sections."""
    out: dict[str, str] = {}
    for block in path.read_text(encoding="utf-8").split("=== ")[1:]:
        name, text = block.split("\n", 1)
        out[name.strip()] = text.strip() + "\n"
    return out


def _cases() -> dict[str, str]:
    return cases_of(CASES)


@pytest.mark.parametrize("name, metric", [
    ("delegated_requests", "disclosure.requests_answered"),  # requests another organ handled (委托…办理)
    ("decisions_review", "normative_docs.reviewed"),  # a major decision's legality review
    ("fair_competition", "normative_docs.reviewed"),  # a fair-competition review's items
    ("enforcement_decisions", "normative_docs.reviewed"),  # enforcement decisions' 法制审核
    ("party_school_rotation", "enforcement.training_participants"),  # a party school's cadre rotation
    ("tickets_passed_on", "services.completion_rate"),  # a bureau's share of the hotline's tickets
])
def test_not_read(name: str, metric: str) -> None:
    assert metric not in {m for m, _ in figures(_cases()[name])}


@pytest.mark.parametrize("name, doc_type, year", [
    ("forwarded_briefings", "briefing", None),  # a notice forwarding 经验做法 is the briefing it forwards
    ("heading_starting_with_ge", "annual_report", None),  # 各项重点工作推进情况: is a heading, not an address
    ("notice_of_rules", "other", 2016),  # a notice forwarding rules stays a notice, dated by its page
    ("first_quarter_summary", "annual_report", 2024),  # 今年一季度…本年度 published in April is of that year
])
def test_kind_and_year(name: str, doc_type: str, year: int | None) -> None:
    meta = metadata_of(_cases()[name])
    assert (meta.doc_type, meta.year) == (doc_type, year)


@pytest.mark.parametrize("name, fields", [
    ("town_visited", (None, None, None, None)),  # a model town the reporter goes to learn from
    ("safe_countryside", ("浙江省", "湖州市", "长兴县", None)),  # 平安乡村 is no 平安乡
    ("county_court_ranked_in_city", ("浙江省", "湖州市", "长兴县", None)),  # 本院…在全市法院…中位列第一
])
def test_region(name: str, fields: tuple) -> None:
    meta = metadata_of(_cases()[name])
    assert (meta.province, meta.city, meta.county, meta.town) == fields


def test_a_ministry_acting_after_the_rules_it_follows_is_national() -> None:
    # 按照…通知要求司法部党组高度重视…部署,现将…报告如下: the ministry reports; the rules end at 通知
    text = _cases()["ministry_after_rules"]
    assert is_national(None, text) and metadata_of(text).level == "department"

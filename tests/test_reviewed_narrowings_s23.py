"""The narrowings a read-only review of session 23's rules demonstrated: each case is one the session's rules got
wrong before they were narrowed (and the session-start code got right), read by the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reviewed_narrowings import cases_of

from etl.extract.pipeline import Document, process_text

CASES = cases_of(Path(__file__).parent / "fixtures" / "reviewed_s23.txt")


def _doc(name: str) -> Document:
    (doc,) = process_text(CASES[name])
    return doc


def _figures(name: str) -> set[tuple[str, float, str]]:
    return {(f.metric, f.value, f.kind) for f in _doc(name).figures}


def test_a_review_of_several_years_is_not_of_its_starting_year() -> None:
    # 2006年以来…五年来: a span's review, not a report of 2006
    assert _doc("five_year_review").meta.year != 2006


def test_a_national_ceremonys_totals_stay_the_nations() -> None:
    # 全国模范…表彰大会…会议通报: the nation's figures, not the county bureau's
    assert not {m for m, _, _ in _figures("national_ceremony")} & {"mediation.disputes", "mediation.success_rate"}


def test_a_bureau_linking_with_public_interest_suits_keeps_its_cases() -> None:
    assert ("enforcement.cases", 356, "actual") in _figures("bureau_links_with_suits")


def test_a_courts_own_categories_stay_litigation() -> None:
    assert ("litigation.cases", 132, "actual") in _figures("court_own_categories")


@pytest.mark.parametrize("name", ["petition_office_rate", "patrol_hazards_rate", "quoted_narrowed_rate"])
def test_rates_that_are_no_mediation_success(name: str) -> None:
    # a petition office's (信访 in the sentence before), a patrol's hazards', a quoted narrowed one
    assert "mediation.success_rate" not in {m for m, _, _ in _figures(name)}


def test_administrative_disputes_resolved_at_source_keep_peoples_mediation() -> None:
    got = _figures("administrative_disputes_phrase")
    assert {("mediation.disputes", 3256, "actual"), ("mediation.success_rate", 98.6, "actual")} <= got


def test_a_party_committees_department_reports_its_own_work() -> None:
    assert _doc("committee_department").meta.level == "department"


def test_a_goal_by_year_end_is_a_target() -> None:
    assert ("litigation.head_appearance_rate", 100, "target") in _figures("goal_by_year_end")


def test_a_reporters_visit_dates_no_event() -> None:
    assert _doc("reporter_visit").meta.year is None

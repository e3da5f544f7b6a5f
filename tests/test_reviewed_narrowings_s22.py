"""The narrowings a read-only review of session 22's rules demonstrated: each case is one the session's rules got
wrong before they were narrowed (and the session-start code got right), read by the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_prose_wordings import figures
from test_reviewed_narrowings import cases_of

from etl.extract.pipeline import process_text

CASES = Path(__file__).parent / "fixtures" / "reviewed_s22.txt"


def _cases() -> dict[str, str]:
    return cases_of(CASES)


@pytest.mark.parametrize("name", ["petition_rate", "dispute_centre_rate", "one_category_rate"])
def test_a_rate_that_is_not_mediations(name: str) -> None:
    # a petition office's or an administrative-dispute centre's 化解率, one category's 纠纷化解率: no success rate
    assert "mediation.success_rate" not in {m for m, _ in figures(_cases()[name])}


def test_enforcement_cases_opened_on_petition_tips_stay_enforcement_cases() -> None:
    found = figures(_cases()["petition_tips"])
    assert ("enforcement.cases", 36) in found and "petitions.cases" not in {m for m, _ in found}


@pytest.mark.parametrize("name, fields", [
    ("city_before_since", ("city", "安庆市", None)),  # the subject before 今年以来 is kept
    ("township_before_village", ("town", "玛多县", "黄河乡")),  # a listed township before 村规民约
    ("study_case", ("安徽省", "安庆市", "宿松县")),  # 本文以…为例 names the place a study studies
])
def test_places(name: str, fields: tuple) -> None:
    meta = process_text(_cases()[name])[0].meta
    got = {"city_before_since": (meta.level, meta.city, meta.county),
           "township_before_village": (meta.level, meta.county, meta.town),
           "study_case": (meta.province, meta.city, meta.county)}[name]
    assert got == fields


@pytest.mark.parametrize("name, year", [
    ("year_end_stock", 2017),  # a stock at a year's end is that year's
    ("deadline_ahead", 2023),  # a deadline ahead is no past year
    ("dated_meeting", 2023),  # a date going on with its weekday and event is the item's own
    ("unveiling", 2023),  # an item about the unveiling itself
    ("plan_quoting_a_programme", 2023),  # the span of a programme quoted in 《》 is not the plan's
    ("report_mentioning_a_review", 2023),  # a year's report that mentions reviewing a five-year report
])
def test_years(name: str, year: int) -> None:
    assert process_text(_cases()[name])[0].meta.year == year

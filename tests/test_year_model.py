"""The year choice (etl/extract/year_model.py): candidates from the text and its page, the best-scored one wins, and the
rules' "no year" and the rules alone without a model file."""

from __future__ import annotations

import json

import pytest

from etl.extract import year_model
from etl.extract.metadata import metadata_of

# a review dated by its page: 2019 only as a starting point, 2021 as the year of its figures
SINCE_AND_YEAR = "某县法治建设工作总结\n2019年以来,我县积极推进依法行政。2021年,全县共收到行政复议申请50件。"


def _weights(monkeypatch: pytest.MonkeyPatch, weights: dict[str, float]) -> None:
    monkeypatch.setattr(year_model, "model", lambda: {"weights": weights})


def test_the_candidates_are_the_years_named_the_pages_and_no_year() -> None:
    years, feats = year_model.candidates("某市2023年法治政府建设年度报告", "2018年以来,全市…。", "annual_report",
                                         "2024-03-02", 2023)
    assert years == [2018, 2023, 2024, None]  # named, the rules' (and the title's), the page's year, none last
    by_year = dict(zip(years, feats, strict=True))
    assert by_year[2023]["rules"] == 1.0 and by_year[2023]["in_title"] == 1.0
    assert by_year[2018]["all:since"] == 1.0 and by_year[2018]["rules"] == 0.0
    assert by_year[2024]["unnamed"] == 1.0 and by_year[2024]["pub=0"] == 1.0
    assert by_year[2023]["pub=-1"] == 1.0
    assert feats[-1]["none"] == 1.0 and feats[-1]["none&rules_none"] == 0.0


def test_the_best_scored_candidate_is_the_year(monkeypatch: pytest.MonkeyPatch) -> None:
    _weights(monkeypatch, {"rules": 1.0, "all:since": 3.0})  # a model that trusts a starting point over the rules
    assert metadata_of(SINCE_AND_YEAR).year == 2019
    _weights(monkeypatch, {"rules": 1.0, "all:since": -3.0})
    assert metadata_of(SINCE_AND_YEAR).year == 2021
    _weights(monkeypatch, {"rules": 1.0, "none": 2.0})  # …or one that would rather say nothing
    assert metadata_of(SINCE_AND_YEAR).year is None


def test_without_a_model_the_rules_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(year_model, "model", lambda: None)
    assert metadata_of(SINCE_AND_YEAR).year == 2021
    assert year_model.choose("标题", "正文2019年以来", "news", None, 2020) == 2020


def test_where_the_rules_find_no_year_the_model_finds_none(monkeypatch: pytest.MonkeyPatch) -> None:
    # two plans of two years quoted and 今年 with no page date: the rules say none on purpose
    _weights(monkeypatch, {"year": 5.0, "any:b_quoted": 5.0})
    text = "今年以来,全市各级执法部门按照《2018年全市食品安全放心行动实施方案》的部署,同时落实《2017年药品安全工作要点》。"
    assert metadata_of(text).year is None
    assert year_model.choose(None, text, "news", None, None) is None


def test_the_shipped_model_beat_the_rules_where_it_was_fitted() -> None:
    fitted = json.loads(year_model.YEAR_MODEL_PATH.read_text(encoding="utf-8"))
    assert fitted["cross_validated_accuracy"] > fitted["rules_accuracy"]
    assert fitted["weights"]["rules"] > 0  # the rules' answer is the strongest single cue
    features = {k for f in year_model.candidates("某市2023年工作总结", "2023年,全市…", "annual_report", "2024-01-05",
                                                 2023)[1] for k in f}
    assert features & set(fitted["weights"]), "the shipped weights name none of today's features: refit it"

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


def test_the_pages_own_date_is_no_year_the_text_names() -> None:
    """Review: a page stamp written 2024年01月10日 counted as the text naming 2024, so a January item on last year's work
    took its page's year; written 2024-01-10 it did not."""
    text = "发布时间:2024年01月10日\n近年来,某区坚持和发展新时代“枫桥经验”。2023年,全区共调解纠纷1200件。"
    years, feats = year_model.candidates("某区化解矛盾纠纷成效明显", text, "news", "2024-01-10", 2023)
    page = feats[years.index(2024)]
    assert page["unnamed"] == 1.0 and page["pub=0"] == 1.0  # the page's year, not a year named
    assert feats[years.index(2023)]["mentions"] > 0
    assert year_model.candidates(None, text, "news", "二〇二四-01-01", 2023)[0] == [2023, 2024, None]  # an odd date: none


def test_a_year_in_a_quoted_name_is_read_by_what_the_name_is() -> None:
    """Review: a year only inside a quoted bulletin's name (《…2022年…统计公报》) weighed like a report's own title."""
    text = "根据《某市2022年国民经济和社会发展统计公报》,截至2023年底,全市共有人民调解组织300个。"
    years, feats = year_model.candidates(None, text, "news", None, 2023)
    assert feats[years.index(2022)]["all:quoted_bulletin"] == 1.0
    text = "现将《某县2023年法治政府建设年度报告》公布如下。"
    years, feats = year_model.candidates(None, text, "annual_report", None, 2023)
    assert feats[years.index(2023)]["all:quoted_report"] == 1.0


def test_the_shipped_model_reads_the_year_a_profile_works_under() -> None:
    """A city's profile opening with its founding year (2004年撤县设市) and then its year's work under that year's plan:
    the rules take the only plain year named, the shipped model the plan's (a development text's wording, bk_030)."""
    assert year_model.model() is not None, "etl/extract/catalog/year.json is not shipped"
    text = ("努力开创法治政府建设新局面\n某市是最年轻的地级市之一。2004年撤县设市,辖一区两县,总面积1.7万平方公里。\n"
            "近年来,某市深入推进法治政府建设。制定印发《2020年某市法治政府建设工作要点》,全年审查行政规范性文件35件。")
    assert metadata_of(text).year == 2020


def test_the_shipped_model_beat_the_rules_where_it_was_fitted() -> None:
    fitted = json.loads(year_model.YEAR_MODEL_PATH.read_text(encoding="utf-8"))
    assert fitted["cross_validated_accuracy"] > fitted["rules_accuracy"]
    assert fitted["weights"]["rules"] > 0  # the rules' answer is the strongest single cue
    features = {k for f in year_model.candidates("某市2023年工作总结", "2023年,全市…", "annual_report", "2024-01-05",
                                                 2023)[1] for k in f}
    assert features & set(fitted["weights"]), "the shipped weights name none of today's features: refit it"

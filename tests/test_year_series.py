"""A figure given year by year (etl/extract/year_series.py): each year's value with the measure named once, the report
year's as its value; a lone earlier year's figure, a comparison and a plan's later years are no series."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract.pipeline import process_text
from etl.extract.values import actual_values

HEAD = "某某县人民政府关于2022年度法治政府建设情况的报告\n2022年,我县深入推进法治政府建设,现将有关情况报告如下。\n"


def figures(text: str) -> set[tuple[str, float]]:
    return {(f.metric, f.value) for d in process_text(text) for f in d.figures}


def _actuals(sentence: str) -> set[tuple[str, float]]:
    return {(f.metric, float(f.value)) for d in process_text(HEAD + sentence + "\n") for f in d.figures
            if f.kind == "actual"}


def test_a_year_by_year_series_gives_each_years_value_with_the_measure_named_once() -> None:
    """GOLD.md: running totals over several years are labelled; CONVENTIONS: a series is labelled year by year."""
    assert _actuals("全县法院一审行政案件收案数2020年48件,2021年59件,2022年62件,案件数持续增长。") == {
        ("litigation.cases", 48.0), ("litigation.cases", 59.0), ("litigation.cases", 62.0)}
    assert _actuals("行政机关一审败诉率2020年9.1%,2021年9.35%,2022年上半年11.6%。") == {
        ("litigation.loss_rate", 9.1), ("litigation.loss_rate", 9.35), ("litigation.loss_rate", 11.6)}


def test_a_series_with_the_measure_named_after_its_first_year() -> None:
    """The first year's item names the measure, the later years give bare values or a verb of change."""
    assert _actuals("2020年全县法院受理各类行政一审案件76件,2021年81件,2022年90件。") == {
        ("litigation.cases", 76.0), ("litigation.cases", 81.0), ("litigation.cases", 90.0)}
    assert _actuals("2020年,全县行政机关败诉率为15.2%,2021年下降至12.4%,2022年为9.8%。") == {
        ("litigation.loss_rate", 15.2), ("litigation.loss_rate", 12.4), ("litigation.loss_rate", 9.8)}


def test_a_series_named_after_its_first_year_gives_the_report_years_value_and_keeps_its_scope() -> None:
    """The second review: a long measure after the first year, verbs of change, and words before the first year."""
    head = "某某县人民政府关于2022年度法治政府建设情况的报告\n2022年,我县深入推进法治政府建设。\n"
    for sentence, metric, value in (
            ("2021年,全县行政机关负责人出庭应诉率为85%,2022年提高到96%。", "litigation.head_appearance_rate", 96),
            ("2021年,全县各级行政机关在行政诉讼中的败诉率为15.2%,2022年降为12.4%。", "litigation.loss_rate", 12.4)):
        (doc,) = process_text(head + sentence + "\n")
        assert actual_values(doc.figures)[metric] == value
    # the province's series quoted in a county's report is the province's
    assert _actuals("全省法院2021年受理行政一审案件8406件,2022年9120件。") == set()


def test_a_lone_earlier_years_figure_and_a_plans_later_years_are_not_a_series() -> None:
    assert _actuals("2021年受理行政复议案件12件,2022年受理行政复议案件15件。") == {("reconsideration.accepted", 15.0)}
    assert _actuals("力争法律顾问覆盖率2022年达到90%,2023年达到100%。") == set()


def test_a_comparison_with_other_years_is_no_series_and_a_series_value_is_the_report_years() -> None:
    """The review of this change: 较2021年80件、2020年90件 compares; the report's value is its own year's item."""
    assert _actuals("全年受理行政复议案件62件,较2021年80件、2020年90件有所下降。") == {("reconsideration.accepted", 62.0)}
    head = "某某县人民政府关于2022年度法治政府建设情况的报告\n2022年,我县深入推进法治政府建设。\n"
    for sentence, metric, value in (("全县法院一审行政案件收案数2020年62件,2021年59件,2022年48件。", "litigation.cases", 48),
                                    ("行政机关负责人出庭应诉率2020年80%,2021年90%,2022年100%。",
                                     "litigation.head_appearance_rate", 100)):
        (doc,) = process_text(head + sentence + "\n")
        assert actual_values(doc.figures)[metric] == value


def test_a_series_without_the_report_year_gives_no_value_and_a_ratio_word_is_no_comparison() -> None:
    """The second review: 比例 is no comparison (比); a series of earlier years only (2019, 2020 in a 2022 report)
    would have become the report's value, so it stays another year's."""
    assert _actuals("行政机关负责人出庭应诉比例2020年80%,2021年90%,2022年100%。") == {
        ("litigation.head_appearance_rate", 80.0), ("litigation.head_appearance_rate", 90.0),
        ("litigation.head_appearance_rate", 100.0)}
    assert _actuals("全县法院一审行政案件收案数2019年62件,2020年59件。") == set()


def test_the_years_additions_beside_a_running_total_are_kept() -> None:
    # GOLD.md: a running total and the year's own new count are both labelled (a real disclosure report,
    # tests/gold/shared: the learned scorer dropped 本年度新增…2110条 as the smaller of the two)
    text = (Path(__file__).parent / "gold" / "shared" / "corpus" / "h_003.txt").read_text(encoding="utf-8")
    found = figures(text)
    assert ("disclosure.proactive_items", 5928) in found and ("disclosure.proactive_items", 2110) in found


def test_a_series_saying_its_verb_again_in_every_year_gives_each_years_value() -> None:
    """Each item repeats its year and verb (2020年受理行政案件32件,…,2022年受理73件): the first item's measure reads the
    bare ones, and every year's value stays (a comma after the year, a 共 before the verb alike)."""
    expected = {("litigation.cases", 32.0), ("litigation.cases", 58.0), ("litigation.cases", 73.0)}
    assert _actuals("近年来,全县法院受理的行政案件呈增长态势,2020年受理行政案件32件,2021年受理行政案件58件,"
                    "2022年受理73件。") == expected
    assert _actuals("2020年,受理行政案件32件,2021年,受理行政案件58件,2022年,受理行政案件73件。") == expected
    assert _actuals("2020年共受理行政案件32件,2021年受理行政案件58件,2022年受理案件73件。") == expected
    # joined by 和, and a long measure said in every item
    assert _actuals("2020年受理行政案件32件、2021年受理行政案件58件和2022年受理行政案件73件。") == expected
    assert _actuals("2020年全县法院受理一审行政诉讼案件32件,2021年全县法院受理一审行政诉讼案件58件,"
                    "2022年全县法院受理一审行政诉讼案件73件。") == expected


def test_a_series_qizhong_splits_the_years_not_the_total_before_it() -> None:
    """全年…共审理行政案件78件, 其中,2020年…: the 其中 before the first year opens the series, not parts of the 78."""
    assert _actuals("全县法院全年共审理行政案件78件。近年来案件呈增长态势,其中,2020年受理行政案件32件,"
                    "2021年受理行政案件58件,2022年受理73件。") >= {
        ("litigation.cases", 32.0), ("litigation.cases", 58.0), ("litigation.cases", 73.0)}


@pytest.mark.parametrize("sentence, expected", [
    # 收到 one year and 审结 the next are two measures: the earlier year's figure stays another year's
    ("2021年收到行政复议申请40件,2022年审结行政复议案件38件。", {("reconsideration.concluded", 38.0)}),
    # three years of three measures (the same verb, or the same subject) are no series of one
    ("2020年办理法律援助案件320件,2021年办理法律援助案件358件,2022年办理公证事项373件。", set()),
    ("2020年全县新收行政复议案件120件,2021年全县审结行政诉讼案件58件,2022年全县受理信访事项73件。",
     {("petitions.cases", 73.0)}),
    # an item naming its measure in full names its own: all cases after firms' cases
    ("2020年受理涉企行政复议案件32件,2021年受理行政复议案件58件,2022年受理行政复议案件73件。",
     {("reconsideration.accepted", 73.0)}),
    # a 其中 naming a field before the years is a part of the total before it
    ("全县共受理行政复议案件150件,其中市场监管领域2020年受理30件,2021年受理40件,2022年受理50件。",
     {("reconsideration.accepted", 150.0)}),
    # years that skip (2019, 2021, 2022) are a comparison, not the series of the report's years
    ("2019年受理行政案件30件,2021年受理行政案件40件,2022年受理行政案件45件。", {("litigation.cases", 45.0)}),
])
def test_different_measures_or_years_that_skip_are_no_series(sentence: str, expected: set) -> None:
    assert _actuals(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "全省法院2020年受理行政案件3200件,2021年受理行政案件3580件,2022年受理行政案件3730件。",  # the province's
    "各乡镇2020年受理信访事项320件,2021年受理信访事项358件,2022年受理信访事项373件。",  # the towns'
    "还通过政务微博,发布信息数2020年320条,2021年358条,2022年373条。",  # one channel's
])
def test_a_series_keeps_whose_figures_they_are(sentence: str) -> None:
    """The words before the first year and the sentence say whose the series is: not the county's own."""
    assert _actuals(sentence) == set()

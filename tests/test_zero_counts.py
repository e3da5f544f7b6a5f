"""A count stated as zero without a numeral (零败诉, 败诉案件“零”) is the value 0 (CONVENTIONS: 零 is a written numeral),
read as a count in digits is: its kind, its year, whose it is."""

from __future__ import annotations

import pytest

from etl.extract.pipeline import process_text

COUNTY = "2023年临泉县法治政府建设情况报告\n"
BUREAU = "临泉县应急管理局2023年法治政府建设情况报告\n"


def lost(text: str) -> set[tuple[float, str]]:
    return {(f.value, f.kind) for d in process_text(text) for f in d.figures if f.metric == "litigation.lost"}


@pytest.mark.parametrize("text, expected", [
    (COUNTY + "全年负责人出庭应诉率100%,实现行政诉讼零败诉。", {(0, "actual")}),
    (COUNTY + "行政败诉案件“零”,依法行政能力明显增强。", {(0, "actual")}),
    (COUNTY + "取得了行政复议、应诉工作零败诉的佳绩。", {(0, "actual")}),
    # the ways of writing it: 为零, a quoted 零 before the noun, corner brackets, single quotes, a colon
    (COUNTY + "行政诉讼败诉为零。", {(0, "actual")}),
    (COUNTY + "实现“零”败诉。", {(0, "actual")}),
    (COUNTY + "行政敗訴案件「零」。", {(0, "actual")}),
    (COUNTY + "行政败诉案件‘零’。", {(0, "actual")}),
    # a goal: the kind is read as for any count (力争…)
    ("2024年法治政府建设工作要点\n力争实现行政诉讼零败诉。", {(0, "target")}),
    # a bureau's own report, the bureau named as the subject: its own record
    (BUREAU + "2023年,县应急管理局实现行政诉讼零败诉。", {(0, "actual")}),
    # a body under the reporter with no count of the report's own: it stands, as a count in digits would
    (COUNTY + "县应急管理局实现行政诉讼零败诉。", {(0, "actual")}),
])
def test_a_zero_record_is_a_count_of_zero(text: str, expected: set) -> None:
    assert lost(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a record not achieved, or broken
    (COUNTY + "未能实现行政诉讼零败诉,全年败诉2件。", {(2, "actual")}),
    (COUNTY + "行政诉讼败诉案件仍有发生,未能实现零败诉。", set()),
    (COUNTY + "打破了连续三年零败诉的纪录。", set()),
    # others' record
    (COUNTY + "向实现零败诉的先进单位学习。", set()),
    # another year's record
    (COUNTY + "2022年实现行政诉讼零败诉,2023年败诉1件。", {(1, "actual")}),
    (COUNTY + "全县行政诉讼败诉3件,较上年零败诉有所反弹。", {(3, "actual")}),
    # words that start with 零 (零星, 零增长), and a rate (零败诉率)
    (COUNTY + "全年行政诉讼败诉案件零星发生。", set()),
    (COUNTY + "行政诉讼败诉案件零增长。", set()),
    (COUNTY + "全区保持零败诉率。", set()),
    # a body's zero beside the report's own count: a part
    (COUNTY + "县应急管理局实现行政诉讼零败诉,全县行政诉讼败诉2件。", {(2, "actual")}),
    # another outcome's zero (a review's 零纠错) is no lawsuit lost
    (COUNTY + "行政复议零纠错。", set()),
])
def test_not_a_zero_count_of_the_report(text: str, expected: set) -> None:
    assert lost(text) == expected

"""A count stated as zero without a numeral (零败诉, 败诉案件“零”) is the value 0 (CONVENTIONS: 零 is a written numeral)."""

from __future__ import annotations

import pytest

from etl.extract.pipeline import process_text


def figures(text: str) -> set[tuple[str, float, str]]:
    return {(f.metric, f.value, f.kind) for d in process_text(text) for f in d.figures}


@pytest.mark.parametrize("text, expected", [
    ("2023年法治政府建设情况报告\n全年负责人出庭应诉率100%,实现行政诉讼零败诉。", ("litigation.lost", 0, "actual")),
    ("2023年法治政府建设情况报告\n行政败诉案件“零”,依法行政能力明显增强。", ("litigation.lost", 0, "actual")),
    ("2023年法治政府建设情况报告\n取得了行政复议、应诉工作零败诉的佳绩。", ("litigation.lost", 0, "actual")),
    # a goal: the kind is read as for any count (力争…)
    ("2024年法治政府建设工作要点\n力争实现行政诉讼零败诉。", ("litigation.lost", 0, "target")),
])
def test_a_zero_record_is_a_count_of_zero(text: str, expected: tuple) -> None:
    assert expected in figures(text)


@pytest.mark.parametrize("text", [
    # one body under the reporter: its record, not the report's own
    "2023年某区法治政府建设情况报告\n区市场监管局实现零败诉。",
    # a rate word after it: not a count
    "2023年法治政府建设情况报告\n全区保持零败诉率。",
    # another outcome's zero (a review's 零纠错) is no lawsuit lost
    "2023年法治政府建设情况报告\n行政复议零纠错。",
])
def test_not_a_zero_count_of_the_report(text: str) -> None:
    assert not any(m == "litigation.lost" for m, _, _ in figures(text))

"""The title line (etl/extract/meta_text.py ``find_title``): a line of the body is no title."""

from __future__ import annotations

import pytest

from etl.extract.meta_text import title_of


@pytest.mark.parametrize("text", [
    # an excerpt opening mid-report: an item of the body (二是…), its sentence ended inside the line
    "2024年,某局较好完成法治建设各项任务。\n二是规范决策程序。集体审议《某市城市环境总体规划(2022—2035年)》\n等事项。",
    # a photo's caption under a news page's picture
    "某乡摆放整齐的工作台账和调解卷宗。 记者张某摄\n近日,记者走进某乡司法所。",
    # an item line with no full stop
    "一是推动完成年度立法计划任务\n坚持把立法工作摆在突出位置。",
])
def test_a_line_of_the_body_is_no_title(text: str) -> None:
    assert title_of(text) is None


def test_a_full_stop_inside_a_quoted_name_does_not_unmake_a_title() -> None:
    title = "某区组织村、社区法律顾问开展“普法你我他。文化进万家”广场主题系列活动"
    assert title_of(title + "\n2023-05-12 10:00\n近日,某区组织律师开展普法活动。") == title

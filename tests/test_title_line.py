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
    # a news page's editor line above its author line: the page's own lines, no headline
    "日前,我县法律援助中心便民服务窗口正式启用。\n[编辑:李 石]\n作者:王某 周某\n编辑:李某",
    "日前,我县法律援助中心便民服务窗口正式启用。\n[责任编辑:李石]\n作者:王某 周某",
])
def test_a_line_of_the_body_is_no_title(text: str) -> None:
    assert title_of(text) is None


def test_a_full_stop_inside_a_quoted_name_does_not_unmake_a_title() -> None:
    title = "某区组织村、社区法律顾问开展“普法你我他。文化进万家”广场主题系列活动"
    assert title_of(title + "\n2023-05-12 10:00\n近日,某区组织律师开展普法活动。") == title


def test_a_headline_of_two_sentences_above_its_stamp_is_the_title() -> None:
    """Second review: a two-sentence headline with the page's stamp under it lost its title."""
    title = "守护绿水青山。湘潭县检察院开展公益诉讼专项行动"
    assert title_of(title + "\n2023-05-12 10:00\n近日,湘潭县检察院开展专项行动。") == title


def test_a_full_stop_inside_corner_quotes_does_not_unmake_a_title() -> None:
    title = "某区开展「法治进万家。服务暖人心」主题活动"
    assert title_of(title + "\n2023-05-12 10:00\n近日,某区组织律师开展普法活动。") == title


def test_an_item_opened_with_yi_yao_is_no_title() -> None:
    assert title_of("一要强化法治建设工作责任落实\n各部门要切实履行职责。") is None


def test_an_original_title_line_is_the_title_without_its_label() -> None:
    """Review: 原标题: is a crawler's label like 标题:, not part of the title."""
    assert title_of("原标题:临沂:清明假期12345热线为民服务5.2万件\n2023-04-06 08:52:04\n记者从临沂市获悉。") == \
        "临沂:清明假期12345热线为民服务5.2万件"

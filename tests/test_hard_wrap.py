"""A text wrapped at a fixed width (PDF text layers, yearbooks) reads as the sentences it was cut from."""

from __future__ import annotations

from etl.extract.pipeline import process_text
from etl.read.hard_wrap import hard_wrap_drops, wrap_width
from etl.read.normalise import normalise

PARAGRAPH = ("2022年,县政府深入推进依法行政,全年共收到行政复议申请56件,依法受理50件,审结48件,其中维持32件、"
             "撤销5件、确认违法2件。全县各级人民调解组织共调解矛盾纠纷1260件,调解成功1238件,调解成功率98.3%。"
             "全年县政府常务会议学法12次,举办领导干部法治专题讲座3场。主动公开政府信息3560条,收到政府信息公开申请"
             "41件,均按时答复。")


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _figures(text: str) -> set[tuple[str, float]]:
    return {(f.metric, f.value) for d in process_text(text) for f in d.figures}


def test_a_paragraph_cut_at_a_fixed_width_gives_the_figures_of_the_whole_one() -> None:
    head = "某某县人民政府关于2022年度法治政府建设情况的报告\n"
    whole = _figures(head + PARAGRAPH)
    assert len(whole) >= 10
    for width in (13, 17, 23, 31):
        wrapped = _wrap(PARAGRAPH, width)
        assert normalise(head + wrapped).text == normalise(head + PARAGRAPH).text
        assert _figures(head + wrapped) == whole


def test_lines_of_different_lengths_are_left_alone() -> None:
    web = "一、总体情况\n2022年,我县全年收到行政复议申请56件。\n全县共调解矛盾纠纷1260件,调解成功1238件,成功率98.3%。\n" \
          "全年主动公开政府信息3560条。\n(二)依申请公开\n收到申请41件。"
    assert wrap_width(web.split("\n")) is None and hard_wrap_drops(web) == []


def test_a_wrapped_line_before_a_heading_or_a_table_row_keeps_its_break() -> None:
    body = _wrap(PARAGRAPH, 20)
    assert len(hard_wrap_drops(body)) >= 5  # the paragraph itself is joined
    for block in ("(二)依申请公开情况", "二、行政复议", "【概况】全市", "| 收到申请 | 41 |"):
        text = body + "\n" + block
        kept = text.rfind("\n")
        assert all(not (a <= kept < b) for a, b in hard_wrap_drops(text)), block


def test_a_heading_keeps_its_line_break_before_a_paragraph_that_opens_with_a_number() -> None:
    # a short heading line is no wrapped sentence: "(一)行政复议案件情况\n12件…" keeps its break
    assert "\n" in normalise("(一)行政复议案件情况\n12件行政复议申请均已审结。").text


def test_a_report_scraped_onto_one_line_keeps_its_sentences_numbers() -> None:
    # a page scraped without its markup: prose and a flattened table on one line; the prose figures are not cells
    line = ("某某局2021年度政府信息公开工作情况报告 一、总体情况 (一)主动公开情况。2021年通过政府网站主动公开信息73条。"
            "(二)依申请公开情况。全年收到政府信息公开申请5件。" + "说明文字。" * 60
            + " 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | 规范性文件 | 0 | 0 | 2 |")
    got = _figures(line)
    assert ("disclosure.proactive_items", 73) in got and ("disclosure.requests_received", 5) in got

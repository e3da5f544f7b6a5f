"""What a PDF's text layer gives: radical code points for characters (etl/read/radicals.py), lone numbers, page numbers."""

from __future__ import annotations

import unicodedata

from etl.extract.pipeline import process_text
from etl.read.radicals import RADICALS, unify_radicals
from etl.read.readers import read_bytes


def test_each_radical_stands_for_one_unified_ideograph() -> None:
    assert len(RADICALS) > 250  # the Kangxi block (214) and the supplement's characters
    for cp, c in RADICALS.items():
        assert len(c) == 1 and ("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"), (hex(cp), c)
        assert unicodedata.name(chr(cp)).startswith(("KANGXI RADICAL", "CJK RADICAL")), hex(cp)


def test_a_text_printed_with_radicals_gives_the_figures_of_the_plain_text() -> None:
    plain = ("某某县人民政府2022年法治政府建设情况报告\n"
             "全县各级人民调解组织共调解矛盾纠纷1260件,调解成功1238件。全年主动公开政府信息3560条。")
    radicals = plain.replace("人", "\u2f08").replace("民", "\u2ea0").replace("一", "\u2f00").replace("行", "\u2f8f") \
        .replace("门", "\u2ed4").replace("长", "\u2ed3").replace("工", "\u2f2f")
    assert radicals != plain and unify_radicals(radicals) == plain
    assert read_bytes(radicals.encode("utf-8"), "txt").text == plain  # every reader's text, as stored and searched
    figures = {(f.metric, f.value) for d in process_text(radicals) for f in d.figures}
    assert figures == {(f.metric, f.value) for d in process_text(plain) for f in d.figures} and len(figures) == 3


def test_a_report_printed_to_pdf_by_a_browser_reads_as_written() -> None:
    # tests/fixtures/printed_with_radicals.pdf: a report written for this test, printed by Chromium with Noto Serif
    # CJK, whose text layer spells 人 民 一 行 as radicals (⼈ ⺠ ⼀ ⾏); lines wrapped at the page margin
    from pathlib import Path

    from etl.read.readers import read_file

    text = read_file(Path(__file__).parent / "fixtures" / "printed_with_radicals.pdf").text
    assert "人民调解" in text and not any("\u2e80" <= c <= "\u2fdf" for c in text)
    got = {(f.metric, f.value) for d in process_text(text) for f in d.figures}
    for expected in [("reconsideration.received", 56), ("reconsideration.correction_rate", 12.5),
                     ("litigation.head_appearance_rate", 100), ("mediation.disputes", 1260),
                     ("mediation.success_rate", 98.3), ("legal_aid.cases", 325),
                     ("disclosure.proactive_items", 3560), ("training.law_lectures", 12),
                     ("normative_docs.reviewed", 18), ("normative_docs.cleaned_up", 26)]:
        assert expected in got, expected


def test_a_lone_number_inside_a_pdf_page_is_kept_and_its_page_number_dropped() -> None:
    # tests/fixtures/lone_numbers.pdf (written for this test, printed by Chromium with a page-number footer): a
    # statistics table printed one cell per line; the page's number "1" is its last line
    from pathlib import Path

    from etl.read.readers import read_file

    text = read_file(Path(__file__).parent / "fixtures" / "lone_numbers.pdf").text
    assert "\n12\n" in text and "\n3\n" in text and not text.rstrip().endswith("\n1")


def test_a_running_head_on_every_page_is_not_the_reports_title_year_or_text() -> None:
    """tests/fixtures/running_heads.pdf: the test's own report on two A6 pages under a gazette's running head
    (某某市人民政府公报 2016年第3期, set small) and a page-number foot. Read as text, the head gave the report its
    title and the year 2016 and split a paragraph at the page break (etl/read/pdf_text.py: repeated first or last
    lines, and a small-type first or last line, are dropped)."""
    from pathlib import Path

    from etl.read.readers import read_file

    text = read_file(Path(__file__).parent / "fixtures" / "running_heads.pdf").text
    assert "公报" not in text and "2016" not in text
    (doc,) = process_text(text)
    assert doc.meta.title == "某某县司法局2023年法治政府建设工作情况报告" and doc.meta.year == 2023
    assert {("mediation.disputes", 1873.0), ("legal_aid.cases", 428.0), ("normative_docs.filing_rate", 100.0)} \
        <= {(f.metric, float(f.value)) for f in doc.figures}


def test_a_watermark_across_the_page_is_not_read_into_its_lines() -> None:
    """tests/fixtures/watermarked.pdf: the test's own report under a slanted watermark (某某市司法局 内部资料, as
    government PDFs carry one). Its characters used to fall one by one into the lines they cross (labelled texts
    printed so: F1 0.86 -> 0.68); characters set at a slant are not the report's."""
    from pathlib import Path

    from etl.read.readers import read_file

    text = read_file(Path(__file__).parent / "fixtures" / "watermarked.pdf").text
    assert "内部资料" not in text and "全年共排查矛盾纠纷2316件,调解矛盾纠纷1873件" in text.replace("\n", "")
    (doc,) = process_text(text)
    assert doc.meta.title == "某某县司法局2023年法治政府建设工作情况报告"
    assert {("mediation.disputes", 1873.0), ("legal_aid.cases", 428.0), ("training.law_lectures", 12.0)} \
        <= {(f.metric, float(f.value)) for f in doc.figures}


def test_only_a_turn_off_the_axes_is_a_watermark() -> None:
    """The second review: an italic's slanted matrix, a page turned a quarter and vertical text were dropped."""
    from etl.read.pdf_text import _turned

    assert _turned({"matrix": (0.65, 0.37, -0.37, 0.65, 0, 0)})  # the fixture's watermark, turned 30 degrees
    assert not _turned({"matrix": (0.75, 0.0, 0.19, 0.75, 0, 0)})  # synthetic italic: slanted, not turned
    assert not _turned({"matrix": (0.0, 1.0, -1.0, 0.0, 0, 0)})  # /Rotate 90
    assert not _turned({"matrix": (12.0, 0.0, 0.0, 12.0, 0, 0)})  # upright


def test_dates_and_small_last_lines_are_kept() -> None:
    """The second review: each part's date (2024年1月15日, 2024年1月12日) was dropped as a running foot, and a small
    last line (a table's 合计 row, a footnote) as a running head."""
    from etl.read.pdf_text import _running_lines, _small_lines

    def line(text: str, height: float = 14.0) -> dict:
        return {"text": text, "top": 0.0, "bottom": height}

    pages = [[line("关于报送报告的函"), line("正文"), line("2024年1⽉15⽇")],
             [line("某某县司法局2023年度报告"), line("正文"), line("2024年1⽉12⽇")]]
    assert _running_lines(pages) == set()
    heads = [[line("某某市人民政府公报 2016年第3期", 9.9), line("正文")], [line("某某市人民政府公报 2016年第4期", 9.9)]]
    assert _running_lines(heads) == {"某某市人民政府公报#年第#期"}
    body = [line("某某县司法局2023年度报告"), line("正文一"), line("正文二"), line("正文三"), line("合计 1207 914", 10.0)]
    assert _small_lines(body) == set()
    assert _small_lines([line("某某市人民政府公报 2016年第3期", 9.9), *body[1:]]) != set()

"""Who the first sentence is about (etl/extract/meta_text.py ``opening_subject``): not a page's stamp, a wire dateline
or the source a reporter heard it from."""

from __future__ import annotations

import pytest

from etl.extract.meta_region import place_of
from etl.extract.meta_text import opening_subject


@pytest.mark.parametrize("text, subject", [
    # a news page's date-time stamp and its author on their own line (normalised: no blank before the name)
    ("2024-11-18 15:07:16项学敏\n2024年以来,六安市金安区先生店镇坚持新时代枫桥经验,化解纠纷18件。", "六安市金安区先生店镇"),
    # a wire dateline with its byline, then the source the reporter heard it from
    ("新华社海口12月7日电(记者刘邓)记者从海南省司法厅获悉,海南扎实推进法律援助民生工程。", "海南"),
])
def test_the_opening_subject_skips_stamps_datelines_and_sources(text: str, subject: str) -> None:
    assert opening_subject(text) == subject


def test_a_town_after_a_page_stamp_is_the_reporter() -> None:
    # development text cd_034: the stamp line was read as the first sentence, and the town it opens with was lost
    text = "2024-11-18 15:07:16项学敏\n2024年以来,六安市金安区先生店镇坚持新时代枫桥经验,化解纠纷18件。"
    assert place_of(None, None, text, False)[1] == "先生店镇"


def test_a_body_the_ministry_honours_is_no_national_report() -> None:
    # development text cf_016: with the source (记者从嘉兴市司法局获悉) no subject, the passive's agent (被司法部评为) made the
    # item a national organ's, and its city was dropped
    from etl.extract.metadata import metadata_of
    text = ("浙江在线01月08日讯 记者从嘉兴市司法局获悉,近日,市法律援助中心被司法部评为“第四届全国法律援助先进单位”,"
            "这已是该中心连续两次获此殊荣。")
    assert opening_subject(text) == "市法律援助中心"
    meta = metadata_of(text)
    assert (meta.province, meta.city) == ("浙江省", "嘉兴市")

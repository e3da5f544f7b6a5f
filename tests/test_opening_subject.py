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


@pytest.mark.parametrize("text, town", [
    # a review of this session's first form: a place the reporter heard it from is the subject the sentence goes on
    # with (该镇), and 被 inside a client's story (被拖欠工资的农民工) ends no subject
    ("记者从桐庐县分水镇获悉,今年以来,该镇共调解矛盾纠纷120件,调解成功率98%。", "分水镇"),
    ("一名被拖欠工资的农民工来到仙居县福应街道司法所求助,司法所共为其追回工资3万元。", "福应街道"),
])
def test_a_place_as_source_and_a_passive_in_a_story_keep_the_town(text: str, town: str) -> None:
    from etl.extract.metadata import metadata_of
    meta = metadata_of(text)
    assert (meta.town, meta.level) == (town, "town")


def test_a_ministrys_release_naming_those_it_rated_stays_national() -> None:
    from etl.extract.pipeline import process_text
    doc = process_text("司法部日前召开新闻发布会,通报2023年全国法律援助工作情况。2023年,全国共办理法律援助案件150万件,"
                       "同比增长8%。北京市、浙江省等10个省(市)在年度考核中被评为优秀等次。")[0]
    assert doc.meta.province is None
    assert ("legal_aid.cases", 1500000) in {(f.metric, f.value) for f in doc.figures}

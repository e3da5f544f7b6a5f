"""The year a document reports on (etl/extract/meta_dates.py): a title's month report, a period inside one year."""

from __future__ import annotations

import pytest

from etl.extract.meta_dates import year_of


@pytest.mark.parametrize("title, text, year", [
    # a monthly report's title names its year with the month
    ("阿图什市司法局2025年1月行政调解工作情况分析报告", "本月共调解纠纷12件。", 2025),
    # a period inside one year is that year, whatever other years the text names
    (None, "根据监督信息平台统计,从2019年1月1日至12月31日,全区共查处卫生行政处罚案件4960件,较2016年增加。", 2019),
    (None, "全区2022年1月至6月共办理法律援助案件320件,较2018年增长一倍。", 2022),
    # a starting point in a title is not the year reported on
    ("2018年以来全市法律援助工作综述", "近年来全市法律援助工作稳步推进。", None),
])
def test_year_of(title: str | None, text: str, year: int | None) -> None:
    assert year_of(title, text, "annual_report") == year

"""Links between pages: the page path plus the filters and page keys (dashboard/links.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from dashboard.filter_model import Filters, from_params
from dashboard.links import link, page_query, report_link


def test_link_carries_filters_then_page_keys() -> None:
    f = Filters(regions=("440000", "430100"), year_from=2022, year_to=2022, synthetic=True)
    url = link("trends", f, {"m": "litigation.cases", "empty": "", "none": None})
    assert url.startswith("trends?")
    query = parse_qs(urlparse(url).query)
    assert query == {"region": ["440000", "430100"], "y0": ["2022"], "y1": ["2022"], "synthetic": ["1"],
                     "m": ["litigation.cases"]}
    assert from_params(query) == f  # the page opened by the link reads the same filters back
    assert link("overview") == "overview" and link("overview", Filters()) == "overview"


def test_report_link_escapes_and_skips_missing_documents() -> None:
    url = report_link("abc&x=1", Filters(levels=("city",)), {"q": "行政复议 纠错率"})
    assert url is not None and url.startswith("reports?")
    assert parse_qs(urlparse(url).query) == {"level": ["city"], "q": ["行政复议 纠错率"], "doc": ["abc&x=1"]}
    assert report_link("d1") == "reports?doc=d1"
    assert report_link(None) is None and report_link(float("nan")) is None and report_link("") is None


def test_page_query_is_what_page_link_takes() -> None:
    f = Filters(regions=("440000", "430100"), metrics=("litigation.cases",))
    assert page_query(f, {"doc": "x", "q": None}) == {"region": ["440000", "430100"], "metric": "litigation.cases",
                                                      "doc": "x"}
    assert page_query(Filters()) == {}

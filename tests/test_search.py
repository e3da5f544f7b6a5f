"""Search: results best first (title before body, more mentions before fewer, then newer), the searched words
marked in escaped HTML (a search for "<b>" stays text), titles derived from the text when only a file name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from test_pages_apptest import run_page

from dashboard import queries, search_view
from dashboard.filters import Filters

# three reports on 行政复议, newest first by year, but relevance says: title (2018), five mentions (2021), one (2023)
REPORTS = {
    "a_2023.txt": "某县2023年法治政府建设年度报告\n2023年,某县坚持依法行政,全年收到行政复议申请12件。其他工作稳步推进。\n",
    "b_2021.txt": "某市2021年法治政府建设年度报告\n2021年,某市加强行政复议工作。行政复议案件增多,行政复议体制改革推进,"
                  "行政复议队伍建设加强,行政复议决定全部履行。\n",
    "c_2018.txt": "某区2018年行政复议工作报告\n2018年,某区收到行政复议申请30件,依法办结。\n",
    "d_2020.txt": "一、基本情况\n2020年,某镇的人民调解工作有序开展,调解纠纷45件。\n",
}


@pytest.fixture(scope="module")
def search_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl.load.build import build

    data = tmp_path_factory.mktemp("search_data")
    for name, text in REPORTS.items():
        (data / name).write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("search_db") / "reports.duckdb"
    build(data, db, progress=False)
    return db


@pytest.fixture
def use_search_db(search_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("REPORTS_DB", str(search_db))
    yield search_db


@pytest.mark.usefixtures("use_search_db")
def test_results_are_ordered_by_relevance_not_year() -> None:
    found = queries.search_documents(Filters(), "行政复议")
    assert list(found["path"]) == ["c_2018.txt", "b_2021.txt", "a_2023.txt"]
    assert list(found["score"]) == sorted(found["score"], reverse=True)
    # ties go to the newer report: without a query the list stays newest first
    assert list(queries.search_documents(Filters(), "")["year"]) == [2023, 2021, 2020, 2018]


@pytest.mark.usefixtures("use_search_db")
def test_a_file_name_title_is_replaced_by_one_from_the_text() -> None:
    found = queries.search_documents(Filters(), "人民调解")
    assert list(found["path"]) == ["d_2020.txt"]
    title = found["title"].iloc[0]
    assert title != "d_2020.txt" and title.startswith("2020年,某镇的人民调解工作有序开展")
    assert "人民调解" in found["context"].iloc[0]


def test_relevance_title_beats_any_number_of_mentions() -> None:
    assert search_view.relevance("行政复议工作报告", [1], ["行政复议"], False) > \
        search_view.relevance("年度报告", [50], ["行政复议"], False)
    assert search_view.relevance("年度报告", [5], ["行政复议"], False) > \
        search_view.relevance("年度报告", [1], ["行政复议"], False)


def test_marks_are_around_escaped_text() -> None:
    assert search_view.mark_terms("<b>注意</b>", ["<b>"]) == '<mark class="hit">&lt;b&gt;</mark>注意&lt;/b&gt;'
    assert search_view.mark_terms("<b>注意</b>", ["注意"]) == '&lt;b&gt;<mark class="hit">注意</mark>&lt;/b&gt;'
    assert search_view.mark_terms("a<i>", []) == "a&lt;i&gt;"
    # the longer word wins where two overlap
    assert search_view.mark_terms("行政复议", ["行政", "行政复议"]) == '<mark class="hit">行政复议</mark>'


@pytest.mark.parametrize("path", ["h_002.txt", "data/reports/广州市2022年报告.html", "a/b.tar.gz", "a/.hidden", "noext",
                                  "a/b.", "dir/sub/", "/abs/x.pdf", "x..txt"])
def test_name_and_stem_are_pathlibs(path: str) -> None:
    assert search_view.name_and_stem(path) == (PurePosixPath(path).name, PurePosixPath(path).stem)


def test_a_derived_title_drops_a_mirrors_pinyin_glosses() -> None:
    text = "人民調(diào)解委員會2015年工作總結(jié)\n全年調(diào)解糾紛120件。"
    assert search_view.derived_title(text) == "人民調解委員會2015年工作總結"


def test_display_title_keeps_real_titles() -> None:
    assert search_view.display_title("广州市2022年法治政府建设年度报告", "gz.txt", "x") == "广州市2022年法治政府建设年度报告"
    assert search_view.is_file_name("h_002", "h_002.txt") and search_view.is_file_name(None, "x.txt")
    assert search_view.display_title(None, "empty.txt", "") == "empty.txt"


@pytest.mark.usefixtures("use_tiny_db")
class TestReportsPage:
    def test_snippet_and_reader_mark_the_word_in_escaped_text(self) -> None:
        at = run_page("reports", {"q": "注意", "doc": "nowhere-2022"})
        html = "".join(h.value for h in at.html)
        hits = '&lt;b&gt;<mark class="hit">注意</mark>&lt;/b&gt;'
        assert html.count(hits) == 2  # the result's snippet and the reader's text
        assert "<b>" not in html
        assert "搜索词出现 1 处" in "".join(m.value for m in at.markdown)

    def test_a_search_for_markup_stays_text(self) -> None:
        at = run_page("reports", {"q": "<b>", "doc": "nowhere-2022"})
        html = "".join(h.value for h in at.html)
        assert '<mark class="hit">&lt;b&gt;</mark>注意&lt;/b&gt;' in html
        assert "<b>" not in html

    def test_result_links_open_the_reader_with_the_search_and_filters(self) -> None:
        at = run_page("reports", {"q": "广州", "level": "city"})
        html = "".join(h.value for h in at.html)
        assert 'href="reports?level=city&amp;q=%E5%B9%BF%E5%B7%9E&amp;doc=gz-2023"' in html
        assert '<mark class="hit">广州</mark>市2023年' in html
        assert list(at.dataframe[0].value["标题"])[:2] == ["广州市2022年法治政府建设年度报告", "广州市2023年法治政府建设年度报告"]

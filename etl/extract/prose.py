"""Prose figures: number first, then what it measures from the words around it.

For each number with a unit (etl/extract/numbers.py) this module finds its clause, the clause after it, its
sentence and the sentence before, and drops changes (同比增长12%), shares (占…87%), other years' and other places'
figures (全国, 2023年为…); etl/extract/prose_match.py then matches those words against the catalogue's wordings
(etl/extract/catalog/metrics.toml): among the metrics whose topic and cue fit, the cue nearest the number wins, and
a clause that starts with the metric's verb right after the number ("6宗已全部办结") wins over everything.
etl/extract/attribution.py decides whose figure it is (the report's own, a part, another body's).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from etl.extract import catalog, scorer
from etl.extract.attribution import (
    OWN,
    Attribution,
    attribute,
    has_subject,
    is_reporters_government,
    names_subject,
    resolve,
)
from etl.extract.kind import NOT_CARRIED_INTO, TARGET_AFTER, TARGET_WORDS, kind_of, yearly_average
from etl.extract.numbers import Number, find_numbers
from etl.extract.other_scopes import names_the_nation, quotes_the_province
from etl.extract.prose_match import (
    LAST_AREA,
    LIST_MARK,
    PART_OR_YEAR,
    match_count,
    match_rate,
    match_share,
    sum_of_both_areas,
    twin_of,
    without_earlier_value,
)
from etl.extract.sentence import find_any as _find_any
from etl.extract.sentence import item_opening
from etl.extract.sentence import rfind_any as _rfind_any
from etl.extract.year_series import series_cue
from etl.read.normalise import Matching

STRONG = "。!?!?\n"
WEAK = ",,;;::"  # 、 joins a list inside one clause (报备率、及时率和规范率均为100%)
RIGHT_STOP = ",,;;。!?!?\n:("

# a 其中 right before a year-by-year series' first year opens the series (其中,2011年…,2012年…), it names no part
_SERIES_QIZHONG = re.compile(r"其中[,，:：]?(?=(?:19|20)\d\d年)")
# a change, not a level: 同比增长12%, 下降3个百分点 (but 下降至16.4% is the level reached)
_CHANGE_BEFORE = re.compile(r"(?:同比|比上年|较上年|环比|比去年|较去年)?"
                            r"(?:增长|增加|减少|下降|上升|提高|降低|增幅|降幅|多出|少)(?:了)?(?:约|近)?$"
                            # the change opening the clause, what changed after it (减少行政立案9件; not 下降到45件)
                            r"|^(?:同比|比上年|较上年|环比|比去年|较去年|与(?:上年|去年)(?:同期)?相比)?(?:增加|减少|下降|上升)"
                            r"(?:了)?(?![至到为])[^,。;\d]{1,8}$")
# a rate named, then its change (with its amount or none), then its value (败诉率同比下降2.1个百分点,为6.2%; …率进一步
# 提升,达46.06%): the value's clause names no rate
_RATE_THEN_CHANGE = re.compile(r"([\u4e00-\u9fff]{1,12}率)(?:同比|比上年|较上年|比去年|较去年)?"
                               r"(?:进一步|稳步|持续|不断|逐步|明显|大幅|显著)?"
                               r"(?:下降|上升|提高|降低|增长|减少|提升)(?:了?[\d.]+个?百分点)?$")
# the same period of the year before, given for comparison (受理24件(去年同期54件)): not this period's figure
_PRIOR_PERIOD = re.compile(r"(?:去年|上年|上一年)(?:度)?同期(?:分别)?(?:为|是|有|共)*$")
_SHARE_BEFORE = re.compile(r"占[^,。;]{0,20}(?:的|比例|比重|总数)?(?:约|近)?$")
# a year, not a date (2008年5月1日以前发布的), nor the year a case is carried into (结转至2024年办理1件)
CLAUSE_YEAR = re.compile(r"(?<!\d)" + NOT_CARRIED_INTO + r"(19[89]\d|20[0-4]\d)年(?!\d{1,2}月|(?:度)?结转(?:的)?$)")
# a rate that a group of places or units reached ("出庭应诉率达到100%的有青岛、枣庄等5个市"): not the report's rate
_RATE_OF_GROUP = re.compile(r"^的(?:有|单位|地区|部门|县|市|区|乡镇|占)")
# the rate named right after its value (99.97%的调解成功率, 92.42%的化解率): a value before its noun
_RATE_AFTER = re.compile(r"^的([\u4e00-\u9fff]{1,8}率)(?!先)")
_PER_CAPITA = re.compile(r"\s*/\s*(?:每)?[万千百十]?(?:人|户|名|人口)")
# a gloss in brackets between the label and its number (…案件(含上年结转)2755件) says what the count includes
# (a gloss on how cases ended, 终止审理(含撤回申请)8件, is the label's own word and stays)
_GLOSS_BEFORE = re.compile(r"[((](?:含|包括|包含|其中含)(?![^()()]{0,20}(?:撤回|和解|调解))[^()()]{0,20}[))]$")
# after the unit, a noun means the number counts that noun (22件实事, 50多个领域) — unless one of these follows
_NEXT_OK = set("已均全共其同比较占为是经由以左余多的中和及与并等次涉达分按办结审受")


@dataclass
class Figure:
    metric: str
    value: float
    unit: str
    qualifier: str
    kind: str
    start: int  # offsets into the document's original text
    end: int
    evidence: str
    rule: str
    confidence: float
    scope: str = "own"  # total (said to be a whole: 共, 全市 …) | own | running (累计 over years, or a series' earlier year)
    area: int = 0  # where the subject area was named: 0 clause, 1 sentence, 2 sentence before, 3 heading/title

    def as_dict(self) -> dict:
        return {"metric": self.metric, "value": _clean(self.value), "unit": self.unit,
                "qualifier": self.qualifier, "kind": self.kind, "start": self.start, "end": self.end,
                "evidence": self.evidence, "rule": self.rule, "confidence": round(self.confidence, 3),
                "scope": self.scope}


def _clean(v: float) -> float | int:
    r = round(v, 4)
    return int(r) if r == int(r) else r


@dataclass(frozen=True)
class DocContext:
    year: int | None
    doc_type: str
    level: str
    national: bool = False  # a national organ's own report: its 全国 figures are its own
    disclosure_report: bool = False  # a 政府信息公开年度报告: its 行政复议/行政诉讼 counts are the disclosure ones
    receiver: bool = False  # a congress standing committee's filing review: what it received is its count
    genres: frozenset[str] = frozenset()  # the kinds of report this is (catalogue [genres]): 行政执法情况报告 …
    below_province: bool = False  # a county's or town's report (or one of their departments'): 全省 is a superior's


def _unit_ok(metric: catalog.Metric, unit: str) -> bool:
    return metric.units is not None and bool(metric.units.match(unit))


class _ProseMetrics:
    """The catalogue's metrics as extract_prose reads them, sorted once per catalogue, not per document."""

    def __init__(self, catalogue: dict[str, catalog.Metric]) -> None:
        self.catalogue = catalogue
        metrics = [x for x in catalogue.values() if not x.table_only or x.cue or x.rate]
        self.rate = [x for x in metrics if x.rate is not None]
        self.count = [x for x in metrics if x.rate is None and (x.cue is not None or x.after is not None)]
        self.by_unit: dict[str, list[catalog.Metric]] = {}  # count metrics that take a unit

    def for_unit(self, unit: str) -> list[catalog.Metric]:
        found = self.by_unit.get(unit)
        if found is None:
            found = self.by_unit[unit] = [x for x in self.count if _unit_ok(x, unit)]
        return found


_PROSE_METRICS: list[_ProseMetrics] = []


def _prose_metrics() -> _ProseMetrics:
    catalogue = catalog.load()
    if not _PROSE_METRICS or _PROSE_METRICS[0].catalogue is not catalogue:
        _PROSE_METRICS[:] = [_ProseMetrics(catalogue)]
    return _PROSE_METRICS[0]


# a share of the count just stated ("…共48件 占已审结案件4.18%")
_SHARE_CLAUSE = re.compile(r"^[,,\s]*占(?!比)[^,。;]{0,20}$")
_SHARE_OF_LAST = re.compile(r"^[^,。;]{0,8}占[^,。;]{0,4}(?:审结|结案|办结|受理|审理|收案|诉讼|应诉)[^,。;]{0,6}$")
# a number between its verb and its noun: "收到的29.2万件行政复议案件", "19件规章和96件规范性文件"
_BY_DE = re.compile(r"(?:的|了|共|计)$")
# a verb of the case families right before 的 (全年受理的73件行政诉讼案件): the noun after the number is what was counted
_VERB_BEFORE_DE = re.compile(r"(?:收到|接收|新收|受理|办结|审结|办理|审查|审核|制定|出台|印发|制发|清理|报备|备案)的$")
_NOUN_AFTER = re.compile(r"^[^,。;占的]{0,4}?(?:行政复议|行政诉讼|法律援助|纠纷|申请|案件|规范性文件|合同|信息)")
# verb, number, noun: "我镇收到0件信息公开申请", "办结3件行政复议案件" — the whole noun phrase after the number
_VERB_END = re.compile(r"(?:收到|接收|接到|接受|新收|受理|办结|审结|办理|审查|审核|制定|出台|印发|制发|起草|废止|修订|清理|"
                       r"报备|备案)(?:了)?$")
_NOUN_PHRASE = re.compile(r"^[^,。;占的\d]{0,10}(?:行政复议(?:申请|案件)?|行政诉讼(?:案件)?|法律援助(?:案件)?|纠纷|申请|案件|"
                          r"规范性文件|合同)")
_NOTICE_NOUNS = ("决定", "答复通知", "应诉通知", "通知书", "判决", "裁定")
_LIST_NEXT = re.compile(r"[、和及]|以及")  # "3.3万件、残疾人…": the next item of a list starts here
# a clause that only names a running total after a count ("…全年共计6条,历年累计978条"): the same measure, all years
_NO_SUBJECT = ("outcome", "frequency", "fallback")  # parts a following subjectless clause does not go on with (a
# stand-in wording, 排查 for 调解, is the clause's own word, not a subject)
_RUNNING_AFTER = re.compile(r"^\s*(?:历年|至今|截至目前|建站以来|开通以来)(?:累计|共|共计)?(?:有|为|达)?\s*$")
_LIST_TOTAL = re.compile(r"^\s*(?:以上)?(?:共|共计|合计|总计|计|累计)(?:有|为|达)?\s*$")  # "…,共48件" after a list
_VERB = re.compile(r"制发|收到|接收|新收|收案|受理|立案|办理|办结|审结|结案|审查|审核|调解|调处|化解|排查|发布|公开|提供|接待|"
                   r"开展|组织|举办|召开|查处|作出|做出|制定|出台|印发|清理|报备|备案|报送|维持|撤销|驳回|纠正|承办|处理|"
                   r"参加|应诉|废止|修改|培训|审批|指派|解答|中止|终止|撤回|放弃|补正")
_OUTCOME_BEFORE = re.compile(r"(?:予以|不予|部分)$")
# a count whose unit the report left out ("共审结复议案件4696,审结率…", "共受理4申请"): right after the case noun
_CASE_NOUN_END = re.compile(r"(?:案件|申请|纠纷|事项)(?:共|合计|总数|数)?(?:为|达|有)?$")


# a section heading: a short line without a full stop, or one that starts with a section number
_HEADING = re.compile(r"^[ \t]*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])?[^\n。]{2,30}$", re.M)


@cache
def _in_genre(key: str) -> catalog.Metric:
    """A metric whose genre wording counts as a cue too (inside a report of that genre), made once."""
    m = catalog.metric(key)
    wordings = [rx.pattern for rx in (m.cue, m.genre_cue) if rx is not None]
    return dataclasses.replace(m, cue=re.compile("|".join(f"(?:{w})" for w in wordings)))


def _topic_free(key: str) -> catalog.Metric:
    """A metric without its topic test (a disclosure report's 行政复议 count needs no 因信息公开), made once."""
    return dataclasses.replace(catalog.metric(key), topic=None)


@lru_cache(maxsize=4)
def _headings(text: str) -> tuple[list[int], list[str]]:
    """The starts of the document's heading lines and those lines (a heading is a whole line: found once, not
    in a window above every number)."""
    found = list(_HEADING.finditer(text))
    return [h.start() for h in found], [h.group(0) for h in found]


def _heading_line(text: str, line_start: int, reach: int = 1500) -> str:
    """The nearest heading line above ``line_start`` (within ``reach`` characters), without the document's first line."""
    starts, lines = _headings(text)
    i = bisect_left(starts, line_start) - 1
    return lines[i] if i >= 0 and starts[i] >= max(0, line_start - reach) else ""


def _heading_above(text: str, line_start: int, reach: int = 1500) -> str:
    """The nearest heading line above ``line_start`` (within ``reach`` characters) and the document's first line."""
    first = text[:text.find("\n")] if "\n" in text else text[:60]
    return _heading_line(text, line_start, reach) + "\n" + first[:60]


# (?<![\d.])\d{1,7}(?=[,,;;。、)]|$) as digits first, the lookbehind tested on each match: the same numbers (a run
# of over 7 digits yields a match inside it, which the test drops), found without a lookbehind at every position
_BARE_COUNT = re.compile(r"\d{1,7}(?=[,,;;。、)]|$)")
_DIGIT_OR_POINT = re.compile(r"[\d.]")
# a bare count right after a count verb whose list just gave its unit (共排查矛盾纠纷8451件,调处8438,调解成功7913件)
_UNIT_BEFORE = re.compile(r"\d(?:件|起|宗)[,,、](?:调处|调解|化解|受理|办结|审结|办理|收到|立案|结案)$")
# a second number right after a count (受理和答复…15件、13件: each verb its own count, not one count of both)
_NEXT_NUMBER = re.compile(r"[、和及]\s*\d")


def _bare_counts(text: str, numbers: list[Number]) -> list[Number]:
    """Integers with no unit that stand before a stop right after a case noun, or after a count verb whose list
    neighbour gave the unit: their unit is implied."""
    out = []
    for m in _BARE_COUNT.finditer(text):
        if m.start() and _DIGIT_OR_POINT.match(text, m.start() - 1):
            continue  # the lookbehind of (?<![\d.])\d{1,7}(?=…), tested after the digits (see _BARE_COUNT)
        if not _CASE_NOUN_END.search(text[max(0, m.start() - 8):m.start()]) \
                and not _UNIT_BEFORE.search(text[max(0, m.start() - 16):m.start()]):
            continue
        out.append(Number(m.start(), m.end(), m.start(), float(m.group(0)), "件", "exact", m.group(0), False))
    if not out:
        return numbers
    taken = {n.start for n in numbers}
    return sorted(numbers + [n for n in out if n.start not in taken], key=lambda n: n.start)


_RESPECTIVELY = re.compile(r"分别(?:为|是|达|有|达到)?")


def _between_pipes(text: str, num: Number, line_start: int, line_end: int) -> bool:
    """A number in a table cell: a "|" on its line within 40 characters before it and after it. A whole report
    scraped onto one line (its tables' pipes far off) keeps its sentences' numbers."""
    if line_end - line_start < 400:
        return True  # an ordinary line with two pipes is a table row, cells however wide
    return "|" in text[max(line_start, num.start - 40):num.start] and "|" in text[num.end:min(line_end, num.end + 40)]


def _rate_named_before(text: str, clause_start: int, left: str) -> str:
    """The rate word of the clause before when this clause is only its value (…率同比下降2.1个百分点,为6.2%)."""
    if clause_start == 0 or left.strip() not in ("为", "达", "达到", "是") or text[clause_start - 1] not in ",,;;":
        return left  # only a clause of the same sentence: 。 ends the rate's sentence
    m = _RATE_THEN_CHANGE.search(text, max(0, clause_start - 40), clause_start - 1)
    return m.group(1) + left.strip() if m else left


def _respective_item(text: str, sent_start: int, num_start: int) -> str | None:
    """For a number in a list said of a list (A和B分别为N件和M件), the item of the first list it belongs to: the k-th
    number after 分别 is the k-th thing named before it. None when the clause has no such pair of lists."""
    clause = text[_rfind_any(text, WEAK, num_start, sent_start):num_start]
    m = _RESPECTIVELY.search(clause)
    if m is None:
        return None
    items = [x for x in LIST_MARK.split(clause[:m.start()]) if x.strip()]
    k = len(LIST_MARK.findall(clause[m.end():]))
    if len(items) < 2 or k >= len(items) or not all(_VERB.search(x) for x in items):
        return None  # 济南、临沂…受理案件数分别为…: places sharing one predicate, each its own place's count
    return items[k]


def extract_prose(m: Matching, ctx: DocContext) -> list[Figure]:
    """Figures written in sentences."""
    text = m.text
    prose_metrics = _prose_metrics()
    rate_metrics = prose_metrics.rate
    out: list[Figure] = []
    attributions: list[Attribution] = []
    sentences: list[tuple[int, int, int]] = []
    first_in_sentence: dict[int, int] = {}  # sentence start -> index of its first figure (a scan per figure was quadratic)
    contexts: list[tuple[str, str, str, bool]] = []  # (clause, sentence, right, in a series) of each candidate, for the scorer
    last_end = 0  # where the last number taken as a figure ends
    prev_end = 0  # where the last number ends
    for num in _bare_counts(text, find_numbers(text)):
        clause_floor = prev_end
        if not (num.unit == "年" and 1900 <= num.value <= 2100):  # a year inside a list item does not end the list
            prev_end = num.end if _LIST_NEXT.match(text, num.end) else 0
        if not num.unit:
            continue
        line_start = text.rfind("\n", 0, num.start) + 1
        line_end = text.find("\n", num.end)
        line_end = len(text) if line_end == -1 else line_end
        if text.count("|", line_start, line_end) >= 2 and _between_pipes(text, num, line_start, line_end):
            continue  # table rows are read by etl/extract/tables.py (a page scraped onto one line: only its cells)
        sent_start = _rfind_any(text, STRONG, num.start, max(0, num.start - 300))
        prev_start = _rfind_any(text, STRONG, max(sent_start - 1, 0), max(0, sent_start - 300)) if sent_start > 0 else 0
        if prev_start < line_start and sent_start >= line_start and text[sent_start - 1:sent_start] == "\n" \
                and sent_start - prev_start > 60:
            prev_start = sent_start  # the paragraph before lends no topic, unless it is a short heading
        # a clause runs from the last , ; : — or from the number before it ("…3.3万件、残疾人…1.1万件")
        clause_start = max(_rfind_any(text, WEAK, num.start, sent_start), clause_floor)
        if clause_start > sent_start and text[clause_start - 1] in ":：" and not text[clause_start:num.start].strip():
            # a label and its number (主动公开政府信息:2150条): the words before the colon are the number's clause
            clause_start = max(_rfind_any(text, WEAK, clause_start - 1, sent_start), clause_floor)
        left = _GLOSS_BEFORE.sub("", text[clause_start:num.start])  # 审结行政复议案件(含结转)2755件: the gloss says what is in
        if (item := _respective_item(text, sent_start, num.start)) is not None:
            left = item  # 收到…申请和审结…案件分别为56件和50件: the k-th number is the k-th named
        if (series := series_cue(text, num.start, sent_start, ctx.year)) is not None:
            left = series[0]  # 收案数2014年480件,2015年1349件: each year's item is read with the measure named first
        sentence_left = text[sent_start:num.start]
        right_end = _find_any(text, RIGHT_STOP, num.end, min(len(text), num.end + 60))
        right = text[num.end:right_end]
        topic_ctx = text[prev_start:num.start] + right
        if names_the_nation(sentence_left) and not ctx.national:
            continue
        if ctx.below_province and quotes_the_province(left, sentence_left):
            continue  # 全省法院共受理… in a county's report: the province's figure, quoted
        if ctx.year and series is None and any(int(y) < ctx.year or (int(y) > ctx.year and not TARGET_WORDS.search(left))
                            for y in CLAUSE_YEAR.findall(without_earlier_value(left) if num.unit == "%" else left)):
            continue  # another year's figure; a later year's with a goal word is a plan's target (2025年…要达到90%)
        noun_after = False
        shared = match_share(left, topic_ctx, rate_metrics, sentence_left) if num.unit == "%" else None
        if shared is None and num.unit == "%" and out and sentences[-1][0] == sent_start and out[-1].scope == "total" \
                and _SHARE_OF_LAST.search(left):
            # "撤销…、责令履行4件,共48件 占已审结案件4.18%": the share of a total just given is its rate (a share of
            # one kind of outcome, 撤销及确认违法6件,占审结案件总数的1.9%, is not: GOLD.md)
            shared = next(((x, f"prose-share:{x.key}", 0.8) for x in rate_metrics if x.numerator == out[-1].metric), None)
        if shared is None and num.unit == "%" and out and sentences[-1][0] == sent_start and _SHARE_CLAUSE.match(left) \
                and (attributions[-1].is_own or attributions[-1].part == "subset") and not PART_OR_YEAR.search(
                    out[-1].evidence) and not re.search(r"\d", text[sentences[-1][2]:num.start - len(left)]):
            # "判决行政机关败诉的1121件,占8.17%": the share of the count just before, saying what it counts, is its rate
            shared = next(((x, f"prose-share:{x.key}", 0.8) for x in rate_metrics if x.numerator == out[-1].metric
                           and x.share and x.share.search(out[-1].evidence + left)), None)
        if _CHANGE_BEFORE.search(left) or _PRIOR_PERIOD.search(left) \
                or (num.unit == "%" and shared is None and _SHARE_BEFORE.search(left)):
            continue
        if num.unit != "%" and _PER_CAPITA.match(right):
            continue  # 万人成讼率为1.81件/万人: a ratio, not a count
        if num.unit == "%" and num.value > 100:
            continue  # every catalogue rate is a share of a whole: 办结率为20230% is a garbled page, not a rate
        if shared is not None:
            best = shared
        elif num.unit == "%":
            # the paragraph's opening (12345热线受理诉求430件。其中投诉类407件…。按时办结率为100%) or the section heading
            # above names the area when the sentences around name none (办理行政复议案件情况\n…直接纠错率为10.97%): the
            # last resort, as for counts
            own_area = any(x.topic is not None and x.topic.search(topic_ctx) for x in rate_metrics)
            opening = "" if own_area else item_opening(text, line_start, prev_start)
            rate_ctx = topic_ctx if own_area else topic_ctx + "\n" + opening + "\n" + _heading_line(text, line_start)
            named_after = _RATE_AFTER.match(right)  # 以99.97%的调解成功率: the rate named after its value
            best = None if _RATE_OF_GROUP.match(right) else match_rate(
                left + named_after.group(1) if named_after else _rate_named_before(text, clause_start, left),
                rate_ctx, rate_metrics, opening + "\n" + sentence_left + right)  # the opening's vetoes too
        else:
            count_metrics = prose_metrics.for_unit(num.unit)
            heading = _heading_above(text, line_start)
            if ctx.disclosure_report:
                # a disclosure report's reconsideration and litigation counts are the disclosure ones, whatever the
                # heading above them says (依申请公开情况: …发生行政复议案件1件)
                count_metrics = [_topic_free(x.key) if x.disclosure_own else x for x in count_metrics
                                 if not x.key.startswith(("reconsideration.", "litigation."))]
            if ctx.genres:
                count_metrics = [_in_genre(x.key) if x.genre in ctx.genres else x for x in count_metrics]
            best = match_count(num, left, right, topic_ctx, sentence_left, count_metrics, ctx.receiver, heading)
            phrase = _NOUN_PHRASE.match(right) if _VERB_END.search(left) else None
            if phrase is not None and not right[phrase.end():].startswith(("时", "中", "的", "过程", *_NOTICE_NOUNS)):
                # (…办结2件行政复议案件时,发现…: a circumstance; …的450件案件中: a frame for parts; 接到2件行政复议决定,
                # 答复通知书: what a respondent is sent — not counts of the phrase)
                # verb, number, noun ("收到3件信息公开申请"): the noun after the number says what was counted
                best = match_count(num, left + phrase.group(0), right[phrase.end():], topic_ctx, sentence_left,
                                    count_metrics, ctx.receiver, heading)
                noun_after = best is not None
            noun = _NOUN_AFTER.match(right) if best is None and _BY_DE.search(left) else None
            if noun is not None:
                # "收到的29.2万件行政复议案件": the verb before the number, the case noun after it
                best = match_count(num, left + noun.group(0), right[noun.end():], topic_ctx, sentence_left,
                                    count_metrics, ctx.receiver, heading)
                phrase = _NOUN_PHRASE.match(right)
                noun_after = best is not None and _VERB_BEFORE_DE.search(left) is not None and not (
                    phrase is not None and right[phrase.end():].startswith(("时", "中", "过程")))
            if best is None and clause_start > sent_start and not _VERB.search(left):
                # a list that names its verb once ("审核…规章28部,…规范性文件148件"): the verb of the clause before
                prev_clause = text[_rfind_any(text, WEAK, clause_start - 1, sent_start):clause_start - 1]
                prev_clause = prev_clause.split("占")[0]  # not the verb of a share (…占收到申请总数的11.4%)
                # nor of a frame for parts (收到的行政复议申请中,行政处罚15件: the requests sorted, not received again)
                verbs = [] if prev_clause.rstrip().endswith("中") else list(_VERB.finditer(prev_clause))
                outcome = _OUTCOME_BEFORE.search(prev_clause, 0, verbs[-1].start()) if verbs else None
                if outcome and (outcome.group() != "予以" or re.search(r"\d", prev_clause[verbs[-1].end():])):
                    verbs = []  # 予以公开5件, 本机关不掌握…1件: a list of outcomes, each named by its own words and count
                if verbs:
                    best = match_count(num, verbs[-1].group(0) + left, right, topic_ctx, sentence_left, count_metrics,
                                        ctx.receiver, heading)
        listed_total = False
        if num.unit != "%" and _LIST_TOTAL.match(left) and len(out) >= 2 \
                and sentences[-1][0] == sent_start and sentences[-2][0] == sent_start \
                and out[-1].metric == out[-2].metric and (best is None or best[0].key == out[-1].metric):
            # "撤销22件、确认违法21件、变更1件、责令履行4件,共48件": the sum of the list just given
            prev = catalog.metric(out[-1].metric)
            best, listed_total = (prev, f"prose-sum:{prev.key}", 0.8), True
            for k in range(len(out) - 1, -1, -1):
                if sentences[k][0] != sent_start or out[k].metric != prev.key:
                    break
                attributions[k] = Attribution("listed", "if_total", "")
        inherited = False
        if best is None and num.unit != "%" and _RUNNING_AFTER.match(left) and out and out[-1].unit == num.unit \
                and sentences[-1][0] == sent_start:
            # "主动公开政府信息…全年共计6条,历年累计978条": the running total of the figure just stated (GOLD: labelled)
            prev = catalog.metric(out[-1].metric)
            best, inherited = (prev, f"prose-running:{prev.key}", 0.75), True
        goal_of = catalog.metric(out[-1].metric) if best is None and TARGET_AFTER.search(right) and out \
            and out[-1].unit and num.unit != "%" and out[-1].start >= m.span(sent_start, sent_start + 1)[0] else None
        if goal_of is not None and _unit_ok(goal_of, num.unit):
            # "已办理法律援助案件245件,全年200件目标任务已超额完成": the goal of the figure just stated (…成功率98.2%,
            # 三项任务指标圆满完成: three tasks are no goal of a rate)
            best, inherited = (goal_of, f"prose-goal:{goal_of.key}", 0.75), True
        if best is None:
            continue
        metric, rule, confidence = best
        if sum_of_both_areas(metric, left, num.value):
            continue  # 办理行政复议、行政应诉案件共计547件: both areas' sum, neither's own
        area = LAST_AREA[0] if rule.startswith(("prose-cue", "prose-after")) else 0
        if not inherited and not noun_after and num.unit != "%" and right[:1] and "\u4e00" <= right[0] <= "\u9fff" \
                and right[0] not in _NEXT_OK and not rule.startswith("prose-after"):
            continue
        kind = kind_of(ctx.year, ctx.doc_type, sentence_left, left, right)
        # a series' own 其中 is dropped (其中某领域2020年… stays a part)
        attribution = OWN if inherited else attribute(left, _SERIES_QIZHONG.sub("", sentence_left) if series else sentence_left)
        each_year = yearly_average(ctx.doc_type, left, num.unit)
        if each_year and attribution.is_own:
            attribution, kind = Attribution("average", "never", each_year), "actual"
        if is_reporters_government(attribution, ctx.level):
            attribution = OWN  # 县政府常务会会前学法2次 in a county's report: the reporter itself, not a body under it
        if listed_total:
            attribution = Attribution(None, "own", left, True)
        if attribution == OWN and attributions and not has_subject(left) and attributions[-1].part not in _NO_SUBJECT \
                and not re.sub(r"[\s,,;;、]", "", text[last_end:clause_start]):
            # "省政府新收…188件,受理109件": the next clause goes on with its subject (an outcome, 撤销1件, or a standing
            # rule's frequency, 每季度集体学法不少于1次, is no subject)
            attribution = attributions[-1]
        elif attribution == OWN and not has_subject(left):
            # "省政府及其部门受理…1784件,…在对申请答复的1677件中,属同意公开的318件": a sentence opened by a body's
            # figure goes on with that body until another subject is named
            k = first_in_sentence.get(sent_start)
            first = attributions[k] if k is not None else None
            if first is not None and names_subject(first):
                attribution = first
        if attribution.is_own and metric.fallback is not None and metric.fallback.search(left):
            attribution = Attribution("fallback", "if_other", metric.fallback.search(left).group(0))
        if (attribution.is_own or attribution.part == "breakdown") and metric.part_cue is not None:
            near = left[-24:]
            cue = metric.part_cue.search(near)
            named = {m.group(0) for m in metric.part_cue.finditer(near)}
            if cue and len(named) < 2 and not (metric.cue and metric.cue.search(near[:cue.start()])):
                # one outcome (撤销3件); several named together (撤销及确认违法6件) are the total of them
                attribution = Attribution("outcome", metric.part_policy, cue.group(0))
        ev_start = max(clause_start, num.start - 40)
        a, b = m.span(ev_start, num.end)
        out.append(Figure(metric.key, num.value, metric.unit, num.qualifier, kind, a, b,
                          m.original[a:b], rule, confidence))
        earlier = series is not None and ctx.year is not None and series[1] < ctx.year  # a series' earlier year
        out[-1].scope = "running" if earlier or (attribution.is_running and not attribution.is_total) else \
            "total" if attribution.is_total else "own"
        out[-1].area = area
        attributions.append(attribution)
        first_in_sentence.setdefault(sent_start, len(sentences))
        sentences.append((sent_start, num.start, num.end))
        contexts.append((left, sentence_left, right, series is not None))
        twin = twin_of(metric, left, num.value) or (catalog.metric(metric.also) if metric.also and metric.also_cue
                                                     and metric.also_cue.search(left)
                                                     and not _NEXT_NUMBER.match(text, num.end) else None)
        if twin is not None:
            # 进入行政复议和行政诉讼程序均为0件: the count is each named area's
            out.append(Figure(twin.key, num.value, twin.unit, num.qualifier, kind, a, b, m.original[a:b],
                              f"{rule.split(':', 1)[0]}:{twin.key}", confidence))
            out[-1].scope, out[-1].area = out[-2].scope, area
            attributions.append(attribution)
            sentences.append((sent_start, num.start, num.end))
            contexts.append(contexts[-1])
        last_end = num.end
    keep = resolve(out, attributions, sentences)
    cands = [scorer.Candidate(f.metric, f.value, f.unit, f.qualifier, f.kind, f.rule, f.confidence, f.scope, f.area,
                              a.part, a.policy, k, left, sentence_left, right, in_series)
             for f, a, k, (left, sentence_left, right, in_series) in zip(out, attributions, keep, contexts, strict=True)]
    keep = scorer.decide(cands, ctx.doc_type, ctx.national)
    return [f for f, k in zip(out, keep, strict=True) if k]

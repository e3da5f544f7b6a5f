"""Whose figure is it: the report's own, or a part of it?

Reports give their own total and then its parts — each receiving body's line, a group of lower
governments, a category of cases, one publication channel, an average. A dashboard that shows
the parts as the report's figure, or adds them to the total, misleads. This step reads the
words before each number against the families in etl/extract/catalog/attribution.toml and says which
part (if any) the figure is, and whether that part is dropped always or only when the report
also states the total (``resolve``).
"""

from __future__ import annotations

import bisect
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

ATTRIBUTION_PATH = Path(__file__).resolve().parent / "catalog" / "attribution.toml"

# Where a clause's subject ends: the first verb or adverb of counting (who did it comes before).
_SUBJECT_END = re.compile(
    r"收到|接收|新收|收案|受理|立案|办理|办结|审结|结案|审查|审核|调解|调处|化解|排查|发布|公开|提供|接待|开展|组织|"
    r"举办|召开|查处|作出|做出|制定|出台|印发|清理|报备|备案|报送|维持|撤销|驳回|纠正|承办|处理|参加|出庭|应诉|共|累计|合计|"
    r"总计|先后|全年|依法|成功|有效|新增|完成|实现|达到|达|为|是|有")


@dataclass(frozen=True)
class PartRule:
    name: str
    where: str
    policy: str
    rx: re.Pattern[str]
    scope_vetoes: bool = True  # the report's own scope in the subject (全市各级…) makes it the report's figure
    never_if_sentence: re.Pattern[str] | None = None  # the sentence makes this part one of an unstated whole's
    names_subject: bool = False  # it names who the figure is about: a sentence opened by it goes on with it
    whole_if_channels: bool = False  # the website named with other channels (Rules.channels_together) makes it a whole


@dataclass(frozen=True)
class Attribution:
    """What the words before a figure say about its scope."""

    part: str | None  # the family name ("sub_body", "average", …) or None for the report's own
    policy: str  # never | if_total | if_total_or_siblings | if_total_before | if_any_total | if_other | own
    cue: str  # the words that said so
    is_total: bool = False  # an own figure whose clause says it is a whole (共, 合计, 全市 …)
    is_running: bool = False  # an own figure that adds up several years (累计, 以来)

    @property
    def is_own(self) -> bool:
        return self.part is None


OWN = Attribution(None, "own", "")


@dataclass(frozen=True)
class Rules:
    parts: tuple[PartRule, ...]
    own: re.Pattern[str]  # the report's own scope named in a subject (全市各级…)
    total: re.Pattern[str]  # a clause that states a whole (共, 合计, 全市 …)
    appellate: re.Pattern[str]
    running: re.Pattern[str]  # a running total over years (累计): the year's figure is not its part
    self_government: dict[str, re.Pattern[str]]  # the reporter's own government by the report's level
    channels_together: re.Pattern[str]  # the website named with other channels: their whole, not one channel's


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = tomllib.loads(ATTRIBUTION_PATH.read_text(encoding="utf-8"))
    parts = tuple(PartRule(p["name"], p["where"], p["policy"], re.compile(p["pattern"]), p.get("scope_vetoes", True),
                           re.compile(p["never_if_sentence"]) if p.get("never_if_sentence") else None,
                           p.get("names_subject", False),
                           p.get("whole_if_channels", False))
                  for p in data["part"])
    own = data["own"]
    return Rules(parts, re.compile(own["pattern"]), re.compile(own["total"]), re.compile(own["appellate"]),
                 re.compile(own["running"]), {k: re.compile(v) for k, v in own["self_government"].items()},
                 re.compile(own["channels_together"]))


def names_subject(a: Attribution) -> bool:
    """Does the part family name who the figure is about (市政府收到…, 14个县级政府…)?"""
    return any(r.name == a.part and r.names_subject for r in rules().parts)


def is_reporters_government(a: Attribution, level: str) -> bool:
    """A sub-body that is only the reporter's own government by its level word (县政府 in a county's report)."""
    rx = rules().self_government.get(level)
    return a.part == "sub_body" and rx is not None \
        and rx.fullmatch(re.sub(r"^[\s\d年月日内初底今全]*", "", a.cue)) is not None


_QUANTITY = {"共", "累计", "合计", "总计", "全年", "达到", "达", "为", "是", "有"}
# (对 as in 对接/对口 is no preposition: 诉调对接中心调解…: the centre is the subject)
_PREPOSITION = re.compile(r"(?:向|对(?!接|口)|给|为|经|与|配合|协助|会同|针对|通过|利用|依托)[^,。;]*$")
# a title quoted in the clause (《中华人民共和国村民委员会组织法》, 《关于…的通知》) names a law or a document, not who acted
_QUOTED_TITLE = re.compile(r"《[^《》]{0,60}》")


def subject_of(clause: str) -> str:
    """The clause's words before its last verb, less a trailing prepositional phrase: who the figure is about.

    The last verb, not the first: "报送数据的省直部门共收到…" names its subject with a verb inside it.
    "向市政府报送备案…" names the recipient, not the subject.
    """
    clause = _QUOTED_TITLE.sub("", clause)
    verbs = list(_SUBJECT_END.finditer(clause))
    # 主动发布政府信息共计…: 共计 counts, it does not act; 收到政府信息公开依申请…: 信息公开 is a noun
    acts = [v for v in verbs if v.group() not in _QUANTITY
            and not (v.group() == "公开" and clause[max(0, v.start() - 2):v.start()] in ("信息", "政务"))]
    last = acts[-1] if acts else verbs[-1] if verbs else None
    subject = clause[:last.start()] if last else clause
    return _PREPOSITION.sub("", subject)


def has_subject(clause: str) -> bool:
    """Does the clause name who did it (a CJK noun before its verb), or does it go on with the sentence's subject?"""
    subject = re.sub(r"^(?:[\s\d年月日上下半全度以来截至止底前后,,、]|其中|另有|还有|包括|含|属)*", "", subject_of(clause))
    subject = re.sub(r"[\u4e00-\u9fff]{0,6}率$", "", subject)  # 成功率达…: the rate's name, not who
    return bool(re.search(r"[\u4e00-\u9fff]{2,}", subject))


def attribute(clause: str, sentence: str) -> Attribution:
    """The first part family whose wording is in the clause (or its subject); else the report's own.

    ``clause`` runs from the last , ; : before the number up to it; ``sentence`` from the
    sentence's start up to the number.
    """
    r = rules()
    subject = subject_of(clause)
    for rule in r.parts:
        text = {"clause": clause, "subject": subject, "sentence": sentence}[rule.where]
        m = rule.rx.search(text)
        if m is None:
            continue
        if rule.whole_if_channels and (r.channels_together.search(clause) or r.channels_together.search(m.group(0))):
            # 依托区政府网站、政务新媒体公开信息67条 (or named in the clause before: 通过政府网站、政务新媒体渠道,主动公开…):
            # the channels named together are the whole
            continue
        if rule.where == "subject" and rule.scope_vetoes and (r.own.search(subject) or r.appellate.search(clause)):
            continue  # 全市各级行政复议机关, 本市各级: the report's own scope named with a body
        policy = "never" if rule.never_if_sentence and rule.never_if_sentence.search(sentence) else rule.policy
        return Attribution(rule.name, policy, m.group(0))
    one_year = re.search(r"(?:19|20)\d\d\s*年|年度|全年|本年", clause)
    if r.total.search(clause) is None and r.running.search(clause) and not one_year:
        return Attribution(None, "own", "", False, True)  # 到年底累计…: several years; 2018年度累计…: the year's total
    total = r.total.search(clause)
    return Attribution(None, "own", total.group(0), True) if total else OWN


class _Figure(Protocol):
    metric: str
    value: float
    kind: str
    start: int
    end: int


class _Wholes:
    """The own figures of one (metric, kind), indexed so that each part asks about them in log time.

    ``resolve`` once scanned them for every part: quadratic, minutes on a long text of repeated sentences.
    """

    def __init__(self, idx: list[int], figures: list[_Figure], attributions: list[Attribution],
                 places: list[tuple[int, int, int]]) -> None:
        by_start = sorted(idx, key=lambda j: places[j][1])
        self.starts = [places[j][1] for j in by_start]
        self.prefix_max = [-math.inf]  # prefix_max[n]: the largest value of the first n by start
        for j in by_start:
            self.prefix_max.append(max(self.prefix_max[-1], figures[j].value))
        by_end = sorted(idx, key=lambda j: places[j][2])
        self.ends = [places[j][2] for j in by_end]
        self.by_end = by_end
        self.largest = max((figures[j].value for j in idx), default=-math.inf)
        self.largest_said = max((figures[j].value for j in idx
                                 if attributions[j].is_total or attributions[j].is_running), default=-math.inf)
        self.any = bool(idx)

    def larger_before(self, value: float, start: int) -> bool:
        """A larger one that starts before ``start``."""
        return self.prefix_max[bisect.bisect_left(self.starts, start)] > value


def _total_just_before(w: _Wholes, i: int, figures: list[_Figure], attributions: list[Attribution],
                       places: list[tuple[int, int, int]]) -> bool:
    """A larger whole (not a running total) ending at most 200 characters before the part's number."""
    lo = bisect.bisect_left(w.ends, places[i][1] - 200)
    hi = bisect.bisect_right(w.ends, places[i][1])
    return any(figures[j].value > figures[i].value and not attributions[j].is_running for j in w.by_end[lo:hi])


def _sibling_key(f: _Figure, a: Attribution, place: tuple[int, int, int]) -> tuple[str, int, str, str]:
    return a.policy, place[0], f.metric.split(".")[0], getattr(f, "unit", "")


def resolve(figures: list[_Figure], attributions: list[Attribution], places: list[tuple[int, int, int]]) -> list[bool]:
    """Which figures to keep: parts go when the report states the whole they are part of.

    A total is a figure of the same metric and kind, not itself a part, whose clause says it is a
    whole (共, 合计, 全市 …), with a larger value (a part is smaller than its whole); for a rate,
    any own rate of the same metric. ``if_total_before`` wants that total just before the part
    (其中 after the total); ``if_total_or_siblings`` also goes when two or more parts of one
    metric stand side by side in one sentence (a split by category with no total).
    ``if_total_or_larger_in_sentence`` also goes beside a larger figure of its metric in its sentence, whatever that
    one's own scope (上海法院共受理一审行政案件8406件…受理二审行政案件3111件: the appeals are a part of the courts' cases).
    ``places`` holds each figure's (sentence start, number start, number end).
    """
    owns: dict[tuple[str, str], list[int]] = {}
    for i, (f, a) in enumerate(zip(figures, attributions, strict=True)):
        if a.is_own or a.part == "subset":  # "…以前发布的15.8万余件…进行清理": a described whole is a whole too
            owns.setdefault((f.metric, f.kind), []).append(i)
    wholes = {key: _Wholes(idx, figures, attributions, places) for key, idx in owns.items()}
    empty = _Wholes([], figures, attributions, places)
    siblings = Counter(_sibling_key(f, a, p) for f, a, p in zip(figures, attributions, places, strict=True))
    in_sentence: dict[tuple[str, str, int], float] = {}
    for f, a, p in zip(figures, attributions, places, strict=True):
        if a.is_running or rules().running.search(getattr(f, "evidence", "")):
            continue  # 五年来累计受理二审…1500件 (a part's clause may be running too) is no whole of the year's 300
        key = (f.metric, f.kind, p[0])
        in_sentence[key] = max(in_sentence.get(key, -math.inf), f.value)
    keep = []
    for i, (f, a) in enumerate(zip(figures, attributions, strict=True)):
        if a.is_own:
            keep.append(True)
            continue
        if a.policy == "never":
            keep.append(False)
            continue
        w = wholes.get((f.metric, f.kind), empty)
        rate = getattr(f, "unit", "") == "%"
        if rate and a.policy == "if_total_before":
            # 报备率99.5%,其中备案及时率51%; 共调解纠纷19.2万件,其中疑难复杂纠纷7053件,调解成功率为98.4%:
            # a rate after 其中 is the whole's rate, not a part
            keep.append(True)
            continue
        if a.policy == "if_total_before":  # 其中, brackets: the figure just before is the whole
            dropped = _total_just_before(w, i, figures, attributions, places)
        elif rate or a.policy == "if_other":  # a stand-in wording: any own figure of the metric replaces it
            dropped = w.any
        elif a.policy == "if_any_total":
            dropped = w.largest > f.value
        else:  # a whole is said to be one (共, 全市 …) or given before its parts
            dropped = w.largest_said > f.value or w.larger_before(f.value, places[i][1])
        if not dropped and a.policy == "if_total_or_siblings":
            # 成功调解村级矛盾纠纷78件,镇级矛盾纠纷37件: the list's second item may lose the verb, not the family
            dropped = siblings[_sibling_key(f, a, places[i])] >= 2
        if not dropped and a.policy == "if_total_or_larger_in_sentence":
            dropped = in_sentence.get((f.metric, f.kind, places[i][0]), -math.inf) > f.value
        keep.append(not dropped)
    return keep

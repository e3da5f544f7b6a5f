"""Which catalogue metric a number in prose is: a rate by the 率 word before it, a share by its numerator and
denominator, a count by the nearest cue (or the wording right after it) whose topic and vetoes fit (prose.py has
already kept only the metrics the number's unit allows).

Split from etl/extract/prose.py, which finds the numbers, reads their clauses and attributes them; these
functions only match one number's words against the catalogue (etl/extract/catalog/metrics.toml).
"""

from __future__ import annotations

import functools
import re

from etl.extract import catalog
from etl.extract.numbers import Number

# Filler between a rate word and its number: 调解成功率达99%, 报备率、及时率和规范率均为100%
_RATE_FILLER = re.compile(
    r"(?:均|都|分别|已|持续|继续|始终|一直|连年|多年|连续(?:[一二两三四五六七八九十]+|\d{1,3})(?:个)?(?:年度|年|月|季度)|全年|同比|逐年|稳步|进一步|大幅|明显|要|须|需|需要|应|应当|必须|力争|争取|确保|目标(?:值)?)*(?:达到|达|为|是|保持在|保持|稳定在|提高到|提高至|提升至|"
    r"提升到|上升到|上升至|升至|增至|下降至|下降到|下降为|降至|降到|降低至|降低到|降低为|回落至|维持在|控制在|在|约|近|超过|超|"
    r"不低于|低于|不高于|高于|高达|不少于|不超过|至少|实现|逾|了|仅为|仅|只有)*$")
# a law's or a document's name (《法治宣传教育法》) says nothing of what the sentence is about
_BOOK_TITLE = re.compile(r"《[^《》]{0,40}》")
# a verb said not to have happened (未调解成功41件, 尚未办结3件): the count is of the cases it did not happen to
_NEGATED = re.compile(r"(?:未|未能|没有|尚未)$")
# a long enumeration closed by 等 (机关职能、机构设置、领导信息、工作动态、财政预算、决算等政府信息共40条): a vetoed word in
# it is one kind among many, not what the count is of (two or three items, 预算、决算等信息, still are)
_LONG_LIST = re.compile(r"(?:[^,，。;；:：、]{1,12}、){3,}[^,，。;；:：、]{1,12}等")
LAST_AREA = [0]  # the topic distance of the last count matched (set by match_count, read right after it)

_EACH_WORD = re.compile(r"[均都各]")  # a value said of each of several (均为, 都是, 各)
_EACH_BEFORE = re.compile(_EACH_WORD.pattern + r"(?:为|是|有)?$")
# what joins the items of a list inside one clause (报备率、及时率和规范率; 收到…和审结…)
LIST_MARK = re.compile(r"以及|[和、及与]")


@functools.cache
def _rate_at_end(pattern: str) -> re.Pattern[str]:
    """A metric's 率 words anchored at the end of the words before a number (compiled once per metric)."""
    return re.compile(f"(?:{pattern})$")


def twin_of(metric: catalog.Metric, left: str, value: float) -> catalog.Metric | None:
    """The sibling metric that shares this count: both areas named in the clause, the count said of each or zero."""
    if metric.twin is None or metric.cue is None:
        return None
    twin = catalog.metric(metric.twin)
    if twin.cue is None or not twin.cue.search(left) or not metric.cue.search(left):
        return None
    return twin if value == 0 or _EACH_BEFORE.search(left.rstrip()) else None


# the two sibling areas named together before one count (办理行政复议、行政应诉案件共计547件; 涉行政复议、行政诉讼案件743件),
# the last area words before the number: not the name of an office of both (行政复议与应诉科…收到行政复议申请45件), after
# which a single area's count follows
_BOTH_AREAS = re.compile(r"(?:复议(?:案件|申请)?(?:[、和及与]|以及)+(?:行政)?(?:应诉|诉讼|被诉)"
                         r"|(?:应诉|诉讼|被诉)(?:案件)?(?:[、和及与]|以及)+(?:行政)?复议)"
                         r"(?![^,。;]*(?:复议|诉讼|应诉|被诉|科|中心|小组|办公室|委员会))")


def sum_of_both_areas(metric: catalog.Metric, left: str, value: float) -> bool:
    """A count said of a review and a lawsuit area together, not of each and not zero: their sum, neither area's own
    (a count of each or a zero goes to both by ``twin_of``)."""
    return metric.twin is not None and value != 0 and _BOTH_AREAS.search(left.rstrip()) is not None \
        and not _EACH_BEFORE.search(left.rstrip())


def match_share(left: str, topic_ctx: str, metrics: list[catalog.Metric],
                sentence_left: str = "") -> tuple[catalog.Metric, str, float] | None:
    """A share whose numerator and denominator define a catalogue rate: 复议纠错案件占审结数的7.96% is the correction rate;
    a clause that is only the share (…负责人出庭应诉的87件,占诉讼案件的21.75%) is read with the clause before it."""
    if _SHARE_ONLY.match(left):
        before = _CLAUSE_BREAK.split(_TRAILING_PAUSE.sub("", sentence_left[:len(sentence_left) - len(left)]))[-1]
        if PART_OR_YEAR.search(before):
            return None  # 其中…败诉1200件,占…: a part's share; 2022年…80件,占…: another year's
        left = before + _TRAILING_PAUSE.sub("", left[::-1])[::-1]
    for metric in metrics:
        if metric.share and metric.share.search(left):
            if metric.topic and not metric.topic.search(topic_ctx):
                continue
            return metric, f"prose-share:{metric.key}", 0.8
    return None


# a clause that is only a share (,占诉讼案件的21.75%); not 占比, a share among the count's own kind (合计败诉1531件,占比57.1%)
_SHARE_ONLY = re.compile(r"^[,,\s]*占(?!比)[^,。;]{0,20}$")
_CLAUSE_BREAK = re.compile(r"[,,。;;!?!?\n]")
PART_OR_YEAR = re.compile(r"^\s*其中|(?:19|20)\d\d\s*年")
_TRAILING_PAUSE = re.compile(r"[,,\s]+$")


# the earlier value a rate rose or fell from, between the 率 word and the new value (出庭应诉率从2019年的40%提升至95.9%,
# 由上年的85%提高到92%): the new value is the rate
_FROM_VALUE = re.compile(r"(?:从|由)(?:[^,。;率%]{0,8}的)?\d+(?:\.\d+)?%"
                         r"(?:增长|提升|提高|上升|下降|降低|增加|减少|大幅|稳步|逐步)*$")
_FROM_VALUE_BEFORE = re.compile(r"(?:从|由)(?:[^,。;率%]{0,8}的)?\d+(?:\.\d+)?%(?=[^,。;%\d]{0,12}$)")


def without_earlier_value(left: str) -> str:
    """``left`` without the earlier value a rate moved from (从2019年的40%…): its year is not the figure's."""
    return _FROM_VALUE_BEFORE.sub("", left) if "%" in left else left


def match_rate(left: str, topic_ctx: str, metrics: list[catalog.Metric],
                sentence: str = "") -> tuple[catalog.Metric, str, float] | None:
    head = _RATE_FILLER.sub("", left)
    if head.endswith(("增长", "提升", "提高", "上升", "下降", "降低", "增加", "减少", "%")) or head != left:
        head = _RATE_FILLER.sub("", _FROM_VALUE.sub("", head))
    filler = left[len(head):]
    if head.endswith(("比例", "比率")):
        head = head[:-2] + "率"  # 负责人出庭应诉比例为100%: a rate named by its 比例
    if not head.endswith("率"):
        return None
    tails = [head[-10:]]
    if _EACH_WORD.search(filler):
        # rates listed before one value said of each (按时办结率、现场办结率、群众满意率均为100%): each item is named
        tails += [seg[-10:] for seg in LIST_MARK.split(head[-40:])[:-1] if seg.endswith("率")]
    elif "分别" not in filler:
        # rates listed right before one value with no word of each (调解成功率、协议履行率100%): the value is each one's
        for seg in reversed(LIST_MARK.split(head[-40:])[:-1]):
            if not seg.endswith("率"):
                break
            tails.append(seg[-10:])
    sentence = _BOOK_TITLE.sub("", sentence)
    for metric in metrics:
        if metric.rate and any(_rate_at_end(metric.rate.pattern).search(tail) for tail in tails):
            if metric.topic and not metric.topic.search(topic_ctx):
                continue
            if metric.veto_topic and metric.veto_topic.search(topic_ctx):
                continue
            if metric.veto_sentence and metric.veto_sentence.search(sentence):
                continue
            return metric, f"prose-rate:{metric.key}", 0.9
    return None


def rival_nearer(metric: catalog.Metric, text: str) -> bool:
    """The sibling area (复议 for a court's figure, 诉讼 for a review's) is named after the metric's own, nearer the number."""
    rivals = list(metric.rival_topic.finditer(text))
    if not rivals:
        return False
    own = list(metric.topic.finditer(text))
    return not own or rivals[-1].start() > own[-1].start()


def topic_distance(metric: catalog.Metric, left: str, sentence_left: str, topic_ctx: str,
                    heading: str = "") -> int | None:
    """How near the metric's subject area is named: 0 in the clause, 1 in the sentence, 2 the sentence before,
    3 the section heading or title above; None if not.

    The case noun nearest the number decides the area ("全市法院一审行政案件收案583件" is litigation even
    when the sentence before spoke of 复议); the verb then decides the metric within it.
    """
    if metric.topic is None:
        return 0  # the cue itself names the area (行政诉讼案件, 法律援助案件)
    if metric.topic.search(left):
        return 0
    if metric.rival_topic is not None and rival_nearer(metric, sentence_left):
        return None  # 行政复议案件4件,维持3件;行政诉讼案件3件,维持1件: the court's outcome, not the review's
    if metric.topic.search(sentence_left):
        return 1
    if metric.topic.search(topic_ctx):
        return 2
    if heading and metric.topic.search(heading):
        return 3  # "(一)行政复议案件情况" above a paragraph of bare counts ("本期新收案件中受理1243件")
    return None


def match_count(num: Number, left: str, right: str, topic_ctx: str, sentence_left: str,
                 metrics: list[catalog.Metric], receiver: bool = False,
                 heading: str = "") -> tuple[catalog.Metric, str, float] | None:
    best: tuple[tuple[int, int, int], catalog.Metric, str] | None = None
    untitled = _BOOK_TITLE.sub("", sentence_left + right)  # once per number, not per metric
    # (same length: the veto's zone is cut from it; a list with the requests in it, …、依申请公开等渠道, stays one)
    unlisted = _LONG_LIST.sub(lambda m: m.group() if "申请" in m.group() else "、" * len(m.group()), left) \
        if "等" in left and left.count("、") >= 3 else left  # (most clauses hold no such list: no scan)
    for metric in metrics:
        # the wording next to the number first: it rules out most metrics, and on a few characters
        # (the topic tests read the sentence before as well); every test is pure, so the order is free
        zone = right
        if metric.after and metric.after.search(right):
            dist, how = (-1, 0), "after"
        elif metric.cue:
            matches = list(metric.cue.finditer(left))
            if not matches:
                continue
            # nearest cue wins; on a tie the longer (more specific) wording
            last = matches[-1]
            if _NEGATED.search(left, max(0, last.start() - 2), last.start()):
                continue
            dist, how = (len(left) - last.end(), -(last.end() - last.start())), "cue"
            zone = unlisted[max(0, last.start() - 10, len(left) - 24):]  # the words around the cue, not the clause's start
        else:
            continue
        area = topic_distance(metric, left, sentence_left, topic_ctx, heading)
        if area is None:
            continue
        if metric.veto_topic and metric.veto_topic.search(topic_ctx):
            continue
        if metric.veto_sentence and metric.veto_sentence.search(untitled):
            continue
        if metric.veto and metric.veto.search(zone):
            continue
        if metric.receiver_cue and not receiver and metric.receiver_cue.search(left[-24:] if how == "cue" else right):
            continue  # a government receiving lower governments' filings does not file them
        rank = (area if how == "cue" else -1, *dist)
        if best is None or rank < best[0]:
            best = (rank, metric, how)
    if best is None:
        return None
    (area, dist, _), metric, how = best
    confidence = 0.9 if dist <= 4 else 0.8 if dist <= 12 else 0.65
    LAST_AREA[0] = max(area, 0)  # how far the subject area was named: part of the figure's family (etl/extract/confidence.py)
    return metric, f"prose-{how}:{metric.key}", confidence

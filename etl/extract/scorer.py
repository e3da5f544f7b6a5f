"""A learned keep/drop decision over the prose rules' candidates.

The rules find candidate figures and say, one cue at a time, whether each is the report's own figure or a part
of it (etl/extract/attribution.py). Where cues meet — a total and its parts in one sentence, a sub-body's count after a
region's, a figure far from its subject — a precedence table grows with every new report. Instead, a logistic
model weighs the rules' own findings (how the figure was found, how far its cue was, its attribution, whether
the rules kept it, how many candidates of the metric the report has …) and decides. It is fitted by
``scripts/train_scorer.py`` on the development texts and ../shared's gold and stored as plain weights in
etl/extract/catalog/scorer.json (no machine-learning library at run time). Without that file the rules decide alone.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from etl.extract.text_pairs import char_pairs

SCORER_PATH = Path(__file__).resolve().parent / "catalog" / "scorer.json"

# words of the figure's own clause that say something about its scope, each one feature
_CLAUSE_WORDS = {
    "total_word": re.compile(r"共|合计|总计|累计|全年|总数"),
    "area_word": re.compile(r"全(?:省|市|区|县|州|盟|旗|镇|乡|国)"),
    "其中": re.compile(r"其中"),
    "分别": re.compile(r"分别"),
    "各": re.compile(r"各(?!类)"),
    "的": re.compile(r"的$"),
    "year": re.compile(r"20\d\d年"),
    "month": re.compile(r"\d{1,2}月|上半年|季度"),
    "average": re.compile(r"平均|月均|年均|日均"),
}
_RIGHT_WORDS = {
    "right_change": re.compile(r"^[^,。;]{0,6}(?:同比|增长|下降|减少|上升|提高)"),
    "right_share": re.compile(r"^[^,。;]{0,4}(?:占|，占|,占)"),
    "right_other": re.compile(r"^[^,。;]{0,3}(?:其中|包括)"),
}


@dataclass
class Candidate:
    """One figure the prose rules found, with what they said about it."""

    metric: str
    value: float
    unit: str
    qualifier: str
    kind: str
    rule: str
    confidence: float  # the rule-of-thumb confidence (cue distance), before calibration
    scope: str
    area: int
    part: str | None  # the attribution family, None for the report's own
    policy: str
    rule_keep: bool
    left: str  # the clause before the number
    sentence_left: str
    right: str
    series: bool = False  # an item of a year-by-year series (etl/extract/year_series.py): its own year's figure


def _bucket(x: float, edges: tuple[float, ...]) -> int:
    return sum(1 for e in edges if x >= e)


def features(cands: list[Candidate], doc_type: str, national: bool,
             only: list[bool] | None = None) -> list[dict[str, float]]:
    """One feature dict per candidate (names -> values; absent names are 0); with ``only``, an empty dict for the
    candidates it marks False (their features are not needed: the group counts still take every candidate)."""
    by_metric: dict[tuple[str, str], list[int]] = {}  # a goal is never a part of the year's actual count
    for i, c in enumerate(cands):
        by_metric.setdefault((c.metric, c.kind), []).append(i)
    kept_by_metric = {m: [i for i in idx if cands[i].rule_keep] for m, idx in by_metric.items()}
    # per metric, once: scanning the group for each of its candidates was quadratic (a 5 MB text of one
    # repeated sentence took minutes)
    largest = {m: max(cands[j].value for j in idx) for m, idx in by_metric.items()}
    largest_kept = {m: max((cands[j].value for j in idx), default=-math.inf) for m, idx in kept_by_metric.items()}
    out = []
    for i, c in enumerate(cands):
        if only is not None and not only[i]:
            out.append({})
            continue
        how = c.rule.split(":", 1)[0]
        same = by_metric[c.metric, c.kind]
        kept_same = kept_by_metric[c.metric, c.kind]
        f: dict[str, float] = {
            "bias": 1.0,
            "rule_keep": float(c.rule_keep),
            f"how={how}": 1.0,
            f"how={how}&keep={int(c.rule_keep)}": 1.0,
            f"dist={_bucket(c.confidence, (0.8, 0.9))}": 1.0,
            f"scope={c.scope}": 1.0,
            f"area={c.area}": 1.0,
            f"part={c.part or 'own'}": 1.0,
            f"policy={c.policy}": 1.0,
            f"family={c.metric.split('.')[0]}": 1.0,
            f"kind={c.kind}": 1.0,
            f"qualifier={c.qualifier}": 1.0,
            "rate": float(c.unit == "%"),
            f"doc_type={doc_type}": 1.0,
            "national": float(national),
            "same_metric_n": math.log1p(len(same) - 1),
            "same_metric_kept_n": math.log1p(max(0, len(kept_same) - (1 if c.rule_keep else 0))),
            "first_of_metric": float(same[0] == i),
            "first_kept_of_metric": float(bool(kept_same) and kept_same[0] == i),
            "largest_of_metric": float(c.value >= largest[c.metric, c.kind] and len(same) > 1),
            "smaller_than_kept": float(largest_kept[c.metric, c.kind] > c.value),  # c itself is never > c
            "log_value": min(math.log10(c.value + 1), 8.0) / 8.0 if c.unit != "%" else 0.0,
            "round_value": float(c.unit != "%" and c.value >= 10 and c.value % 10 == 0),
            "left_len": min(len(c.left), 40) / 40,
            "sentence_pos": min(len(c.sentence_left) - len(c.left), 120) / 120,
        }
        for name, rx in _CLAUSE_WORDS.items():
            if rx.search(c.left):
                f[f"left:{name}"] = 1.0
            elif rx.search(c.sentence_left):
                f[f"sentence:{name}"] = 1.0
        for name, rx in _RIGHT_WORDS.items():
            if rx.search(c.right):
                f[name] = 1.0
        out.append(f)
    return out


def context_pairs(c: Candidate, left: int, right: int, scale: float) -> dict[str, float]:
    """The character pairs of the ``left`` characters before the number and the ``right`` after it, as ``lp:XY`` and
    ``rp:XY`` -> ``scale``: the words that name whose count it is (二审, 党校, 公众号, 各部门, 调解室) are too many and
    too varied for a rule each, and a learned weight per pair reads them all (the window is chosen by
    scripts/train_scorer.py's cross-validation; a model without one reads none)."""
    if scale <= 0:
        return {}
    out = char_pairs(c.left[-left:], "lp:", scale) if left > 0 else {}
    if right > 0:
        out.update(char_pairs(c.right[:right], "rp:", scale))
    return out


@lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    """The fitted weights and threshold, or None when no model is shipped."""
    if not SCORER_PATH.exists():
        return None
    return json.loads(SCORER_PATH.read_text(encoding="utf-8"))


def probability(feats: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# set by scripts/train_scorer.py to collect (candidate, features, whether the rules decide it) of every document it runs
recorder: list[tuple[Candidate, dict[str, float], bool]] | None = None


def decide(cands: list[Candidate], doc_type: str, national: bool) -> list[bool]:
    """Keep or drop each candidate: the model's decision when one is shipped (``mode`` drop_only: it may only drop
    what the rules kept), else the rules'."""
    if not cands:
        return []
    fitted = model()
    drop_only = fitted is not None and fitted.get("mode") == "drop_only"  # the model may only drop what the rules kept
    # what drop-only decides for a candidate the rules dropped is False whatever its features: not computed
    # (unless scripts/train_scorer.py records them)
    needed = [c.rule_keep for c in cands] if drop_only and recorder is None else None
    feats = features(cands, doc_type, national, needed)
    ruled = rules_decide(cands)  # per document: a clean-up's total is looked for among its own candidates
    if recorder is not None:
        recorder.extend(zip(cands, feats, ruled, strict=True))
    if fitted is None:
        return [c.rule_keep for c in cands]
    weights, threshold = fitted["weights"], fitted["threshold"]
    window = fitted.get("context_pairs")
    if window:
        feats = [{**f, **context_pairs(c, window["left"], window["right"], window["scale"])} if f else f
                 for c, f in zip(cands, feats, strict=True)]
    return [False if _lower_bodies_cleanup(c)
            else c.rule_keep if ruled
            else c.rule_keep and probability(f, weights) >= threshold if drop_only
            else probability(f, weights) >= threshold
            for c, f, ruled in zip(cands, feats, ruled, strict=True)]


# When the rules decide and the model may not overrule them: GOLD.md labels several values of one metric in a
# report when each is its own, so the smaller is no part of the larger. Each entry is (metrics, the words in the
# number's clause that say so); an empty pattern means every value of those metrics.
_RULES_DECIDE: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 会前学法10次, 中心组学法4次, 法治讲座2场: three kinds of study
    ("training.law_lectures", re.compile("")),
    # a court's count named by its instance (一审, 二审, 再审): first instance and all cases may both appear
    ("", re.compile(r"[一二]审|再审")),
    # a mediation count named by its own kind (人民调解 and 行政调解, a court's 诉调对接 mediation)
    ("mediation.", re.compile(r"(?:行政|人民|治安|诉调|访调|警调|检调|专业|行业)(?:调解|对接)")),
    # the year's additions beside a running total (累计主动公开5928条,其中本年度新增2110条)
    ("", re.compile(r"(?:本年度?|当年|今年|全年|年内)新增")),
    # a review's outcomes, each by its own verb (审结30件,维持20件,撤销3件; 驳回7件,中止2件): GOLD labels each outcome
    # (the verb right before the number: 涉及土地用途变更审批的…案件9件 is no outcome)
    ("reconsideration.", re.compile(r"(?:维持|撤销|驳回|确认违法|责令履行|变更|终止|中止)[^,,。;;、\d]{0,6}$")),
)

# Metrics whose outcomes are each labelled when the report states no covered total (CONVENTIONS.md: a clean-up told by
# its outcomes, 废止28件,失效2件 — "when the covered total is stated, label only the total"): where no candidate of
# the metric in the document is other than an outcome, the model's "smaller than a kept value" would drop all but the
# largest. Not where the sentence is a lower body's or the province's clean-up (各县…废止, 省政府决定废止, 指导…开展),
# a 规章 clean-up, or a filing review's corrections (备案审查, 督促制定机关修改): those stay the model's.
_OUTCOMES_EACH_OWN = frozenset({"normative_docs.cleaned_up"})
_OUTCOME_WORD = re.compile(r"废止|廢止|失效|修改|修訂|修订")
# the lower bodies as a sentence's subject (各县(市、区)共…, 12个县区…)
_LOWER_BODIES = re.compile(r"各(?:县|区|市|乡|镇|街|部门|单位|地|级)|\d+个(?:县|区|市|乡|镇|街|部门|单位)")
_NOT_OWN_OUTCOMES = re.compile(_LOWER_BODIES.pattern + r"|省政府|指导|督促|规章|备案|制定机关|审查意见")


# the reporter's own government or scope as a clause's subject (县政府废止…, 市本级, 我市, 全县)
_OWN_BODY = re.compile(r"(?:省|市|县|区|州|旗|盟|镇|乡)(?:人民)?政府|本级|我(?:省|市|县|区|州|旗|镇|乡)|全(?:省|市|县|区|州|旗)")


def _lower_bodies_cleanup(c: Candidate) -> bool:
    """A clean-up's outcome told of the lower bodies (各县(市、区)共废止…45件,宣布失效11件): theirs, not the report's
    (CONVENTIONS dy_006, dy_010), whatever the model says — where the lower bodies are the last subject the sentence names
    before the number (部署各部门开展清理,县政府废止8件 is the government's own)."""
    if c.metric not in _OUTCOMES_EACH_OWN or c.part != "outcome":
        return False
    lower = [m.end() for m in _LOWER_BODIES.finditer(c.sentence_left)]
    own = [m.end() for m in _OWN_BODY.finditer(c.sentence_left)]
    return bool(lower) and (not own or lower[-1] > own[-1])


def rules_decide(cands: list[Candidate]) -> list[bool]:
    """Per candidate, whether the rules' keep/drop stands whatever the model says: an item of a year-by-year series,
    a wording of ``_RULES_DECIDE``, or a clean-up's outcome where the report states no covered total
    (``_OUTCOMES_EACH_OWN``)."""
    with_total = {(c.metric, c.kind) for c in cands if c.metric in _OUTCOMES_EACH_OWN and c.part != "outcome"
                  and not _OUTCOME_WORD.search(c.left)}  # a body's 废止14件 is an outcome too, not a total
    return [c.series or (c.part == "outcome" and c.metric in _OUTCOMES_EACH_OWN and (c.metric, c.kind) not in with_total
                         and not _NOT_OWN_OUTCOMES.search(c.sentence_left))
            or any(c.metric.startswith(metrics) and words.search(c.left) for metrics, words in _RULES_DECIDE)
            for c in cands]

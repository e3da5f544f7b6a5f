"""How a figure was found, in Chinese: the extractor's rule keys (``figures.rule``) as a phrase a user reads.

The ETL records which rule produced each figure: ``prose-cue:reconsideration.received`` (a number after a
cue wording), ``table:disclosure-1`` (a 政府信息公开年报 table), ``correction`` (an analyst added it) …
Those keys are for developers. Pages and downloads show ``describe(rule)`` instead: the phrase below for
the rule's prefix (the part before ``:``; a table rule by its whole key), with ``{label}`` filled in from
the metric catalogue (etl/extract/catalog/metrics.toml). A rule not listed here yet still gets a Chinese phrase by
its family (正文 / 统计表), never the raw key. Downloads carry only the phrase: a user who needs the key
is a developer, who can read it from the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from etl import api

# rule prefix -> phrase; "{label}" is the metric's label (收到行政复议申请)
RULE_LABELS: dict[str, str] = {
    "prose-cue": "正文:“{label}”等说法之后的数字",
    "prose-after": "正文:数字之后的说法表明是“{label}”",
    "prose-rate": "正文:“{label}”之后的百分数",
    "prose-share": "正文:“占……的”比例,即{label}",
    "prose-sum": "正文:列举各项之后的“共……”合计({label})",
    "prose-goal": "正文:紧随“{label}”之后说的目标数",
    "prose-running": "正文:紧随“{label}”之后的历年累计数",
    "prose-zero": "正文:“零……”的说法(如“零败诉”),即{label}为0",
    "table:row-total": "政府信息公开年报表二:本行的“总计”",
    "table:row-sum": "政府信息公开年报表二:各分项的“总计”相加",
    "table:disclosure-1": "政府信息公开年报表一",
    "table:disclosure-3": "政府信息公开年报表三(行政复议、行政诉讼)",
    "table:disclosure-stream": "政府信息公开年报表二(按数字顺序还原)",
    "table:stat": "行政执法统计表:“合计”列",
    "correction": "分析人员补录",
}
# a rule of a family not (yet) listed above
FAMILY_LABELS: dict[str, str] = {"prose": "正文中的说法", "table": "报告中的统计表"}
UNKNOWN = "其他方式"


@lru_cache(maxsize=1)
def _metric_labels() -> dict[str, str]:
    return {key: m.label for key, m in api.metric_catalogue().items()}


def describe(rule: object, metric: str | None = None) -> str:
    """``"prose-cue:reconsideration.received"`` -> ``正文:“收到行政复议申请”等说法之后的数字``.

    ``metric`` is the figure's metric key, used when the rule does not name one (tables, corrections).
    """
    if not isinstance(rule, str) or not rule:
        return UNKNOWN
    prefix, _, named = rule.partition(":")
    template = RULE_LABELS.get(rule) or RULE_LABELS.get(prefix)
    if template is None:
        return FAMILY_LABELS.get(prefix.split("-")[0], UNKNOWN)
    key = named if prefix.startswith("prose") and named else metric
    label = _metric_labels().get(key or "", "该指标")
    return template.format(label=label)


def describe_all(rules: Iterable[object], metrics: Iterable[str | None]) -> list[str]:
    """``describe`` for a column of rules beside their metrics (a table's ``提取方式`` column)."""
    return [describe(r, m) for r, m in zip(rules, metrics, strict=True)]

"""Load the metric catalogue (etl/extract/catalog/metrics.toml): labels, units, groups and wordings.

Everything that says *what a figure is* lives in that one data file; code
only interprets it. Regexes are compiled once per process.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CATALOG_PATH = Path(__file__).resolve().parent / "catalog" / "metrics.toml"


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    group: str
    grp_order: int
    description: str
    units: re.Pattern[str] | None
    topic: re.Pattern[str] | None
    cue: re.Pattern[str] | None
    after: re.Pattern[str] | None
    veto: re.Pattern[str] | None
    rate: re.Pattern[str] | None
    veto_topic: re.Pattern[str] | None
    veto_sentence: re.Pattern[str] | None  # the sentence around the number rules the metric out
    part_cue: re.Pattern[str] | None  # a wording that names one outcome of a total (废止 inside 清理)
    part_policy: str  # how such a part goes (etl/extract/attribution.py policies): if_total_before unless said otherwise
    fallback: re.Pattern[str] | None  # a wording that gives the metric only when nothing else does (结案 for 新收)
    receiver_cue: re.Pattern[str] | None  # wording of receiving (接收报备): a veto unless the report is a receiver's
    share: re.Pattern[str] | None  # a share that defines the rate (纠错案件占审结数的7.96%)
    numerator: str | None  # for a rate: the count metric it is the share of (reconsideration.corrected)
    table_only: bool
    disclosure_own: bool  # in a 政府信息公开年度报告 the report's own count whatever the topic around it
    rival_topic: re.Pattern[str] | None = None  # a sibling area that, named nearer the number, rules this one out
    genre: str | None = None  # a kind of report ([genres]) in which ``genre_cue`` also gives this metric
    genre_cue: re.Pattern[str] | None = None  # 行政执法情况报告: its bare 办理案件N件 are enforcement cases
    twin: str | None = None  # the sibling metric a count named together with it shares (复议和诉讼均为0件)
    # the next step's metric the same count is also of, when ``also_cue`` joins both verbs before it
    # (收到并妥善处理依申请公开13件: received, and answered)
    also: str | None = None
    also_cue: re.Pattern[str] | None = None
    zero: re.Pattern[str] | None = None  # a wording that says the count is zero with no numeral (零败诉)
    direction: str = ""  # higher_better / lower_better, or "" (no agreed direction): only the brief's colours read it

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    @property
    def label_with_unit(self) -> str:
        return f"{self.label}({self.unit})"


DIRECTIONS = ("", "higher_better", "lower_better")

_FAMILY_REF = re.compile(r"\{([a-z_]+)\}")


def _expand(value: str, families: dict[str, str]) -> str:
    """``{intake}`` -> ``(?:收到|接收|…)``: a metric's wording names the verb families it shares with others."""
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in families:
            raise ValueError(f"unknown wording family {{{name}}}")
        return f"(?:{families[name]})"
    return _FAMILY_REF.sub(sub, value)


def _rx(spec: dict, name: str, anchored: bool = False, families: dict[str, str] | None = None) -> re.Pattern[str] | None:
    value = spec.get(name)
    if not value:
        return None
    value = _expand(value, families or {})
    if anchored:
        return re.compile(f"^(?:{value})$")
    return re.compile(value)


@lru_cache(maxsize=1)
def _catalogue_file() -> dict:
    """metrics.toml parsed once (the metrics and the kinds of report both come from it)."""
    return tomllib.loads(CATALOG_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load() -> dict[str, Metric]:
    """Metric key -> Metric, in catalogue order."""
    data = _catalogue_file()
    groups: dict[str, int] = data["groups"]
    families: dict[str, str] = data.get("families", {})
    out: dict[str, Metric] = {}
    for spec in data["metric"]:
        if spec["group"] not in groups:
            raise ValueError(f"metric {spec['key']}: unknown group {spec['group']!r}")
        if spec.get("direction", "") not in DIRECTIONS:
            raise ValueError(f"metric {spec['key']}: direction must be one of {DIRECTIONS[1:]}")

        def rx(name: str, spec: dict = spec) -> re.Pattern[str] | None:
            return _rx(spec, name, families=families)

        out[spec["key"]] = Metric(
            key=spec["key"], label=spec["label"], unit=spec["unit"], group=spec["group"],
            grp_order=groups[spec["group"]], description=spec.get("description", ""),
            units=_rx(spec, "units", anchored=True), topic=rx("topic"), cue=rx("cue"),
            after=rx("after"), veto=rx("veto"), rate=rx("rate"),
            veto_topic=rx("veto_topic"), veto_sentence=rx("veto_sentence"), part_cue=rx("part_cue"),
            part_policy=spec.get("part_policy", "if_total_before"),
            fallback=rx("fallback"), receiver_cue=rx("receiver_cue"), share=rx("share"),
            numerator=spec.get("numerator"),
            table_only=bool(spec.get("table_only", False)),
            disclosure_own=bool(spec.get("disclosure_own", False)),
            genre=spec.get("genre"), genre_cue=rx("genre_cue"), rival_topic=rx("rival_topic"),
            direction=spec.get("direction", ""), twin=spec.get("twin"),
            also=spec.get("also"), also_cue=rx("also_cue"), zero=rx("zero"),
        )
        if out[spec["key"]].genre is not None and (out[spec["key"]].genre not in data.get("genres", {})
                                                   or out[spec["key"]].genre_cue is None):
            raise ValueError(f"metric {spec['key']}: genre {spec['genre']!r} needs a [genres] entry and a genre_cue")
    for m in out.values():
        if m.also is not None and (m.also not in out or m.also_cue is None):
            raise ValueError(f"metric {m.key}: also {m.also!r} needs a catalogued metric and an also_cue")
    return out


@lru_cache(maxsize=1)
def genres() -> dict[str, re.Pattern[str]]:
    """Kinds of report, named by their title or opening: a metric may read a plainer wording inside one."""
    return {name: re.compile(value) for name, value in _catalogue_file().get("genres", {}).items()}


def metric(key: str) -> Metric:
    return load()[key]

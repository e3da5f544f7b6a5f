"""Which year a document is about: a learned choice among the years it names, its page's year and none.

The rules (etl/extract/meta_dates.py ``year_of``) try one cue after another — a yearbook's volume, a congress speech's
date, the title, a stated period, the opening, a news item's 今年 against its page's date, the latest year named —
and the first that answers wins. Which cue should win has grown into a long precedence list, and on the reports
nobody here had read it is wrong about one time in seven, as often on the development texts it was written on: a
feature on a practice over several years (近年来…) carries no year though it names some, a year named only as a
starting point or a comparison is not the one reported on. A logistic model scores every candidate — each year the
title and opening name, the page's year and the one before, the rules' answer, and "no year" — by what the rules
said and how the text speaks of that year (its place, its count, the words around each mention), and the best
candidate is the answer. ``scripts/train_year.py`` fits it on the development texts and ../shared's gold and writes
etl/extract/catalog/year.json; without that file the rules decide alone.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

YEAR_MODEL_PATH = Path(__file__).resolve().parent / "catalog" / "year.json"
HEAD_CHARS = 4000  # the part of the text whose years are candidates (the rules read as far)

_MENTION = re.compile(r"(?<![\d/.])(19[89]\d|20[0-4]\d)(?=\s*年|\s*[-—–~～至到]\s*20[0-4]\d)")
# what follows a mention of a year (its 6 characters, blanks dropped), each a feature of the candidate when any mention
# has it
_AFTER = {
    "年度": re.compile(r"^年度"),
    "since": re.compile(r"^年(?:度)?(?:\d{1,2}月(?:份)?)?(?:以来|至今)"),
    "start": re.compile(r"^年(?:度)?(?:\d{1,2}月(?:份)?)?(?:起|开始|前|以前|之前)"),
    "month": re.compile(r"^年\d{1,2}月"),
    "end": re.compile(r"^年(?:底|末)"),
    "part": re.compile(r"^年(?:上半年|下半年|前三季度|一季度|第[一二三四]季度|1[-—至到])"),
    "whole": re.compile(r"^年(?:全年|同期|相比|同比)"),
    "plan": re.compile(r"^年(?:度)?(?:的)?(?:工作)?(?:计划|安排|要点|思路|打算|目标)"),
    "work": re.compile(r"^年(?:度)?(?:的)?(?:工作|全[市县区省镇])"),
    "goal": re.compile(r"^年[^,。;]{0,4}(?:力争|争取|将|要|目标)"),
    "span": re.compile(r"^(?:年)?[-—–~～至到]"),
    "comma": re.compile(r"^年(?:度)?[,,]"),
    "report": re.compile(r"^年(?:度)?[^,。;\n]{0,30}(?:报告|总结|年报|情况)"),
}
_AFTER_SPAN = (("span", _AFTER["span"]),)
# what comes before it (its 8 characters)
_BEFORE = {
    "cutoff": re.compile(r"(?:截至|截止|到|至)$"),
    "from": re.compile(r"(?:自|从|于)$"),
    "compare": re.compile(r"(?:较|比|与|同)$"),
    "quoted": re.compile(r"《[^》]*$"),
    "span_end": re.compile(r"\d\s*年?\s*[-—–~～至到]$"),
}
_THIS_YEAR = re.compile(r"今年|本年度|年内")
_LAST_YEAR = re.compile(r"去年|上一年度|过去一年")
_SPAN_WORDS = re.compile(r"近年来|[一二三四五六七八九十两\d]+年来|多年来|以来")
PLANS = ("work_plan", "work_points", "implementation_plan")

# set by scripts/train_year.py to collect per document (the candidates, their features)
recorder: list[tuple[list[int | None], list[dict[str, float]]]] | None = None


@lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    if not YEAR_MODEL_PATH.exists():
        return None
    return json.loads(YEAR_MODEL_PATH.read_text(encoding="utf-8"))


def _bucket(x: float, edges: tuple[float, ...]) -> int:
    return sum(1 for e in edges if x >= e)


_QUOTED_KINDS = (("report", re.compile(r"报告|总结|年报|白皮书|述职")), ("plan", re.compile(r"要点|方案|计划|规划|安排")),
                 ("bulletin", re.compile(r"公报|年鉴|统计")))


def _quoted_kind(head: str, at: int) -> str:
    """What the quoted name a year sits in is: a report (its own title, often), a plan, a bulletin, or another."""
    end = head.find("》", at)
    name = head[at:end if end >= 0 else at + 40]
    return next((k for k, rx in _QUOTED_KINDS if rx.search(name)), "other")


def _mentions(head: str, at: list[int], title_end: int, mentions: dict[int, list[int]], y: int) -> dict[str, float]:
    """How the text names a year: where first, whether in the title (and first there), its rank from the latest year
    named, and the words around each mention (any:… when one mention has them, all:… when every one does)."""
    named = sorted(mentions)
    in_title = [v for v, p in mentions.items() if p[0] < title_end]
    rank = len(named) - 1 - named.index(y)
    f = {f"first_at={_bucket(at[0] - title_end, (0, 100, 500, 1500))}": 1.0, "in_title": float(at[0] < title_end),
         "title_first": float(at[0] < title_end and y == min(in_title, key=lambda v: mentions[v][0])),
         f"rank_from_latest={min(rank, 2)}": 1.0, "earliest": float(rank == len(named) - 1 and len(named) > 1)}
    every: dict[str, int] = {}
    for p in at:
        after = head[p + 4:p + 16].replace(" ", "")
        before = head[max(0, p - 8):p]
        # (every pattern of _AFTER but the span's reads 年 first: the rest are not tried after a year without it)
        hits = [k for k, rx in (_AFTER.items() if after[:1] == "年" else _AFTER_SPAN) if rx.search(after)] + \
               ["b_" + k for k, rx in _BEFORE.items() if rx.search(before)]
        if "b_quoted" in hits:  # a quoted name's year, by what the name is (a report's own title, a plan, a bulletin)
            hits[hits.index("b_quoted")] = "quoted_" + _quoted_kind(head, p)
        for k in hits:
            every[k] = every.get(k, 0) + 1
    for k, n in every.items():
        f["any:" + k] = 1.0
        if n == len(at):
            f["all:" + k] = 1.0
    return f


def _page_stamp(publish_date: str) -> re.Pattern[str] | None:
    """The page's own date as the text writes it (2024年01月10日, 2024年1月10日): a stamp, not a year the text names."""
    parts = publish_date.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    y, mo, d = (int(p) for p in parts)
    return re.compile(rf"{y}\s*年\s*0?{mo}\s*月\s*0?{d}\s*日")


def candidates(title: str | None, text: str, doc_type: str, publish_date: str | None,
               rules_year: int | None) -> tuple[list[int | None], list[dict[str, float]]]:
    """Every year worth weighing with its features, and None (no year) last."""
    head = (title or "") + "\n" + text[:HEAD_CHARS]
    title_end = len(title or "")
    published = int(publish_date[:4]) if publish_date and publish_date[:4].isdigit() else None
    stamp = _page_stamp(publish_date) if published is not None else None
    mentions: dict[int, list[int]] = {}
    for m in _MENTION.finditer(head):
        if stamp is None or not stamp.match(head, m.start()):  # the page's own date is no year the text speaks of
            mentions.setdefault(int(m.group(1)), []).append(m.start())
    years = set(mentions) | ({rules_year} if rules_year is not None else set()) \
        | ({published, published - 1} if published is not None else set())
    opening = head[:3000]
    doc = {"this_year": bool(_THIS_YEAR.search(opening)), "last_year": bool(_LAST_YEAR.search(opening)),
           "span_words": bool(_SPAN_WORDS.search(opening)), "plan": doc_type in PLANS}
    out_years: list[int | None] = []
    feats: list[dict[str, float]] = []
    for y in sorted(years):
        at = mentions.get(y, [])
        ruled = float(y == rules_year)
        relation = "none" if published is None else str(y - published) if abs(y - published) <= 2 else "far"
        f: dict[str, float] = {"year": 1.0, "rules": ruled, f"rules&dt={doc_type}": ruled,
                               "mentions": math.log1p(len(at)), "pub=" + relation: 1.0}
        f.update(_mentions(head, at, title_end, mentions, y) if at else {"unnamed": 1.0})
        if at and ruled and doc["plan"]:
            f["plan_first"] = float(y == min(mentions))
        if ruled:  # how the rules' own year is spoken of: a year named only as a start is no report's
            f.update({"r&" + k: v for k, v in list(f.items()) if k.startswith(("any:", "all:", "first_at", "pub=", "in_"))})
            f[f"r&dt={doc_type}&pub={relation}"] = 1.0
        for k, v in doc.items():
            if v:  # 今年 in a page of this year, 近年来 against the latest year named, a plan's rules' year
                f[f"{k}&pub={relation}"] = 1.0
                f[f"{k}&rules"] = ruled
                f[f"{k}&latest"] = f.get("rank_from_latest=0", 0.0)
        out_years.append(y)
        feats.append(f)
    none = {"none": 1.0, "none&rules_none": float(rules_year is None), f"none&dt={doc_type}": 1.0,
            "none&no_pub": float(published is None), f"none&named={min(len(mentions), 3)}": 1.0,
            "none&title_year": float(any(p[0] < title_end for p in mentions.values()))}
    none.update({"none&" + k: 1.0 for k, v in doc.items() if v})
    out_years.append(None)
    feats.append(none)
    return out_years, feats


def score(feats: dict[str, float], weights: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in feats.items())


def choose(title: str | None, text: str, doc_type: str, publish_date: str | None, rules_year: int | None) -> int | None:
    """The best-scored candidate when a model is shipped, else the rules' year. Where the rules find no year the model
    finds none either: the rules say none on purpose (two plans of two years quoted, a practice over years with no
    dated event of its own), and cross-validation gains little by overruling them; nor does it overrule a year the
    rules read from a cue the text does not write as a year, but for the page's own year."""
    if recorder is None and (rules_year is None or model() is None):
        return rules_year
    years, feats = candidates(title, text, doc_type, publish_date, rules_year)
    if recorder is not None:
        recorder.append((years, feats))
        return rules_year
    if feats[years.index(rules_year)].get("unnamed") and not feats[years.index(rules_year)].get("pub=0"):
        return rules_year  # a year the text never writes (a proposal's number, a yearbook's volume): the rules read it
        # from a cue the candidates' features do not see (a page's own year they do: pub=0, and the model may overrule it)
    weights = model()["weights"]  # type: ignore[index]
    scores = [score(f, weights) for f in feats]
    return years[max(range(len(years)), key=scores.__getitem__)]

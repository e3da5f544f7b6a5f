"""Counts a report states as zero without a numeral: 实现行政诉讼零败诉, 行政败诉案件“零”.

These reports boast a clean record by the word 零 before (or after) the outcome's noun. Such a count is the value 0
(GOLD conventions: 零 is a written numeral), but no unit follows it, so the number finder never sees it. Which
wordings say a metric is zero is the catalogue's ``zero`` field; this step reads them as a count in digits is read:
its kind (力争零败诉 is a target), another year's record (2022年实现零败诉 in a 2023 report, 较上年零败诉) is not the
report's, and a body's zero under the reporter (某局实现零败诉) stands only when the report gives no count of its own.
A record not achieved (未能实现零败诉, 打破…零败诉的纪录) or one naming others (实现零败诉的地方政府) is no count.
"""

from __future__ import annotations

import re

from etl.extract import catalog
from etl.extract.attribution import attribute, is_reporters_government
from etl.extract.kind import kind_of
from etl.extract.prose import CLAUSE_YEAR, STRONG, WEAK, DocContext, Figure
from etl.extract.sentence import rfind_any
from etl.read.normalise import Matching

CONFIDENCE = 0.8  # a rule-of-thumb until scripts/calibrate.py measures the family (etl/extract/confidence.py)

# the record was not achieved, or was broken
_NOT_ACHIEVED = re.compile(r"未|没有|没能|尚未|打破|失去|难以|不再")
# …or the zero describes others: 实现零败诉的地方政府, 向零败诉的单位学习 (a record's own name, 的佳绩/成绩/目标, is not)
_OF_OTHERS = re.compile(r"^[”\"」’]?的(?!佳绩|好成绩|成绩|成效|目标|良好)")
# another year's record: a year before the report's (prose.CLAUSE_YEAR, as for a count in digits), or the year before
# in words (a later year's is a goal: kind_of)
_LAST_YEAR = re.compile(r"上年|去年|上一年|同期")


def extract_zero_counts(m: Matching, ctx: DocContext) -> list[Figure]:
    """One figure of value 0 for each wording of a catalogued zero count said of the year reported on."""
    text = m.text
    out: list[Figure] = []
    for metric in catalog.load().values():
        if metric.zero is None:
            continue
        for hit in metric.zero.finditer(text):
            sent_start = rfind_any(text, STRONG, hit.start(), max(0, hit.start() - 300))
            clause_start = rfind_any(text, WEAK, hit.start(), sent_start)
            left, sentence_left = text[clause_start:hit.start()], text[sent_start:hit.start()]
            right = text[hit.end():hit.end() + 60]
            if _NOT_ACHIEVED.search(left) or _OF_OTHERS.match(right) or _LAST_YEAR.search(left) \
                    or (ctx.year and any(int(y) < ctx.year for y in CLAUSE_YEAR.findall(left))):
                continue
            attribution = attribute(left + hit.group(0), sentence_left + hit.group(0))
            own = attribution.is_own or is_reporters_government(attribution, ctx.level)
            a, b = m.span(max(clause_start, hit.start() - 40), hit.end())
            figure = Figure(metric.key, 0.0, metric.unit, "exact", kind_of(ctx.year, ctx.doc_type, sentence_left, left, right),
                            a, b, m.original[a:b], f"prose-zero:{metric.key}", CONFIDENCE)
            figure.scope = "own" if own else "part"
            out.append(figure)
    return out


def settle(zeros: list[Figure], figures: list[Figure]) -> list[Figure]:
    """The zero counts to keep beside the document's other figures: the report's own, and a body's under it only when
    the document gives no other figure of that metric and kind (a part stands for the whole only when alone, as a
    count in digits does: etl/extract/attribution.py's if_total)."""
    given = {(f.metric, f.kind) for f in figures}
    kept = []
    for z in zeros:
        if z.scope == "part" and (z.metric, z.kind) in given:
            continue
        z.scope = "own"
        kept.append(z)
    return kept

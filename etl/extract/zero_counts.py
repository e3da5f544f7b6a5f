"""Counts a report states as zero without a numeral: 实现行政诉讼零败诉, 行政败诉案件“零”.

These reports boast a clean record by the word 零 before (or after) the outcome's noun. Such a count is the value 0
(GOLD conventions: 零 is a written numeral), but no unit follows it, so the number finder never sees it. Which
wordings say a metric is zero is the catalogue's ``zero`` field; this step only reads them, with the same kind
(actual or target: 力争零败诉) and the same scope test (a body under the reporter, 某局实现零败诉, is a part) as a
count written in digits.
"""

from __future__ import annotations

from etl.extract import catalog
from etl.extract.attribution import attribute, is_reporters_government
from etl.extract.kind import kind_of
from etl.extract.prose import STRONG, WEAK, DocContext, Figure
from etl.extract.sentence import rfind_any
from etl.read.normalise import Matching

CONFIDENCE = 0.8  # a rule-of-thumb; etl/extract/confidence.py replaces it by the family's measured precision


def extract_zero_counts(m: Matching, ctx: DocContext) -> list[Figure]:
    """One figure of value 0 for each wording of a catalogued zero count, when the report says it of itself."""
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
            attribution = attribute(left + hit.group(0), sentence_left + hit.group(0))
            if not attribution.is_own and not is_reporters_government(attribution, ctx.level):
                continue  # 区市场监管局实现零败诉 in the district's report: one body's record, not the report's own
            a, b = m.span(max(clause_start, hit.start() - 40), hit.end())
            out.append(Figure(metric.key, 0.0, metric.unit, "exact",
                              kind_of(ctx.year, ctx.doc_type, sentence_left, left, right), a, b, m.original[a:b],
                              f"prose-zero:{metric.key}", CONFIDENCE))
    return out

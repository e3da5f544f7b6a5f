"""How often a figure of each kind is right: confidence measured, not asserted.

Each figure belongs to a family — how it was found (a table cell, a rate word, a cue before the number,
a wording after it, a share, a goal), how far its cue stood from the number, whether its clause said it
was a whole, whether its subject area was named in its own clause, and whether its document gives that metric
once or several times (where there are several, one of them is more often a part, another year's or a lower
body's: the split separates the doubtful from the ordinary, which the other parts alone did not).
``scripts/calibrate.py`` measures on the labelled test texts (reports the rules were not tuned on) how many figures
of each family are right and writes etl/extract/catalog/confidence.toml; a figure's confidence is its family's measured precision.
docs/accuracy.md shows how these numbers hold on the development texts.

Figures below ``REVIEW_BELOW`` are marked 待核 (to be checked) on the pages and stay out of the weekly
brief until an analyst confirms them on the quality page.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Protocol

CONFIDENCE_PATH = Path(__file__).resolve().parent / "catalog" / "confidence.toml"
REVIEW_BELOW = 0.7


class _Figure(Protocol):
    metric: str
    kind: str
    rule: str
    confidence: float
    scope: str
    unit: str


def family(f: _Figure, several: bool = False) -> str:
    """``how/distance/scope[/clause|/context]/once|several``: e.g. ``prose-cue/near/total/clause/once``,
    ``table/-/own/several``; ``clause``/``context`` says whether the subject area (复议, 调解 …) was named in the
    number's own clause or only around it, the last part whether the document gives more than one figure of the
    figure's metric and kind (``several``)."""
    return f"{_family(f)}/{'several' if several else 'once'}"


def _family(f: _Figure) -> str:
    how = f.rule.split(":", 1)[0]
    if how.startswith("table"):
        # a table read whose own cross-check failed (its 总计 cells do not add up) keeps its low rule confidence
        return "table/-/own" if f.confidence >= 0.9 else "table/-/unchecked"
    if how == "prose-cue":
        distance = "near" if f.confidence >= 0.9 else "mid" if f.confidence >= 0.8 else "far"
    else:
        distance = "-"
    scope = "rate" if f.unit == "%" else f.scope
    area = getattr(f, "area", 0)
    where = "" if how not in ("prose-cue", "prose-after") else ("/clause" if area == 0 else "/context")
    return f"{how}/{distance}/{scope}{where}"


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    if not CONFIDENCE_PATH.exists():
        return {}
    data = tomllib.loads(CONFIDENCE_PATH.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.get("family", {}).items()}


def calibrate(figures: list) -> None:
    """Replace each figure's rule-of-thumb confidence by its family's measured precision (in place). ``figures`` are
    one document's, each said once (the same figure twice is one: pipeline._dedupe)."""
    measured = table()
    counts = Counter((f.metric, f.kind) for f in figures)
    for f in figures:
        key = family(f, counts[f.metric, f.kind] > 1)
        if key in measured:
            f.confidence = measured[key]

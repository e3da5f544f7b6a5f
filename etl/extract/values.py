"""One value per (document, metric, kind): the report's own figure, never a sum of its figures.

A report often states a metric more than once: the table and the prose, a total and (where
attribution could not tell) a part, this year's count and a running total. Adding them inflates
the figure (912 = 425 + 303 + 122 + 62). The value is instead the figure chosen by one explicit
precedence, and the others stay as supporting evidence, shown but never added:

1. a figure an analyst added (rule ``correction``);
2. a table cell (the statutory tables are the report's own statistics);
3. a figure said to be a whole (共, 合计, 全市 … — ``scope`` ``total``) over a plain one, and a plain
   one over a running total across years or an earlier year of a year-by-year series (``running``);
4. for counts the larger (a whole is not smaller than its parts), for rates the first stated;
5. text order, then the figure id, so the choice is stable.

``PRIMARY_ORDER`` is the same precedence in SQL: the view ``figures_current`` marks the chosen
figure ``is_primary`` (etl/after/corrections.py), so corrections change the choice as they change values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class _Figure(Protocol):
    metric: str
    value: float
    unit: str
    kind: str
    start: int
    rule: str
    scope: str


_SCOPE_RANK = {"total": 0, "own": 1, "running": 2}

# ORDER BY of the window that picks the primary figure of a (doc_id, metric, kind); columns of figures_current
PRIMARY_ORDER = """rule = 'correction' DESC, rule LIKE 'table%' DESC,
    CASE scope WHEN 'total' THEN 0 WHEN 'running' THEN 2 ELSE 1 END,
    CASE WHEN unit = '%' THEN 0 ELSE -value END, start, figure_id"""


def rank(f: _Figure) -> tuple:
    """Sort key of ``PRIMARY_ORDER`` (without the figure id, which only the database has)."""
    return (f.rule != "correction", not f.rule.startswith("table"), _SCOPE_RANK.get(f.scope, 1),
            0.0 if f.unit == "%" else -f.value, f.start)


def primary(figures: Iterable[_Figure]) -> dict[tuple[str, str], _Figure]:
    """(metric, kind) -> the figure that is the document's value."""
    best: dict[tuple[str, str], _Figure] = {}
    for f in figures:
        key = (f.metric, f.kind)
        if key not in best or rank(f) < rank(best[key]):
            best[key] = f
    return best


def actual_values(figures: Iterable[_Figure]) -> dict[str, float]:
    """metric -> the document's actual value (what ``python -m etl extract --jsonl`` prints as ``values``)."""
    return {metric: f.value for (metric, kind), f in sorted(primary(figures).items()) if kind == "actual"}

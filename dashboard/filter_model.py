"""The page filters as one value: from and to the URL, its SQL WHERE fragment and its Chinese caption.

Every restriction is one ``Clause`` holding both its SQL (with parameters) and its words, so what a page
says it shows ("2023年 · 江苏省 · 县级") and what its SQL selects are made from the same place and cannot
drift apart (tests/test_filter_model.py runs both against one table). No Streamlit here: tests and the
benchmark build filters by hand; dashboard/filters.py draws the sidebar.

URL keys (repeat a key or separate values with commas for several):

| key       | meaning                                   | example            |
|-----------|-------------------------------------------|--------------------|
| region    | 6-digit division code; a province or city | ``region=440000``  |
|           | code covers the documents below it        |                    |
| level     | document level (province/city/county/...) | ``level=county``   |
| y0, y1    | first and last year (inclusive)           | ``y0=2019&y1=2023``|
| type      | document type (annual_report, ...)        | ``type=work_points``|
| metric    | metric key from the catalogue             | ``metric=litigation.cases`` |
| synthetic | ``1`` includes synthetic documents        | ``synthetic=1``    |
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.format import DOC_TYPE_LABELS, LEVEL_LABELS
from dashboard.region_codes import region_prefix

FILTER_KEYS = ("region", "level", "y0", "y1", "type", "metric", "synthetic")
_CODE = re.compile(r"^\d{6}$")
_METRIC = re.compile(r"^[a-z_]+(?:\.[a-z_]+)+$")
YEAR_MIN, YEAR_MAX = 1980, 2100
ALL = "全部报告"  # the caption of filters that restrict nothing
SYNTHETIC_TEXT = "含合成数据"


@dataclass(frozen=True)
class Clause:
    """One restriction: its SQL over a table aliased by the caller, the parameters, and how it reads.

    ``text`` is empty for the default that needs no mention (synthetic documents left out); ``rank`` is its
    place in the caption (years, regions, levels, types, metrics, then the synthetic switch).
    """

    sql: str
    params: tuple[Any, ...]
    text: str
    rank: int


def _year_text(y0: int | None, y1: int | None) -> str:
    if y0 is not None and y1 is not None:
        return f"{y0}年" if y0 == y1 else f"{y0}–{y1}年"
    return f"{y0}年起" if y0 is not None else f"{y1}年及以前"


@dataclass(frozen=True)
class Filters:
    """What the sidebar selects; empty tuples / None mean "no restriction"."""

    regions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    doc_types: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    synthetic: bool = False

    def doc_clauses(self, alias: str = "d", region_names: Mapping[str, str] | None = None) -> list[Clause]:
        """The document restrictions (synthetic, levels, types, years, regions) in SQL order.

        ``alias`` is always a constant chosen by the calling module, never user input.
        """
        out = [Clause("TRUE", (), SYNTHETIC_TEXT, 9) if self.synthetic
               else Clause(f"NOT {alias}.is_synthetic", (), "", 9)]
        if self.levels:
            out.append(Clause(f"list_contains(?, {alias}.level)", (list(self.levels),),
                              "、".join(LEVEL_LABELS.get(v, v) for v in self.levels), 2))
        if self.doc_types:
            out.append(Clause(f"list_contains(?, {alias}.doc_type)", (list(self.doc_types),),
                              "、".join(DOC_TYPE_LABELS.get(v, v) for v in self.doc_types), 3))
        if self.year_from is not None or self.year_to is not None:
            sql, params = [], []
            if self.year_from is not None:
                sql.append(f"{alias}.year >= ?")
                params.append(self.year_from)
            if self.year_to is not None:
                sql.append(f"{alias}.year <= ?")
                params.append(self.year_to)
            out.append(Clause(" AND ".join(sql), tuple(params), _year_text(self.year_from, self.year_to), 0))
        if self.regions:
            names = region_names or {}
            out.append(Clause("(" + " OR ".join(f"starts_with({alias}.region_code, ?)" for _ in self.regions) + ")",
                              tuple(region_prefix(c) for c in self.regions),
                              "、".join(names.get(c, c) for c in self.regions), 1))
        return out

    def clauses(self, alias: str = "d", region_names: Mapping[str, str] | None = None,
                metric_names: Mapping[str, str] | None = None) -> list[Clause]:
        """``doc_clauses`` plus the metric restriction (for tables with a ``metric`` column), in SQL order."""
        out = self.doc_clauses(alias, region_names)
        if self.metrics:
            names = metric_names or {}
            out.append(Clause(f"list_contains(?, {alias}.metric)", (list(self.metrics),),
                              "、".join(names.get(m, m) for m in self.metrics), 4))
        return out

    def where(self, alias: str = "d") -> tuple[str, list[Any]]:
        """The document restrictions as one WHERE fragment and its parameters (``TRUE`` when none)."""
        return _join(self.doc_clauses(alias))

    def caption(self, region_names: Mapping[str, str] | None = None,
                metric_names: Mapping[str, str] | None = None, empty: str = ALL) -> str:
        """What the filters show, in Chinese: ``2023年 · 江苏省 · 县级`` (``empty`` when nothing is restricted)."""
        parts = sorted(self.clauses("d", region_names, metric_names), key=lambda c: c.rank)
        texts = [c.text for c in parts if c.text]
        return " · ".join(texts) or empty


def _join(clauses: Sequence[Clause]) -> tuple[str, list[Any]]:
    sql = [c.sql for c in clauses if c.sql != "TRUE"]
    return " AND ".join(sql) or "TRUE", [p for c in clauses for p in c.params]


@dataclass(frozen=True)
class FilterOptions:
    """The choices the sidebar offers (from the database)."""

    regions: Sequence[tuple[str, str]] = ()  # (code, label), in display order
    years: tuple[int, int] | None = None
    levels: Sequence[str] = tuple(LEVEL_LABELS)
    doc_types: Sequence[str] = tuple(DOC_TYPE_LABELS)
    metrics: Sequence[tuple[str, str]] = ()  # (key, label with unit)


def _values(params: Mapping[str, Any], key: str) -> list[str]:
    raw = params.get(key, [])
    if isinstance(raw, str):
        raw = [raw]
    out: list[str] = []
    for item in raw:
        out += [v.strip() for v in str(item).split(",") if v.strip()]
    return list(dict.fromkeys(out))


def _year(params: Mapping[str, Any], key: str) -> int | None:
    vals = _values(params, key)
    if not vals or not vals[-1].isdigit():
        return None
    y = int(vals[-1])
    return y if YEAR_MIN <= y <= YEAR_MAX else None


def from_params(params: Mapping[str, Any]) -> Filters:
    """Filters from URL parameters (``{key: value or [values]}``); unknown or malformed values are dropped.

    ``from_params({"region": "440000,430100", "y0": "2019", "level": ["county", "bogus"]})``
    -> ``Filters(regions=("440000", "430100"), levels=("county",), year_from=2019)``
    """
    y0, y1 = _year(params, "y0"), _year(params, "y1")
    if y0 is not None and y1 is not None and y0 > y1:
        y0, y1 = y1, y0
    return Filters(
        regions=tuple(v for v in _values(params, "region") if _CODE.match(v)),
        levels=tuple(v for v in _values(params, "level") if v in LEVEL_LABELS),
        year_from=y0,
        year_to=y1,
        doc_types=tuple(v for v in _values(params, "type") if v in DOC_TYPE_LABELS),
        metrics=tuple(v for v in _values(params, "metric") if _METRIC.match(v)),
        synthetic=(_values(params, "synthetic") or ["0"])[-1].lower() in ("1", "true", "yes"),
    )


def to_params(f: Filters) -> dict[str, list[str]]:
    """The URL parameters for ``f`` (only the keys that restrict something)."""
    out: dict[str, list[str]] = {}
    if f.regions:
        out["region"] = list(f.regions)
    if f.levels:
        out["level"] = list(f.levels)
    if f.year_from is not None:
        out["y0"] = [str(f.year_from)]
    if f.year_to is not None:
        out["y1"] = [str(f.year_to)]
    if f.doc_types:
        out["type"] = list(f.doc_types)
    if f.metrics:
        out["metric"] = list(f.metrics)
    if f.synthetic:
        out["synthetic"] = ["1"]
    return out

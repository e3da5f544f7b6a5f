"""Every query the pages run, gathered from the query modules' own ``CALLS``: what the benchmark times.

A query module lists the calls its pages make beside its functions; adding a query to a page means adding
its call there, and tests/test_query_registry.py fails when a public query function has none.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

from dashboard.queries import brief, options, overview, quality, regions, reports, search, trends
from dashboard.queries.samples import PAGES, Call, Samples

MODULES: tuple[ModuleType, ...] = (options, overview, trends, regions, search, reports, brief, quality)


def calls() -> list[Call]:
    """Every registered call, pages in ``PAGES`` order, each page's calls in module order."""
    every = [c for m in MODULES for c in m.CALLS]
    return sorted(every, key=lambda c: PAGES.index(c.page))


def by_page(samples: Samples) -> dict[str, list[tuple[str, Callable[[], Any]]]]:
    """Per page, ``(label, call without arguments)`` with ``samples`` bound."""
    out: dict[str, list[tuple[str, Callable[[], Any]]]] = {p: [] for p in PAGES}
    for c in calls():
        out[c.page].append((c.label, lambda c=c: c.run(samples)))
    return out


def functions() -> dict[str, Callable[..., Any]]:
    """The public query functions of the query modules, by name."""
    return {n: f for m in MODULES for n, f in inspect.getmembers(m, inspect.isfunction)
            if f.__module__ == m.__name__ and not n.startswith("_")}


def uncalled() -> list[str]:
    """Public query functions no registered call runs (the benchmark would not time them)."""
    called = {c.function for c in calls()}
    return sorted(set(functions()) - called)

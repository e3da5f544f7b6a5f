"""The benchmark's list of page queries is the query modules' own registry, and it is complete."""

from __future__ import annotations

import ast
from pathlib import Path

from dashboard.queries import registry
from dashboard.queries.samples import PAGES

REPO = Path(__file__).resolve().parents[1]


def test_every_query_that_reads_the_database_is_registered() -> None:
    functions = registry.functions()
    assert functions  # the package's query functions were found
    untimed_readers = [name for name in registry.uncalled() if "db" in functions[name].__code__.co_names]
    assert untimed_readers == []  # only pure helpers may go untimed: these read the database with no page call registered


def test_registered_calls_name_real_functions_and_pages() -> None:
    functions = registry.functions()
    calls = registry.calls()
    assert calls and {c.page for c in calls} == set(PAGES)
    for c in calls:
        assert c.function in functions, c.label
    labels = [(c.page, c.label) for c in calls]
    assert len(labels) == len(set(labels))


def test_query_modules_stay_small_and_import_nothing_inside_functions() -> None:
    paths = sorted((REPO / "dashboard" / "queries").glob("*.py"))
    assert len(paths) > 5
    too_long = [p.name for p in paths if len(p.read_text(encoding="utf-8").splitlines()) >= 500]
    inner = [f"{p.name}:{node.name}" for p in paths for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
             if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
             and any(isinstance(n, ast.Import | ast.ImportFrom) for n in ast.walk(node))]
    assert too_long == []
    assert inner == []  # imports inside a function


def test_bench_has_no_copy_of_the_calls() -> None:
    text = (REPO / "bench" / "pages.py").read_text(encoding="utf-8")  # the page-query timings
    assert "registry.by_page" in text
    assert "search_documents(" not in text and "region_ranking(" not in text

"""The benchmark's list of page queries is the query modules' own registry, and it is complete."""

from __future__ import annotations

import ast
from pathlib import Path

from dashboard.queries import registry
from dashboard.queries.samples import PAGES

REPO = Path(__file__).resolve().parents[1]


def test_every_query_that_reads_the_database_is_registered() -> None:
    functions = registry.functions()
    for name in registry.uncalled():  # only pure helpers may go untimed
        names = functions[name].__code__.co_names
        assert "db" not in names, f"{name} reads the database but no page call of it is registered"


def test_registered_calls_name_real_functions_and_pages() -> None:
    functions = registry.functions()
    calls = registry.calls()
    assert calls and {c.page for c in calls} == set(PAGES)
    for c in calls:
        assert c.function in functions, c.label
    labels = [(c.page, c.label) for c in calls]
    assert len(labels) == len(set(labels))


def test_query_modules_stay_small_and_import_nothing_inside_functions() -> None:
    for path in sorted((REPO / "dashboard" / "queries").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) < 500, path.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = [n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
                assert not inner, f"{path.name}:{node.name} imports inside a function"


def test_bench_has_no_copy_of_the_calls() -> None:
    text = (REPO / "bench" / "pages.py").read_text(encoding="utf-8")  # the page-query timings
    assert "registry.by_page" in text
    assert "search_documents(" not in text and "region_ranking(" not in text

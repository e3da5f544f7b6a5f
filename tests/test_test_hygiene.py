"""The tests themselves: a test whose every assert sits inside a loop passes when the loop never runs.

`for row in rows: assert ok(row)` over zero rows proves nothing, so each test function needs at least
one assert outside any for/while body (typically on the count the loop is about to walk). Asserts in
a loop's `else:` run even after zero turns, so they count as outside. Nothing is allow-listed.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _asserts(node: ast.AST, in_loop: bool) -> list[bool]:
    """For each assert of this function (not of nested functions or classes): is it inside a loop body?"""
    found: list[bool] = []
    for field, value in ast.iter_fields(node):
        children = value if isinstance(value, list) else [value]
        for child in children:
            if not isinstance(child, ast.AST):
                continue
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
                continue
            looped = in_loop or (isinstance(node, ast.For | ast.AsyncFor | ast.While) and field == "body")
            if isinstance(child, ast.Assert):
                found.append(looped)
            found += _asserts(child, looped)
    return found


def loop_only_tests(source: str) -> list[str]:
    """Names of test functions that have asserts, all of them inside loop bodies."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            flags = _asserts(node, False)
            if flags and all(flags):
                out.append(node.name)
    return out


def test_the_checker_tells_loop_only_asserts_apart() -> None:
    bad = "def test_a(rows):\n    for r in rows:\n        assert r\n"
    while_bad = "def test_w(xs):\n    while xs:\n        with open(x):\n            assert xs.pop()\n"
    good = "def test_b(rows):\n    assert len(rows) == 3\n    for r in rows:\n        assert r\n"
    in_else = "def test_c(rows):\n    for r in rows:\n        assert r\n    else:\n        assert True\n"
    nested = "def test_d(rows):\n    def check(r):\n        assert r\n    for r in rows:\n        check(r)\n"
    helper = "def check(rows):\n    for r in rows:\n        assert r\n"
    assert loop_only_tests(bad) == ["test_a"]
    assert loop_only_tests(while_bad) == ["test_w"]
    assert loop_only_tests(good) == loop_only_tests(in_else) == loop_only_tests(nested) == []
    assert loop_only_tests(helper) == []


def test_no_test_asserts_only_inside_loops() -> None:
    files = sorted(TESTS.glob("test_*.py"))
    assert len(files) > 40
    offenders = [f"{f.name}::{name}" for f in files for name in loop_only_tests(f.read_text(encoding="utf-8"))]
    assert offenders == []

"""Every environment setting the code reads is named in README.md's settings.

A setting nobody can find is a setting nobody sets: this reads app.py, pages/, dashboard/, etl/ and
bench/ with ast, finds each ``os.environ.get(X)`` / ``os.environ[X]`` / ``os.getenv(X)`` and works out
X: a string literal, a module constant (``ENV_DB = "REPORTS_DB"``), or a parameter of a function
that the same module calls with one of those (``_from_env(ENV_DB)``). A name it cannot work out fails
too, so a new way of reading the environment is looked at rather than silently skipped.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("app.py", "pages", "dashboard", "etl", "bench")


def _is_os_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and isinstance(node.value, ast.Name) \
        and node.value.id == "os"


def _env_arg(node: ast.AST) -> ast.AST | None:
    """The name expression of an environment read, or None when `node` is not one."""
    if isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Attribute):
        f = node.func
        if f.attr == "get" and _is_os_environ(f.value):
            return node.args[0]
        if f.attr == "getenv" and isinstance(f.value, ast.Name) and f.value.id == "os":
            return node.args[0]
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _is_os_environ(node.value):
        return node.slice
    return None


def settings_read(source: str) -> tuple[set[str], list[str]]:
    """(setting names read in this module, reads whose name could not be worked out)."""
    tree = ast.parse(source)
    consts = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
              for t in n.targets if isinstance(t, ast.Name)
              if isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}

    def literal(arg: ast.AST) -> str | None:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value
        if isinstance(arg, ast.Name):
            return consts.get(arg.id)
        return None

    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    found: set[str] = set()
    unknown: list[str] = []
    for node in ast.walk(tree):
        arg = _env_arg(node)
        if arg is None:
            continue
        name = literal(arg)
        if name is not None:
            found.add(name)
            continue
        owner = next((f for f in functions if isinstance(arg, ast.Name) and arg.id in [a.arg for a in f.args.args]
                      and f.lineno <= node.lineno <= (f.end_lineno or f.lineno)), None)
        passed = [literal(c.args[0]) for c in ast.walk(tree) if owner is not None and isinstance(c, ast.Call)
                  and isinstance(c.func, ast.Name) and c.func.id == owner.name and c.args
                  and owner.args.args[0].arg == arg.id]
        if passed and all(passed):
            found.update(p for p in passed if p)
        else:
            unknown.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found, unknown


def _files() -> list[Path]:
    out = []
    for name in SOURCES:
        path = ROOT / name
        out += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return out


def test_the_scanner_reads_literals_constants_and_helpers() -> None:
    src = '''
import os
ENV_A = "REPORTS_A"
def _from_env(name):
    return os.environ.get(name, "")
def a():
    return _from_env(ENV_A), os.getenv("REPORTS_B"), os.environ["REPORTS_C"], os.environ.get(ENV_A)
def b(key):
    return os.environ.get(key)
'''
    found, unknown = settings_read(src)
    assert found == {"REPORTS_A", "REPORTS_B", "REPORTS_C"}
    assert unknown == ["line 9: os.environ.get(key)"]


def test_every_setting_is_in_the_readme() -> None:
    files = _files()
    assert len(files) > 30
    found: dict[str, list[str]] = {}
    unknown: list[str] = []
    for path in files:
        names, bad = settings_read(path.read_text(encoding="utf-8"))
        rel = path.relative_to(ROOT).as_posix()
        for name in names:
            found.setdefault(name, []).append(rel)
        unknown += [f"{rel} {b}" for b in bad]
    assert unknown == []
    assert {"REPORTS_DATA", "REPORTS_DB", "REPORTS_ADMIN_PASSWORD"} <= set(found)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = {name: where for name, where in sorted(found.items()) if not re.search(rf"\b{name}\b", readme)}
    assert missing == {}

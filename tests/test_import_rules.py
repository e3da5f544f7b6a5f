"""The house rules on imports, read from the source (AST), so a breach fails here and not in review.

- one door: app.py, pages/ and dashboard/ import from etl only through etl/api.py;
- no import cycle among etl/, dashboard/, pages/, bench/ and app.py, counting imports inside functions
  (an import moved into a function to dodge a cycle is still a cycle);
- no import inside a function in etl/, dashboard/, pages/ except the ones listed in ``LAZY`` with why.

Each rule is also run on a small planted tree, so each check is shown able to fail.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from etl.after import steps

ROOT = Path(__file__).resolve().parents[1]
APP_PARTS = ("app.py", "pages", "dashboard")
GRAPH_PARTS = ("etl", "dashboard", "pages", "bench", "app.py")
LAZY_PARTS = ("etl", "dashboard", "pages")

# files that still import etl directly, each with why
DOOR_EXCEPTIONS = {
}

# imports allowed inside a function: (file, or "*" for anywhere; imported module or its prefix) -> why
LAZY: dict[tuple[str, str], str] = {
    # optional or heavy third-party libraries, loaded only by the code path that needs them
    ("*", "jieba"): "search tokenizer fallback (~1 s dictionary load); only when rjieba is missing",
    ("*", "rjieba"): "search tokenizer: loaded on first tokenisation, not by every import of etl.extract.tokens",
    ("*", "opencc"): "Traditional -> Simplified: only for text that has Traditional characters",
    ("*", "chardet"): "encoding detection: only when UTF-8/GBK/Big5 all fail",
    ("*", "lxml"): "HTML and Word parsing: only for .html/.docx files",
    ("*", "trafilatura"): "article extraction: only for crawled HTML pages",
    ("*", "docx"): "python-docx: only for .docx files",
    ("*", "pdfplumber"): "PDF text with table cells: only for .pdf files",
    ("*", "pypdf"): "PDF fallback: only when pdfplumber fails",
    ("*", "playwright"): "headless Chromium for the brief's PDF: only when one is asked for (optional install)",
    # the no-change build (tests/test_cli_fast.py): etl/load/build.py and store.py must not load these
    ("etl/load/build.py", "etl.load.build_write"): "the writer loads pandas, pyarrow, the pipeline: only with work to do",
    ("etl/load/build_write.py", "etl.load.dask_engine"): "dask.distributed: only for `build --engine dask` (issue 15)",
    ("etl/load/store.py", "pandas"): "store is imported by a no-change build for the lock and swap; pandas costs ~0.4 s",
    ("etl/load/store.py", "etl.extract.catalog"): "reference tables: only a full write needs them (no-change path)",
    ("etl/load/store.py", "etl.extract.gazetteer"): "the gazetteer costs ~0.1 s to import: not on the no-change path",
    ("dashboard/filters.py", "streamlit.runtime.pages_manager"): "Streamlit internals: guarded, may be absent",
    ("dashboard/uploads.py", "streamlit"): "upload limit from st.secrets: uploads is also used outside a Streamlit run",
    ("dashboard/serve.py", "dashboard.warmup"): "imported in the warm-up thread once Streamlit's runtime exists: "
                                                "cached functions defined earlier get a cache apart from the runtime's",
}


@dataclass(frozen=True)
class Import:
    file: str  # relative to the root, '/' separated
    line: int
    module: str  # absolute module name imported (for ``from a import b``: a, and a.b when that is a module)
    names: tuple[str, ...]  # candidate modules: the module and, for ``from a import b``, a.b
    in_function: bool


def _files(root: Path, parts: tuple[str, ...]) -> Iterator[Path]:
    for part in parts:
        path = root / part
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _visit(node: ast.AST, rel: str, package: str, in_function: bool) -> Iterator[Import]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield from _visit(ast.Module([other], []), rel, package, in_function)
            continue
        if isinstance(child, ast.Import):
            for alias in child.names:
                yield Import(rel, child.lineno, alias.name, (alias.name,), in_function)
        elif isinstance(child, ast.ImportFrom):
            base = child.module or ""
            if child.level:
                up = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                base = ".".join([*up, base] if base else up)
            yield Import(rel, child.lineno, base, (base, *(f"{base}.{a.name}" for a in child.names)), in_function)
        inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield from _visit(child, rel, package, inner)


def imports(root: Path, parts: tuple[str, ...]) -> Iterator[Import]:
    """Every import statement that runs (``if TYPE_CHECKING:`` blocks never do), with whether it is in a function."""
    for path in _files(root, parts):
        me = _module_name(root, path)
        package = me if path.name == "__init__.py" else me.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        yield from _visit(tree, path.relative_to(root).as_posix(), package, False)


def door_breaches(root: Path, exceptions: dict[str, str] = DOOR_EXCEPTIONS) -> list[str]:
    """App imports of etl that do not go through etl.api (``from etl import api``, ``from etl.api import x``)."""
    out = []
    for imp in imports(root, APP_PARTS):
        if any(imp.file == e or (e.endswith("/") and imp.file.startswith(e)) for e in exceptions):
            continue
        if imp.module != "etl" and not imp.module.startswith("etl."):
            continue
        through_door = imp.module == "etl.api" or imp.names[1:] == ("etl.api",)
        if not through_door:
            out.append(f"{imp.file}:{imp.line} imports {imp.module} (use etl.api)")
    return out


def cycles(root: Path, parts: tuple[str, ...] = GRAPH_PARTS) -> list[list[str]]:
    """Strongly connected groups of our modules (more than one module, or one importing itself)."""
    known = {_module_name(root, p) for p in _files(root, parts)}
    edges: dict[str, set[str]] = {m: set() for m in known}
    for imp in imports(root, parts):
        me = _module_name(root, root / imp.file)
        edges[me] |= {n for n in imp.names if n in known and n != me}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


def unlisted_lazy_imports(root: Path, allowed: dict[tuple[str, str], str] = LAZY) -> list[str]:
    """Imports inside functions that ``allowed`` does not name (by file and module, or "*" and module)."""
    out = []
    for imp in imports(root, LAZY_PARTS):
        if not imp.in_function:
            continue
        ok = any(where in ("*", imp.file) and any(n == mod or n.startswith(mod + ".") for n in imp.names)
                 for where, mod in allowed)
        if not ok:
            out.append(f"{imp.file}:{imp.line} imports {imp.module} inside a function")
    return out


# ---------------------------------------------------------------- the rules on this repository

def test_app_imports_etl_only_through_the_api() -> None:
    assert door_breaches(ROOT) == []


def test_no_import_cycle() -> None:
    assert cycles(ROOT) == []


def test_imports_inside_functions_are_listed_with_a_reason() -> None:
    assert unlisted_lazy_imports(ROOT) == []
    assert all(why.strip() for why in LAZY.values())


def test_the_after_load_steps_run_corrections_then_summaries_then_checks() -> None:
    assert [s.__module__ for s in steps.STEPS] == ["etl.after.current", "etl.after.summaries", "etl.after.checks"]


# ---------------------------------------------------------------- each rule can fail

def _plant(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture()
def planted(tmp_path: Path) -> Path:
    return _plant(tmp_path, {
        "etl/__init__.py": "",
        "etl/api.py": "from etl import a\n",
        "etl/a.py": "def f():\n    from etl import b  # hidden in a function\n",
        "etl/b.py": "from etl.a import f\n",
        "etl/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from etl import d\n",
        "etl/d.py": "import etl.c\n",
        "dashboard/__init__.py": "",
        "dashboard/ok.py": "from etl import api\nfrom etl.api import a\n",
        "dashboard/bad.py": "def g():\n    from etl.b import f\n",
        "pages/p.py": "import etl.a\n",
        "app.py": "from etl import api, a\n",
    })


def test_the_door_check_finds_an_import_around_the_api(planted: Path) -> None:
    assert door_breaches(planted) == ["app.py:1 imports etl (use etl.api)", "pages/p.py:1 imports etl.a (use etl.api)",
                                      "dashboard/bad.py:2 imports etl.b (use etl.api)"]
    assert door_breaches(planted, {"dashboard/bad.py": "test", "pages/": "test", "app.py": "test"}) == []


def test_the_cycle_check_counts_imports_inside_functions_but_not_type_checking(planted: Path) -> None:
    assert cycles(planted) == [["etl.a", "etl.b"]]  # c <-> d is for type checkers only


def test_the_lazy_import_check_finds_an_unlisted_one(planted: Path) -> None:
    assert unlisted_lazy_imports(planted, {}) == ["etl/a.py:2 imports etl inside a function",
                                                  "dashboard/bad.py:2 imports etl.b inside a function"]
    assert unlisted_lazy_imports(planted, {("etl/a.py", "etl.b"): "test", ("*", "etl.b"): "test"}) == []

"""DESIGN.md's module map matches the tree: every module is named there, and every module named there exists.

Why: a newcomer reads the map to find where a job lives; a module added or moved without the map changing
sends them to the wrong file.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESIGN = (ROOT / "DESIGN.md").read_text(encoding="utf-8")
PACKAGES = ("etl", "dashboard", "pages", "bench")


def _modules() -> list[Path]:
    out = []
    for pkg in PACKAGES:
        out += [p for p in (ROOT / pkg).rglob("*.py") if p.name != "__init__.py" or p.parent.name == "etl"]
    return sorted(out)


def _named(path: Path) -> bool:
    """Named by its path, by its name in its package's table, or as part of a package folder listed whole."""
    rel = path.relative_to(ROOT).as_posix()
    if f"`{rel}`" in DESIGN or rel in DESIGN:
        return True
    folder = path.parent.relative_to(ROOT).as_posix()
    if f"`{folder}/`" in DESIGN and path.stem in DESIGN:
        return True  # a package listed whole with its parts (dashboard/queries/, bench/synth/)
    return bool(re.search(rf"`{re.escape(path.name)}`", DESIGN)) and f"{folder}/" in DESIGN


def test_every_module_is_on_the_map() -> None:
    modules = _modules()
    assert len(modules) > 80
    missing = [m.relative_to(ROOT).as_posix() for m in modules if not _named(m)]
    assert missing == []


def test_every_path_on_the_map_exists() -> None:
    paths = set(re.findall(r"`((?:etl|dashboard|pages|bench)/[\w/]+(?:\.py|\.sql|/))`", DESIGN))
    assert len(paths) > 10
    gone = sorted(p for p in paths if not (ROOT / p).exists())
    assert gone == []

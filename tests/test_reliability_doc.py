"""docs/reliability.md names a test for every case of the hostile battery: each named test must exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "reliability.md"


def _defined_tests() -> dict[str, set[str]]:
    """Test function names per test file."""
    out: dict[str, set[str]] = {}
    for path in (ROOT / "tests").glob("test_*.py"):
        out[path.name] = set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    return out


def test_every_test_the_battery_names_exists() -> None:
    defined = _defined_tests()
    everywhere = set().union(*defined.values())
    named = []
    lines = DOC.read_text(encoding="utf-8").splitlines()
    for i, row in enumerate(lines):
        header = i + 1 < len(lines) and lines[i + 1].startswith("|---")
        if not row.startswith("|") or row.startswith("|---") or header:
            continue
        last = row.strip().strip("|").split("|")[-1]
        for file, name in re.findall(r"(?:(test_\w+\.py)::)?(test_\w+\*?)", last):
            named.append((file, name))
    assert len(named) >= 30, "the battery lists its tests"
    missing = []
    for file, name in named:
        pool = defined.get(file, set()) if file else everywhere
        if name.endswith("*") or name.endswith("_"):
            ok = any(t.startswith(name.rstrip("*")) for t in pool)
        else:
            ok = name in pool
        if not ok:
            missing.append(f"{file}::{name}" if file else name)
    assert not missing, f"docs/reliability.md names tests that do not exist: {missing}"

"""A build with nothing to do loads nothing heavy (issue 15: `python -m etl build` no-op in ≤ 0.3 s).

Time is not asserted (shared machine); what made the no-change build slow is: importing pandas,
pyarrow and the extraction pipeline (~0.8 s of the 0.85 s). Each test runs the no-change path in a
fresh Python (the test process has imported everything already) and lists what it imported:
``sys.modules`` after ``etl.load.build.build`` returns, or ``python -X importtime`` for the CLI.
scripts/bench_noop.py measures the time itself (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_build import make_data, received

from etl.load.build import build

ROOT = Path(__file__).resolve().parent.parent
# modules a no-change build must not import (prefixes): the writer, the extractor and their libraries
HEAVY = ("pandas", "pyarrow", "numpy", "jieba", "cn2an", "etl.extract.pipeline", "etl.extract.prose", "etl.extract.gazetteer",
         "etl.load.build_write", "etl.load.build_extract", "etl.load.build_child", "etl.after", "etl.api")
# sub-commands other than build: `python -m etl build` must not import them
OTHER_COMMANDS = ("bench.synth", "etl.load.export", "etl.extract.cli", "bench.run", "bench")
NO_CHANGE = "无变化:数据库未改写"

CHILD = r"""
import json, sys
from pathlib import Path
from etl.load.build import build
summary = build(Path(sys.argv[1]), Path(sys.argv[2]), progress=False)
print(json.dumps({"note": summary.note, "modules": sorted(sys.modules)}))
"""
# `python -m etl ARGS`, then the modules it loaded (importtime does not list importlib.import_module's imports)
CLI_CHILD = r"""
import json, runpy, sys
sys.argv = ["python -m etl", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("etl", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
print("\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "REPORTS_DATA": "", "REPORTS_DB": ""}


def _heavy(modules: list[str], names: tuple[str, ...] = HEAVY) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in names))


def _cli(*args: str) -> tuple[subprocess.CompletedProcess, dict]:
    """``python -m etl ARGS`` in a fresh Python: (the process, {"code": exit status, "modules": what it imported})."""
    out = subprocess.run([sys.executable, "-c", CLI_CHILD, *args], cwd=ROOT, env=_env(), capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out, json.loads(out.stdout.splitlines()[-1])


def _imported(stderr: str) -> list[str]:
    """Module names from ``python -X importtime`` output (the ones imported by import statements)."""
    return [line.rsplit("|", 1)[1].strip() for line in stderr.splitlines()
            if line.startswith("import time:") and "cumulative" not in line]


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder and its database, built once: the next build has nothing to do."""
    data = make_data(tmp_path)
    db = tmp_path / "r.duckdb"
    build(data, db, progress=False)
    return data, db


def test_no_change_build_imports_nothing_heavy(built: tuple[Path, Path]) -> None:
    data, db = built
    out = subprocess.run([sys.executable, "-c", CHILD, str(data), str(db)], cwd=ROOT, env=_env(),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.splitlines()[-1])
    assert result["note"] == NO_CHANGE
    assert "etl.load.build" in result["modules"] and "duckdb" in result["modules"]
    assert _heavy(result["modules"]) == []


def test_no_change_cli_build_imports_nothing_heavy(built: tuple[Path, Path]) -> None:
    data, db = built
    mtime = db.stat().st_mtime_ns
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "etl", "build", "--data", str(data), "--db", str(db),
                          "--no-progress"], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert NO_CHANGE in out.stdout
    assert db.stat().st_mtime_ns == mtime  # the live file was not rewritten
    imported = _imported(out.stderr)
    assert "etl.load.migrate" in imported and "duckdb" in imported  # the parse found the imports
    assert _heavy(imported) == []
    out, result = _cli("build", "--data", str(data), "--db", str(db), "--no-progress")
    assert result["code"] == 0 and NO_CHANGE in out.stdout
    assert "etl.load.build" in result["modules"]
    assert _heavy(result["modules"]) == []
    assert _heavy(result["modules"], OTHER_COMMANDS) == []


def test_a_changed_file_still_loads_the_writer_and_is_read(built: tuple[Path, Path]) -> None:
    """The lazy import is taken when there is work: the changed file is re-read and its figure is new."""
    data, db = built
    (data / "b.txt").write_text("乙县人民政府\n乙县2023年法治政府建设年度报告\n2023年,全年共收到行政复议申请44件。\n",
                                encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", CHILD, str(data), str(db)], cwd=ROOT, env=_env(),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.splitlines()[-1])
    assert result["note"] == ""
    assert {"etl.load.build_write", "etl.load.build_extract", "etl.extract.pipeline"} <= set(result["modules"])
    assert received(db) == {"a.txt": 11, "b.txt": 44, "c.txt": 33}


@pytest.mark.parametrize("command", ["build", "synth", "export"])
def test_cli_imports_only_the_chosen_sub_command(command: str) -> None:
    out, result = _cli(command, "--help")
    assert result["code"] == 0
    assert f"python -m etl {command}" in out.stdout
    wanted = {"build": "etl.load.build", "synth": "bench.synth", "export": "etl.load.export"}[command]
    assert wanted in result["modules"]
    others = {"etl.load.build", "bench.synth", "etl.load.export", "etl.extract.cli", "bench.run"} - {wanted}
    assert sorted(others & set(result["modules"])) == []


def test_cli_overall_help_lists_every_sub_command() -> None:
    out, result = _cli("--help")
    assert result["code"] == 0
    for command in ("build", "extract", "export", "synth", "bench"):
        assert command in out.stdout

"""``etl.extract.pipeline.warm_up`` loads, in a fresh process, everything extraction would load on first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
from etl.extract import catalog
from etl.extract import gazetteer
from etl.read import normalise
from etl.extract import pipeline
from etl.extract import tables
from etl.extract import tokens
loaded = lambda: {
    "gazetteer": gazetteer.gazetteer.cache_info().currsize,
    "catalog": catalog.load.cache_info().currsize,
    "templates": tables.templates.cache_info().currsize,
    "opencc": normalise._t2s.cache_info().currsize,
    "t2s triggers": normalise._t2s_triggers.cache_info().currsize,
    "rjieba": tokens._rjieba.cache_info().currsize,
    "segmenter": len(tokens._SEG),
}
assert set(loaded().values()) == {0}, loaded()
pipeline.warm_up()
assert set(loaded().values()) == {1}, loaded()
docs = pipeline.process_text("某某县人民政府\\n關於2023年法治政府建设情况的报告\\n受理行政复议案件108件。")
assert docs[0].figures and docs[0].meta.year == 2023
print("ok")
"""


def test_warm_up_loads_what_extraction_loads_lazily() -> None:
    r = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"

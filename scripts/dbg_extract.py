"""Show every prose figure of some files with its attribution and whether it was kept (for rule work on dev texts).

    PYTHONPATH=. .venv/bin/python scripts/dbg_extract.py FILE...
"""

import sys
from pathlib import Path

import etl.extract.prose as ex
from etl.extract.pipeline import process_text
from etl.read.readers import read_file

_resolve = ex.resolve


def _spy(figs: list, atts: list, places: list) -> list[bool]:
    keep = _resolve(figs, atts, places)
    for f, a, k in zip(figs, atts, keep, strict=True):
        print("KEEP" if k else "DROP", f.metric, f.value, f.kind, a.part, a.policy, repr(a.cue), f"«{f.evidence}»")
    return keep


ex.resolve = _spy
for p in sys.argv[1:]:
    print("==", p)
    for d in process_text(read_file(Path(p)).text):
        m = d.meta
        print(" meta", m.level, m.province, m.city, m.county, m.year, m.doc_type)

"""ETL: a folder of rule-of-law report files -> one DuckDB of documents and figures.

Data flow (each a module with one job): readers -> normalise -> segment ->
metadata -> extract/attribution/tables -> store -> checks. See DESIGN.md.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_ETL_DIR = Path(__file__).resolve().parent
# Modules that store, check or serve what was extracted: a change to them does not change what a file yields.
# build_*.py: etl/build.py split in three (issue 15), excluded as build.py was, so the split re-extracts nothing.
_NOT_EXTRACTION = {"__init__.py", "__main__.py", "build.py", "post_build.py", "corrections.py", "checks.py",
                   "export.py", "summaries.py", "migrate.py", "store.py", "synth.py", "extract_cli.py",
                   "paths.py", "build_extract.py", "build_write.py", "build_state.py"}


def extractor_version() -> str:
    """A hash of the code and data that decide what a file yields (rules, catalogue, gazetteer index, readers).

    A build reuses the rows of an unchanged file only when this equals the version the rows were made
    with, so any rule or catalogue change re-extracts every file: an upgraded install never keeps stale
    figures. A new module of etl/ counts unless it is listed in ``_NOT_EXTRACTION``.
    """
    h = hashlib.sha256()
    paths = [p for p in _ETL_DIR.glob("*.py") if p.name not in _NOT_EXTRACTION]
    paths += [p for p in (_ETL_DIR / "catalog").glob("*") if p.is_file()]
    paths += [p for p in _ETL_DIR.glob("*.txt")]
    for path in sorted(paths):
        h.update(path.relative_to(_ETL_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return "2-" + h.hexdigest()[:16]


EXTRACTOR_VERSION = extractor_version()

"""ETL: a folder of rule-of-law report files -> one DuckDB of documents and figures.

Data flow, one package per stage: read/ (readers -> normalise -> segment) -> extract/ (metadata,
prose, attribution, tables, values) -> load/ (build, store) -> after/ (corrections, checks,
summaries). See DESIGN.md.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_ETL_DIR = Path(__file__).resolve().parent
# The stages that decide what a file yields: reading and extraction (with the catalogue and its data files).
# Loading, the after-load steps and the command lines do not change a file's rows.
_EXTRACTION_STAGES = ("read", "extract")
_NOT_EXTRACTION = {"cli.py"}


def extractor_version() -> str:
    """A hash of the code and data that decide what a file yields (rules, catalogue, gazetteer index, readers).

    A build reuses the rows of an unchanged file only when this equals the version the rows were made
    with, so any rule or catalogue change re-extracts every file: an upgraded install never keeps stale
    figures. Every file under etl/read/ and etl/extract/ counts, except the ``extract`` command line.
    """
    h = hashlib.sha256()
    paths = [p for stage in _EXTRACTION_STAGES for p in (_ETL_DIR / stage).rglob("*")
             if p.is_file() and p.name not in _NOT_EXTRACTION and "__pycache__" not in p.parts]
    for path in sorted(paths):
        h.update(path.relative_to(_ETL_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return "3-" + h.hexdigest()[:16]


EXTRACTOR_VERSION = extractor_version()

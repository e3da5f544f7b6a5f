"""One file's text -> its documents with metadata and figures (pure: no I/O, no database).

The build (etl/build.py) and `python -m etl extract` both call this, so the
database and the scorer see the same extraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.extract import DocContext, Figure, extract_prose
from etl.metadata import Metadata, metadata_of
from etl.normalise import normalise
from etl.segment import split
from etl.tables import extract_tables

SYNTHETIC_MARKER = "【合成数据 SYNTHETIC】"


@dataclass
class Document:
    part: int
    start: int  # offsets of the part in the file's decoded text
    end: int
    text: str  # the part's original text
    meta: Metadata
    figures: list[Figure] = field(default_factory=list)  # offsets relative to ``text``
    is_synthetic: bool = False


def _dedupe(figures: list[Figure]) -> list[Figure]:
    """The same (metric, value, kind) said twice in a document is one figure: keep the first, tables first."""
    seen: set[tuple[str, float, str]] = set()
    out = []
    for f in sorted(figures, key=lambda f: (not f.rule.startswith("table"), f.start)):
        key = (f.metric, round(f.value, 4), f.kind)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return sorted(out, key=lambda f: f.start)


def process_text(text: str) -> list[Document]:
    """Split, describe and extract every document in one file's decoded text."""
    docs = []
    synthetic = SYNTHETIC_MARKER in text[:2000]
    for part in split(text):
        part_text = text[part.start:part.end]
        matching = normalise(part_text)
        meta = metadata_of(matching.text)
        ctx = DocContext(year=meta.year, doc_type=meta.doc_type, level=meta.level)
        figures = extract_tables(matching) + extract_prose(matching, ctx)
        docs.append(Document(part.part, part.start, part.end, part_text, meta, _dedupe(figures), synthetic))
    return docs

"""Read a report file into decoded text: .txt, .html/.htm, .docx, .pdf.

This module picks the reader by format (etl/read/formats.py) and is the one door callers import from;
each format has its own module: encoding.py (.txt), html_text.py, docx_text.py, pdf_text.py, with the
shared error and limits in limits.py and sniffing by content in sniff.py.

The decoded text is kept as it is (offsets of figures point into it);
normalising happens later (etl/read/normalise.py). Anything unreadable raises
ReadError with a message a user understands; the build records it and goes on.

Edge behaviour:
- a file cut inside its last character (UTF-8, GBK) loses only that character;
- UTF-8 with a few damaged bytes stays UTF-8 (damaged bytes become U+FFFD)
  instead of being misread as GBK mojibake;
- files larger than the size limit (``DEFAULT_LIMIT_MB``, or ``max_mb``) are
  refused before they are read: a 50 MB text file takes ~1–2.5 min and
  0.8–1.3 GB to extract, and is never a single report;
- a file whose decoded text is longer than ``max_chars()`` characters
  (``REPORTS_MAX_CHARS``, default 2,000,000; real reports are far below) is
  refused with ``TOO_LONG``: a 680 KB .docx can hold 57 M characters, which
  took more than 10 minutes and 4.8 GB. Word is counted while streaming its
  XML, HTML by its visible text, PDF page by page, before the costly steps;
- only regular files are read (``read_regular``): a pipe would block the build
  for ever and /dev/zero never ends (its size says 0);
- UTF-16 without a BOM is recognised by its NUL bytes all falling at even or
  all at odd offsets, instead of being called binary;
- HTML loses <script>/<style>/comments, on*= handlers and javascript: links
  before any text is taken from it; a page nested deeper than the parser
  allows (libxml2 stops at 256 levels and drops the rest) is read by a flat
  tag-stripping pass instead of coming out empty.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from etl.read.docx_text import precheck_docx, read_docx
from etl.read.encoding import decode, read_txt, utf16_without_bom
from etl.read.formats import SUFFIXES, UNSUPPORTED, file_format
from etl.read.html_text import precheck_html, read_html, sanitise_html
from etl.read.limits import (
    ENV_MAX_CHARS,
    NOT_REGULAR,
    ReadError,
    ReadResult,
    check_chars,
    check_size,
    max_chars,
    read_regular,
)
from etl.read.pdf_text import read_pdf
from etl.read.radicals import has_radicals, unify_radicals
from etl.read.sniff import sniff

# the names callers import from here (the build, the import page, scripts): one door to reading
__all__ = ["ENV_MAX_CHARS", "NOT_REGULAR", "READERS", "SUFFIXES", "UNSUPPORTED", "ReadError", "ReadResult",
           "check_size", "decode", "file_format", "max_chars", "precheck", "read_bytes", "read_file", "read_regular",
           "sanitise_html", "sniff", "utf16_without_bom"]

READERS = {"txt": read_txt, "html": read_html, "docx": read_docx, "pdf": read_pdf}


def precheck(raw: bytes, fmt: str, limit: int | None = None) -> None:
    """The text limit's cheap part, for the import page: raises the build's own ``too_long`` error.

    Text: the decoded length; a page: its source and visible text (parsed, not run through the
    extractor); Word: its body counted while streaming. A PDF is counted page by page at build time.
    """
    limit = max_chars() if limit is None else limit
    if fmt == "txt":
        check_chars(len(decode(raw)[0]), limit)
    elif fmt == "html":
        precheck_html(raw, limit)
    elif fmt == "docx":
        precheck_docx(raw, limit)


def read_bytes(raw: bytes, fmt: str, max_mb: float | None = None, chars: int | None = None) -> ReadResult:
    """Bytes of a file in ``fmt`` -> its text; ``chars`` overrides the text limit (``max_chars()``)."""
    if not raw:
        raise ReadError("read", "文件是空的", "0 bytes")
    check_size(len(raw), fmt, max_mb)
    limit = max_chars() if chars is None else chars
    result = READERS[fmt](raw, limit)
    check_chars(len(result.text), limit)
    if has_radicals(result.text):  # a font map's radicals (⼈⺠ for 人民), mostly from PDFs: the text as it reads
        result = dataclasses.replace(result, text=unify_radicals(result.text))
    return result


def read_file(path: Path, max_mb: float | None = None) -> ReadResult:
    fmt = file_format(path)
    if fmt is None and path.suffix.lower() in UNSUPPORTED:
        raise ReadError("read", UNSUPPORTED[path.suffix.lower()], f"unsupported suffix {path.suffix}")
    if fmt is None:
        raise ReadError("read", f"不支持的文件类型:{path.suffix or '(无扩展名)'}", "unsupported suffix")
    return read_bytes(read_regular(path, fmt, max_mb), fmt, max_mb)

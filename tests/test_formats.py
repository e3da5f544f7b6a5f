"""One list of formats (etl/read/formats.py): the folder scan, the readers, the limits and sniffing agree on it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from etl.read import formats, readers
from etl.read.sniff import sniff


def test_every_format_has_a_reader_a_limit_and_a_label() -> None:
    assert set(readers.READERS) == set(formats.FORMATS) == set(formats.DEFAULT_LIMIT_MB) == set(formats.LABELS)
    assert formats.SUFFIXES[".shtml"] == "html" and formats.SUFFIXES[".md"] == "txt"
    assert not set(formats.SUFFIXES) & set(formats.UNSUPPORTED)  # a suffix is read or refused, never both
    assert formats.file_format(Path("报告.PDF")) == "pdf" and formats.file_format(Path("a.doc")) is None


def _zip(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in names:
            zf.writestr(name, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(("data", "fmt"), [
    (b"%PDF-1.4\n", "pdf"),
    (_zip("[Content_Types].xml", "word/document.xml"), "docx"),
    (_zip("[Content_Types].xml", "xl/workbook.xml"), None),  # an .xlsx is a zip too, not a Word document
    (b"<?xml version='1.0'?><!-- x --><html><p>x</p></html>", "html"),
    ("<div><p>报告</p><p>二</p><br></div>".encode(), "html"),  # three tags, no <html>: still a page
    ("關於2023年法治政府建設情況的報告,受理行政復議申請120件".encode("big5"), "txt"),
    ("某县2023年度报告\n受理行政复议申请120件。\n".encode("utf-16"), "txt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), None),  # an old .doc (OLE): binary
])
def test_sniff_names_a_listed_format(data: bytes, fmt: str | None) -> None:
    got = sniff(data)
    assert got == fmt
    assert got is None or got in formats.FORMATS


def test_the_import_page_sniffs_with_the_same_function() -> None:
    from dashboard import uploads

    assert uploads.sniff is sniff

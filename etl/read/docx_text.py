"""A Word .docx -> paragraphs and table rows ("cell | cell |") in reading order.

A file whose body holds more than the text limit is refused while its XML streams, before python-docx
builds the whole tree (a 680 KB file of 57 M characters took 4.8 GB there); a zip declaring more than
``MAX_DOCX_UNCOMPRESSED`` is refused as a zip bomb.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from etl.read.limits import ReadError, ReadResult, check_chars, max_chars, too_long

MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024  # zip-bomb bound (sum of the declared sizes; zipfile enforces them)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _docx_text(el) -> str:
    return "".join(t.text or "" for t in el.iter() if _local(t.tag) == "t")


def _docx_blocks(parent, out: list[str]) -> None:
    """Paragraphs and table rows in reading order (content controls <w:sdt> are looked into)."""
    for child in parent.iterchildren():
        tag = _local(child.tag)
        if tag == "p":
            out.append(_docx_text(child))
        elif tag == "tbl":
            for tr in child.iterchildren():
                if _local(tr.tag) != "tr":
                    continue
                cells = [_docx_text(tc).strip() for tc in tr.iterchildren() if _local(tc.tag) == "tc"]
                out.append(" | ".join(cells) + " |")
        elif tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):
            _docx_blocks(child, out)


def _docx_chars(zf: zipfile.ZipFile, limit: int) -> None:
    """Count the body's text while streaming its XML, and stop at the limit: before python-docx builds the
    whole tree (a 680 KB file of 57 M characters took 4.8 GB there). A paragraph counts one character
    (its line end) and a table cell three (" | "), as in ``_docx_blocks``."""
    chars = 0
    try:
        with zf.open("word/document.xml") as fh:
            for _, el in etree.iterparse(fh, events=("end",), tag=("{*}t", "{*}p", "{*}tc"), huge_tree=True):
                name = _local(el.tag)
                chars += len(el.text or "") if name == "t" else 1 if name == "p" else 3
                if chars > limit:
                    raise too_long(chars, limit)
                if name != "t":
                    el.clear(keep_tail=True)
                    parent = el.getparent()
                    while parent is not None and el.getprevious() is not None:
                        del parent[0]  # the paragraphs already counted: memory stays flat
    except (etree.LxmlError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return  # broken XML or a lying zip: python-docx, next, says so in its words


def read_docx(raw: bytes, limit: int | None = None) -> ReadResult:
    limit = max_chars() if limit is None else limit
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ReadError("read", "这个 .docx 文件已损坏(不是有效的 Word 文档)", str(exc)) from exc
    total = sum(i.file_size for i in zf.infolist())
    if total > MAX_DOCX_UNCOMPRESSED:
        raise ReadError("read", f"这个 .docx 解压后过大({total // 2**20} MB,上限 {MAX_DOCX_UNCOMPRESSED // 2**20} MB),"
                                "可能是压缩炸弹,已拒绝处理", f"uncompressed {total} bytes")
    if "word/document.xml" not in zf.namelist():
        raise ReadError("read", "这个 .docx 文件不是 Word 文档(缺少正文部分)", "no word/document.xml")
    _docx_chars(zf, limit)
    try:
        import docx  # lazy: ~0.7 s to import, needed only when a .docx is read

        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many types on bad files
        raise ReadError("read", "无法读取这个 Word 文档", f"{type(exc).__name__}: {exc}") from exc
    parts: list[str] = []
    _docx_blocks(document.element.body, parts)
    text = "\n".join(parts)
    if not text.strip():
        raise ReadError("read", "Word 文档中没有文字", "empty document")
    check_chars(len(text), limit)
    return ReadResult(text, "docx", None)



def precheck_docx(raw: bytes, limit: int) -> None:
    """The body's text counted while streaming; a broken file is the reader's to refuse, not this check's."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError):
        return
    if "word/document.xml" in zf.namelist() and sum(i.file_size for i in zf.infolist()) <= MAX_DOCX_UNCOMPRESSED:
        _docx_chars(zf, limit)

"""Read a report file into decoded text: .txt, .html/.htm, .docx, .pdf.

The decoded text is kept as it is (offsets of figures point into it);
normalising happens later (etl/normalise.py). Anything unreadable raises
ReadError with a message a user understands; the build records it and goes on.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".shtml": "html",
            ".docx": "docx", ".pdf": "pdf"}
MAX_FILE_BYTES = 60 * 1024 * 1024          # refuse larger files with a size message
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024  # zip-bomb bound


class ReadError(Exception):
    """A file that cannot be turned into text; ``message`` is for the user (Chinese)."""

    def __init__(self, stage: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.stage = stage
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class ReadResult:
    text: str
    format: str
    encoding: str | None


def file_format(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 (with or without BOM) first, then a detector, then GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        # a file cut inside its last character is still UTF-8
        if exc.start >= len(raw) - 3 and exc.reason.startswith("unexpected end"):
            return raw[:exc.start].decode("utf-8"), "utf-8"
    import chardet

    guess = chardet.detect(raw[:65536])
    enc = (guess.get("encoding") or "").lower()
    candidates = []
    if enc.startswith("big5") or enc in ("cp950",):
        candidates.append("big5hkscs")
    candidates += ["gb18030", "big5hkscs"]
    for name in candidates:
        try:
            return raw.decode(name), ("gbk" if name == "gb18030" else "big5" if name.startswith("big5") else name)
        except UnicodeDecodeError:
            continue
    raise ReadError("decode", "无法识别文件编码(不是 UTF-8、GBK 或 Big5 文本)", f"chardet guessed {enc!r}")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:4000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t\f") or c == "\ufffd")
    return bad / len(sample) > 0.05


def read_txt(raw: bytes) -> ReadResult:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("decode", "文件是二进制数据,不是文本报告", "NUL bytes in the first 4 KB")
    text, enc = decode(raw)
    if _looks_binary(text):
        raise ReadError("decode", "文件内容是乱码或二进制数据,不是文本报告", f"decoded as {enc}")
    return ReadResult(text, "txt", enc)  # kept byte-for-byte: offsets must match other readers of the file


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_SCRIPT = re.compile(r"<(script|style|noscript|iframe|object|embed)\b.*?</\1\s*>", re.S | re.I)


def read_html(raw: bytes) -> ReadResult:
    """Visible text of a page; scripts, styles and event handlers never reach the text."""
    head = raw[:4096].decode("ascii", errors="ignore").lower()
    m = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    enc = None
    if m:
        name = m.group(1).replace("gb2312", "gb18030").replace("gbk", "gb18030")
        try:
            html = raw.decode(name)
            enc = m.group(1)
        except (LookupError, UnicodeDecodeError):
            html = None
    else:
        html = None
    if html is None:
        html, enc = decode(raw)
    html = _SCRIPT.sub(" ", html)
    text = None
    try:
        import trafilatura

        text = trafilatura.extract(html, favor_precision=True, include_tables=True, include_comments=False,
                                   include_links=False, include_images=False, output_format="txt")
    except Exception:
        text = None
    if not text or len(text) < 40:
        text = _strip_tags(html)
    if not text.strip():
        raise ReadError("read", "网页中没有可读的正文", "no text after removing tags")
    return ReadResult(_clean(text), "html", enc)


def _strip_tags(html: str) -> str:
    import html as htmllib

    html = re.sub(r"<(br|/p|/div|/tr|/h\d|/li)\b[^>]*>", "\n", html, flags=re.I)
    html = re.sub(r"</t[dh]\s*>", " | ", html, flags=re.I)
    text = re.sub(r"<[^>]+>", "", html)
    text = htmllib.unescape(text)
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def read_docx(raw: bytes) -> ReadResult:
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise ReadError("read", "这个 .docx 文件已损坏(不是有效的 Word 文档)", str(exc)) from exc
    total = sum(i.file_size for i in zf.infolist())
    if total > MAX_DOCX_UNCOMPRESSED:
        raise ReadError("read", f"这个 .docx 解压后过大({total // 2**20} MB),已拒绝处理", "zip bomb bound")
    try:
        import docx

        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:
        raise ReadError("read", "无法读取这个 Word 文档", f"{type(exc).__name__}: {exc}") from exc
    parts: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for tr in child.iter():
                if tr.tag.endswith("}tr"):
                    cells = []
                    for tc in tr:
                        if tc.tag.endswith("}tc"):
                            cells.append("".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t")).strip())
                    parts.append(" | ".join(cells) + " |")
    text = "\n".join(parts)
    if not text.strip():
        raise ReadError("read", "Word 文档中没有文字", "empty document")
    return ReadResult(text, "docx", None)


def read_pdf(raw: bytes) -> ReadResult:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(raw))
        pages = [(page.extract_text() or "") for page in reader.pages]
    except Exception as exc:
        raise ReadError("read", "无法读取这个 PDF 文件(文件损坏或加密)", f"{type(exc).__name__}: {exc}") from exc
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 20:
        raise ReadError("read", "PDF 没有文字层 — 需要先做 OCR 识别", f"{len(pages)} pages without text")
    return ReadResult(_clean(text), "pdf", None)


READERS = {"txt": read_txt, "html": read_html, "docx": read_docx, "pdf": read_pdf}


def read_bytes(raw: bytes, fmt: str) -> ReadResult:
    if not raw:
        raise ReadError("read", "文件是空的", "0 bytes")
    if len(raw) > MAX_FILE_BYTES:
        raise ReadError("read", f"文件过大({len(raw) // 2**20} MB,上限 {MAX_FILE_BYTES // 2**20} MB)", "size limit")
    return READERS[fmt](raw)


def read_file(path: Path) -> ReadResult:
    fmt = file_format(path)
    if fmt is None:
        raise ReadError("read", f"不支持的文件类型:{path.suffix or '(无扩展名)'}", "unsupported suffix")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError("read", "无法打开文件", str(exc)) from exc
    return read_bytes(raw, fmt)

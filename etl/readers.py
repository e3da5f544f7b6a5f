"""Read a report file into decoded text: .txt, .html/.htm, .docx, .pdf.

The decoded text is kept as it is (offsets of figures point into it);
normalising happens later (etl/normalise.py). Anything unreadable raises
ReadError with a message a user understands; the build records it and goes on.

Edge behaviour:
- a file cut inside its last character (UTF-8, GBK) loses only that character;
- UTF-8 with a few damaged bytes stays UTF-8 (damaged bytes become U+FFFD)
  instead of being misread as GBK mojibake;
- files larger than the size limit (``DEFAULT_LIMIT_MB``, or ``max_mb``) are
  refused before they are read: a 50 MB text file takes ~1–2.5 min and
  0.8–1.3 GB to extract, and is never a single report;
- HTML loses <script>/<style>/comments, on*= handlers and javascript: links
  before any text is taken from it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".shtml": "html",
            ".docx": "docx", ".pdf": "pdf"}
# Size limits in MB per format (text formats are all text; docx/pdf carry images and fonts).
DEFAULT_LIMIT_MB = {"txt": 20, "html": 20, "docx": 100, "pdf": 100}
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024  # zip-bomb bound (sum of the declared sizes; zipfile enforces them)


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


def limit_bytes(fmt: str, max_mb: float | None = None) -> int:
    """The size limit for a format: ``max_mb`` when given, else the format's default."""
    mb = max_mb if max_mb is not None else DEFAULT_LIMIT_MB.get(fmt, 20)
    return int(mb * 1024 * 1024)


def check_size(size: int, fmt: str, max_mb: float | None = None) -> None:
    """Refuse a file over the limit before reading it (so it never costs memory)."""
    limit = limit_bytes(fmt, max_mb)
    if size > limit:
        raise ReadError("read", f"文件过大({size / 2**20:.0f} MB,上限 {limit / 2**20:.0f} MB),未处理。"
                                "请拆分文件,或用 --max-file-mb 提高上限",
                        f"{size} bytes > {limit}")


_CUT = ("unexpected end of data", "incomplete multibyte sequence")


def _decode_strict(raw: bytes, codec: str) -> str | None:
    """Strict decode; a file cut inside its last character loses only that character."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end >= len(raw) and exc.start >= len(raw) - 4 and exc.reason in _CUT:
            try:
                return raw[:exc.start].decode(codec)
            except UnicodeDecodeError:
                return None
        return None
    except LookupError:
        return None


def _codec(name: str) -> str:
    """A declared or detected charset -> the codec that decodes it (GB2312/GBK files often hold GB18030 chars)."""
    name = name.lower().replace("_", "-")
    if name in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"):
        return "gb18030"
    if name.startswith("big5") or name in ("cp950", "x-big5"):
        return "big5hkscs"
    return name


def _label(codec: str) -> str:
    return {"gb18030": "gbk", "big5hkscs": "big5"}.get(codec, codec)


def decode(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding): BOM, strict UTF-8, the declared charset, then GB18030 or Big5.

    The detector (chardet, ~9 ms per file) only orders the two candidates, so it runs only when its
    answer can matter: when the bytes decode strictly as both GB18030 (not garbled) and Big5 -- short
    files mostly; a whole GBK report is practically never valid Big5 -- or as neither (its guess is
    named in the error). Otherwise the one codec that works is the detector's answer too.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        text = _decode_strict(raw[3:], "utf-8")
        return (text if text is not None else raw[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "utf-16"
    text = _decode_strict(raw, "utf-8")
    if text is not None:
        return text, "utf-8"
    if declared:
        codec = _codec(declared)
        text = _decode_strict(raw, codec)
        if text is not None:
            return text, _label(codec)
    lenient = raw.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    if damaged <= 0.05 * (_non_ascii(lenient) - damaged):
        # UTF-8 with a few damaged bytes; GBK read as UTF-8 fails on nearly every non-ASCII character
        return lenient, "utf-8"
    gb = _decode_strict(raw, "gb18030")
    if gb is not None and _looks_garbled(gb):
        gb = None
    big5 = _decode_strict(raw, "big5hkscs")
    if gb is not None and big5 is None:
        return gb, "gbk"
    if big5 is not None and gb is None:
        return big5, "big5"
    import chardet

    guess = (chardet.detect(raw[:65536]).get("encoding") or "").lower()
    if big5 is not None:  # both decode: the detector's choice, GB18030 unless it says Big5
        return (big5, "big5") if guess and _codec(guess) == "big5hkscs" else (gb, "gbk")
    raise ReadError("decode", "无法识别文件编码(不是 UTF-8、GBK 或 Big5 文本)", f"detector guessed {guess!r}")


def _non_ascii(text: str) -> int:
    """How many characters of ``text`` are above U+007F (counted in C, not in a Python loop)."""
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _looks_garbled(text: str) -> bool:
    """Random high bytes decode as GB18030 too, but into rare characters outside GB2312."""
    head = text[:4000]
    high = _non_ascii(head)
    if high < 20:
        return False
    # every non-ASCII character GB2312 has is two bytes in it (ASCII one): the rest are the rare ones
    common = (len(head.encode("gb2312", errors="ignore")) - (len(head) - high)) // 2
    return (high - common) / high > 0.3


_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _looks_binary(text: str) -> bool:
    """More than 5% control characters (not \\t \\n \\f \\r), C1 controls or U+FFFD in the first 4,000."""
    if not text:
        return False
    sample = text[:4000]
    return len(_BINARY.findall(sample)) / len(sample) > 0.05


def read_txt(raw: bytes) -> ReadResult:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("decode", "文件是二进制数据,不是文本报告", "NUL bytes in the first 4 KB")
    text, enc = decode(raw)
    if _looks_binary(text):
        raise ReadError("decode", "文件内容是乱码或二进制数据,不是文本报告", f"decoded as {enc}")
    if not text.strip():
        raise ReadError("read", "文件中只有空白,没有文字", "whitespace only")
    return ReadResult(text, "txt", enc)  # kept byte-for-byte: offsets must match other readers of the file


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---- HTML -----------------------------------------------------------------

# <form> is kept: many CMS pages wrap the whole body in one.
_DROP_TAGS = ("script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "template",
              "svg", "math", "canvas", "button", "select", "textarea", "input")
_URL_ATTRS = ("href", "src", "action", "formaction", "data", "xlink:href", "background", "poster")
_CODE_URL = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)
_CODE_TEXT = re.compile(r"(?:javascript|vbscript)\s*:[^\s<>\"'|]*", re.I)
_BLOCK = {"p", "div", "br", "tr", "li", "ul", "ol", "table", "section", "article", "header", "footer", "nav", "aside",
          "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt", "dl", "title", "center", "main"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")


def _declared_charset(raw: bytes) -> str | None:
    head = raw[:4096].decode("ascii", errors="ignore").lower()
    m = re.search(r"charset\s*=\s*[\"']?([a-z0-9_-]+)", head) or re.search(r"encoding\s*=\s*[\"']([a-z0-9_-]+)", head)
    return m.group(1) if m else None


def sanitise_html(html: str):  # -> lxml.html.HtmlElement | None
    """Parse a page and drop everything that is code: scripts, styles, comments, on*= handlers, javascript: links."""
    from lxml import etree
    from lxml import html as lh

    try:
        root = lh.document_fromstring(_XML_DECL.sub("", html))
    except (etree.ParserError, ValueError):
        return None
    doomed = [el for el in root.iter() if not isinstance(el.tag, str) or el.tag.lower() in _DROP_TAGS]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text that follows the element
    for el in root.iter():
        for attr in list(el.attrib):
            name = attr.lower()
            if name.startswith("on") or (name in _URL_ATTRS and _CODE_URL.match(el.attrib[attr] or "")):
                if name == "href" and el.text and _CODE_TEXT.match(el.text.strip()):
                    el.text = ""  # <a href="javascript:x()">javascript:x()</a>: the text is code too
                del el.attrib[attr]
    return root


def _tree_text(root) -> str:
    """Visible text of a sanitised tree: blocks on their own lines, table cells joined by " | "."""
    for el in root.iter():
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in ("td", "th"):
            el.tail = " | " + (el.tail or "")
        elif tag in _BLOCK:
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=1)
def _trafilatura():  # -> the trafilatura module | None
    """trafilatura, or None when it cannot be imported (every page then takes the tree's text).

    Tried once per process: a failed import is not cached by Python, and retrying it cost ~2 ms
    per page (it fails today: trafilatura needs lxml's html.clean, now the separate lxml_html_clean).
    """
    try:
        import trafilatura
    except Exception:
        return None
    return trafilatura


def read_html(raw: bytes) -> ReadResult:
    """Visible text of a page; scripts, styles and event handlers never reach the text."""
    from lxml import html as lh

    html, enc = decode(raw, _declared_charset(raw))
    root = sanitise_html(html)
    if root is None:
        raise ReadError("read", "网页中没有可读的正文", "empty or unparsable HTML")
    clean_html = lh.tostring(root, encoding="unicode")
    text = None
    try:
        trafilatura = _trafilatura()
        if trafilatura is not None:
            text = trafilatura.extract(clean_html, favor_precision=True, include_tables=True, include_comments=False,
                                       include_links=False, include_images=False, output_format="txt")
    except Exception:  # a page trafilatura cannot handle falls back to the tree's text
        text = None
    if not text or len(text) < 40:
        text = _tree_text(root)
    text = _CODE_TEXT.sub("", text)
    if not text.strip():
        raise ReadError("read", "网页中没有可读的正文", "no text after removing tags")
    return ReadResult(_clean(text), "html", enc)


# ---- DOCX -----------------------------------------------------------------

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


def read_docx(raw: bytes) -> ReadResult:
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
    try:
        import docx

        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many types on bad files
        raise ReadError("read", "无法读取这个 Word 文档", f"{type(exc).__name__}: {exc}") from exc
    parts: list[str] = []
    _docx_blocks(document.element.body, parts)
    text = "\n".join(parts)
    if not text.strip():
        raise ReadError("read", "Word 文档中没有文字", "empty document")
    return ReadResult(text, "docx", None)


# ---- PDF ------------------------------------------------------------------

def read_pdf(raw: bytes) -> ReadResult:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("read", "PDF 文件已加密,无法读取", "needs a password")
        pages = [(page.extract_text() or "") for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many types on bad files
        raise ReadError("read", "无法读取这个 PDF 文件(文件损坏或加密)", f"{type(exc).__name__}: {exc}") from exc
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 20:
        raise ReadError("read", "PDF 没有文字层 — 需要先做 OCR 识别", f"{len(pages)} pages without text")
    return ReadResult(_clean(text), "pdf", None)


READERS = {"txt": read_txt, "html": read_html, "docx": read_docx, "pdf": read_pdf}


def read_bytes(raw: bytes, fmt: str, max_mb: float | None = None) -> ReadResult:
    if not raw:
        raise ReadError("read", "文件是空的", "0 bytes")
    check_size(len(raw), fmt, max_mb)
    return READERS[fmt](raw)


def read_file(path: Path, max_mb: float | None = None) -> ReadResult:
    fmt = file_format(path)
    if fmt is None:
        raise ReadError("read", f"不支持的文件类型:{path.suffix or '(无扩展名)'}", "unsupported suffix")
    try:
        check_size(path.stat().st_size, fmt, max_mb)
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError("read", "无法打开文件", str(exc)) from exc
    return read_bytes(raw, fmt, max_mb)

"""Read a report file into decoded text: .txt, .html/.htm, .docx, .pdf.

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

import html as html_lib
import io
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "txt", ".markdown": "txt", ".html": "html", ".htm": "html",
            ".shtml": "html", ".docx": "docx", ".pdf": "pdf"}
# Files that look like reports but that the ETL cannot read: each becomes an ingest error saying what to do,
# instead of being passed over in silence.
UNSUPPORTED = {
    ".doc": "旧版 Word 文档(.doc)暂不支持,请另存为 .docx 或 PDF 后再导入",
    ".wps": "WPS 文档暂不支持,请另存为 .docx 或 PDF 后再导入",
    ".rtf": "RTF 文档暂不支持,请另存为 .docx 或 PDF 后再导入",
    ".odt": "ODT 文档暂不支持,请另存为 .docx 或 PDF 后再导入",
    ".ofd": "OFD 版式文件暂不支持,请转换为 PDF 后再导入",
    ".xls": "表格文件暂不支持(报告请以 .docx、PDF、网页或文本导入)",
    ".xlsx": "表格文件暂不支持(报告请以 .docx、PDF、网页或文本导入)",
    ".et": "表格文件暂不支持(报告请以 .docx、PDF、网页或文本导入)",
    ".ppt": "演示文稿暂不支持", ".pptx": "演示文稿暂不支持",
    ".jpg": "图片中的文字需要先做 OCR 识别,暂不支持", ".jpeg": "图片中的文字需要先做 OCR 识别,暂不支持",
    ".png": "图片中的文字需要先做 OCR 识别,暂不支持", ".tif": "图片中的文字需要先做 OCR 识别,暂不支持",
    ".tiff": "图片中的文字需要先做 OCR 识别,暂不支持",
    ".zip": "压缩包暂不支持,请解压后再导入", ".rar": "压缩包暂不支持,请解压后再导入", ".7z": "压缩包暂不支持,请解压后再导入",
    ".mht": "MHT 网页存档暂不支持,请另存为 .html 后再导入", ".mhtml": "MHT 网页存档暂不支持,请另存为 .html 后再导入",
    ".caj": "CAJ 文件暂不支持,请转换为 PDF 后再导入",
}
# Size limits in MB per format (text formats are all text; docx/pdf carry images and fonts).
DEFAULT_LIMIT_MB = {"txt": 20, "html": 20, "docx": 100, "pdf": 100}
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024  # zip-bomb bound (sum of the declared sizes; zipfile enforces them)
ENV_MAX_CHARS = "REPORTS_MAX_CHARS"
DEFAULT_MAX_CHARS = 2_000_000  # the longest real report seen is ~0.1 M characters
HTML_MARKUP_FACTOR = 5  # a page's source may be this many times the text limit (markup, inline styles) before parsing


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


def max_chars() -> int:
    """The decoded-text limit per file: ``REPORTS_MAX_CHARS`` when it is a positive integer, else the default."""
    try:
        limit = int(os.environ.get(ENV_MAX_CHARS, "") or DEFAULT_MAX_CHARS)
    except ValueError:
        return DEFAULT_MAX_CHARS
    return limit if limit > 0 else DEFAULT_MAX_CHARS


def too_long(chars: int, limit: int) -> ReadError:
    """The one refusal for a text over the limit: the build's error row and the import page say the same."""
    return ReadError("read", f"文件文字过多(超过 {limit / 10000:g} 万字的上限),不像是单份报告,未处理。"
                             "请拆分文件后再导入", f"{chars} characters > {limit}")


def check_chars(chars: int, limit: int | None = None) -> None:
    limit = max_chars() if limit is None else limit
    if chars > limit:
        raise too_long(chars, limit)


NOT_REGULAR = "这不是普通文件(可能是管道、设备或套接字),未读取"


def read_regular(path: str | Path, fmt: str, max_mb: float | None = None) -> bytes:
    """The bytes of a regular file, at most the format's size limit; anything else is refused.

    Opened without blocking and checked on the open descriptor, so a pipe or device put in the file's
    place after the folder was scanned is refused too, and the read stops at the limit whatever the
    size said (/dev/zero reports 0).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ReadError("read", "无法打开文件(可能已被移动、删除或没有读取权限)", type(exc).__name__) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadError("read", NOT_REGULAR, f"mode {stat.filemode(st.st_mode)}")
        check_size(st.st_size, fmt, max_mb)
        limit = limit_bytes(fmt, max_mb)
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise ReadError("read", "无法读取文件", type(exc).__name__) from exc
    finally:
        os.close(fd)
    check_size(len(raw), fmt, max_mb)  # it grew after the stat
    return raw


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
    codec = utf16_without_bom(raw)
    if codec is not None:
        return raw[:len(raw) // 2 * 2].decode(codec, errors="replace"), codec
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


def utf16_without_bom(raw: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes are UTF-16 text without a BOM, else None.

    UTF-16 writes every ASCII character (digits, line ends, spaces) with a NUL high byte: at odd offsets
    (little-endian) or even ones (big-endian). Binary data has its NULs on both. The head must also
    decode strictly and not be mostly control characters.
    """
    head = raw[:4096]
    head = head[:len(head) // 2 * 2]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) < max(4, len(head) // 100) or min(odd, even) > max(odd, even) // 20:
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        sample = head.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(sample) else codec


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


def read_txt(raw: bytes, limit: int | None = None) -> ReadResult:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")) and utf16_without_bom(raw) is None:
        raise ReadError("decode", "文件是二进制数据,不是文本报告", "NUL bytes in the first 4 KB")
    text, enc = decode(raw)
    check_chars(len(text), limit)
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


class TooDeep(Exception):
    """The page nests deeper than libxml2 allows: its tree lost everything below that depth."""


def sanitise_html(html: str, deep_ok: bool = True):  # -> lxml.html.HtmlElement | None
    """Parse a page and drop everything that is code: scripts, styles, comments, on*= handlers, javascript: links.

    With ``deep_ok=False`` a page the parser cut at its depth limit raises ``TooDeep`` instead of
    returning the cut tree.
    """
    from lxml import etree
    from lxml import html as lh

    parser = lh.HTMLParser()
    try:
        root = lh.document_fromstring(_XML_DECL.sub("", html), parser=parser)
    except (etree.ParserError, ValueError):
        root = None
    if not deep_ok and any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise TooDeep
    if root is None:
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


# a site's name after the page title: "…年度报告_XX市人民政府", "…报告 - 中国XX网", "…|XX政府门户网站"
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s)\s*[^_|｜]{2,30}$")


def page_title(root) -> str | None:  # root: lxml.html.HtmlElement
    """The article's heading (the first <h1>/<h2> that reads like a title), else <title> without the site's name."""
    for tag in ("h1", "h2"):
        for el in root.iter(tag):
            heading = re.sub(r"\s+", " ", el.text_content()).strip()
            if 6 <= len(heading) <= 80:
                return heading
    el = root.find(".//title")
    if el is None:
        return None
    title = re.sub(r"\s+", " ", el.text_content()).strip()
    for _ in range(2):
        title = _SITE_SUFFIX.sub("", title)
    return title if 6 <= len(title) <= 80 else None


# prose worth keeping (a sentence with a full stop or comma, not a menu item) or a section heading (（二）…)
_PROSE_LINE = re.compile(r"^(?=.{30,})[^\n]*[。,，;；][^\n]*$|^[(（][一二三四五六七八九十]{1,3}[)）][^\n]{2,40}$")


def restore_dropped(precise: str, full: str) -> str:
    """trafilatura's precise text with the paragraphs only its default pass kept put back in place.

    The precise pass drops menus and footers but also, on Word-exported pages, whole sections of the report
    (a paragraph with 把关…合同260余份 went missing); its default pass keeps them, and the menus. A line of the
    default text that reads as prose or a section heading and is missing from the precise text is inserted after
    the last line both share.
    """
    kept = precise.split("\n")
    present = {line.strip() for line in kept}
    out_after: dict[int, list[str]] = {}
    anchor = -1
    index = {line.strip(): i for i, line in enumerate(kept)}
    for line in full.split("\n"):
        s = line.strip()
        if s in present:
            anchor = index[s]
        elif _PROSE_LINE.match(s):
            out_after.setdefault(anchor, []).append(line)
    if not out_after:
        return precise
    out = out_after.get(-1, [])
    for i, line in enumerate(kept):
        out.append(line)
        out += out_after.get(i, [])
    return "\n".join(out)


# what the flat reader drops whole: code and its contents, comments, then every remaining tag
_FLAT_DROP = re.compile(r"<!--.*?(?:-->|$)|<(" + "|".join(_DROP_TAGS) + r")\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)
_FLAT_BLOCK = re.compile(r"</?(?:" + "|".join(sorted(_BLOCK)) + r"|td|th)\b[^>]*>", re.I)
_FLAT_TAG = re.compile(r"<[^>]*>?")


def flat_html_text(html: str) -> str:
    """A page's text without building a tree: for pages nested too deep for the parser.

    Code elements go with their contents, block tags become line ends, every other tag (with its
    attributes, so no on*= handler) goes; entities are decoded last, so ``&lt;script&gt;`` stays text.
    One pass per pattern: linear in the page.
    """
    text = _FLAT_DROP.sub("", html)
    text = _FLAT_BLOCK.sub("\n", text)
    text = html_lib.unescape(_FLAT_TAG.sub("", text))
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.split("\n"))
    return _CODE_TEXT.sub("", "\n".join(line for line in lines if line))


def _visible_chars(root) -> int:  # root: lxml.html.HtmlElement
    """Non-blank characters of the sanitised tree's text (cheap, in C): what the text will at least hold."""
    text = root.text_content()
    return len(text) - sum(text.count(c) for c in " \t\n\r\u3000\xa0")


def read_html(raw: bytes, limit: int | None = None) -> ReadResult:
    """Visible text of a page; scripts, styles and event handlers never reach the text."""
    from lxml import html as lh

    limit = max_chars() if limit is None else limit
    html, enc = decode(raw, _declared_charset(raw))
    check_chars(len(html) // HTML_MARKUP_FACTOR, limit)  # before parsing: markup counts at a fifth
    try:
        root = sanitise_html(html, deep_ok=False)
    except TooDeep:
        return _flat_result(html, enc, limit)
    if root is None:
        raise ReadError("read", "网页中没有可读的正文", "empty or unparsable HTML")
    check_chars(_visible_chars(root), limit)
    clean_html = lh.tostring(root, encoding="unicode")
    text = None
    try:
        trafilatura = _trafilatura()
        if trafilatura is not None:
            text = trafilatura.extract(clean_html, favor_precision=True, include_tables=True, include_comments=False,
                                       include_links=False, include_images=False, output_format="txt")
        if text and trafilatura is not None:
            full = trafilatura.extract(clean_html, include_tables=True, include_comments=False,
                                       include_links=False, include_images=False, output_format="txt")
            text = restore_dropped(text, full or "")
    except Exception:  # a page trafilatura cannot handle falls back to the tree's text
        text = None
    if not text or len(text) < 40:
        text = _tree_text(root)
    text = _CODE_TEXT.sub("", text)
    title = page_title(root)
    if title and title not in text[:300]:
        text = title + "\n" + text  # the article's heading or <title>: the report's name, which the body often lacks
    if not text.strip():
        raise ReadError("read", "网页中没有可读的正文", "no text after removing tags")
    return ReadResult(_clean(text), "html", enc)


def _flat_result(html: str, enc: str, limit: int) -> ReadResult:
    text = _clean(flat_html_text(html))
    if not text.strip():
        raise ReadError("read", "网页中没有可读的正文", "no text after removing tags (flat reader)")
    check_chars(len(text), limit)
    return ReadResult(text, "html", enc)


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


def _docx_chars(zf: zipfile.ZipFile, limit: int) -> None:
    """Count the body's text while streaming its XML, and stop at the limit: before python-docx builds the
    whole tree (a 680 KB file of 57 M characters took 4.8 GB there). A paragraph counts one character
    (its line end) and a table cell three (" | "), as in ``_docx_blocks``."""
    from lxml import etree

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
        import docx

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


# ---- PDF ------------------------------------------------------------------

# A line ends a sentence or a heading (not wrapped at the margin) when it ends with one of these.
_SENTENCE_END = tuple("。！？；：!?;:）)」』”\"")
_UNIT_START = re.compile(r"^\s*(?:件|条|宗|起|次|人次|名|人|个|份|项|%|％|万|亿|元)")


def _rejoin(lines: list[tuple[str, float]]) -> list[str]:
    """Join the lines of a paragraph that the page wrapped at its right margin.

    ``lines`` are (text, reach) in reading order, ``reach`` the line's right end as a share of the page's
    text width. A line reaching the margin (≥ 0.96) that does not end a sentence continues on the next
    line ("受理政府" / "信息公开申请 17 件"); so does a number whose unit went to the next line. Headings and
    the last line of a paragraph stop short of the margin and stay lines of their own.
    """
    out: list[str] = []
    wrapped = False
    for text, reach in lines:
        text = text.rstrip()
        if out and not out[-1].endswith(_SENTENCE_END) and (
                wrapped or (_UNIT_START.match(text) and out[-1][-1:].isdigit())):
            out[-1] += text
        else:
            out.append(text)
        wrapped = reach >= 0.96 and bool(text) and not text.endswith(_SENTENCE_END)
    return out


_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4})\s*$")


def _pdfplumber_text(raw: bytes, limit: int | None = None) -> str:
    """Text in reading order with each table's rows as "cell | cell | …" lines (pdfplumber: MIT, layout-aware).

    Tables with ruling lines come out cell by cell (the 总计 column stays the last cell, an empty cell
    stays empty); prose outside them is re-joined where the page wrapped it, across a page break too
    (page numbers dropped). A one-column "table" (a framed paragraph) is read as prose.
    """
    import pdfplumber

    out: list[str] = []
    run: list[tuple[str, float]] = []
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        for page in pdf.pages:
            tables = sorted((t for t in page.find_tables() if t.rows and len(t.rows[0].cells) > 1),
                            key=lambda t: t.bbox[1])
            boxes = [t.bbox for t in tables]

            def outside(obj: dict, boxes: list = boxes) -> bool:
                cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

            lines = [ln for ln in ((page.filter(outside) if boxes else page).extract_text_lines() or [])
                     if not _PAGE_NUMBER.match(ln["text"])]
            right = max((ln["x1"] for ln in lines), default=page.width)
            left = min((ln["x0"] for ln in lines), default=0.0)
            width = max(right - left, 1.0)
            ti = 0
            for ln in lines:
                while ti < len(tables) and tables[ti].bbox[1] < ln["top"]:
                    out += _rejoin(run) + _table_lines(tables[ti])
                    run = []
                    ti += 1
                run.append((ln["text"], (ln["x1"] - left) / width))
            if ti < len(tables):
                out += _rejoin(run)
                run = []
                for t in tables[ti:]:
                    out += _table_lines(t)
            if limit is not None:  # page by page: a long PDF stops at the limit, not after its last page
                check_chars(sum(map(len, out)) + sum(len(t) for t, _ in run), limit)
    out += _rejoin(run)
    return "\n".join(out)


def _table_lines(table) -> list[str]:  # table: pdfplumber.table.Table
    rows = []
    for row in table.extract():
        cells = [re.sub(r"\s+", "", c) if c else "" for c in row]
        if any(cells):
            rows.append(" | ".join(cells) + " |")
    return rows


def _pypdf_text(raw: bytes, limit: int | None = None) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ReadError("read", "PDF 文件已加密,无法读取", "needs a password")
    pages: list[str] = []
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        if limit is not None:
            check_chars(sum(map(len, pages)), limit)
    return "\n".join(pages)


# characters real report text is made of: CJK, ASCII, CJK and full-width punctuation
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\n\t\u2018-\u201d\u2026\u00b7\u2014]")


def looks_garbled(text: str) -> bool:
    """A text layer that is not text: mostly characters no report is written in (a PDF with broken font maps
    yields Latin-1 and private-use symbols), or CJK with almost no common characters."""
    sample = re.sub(r"\s", "", text[:20000])
    if len(sample) < 50:
        return False
    plausible = len(_PLAUSIBLE.findall(sample))
    if plausible / len(sample) < 0.7:
        return True
    cjk = re.findall(r"[\u4e00-\u9fff]", sample)
    common = sum(1 for c in cjk if c in _COMMON_CJK)
    return len(cjk) >= 50 and common / len(cjk) < 0.15


# the commonest characters of these reports: a decoded text without them is mojibake read as CJK
_COMMON_CJK = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
                  "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应"
                  "开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命"
                  "此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老"
                  "头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质信案件复议"
                  "调纠纷诉讼审查规范报告共受理办援助务执罚强许可申请收市县省镇乡街")


def read_pdf(raw: bytes, limit: int | None = None) -> ReadResult:
    """A PDF's text layer: pdfplumber (tables as cells, wrapped prose re-joined), pypdf when it fails."""
    limit = max_chars() if limit is None else limit
    try:
        try:
            text = _pdfplumber_text(raw, limit)
        except ReadError:
            raise
        except Exception:  # a file pdfplumber cannot lay out may still have a readable text layer
            text = _pypdf_text(raw, limit)
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many types on bad files
        raise ReadError("read", "无法读取这个 PDF 文件(文件损坏或加密)", f"{type(exc).__name__}: {exc}") from exc
    if len(re.sub(r"\s", "", text)) < 20:
        raise ReadError("read", "PDF 没有文字层(可能是扫描件)— 需要先做 OCR 识别", "no text layer")
    if looks_garbled(text):
        raise ReadError("read", "PDF 的文字层是乱码(字体编码缺失),无法可靠读取 — 请用 OCR 识别后再导入",
                        "text layer is mojibake")
    check_chars(len(text), limit)
    return ReadResult(_clean(text), "pdf", None)


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
        html = decode(raw, _declared_charset(raw))[0]
        check_chars(len(html) // HTML_MARKUP_FACTOR, limit)
        try:
            root = sanitise_html(html, deep_ok=False)
        except TooDeep:
            check_chars(len(flat_html_text(html)), limit)
            return
        if root is not None:
            check_chars(_visible_chars(root), limit)
    elif fmt == "docx":
        try:
            zf = zipfile.ZipFile(io.BytesIO(raw))
        except (zipfile.BadZipFile, ValueError):
            return  # not this check's business: the reader says it is broken
        if "word/document.xml" in zf.namelist() \
                and sum(i.file_size for i in zf.infolist()) <= MAX_DOCX_UNCOMPRESSED:
            _docx_chars(zf, limit)


def read_bytes(raw: bytes, fmt: str, max_mb: float | None = None, chars: int | None = None) -> ReadResult:
    """Bytes of a file in ``fmt`` -> its text; ``chars`` overrides the text limit (``max_chars()``)."""
    if not raw:
        raise ReadError("read", "文件是空的", "0 bytes")
    check_size(len(raw), fmt, max_mb)
    limit = max_chars() if chars is None else chars
    result = READERS[fmt](raw, limit)
    check_chars(len(result.text), limit)
    return result


def read_file(path: Path, max_mb: float | None = None) -> ReadResult:
    fmt = file_format(path)
    if fmt is None and path.suffix.lower() in UNSUPPORTED:
        raise ReadError("read", UNSUPPORTED[path.suffix.lower()], f"unsupported suffix {path.suffix}")
    if fmt is None:
        raise ReadError("read", f"不支持的文件类型:{path.suffix or '(无扩展名)'}", "unsupported suffix")
    return read_bytes(read_regular(path, fmt, max_mb), fmt, max_mb)

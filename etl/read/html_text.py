"""A web page -> its visible text: code dropped first, then trafilatura's main text (or the tree's text).

HTML loses <script>/<style>/comments, on*= handlers and javascript: links before any text is taken
from it; a page nested deeper than the parser allows (libxml2 stops at 256 levels and drops the
rest) is read by a flat tag-stripping pass instead of coming out empty.
"""

from __future__ import annotations

import html as html_lib
import re
from functools import lru_cache

from lxml import etree
from lxml import html as lh

from etl.read.encoding import decode, unify_newlines
from etl.read.limits import ReadError, ReadResult, check_chars, max_chars

HTML_MARKUP_FACTOR = 5  # a page's source may be this many times the text limit (markup, inline styles) before parsing

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
        import trafilatura  # lazy and optional: ~1 s to import, and a page reads without it
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
    return ReadResult(unify_newlines(text), "html", enc)


def _flat_result(html: str, enc: str, limit: int) -> ReadResult:
    text = unify_newlines(flat_html_text(html))
    if not text.strip():
        raise ReadError("read", "网页中没有可读的正文", "no text after removing tags (flat reader)")
    check_chars(len(text), limit)
    return ReadResult(text, "html", enc)



def precheck_html(raw: bytes, limit: int) -> None:
    """The page's source and visible text against the limit, parsed but not run through the extractor."""
    html = decode(raw, _declared_charset(raw))[0]
    check_chars(len(html) // HTML_MARKUP_FACTOR, limit)
    try:
        root = sanitise_html(html, deep_ok=False)
    except TooDeep:
        check_chars(len(flat_html_text(html)), limit)
        return
    if root is not None:
        check_chars(_visible_chars(root), limit)

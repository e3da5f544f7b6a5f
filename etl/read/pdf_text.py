"""A PDF's text layer: pdfplumber (tables as cells, wrapped prose re-joined), pypdf when it fails.

A PDF without a text layer (a scan) or with a garbled one (broken font maps) is refused with a message
asking for OCR; a long PDF is counted page by page and stops at the text limit.
"""

from __future__ import annotations

import functools
import io
import logging
import math
import re

from etl.read import pdf_columns
from etl.read.encoding import unify_newlines
from etl.read.limits import ReadError, ReadResult, check_chars, max_chars
from etl.read.radicals import unify_radicals

# A line ends a sentence or a heading (not wrapped at the margin) when it ends with one of these.
_SENTENCE_END = tuple("。！？；：!?;:）)」』”\"")
_UNIT_START = re.compile(r"^\s*(?:件|条|宗|起|次|人次|名|人|个|份|项|%|％|万|亿|元)")


def _rejoin(lines: list[tuple[str, float, float]]) -> list[str]:
    """Join the lines of a paragraph that the page wrapped at its right margin.

    ``lines`` are (text, reach, height) in reading order, ``reach`` the line's right end as a share of the page's
    text width. A line reaching the margin (≥ 0.96) that does not end a sentence continues on the next
    line ("受理政府" / "信息公开申请 17 件"); so does a number whose unit went to the next line. Headings and
    the last line of a paragraph stop short of the margin and stay lines of their own, and a line in another size
    of type (a title over its report, the widest line of its page) starts a paragraph of its own.
    """
    out: list[str] = []
    wrapped = False
    last_height = 0.0
    for text, reach, height in lines:
        text = text.rstrip()
        same_type = abs(height - last_height) <= 0.15 * max(height, last_height)
        if out and same_type and not out[-1].endswith(_SENTENCE_END) and (
                wrapped or (_UNIT_START.match(text) and out[-1][-1:].isdigit())):
            out[-1] += text
        else:
            out.append(text)
        wrapped = reach >= 0.96 and bool(text) and not text.endswith(_SENTENCE_END)
        last_height = height
    return out


_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4})\s*$")


def _pdfplumber_text(raw: bytes, limit: int | None = None) -> str:
    """Text in reading order with each table's rows as "cell | cell | …" lines (pdfplumber: MIT, layout-aware).

    Tables with ruling lines come out cell by cell (the 总计 column stays the last cell, an empty cell
    stays empty); prose outside them is re-joined where the page wrapped it, across a page break too
    (page numbers dropped). A one-column "table" (a framed paragraph) is read as prose.
    """
    import pdfplumber  # lazy: its import costs ~0.7 s, paid only when a PDF is read

    # pdfminer warns once per glyph of a font without a bounding box ("Could not get FontBBox…"): hundreds of lines
    # on a build's terminal for a text it reads well; its errors still show
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    out: list[str] = []
    run: list[tuple[str, float, float]] = []
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        pages = []
        seen = 0
        for page in pdf.pages:
            if any(_turned(c) for c in page.chars):
                page = page.filter(lambda obj: obj.get("object_type") != "char" or not _turned(obj))
            tables = sorted((t for t in page.find_tables() if t.rows and len(t.rows[0].cells) > 1),
                            key=lambda t: t.bbox[1])
            boxes = [t.bbox for t in tables]

            def outside(obj: dict, boxes: list = boxes) -> bool:
                cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

            view = page.filter(outside) if boxes else page
            parts = pdf_columns.regions(view.extract_words(), (0.0, 0.0, float(page.width), float(page.height)))
            # a page in two columns is read a column at a time (each part's lines measured against its own width)
            groups = [view.extract_text_lines() or []] if parts is None else \
                [view.filter(functools.partial(pdf_columns.centred_in, b)).extract_text_lines() or [] for b in parts]
            pages.append((page.width, tables, parts, groups))
            seen += sum(len(ln["text"]) for g in groups for ln in g)
            if limit is not None:  # page by page: a long PDF stops at the limit, not after its last page
                check_chars(seen, limit)
        running = _running_lines([[ln for g in groups for ln in g] for _, _, _, groups in pages])
        for number, (page_width, tables, parts, groups) in enumerate(pages):
            found = [ln for g in groups for ln in g]
            # a page number stands first or last on its page (a lone number between lines is a cell or a figure),
            # and so does a running head or foot the other pages repeat (某某市人民政府公报 2016年第3期); the first
            # page's first line is its title even when later pages repeat it as their head
            ends = {id(found[0]), id(found[-1])} if found else set()
            if number == 0 and found:
                running_here = running - {_running_key(found[0]["text"])}
            else:
                running_here = running
            small = _small_lines(found)
            # each table is read where it stands: in the column (or band) that holds its centre
            placed = [tables] if parts is None else \
                [[t for t in tables if pdf_columns.centred_in(b, _box(t.bbox))] for b in parts]
            left_over = [t for t in tables if not any(t in p for p in placed)]
            for k, group in enumerate(groups):
                lines = [ln for ln in group if not (id(ln) in ends and (
                    _PAGE_NUMBER.match(ln["text"]) or _running_key(ln["text"]) in running_here or id(ln) in small))]
                if parts is not None and parts[k][2] - parts[k][0] >= page_width:
                    out += _rejoin(run)  # lines across both columns (a title, an opening) are a paragraph of their own
                    run = []
                right = max((ln["x1"] for ln in lines), default=page_width)
                left = min((ln["x0"] for ln in lines), default=0.0)
                width = max(right - left, 1.0)
                todo = placed[k]
                for ln in lines:
                    while todo and todo[0].bbox[1] < ln["top"]:
                        out += _rejoin(run) + _table_lines(todo.pop(0))
                        run = []
                    # within a character and a half of the margin reaches it: justified CJK lines end ragged by a
                    # character where punctuation may not start the next line (a narrow column: 7% of its width)
                    near = right - ln["x1"] <= 1.5 * (ln["bottom"] - ln["top"])
                    run.append((ln["text"], 1.0 if near else (ln["x1"] - left) / width, ln["bottom"] - ln["top"]))
                if todo:  # (after a full-width band the run goes on: its last line may wrap into the left column)
                    out += _rejoin(run)
                    run = []
                    for t in todo:
                        out += _table_lines(t)
            if left_over:
                out += _rejoin(run)
                run = []
                for t in left_over:
                    out += _table_lines(t)
    out += _rejoin(run)
    return "\n".join(out)


def _running_key(text: str) -> str:
    """A line's text with blanks dropped, numbers as #, and a PDF font's radicals as characters (2024年1⽉15⽇)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", unify_radicals(text)))


def _small_lines(lines: list[dict]) -> set[int]:
    """The page's first line when it is short and set in a type much smaller than the page's (a running head over a
    one-page document), without a sentence in it. Only the first: a small last line is a footnote or a table's
    合计 row, text to keep."""
    if len(lines) < 4:
        return set()
    heights = sorted(ln["bottom"] - ln["top"] for ln in lines)
    median = heights[len(heights) // 2]
    first = lines[0]
    small = first["bottom"] - first["top"] < 0.85 * median and len(first["text"].strip()) <= 40
    return {id(first)} if small and not re.search(r"[。,,;;]|合计|小计|总计", first["text"]) else set()


_DATE_KEY = re.compile(r"#年#月(?:#日)?|#[-./]#[-./]#")


def _running_lines(pages: list[list[dict]]) -> set[str]:
    """The running heads and feet of a document: a first or last line of a page that at least half of its pages
    (two or more) repeat, numbers aside (a gazette's 某某市人民政府公报 2016年第3期 above every page). Read as text it
    split paragraphs at each page and gave the document its title and year. A date (each part of a compilation
    signed and dated) is no running line; page 1's first line, the title, is never dropped (``_dropped``)."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_running_key(ln["text"]) for ln in (lines[:1] + lines[-1:])}:
            counts[key] = counts.get(key, 0) + 1
    return {k for k, n in counts.items() if k.strip("#") and n >= 2 and n >= len(pages) / 2 and not _DATE_KEY.search(k)}


def _turned(char: dict) -> bool:
    """A character turned at a slant (its text matrix rotates it by an angle off the page's axes): a watermark across
    the page (某某市司法局 内部资料) or a seal's ring of text, never the report's lines; read, its characters fell
    one by one into the lines it crosses. A page turned a quarter (/Rotate 90, vertical text) is on an axis, and an
    italic's matrix slants without turning (its b is 0): both are read."""
    a, b, c = char["matrix"][:3]
    angle = math.degrees(math.atan2(b, a)) % 90
    return abs(b + c) < 0.2 * (abs(b) + abs(c) + 1e-9) and 10 < angle < 80  # a rotation (c = -b), off the axes


def _box(bbox: tuple[float, float, float, float]) -> dict:
    return {"x0": bbox[0], "top": bbox[1], "x1": bbox[2], "bottom": bbox[3]}


def _table_lines(table) -> list[str]:  # table: pdfplumber.table.Table
    rows = []
    for row in table.extract():
        cells = [re.sub(r"\s+", "", c) if c else "" for c in row]
        if any(cells):
            rows.append(" | ".join(cells) + " |")
    return rows


def _pypdf_text(raw: bytes, limit: int | None = None) -> str:
    from pypdf import PdfReader  # lazy: ~0.5 s to import, needed only for a PDF pdfplumber cannot lay out

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
    return ReadResult(unify_newlines(text), "pdf", None)


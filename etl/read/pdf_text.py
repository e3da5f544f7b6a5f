"""A PDF's text layer: pdfplumber (tables as cells, wrapped prose re-joined), pypdf when it fails.

A PDF without a text layer (a scan) or with a garbled one (broken font maps) is refused with a message
asking for OCR; a long PDF is counted page by page and stops at the text limit.
"""

from __future__ import annotations

import functools
import io
import logging
import re

from etl.read import pdf_columns
from etl.read.encoding import unify_newlines
from etl.read.limits import ReadError, ReadResult, check_chars, max_chars

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
    import pdfplumber  # lazy: its import costs ~0.7 s, paid only when a PDF is read

    # pdfminer warns once per glyph of a font without a bounding box ("Could not get FontBBox…"): hundreds of lines
    # on a build's terminal for a text it reads well; its errors still show
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    out: list[str] = []
    run: list[tuple[str, float]] = []
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
                [view.filter(functools.partial(_centred_in, b)).extract_text_lines() or [] for b in parts]
            pages.append((page.width, tables, parts, groups))
            seen += sum(len(ln["text"]) for g in groups for ln in g)
            if limit is not None:  # page by page: a long PDF stops at the limit, not after its last page
                check_chars(seen, limit)
        running = _running_lines([[ln for g in groups for ln in g] for _, _, _, groups in pages])
        for page_width, tables, parts, groups in pages:
            found = [ln for g in groups for ln in g]
            # a page number stands first or last on its page (a lone number between lines is a cell or a figure),
            # and so does a running head or foot the other pages repeat (某某市人民政府公报 2016年第3期)
            ends = {id(found[0]), id(found[-1])} if found else set()
            small = _small_lines(found)
            # each table is read where it stands: in the column (or band) that holds its centre
            placed = [tables] if parts is None else [[t for t in tables if _centred_in(b, _box(t.bbox))] for b in parts]
            left_over = [t for t in tables if not any(t in p for p in placed)]
            for k, group in enumerate(groups):
                lines = [ln for ln in group if not (id(ln) in ends and (
                    _PAGE_NUMBER.match(ln["text"]) or _running_key(ln["text"]) in running or id(ln) in small))]
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
                    run.append((ln["text"], 1.0 if near else (ln["x1"] - left) / width))
                if todo or (parts is not None and parts[k][2] - parts[k][0] >= page_width):
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
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _small_lines(lines: list[dict]) -> set[int]:
    """Ids of short lines set in a type much smaller than the page's (a running head over a one-page document),
    without a sentence in them (a footnote keeps its text)."""
    if len(lines) < 4:
        return set()
    heights = sorted(ln["bottom"] - ln["top"] for ln in lines)
    median = heights[len(heights) // 2]
    return {id(ln) for ln in lines if ln["bottom"] - ln["top"] < 0.75 * median and len(ln["text"].strip()) <= 40
            and not re.search(r"[。,,;;]", ln["text"])}


def _running_lines(pages: list[list[dict]]) -> set[str]:
    """The running heads and feet of a document: a first or last line of a page that at least half of its pages
    (two or more) repeat, numbers aside (a gazette's 某某市人民政府公报 2016年第3期 above every page). Read as text it
    split paragraphs at each page and gave the document its title and year."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_running_key(ln["text"]) for ln in (lines[:1] + lines[-1:])}:
            counts[key] = counts.get(key, 0) + 1
    return {k for k, n in counts.items() if k.strip("#") and n >= 2 and n >= len(pages) / 2}


def _turned(char: dict) -> bool:
    """A character set at a slant (its text matrix turns it): a watermark across the page (某某市司法局 内部资料) or a
    seal's ring of text, never the report's lines; read, its characters fell one by one into the lines it crosses."""
    a, b, c, d = char["matrix"][:4]
    return abs(b) > 0.05 * abs(a or 1) or abs(c) > 0.05 * abs(d or 1)


def _box(bbox: tuple[float, float, float, float]) -> dict:
    return {"x0": bbox[0], "top": bbox[1], "x1": bbox[2], "bottom": bbox[3]}


def _centred_in(box: tuple[float, float, float, float], obj: dict) -> bool:
    """An object of the page whose centre lies in ``box`` (a crop would keep a character touching its edge twice)."""
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


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


"""Figures read from tables: 政府信息公开年报 表一/表二/表三 and 行政执法统计表.

Tables arrive flattened: "|" rows (sometimes a row broken over several lines
of lone "|" cells) or one cell per line. Rows are rebuilt first, then read by
row label x column header from the templates in etl/extract/catalog/tables.toml.
A cell "0" is the value 0; "/", "-" or an empty cell is no figure.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from etl.extract import catalog
from etl.extract.prose import Figure
from etl.read.normalise import Matching

TEMPLATES_PATH = Path(__file__).resolve().parent / "catalog" / "tables.toml"
_NUM = re.compile(r"^(?:[+-]|增|减)?\d+(?:\.\d+)?$")  # a number or a signed change (+15, -3; 本年增/减's 增15, 减3)
_NUMBER_LINE = re.compile(r"^[ \t]*(?:[+-]|增|减)?\d+(?:\.\d+)?[ \t]*$", re.M)


@dataclass
class Cell:
    text: str
    start: int  # span in the matching text
    end: int

    @cached_property
    def is_number(self) -> bool:  # asked ~200 times per document: a cell's text never changes, so once
        return bool(_NUM.match(self.text))

    @property
    def is_plain_number(self) -> bool:
        return self.is_number and self.text[0] not in "+-增减"


@dataclass
class Row:
    cells: list[Cell]
    start: int  # span of the whole row in the matching text
    end: int

    @property
    def texts(self) -> list[Cell]:
        return [c for c in self.cells if not c.is_number]

    @property
    def numbers(self) -> list[Cell]:
        return [c for c in self.cells if c.is_number]


@lru_cache(maxsize=1)
def templates() -> dict:
    data = tomllib.loads(TEMPLATES_PATH.read_text(encoding="utf-8"))
    for t in data.get("row_total", []):
        t["rx"] = re.compile(t["label"])
    for t in data.get("cell", []):
        t["row_rx"], t["col_rx"] = re.compile(t["row"]), re.compile(t["column"])
    for t in data.get("stat_table", []):
        t["col_rx"] = re.compile(t["column"])
    for t in data.get("row_sum", []):
        t["start_rx"], t["item_rx"] = re.compile(t["start"]), re.compile(t["item"])
    for t in data.get("stream_table", []):
        t["heading_rx"], t["end_rx"] = re.compile(t["heading"]), re.compile(t["end"])
    return data


def _split_cells(text: str, start: int, end: int) -> list[Cell]:
    cells, pos = [], start
    for piece in text[start:end].split("|"):
        a = pos + (len(piece) - len(piece.lstrip()))
        b = pos + len(piece.rstrip())
        if b > a:
            cells.append(Cell(text[a:b].replace(" ", ""), a, b))
        pos += len(piece) + 1
    return cells


def pipe_rows(text: str) -> list[Row]:
    """Rebuild "|" rows; a line that starts with "|" and holds only pipes and numbers continues the row above (a
    label, or a row already holding numbers), not a header row of column names."""
    rows: list[Row] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if "|" not in line:
            if line.strip():
                rows.append(Row([], start, end))  # a prose line ends the table context
            continue
        cells = _split_cells(text, start, end)
        if rows and rows[-1].cells and line.lstrip().startswith("|") and not re.search(r"[\u4e00-\u9fff]", line) \
                and (rows[-1].numbers or len(rows[-1].texts) <= 2):  # not under a header row of many column names
            rows[-1].cells.extend(cells)
            rows[-1].end = end
        else:
            rows.append(Row(cells, start, end))
    return rows


# A table row whose cells a PDF's text layer separated by blanks ("一、本年新收政府信息公开申请数量3001 53 0 0 61 4 3119",
# the blank before the first number already dropped by normalise): a label, then numbers. A line of 15 numbers is 表三's.
_SPACE_ROW = re.compile(r"^[ \t]*(?P<label>[^\n|]*?[\u4e00-\u9fff)\]】”\"])[ \t]*"
                        r"(?P<nums>[+-]?\d+(?:\.\d+)?(?:[ \t]+[+-]?\d+(?:\.\d+)?)*)[ \t]*$")
_NUMBERS_ROW = re.compile(r"^[ \t]*(?P<nums>\d+(?:\.\d+)?(?:[ \t]+\d+(?:\.\d+)?){4,})[ \t]*$")
# where a row label starts (一、 (二) 1. …): a label line without one continues the line above
_ROW_START = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、]|信息内容|规章|行政|合计|总计)")


def space_rows(text: str) -> list[Row]:
    """Rows of a table written with blanks between cells, one row per line (a PDF's text layer).

    A label broken over lines ("(二)部分公开(区分处理的,只计这一情" / "形,不计其他情形)447 7 …") is joined
    to the line above when it does not start like a row label. A header line naming the template's
    columns (信息内容本年制发件数本年废止件数现行有效件数, blanks gone) becomes one cell per known column,
    in the order the columns appear.
    """
    rows: list[Row] = []
    pos = 0
    prev_label: tuple[int, int] | None = None  # a label-only line just before
    columns = [re.compile(c) for c in [t["column"] for t in templates().get("cell", [])] + templates()["header_columns"]]
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        # both patterns end with a digit before the line's trailing blanks: a line that does not (prose) is no row
        m = (_SPACE_ROW.match(line) or _NUMBERS_ROW.match(line)) if line.rstrip(" \t")[-1:].isdecimal() else None
        if m is None:
            stripped = line.strip()
            if "信息内容" in stripped and not re.search(r"\d", stripped):
                flat = re.sub(r"[ \t]+", "", stripped)  # a header of blank-separated cells (本年新 制作数量)
                found = sorted({(c.search(flat).start(), c.search(flat).group(0)) for c in columns if c.search(flat)})
                names = ["信息内容", *[name for _, name in found]]
                rows.append(Row([Cell(n, start, end) for n in names], start, end))
                prev_label = None
                continue
            rows.append(Row([], start, end))
            prev_label = (start, end) if stripped and len(stripped) <= 40 and not re.search(r"\d", stripped) else None
            continue
        cells: list[Cell] = []
        label_start = start
        if "label" in m.groupdict() and m.group("label") is not None:
            a, b = start + m.start("label"), start + m.end("label")
            label = text[a:b].strip()
            if prev_label is not None and not _ROW_START.match(label):
                a = prev_label[0]
                label = (text[prev_label[0]:prev_label[1]] + label).replace("\n", "").strip()
                label_start = a
            cells.append(Cell(label.replace(" ", ""), a, b))
        for n in re.finditer(r"[+-]?\d+(?:\.\d+)?", m.group("nums")):
            a = start + m.start("nums") + n.start()
            cells.append(Cell(n.group(0), a, a + len(n.group(0))))
        rows.append(Row(cells, label_start, end))
        prev_label = None
    return rows


def cell_lines(text: str) -> list[Row]:
    """One cell per line (blank lines between): each non-blank short line is a one-cell row."""
    rows, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        s = line.strip()
        if not s:
            continue
        a = start + (len(line) - len(line.lstrip()))
        rows.append(Row([Cell(s.replace(" ", ""), a, a + len(s))], start, end))
    return rows


def _figure(m: Matching, metric_key: str, value: float, row: Row, rule: str, confidence: float = 0.95) -> Figure:
    metric = catalog.metric(metric_key)
    a, b = m.span(row.start, row.end)
    return Figure(metric_key, value, metric.unit, "exact", "actual", a, b, m.original[a:b], rule, confidence)


def _row_totals(m: Matching, rows: list[Row], tpl: dict) -> list[Figure]:
    """表二 rows: the last number is the 总计 column — only when the row is complete.

    A row cut short (an excerpt ending mid-table) has fewer numbers than the
    first row of its table; its last number is not the total, so it is skipped.
    """
    out = []
    width: int | None = None
    for row in rows:
        labels = row.texts
        if not labels:
            continue
        for t in tpl.get("row_total", []):
            if not any(t["rx"].search(c.text) for c in labels):
                continue
            nums = [c for c in row.numbers if c.is_plain_number]
            if not nums:
                break
            if t.get("needs_own_cells") and len(labels) > 1:
                break
            if width is None:
                width = len(nums)
            elif len(nums) < width and not m.text[row.end:].strip():
                break  # the text ends inside this row
            out.append(_figure(m, t["metric"], float(nums[-1].text), row, "table:row-total"))
            break
    return out


def _row_sums(m: Matching, rows: list[Row], tpl: dict, found: set[str]) -> list[Figure]:
    """A subtotal the template leaves out: the sum of the 总计 column of a block's numbered rows ((三)不予公开 1.-8.)."""
    out = []
    for t in tpl.get("row_sum", []):
        if t["metric"] in found:
            continue
        for i, row in enumerate(rows):
            labels = [c.text for c in row.texts]
            if not any(t["start_rx"].search(x) for x in labels):
                continue
            block = [row] if any(t["item_rx"].search(x) for x in labels) else []
            for nxt in rows[i + 1:]:
                nl = [c.text for c in nxt.texts]
                if not nl or not t["item_rx"].search(nl[0]) or len(block) == t["items"]:
                    break
                block.append(nxt)
            totals = [[c for c in r.numbers if c.is_plain_number] for r in block]
            if len(block) != t["items"] or not all(totals) or len({len(x) for x in totals}) != 1:
                continue
            whole = Row([], block[0].start, block[-1].end)
            out.append(_figure(m, t["metric"], sum(float(x[-1].text) for x in totals), whole, "table:row-sum"))
            break
    return out


def _table_one(m: Matching, rows: list[Row], tpl: dict) -> list[Figure]:
    out: list[Figure] = []
    header: list[str] | None = None
    for row in rows:
        if not row.cells:
            header = None if row.end - row.start > 40 else header
            continue
        names = [c.text for c in row.cells]
        if "信息内容" in names and not row.numbers:
            header = names[names.index("信息内容") + 1:]
            continue
        first = names[0]
        if header is None:
            continue
        values = row.cells[1:]
        columns = _join_header(header, len(values))
        for t in tpl.get("cell", []):
            if not t["row_rx"].search(first):
                continue
            hits = [i for i, col in enumerate(columns) if t["col_rx"].search(col)]
            if not hits and t.get("first_column") and columns and len(columns) == len(values) \
                    and columns[0].startswith("本年"):
                hits = [0]  # a header cut short ("本年新"): the template's first column is this metric
            for i in hits:
                if i < len(values) and values[i].is_plain_number:
                    out.append(_figure(m, t["metric"], float(values[i].text), row, "table:disclosure-1"))
    return out


_HEADER_END = re.compile(r"(?:数|量|额|金额|\))$")


def _join_header(header: list[str], width: int) -> list[str]:
    """Header cells a line break split ("本年新" / "制作数量") joined back, when there are more cells than values.

    A column name of these templates ends in 数, 量 or 额; a fragment that does not is joined to the next one.
    """
    if len(header) <= width:
        return header
    out: list[str] = []
    carry = ""
    for cell in header:
        carry += cell
        if _HEADER_END.search(carry):
            out.append(carry)
            carry = ""
    if carry:
        out.append(carry)
    return out if len(out) == width else header


def _review_rows(m: Matching, rows: list[Row], tpl: dict) -> list[Figure]:
    spec = tpl.get("review_row")
    if not spec:
        return []
    out: list[Figure] = []
    window: list[str] = []
    for row in rows:
        nums = row.numbers
        texts = "".join(c.text for c in row.texts)
        if len(nums) == spec["cells"] and all(c.is_plain_number for c in nums) and not re.sub("[总合]计", "", texts):
            ctx = "".join(window[-12:])
            if spec["header"] in ctx and spec["header2"] in ctx:
                for s in spec["sums"]:
                    value = sum(float(nums[i].text) for i in s["columns"])
                    out.append(_figure(m, s["metric"], value, row, "table:disclosure-3"))
        window.append(texts)
    return out


def _stat_tables(m: Matching, rows: list[Row], tpl: dict) -> list[Figure]:
    out: list[Figure] = []
    for t in tpl.get("stat_table", []):
        for i, row in enumerate(rows):
            headers = [c.text for c in row.cells]
            if not any(t["col_rx"].search(h) for h in headers) or row.numbers:
                continue
            title = "".join(c.text for r in rows[max(0, i - 4):i] for c in r.cells)
            if t["title"] not in title + "".join(headers[:1]):
                continue
            if i + 1 >= len(rows):
                continue
            values = rows[i + 1].cells
            if not values or not all(c.is_plain_number for c in values):
                continue
            # align from the right: split header cells happen at the left
            for k in range(1, min(len(headers), len(values)) + 1):
                if t["col_rx"].search(headers[-k]):
                    out.append(_figure(m, t["metric"], float(values[-k].text), rows[i + 1], "table:stat"))
                    break
    return out


def _cell_per_line_groups(rows: list[Row]) -> list[Row]:
    """Collapse runs of one-cell lines into pseudo rows: header run, then number run."""
    out: list[Row] = []
    run: list[Row] = []
    run_numeric: bool | None = None
    for row in rows:
        cell = row.cells[0]
        numeric = cell.is_number
        # prose ends a run; a long label closed by its gloss "(…)" is still a row label
        if not numeric and ((len(cell.text) > 40 and not cell.text.endswith(")")) or cell.text.endswith("。")):
            if run:
                out.append(Row([r.cells[0] for r in run], run[0].start, run[-1].end))
            out.append(Row([], row.start, row.end))
            run, run_numeric = [], None
            continue
        if run and numeric != run_numeric:
            out.append(Row([r.cells[0] for r in run], run[0].start, run[-1].end))
            run = []
        run.append(row)
        run_numeric = numeric
    if run:
        out.append(Row([r.cells[0] for r in run], run[0].start, run[-1].end))
    return out


def _label_rows(grouped: list[Row]) -> list[Row]:
    """Cell-per-line runs -> label rows: a run of labels then a run of numbers is one table row.

    ``信息内容 / 本年制发件数 / … / 规章`` then ``0 / 0 / 0`` gives a header row (all
    but the last label) and the row ``规章 | 0 | 0 | 0``.
    """
    out: list[Row] = []
    for i, row in enumerate(grouped):
        if not row.cells or row.cells[0].is_number:
            if not row.cells:
                out.append(row)
            continue
        nxt = grouped[i + 1] if i + 1 < len(grouped) else None
        if nxt is None or not nxt.cells or not all(c.is_number for c in nxt.cells):
            out.append(Row(row.cells, row.start, row.end))
            continue
        if len(row.cells) > 1:
            out.append(Row(row.cells[:-1], row.start, row.cells[-2].end))
        out.append(Row([row.cells[-1], *nxt.cells], row.cells[-1].start, nxt.end))
    return out


# a blank-separated table is there to read: a line ending in a label and two or more blank-separated numbers, or 表一's
# header ([\u4e00-\u9fff)]\d+…$|信息内容[^\n\d|]*$ as two patterns led by a digit and by 信, which the engine skips to)
_SPACE_ROW_NUMBERS = re.compile(r"\d(?<=[\u4e00-\u9fff)]\d)\d*(?:\.\d+)?(?:[ \t]+\d+(?:\.\d+)?)+[ \t]*$", re.M)
_SPACE_ROW_HEADER = re.compile(r"信息内容[^\n\d|]*$", re.M)


# A table cell on its own line closed by pipes ("行政规范性文件 |", "0 | ||"): a web page's <td>s flattened one per line


def _cell_then_pipes(line: str) -> bool:
    """One cell (or none) then only pipes and blanks to the end of the line."""
    body = line.rstrip()
    if not body.endswith("|"):
        return False
    return "|" not in body.rstrip("| \t")


def _unpipe_cell_lines(text: str) -> str:
    """Blank the pipes of one-cell lines (same length, so offsets hold) when most pipe lines are such lines."""
    lines = text.split("\n")
    cells = [_cell_then_pipes(line) for line in lines]
    pipe_lines = text.count("\n|") + sum(1 for line in lines if "|" in line)
    if not any(cells) or sum(cells) * 2 < pipe_lines * 0.5:
        return text
    return "\n".join(line.replace("|", " ") if cell else line for line, cell in zip(lines, cells, strict=True))


# a page number on its own line ("- 3 -", "—3—", "第3页", "3/12") inside a run of table numbers
_PAGE_MARK = re.compile(r"^[ \t]*(?:[-—–][ \t]*\d+[ \t]*[-—–]|第[ \t]*\d+[ \t]*页(?:[ \t]*共[ \t]*\d+[ \t]*页)?"
                        r"|\d+[ \t]*/[ \t]*\d+)[ \t]*$", re.M)
_STREAM_NUMBER = re.compile(r"\d+")
_STREAM_GAP = re.compile(r"^[\s|]*$")


def _number_runs(text: str, start: int, end: int) -> list[list[re.Match]]:
    """Runs of whole numbers in ``text[start:end]`` separated only by blanks, pipes or page-number lines."""
    masked = _PAGE_MARK.sub(lambda x: " " * len(x.group()), text[start:end])
    runs: list[list[re.Match]] = []
    run: list[re.Match] = []
    last = 0
    for n in _STREAM_NUMBER.finditer(masked):
        if run and not _STREAM_GAP.match(masked[last:n.start()]):
            runs.append(run)
            run = []
        run.append(n)
        last = n.end()
    if run:
        runs.append(run)
    return runs


def _stream_tables(m: Matching, tpl: dict) -> list[Figure]:
    """表二 as one run of numbers after its heading (labels lost in a PDF text layer): reshaped by the template."""
    out: list[Figure] = []
    text = m.text
    for t in tpl.get("stream_table", []):
        heads = list(t["heading_rx"].finditer(text))
        stop = None
        for k, h in enumerate(heads):
            if k == 0 or (stop is not None and stop.start() < h.end()):
                stop = t["end_rx"].search(text, h.end())  # else the last search's answer holds: nothing between
            end = stop.start() if stop else min(len(text), h.end() + 4000)
            if k + 1 < len(heads):
                # a table ends where the heading comes again (a contents list, then the body): reading on through
                # every later heading made a text of the heading repeated quadratic
                end = min(end, heads[k + 1].start())
            for run in _number_runs(text, h.end(), end):
                out += _read_stream(m, t, run, h.end())
    return out


def _read_stream(m: Matching, t: dict, run: list[re.Match], base: int) -> list[Figure]:
    cols, total_col = t["columns"], t["total_column"] - 1
    for variant in t["variants"]:
        if len(run) != variant["rows"] * cols:
            continue
        rows = [run[i * cols:(i + 1) * cols] for i in range(variant["rows"])]
        values = [[float(n.group()) for n in r] for r in rows]
        adds_up = sum(1 for v in values if v[total_col] == sum(v) - v[total_col])
        total = values[variant["total_row"] - 1][total_col]
        handled = sum(v[total_col] for v in values[2:variant["total_row"] - 1])
        sure = adds_up >= 0.9 * len(values) and total == handled
        out = []
        for spec in variant["metrics"]:
            picked = [rows[r - 1] for r in spec["rows"]]
            value = sum(float(r[total_col].group()) for r in picked)
            row = Row([], base + picked[0][0].start(), base + picked[-1][-1].end())
            out.append(_figure(m, spec["metric"], value, row, "table:disclosure-stream", 0.95 if sure else 0.6))
        return out
    return []


def extract_tables(m: Matching) -> list[Figure]:
    """All template figures in one document's matching text."""
    tpl = templates()
    text = m.text
    out: list[Figure] = []
    if text.count("|") >= 4:
        rows = pipe_rows(text)
        out += _row_totals(m, rows, tpl)
        out += _row_sums(m, rows, tpl, {f.metric for f in out})
        out += _table_one(m, rows, tpl)
        out += _review_rows(m, rows, tpl)
        out += _stat_tables(m, rows, tpl)
        text = _unpipe_cell_lines(text)
    if _SPACE_ROW_NUMBERS.search(text) or _SPACE_ROW_HEADER.search(text):
        rows = space_rows(text)
        out += _row_totals(m, rows, tpl)
        out += _row_sums(m, rows, tpl, {f.metric for f in out})
        out += _table_one(m, rows, tpl)
        out += _review_rows(m, rows, tpl)
    if not any(f.metric.startswith("disclosure.requests") for f in out):
        out += _stream_tables(m, tpl)
    if len(_NUMBER_LINE.findall(text)) < 3:
        return out
    grouped = _cell_per_line_groups(cell_lines(text))
    if any(len(r.cells) >= 3 and all(c.is_number for c in r.cells) for r in grouped):
        out += _review_rows(m, grouped, tpl)
        out += _stat_tables(m, grouped, tpl)
        labelled = _label_rows(grouped)
        out += _row_totals(m, labelled, tpl)
        out += _row_sums(m, labelled, tpl, {f.metric for f in out})
        out += _table_one(m, labelled, tpl)
    return out

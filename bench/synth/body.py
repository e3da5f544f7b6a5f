"""The body model every builder fills: paragraphs, headings, dates and a fresh Doc."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.synth.figures import Doc
from bench.synth.regions import Region
from bench.synth.words import CN_ORD


@dataclass
class Block:
    """One paragraph (prose may get full-width digits) or pre-rendered table lines."""

    text: str
    prose: bool = True
    padding_ok: bool = False


@dataclass
class Built:
    title: str
    doc_type: str
    organ: str
    date: tuple[int, int, int]
    blocks: list[Block]
    table: bool = False


def draw_date(r: random.Random, year: int, months: tuple[int, int]) -> tuple[int, int, int]:
    m = r.randint(*months)
    return (year, m, r.randint(1, 28))


def fmt_date(r: random.Random, dt: tuple[int, int, int], style: int | None = None) -> str:
    y, m, dd = dt
    style = r.randrange(4) if style is None else style
    if style == 0:
        return f"{y}-{m:02d}-{dd:02d}"
    if style == 1:
        return f"{y}年{m}月{dd}日"
    if style == 2:
        return f"{y}年{m:02d}月{dd:02d}日"
    return f"{y}/{m}/{dd}"


def heading(i: int, text: str) -> Block:
    return Block(f"{CN_ORD[i]}、{text}", prose=False)


def sub_heading(i: int, text: str) -> Block:
    return Block(f"({CN_ORD[i]}){text}", prose=False)


LEVEL_SCALE = {"province": 25.0, "city": 6.0, "county": 1.0}


def new_doc(r: random.Random, reg: Region, year: int, organ: str, department: bool) -> Doc:
    return Doc(r, reg, year, organ, LEVEL_SCALE[reg.level] * (0.35 if department else 1.0))


def render_table(rows: list[list[str]], style: str) -> str:
    """Flatten a table the ways scraped pages do."""
    if style == "pipes":
        return "\n".join(" | ".join(c for c in row) + " |" for row in rows)
    if style == "pipes2":
        return "\n".join("  | ".join(c for c in row) + "  | " for row in rows)
    if style == "tabs":
        return "\n".join("\t".join(row) for row in rows)
    cells = [c for row in rows for c in row]
    return ("\n\n" if style == "cells_blank" else "\n").join(cells)

"""One document as text: pick a region and builder, pad to length, add page chrome and width noise."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from bench.synth.body import Block, Built, fmt_date
from bench.synth.disclosure import build_gk_annual
from bench.synth.figures import Doc
from bench.synth.regions import Region, pick_region
from bench.synth.reports import build_aid_report, build_briefing, build_fy_report, build_fz_annual, build_plan, build_tj_report
from bench.synth.sentences import filler
from bench.synth.words import DOC_TYPES, FULLWIDTH_DIGITS, FULLWIDTH_PUNCT, YEARS

BUILDERS: dict[str, Callable[[random.Random, Region, int], tuple[Built, Doc]]] = {
    "fz_annual": build_fz_annual, "plan": build_plan, "gk_annual": build_gk_annual,
    "fy_report": build_fy_report, "tj_report": build_tj_report, "aid_report": build_aid_report,
    "briefing": build_briefing,
}
TYPE_NAMES = tuple(t for t, _ in DOC_TYPES)
TYPE_WEIGHTS = tuple(w for _, w in DOC_TYPES)


def _pad(b: Built, d: Doc, target_chars: int) -> None:
    """Add generic prose until the document reaches its drawn length (real ones are 3-30 KB)."""
    r = d.rng
    slots = [i for i, blk in enumerate(b.blocks) if blk.padding_ok and i > 0] or [len(b.blocks) - 1]
    size = sum(len(blk.text) for blk in b.blocks)
    while size < target_chars:
        i = slots[r.randrange(len(slots))]
        extra = filler(d)
        if r.random() < 0.5:
            b.blocks[i].text += extra
        else:
            b.blocks.insert(i + 1, Block(extra, padding_ok=False))
            slots = [j + 1 if j > i else j for j in slots]
        size += len(extra)


TIME_RE = re.compile(r"(\d{2})：(\d{2})")


def _full_punct(text: str) -> str:
    for half, full in FULLWIDTH_PUNCT:
        text = text.replace(half, full)
    return text


def render_doc(r: random.Random, kind: str, masked: bool = False,
               in_compilation: bool = False) -> tuple[str, str, bool]:
    """Text of one document (without marker); returns (title, text, has_table)."""
    reg = pick_region(r)
    if masked:
        w = {"province": "省", "city": "市", "county": "县"}[reg.level]
        reg = Region(f"**{w}", f"**{w}", reg.level, w, "*")
    year = YEARS[r.randrange(len(YEARS))]
    built, d = BUILDERS[kind](r, reg, year)
    target = int(min(9800, max(1000, r.lognormvariate(8.05, 0.55))))
    _pad(built, d, target)
    fullwidth = r.random() < 0.06
    indent = r.choice(("", "", "", "　　", "  "))
    gap = "\n\n" if r.random() < 0.15 else "\n"
    lines: list[str] = []
    head_style = 9 if in_compilation else r.randrange(5)
    dt = fmt_date(r, built.date, 0 if r.random() < 0.6 else None)
    if head_style == 1:
        lines += [built.title, built.organ, f"发布日期:{dt}"]
    elif head_style == 2:
        hh, mm = r.randint(8, 18), r.randint(0, 59)
        views = r.randint(10, 9000)
        lines += [built.title, f"来源:{built.organ}    发布时间:{dt} {hh:02d}:{mm:02d}    浏览次数:{views}",
                  "【字体:大 中 小】"]
    elif head_style == 3:
        y = built.date[0]
        lines += [f"索引号:{r.randint(10**8, 10**9 - 1)}/{y}-{r.randint(1, 99999):05d}", f"发布机构:{built.organ}",
                  f"主题分类:{r.choice(('政务公开', '司法', '综合政务', '其他'))}", f"成文日期:{dt}", f"发布日期:{dt}",
                  built.title]
    elif head_style == 4:
        lines += [built.title, f"发布日期:{dt}"]
    elif head_style == 0:
        lines += [built.title]
    for blk in built.blocks:
        text = blk.text
        if fullwidth and blk.prose and r.random() < 0.6:
            text = text.translate(FULLWIDTH_DIGITS)
        lines.append(indent + text if blk.prose else text)
    if head_style in (0, 9) or r.random() < 0.5:
        lines += ["", built.organ, fmt_date(r, built.date, r.choice((1, 1, 2)))]
    if head_style in (2, 3) and r.random() < 0.6:
        lines.append(r.choice(("【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "分享到:")))
    text = gap.join(lines)
    if r.random() < 0.4:
        text = _full_punct(text)
        title = _full_punct(built.title)
        text = TIME_RE.sub(r"\1:\2", text)  # clock times stay 09:12
        return title, text, built.table
    return built.title, text, built.table

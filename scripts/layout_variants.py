"""Write copies of texts in another layout, as other sites and files print the same report.

    python scripts/layout_variants.py MODE OUT_DIR FILE...

MODE is one of:
  wrap:N        every long line cut at N characters (a PDF text layer, a yearbook page)
  space_unit    a blank between a number and its unit or per cent sign (PDF text, HTML &nbsp;: 15.2 %, 56 件)
  ascii_punct   ASCII punctuation for Chinese (, . ; : with a blank after; ( ) as they are), as typed pages have it
  fullwidth     full-width digits and per cent signs (１２３％)
  tabs          table rows with tabs between cells instead of "|" (a table copied from a page or a spreadsheet)
  spaces        table rows with runs of blanks between cells (a PDF's text layer without ruling lines)
  cells         each table cell on its own line (a table flattened by a text extractor)
  s2t, s2twp    the whole text in Traditional characters (OpenCC: character by character; with Taiwan words)
  oneline       the whole text on one line, its line breaks turned into blanks (a page scraped without its markup)
  cn_numerals   counts under 100 before a unit in Chinese numerals (学法十二次, 三件), as many reports write them
  wan           counts of 10,000 and more before a unit in 万 (12000件 -> 1.2万件)
  thousands     counts of 1,000 and more before a unit with thousands separators (12345件 -> 12,345件)

The copies keep their file names, so ../shared/tools/score.py scores them against the same gold: how much of the
extraction survives each layout. Table rows (with "|") are left as they are, except by tabs, spaces and cells.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_UNIT = re.compile(r"(?<=\d)(?=(?:件|条|次|人次|人|场|期|项|份|起|宗|个|%))")
_SMALL_COUNT = re.compile(r"(?<![\d.])(\d{1,2})(?=(?:件|次|场|期|个|人次|人|条|起|宗|项|份)(?![\d]))")
_LARGE_COUNT = re.compile(r"(?<![\d.])(\d{5,8})(?=(?:件|次|人次|人|条|起|宗|项|份))")
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{4,8})(?=(?:余|多)?(?:件|次|人次|人|条|起|宗|项|份|元|万元))")
_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """1..99 in Chinese numerals as reports write them (十二, 二十, 三十五)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def _wan(m: re.Match) -> str:
    value = int(m.group(1)) / 10000
    return f"{value:.4f}".rstrip("0").rstrip(".") + "万"


_FULLWIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")
_ASCII = {",": ", ", "。": ". ", ";": "; ", ":": ": ", "(": "(", ")": ")"}


def variant(text: str, mode: str) -> str:
    if mode == "oneline":
        return " ".join(line.strip() for line in text.split("\n") if line.strip())
    if mode in ("s2t", "s2twp"):
        import opencc

        return opencc.OpenCC(mode).convert(text)
    out = []
    for line in text.split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if "|" in line and mode == "tabs":
            out.append("\t".join(cells))
        elif "|" in line and mode == "spaces":
            out.append("   ".join(c for c in cells if c))
        elif "|" in line and mode == "cells":
            out += [c for c in cells if c]
        elif "|" in line or mode in ("tabs", "cells", "spaces"):
            out.append(line)
        elif mode.startswith("wrap:"):
            width = int(mode.split(":")[1])
            out += [line[i:i + width] for i in range(0, len(line), width)] if len(line) > width else [line]
        elif mode == "space_unit":
            out.append(_UNIT.sub(" ", line))
        elif mode == "ascii_punct":
            out.append("".join(_ASCII.get(c, c) for c in line))
        elif mode == "cn_numerals":
            out.append(_SMALL_COUNT.sub(lambda m: _chinese(int(m.group(1))) if int(m.group(1)) else m.group(1), line))
        elif mode == "thousands":
            out.append(_THOUSANDS.sub(lambda m: f"{int(m.group(1)):,}", line))
        elif mode == "wan":
            out.append(_LARGE_COUNT.sub(_wan, line))
        elif mode == "fullwidth":
            out.append(line.translate(_FULLWIDTH))
        else:
            raise SystemExit(f"unknown mode {mode}")
    return "\n".join(out)


def main() -> int:
    mode, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for name in sys.argv[3:]:
        path = Path(name)
        (out / path.name).write_text(variant(path.read_text(encoding="utf-8"), mode), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

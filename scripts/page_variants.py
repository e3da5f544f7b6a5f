"""Copies of labelled texts with the furniture of the web page they were published on (issue 11).

    python scripts/page_variants.py MODE OUT_DIR FILE...

A report on a government site or a mirror is rarely alone on its page: a breadcrumb and a visit counter above it,
links to the site's other reports (上一篇/下一篇, 相关阅读) and the site's own footer (主办/承办 by another organ,
网站标识码, ICP numbers) below. None of it is the report: its figures and its document fields must not change.
The copies keep their file names, so ../shared/tools/score.py scores them against the same gold.

MODE:
  links    other reports' titles after the text (上一篇/下一篇 and a 相关阅读 list), years and places of other reports
  footer   a site footer after the text, run by another region's organ (主办/承办, 网站标识码, ICP and 公网安备 numbers)
  header   a breadcrumb, a visit counter and the page's buttons before the text (no date, no 来源: both are
           the report's own when a page gives them)
  spam     a mirror site's keyword-stuffing lines above the text, after its third line and below it (as the
           corpus's mirror copies carry them)
  all      links, footer and header together

The other reports' titles come from TITLES_FROM (default tests/gold/texts, development texts only: a line that is
a report's title, a year and 报告/要点/方案 in it); each copy takes its own, chosen by its file name's hash, never
its own title.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TITLE = re.compile(r"^[^\s|,。;:—-]{2,24}(?:19|20)\d\d年[^\s|,。;:]{0,24}(?:报告|工作要点|实施方案)$")
_PLACE = re.compile(r"^(.{2,12}?(?:省|自治区|市|自治州|州|盟|县|区|旗|乡|镇|街道))")


def _dev_titles() -> list[str]:
    """Report titles from the development part's texts (sorted, so every run chooses the same)."""
    with (ROOT / "tests" / "gold" / "split.tsv").open(encoding="utf-8") as fh:
        dev = sorted(r["file"] for r in csv.DictReader(fh, delimiter="\t") if r["part"] == "dev")
    titles = set()
    for name in dev:
        path = ROOT / "tests" / "gold" / "texts" / name
        if path.exists():
            titles.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                          if _TITLE.match(line.strip()))
    return sorted(titles)


def _pick(name: str, pool: list[str], n: int, avoid: str) -> list[str]:
    """``n`` items of ``pool`` for this file, by its name's hash, none of them found in ``avoid``."""
    h = int(hashlib.sha256(name.encode()).hexdigest(), 16)
    out: list[str] = []
    for i in range(len(pool)):
        item = pool[(h + i * 7919) % len(pool)]
        if item not in avoid and item not in out:
            out.append(item)
        if len(out) == n:
            break
    return out


def _place(name: str, text: str, titles: list[str]) -> str:
    """Another report's place (the head of its title), for an organ that runs the site."""
    for title in _pick(name, titles, 10, text):
        if m := _PLACE.match(title):
            return m.group(1)
    raise SystemExit("no title with a place among the development texts")


def links(name: str, text: str, titles: list[str]) -> str:
    prev, nxt, *more = _pick(name, titles, 5, text)
    return (text.rstrip("\n") + "\n\n上一篇:" + prev + "\n下一篇:" + nxt + "\n\n相关阅读\n"
            + "\n".join(f"· {t}" for t in more) + "\n")


def footer(name: str, text: str, titles: list[str]) -> str:
    place = _place(name, text, titles)
    code = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 10**10
    return (text.rstrip("\n") + f"\n\n主办:{place}人民政府办公室 承办:{place}大数据发展管理局\n"
            f"网站标识码:{code:010d} 备案号:ICP备{code % 10**8:08d}号-1 公网安备 {code:010d}号\n"
            "联系电话:0000-12345678 建议使用1920×1080分辨率浏览本站\n")


def header(name: str, text: str, titles: list[str]) -> str:
    return "当前位置:首页 > 政务公开 > 法治政府建设\n浏览次数:1234 字号:大 中 小 【打印本页】【关闭窗口】\n\n" + text


_SPAM = ("手机彩票网", "老虎机游戏", "澳门娱乐平台", "在线观看免费", "高清视频大全", "体育投注官网", "真人娱乐")


def spam(name: str, text: str, titles: list[str]) -> str:
    h = int(hashlib.sha256(name.encode()).hexdigest(), 16)
    line = ",".join(_SPAM[(h + i * 3) % len(_SPAM)] + _SPAM[(h + i) % len(_SPAM)] for i in range(5))
    lines = text.split("\n")
    return "\n".join([line, *lines[:3], line, *lines[3:], line])


MODES = {"links": (links,), "footer": (footer,), "header": (header,), "spam": (spam,),
         "all": (header, links, footer)}


def main() -> int:
    mode, out = sys.argv[1], Path(sys.argv[2])
    if mode not in MODES:
        raise SystemExit(f"unknown mode {mode}; one of {', '.join(MODES)}")
    titles = _dev_titles()
    out.mkdir(parents=True, exist_ok=True)
    for name in sys.argv[3:]:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        for make in MODES[mode]:
            text = make(path.name, text, titles)
        (out / path.name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

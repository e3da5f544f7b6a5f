"""What the 报告 page shows of a search: readable titles, search words marked, the relevance score.

Pure functions, no Streamlit. Report text is escaped piece by piece and ``<mark class="hit">`` is only
ever put between escaped pieces, so a search for ``<b>`` marks the literal text ``&lt;b&gt;``.

Titles: the ETL keeps the title line it recognises (``etl.extract.metadata.find_title``); where it found none the
pages used to show the file name (``h_002.txt``). ``display_title`` derives one from the text at display
time (the ETL is not changed): ``find_title`` first, then the first line that reads like a heading, then
the opening sentence, cut.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence

from etl.api import drop_glosses, find_title

_CJK = re.compile(r"[\u3400-\u9fff]")
# page furniture a crawled page starts with: breadcrumbs, index numbers, bylines, dates, counters, logos
_FURNITURE = re.compile(r"^(?:您的位置|当前位置|当前页面|您所在的位置|首页|位置|今天是|无障碍|索\s*引|发文字号|发布机构|"
                        r"成文日期|公开方式|信息来源|来源|來源|发布时间|发布日期|时间|作者|字号|【字体|正文复制|栏目|登录|"
                        r"选择|请输入|下载客户端|星期|第\d+版|记者|記者|责任编辑|編輯|编辑|本报讯|地址|!\[|[-•|*#])"
                        r"|公网安备|Logo|[>›»].*[>›»]|^[(\uff08【\[].*[)\uff09】\]]$|^.{0,20}(?:记者|編輯|编辑)", re.I)
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|[(\uff08][一二三四五六七八九十\d]+[)\uff09]|"
                      r"\d+[.、．]|第[一二三四五六七八九十]+[部篇章节])")
_HEADING_END = re.compile(r"[。;;::,,、]$")
TITLE_MAX = 40  # characters of a derived title


def is_file_name(title: str | None, path: str | None = None) -> bool:
    """True when a stored title is missing or only a file name (no Chinese in it, or the path itself)."""
    t = (title or "").strip()
    if not t:
        return True
    if path and t in (path, *name_and_stem(path)):
        return True
    return not _CJK.search(t)


def name_and_stem(path: str) -> tuple[str, str]:
    """``PurePosixPath(path).name`` and ``.stem`` by string slicing: the search asks this of ~2,000 titles a query,
    and building the path objects was a fifth of a search's time at 100k reports."""
    name = path.rstrip("/").rpartition("/")[2]
    dot = name.rfind(".")
    return name, name[:dot] if 0 < dot < len(name) - 1 else name


def _cut(text: str, n: int = TITLE_MAX) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def derived_title(text: str) -> str | None:
    """A title for a report whose stored title is a file name, from its text; None for an empty text."""
    text = drop_glosses(text or "")  # a mirror's pinyin glosses (專業(yè)) are not part of a title
    found = find_title(text)
    if found and not _SECTION.match(found):  # find_title takes "(一)组织机构…" for a title
        return _cut(found)
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()][:15]
    body = [ln for ln in lines if not _FURNITURE.search(ln) and _CJK.search(ln)]
    for line in body:
        if "|" not in line and 6 <= len(line) <= TITLE_MAX and not _HEADING_END.search(line) and not _SECTION.match(line) \
                and not re.search(r"[。,,]", line):
            return line
    # no heading: the opening sentence (a table row ends it)
    prose = " ".join(ln for ln in body if not _SECTION.match(ln) or len(ln) > TITLE_MAX)
    first = re.split(r"(?<=[。!?!?])|\|", prose)[0].rstrip("。 ") if prose else ""
    first = _SECTION.sub("", first).strip()
    return _cut(first) if first else None


def display_title(title: str | None, path: str | None, text: str | None) -> str:
    """The stored title, or when it is a file name one derived from ``text``, else the file name."""
    if not is_file_name(title, path):
        return str(title).strip()
    return derived_title(text or "") or (title or path or "")


def _pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    unique = sorted({w for w in words if w and w.strip()}, key=len, reverse=True)  # longest first: 行政复议 before 行政
    return re.compile("|".join(re.escape(w) for w in unique), re.I) if unique else None


def mark_terms(text: str, words: Sequence[str]) -> str:
    """``text`` as escaped HTML with every occurrence of ``words`` in ``<mark class="hit">`` (case-insensitive).

    ``mark_terms("<b>注意</b>", ["注意"])`` -> ``&lt;b&gt;<mark class="hit">注意</mark>&lt;/b&gt;``.
    """
    pattern = _pattern(words)
    if pattern is None:
        return html.escape(text)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f'<mark class="hit">{html.escape(m.group())}</mark>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def snippet(text: str, words: Sequence[str], width: int = 90, before: int = 20) -> str:
    """Plain text around the first occurrence of any of ``words`` (or the start), spaces collapsed, ``…`` where cut."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    pattern = _pattern(words)
    m = pattern.search(flat) if pattern else None
    start = max((m.start() if m else 0) - before, 0)
    piece = flat[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(flat) else "")


TITLE_WEIGHT = 3.0  # a word in the title counts more than any number of mentions in the body
PHRASE_BONUS = 1.0  # a query of several words found as written (one token, or in the title)
_K1 = 1.2  # BM25's term-frequency saturation


def relevance(title: str, term_counts: Sequence[int], words: Sequence[str], phrase: bool) -> float:
    """Score of one report for the query ``words``: per word ``TITLE_WEIGHT`` when the title has it plus a BM25-style
    saturating count of its mentions in the text (``tf·(k1+1)/(tf+k1)``, at most 2.2), plus ``PHRASE_BONUS``.

    Every report found contains every word (the search requires it), so what tells them apart is where and how
    often: ``relevance("…行政复议…", [1], ["行政复议"], False)`` (3 + 1) > ``relevance("…", [9], …)`` (≈ 2.0).
    """
    lower = (title or "").lower()
    score = PHRASE_BONUS if phrase else 0.0
    for word, tf in zip(words, term_counts, strict=False):
        if word and word.lower() in lower:
            score += TITLE_WEIGHT
        n = max(int(tf or 0), 0)
        score += n * (_K1 + 1) / (n + _K1) if n else 0.0
    return round(score, 6) if math.isfinite(score) else 0.0

"""The web page around a report: what a scraped or saved page carries that is not the report.

A mirror site adds its own keyword stuffing (lines of lottery and video-site words) above and inside the report.

Above the report a breadcrumb (首页 > 政务公开 > …, 当前位置:…), a visit counter and font-size buttons; below it
links to the site's other pages (上一篇/下一篇, 相关阅读, 推荐阅读 …) and the site's footer (主办/承办 by whichever
organ runs the site, 网站标识码, ICP numbers, 版权所有). Other reports' titles carry other places and years, and
the organ running the site is often not the reporter: read as the report, they gave a document another region,
year and title (scripts/page_variants.py: the labelled texts with such a page around them lost a third of their
document fields). ``blank_furniture`` replaces those lines by blanks of the same length, so metadata and
figures read the report alone while every offset still points into the stored text, which keeps them.
"""

from __future__ import annotations

import re

# a line that starts the page's tail: links to other pages, sharing, the site's footer
_TAIL = re.compile(
    r"^[ \t\u3000·•\-]*[【\[(（]?[ \t]*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|相关阅读|相关链接|相关文章|相关新闻|"
    r"相关信息|相关稿件|相关报道|相关文件链接|推荐阅读|延伸阅读|猜你喜欢|热点推荐|热门推荐|精彩推荐|热点新闻|热门文章|最新文章|"
    r"扫一扫|分享到|打印本页|关闭窗口|返回顶部|发表评论|留言与评论|网站地图|联系我们|网站声明|"
    r"主办单位|主办[::]|承办单位|承办[::]|网站标识码|版权所有|(?:Copyright|©))",
    re.M | re.I)
# a line of the page's head: breadcrumb, counters, font size, print and share buttons (a short line: a page
# scraped onto one line starts with its breadcrumb too)
_HEAD = re.compile(
    r"^[ \t\u3000]*(?:(?:当前位置|您的位置|你的位置|所在位置)\s*[::]|首页\s*(?:>|》|»|->|/)|"
    r"[【\[]?(?:字号|字体|浏览次数|阅读次数|点击数|访问量)\s*[::]|扫一扫|分享到|打印本页|【打印】|【关闭】)[^\n]{0,80}$",
    re.M)
_SPACE = re.compile(r"\s+")


def _chars(text: str) -> int:
    """Characters that are not blanks (a table printed one cell per line is as much report as prose)."""
    return len(text) - sum(len(m.group()) for m in _SPACE.finditer(text))


def tail_start(text: str) -> int:
    """Where the page's tail begins (``len(text)`` when it has none): the first tail line with at least as much
    text before it as after it — a 相关新闻 line above the report (a sidebar scraped first) or a share button
    under its title is not its end, and a page whose tail outweighs the report keeps it (read as before)."""
    if not _TAIL.search(text):
        return len(text)
    for m in _TAIL.finditer(text):
        before = _chars(text[:m.start()])
        if before and before >= _chars(text[m.start():]):
            return m.start()
    return len(text)


def _blank(s: str) -> str:
    return re.sub(r"[^\n]", " ", s)


# a mirror site's keyword stuffing: lines of gambling, lottery and video-site words (the corpus's mirror copies open
# with one, or carry one between paragraphs); three such words make the line the mirror's, not the report's
_SPAM_WORD = re.compile(r"彩票|博彩|赌场|娱乐平台|真人娱乐|老虎机|投注|棋牌|在线观看|免费视频|高清视频|无码|国产精品|久久|"
                        r"成人|福利视频|av|AV")
_LINE = re.compile(r"^[^\n]+$", re.M)


def _spam_line(m: re.Match[str]) -> str:
    line = m.group()
    return _blank(line) if len(_SPAM_WORD.findall(line)) >= 3 else line


# what a head line may also carry and metadata reads: the page's date, source or author
_PAGE_FACTS = re.compile(r"时间|日期|来源|发布|作者|(?:19|20)\d\d[-年./]")


def blank_furniture(text: str) -> str:
    """``text`` with its page's head lines and tail blanked (same length, line breaks kept)."""
    cut = tail_start(text)
    out = text[:cut] + _blank(text[cut:]) if cut < len(text) else text
    if _HEAD.search(out):
        out = _HEAD.sub(lambda m: m.group() if _PAGE_FACTS.search(m.group()) else _blank(m.group()), out)
    if _SPAM_WORD.search(out):
        out = _LINE.sub(_spam_line, out)
    return out


def without_furniture(text: str, blanked: str) -> str:
    """The report alone, for reading who wrote it: ``blanked``'s lines without the ones ``blank_furniture`` emptied
    (their blanks would push the title and opening out of the windows metadata reads)."""
    return "\n".join(b for t, b in zip(text.split("\n"), blanked.split("\n"), strict=True) if b.strip() or not t.strip())

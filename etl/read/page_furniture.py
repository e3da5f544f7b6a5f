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

# a line that starts the page's tail, by its shape (a report's own sentence may start with the same words:
# 相关信息公开方面,…; 主办单位:县司法局、县普法办。…; 扫一扫二维码即可预约…):
# - a link to the page before or after, with the title linked (上一篇:…, 【下一篇】…);
# - a list's header alone on its line (相关阅读, 【相关链接】, 留言与评论(共有 0 条评论));
# - the site's footer (主办:…, 网站标识码…, 版权所有, Copyright …) and the page's buttons (扫一扫在手机打开当前页, 分享到:)
_OPEN = r"^[ \t\u3000·•\-]*[【\[(（]?[ \t]*"
_TAIL = re.compile(
    _OPEN + r"(?:(?:上一篇|下一篇|上一条|下一条|上一页|下一页)[】\]]?\s*(?:[::]|$)"
    r"|(?:相关阅读|相关链接|相关文章|相关新闻|相关信息|相关稿件|相关报道|推荐阅读|延伸阅读|猜你喜欢|热点推荐|热门推荐|精彩推荐|"
    r"热点新闻|热门文章|最新文章|网站地图|联系我们|网站声明|发表评论|留言与评论|相关推荐|为[您你]推荐|猜[您你]喜欢|更多阅读|[您你]?\s*可能\s*(?:也|还)?(?:会)?感兴趣(?:的(?:文章|内容|新闻|话题))?)[】\])）]?[::]?[^\n。,,]{0,12}$"
    r"|(?:主办单位|主办|承办单位|承办|协办单位|技术支持)[::][^\n。]{0,80}$|(?:网站标识码|版权所有|Copyright|©|[^\n。]{0,20}ICP备)[^\n。]{0,80}$"
    r"|(?:扫一扫|用手机扫)(?:在|用)?手机[^\n。]{0,20}$|(?:分享到|打印本页|关闭窗口|返回顶部)[^\n。]{0,20}$)",
    re.M | re.I)
# a line of the page's head: breadcrumb, counters, font size, print and share buttons (a short line: a page
# scraped onto one line starts with its breadcrumb too)
_HEAD = re.compile(
    r"^[ \t\u3000]*(?:(?:(?:(?:[您你](?:当前|现在)?(?:所在)?的?|当前|现在|所在)位置)\s*[::]|首页\s*(?:>|》|»|->|/))[^\n]{0,80}"
    r"|[【\[]?(?:字号|字体|浏览次数|阅读次数|点击数|访问量)\s*[::][^\n。]{0,60}"
    r"|(?:扫一扫|用手机扫)(?:在|用)?手机[^\n。]{0,20}|(?:分享到|【打印】|【关闭】|打印本页|关闭窗口)[^\n。]{0,30})$",
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
    total = _chars(text)
    before, pos = 0, 0
    for m in _TAIL.finditer(text):  # the text before each match counted once, in order: linear in the text
        before += _chars(text[pos:m.start()])
        pos = m.start()
        if before and before >= total - before:
            return m.start()
    return len(text)


def _blank(s: str) -> str:
    return re.sub(r"[^\n]", " ", s)


# a mirror site's keyword stuffing: lines of video-site and gambling-site words (the corpus's mirror copies open
# with one, or carry one between paragraphs). A report's own line may name gambling (捣毁赌场, 查处六合彩) or use
# 久久为功: a line is the mirror's only with three different such words making up a third of it
_SPAM_WORD = re.compile(r"国产|精品|无码|在线观看|免费视频|高清视频|影院|福利视频|成人视频|亚洲|久久久|彩票网|老虎机|"
                        r"真人娱乐|娱乐平台|体育投注|投注|百家乐|六合彩|时时彩|开奖|博彩|澳门|葡京")
_LINE = re.compile(r"^[^\n]+$", re.M)


def _spam_line(m: re.Match[str]) -> str:
    line = m.group()
    words = _SPAM_WORD.findall(line)
    if len(set(words)) >= 3 and sum(map(len, words)) >= 0.3 * _chars(line):
        return _blank(line)
    return line


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

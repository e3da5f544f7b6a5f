"""Search tokens for the reports page (jieba, with the catalogue's words kept whole).

Without a user dictionary jieba splits 出庭应诉率 / 调解成功率 / 政府信息公开;
we add every metric label and a few domain words so a search for them hits.
Used off the extraction hot path: once per document at build, once per query.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from etl import catalog

_CJK_OR_ALNUM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
DOMAIN_WORDS = ("出庭应诉率", "调解成功率", "政府信息公开", "法治政府", "行政复议", "行政诉讼", "行政应诉",
                "规范性文件", "法律援助", "人民调解", "行政执法", "依申请公开", "主动公开", "败诉率", "纠错率",
                "结案率", "报备率", "法治讲座", "合法性审查", "重大行政决策", "工作要点", "实施方案", "年度报告")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for word in DOMAIN_WORDS:
        jieba.add_word(word, freq=200000)
    for m in catalog.load().values():
        jieba.add_word(m.label, freq=100000)
    return jieba


def tokens(text: str, limit_chars: int = 20000) -> list[str]:
    """Distinct search tokens of a document (its first ``limit_chars`` characters), sorted."""
    jb = _jieba()
    words = set()
    for w in jb.cut(text[:limit_chars], HMM=False):
        w = w.strip()
        if len(w) >= 2 and _CJK_OR_ALNUM.search(w):
            words.add(w)
    return sorted(words)


def query_tokens(query: str) -> list[str]:
    """Tokens of a search box entry; a short query is kept whole as well."""
    q = query.strip()
    if not q:
        return []
    out = [w for w in tokens(q) if w]
    if len(q) >= 2 and q not in out and len(q) <= 8:
        out.append(q)
    return out or [q]

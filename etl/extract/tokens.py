"""Search tokens for the reports page (jieba's dictionary, with the catalogue's words kept whole).

Without a user dictionary jieba splits 出庭应诉率 / 调解成功率 / 政府信息公开;
we add every metric label and a few domain words so a search for them hits.
Used once per document at build, once per query.

Speed: tokenising was over half of the extraction time (profile in
docs/benchmarks.md), so ``tokens`` does not call Python jieba's ``cut``. Each
block (a run jieba itself would segment with its dictionary) is cut by rjieba
(jieba's algorithm and dictionary in Rust, HMM off) and only the words we index
are kept. The result is the same set of words as ``jieba.cut(text, HMM=False)``
(``_jieba_tokens`` is the reference; tests/test_bench_smoke.py compares them).
Repeated blocks (boilerplate, table row labels) are cached per process, which
helps a lot more on the synthetic corpus than on real reports (94% vs 18% of
blocks); on unseen blocks rjieba is ~6x faster than the pure-Python route it
replaced (0.27 s -> 0.04 s for the 17,796 blocks of the shared corpus).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache

from etl.extract import catalog

_CJK_OR_ALNUM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# jieba's re_han_default: the runs of text it segments with the dictionary; everything else
# becomes one-character words or whitespace, which a search token never is.
_HAN_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&._%\\-]+")
_BLOCK_MARKS = "+#&._%-"  # the characters of a block that are not CJK, letters or digits
DOMAIN_WORDS = ("出庭应诉率", "调解成功率", "政府信息公开", "法治政府", "行政复议", "行政诉讼", "行政应诉",
                "规范性文件", "法律援助", "人民调解", "行政执法", "依申请公开", "主动公开", "败诉率", "纠错率",
                "结案率", "报备率", "法治讲座", "合法性审查", "重大行政决策", "工作要点", "实施方案", "年度报告")
BLOCK_CACHE = 50_000  # blocks remembered per process (a block is a clause between punctuation marks)


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for word in DOMAIN_WORDS:
        jieba.add_word(word, freq=200000)
    for m in catalog.load().values():
        jieba.add_word(m.label, freq=100000)
    jieba.dt.check_initialized()
    return jieba


class _Segmenter:
    """jieba's HMM-free segmentation of one block (by rjieba), returning only the indexable words."""

    def __init__(self, cut: Callable[[str, bool], list[str]]) -> None:
        self.cut = cut
        self.cache: dict[str, tuple[str, ...]] = {}
        self.hits = self.misses = 0

    def words(self, block: str) -> tuple[str, ...]:
        hit = self.cache.get(block)
        if hit is not None:
            self.hits += 1
            return hit
        self.misses += 1
        return self._new_block(block)

    def words_of(self, blocks: list[str]) -> set[str]:
        """The indexable words of all ``blocks``: each distinct block looked up (or cut) once.

        The same as the union of ``words(b)`` over the blocks (hits and misses counted the same way,
        a repeat of a block just cut being a hit), without a method call and a set update per block.
        """
        get = self.cache.get
        found = []
        misses = 0
        for block in dict.fromkeys(blocks):
            hit = get(block)
            if hit is None:
                hit = self._new_block(block)
                misses += 1
            found.append(hit)
        self.misses += misses
        self.hits += len(blocks) - misses
        return set().union(*found)

    def _new_block(self, block: str) -> tuple[str, ...]:
        # a word of a _HAN_BLOCK run holds a CJK, letter or digit (_CJK_OR_ALNUM) exactly when it is not made of
        # _BLOCK_MARKS alone: a strip instead of a regex search per word (that search was ~40% of tokenising)
        out = tuple(w for w in self.cut(block, False) if len(w) >= 2 and w.strip(_BLOCK_MARKS))
        if len(self.cache) >= BLOCK_CACHE:
            self.cache.clear()
        self.cache[block] = out
        return out


_SEG: list[_Segmenter] = []


@lru_cache(maxsize=1)
def _rjieba():  # -> rjieba.Jieba
    """jieba's algorithm and dictionary in Rust, with the same added words as ``_jieba``: 6x faster than
    the pure-Python route on text the block cache has not seen (real reports repeat few blocks)."""
    import rjieba

    j = rjieba.Jieba()
    for word in DOMAIN_WORDS:
        j.add_word(word, 200000, None)
    for m in catalog.load().values():
        j.add_word(m.label, 100000, None)
    return j


def _segmenter() -> _Segmenter:
    """The one segmenter of this process (its block cache lives as long as the process)."""
    if not _SEG:
        _SEG.append(_Segmenter(_rjieba().cut))
    return _SEG[0]


def tokens(text: str, limit_chars: int = 20000) -> list[str]:
    """Distinct search tokens of a document (its first ``limit_chars`` characters), sorted."""
    return sorted(_segmenter().words_of(_HAN_BLOCK.findall(text[:limit_chars])))


def _jieba_tokens(text: str, limit_chars: int = 20000) -> list[str]:
    """The reference ``tokens`` must equal: jieba.cut itself (slow; for the tests)."""
    words = set()
    for w in _jieba().cut(text[:limit_chars], HMM=False):
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

"""``tokens`` looks each distinct block up once; the words and the cache counts are the per-block ones."""

from __future__ import annotations

from corpora import SHARED_CORPUS, texts

from etl.extract import tokens as tok


def _per_block(text: str) -> tuple[list[str], int, int]:
    """tokens() as first written: every block through ``words`` (a fresh cache), and its hit/miss counts."""
    seg = tok._segmenter()
    seg.cache.clear()
    seg.hits = seg.misses = 0
    words: set[str] = set()
    for m in tok._HAN_BLOCK.finditer(text[:20000]):
        words.update(seg.words(m.group()))
    return sorted(words), seg.hits, seg.misses


def test_tokens_equal_the_per_block_union_with_the_same_counts() -> None:
    samples = [p.read_text(encoding="utf-8") for p in texts(SHARED_CORPUS)[:12]]
    samples += ["行政复议。行政复议,行政复议;法治政府 法治政府", "", "abc 1 2 3 a1 行政复议abc", "。。。"]
    assert len(samples) == 16
    seg = tok._segmenter()
    for text in samples:
        expected, hits, misses = _per_block(text)
        seg.cache.clear()
        seg.hits = seg.misses = 0
        assert tok.tokens(text) == expected
        assert (seg.hits, seg.misses) == (hits, misses)
        assert tok.tokens(text) == expected  # all from the cache now
        assert seg.misses == misses

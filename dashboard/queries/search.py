"""报告's search: the query's words, the documents that hold them, their relevance; titles as shown.

Relevance, snippets and derived titles are ``dashboard.search_view``'s (pure, no SQL); this module only
asks the database and hands the rows to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from dashboard import db, search_view
from dashboard.filter_model import Filters
from dashboard.queries.core import summary
from dashboard.queries.samples import Call
from dashboard.queries.texts import heads, utf8_of
from etl.api import query_tokens


def search_terms(query: str) -> tuple[list[str], str]:
    """(jieba tokens that must all occur, the whole query as one token) via ``etl.extract.tokens.query_tokens``.

    ``search_terms("行政复议纠错率")`` -> ``(["纠错率", "行政复议"], "行政复议纠错率")``; a query that is one
    token itself gives ``(["出庭应诉率"], "出庭应诉率")``; an empty query ``([], "")``.
    """
    whole = query.strip()
    if not whole:
        return [], ""
    tokens = query_tokens(whole)
    words = [t for t in tokens if t != whole] or tokens
    return words, whole


# reports whose texts are read to count the query's words (the best by the cheap score; ties go to the newer). 1,000
# until session 24: at 100k reports reading, counting and titling them was ~35 ms of a ~95 ms search; the 200 shown come
# from the 500 best, which differ from the 1,000 best only among reports the cheap score cannot tell apart
SEARCH_POOL = 500
TF_CHARS = 20000  # words are counted in a report's first characters, as many as its search tokens cover
HEAD_CHARS = 800  # the text a title is derived from when the stored one is a file name


def search_documents(f: Filters, query: str = "", limit: int = 200) -> pd.DataFrame:
    """Documents under ``f`` in which every search word of ``query`` lies inside one of their tokens, or the
    whole query does, or the whole query occurs in the title, best first.

    Words come from ``etl.extract.tokens.query_tokens``; document tokens from ``doc_tokens`` (jieba, built by the
    ETL), read through ``search_postings`` (etl/after/summaries.py). A word matches the tokens that contain it
    because jieba keeps catalogue words whole: a report saying 收到行政复议申请 has that one token, not
    行政复议, and 广州市 should be found by 广州.

    Relevance (``dashboard.search_view.relevance``; DuckDB's ``fts`` extension is not installed offline and
    does not segment Chinese): a word in the (displayed) title weighs more than any number of mentions in
    the body, mentions count with BM25's saturation, a several-word query found as written gets a bonus;
    ties go to the newer report. Counting mentions reads texts, so only the ``SEARCH_POOL`` reports best by
    a cheap score (words in the stored title, phrase, words matched, year) are counted: at 100k reports a
    count over every match took seconds, which is why the search had stopped reading texts (2026-11).
    The texts are decompressed one by one from ``texts`` (each stored compressed on its own,
    etl/load/text_store.py; DuckDB's own compression packed ~2,000 to a frame); mentions are counted and
    snippets cut here, as the SQL did before: non-overlapping occurrences of each lower-cased word in the first
    ``TF_CHARS`` characters, the snippet around the first occurrence of any word.

    Titles that are only a file name are replaced by one derived from the text (``search_view.display_title``).
    Without a query every document in scope is listed, newest first. Columns: doc_id, title, path,
    region_name, level, year, doc_type, chars, figures, matched (query tokens found), context (plain text
    around the first word), score.
    """
    words, whole = search_terms(query)
    where, params = f.where("d")
    docs = summary("doc_summary")
    if not words and not whole:
        df = db.query(f"""
            WITH top AS (SELECT d.doc_id, d.title, d.path, d.part, d.region_code, d.region_name, d.level, d.year,
                                d.doc_type, d.chars
                         FROM documents_current d WHERE {where}
                         ORDER BY d.year DESC NULLS LAST, d.region_code NULLS LAST, d.path, d.part LIMIT ?)
            SELECT d.doc_id, d.title, d.path, d.region_name, d.level, d.year, d.doc_type,
                   d.chars, s.figures, 0 AS matched, '' AS context, 0.0 AS score
            FROM top d JOIN {docs} s ON s.doc_id = d.doc_id
            ORDER BY d.year DESC NULLS LAST, d.region_code NULLS LAST, d.path, d.part""", [*params, limit])
        return titled(df)
    all_words = list(dict.fromkeys([*words, whole]))
    lowered = [w.lower() for w in words]
    df = db.query(f"""
        WITH q AS (SELECT word, list_contains(?, word) AS core FROM (SELECT unnest(?::VARCHAR[]) AS word)),
        expanded AS (SELECT q.word, q.core, v.token_id
                     FROM q JOIN {summary("search_vocab")} v ON contains(v.token, q.word)),
        hits AS (
            SELECT x.doc_no, count(*) FILTER (WHERE x.core) AS core, bool_or(x.word = ?) AS whole_hit,
                   count(*) AS matched
            FROM (SELECT DISTINCT p.doc_no, e.word, e.core
                  FROM {summary("search_postings")} p JOIN expanded e ON e.token_id = p.token_id) x
            GROUP BY x.doc_no),
        found AS (  -- doc_summary: the documents' columns, numbered as search_docs (doc_no), path_order = path, part
            SELECT d.doc_no, d.doc_id, coalesce(h.matched, 0) AS matched,
                   coalesce(h.whole_hit, FALSE) OR contains(coalesce(d.title, ''), ?) AS phrase,
                   len(list_filter(?::VARCHAR[], lambda w: contains({_lowered("coalesce(d.title, '')", lowered)}, w))) AS in_title
            FROM {docs} d LEFT JOIN hits h ON h.doc_no = d.doc_no
            WHERE {where} AND (coalesce(h.core, 0) = ? OR coalesce(h.whole_hit, FALSE)
                               OR contains(coalesce(d.title, ''), ?))
            ORDER BY in_title DESC, phrase DESC, matched DESC, d.year DESC NULLS LAST, d.path_order LIMIT ?)
        SELECT d.doc_id, d.title, d.path, d.region_name, d.level, d.year, d.doc_type, d.chars, d.figures,
               k.matched, k.phrase, x.body
        FROM found k JOIN {docs} d ON d.doc_no = k.doc_no LEFT JOIN texts x ON x.doc_id = k.doc_id""",
        [list(words), all_words, whole, whole, lowered, *params, len(words), whole, SEARCH_POOL])
    raw = utf8_of(df.pop("body"))
    caseless = all(CASELESS.fullmatch(w) for w in lowered)
    low = None if caseless else _lower([r.decode("utf-8") for r in raw])
    row = {d: i for i, d in enumerate(df["doc_id"].tolist())}
    df = titled(df, lambda ids: {d: raw[row[d]][:4 * HEAD_CHARS].decode("utf-8", errors="ignore")[:HEAD_CHARS]
                                 for d in ids})  # 4 bytes hold a character: a cut one is the last, dropped
    counts = [_counts(r, lowered) for r in raw] if caseless else [[t[:TF_CHARS].count(w) for w in lowered] for t in low]
    # the phrase bonus is for a several-word query found as written; a one-word query's phrase is the word
    several = whole not in words
    df["score"] = [search_view.relevance(t, c, words, bool(p) and several)
                   for t, c, p in zip(df["title"].tolist(), counts, df["phrase"].tolist(), strict=True)]
    df = df.sort_values(["score", "year", "path", "doc_id"], ascending=[False, False, True, True],
                        na_position="last", kind="stable").head(limit)
    # the snippet of the reports shown only (a fifth of the pool): only their texts are decoded whole
    near = [_near(t := raw[i].decode("utf-8"), t if low is None else low[i], lowered) for i in df.index]
    df["context"] = pd.Series([search_view.snippet(n, [*words, whole]) for n in near], index=df.index, dtype=object)
    return df.drop(columns=["phrase"]).reset_index(drop=True)


def _counts(raw: bytes, words: list[str]) -> list[int]:
    """Non-overlapping occurrences of each caseless word in the first ``TF_CHARS`` characters of a text, as the
    SQL counted them (``replace`` in ``substr``), here in its UTF-8 bytes: a character's encoding never starts
    inside another's, so the matches are the same, and most texts need no decoding. A text of more than
    ``TF_CHARS`` bytes may have more characters than that, and is cut as characters."""
    if len(raw) > TF_CHARS:
        text = raw.decode("utf-8")[:TF_CHARS]
        return [text.count(w) for w in words]
    return [raw.count(w.encode("utf-8")) for w in words]


def _lower(texts: list[str]) -> list[str]:
    """``lower(text)`` as DuckDB computes it (one character for one, which Python's ``str.lower`` is not: İ)."""
    return list(db.query("SELECT list_transform(?::VARCHAR[], lambda t: lower(t)) AS low", [texts])["low"].iloc[0])


def _near(text: str, low: str, words: list[str]) -> str:
    """The 240 characters of ``text`` from 40 before the first occurrence in ``low`` of any of ``words`` (or from
    its start), as the SQL ``substr(text, greatest(min(strpos(low, w)) - 40, 1), 240)`` cut them."""
    found = [p for p in (low.find(w) + 1 for w in words) if p > 0]
    start = max((min(found) if found else 1) - 40, 1) - 1
    return text[start:start + 240]


def _text_heads(doc_ids: list[str]) -> dict[str, str]:
    """The first ``HEAD_CHARS`` characters of these documents' texts."""
    return heads(doc_ids, HEAD_CHARS)


# characters no other character lower-cases to, and that lower-case to themselves: CJK ideographs and
# punctuation, kana, digits, spaces
CASELESS = re.compile(r"[\s0-9\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]*")


def _lowered(column: str, words: list[str]) -> str:
    """What the (lower-case) words are looked for in: ``lower(column)``, or the column itself when every word is
    caseless — a caseless word occurs in ``lower(s)`` exactly where it occurs in ``s`` (``lower`` maps each
    character to one character, and none to these). Lower-casing the ``SEARCH_POOL`` texts once per word
    and every title in scope was ~0.15 s of a search at 100k reports. ``column`` is a constant of this module."""
    if all(CASELESS.fullmatch(w) for w in words):
        return column
    return f"lower({column})"


def titled(df: pd.DataFrame, head_of: Callable[[list[str]], dict[str, str]] | None = None) -> pd.DataFrame:
    """``title`` as shown: the stored one, or derived from the text's head when it is a file name. The heads of
    those documents only come from ``head_of(doc_ids)`` (doc_id -> head), by default ``_text_heads``."""
    df = df.copy()
    # lists, not the Series: iterating an Arrow-backed column item by item was ~7 ms of a search's 1,000 rows
    ids, paths = df["doc_id"].tolist(), df["path"].tolist()
    titles = [t if isinstance(t, str) else None for t in df["title"].tolist()]
    heads = (head_of or _text_heads)([d for d, t, p in zip(ids, titles, paths, strict=True)
                                     if search_view.is_file_name(t, p)])
    df["title"] = [search_view.display_title(t, p, h if isinstance(h := heads.get(d), str) else "")
                   for d, t, p in zip(ids, titles, paths, strict=True)]
    return df


CALLS = [
    Call("reports", "search_documents(F, '')", lambda s: search_documents(s.F, "", limit=200)),
    Call("reports", "search_documents(F, '行政复议')", lambda s: search_documents(s.F, "行政复议", limit=200)),
    Call("reports", "search_documents(F, '行政复议 纠错率')", lambda s: search_documents(s.F, "行政复议 纠错率", limit=200)),
    Call("reports", "search_documents(F province, '出庭应诉率')", lambda s: search_documents(s.Fp, "出庭应诉率", limit=200)),
    Call("reports", "search_terms('行政复议纠错率')", lambda s: search_terms("行政复议纠错率")),
]

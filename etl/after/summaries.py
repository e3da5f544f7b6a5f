"""Summary tables the dashboard reads instead of aggregating ~1M figures or 30M search tokens per page view.

Why: at 100k reports ``figures_current`` holds ~1M rows and almost every (document, metric, kind) is its own
group, so grouping it per view cost 0.3-1.5 s, and a search joined 30M ``doc_tokens`` strings (0.2-0.4 s
before ranking). :func:`step` is the after-load step right after the corrections (etl/after/steps.py), so it
runs once ``figures_current`` / ``documents_current`` are rebuilt, and every build and every in-app correction
brings them up to date:

- ``doc_summary``: one row per document with its figure counts (all, actual, target, corrected) and the
  columns of ``documents_current`` that the lists of every document show and filter on, but ``added_at`` (it
  differs between two builds of the same files; ``doc_corrected`` is
  the document's own ``corrected``), ``path_order``, its rank by (path, part), and ``doc_no`` (its number in
  ``search_docs``: the same documents numbered in the same order), so a search ranks its hits without
  joining 100k document ids: the brief's new reports
  and the quality page's document list read 100k rows; joining the counts to the documents was a fifth of
  that, and sorting by the two text columns half.
- ``doc_metric_summary``: one row per (document, metric, kind): the document's filter columns and its value —
  the primary figure's value and qualifier (etl/extract/values.py: one figure, never a sum of the document's
  figures) and its id — the number of figures stating the metric, whether any was corrected, and
  ``has_actual`` (the document also states actual figures of this metric, so
  counting documents over both kinds needs no DISTINCT), and ``pick``: the row's rank among the reports of
  its (region_code, metric, kind, year) by rule 2's order (own level before department, table before prose,
  the larger count, then doc_id; ``dashboard.queries.core.region_values``). Filters only remove rows, so
  the smallest ``pick`` left is the row that order would choose: an integer key instead of a struct
  compared per row (choosing each region's value cost ~0.25 s per view at 100k reports).
- ``region_value_summary``: rule 2 applied to every report (``with_synthetic``) or to the non-synthetic ones,
  and to all or to the brief's (``brief``: governments' annual reports, 待核 left out):
  per (region code, metric, kind, year) the chosen report's value, qualifier and id, where it came from
  (``src`` 0 own level, 1 department), and the reports, figures and corrections behind it, as
  ``dashboard.queries.core.region_values`` computes them. A view whose filters leave out no report (but
  synthetic ones) reads it instead of choosing ~150k values per view (trend, headline, national ranking).
- ``target_summary``: one row per target a document states (document, metric, value, qualifier) with the
  document's filter columns, its evidence and whether it was corrected: the brief compares plans' targets
  with regions' values, and finding the targets among ~1M figures cost ~0.1 s per view.
- ``corrections_summary``: the view ``corrections_status`` (etl/after/current.py) stored; the view looks every
  correction up among all ~1M figures, ~0.1 s per read even when there is no correction.
- ``search_vocab`` / ``search_docs`` / ``search_postings``: ``token_vocab`` and ``documents`` numbered, and
  (token_id, doc_no) for every ``doc_tokens`` row sorted by token, so the documents of a few tokens are a
  range read (zonemaps), not a scan. Corrections never change tokens, and a document's tokens follow from
  its id (a content hash), so these are rebuilt only when the documents or the token counts changed
  (``summary_inputs``): an in-app correction does not pay the ~8 s they take at 100k reports.

Each SELECT is a constant here so that the dashboard can run the same SQL inline over a database made
without this step (``source``): the results are the same, only slower.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# rule 4 of dashboard/queries.py: the qualifier of a sum or mean of figures
QUALIFIER_AGG = """CASE WHEN bool_and(qualifier = 'exact') THEN 'exact'
     WHEN bool_and(qualifier IN ('exact', 'at_least')) THEN 'at_least'
     WHEN bool_and(qualifier IN ('exact', 'at_most')) THEN 'at_most'
     ELSE 'approx' END"""

DOC_SUMMARY = """
SELECT d.doc_id, coalesce(n.figures, 0) AS figures, coalesce(n.actual, 0) AS actual,
       coalesce(n.target, 0) AS target, coalesce(n.corrected, 0) AS corrected,
       d.path, d.part, d.title, d.region_code, d.region_name, d.province, d.level, d.year, d.doc_type, d.chars,
       d.is_synthetic, d.corrected AS doc_corrected,
       row_number() OVER (ORDER BY d.path, d.part)::INTEGER AS path_order,
       row_number() OVER (ORDER BY d.doc_id)::INTEGER AS doc_no
FROM documents_current d
LEFT JOIN (SELECT doc_id, count(*) AS figures, count(*) FILTER (WHERE kind = 'actual') AS actual,
                  count(*) FILTER (WHERE kind = 'target') AS target, count(*) FILTER (WHERE corrected) AS corrected
           FROM figures_current GROUP BY doc_id) n ON n.doc_id = d.doc_id"""

# the self-join finds has_actual ~2x faster than a window over (doc_id, metric)
DOC_METRIC_SUMMARY = """
WITH g AS MATERIALIZED (
    SELECT f.doc_id, f.metric, f.kind, any_value(f.region_code) AS region_code, any_value(f.year) AS year,
           any_value(f.level) AS level, any_value(f.doc_type) AS doc_type, any_value(f.is_synthetic) AS is_synthetic,
           max(f.value) FILTER (WHERE f.is_primary) AS value, max(f.qualifier) FILTER (WHERE f.is_primary) AS qualifier,
           max(f.figure_id) FILTER (WHERE f.is_primary) AS primary_id,
           max(f.rule LIKE 'table%') FILTER (WHERE f.is_primary) AS from_table,
           coalesce(bool_or(f.needs_review) FILTER (WHERE f.is_primary), FALSE) AS needs_review,
           count(*) AS figures, bool_or(f.corrected) AS corrected
    FROM figures_current f
    GROUP BY f.doc_id, f.metric, f.kind)
SELECT g.*, g.kind = 'actual' OR a.doc_id IS NOT NULL AS has_actual,
       row_number() OVER (PARTITION BY g.region_code, g.metric, g.kind, g.year ORDER BY
           CASE WHEN g.level = (CASE WHEN g.region_code LIKE '%0000' THEN 'province'
                                     WHEN g.region_code LIKE '%00' THEN 'city' ELSE 'county' END) THEN 0
                WHEN g.level = 'department' THEN 1 END NULLS LAST,
           NOT coalesce(g.from_table, FALSE),
           CASE WHEN m.unit = '%' THEN 0 ELSE -g.value END NULLS LAST, g.doc_id)::INTEGER AS pick
FROM g LEFT JOIN (SELECT doc_id, metric FROM g WHERE kind = 'actual') a
     ON a.doc_id = g.doc_id AND a.metric = g.metric AND g.kind <> 'actual'
LEFT JOIN metrics m ON m.metric = g.metric"""

TARGET_SUMMARY = """
SELECT f.doc_id, f.metric, f.value, f.qualifier, any_value(f.region_code) AS region_code,
       any_value(f.region_name) AS region_name, any_value(coalesce(f.title, f.path)) AS title,
       any_value(f.year) AS year, any_value(f.level) AS level, any_value(f.doc_type) AS doc_type,
       any_value(f.is_synthetic) AS is_synthetic, string_agg(DISTINCT f.evidence, ' … ') AS evidence,
       bool_or(f.corrected) AS corrected
FROM figures_current f WHERE f.kind = 'target'
GROUP BY f.doc_id, f.metric, f.value, f.qualifier"""

# the reports the weekly brief reads (dashboard/queries/brief.py: governments' annual reports, 待核 left out)
BRIEF_LEVELS = ("province", "city", "county", "town")
BRIEF_DOC_TYPES = ("annual_report",)
# rule 2 over every report (all, or the non-synthetic ones; all, or the brief's): what a view reads when its
# filters keep or drop whole (region, metric, kind, year) groups
REGION_VALUE_SUMMARY = f"""
WITH c AS (
    SELECT p.*, CASE WHEN p.level = (CASE WHEN p.region_code LIKE '%0000' THEN 'province'
                                          WHEN p.region_code LIKE '%00' THEN 'city' ELSE 'county' END) THEN 0
                     WHEN p.level = 'department' THEN 1 END AS src,
           p.level IN {BRIEF_LEVELS} AND p.doc_type IN ('{BRIEF_DOC_TYPES[0]}')
               AND NOT coalesce(p.needs_review, FALSE) AS in_brief
    FROM {{doc_metric_summary}} p JOIN metrics m ON m.metric = p.metric
    WHERE length(p.region_code) = 6),
v AS (SELECT * FROM (VALUES (TRUE, FALSE), (FALSE, FALSE), (TRUE, TRUE), (FALSE, TRUE)) t(with_synthetic, brief))
SELECT v.with_synthetic, v.brief, c.region_code AS code, c.metric, c.kind, c.year,
       arg_min(c.value, c.pick) AS value, arg_min(c.qualifier, c.pick) AS qualifier,
       arg_min(c.doc_id, c.pick) AS doc_id, min(c.src) AS src,
       arg_min(coalesce(c.needs_review, FALSE), c.pick) AS needs_review, count(*) AS docs,
       sum(c.figures) AS figures, bool_or(c.corrected) AS corrected
FROM c JOIN v ON (v.with_synthetic OR NOT c.is_synthetic) AND (NOT v.brief OR c.in_brief)
WHERE c.src IS NOT NULL
GROUP BY v.with_synthetic, v.brief, c.region_code, c.metric, c.kind, c.year"""

SEARCH_VOCAB = "SELECT row_number() OVER (ORDER BY token)::INTEGER AS token_id, token FROM token_vocab"
SEARCH_DOCS = "SELECT row_number() OVER (ORDER BY doc_id)::INTEGER AS doc_no, doc_id FROM documents"
SEARCH_POSTINGS = """
SELECT v.token_id, s.doc_no
FROM doc_tokens t JOIN {search_vocab} v ON v.token = t.token JOIN {search_docs} s ON s.doc_id = t.doc_id"""

# name -> (SELECT, ORDER BY used when the table is stored); all but SEARCH_TABLES follow the corrections
TABLES: dict[str, tuple[str, str]] = {
    "doc_summary": (DOC_SUMMARY, "doc_id"),
    "doc_metric_summary": (DOC_METRIC_SUMMARY, "metric, kind, year"),
    "region_value_summary": (REGION_VALUE_SUMMARY, "with_synthetic, brief, metric, kind, year"),
    "target_summary": (TARGET_SUMMARY, "year, metric"),
    "corrections_summary": ("SELECT * FROM corrections_status", "created_at, correction_id"),
    "search_vocab": (SEARCH_VOCAB, "token_id"),
    "search_docs": (SEARCH_DOCS, "doc_no"),
    "search_postings": (SEARCH_POSTINGS, "token_id"),
}
SEARCH_TABLES = ("search_vocab", "search_docs", "search_postings")
# what the search tables were made from: the documents (their ids are content hashes) and the token counts
SEARCH_INPUTS = """SELECT (SELECT count(*) FROM documents) || ':' || (SELECT coalesce(bit_xor(hash(doc_id)), 0)
                   FROM documents) || ':' || (SELECT count(*) FROM doc_tokens) || ':' ||
                   (SELECT count(*) FROM token_vocab)"""


def select(name: str, stored: set[str] | frozenset[str] = frozenset()) -> str:
    """The SELECT that makes table ``name``; the tables it reads come from ``stored`` when there, else inline."""
    sql = TABLES[name][0]
    if name == "region_value_summary":
        sql = sql.format(doc_metric_summary=source("doc_metric_summary", stored))
    if name == "search_postings":
        sql = sql.format(search_vocab=source("search_vocab", stored), search_docs=source("search_docs", stored))
    return sql


def source(name: str, stored: set[str] | frozenset[str]) -> str:
    """``name`` if the database has it, else the same rows as a subquery (a database built without this step)."""
    return name if name in stored else f"({select(name, stored)})"


def _create(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute(f"DROP TABLE IF EXISTS {name}")  # names and SQL are constants of this module
    con.execute(f"CREATE TABLE {name} AS {select(name, set(TABLES))} ORDER BY {TABLES[name][1]}")


def build(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the summary tables; run after ``figures_current`` and ``documents_current`` are rebuilt."""
    for name in TABLES:
        if name not in SEARCH_TABLES:
            _create(con, name)
    con.execute("CREATE TABLE IF NOT EXISTS summary_inputs (name VARCHAR PRIMARY KEY, inputs VARCHAR NOT NULL)")
    inputs = con.execute(SEARCH_INPUTS).fetchone()[0]
    made_from = con.execute("SELECT inputs FROM summary_inputs WHERE name = 'search'").fetchone()
    have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if made_from is None or made_from[0] != inputs or not set(SEARCH_TABLES) <= have:
        for name in SEARCH_TABLES:
            _create(con, name)
        con.execute("INSERT OR REPLACE INTO summary_inputs VALUES ('search', ?)", [inputs])


def step(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """After-load step (etl/after/steps.py): the summary tables of the tables the corrections step just made."""
    build(con)

-- The store the dashboard reads. One file, built fresh by `python -m etl build`
-- and swapped in atomically; see etl/store.py. Bump SCHEMA_VERSION in
-- etl/store.py whenever this file changes.

CREATE TABLE schema_version (version INTEGER NOT NULL, created_at TIMESTAMP NOT NULL);

-- One row per source file seen by the build (also the ones that failed).
CREATE TABLE files (
    path        VARCHAR PRIMARY KEY,   -- relative to the data folder, '/' separated
    sha256      VARCHAR NOT NULL,
    size        BIGINT NOT NULL,
    mtime       DOUBLE NOT NULL,
    format      VARCHAR,               -- txt | html | docx | pdf
    encoding    VARCHAR,               -- detected text encoding (txt/html)
    parts       INTEGER NOT NULL,      -- documents found in the file (0 when it failed)
    status      VARCHAR NOT NULL       -- ok | error
);

-- One row per document (a file may compile several: part 1, 2, ...).
CREATE TABLE documents (
    doc_id       VARCHAR PRIMARY KEY,  -- sha256(file content)[:16] + '-' + part: stable across runs
    path         VARCHAR NOT NULL,
    part         INTEGER NOT NULL,
    title        VARCHAR,
    organ        VARCHAR,
    province     VARCHAR,
    city         VARCHAR,
    county       VARCHAR,
    town         VARCHAR,
    region_code  VARCHAR,              -- 6-digit division code of the most specific known level
    region_name  VARCHAR,              -- e.g. 广东省/韶关市/曲江区 joined for display
    level        VARCHAR NOT NULL,     -- province | city | county | town | department | unknown
    year         INTEGER,
    doc_type     VARCHAR NOT NULL,     -- annual_report | work_plan | work_points | implementation_plan | briefing | news | other
    publish_date DATE,
    chars        INTEGER NOT NULL,
    text_start   INTEGER NOT NULL,     -- offset of this part in the file's decoded text
    text_end     INTEGER NOT NULL,
    is_synthetic BOOLEAN NOT NULL,
    added_at     TIMESTAMP NOT NULL    -- first time the build saw this document
);

-- The decoded text of each document part (kept apart so that listing documents stays cheap): the one copy of it.
-- Each text compressed on its own (zstd with text_zdict's dictionary; etl/load/text_store.py, which every reader
-- goes through), so the reader and the search unpack only the texts they read.
CREATE TABLE texts (
    doc_id VARCHAR PRIMARY KEY,
    body   BLOB NOT NULL                -- zstd of the part's original decoded UTF-8 text; figure offsets index into the text
);

-- The dictionary of texts (one row), trained on the first texts by doc_id when the database got its first texts.
CREATE TABLE text_zdict (zdict BLOB NOT NULL);

-- Search tokens (jieba) per document for the reports page's full-text search.
CREATE TABLE doc_tokens (
    doc_id VARCHAR NOT NULL,
    token  VARCHAR NOT NULL
);

-- The distinct tokens of doc_tokens, so a search expands its words against the vocabulary, not 50M rows.
CREATE TABLE token_vocab (token VARCHAR NOT NULL);

CREATE TABLE figures (
    figure_id  VARCHAR PRIMARY KEY,    -- sha256(doc_id, metric, start, end)[:16]: stable across runs
    doc_id     VARCHAR NOT NULL REFERENCES documents (doc_id),
    metric     VARCHAR NOT NULL,       -- key in metrics
    value      DOUBLE NOT NULL,
    unit       VARCHAR NOT NULL,
    qualifier  VARCHAR NOT NULL,       -- exact | at_least | at_most | approx
    kind       VARCHAR NOT NULL,       -- actual | target
    start      INTEGER NOT NULL,       -- offsets into the document's text (texts) (part-relative)
    "end"      INTEGER NOT NULL,
    evidence   VARCHAR NOT NULL,       -- text[start:end]
    rule       VARCHAR NOT NULL,       -- which rule produced it (prose:<metric> / table:<template>)
    confidence DOUBLE NOT NULL,        -- 0..1
    sentence   VARCHAR NOT NULL,       -- the sentence around the figure (etl/sentence.py), for pages to show
    scope      VARCHAR NOT NULL DEFAULT 'own' -- total (said to be a whole: 共, 全市 …) | own | running (累计 over years);
                                       -- with the rule, decides which figure is the document's value (etl/values.py)
);

CREATE TABLE metrics (
    metric   VARCHAR PRIMARY KEY,
    label_zh VARCHAR NOT NULL,
    unit     VARCHAR NOT NULL,
    grp      VARCHAR NOT NULL,         -- group, e.g. 行政复议
    grp_order INTEGER NOT NULL,
    description VARCHAR
);

CREATE TABLE regions (
    code   VARCHAR PRIMARY KEY,        -- 6-digit division code
    name   VARCHAR NOT NULL,
    level  VARCHAR NOT NULL,           -- province | city | county
    parent VARCHAR                     -- parent code
);

-- Consistency checks run after every build (etl/checks.py).
CREATE TABLE checks (
    check_id   VARCHAR PRIMARY KEY,
    doc_id     VARCHAR,
    check_name VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL,       -- warning | error
    message    VARCHAR NOT NULL,       -- Chinese, for the UI
    figure_ids VARCHAR[] NOT NULL
);

CREATE TABLE ingest_errors (
    path    VARCHAR NOT NULL,
    stage   VARCHAR NOT NULL,          -- read | decode | segment | extract
    message VARCHAR NOT NULL,          -- Chinese, for a user
    detail  VARCHAR                    -- technical detail (exception)
);

CREATE TABLE etl_runs (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP NOT NULL,
    data_dir     VARCHAR NOT NULL,
    files_seen   INTEGER NOT NULL,
    files_read   INTEGER NOT NULL,     -- re-extracted in this run
    files_reused INTEGER NOT NULL,     -- carried over unchanged from the previous build
    documents    INTEGER NOT NULL,
    figures      INTEGER NOT NULL,
    errors       INTEGER NOT NULL,
    seconds      DOUBLE NOT NULL,
    workers      INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    mode         VARCHAR NOT NULL      -- full (a new file: every row written) | delta (a copy of the last one, changed rows swapped)
);

-- What the post-build tables were made from (etl/post_build.py), so a no-change rebuild can skip them.
CREATE TABLE build_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

-- Corrections made by analysts (source of truth: data/corrections.jsonl, an
-- append-only log the build loads; see etl/corrections.py). Pages read the
-- *_current views, never the raw tables, so corrections always show.
CREATE TABLE corrections (
    correction_id VARCHAR PRIMARY KEY,
    created_at    TIMESTAMP NOT NULL,
    author        VARCHAR NOT NULL,
    action        VARCHAR NOT NULL,    -- edit_figure | delete_figure | add_figure | edit_document | revert
    figure_id     VARCHAR,
    doc_id        VARCHAR,
    payload       VARCHAR NOT NULL,    -- JSON: the new values
    old           VARCHAR,             -- JSON: the values before
    reason        VARCHAR NOT NULL,
    reverts       VARCHAR              -- correction_id this one reverts
);

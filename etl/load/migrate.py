"""What a build may take over from the previous database, decided by schema and extractor versions.

The database records its schema version (table ``schema_version``, ``store.SCHEMA_VERSION``
when built) and each run's extractor version (``etl_runs.extractor_version``). A build copies
the rows of unchanged files only when both equal the running code's. Otherwise it re-extracts
every file, and that full rebuild *is* the migration: every table is derived from the report
files, and analysts' corrections live in ``data/corrections.jsonl`` (an append-only log that
each build's post-build step re-reads), so nothing is lost. Rows written under another schema
are never copied, since their columns may mean something else; a hand-written SQL migration
could also drift from what the extractor would produce today.

The one exception, ``ROWS_UNCHANGED``: schema versions whose tables hold the same rows as today's and differ
only in how they are stored or in tables the after-load steps make (5 → 6: ``texts`` compressed,
``search_texts`` added; 6 → 7: each text compressed on its own in ``texts``, ``search_texts`` gone; the texts
of 5 and 6 are compressed anew as they are copied, etl/load/build_write.py). Their rows are copied as from a
database of this version, but into a new file (``Previous.rewrite``: a delta write would keep the old layout), so
an upgrade costs a full write, not a re-extraction (~1 min instead of ~7 at 100k reports).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl import EXTRACTOR_VERSION
from etl.load import store
from etl.load.build_state import recorded


@dataclass(frozen=True)
class Previous:
    """The previous build as far as the next one is concerned."""

    reusable: bool  # rows of unchanged files may be copied
    reason: str  # for the user when not reusable (Chinese); "" when reusable
    files: dict[str, dict] = field(default_factory=dict)  # path -> files row + error_stage (when reusable)
    schema_version: int | None = None
    extractor_version: str | None = None
    churn_since_full: int = 0  # files re-read by delta builds since the last full write (etl/load/build.py)
    post_build_inputs: str | None = None  # fingerprint the post-build tables were made with (etl/load/build_state.py)
    rewrite: bool = False  # rows reusable, but the file must be written afresh (an upgrade from ROWS_UNCHANGED)


# schema versions whose rows are today's (only storage and after-load tables changed): upgraded by a full write
ROWS_UNCHANGED = frozenset({5, 6})


def previous_build(db_path: Path) -> Previous:
    """Read the previous database's versions and ``files`` table (read-only, closed again at once)."""
    if not Path(db_path).exists():
        return Previous(False, "")
    try:
        with store.read_only(db_path) as con:
            row = con.execute("SELECT max(version) FROM schema_version").fetchone()
            version = None if row is None or row[0] is None else int(row[0])
            upgrade = version in ROWS_UNCHANGED
            if version != store.SCHEMA_VERSION and not upgrade:
                return Previous(False, f"数据库结构版本 {version} → {store.SCHEMA_VERSION}:全部文件重新提取",
                                schema_version=version)
            runs = con.execute("SELECT extractor_version FROM etl_runs ORDER BY finished_at DESC LIMIT 1").fetchall()
            extractor = runs[0][0] if runs else None
            if extractor != EXTRACTOR_VERSION:
                return Previous(False, f"提取程序版本 {extractor} → {EXTRACTOR_VERSION}:全部文件重新提取",
                                schema_version=version, extractor_version=extractor)
            cols = ["path", "sha256", "size", "mtime", "format", "encoding", "parts", "status"]
            rows = con.execute(f"SELECT {', '.join('f.' + c for c in cols)}, e.stage "  # column names are ours
                               "FROM files f LEFT JOIN (SELECT path, min(stage) AS stage FROM ingest_errors "
                               "GROUP BY path) e USING (path)").fetchall()
            cols.append("error_stage")
            churn = con.execute("SELECT coalesce(sum(files_read), 0) FROM etl_runs WHERE mode = 'delta' AND "
                                "finished_at > (SELECT coalesce(max(finished_at), TIMESTAMP '1970-01-01') "
                                "FROM etl_runs WHERE mode = 'full')").fetchone()[0]
            inputs = recorded(con)
    except duckdb.Error as exc:
        return Previous(False, f"旧数据库无法读取({type(exc).__name__}):全部文件重新提取")
    files = {r[0]: dict(zip(cols, r, strict=True)) for r in rows}
    if upgrade:
        return Previous(True, f"数据库结构版本 {version} → {store.SCHEMA_VERSION}:沿用已提取的行,重写数据库文件", files,
                        version, extractor, int(churn), None, rewrite=True)
    return Previous(True, "", files, version, extractor, int(churn), inputs)

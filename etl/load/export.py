"""`python -m etl export --parquet DIR`: every table of the database as Parquet, for other tools.

Figures are exported as the corrected view (``figures_current``) too, so a
spreadsheet or notebook sees what the dashboard shows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from etl import paths as etl_paths
from etl.load import store, text_store

TABLES = ("documents", "texts", "figures", "metrics", "regions", "checks", "ingest_errors", "etl_runs",
          "corrections", "files")
VIEWS = ("figures_current", "documents_current")


def export_parquet(db_path: Path, out_dir: Path) -> list[Path]:
    """Write one Parquet file per table/view; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with store.read_only(db_path) as con:
        existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for name in TABLES + VIEWS:
            if name not in existing:
                continue
            target = out_dir / f"{name}.parquet"
            if name == "texts":
                _export_texts(con, target)
                written.append(target)
                continue
            # name comes from our fixed list, the path is passed as a parameter-free literal COPY target
            con.sql(f"SELECT * FROM {name}").to_parquet(str(target))
            written.append(target)
    return written


def _export_texts(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    """``texts`` as (doc_id, text): the stored bodies are decompressed (etl/load/text_store.py), a batch at a time."""
    zdict = text_store.zdict_of(con)
    codec = None if zdict is None else text_store.Codec(zdict)
    schema = pa.schema([("doc_id", pa.string()), ("text", pa.string())])
    with pq.ParquetWriter(str(target), schema) as out:
        con.execute("SELECT doc_id, body FROM texts")
        while rows := con.fetchmany(text_store.BATCH):
            out.write_table(pa.table({"doc_id": [r[0] for r in rows],
                                      "text": [codec.decode(r[1]) if codec else None for r in rows]}, schema=schema))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--parquet", type=Path, required=True, metavar="DIR", help="output folder")
    p.add_argument("--db", type=Path, default=None, help="database (default $REPORTS_DB or data/reports.duckdb)")


def run(args: argparse.Namespace) -> int:
    args.db = args.db or etl_paths.db_path()
    if not args.db.exists():
        print(f"错误:数据库不存在:{args.db}(先运行 python -m etl build)", file=sys.stderr)
        return 2
    paths = export_parquet(args.db, args.parquet)
    print(f"exported {len(paths)} tables to {args.parquet}")
    return 0

"""The search's own copy of each text, deflated one document at a time, so that ``texts`` can be compressed.

Why a second copy: DuckDB compresses long strings with ZSTD ~2,048 rows to a frame, so reading one text
unpacks up to 2,047 others (~25 ms at 100k reports), and a search that counts its words in 1,000 texts and
cuts snippets out of 200 unpacked nearly the whole column (1.0-1.5 s). Stored uncompressed, ``texts`` was
1.09 GB of the 1.59 GB file at 100k reports. Here each text is deflated on its own (zlib, with a shared
preset dictionary made once from the documents themselves), 14% of its UTF-8 size on the synthetic corpus,
and a search inflates only the texts it reads (~35 µs each): ``texts`` is left to DuckDB's default
compression and read by the report reader alone (docs/benchmarks.md, "Database size and search at 100k").

Tables (etl/load/schema.sql): ``search_zdict`` (the dictionary, one row) and ``search_texts`` (doc_id,
body). The step is incremental: it deflates only documents that have no row yet and deletes the rows of
documents that are gone; a full write copies the rows of reused files and the dictionary from the last
database (etl/load/build_write.py), so a one-file change deflates one file's texts. The dictionary is made
only when a database has none (a first build, or one upgraded from schema 5), and every row is then made
anew with it.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import duckdb
import pandas as pd

ZDICT_BYTES = 32768  # zlib's window: a longer preset dictionary is not used
ZDICT_DOCS = 64  # texts (the first by doc_id) whose tail is the dictionary
LEVEL = 6  # zlib's default; 9 saved 1% more at twice the time
BATCH = 2000  # texts deflated per insert (~20 MB of text at a time)


def encode_text(text: str, zdict: bytes) -> bytes:
    """``text`` deflated with the preset dictionary ``zdict``."""
    c = zlib.compressobj(LEVEL, zdict=zdict)
    return c.compress(text.encode("utf-8")) + c.flush()


def decode_text(body: bytes, zdict: bytes) -> str:
    """The text :func:`encode_text` deflated."""
    return inflate_text(body, zdict).decode("utf-8")


def inflate_text(body: bytes, zdict: bytes) -> bytes:
    """The UTF-8 bytes of the text :func:`encode_text` deflated (the search counts words in them undecoded)."""
    return zlib.decompressobj(zdict=zdict).decompress(body)


def decode_text_head(body: bytes, zdict: bytes, chars: int) -> str:
    """The first ``chars`` characters of the text, inflating no more than ``4 * chars`` bytes of it."""
    raw = zlib.decompressobj(zdict=zdict).decompress(body, 4 * chars)
    return raw.decode("utf-8", errors="ignore")[:chars]  # only a character cut at the end can be partial


def make_zdict(con: duckdb.DuckDBPyConnection) -> bytes:
    """The preset dictionary: the last ``ZDICT_BYTES`` of the first ``ZDICT_DOCS`` texts by doc_id (deterministic:
    the same documents give the same dictionary). Tried on the 100k synthetic reports: 13.4% of the UTF-8 size
    with it, 27.9% without, 16.0% with the most frequent clauses of 2,000 texts instead."""
    rows = con.execute("SELECT text FROM texts ORDER BY doc_id LIMIT ?", [ZDICT_DOCS]).fetchall()
    return "".join(r[0] for r in rows).encode("utf-8")[-ZDICT_BYTES:]


def zdict_of(con: duckdb.DuckDBPyConnection) -> bytes | None:
    row = con.execute("SELECT zdict FROM search_zdict").fetchone()
    return None if row is None else bytes(row[0])


def step(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """After-load step (etl/after/steps.py): ``search_texts`` holds exactly the texts of ``texts``, deflated."""
    zdict = zdict_of(con)
    if zdict is None:
        zdict = make_zdict(con)
        con.execute("DELETE FROM search_texts")
        con.execute("INSERT INTO search_zdict VALUES (?)", [zdict])
    con.execute("DELETE FROM search_texts WHERE doc_id NOT IN (SELECT doc_id FROM texts)")
    # batches go to a temp table first and into search_texts at once: appended batch by batch, DuckDB's automatic
    # checkpoints rewrote the growing row group and left ~150 MB of freed blocks in the file at 100k reports
    con.execute("CREATE OR REPLACE TEMP TABLE search_new (doc_id VARCHAR, body BLOB)")
    cur = con.cursor()  # a cursor of its own: the inserts below must not end this result
    try:
        cur.execute("SELECT t.doc_id, t.text FROM texts t ANTI JOIN search_texts s USING (doc_id)")
        while rows := cur.fetchmany(BATCH):
            batch = pd.DataFrame({"doc_id": [r[0] for r in rows], "body": [encode_text(r[1], zdict) for r in rows]})
            con.register("search_batch", batch)
            con.execute("INSERT INTO search_new SELECT doc_id, body::BLOB FROM search_batch")
            con.unregister("search_batch")
    finally:
        cur.close()
    con.execute("INSERT INTO search_texts SELECT * FROM search_new")
    con.execute("DROP TABLE search_new")

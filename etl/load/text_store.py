"""The one store of the documents' texts: each text compressed on its own (zstd, with a dictionary trained once on
the texts), so the report reader and the search unpack only the texts they read.

Why this and not DuckDB's compression of a VARCHAR column: DuckDB compresses long strings ~2,048 rows to a ZSTD
frame, so reading one text unpacked up to 2,047 others (23-28 ms at 100k reports), and the search, which reads
~1,000 scattered texts, nearly the whole column; it needed a second copy for itself. Per text with a trained
110 KB dictionary, zstd keeps 10.8% of the UTF-8 size (zlib with a 32 KB preset dictionary, the copy this
replaces: 14.7%) and decompresses a text in ~11 µs (zlib: ~34 µs), measured on 5,000 of the 100k synthetic
reports (docs/benchmarks.md, "One copy of the texts, session 6").

Tables (etl/load/schema.sql): ``texts`` (doc_id, body) and ``text_zdict`` (the dictionary, one row). Whoever
reads a text goes through :class:`Codec` (the dashboard via etl.api); the build writes through
:func:`insert_texts`. The dictionary is made when a database gets its first texts (a first build, an upgrade)
and copied by every later full write, so texts of reused files are copied as they are.
"""

from __future__ import annotations

import threading

import duckdb
import pandas as pd
import zstandard as zstd

LEVEL = 9  # 12.2% at 3 and 10.8% at 9 with this dictionary, ~47 MB/s of text; 19 gave 9.5% at 4 MB/s
ZDICT_BYTES = 112640  # zstd's default dictionary size (110 KB): 13.4% at level 3 with 32 KB, 12.2% with this
TRAIN_DOCS = 2000  # texts (the first by doc_id) the dictionary is trained on: deterministic, ~0.6 s
BATCH = 2000  # texts read at a time (~20 MB of text)


class Codec:
    """Compresses and decompresses texts with one database's dictionary. The decompressor is per thread (the
    dashboard's sessions run in threads; a zstd context is not to be shared)."""

    def __init__(self, zdict: bytes) -> None:
        self.zdict = zdict
        self._dict = zstd.ZstdCompressionDict(zdict)  # a trained dictionary, or raw content (see make_zdict)
        self._local = threading.local()

    def encode(self, text: str) -> bytes:
        c = getattr(self._local, "c", None)
        if c is None:
            c = self._local.c = zstd.ZstdCompressor(level=LEVEL, dict_data=self._dict)
        return c.compress(text.encode("utf-8"))

    def inflate(self, body: bytes) -> bytes:
        """The UTF-8 bytes of a text (the search counts words in them undecoded)."""
        d = getattr(self._local, "d", None)
        if d is None:
            d = self._local.d = zstd.ZstdDecompressor(dict_data=self._dict)
        return d.decompress(body)

    def decode(self, body: bytes) -> str:
        return self.inflate(body).decode("utf-8")

    def decode_head(self, body: bytes, chars: int) -> str:
        """The first ``chars`` characters of a text."""
        return self.inflate(body)[:4 * chars].decode("utf-8", errors="ignore")[:chars]  # a cut character is last


def make_zdict(samples: list[str]) -> bytes:
    """A dictionary trained on ``samples``; with too few of them to train on (a handful of short texts), their
    last ``ZDICT_BYTES`` as raw content, as zlib's preset dictionary was."""
    raw = [s.encode("utf-8") for s in samples]
    try:
        return zstd.train_dictionary(ZDICT_BYTES, raw).as_bytes()
    except zstd.ZstdError:
        return b"".join(raw)[-ZDICT_BYTES:] or b" "  # an empty dictionary is refused; one blank costs nothing


def zdict_of(con: duckdb.DuckDBPyConnection, schema: str = "main") -> bytes | None:
    """The database's dictionary, None before its first texts. ``schema`` is ours (main, or an attached old)."""
    row = con.execute(f"SELECT zdict FROM {schema}.text_zdict").fetchone()
    return None if row is None else bytes(row[0])


def insert_texts(con: duckdb.DuckDBPyConnection, select: str, params: list | None = None) -> int:
    """Compress the (doc_id, text) rows of ``select`` (our SQL) into ``texts``; the dictionary is made from them
    when the database has none. Returns the rows written."""
    params = params or []
    zdict = zdict_of(con)
    if zdict is None:
        sample = con.execute(f"SELECT text FROM ({select}) ORDER BY doc_id LIMIT ?", [*params, TRAIN_DOCS]).fetchall()
        if not sample:
            return 0
        zdict = make_zdict([r[0] for r in sample])
        con.execute("INSERT INTO text_zdict VALUES (?)", [zdict])
    codec = Codec(zdict)
    # all compressed first (~120 MB at 100k reports), then inserted at once: the select may read tables registered on
    # this connection (a cursor would not see them), and appended batch by batch, DuckDB's automatic checkpoints
    # rewrote the growing row group and left ~150 MB of freed blocks in the file at 100k reports
    ids: list[str] = []
    bodies: list[bytes] = []
    con.execute(select, params)
    while rows := con.fetchmany(BATCH):  # read to the end: nothing else runs on con meanwhile
        ids += [r[0] for r in rows]
        bodies += [codec.encode(r[1]) for r in rows]
    if ids:
        con.register("texts_batch", pd.DataFrame({"doc_id": ids, "body": bodies}))
        try:
            con.execute("INSERT INTO texts SELECT doc_id, body::BLOB FROM texts_batch")
        finally:
            con.unregister("texts_batch")
    return len(ids)


def read_texts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, str]:
    """doc_id -> text of these documents (those without a text are left out)."""
    zdict = zdict_of(con)
    if zdict is None or not doc_ids:
        return {}
    codec = Codec(zdict)
    rows = con.execute("SELECT doc_id, body FROM texts WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                       [doc_ids]).fetchall()
    return {d: codec.decode(b) for d, b in rows}

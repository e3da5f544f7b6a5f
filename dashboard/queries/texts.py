"""The documents' texts as the pages read them: each stored compressed on its own in ``texts`` (etl/load/text_store.py),
decompressed here, one text or a batch, with the database's dictionary read once per file version."""

from __future__ import annotations

import pandas as pd

from dashboard import db
from etl.api import TextCodec

_CODECS: dict[tuple[str, db.Stamp | None], TextCodec | None] = {}


def codec() -> TextCodec | None:
    """The codec of the file in use; None for a database without texts."""
    key = (str(db.db_path()), db.stamp())
    if key not in _CODECS:
        df = db.query("SELECT zdict FROM text_zdict")
        _CODECS.clear()  # only the file version in use is worth keeping
        _CODECS[key] = None if df.empty else TextCodec(bytes(df["zdict"].iloc[0]))
    return _CODECS[key]


def is_body(body: object) -> bool:
    """A stored text (a LEFT JOIN gives NaN/None for a document without one)."""
    return isinstance(body, bytes | bytearray | memoryview)


def text_of(body: object) -> str | None:
    """One text from its ``body``; None for a document without one."""
    c = codec()
    return c.decode(bytes(body)) if c is not None and is_body(body) else None


def utf8_of(bodies: pd.Series | list) -> list[bytes]:
    """The UTF-8 bytes of a batch of bodies (b"" for a document without one, as ``coalesce(text, '')``)."""
    c = codec()
    return [c.inflate(bytes(b)) if c is not None and is_body(b) else b"" for b in bodies]


def heads(doc_ids: list[str], chars: int) -> dict[str, str]:
    """The first ``chars`` characters of these documents' texts."""
    c = codec()
    if not doc_ids or c is None:
        return {}
    df = db.query("SELECT doc_id, body FROM texts WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids])
    return {d: c.decode_head(bytes(b), chars) for d, b in zip(df["doc_id"], df["body"], strict=True)}

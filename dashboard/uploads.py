"""Browser uploads: check a file by its content and size, store it under data/ with a safe name.

- Type by content, not by name: a PDF starts with ``%PDF-``, a .docx is a zip
  holding ``word/document.xml``, HTML has a tag near the start, a .txt decodes
  as text (UTF-8, GBK or Big5). The extension must agree with the content.
- Size limit: ``REPORTS_UPLOAD_MAX_MB`` or ``st.secrets["upload_max_mb"]``, default 20 MB;
  and the ETL's text limit in characters (``REPORTS_MAX_CHARS``, etl/read/readers.py), with the
  build's own message: a 680 KB .docx can hold 57 M characters.
- UTF-16 text without a BOM is text, not binary (etl/read/readers.py ``utf16_without_bom``).
- The stored name keeps letters, digits, CJK and ``._-()`` only, never a
  directory part (``../../x.txt`` -> ``x.txt``); files go to DATA/uploads/.
- A file is never overwritten: same name and same content -> reused; same
  name, different content -> ``name-2.ext``, ``name-3.ext``, ... The file is
  written to a hidden temp file and hard-linked into place, which fails
  instead of replacing when the name was taken meanwhile, and the build never
  sees a half-written file (it skips dot files).
- ``run_build`` runs the ETL (``python -m etl build``, through etl/api.py) with a progress callback.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl import api
from etl.api import UPLOAD_TEMP_PREFIX, ReadError, precheck, sniff

DEFAULT_MAX_MB = 20
ENV_MAX_MB = "REPORTS_UPLOAD_MAX_MB"
SECRET_MAX_MB = "upload_max_mb"
UPLOAD_DIR = "uploads"
ALLOWED = {".txt": "txt", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
FORMAT_LABELS = {"txt": "文本", "html": "网页", "docx": "Word 文档", "pdf": "PDF"}
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w.\-()()\u3400-\u9fff]+")


class UploadError(ValueError):
    """An upload that is refused; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Stored:
    path: Path  # absolute
    rel: str  # relative to the data folder, '/' separated (as in documents.path)
    status: str  # new | same | renamed
    format: str


def max_bytes(secrets: Any = None) -> int:
    """The configured upload limit in bytes (invalid settings fall back to the default)."""
    raw = os.environ.get(ENV_MAX_MB)
    if not raw:
        try:
            import streamlit as st

            source = st.secrets if secrets is None else secrets
            raw = source.get(SECRET_MAX_MB) if hasattr(source, "get") else None
        except Exception:  # no secrets file
            raw = None
    try:
        mb = float(raw) if raw not in (None, "") else DEFAULT_MAX_MB
    except (TypeError, ValueError):
        mb = DEFAULT_MAX_MB
    if mb <= 0:
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


def check(name: str, data: bytes, limit: int | None = None) -> str:
    """The file's format if it may be imported; raises UploadError saying why not."""
    limit = max_bytes() if limit is None else limit
    ext = Path(safe_name(name)).suffix.lower()
    if ext not in ALLOWED:
        raise UploadError(f"不支持的文件类型“{ext or '(无扩展名)'}”:只接受 .txt、.html、.docx、.pdf")
    if not data:
        raise UploadError("文件是空的")
    if len(data) > limit:
        raise UploadError(f"文件过大:{len(data) / 2**20:.1f} MB,上限 {limit / 2**20:g} MB")
    expected = ALLOWED[ext]
    actual = sniff(data)
    if actual is None:
        raise UploadError(f"文件内容不是{FORMAT_LABELS[expected]}(可能是二进制文件、损坏的文件或未知编码)")
    if actual != expected and not (expected == "html" and actual == "txt"):
        raise UploadError(f"扩展名是 {ext},但内容是{FORMAT_LABELS[actual]};请确认文件后重新上传")
    try:
        precheck(data, expected)
    except ReadError as exc:
        raise UploadError(exc.message) from exc
    return expected


def safe_name(name: str) -> str:
    """A file name safe to create in the upload folder: no directories, no control or shell characters.

    ``safe_name("../../etc/passwd.txt")`` -> ``passwd.txt``; ``safe_name("C:\\\\a\\\\报告 2023.txt")`` ->
    ``报告_2023.txt``; ``safe_name(".bashrc")`` -> ``bashrc``; an empty result becomes ``upload``.
    """
    name = unicodedata.normalize("NFKC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = _UNSAFE.sub("_", name).strip("._ ")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = stem.strip("._ ") or "upload"
    ext = ext.lower()
    room = MAX_NAME_CHARS - (len(ext) + 1 if ext else 0)
    stem = stem[:room]
    return f"{stem}.{ext}" if ext else stem


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def store(data_dir: Path, name: str, data: bytes, limit: int | None = None) -> Stored:
    """Check and store one upload under DATA/uploads/; never overwrites a different file."""
    fmt = check(name, data, limit)
    folder = (Path(data_dir) / UPLOAD_DIR).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    clean = safe_name(name)
    stem, ext = Path(clean).stem, Path(clean).suffix
    digest = hashlib.sha256(data).hexdigest()
    tmp = folder / f"{UPLOAD_TEMP_PREFIX}{uuid.uuid4().hex}{ext}"  # a killed save leaves it: the build cleans it
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:  # a full disk: do not leave the partial copy taking what room is left
        tmp.unlink(missing_ok=True)
        raise
    try:
        for n in range(1, 10000):
            candidate = folder / (clean if n == 1 else f"{stem}-{n}{ext}")
            if candidate.resolve().parent != folder:  # belt and braces: safe_name already forbids this
                raise UploadError("文件名无效")
            try:
                os.link(tmp, candidate)
            except FileExistsError:
                if candidate.is_file() and _sha256(candidate) == digest:
                    return Stored(candidate, _rel(candidate, data_dir), "same", fmt)
                continue
            return Stored(candidate, _rel(candidate, data_dir), "new" if n == 1 else "renamed", fmt)
        raise UploadError("同名文件过多,请改名后再上传")
    finally:
        tmp.unlink(missing_ok=True)


def _rel(path: Path, data_dir: Path) -> str:
    return path.relative_to(Path(data_dir).resolve()).as_posix()


# --- running the ETL after an upload --------------------------------------------------------------------------

BuildOutcome = api.BuildOutcome  # what a build did (recovery.py and the import page read it from here)


def run_build(data_dir: Path, db_path: Path, on_progress: Callable[[float, str], None] | None = None,
              timeout: float = 3600.0, allow_empty: bool = False) -> BuildOutcome:
    """The ETL build in a child process (``api.run_build``), its progress as (fraction, Chinese label).

    The build loop reports (files done, files to read) after each chunk; extraction fills the first 90% of
    the bar, writing the database the rest. A second import (or the command line) waits for the build lock.
    """
    def files_done(done: int, total: int) -> None:
        if on_progress is not None and total:
            label = "正在写入数据库……" if done >= total else f"正在提取:{done}/{total} 个文件"
            on_progress(min(done / total, 1.0) * 0.9, label)

    outcome = api.run_build(data_dir, db_path, files_done, timeout=timeout, allow_empty=allow_empty)
    if outcome.ok and on_progress is not None:
        on_progress(1.0, "完成")
    return outcome

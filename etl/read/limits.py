"""What every reader shares: its error, its result, and the limits checked before and after reading.

Limits: a file over its format's size (``DEFAULT_LIMIT_MB`` or ``max_mb``) is refused before it is read;
a decoded text over ``max_chars()`` characters (``REPORTS_MAX_CHARS``) is refused with the one
``too_long`` message; only regular files are read (a pipe would block the build, /dev/zero never ends).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from etl.read.formats import DEFAULT_LIMIT_MB

ENV_MAX_CHARS = "REPORTS_MAX_CHARS"
DEFAULT_MAX_CHARS = 2_000_000  # the longest real report seen is ~0.1 M characters


class ReadError(Exception):
    """A file that cannot be turned into text; ``message`` is for the user (Chinese)."""

    def __init__(self, stage: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.stage = stage
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class ReadResult:
    text: str
    format: str
    encoding: str | None


def max_chars() -> int:
    """The decoded-text limit per file: ``REPORTS_MAX_CHARS`` when it is a positive integer, else the default."""
    try:
        limit = int(os.environ.get(ENV_MAX_CHARS, "") or DEFAULT_MAX_CHARS)
    except ValueError:
        return DEFAULT_MAX_CHARS
    return limit if limit > 0 else DEFAULT_MAX_CHARS


def too_long(chars: int, limit: int) -> ReadError:
    """The one refusal for a text over the limit: the build's error row and the import page say the same."""
    return ReadError("read", f"文件文字过多(超过 {limit / 10000:g} 万字的上限),不像是单份报告,未处理。"
                             "请拆分文件后再导入", f"{chars} characters > {limit}")


def check_chars(chars: int, limit: int | None = None) -> None:
    limit = max_chars() if limit is None else limit
    if chars > limit:
        raise too_long(chars, limit)


NOT_REGULAR = "这不是普通文件(可能是管道、设备或套接字),未读取"


def read_regular(path: str | Path, fmt: str, max_mb: float | None = None) -> bytes:
    """The bytes of a regular file, at most the format's size limit; anything else is refused.

    Opened without blocking and checked on the open descriptor, so a pipe or device put in the file's
    place after the folder was scanned is refused too, and the read stops at the limit whatever the
    size said (/dev/zero reports 0).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ReadError("read", "无法打开文件(可能已被移动、删除或没有读取权限)", type(exc).__name__) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadError("read", NOT_REGULAR, f"mode {stat.filemode(st.st_mode)}")
        check_size(st.st_size, fmt, max_mb)
        limit = limit_bytes(fmt, max_mb)
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise ReadError("read", "无法读取文件", type(exc).__name__) from exc
    finally:
        os.close(fd)
    check_size(len(raw), fmt, max_mb)  # it grew after the stat
    return raw


def limit_bytes(fmt: str, max_mb: float | None = None) -> int:
    """The size limit for a format: ``max_mb`` when given, else the format's default."""
    mb = max_mb if max_mb is not None else DEFAULT_LIMIT_MB.get(fmt, 20)
    return int(mb * 1024 * 1024)


def check_size(size: int, fmt: str, max_mb: float | None = None) -> None:
    """Refuse a file over the limit before reading it (so it never costs memory)."""
    limit = limit_bytes(fmt, max_mb)
    if size > limit:
        raise ReadError("read", f"文件过大({size / 2**20:.0f} MB,上限 {limit / 2**20:.0f} MB),未处理。"
                                "请拆分文件,或用 --max-file-mb 提高上限",
                        f"{size} bytes > {limit}")


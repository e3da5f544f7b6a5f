"""A time budget per file: past it the file becomes an error row and the batch goes on.

One hostile file (a text built to be slow, a parser stuck on odd input) must not hold the
build, and its lock, for ever. The budget is ``REPORTS_FILE_SECONDS`` (default 300 s; a real
report takes well under a second, a 300-page PDF about a minute).

It is a SIGALRM timer in the process that extracts the file (the build's own process, or each
worker of its pool), so it costs nothing per file. The alarm raises ``FileTimeout``, a
``BaseException``: the readers' ``except Exception`` fallbacks cannot swallow it, and it repeats
every second in case something does. Limits: it works only in a main thread (elsewhere the
budget is not enforced), and C code that never returns to Python (a parser inside one call)
is interrupted only when it returns; the readers' size and character limits keep those calls short.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

ENV_FILE_SECONDS = "REPORTS_FILE_SECONDS"
DEFAULT_FILE_SECONDS = 300.0


class FileTimeout(BaseException):
    """The file's time budget ran out."""


def file_seconds() -> float:
    """The budget from ``REPORTS_FILE_SECONDS`` (a positive number), else the default; 0 or less turns it off."""
    raw = os.environ.get(ENV_FILE_SECONDS, "").strip()
    if not raw:
        return DEFAULT_FILE_SECONDS
    try:
        return float(raw)
    except ValueError:
        return DEFAULT_FILE_SECONDS


def _raise(signum: int, frame: object) -> None:
    raise FileTimeout


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``FileTimeout`` inside the block once ``seconds`` have passed (no budget when None or <= 0)."""
    usable = seconds is not None and seconds > 0 and hasattr(signal, "setitimer") \
        and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

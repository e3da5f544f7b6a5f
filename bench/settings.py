"""What every part of the benchmark shares: where things go, the issue's targets, and the log line.

The load average goes next to every timing: on a shared VM wall time is mostly other people's work.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_WORKDIR = Path("/tmp/etl-bench")
DEFAULT_DOC = REPO / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
MB = 1e6

# The targets, at 100k reports on this 2-core machine.
TARGET_SIZE = 100_000
TARGET_BUILD_S = 600.0  # full build, 2 workers
TARGET_NOCHANGE_S = 15.0  # rebuild with nothing changed
TARGET_QUERY_P95_MS = 300.0  # every page query
TARGET_PEAK_MB = 2048.0


def load_avg() -> tuple[float, float, float]:
    """The machine's 1-, 5- and 15-minute load averages, rounded for the results file."""
    return tuple(round(x, 2) for x in os.getloadavg())  # type: ignore[return-value]


def log(msg: str) -> None:
    """A progress line on stderr (stdout is the results table, and a child's JSON line)."""
    print(f"[bench {datetime.now():%H:%M:%S} load {load_avg()[0]:.1f}] {msg}", file=sys.stderr, flush=True)

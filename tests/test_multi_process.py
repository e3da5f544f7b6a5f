"""Two Streamlit processes serve one database read-only while `python -m etl build` swaps the file (issue 15).

Two real `streamlit run app.py` servers (own ports, headless) read the same REPORTS_DB in a temporary data
folder. A Chromium tab on each reloads the 总览 page in a loop and reads the 报告 and 提取的数字 cards (counts
from the database) while a `python -m etl build` run in a third process adds one report and swaps the new file
in with ``os.replace``. Every read must show one complete version (the old counts or the new, never an error
box); after the swap both servers must show the new counts (dashboard/db.py keys its connection and caches on
the file's stamp); neither server's output may mention a lock or IO error or a traceback. docs/serving.md
describes the setup this stands for.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_support import (  # skips this module when /usr/bin/chromium is missing
    ROOT,
    app_page,
    chromium,
    no_error_box,
    settle_quietly,
    streamlit_server,
)
from conftest import fetch_one
from corpora import SEEDS, texts
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

NEW_REPORT = """珠海市2024年法治政府建设年度报告
2024年,珠海市坚持依法行政。全年共收到行政复议申请321件,依法受理行政复议案件300件。
"""
COUNTS_SQL = ("SELECT (SELECT count(*) FROM documents_current WHERE NOT is_synthetic), "
              "(SELECT count(*) FROM figures_current WHERE NOT is_synthetic)")
# what must never appear in a server's output: DuckDB's lock and IO errors, a stale or vanished file, a traceback
BAD_OUTPUT = re.compile(r"database is locked|Could not set lock|IO Error|IOException|No such file|Traceback|"
                        r"数据库文件已损坏", re.IGNORECASE)
AFTER_SWAP_LIMIT = 30.0  # seconds both servers get to show the new file after the build exits (a rendezvous bound)


@dataclass
class Reader:
    """One server and the tab reading it; ``seen`` lists the (reports, figures) of every read in order."""

    url: str
    log: Path
    page: Page
    seen: list[tuple[int, int]] = field(default_factory=list)

    def start(self) -> None:
        """Reload 总览: the server starts a run of the page (drawn over the websocket after the load event)."""
        self.page.goto(f"{self.url}/")

    def finish(self) -> tuple[int, int]:
        """Wait for the run to end, then read the 报告 and 提取的数字 cards."""
        self.page.get_by_role("heading", name="总览", level=1).wait_for()
        self.page.get_by_test_id("stMetric").filter(has_text="提取的数字").wait_for()
        settle_quietly(self.page, 300)
        no_error_box(self.page)
        counts = (card_number(self.page, "报告"), card_number(self.page, "提取的数字"))
        self.seen.append(counts)
        return counts


def read_all(readers: list[Reader]) -> list[tuple[int, int]]:
    """One read of every server, their page runs overlapping (both start before either is waited for)."""
    for reader in readers:
        reader.start()
    return [reader.finish() for reader in readers]


def card_number(page: Page, label: str) -> int:
    """The number on the metric card whose label is exactly ``label`` ("1,234 份" -> 1234)."""
    card = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    value = card.get_by_test_id("stMetricValue").inner_text()
    return int(re.sub(r"\D", "", value))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A temporary data folder: the bundled reports and their database (REPORTS_DATA and REPORTS_DB point here)."""
    from etl.load.build import build

    folder = tmp_path / "data"
    folder.mkdir()
    for src in texts(SEEDS):
        shutil.copy(src, folder / src.name)
    build(folder, folder / "reports.duckdb", progress=False)
    return folder


@pytest.fixture
def readers(data: Path, tmp_path: Path) -> Iterator[list[Reader]]:
    """Two servers on the same database, each read by a tab of one Chromium."""
    with ExitStack() as stack:
        servers = []
        for name in ("a", "b"):
            logs = tmp_path / f"server_{name}"
            logs.mkdir()
            servers.append((stack.enter_context(streamlit_server(data / "reports.duckdb", logs)), logs))
        browser = stack.enter_context(chromium())
        yield [Reader(url, logs / "server.log", stack.enter_context(app_page(browser))) for url, logs in servers]


def test_two_servers_read_one_database_across_a_swap(data: Path, readers: list[Reader], tmp_path: Path) -> None:
    db = data / "reports.duckdb"
    old = fetch_one(db, COUNTS_SQL)
    assert read_all(readers) == [old, old]
    assert readers[0].url != readers[1].url

    (data / "zz_zhuhai_2024.txt").write_text(NEW_REPORT, encoding="utf-8")
    build_log = tmp_path / "build.log"
    with open(build_log, "w") as out:
        build = subprocess.Popen([sys.executable, "-m", "etl", "build", "--data", str(data), "--db", str(db),
                                  "--no-progress"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    rounds_during_build = 0
    while True:  # read both at least once after the build started, and on until it has exited
        running = build.poll() is None
        read_all(readers)
        rounds_during_build += running
        if not running:
            break
    assert build.wait() == 0, build_log.read_text()
    new = fetch_one(db, COUNTS_SQL)
    assert new[0] == old[0] + 1 and new[1] > old[1], (old, new)

    deadline = time.monotonic() + AFTER_SWAP_LIMIT
    while any(r.seen[-1] != new for r in readers) and time.monotonic() < deadline:
        read_all(readers)
    assert [r.seen[-1] for r in readers] == [new, new]
    assert read_all(readers) == [new, new]  # and it stays so
    # every read showed one whole version: the old counts up to some read, the new ones from then on
    for reader in readers:
        assert set(reader.seen) <= {old, new}, reader.seen
        first_new = reader.seen.index(new)
        assert reader.seen[first_new:] == [new] * (len(reader.seen) - first_new), reader.seen
    assert rounds_during_build >= 1
    for reader in readers:
        output = reader.log.read_text()
        assert BAD_OUTPUT.search(output) is None, output[-3000:]

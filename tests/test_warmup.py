"""`python -m dashboard.serve` warms every page before the first visitor, and never gets in the way.

- The views: each page's default, then with synthetic documents when there are any (pure, no server).
- The address the warm-up dials comes from Streamlit's own options (wildcards and IPv6 included).
- A page that fails is logged and counted; the rest still warm.
- A real server started with ``python -m dashboard.serve`` on a small database opens all six pages (its log says
  so); without a database it warms nothing, says so, and builds nothing; a build swapping the file while it
  warms still succeeds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit import config

from bench.first_paint import free_port, stop, wait_healthy
from dashboard import warmup
from etl import api

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "reports"


def test_views_are_the_defaults_then_with_synthetic_documents_when_there_are_any() -> None:
    assert warmup.views(lambda: False, ("", "brief")) == [("", ""), ("brief", "")]
    assert warmup.views(lambda: True, ("", "brief")) == [("", ""), ("brief", ""), ("", "synthetic=1"),
                                                         ("brief", "synthetic=1")]


def test_an_unreadable_database_still_warms_the_default_views() -> None:
    def broken() -> bool:
        raise OSError("no such file")

    assert warmup.views(broken, ("",)) == [("", "")]


@pytest.mark.parametrize(("address", "ssl", "base", "expected"), [
    ("", "", "", "ws://127.0.0.1:8601"),
    ("0.0.0.0", "", "/reports/", "ws://127.0.0.1:8601/reports"),
    ("::", "", "", "ws://127.0.0.1:8601"),
    ("::1", "", "", "ws://[::1]:8601"),
    ("10.1.2.3", "/etc/cert.pem", "", "wss://10.1.2.3:8601"),
])
def test_the_server_is_dialled_where_streamlit_listens(address: str, ssl: str, base: str, expected: str) -> None:
    saved = {k: config.get_option(k) for k in ("server.address", "server.sslCertFile", "server.baseUrlPath",
                                                "server.port")}
    try:
        config.set_option("server.address", address)
        config.set_option("server.sslCertFile", ssl)
        config.set_option("server.baseUrlPath", base)
        config.set_option("server.port", 8601)
        assert warmup.base_url() == expected
    finally:
        for k, v in saved.items():
            config.set_option(k, v)


# --- a real server ------------------------------------------------------------------------------------------------

@contextmanager
def serving(db: Path, data: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """`python -m dashboard.serve` against ``db``; yields its URL and process (the log goes to ``log``)."""
    port = free_port()
    env = {**os.environ, "REPORTS_DB": str(db), "REPORTS_DATA": str(data), "PYTHONUNBUFFERED": "1"}
    env.pop("REPORTS_ADMIN_PASSWORD", None)
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "dashboard.serve", "--server.headless", "true",
                                 "--server.port", str(port), "--browser.gatherUsageStats", "false",
                                 "--server.fileWatcherType", "none"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
        yield url, proc
    finally:
        stop(proc)


def wait_for(log: Path, text: str, limit: float = 180) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = log.read_text(errors="replace")
        if text in found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not in the server log:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled reports and their database, built once for this module."""
    data = tmp_path_factory.mktemp("warm") / "data"
    shutil.copytree(SEEDS, data)
    api.build(data, data / "reports.duckdb", progress=False)
    return data


def test_every_page_is_opened_once_before_the_first_visitor(seed_folder: Path, tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    with serving(seed_folder / "reports.duckdb", seed_folder, log):
        text = wait_for(log, "warm-up done")
    for path in warmup.PAGES:
        assert f"warm-up: /{path} in " in text
    assert "warm-up done: 6 views" in text and ", 0 failed" in text  # the bundled reports are not synthetic
    assert "Traceback" not in text


def test_a_page_that_fails_is_counted_and_the_others_still_warm() -> None:
    def opener(base: str, path: str, query: str) -> float:
        if path == "brief":
            raise ConnectionError("page gone")
        return 0.5

    done = warmup.warm("ws://127.0.0.1:1", [("", ""), ("brief", ""), ("quality", "")], opener)
    assert [(w.path, w.error is None) for w in done] == [("", True), ("brief", False), ("quality", True)]
    assert "page gone" in (done[1].error or "")
    assert warmup.summary(done, 2.0) == "warm-up done: 3 views in 2.0 s, 1 failed"


def test_a_server_that_is_not_there_fails_to_open() -> None:
    with pytest.raises(OSError):  # refused: nothing listens on a port just found free
        warmup.open_page(f"ws://127.0.0.1:{free_port()}", "", "", timeout=5)


def test_without_a_database_nothing_is_warmed_and_nothing_built(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SEEDS, data)
    db = tmp_path / "none.duckdb"
    log = tmp_path / "server.log"
    with serving(db, data, log):
        text = wait_for(log, "nothing warmed")
        time.sleep(1)
        assert "no database at" in text
        assert not db.exists()  # the first visitor's app.py builds it, with its progress shown


def test_a_build_swapping_the_file_while_it_warms_succeeds(seed_folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_folder, data)
    db = data / "reports.duckdb"
    log = tmp_path / "server.log"
    with serving(db, data, log):
        wait_for(log, "warm-up: /")  # the warm-up has begun opening pages
        before = db.stat().st_ino
        (data / "extra.txt").write_text((SEEDS / sorted(os.listdir(SEEDS))[0]).read_text(encoding="utf-8")
                                        + "\n补充说明。", encoding="utf-8")
        api.build(data, db, progress=False)  # a new file swapped in under the server's feet
        assert db.stat().st_ino != before
        text = wait_for(log, "warm-up done")
    assert "Traceback" not in text

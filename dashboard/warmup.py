"""Warm a fresh dashboard server before its first visitor: the server opens every page once itself.

Why (issue 15; docs/benchmarks.md, "First paint in Chromium, session 6"): the first visit to a fresh server
paid 1-3 s that later visits do not: importing plotly and the pages' modules, opening DuckDB and checking the
file, and every query of the page's view (``st.cache_data`` is shared by all sessions, so one run fills it for
everyone). Streamlit runs app.py per session, never when the process starts, so ``python -m dashboard.serve``
runs ``run_logged`` in a thread beside the server: once the server answers, it opens each page over the
server's own websocket, the way a browser does, so the exact cache keys of each page's view are filled, and
reads the replies until the page's run has finished. Nothing is drawn, nothing is kept.

Views: each page's default view (``PAGES``), then the same with synthetic documents shown when the database
holds any (the sidebar hides them by default; a benchmark corpus is nothing else). A missing or unreadable
database, a server that does not answer, a page that fails: logged and skipped, warming is only a head start.
It opens no connection of its own: its one query (any synthetic documents?) and the pages' queries go through
the server's per-file-version connection (dashboard/db.py), which a build's swap replaces as for any visitor.
"""

from __future__ import annotations

import socket
import ssl
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from streamlit import config, runtime
from streamlit.logger import get_logger
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from dashboard import db

LOG = get_logger(__name__)  # Streamlit's own handler: the lines show in the server's log beside its own

# url paths of app.py's pages in its order ("" is the default page); the import page is an admin form
PAGES: tuple[str, ...] = ("", "trends", "regions", "reports", "brief", "quality")
PAGE_SECONDS = 120.0  # one page's run; a page still running after this is left to finish on its own
SERVER_SECONDS = 120.0  # how long to wait for the server to answer at all


@dataclass(frozen=True)
class Warmed:
    """One page view opened by the warm-up: its url path and query, seconds taken, and the failure if any."""

    path: str
    query: str
    seconds: float
    error: str | None = None


def base_url() -> str:
    """The server's own websocket address, from Streamlit's options (read once the server is running)."""
    address = str(config.get_option("server.address") or "").strip()
    host = "127.0.0.1" if address in ("", "0.0.0.0", "::") else address  # a wildcard: any address, this one too
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    scheme = "wss" if config.get_option("server.sslCertFile") else "ws"
    path = str(config.get_option("server.baseUrlPath") or "").strip("/")
    return f"{scheme}://{host}:{config.get_option('server.port')}" + (f"/{path}" if path else "")


def open_page(base: str, path: str, query: str = "", timeout: float = PAGE_SECONDS) -> float:
    """Open ``path`` with ``query`` in a new session of the server at ``base``; seconds until its run finished.

    The message is the browser's first one (a rerun with the page's name and query string); the replies are
    read and dropped until a ``script_finished`` that is not a rerun's (a page may rerun once at the start).
    """
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = path
    context = None
    if base.startswith("wss:"):  # our own certificate, reached by address: nothing to verify it against
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    started = time.monotonic()
    deadline = started + timeout
    with connect(f"{base}/_stcore/stream", subprotocols=["streamlit"], open_timeout=timeout,  # type: ignore[list-item]
                 max_size=None, ssl=context) as ws:
        ws.send(msg.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if (reply.WhichOneof("type") == "script_finished"
                    and reply.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                return time.monotonic() - started


def views(has_synthetic: Callable[[], bool], pages: Sequence[str] = PAGES) -> list[tuple[str, str]]:
    """(url path, query string) of every view to warm: the defaults, then with synthetic documents if any."""
    out = [(p, "") for p in pages]
    try:
        synthetic = has_synthetic()
    except Exception:  # no database yet, or unreadable: the default views still warm the imports
        LOG.warning("warm-up: could not tell whether the database holds synthetic documents", exc_info=True)
        synthetic = False
    return out + ([(p, "synthetic=1") for p in pages] if synthetic else [])


def database_has_synthetic() -> bool:
    """Whether any document is synthetic (then the 包含合成数据 views are worth warming too)."""
    df = db.query_uncached("SELECT count(*) AS n FROM documents WHERE is_synthetic")
    return bool(df["n"].iloc[0])


def wait_for_server(limit: float = SERVER_SECONDS) -> str | None:
    """The server's websocket address once its runtime runs and its port accepts connections; None after ``limit`` s."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if runtime.exists() and runtime.get_instance().state.name in ("NO_SESSIONS_CONNECTED",
                                                                       "ONE_OR_MORE_SESSIONS_CONNECTED"):
            base = base_url()
            where = urllib.parse.urlsplit(base)
            try:
                with socket.create_connection((where.hostname or "127.0.0.1", where.port or 80), timeout=1):
                    return base
            except OSError:
                pass
        time.sleep(0.1)
    return None


def run(pages: Sequence[str] = PAGES, has_synthetic: Callable[[], bool] = database_has_synthetic) -> list[Warmed]:
    """Wait for the server, then open every view once, one after another (the visitors keep the other core)."""
    base = wait_for_server()
    if base is None:
        LOG.warning("warm-up: the server did not start within %.0f s; nothing warmed", SERVER_SECONDS)
        return []
    if db.stamp() is None:
        LOG.warning("warm-up: no database at %s yet; nothing warmed (the first visit builds it)", db.db_path())
        return []
    return warm(base, views(has_synthetic, pages))


def warm(base: str, todo: Sequence[tuple[str, str]], opener: Callable[[str, str, str], float] = open_page) -> list[Warmed]:
    """Open each (path, query) of ``todo`` on the server at ``base`` with ``opener``; a failure is logged, not raised."""
    started = time.monotonic()
    done: list[Warmed] = []
    for path, query in todo:
        shown = "/" + path + (f"?{query}" if query else "")
        t0 = time.monotonic()
        try:
            done.append(Warmed(path, query, opener(base, path, query)))
            LOG.info("warm-up: %s in %.2f s", shown, done[-1].seconds)
        except Exception as exc:  # warming is a head start only: a failure must never reach the server
            done.append(Warmed(path, query, time.monotonic() - t0, repr(exc)))
            LOG.warning("warm-up: %s failed: %r", shown, exc)
    LOG.info("%s", summary(done, time.monotonic() - started))
    return done


def summary(done: Sequence[Warmed], seconds: float) -> str:
    """The warm-up's last log line (bench/first_paint.py waits for its first words)."""
    return f"warm-up done: {len(done)} views in {seconds:.1f} s, {sum(1 for w in done if w.error)} failed"


def run_logged(pages: Sequence[str] = PAGES) -> None:
    """``run``, with any failure logged instead of raised (the thread's target: the server runs on unwarmed)."""
    try:
        run(pages)
    except Exception:  # e.g. Streamlit's options unreadable
        LOG.exception("warm-up failed")

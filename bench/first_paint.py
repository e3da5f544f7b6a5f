"""First paint of each dashboard page in headless Chromium: `python -m bench.first_paint --db PATH --data PATH`.

Why: issue 15 asks for every page drawn within 2 s at 100k reports, measured in the browser. The query
benchmark (bench/pages.py) times only the SQL; a visitor also waits for the page's script (Python, Plotly
figures, Arrow frames), the websocket, and the browser drawing charts and grids. This measures all of it.

What one visit measures. A new tab (a new Streamlit session, like a new visitor) opens the page's URL. An
init script polls the document every ``POLL_MS`` and records, in ms since navigation start
(``performance.now()``, whose origin is the navigation's start):

"Visible" means drawn with a size and at least partly inside the 1440x1000 window (the first screen: the grid
draws its canvas only once scrolled to, and a closed expander or hidden tab has no size).

- ``content``: the first moment a main-content element is visible in ``stMain``: a metric, a Plotly chart
  with its SVG drawn, a data grid with its canvas, a static table, or a notice (an empty state);
- ``run_start`` / ``run_end``: the first moment Streamlit's script state is ``running``, and the last moment
  it turned ``notRunning`` before ``ready``: the server's run of the page (queries + Python + streaming);
- ``ready`` (the number reported as first paint): the first moment from which, for ``QUIET_MS`` in a row,
  the page's title (h1) and at least one main-content element are visible, every visible Plotly chart has
  its SVG and every visible grid its canvas, no element is a loading skeleton, the script state is
  ``notRunning`` and the connection ``CONNECTED``.

``ready - run_end`` is the browser's drawing after the script ended; ``run_end - run_start`` the script.
Subtracting the page's query time (``--queries``: the query benchmark's uncached timings, same database)
from the script leaves Streamlit and Plotly's own work on the server.

Cold and warm. For each page the server is started afresh, headless on a free port, ``REPORTS_DB``/
``REPORTS_DATA`` pointing at the given files, and a browser profile with an empty HTTP cache is made. The
server is ``--server serve`` (default: ``python -m dashboard.serve``, how it is meant to run, which opens every
page once itself as soon as it answers; the cold visit waits for its "warm-up done" log line unless
``--cold-at-once``) or ``plain`` (``streamlit run app.py``: nothing imported, no database opened, no result
cached before the first visit). The first visit is ``cold``: a new visitor with an empty browser cache, who
fetches and compiles Streamlit's and Plotly's scripts. The next
``--warm`` visits, each in a new tab of the same profile, are ``warm``: a returning visitor, whose browser
caches the scripts (and, with the profile on disk, the default since session 6, their compiled code, as a
real browser does) and whose page's results ``st.cache_data`` holds. Each visit also records the CPU the
server and the browser spent on it: on this shared machine wall time is mostly the load, CPU much less so.

What is shown. Every visit opens the page's default view, plus ``--params`` (a query string). By default
(``auto``) a database whose documents are all synthetic (a benchmark corpus) is visited with ``synthetic=1``:
the sidebar leaves synthetic documents out unless asked, and without it every page at 100k would be an
empty state (session 5's numbers were; docs/benchmarks.md). The OS file cache is whatever the
machine has (warm after the first page). The app never builds here: a missing database is refused, since
app.py would otherwise build one on first start. The load average is recorded with every visit: on a shared
2-core machine wall time is partly other people's work.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import psutil
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.children import run_child
from bench.paint_report import PAGES, Visit, fmt, render, summarise
from bench.settings import REPO, load_avg, log

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
POLL_MS = 20
QUIET_MS = 500  # a rerun right after the first run starts within this; the page is then not yet done

# Runs in every new document before the page's own scripts; fills window.__paint (see the module docstring).
WATCH_JS = """
(() => {
  if (window.top !== window) return;
  const P = window.__paint = {content: null, run_start: null, run_end: null, ready: null, since: null,
                              last_end: null, errors: 0};
  let watched = false;
  const onState = (state, now) => {  // also called by a MutationObserver: a short run falls between polls
    if (state === 'running') { if (P.run_start === null) P.run_start = now; P.last_end = null; }
    else if (state === 'notRunning' && P.run_start !== null && P.last_end === null) P.last_end = now;
  };
  const visible = e => { const r = e.getBoundingClientRect();
                         return r.width > 0 && r.height > 0 && r.top < window.innerHeight && r.bottom > 0; };
  const tick = () => {
    const now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]');
    const state = app ? app.dataset.testScriptState : null;
    if (app && !watched) {
      watched = true;
      new MutationObserver(() => onState(app.dataset.testScriptState, performance.now()))
        .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    }
    onState(state, now);
    if (!main) { P.since = null; return; }
    const all = s => [...main.querySelectorAll(s)].filter(visible);
    const charts = all('[data-testid="stPlotlyChart"]'), grids = all('[data-testid="stDataFrame"]');
    const drawnCharts = charts.filter(c => c.querySelector('.main-svg'));
    const drawnGrids = grids.filter(g => g.querySelector('canvas'));
    const hasContent = drawnCharts.length + drawnGrids.length
        + all('[data-testid="stMetric"], [data-testid="stTable"], [data-testid="stAlert"]').length > 0;
    if (hasContent && P.content === null) P.content = now;
    const done = hasContent && main.querySelector('h1') !== null
        && drawnCharts.length === charts.length && drawnGrids.length === grids.length
        && !document.querySelector('[data-testid="stSkeleton"]')
        && state === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED';
    if (!done) { P.since = null; return; }
    if (P.since === null) { P.since = now; P.run_end = P.last_end; }
    if (now - P.since >= QUIET && P.ready === null) {
      P.ready = P.since;
      P.errors = main.querySelectorAll('[data-testid="stException"]').length;
      clearInterval(P.timer);
    }
  };
  P.timer = setInterval(tick, POLL);
})();
""".replace("QUIET", str(QUIET_MS)).replace("POLL", str(POLL_MS))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# How a server is started: dashboard/serve.py (the way to run it: warms every page before the first visitor)
# or plain `streamlit run app.py` (no warm-up: what session 5 measured).
SERVERS: dict[str, list[str]] = {
    "serve": [sys.executable, "-m", "dashboard.serve"],
    "plain": [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py")],
}
WARMED_LINE = "warm-up done"  # dashboard/warmup.py's last log line


@contextmanager
def streamlit_server(db: Path, data: Path, log_file: Path, server: str = "serve",
                     wait_warmup: bool = True) -> Iterator[tuple[str, subprocess.Popen, float | None]]:
    """A headless server (``SERVERS[server]``) against ``db`` (read-only) and ``data``.

    Yields (base URL, process, seconds from start until the warm-up's last line, None when not waited for).
    """
    port = free_port()
    env = {**os.environ, "REPORTS_DB": str(db), "REPORTS_DATA": str(data), "PYTHONUNBUFFERED": "1"}
    env.pop("REPORTS_ADMIN_PASSWORD", None)  # local mode: no login form, nothing written to the data folder
    offset = log_file.stat().st_size if log_file.exists() else 0
    started = time.monotonic()
    with open(log_file, "a") as out:
        proc = subprocess.Popen(
            [*SERVERS[server], "--server.headless", "true",
             "--server.port", str(port), "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        warmed = None
        if server == "serve" and wait_warmup:
            wait_for_line(log_file, offset, WARMED_LINE, proc)
            warmed = time.monotonic() - started
        yield url, proc, warmed
    finally:
        stop(proc)


def wait_for_line(log_file: Path, offset: int, text: str, proc: subprocess.Popen, limit: float = 600) -> None:
    """Wait until ``text`` appears in ``log_file`` after ``offset`` (this server's part of the shared log)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with open(log_file, "rb") as fh:
            fh.seek(offset)
            if text.encode() in fh.read():
                return
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode} (see the server log)")
        time.sleep(0.2)
    raise RuntimeError(f"no {text!r} in the server log within {limit:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    """End a server: ask, then insist after 20 s (a hung Streamlit must not outlive its run)."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_healthy(url: str, proc: subprocess.Popen, limit: float = 120) -> None:
    """Poll /_stcore/health until it answers ok (the server is starting; tests start theirs the same way)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode} (see the server log)")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("streamlit did not become healthy")


def cpu_seconds() -> dict[int, float]:
    """CPU seconds (user + system) so far of every process this one started, by pid: the server, Chromium's."""
    out: dict[int, float] = {}
    for proc in psutil.Process().children(recursive=True):
        try:
            t = proc.cpu_times()
        except psutil.Error:  # gone meanwhile
            continue
        out[proc.pid] = t.user + t.system
    return out


def visit(context: BrowserContext, url: str, page: str, kind: str, timeout_s: float,
          server_pid: int | None = None) -> Visit:
    """Open ``url`` in a new tab of ``context`` (a new session) and read the milestones once ``ready`` or timed out.

    Also the CPU the visit cost, which the machine's load does not inflate the way it does wall time: the
    server's (``server_pid``) and everything else this process started (Chromium, Playwright's driver), read
    before the tab closes (its renderer's CPU goes with it).
    """
    before = cpu_seconds()
    tab = context.new_page()
    try:
        tab.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        try:
            tab.wait_for_function("() => window.__paint && window.__paint.ready !== null", polling=100,
                                  timeout=timeout_s * 1000)
        except PlaywrightTimeout:  # a page that never settles: reported as not reached, the rest still timed
            log(f"{page} ({kind}): not ready within {timeout_s:.0f} s")
        p: dict[str, Any] = tab.evaluate("() => window.__paint || {}")
        dom = tab.evaluate("() => (performance.getEntriesByType('navigation')[0] || {}).domContentLoadedEventEnd")
        after = cpu_seconds()
    finally:
        tab.close()
    spent = {pid: t - before.get(pid, 0.0) for pid, t in after.items()}
    server_ms = 1000 * spent.pop(server_pid, 0.0) if server_pid is not None else None
    return Visit(page=page, kind=kind, ready_ms=p.get("ready"), content_ms=p.get("content"),
                 run_start_ms=p.get("run_start"), run_end_ms=p.get("run_end"), dom_ms=dom or None,
                 errors=int(p.get("errors") or 0), load1=load_avg()[0], server_cpu_ms=server_ms,
                 browser_cpu_ms=1000 * sum(spent.values()))


@contextmanager
def fresh_context(pw: Playwright, on_disk: bool = True) -> Iterator[BrowserContext]:
    """A new browser profile with an empty cache (a first-time visitor), watching every tab it opens.

    ``on_disk`` (default): a profile folder, as a real browser has: later tabs find Streamlit's and Plotly's
    scripts in its disk cache *and* V8's compiled code for them (measured: the 报告 page's warm visit cost the
    browser 2.2 s CPU instead of 2.9 s). Otherwise an in-memory context, as session 5 measured.
    """
    options: dict[str, Any] = {"viewport": {"width": 1440, "height": 1000}, "locale": "zh-CN"}
    with tempfile.TemporaryDirectory(prefix="first-paint-profile-") as folder:
        browser: Browser | None = None
        if on_disk:
            context = pw.chromium.launch_persistent_context(folder, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                                            **options)
        else:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(**options)
        context.add_init_script(WATCH_JS)
        try:
            yield context
        finally:
            context.close()
            if browser is not None:
                browser.close()


def _rss_mb(pid: int) -> float | None:
    """Resident memory of the server process (what one Streamlit process holds after the visits)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_params(db: Path) -> str:
    """``synthetic=1`` when no document of ``db`` is a real one (else the pages would show nothing), else ''."""
    with duckdb.connect(str(db), read_only=True) as con:
        [(real,)] = con.sql("SELECT count(*) FROM documents WHERE NOT is_synthetic").fetchall()
    return "" if real else "synthetic=1"


def page_url(base: str, path: str, params: str) -> str:
    """The page's address with ``params`` (a query string, possibly empty) appended."""
    query = urllib.parse.urlencode(urllib.parse.parse_qsl(params)) if params else ""
    return f"{base}/{path}" + (f"?{query}" if query else "")


def measure(db: Path, data: Path, pages: Sequence[tuple[str, str, str]], warm: int, log_dir: Path,
            timeout_s: float = 120, params: str = "", server: str = "serve",
            wait_warmup: bool = True, on_disk: bool = True) -> dict[str, Any]:
    """Per page: a fresh server, one cold visit and ``warm`` warm visits. Returns the visits and the server log."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "server.log"
    log_file.write_text("")
    visits: list[Visit] = []
    rss: dict[str, float | None] = {}
    warmup_s: dict[str, float | None] = {}
    with sync_playwright() as pw:
        for path, title, _ in pages:
            with (streamlit_server(db, data, log_file, server, wait_warmup) as (url, proc, warmed),
                  fresh_context(pw, on_disk) as context):
                warmup_s[title] = warmed
                for i in range(1 + warm):
                    kind = "cold" if i == 0 else "warm"
                    v = visit(context, page_url(url, path, params), title, kind, timeout_s, proc.pid)
                    visits.append(v)
                    log(f"{title} {kind}: ready {fmt(v.ready_ms)} ms, content {fmt(v.content_ms)} ms, "
                        f"script {fmt(v.run_start_ms)}-{fmt(v.run_end_ms)} ms, CPU server {fmt(v.server_cpu_ms)} ms "
                        f"browser {fmt(v.browser_cpu_ms)} ms")
                rss[title] = _rss_mb(proc.pid)
    return {"visits": [asdict(v) for v in visits], "server_rss_mb": rss, "warmup_s": warmup_s,
            "server_log": str(log_file)}


def page_queries(db: Path, data: Path) -> dict[str, dict[str, float]]:
    """Per page, the summed uncached query time (first call and p50) from the query benchmark's child.

    The child (bench/pages.py) runs every call the page registers, plus the sidebar's, with sample arguments:
    close to, not exactly, what the page's default view asks.
    """
    os.environ["REPORTS_DATA"] = str(data)  # the child inherits it (corrections log); REPORTS_DB is set by run_child
    res = run_child("queries", {"db": str(db), "repeats": 5, "budget_s": 3.0})
    sidebar = res["pages"].get(next(iter(res["pages"])), [])  # the app's own calls run before every page
    out: dict[str, dict[str, float]] = {}
    for _, title, reg in PAGES:
        rows = sidebar + res["pages"].get(reg, [])
        out[title] = {"cold_ms": sum(r.get("cold_ms", 0.0) for r in rows),
                      "p50_ms": sum(r.get("p50_ms", 0.0) for r in rows),
                      "slowest": max(rows, key=lambda r: r.get("p50_ms", 0.0)).get("call", "") if rows else ""}
    return out


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        return out.stdout.strip()
    except OSError:
        return ""


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.first_paint", description=__doc__.split("\n")[0])
    p.add_argument("--db", type=Path, required=True, help="an existing database (opened read-only, never built)")
    p.add_argument("--data", type=Path, required=True, help="the data folder that database was built from")
    p.add_argument("--pages", default="all", help="url paths, comma separated ('overview' for 总览; default all)")
    p.add_argument("--warm", type=int, default=5, help="repeat visits per page after the cold one (default 5)")
    p.add_argument("--timeout", type=float, default=120, help="seconds to wait for one page (default 120)")
    p.add_argument("--queries", action="store_true", help="also time the pages' queries alone (bench/pages.py)")
    p.add_argument("--params", default="auto",
                   help="query string added to every page (default auto: synthetic=1 for an all-synthetic database)")
    p.add_argument("--server", choices=sorted(SERVERS), default="serve",
                   help="serve: python -m dashboard.serve, warmed (default); plain: streamlit run app.py")
    p.add_argument("--cold-at-once", action="store_true",
                   help="serve: the cold visit as soon as the server answers, not after its warm-up")
    p.add_argument("--in-memory", action="store_true",
                   help="browser profile in memory, no compiled-code cache (session 5's way) instead of on disk")
    p.add_argument("--json", type=Path, help="write the visits and summary here")
    p.add_argument("--log-dir", type=Path, default=Path("/tmp/first-paint"), help="the server log goes here")
    args = p.parse_args(argv)
    db, data = args.db.expanduser().resolve(), args.data.expanduser().resolve()
    if not db.is_file():
        print(f"first_paint: no database at {db}; build it first (python -m etl build --data DATA --db {db}), "
              "the app would otherwise build it on first start", file=sys.stderr)
        return 2
    if not CHROMIUM.exists():
        print(f"first_paint: Chromium is not installed at {CHROMIUM}", file=sys.stderr)
        return 2
    wanted = {w.strip() for w in args.pages.split(",") if w.strip()}
    pages = [pg for pg in PAGES if args.pages == "all" or (pg[0] or "overview") in wanted]
    if not pages:
        print(f"first_paint: no page matches {args.pages!r}", file=sys.stderr)
        return 2
    params = default_params(db) if args.params == "auto" else args.params
    started, load0 = datetime.now().isoformat(timespec="seconds"), load_avg()
    result = measure(db, data, pages, max(0, args.warm), args.log_dir, args.timeout, params, args.server,
                     not args.cold_at_once, not args.in_memory)
    if args.queries:
        log("timing the pages' queries alone")
        result["queries"] = page_queries(db, data)
    result.update(server=args.server, cold_at_once=args.cold_at_once, params=params, profile_on_disk=not args.in_memory)
    result.update(db=str(db), db_mb=db.stat().st_size / 1e6, data=str(data), started=started, load_before=load0,
                  load_after=load_avg(), commit=_commit(), warm=args.warm, quiet_ms=QUIET_MS)
    result["summary"] = summarise(result)
    print(render(result["summary"]))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1))
        print(f"first_paint: wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

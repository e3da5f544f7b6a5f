"""The first-paint benchmark's results: one visit's record, the per-page summary and its markdown table.

Why apart from bench/first_paint.py: that module drives the server and the browser; this one only counts, so
it stays small and is read without Playwright. Milestones are defined in bench/first_paint.py's docstring.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

TARGET_MS = 2000.0  # issue 15: first paint of each page <= 2 s at 100k

# (url path, title, query-registry page) in app.py's PAGES order; Streamlit names a page's URL after its file
# and serves the default page (the first) at "/". The import page is left out: it is an admin form.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("", "总览", "overview"), ("trends", "趋势", "trends"), ("regions", "地区对比", "regions"),
    ("reports", "报告", "reports"), ("brief", "周报", "brief"), ("quality", "数据质量", "quality"),
)


@dataclass
class Visit:
    """One page load: the browser's milestones in ms since navigation start (None: not reached)."""

    page: str
    kind: str  # "cold" (first visit to a fresh server) or "warm" (a new session, results cached)
    ready_ms: float | None
    content_ms: float | None
    run_start_ms: float | None
    run_end_ms: float | None
    dom_ms: float | None  # DOMContentLoaded: the static app shell
    errors: int
    load1: float
    server_cpu_ms: float | None = None  # CPU the server spent on the visit (user + system)
    browser_cpu_ms: float | None = None  # CPU of Chromium's processes (and Playwright's driver) on the visit


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    k = q * (len(s) - 1)
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def _parts(v: Visit) -> tuple[float | None, float | None, float | None]:
    """(script start, script, drawing after it) of one visit, in ms; None where a milestone was not seen."""
    script = v.run_end_ms - v.run_start_ms if v.run_end_ms is not None and v.run_start_ms is not None else None
    draw = v.ready_ms - v.run_end_ms if v.ready_ms is not None and v.run_end_ms is not None else None
    return v.run_start_ms, script, draw


def _median(values: list[float | None]) -> float | None:
    seen = [x for x in values if x is not None]
    return statistics.median(seen) if seen else None


def summarise(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per page: cold and warm ready times, their parts (warm: medians), the load seen."""
    rows = []
    visits = [Visit(**v) for v in result["visits"]]
    for _, title, _ in PAGES:
        mine = [v for v in visits if v.page == title]
        if not mine:
            continue
        cold = next((v for v in mine if v.kind == "cold"), None)
        warm_visits = [v for v in mine if v.kind == "warm"]
        warm = [v.ready_ms for v in warm_visits if v.ready_ms is not None]
        cold_parts = _parts(cold) if cold else (None, None, None)
        warm_parts = [_parts(v) for v in warm_visits]
        row = {"page": title, "cold_ms": cold.ready_ms if cold else None,
               "cold_content_ms": cold.content_ms if cold else None, "cold_start_ms": cold_parts[0],
               "cold_script_ms": cold_parts[1], "cold_draw_ms": cold_parts[2],
               "warm_n": len(warm), "warm_p50_ms": statistics.median(warm) if warm else None,
               "warm_p95_ms": _pct(warm, 0.95) if warm else None,
               "warm_start_ms": _median([p[0] for p in warm_parts]),
               "warm_script_ms": _median([p[1] for p in warm_parts]),
               "warm_draw_ms": _median([p[2] for p in warm_parts]),
               "load": (min(v.load1 for v in mine), max(v.load1 for v in mine)),
               "errors": sum(v.errors for v in mine),
               "missed": sum(1 for v in mine if v.ready_ms is None)}
        row["warmup_s"] = result.get("warmup_s", {}).get(title)
        for who in ("server", "browser"):
            row[f"cold_{who}_cpu_ms"] = getattr(cold, f"{who}_cpu_ms") if cold else None
            row[f"warm_{who}_cpu_ms"] = _median([getattr(v, f"{who}_cpu_ms") for v in warm_visits])
        q = result.get("queries", {}).get(title)
        if q:
            row["query_cold_ms"], row["query_p50_ms"] = q["cold_ms"], q["p50_ms"]
        rows.append(row)
    return rows


def fmt(ms: float | None) -> str:
    return "-" if ms is None else f"{ms:.0f}"


def render(rows: list[dict[str, Any]]) -> str:
    """The summary as a markdown table (ms); a time over the 2 s target is marked ✗.

    Parts: until the script starts (page shell, websocket, session) / the script's run / the browser's
    drawing after it; the cold visit's, and the medians of the warm ones. CPU: ms of CPU the server and the
    browser spent on the visit (the cold one; the median of the warm ones), which load does not inflate.
    """
    queries = any("query_cold_ms" in r for r in rows)
    head = ("| page | cold ready | cold parts: start / script / drawing | warm p50 | warm p95 | warm parts (p50) "
            + ("| queries alone cold / p50 " if queries else "")
            + "| CPU server / browser: cold; warm p50 | server warm-up | load (1 min) |")
    lines = [head, "|---|---:|---:|---:|---:|---:|" + ("---:|" if queries else "") + "---:|---:|---|"]

    def mark(ms: float | None) -> str:
        return fmt(ms) + (" ✗" if ms is not None and ms > TARGET_MS else "")

    for r in rows:
        q = (f"{fmt(r.get('query_cold_ms'))} / {fmt(r.get('query_p50_ms'))} | " if "query_cold_ms" in r else "- | ")
        extra = (f" ({r['missed']} not ready)" if r["missed"] else "") + (f" ({r['errors']} errors)" if r["errors"] else "")
        cold = " / ".join(fmt(r[k]) for k in ("cold_start_ms", "cold_script_ms", "cold_draw_ms"))
        warm = " / ".join(fmt(r[k]) for k in ("warm_start_ms", "warm_script_ms", "warm_draw_ms"))
        cpu = (f"{fmt(r.get('cold_server_cpu_ms'))} / {fmt(r.get('cold_browser_cpu_ms'))}; "
               f"{fmt(r.get('warm_server_cpu_ms'))} / {fmt(r.get('warm_browser_cpu_ms'))}")
        warmup = "-" if r.get("warmup_s") is None else f"{r['warmup_s']:.1f} s"
        lines.append(f"| {r['page']}{extra} | {mark(r['cold_ms'])} | {cold} | {mark(r['warm_p50_ms'])} "
                     f"| {mark(r['warm_p95_ms'])} | {warm} | {q if queries else ''}{cpu} | {warmup} "
                     f"| {r['load'][0]:.1f}-{r['load'][1]:.1f} |")
    return "\n".join(lines)

"""p50/p95 of every dashboard query the pages make, in its own child process (``run_child("queries", ...)``).

The calls and their arguments come from the pages' own list (``dashboard/queries/registry.py``); the
Streamlit result cache is bypassed, so a timing is what the first visitor after a build waits for. Only this
child imports the dashboard (and Streamlit): the build children must not, their peak memory is measured.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import statistics
import time
import warnings
from typing import Any

from bench.settings import load_avg
from dashboard import db
from dashboard.queries import registry, samples


def child_main(spec_json: str) -> None:
    """Entry point of the queries child (see ``bench.children.run_child``): prints one JSON line."""
    print(json.dumps(queries_child(json.loads(spec_json)), ensure_ascii=False))


def queries_child(spec: dict[str, Any]) -> dict[str, Any]:
    """Time every page's queries against REPORTS_DB, bypassing the result cache."""
    warnings.filterwarnings("ignore")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    db.query = db.query_uncached  # what a cache miss costs: the first view after every build
    repeats, budget = int(spec["repeats"]), float(spec["budget_s"])
    t0 = time.perf_counter()
    picks = samples.pick(db.query_uncached)
    open_s = time.perf_counter() - t0  # includes opening the database file
    pages = registry.by_page(picks)  # the pages' own list of the calls they make
    out_pages: dict[str, list[dict[str, Any]]] = {}
    for page, calls in pages.items():
        rows = []
        for label, fn in calls:
            row: dict[str, Any] = {"call": label}
            try:
                t = time.perf_counter()
                res = fn()
                row["cold_ms"] = (time.perf_counter() - t) * 1000
                samples_ms = []
                spent = 0.0
                while len(samples_ms) < repeats and (spent < budget or len(samples_ms) < 3):
                    t = time.perf_counter()
                    fn()
                    dt = time.perf_counter() - t
                    samples_ms.append(dt * 1000)
                    spent += dt
                row.update(n=len(samples_ms), p50_ms=statistics.median(samples_ms), p95_ms=_p95(samples_ms),
                           rows=_rows(res))
            except Exception as exc:  # a query that changed signature or broke: report it, time the rest
                row["error"] = f"{type(exc).__name__}: {exc}"[:300]
            rows.append(row)
        out_pages[page] = rows
    functions = registry.functions()
    untimed = []
    for n in registry.uncalled():
        names = functions[n].__code__.co_names  # not getsource: the file may have changed since the import
        untimed.append({"function": n, "reads_db": "db" in names and ("query" in names or "query_uncached" in names)})
    picked = {k: v for k, v in dataclasses.asdict(picks).items() if k not in ("paths", "now")}
    return {"picks": picked, "open_s": open_s, "pages": out_pages,
            "untimed": untimed, "load": load_avg(), "repeats": repeats}


def _p95(samples: list[float]) -> float:
    s = sorted(samples)
    if len(s) == 1:
        return s[0]
    k = 0.95 * (len(s) - 1)
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def _rows(res: Any) -> int | None:
    if hasattr(res, "rows") and hasattr(res.rows, "__len__"):  # Ranking
        return len(res.rows)
    if isinstance(res, tuple) and len(res) == 2 and hasattr(res[1], "__len__"):  # headline
        return len(res[1])
    try:
        return len(res)
    except TypeError:
        return None

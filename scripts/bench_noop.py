"""How long `python -m etl build` takes when there is nothing to do (issue 15: target 0.3 s).

For each corpus — (a) the bundled reports (data/reports/, copied) and (b) a synthetic one
(``python -m etl synth``, 3,000 documents by default) — it builds once, then runs the same
no-change CLI build ``--runs`` times, each in a fresh process as a user would, and reports the
median and p90 wall time, the CPU time of the child (user + sys, less disturbed by other load on a
shared machine), the bare interpreter start (``python -c pass``) as the floor, and the slowest
imports from one ``python -X importtime`` run. Every timed run must say "无变化" (else the numbers
would be of another path) and the script stops if one does not.

``--repo`` runs the CLI of another checkout (e.g. the code before a change, unpacked with
``git archive``), so before and after are measured on the same corpora and machine.

    .venv/bin/python scripts/bench_noop.py [--runs 20] [--docs 3000] [--repo PATH] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORKDIR = Path("/tmp/etl-bench-noop")
NO_CHANGE = "无变化"


def _env(repo: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(repo), "REPORTS_DATA": "", "REPORTS_DB": ""}


def _cli(data: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "etl", "build", "--data", str(data), "--db", str(db), "--no-progress"]


def corpora(workdir: Path, docs: int, repo: Path) -> dict[str, Path]:
    """The bundled reports and a synthetic corpus under ``workdir`` (written once, then reused)."""
    bundled = workdir / "bundled"
    if not bundled.exists():
        shutil.copytree(REPO / "data" / "reports", bundled / "reports")
    synth = workdir / f"synth{docs}"
    if not synth.exists():
        subprocess.run([sys.executable, "-m", "etl", "synth", "--docs", str(docs), "--out", str(synth)],
                       cwd=repo, env=_env(repo), check=True, capture_output=True)
    return {"bundled (5 reports)": bundled, f"synthetic ({docs} documents)": synth}


def timed(cmd: list[str], repo: Path) -> tuple[float, float, str]:
    """(wall seconds, child CPU seconds, stdout) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, cwd=repo, env=_env(repo), capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"build failed ({out.returncode}): {out.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def p90(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=10, method="inclusive")[-1] if len(xs) > 1 else xs[0]


def import_top(cmd: list[str], repo: Path, top: int) -> list[tuple[str, float]]:
    """The ``top`` top-level imports by cumulative milliseconds, from one ``-X importtime`` run."""
    out = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], cwd=repo, env=_env(repo),
                         capture_output=True, text=True, timeout=600)
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cum_us, name = line[len("import time:"):].split("|")
        if name.startswith("  "):  # nested: counted in its parent's cumulative time
            continue
        rows.append((name.strip(), int(cum_us) / 1000))
    return sorted(rows, key=lambda r: -r[1])[:top]


def measure(name: str, data: Path, repo: Path, runs: int, db_dir: Path) -> dict:
    db = db_dir / (data.name + ".duckdb")
    cmd = _cli(data, db)
    timed(cmd, repo)  # the full build
    timed(cmd, repo)  # the first no-change build may still rerun the post-build steps
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu, out = timed(cmd, repo)
        if NO_CHANGE not in out:
            raise SystemExit(f"{name}: not a no-change build: {out}")
        walls.append(wall)
        cpus.append(cpu)
    return {"corpus": name, "runs": runs, "median_s": statistics.median(walls), "p90_s": p90(walls),
            "cpu_median_s": statistics.median(cpus), "imports": import_top(cmd, repo, 8)}


def floor(repo: Path, runs: int) -> float:
    """Median wall time of ``python -c pass``: what no build can go below."""
    return statistics.median(timed([sys.executable, "-c", "pass"], repo)[0] for _ in range(runs))


def render(results: dict) -> str:
    lines = [f"repo {results['repo']}, load average before/after {results['load_before']} / {results['load_after']}, "
             f"`python -c pass` median {results['floor_s']:.3f} s", "",
             "| corpus | runs | median wall s | p90 wall s | median CPU s |", "|---|---|---|---|---|"]
    for r in results["corpora"]:
        lines.append(f"| {r['corpus']} | {r['runs']} | {r['median_s']:.3f} | {r['p90_s']:.3f} | {r['cpu_median_s']:.3f} |")
    for r in results["corpora"]:
        top = ", ".join(f"{n} {ms:.0f}" for n, ms in r["imports"])
        lines.append(f"\nslowest top-level imports, ms cumulative ({r['corpus']}): {top}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=20, help="timed no-change builds per corpus (default 20)")
    p.add_argument("--docs", type=int, default=3000, help="synthetic corpus size in documents (default 3000)")
    p.add_argument("--repo", type=Path, default=REPO, help="checkout whose `python -m etl build` is timed")
    p.add_argument("--workdir", type=Path, default=WORKDIR, help=f"corpora and databases (default {WORKDIR})")
    p.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = p.parse_args(argv)
    repo = args.repo.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    db_dir = args.workdir / ("db-" + repo.name)
    shutil.rmtree(db_dir, ignore_errors=True)  # every measurement starts from a full build of its own
    db_dir.mkdir()
    load_before = os.getloadavg()[0]
    results = {"repo": str(repo), "floor_s": floor(repo, args.runs), "load_before": round(load_before, 1),
               "corpora": [measure(name, data, repo, args.runs, db_dir)
                           for name, data in corpora(args.workdir, args.docs, repo).items()],
               "load_after": round(os.getloadavg()[0], 1)}
    print(render(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

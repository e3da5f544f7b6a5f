"""`python -m etl synth`: options, the data/ refusal and a one-line summary."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.synth.writer import RefusedOutputError, check_out_dir, generate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `python -m etl synth`."""
    parser.add_argument("--docs", type=int, required=True, help="number of documents (compilations hold 2-5)")
    parser.add_argument("--out", required=True, help="output folder (files go to OUT/0000/…)")
    parser.add_argument("--seed", type=int, default=0, help="random seed; same docs+seed -> identical bytes")
    parser.add_argument("--force", action="store_true",
                        help="allow writing into a folder named data or the repo's data/")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")


def run(args: argparse.Namespace) -> int:
    """CLI entry: refuse data/ unless --force, generate, print one summary line; exit code 2 when refused."""
    out = Path(args.out)
    try:
        check_out_dir(out, args.force)
    except RefusedOutputError as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    stats = generate(args.docs, out, args.seed, force=args.force, workers=getattr(args, "workers", None))
    secs = time.perf_counter() - t0
    print(f"synth: {stats['files']} files, {stats['documents']} documents, "
          f"{stats['bytes'] / 1e6:.1f} MB, {secs:.1f} s -> {out}")
    if stats["stale_files"]:
        print(f"synth: warning: {stats['stale_files']} older synth_*.txt files beyond this run are still in {out}; "
              "use an empty folder", file=sys.stderr)
    return 0

"""Measure how often each family of figures is right on labelled texts; write etl/extract/catalog/confidence.toml.

    python scripts/calibrate.py            # fit on the test part, write the table
    python scripts/calibrate.py --report   # reliability on the development part: per confidence, share right

Fitted on the test part (issue 11: "calibrate each figure's confidence on the test part"): the rules were
tuned on the development part, so there they are right more often than on reports nobody read; the test
part behaves like those. Only confidences are fitted there, never a rule. The development part then shows
how well the numbers carry over (--report).

Matching follows ../shared/tools/score.py: per file, (metric, kind) equal and value within 0.01.
A family's confidence is (right + 1) / (figures + 2), so a family seen twice is not called certain.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
from pathlib import Path

from etl.extract import confidence
from etl.extract.pipeline import process_text
from etl.read.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


def _gold(folder: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = collections.defaultdict(list)
    for line in (folder / "figures.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            out[g["file"]].append(g)
    return out


def _files(part: str) -> list[tuple[Path, list[dict]]]:
    own = _gold(GOLD)
    with (GOLD / "split.tsv").open(encoding="utf-8") as fh:
        names = [r["file"] for r in csv.DictReader(fh, delimiter="\t") if r["part"] == part]
    documented = {json.loads(x)["file"] for x in (GOLD / "documents.jsonl").read_text(encoding="utf-8").splitlines()
                  if x.strip()}
    out = [(GOLD / "texts" / n, own.get(n, [])) for n in names if n in documented]
    if part == "dev":
        shared = _gold(GOLD / "shared" / "gold")
        out += [(p, shared.get(p.name, [])) for p in sorted((GOLD / "shared" / "corpus").glob("*.txt"))]
        out += [(p, shared.get(p.name, [])) for p in sorted((ROOT / "data" / "reports").glob("*.txt"))]
    return out


def judged(part: str) -> list[tuple[str, float, bool]]:
    """(family, confidence, right) for every figure extracted from the part's texts."""
    out = []
    for path, gold in _files(part):
        left = [dict(g) for g in gold]
        for doc in process_text(read_file(path).text):
            counts = collections.Counter((f.metric, f.kind) for f in doc.figures)  # as etl/extract/confidence.calibrate counts
            for f in doc.figures:
                hit = next((g for g in left if g["metric"] == f.metric and g.get("kind", "actual") == f.kind
                            and abs(float(g["value"]) - f.value) <= 0.01), None)
                if hit is not None:
                    left.remove(hit)
                out.append((confidence.family(f, counts[f.metric, f.kind] > 1), f.confidence, hit is not None))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", action="store_true", help="print the test part's reliability instead of fitting")
    args = ap.parse_args()
    if args.report:
        rows = judged("dev")
        bins = collections.defaultdict(lambda: [0, 0])
        for _, c, right in rows:
            b = min(int(c * 10), 9) / 10
            bins[b][0] += 1
            bins[b][1] += right
        print("| confidence | figures | right | share right |\n|---|---|---|---|")
        for b in sorted(bins):
            n, r = bins[b]
            print(f"| {b:.1f}–{b + 0.1:.1f} | {n} | {r} | {r / n:.2f} |")
        below = [right for _, c, right in rows if c < confidence.REVIEW_BELOW]
        print(f"\nbelow {confidence.REVIEW_BELOW} (待核): {len(below)} figures, {sum(below)} right")
        return
    confidence.CONFIDENCE_PATH.write_text("", encoding="utf-8")  # measure the raw rule-of-thumb families
    confidence.table.cache_clear()
    rows = judged("test")
    counts = collections.defaultdict(lambda: [0, 0])
    for fam, _, right in rows:
        counts[fam][0] += 1
        counts[fam][1] += right
    lines = ["# How often each family of figures was right on the labelled test texts (written by",
             "# scripts/calibrate.py; do not edit by hand). family = how/cue distance/scope, see etl/extract/confidence.py.",
             "# value = (right + 1) / (figures + 2); figures and right in the comment.", "", "[family]"]
    for fam in sorted(counts):
        n, r = counts[fam]
        lines.append(f'"{fam}" = {(r + 1) / (n + 2):.3f}  # {r}/{n}')
    confidence.CONFIDENCE_PATH.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

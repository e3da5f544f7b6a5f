"""Agreement between two independent annotations of the same texts, and the list of what they disagree on.

    python scripts/gold_agreement.py tests/gold/annotations/x1 tests/gold/annotations/y1 [--out FILE.md]

Figures match as the scorer matches them: (file, part, metric, kind) and a value within 0.01.
Document fields are compared one by one (the six the scorer reads).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

FIELDS = ("province", "city", "county", "level", "year", "doc_type")


def load(folder: Path, name: str) -> list[dict]:
    path = folder / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same(a: dict, b: dict) -> bool:
    return (a["file"], a.get("part", 1), a["metric"], a.get("kind", "actual")) == \
        (b["file"], b.get("part", 1), b["metric"], b.get("kind", "actual")) and abs(float(a["value"]) - float(b["value"])) <= 0.01


def _show(f: dict) -> str:
    return f"{f['metric']} {f['value']} {f.get('kind')} {f.get('qualifier')} «{f['evidence']}»"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("x", type=Path)
    ap.add_argument("y", type=Path)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    fx, fy = load(args.x, "figures.jsonl"), load(args.y, "figures.jsonl")
    dx = {(d["file"], d.get("part", 1)): d for d in load(args.x, "documents.jsonl")}
    dy = {(d["file"], d.get("part", 1)): d for d in load(args.y, "documents.jsonl")}
    only_y = list(fy)
    both, only_x = [], []
    for f in fx:
        hit = next((g for g in only_y if same(f, g)), None)
        if hit is None:
            only_x.append(f)
        else:
            only_y.remove(hit)
            both.append(f)
    field_total = field_same = 0
    field_diffs = []
    for key in sorted(set(dx) | set(dy)):
        a, b = dx.get(key, {}), dy.get(key, {})
        for field in FIELDS:
            field_total += 1
            va, vb = a.get(field) or None, b.get(field) or None
            if va == vb:
                field_same += 1
            else:
                field_diffs.append((key, field, va, vb))
    n = len(both) * 2 + len(only_x) + len(only_y)
    f1 = 2 * len(both) / n if n else 1.0
    print(f"{args.x.name} vs {args.y.name}: figures both={len(both)} only_{args.x.name}={len(only_x)} "
          f"only_{args.y.name}={len(only_y)} agreement_F1={f1:.3f}; fields {field_same}/{field_total} "
          f"= {field_same / max(field_total, 1):.3f}")
    if args.out:
        lines = [f"# Disagreements: {args.x.name} vs {args.y.name}", ""]
        files = sorted({f["file"] for f in only_x + only_y} | {k[0] for k, *_ in field_diffs})
        for name in files:
            lines.append(f"## {name}")
            for f in only_x:
                if f["file"] == name:
                    lines.append(f"- only {args.x.name}: {_show(f)}")
            for f in only_y:
                if f["file"] == name:
                    lines.append(f"- only {args.y.name}: {_show(f)}")
            for key, field, va, vb in field_diffs:
                if key[0] == name:
                    lines.append(f"- field {field} (part {key[1]}): {args.x.name}={va!r} {args.y.name}={vb!r}")
            lines.append("")
        args.out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()

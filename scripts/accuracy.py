"""Extraction accuracy on the labelled texts, by part, metric family and error kind (docs/accuracy.md).

    python scripts/accuracy.py            # markdown tables for ../shared's gold, the development and the test part

Matching is ../shared/tools/score.py's: per file, figures are (metric, kind, value within 0.01), each gold
figure matched once; the same (metric, value, kind) said twice counts once. Document fields are the six
the scorer reads, part by part. Runs the extraction in-process (the scorer runs the CLI; same code).
"""

from __future__ import annotations

import collections
import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from etl.extract import catalog
from etl.extract.pipeline import process_text
from etl.read.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
FIELDS = ("province", "city", "county", "level", "year", "doc_type")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_ok: int = 0
    field_all: int = 0
    kinds: collections.Counter = field(default_factory=collections.Counter)
    families: dict = field(default_factory=lambda: collections.defaultdict(lambda: [0, 0, 0]))
    fields: dict = field(default_factory=lambda: collections.defaultdict(lambda: [0, 0]))

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _dedupe(figs: list[dict]) -> list[dict]:
    seen, out = set(), []
    for f in figs:
        key = (f["metric"], f.get("kind", "actual"), round(float(f["value"]), 4))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _same(a: dict, b: dict) -> bool:
    return a["metric"] == b["metric"] and a.get("kind", "actual") == b.get("kind", "actual") \
        and abs(float(a["value"]) - float(b["value"])) <= 0.01


def _error_kind(f: dict, others: list[dict]) -> str:
    """How a wrong or missed figure relates to the other side's figures of the same file."""
    v = float(f["value"])
    if any(o["metric"] == f["metric"] and o.get("kind") == f.get("kind") for o in others):
        return "value"  # the metric is there with another value (a part, another year, another body)
    if any(o["metric"] == f["metric"] and abs(float(o["value"]) - v) <= 0.01 for o in others):
        return "kind"  # actual vs target
    if any(abs(float(o["value"]) - v) <= 0.01 for o in others):
        return "metric"  # the number is right, the metric is not
    return "alone"  # nothing like it on the other side


def score(files: list[Path], gold_figs: dict[str, list[dict]], gold_docs: dict[tuple[str, int], dict]) -> Tally:
    t = Tally()
    groups = {k: m.group for k, m in catalog.load().items()}
    for path in files:
        docs = process_text(read_file(path).text)
        pred = _dedupe([{"metric": f.metric, "value": f.value, "kind": f.kind} for d in docs for f in d.figures])
        gold = _dedupe(gold_figs.get(path.name, []))
        left = list(pred)
        for g in gold:
            hit = next((p for p in left if _same(g, p)), None)
            fam = t.families[groups.get(g["metric"], "?")]
            if hit is None:
                t.fn += 1
                fam[2] += 1
                t.kinds["missed: " + _error_kind(g, pred)] += 1
            else:
                left.remove(hit)
                t.tp += 1
                fam[0] += 1
        for p in left:
            t.fp += 1
            t.families[groups.get(p["metric"], "?")][1] += 1
            t.kinds["wrong: " + _error_kind(p, gold)] += 1
        for d in docs:
            g = gold_docs.get((path.name, d.part))
            if g is None:
                continue
            m = d.meta.as_dict()
            for k in FIELDS:
                ok = (g.get(k) or None) == (m.get(k) or None)
                t.field_all += 1
                t.field_ok += ok
                t.fields[k][0] += ok
                t.fields[k][1] += 1
    return t


def _gold(folder: Path) -> tuple[dict[str, list[dict]], dict[tuple[str, int], dict]]:
    figs: dict[str, list[dict]] = collections.defaultdict(list)
    for f in _jsonl(folder / "figures.jsonl"):
        figs[f["file"]].append(f)
    docs = {(d["file"], d.get("part", 1)): d for d in _jsonl(folder / "documents.jsonl")}
    return figs, docs


def parts() -> dict[str, tuple[list[Path], tuple]]:
    own = _gold(GOLD)
    shared = _gold(GOLD / "shared" / "gold")
    with (GOLD / "split.tsv").open(encoding="utf-8") as fh:
        split = {r["file"]: r["part"] for r in csv.DictReader(fh, delimiter="\t")}
    labelled = {name for name, _ in own[1]}
    by_part: dict[str, list[Path]] = {"dev": [], "test": []}
    for name in sorted(labelled):
        by_part[split[name]].append(GOLD / "texts" / name)
    shared_files = sorted((GOLD / "shared" / "corpus").glob("*.txt")) + sorted((ROOT / "data" / "reports").glob("*.txt"))
    real = ROOT / "tests" / "fixtures" / "real"
    real_files = sorted(p for p in real.iterdir() if p.suffix in (".pdf", ".html", ".docx"))
    return {"../shared gold (seeds + 79 excerpts)": (shared_files, shared),
            "own development part": (by_part["dev"], own), "own test part": (by_part["test"], own),
            "real files (PDF, HTML)": (real_files, _gold(real))}


def main() -> None:
    results = {name: (len(files), score(files, *gold)) for name, (files, gold) in parts().items()}
    print("| set | texts | figures (gold) | P | R | F1 | document fields |\n|---|---|---|---|---|---|---|")
    for name, (n, t) in results.items():
        p, r, f1 = t.prf()
        print(f"| {name} | {n} | {t.tp + t.fn} | {p:.3f} | {r:.3f} | {f1:.3f} | {t.field_ok / max(t.field_all, 1):.3f} |")
    names = list(results)
    print("\n### Per metric family (F1; figures in gold)\n")
    print("| family | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    fams = sorted({f for _, t in results.values() for f in t.families}, key=lambda g: catalog.load()
                  and min((m.grp_order for m in catalog.load().values() if m.group == g), default=99))
    for fam in fams:
        cells = []
        for _, t in results.values():
            tp, fp, fn = t.families.get(fam, [0, 0, 0])
            f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
            cells.append(f"{f1:.2f} ({tp + fn})" if tp + fp + fn else "—")
        print(f"| {fam} | " + " | ".join(cells) + " |")
    print("\n### Per error kind (figures)\n")
    kinds = sorted({k for _, t in results.values() for k in t.kinds})
    print("| error | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    for k in kinds:
        print(f"| {k} | " + " | ".join(str(t.kinds.get(k, 0)) for _, t in results.values()) + " |")
    print("\n### Document fields (share right)\n")
    print("| field | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    for k in FIELDS:
        print(f"| {k} | " + " | ".join(f"{t.fields[k][0] / max(t.fields[k][1], 1):.3f}" for _, t in results.values())
              + " |")


if __name__ == "__main__":
    main()

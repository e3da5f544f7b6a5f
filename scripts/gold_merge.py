"""Build the project's gold from two independent annotations and the adjudicator's decisions.

    python scripts/gold_merge.py   # writes tests/gold/documents.jsonl and tests/gold/figures.jsonl

For each batch N, annotations/xN and annotations/yN labelled the same texts. A figure both
labelled (same file, part, metric, kind; value within 0.01) is gold; a figure only one labelled
is gold when adjudication/decisions.jsonl keeps it. A document field both gave alike is gold; a
disputed field takes the decision's value, and a decision marked "override" (a later audit) replaces even an
agreed one. Lines keep the x annotator's wording (evidence, unit).
"""

from __future__ import annotations

import json
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"
FIELDS = ("province", "city", "county", "level", "year", "doc_type")


def _load(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _key(f: dict) -> tuple:
    return f["file"], f.get("part", 1), f["metric"], f.get("kind", "actual")


def _same(a: dict, b: dict) -> bool:
    return _key(a) == _key(b) and abs(float(a["value"]) - float(b["value"])) <= 0.01


def main() -> None:
    decisions = _load(GOLD / "adjudication" / "decisions.jsonl")
    figures: list[dict] = []
    documents: list[dict] = []
    for x in sorted((GOLD / "annotations").glob("x*")):
        y = x.with_name("y" + x.name[1:])
        fx, fy = _load(x / "figures.jsonl"), _load(y / "figures.jsonl")
        rest = list(fy)
        for f in fx:
            hit = next((g for g in rest if _same(f, g)), None)
            if hit is not None:
                rest.remove(hit)
                figures.append(f)
        dy = {(d["file"], d.get("part", 1)): d for d in _load(y / "documents.jsonl")}
        for d in _load(x / "documents.jsonl"):
            other = dy.get((d["file"], d.get("part", 1)), {})
            merged = dict(d)
            for field in FIELDS:
                if (d.get(field) or None) != (other.get(field) or None):
                    merged[field] = None  # disputed: the decision below sets it
                    merged.setdefault("_disputed", []).append(field)
            documents.append(merged)
    unknown = [d for d in decisions if d.get("type") == "figure" and d.get("decision") not in ("keep", "drop")]
    if unknown:  # a decision the merge would skip in silence (session 23 wrote "include" for 11 figures)
        raise SystemExit(f"figure decisions must be keep or drop: {unknown[0]['file']} {unknown[0].get('decision')!r}")
    for dec in decisions:
        if dec.get("type") == "figure" and dec.get("decision") == "keep":
            line = {k: dec[k] for k in ("file", "part", "metric", "value", "unit", "qualifier", "kind", "evidence")}
            if not any(_same(line, f) for f in figures):
                figures.append(line)
        elif dec.get("type") == "figure" and dec.get("decision") == "drop":
            figures = [f for f in figures if not _same(f, dec)]
    for doc in documents:
        for field in doc.pop("_disputed", []):
            dec = next((d for d in decisions if d.get("type") == "field" and d["file"] == doc["file"]
                        and d.get("part", 1) == doc.get("part", 1) and d["field"] == field), None)
            if dec is None:
                raise SystemExit(f"no decision for the disputed {field} of {doc['file']}")
            doc[field] = dec["value"]
        for dec in decisions:  # a later audit's decision on a field both annotators gave alike (level audit, session 23)
            if dec.get("type") == "field" and dec.get("override") and dec["file"] == doc["file"] \
                    and dec.get("part", 1) == doc.get("part", 1):
                doc[dec["field"]] = dec["value"]
    figures.sort(key=lambda f: (f["file"], f.get("part", 1)))
    documents.sort(key=lambda d: (d["file"], d.get("part", 1)))
    for name, rows in (("figures.jsonl", figures), ("documents.jsonl", documents)):
        (GOLD / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(documents)} documents, {len(figures)} figures")


if __name__ == "__main__":
    main()

"""Fit the keep/drop model over the prose rules' candidates (etl/extract/scorer.py) on the development texts.

    pip install scikit-learn==1.6.1        # only this script needs it; the ETL reads plain weights
    PYTHONPATH=. .venv/bin/python scripts/train_scorer.py            # cross-validated report, writes nothing
    PYTHONPATH=. .venv/bin/python scripts/train_scorer.py --write    # fit on all of it, write etl/extract/catalog/scorer.json

Training texts: the project's development part and ../shared's gold (seeds + excerpts). Never the test part:
its score (scripts/score_parts.sh) says whether the model is kept. A candidate is labelled right when its file's
gold has a figure of the same metric, kind and value. The threshold is the one that gives the best figure F1 in
5-fold cross-validation grouped by site (scripts/learned.py site_groups; repeated 5 times with sites reshuffled into
folds, averaged), measured
as the scorer measures (table figures included, a figure said twice counted once). So is the window of characters
around the number read as pairs (``PAIRS_GRID``, ``scorer.context_pairs``; (0, 0, 0) reads none); a pair seen in
fewer than ``MIN_CANDIDATES`` candidates gets no weight (it would name one text, not a way of writing).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from learned import cv_probabilities, fitted_weights, model_aside, site_groups, write_model
from sklearn.feature_extraction import DictVectorizer

from etl.extract import scorer
from etl.extract.pipeline import process_text
from etl.read.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
# (characters before the number, characters after it, the weight of one pair beside a rule feature's 1.0)
PAIRS_GRID = ((0, 0, 0.0), (20, 6, 0.3), (30, 6, 0.3))
MIN_CANDIDATES = 5


def with_pairs(feats: list[dict[str, float]], cands: list[scorer.Candidate], left: int, right: int,
               scale: float) -> list[dict[str, float]]:
    """The rules' features with each candidate's context pairs, those seen in at least MIN_CANDIDATES candidates."""
    pairs = [scorer.context_pairs(c, left, right, scale) for c in cands]
    seen = Counter(k for p in pairs for k in p)
    return [{**f, **{k: v for k, v in p.items() if seen[k] >= MIN_CANDIDATES}} for f, p in zip(feats, pairs, strict=True)]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def training_files() -> list[tuple[Path, list[dict]]]:
    """(text file, its gold figures) for the development part and ../shared's gold."""
    out = []
    shared = _jsonl(GOLD / "shared" / "gold" / "figures.jsonl")
    shared_docs = {d["file"] for d in _jsonl(GOLD / "shared" / "gold" / "documents.jsonl")}
    for folder in (ROOT / "data" / "reports", GOLD / "shared" / "corpus"):
        for p in sorted(folder.glob("*.txt")):
            if p.name in shared_docs:
                out.append((p, [f for f in shared if f["file"] == p.name]))
    own = _jsonl(GOLD / "figures.jsonl")
    own_docs = {d["file"] for d in _jsonl(GOLD / "documents.jsonl")}
    split = dict(line.split("\t")[:2] for line in (GOLD / "split.tsv").read_text(encoding="utf-8").splitlines()[1:])
    for name, part in sorted(split.items()):
        if part == "dev" and name in own_docs:
            out.append((GOLD / "texts" / name, [f for f in own if f["file"] == name]))
    return out


def _same(metric: str, kind: str, value: float, g: dict) -> bool:
    return metric == g["metric"] and kind == g.get("kind", "actual") and abs(value - float(g["value"])) <= 0.01


def figure_f1(files: list, cands: list[scorer.Candidate], groups: np.ndarray, keep: np.ndarray,
              tables: list[list]) -> tuple[float, float, float]:
    """P, R, F1 over the files as ../shared/tools/score.py counts them."""
    tp = fp = fn = 0
    for i, (_, gold) in enumerate(files):
        pred = set(tables[i])
        pred |= {(c.metric, c.kind, c.value) for c, g, k in zip(cands, groups, keep, strict=True) if g == i and k}
        unmatched = list(gold)
        for metric, kind, value in pred:
            hit = next((g for g in unmatched if _same(metric, kind, value, g)), None)
            if hit is None:
                fp += 1
            else:
                tp += 1
                unmatched.remove(hit)
        fn += len(unmatched)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="fit on all training texts and write etl/extract/catalog/scorer.json")
    ap.add_argument("--C", type=float, default=None, help="regularisation (default: chosen by cross-validation)")
    args = ap.parse_args()
    with model_aside(scorer.SCORER_PATH, scorer.model.cache_clear):  # candidates must come from the rules alone
        files = training_files()
        cand_rows: list[scorer.Candidate] = []
        feats, labels, groups, tables, ruled_rows = [], [], [], [], []
        for i, (path, gold) in enumerate(files):
            scorer.recorder = []
            docs = process_text(read_file(path).text)
            rec, scorer.recorder = scorer.recorder, None
            tables.append([(f.metric, f.kind, f.value) for d in docs for f in d.figures
                           if not f.rule.startswith("prose") or f.rule.startswith("prose-zero")])  # not the scorer's
            for cand, f, ruled_here in rec:
                cand_rows.append(cand)
                feats.append(f)
                ruled_rows.append(ruled_here)
                labels.append(any(_same(cand.metric, cand.kind, cand.value, g) for g in gold))
                groups.append(i)
    y, grp = np.array(labels), np.array(groups)
    sites = site_groups([p for p, _ in files])[grp]  # the folds' groups; grp stays the file, which the F1 adds up by
    rules = np.array([c.rule_keep for c in cand_rows])
    # where the rules decide (scorer.rules_decide: series, _RULES_DECIDE wordings, a clean-up's outcomes), the model's
    # answer is not used at run time, so it is not scored here either
    ruled = np.array(ruled_rows, dtype=bool)
    print(f"{len(files)} files, {len(y)} candidates, {int(y.sum())} right; rules keep {int(rules.sum())}, "
          f"{int((rules & y).sum())} of them right", file=sys.stderr)
    p, r, f1 = figure_f1(files, cand_rows, grp, rules, tables)
    print(f"rules alone:            P={p:.3f} R={r:.3f} F1={f1:.3f}", file=sys.stderr)
    best = None
    repeats = 5  # 5-fold CV repeated with files shuffled into folds anew: one split of ~300 files is noisy
    for window in PAIRS_GRID:
        x = DictVectorizer().fit_transform(with_pairs(feats, cand_rows, *window))
        for c in ([args.C] if args.C else [0.1, 0.3, 1.0, 3.0]):
            probs = cv_probabilities(x, y, sites, c, repeats)
            for mode in ("decide", "drop_only"):
                for t in np.arange(0.1, 0.8, 0.05):
                    scores = [figure_f1(files, cand_rows, grp, np.where(
                        ruled, rules, (pr >= t) & (rules if mode == "drop_only" else True)), tables) for pr in probs]
                    p, r, f1 = (float(np.mean([sc[k] for sc in scores])) for k in range(3))
                    if best is None or f1 > best[0] + 1e-9:
                        best = (f1, c, float(round(t, 2)), p, r, mode, window)
            print(f"pairs {window}, C={c}: best cross-validated F1 so far {best[0]:.3f} (C={best[1]}, threshold "
                  f"{best[2]}, {best[5]}, pairs {best[6]})", file=sys.stderr)
    f1, c, t, p, r, mode, window = best
    print(f"model, cross-validated: P={p:.3f} R={r:.3f} F1={f1:.3f} (C={c}, threshold {t}, {mode}, pairs {window})",
          file=sys.stderr)
    if args.write:
        vec = DictVectorizer()
        x = vec.fit_transform(with_pairs(feats, cand_rows, *window))
        weights = fitted_weights(x, y, vec, c)
        write_model(scorer.SCORER_PATH, "train_scorer.py",
                    {"C": c, "threshold": t, "mode": mode, "training_files": len(files), "candidates": len(y),
                     "cross_validated": {"P": round(p, 3), "R": round(r, 3), "F1": round(f1, 3)},
                     **({"context_pairs": dict(zip(("left", "right", "scale"), window, strict=True))}
                        if window[2] > 0 else {})}, weights)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

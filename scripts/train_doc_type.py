"""Fit the loose-kind decision (etl/extract/doc_type_model.py) on the development texts and ../shared's gold.

    pip install scikit-learn==1.6.1
    PYTHONPATH=. .venv/bin/python scripts/train_doc_type.py            # cross-validated doc_type accuracy, writes nothing
    PYTHONPATH=. .venv/bin/python scripts/train_doc_type.py --write    # fit on all of it, write etl/extract/catalog/doc_type.json

Only documents the rules give a kind the model re-decides (annual_report, news, other; not a report whose title
names its year) are learned from; a gold plan
kind among them is taught as annual_report (the model cannot give a plan's kind), but accuracy is always scored against
the gold kinds of every document. Whether the text's writing marks are read (``doc_type_model.writing_marks``), the
pairs' window and weight (``TEXT_GRID``) and C are chosen by 5-fold
cross-validation grouped by site (scripts/learned.py site_groups), repeated 3 times, on the training texts only.
The test part is scored once, after (scripts/score_parts.sh), to say whether the shipped model is kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import numpy as np
from learned import model_aside, recorded, site_groups
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from train_level import MIN_DOCS, training_docs

from etl.extract import doc_type_model

# (characters of the opening read as pairs, the weight of one pair beside the rules' answer's 1.0)
TEXT_GRID = ((300, 0.3), (300, 0.5), (600, 0.5), (1000, 0.5))
CS = (1.0, 3.0, 10.0)


def _features(rows: list[tuple[str, str, str, dict[str, float]]], chars: int, scale: float,
              marks: bool) -> list[dict[str, float]]:
    """Each (rules' kind, title, text, writing marks)'s cues, with the marks or without; a pair read in fewer than
    MIN_DOCS documents gets no weight."""
    feats = [doc_type_model.cues(kind, title, text, chars, scale) | (mark if marks else {})
             for kind, title, text, mark in rows]
    seen = Counter(k for f in feats for k in f if k.startswith(("bg:", "t:")))
    return [{k: v for k, v in f.items() if not k.startswith(("bg:", "t:")) or seen[k] >= MIN_DOCS} for f in feats]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    rows, labels, gold_kinds, groups = [], [], [], []
    fixed = []  # (gold, rules) of the documents whose kind the rules keep
    files = training_docs()
    with model_aside(doc_type_model.DOC_TYPE_MODEL_PATH, doc_type_model.model.cache_clear):
        for i, gold, docs, recs in recorded(doc_type_model, files):
            for d, (rec, rules_type) in zip(docs, recs, strict=True):
                g = gold.get(d.part)
                if g is None:
                    continue
                if rec is None:
                    fixed.append((g["doc_type"], rules_type))
                    continue
                rows.append((rules_type, *rec))
                gold_kinds.append(g["doc_type"])
                labels.append(g["doc_type"] if g["doc_type"] in doc_type_model.LOOSE else "annual_report")
                groups.append(i)
    y, gold_y = np.array(labels), np.array(gold_kinds)
    grp = site_groups([p for p, _ in files])[np.array(groups)]
    fixed_right = sum(g == r for g, r in fixed)
    total = len(y) + len(fixed)
    rules = np.array([row[0] for row in rows])
    print(f"{total} documents ({len(fixed)} the model leaves alone: plans, briefings, reports titled with their year); "
          f"doc_type accuracy, rules alone: {(np.sum(rules == gold_y) + fixed_right) / total:.3f}", file=sys.stderr)
    best = None
    for marks, (chars, scale) in ((m, g) for m in (False, True) for g in TEXT_GRID):
        x = DictVectorizer().fit_transform(_features(rows, chars, scale, marks))
        for c in CS:
            accs = []
            for seed in range(3):
                order = np.random.default_rng(seed).permutation(int(grp.max()) + 1)
                pred = np.empty(len(y), dtype=object)
                for train, held in GroupKFold(n_splits=5).split(x, y, order[grp]):
                    m = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(x[train], y[train])
                    pred[held] = m.predict(x[held])
                accs.append((np.sum(pred == gold_y) + fixed_right) / total)
            acc = float(np.mean(accs))
            if best is None or acc > best[0] + 1e-9:
                best = (acc, c, chars, scale, marks)
        print(f"  pairs of {chars} characters x {scale}, writing marks {marks}: best cross-validated doc_type accuracy "
              f"so far {best[0]:.3f}", file=sys.stderr)
    acc, c, chars, scale, marks = best
    print(f"model, cross-validated doc_type accuracy {acc:.3f} (C={c}, pairs of {chars} characters x {scale}, "
          f"writing marks {marks})", file=sys.stderr)
    if args.write:
        vec = DictVectorizer()
        x = vec.fit_transform(_features(rows, chars, scale, marks))
        m = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(x, y)
        classes = [str(k) for k in m.classes_]
        weights = {name: [round(float(w), 4) for w in m.coef_[:, j]] for j, name in enumerate(vec.get_feature_names_out())
                   if np.abs(m.coef_[:, j]).max() >= 1e-4}
        doc_type_model.DOC_TYPE_MODEL_PATH.write_text(json.dumps(
            {"about": "written by scripts/train_doc_type.py; do not edit by hand", "C": c, "text_chars": chars,
             "text_scale": scale, "writing_marks": marks, "documents": total,
             "cross_validated_accuracy": round(acc, 3), "classes": classes, "weights": dict(sorted(weights.items()))},
            ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {doc_type_model.DOC_TYPE_MODEL_PATH} (C={c})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fit the loose-kind decision (etl/extract/doc_type_model.py) on the development texts and ../shared's gold.

    pip install scikit-learn==1.6.1
    PYTHONPATH=. .venv/bin/python scripts/train_doc_type.py            # cross-validated doc_type accuracy, writes nothing
    PYTHONPATH=. .venv/bin/python scripts/train_doc_type.py --write    # fit on all of it, write etl/extract/catalog/doc_type.json

Only documents the rules give a loose kind (annual_report, news, briefing, other) are learned from; a gold plan kind
among them is taught as annual_report (the model cannot give a plan's kind). C is chosen by 5-fold cross-validation
grouped by file, repeated 3 times, on the whole doc_type accuracy; the test part (scripts/score_parts.sh) decides
whether the model is kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import numpy as np
from learned import model_aside
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from train_level import MIN_DOCS, training_docs

from etl.extract import doc_type_model
from etl.extract.pipeline import process_text
from etl.read.readers import read_file


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    feats, labels, groups, fixed = [], [], [], []  # fixed: (gold, rules) of the documents the model never sees
    with model_aside(doc_type_model.DOC_TYPE_MODEL_PATH, doc_type_model.model.cache_clear):
        for i, (path, gold) in enumerate(training_docs()):
            doc_type_model.recorder = []
            docs = process_text(read_file(path).text)
            recs, doc_type_model.recorder = doc_type_model.recorder, None
            if len(recs) != len(docs):
                continue
            for d, (rec, rules_type) in zip(docs, recs, strict=True):
                g = gold.get(d.part)
                if g is None:
                    continue
                if rec is None:
                    fixed.append((g["doc_type"], rules_type))
                    continue
                feats.append(rec)
                labels.append(g["doc_type"] if g["doc_type"] in doc_type_model.LOOSE else "annual_report")
                groups.append(i)
    seen = Counter(k for f in feats for k in f if k.startswith(("bg:", "t:")))
    feats = [{k: v for k, v in f.items() if not k.startswith(("bg:", "t:")) or seen[k] >= MIN_DOCS} for f in feats]
    y, grp = np.array(labels), np.array(groups)
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    rules = np.array([max((k for k in f if k.startswith("rules=")), default="rules=")[6:] for f in feats])
    fixed_right = sum(g == r for g, r in fixed)
    total = len(y) + len(fixed)
    print(f"{total} documents ({len(fixed)} plans the model leaves alone); doc_type accuracy, rules alone: "
          f"{(np.sum(rules == y) + fixed_right) / total:.3f}", file=sys.stderr)
    best = None
    for c in (0.3, 1.0, 3.0, 10.0):
        accs = []
        for seed in range(3):
            order = np.random.default_rng(seed).permutation(int(grp.max()) + 1)
            pred = np.empty(len(y), dtype=object)
            for train, held in GroupKFold(n_splits=5).split(x, y, order[grp]):
                m = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(x[train], y[train])
                pred[held] = m.predict(x[held])
            accs.append((np.sum(pred == y) + fixed_right) / total)
        acc = float(np.mean(accs))
        print(f"  C={c}: cross-validated doc_type accuracy {acc:.3f}", file=sys.stderr)
        if best is None or acc > best[0] + 1e-9:
            best = (acc, c)
    acc, c = best
    if args.write:
        m = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(x, y)
        classes = [str(k) for k in m.classes_]
        weights = {name: [round(float(w), 4) for w in m.coef_[:, j]] for j, name in enumerate(vec.get_feature_names_out())
                   if np.abs(m.coef_[:, j]).max() >= 1e-4}
        doc_type_model.DOC_TYPE_MODEL_PATH.write_text(json.dumps(
            {"about": "written by scripts/train_doc_type.py; do not edit by hand", "C": c, "documents": total,
             "cross_validated_accuracy": round(acc, 3), "classes": classes, "weights": dict(sorted(weights.items()))},
            ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {doc_type_model.DOC_TYPE_MODEL_PATH} (C={c})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

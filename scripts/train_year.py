"""Fit the year choice (etl/extract/year_model.py) on the development texts and ../shared's gold.

    pip install scikit-learn==1.6.1
    PYTHONPATH=. .venv/bin/python scripts/train_year.py            # cross-validated year accuracy, writes nothing
    PYTHONPATH=. .venv/bin/python scripts/train_year.py --write    # fit on all of it, write etl/extract/catalog/year.json

Each candidate of a document (a year it names, its page's year and the one before, the rules' answer, no year) is one
example, labelled by whether it is the gold year; the document's answer is its best-scored candidate, or none where
the rules found none or read their year from a cue the text does not write as a year (etl/extract/year_model.py
``choose``). C is chosen by
5-fold cross-validation grouped by site (scripts/learned.py site_groups), repeated 5 times, on the training texts
only; the model is written only if it beats the rules there. The test part is scored once, after
(scripts/score_parts.sh), to say whether the shipped model is kept.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from learned import fitted_weights, gold_records, model_aside, site_groups, write_model
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from train_level import training_docs

from etl.extract import year_model


def _accuracy(scores: np.ndarray, doc_of: np.ndarray, right: np.ndarray, docs: int,
              allowed: np.ndarray | None = None) -> float:
    """The share of documents whose best-scored candidate (among the ``allowed``) is the gold year."""
    best = np.full(docs, -np.inf)
    pick = np.zeros(docs, dtype=int)
    for i, (d, s) in enumerate(zip(doc_of, scores, strict=True)):
        if (allowed is None or allowed[i]) and s > best[d]:
            best[d], pick[d] = s, i
    return float(np.mean(right[pick]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    feats, labels, rules, allowed, doc_of, groups = [], [], [], [], [], []
    files = training_docs()
    docs = 0
    with model_aside(year_model.YEAR_MODEL_PATH, year_model.model.cache_clear):
        for i, g, (years, cand_feats) in gold_records(year_model, files):
            unnamed_rules = any(f.get("rules", 0.0) > 0 and f.get("unnamed", 0.0) > 0 and not f.get("pub=0", 0.0)
                                for f in cand_feats)
            for y, f in zip(years, cand_feats, strict=True):
                feats.append(f)
                labels.append(y == g.get("year"))
                rules.append(f.get("rules", 0.0) > 0 or (y is None and f.get("none&rules_none", 0.0) > 0))
                allowed.append((y is None or not cand_feats[-1].get("none&rules_none", 0.0))
                               and (not unnamed_rules or f.get("rules", 0.0) > 0))
                doc_of.append(docs)
                groups.append(i)
            docs += 1
    y, right, doc_of_a = np.array(labels), np.array(labels), np.array(doc_of)
    grp = site_groups([p for p, _ in files])[np.array(groups)]
    rules_acc = _accuracy(np.array(rules, dtype=float), doc_of_a, right, docs)
    print(f"{docs} documents, {len(y)} candidates; year accuracy, rules alone: {rules_acc:.3f}", file=sys.stderr)
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    best = None
    for c in (0.03, 0.1, 0.3, 1.0, 3.0):
        accs = []
        for seed in range(5):
            order = np.random.default_rng(seed).permutation(int(grp.max()) + 1)
            scores = np.zeros(len(y))
            for train, held in GroupKFold(n_splits=5).split(x, y, order[grp]):
                m = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(x[train], y[train])
                scores[held] = m.decision_function(x[held])
            accs.append(_accuracy(scores, doc_of_a, right, docs, np.array(allowed)))
        acc = float(np.mean(accs))
        print(f"  C={c}: cross-validated year accuracy {acc:.3f}", file=sys.stderr)
        if best is None or acc > best[0] + 1e-9:
            best = (acc, c)
    acc, c = best
    print(f"model, cross-validated year accuracy {acc:.3f} (C={c}) against the rules' {rules_acc:.3f}", file=sys.stderr)
    if args.write:
        if acc <= rules_acc:
            print("not written: the model does not beat the rules", file=sys.stderr)
            return 1
        weights = fitted_weights(x, y, vec, c)
        write_model(year_model.YEAR_MODEL_PATH, "train_year.py",
                    {"C": c, "documents": docs, "cross_validated_accuracy": round(acc, 3),
                     "rules_accuracy": round(rules_acc, 3)}, weights)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What scripts/train_scorer.py, train_level.py and train_doc_type.py share: moving a shipped model aside while the rules'
own answers are collected, repeated grouped cross-validation, and the fitted weights as plain JSON-able data."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from etl.extract.pipeline import Document, process_text
from etl.read.readers import read_file


def site_groups(paths: list[Path]) -> np.ndarray:
    """Each training file's group for cross-validation: its site (``tests/gold/split.tsv``'s source), so that no site
    lends its wording to both sides of a fold — the test part is split by site, and a model chosen on folds that share
    sites is chosen for sites it has seen. A file the split does not list (../shared's, the bundled ones) is its own."""
    split = Path(__file__).resolve().parent.parent / "tests" / "gold" / "split.tsv"
    source = {f[0]: f[2] for f in (line.split("\t") for line in split.read_text(encoding="utf-8").splitlines()[1:])
              if len(f) > 2}
    names = [source.get(p.name, f"file:{p}") if p.parent.name == "texts" else f"file:{p}" for p in paths]
    codes = {n: k for k, n in enumerate(dict.fromkeys(names))}
    return np.array([codes[n] for n in names])


@contextmanager
def model_aside(path: Path, clear: Callable[[], None]) -> Iterator[None]:
    """Run without the shipped model (the rules alone give the training candidates), then put it back."""
    saved = path.with_suffix(".json.off")
    if path.exists():
        path.rename(saved)
    clear()
    try:
        yield
    finally:
        if saved.exists():
            saved.rename(path)
        clear()


def cv_probabilities(x, y: np.ndarray, groups: np.ndarray, c: float, repeats: int = 5,
                     folds: int = 5) -> list[np.ndarray]:
    """Out-of-fold probabilities of ``repeats`` runs of grouped k-fold CV, groups reshuffled into folds each run
    (one split of a few hundred files is noisy)."""
    out = []
    for seed in range(repeats):
        order = np.random.default_rng(seed).permutation(int(groups.max()) + 1)
        prob = np.zeros(len(y))
        for train, held in GroupKFold(n_splits=folds).split(x, y, order[groups]):
            model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(x[train], y[train])
            prob[held] = model.predict_proba(x[held])[:, 1]
        out.append(prob)
    return out


def fitted_weights(x, y: np.ndarray, vec: DictVectorizer, c: float) -> dict[str, float]:
    """The model fitted on everything, as feature name -> weight (the ``bias`` feature carries the intercept)."""
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(x, y)
    return {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
            if abs(w) >= 1e-5}


def recorded(module: ModuleType, training: list[tuple[Path, Any]]) -> Iterator[tuple[int, Any, list[Document], list]]:
    """Run the rules over each training file with ``module.recorder`` collecting what the decision saw; yield (file
    index, its gold, its documents, one record per document). A file where some document never reached the decision
    (a national organ's report never asks the level model) is skipped: its records would not line up."""
    for i, (path, gold) in enumerate(training):
        module.recorder = []
        try:
            docs = process_text(read_file(path).text)
            recs = module.recorder
        finally:
            module.recorder = None
        if len(recs) == len(docs):
            yield i, gold, docs, recs


def gold_records(module: ModuleType, training: list[tuple[Path, Any]]) -> Iterator[tuple[int, dict, Any]]:
    """(file index, the document's gold, its record) for every recorded document that has gold (see ``recorded``)."""
    for i, gold, docs, recs in recorded(module, training):
        for d, rec in zip(docs, recs, strict=True):
            if (g := gold.get(d.part)) is not None:
                yield i, g, rec


def write_model(path: Path, script: str, fields: dict[str, Any], weights: dict[str, Any]) -> None:
    """A fitted model as the shipped JSON: who wrote it, its fitting choices, its weights sorted by name."""
    path.write_text(json.dumps({"about": f"written by scripts/{script}; do not edit by hand", **fields,
                                "weights": dict(sorted(weights.items()))}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


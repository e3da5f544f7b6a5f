"""The scorer's context pairs (etl/extract/scorer.py ``context_pairs``): the characters around a number, read as pairs
when the shipped model names a window, and only then."""

from __future__ import annotations

import pytest
from test_scorer import cand

from etl.extract import scorer


def test_the_pairs_are_those_of_the_window_around_the_number() -> None:
    c = cand("litigation.cases", 90, True, left="全市法院受理二审行政案件")
    c.right = "件,同比上升"
    pairs = scorer.context_pairs(c, 6, 4, 0.3)
    assert pairs["lp:二审"] == pairs["lp:案件"] == 0.3 and pairs["rp:同比"] == 0.3
    assert "lp:法院" not in pairs  # before the window
    assert "rp:上升" not in pairs  # after it
    assert scorer.context_pairs(c, 20, 6, 0.0) == {}  # a model without pairs reads none


def test_a_model_with_a_window_weighs_its_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    first = cand("enforcement.cases", 300, True, left="全年共查处各类违法案件")
    second = cand("enforcement.cases", 90, True, left="其中查处食品案件")
    weights = {"bias": 2.0, "lp:食品": -5.0}
    monkeypatch.setattr(scorer, "model", lambda: {"weights": weights, "threshold": 0.5, "mode": "decide"})
    assert scorer.decide([first, second], "news", False) == [True, True]  # no window: the pair weighs nothing
    monkeypatch.setattr(scorer, "model", lambda: {"weights": weights, "threshold": 0.5, "mode": "decide",
                                                  "context_pairs": {"left": 20, "right": 6, "scale": 1.0}})
    assert scorer.decide([first, second], "news", False) == [True, False]


def test_the_shipped_scorer_names_its_window_when_it_weighs_pairs() -> None:
    fitted = scorer.model()
    assert fitted is not None
    weighs_pairs = any(k.startswith(("lp:", "rp:")) for k in fitted["weights"])
    assert weighs_pairs == bool(fitted.get("context_pairs"))

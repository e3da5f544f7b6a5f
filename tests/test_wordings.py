"""Each family of wording these reports use for a figure, read inside a county's yearly report.

The sentences (tests/fixtures/wordings.tsv) are written from how such reports phrase a figure — the verb
families (收到/接到/新收, 受理/立案, 审结/办结, 调处/化解, 报备/报送备案 …), result-first phrasings, the topic named in
the clause before — not copied from a labelled text, so a rule that only learned its examples fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract.pipeline import process_text

HEAD = ("某某省某某市某某县人民政府关于2022年度法治政府建设情况的报告\n"
        "2022年,我县深入推进法治政府建设,现将有关情况报告如下。\n")
ROWS = [line.split("\t") for line in
        (Path(__file__).parent / "fixtures" / "wordings.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")]


def test_every_metric_family_has_wordings() -> None:
    assert len(ROWS) >= 150
    assert len({key.split(".")[0] for key, _, _ in ROWS}) >= 12


@pytest.mark.parametrize("key, value, sentence", ROWS, ids=[f"{k}:{s[:12]}" for k, _, s in ROWS])
def test_wording_read(key: str, value: str, sentence: str) -> None:
    got = {(f.metric, f.value) for d in process_text(HEAD + sentence + "\n") for f in d.figures}
    assert (key, float(value)) in got


def test_the_year_requests_are_carried_into_is_no_target() -> None:
    kinds = {f.metric: f.kind for d in process_text(HEAD + "2022年共办结政府信息公开申请16件,结转至2023年办理1件。\n")
             for f in d.figures}
    assert kinds.get("disclosure.requests_carried_forward") == "actual"


KINDS = [line.split("\t") for line in
         (Path(__file__).parent / "fixtures" / "kinds.tsv").read_text(encoding="utf-8").splitlines()
         if line and not line.startswith("#")]


@pytest.mark.parametrize("kind, key, value, sentence", KINDS, ids=[f"{k}:{s[:12]}" for k, _, _, s in KINDS])
def test_kind_read(kind: str, key: str, value: str, sentence: str) -> None:
    """A goal word between a rate and its number (率要达到, 率须达到, 率目标为), a floor (不低于) and a later year's goal
    make a target; a goal word beside a count that was achieved (按要求, 完成了年度任务) does not."""
    got = {(f.metric, f.value, f.kind) for d in process_text(HEAD + sentence + "\n") for f in d.figures}
    assert (key, float(value), kind) in got

"""A figure's confidence is its family's precision measured on the test part (etl/extract/confidence.py): the family
says whether the document gives its metric once or several times, where one of several is more often wrong."""

from __future__ import annotations

from dataclasses import dataclass

from etl.extract import confidence
from etl.extract.pipeline import process_text

HEAD = "某某县人民政府关于2022年度法治政府建设情况的报告\n2022年,我县深入推进法治政府建设。\n"


def _figures(body: str) -> dict[float, object]:
    return {f.value: f for d in process_text(HEAD + body) for f in d.figures}


def test_a_metric_said_once_and_one_said_several_times_are_of_different_families() -> None:
    figs = _figures("全年共收到行政复议申请120件。全县人民调解组织调解纠纷800件,县调委会调解纠纷95件。\n")
    assert confidence.family(figs[120.0]).endswith("/once")
    assert confidence.family(figs[120.0], several=True).endswith("/several")
    measured = confidence.table()
    # the shipped table measures both halves of a family, the several-times half no surer than the once half
    once, several = (measured.get(confidence.family(figs[120.0], s)) for s in (False, True))
    assert once is not None and several is not None and several <= once


@dataclass
class _Fig:
    metric: str
    kind: str = "actual"
    rule: str = "prose-cue:x"
    confidence: float = 0.95  # a cue next to its number: the "near" families
    scope: str = "own"
    unit: str = "件"
    area: int = 0


def test_calibrate_counts_a_metrics_figures_in_its_own_document() -> None:
    """Two figures of one metric are each one of several; a third metric's figure beside them is said once; a target
    of the same metric is another kind, said once."""
    figs = [_Fig("reconsideration.received"), _Fig("reconsideration.received"), _Fig("mediation.disputes"),
            _Fig("reconsideration.received", kind="target")]
    confidence.calibrate(figs)
    table = confidence.table()
    assert [f.confidence for f in figs] == [table["prose-cue/near/own/clause/several"]] * 2 + [
        table["prose-cue/near/own/clause/once"]] * 2
    assert table["prose-cue/near/own/clause/several"] < table["prose-cue/near/own/clause/once"]

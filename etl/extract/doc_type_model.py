"""Which loose kind a document is — annual report, news, briefing or other: the rules' answer weighed with its words.

The rules (etl/extract/meta_kind.py) read a title's last words (报告, 总结, 要点) and a page's news marks; where a text
has no title, or a bureau's news is written like a report, they disagree with the analysts (GOLD: a 总结 is an annual
report, a feature on a bureau is news, a bulletin is other). A multinomial logistic model reads the rules' answer with
the character pairs of the title and the opening; ``scripts/train_doc_type.py`` fits it on the development texts and
../shared's gold. Plans and work points (计划, 要点, 实施方案) stay the rules' alone: their titles say so, and kind.py reads
their figures as targets. Without etl/extract/catalog/doc_type.json the rules decide alone.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from etl.extract.text_pairs import char_pairs

DOC_TYPE_MODEL_PATH = Path(__file__).resolve().parent / "catalog" / "doc_type.json"
LOOSE = ("annual_report", "news", "briefing", "other")
# how much of the text the pairs are read from, and the weight of one pair beside the rules' 1.0
TEXT_CHARS = 300
TEXT_SCALE = 0.5

# set by scripts/train_doc_type.py to collect per document the features (None for a plan's kind) and the rules' answer
recorder: list[tuple[dict[str, float] | None, str]] | None = None


@lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    if not DOC_TYPE_MODEL_PATH.exists():
        return None
    return json.loads(DOC_TYPE_MODEL_PATH.read_text(encoding="utf-8"))


def cues(rules_type: str, title: str | None, text: str) -> dict[str, float]:
    """The rules' answer, the title's pairs (``t:``) and the opening's pairs (``bg:``)."""
    out = {"bias": 1.0, "rules=" + rules_type: 1.0}
    out.update(char_pairs(title or "", "t:", TEXT_SCALE))
    out.update(char_pairs(text[:TEXT_CHARS], "bg:", TEXT_SCALE))
    return out


def refine(rules_type: str, title: str | None, text: str) -> str:
    """The model's kind for a loose kind the rules gave; a plan's kind, or no shipped model, keeps the rules'."""
    loose = rules_type in LOOSE
    if recorder is not None:
        recorder.append((cues(rules_type, title, text) if loose else None, rules_type))
        return rules_type
    fitted = model()
    if not loose or fitted is None:
        return rules_type
    feats = cues(rules_type, title, text)
    classes = fitted["classes"]
    scores = [0.0] * len(classes)
    for name, value in feats.items():
        for i, w in enumerate(fitted["weights"].get(name, ())):
            scores[i] += w * value
    return classes[max(range(len(classes)), key=scores.__getitem__)]

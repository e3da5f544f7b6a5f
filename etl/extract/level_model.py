"""Is a document a department's own report, or its region's? A learned decision over the metadata rules' cues.

The rules (etl/extract/metadata.py) find a department several ways — a court or congress body speaking, a bureau as the
first sentence's subject, 我局, a statistics table's unit, a bureau in the title or organ line — and let region-wide
figures (全市…共…) or a newspaper's marks speak against it; which cue wins has grown into a precedence list that
the unseen reports disagree with (GOLD: a bureau's own caseload is the department's, region-wide figures are the
region's). A logistic model weighs all the cues at once. ``scripts/train_level.py`` fits it on the development
texts and ../shared's gold and writes etl/extract/catalog/level.json; without that file the rules decide alone.

Beside the cues, the model reads the words of the title and opening as character pairs (``text_cues``): a bureau's
item is written in its sector's words (查处, 执法, 消防, 医保, 工商), a government's report in a region's (各部门,
依法行政, 全市各级). The window and the weight of a pair are chosen with C by cross-validation (docs/accuracy.md, session 12).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from etl.extract.text_pairs import char_pairs

LEVEL_MODEL_PATH = Path(__file__).resolve().parent / "catalog" / "level.json"

# the most of the text a trainer may read pairs from (scripts/train_level.py tries windows up to this); the shipped
# model says which window and which weight per pair it was fitted with (``text_chars``, ``text_scale``)
RECORD_CHARS = 1500

# set by scripts/train_level.py to collect per document (the cues, the rules' answer, the level otherwise, the title,
# the text's opening)
recorder: list[tuple[dict[str, float], bool, str, str | None, str]] | None = None


@lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    if not LEVEL_MODEL_PATH.exists():
        return None
    fitted = json.loads(LEVEL_MODEL_PATH.read_text(encoding="utf-8"))
    if any(k.startswith("bg:") for k in fitted["weights"]) and "text_chars" not in fitted:
        # a file fitted with pairs but not saying over which window would weigh none of them, silently
        raise ValueError(f"{LEVEL_MODEL_PATH} has pair weights but no text_chars/text_scale: refit it with "
                         "scripts/train_level.py --write")
    return fitted


def active() -> bool:
    """Whether the cues are needed at all: a model is shipped or the trainer is recording."""
    return recorder is not None or model() is not None


def text_cues(title: str | None, text: str, chars: int, scale: float) -> dict[str, float]:
    """Each pair of adjacent Chinese characters of the title and the text's first ``chars``, as ``bg:XY`` -> ``scale``."""
    if chars <= 0 or scale <= 0:
        return {}
    return char_pairs((title or "") + "\n" + text[:chars], "bg:", scale)


def is_department(feats: dict[str, float], rules_say: bool, otherwise: str, title: str | None, text: str) -> bool:
    """The model's call (the cues with the title's and opening's pairs) when one is shipped, else the rules'."""
    if recorder is not None:
        recorder.append((feats, rules_say, otherwise, title, text[:RECORD_CHARS]))
    fitted = model()
    if fitted is None:
        return rules_say
    weights = fitted["weights"]
    pairs = text_cues(title, text, fitted.get("text_chars", 0), fitted.get("text_scale", 0.0))
    z = sum(weights.get(k, 0.0) * v for k, v in feats.items()) + sum(weights.get(k, 0.0) * v for k, v in pairs.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) >= fitted["threshold"]

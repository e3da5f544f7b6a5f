"""Is a document a department's own report, or its region's? A learned decision over the metadata rules' cues.

The rules (etl/extract/metadata.py) find a department several ways — a court or congress body speaking, a bureau as the
first sentence's subject, 我局, a statistics table's unit, a bureau in the title or organ line — and let region-wide
figures (全市…共…) or a newspaper's marks speak against it; which cue wins has grown into a precedence list that
the unseen reports disagree with (GOLD: a bureau's own caseload is the department's, region-wide figures are the
region's). A logistic model weighs all the cues at once. ``scripts/train_level.py`` fits it on the development
texts and ../shared's gold and writes etl/extract/catalog/level.json; without that file the rules decide alone.

Beside the cues, the model reads the words of the title and opening as character pairs (``text_cues``): a bureau's
item is written in its sector's words (查处, 执法, 消防, 医保, 工商), a government's report in a region's (各部门,
依法行政, 全市各级). On the test part the pairs took level from 0.745 to about 0.80 (docs/accuracy.md, session 12).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from etl.extract.text_pairs import char_pairs

LEVEL_MODEL_PATH = Path(__file__).resolve().parent / "catalog" / "level.json"

# how much of the text the pairs are read from, and the weight of one pair beside a cue's 1.0
TEXT_CHARS = 1000
TEXT_SCALE = 0.3

# set by scripts/train_level.py to collect (features, the rules' answer, the level otherwise) per document
recorder: list[tuple[dict[str, float], bool, str]] | None = None


@lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    if not LEVEL_MODEL_PATH.exists():
        return None
    return json.loads(LEVEL_MODEL_PATH.read_text(encoding="utf-8"))


def active() -> bool:
    """Whether the cues are needed at all: a model is shipped or the trainer is recording."""
    return recorder is not None or model() is not None


def text_cues(title: str | None, text: str) -> dict[str, float]:
    """Each pair of adjacent Chinese characters of the title and the text's opening, as ``bg:XY`` (present or not)."""
    return char_pairs((title or "") + "\n" + text[:TEXT_CHARS], "bg:", TEXT_SCALE)


def is_department(feats: dict[str, float], rules_say: bool, otherwise: str) -> bool:
    """The model's call when one is shipped, else the rules'."""
    if recorder is not None:
        recorder.append((feats, rules_say, otherwise))
    fitted = model()
    if fitted is None:
        return rules_say
    z = sum(fitted["weights"].get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) >= fitted["threshold"]

"""The pairs of adjacent Chinese characters of a text: the words a learned decision reads beside the rules' cues.

A pair is the smallest unit that carries meaning in Chinese without a tokeniser (查处, 执法, 记者, 总结), and reading
them needs no dictionary that could change under the models trained on them.
"""

from __future__ import annotations

import re

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def char_pairs(text: str, prefix: str, value: float) -> dict[str, float]:
    """Each pair inside a run of Chinese characters, as ``prefix + pair`` -> ``value`` (present or not)."""
    out: dict[str, float] = {}
    for run in _HAN_RUN.findall(text):
        for i in range(len(run) - 1):
            out[prefix + run[i:i + 2]] = value
    return out

"""What an empty page says: widen the filters — or, when only synthetic reports match, turn on 包含合成数据.

A database built from ``python -m etl synth`` output holds only synthetic reports, which are hidden by
default; without this hint every page would just ask to widen filters that are already wide open.
"""

from __future__ import annotations

from dashboard import queries
from dashboard.filters import Filters

SWITCH = "包含合成数据"


def synthetic_hint(f: Filters) -> str | None:
    """The pointer to the switch when hidden synthetic reports would match ``f``, else None."""
    n = queries.hidden_synthetic(f)
    if not n:
        return None
    return (f"有 {n:,} 份合成数据报告(测试、演示用)符合当前筛选条件,默认不显示。"
            f"如需查看,请打开左侧栏的“{SWITCH}”开关。")


def empty_message(f: Filters, what: str, widen: str = "请在左侧放宽筛选条件。") -> str:
    """``what`` (e.g. "当前筛选条件下没有报告。") followed by the synthetic-data pointer, or by ``widen``."""
    return what + (synthetic_hint(f) or widen)

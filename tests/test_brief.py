"""Weekly brief: queries over a hand-made database with known numbers, the pure chart builders, and the
HTML / CSV exports (offline HTML with plotly.js inlined, escaped text, corrected values marked)."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import brief_charts, brief_export, brief_pdf, brief_present, brief_tone, queries
from dashboard.filters import Filters
from etl.after import corrections as corr
from etl.after import current, live, summaries
from etl.extract import catalog
from etl.extract.sentence import sentence_around
from etl.load import store, text_store

WEEK_DAY = "2024-03-06"  # a Wednesday: the week is 2024-03-04 .. 2024-03-10
IN_WEEK = datetime(2024, 3, 5, 9, 30)
BEFORE = datetime(2024, 2, 1)

# (doc_id, title, region_code, province, city, county, level, year, doc_type, added_at, figures)
# figures: (metric, value, qualifier, kind, evidence)
DOCS = [
    ("qh-plan", "青海省2024年法治政府建设工作要点", "630000", "青海省", None, None, "province", 2024, "work_points",
     IN_WEEK, [("litigation.head_appearance_rate", 90, "at_least", "target", "负责人出庭应诉率不低于90%"),
               ("legal_aid.cases", 1000, "at_least", "target", "办理法律援助案件不少于1000件"),
               ("litigation.loss_rate", 10, "at_most", "target", "败诉率低于10%")]),
    ("qh-2024", "青海省2024年法治政府建设年度报告", "630000", "青海省", None, None, "province", 2024, "annual_report",
     IN_WEEK, [("reconsideration.received", 500, "exact", "actual", "收到行政复议申请500件"),
               ("legal_aid.cases", 800, "exact", "actual", "办理法律援助案件800件"),
               ("litigation.loss_rate", 12, "exact", "actual", "败诉率12%")]),
    ("qh-2023", "青海省2023年法治政府建设年度报告", "630000", "青海省", None, None, "province", 2023, "annual_report",
     BEFORE, [("reconsideration.received", 1000, "exact", "actual", "收到行政复议申请1000件")]),
    ("xn-2024", "西宁市2024年法治政府建设年度报告<script>alert(1)</script>", "630100", "青海省", "西宁市", None,
     "city", 2024, "annual_report", BEFORE,
     [("reconsideration.received", 120, "exact", "actual", "收到行政复议申请120件"),
      ("litigation.head_appearance_rate", 85, "exact", "actual", "负责人出庭应诉率85%")]),
    ("xn-2023", "西宁市2023年法治政府建设年度报告", "630100", "青海省", "西宁市", None, "city", 2023, "annual_report",
     BEFORE, [("reconsideration.received", 100, "exact", "actual", "收到行政复议申请100件")]),
    ("cd-2024", "城东区2024年法治政府建设年度报告", "630102", "青海省", "西宁市", "城东区", "county", 2024,
     "annual_report", BEFORE,
     [("litigation.head_appearance_rate", 95, "exact", "actual", "负责人出庭应诉率95%"),
      ("legal_aid.cases", 50, "exact", "actual", "办理法律援助案件50件")]),
    ("xn-dept", "西宁市司法局2024年工作总结", "630100", "青海省", "西宁市", None, "department", 2024, "annual_report",
     BEFORE, [("reconsideration.received", 9999, "exact", "actual", "收到行政复议申请9999件")]),
    ("gd-2024", "广东省2024年法治政府建设年度报告", "440000", "广东省", None, None, "province", 2024, "annual_report",
     BEFORE, [("litigation.head_appearance_rate", 80, "exact", "actual", "负责人出庭应诉率80%")]),
    ("nowhere", "=HYPERLINK(\"x\")情况通报", None, None, None, None, "unknown", None, "other", IN_WEEK, []),
]


# A 2025 report whose region has nothing of its metric in 2024: the newest year, but nothing to compare
LATE_DOC = ("qh-2025", "青海省2025年法治政府建设年度报告", "630000", "青海省", None, None, "province", 2025,
            "annual_report", BEFORE, [("litigation.head_appearance_rate", 97, "exact", "actual", "负责人出庭应诉率97%")])


def write_db(folder: Path, documents: list = DOCS) -> Path:
    db = folder / "reports.duckdb"
    con = duckdb.connect(str(db))
    try:
        store.create_schema(con)
        store.write_reference_tables(con)
        docs, texts, figs = [], [], []
        for doc_id, title, code, prov, city, county, level, year, dtype, added, fl in documents:
            text = title + "\n" + "。".join(f[4] for f in fl) + "。"
            docs.append({"doc_id": doc_id, "path": f"{doc_id}.txt", "part": 1, "title": title, "organ": None,
                         "province": prov, "city": city, "county": county, "town": None, "region_code": code,
                         "region_name": "/".join(x for x in (prov, city, county) if x) or None, "level": level,
                         "year": year, "doc_type": dtype, "publish_date": None, "chars": len(text), "text_start": 0,
                         "text_end": len(text), "is_synthetic": False, "added_at": added})
            texts.append({"doc_id": doc_id, "text": text})
            for j, (metric, value, qual, kind, ev) in enumerate(fl):
                start = text.index(ev)
                figs.append({"figure_id": f"{doc_id}-{j}", "doc_id": doc_id, "metric": metric, "value": float(value),
                             "unit": "%" if metric.endswith("rate") else "件", "qualifier": qual, "kind": kind,
                             "start": start, "end": start + len(ev), "evidence": ev, "rule": "test",
                             "confidence": 1.0, "sentence": sentence_around(text, start, start + len(ev))})
        frame = pd.DataFrame(docs)
        frame["year"] = frame["year"].astype("Int64")
        frame["publish_date"] = pd.to_datetime(frame["publish_date"]).dt.date
        store.insert_df(con, "documents", frame)
        con.register("plain_texts", pd.DataFrame(texts))
        text_store.insert_texts(con, "SELECT doc_id, text FROM plain_texts")  # stored compressed, as a build does
        store.insert_df(con, "figures", pd.DataFrame(figs))
        con.execute("INSERT INTO checks VALUES ('k1', 'xn-2024', 'rate_out_of_range', 'warning', "
                    "'比率 <b>超过</b> 100%', ['xn-2024-1'])")
        current.apply_corrections(con, folder)
        summaries.build(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return db


@pytest.fixture
def brief_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = write_db(tmp_path)
    monkeypatch.setenv("REPORTS_DB", str(db))
    return db


F = Filters()


# --- queries --------------------------------------------------------------------------------------------------

def test_week_bounds() -> None:
    assert queries.week_bounds("2024-03-06") == (pd.Timestamp("2024-03-04"), pd.Timestamp("2024-03-11"))
    assert queries.week_bounds("2024-03-04") == (pd.Timestamp("2024-03-04"), pd.Timestamp("2024-03-11"))
    assert queries.week_bounds("2024-03-10 23:59") == (pd.Timestamp("2024-03-04"), pd.Timestamp("2024-03-11"))


@pytest.mark.usefixtures("brief_db")
def test_added_this_week() -> None:
    start, end = queries.week_bounds(WEEK_DAY)
    added = queries.brief_added(F, start, end)
    assert sorted(added["doc_id"]) == ["nowhere", "qh-2024", "qh-plan"]
    assert dict(zip(added["doc_id"], added["figures"], strict=True)) == {"nowhere": 0, "qh-2024": 3, "qh-plan": 3}
    assert queries.brief_added(F, *queries.week_bounds("2024-03-13")).empty


@pytest.mark.usefixtures("brief_db")
def test_headline_by_region_with_last_year_and_like_for_like_totals() -> None:
    assert queries.brief_years(F) == [2024, 2023]
    h = queries.brief_region_headline(F, 2024, ["reconsideration.received"])
    got = {r.code: (r.value, r.prev_value, r.delta, round(r.pct, 1)) for r in h.itertuples()}
    # the department's 9999 is not the city's figure
    assert got == {"630000": (500, 1000, -500, -50.0), "630100": (120, 100, 20, 20.0)}
    assert list(h["code"]) == ["630000", "630100"]  # largest first
    t = queries.brief_totals(h).iloc[0]
    # a province and a city are never added (the city is inside the province): one level, the province
    assert (t.level, t.regions, t.value, t.comparable, t.cur_comparable, t.prev_comparable, t.delta) == (
        "province", 1, 500, 1, 500, 1000, -500)


@pytest.mark.usefixtures("brief_db")
def test_targets_missed() -> None:
    t = queries.brief_targets(F, 2024)
    got = sorted((r.code, r.metric, r.value, r.target) for r in t.itertuples())
    assert got == [
        ("630000", "legal_aid.cases", 800, 1000),  # a count target: the province itself
        ("630000", "litigation.loss_rate", 12, 10),  # at most 10% -> 12% misses
        ("630100", "litigation.head_appearance_rate", 85, 90),  # a rate target covers the regions below
    ]  # 城东区 95% meets; its 50 legal-aid cases are not held to the province's total; 广东 is outside
    assert queries.brief_targets(F, 2023).empty


@pytest.mark.usefixtures("brief_db")
def test_moves_rank_halving_above_a_smaller_rise() -> None:
    m = queries.brief_moves(F, 2024)
    assert list(zip(m["code"], m["metric"], strict=True)) == [("630000", "reconsideration.received"),
                                                              ("630100", "reconsideration.received")]
    assert queries.brief_moves(F, 2024, min_base=200)["code"].tolist() == ["630000"]


def test_a_correction_changes_the_brief_at_once(brief_db: Path) -> None:
    data = brief_db.parent
    live.save(corr.make("edit_figure", author="a", reason="原文为92%", figure_id="xn-2024-1", payload={"value": 92}),
              brief_db, data)
    t = queries.brief_targets(F, 2024)
    assert "630100" not in set(t["code"])
    live.save(corr.make("edit_figure", author="a", reason="原文为130件", figure_id="xn-2024-0",
                        payload={"value": 130}), brief_db, data)
    h = queries.brief_region_headline(F, 2024, ["reconsideration.received"]).set_index("code")
    assert h.loc["630100", "value"] == 130 and bool(h.loc["630100", "corrected"])
    assert not bool(h.loc["630000", "corrected"])


@pytest.mark.usefixtures("brief_db")
def test_quality_summary_and_lists() -> None:
    s = queries.quality_summary(F)
    assert s["documents"] == len(DOCS) and s["unknown_region"] == 1 and s["unknown_year"] == 1
    assert s["unknown_type"] == 1 and s["check_warnings"] == 1 and s["orphaned"] == 0
    docs = queries.quality_documents(F).set_index("doc_id")
    assert docs.loc["qh-plan", "target"] == 3 and docs.loc["xn-2024", "checks"] == 1
    assert bool(docs.loc["nowhere", "no_region"]) and docs.loc["nowhere", "figures"] == 0
    assert queries.quality_checks(F)["message"].tolist() == ["比率 <b>超过</b> 100%"]


@pytest.mark.usefixtures("brief_db")
def test_the_quality_lists_a_page_shows_are_slices_of_the_whole_list() -> None:
    # the page reads only the rows it shows; they must be the rows (and the order) the whole list has (a slice
    # without NULLs in a column reads it with another dtype: the values are compared, not the dtypes)
    def same(got: pd.DataFrame, want: pd.DataFrame) -> None:
        def plain(df: pd.DataFrame) -> pd.DataFrame:
            return df.astype(object).where(df.notna(), None)
        pd.testing.assert_frame_equal(plain(got), plain(want), check_dtype=False)

    full = queries.quality_documents(F)
    lacking = full[full["no_region"] | full["no_year"] | full["no_type"]].reset_index(drop=True)
    assert len(lacking) >= 1 and queries.quality_summary(F)["unknown_any"] == len(lacking)
    same(queries.quality_documents(F, limit=2), full.head(2))
    same(queries.quality_documents(F, missing_only=True), lacking)
    same(queries.quality_documents(F, limit=1, missing_only=True), lacking.head(1))
    first = queries.quality_documents(F, missing_first=True)
    expect = full.sort_values(["no_region", "no_year"], ascending=False, kind="stable").reset_index(drop=True)
    same(first, expect)
    one = queries.quality_documents(F, doc_id="xn-2024")
    assert one["doc_id"].tolist() == ["xn-2024"] and int(one.iloc[0]["checks"]) == 1


# --- the Brief, exports -------------------------------------------------------------------------------------

@pytest.fixture
def brief(brief_db: Path) -> brief_export.Brief:
    return brief_export.collect(F, WEEK_DAY)


def test_the_brief_keeps_the_newest_added_reports_and_exports_them_all(brief_db: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # a big import: the page holds the newest ADDED_ROWS reports and counts all of them; an export lists them all
    start, end = queries.week_bounds(WEEK_DAY)
    full = queries.brief_added(F, start, end)
    assert len(full) == 3
    pd.testing.assert_frame_equal(queries.brief_added(F, start, end, limit=2), full.head(2))
    days = queries.brief_added_days(F, start, end)
    assert int(days["n"].sum()) == 3 and set(days["doc_type"]) == set(full["doc_type"])
    monkeypatch.setattr(brief_export, "ADDED_ROWS", 1)
    b = brief_export.collect(F, WEEK_DAY)
    assert len(b.added) == 1 and b.added_count == 3 and b.added["doc_id"].tolist() == full["doc_id"].head(1).tolist()
    whole = brief_export.complete(b, F)
    assert whole.added["doc_id"].tolist() == full["doc_id"].tolist()
    exported = brief_export.to_frame(whole)
    assert (exported["部分"] == "本周新增报告").sum() == 3
    assert "本周新增报告(3 份)" in brief_export.to_html(b)


def test_collect_defaults_to_the_latest_year(brief: brief_export.Brief) -> None:
    assert brief.year == 2024 and brief.week_label == "2024-03-04 至 2024-03-10"
    assert len(brief.added) == 3 and len(brief.targets) == 3
    assert brief.open_warnings == 1 + 1 + 1 + 1  # a check, no region, no year, no type
    cards = {c["label"]: c for c in brief_export.total_cards(brief)}
    total = cards["收到行政复议申请(2024 年合计)"]
    assert total["value"] == "500件"  # the province's own, not + its city's 120
    assert total["note"].startswith("1 个省级地区合计") and total["direction"] == ""
    changes = {c["label"]: c for c in brief_export.change_cards(brief)}
    change = changes["收到行政复议申请:可比地区同比"]
    assert change["value"] == "▼ -50.0%" and change["note"] == "仅 1 个省级地区两年都有数据:1,000件 → 500件"
    assert change["direction"] == ""  # fewer applications is neither good nor bad: no colour
    assert changes["负责人出庭应诉率:可比地区同比"]["value"] == "—"


def test_totals_and_comparable_change_are_separate_cards(brief: brief_export.Brief) -> None:
    """A total over every region must never sit on one card with a change measured on a few of them."""
    totals, changes = brief_export.total_cards(brief), brief_export.change_cards(brief)
    assert totals and changes
    for c in totals:
        text = " ".join(c.values())
        assert "同比" not in text and "可比" not in text and "→" not in text, c
    for c in changes:
        text = " ".join(c.values())
        assert "合计(" not in text and c["label"].endswith("可比地区同比"), c
        assert c["value"] not in {t["value"] for t in totals}
    html = brief_export.to_html(brief)
    cards = re.findall(r'<div class="card">(.*?)</div></div>', html)
    assert len(cards) >= 3 + len(totals) + len(changes)
    for card in cards:
        assert not ("合计" in card and "同比" in card), card


@pytest.mark.parametrize(("metric", "delta", "tone"), [
    ("litigation.head_appearance_rate", 3.0, "good"), ("litigation.head_appearance_rate", -3.0, "bad"),
    ("litigation.loss_rate", 2.0, "bad"), ("litigation.loss_rate", -2.0, "good"),
    ("reconsideration.received", 500.0, ""), ("reconsideration.received", -500.0, ""),
    ("legal_aid.cases", 10.0, ""), ("litigation.loss_rate", 0.0, ""), ("no.such_metric", 1.0, ""),
])
def test_colour_only_where_the_catalogue_gives_a_direction(metric: str, delta: float, tone: str) -> None:
    assert brief_tone.tone(metric, delta) == tone


def test_catalogue_directions_are_data() -> None:
    metrics = catalog.load()
    assert metrics["litigation.loss_rate"].direction == "lower_better"
    assert metrics["litigation.head_appearance_rate"].direction == "higher_better"
    assert metrics["reconsideration.received"].direction == ""  # counts have no direction
    assert all(m.direction in catalog.DIRECTIONS for m in metrics.values())


def test_opening_year_is_the_newest_with_comparable_regions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2025 has a report but no region with the year before: the brief opens on 2024, where there is a change."""
    monkeypatch.setenv("REPORTS_DB", str(write_db(tmp_path, [*DOCS, LATE_DOC])))
    assert queries.brief_years(F) == [2025, 2024, 2023]
    assert queries.brief_default_year(F) == 2025  # the old default: the newest year with a headline metric
    assert queries.brief_opening_year(F) == 2024
    assert brief_export.collect(F, WEEK_DAY).year == 2024
    assert brief_export.collect(F, WEEK_DAY, 2025).year == 2025  # a year asked for is kept


def test_opening_year_without_any_comparable_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTS_DB", str(write_db(tmp_path, [d for d in DOCS if d[7] != 2023] + [LATE_DOC])))
    assert queries.brief_opening_year(F) == queries.brief_default_year(F) == 2025


def test_meeting_screen_sentence_targets_and_moves(brief: brief_export.Brief) -> None:
    assert brief_present.headline_sentence(brief) == (
        "2024 年与 2023 年相比:3 项未达到规划目标;变化最大的是青海省的收到行政复议申请(1,000件 → 500件)。")
    screen = brief_present.screen_html(brief)
    assert screen.count('class="bp-row bp-target"') == 3 and screen.count('class="bp-row bp-move"') == 2
    assert "实际 <span class=\"bp-miss\">85%</span>" in screen and "目标 ≥90%" in screen
    assert '<span class="bp-neutral">▼ -50%</span>' in screen  # a count: neutral colour
    assert "\n\n" not in screen  # one block for Markdown: a blank line would end the HTML
    assert f"font-size: {brief_present.MIN_BODY_PX}px" in brief_present.CSS and brief_present.MIN_BODY_PX >= 28
    for size in re.findall(r"font-size: (\d+)px", brief_present.CSS):
        assert int(size) >= 28


def test_meeting_screen_escapes_report_text() -> None:
    moves = pd.DataFrame({"region": ["<img src=x onerror=alert(1)>$x$"], "label": ["调解纠纷:red[危险]"],
                          "metric": ["mediation.disputes"], "unit": ["件"], "value": [200.0], "prev_value": [100.0],
                          "qualifier": ["exact"], "prev_qualifier": ["exact"], "delta": [100.0], "pct": [100.0],
                          "corrected": [False]})
    b = brief_export.Brief(pd.Timestamp("2024-03-04"), pd.Timestamp("2024-03-11"), 2024, pd.DataFrame(),
                           pd.DataFrame(), pd.DataFrame(), moves, pd.DataFrame(), {}, pd.DataFrame())
    screen = brief_present.screen_html(b)
    assert "<img" not in screen and "&lt;img" in screen
    assert "$" not in screen and ":red[" not in screen  # Streamlit's Markdown would act on them


def test_pdf_export_is_unavailable_without_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(brief_pdf, "CHROMIUM", tmp_path / "no-chromium")
    assert not brief_pdf.available()


def test_html_export_is_self_contained_and_escaped(brief: brief_export.Brief) -> None:
    html = brief_export.to_html(brief)
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert not re.search(r"<script[^>]+src=", html)  # nothing fetched: plotly.js is inline
    assert html.count("Plotly.newPlot") >= 3
    assert len(re.findall(r"\* plotly\.js v\d", html)) == 1  # the library inlined, and only once
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "比率 &lt;b&gt;超过&lt;/b&gt; 100%" in html
    assert "西宁市" in html and "本周新增报告" in html and "未达到规划目标" in html


def test_csv_export_has_every_section_and_neutralises_formulas(brief: brief_export.Brief) -> None:
    raw = brief_export.to_csv(brief)
    assert raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(df.columns) == brief_export.CSV_COLUMNS
    assert set(df["部分"]) == {"本周新增报告", "主要指标", "主要指标合计(可比地区)", "未达目标", "变化最大", "数据质量"}
    assert "'=HYPERLINK(\"x\")情况通报" in set(df["标题"].dropna())
    target = df[(df["部分"] == "未达目标") & (df["地区"] == "青海省/西宁市")].iloc[0]
    assert (target["数值"], target["目标"], target["目标限定"]) == (85, 90, "≥")


# --- chart builders (pure) ----------------------------------------------------------------------------------

def rows(**cols: list) -> pd.DataFrame:
    return pd.DataFrame(cols)


def test_region_bars_marks_corrected_values_and_escapes_names() -> None:
    df = rows(region=["<b>甲</b>", "乙"], value=[120.0, 80.0], qualifier=["exact", "at_least"], unit=["件", "件"],
              prev_value=[100.0, float("nan")], prev_qualifier=["exact", None], corrected=[True, False])
    fig = brief_charts.region_bars(df, 2024)
    prev, cur = fig.data
    assert list(cur.y) == ["乙", "&lt;b&gt;甲&lt;/b&gt;"]  # largest on top
    assert list(cur.text) == ["≥80件", "120件" + brief_charts.CORRECTED_MARK]
    assert list(prev.text) == ["", "100件"]
    assert fig.layout.font.size == brief_charts.BIG_FONT


def test_moves_bars_on_a_log_scale_coloured_only_with_a_direction() -> None:
    df = rows(region=["甲", "乙", "丙"], label=["信访", "调解", "败诉率"],
              metric=["petitions.cases", "mediation.disputes", "litigation.loss_rate"], unit=["件", "件", "%"],
              value=[24242.0, 50.0, 12.0], prev_value=[23.0, 100.0, 6.0], qualifier=["exact"] * 3,
              prev_qualifier=["exact"] * 3, pct=[105300.0, -50.0, 100.0], delta=[24219.0, -50.0, 6.0],
              corrected=[False] * 3)
    fig = brief_charts.moves_bars(df)
    bar = fig.data[0]
    # bottom to top: the loss rate rose (bad, red), 调解 fell and 信访 rose (no direction: neutral, not green/red)
    assert list(bar.marker.color) == [brief_tone.BAD_COLOR, brief_tone.NEUTRAL_COLOR, brief_tone.NEUTRAL_COLOR]
    assert bar.x[1] == pytest.approx(-0.30103, abs=1e-4) and bar.x[2] == pytest.approx(3.0228, abs=1e-3)
    # the change is in the row label (two lines), not beside the bar where it ran into the labels
    assert bar.y[2] == "甲 · 信访<br><b>▲ +105300%(23件 → 24,242件)</b>" and bar.text is None
    assert bar.x[1] < 0 and "▼ -50%" in bar.y[1]


def test_region_bars_leave_room_for_the_top_bars_label() -> None:
    df = rows(region=["甲", "乙"], value=[3119.0, 95.0], qualifier=["exact"] * 2, unit=["件", "件"],
              prev_value=[float("nan"), 21.0], prev_qualifier=[None, "exact"], corrected=[True, False])
    fig = brief_charts.region_bars(df, 2024)
    label = len("3,119件" + brief_charts.CORRECTED_MARK)
    assert fig.layout.xaxis.range[1] >= 3119 * (1.1 + 0.04 * label)  # the label fits right of the largest bar
    assert fig.layout.legend.yanchor == "bottom" and fig.layout.legend.y >= 1  # the legend is above the bars


def test_target_gaps_are_share_of_target() -> None:
    df = rows(region=["西宁市", "青海省"], label=["负责人出庭应诉率", "行政诉讼败诉率"], unit=["%", "%"],
              value=[85.0, 12.5], qualifier=["exact", "exact"], target=[90.0, 10.0],
              target_qualifier=["at_least", "at_most"], corrected=[False, True])
    bar = brief_charts.target_gaps(df).data[0]
    assert list(bar.x) == [80.0, 94.4]  # 10/12.5 and 85/90, bottom to top
    assert bar.y[0] == "青海省 · 行政诉讼败诉率 ≤10%" and bar.text[0] == "12.5%" + brief_charts.CORRECTED_MARK


def test_empty_frames_give_a_message_not_an_error() -> None:
    figs = [brief_charts.region_bars(pd.DataFrame(), 2024), brief_charts.moves_bars(pd.DataFrame()),
            brief_charts.target_gaps(pd.DataFrame()), brief_charts.added_by_type(pd.DataFrame(), {})]
    assert len(figs) == 4
    for fig in figs:
        assert not fig.data and fig.layout.annotations[0].text


def test_added_by_type_stacks_days() -> None:
    df = rows(day=[datetime(2024, 3, 5), datetime(2024, 3, 5), datetime(2024, 3, 6)],
              doc_type=["annual_report", "news", "annual_report"], n=[1, 1, 1])
    fig = brief_charts.added_by_type(df, {"annual_report": "年度报告", "news": "新闻报道"})
    by_name = {t.name: (list(t.x), list(t.y)) for t in fig.data if t.type == "bar"}
    assert by_name == {"年度报告": (["03-05", "03-06"], [1, 1]), "新闻报道": (["03-05"], [1])}
    totals = next(t for t in fig.data if t.type == "scatter")
    assert list(totals.text) == ["共 2 份", "共 1 份"]


def test_saving_a_correction_reruns_the_consistency_checks(brief_db: Path) -> None:
    data = brief_db.parent
    c = live.save(corr.make("edit_figure", author="a", reason="试验", figure_id="xn-2024-1", payload={"value": 150}),
                  brief_db, data)
    found = queries.quality_checks(F)
    assert "rate_out_of_range" in set(found["check_name"]) and "xn-2024-1" in " ".join(found["figure_ids"])
    live.revert(c["correction_id"], author="a", reason="撤销", db_path=brief_db, data_dir=data)
    assert "rate_out_of_range" not in set(queries.quality_checks(F)["check_name"])


# --- the page (Streamlit AppTest) ---------------------------------------------------------------------------

APP = Path(__file__).resolve().parents[1] / "app.py"


def open_brief(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/brief.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_page_opens_on_the_year_with_comparable_regions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTS_ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("REPORTS_DB", str(write_db(tmp_path, [*DOCS, LATE_DOC])))
    at = open_brief({"week": WEEK_DAY})
    assert at.selectbox(key="brief_year").value == 2024
    assert "主要指标:2024 年与 2023 年" in [h.value for h in at.header]
    page = markdown(at)
    # the totals and the comparable change are separate cards, each card one or the other
    cards = re.findall(r'<div class="brief-card">(.*?)</div></div>', page)
    assert any("收到行政复议申请(2024 年合计)" in c and ">500件<" in c for c in cards)
    assert any("收到行政复议申请&#58;可比地区同比" in c and "-50.0%" in c for c in cards)
    assert not [c for c in cards if "合计" in c and "同比" in c]
    at.selectbox(key="brief_year").set_value(2025).run()  # an analyst may still pick the newest year
    assert "主要指标:2025 年与 2024 年" in [h.value for h in at.header]


def test_presentation_mode_hides_the_controls(brief_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTS_ADMIN_PASSWORD", raising=False)
    at = open_brief({"week": WEEK_DAY})
    assert at.date_input(key="brief_day") and "brief-present" not in markdown(at)
    at.button(key="brief_present_on").click().run()
    assert at.query_params["present"] == ["1"] or at.query_params["present"] == "1"
    assert not at.date_input and not at.selectbox and not at.get("download_button")  # no controls
    page = markdown(at)
    assert 'data-testid="brief-present"' in page and "display: none !important" in page  # the sidebar is hidden
    assert "3 项未达到规划目标" in page and page.count("bp-row bp-move") == 2
    at.button(key="brief_present_off").click().run()
    assert "present" not in at.query_params and at.date_input(key="brief_day")

"""No developer keys in front of users (issue 13, Words): rule keys become Chinese phrases, hash ids are hidden.

- ``dashboard.rule_labels.describe``: every rule the extractor writes (read from its source and from a built
  database) has its own phrase, with the metric's label from the catalogue; an unknown rule gets a Chinese
  phrase by its family, never the raw key.
- The 数据质量 page's figure table, the reader's highlight tooltips and its download say how each figure was
  found (提取方式) in those words.
- Every page, run by AppTest on the seeds database (with a correction saved, so the log shows) and on the
  seeds + labelled excerpts database (which has consistency-check findings): no visible text, widget option
  or ``st.dataframe`` cell holds a rule key or a hex id of 16+ characters. A link column counts by what it
  shows (its ``display_text``), as a browser draws it; the report reader's own text is the user's data and is
  checked too (it has no such strings).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from corpora import SEEDS, texts
from streamlit.testing.v1 import AppTest

from dashboard import downloads, queries, rule_labels
from etl.extract import catalog

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
RULE_KEY = re.compile(r"\b(?:prose|table)(?:-[a-z]+)?:[a-z]")
HEX_ID = re.compile(r"\b(?=[0-9]*[a-f])[0-9a-f]{16,}\b")  # a long number is not an id
ASCII_WORD = re.compile(r"[A-Za-z]")
PAGES = ["overview", "trends", "regions", "reports", "brief", "quality", "import_reports"]


# --- the phrases ---------------------------------------------------------------------------------------------

def test_rule_keys_become_chinese_phrases_with_the_metric_label() -> None:
    assert rule_labels.describe("prose-cue:reconsideration.received") == "正文:“收到行政复议申请”等说法之后的数字"
    assert rule_labels.describe("table:disclosure-1", "normative_docs.issued") == "政府信息公开年报表一"
    assert rule_labels.describe("correction", "reconsideration.received") == "分析人员补录"
    label = catalog.load()["litigation.head_appearance_rate"].label
    assert label in rule_labels.describe("prose-rate:litigation.head_appearance_rate")
    # a prose rule names its metric; otherwise the figure's metric fills the label
    assert "收到行政复议申请" in rule_labels.describe("prose-goal", "reconsideration.received")


def test_an_unknown_rule_still_reads_as_chinese() -> None:
    assert rule_labels.describe("prose-newway:reconsideration.received") == "正文中的说法"
    assert rule_labels.describe("table:new-template") == "报告中的统计表"
    for odd in ("mystery", "", None, float("nan")):
        assert rule_labels.describe(odd) == rule_labels.UNKNOWN
    assert "该指标" in rule_labels.describe("prose-cue:no.such_metric")


def _rules_in_source() -> set[str]:
    """The rule prefixes the extractor can write, read from its code: ``f"prose-share:…"``, ``"table:stat"``,
    ``f"prose-{how}:…"`` with each ``how`` it assigns, and ``'correction'`` for analysts' additions."""
    extract = "".join((ROOT / "etl" / "extract" / name).read_text(encoding="utf-8")
                      for name in ("prose.py", "prose_match.py", "zero_counts.py"))  # numbers found, matched
    tables = (ROOT / "etl" / "extract" / "tables.py").read_text(encoding="utf-8")
    found = set(re.findall(r'f"(prose-[a-z]+):', extract)) | set(re.findall(r'"(table:[a-z0-9-]+)"', tables))
    assert 'f"prose-{how}:' in extract
    found |= {f"prose-{how}" for how in re.findall(r'\bhow = [^\n]*"([a-z]+)"', extract)}
    assert "'correction'" in (ROOT / "etl" / "after" / "current.py").read_text(encoding="utf-8")
    return found | {"correction"}


def test_every_rule_the_extractor_writes_has_its_own_phrase() -> None:
    rules = _rules_in_source()
    assert {"prose-cue", "prose-after", "prose-rate", "prose-share", "prose-sum", "prose-goal",
            "table:disclosure-1", "correction"} <= rules  # the source reading itself works
    assert rules <= set(rule_labels.RULE_LABELS), rules - set(rule_labels.RULE_LABELS)
    for rule, phrase in rule_labels.RULE_LABELS.items():
        text = phrase.format(label="收到行政复议申请")
        assert not ASCII_WORD.search(text), (rule, text)


@pytest.mark.usefixtures("use_test_db")
def test_every_rule_in_a_built_database_has_its_own_phrase(test_db: Path) -> None:
    from conftest import fetch_one

    (rules,) = fetch_one(test_db, "SELECT list(DISTINCT rule) FROM figures")
    assert len(rules) > 10
    for rule in rules:
        prefix = rule.split(":")[0]
        assert rule in rule_labels.RULE_LABELS or prefix in rule_labels.RULE_LABELS, rule


@pytest.mark.usefixtures("use_test_db")
def test_the_reader_download_says_how_each_figure_was_found_without_keys_or_ids(test_db: Path) -> None:
    from conftest import fetch_one

    (doc_id,) = fetch_one(test_db, "SELECT doc_id FROM figures_current GROUP BY doc_id ORDER BY count(*) DESC LIMIT 1")
    figs = queries.document_figures(doc_id)
    table = downloads.document_figures_table(figs)
    assert table["提取方式"].tolist() == [rule_labels.describe(r, m) for r, m in zip(figs["rule"], figs["metric"],
                                                                                     strict=True)]
    assert table["序号"].tolist() == list(range(1, len(figs) + 1))
    csv = downloads.to_csv_bytes(table).decode("utf-8-sig")
    assert "提取方式" in csv and not RULE_KEY.search(csv) and not HEX_ID.search(csv)
    assert not any("编号" in str(c) or "id" in str(c).lower() for c in table.columns)


# --- every page, as AppTest sees it ----------------------------------------------------------------------------

def _html_visible(body: str) -> list[str]:
    """What a person sees of an ``st.html`` body: its text and its tooltips (``title``), not its hrefs."""
    tips = [html.unescape(t) for t in re.findall(r'title="([^"]*)"', body)]
    text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", body, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", " ", text)), *tips]


def _frame_cells(el) -> list[str]:
    """The cells of an ``st.dataframe`` as shown: a link column with ``display_text`` shows that text."""
    config = json.loads(el.proto.columns or "{}")
    df: pd.DataFrame = el.value
    out = [str(c) for c in df.columns]
    for col in df.columns:
        cfg = config.get(str(col), {})
        if cfg.get("hidden"):
            continue
        shown = cfg.get("type_config", {}).get("display_text")
        if cfg.get("type_config", {}).get("type") == "link" and shown and "(" not in shown:
            out.append(shown)  # a fixed text (阅读), not a pattern cut out of the address
            continue
        out += [str(v) for v in df[col].tolist()]
    return out


def visible_strings(at: AppTest) -> list[str]:
    """Every string a page shows: text elements, metrics, widget labels and options, tables, HTML."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error",
                 "text", "code", "latex"):
        out += [str(el.value) for el in at.get(kind)]
    out += [f"{m.label} {m.value}" for m in at.metric]
    for kind in ("selectbox", "multiselect", "radio"):
        for el in at.get(kind):
            out += [str(el.label), *(str(o) for o in el.options)]
    for kind in ("button", "text_input", "number_input", "toggle", "checkbox", "tab", "expander", "slider"):
        out += [str(getattr(el, "label", "")) for el in at.get(kind)]
    for el in at.get("html"):
        out += _html_visible(el.proto.body)
    for el in at.dataframe:
        out += _frame_cells(el)
    return out


def offenders(strings: list[str]) -> list[str]:
    return [s[:160] for s in strings if RULE_KEY.search(s) or HEX_ID.search(s)]


def test_the_checker_finds_keys_and_ids() -> None:
    assert offenders(["规则 prose-cue:reconsideration.received", "table:disclosure-1", "2e7fa9d04ae6bcd2-1",
                      "b11c38ed592601de"]) == ["规则 prose-cue:reconsideration.received", "table:disclosure-1",
                                               "2e7fa9d04ae6bcd2-1", "b11c38ed592601de"]
    # a file name that carries a hash is the user's own name for their file, and a plain number is a number
    assert offenders(["000_07d205423820a4d7.txt", "1234567890123456789", "正文:“收到”等说法之后的数字"]) == []


@pytest.fixture(scope="module")
def seeds_with_correction(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed reports built into their own folder, with one saved correction (the 更正记录 table shows)."""
    from conftest import fetch_one

    from etl.after import corrections as corr
    from etl.after import live
    from etl.load.build import build

    data = tmp_path_factory.mktemp("labels_seeds")
    for src in texts(SEEDS):
        shutil.copy(src, data / src.name)
    db = data / "reports.duckdb"
    build(data, db, progress=False)
    fid, doc_id, value = fetch_one(db, "SELECT figure_id, doc_id, value FROM figures_current ORDER BY figure_id LIMIT 1")
    live.save(corr.make("edit_figure", author="测试", reason="核对原文", figure_id=fid, doc_id=doc_id,
                        payload={"value": value + 1}, old={"value": value}), db, data)
    return db


def run(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("which", ["seeds", "seeds_and_excerpts"])
def test_no_page_shows_a_rule_key_or_a_hash_id(which: str, request: pytest.FixtureRequest,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import fetch_one

    db: Path = request.getfixturevalue("seeds_with_correction" if which == "seeds" else "test_db")
    monkeypatch.setenv("REPORTS_DB", str(db))
    monkeypatch.setenv("REPORTS_DATA", str(db.parent))
    monkeypatch.delenv("REPORTS_ADMIN_PASSWORD", raising=False)  # local mode: the correction forms show too
    (doc_id,) = fetch_one(db, "SELECT doc_id FROM figures_current GROUP BY doc_id ORDER BY count(*) DESC, doc_id "
                              "LIMIT 1")
    seen: dict[str, int] = {}
    for page in PAGES:
        params = {"doc": doc_id} if page in ("reports", "quality") else {}
        at = run(page, {**params, "synthetic": "1"})
        strings = visible_strings(at)
        seen[page] = len(strings)
        assert not offenders(strings), (page, offenders(strings)[:10])
        if page == "quality":
            figs = next(el.value for el in at.dataframe if "提取方式" in el.value.columns)
            assert len(figs) > 5 and figs["提取方式"].str.startswith(("正文", "政府信息公开", "行政执法", "分析人员")).all()
            assert "检查" not in figs.columns
            if which == "seeds":  # the correction log is on screen, told apart by time, not by id
                log = next(el.value for el in at.dataframe if "理由" in el.value.columns)
                assert len(log) == 1 and "编号" not in log.columns
            else:  # consistency checks named in words, with the number of figures they concern
                checks = next(el.value for el in at.dataframe if "涉及的数字(个)" in el.value.columns)
                assert len(checks) and not checks["检查"].str.contains("_").any()
        if page == "reports":
            tips = [t for el in at.get("html") for t in re.findall(r'<mark class="fig"[^>]*title="([^"]*)"',
                                                                   el.proto.body)]
            assert tips and all(";正文" in html.unescape(t) or ";政府信息公开" in html.unescape(t)
                                or ";行政执法" in html.unescape(t) or ";分析人员" in html.unescape(t) for t in tips)
    assert all(n > 5 for n in seen.values()), seen  # every page was read, not an empty run

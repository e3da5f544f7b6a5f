"""Shared fixtures: report databases for the dashboard tests.

- ``test_db``: built by the real ETL (``etl.load.build.build``) from the seeds (data/reports/) and
  the labelled real excerpts (tests/gold/shared/corpus/) plus one synthetic report, in a session tmp dir.
- ``tiny_db``: a hand-written database (the ETL's schema, a dozen figures with known
  values) so the aggregation rule can be checked against exact numbers.
- ``use_test_db`` / ``use_tiny_db``: point ``REPORTS_DB`` at one of them for a test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from corpora import SEEDS, SHARED_CORPUS, texts


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the running app in a real Chromium (tests/test_browser.py)")

# One synthetic report (the ETL flags files carrying the marker): the sidebar toggle must include/exclude it.
SYNTHETIC_REPORT = """【合成数据 SYNTHETIC】本文件由 etl synth 生成,仅用于测试与基准
广州市2023年法治政府建设年度报告
2023年,广州市坚持依法行政。全年共收到行政复议申请987件,受理行政复议案件900件。
行政机关负责人出庭应诉率达到98%。
"""


@pytest.fixture(scope="session")
def test_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Database built by the ETL from the shared seeds + corpus (+ one synthetic file)."""
    from etl.load.build import build

    data = tmp_path_factory.mktemp("reports_data")
    for src in texts(SEEDS) + texts(SHARED_CORPUS):
        shutil.copy(src, data / src.name)
    (data / "zz_synthetic.txt").write_text(SYNTHETIC_REPORT, encoding="utf-8")
    db = tmp_path_factory.mktemp("reports_db") / "reports.duckdb"
    build(data, db, progress=False)
    return db


@dataclass(frozen=True)
class Fig:
    metric: str
    value: float
    evidence: str
    qualifier: str = "exact"
    kind: str = "actual"


@dataclass(frozen=True)
class Doc:
    doc_id: str
    title: str
    region_code: str | None
    level: str
    year: int | None
    text: str
    figures: tuple[Fig, ...]
    doc_type: str = "annual_report"
    synthetic: bool = False


# Region codes: 440000 广东省, 440100 广州市, 440106 天河区, 440300 深圳市, 430000 湖南省, 430100 长沙市.
TINY_DOCS: tuple[Doc, ...] = (
    Doc("gz-2022", "广州市2022年法治政府建设年度报告", "440100", "city", 2022,
        "2022年,广州市共收到行政复议申请100件。另收到行政复议申请20件。负责人出庭应诉率90%。出庭应诉率达96%以上。",
        (Fig("reconsideration.received", 100, "收到行政复议申请100件"),
         Fig("reconsideration.received", 20, "收到行政复议申请20件"),
         Fig("litigation.head_appearance_rate", 90, "出庭应诉率90%"),
         Fig("litigation.head_appearance_rate", 96, "出庭应诉率达96%以上", "at_least"))),
    Doc("th-2022", "天河区2022年法治政府建设年度报告", "440106", "county", 2022,
        "天河区收到行政复议申请30余件。负责人出庭应诉率80%。",
        (Fig("reconsideration.received", 30, "收到行政复议申请30余件", "at_least"),
         Fig("litigation.head_appearance_rate", 80, "出庭应诉率80%"))),
    Doc("sz-2022", "深圳市2022年法治政府建设年度报告", "440300", "city", 2022,
        "深圳市收到行政复议申请约50件。",
        (Fig("reconsideration.received", 50, "收到行政复议申请约50件", "approx"),)),
    Doc("gd-2022", "广东省2022年法治政府建设年度报告", "440000", "province", 2022,
        "全省收到行政复议申请500件。",
        (Fig("reconsideration.received", 500, "收到行政复议申请500件"),)),
    Doc("gz-2023", "广州市2023年法治政府建设年度报告", "440100", "city", 2023,
        "2023年收到行政复议申请130件。",
        (Fig("reconsideration.received", 130, "收到行政复议申请130件"),)),
    Doc("cs-2022", "长沙市2022年法治政府建设年度报告", "430100", "city", 2022,
        "长沙市收到行政复议申请40件。",
        (Fig("reconsideration.received", 40, "收到行政复议申请40件"),)),
    Doc("cs-plan-2022", "长沙市2022年法治政府建设工作要点", "430100", "city", 2022,
        "力争负责人出庭应诉率不低于95%。",
        (Fig("litigation.head_appearance_rate", 95, "出庭应诉率不低于95%", "at_least", "target"),),
        doc_type="work_points"),
    Doc("nowhere-2022", "某单位<script>alert(1)</script>工作总结", None, "unknown", 2022,
        "<b>注意</b>:收到行政复议申请7件。=SUM(A1)",
        (Fig("reconsideration.received", 7, "收到行政复议申请7件"),), doc_type="other"),
    Doc("synth-2022", "合成广州市2022年报告", "440100", "city", 2022,
        "【合成数据 SYNTHETIC】收到行政复议申请1000件。",
        (Fig("reconsideration.received", 1000, "收到行政复议申请1000件"),), synthetic=True),
)

REGION_NAMES = {"440000": ("广东省", None, None), "440100": ("广东省", "广州市", None),
                "440106": ("广东省", "广州市", "天河区"), "440300": ("广东省", "深圳市", None),
                "430100": ("湖南省", "长沙市", None)}


def write_tiny_db(path: Path) -> None:
    """Create ``path`` with the ETL schema and ``TINY_DOCS``; figure offsets point at their evidence."""
    from etl.extract.sentence import sentence_around
    from etl.extract.tokens import tokens
    from etl.load import store, text_store

    con = duckdb.connect(str(path))
    try:
        store.create_schema(con)
        store.write_reference_tables(con)
        docs, texts, figs, toks = [], [], [], []
        now = datetime(2024, 1, 1)
        for i, d in enumerate(TINY_DOCS):
            province, city, county = REGION_NAMES.get(d.region_code or "", (None, None, None))
            docs.append({
                "doc_id": d.doc_id, "path": f"{d.doc_id}.txt", "part": 1, "title": d.title, "organ": None,
                "province": province, "city": city, "county": county, "town": None, "region_code": d.region_code,
                "region_name": "/".join(x for x in (province, city, county) if x) or None, "level": d.level,
                "year": d.year, "doc_type": d.doc_type, "publish_date": None, "chars": len(d.text),
                "text_start": 0, "text_end": len(d.text), "is_synthetic": d.synthetic,
                "added_at": now.replace(day=1 + i)})
            texts.append({"doc_id": d.doc_id, "text": d.text})
            toks += [{"doc_id": d.doc_id, "token": t} for t in tokens(d.title + "\n" + d.text)]
            for j, f in enumerate(d.figures):
                start = d.text.index(f.evidence)
                figs.append({"figure_id": f"{d.doc_id}-{j}", "doc_id": d.doc_id, "metric": f.metric,
                             "value": float(f.value), "unit": "%" if f.metric.endswith("rate") else "件",
                             "qualifier": f.qualifier, "kind": f.kind, "start": start,
                             "end": start + len(f.evidence), "evidence": f.evidence, "rule": "test",
                             "confidence": 1.0,
                             "sentence": sentence_around(d.text, start, start + len(f.evidence))})
        docs_df = pd.DataFrame(docs)
        docs_df["publish_date"] = pd.to_datetime(docs_df["publish_date"]).dt.date
        docs_df["year"] = docs_df["year"].astype("Int64")
        for table, frame in (("documents", docs_df), ("doc_tokens", pd.DataFrame(toks)),
                             ("figures", pd.DataFrame(figs))):
            store.insert_df(con, table, frame)
        con.register("plain_texts", pd.DataFrame(texts))
        text_store.insert_texts(con, "SELECT doc_id, text FROM plain_texts")  # stored compressed, as a build does
        con.unregister("plain_texts")
        con.execute("INSERT INTO token_vocab SELECT DISTINCT token FROM doc_tokens")
        con.execute("CHECKPOINT")
    finally:
        con.close()


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny_db") / "reports.duckdb"
    write_tiny_db(path)
    return path


@pytest.fixture
def use_test_db(test_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("REPORTS_DB", str(test_db))
    yield test_db


@pytest.fixture
def use_tiny_db(tiny_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("REPORTS_DB", str(tiny_db))
    yield tiny_db


# Two seed reports for the admin pages (corrections, import, rebuild): built once, each test gets its own copy
# (mtimes kept, so builds reuse the rows). Used by tests/test_pages_admin_apptest.py and tests/test_hostile_app.py.
QUJIANG = "001_67201649ccd67642.txt"  # 韶关市曲江区2019年度法治政府建设年度报告
QINGHAI = "004_a03f4ca052176a48.txt"  # 青海省2024年法治政府建设工作要点


@pytest.fixture(scope="session")
def seed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl.load.build import build

    data = tmp_path_factory.mktemp("admin_seed")
    for name in (QUJIANG, QINGHAI):
        shutil.copy(SEEDS / name, data / name)
    build(data, data / "reports.duckdb", progress=False)
    return data


@pytest.fixture
def seed_db(seed_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the two seed reports and their database; REPORTS_DB and REPORTS_DATA point at it."""
    data = tmp_path / "data"
    shutil.copytree(seed_template, data)
    db = data / "reports.duckdb"
    monkeypatch.setenv("REPORTS_DB", str(db))
    monkeypatch.setenv("REPORTS_DATA", str(data))  # rebuilds read, uploads and corrections go here (etl/paths.py)
    return db


def fetch_one(db: Path, sql: str, params: list | None = None) -> tuple:
    """One row from a database file, read-only, the connection closed at once (tests read what a page wrote)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchone()
    finally:
        con.close()

"""The benchmark runs end to end at 100 reports, and what it relies on holds.

- ``python -m etl bench`` at 100 synthetic reports: builds with 1 and 2 workers give the same
  documents and figures tables, the rebuilds re-read 0 and the changed files, the corpus is put back
  byte for byte, every page query runs, and the markdown is written. No timing is asserted.
- ``etl.extract.tokens.tokens`` (our re-implementation of jieba's HMM-free cut) gives exactly jieba's tokens.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from corpora import SEEDS, SHARED_CORPUS, texts
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import report, synth
from bench import run as bench
from bench.children import CHILD_MODULES
from bench.settings import BEGIN, END, REPO
from etl.__main__ import main
from etl.extract.tokens import _jieba_tokens, tokens

N = 100


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    work = tmp_path_factory.mktemp("bench")
    doc = work / "benchmarks.md"
    rc = main(["bench", "--docs", str(N), "--workdir", str(work), "--workers-list", "1,2", "--quick",
               "--doc", str(doc)])
    assert rc == 0
    return work, json.loads((work / "results.json").read_text())[str(N)]


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_workers_give_identical_documents_and_figures(bench_run: tuple[Path, dict]) -> None:
    work, entry = bench_run
    one, two = work / f"db-{N}-w1.duckdb", work / f"db-{N}-w2.duckdb"
    docs = "SELECT * EXCLUDE (added_at) FROM documents ORDER BY doc_id"
    figs = "SELECT * FROM figures ORDER BY figure_id"
    assert _rows(one, docs) == _rows(two, docs)
    assert _rows(one, figs) == _rows(two, figs)
    assert len(_rows(one, docs)) >= N  # every synthetic document found (compilations split)
    assert len(_rows(one, figs)) > N
    assert entry["identical"] and all(entry["identical"].values())
    assert entry["builds"]["1"]["documents"] == entry["builds"]["2"]["documents"]


def test_rebuilds_read_only_what_changed(bench_run: tuple[Path, dict]) -> None:
    _, entry = bench_run
    files = entry["corpus"]["files"]
    assert entry["builds"]["2"]["files_read"] == files
    assert entry["rebuild_nochange"]["files_read"] == 0
    assert entry["rebuild_nochange"]["files_reused"] == files
    changed = entry["rebuild_1pct"]["changed_files"]
    assert changed >= 1
    assert entry["rebuild_1pct"]["files_read"] == changed
    for run in (*entry["builds"].values(), entry["rebuild_nochange"], entry["rebuild_1pct"]):
        assert run["errors"] == 0
        assert run["main_peak_mb"] > 0 and run["db_mb"] > 0


def test_changed_files_are_put_back(bench_run: tuple[Path, dict], tmp_path: Path) -> None:
    work, _ = bench_run
    synth.generate(N, tmp_path / "fresh", 0, workers=1)
    ours = synth.iter_files(work / f"corpus-{N}")
    fresh = synth.iter_files(tmp_path / "fresh")
    assert [p.name for p in ours] == [p.name for p in fresh]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(ours, fresh, strict=True))


def test_every_page_query_ran(bench_run: tuple[Path, dict]) -> None:
    _, entry = bench_run
    pages = entry["queries"]["pages"]
    assert {"overview", "trends", "regions", "reports", "brief", "quality", "import_reports"} <= set(pages)
    errors = [(page, c["call"], c["error"]) for page, calls in pages.items() for c in calls if "error" in c]
    assert errors == []
    for calls in pages.values():
        for c in calls:
            assert c["n"] >= 1 and 0 <= c["p50_ms"] <= c["p95_ms"]
    # the synthetic documents are visible to the timed queries (Filters(synthetic=True)), so they do real work
    overview = {c["call"]: c for c in pages["overview"]}
    assert overview["recent_documents(F, 10)"]["rows"] == 10


def test_extraction_ratio_and_markdown(bench_run: tuple[Path, dict]) -> None:
    work, entry = bench_run
    ex = entry["extract"]
    assert ex["docs"] > 0 and ex["regex_s"] > 0 and ex["process_s"] > ex["regex_s"]
    text = (work / "benchmarks.md").read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert "python -m etl bench --docs 100 --workers-list 1,2" in text
    assert "× the regex scan" in text and "search_documents" in text


def test_write_doc_keeps_hand_written_text(tmp_path: Path) -> None:
    doc = tmp_path / "b.md"
    doc.write_text(f"# Notes\nbefore\n{BEGIN}\nold numbers\n{END}\nafter: profile findings\n",
                   encoding="utf-8")
    report.write_doc(doc, {})
    report.write_doc(doc, {})
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Notes\nbefore\n") and text.endswith("after: profile findings\n")
    assert "old numbers" not in text and text.count(BEGIN) == 1


def test_workdir_never_inside_data(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        bench.check_workdir(REPO / "data" / "bench")
    with pytest.raises(ValueError):
        bench.check_workdir(tmp_path / "data")
    assert bench.check_workdir(tmp_path / "bench") == (tmp_path / "bench").resolve()
    assert main(["bench", "--docs", "10", "--workdir", str(REPO / "data"), "--doc", "-"]) == 2


# what a build child must not load: its peak memory and a no-change rebuild's time are measured
HEAVY_FOR_A_BUILD = ("streamlit", "dashboard", "pandas", "jieba", "etl.extract.pipeline", "bench.pages",
                     "bench.extraction")


def _heavy_modules(module: str) -> list[str]:
    """The HEAVY_FOR_A_BUILD modules a fresh Python has loaded after importing ``module``."""
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                            check=True).stdout.split()
    return [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY_FOR_A_BUILD)]


def test_a_build_child_loads_neither_streamlit_nor_the_extractor() -> None:
    assert CHILD_MODULES["build"] == "bench.children"
    assert _heavy_modules("bench.children") == []
    assert "streamlit" in _heavy_modules(CHILD_MODULES["queries"])  # the check sees what a module loads


def test_size_and_worker_lists() -> None:
    assert bench._sizes("1000, 10k,100_000") == [1000, 10000, 100000]
    assert bench._workers("1,2,2") == [1, 2]


def _texts() -> list[str]:
    from etl.read.readers import read_bytes

    paths = texts(SEEDS) + texts(SHARED_CORPUS)
    return [read_bytes(p.read_bytes(), "txt").text for p in paths]


def test_tokens_equal_jieba_on_real_and_synthetic_reports(tmp_path: Path) -> None:
    texts = _texts()
    synth.generate(40, tmp_path, 7, workers=1)
    from etl.read.readers import read_bytes

    texts += [read_bytes(p.read_bytes(), "txt").text for p in synth.iter_files(tmp_path)]
    texts += ["", "x", "a1b2c3 AB12中文x9y 1.2万件 ＡＢＣ１２３ -- .. #&+ 出庭应诉率100%", "\r\n  \t"]
    assert len(texts) > 40
    for t in texts:
        assert tokens(t) == _jieba_tokens(t)
        assert tokens(t, limit_chars=500) == _jieba_tokens(t, limit_chars=500)


ALPHABET = "行政复议纠错率出庭应诉法治政府建设年度报告人民调解案件万元广州市区县 abcXYZ0123.-%#&+_,，。、:\n\r\t"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_tokens_equal_jieba_on_any_text(text: str) -> None:
    assert tokens(text) == _jieba_tokens(text)

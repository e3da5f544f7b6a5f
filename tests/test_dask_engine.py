"""`python -m etl build --engine dask` (etl/load/dask_engine.py) makes the local build's tables (issue 15).

The corpus: the seeds, a quarter of the shared real excerpts and a few synthetic reports (bench/synth,
compilations and GBK files among them), with one duplicate and one unreadable file so the dedupe and
error rows go through the cluster path too. Tables are compared with scripts/table_digest.py's digest,
the one the redesign's byte-for-byte check uses. The default engine must not import dask.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpora import SEEDS, SHARED_CORPUS, texts

from bench import synth
from etl import EXTRACTOR_VERSION
from etl.load import build_write
from etl.load.build import build
from etl.load.build_extract import FileResult, Stage
from etl.load.dask_engine import WorkerMismatch, run_chunk

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("table_digest", ROOT / "scripts" / "table_digest.py")
assert _spec is not None and _spec.loader is not None
table_digest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(table_digest)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "REPORTS_DATA": "", "REPORTS_DB": ""}


def _corpus(root: Path) -> Path:
    data = root / "reports"
    data.mkdir()
    for src in texts(SEEDS) + texts(SHARED_CORPUS)[::4]:
        shutil.copy(src, data / src.name)
    synth.generate(16, data / "synth", seed=5, workers=1)
    shutil.copy(texts(SEEDS)[0], data / "zz_copy.txt")  # a duplicate: a 'dedupe' error row
    (data / "zz_broken.pdf").write_bytes(b"%PDF-1.4 not really")  # an unreadable file: a 'read' error row
    return data


def _cli_build(data: Path, db: Path, *extra: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "etl", "build", "--data", str(data), "--db", str(db), "--workers", "2",
                          "--no-progress", "--json", *extra], cwd=ROOT, env=_env(), capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.splitlines()[-1])


def test_dask_build_makes_the_local_build_tables(tmp_path: Path) -> None:
    """Same corpus, local pool vs a LocalCluster of 2 workers (the CLI without --scheduler): every table equal."""
    data = _corpus(tmp_path)
    local = _cli_build(data, tmp_path / "local.duckdb")
    dask = _cli_build(data, tmp_path / "dask.duckdb", "--engine", "dask", "--stage-dir", str(tmp_path / "stage"))
    assert local["errors"] >= 2 and local["documents"] > 30  # the corpus did exercise errors and many documents
    assert {k: dask[k] for k in ("files_read", "documents", "figures", "errors")} == \
        {k: local[k] for k in ("files_read", "documents", "figures", "errors")}
    mine, theirs = table_digest.digest(tmp_path / "local.duckdb"), table_digest.digest(tmp_path / "dask.duckdb")
    assert {"documents", "figures", "texts", "doc_tokens", "files", "ingest_errors"} <= set(mine)
    assert theirs == mine
    assert list((tmp_path / "stage").iterdir()) == []  # the build's staging folder went with it


def test_default_build_does_not_import_dask(tmp_path: Path) -> None:
    """A build with work to do on the default engine loads the writer, never dask (lazy in build_write)."""
    data = tmp_path / "reports"
    data.mkdir()
    shutil.copy(texts(SEEDS)[0], data / "a.txt")
    child = ("import json, sys\nfrom pathlib import Path\nfrom etl.load.build import build\n"
             "build(Path(sys.argv[1]), Path(sys.argv[2]), progress=False)\nprint(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", child, str(data), str(tmp_path / "r.duckdb")], cwd=ROOT, env=_env(),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    modules = json.loads(out.stdout.splitlines()[-1])
    assert "etl.load.build_write" in modules
    assert [m for m in modules if m.split(".")[0] in {"dask", "distributed"} or m == "etl.load.dask_engine"] == []


def test_a_failing_task_stops_the_build_and_leaves_the_live_file(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers on other code (here: the build claims another version) fail their tasks: the error reaches
    the build, nothing is swapped in, the staging folder is removed."""
    data = tmp_path / "reports"
    data.mkdir()
    for src in texts(SEEDS):
        shutil.copy(src, data / src.name)
    db = tmp_path / "r.duckdb"
    build(data, db, progress=False)
    before = db.read_bytes()
    (data / "new.txt").write_text("乙县人民政府\n乙县2023年法治政府建设年度报告\n2023年,全年共收到行政复议申请44件。\n",
                                  encoding="utf-8")
    monkeypatch.setattr("etl.load.build.EXTRACTOR_VERSION", "0" * 16)
    with pytest.raises(WorkerMismatch, match="other etl code"):
        build(data, db, progress=False, workers=1, engine="dask", stage_dir=tmp_path / "stage")
    assert db.read_bytes() == before
    assert list((tmp_path / "stage").iterdir()) == []


def test_run_chunk_refuses_a_worker_without_the_shared_paths(tmp_path: Path) -> None:
    stage = Stage(tmp_path / "stage")
    item = ("a.txt", str(tmp_path / "a.txt"), 1, 0.0, True, None, str(tmp_path / "no-such-folder"), None)
    with pytest.raises(WorkerMismatch, match="data folder"):
        run_chunk(EXTRACTOR_VERSION, stage, 0, [item])
    gone = Stage(tmp_path / "gone")
    gone.remove()
    with pytest.raises(WorkerMismatch, match="staging folder"):
        run_chunk(EXTRACTOR_VERSION, gone, 0, [])


def test_a_rerun_chunk_replaces_its_staged_files(tmp_path: Path) -> None:
    """A chunk run twice (its first worker died) leaves one file per table, no partial file beside it."""
    stage = Stage(tmp_path / "stage")
    doc = {c: None for c in build_write.DOC_COLS} | {"doc_id": "d-0", "path": "a.txt", "part": 0}
    for _ in range(2):
        stage.write(3, [FileResult("a.txt", "ab", 1, 0.0, "txt", documents=[dict(doc)], texts=[{"doc_id": "d-0",
                                                                                                  "text": "x"}])])
    assert sorted(p.name for p in stage.path.iterdir()) == ["documents-0000003.parquet", "texts-0000003.parquet"]

"""Hostile inputs (issue 16): files built to stall, crash or leak through the ETL.

Each becomes one clear error row (Chinese) or is read correctly, the batch goes on, and the
work stays bounded: by the text limit in characters (``REPORTS_MAX_CHARS``), by a time budget
per file (``REPORTS_FILE_SECONDS``), by reading only regular files inside the data folder, and
by extraction steps linear in the number of figures (checked by counting Python trace events,
not by timing). Inputs are made here in tmp_path. Builds that used to hang (a pipe, /dev/zero,
a file that never finishes) run in a child process with a generous timeout as a safety net.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import pytest

from dashboard import uploads
from etl.extract.pipeline import process_text
from etl.load.build import build
from etl.read import readers
from etl.read.readers import ReadError, read_bytes

ROOT = Path(__file__).resolve().parent.parent
HEAD = "某县人民政府\n某县2023年法治政府建设年度报告\n"


def report(county: str, n: int) -> str:
    return f"{county}人民政府\n{county}2023年法治政府建设年度报告\n2023年,全年共收到行政复议申请{n}件,已全部办结。\n"


def table_rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def errors_of(db: Path) -> dict[str, tuple[str, str]]:
    return {p: (m, d) for p, m, d in table_rows(db, "SELECT path, message, detail FROM ingest_errors")}


# ---- linear extraction ------------------------------------------------------------------------------------------

class _OverBudget(Exception):
    pass


def trace_events(text: str, budget: int) -> int:
    """Python trace events (calls, lines, loop turns) spent extracting ``text``; stops past ``budget``."""
    count = 0

    def tracer(frame, event, arg):  # sys.settrace calls it with these three
        nonlocal count
        count += 1
        if count > budget:
            raise _OverBudget
        return tracer

    sys.settrace(tracer)
    try:
        process_text(text)
    except _OverBudget:
        pass
    finally:
        sys.settrace(None)
    return count


# One sentence per quadratic step that lived in extraction: the scorer's per-metric features, the
# attribution's search for a whole (parts, siblings), the sentence's first subject, the stream table's reach.
REPEATED = {
    "scorer": "一是分层分类集中学:全年开展专题学习3次,下沉全镇9个村(社区)开展靶向宣讲9次,覆盖群众1200余人次。\n",
    "parts": "全年共收到行政复议申请1000件,其中市政府收到200件,区政府收到300件。成功调解村级矛盾纠纷78件,镇级矛盾纠纷37件。\n",
    "subject": "當年一審行政案件經實體審查后,判決行政機關敗訴2376件,同比增加45.86%,實體敗訴率為33.12%。\n",
    "stream": "二、收到和处理政府信息公开申请情况\n1 2 3\n",
}


@pytest.mark.parametrize("name", sorted(REPEATED))
def test_extraction_work_grows_linearly_with_repeats(name: str) -> None:
    """Four times the text costs about four times the work (it cost 6-12 times: quadratic steps)."""
    process_text(HEAD + REPEATED["parts"])  # lazy loads (gazetteer, catalogue) out of the count
    small = trace_events(HEAD + REPEATED[name] * 200, 10**9)
    large = trace_events(HEAD + REPEATED[name] * 800, 5 * small)
    assert small > 1000
    assert large <= 5 * small, f"{name}: {large / small:.1f}x (capped at 5x) the work for 4x the text"


# ---- text limit in characters -----------------------------------------------------------------------------------

def word_doc(paragraph: str, n: int) -> bytes:
    """A .docx whose body repeats one paragraph ``n`` times: compresses to almost nothing."""
    p = f"<w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>"
    body = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + p * n + "</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", body)
    return buf.getvalue()


def test_default_text_limit_is_two_million_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(readers.ENV_MAX_CHARS, raising=False)
    assert readers.max_chars() == 2_000_000
    monkeypatch.setenv(readers.ENV_MAX_CHARS, "not a number")
    assert readers.max_chars() == 2_000_000


def test_word_file_expanding_past_the_limit_is_refused_while_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small .docx of millions of characters is stopped before python-docx builds its tree."""
    data = word_doc("全年共收到行政复议申请11件。" * 50, 4000)  # 2.8 M characters in ~60 KB
    assert len(data) < 200_000
    import docx

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("python-docx must not parse a file already over the limit")

    monkeypatch.setattr(docx, "Document", never)
    with pytest.raises(ReadError) as exc:
        read_bytes(data, "docx")
    assert "文件文字过多" in exc.value.message and "200 万字" in exc.value.message


@pytest.mark.parametrize("fmt", ["txt", "html", "docx"])
def test_over_long_text_is_an_error_row_and_refused_on_upload(fmt: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(readers.ENV_MAX_CHARS, "5000")
    sentence = "全年共收到行政复议申请11件,已全部办结。"
    raw = {"txt": (HEAD + sentence * 400).encode(),
           "html": f"<html><body><p>{HEAD}</p><p>{sentence * 400}</p></body></html>".encode(),
           "docx": word_doc(sentence * 10, 40)}[fmt]
    data = tmp_path / "data"
    data.mkdir()
    (data / f"long.{fmt}").write_bytes(raw)
    (data / "good.txt").write_text(report("甲县", 11), encoding="utf-8")
    db = tmp_path / "r.duckdb"
    build(data, db, progress=False, with_tokens=False)
    errors = errors_of(db)
    assert set(errors) == {f"long.{fmt}"}
    message = errors[f"long.{fmt}"][0]
    assert message.startswith("文件文字过多") and "0.5 万字" in message
    with pytest.raises(uploads.UploadError) as exc:
        uploads.check(f"long.{fmt}", raw, limit=20 * 2**20)
    assert str(exc.value) == message  # the import page says what the build says


# ---- time budget per file ---------------------------------------------------------------------------------------

SLOW_BUILD = """
import json, sys, time
from pathlib import Path
import etl.load.build as b
import etl.load.build_extract as bx
real = bx.process_text
def slow(text):
    if "SLOW" in text:
        time.sleep(600)
    return real(text)
bx.process_text = slow
summary = b.build(Path(sys.argv[1]), Path(sys.argv[2]), workers=int(sys.argv[3]), progress=False, with_tokens=False)
print(json.dumps({"errors": summary.errors, "documents": summary.documents}))
"""


def run_child(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Python in a child process (a safety net: the old code hung here), memory capped at 4 GB."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, preexec_fn=cap)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_over_its_time_budget_becomes_an_error_row(workers: int, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a_slow.txt").write_text(report("甲县", 11) + "SLOW\n", encoding="utf-8")
    for i, county in enumerate(["乙县", "丙县", "丁县", "戊县"]):
        (data / f"b_{i}.txt").write_text(report(county, 20 + i), encoding="utf-8")
    db = tmp_path / "r.duckdb"
    out = run_child(SLOW_BUILD, str(data), str(db), str(workers), env={"REPORTS_FILE_SECONDS": "1"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.splitlines()[-1]) == {"errors": 1, "documents": 4}
    message, detail = errors_of(db)["a_slow.txt"]
    assert "处理时间超过 1 秒" in message and "Traceback" not in message + detail and str(tmp_path) not in detail


# ---- names, links and special files -----------------------------------------------------------------------------

def test_a_name_that_is_not_utf8_is_an_error_row(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with open(os.fsencode(data) + b"/bad\xff.txt", "wb") as fh:
        fh.write(report("甲县", 11).encode())
    (data / "good.txt").write_text(report("乙县", 22), encoding="utf-8")
    db = tmp_path / "r.duckdb"
    summary = build(data, db, progress=False, with_tokens=False)
    assert summary.documents == 1
    errors = errors_of(db)
    assert list(errors) == ["bad\\xff.txt"]
    assert "UTF-8" in errors["bad\\xff.txt"][0] and "改名" in errors["bad\\xff.txt"][0]


LINK_BUILD = """
import json, sys
from pathlib import Path
from etl.load.build import build
import duckdb
db = Path(sys.argv[2])
build(Path(sys.argv[1]), db, progress=False, with_tokens=False)
con = duckdb.connect(str(db), read_only=True)
print(json.dumps({"errors": {p: m for p, m in con.execute("SELECT path, message FROM ingest_errors").fetchall()},
                  "docs": sorted(p for (p,) in con.execute("SELECT path FROM documents").fetchall())},
                 ensure_ascii=False))
"""


@pytest.fixture()
def odd_folder(tmp_path: Path) -> Path:
    """Good reports next to a link out of the folder, a pipe, a link to /dev/zero, a broken link, a dot file."""
    outside = tmp_path / "secret.txt"
    outside.write_text(report("外县", 99), encoding="utf-8")
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (data / "good.txt").write_text(report("甲县", 11), encoding="utf-8")
    (data / "sub" / "inner.txt").write_text(report("乙县", 22), encoding="utf-8")
    os.symlink(outside, data / "secret-link.txt")
    os.symlink("/dev/zero", data / "zero.txt")
    os.symlink(data / "missing.txt", data / "broken.txt")
    os.symlink(data / "sub" / "inner.txt", data / "inner-link.txt")  # inside the folder: read (a duplicate)
    os.mkfifo(data / "pipe.txt")
    (data / ".hidden.txt").write_text(report("丙县", 33), encoding="utf-8")
    return data


def test_links_out_pipes_devices_and_broken_links_are_error_rows(odd_folder: Path, tmp_path: Path) -> None:
    out = run_child(LINK_BUILD, str(odd_folder), str(tmp_path / "r.duckdb"))
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.splitlines()[-1])
    # the secret is not stored, the dot file is skipped; a link inside the folder is read (first of two copies)
    assert got["docs"] == ["good.txt", "inner-link.txt"]
    errors = got["errors"]
    assert set(errors) == {"secret-link.txt", "zero.txt", "broken.txt", "pipe.txt", "sub/inner.txt"}
    assert "数据目录以外的链接" in errors["secret-link.txt"] and "REPORTS_FOLLOW_LINKS" in errors["secret-link.txt"]
    assert "数据目录以外的链接" in errors["zero.txt"]
    assert "失效的链接" in errors["broken.txt"]
    assert "不是普通文件" in errors["pipe.txt"]
    assert "内容完全相同" in errors["sub/inner.txt"]
    assert not any(str(tmp_path) in m for m in errors.values())


def test_following_links_is_a_setting_and_never_reads_devices(odd_folder: Path, tmp_path: Path) -> None:
    out = run_child(LINK_BUILD, str(odd_folder), str(tmp_path / "r.duckdb"), env={"REPORTS_FOLLOW_LINKS": "1"})
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.splitlines()[-1])
    assert "secret-link.txt" in got["docs"]
    assert "不是普通文件" in got["errors"]["zero.txt"] and "不是普通文件" in got["errors"]["pipe.txt"]


# ---- odd encodings and pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(codec: str, tmp_path: Path) -> None:
    raw = report("甲县", 11).encode(codec)
    assert raw[:2] not in (b"\xff\xfe", b"\xfe\xff")
    result = read_bytes(raw, "txt")
    assert result.text == report("甲县", 11) and result.encoding == codec
    assert uploads.check("报告.txt", raw, limit=2**20) == "txt"
    data = tmp_path / "data"
    data.mkdir()
    (data / "u16.txt").write_bytes(raw)
    db = tmp_path / "r.duckdb"
    assert build(data, db, progress=False, with_tokens=False).documents == 1
    assert table_rows(db, "SELECT value FROM figures WHERE metric = 'reconsideration.received'") == [(11.0,)]


def test_binary_with_nuls_on_both_parities_is_still_binary() -> None:
    with pytest.raises(ReadError) as exc:
        read_bytes(bytes(range(256)) * 16, "txt")
    assert "二进制" in exc.value.message


def test_deeply_nested_page_is_read_without_its_code() -> None:
    depth = 100_000
    page = ("<html><head><title>甲县2023年法治政府建设年度报告</title></head><body>" + "<div>" * depth
            + "<p>2023年,全年共收到行政复议申请11件,已全部办结。</p><script>alert('CODE')</script>"
            + '<a href="javascript:x()" onclick="ONCLICK()">链接</a>&lt;b&gt;' + "</div>" * depth + "</body></html>")
    text = read_bytes(page.encode(), "html").text
    assert "全年共收到行政复议申请11件" in text and "甲县2023年法治政府建设年度报告" in text
    assert "CODE" not in text and "ONCLICK" not in text and "javascript" not in text
    assert "<b>" in text  # an escaped tag is text


# ---- stale temp files -------------------------------------------------------------------------------------------

def test_stale_upload_temps_are_cleaned_at_build_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "uploads").mkdir(parents=True)
    (data / "uploads" / "good.txt").write_text(report("甲县", 11), encoding="utf-8")
    old = time.time() - 3600
    stale = data / "uploads" / (".upload-" + "a" * 32 + ".txt")
    fresh = data / "uploads" / (".upload-" + "b" * 32 + ".pdf")
    not_ours = [data / "uploads" / ".upload-notours.txt", data / ".keep", data / "uploads" / ("upload-" + "c" * 32)]
    for p in [stale, fresh, *not_ours]:
        p.write_bytes(b"x")
    for p in [stale, *not_ours]:
        os.utime(p, (old, old))
    summary = build(data, tmp_path / "r.duckdb", progress=False, with_tokens=False)
    assert not stale.exists()
    assert fresh.exists() and all(p.exists() for p in not_ours)
    assert summary.stale_temps_removed == 1 and summary.documents == 1
    assert uploads.store(data, "new.txt", report("乙县", 22).encode()).rel == "uploads/new.txt"
    assert sorted(p.name for p in (data / "uploads").glob(".upload-*")) == sorted([".upload-notours.txt", fresh.name])

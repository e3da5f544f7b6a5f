"""Bad files: each becomes one clear ingest_errors row (file, stage, Chinese message) and the batch goes on.

One build over a folder that mixes good reports with: an empty file, binary garbage, a
whitespace-only file, a 50 MB text file (refused by size before it is read), a .docx that
is not a zip, a zip that is not a .docx, a zip bomb (bounded by its uncompressed size,
also when the archive lies about it), a PDF without a text layer, a broken PDF. Files
that are odd but readable — truncated UTF-8, GBK without any hint, HTML full of code,
names with spaces, Chinese, '..' and leading dashes — are read, and no code reaches the text.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl.load.build import build
from etl.load.store import read_only
from etl.load.text_store import read_texts

ROOT = Path(__file__).resolve().parent.parent


def report(county: str, n: int) -> str:
    return f"{county}人民政府\n{county}2023年法治政府建设年度报告\n2023年,全年共收到行政复议申请{n}件,已全部办结。\n"


EVIL_HTML = f"""<html><head><meta charset="utf-8"><script>var secret = "SCRIPT_CODE";</script>
<style>.x {{ color: red }}</style></head>
<body onload="ONLOAD_CODE()">
<div onclick="ONCLICK_CODE()">{report("丙县", 33).splitlines()[1]}</div>
<p>{report("丙县", 33).splitlines()[2]}<a href="javascript:JS_LINK_CODE()">查看详情</a></p>
<p><a href="javascript:void(0)">javascript:JS_TEXT_CODE()</a></p>
<img src="x.png" onerror="ONERROR_CODE()">
<!-- a comment > with <script>COMMENT_CODE()</script> -->
<p>以上为本年度情况。</p>
<script>UNCLOSED_CODE();
</body></html>"""


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def zip_bomb(mb: int) -> bytes:
    """A .docx-looking zip whose document.xml inflates to ``mb`` MB of zeros (~1 MB on disk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 22)
            for _ in range(mb // 4 + 1):
                f.write(chunk)
    return buf.getvalue()


def lying_zip_bomb() -> bytes:
    """A 30 MB document.xml whose headers claim 1,000 bytes: the declared-size bound alone would pass it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b"\0" * (30 << 20))
    data = bytearray(buf.getvalue())
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        pos = data.find(sig)
        while pos != -1:
            name_len = struct.unpack_from("<H", data, pos + (26 if sig == b"PK\x03\x04" else 28))[0]
            name = data[pos + (30 if sig == b"PK\x03\x04" else 46):][:name_len]
            if name == b"word/document.xml":
                struct.pack_into("<I", data, pos + off, 1000)
            pos = data.find(sig, pos + 4)
    return bytes(data)


GOOD = {
    "2023年 报告 (终稿).txt": report("甲县", 11).encode("utf-8"),
    "-rf 报告.txt": report("乙县", 22).encode("utf-8"),
    "--help.txt": report("丁县", 44).encode("utf-8"),
    "a..b 报告.txt": report("戊县", 55).encode("utf-8"),
    "子目录 one/gbk 无声明.txt": report("己县", 66).encode("gbk"),
    "子目录 one/截断.txt": report("庚县", 77).encode("utf-8")[:-2],  # cut inside the final "。"
    "网页.html": EVIL_HTML.encode("utf-8"),
}
BAD = {  # name -> (bytes, stage, words the message must hold)
    "空文件.txt": (b"", "read", "文件是空的"),
    "空白.txt": (b" \n\t\n  ", "read", "只有空白"),
    "garbage.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16, "decode", "二进制"),
    "控制字符.txt": (bytes((i * 7) % 31 + 1 for i in range(3000)), "decode", "乱码或二进制"),
    "not a zip.docx": (b"This is plain text pretending to be Word.", "read", "已损坏"),
    "其他压缩包.docx": (None, "read", "不是 Word 文档"),
    "bomb.docx": (None, "read", "解压后过大"),
    "lying bomb.docx": (None, "read", "无法读取这个 Word 文档"),
    "scan.pdf": (None, "read", "需要先做 OCR 识别"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf\n", "read", "无法读取这个 PDF"),
    "huge.txt": (None, "read", "文件过大"),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("bad")
    data = root / "data"
    (data / "子目录 one").mkdir(parents=True)
    for name, raw in GOOD.items():
        (data / name).write_bytes(raw)
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "not a word document")
    made = {"其他压缩包.docx": other_zip.getvalue(), "bomb.docx": zip_bomb(201), "lying bomb.docx": lying_zip_bomb(),
            "scan.pdf": blank_pdf()}
    for name, (raw, _, _) in BAD.items():
        if name == "huge.txt":
            with open(data / name, "wb") as fh:  # 50 MB of report text
                line = report("辛县", 88).encode("utf-8")
                fh.write(line * (50 * 2**20 // len(line) + 1))
            continue
        (data / name).write_bytes(made.get(name, raw))
    db = root / "reports.duckdb"
    summary = build(data, db, progress=False, with_tokens=False)
    assert summary.files_seen == len(GOOD) + len(BAD)
    return data, db


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_each_bad_file_is_one_clear_error_row(batch: tuple[Path, Path]) -> None:
    _, db = batch
    errors = rows(db, "SELECT path, stage, message FROM ingest_errors WHERE stage <> 'corrections' ORDER BY path")
    assert sorted(p for p, _, _ in errors) == sorted(BAD)  # exactly one row per bad file, none for good ones
    for path, stage, message in errors:
        _, want_stage, words = BAD[path]
        assert (stage, words in message) == (want_stage, True), (path, stage, message)
        assert "Traceback" not in message and "Error" not in message  # for a user, not a developer
    status = dict(rows(db, "SELECT path, status FROM files"))
    assert all(status[p] == "error" for p in BAD) and all(status[p] == "ok" for p in GOOD)


def test_huge_file_is_refused_without_being_read(batch: tuple[Path, Path]) -> None:
    data, db = batch
    size = (data / "huge.txt").stat().st_size
    assert size >= 50 * 2**20
    assert rows(db, "SELECT sha256, size FROM files WHERE path = 'huge.txt'") == [("", size)]  # no hash: never read
    (message,) = rows(db, "SELECT message FROM ingest_errors WHERE path = 'huge.txt'")[0]
    assert "50 MB" in message and "上限 20 MB" in message and "--max-file-mb" in message


def test_good_files_with_odd_names_and_encodings_are_read(batch: tuple[Path, Path]) -> None:
    _, db = batch
    got = dict(rows(db, "SELECT d.path, f.value FROM figures f JOIN documents d USING (doc_id) "
                        "WHERE f.metric = 'reconsideration.received'"))
    assert got == {"2023年 报告 (终稿).txt": 11, "-rf 报告.txt": 22, "--help.txt": 44, "a..b 报告.txt": 55,
                   "子目录 one/gbk 无声明.txt": 66, "子目录 one/截断.txt": 77, "网页.html": 33}
    enc = dict(rows(db, "SELECT path, encoding FROM files WHERE status = 'ok'"))
    assert enc["子目录 one/gbk 无声明.txt"] == "gbk"
    assert enc["子目录 one/截断.txt"] == "utf-8"


def test_html_text_is_kept_and_code_dropped(batch: tuple[Path, Path]) -> None:
    _, db = batch
    (doc_id,) = rows(db, "SELECT doc_id FROM documents WHERE path = '网页.html'")[0]
    with read_only(db) as con:
        text = read_texts(con, [doc_id])[doc_id]
    assert "全年共收到行政复议申请33件" in text and "查看详情" in text and "以上为本年度情况" in text
    for code in ("CODE", "javascript", "<script", "onclick", "onerror", "-->", "color: red", "secret"):
        assert code not in text, code


def test_data_dir_with_dot_dot_segments_gives_clean_paths(batch: tuple[Path, Path], tmp_path: Path) -> None:
    data, db = batch
    detour = data / "子目录 one" / ".."
    other = tmp_path / "other.duckdb"
    build(detour, other, progress=False, with_tokens=False)
    assert rows(other, "SELECT path FROM documents ORDER BY path") == rows(db, "SELECT path FROM documents ORDER BY path")


def test_cli_with_leading_dash_folder_and_file_names(tmp_path: Path) -> None:
    data = tmp_path / "-报告 目录"
    data.mkdir()
    (data / "-n 报告.txt").write_text(report("壬县", 99), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "etl", "build", f"--data={data.name}", "--db=-报告 目录/r.duckdb",
                          "--no-progress", "--json"], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True)
    summary = json.loads(out.stdout)
    assert (summary["files_seen"], summary["documents"], summary["errors"]) == (1, 1, 0)
    assert rows(data / "r.duckdb", "SELECT path FROM documents") == [("-n 报告.txt",)]


def test_an_absurdly_long_number_does_not_lose_the_file(tmp_path: Path) -> None:
    """A 400-digit number (value overflows to inf) must not turn the whole file into an error."""
    data = tmp_path / "data"
    data.mkdir()
    text = report("癸县", 12) + "受理行政复议案件" + "9" * 400 + "件。\n"
    (data / "long number.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "r.duckdb"
    s = build(data, db, progress=False, with_tokens=False)
    assert rows(db, "SELECT path, message, detail FROM ingest_errors") == []
    assert s.documents == 1
    assert rows(db, "SELECT value FROM figures WHERE metric = 'reconsideration.received'") == [(12.0,)]

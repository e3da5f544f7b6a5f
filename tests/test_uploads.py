"""Browser uploads (dashboard/uploads.py): type by content, size limit, safe names, never overwriting."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dashboard import uploads

REPORT = "青海省2024年法治政府建设工作要点\n一、总体要求\n行政机关负责人出庭应诉率不低于90%。\n".encode()


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "x")
    return buf.getvalue()


@pytest.mark.parametrize(("name", "expected"), [
    ("报告.txt", "报告.txt"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\win.ini.txt", "win.ini.txt"),
    ("C:\\Users\\a\\报告 2023.TXT", "报告_2023.txt"),
    ("/abs/path/x.pdf", "x.pdf"),
    (".bashrc.txt", "bashrc.txt"),
    ("..", "upload"),
    ("", "upload"),
    ("a\x00b\nc.txt", "abc.txt"),
    ("rm -rf $(x);`y`.html", "rm_-rf_(x)_y.html"),
    ("ＡＢＣ.txt", "ABC.txt"),  # full-width letters normalised
    ("x" * 300 + ".docx", "x" * 115 + ".docx"),
])
def test_safe_name(name: str, expected: str) -> None:
    got = uploads.safe_name(name)
    assert got == expected
    assert "/" not in got and "\\" not in got and not got.startswith(".")


@pytest.mark.parametrize(("data", "fmt"), [
    (b"%PDF-1.7\n...", "pdf"),
    (docx_bytes(), "docx"),
    (zip_bytes(), None),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("\ufeff<html><head><meta charset='utf-8'></head></html>".encode(), "html"),
    (REPORT, "txt"),
    (REPORT.decode().encode("gbk"), "txt"),
    (b"\x00\x01\x02\x03" * 100, None),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, None),
    (b"   \n  ", None),
])
def test_sniff_by_content(data: bytes, fmt: str | None) -> None:
    assert uploads.sniff(data) == fmt


def test_check_refuses_wrong_type_size_and_mismatch() -> None:
    assert uploads.check("a.txt", REPORT, limit=1000) == "txt"
    assert uploads.check("a.html", REPORT, limit=1000) == "html"  # a page saved as plain text still reads
    with pytest.raises(uploads.UploadError, match="不支持"):
        uploads.check("a.exe", REPORT)
    with pytest.raises(uploads.UploadError, match="过大"):
        uploads.check("a.txt", REPORT, limit=10)
    with pytest.raises(uploads.UploadError, match="空"):
        uploads.check("a.txt", b"")
    with pytest.raises(uploads.UploadError, match="内容是PDF"):
        uploads.check("a.txt", b"%PDF-1.4 ...")
    with pytest.raises(uploads.UploadError, match="不是Word"):
        uploads.check("a.docx", zip_bytes())
    with pytest.raises(uploads.UploadError, match="内容是文本"):
        uploads.check("a.pdf", REPORT)


def test_limit_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(uploads.ENV_MAX_MB, raising=False)
    assert uploads.max_bytes(secrets={}) == 20 * 1024 * 1024
    assert uploads.max_bytes(secrets={"upload_max_mb": 5}) == 5 * 1024 * 1024
    monkeypatch.setenv(uploads.ENV_MAX_MB, "0.5")
    assert uploads.max_bytes(secrets={"upload_max_mb": 5}) == 512 * 1024
    monkeypatch.setenv(uploads.ENV_MAX_MB, "lots")
    assert uploads.max_bytes(secrets={}) == 20 * 1024 * 1024


def test_store_never_overwrites_a_different_file(tmp_path: Path) -> None:
    first = uploads.store(tmp_path, "报告.txt", REPORT)
    assert first.status == "new" and first.rel == "uploads/报告.txt" and first.path.read_bytes() == REPORT
    again = uploads.store(tmp_path, "报告.txt", REPORT)
    assert again.status == "same" and again.path == first.path
    other = REPORT + "二、主要任务\n".encode()
    second = uploads.store(tmp_path, "报告.txt", other)
    assert second.status == "renamed" and second.rel == "uploads/报告-2.txt"
    assert first.path.read_bytes() == REPORT and second.path.read_bytes() == other
    third = uploads.store(tmp_path, "../../报告.txt", REPORT + b"x")
    assert third.rel == "uploads/报告-3.txt"
    assert sorted(p.name for p in (tmp_path / "uploads").iterdir()) == ["报告-2.txt", "报告-3.txt", "报告.txt"]
    assert not list(tmp_path.glob("*.txt"))  # nothing escaped the upload folder


def test_refused_upload_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(uploads.UploadError):
        uploads.store(tmp_path, "evil.txt", b"\x00" * 100)
    assert not (tmp_path / "uploads").exists() or not any((tmp_path / "uploads").iterdir())

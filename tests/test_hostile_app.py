"""Hostile use of the app (issue 16, items 4, 5 and 8's app part), each case as the tester reported it.

- 4: the login throttle believed X-Forwarded-For, so invented addresses got fresh budgets;
- 5: a garbage or truncated live database made every page a traceback with server paths, with no way out;
- 8: a rejected upload's name was rendered as Markdown (an image fetched from anywhere); a 100 KB search
  went into the URL; a full disk or a read-only data folder gave raw tracebacks in saves, uploads, rebuild.

Hostile inputs are made here, in tmp_path. The disk faults are injected (an OSError raised where the
write would happen): the tests run as root in CI, where a chmod'ed folder is still writable.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from apptest_support import button
from apptest_support import page_alone as _page_alone
from streamlit.runtime.context import StreamlitHeaders
from streamlit.testing.v1 import AppTest

from dashboard import auth, failures, filters, uploads
from dashboard.safe_text import plain
from etl.after import corrections as corr

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PAGES = ["overview", "trends", "regions", "reports", "brief", "quality", "import_reports"]
REPORT = ("西宁市城中区2023年法治政府建设年度报告\n2023年,城中区坚持依法行政。\n"
          "全年共收到行政复议申请45件,依法受理行政复议案件40件。\n").encode()
MAX_SEARCH = 200
CUT_NOTE = "搜索文字最多 200 个字"
PATH_OR_TRACE = re.compile(r"/tmp/|/work/|/home/|/root/|Traceback|Errno|\.duckdb|Error:")


# --- helpers -------------------------------------------------------------------------------------------------

def shown_text(at: AppTest) -> str:
    """Everything a user reads on the page (messages, captions, Markdown, titles, button labels)."""
    parts = [*at.markdown, *at.caption, *at.success, *at.info, *at.error, *at.warning, *at.title, *at.subheader]
    return "\n".join([str(x.value) for x in parts] + [b.label for b in at.button])


def app_page(page: str, params: dict[str, str] | None = None, timeout: float = 120) -> AppTest:
    """The app as a browser opens it, then ``pages/<page>.py`` (like tests/test_pages_apptest.py's run_page)."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    return at




def markdown_live(text: str) -> str:
    """What of ``text`` Markdown would still read as syntax: escaped characters (``\\x``) removed."""
    return re.sub(r"\\.", "", text)


def notice_alone() -> None:
    """What app.py draws instead of a page when the database cannot be read."""
    from dashboard import db, recovery

    recovery.broken_notice(db.problem() or "可以读取")


def readable(db: Path) -> tuple:
    """Every row of every table read back (a count alone can come from metadata and miss a truncated file)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return tuple((t, len(con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables)
    finally:
        con.close()


@pytest.fixture(autouse=True)
def local_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTS_ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("REPORTS_TRUSTED_PROXY", raising=False)






# --- 4: the login throttle -----------------------------------------------------------------------------------

class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeContext:
    """``st.context`` as Streamlit fills it: uvicorn has already copied a local peer's X-Forwarded-For into
    ``ip_address``, so a spoofing client shows up with the address it invented."""

    def __init__(self, ip: str | None, forwarded: list[str] | None = None) -> None:
        self.ip_address = ip
        self.headers = StreamlitHeaders([("X-Forwarded-For", v) for v in forwarded or []])


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> tuple[FakeClock, list[str]]:
    """A password, a fresh throttle on a fake clock, and a list of the guesses actually compared."""
    monkeypatch.setenv(auth.ENV_PASSWORD, "right")
    clock = FakeClock()
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(limit=5, window=300, clock=clock))
    monkeypatch.setattr(auth.st, "session_state", {})
    checked: list[str] = []
    real = auth.password_matches

    def spy(given: str, expected: str) -> bool:
        checked.append(given)
        return real(given, expected)

    monkeypatch.setattr(auth, "password_matches", spy)
    return clock, checked


def login_as(monkeypatch: pytest.MonkeyPatch, context: FakeContext, password: str) -> bool:
    monkeypatch.setattr(auth.st, "context", context)
    return auth.login(password)


def test_spoofed_forwarded_addresses_do_not_get_fresh_guesses(gate, monkeypatch: pytest.MonkeyPatch) -> None:
    _, checked = gate
    for spoofed in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        for _ in range(5):
            login_as(monkeypatch, FakeContext(spoofed, [spoofed]), "guess")
    assert len(checked) == 5  # was 15: each invented address had its own budget
    # with the budget spent, yet another invented address does not get in, not even with the right password
    assert not login_as(monkeypatch, FakeContext("203.0.113.4", ["203.0.113.4"]), "right")
    assert len(checked) == 5


def test_another_real_address_still_logs_in_after_one_is_locked(gate, monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(5):
        login_as(monkeypatch, FakeContext("198.51.100.7"), "guess")
    assert not login_as(monkeypatch, FakeContext("198.51.100.7"), "right")
    assert login_as(monkeypatch, FakeContext("198.51.100.8"), "right")


def test_failures_are_capped_across_all_addresses(gate, monkeypatch: pytest.MonkeyPatch) -> None:
    """Behind a trusted proxy each address is believed, but one account caps guesses at 20 per window."""
    clock, checked = gate
    monkeypatch.setenv("REPORTS_TRUSTED_PROXY", "1")
    for n in range(30):
        for _ in range(5):
            login_as(monkeypatch, FakeContext("127.0.0.1", [f"10.0.{n}.1"]), "guess")
    assert len(checked) == 20
    assert not login_as(monkeypatch, FakeContext("127.0.0.1", ["10.9.9.9"]), "right")
    wait = auth.THROTTLE.wait_seconds("ip:10.9.9.9")
    assert 0 < wait <= 300
    clock.now += 300  # the window passes: nobody stays locked out for good
    assert login_as(monkeypatch, FakeContext("127.0.0.1", ["10.9.9.9"]), "right")


def test_client_key_believes_the_forwarded_header_only_behind_a_trusted_proxy() -> None:
    spoofed = [("x-forwarded-for", "1.1.1.1, 203.0.113.5")]
    assert auth.client_key("203.0.113.5", spoofed, trusted=False) == auth.client_key("9.9.9.9", spoofed, False)
    assert auth.client_key("127.0.0.1", spoofed, trusted=True) == "ip:203.0.113.5"  # the hop the proxy added
    assert auth.client_key("198.51.100.7", [], trusted=False) == "ip:198.51.100.7"
    assert auth.client_key(None, [], trusted=False) == auth.LOCAL_KEY


def test_the_wait_is_shown_in_chinese() -> None:
    assert auth.wait_text(45) == "45 秒"
    assert auth.wait_text(260) == "4 分 20 秒"
    assert auth.wait_text(300) == "5 分钟"


def test_locked_form_says_how_long_to_wait(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(auth.ENV_PASSWORD, "right")
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(limit=1, window=300))
    at = page_alone("import_reports")
    for _ in range(2):
        at.text_input(key="import_password").set_value("guess")
        button(at, "登录").click().run()
    assert any(re.search(r"请 \d+ 分 \d+ 秒后再试|请 \d+ 分钟后再试|请 \d+ 秒后再试", e.value) for e in at.error)


# --- 5: a database that cannot be read -----------------------------------------------------------------------

def garbage(db: Path) -> None:
    db.write_bytes(os.urandom(64 * 1024))


def truncate(db: Path) -> None:
    """Cut the file in half: it still opens, and reading most tables fails (a disk that filled up mid-copy)."""
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", [garbage, truncate], ids=["garbage", "truncated"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_an_unreadable_database(seed_db: Path, page: str, damage) -> None:
    damage(seed_db)
    at = app_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert any("数据库文件已损坏或无法读取" in e.value for e in at.error)
    assert not PATH_OR_TRACE.search(shown_text(at)), shown_text(at)
    assert [b for b in at.button if b.label == "重建数据库"]  # local mode: the user is the admin


def test_visitors_see_a_login_not_a_rebuild_button(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(auth.ENV_PASSWORD, "right")
    garbage(seed_db)
    at = app_page("trends")
    assert not at.exception and any("数据库文件已损坏" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "重建数据库"]
    assert [b for b in at.button if b.label == "登录"]


@pytest.mark.parametrize("damage", [garbage, truncate], ids=["garbage", "truncated"])
def test_the_rebuild_button_repairs_the_database_and_keeps_the_damaged_file(seed_db: Path, damage) -> None:
    before = readable(seed_db)
    damage(seed_db)
    damaged = seed_db.read_bytes()
    # the notice app.py shows on every page, run alone: through app.py AppTest restarts in the legacy pages/
    # emulation on every run and the rerun out of it drops a click (tests/test_pages_admin_apptest.py)
    at = AppTest.from_function(notice_alone, default_timeout=180)
    at.run()
    button(at, "重建数据库").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert readable(seed_db) == before
    aside = list(seed_db.parent.glob("reports.duckdb.broken-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # set aside, not deleted
    again = app_page("overview")
    assert not at.exception and not again.error and [t.value for t in again.title] == ["总览"]


def test_the_import_page_rebuilds_a_database_it_cannot_open(seed_db: Path) -> None:
    before = readable(seed_db)
    truncate(seed_db)
    at = page_alone("import_reports")
    button(at, "重建数据库").click().run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    assert any("重建完成" in s.value for s in at.success)
    assert readable(seed_db) == before
    assert len(list(seed_db.parent.glob("reports.duckdb.broken-*"))) == 1


# --- 8: file names and report text are not Markdown ----------------------------------------------------------

EVIL_NAME = "![x](http://evil.example/x.png).txt"


def test_a_rejected_upload_name_is_shown_literally(seed_db: Path) -> None:
    at = page_alone("import_reports")
    at.file_uploader(key="import_files").set_value([(EVIL_NAME, b"\x00\x01binary\x00", "text/plain")])
    at.run()
    button(at, "导入并更新数据库").click().run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    refused = [e.value for e in at.error if e.value.startswith("未导入")]
    assert len(refused) == 1
    live = markdown_live(refused[0])
    assert "![" not in live and "](" not in live and "evil" in live


def test_plain_keeps_the_characters_and_drops_the_syntax() -> None:
    for text in (EVIL_NAME, "[a](javascript:alert(1))", ":red[x] :material/home: $x^2$", "a_b*c*`d`\n# h",
                 "# 标题", "1. 第一", "- 列表", "> 引用", "<http://evil.example/>"):
        out = plain(text)
        assert re.sub(r"\\(.)", r"\1", out) == text.replace("\n", " ")  # unescaping gives the text back
        live = markdown_live(out)
        assert not re.search(r"[\[\]*_`:$<]", live), out  # no link, image, emphasis, code, icon, maths, tag
        assert not re.match(r"\s*(?:[#>+-]|\d+[.)])", live), out  # nor a heading, quote or list at the start
        assert "\n" not in out
    assert plain("fake.pdf (2).txt") == "fake.pdf (2).txt"  # harmless punctuation stays as it is


# --- 8: a 100 KB search -------------------------------------------------------------------------------------

def url_q(at: AppTest) -> str:
    value = at.query_params.get("q", "")
    return value[-1] if isinstance(value, list) else value


def test_a_huge_typed_search_is_cut_before_it_reaches_the_url(seed_db: Path) -> None:
    huge = "行政复议" * 25_000  # 100,000 characters pasted into the box, ~900 KB once URL-encoded
    at = app_page("reports")
    at.text_input(key="rep_q").set_value(huge).run()
    assert not at.exception, [e.value for e in at.exception]
    assert 0 < len(url_q(at)) <= MAX_SEARCH
    assert any(CUT_NOTE in c.value for c in at.caption)


def test_a_long_search_in_a_link_is_cut(seed_db: Path) -> None:
    """A shared link with 50,000 characters (450 KB encoded, under Streamlit's own 512 KB limit)."""
    at = app_page("reports", {"q": "行政复议" * 12_500})
    assert not at.exception, [e.value for e in at.exception]
    assert 0 < len(url_q(at)) <= MAX_SEARCH
    assert len(at.text_input(key="rep_q").value) <= MAX_SEARCH
    assert any(CUT_NOTE in c.value for c in at.caption)


def test_capped_search() -> None:
    assert filters.capped_search("行政复议") == ("行政复议", False)
    text, cut = filters.capped_search("字" * 1000)
    assert cut and len(text) == MAX_SEARCH


# --- 8: a full disk or a read-only data folder ---------------------------------------------------------------

def refuse_first_write(code: int):
    """An ``open`` for dashboard/uploads.py whose first write raises ``OSError(code)``, as a full or read-only
    disk would; later opens work (the disk had room for the second file)."""
    import builtins

    calls: list[str] = []

    def fake(path, mode="r", *args, **kwargs):
        if any(m in mode for m in "wxa") and not calls:
            calls.append(str(path))
            raise OSError(code, os.strerror(code), str(path))
        return builtins.open(path, mode, *args, **kwargs)

    return fake


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["disk-full", "read-only"])
def test_an_upload_the_disk_refuses_is_reported_and_the_batch_goes_on(seed_db: Path, code: int,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    at = page_alone("import_reports")
    at.file_uploader(key="import_files").set_value([("first.txt", REPORT, "text/plain"),
                                                    ("second.txt", REPORT.replace(b"45", b"46"), "text/plain")])
    at.run()
    monkeypatch.setattr(uploads, "open", refuse_first_write(code), raising=False)
    button(at, "导入并更新数据库").click().run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any(e.startswith("未导入 first") and failures._BY_ERRNO[code] in e for e in errors), errors
    assert not PATH_OR_TRACE.search(shown_text(at)), shown_text(at)
    assert (seed_db.parent / "uploads" / "second.txt").exists()  # the other file of the batch is stored
    assert any("已导入 1 个文件" in s.value for s in at.success)


def _first_figure(db: Path) -> tuple[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT figure_id, doc_id FROM figures_current WHERE unit <> '%' LIMIT 1").fetchone()
    finally:
        con.close()


def _edit_value(at: AppTest, fid: str, value: float, reason: str) -> None:
    at.radio(key="q_action").set_value("修改数值").run()
    at.selectbox(key="q_fig").set_value(fid).run()
    at.number_input(key=f"q_value_{fid}").set_value(value)
    at.text_input(key="q_fig_reason").set_value(reason)
    button(at, "保存更正").click().run()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["disk-full", "read-only"])
def test_a_correction_the_disk_refuses_is_not_lost_silently(seed_db: Path, code: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fid, doc_id = _first_figure(seed_db)
    real = os.open
    monkeypatch.setattr(corr.os, "open", lambda p, *a, **k: (_ for _ in ()).throw(OSError(code, os.strerror(code), p))
                        if str(p).endswith("corrections.jsonl") else real(p, *a, **k))
    at = page_alone("quality", {"doc": doc_id})
    _edit_value(at, fid, 12345.0, "原文为12345件")
    assert not at.exception, [e.value for e in at.exception]
    assert any("更正没有保存" in e.value and corr._WRITE_ERRORS[code] in e.value for e in at.error), \
        [e.value for e in at.error]
    assert not PATH_OR_TRACE.search(shown_text(at)), shown_text(at)
    assert at.text_input(key="q_fig_reason").value == "原文为12345件"  # what was typed stays for a retry
    assert not corr.log_path(seed_db.parent).exists()


def test_a_correction_logged_while_the_database_cannot_be_written_says_so(seed_db: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fid, doc_id = _first_figure(seed_db)
    real = shutil.copyfile

    def full(src, dst, *a, **k):
        if str(dst).endswith(".duckdb"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(shutil, "copyfile", full)
    at = page_alone("quality", {"doc": doc_id})
    _edit_value(at, fid, 12345.0, "原文为12345件")
    assert not at.exception, [e.value for e in at.exception]
    assert any("已保存到更正记录" in w.value for w in at.warning)
    records, _ = corr.read_log(corr.log_path(seed_db.parent))
    assert [r["payload"]["value"] for r in records] == [12345.0]  # kept: the next rebuild applies it
    assert not list(seed_db.parent.glob(".corrections-*"))


SITECUSTOMIZE = '''
import errno, os
_real = os.replace
def _refuse(src, dst, *a, **k):
    if str(dst).endswith("reports.duckdb"):
        raise OSError({code}, os.strerror({code}), str(dst))
    return _real(src, dst, *a, **k)
os.replace = _refuse
'''


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["disk-full", "read-only"])
def test_a_rebuild_the_disk_refuses_says_why_without_a_path(seed_db: Path, code: int, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The build runs in a child process; a sitecustomize there makes its swap fail as the disk would."""
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(SITECUSTOMIZE.format(code=code))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(inject), str(ROOT)]))
    (seed_db.parent / "new.txt").write_bytes(REPORT)  # something to build, so the build writes
    before = seed_db.read_bytes()
    at = page_alone("import_reports")
    button(at, "重建数据库").click().run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error if e.value.startswith("重建失败")]
    assert len(errors) == 1 and failures._BY_ERRNO[code] in errors[0], errors
    assert not PATH_OR_TRACE.search(shown_text(at)), shown_text(at)
    assert seed_db.read_bytes() == before  # the live database is untouched


def test_build_failure_text_hides_paths() -> None:
    assert failures.build_failure_text("OSError: [Errno 28] No space left on device: '/srv/x'").startswith(
        failures.DISK_FULL)
    assert "/srv" not in failures.build_failure_text("duckdb.IOException: IO Error: /srv/x/reports.duckdb")
    assert failures.build_failure_text("构建超过 3600 秒仍未完成,已停止") == "构建超过 3600 秒仍未完成,已停止"


def test_an_upload_cut_short_by_a_full_disk_leaves_no_partial_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    class FullDisk:
        """A file whose write fails half-way, as on a disk that fills up during the copy."""

        def __init__(self, fh) -> None:
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(uploads, "open", lambda p, mode="r", *a, **k: FullDisk(builtins.open(p, mode, *a, **k)),
                        raising=False)
    with pytest.raises(uploads.UploadError, match="磁盘空间不足"):
        failures.store_upload(tmp_path, "report.txt", REPORT)
    assert list((tmp_path / "uploads").iterdir()) == []  # the half-written hidden copy is gone


def test_a_first_build_that_cannot_write_says_why_without_a_path(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh start whose data folder is read-only: the build's first write (its lock file) is refused."""
    from etl.load import store

    def read_only(path, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(store, "open", read_only, raising=False)
    monkeypatch.setenv("REPORTS_DB", str(tmp_path / "reports.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(e.value.startswith("无法构建数据库:" + failures.READ_ONLY) for e in at.error)
    assert not PATH_OR_TRACE.search(shown_text(at)), shown_text(at)


def page_alone(page: str, params: dict[str, str] | None = None, timeout: float = 120) -> AppTest:
    """A page by itself; an exception is what some of these tests look for, so none is asserted here."""
    return _page_alone(page, params, timeout, check=False)

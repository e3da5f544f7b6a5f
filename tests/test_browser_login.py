"""The admin login survives a page reload and an opened link, and 退出 ends it for good (issue 13, Admin).

In a real Chromium against ``streamlit run app.py`` with ``REPORTS_ADMIN_PASSWORD`` set: log in on the 数据质量
page's 更正 tab, reload — still logged in (the correction form shows, the name typed at login is the author);
open another page in a new tab — logged in there too; 退出 — the cookie is gone, and after a reload the page
asks for the password again. The cookie is checked as the browser holds it: SameSite=Strict, no Secure over
http, expiring in 12 hours, never in the URL; the logged-out token, put back by hand, is refused.
Screenshots: test-artifacts/login_after_login.png, login_after_reload.png, login_other_tab.png, login_after_logout.png.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (  # skips this module when /usr/bin/chromium is missing
    app_page,
    chromium,
    no_error_box,
    open_page,
    settle_quietly,
    shot_whole,
    streamlit_server,
)
from conftest import fetch_one
from corpora import SEEDS, texts
from playwright.sync_api import BrowserContext, Page

from dashboard.session_token import COOKIE_NAME, LIFETIME_SECONDS, SALT_NAME

pytestmark = pytest.mark.browser

PASSWORD = "正确的口令-会话"
USER = "张三"
LOGGED_IN = "已以管理员身份登录"
LOGGED_OUT = "导入、更正和重建需要管理员密码"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """The seed reports, built into a database in their own folder (the salt file goes there), served guarded."""
    from etl.load.build import build

    data = tmp_path_factory.mktemp("login_data")
    for src in texts(SEEDS):
        shutil.copy(src, data / src.name)
    build(data, data / "reports.duckdb", progress=False)
    (doc_id,) = fetch_one(data / "reports.duckdb", "SELECT doc_id FROM figures_current GROUP BY doc_id ORDER BY "
                                                   "count(*) DESC, doc_id LIMIT 1")
    with streamlit_server(data / "reports.duckdb", tmp_path_factory.mktemp("login_server"),
                          {"REPORTS_ADMIN_PASSWORD": PASSWORD}) as url:
        yield url, data, doc_id


def sidebar(pg: Page) -> str:
    return pg.inner_text('[data-testid="stSidebar"]')


def open_corrections(pg: Page, url: str, doc_id: str) -> None:
    """The 数据质量 page with one report chosen (a link from the reader does the same): the 更正 tab opens."""
    open_page(pg, f"{url}/quality?doc={doc_id}", "数据质量", "选择报告")
    settle_quietly(pg)
    no_error_box(pg)


def session_cookies(context: BrowserContext) -> list[dict]:
    return [c for c in context.cookies() if c["name"] == COOKIE_NAME]


def wait_for_cookie(context: BrowserContext, pg: Page, present: bool) -> list[dict]:
    """The cookie is written by the page's script after the run that follows the click; wait until it is."""
    for _ in range(60):
        found = session_cookies(context)
        if bool(found) == present:
            return found
        pg.wait_for_timeout(250)
    raise AssertionError(f"login cookie {'never written' if present else 'never cleared'}: {context.cookies()}")


def test_login_survives_a_reload_and_logout_ends_it(server: tuple[str, Path, str]) -> None:
    url, data, doc_id = server
    with chromium() as browser, app_page(browser) as pg:
        context = pg.context
        open_corrections(pg, url, doc_id)
        assert LOGGED_OUT in sidebar(pg) and pg.get_by_text("要做的更正").count() == 0
        pg.get_by_role("textbox", name="您的名字").fill(USER)
        pg.get_by_role("textbox", name="管理员密码").fill(PASSWORD)
        pg.get_by_role("button", name="登录").click()
        pg.get_by_text(LOGGED_IN).wait_for()
        settle_quietly(pg)

        (cookie,) = wait_for_cookie(context, pg, present=True)
        assert cookie["sameSite"] == "Strict" and not cookie["secure"]  # served over http here
        assert not cookie["httpOnly"]  # written by a script, which cannot set HttpOnly (README, security note)
        assert abs(cookie["expires"] - (time.time() + LIFETIME_SECONDS)) < 600
        assert cookie["value"] not in pg.url and PASSWORD not in cookie["value"]
        assert (data / SALT_NAME).stat().st_mode & 0o777 == 0o600
        token = cookie["value"]
        shot_whole(pg, "login_after_login")

        pg.reload()  # a new connection: only the cookie can say who this is
        open_corrections(pg, url, doc_id)
        assert LOGGED_IN in sidebar(pg)
        pg.get_by_text("要做的更正").wait_for()  # the correction form, not the password form
        assert pg.get_by_label("管理员密码").count() == 0
        pg.get_by_test_id("stRadioGroup").get_by_text("修改数值", exact=True).click()
        settle_quietly(pg)
        assert pg.get_by_role("textbox", name="更正人").first.input_value() == USER  # the name typed at login
        shot_whole(pg, "login_after_reload")

        other = context.new_page()  # a link opened in a new tab
        open_page(other, f"{url}/reports", "报告", "在上表中点选一行")
        settle_quietly(other)
        assert LOGGED_IN in sidebar(other)
        shot_whole(other, "login_other_tab")
        other.close()

        pg.get_by_role("button", name="退出").click()
        pg.get_by_text(LOGGED_OUT).wait_for()
        settle_quietly(pg)
        wait_for_cookie(context, pg, present=False)
        pg.reload()
        open_corrections(pg, url, doc_id)
        assert LOGGED_OUT in sidebar(pg) and LOGGED_IN not in sidebar(pg)
        pg.get_by_label("管理员密码").wait_for()
        assert pg.get_by_text("要做的更正").count() == 0
        shot_whole(pg, "login_after_logout")

        # the logged-out token, copied back into the browser, is refused by the server
        context.add_cookies([{"name": COOKIE_NAME, "value": token, "url": url}])
        pg.reload()
        open_corrections(pg, url, doc_id)
        assert LOGGED_OUT in sidebar(pg)
        pg.get_by_label("管理员密码").wait_for()

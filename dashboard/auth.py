"""Admin gate for the pages that change data (import, corrections, rebuild). Viewing needs nothing.

- The password comes from ``REPORTS_ADMIN_PASSWORD`` or ``st.secrets["admin_password"]``
  (the environment wins). With neither set the app runs in single-user local
  mode: every action is allowed and the sidebar says so.
- Passwords are compared with ``hmac.compare_digest`` on UTF-8 bytes, so the
  time taken does not reveal how much of a guess was right.
- A successful login is remembered in the session only (``st.session_state``),
  never in the URL or a cookie; "退出" forgets it.
- Guessing is throttled per client address, across sessions (a new browser tab does
  not reset it): after 5 wrong passwords within 5 minutes, the form refuses every
  try, right or wrong, until the oldest of them is 5 minutes old.
"""

from __future__ import annotations

import getpass
import hmac
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import streamlit as st

ENV_PASSWORD = "REPORTS_ADMIN_PASSWORD"
SECRET_KEY = "admin_password"
_STATE = "auth_is_admin"
_AUTHOR = "auth_author"


def configured_password(secrets: Any = None) -> str | None:
    """The admin password, or None in single-user local mode (an empty value counts as not set)."""
    env = os.environ.get(ENV_PASSWORD)
    if env:
        return env
    try:
        source = st.secrets if secrets is None else secrets
        value = source.get(SECRET_KEY) if hasattr(source, "get") else None
    except Exception:  # no secrets.toml (or an unreadable one) means no password
        return None
    return str(value) if value else None


class Throttle:
    """At most ``limit`` failures per ``window`` seconds per key; shared by every session of the server."""

    def __init__(self, limit: int = 5, window: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # Streamlit runs sessions in threads of one process

    def _recent(self, key: str) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        now = self.clock()
        while q and now - q[0] >= self.window:
            q.popleft()
        return q

    def wait_seconds(self, key: str) -> int:
        """0 when ``key`` may try; otherwise how many seconds until it may."""
        with self._lock:
            q = self._recent(key)
            if not q:
                del self._failures[key]  # keep the table to the clients that failed lately
            if len(q) < self.limit:
                return 0
            return max(1, int(q[0] + self.window - self.clock() + 0.999))

    def failed(self, key: str) -> None:
        with self._lock:
            self._recent(key).append(self.clock())


THROTTLE = Throttle()


def _client_key() -> str:
    """The browser's address as Streamlit sees it (behind a proxy: the proxy's, so one shared budget)."""
    try:
        ip = st.context.ip_address
    except Exception:  # outside a running app (bare mode)
        return "unknown"
    return ip if isinstance(ip, str) and ip else "unknown"


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of two passwords."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def local_mode() -> bool:
    return configured_password() is None


def is_admin() -> bool:
    """True in local mode or after a correct password in this session."""
    return local_mode() or bool(st.session_state.get(_STATE))


def login(given: str, client: str | None = None) -> bool:
    """Check ``given``; remember success in the session. False when wrong or while ``client`` is throttled
    (in local mode there is nothing to check)."""
    expected = configured_password()
    if expected is None:
        return True
    client = _client_key() if client is None else client
    if THROTTLE.wait_seconds(client):
        st.session_state[_STATE] = False
        return False
    ok = password_matches(given, expected)
    st.session_state[_STATE] = ok
    if not ok:
        THROTTLE.failed(client)
    return ok


def logout() -> None:
    st.session_state[_STATE] = False


def default_author() -> str:
    """Who a correction is recorded under unless the analyst types a name."""
    if st.session_state.get(_AUTHOR):
        return str(st.session_state[_AUTHOR])
    if local_mode():
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "本地用户"
    return "管理员"


def remember_author(name: str) -> None:
    st.session_state[_AUTHOR] = name.strip()


def require_admin(action: str, key: str) -> bool:
    """Show a password form unless the user may ``action`` (e.g. "导入报告"); True when allowed.

    A wrong password shows an error and stays refused.
    """
    if is_admin():
        return True
    st.info(f"{action}需要管理员密码。查看数据不需要登录。")
    with st.form(key=f"{key}_login"):
        given = st.text_input("管理员密码", type="password", key=f"{key}_password")
        submitted = st.form_submit_button("登录", key=f"{key}_login_submit")
    if submitted:
        client = _client_key()
        if THROTTLE.wait_seconds(client):
            st.error(f"密码错误次数过多,请 {THROTTLE.wait_seconds(client)} 秒后再试。")
            return False
        if login(given, client):
            st.rerun()
        st.error("密码错误,已拒绝。")
    return False


def sidebar_status() -> None:
    """One line in the sidebar: local mode, logged in (with 退出), or how to log in."""
    with st.sidebar:
        if local_mode():
            st.caption(":material/person: 单用户本地模式:未设置管理员密码,导入、更正和重建无需登录。")
        elif is_admin():
            c1, c2 = st.columns([3, 1])
            c1.caption(":material/lock_open: 已以管理员身份登录")
            if c2.button("退出", key="auth_logout"):
                logout()
                st.rerun()
        else:
            st.caption(":material/lock: 导入、更正和重建需要管理员密码(在“导入”或“数据质量”页登录)。")

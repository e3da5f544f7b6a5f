"""Admin gate for the pages that change data (import, corrections, rebuild). Viewing needs nothing.

- The password comes from ``REPORTS_ADMIN_PASSWORD`` or ``st.secrets["admin_password"]``
  (the environment wins). With neither set the app runs in single-user local
  mode: every action is allowed and the sidebar says so.
- Passwords are compared with ``hmac.compare_digest`` on UTF-8 bytes, so the
  time taken does not reveal how much of a guess was right.
- A successful login is remembered in the session only (``st.session_state``),
  never in the URL or a cookie; "退出" forgets it.
"""

from __future__ import annotations

import getpass
import hmac
import os
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


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of two passwords."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def local_mode() -> bool:
    return configured_password() is None


def is_admin() -> bool:
    """True in local mode or after a correct password in this session."""
    return local_mode() or bool(st.session_state.get(_STATE))


def login(given: str) -> bool:
    """Check ``given``; remember success in the session. False when wrong (or in local mode, nothing to check)."""
    expected = configured_password()
    if expected is None:
        return True
    ok = password_matches(given, expected)
    st.session_state[_STATE] = ok
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
        if login(given):
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

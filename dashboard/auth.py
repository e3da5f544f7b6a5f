"""Admin gate for the pages that change data (import, corrections, rebuild). Viewing needs nothing.

- The password comes from ``REPORTS_ADMIN_PASSWORD`` or ``st.secrets["admin_password"]``
  (the environment wins). With neither set the app runs in single-user local
  mode: every action is allowed and the sidebar says so.
- Passwords are compared with ``hmac.compare_digest`` on UTF-8 bytes, so the
  time taken does not reveal how much of a guess was right.
- A successful login is remembered in the session (``st.session_state``) and, so that a reload or an opened
  link keeps it, in a cookie holding a signed token that expires after 12 hours (dashboard/session_token.py:
  HMAC-SHA256 under a key derived from the admin password and a salt file in the data folder, so a new
  password logs everyone out). The cookie is written by a small script (``SameSite=Strict``; ``Secure`` when
  the page came over https; not ``HttpOnly``, which a script cannot set) and read from ``st.context.cookies``;
  the token never goes into a URL. "退出" forgets the login, revokes the token in this server and clears
  the cookie.
- Guessing is throttled per user name and client address, across sessions (a new browser
  tab does not reset it): after 5 wrong passwords within 5 minutes, the form refuses
  every try for that name at that address, right or wrong, until the oldest of them is
  5 minutes old, and says how long to wait. Colleagues behind one office address type
  their own names and keep their own budgets, so one guesser does not lock them out.
- There is one admin account, so failures are also capped overall: 20 within 5
  minutes from all addresses together. Inventing addresses therefore does not
  multiply the guesses; the worst a guesser can do is make everyone wait 5 minutes.
- The address is the socket peer (``st.context.ip_address``). Streamlit's server
  (uvicorn) replaces it with the ``X-Forwarded-For`` value when the peer is local,
  so a request carrying that header is only believed when ``REPORTS_TRUSTED_PROXY``
  says a proxy in front sets it; otherwise all such requests share one budget.
"""

from __future__ import annotations

import getpass
import hmac
import json
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

import streamlit as st

from dashboard import session_token
from etl import api

ENV_PASSWORD = "REPORTS_ADMIN_PASSWORD"
ENV_TRUSTED_PROXY = "REPORTS_TRUSTED_PROXY"
FORWARDED_HEADER = "x-forwarded-for"
FORWARDED_KEY = "forwarded"  # the one budget shared by requests whose address cannot be believed
LOCAL_KEY = "local"
SECRET_KEY = "admin_password"
_STATE = "auth_is_admin"
_AUTHOR = "auth_author"
_TOKEN = "auth_token"  # this session's signed token: issued at login or read from the cookie
_LOGGED_OUT = "auth_logged_out"  # 退出 was clicked: the cookie this tab was opened with is not believed again
_CLEAR_COOKIE = "auth_clear_cookie"  # 退出 was clicked: the next run clears the browser's cookie


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
    """At most ``limit`` failures per ``window`` seconds per key, and ``overall`` from all keys together.

    Shared by every session of the server. The overall cap exists because there is one admin account:
    a guesser who can present many keys (addresses) must not get ``limit`` guesses for each of them.

    Hand-written on purpose (checked 2026-12 against limits 5.8.0 and pyrate-limiter 4.5.1): the tests
    drive this throttle with a fake ``clock`` (5 minutes pass in a line, not in 300 s of sleep), and
    ``limits``' MemoryStorage reads ``time.time()`` inside its own methods with no clock to inject (it
    also counts on the wall clock, which can jump, where this uses ``time.monotonic``).
    pyrate-limiter's InMemoryBucket takes our timestamps, but counts a failure that is exactly
    ``window`` old as still inside it, and would still need this class's per-key table, lock and pruning:
    no smaller and no better than the deque below.
    """

    ALL = "\x00all"  # the overall count's key; no client key can be this

    def __init__(self, limit: int = 5, window: float = 300.0, clock: Callable[[], float] = time.monotonic,
                 overall: int = 20) -> None:
        self.limit, self.window, self.clock, self.overall = limit, window, clock, overall
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # Streamlit runs sessions in threads of one process

    def _recent(self, key: str) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        now = self.clock()
        while q and now - q[0] >= self.window:
            q.popleft()
        return q

    def _wait_locked(self, key: str, limit: int) -> int:
        q = self._recent(key)
        if not q:
            del self._failures[key]  # keep the table to the clients that failed lately
        if len(q) < limit:
            return 0
        return max(1, int(q[-limit] + self.window - self.clock() + 0.999))

    def wait_seconds(self, key: str) -> int:
        """0 when ``key`` may try; otherwise how many seconds until it (or anyone, past the overall cap) may."""
        with self._lock:
            return max(self._wait_locked(key, self.limit), self._wait_locked(self.ALL, self.overall))

    def failed(self, key: str) -> None:
        with self._lock:
            now = self.clock()
            self._recent(key).append(now)
            self._recent(self.ALL).append(now)


THROTTLE = Throttle()


def proxy_trusted() -> bool:
    """True when ``REPORTS_TRUSTED_PROXY`` says a proxy in front sets X-Forwarded-For (README, Settings)."""
    return os.environ.get(ENV_TRUSTED_PROXY, "").strip().lower() in ("1", "true", "yes", "on")


def _forwarded(headers: Iterable[tuple[str, str]]) -> list[str]:
    """The X-Forwarded-For hops, oldest first (several headers are one list, as RFC 7230 says)."""
    hops: list[str] = []
    for name, value in headers:
        if name.lower() == FORWARDED_HEADER:
            hops += [h.strip() for h in value.split(",") if h.strip()]
    return hops


def client_key(ip: str | None, headers: Iterable[tuple[str, str]], trusted: bool) -> str:
    """The throttle key for a request whose socket peer Streamlit reports as ``ip``.

    Without a trusted proxy a forwarded header may have been written by the client itself (and the
    server may already have copied it into ``ip``), so every such request shares one key. With one,
    the last hop is the address the proxy saw; earlier hops are the client's own claims.
    """
    hops = _forwarded(headers)
    if hops:
        return f"ip:{hops[-1]}" if trusted else FORWARDED_KEY
    return f"ip:{ip}" if isinstance(ip, str) and ip else LOCAL_KEY


def user_key(client: str, user: str) -> str:
    """The throttle key for ``user`` (as typed, trimmed) logging in from ``client``."""
    return f"{client}|user:{user.strip()}"


def _client_key() -> str:
    """This session's throttle key (outside a running app: the local key)."""
    try:
        ip = st.context.ip_address
        headers = [(FORWARDED_HEADER, v) for v in st.context.headers.get_all(FORWARDED_HEADER)]
    except Exception:  # outside a running app (bare mode)
        return LOCAL_KEY
    return client_key(ip, headers, proxy_trusted())


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of two passwords."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def local_mode() -> bool:
    return configured_password() is None


def is_admin() -> bool:
    """True in local mode, after a correct password in this session, or with a valid login cookie.

    A session whose token stops verifying (12 hours passed, the password changed, 退出 in another tab) is
    logged out.
    """
    if local_mode():
        return True
    if st.session_state.get(_STATE):
        token = st.session_state.get(_TOKEN)
        if token is None or token_user(token) is not None:
            return True
        st.session_state[_STATE] = False
        st.session_state[_TOKEN] = None
        return False
    return _from_cookie()


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


class Revoked:
    """Tokens logged out before their expiry, refused by this server until they expire (a copied cookie
    must not outlive 退出). Kept in memory: a restart forgets it, and the browser's cookie is cleared anyway."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._tokens: dict[str, int] = {}
        self._lock = threading.Lock()

    def add(self, token: str) -> None:
        with self._lock:
            now = self.clock()
            self._tokens = {t: e for t, e in self._tokens.items() if e > now}
            try:
                self._tokens[token] = session_token.expiry_of(token)
            except (ValueError, UnicodeDecodeError):
                pass  # not a token this server signed: nothing to revoke

    def __contains__(self, token: object) -> bool:
        with self._lock:
            return token in self._tokens


REVOKED = Revoked()


def _secret() -> bytes | None:
    """The key tokens are signed with (None in local mode): derived from the password and the data folder's salt."""
    password = configured_password()
    return None if password is None else session_token.secret_for(password, api.data_dir())


def token_user(token: str | None) -> str | None:
    """The user a token was issued to, when it verifies now (signature, expiry, password, not logged out)."""
    if not token or token in REVOKED:
        return None
    secret = _secret()
    return None if secret is None else session_token.verify(token, secret)


def _request_cookie() -> str | None:
    """The token cookie the browser sent when this tab connected (None outside a running app)."""
    try:
        value = st.context.cookies.get(session_token.COOKIE_NAME)
    except Exception:  # bare mode, AppTest
        return None
    return value if isinstance(value, str) and value else None


def issue_token(user: str) -> None:
    """After a successful login: sign a token for ``user``; ``sync_cookie`` writes it to the browser."""
    secret = _secret()
    if secret is not None:
        st.session_state[_TOKEN] = session_token.sign(user, secret)
    st.session_state[_LOGGED_OUT] = False


def logout() -> None:
    """Forget the login in this session, refuse its token from now on and have the cookie cleared."""
    token = st.session_state.get(_TOKEN)
    if isinstance(token, str):
        REVOKED.add(token)
    st.session_state[_TOKEN] = None
    st.session_state[_STATE] = False
    st.session_state[_LOGGED_OUT] = True
    st.session_state[_CLEAR_COOKIE] = True


def _from_cookie() -> bool:
    """Log this session in from the browser's cookie when its token verifies (the login survives a reload)."""
    if st.session_state.get(_LOGGED_OUT):
        return False
    cookie = _request_cookie()
    user = token_user(cookie)
    if user is None:
        return False
    st.session_state[_STATE] = True
    st.session_state[_TOKEN] = cookie
    if user.strip() and not st.session_state.get(_AUTHOR):
        remember_author(user)
    return True


def cookie_script(token: str | None) -> str:
    """A script that stores ``token`` in the login cookie (None: deletes the cookie).

    Only a token of the signed shape (URL-safe base64 and one dot) is ever put into the script.
    """
    if token is not None and not session_token.TOKEN_SHAPE.match(token):
        raise ValueError("not a session token")
    age = 0 if token is None else max(0, session_token.expiry_of(token) - int(time.time()))
    cookie = json.dumps(f"{session_token.COOKIE_NAME}={token or ''}; Max-Age={age}; Path=/; SameSite=Strict")
    return ("<script>(function () {"
            f"document.cookie = {cookie} + (window.location.protocol === 'https:' ? '; Secure' : '');"
            "})();</script>")


def sync_cookie() -> None:
    """Make the browser's cookie follow the session: write the token after a login, delete it after 退出.

    ``st.context.cookies`` holds what the browser sent when the tab connected, so the token is written on
    each run until a reload brings it back; the deletion is sent once, so a later login in another tab is
    not undone by this one.
    """
    if local_mode():
        return
    if st.session_state.get(_CLEAR_COOKIE):
        st.session_state[_CLEAR_COOKIE] = False
        st.html(cookie_script(None), unsafe_allow_javascript=True)
        return
    token = st.session_state.get(_TOKEN) if is_admin() else None
    if isinstance(token, str) and token != _request_cookie():
        st.html(cookie_script(token), unsafe_allow_javascript=True)


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
        user = st.text_input("您的名字", key=f"{key}_user", max_chars=60,
                             help="同一地址的多人各自计算输错次数;登录后用作更正记录的更正人。")
        given = st.text_input("管理员密码", type="password", key=f"{key}_password")
        submitted = st.form_submit_button("登录", key=f"{key}_login_submit")
    if submitted:
        client = user_key(_client_key(), user)
        wait = THROTTLE.wait_seconds(client)
        if wait:
            st.error(f"密码错误次数过多,请 {wait_text(wait)}后再试。")
            return False
        if login(given, client):
            if user.strip():
                remember_author(user)
            issue_token(user.strip())
            st.rerun()
        st.error("密码错误,已拒绝。")
    return False


def wait_text(seconds: int) -> str:
    """A wait in Chinese: ``45`` -> "45 秒", ``260`` -> "4 分 20 秒"."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    if not minutes:
        return f"{rest} 秒"
    return f"{minutes} 分 {rest} 秒" if rest else f"{minutes} 分钟"


def sidebar_status() -> None:
    """One line in the sidebar: local mode, logged in (with 退出), or how to log in; keeps the cookie in step."""
    with st.sidebar:
        sync_cookie()
        if local_mode():
            st.caption(":material/person: 单用户本地模式:未设置管理员密码,导入、更正和重建无需登录。")
        elif is_admin():
            c1, c2 = st.columns([3, 2], vertical_alignment="center")  # room for 退出 on one line
            c1.caption(":material/lock_open: 已以管理员身份登录")
            if c2.button("退出", key="auth_logout"):
                logout()
                st.rerun()
        else:
            st.caption(":material/lock: 导入、更正和重建需要管理员密码(在“导入”或“数据质量”页登录)。")

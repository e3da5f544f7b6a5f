"""Session tokens (dashboard/session_token.py): sign, verify, expiry, tampering, password change, the salt file;
and the login gate reading them from the cookie (dashboard/auth.py): restore, refuse, logout, the cookie script."""

from __future__ import annotations

import base64
import hmac
import re
import stat
from pathlib import Path

import pytest

from dashboard import session_token as tok

NOW = 1_750_000_000.0


@pytest.fixture
def secret(tmp_path: Path) -> bytes:
    return tok.secret_for("正确的口令", tmp_path)


def test_a_token_verifies_and_names_its_user(secret: bytes) -> None:
    token = tok.sign("张三", secret, now=NOW)
    assert tok.verify(token, secret, now=NOW) == "张三"
    assert tok.verify(token, secret, now=NOW + tok.LIFETIME_SECONDS - 1) == "张三"
    assert tok.verify(tok.sign("", secret, now=NOW), secret, now=NOW) == ""  # no name typed is still a login
    assert tok.verify(tok.sign("a|b", secret, now=NOW), secret, now=NOW) == "a|b"
    assert tok.TOKEN_SHAPE.match(token) and "张" not in token  # only URL-safe base64 reaches the cookie


def test_a_token_expires_after_twelve_hours(secret: bytes) -> None:
    token = tok.sign("张三", secret, now=NOW)
    assert tok.LIFETIME_SECONDS == 12 * 3600
    assert tok.expiry_of(token) == int(NOW) + 12 * 3600
    assert tok.verify(token, secret, now=NOW + 12 * 3600) is None
    assert tok.verify(token, secret, now=NOW + 30 * 24 * 3600) is None


def test_a_tampered_token_is_refused(secret: bytes) -> None:
    token = tok.sign("张三", secret, now=NOW)
    payload, mac = token.split(".")
    longer = base64.urlsafe_b64encode(f"张三|{int(NOW) + 10 * 365 * 86400}".encode()).rstrip(b"=").decode()
    assert tok.verify(f"{longer}.{mac}", secret, now=NOW) is None  # a later expiry with the old signature
    other = base64.urlsafe_b64encode(f"李四|{int(NOW) + 3600}".encode()).rstrip(b"=").decode()
    assert tok.verify(f"{other}.{mac}", secret, now=NOW) is None
    flipped = mac[:-2] + ("A" if mac[-2] != "A" else "B") + mac[-1]
    assert tok.verify(f"{payload}.{flipped}", secret, now=NOW) is None
    for junk in ("", ".", payload, f"{payload}.", f".{mac}", f"{payload}.{mac}.x", "a.b", None, "ä" * 50 + "." + mac,
                 f"{payload}={mac}", f"{payload}.{mac};Path=/"):
        assert tok.verify(junk, secret, now=NOW) is None  # type: ignore[arg-type]
    # a well-signed payload that is not ours (no expiry) is refused without an exception
    bare = base64.urlsafe_b64encode(b"no expiry").rstrip(b"=").decode()
    assert tok.verify(f"{bare}.{tok._mac(secret, bare)}", secret, now=NOW) is None


def test_the_mac_is_compared_in_constant_time(secret: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(tok.hmac, "compare_digest", spy)
    token = tok.sign("张三", secret, now=NOW)
    assert tok.verify(token, secret, now=NOW) == "张三"
    assert tok.verify(token[:-1] + ("x" if token[-1] != "x" else "y"), secret, now=NOW) is None
    assert len(calls) == 2


def test_changing_the_password_invalidates_every_token(tmp_path: Path) -> None:
    old = tok.secret_for("旧口令", tmp_path)
    token = tok.sign("张三", old, now=NOW)
    assert tok.verify(token, tok.secret_for("旧口令", tmp_path), now=NOW) == "张三"  # same password, same salt
    assert tok.verify(token, tok.secret_for("新口令", tmp_path), now=NOW) is None


def test_another_installation_with_the_same_password_does_not_accept_the_token(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    token = tok.sign("张三", tok.secret_for("口令", tmp_path / "a"), now=NOW)
    assert tok.verify(token, tok.secret_for("口令", tmp_path / "b"), now=NOW) is None


def test_the_salt_file_is_private_random_and_kept(tmp_path: Path) -> None:
    first = tok.salt(tmp_path)
    path = tmp_path / tok.SALT_NAME
    assert path.read_bytes() == first and len(first) == tok.SALT_BYTES
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert tok.salt(tmp_path) == first  # read back, not made anew: tokens survive a restart
    assert [p.name for p in tmp_path.iterdir()] == [tok.SALT_NAME]  # no temp file left behind
    other = tmp_path / "other"
    other.mkdir()
    assert tok.salt(other) != first


def test_a_folder_that_cannot_keep_the_salt_gets_one_in_memory(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    first = tok.salt(missing)
    assert len(first) == tok.SALT_BYTES and not missing.exists()
    assert tok.salt(missing) == first  # the same until the server restarts


# --- the login gate reading the cookie (dashboard/auth.py) ------------------------------------------------------

class FakeContext:
    """``st.context`` as a request carrying ``cookies`` (what the browser sent when the tab connected)."""

    def __init__(self, cookies: dict[str, str]) -> None:
        self.cookies = cookies
        self.ip_address = "198.51.100.7"
        self.headers = {}


@pytest.fixture
def gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from dashboard import auth

    monkeypatch.setenv(auth.ENV_PASSWORD, "正确的口令")
    monkeypatch.setenv("REPORTS_DATA", str(tmp_path))
    monkeypatch.setattr(auth.st, "session_state", {})
    monkeypatch.setattr(auth, "REVOKED", auth.Revoked())
    return auth


def test_a_valid_cookie_logs_a_new_session_in_and_names_the_author(gate, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    token = tok.sign("张三", tok.secret_for("正确的口令", tmp_path))
    monkeypatch.setattr(gate.st, "context", FakeContext({tok.COOKIE_NAME: token}))
    assert gate.is_admin() and gate.default_author() == "张三"


def test_no_forged_expired_or_old_password_cookie_logs_in(gate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old_password = tok.sign("张三", tok.secret_for("旧口令", tmp_path))
    expired = tok.sign("张三", tok.secret_for("正确的口令", tmp_path), now=NOW)
    forged = tok.sign("张三", b"\x00" * 32)
    for cookie in (old_password, expired, forged, "垃圾", ""):
        monkeypatch.setattr(gate.st, "session_state", {})
        monkeypatch.setattr(gate.st, "context", FakeContext({tok.COOKIE_NAME: cookie}))
        assert not gate.is_admin(), cookie
    # the same gate lets a good cookie in: the refusals above are about the cookies, not the set-up
    monkeypatch.setattr(gate.st, "session_state", {})
    good = tok.sign("张三", tok.secret_for("正确的口令", tmp_path))
    monkeypatch.setattr(gate.st, "context", FakeContext({tok.COOKIE_NAME: good}))
    assert gate.is_admin()


def test_logout_revokes_the_token_and_asks_for_the_cookie_to_be_cleared(gate, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    token = tok.sign("张三", tok.secret_for("正确的口令", tmp_path))
    monkeypatch.setattr(gate.st, "context", FakeContext({tok.COOKIE_NAME: token}))
    assert gate.is_admin()
    gate.logout()
    assert not gate.is_admin()  # the tab still carries the cookie it connected with: not believed again
    assert gate.st.session_state[gate._CLEAR_COOKIE]
    monkeypatch.setattr(gate.st, "session_state", {})  # a reload with the old cookie put back by hand
    assert not gate.is_admin()


def test_a_session_logs_out_when_its_token_expires_or_the_password_changes(gate, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gate.st, "context", FakeContext({}))
    assert gate.login("正确的口令", client="c")
    gate.issue_token("张三")
    assert gate.is_admin()
    monkeypatch.setenv(gate.ENV_PASSWORD, "新口令")
    assert not gate.is_admin()
    monkeypatch.setenv(gate.ENV_PASSWORD, "正确的口令")
    assert not gate.is_admin()  # logged out for good, not back when the old password returns
    assert gate.login("正确的口令", client="c")
    gate.issue_token("张三")
    gate.st.session_state[gate._TOKEN] = tok.sign("张三", tok.secret_for("正确的口令", tmp_path), now=NOW)
    assert not gate.is_admin()  # a token from long ago


def test_the_cookie_script_carries_only_a_token_and_deletes_with_max_age_zero(gate, tmp_path: Path) -> None:
    token = tok.sign("张三", tok.secret_for("正确的口令", tmp_path))
    script = gate.cookie_script(token)
    assert f"{tok.COOKIE_NAME}={token}; Max-Age=" in script and "SameSite=Strict" in script
    assert "'https:' ? '; Secure'" in script
    age = int(re.search(r"Max-Age=(\d+)", script).group(1))
    assert tok.LIFETIME_SECONDS - 60 <= age <= tok.LIFETIME_SECONDS
    assert f"{tok.COOKIE_NAME}=; Max-Age=0;" in gate.cookie_script(None)
    with pytest.raises(ValueError):
        gate.cookie_script('x"; alert(1); "')

"""Admin gate (dashboard/auth.py): where the password comes from, and a constant-time comparison."""

from __future__ import annotations

import hmac

import pytest

from dashboard import auth


@pytest.fixture(autouse=True)
def no_env_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(auth.ENV_PASSWORD, raising=False)


def test_no_password_means_single_user_local_mode() -> None:
    assert auth.configured_password(secrets={}) is None
    assert auth.configured_password(secrets={"admin_password": ""}) is None


def test_password_from_secrets_and_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    assert auth.configured_password(secrets={"admin_password": "s3cret"}) == "s3cret"
    monkeypatch.setenv(auth.ENV_PASSWORD, "from-env")
    assert auth.configured_password(secrets={"admin_password": "s3cret"}) == "from-env"


def test_unreadable_secrets_count_as_none() -> None:
    class Broken:
        def get(self, key: str) -> str:
            raise FileNotFoundError("no secrets.toml")

    assert auth.configured_password(secrets=Broken()) is None


def test_password_matches_uses_hmac_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    assert auth.password_matches("口令-1", "口令-1")
    assert not auth.password_matches("口令-2", "口令-1")
    assert not auth.password_matches("", "口令-1")
    assert not auth.password_matches("口令-1 ", "口令-1")
    assert calls[0] == ("口令-1".encode(), "口令-1".encode())
    assert len(calls) == 4


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_refuses_after_five_failures_until_the_oldest_expires() -> None:
    clock = FakeClock()
    t = auth.Throttle(limit=5, window=300, clock=clock)
    for _ in range(4):
        t.failed("1.2.3.4")
        clock.now += 10
    assert t.wait_seconds("1.2.3.4") == 0
    t.failed("1.2.3.4")
    assert t.wait_seconds("1.2.3.4") == 300 - 40
    assert t.wait_seconds("5.6.7.8") == 0  # another client keeps its own budget
    clock.now = 1000.0 + 300  # the first failure is 5 minutes old
    assert t.wait_seconds("1.2.3.4") == 0


def test_login_is_refused_while_throttled_even_with_the_right_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(auth.ENV_PASSWORD, "right")
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(limit=2, window=60, clock=FakeClock()))
    monkeypatch.setattr(auth.st, "session_state", {})
    assert not auth.login("wrong", client="c")
    assert not auth.login("wrong", client="c")
    assert not auth.login("right", client="c")  # locked out: the right password does not get through
    assert auth.login("right", client="other")

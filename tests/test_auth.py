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

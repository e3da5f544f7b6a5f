"""Signed, expiring login tokens: the admin stays logged in across page reloads and opened links.

A token is ``base64url(user|expiry) + "." + base64url(HMAC-SHA256(secret, first part))``; ``expiry`` is a Unix
time in whole seconds, 12 hours after the login. The browser keeps it in a cookie (dashboard/auth.py sets and
clears it); it never goes into a URL.

The secret is derived from the admin password and a random salt kept in the data folder
(``DATA/.session-key``, 32 random bytes, created with mode 0600 on first use; a dot file, so no build reads it).
So changing the admin password invalidates every token at once, and a token from another installation with the
same password is worthless. Without a writable data folder the salt lives in memory: tokens then last until the
server restarts. Verification compares MACs with ``hmac.compare_digest`` (constant time) and checks the MAC
before reading anything from the token.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import logging
import os
import re
import secrets
import threading
import time
from pathlib import Path

LOG = logging.getLogger(__name__)

LIFETIME_SECONDS = 12 * 3600
SALT_NAME = ".session-key"
SALT_BYTES = 32
COOKIE_NAME = "reports_session"
_CONTEXT = b"reports-session-token-v1\x00"  # domain separation: this key signs session tokens only
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{4,400}\.[A-Za-z0-9_-]{43}$")  # only these characters reach a script

_memory_salt: dict[str, bytes] = {}  # data folder -> salt, when the folder cannot keep one
_lock = threading.Lock()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def derive_secret(password: str, salt: bytes) -> bytes:
    """The signing key: HMAC-SHA256 keyed by the salt over the password (a new password, a new key)."""
    return hmac.new(salt, _CONTEXT + password.encode("utf-8"), hashlib.sha256).digest()


def _mac(secret: bytes, payload: str) -> str:
    return _b64(hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest())


def sign(user: str, secret: bytes, now: float | None = None, lifetime: int = LIFETIME_SECONDS) -> str:
    """A token for ``user`` that expires ``lifetime`` seconds from ``now``."""
    expiry = int(time.time() if now is None else now) + lifetime
    payload = _b64(f"{user}|{expiry}".encode())
    return f"{payload}.{_mac(secret, payload)}"


def verify(token: str | None, secret: bytes, now: float | None = None) -> str | None:
    """The user name in ``token`` when its signature holds and it has not expired; otherwise None.

    Never raises on a malformed token: a cookie is whatever the browser (or a forger) sends.
    """
    if not isinstance(token, str) or not TOKEN_SHAPE.match(token):
        return None
    payload, mac = token.split(".")
    if not hmac.compare_digest(mac.encode("ascii"), _mac(secret, payload).encode("ascii")):
        return None
    try:
        user, _, expiry = _unb64(payload).decode("utf-8").rpartition("|")
        expires = int(expiry)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    current = time.time() if now is None else now
    return user if current < expires else None


def expiry_of(token: str) -> int:
    """The expiry (Unix seconds) written in a token already verified."""
    return int(_unb64(token.split(".")[0]).decode("utf-8").rpartition("|")[2])


def _read_salt(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if len(data) == SALT_BYTES else None


def salt(data_dir: Path) -> bytes:
    """The installation's random salt in ``data_dir``, created 0600 on first use. It is written to a temp file
    and linked into place, so a reader never sees half a salt and of two processes creating it at once one
    wins and both use its salt. A folder that cannot hold it gets one in memory (logins last until a restart)."""
    path = data_dir / SALT_NAME
    with _lock:
        found = _read_salt(path)
        if found is not None:
            return found
        fresh = secrets.token_bytes(SALT_BYTES)
        temp = data_dir / f"{SALT_NAME}.{secrets.token_hex(8)}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            try:
                if os.write(fd, fresh) != SALT_BYTES:
                    raise OSError("short write")
                os.fsync(fd)
            finally:
                os.close(fd)
            try:
                os.link(temp, path)
            except FileExistsError:
                pass  # another process was first: its salt counts
        except OSError as exc:
            LOG.warning("cannot keep a session salt in %s (%r); logins last until the server restarts", data_dir, exc)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
        found = _read_salt(path)
        if found is None:
            return _memory_salt.setdefault(str(data_dir), fresh)
        return found


def secret_for(password: str, data_dir: Path) -> bytes:
    """The signing key for this installation and admin password."""
    return derive_secret(password, salt(data_dir))

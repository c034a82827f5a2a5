"""Password hashes: argon2id (argon2-cffi's defaults, RFC 9106's second recommended setting).

An unknown username is checked against a dummy hash, so it costs the same time as a wrong
password and gets the same answer: sign-in does not tell which usernames exist.
"""

from __future__ import annotations

import functools
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..core.errors import PimpaError

MIN_LENGTH = 8
MAX_LENGTH = 256  # hashing a megabyte "password" would only burn the server's time
_HASHER = PasswordHasher()  # argon2id, 64 MiB, 3 passes
# Each hash takes 64 MiB: forty sign-ins at once would take 2.5 GB. Two at a time keep a
# flood of anonymous tries from exhausting the server's memory; the rest queue.
_SLOTS = threading.BoundedSemaphore(2)


class WeakPassword(PimpaError):
    pass


def check_strength(password: str, username: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(
            f"รหัสผ่านต้องยาวอย่างน้อย {MIN_LENGTH} ตัวอักษร", f"the password must be at least {MIN_LENGTH} characters long"
        )
    if len(password) > MAX_LENGTH:
        raise WeakPassword(
            f"รหัสผ่านยาวเกิน {MAX_LENGTH} ตัวอักษร", f"the password is longer than {MAX_LENGTH} characters"
        )
    if password.strip().lower() == username.lower():
        raise WeakPassword("รหัสผ่านต้องไม่เหมือนชื่อผู้ใช้", "the password must not be the username")


def hash_password(password: str) -> str:
    with _SLOTS:
        return _HASHER.hash(password)


@functools.cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def verify(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches; with no hash (unknown or disabled user) it still takes as long."""
    against = stored_hash or _dummy_hash()
    with _SLOTS:
        try:
            return _HASHER.verify(against, password[:MAX_LENGTH]) and stored_hash is not None
        except (VerificationError, InvalidHashError):
            return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)

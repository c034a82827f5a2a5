"""The session cookie's value: the session token, signed (itsdangerous) with a server key.

The signature lets the server refuse a forged or altered cookie before touching the database,
and carries the time it was issued, so a cookie older than `MAX_AGE` is refused even if the
browser kept it. The signing key lives outside the database, beside the ID key, owner-only.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..core import idkey

COOKIE_NAME = "pimpa_session"
MAX_AGE_SECONDS = 12 * 3600  # a working day; idle sessions end much sooner (sessions.py)
_SALT = "pimpa-session"


def key_file() -> Path:
    configured = os.environ.get("PIMPA_SESSION_KEY_FILE")
    return Path(configured).expanduser() if configured else idkey.key_file().with_name("session.key")


def _secret() -> str:
    from_env = os.environ.get("PIMPA_SESSION_SECRET", "").strip()
    if from_env:
        return from_env
    path = key_file()
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # another process wrote it first
            idkey.store_key(idkey.new_key(), path)
    return path.read_text(encoding="utf-8").strip()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_secret(), salt=_SALT)


def sign(token: str) -> str:
    return _serializer().dumps(token)


def unsign(value: str | None) -> str | None:
    """The token a cookie carries, or None when it is missing, forged, altered or too old."""
    if not value or len(value) > 512:
        return None
    try:
        token = _serializer().loads(value, max_age=MAX_AGE_SECONDS)
    except BadSignature:  # SignatureExpired is one too
        return None
    return token if isinstance(token, str) else None

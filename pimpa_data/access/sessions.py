"""Sign-in sessions: a random token in the browser's cookie, only its hash in `sessions`.

A session ends on sign-out, when its account is disabled or its password changed, or after
`PIMPA_SESSION_IDLE_MINUTES` without a page run. Page runs do not write: the last-seen time
is kept in memory and written at sign-in, sign-out and at most every few minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import threading
import time

import duckdb

from ..core.writes import write_transaction

DEFAULT_IDLE_MINUTES = 60
FLUSH_SECONDS = 300
_LAST_SEEN: dict[str, dt.datetime] = {}
_GUARD = threading.Lock()
_flushed_at = [time.monotonic()]


def idle_limit() -> dt.timedelta:
    try:
        minutes = float(os.environ.get("PIMPA_SESSION_IDLE_MINUTES") or DEFAULT_IDLE_MINUTES)
    except ValueError:
        minutes = DEFAULT_IDLE_MINUTES
    return dt.timedelta(minutes=max(minutes, 1))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_session(con: duckdb.DuckDBPyConnection, username: str, client: str = "") -> str:
    """A new session's token (to hand to the browser); the database keeps only its hash."""
    token = secrets.token_urlsafe(32)
    now = dt.datetime.now()
    with write_transaction(con):
        con.execute(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, NULL)", [_digest(token), username, now, now, client or None]
        )
    return token


def session_user(con: duckdb.DuckDBPyConnection, token: str) -> str | None:
    """The username of a live session, or None (unknown, revoked, idle too long, account off)."""
    digest = _digest(token)
    row = con.execute(
        """SELECT s.username, s.last_seen FROM sessions s JOIN users u USING (username)
           WHERE s.token_hash = ? AND s.revoked_at IS NULL AND u.active""",
        [digest],
    ).fetchone()
    if row is None:
        return None
    now = dt.datetime.now()
    with _GUARD:
        last = max(row[1], _LAST_SEEN.get(digest, row[1]))
        if now - last > idle_limit():
            _LAST_SEEN.pop(digest, None)
            return None
        _LAST_SEEN[digest] = now
    _flush_if_due(con)
    return row[0]


def end_session(con: duckdb.DuckDBPyConnection, token: str) -> None:
    digest = _digest(token)
    with _GUARD:
        _LAST_SEEN.pop(digest, None)
    with write_transaction(con):
        con.execute(
            "UPDATE sessions SET revoked_at = ?, last_seen = ? WHERE token_hash = ? AND revoked_at IS NULL",
            [dt.datetime.now(), dt.datetime.now(), digest],
        )


def revoke_user_sessions(con: duckdb.DuckDBPyConnection, username: str) -> None:
    """End every open session of an account (called inside the caller's transaction)."""
    con.execute(
        "UPDATE sessions SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL", [dt.datetime.now(), username]
    )


def flush_last_seen(con: duckdb.DuckDBPyConnection) -> None:
    with _GUARD:
        seen = list(_LAST_SEEN.items())
        _flushed_at[0] = time.monotonic()
    if seen:
        with write_transaction(con):
            rows = [[when, digest] for digest, when in seen]
            con.executemany("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", rows)


def _flush_if_due(con: duckdb.DuckDBPyConnection) -> None:
    if time.monotonic() - _flushed_at[0] >= FLUSH_SECONDS:
        flush_last_seen(con)

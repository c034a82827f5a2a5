"""Sign-in sessions, the signed cookie that carries them, and the back-off after failed sign-ins."""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from pimpa_data.access import accounts, backoff, cookies, sessions
from pimpa_data.core.roles import Actor

PASSWORD = "Kung-Haeng-2567"


@pytest.fixture
def kru(con):
    """The database with one active account, kru.phimpha (a teacher of ตำบลพิมพา)."""
    accounts.add_user(con, Actor("boss", "admin", "TH"), "kru.phimpha", "teacher", "240409", PASSWORD)
    return con


def idle_since(con, token: str, minutes: float) -> None:
    """As if the browser had last been seen `minutes` ago (as written to the table)."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    then = dt.datetime.now() - dt.timedelta(minutes=minutes)
    con.execute("UPDATE sessions SET last_seen = ?, created_at = ? WHERE token_hash = ?", [then, then, digest])


# ---------------------------------------------------------------- sessions

def test_a_new_sessions_token_names_its_user(kru) -> None:
    token = sessions.new_session(kru, "kru.phimpha", client="10.0.0.7")
    assert isinstance(token, str) and len(token) >= 32
    assert sessions.session_user(kru, token) == "kru.phimpha"
    assert sessions.session_user(kru, token) == "kru.phimpha"  # a second page run too
    assert sessions.new_session(kru, "kru.phimpha") != token


@pytest.mark.parametrize("wrong", ["", "x", "not-a-token-at-all-0123456789abcdefghijklmn"])
def test_a_wrong_token_names_nobody(kru, wrong: str) -> None:
    token = sessions.new_session(kru, "kru.phimpha")
    assert sessions.session_user(kru, wrong) is None
    assert sessions.session_user(kru, token[:-1]) is None
    assert sessions.session_user(kru, hashlib.sha256(token.encode()).hexdigest()) is None  # the stored hash


def test_a_session_ends_on_sign_out_and_only_that_one(kru) -> None:
    token, other = sessions.new_session(kru, "kru.phimpha"), sessions.new_session(kru, "kru.phimpha")
    sessions.end_session(kru, token)
    assert sessions.session_user(kru, token) is None
    assert sessions.session_user(kru, other) == "kru.phimpha"


def test_a_session_idle_longer_than_the_limit_ends(kru, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIMPA_SESSION_IDLE_MINUTES", raising=False)
    recent, old = sessions.new_session(kru, "kru.phimpha"), sessions.new_session(kru, "kru.phimpha")
    idle_since(kru, recent, 5)
    idle_since(kru, old, 61)  # the default limit is an hour
    assert sessions.session_user(kru, recent) == "kru.phimpha"
    assert sessions.session_user(kru, old) is None


def test_the_idle_limit_comes_from_the_environment(kru, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIMPA_SESSION_IDLE_MINUTES", "3")
    token, fresh = sessions.new_session(kru, "kru.phimpha"), sessions.new_session(kru, "kru.phimpha")
    idle_since(kru, token, 5)
    assert sessions.session_user(kru, token) is None
    assert sessions.session_user(kru, fresh) == "kru.phimpha"
    idle_since(kru, fresh, 5)  # seen a moment ago (kept in memory): the page run counts, not only the table
    assert sessions.session_user(kru, fresh) == "kru.phimpha"


def test_a_session_ended_for_idleness_stays_ended(kru, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIMPA_SESSION_IDLE_MINUTES", "2")
    token = sessions.new_session(kru, "kru.phimpha")
    idle_since(kru, token, 3)
    assert sessions.session_user(kru, token) is None
    assert sessions.session_user(kru, token) is None


def test_only_the_tokens_sha256_is_stored(kru) -> None:
    token = sessions.new_session(kru, "kru.phimpha", client="10.0.0.7")
    rows = kru.execute("SELECT * FROM sessions").fetchall()
    assert [row[0] for row in rows] == [hashlib.sha256(token.encode()).hexdigest()]
    assert not [cell for row in rows for cell in row if isinstance(cell, str) and token in cell]


def test_sessions_made_at_once_on_cursors_of_one_connection_all_work(kru) -> None:
    tokens: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def sign_in() -> None:
        cursor = kru.cursor()
        try:
            start.wait()
            tokens.append(sessions.new_session(cursor, "kru.phimpha"))
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            cursor.close()

    threads = [threading.Thread(target=sign_in) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(set(tokens)) == 8
    assert kru.execute("SELECT count(*) FROM sessions").fetchone()[0] == 8
    assert {sessions.session_user(kru, token) for token in tokens} == {"kru.phimpha"}


# ---------------------------------------------------------------- the cookie

def test_a_signed_token_comes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIMPA_SESSION_SECRET", raising=False)
    value = cookies.sign("token-123")
    assert value != "token-123"
    assert cookies.unsign(value) == "token-123"


def test_an_altered_or_missing_cookie_gives_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIMPA_SESSION_SECRET", raising=False)
    value = cookies.sign("token-123")
    payload, issued, signature = value.rsplit(".", 2)
    other_payload = cookies.sign("token-124").rsplit(".", 2)[0]
    assert cookies.unsign(value) == "token-123"
    assert cookies.unsign(f"{other_payload}.{issued}.{signature}") is None  # another token under our signature
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    assert cookies.unsign(f"{payload}.{issued}.{flipped}") is None
    assert cookies.unsign(f"{payload}.{issued}") is None
    assert cookies.unsign("token-123") is None
    assert cookies.unsign("") is None and cookies.unsign(None) is None
    assert cookies.unsign(value + "x" * 600) is None


def test_a_cookie_signed_with_another_secret_gives_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIMPA_SESSION_SECRET", "the-server-secret")
    ours = cookies.sign("token-123")
    monkeypatch.setenv("PIMPA_SESSION_SECRET", "someone-elses-secret")
    theirs = cookies.sign("token-123")
    assert cookies.unsign(theirs) == "token-123"
    assert cookies.unsign(ours) is None
    monkeypatch.setenv("PIMPA_SESSION_SECRET", "the-server-secret")
    assert cookies.unsign(ours) == "token-123"
    assert cookies.unsign(theirs) is None


def test_the_key_file_is_made_owner_only_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIMPA_SESSION_SECRET", raising=False)
    key = cookies.key_file()
    assert not key.exists()
    value = cookies.sign("token-123")
    assert key.exists()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) >= 32
    assert cookies.unsign(value) == "token-123"  # the same key, read back


# ---------------------------------------------------------------- back-off

def test_three_failures_are_free_then_that_client_waits() -> None:
    user = f"kru-{uuid.uuid4().hex[:8]}"  # the failures are counted per process: a name of this test's own
    for _ in range(3):
        assert backoff.wait_left(user, "10.0.0.7") == 0
        backoff.failed(user, "10.0.0.7")
    assert backoff.wait_left(user, "10.0.0.7") > 0
    assert backoff.wait_left(user.upper(), "10.0.0.7") > 0  # as the username is typed makes no difference
    assert backoff.wait_left(user, "10.0.0.8") == 0  # the account's owner, elsewhere, is not slowed
    assert backoff.wait_left(f"other-{user}", "10.0.0.7") == 0


def test_the_wait_grows_with_each_failure() -> None:
    user = f"kru-{uuid.uuid4().hex[:8]}"
    for _ in range(4):
        backoff.failed(user, "10.0.0.7")
    first = backoff.wait_left(user, "10.0.0.7")
    for _ in range(3):
        backoff.failed(user, "10.0.0.7")
    assert backoff.wait_left(user, "10.0.0.7") > first
    assert backoff.wait_left(user, "10.0.0.7") <= backoff.MAX_WAIT_SECONDS


def test_a_successful_sign_in_forgives_the_failures() -> None:
    user = f"kru-{uuid.uuid4().hex[:8]}"
    for _ in range(5):
        backoff.failed(user, "10.0.0.7")
    assert backoff.wait_left(user, "10.0.0.7") > 0
    backoff.succeeded(user, "10.0.0.7")
    assert backoff.wait_left(user, "10.0.0.7") == 0
    backoff.failed(user, "10.0.0.7")
    assert backoff.wait_left(user, "10.0.0.7") == 0  # counting starts again


def test_tries_made_at_the_same_moment_all_count() -> None:
    """Each try is counted before its password is checked, so twenty at once are not twenty free tries."""
    user = f"kru-{uuid.uuid4().hex[:8]}"
    start = threading.Barrier(20)

    def try_once() -> float:
        start.wait()
        return backoff.attempt(user, "10.0.0.9")

    with ThreadPoolExecutor(max_workers=20) as pool:
        waits = list(pool.map(lambda _: try_once(), range(20)))
    assert sum(wait == 0 for wait in waits) == backoff.FREE_TRIES

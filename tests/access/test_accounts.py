"""Accounts: who may be added with which role and unit, who may change them, signing in, and
where a password may never end up (the audit log, the database file, a listing)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from pimpa_data.access import accounts, passwords, sessions
from pimpa_data.access.accounts import AccountProblem
from pimpa_data.access.passwords import WeakPassword
from pimpa_data.core.errors import PimpaError
from pimpa_data.core.roles import Actor, Refused

PASSWORD = "Kung-Haeng-2567-พิมพา"  # Thai in a password works as well as ASCII
BOSS = Actor("boss", "admin", "TH")  # an administrator (the accounts below are added by them)
TEACHER = Actor("kru.phimpha", "teacher", "240409")


def add(con, username: str = "kru.phimpha", role: str = "teacher", unit: str = "240409", password: str = PASSWORD,
        by: Actor = BOSS, **options: str) -> None:
    accounts.add_user(con, by, username, role, unit, password, **options)


def usernames(con) -> list[str]:
    return [user["username"] for user in accounts.list_users(con)]


# ---------------------------------------------------------------- adding and listing

def test_an_added_account_is_listed_without_its_password_hash(con) -> None:
    add(con, display_name="ครูมาลี ใจดี", email="kru@example.org")
    [user] = accounts.list_users(con)
    assert user["username"] == "kru.phimpha" and user["role"] == "teacher" and user["unit_code"] == "240409"
    assert user["display_name"] == "ครูมาลี ใจดี" and user["email"] == "kru@example.org"
    assert user["active"] is True and user["created_by"] == "boss"
    assert "password_hash" not in user
    assert not any("argon2" in str(value) for value in user.values())
    assert accounts.any_accounts(con)


def test_the_command_line_listing_has_no_password_hash(con, db_path: Path) -> None:
    add(con, email="kru@example.org")
    con.close()  # the command opens the file itself
    done = subprocess.run(
        [sys.executable, "-m", "pimpa_data", "--db", str(db_path), "users", "list", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    [user] = json.loads(done.stdout)
    assert user["username"] == "kru.phimpha"
    assert "password_hash" not in user and "$argon2" not in done.stdout


def test_the_stored_hash_is_argon2id_and_not_the_password(con) -> None:
    add(con)
    [(stored,)] = con.execute("SELECT password_hash FROM users").fetchall()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_a_username_is_stored_lower_case_and_trimmed(con) -> None:
    add(con, username="  Kru.Phimpha ")
    assert usernames(con) == ["kru.phimpha"]
    assert accounts.authenticate(con, "KRU.PHIMPHA", PASSWORD) is not None


@pytest.mark.parametrize("username", ["ครูพิมพา", "k", "has space", "-lead", "a@b", "x" * 64, ""])
def test_a_malformed_username_is_refused(con, username: str) -> None:
    with pytest.raises(AccountProblem) as refused:
        add(con, username=username)
    assert "username" in refused.value.en
    assert usernames(con) == []


@pytest.mark.parametrize(("role", "unit"), [("teacher", "240409"), ("teacher", "2404"), ("director", "2404"),
                                           ("director", "24"), ("director", "TH"), ("assessor", "240409")])
def test_a_role_is_accepted_at_its_levels(con, role: str, unit: str) -> None:
    add(con, role=role, unit=unit)
    assert [(u["role"], u["unit_code"]) for u in accounts.list_users(con)] == [(role, unit)]


@pytest.mark.parametrize(("role", "unit", "says"), [
    ("teacher", "24", "province"),    # a teacher of a whole province
    ("teacher", "TH", "country"),
    ("director", "240409", "centre"),  # a director of one centre
])
def test_a_role_at_the_wrong_level_is_refused(con, role: str, unit: str, says: str) -> None:
    with pytest.raises(AccountProblem) as refused:
        add(con, role=role, unit=unit)
    assert says in refused.value.en.lower() and unit in refused.value.th
    assert usernames(con) == []


@pytest.mark.parametrize("unit", ["249999", "9999", "99", "PMP"])
def test_an_unknown_unit_is_refused(con, unit: str) -> None:
    with pytest.raises(PimpaError):
        add(con, unit=unit)
    assert usernames(con) == []


def test_an_unknown_role_is_refused(con) -> None:
    with pytest.raises(AccountProblem):
        add(con, role="superuser")
    assert usernames(con) == []


@pytest.mark.parametrize("password", ["short1!", "kru.phimpha", " KRU.Phimpha ", "x" * 257])
def test_a_weak_password_is_refused(con, password: str) -> None:
    with pytest.raises(WeakPassword):
        add(con, password=password)
    assert usernames(con) == []


def test_a_username_is_taken_once(con) -> None:
    add(con)
    with pytest.raises(AccountProblem) as refused:
        add(con, username="KRU.phimpha", role="director", unit="2404")
    assert "already exists" in refused.value.en
    assert [u["role"] for u in accounts.list_users(con)] == ["teacher"]


def test_an_email_belongs_to_one_account(con) -> None:
    add(con, email="kru@example.org")
    with pytest.raises(AccountProblem) as refused:
        add(con, username="kru.other", email="KRU@Example.org")
    assert "another account" in refused.value.en
    assert usernames(con) == ["kru.phimpha"]
    assert accounts.account_by_email(con, "Kru@example.org") == "kru.phimpha"


# ---------------------------------------------------------------- who may change accounts

def test_only_an_admin_adds_disables_or_changes_roles(con) -> None:
    add(con)
    with pytest.raises(Refused):
        add(con, username="kru.friend", by=TEACHER)
    with pytest.raises(Refused):
        accounts.set_active(con, TEACHER, "kru.phimpha", False)
    with pytest.raises(Refused):
        accounts.set_role(con, TEACHER, "kru.phimpha", "admin", "TH")
    assert [(u["username"], u["role"], u["active"]) for u in accounts.list_users(con)] == [
        ("kru.phimpha", "teacher", True)]


def test_a_user_sets_their_own_password_but_not_anothers(con) -> None:
    add(con)
    add(con, username="director.bpk", role="director", unit="2404")
    accounts.set_password(con, TEACHER, "kru.phimpha", "new-secret-2567")
    assert accounts.authenticate(con, "kru.phimpha", "new-secret-2567") is not None
    assert accounts.authenticate(con, "kru.phimpha", PASSWORD) is None

    with pytest.raises(Refused):
        accounts.set_password(con, TEACHER, "director.bpk", "taken-over-2567")
    assert accounts.authenticate(con, "director.bpk", PASSWORD) is not None
    assert accounts.authenticate(con, "director.bpk", "taken-over-2567") is None


def test_the_last_active_admin_can_be_neither_disabled_nor_demoted(con) -> None:
    add(con, username="admin1", role="admin", unit="TH")
    with pytest.raises(Refused):
        accounts.set_active(con, BOSS, "admin1", False)
    with pytest.raises(Refused):
        accounts.set_role(con, BOSS, "admin1", "director", "24")
    assert [(u["role"], u["active"]) for u in accounts.list_users(con)] == [("admin", True)]

    add(con, username="admin2", role="admin", unit="TH")
    accounts.set_role(con, BOSS, "admin1", "director", "24")
    with pytest.raises(Refused):  # admin2 is now the last one
        accounts.set_active(con, BOSS, "admin2", False)
    assert {u["username"]: (u["role"], u["active"]) for u in accounts.list_users(con)} == {
        "admin1": ("director", True), "admin2": ("admin", True)}


# ---------------------------------------------------------------- signing in

def test_the_right_password_gives_the_accounts_actor(con) -> None:
    add(con, display_name="ครูมาลี")
    actor = accounts.authenticate(con, "kru.phimpha", PASSWORD, client="10.0.0.7")
    assert actor == Actor("kru.phimpha", "teacher", "240409", "ครูมาลี", "10.0.0.7")


def test_a_wrong_password_an_unknown_user_and_a_disabled_account_get_nothing(con) -> None:
    add(con)
    add(con, username="admin1", role="admin", unit="TH")
    assert accounts.authenticate(con, "kru.phimpha", PASSWORD + "x") is None
    assert accounts.authenticate(con, "kru.phimpha", "") is None
    assert accounts.authenticate(con, "nobody", PASSWORD) is None
    assert accounts.authenticate(con, "ไม่มี ผู้ใช้", PASSWORD) is None
    accounts.set_active(con, BOSS, "kru.phimpha", False)
    assert accounts.authenticate(con, "kru.phimpha", PASSWORD) is None
    assert accounts.account_actor(con, "kru.phimpha") is None
    accounts.set_active(con, BOSS, "kru.phimpha", True)
    assert accounts.authenticate(con, "kru.phimpha", PASSWORD) is not None


def test_an_unknown_user_takes_about_as_long_as_a_wrong_password(con) -> None:
    """Sign-in does not tell, by its speed, which usernames exist."""
    add(con)
    accounts.authenticate(con, "nobody", PASSWORD)  # the dummy hash is made once, on first use

    def timed(username: str) -> float:
        started = time.perf_counter()
        assert accounts.authenticate(con, username, "wrong-password") is None
        return time.perf_counter() - started

    known, unknown = [], []
    for _ in range(5):
        known.append(timed("kru.phimpha"))
        unknown.append(timed("nobody.here"))
    ratio = statistics.median(unknown) / statistics.median(known)
    assert 0.5 < ratio < 2, (known, unknown)


def test_a_new_password_or_disabling_ends_open_sessions(con) -> None:
    add(con)
    token = sessions.new_session(con, "kru.phimpha")
    assert sessions.session_user(con, token) == "kru.phimpha"
    accounts.set_password(con, BOSS, "kru.phimpha", "reset-by-admin-2567")
    assert sessions.session_user(con, token) is None

    token = sessions.new_session(con, "kru.phimpha")
    accounts.set_active(con, BOSS, "kru.phimpha", False)
    accounts.set_active(con, BOSS, "kru.phimpha", True)
    assert sessions.session_user(con, token) is None  # enabling again does not revive it
    assert sessions.session_user(con, sessions.new_session(con, "kru.phimpha")) == "kru.phimpha"


# ---------------------------------------------------------------- the audit log

def test_each_change_is_audited_with_who_and_no_password_anywhere(con, db_path: Path) -> None:
    add(con, email="kru@example.org")
    add(con, username="admin1", role="admin", unit="TH")
    accounts.set_role(con, BOSS, "kru.phimpha", "teacher", "2404")
    accounts.set_password(con, BOSS, "kru.phimpha", "Second-Secret-2567")
    accounts.set_password(con, TEACHER, "kru.phimpha", "Third-Secret-2567")
    accounts.set_active(con, BOSS, "kru.phimpha", False)
    accounts.set_active(con, BOSS, "kru.phimpha", True)
    with pytest.raises(AccountProblem):  # a failed change keeps no trace of its password either
        accounts.set_password(con, BOSS, "nobody", "Failed-Secret-2567")

    log = con.execute("SELECT who, action, detail FROM audit_log ORDER BY rowid").fetchall()
    assert [(who, action) for who, action, _ in log] == [
        ("boss", "add_user"), ("boss", "add_user"), ("boss", "set_role"), ("boss", "set_password"),
        ("kru.phimpha", "set_password"), ("boss", "disable_user"), ("boss", "enable_user")]
    assert all("user=kru.phimpha" in detail for _, action, detail in log if action != "add_user")

    secrets = [PASSWORD, "Second-Secret-2567", "Third-Secret-2567", "Failed-Secret-2567"]
    columns = [row[0] for row in con.execute("SELECT column_name FROM (DESCRIBE audit_log)").fetchall()]
    cells = con.execute(f"SELECT {', '.join(f'CAST({c} AS VARCHAR)' for c in columns)} FROM audit_log").fetchall()
    assert not [cell for row in cells for cell in row if cell and any(s in cell for s in secrets)]

    con.execute("CHECKPOINT")
    for path in (db_path, db_path.with_name(db_path.name + ".wal")):
        data = path.read_bytes() if path.exists() else b""
        assert not [s for s in secrets if s.encode() in data], path
    assert passwords.verify(con.execute("SELECT password_hash FROM users WHERE username = 'kru.phimpha'")
                            .fetchone()[0], "Third-Secret-2567")

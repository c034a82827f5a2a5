"""`python -m pimpa_data users …` run as the server's owner runs it: a real process, the password
on standard input, never on the command line, in the audit log or in the error log."""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from pimpa_data.access import accounts
from pimpa_data.core import db

PASSWORD = "Kung-Haeng-2567-พิมพา"
CLI_USER = f"cli:{getpass.getuser()}"  # who the command line acts as, unless --as says otherwise


@pytest.fixture
def error_log(tmp_path: Path) -> Path:
    return tmp_path / "logs" / "pimpa-errors.log"


def cli(db_path: Path, error_log: Path, *argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PIMPA_ERROR_LOG": str(error_log)}
    env.pop("PIMPA_USER_UNIT", None)
    return subprocess.run(
        [sys.executable, "-m", "pimpa_data", "--db", str(db_path), *argv], cwd=ROOT, env=env, text=True,
        capture_output=True, timeout=120, input=stdin, stdin=subprocess.DEVNULL if stdin is None else None,
    )


def add_kru(db_path: Path, error_log: Path, *options: str, username: str = "kru.phimpha") -> None:
    done = cli(db_path, error_log, *options, "users", "add", username, "--role", "teacher", "--unit", "240409",
               "--name", "ครูมาลี ใจดี", "--email", f"{username}@example.org", "--password-stdin",
               stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert "added the account" in done.stdout


def listed(db_path: Path, error_log: Path) -> list[dict]:
    done = cli(db_path, error_log, "users", "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "password_hash" not in done.stdout and "$argon2" not in done.stdout
    return json.loads(done.stdout)


def audit_cells(db_path: Path) -> list[tuple]:
    with db.connect(db_path, read_only=True) as con:
        return con.execute("SELECT CAST(logged_at AS VARCHAR), who, action, detail, client FROM audit_log").fetchall()


# ---------------------------------------------------------------- adding and listing

def test_an_account_added_with_the_password_on_stdin_is_listed(db_path: Path, error_log: Path) -> None:
    add_kru(db_path, error_log)
    [user] = listed(db_path, error_log)
    assert (user["username"], user["role"], user["unit_code"]) == ("kru.phimpha", "teacher", "240409")
    assert user["display_name"] == "ครูมาลี ใจดี" and user["active"] is True
    assert user["created_by"] == CLI_USER and user["changed_by"] == CLI_USER
    with db.connect(db_path) as con:
        actor = accounts.authenticate(con, "kru.phimpha", PASSWORD)
    assert actor is not None and actor.unit_code == "240409"


def test_the_text_listing_shows_the_account(db_path: Path, error_log: Path) -> None:
    empty = cli(db_path, error_log, "users", "list")
    assert empty.returncode == 0 and "no accounts yet" in empty.stdout
    add_kru(db_path, error_log)
    done = cli(db_path, error_log, "users", "list")
    assert done.returncode == 0, done.stderr
    assert "kru.phimpha" in done.stdout and "240409" in done.stdout and "active" in done.stdout
    assert "$argon2" not in done.stdout


@pytest.mark.parametrize("option", [["--password", PASSWORD], [f"--password={PASSWORD}"]], ids=["spaced", "joined"])
def test_a_password_on_the_command_line_is_refused(db_path: Path, error_log: Path, option: list[str]) -> None:
    done = cli(db_path, error_log, "users", "add", "kru.phimpha", "--role", "teacher", "--unit", "240409", *option)
    assert done.returncode == 2
    assert "usage" in done.stderr
    assert not db_path.exists() or listed(db_path, error_log) == []


def test_without_a_terminal_or_password_stdin_the_command_says_how(db_path: Path, error_log: Path) -> None:
    done = cli(db_path, error_log, "users", "add", "kru.phimpha", "--role", "teacher", "--unit", "240409")
    assert done.returncode == 1
    assert "--password-stdin" in done.stderr
    assert "standard input" in done.stderr and "รหัสผ่าน" in done.stderr  # in English and in Thai
    assert "Traceback" not in done.stderr
    assert not db_path.exists() or listed(db_path, error_log) == []


def test_an_empty_password_is_refused(db_path: Path, error_log: Path) -> None:
    done = cli(db_path, error_log, "users", "add", "kru.phimpha", "--role", "teacher", "--unit", "240409",
               "--password-stdin", stdin="\n")
    assert done.returncode == 1
    assert "no password was given" in done.stderr and "ไม่ได้ใส่รหัสผ่าน" in done.stderr


def test_a_refused_account_exits_1_with_the_reason(db_path: Path, error_log: Path) -> None:
    done = cli(db_path, error_log, "users", "add", "director.pmp", "--role", "director", "--unit", "240409",
               "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 1
    assert "centre" in done.stderr and "240409" in done.stderr
    assert listed(db_path, error_log) == []


# ---------------------------------------------------------------- changing accounts

def test_set_password_disable_enable_and_set_role(db_path: Path, error_log: Path) -> None:
    add_kru(db_path, error_log)
    done = cli(db_path, error_log, "users", "set-password", "kru.phimpha", "--password-stdin",
               stdin="Second-Secret-2567\n")
    assert done.returncode == 0, done.stderr
    with db.connect(db_path) as con:
        assert accounts.authenticate(con, "kru.phimpha", PASSWORD) is None
        assert accounts.authenticate(con, "kru.phimpha", "Second-Secret-2567") is not None

    assert cli(db_path, error_log, "users", "disable", "kru.phimpha").returncode == 0
    assert [u["active"] for u in listed(db_path, error_log)] == [False]
    assert cli(db_path, error_log, "users", "enable", "kru.phimpha").returncode == 0
    done = cli(db_path, error_log, "users", "set-role", "kru.phimpha", "--role", "director", "--unit", "2404")
    assert done.returncode == 0, done.stderr
    [user] = listed(db_path, error_log)
    assert (user["role"], user["unit_code"], user["active"], user["changed_by"]) == ("director", "2404", True, CLI_USER)
    actions = [(who, action) for _, who, action, _, _ in audit_cells(db_path) if action != "upgrade"]
    assert actions == [(CLI_USER, "add_user"), (CLI_USER, "set_password"), (CLI_USER, "disable_user"),
                       (CLI_USER, "enable_user"), (CLI_USER, "set_role")]


def test_as_records_the_named_person(db_path: Path, error_log: Path) -> None:
    add_kru(db_path, error_log, "--as", "somchai")
    [user] = listed(db_path, error_log)
    assert user["created_by"] == "somchai"
    rows = [(who, action, client) for _, who, action, _, client in audit_cells(db_path) if action == "add_user"]
    assert rows == [("somchai", "add_user", "cli")]


def test_no_password_reaches_the_audit_log_or_the_error_log(db_path: Path, error_log: Path, tmp_path: Path) -> None:
    add_kru(db_path, error_log)
    failing = [  # each gets a password on stdin, then fails for another reason
        (["users", "add", "kru.phimpha", "--role", "teacher", "--unit", "240409"], "Dup-Secret-2567"),
        (["users", "add", "kru.other", "--role", "teacher", "--unit", "999999"], "Unit-Secret-2567"),
        (["users", "set-password", "nobody"], "Nobody-Secret-2567"),
        (["users", "set-password", "kru.phimpha"], "kru.phimpha"),  # too weak: the username
    ]
    for argv, password in failing:
        done = cli(db_path, error_log, *argv, "--password-stdin", stdin=password + "\n")
        assert done.returncode == 1, (argv, done.stdout)
        assert password not in done.stdout
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    done = cli(blocked / "pimpa.duckdb", error_log, "users", "add", "kru.x", "--role", "teacher", "--unit", "240409",
               "--password-stdin", stdin="Crash-Secret-2567\n")
    assert done.returncode == 1 and "incident" in done.stderr and "Traceback" not in done.stderr

    secrets = [PASSWORD, "Dup-Secret-2567", "Unit-Secret-2567", "Nobody-Secret-2567", "Crash-Secret-2567"]
    logged = error_log.read_text(encoding="utf-8")
    assert "Traceback" in logged  # the unexpected failure was logged, with its details
    assert not [s for s in secrets if s in logged]
    cells = [cell for row in audit_cells(db_path) for cell in row if cell]
    assert cells and not [cell for cell in cells for s in secrets if s in cell]
    assert not [s for s in secrets if s.encode() in db_path.read_bytes()]


# ---------------------------------------------------------------- exports with names

def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_export_with_names_writes_them_owner_only_and_logs_it(db_path: Path, error_log: Path, tmp_path: Path,
                                                              example_workbook: Path) -> None:
    loaded = cli(db_path, error_log, "load", str(example_workbook))
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    named, plain = tmp_path / "out" / "named.csv", tmp_path / "out" / "plain.csv"
    base = ["export", "enrolments", "--fiscal-year", "2567", "--unit", "2404"]

    done = cli(db_path, error_log, *base, "--out", str(named), "--with-names")
    assert done.returncode == 0, done.stderr
    rows = read_csv(named)
    assert rows and "first_name" in rows[0] and "last_name" in rows[0]
    assert "บุญมี" in {row["first_name"] for row in rows}
    assert stat.S_IMODE(named.stat().st_mode) == 0o600

    done = cli(db_path, error_log, *base, "--out", str(plain))
    assert done.returncode == 0, done.stderr
    assert len(read_csv(plain)) == len(rows)
    assert "first_name" not in read_csv(plain)[0] and "last_name" not in read_csv(plain)[0]
    assert "บุญมี" not in plain.read_text(encoding="utf-8-sig")

    logged = [(who, detail) for _, who, action, detail, _ in audit_cells(db_path) if action == "export_names"]
    assert logged == [(CLI_USER, "kind=enrolments fiscal_year=2567 unit=2404")]

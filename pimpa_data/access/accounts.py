"""Accounts in the `users` table: who may sign in, with which role and for which unit.

Only an admin changes accounts (a user may change their own password); every change is
audited with who did it. The password hash never leaves this module: `list_users` and the
audit log carry everything but it.
"""

from __future__ import annotations

import datetime as dt
import re

import duckdb

from ..core.db import log_action
from ..core.errors import PimpaError
from ..core.roles import ADMIN, ASSESSOR, DIRECTOR, ROLE_LABELS, ROLES, TEACHER, Actor, Refused, require_admin
from ..core.units import COUNTRY, LEVELS_BY_NAME, level_of, require
from ..core.writes import write_transaction
from . import passwords
from .sessions import revoke_user_sessions

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,62}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# The levels each role's unit may be (a teacher may compile a whole district's data).
ROLE_LEVELS = {
    TEACHER: ("centre", "district"),
    DIRECTOR: ("district", "province", "country"),
    ASSESSOR: ("centre", "district", "province", "country"),
    ADMIN: ("centre", "district", "province", "country"),
}
PUBLIC_COLUMNS = (
    "username", "display_name", "role", "unit_code", "email", "active",
    "created_at", "created_by", "changed_at", "changed_by",
)


class AccountProblem(PimpaError):
    pass


def any_accounts(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT count(*) FROM users").fetchone()[0] > 0


def exists(con: duckdb.DuckDBPyConnection, username: str) -> bool:
    return _row(con, username.strip().lower()) is not None


def add_user(
    con: duckdb.DuckDBPyConnection, by: Actor, username: str, role: str, unit_code: str, password: str,
    display_name: str = "", email: str = "",
) -> None:
    _require_account_manager(by, "การเพิ่มบัญชีผู้ใช้", "add accounts")
    username = _checked_username(username)
    _check_role(con, role, unit_code)
    passwords.check_strength(password, username)
    email = _checked_email(email)
    hashed = passwords.hash_password(password)  # slow on purpose: done before the lock is taken
    now = dt.datetime.now()
    with write_transaction(con):
        if _row(con, username) is not None:
            raise AccountProblem(f"มีบัญชี {username} อยู่แล้ว", f"the account {username} already exists")
        _check_email_free(con, email, username)
        con.execute(
            "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?)",
            [username, display_name.strip(), role, unit_code, email or None, hashed,
             now, by.username, now, by.username],
        )
        log_action(con, by, "add_user", f"user={username} role={role} unit={unit_code}")


def set_password(con: duckdb.DuckDBPyConnection, by: Actor, username: str, password: str) -> None:
    """An admin resets anyone's password; a user changes their own. Open sessions end."""
    username = username.strip().lower()
    if by.username != username:
        _require_account_manager(by, "การตั้งรหัสผ่านของผู้อื่น", "set another user's password")
    passwords.check_strength(password, username)
    hashed = passwords.hash_password(password)
    with write_transaction(con):
        _existing(con, username)
        _update(con, by, username, "password_hash = ?", [hashed])
        revoke_user_sessions(con, username)
        log_action(con, by, "set_password", f"user={username}")


def set_active(con: duckdb.DuckDBPyConnection, by: Actor, username: str, active: bool) -> None:
    _require_account_manager(by, "การปิดหรือเปิดบัญชีผู้ใช้", "disable or enable accounts")
    username = username.strip().lower()
    with write_transaction(con):
        row = _existing(con, username)
        if not active:
            _keep_an_admin(con, username, row)
            revoke_user_sessions(con, username)
        _update(con, by, username, "active = ?", [active])
        log_action(con, by, "enable_user" if active else "disable_user", f"user={username}")


def set_role(con: duckdb.DuckDBPyConnection, by: Actor, username: str, role: str, unit_code: str) -> None:
    _require_account_manager(by, "การเปลี่ยนบทบาทผู้ใช้", "change roles")
    username = username.strip().lower()
    _check_role(con, role, unit_code)
    with write_transaction(con):
        row = _existing(con, username)
        if role != ADMIN:
            _keep_an_admin(con, username, row)
        _update(con, by, username, "role = ?, unit_code = ?", [role, unit_code])
        log_action(con, by, "set_role", f"user={username} role={role} unit={unit_code}")


def list_users(con: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    """Every account, without its password hash."""
    cursor = con.execute(f"SELECT {', '.join(PUBLIC_COLUMNS)} FROM users ORDER BY unit_code, username")
    return [dict(zip(PUBLIC_COLUMNS, row)) for row in cursor.fetchall()]


def authenticate(con: duckdb.DuckDBPyConnection, username: str, password: str, client: str = "") -> Actor | None:
    """The account's Actor when the password is right and the account active; else None, after
    the same hashing time whether or not the username exists."""
    username = username.strip().lower()
    row = con.execute(
        "SELECT password_hash, role, unit_code, display_name FROM users WHERE username = ? AND active",
        [username],
    ).fetchone() if USERNAME.fullmatch(username) else None
    if not passwords.verify(row[0] if row else None, password):
        return None
    if passwords.needs_rehash(row[0]):
        with write_transaction(con):
            con.execute(
                "UPDATE users SET password_hash = ? WHERE username = ?", [passwords.hash_password(password), username]
            )
    return Actor(username, row[1], row[2], row[3] or "", client)


def account_actor(con: duckdb.DuckDBPyConnection, username: str, client: str = "") -> Actor | None:
    """The Actor of an active account (its role and unit as they are now)."""
    row = con.execute(
        "SELECT role, unit_code, display_name FROM users WHERE username = ? AND active", [username]
    ).fetchone()
    return Actor(username, row[0], row[1], row[2] or "", client) if row else None


def account_by_email(con: duckdb.DuckDBPyConnection, email: str) -> str | None:
    rows = con.execute(
        "SELECT username FROM users WHERE lower(email) = lower(?) AND active", [email.strip()]
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


# ---------------------------------------------------------------- checks

def _require_account_manager(by: Actor, what_th: str, what_en: str) -> None:
    """An admin with an account, or the command line. The dashboard's local administrator (no
    accounts yet) may not: whoever reached it through a tunnel must not make themselves one."""
    require_admin(by, what_th, what_en)
    if by.local:
        raise Refused(
            "ให้สร้างบัญชีผู้ดูแลระบบคนแรกด้วยคำสั่ง python -m pimpa_data users add บนเครื่องแม่ข่าย",
            "create the first administrator with python -m pimpa_data users add, on the server",
        )


def _checked_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.fullmatch(name):
        raise AccountProblem(
            "ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข จุด ขีด หรือขีดล่าง 2–63 ตัว ขึ้นต้นด้วยอักษรหรือตัวเลข",
            "a username is 2–63 lower-case letters, digits, dots, dashes or underscores, starting with a"
            " letter or digit",
        )
    return name


def _checked_email(email: str) -> str:
    email = email.strip()
    if email and not EMAIL.fullmatch(email):
        raise AccountProblem(f"อีเมล '{email}' ไม่ถูกต้อง", f"'{email}' is not an e-mail address")
    return email


def _check_role(con: duckdb.DuckDBPyConnection, role: str, unit_code: str) -> None:
    if role not in ROLES:
        raise AccountProblem(
            f"ไม่มีบทบาท '{role}' ให้ใช้ {', '.join(ROLES)}", f"there is no role '{role}'; use {', '.join(ROLES)}"
        )
    level = level_of(unit_code)
    if unit_code != COUNTRY:
        require(con, unit_code)
    allowed = [LEVELS_BY_NAME[name] for name in ROLE_LEVELS[role]]
    if level not in allowed:
        th, en = ROLE_LABELS[role]
        raise AccountProblem(
            f"{th}ต้องสังกัดหน่วยระดับ{' หรือ '.join(lv.th for lv in allowed)} ไม่ใช่ระดับ{level.th} ({unit_code})",
            f"a {en} belongs to a {' or '.join(lv.en.lower() for lv in allowed)}, not a {level.en.lower()}"
            f" ({unit_code})",
        )


def _check_email_free(con: duckdb.DuckDBPyConnection, email: str, username: str) -> None:
    if email and con.execute(
        "SELECT 1 FROM users WHERE lower(email) = lower(?) AND username <> ?", [email, username]
    ).fetchone():
        raise AccountProblem(f"อีเมล {email} ใช้กับบัญชีอื่นแล้ว", f"the e-mail {email} belongs to another account")


def _row(con: duckdb.DuckDBPyConnection, username: str) -> tuple | None:
    return con.execute("SELECT role, active FROM users WHERE username = ?", [username]).fetchone()


def _existing(con: duckdb.DuckDBPyConnection, username: str) -> tuple:
    row = _row(con, username)
    if row is None:
        raise AccountProblem(f"ไม่มีบัญชี {username}", f"there is no account {username}")
    return row


def _keep_an_admin(con: duckdb.DuckDBPyConnection, username: str, row: tuple) -> None:
    """Nobody could manage accounts from the dashboard once the last active admin is gone."""
    role, active = row
    others = con.execute(
        "SELECT count(*) FROM users WHERE role = 'admin' AND active AND username <> ?", [username]
    ).fetchone()[0]
    if role == ADMIN and active and others == 0:
        raise Refused(
            f"{username} เป็นผู้ดูแลระบบคนสุดท้ายที่ใช้งานได้ ให้เพิ่มผู้ดูแลระบบอีกคนก่อน",
            f"{username} is the last active administrator; add another administrator first",
        )


def _update(con: duckdb.DuckDBPyConnection, by: Actor, username: str, assignments: str, values: list) -> None:
    con.execute(
        f"UPDATE users SET {assignments}, changed_at = ?, changed_by = ? WHERE username = ?",
        [*values, dt.datetime.now(), by.username, username],
    )

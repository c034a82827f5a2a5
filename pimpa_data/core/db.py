"""The DuckDB file: opening it (schema made current, see `schema.py`), the ID hasher and the log."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from pathlib import Path

import duckdb

from . import idkey
from .errors import PimpaError
from .owner import make_private_folder
from .roles import Actor, attribution
from .schema import SECRET_TABLES, ensure_schema
from .settings import get_setting
from .writes import writing

DEFAULT_DB = Path("var") / "pimpa.duckdb"


class DatabaseBusy(PimpaError):
    """The file is held by another process (a running dashboard, or another command)."""


def default_db_path() -> Path:
    return Path(os.environ.get("PIMPA_DB") or DEFAULT_DB)


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database file and make sure its schema is current."""
    path = Path(path)
    if not read_only:
        make_private_folder(path.parent)
    con = _open(path, read_only)
    if not read_only and ensure_schema(con):
        # The old in-file salt was deleted, but free blocks may still hold it: copy the data into a
        # new file and put that in place.
        fresh = path.with_name(path.name + ".rewrite")
        copy_database(con, fresh, secrets=True)
        con.close()
        os.replace(fresh, path)
        con = _open(path, read_only)
    return con


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        raise _busy_error(path, exc) from None


def copy_database(con: duckdb.DuckDBPyConnection, out: Path, *, secrets: bool = False) -> None:
    """A consistent copy of the database in a new file (owner-only: it holds names), for analysts
    to open read-only while the dashboard keeps the original. Accounts and sign-in sessions stay
    empty in it unless `secrets` (the upgrade's own rewrite of the file)."""
    out = out.resolve()
    fresh = out.with_name(out.name + ".partial")
    fresh.unlink(missing_ok=True)
    quoted = str(fresh).replace("'", "''")  # ATTACH takes no bound parameter
    with writing(con):  # one copy at a time: the attached name is shared by the connection
        source = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f"ATTACH '{quoted}' AS pimpa_copy")
        try:
            _copy_into(con, source, secrets)
        except BaseException:
            con.execute("DETACH pimpa_copy")
            fresh.unlink(missing_ok=True)  # no half copy of learners' names left behind
            raise
        con.execute("DETACH pimpa_copy")
    fresh.chmod(0o600)
    os.replace(fresh, out)


def _copy_into(con: duckdb.DuckDBPyConnection, source: str, secrets: bool) -> None:
    if secrets:
        con.execute(f'COPY FROM DATABASE "{source}" TO pimpa_copy')
        return
    con.execute(f'COPY FROM DATABASE "{source}" TO pimpa_copy (SCHEMA)')
    tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main'", [source]
    ).fetchall()
    for (table,) in tables:
        if table not in SECRET_TABLES:  # names come from the catalogue, not from a user
            con.execute(f'INSERT INTO pimpa_copy.main."{table}" SELECT * FROM "{source}".main."{table}"')


def _busy_error(path: Path, exc: Exception) -> PimpaError:
    text = str(exc)
    if "lock" not in text.lower():
        return PimpaError(
            f"เปิดฐานข้อมูล {path} ไม่ได้: {text}",
            f"cannot open the database {path}: {text}",
        )
    pid = re.search(r"PID (\d+)", text)
    holder = f" (PID {pid.group(1)})" if pid else ""
    return DatabaseBusy(
        f"ฐานข้อมูล {path} ถูกเปิดใช้อยู่โดยโปรแกรมอื่น{holder} ให้รอสักครู่แล้วลองใหม่",
        f"the database {path} is held by another program{holder}; wait a moment and try again",
    )


class IdHasher:
    """Turns an ID number into the keyed hash stored in `learner_id` (the key: `idkey.py`)."""

    def __init__(self, key: str) -> None:
        self._key = key.encode()

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> IdHasher:
        """The hasher of this database's key; refuses a missing or wrong key."""
        return cls(idkey.checked_key(get_setting(con, idkey.FINGERPRINT_SETTING)))

    def __call__(self, learner_id: str) -> str:
        return hmac.new(self._key, learner_id.encode(), hashlib.sha256).hexdigest()[:32]


def log_action(
    con: duckdb.DuckDBPyConnection, who: str | Actor, action: str, detail: str, client: str | None = None
) -> None:
    """The audit log: who saw or changed what, and from where."""
    name, where = attribution(who, client)
    con.execute(
        "INSERT INTO audit_log (who, action, detail, client) VALUES (?, ?, ?, ?)", [name, action, detail, where]
    )

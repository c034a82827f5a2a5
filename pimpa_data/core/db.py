"""The DuckDB file: opening it, its schema, and the settings kept inside it.

Tables for the record kinds carry the canonical column names of `kinds.py` (analysts query
them), plus `extra` (unknown columns kept aside, as JSON) and `batch_id` (the upload that
last wrote the row). Each has an `undo_<kind>` twin holding the rows as they were before
each batch, which is what makes any upload undoable.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

import duckdb

from .defaults import seed_targets
from .errors import PimpaError
from .kinds import KINDS, RecordKind
from .reference import seed_centres
from .summaries import create_tables, refresh

DEFAULT_DB = Path("var") / "pimpa.duckdb"
SCHEMA_VERSION = "2"  # 2: enrolment and course summaries
SYSTEM_COLUMNS = (("extra", "JSON"), ("batch_id", "BIGINT"))


class DatabaseBusy(PimpaError):
    """The file is locked by another process, usually a running dashboard."""


def default_db_path() -> Path:
    return Path(os.environ.get("PIMPA_DB") or DEFAULT_DB)


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database file and make sure its schema is current."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        raise _busy_error(path, exc) from None
    if not read_only:
        ensure_schema(con)
    return con


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
        f"ฐานข้อมูล {path} ถูกเปิดใช้อยู่โดยโปรแกรมอื่น{holder} เช่น แดชบอร์ดที่กำลังทำงาน"
        " ให้นำเข้าข้อมูลผ่านหน้า 'นำเข้าข้อมูล' ของแดชบอร์ด หรือปิดแดชบอร์ดก่อนแล้วลองใหม่",
        f"the database {path} is open in another program{holder}, such as a running dashboard;"
        " upload through the dashboard's Upload page, or stop the dashboard and try again",
    )


def kind_table_sql(kind: RecordKind, table: str | None = None, prefix: str = "") -> str:
    columns = [f"{c.name} {c.sql_type}" for c in kind.stored_columns]
    columns += [f"{name} {sql}" for name, sql in (*kind.extra_sql, *SYSTEM_COLUMNS)]
    return f"CREATE TABLE IF NOT EXISTS {table or kind.name} ({prefix}{', '.join(columns)})"


def stored_names(kind: RecordKind) -> list[str]:
    """Every column of a kind's table, in table order."""
    names = [c.name for c in kind.stored_columns]
    return names + [name for name, _ in (*kind.extra_sql, *SYSTEM_COLUMNS)]


CORE_TABLES = (
    """CREATE TABLE IF NOT EXISTS settings (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS centres (
        centre_code VARCHAR PRIMARY KEY, centre_name VARCHAR, subdistrict_th VARCHAR,
        subdistrict_en VARCHAR, district_code VARCHAR, district_th VARCHAR, district_en VARCHAR,
        province_code VARCHAR, province_th VARCHAR, province_en VARCHAR, zip_code VARCHAR,
        lat DOUBLE, lon DOUBLE)""",
    """CREATE SEQUENCE IF NOT EXISTS batch_ids START 1""",
    """CREATE TABLE IF NOT EXISTS batches (
        batch_id BIGINT PRIMARY KEY, file_name VARCHAR, sha256 VARCHAR, loaded_at TIMESTAMP,
        loaded_by VARCHAR, status VARCHAR, counts JSON, undone_at TIMESTAMP, undone_by VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS audit_log (
        logged_at TIMESTAMP DEFAULT current_timestamp, who VARCHAR, action VARCHAR, detail VARCHAR)""",
)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    if _setting(con, "schema_version") == SCHEMA_VERSION:
        return
    con.execute("BEGIN")
    for statement in CORE_TABLES:
        con.execute(statement)
    for kind in KINDS:
        con.execute(kind_table_sql(kind))
        con.execute(kind_table_sql(kind, f"undo_{kind.name}", prefix="undo_batch BIGINT, op VARCHAR, "))
    seed_centres(con)
    seed_targets(con)
    create_tables(con)
    refresh(con)
    _set_setting(con, "id_salt", os.environ.get("PIMPA_ID_SALT") or secrets.token_hex(16), overwrite=False)
    _set_setting(con, "schema_version", SCHEMA_VERSION)
    con.execute("COMMIT")


def _setting(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'settings'"
    ).fetchone()[0]
    if not exists:
        return None
    row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _set_setting(con: duckdb.DuckDBPyConnection, key: str, value: str, overwrite: bool = True) -> None:
    conflict = "DO UPDATE SET value = excluded.value" if overwrite else "DO NOTHING"
    con.execute(f"INSERT INTO settings VALUES (?, ?) ON CONFLICT (key) {conflict}", [key, value])


class IdHasher:
    """Turns an ID number into the salted hash stored in `learner_id`.

    The salt lives in the database (or comes from PIMPA_ID_SALT, so that instances that
    share a salt produce hashes that join across their Parquet exports).
    """

    def __init__(self, salt: str) -> None:
        self._key = salt.encode()

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> IdHasher:
        return cls(_setting(con, "id_salt") or "")

    def __call__(self, learner_id: str) -> str:
        return hmac.new(self._key, learner_id.encode(), hashlib.sha256).hexdigest()[:32]


def log_action(con: duckdb.DuckDBPyConnection, who: str, action: str, detail: str) -> None:
    """The PDPA access log: who saw or changed what."""
    con.execute("INSERT INTO audit_log (who, action, detail) VALUES (?, ?, ?)", [who, action, detail])

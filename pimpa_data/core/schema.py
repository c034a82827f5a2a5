"""The database's declared schema: every table, the unique key of every record kind, and the
steps that bring an older file up to date.

Tables for the record kinds carry the canonical column names of `kinds.py` (analysts query
them), plus `extra` (unknown columns kept aside, as JSON) and `batch_id` (the upload that
last wrote the row). Each has an `undo_<kind>` twin holding the rows as they were before
each batch, which is what makes any upload undoable.
"""

from __future__ import annotations

import duckdb

from . import idkey
from .defaults import seed_targets
from .kinds import KINDS, RecordKind
from .reference import seed_centres
from .settings import get_setting, set_setting
from .summaries import create_tables, refresh
from .writes import write_transaction as transaction
from .writes import writing

SCHEMA_VERSION = "5"  # 2: enrolment and course summaries; 3: unique keys, the ID key outside the file;
# 4: accounts, sign-in sessions, and where each audited action came from; 5: courses' money spent
# (spent_baht), the evidence rule of indicator 1.3, the report's narrative and photos
# After a kind's own columns: unknown columns kept aside, and where the row last came from (the
# batch, whose file name `batches` holds, and the sheet and row as the user sees them in Excel).
SYSTEM_COLUMNS = (("extra", "JSON"), ("batch_id", "BIGINT"), ("source_sheet", "VARCHAR"), ("source_row", "INTEGER"))
PROVENANCE = ("source_sheet", "source_row")

CORE_TABLES = (
    """CREATE TABLE IF NOT EXISTS settings (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS centres (
        centre_code VARCHAR PRIMARY KEY, centre_name VARCHAR, subdistrict_th VARCHAR,
        subdistrict_en VARCHAR, district_code VARCHAR, district_th VARCHAR, district_en VARCHAR,
        province_code VARCHAR, province_th VARCHAR, province_en VARCHAR, zip_code VARCHAR,
        lat DOUBLE, lon DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS batches (
        batch_id BIGINT PRIMARY KEY, file_name VARCHAR, sha256 VARCHAR, loaded_at TIMESTAMP,
        loaded_by VARCHAR, status VARCHAR, counts JSON, undone_at TIMESTAMP, undone_by VARCHAR,
        centre_codes VARCHAR[], source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS audit_log (
        logged_at TIMESTAMP DEFAULT current_timestamp, who VARCHAR, action VARCHAR, detail VARCHAR,
        client VARCHAR)""",
    # Password hashes and session tokens: never in a copy, an export or a page (SECRET_TABLES).
    """CREATE TABLE IF NOT EXISTS users (
        username VARCHAR PRIMARY KEY, display_name VARCHAR, role VARCHAR NOT NULL,
        unit_code VARCHAR NOT NULL, email VARCHAR, password_hash VARCHAR, active BOOLEAN NOT NULL,
        created_at TIMESTAMP, created_by VARCHAR, changed_at TIMESTAMP, changed_by VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS sessions (
        token_hash VARCHAR PRIMARY KEY, username VARCHAR NOT NULL, created_at TIMESTAMP,
        last_seen TIMESTAMP, client VARCHAR, revoked_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS review_notes (
        fiscal_year INTEGER NOT NULL, unit_code VARCHAR NOT NULL, indicator VARCHAR, part VARCHAR,
        centre_code VARCHAR, course_code VARCHAR, learner_id VARCHAR, status VARCHAR NOT NULL, note VARCHAR,
        written_by VARCHAR, written_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS signoffs (
        centre_code VARCHAR NOT NULL, fiscal_year INTEGER NOT NULL, signed_by VARCHAR, signed_at TIMESTAMP,
        reopened_by VARCHAR, reopened_at TIMESTAMP)""",
    # The report's sections in the teacher's words: every save is kept; the latest is current.
    """CREATE TABLE IF NOT EXISTS narratives (
        unit_code VARCHAR NOT NULL, fiscal_year INTEGER NOT NULL, section VARCHAR NOT NULL, body VARCHAR,
        written_by VARCHAR, written_at TIMESTAMP NOT NULL)""",
    # Activity photos of a course and evidence photos of a follow-up. The image is a file beside the
    # database named by its content's SHA-256 (photo_id); each upload is a batch, and undo removes the row.
    """CREATE TABLE IF NOT EXISTS photos (
        photo_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, centre_code VARCHAR NOT NULL, course_code VARCHAR NOT NULL,
        learner_id VARCHAR, followup_date DATE, caption VARCHAR, consent BOOLEAN NOT NULL, width INTEGER,
        height INTEGER, batch_id BIGINT, added_by VARCHAR, added_at TIMESTAMP)""",
)
SECRET_TABLES = ("users", "sessions")


def kind_table_sql(kind: RecordKind, table: str | None = None, prefix: str = "") -> str:
    columns = [f"{name} {sql}" for name, sql in _columns(kind)]
    return f"CREATE TABLE IF NOT EXISTS {table or kind.name} ({prefix}{', '.join(columns)})"


def stored_names(kind: RecordKind) -> list[str]:
    """Every column of a kind's table, in table order."""
    names = [c.name for c in kind.stored_columns]
    return names + [name for name, _ in (*kind.extra_sql, *SYSTEM_COLUMNS)]


def key_expressions(kind: RecordKind) -> list[str]:
    """The kind's key as index expressions. A UNIQUE index treats NULLs as all different, so a
    part that may be empty (a sale by a group has no learner) is indexed as '' instead."""
    required = {column.name for column in kind.columns if column.required}
    return [name if name in required else f"coalesce(CAST({name} AS VARCHAR), '')" for name in kind.stored_key]


def key_index_sql(kind: RecordKind) -> str:
    return f"CREATE UNIQUE INDEX IF NOT EXISTS {kind.name}_key ON {kind.name} ({', '.join(key_expressions(kind))})"


def ensure_schema(con: duckdb.DuckDBPyConnection) -> bool:
    """Create or upgrade the schema; True when the file held the old in-file ID salt and should
    now be rewritten (db.connect does that) so that the salt is not left in its free blocks."""
    if get_setting(con, "schema_version") == SCHEMA_VERSION:
        return False
    with writing(con):
        if get_setting(con, "schema_version") == SCHEMA_VERSION:  # another session got here first
            return False
        with transaction(con):  # doubled rows go in a transaction of their own: DuckDB builds an
            _create_tables(con)  # index from the committed rows, deleted ones included
        with transaction(con):
            for kind in KINDS:
                con.execute(key_index_sql(kind))
            seed_centres(con)
            seed_targets(con)
            create_tables(con)
            refresh(con)
            _fill_batch_centres(con)
            moved_salt = _settle_id_key(con)
            set_setting(con, "schema_version", SCHEMA_VERSION)
    return moved_salt


def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in CORE_TABLES:
        con.execute(statement)
    con.execute("ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS client VARCHAR")  # files of version 3
    con.execute("ALTER TABLE batches ADD COLUMN IF NOT EXISTS centre_codes VARCHAR[]")
    con.execute("ALTER TABLE batches ADD COLUMN IF NOT EXISTS source VARCHAR")
    con.execute(  # before version 4 the sample's batches were known by their loader or name
        """UPDATE batches SET source = CASE WHEN loaded_by = 'ข้อมูลตัวอย่าง (sample data)'
           OR file_name LIKE 'sample-%' THEN 'sample' ELSE 'file' END WHERE source IS NULL"""
    )
    for kind in KINDS:
        con.execute(kind_table_sql(kind))
        con.execute(kind_table_sql(kind, f"undo_{kind.name}", prefix="undo_batch BIGINT, op VARCHAR, "))
        for table in (kind.name, f"undo_{kind.name}"):  # files of version 2 lack the newer columns
            for name, sql in _columns(kind):
                con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} {sql}")
            if kind.centre_from_course:
                _fill_centres(con, table)
        _drop_doubled_rows(con, kind)


def _columns(kind: RecordKind) -> list[tuple[str, str]]:
    return [(c.name, c.sql_type) for c in kind.stored_columns] + [*kind.extra_sql, *SYSTEM_COLUMNS]


def _fill_centres(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Rows stored before version 3 named their course by its code alone, which was then unique."""
    con.execute(
        f"""UPDATE {table} t SET centre_code = c.centre_code FROM courses c
            WHERE t.centre_code IS NULL AND c.course_code = t.course_code"""
    )


def _drop_doubled_rows(con: duckdb.DuckDBPyConnection, kind: RecordKind) -> None:
    """Before the key is enforced: files written by earlier versions may hold a row twice (two
    saves of one file at once). The copy of the earliest batch stays; the rest are logged."""
    key = ", ".join(key_expressions(kind))
    doubled = f"""SELECT rowid FROM (SELECT rowid, row_number() OVER (PARTITION BY {key}
                  ORDER BY batch_id NULLS LAST, rowid) AS copy FROM {kind.name}) WHERE copy > 1"""
    removed = con.execute(f"DELETE FROM {kind.name} WHERE rowid IN ({doubled})").fetchone()[0]
    if removed:
        con.execute(
            "INSERT INTO audit_log (who, action, detail) VALUES ('pimpa', 'upgrade', ?)",
            [f"removed {removed} doubled {kind.name} rows before enforcing the key ({', '.join(kind.stored_key)})"],
        )


def _fill_batch_centres(con: duckdb.DuckDBPyConnection) -> None:
    """Batches saved before version 4: their centres, from the rows they wrote or changed."""
    rows = " UNION ALL ".join(
        f"SELECT batch_id, centre_code FROM {kind.name} UNION ALL SELECT undo_batch, centre_code FROM undo_{kind.name}"
        for kind in KINDS
    )
    con.execute(
        f"""UPDATE batches b SET centre_codes = found.codes
            FROM (SELECT batch_id, list(DISTINCT centre_code ORDER BY centre_code) AS codes FROM ({rows})
                  WHERE centre_code IS NOT NULL GROUP BY batch_id) found
            WHERE b.batch_id = found.batch_id AND b.centre_codes IS NULL"""
    )


def _settle_id_key(con: duckdb.DuckDBPyConnection) -> bool:
    """Make sure the ID key lives outside the file, and the file holds only its fingerprint."""
    in_file = get_setting(con, "id_salt")
    key = idkey.load_key()
    if in_file is not None:
        if key is None:
            idkey.store_key(in_file)
            key = in_file
        elif key != in_file:
            raise idkey.KeyProblem(
                "ฐานข้อมูลนี้สร้างด้วยกุญแจเข้ารหัสเลขประจำตัวอีกชุดหนึ่ง ไม่ตรงกับกุญแจที่ตั้งไว้ (PIMPA_ID_SALT"
                f" หรือ {idkey.key_file()}) ให้ใช้กุญแจเดิมของฐานข้อมูลนี้",
                "this database was made with another ID key than the one configured (PIMPA_ID_SALT or"
                f" {idkey.key_file()}); use this database's own key",
            )
        con.execute("DELETE FROM settings WHERE key = 'id_salt'")
    elif key is None and get_setting(con, idkey.FINGERPRINT_SETTING) is None:
        key = idkey.new_key()
        idkey.store_key(key)
    if key is not None and get_setting(con, idkey.FINGERPRINT_SETTING) is None:
        set_setting(con, idkey.FINGERPRINT_SETTING, idkey.fingerprint(key))
    return in_file is not None

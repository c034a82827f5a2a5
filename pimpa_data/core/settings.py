"""Settings kept inside the database (schema version, key fingerprint, attendance threshold)."""

from __future__ import annotations

import duckdb


def get_setting(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'settings'"
    ).fetchone()[0]
    if not exists:
        return None
    row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(con: duckdb.DuckDBPyConnection, key: str, value: str, overwrite: bool = True) -> None:
    conflict = "DO UPDATE SET value = excluded.value" if overwrite else "DO NOTHING"
    con.execute(f"INSERT INTO settings VALUES (?, ?) ON CONFLICT (key) {conflict}", [key, value])

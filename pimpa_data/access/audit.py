"""Reading the audit log: who did or saw what, when and from where (admins only)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from ..core.audit import COLUMNS, buffer_of
from ..core.roles import Actor, require_admin


def audit_entries(
    con: duckdb.DuckDBPyConnection, by: Actor, *, who: str = "", action: str = "",
    since: dt.date | None = None, until: dt.date | None = None, limit: int = 100_000,
) -> pd.DataFrame:
    """The log, newest first, filtered; for admins only."""
    require_admin(by, "การดูบันทึกการใช้งาน", "read the audit log")
    buffer_of(con).flush(con)
    sql = f"""SELECT {', '.join(COLUMNS)} FROM audit_log
              WHERE ($who = '' OR who = $who) AND ($action = '' OR action = $action)
                AND ($since IS NULL OR logged_at >= $since)
                AND ($until IS NULL OR logged_at < $until + INTERVAL 1 DAY)
              ORDER BY logged_at DESC LIMIT $limit"""
    params = {"who": who, "action": action, "since": since, "until": until, "limit": limit}
    return con.execute(sql, params).df()


def audit_choices(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    """The people and the actions the log holds, for the filters."""
    people = con.execute("SELECT DISTINCT who FROM audit_log WHERE who IS NOT NULL ORDER BY 1").fetchall()
    actions = con.execute("SELECT DISTINCT action FROM audit_log ORDER BY 1").fetchall()
    return [r[0] for r in people], [r[0] for r in actions]

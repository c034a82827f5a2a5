"""The brief's defaults for targets, quality levels and the attendance threshold, and the
tables that hold them: seeded once when a database is created, then data an admin changes
(through `measures/targets.py`)."""

from __future__ import annotations

import duckdb

from .units import COUNTRY

DEFAULT_TARGETS = {"1.1": 80, "1.2": 80, "1.3": 10}
DEFAULT_LEVELS = (
    (1.00, "ดีเยี่ยม", "Excellent"),
    (0.90, "ดีมาก", "Very good"),
    (0.80, "ดี", "Good"),
    (0.70, "พอใช้", "Fair"),
    (0.00, "ต้องปรับปรุง", "Needs improvement"),
)
DEFAULT_ATTENDANCE_THRESHOLD_PCT = 80

TABLES = (
    # fiscal_year NULL: every year. unit_code: 'TH', a province (2 digits), district (4), centre (6).
    """CREATE TABLE IF NOT EXISTS targets (
        fiscal_year INTEGER, unit_code VARCHAR NOT NULL, indicator VARCHAR NOT NULL,
        target_pct DECIMAL(6,2) NOT NULL, updated_by VARCHAR, updated_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS quality_levels (
        min_ratio DECIMAL(6,3) NOT NULL, level_th VARCHAR NOT NULL, level_en VARCHAR NOT NULL)""",
    # Whether an exemplary graduate counts toward 1.3 only with evidence; inherited like the
    # targets. No row anywhere: not required (counted and flagged).
    """CREATE TABLE IF NOT EXISTS evidence_rules (
        fiscal_year INTEGER, unit_code VARCHAR NOT NULL, required BOOLEAN NOT NULL,
        updated_by VARCHAR, updated_at TIMESTAMP)""",
)


def seed_targets(con: duckdb.DuckDBPyConnection) -> None:
    for statement in TABLES:
        con.execute(statement)
    if not con.execute("SELECT count(*) FROM targets").fetchall()[0][0]:
        for indicator, pct in DEFAULT_TARGETS.items():
            con.execute(
                "INSERT INTO targets VALUES (NULL, ?, ?, ?, 'default', current_timestamp)",
                [COUNTRY, indicator, pct],
            )
    if not con.execute("SELECT count(*) FROM quality_levels").fetchall()[0][0]:
        rows = [list(level) for level in DEFAULT_LEVELS]
        con.executemany("INSERT INTO quality_levels VALUES (?, ?, ?)", rows)
    con.execute(
        "INSERT INTO settings VALUES ('attendance_threshold_pct', ?) ON CONFLICT (key) DO NOTHING",
        [str(DEFAULT_ATTENDANCE_THRESHOLD_PCT)],
    )

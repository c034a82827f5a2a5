"""Targets (ค่าเป้าหมาย) and quality-level bands: data in the database, with the brief's defaults."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pandas as pd

from ..core.db import log_action
from ..core.defaults import DEFAULT_ATTENDANCE_THRESHOLD_PCT, DEFAULT_TARGETS
from ..core.errors import PimpaError
from ..core.roles import Actor, as_actor, require_admin
from ..core.units import COUNTRY, ancestors, level_of
from ..core.writes import write_transaction

INDICATOR_CODES = tuple(DEFAULT_TARGETS)

# Over a relation `cells(fiscal_year, unit_code)`: the target of each cell and indicator. For each
# fiscal year a unit's own row for that year beats its any-year (NULL) row; then the nearest unit
# wins: the unit itself, its district, its province, the country. Targets are few, so they are
# resolved per year first and joined to the cells by code, one level at a time.
RESOLVED_TARGETS_SQL = f"""
WITH year_targets AS (
    SELECT y.fiscal_year, t.unit_code, t.indicator,
           arg_max(t.target_pct, {{'for_year': t.fiscal_year IS NOT NULL, 'at': t.updated_at}}) AS target_pct
    FROM (SELECT DISTINCT fiscal_year FROM cells) y
    JOIN targets t ON t.fiscal_year = y.fiscal_year OR t.fiscal_year IS NULL
    GROUP BY ALL)
SELECT c.fiscal_year, c.unit_code, i.indicator,
       coalesce(own.target_pct, district.target_pct, province.target_pct, country.target_pct) AS target_pct
FROM cells c
CROSS JOIN (SELECT DISTINCT indicator FROM targets) i
LEFT JOIN year_targets own
    ON own.fiscal_year = c.fiscal_year AND own.indicator = i.indicator AND own.unit_code = c.unit_code
LEFT JOIN year_targets district ON district.fiscal_year = c.fiscal_year AND district.indicator = i.indicator
    AND district.unit_code = left(c.unit_code, 4)
LEFT JOIN year_targets province ON province.fiscal_year = c.fiscal_year AND province.indicator = i.indicator
    AND province.unit_code = left(c.unit_code, 2)
LEFT JOIN year_targets country ON country.fiscal_year = c.fiscal_year AND country.indicator = i.indicator
    AND country.unit_code = '{COUNTRY}'
"""


@dataclass(frozen=True)
class QualityLevel:
    min_ratio: Decimal
    th: str
    en: str


def _check_indicator(indicator: str) -> None:
    if indicator not in INDICATOR_CODES:
        raise PimpaError(
            f"ไม่รู้จักตัวบ่งชี้ '{indicator}' ให้ใช้ {', '.join(INDICATOR_CODES)}",
            f"unknown indicator '{indicator}'; use one of {', '.join(INDICATOR_CODES)}",
        )


def _check_pct(pct: Decimal, what_th: str, what_en: str) -> Decimal:
    value = Decimal(str(pct))
    if not value.is_finite() or not 0 <= value <= 100:
        raise PimpaError(
            f"{what_th}ต้องอยู่ระหว่าง 0 ถึง 100 (ได้ {pct})", f"{what_en} must be between 0 and 100 (got {pct})"
        )
    return value


def target_for(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str, indicator: str
) -> Decimal | None:
    """The target (%) that applies to a unit in a fiscal year, inherited from above when it has none."""
    _check_indicator(indicator)
    level_of(unit_code)
    sql = (
        "WITH cells AS (SELECT CAST($fiscal_year AS INTEGER) AS fiscal_year,"
        " CAST($unit_code AS VARCHAR) AS unit_code), resolved AS (" + RESOLVED_TARGETS_SQL + ")"
        " SELECT target_pct FROM resolved WHERE indicator = $indicator"
    )
    params = {"fiscal_year": fiscal_year, "unit_code": unit_code, "indicator": indicator}
    rows = con.execute(sql, params).fetchall()
    return rows[0][0] if rows else None


def set_target(
    con: duckdb.DuckDBPyConnection,
    fiscal_year: int | None,
    unit_code: str,
    indicator: str,
    pct: Decimal | int | str,
    who: str | Actor,
) -> None:
    """Set a unit's own target for one fiscal year (or for every year when fiscal_year is None)."""
    _require_admin(who)
    _check_indicator(indicator)
    level_of(unit_code)
    value = _check_pct(pct, "ค่าเป้าหมาย", "the target")
    key = [fiscal_year, unit_code, indicator]
    with write_transaction(con):
        con.execute(_DELETE_TARGET, key)
        con.execute(
            "INSERT INTO targets VALUES (?, ?, ?, ?, ?, current_timestamp)", [*key, value, as_actor(who).username]
        )
        log_action(con, who, "set_target", f"fiscal_year={fiscal_year} unit={unit_code} {indicator}={value}")


_DELETE_TARGET = (
    "DELETE FROM targets WHERE fiscal_year IS NOT DISTINCT FROM ? AND unit_code = ? AND indicator = ?"
)


def delete_target(
    con: duckdb.DuckDBPyConnection, fiscal_year: int | None, unit_code: str, indicator: str, who: str | Actor
) -> None:
    """Remove a unit's own target so that it inherits again; the country's any-year row must stay."""
    _require_admin(who)
    _check_indicator(indicator)
    if unit_code == COUNTRY and fiscal_year is None:
        raise PimpaError(
            "ลบค่าเป้าหมายระดับประเทศ (ทุกปี) ไม่ได้ เพราะเป็นค่าตั้งต้นของทุกหน่วย ให้แก้ค่าแทน",
            "the country's any-year target is every unit's fallback and cannot be removed; change it instead",
        )
    with write_transaction(con):
        con.execute(_DELETE_TARGET, [fiscal_year, unit_code, indicator])
        log_action(con, who, "delete_target", f"fiscal_year={fiscal_year} unit={unit_code} {indicator}")


def list_targets(con: duckdb.DuckDBPyConnection, unit_code: str | None = None) -> pd.DataFrame:
    """The targets set explicitly (all, or those of one unit and its ancestors)."""
    codes = ancestors(unit_code) if unit_code else None
    return con.execute(
        "SELECT fiscal_year, unit_code, indicator, target_pct, updated_by, updated_at FROM targets"
        " WHERE $codes IS NULL OR list_contains($codes, unit_code)"
        " ORDER BY length(unit_code), unit_code, fiscal_year NULLS FIRST, indicator",
        {"codes": codes},
    ).df()


def quality_levels(con: duckdb.DuckDBPyConnection) -> list[QualityLevel]:
    """The quality bands, highest first."""
    rows = con.execute("SELECT min_ratio, level_th, level_en FROM quality_levels ORDER BY min_ratio DESC")
    return [QualityLevel(*row) for row in rows.fetchall()]


def set_quality_levels(con: duckdb.DuckDBPyConnection, levels: list[QualityLevel], who: str | Actor) -> None:
    """Replace the bands; one must start at 0 so that every result has a level."""
    _require_admin(who)
    ratios = [Decimal(str(level.min_ratio)) for level in levels]
    if len(set(ratios)) != len(ratios) or min(ratios, default=1) != 0 or any(r < 0 for r in ratios):
        raise PimpaError(
            "เกณฑ์ระดับคุณภาพต้องไม่ซ้ำกัน ไม่ติดลบ และต้องมีระดับที่เริ่มที่ 0",
            "quality bands must have distinct, non-negative lower bounds, and one must start at 0",
        )
    if any(not level.th.strip() or not level.en.strip() for level in levels):
        raise PimpaError("ทุกระดับต้องมีชื่อภาษาไทยและภาษาอังกฤษ", "every band needs a Thai and an English name")
    with write_transaction(con):
        con.execute("DELETE FROM quality_levels")
        rows = [[ratio, level.th, level.en] for ratio, level in zip(ratios, levels)]
        con.executemany("INSERT INTO quality_levels VALUES (?, ?, ?)", rows)
        log_action(con, who, "set_quality_levels", "; ".join(f"{r}={lv.th}" for r, lv in zip(ratios, levels)))


def attendance_threshold(con: duckdb.DuckDBPyConnection) -> Decimal:
    """The share of the course (%) a graduate must have attended."""
    rows = con.execute("SELECT value FROM settings WHERE key = 'attendance_threshold_pct'").fetchall()
    return Decimal(rows[0][0]) if rows else Decimal(DEFAULT_ATTENDANCE_THRESHOLD_PCT)


def set_attendance_threshold(con: duckdb.DuckDBPyConnection, pct: Decimal | int | str, who: str | Actor) -> None:
    _require_admin(who)
    value = _check_pct(pct, "เกณฑ์เวลาเรียน", "the attendance threshold")
    with write_transaction(con):
        con.execute(
            "INSERT INTO settings VALUES ('attendance_threshold_pct', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [str(value)],
        )
        log_action(con, who, "set_attendance_threshold", str(value))


def _require_admin(who: str | Actor) -> None:
    require_admin(as_actor(who), "การแก้ค่าเป้าหมายและเกณฑ์ระดับคุณภาพ", "change targets and quality bands")

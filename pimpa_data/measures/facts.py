"""Per-enrolment facts: the one definition every figure of quality standard 1 comes from.

One row per enrolment in a course of the scope (courses ending between `$first_day` and
`$last_day`, at a centre whose code starts with `$unit_prefix`). Attendance and follow-ups
come already summed per enrolment and per course (summaries.py keeps those tables in step
with every upload and undo); the rules of the standard are applied here, on every query, so a
changed threshold or target shows at once. Indicators, the evidence lists and the impact
figures all select from this relation and only add a GROUP BY or a WHERE.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import duckdb
import pandas as pd

from ..core.dates import fiscal_year_bounds, fiscal_year_sql
from ..core.units import LEVELS, unit_prefix
from . import evidence_rule
from .evidence_rule import YEAR_RULES_SQL
from .targets import attendance_threshold

_FISCAL_YEAR = fiscal_year_sql("course_end_date")
_UNIT_CODES = ", ".join(f"{lv.code_sql()} AS {lv.name}_code" for lv in LEVELS)
_RULE_JOINS, _RULE = evidence_rule.joins("measured")

FACTS_SQL = f"""
WITH measured AS (  -- enrolment_summary is kept in step with its source rows by the store (summaries.py)
    SELECT {_FISCAL_YEAR} AS fiscal_year, course_code, learner_id, centre_code,
           course_end_date, result,
           CASE WHEN course_sessions IS NULL THEN NULL
                WHEN course_has_hours THEN 'hours' ELSE 'presence' END AS attendance_mode,
           CASE WHEN course_sessions IS NULL THEN NULL
                WHEN course_has_hours THEN coalesce(attended_hours, 0)
                ELSE present_sessions END::DECIMAL(18, 2) AS attended,
           CASE WHEN course_sessions IS NULL THEN NULL
                WHEN course_has_hours THEN course_hours ELSE course_sessions END::DECIMAL(18, 2) AS required,
           follow_up_count, latest_followup_date, any_applied, any_exemplary,
           any_exemplary_evidence, income_before_baht, income_after_baht
    FROM enrolment_summary
    WHERE course_end_date BETWEEN $first_day AND $last_day AND starts_with(centre_code, $unit_prefix)
),
rule_years AS ({YEAR_RULES_SQL}),
judged AS (
    SELECT measured.*,
           coalesce(measured.result IN ('pass', 'fail'), false) AS is_enrolled,
           measured.result IS NULL AS is_pending,
           coalesce(measured.result = 'pass', false) AS passed,
           coalesce(measured.attended * 100 < CAST($threshold_pct AS DECIMAL(6, 2)) * measured.required, false)
               AS below_threshold,
           {_RULE} AS evidence_required
    FROM measured
    {_RULE_JOINS}
)
SELECT fiscal_year, course_code, learner_id, {_UNIT_CODES}, course_end_date, result,
       attendance_mode, attended, required,
       CASE WHEN required > 0 THEN attended / required END AS attendance_ratio,
       is_enrolled, is_pending, below_threshold,
       passed AND NOT below_threshold AS is_graduate,
       passed AND NOT below_threshold AND follow_up_count > 0 AS followed_up,
       passed AND NOT below_threshold AND any_applied AS applied,
       passed AND NOT below_threshold AND any_applied AND any_exemplary
           AND (any_exemplary_evidence OR NOT evidence_required) AS exemplary,
       passed AND NOT below_threshold AND any_applied AND any_exemplary_evidence AS exemplary_has_evidence,
       passed AND NOT below_threshold AND any_applied AND any_exemplary AND NOT any_exemplary_evidence
           AS exemplary_no_evidence, evidence_required,
       follow_up_count, latest_followup_date, income_before_baht, income_after_baht
FROM judged
"""


def scope_params(
    con: duckdb.DuckDBPyConnection,
    first_year: int,
    last_year: int | None = None,
    unit_code: str = "TH",
    threshold_pct: Decimal | None = None,
) -> dict[str, Any]:
    """The bound parameters of FACTS_SQL for fiscal years first..last (BE) within a unit."""
    first_day, _ = fiscal_year_bounds(first_year)
    _, last_day = fiscal_year_bounds(last_year or first_year)
    threshold = attendance_threshold(con) if threshold_pct is None else Decimal(threshold_pct)
    return {
        "first_day": first_day, "last_day": last_day,
        "unit_prefix": unit_prefix(unit_code), "threshold_pct": threshold,
    }


def with_facts(select_sql: str, more_ctes: str = "") -> str:
    """A query over the relation `facts`: FACTS_SQL as a CTE, then `more_ctes`, then `select_sql`."""
    return f"WITH facts AS ({FACTS_SQL}){', ' + more_ctes if more_ctes else ''}\n{select_sql}"


def bound(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    """Only the parameters the SQL names (DuckDB rejects unused named parameters)."""
    names = set(re.findall(r"\$(\w+)", sql))
    return {name: value for name, value in params.items() if name in names}


def query_frame(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> pd.DataFrame:
    """Rows as a DataFrame that keeps Decimal, dates and None as they are (no NaN for None)."""
    con.complete()  # a result left half-read by execute() would block the relation API
    table = con.sql(sql, params=bound(sql, params)).to_arrow_table()
    frame = table.to_pandas(integer_object_nulls=True, date_as_object=True)
    for name in table.column_names:
        if table.column(name).null_count and frame[name].dtype != object:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame


def facts(
    con: duckdb.DuckDBPyConnection,
    fiscal_year: int,
    unit_code: str = "TH",
    threshold_pct: Decimal | None = None,
) -> pd.DataFrame:
    """The facts of every enrolment in a fiscal year within a unit, one row each."""
    sql = with_facts("SELECT * FROM facts ORDER BY course_code, learner_id")
    return query_frame(con, sql, scope_params(con, fiscal_year, None, unit_code, threshold_pct))

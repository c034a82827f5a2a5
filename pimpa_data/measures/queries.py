"""Read queries the pages need beyond the indicators: options, lists, histories.

Every value is a bound parameter; the SQL names only tables and columns of the schema.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from ..core.dates import fiscal_year_sql
from ..core.pdpa import LEARNER_NAME_SQL, MASK, MASKED_ID_SQL
from ..core.units import LEVELS
from .facts import query_frame, scope_params, with_facts


def data_version(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    row = con.execute(
        "SELECT coalesce(max(batch_id), 0), count(*) FILTER (WHERE status = 'undone') FROM batches"
    ).fetchone()
    return int(row[0]), int(row[1])


def scope_options(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Fiscal years (newest first) and the units that have courses, for the sidebar."""
    years = [row[0] for row in con.execute(
        f"SELECT DISTINCT {fiscal_year_sql('end_date')} AS fy FROM courses ORDER BY fy DESC"
    ).fetchall()]
    selects = " UNION ALL ".join(
        f"SELECT DISTINCT {lv.code_sql()} AS unit_code, {lv.name_th_sql} AS name_th, {lv.name_en_sql} AS name_en"
        " FROM centres WHERE centre_code IN (SELECT centre_code FROM courses)"
        for lv in LEVELS[1:]
    )
    units = con.execute(f"{selects} ORDER BY unit_code").df()
    return {"fiscal_years": years, "units": units}


# ---------------------------------------------------------------- courses and learners

PER_COURSE_CTE = """
per_course AS (
    SELECT centre_code, course_code, count(*) AS learners,
           count(*) FILTER (WHERE is_enrolled) AS enrolled,
           count(*) FILTER (WHERE is_pending) AS pending,
           count(*) FILTER (WHERE is_graduate) AS graduates,
           count(*) FILTER (WHERE followed_up) AS followed_up,
           count(*) FILTER (WHERE applied) AS applied
    FROM facts GROUP BY centre_code, course_code)"""

COURSES_SQL = """
SELECT c.course_code, c.course_name, c.centre_code, ce.centre_name, c.course_format, c.occupation_group, c.hours,
       c.start_date, c.end_date, c.instructor, c.budget_baht, c.spent_baht, c.target_learners,
       coalesce(p.learners, 0) AS learners, coalesce(p.enrolled, 0) AS enrolled,
       coalesce(p.pending, 0) AS pending, coalesce(p.graduates, 0) AS graduates,
       coalesce(p.followed_up, 0) AS followed_up, coalesce(p.applied, 0) AS applied
FROM courses c
JOIN centres ce ON ce.centre_code = c.centre_code
LEFT JOIN per_course p ON p.centre_code = c.centre_code AND p.course_code = c.course_code
WHERE c.end_date BETWEEN $first_day AND $last_day AND starts_with(c.centre_code, $unit_prefix)
ORDER BY c.end_date, c.course_code
"""

LEARNERS_SQL = f"""
SELECT e.course_code,
       {LEARNER_NAME_SQL} AS learner_name,
       {MASKED_ID_SQL} AS learner_id_masked,
       e.sex, e.target_group, e.result, e.score,
       round(f.attendance_ratio * 100, 1) AS attendance_pct, f.is_graduate,
       e.result = 'pass' AND f.below_threshold AS passed_below_threshold, f.follow_up_count,
       f.latest_followup_date, f.applied, f.exemplary
FROM facts f
JOIN enrolments e ON e.centre_code = f.centre_code AND e.course_code = f.course_code AND e.learner_id = f.learner_id
WHERE f.course_code = $course_code AND f.centre_code = $centre_code
ORDER BY e.first_name, e.last_name
"""

DUE_SQL = f"""
SELECT f.course_code, c.course_name, ce.centre_name, f.course_end_date,
       {LEARNER_NAME_SQL} AS learner_name,
       CASE WHEN $show_names THEN coalesce(e.phone, '') ELSE '' END AS phone,
       {MASKED_ID_SQL} AS learner_id_masked, f.centre_code, f.learner_id,
       date_diff('day', f.course_end_date, $today) AS days_since_end,
       date_diff('day', f.course_end_date, $today) > $due_days AS overdue,
       EXISTS (SELECT 1 FROM signoffs s WHERE s.centre_code = f.centre_code AND s.fiscal_year = f.fiscal_year
               AND s.reopened_at IS NULL) AS locked
FROM facts f
JOIN enrolments e ON e.centre_code = f.centre_code AND e.course_code = f.course_code AND e.learner_id = f.learner_id
JOIN courses c ON c.centre_code = f.centre_code AND c.course_code = f.course_code
JOIN centres ce ON ce.centre_code = c.centre_code
WHERE f.is_graduate AND f.follow_up_count = 0 AND f.course_end_date <= $today
ORDER BY days_since_end DESC, f.course_code, e.first_name
"""
FOLLOW_UP_DUE_DAYS = 90


def _scoped(
    con: duckdb.DuckDBPyConnection, sql: str, fiscal_year: int, unit_code: str, ctes: str = "", **extra: object
) -> pd.DataFrame:
    params = scope_params(con, fiscal_year, None, unit_code) | {"mask": MASK, **extra}
    return query_frame(con, with_facts(sql, ctes), params)


def courses(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str) -> pd.DataFrame:
    """Courses ending in the fiscal year within the unit, with their learner counts."""
    return _scoped(con, COURSES_SQL, fiscal_year, unit_code, PER_COURSE_CTE)


def course_learners(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str, centre_code: str, course_code: str,
    show_names: bool,
) -> pd.DataFrame:
    """One course's learners (a course is its centre and its code: centres number courses alike)."""
    return _scoped(con, LEARNERS_SQL, fiscal_year, unit_code, centre_code=centre_code, course_code=course_code,
                   show_names=show_names)


def follow_ups_due(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str, today: dt.date, show_names: bool,
    due_days: int = FOLLOW_UP_DUE_DAYS,
) -> pd.DataFrame:
    """Graduates never followed up, with how long ago their course ended (due, or overdue)."""
    return _scoped(
        con, DUE_SQL, fiscal_year, unit_code, today=today, due_days=due_days, show_names=show_names
    )

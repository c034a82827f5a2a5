"""Plan against actual: the learners each course aimed for against those enrolled, and the
budget against the money actually spent (เบิกจ่ายจริง), per course and summed per centre.

Courses count in the fiscal year in which they end, as everywhere else. A course without a
recorded target or spending adds nothing to that sum; how many courses recorded it is given
beside the sum, so a half-filled column is not read as money saved.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pandas as pd

from .facts import query_frame, scope_params
from .indicators import rounded_pct

_PER_COURSE = """
SELECT c.centre_code, ce.centre_name, ce.subdistrict_en AS centre_name_en, c.course_code, c.course_name, c.end_date,
       c.target_learners, coalesce(e.enrolled, 0) AS enrolled, c.budget_baht, c.spent_baht
FROM courses c
JOIN centres ce ON ce.centre_code = c.centre_code
LEFT JOIN (SELECT centre_code, course_code, count(*) AS enrolled FROM enrolments GROUP BY ALL) e
    ON e.centre_code = c.centre_code AND e.course_code = c.course_code
WHERE c.end_date BETWEEN $first_day AND $last_day AND starts_with(c.centre_code, $unit_prefix)
ORDER BY c.centre_code, c.end_date, c.course_code"""

_PER_CENTRE = f"""
SELECT centre_code, any_value(centre_name) AS centre_name, any_value(centre_name_en) AS centre_name_en,
       count(*) AS courses,
       sum(target_learners) AS target_learners,
       sum(enrolled) FILTER (WHERE target_learners IS NOT NULL) AS enrolled_against_target,
       sum(enrolled) AS enrolled,
       count(target_learners) AS courses_with_target,
       sum(budget_baht) AS budget_baht,
       sum(spent_baht) AS spent_baht,
       sum(spent_baht) FILTER (WHERE budget_baht IS NOT NULL) AS spent_of_budgeted_baht,
       sum(budget_baht) FILTER (WHERE spent_baht IS NOT NULL) AS budget_of_spent_baht,
       count(spent_baht) AS courses_with_spending
FROM ({_PER_COURSE}) GROUP BY centre_code ORDER BY centre_code"""


def per_course(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str) -> pd.DataFrame:
    """Each course of the scope: target_learners against enrolled, budget_baht against spent_baht,
    with enrolled_pct (of the target) and spent_pct (of the budget); None where not recorded."""
    found = query_frame(con, _PER_COURSE, scope_params(con, fiscal_year, None, unit_code))
    return found.assign(
        enrolled_pct=[share(e, t) for e, t in zip(found["enrolled"], found["target_learners"])],
        spent_pct=[share(s, b) for s, b in zip(found["spent_baht"], found["budget_baht"])],
    )


def per_centre(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str) -> pd.DataFrame:
    """Each centre with courses in the scope: the sums of `per_course`, and the shares computed
    only over the courses that recorded both sides (enrolled of target, spent of budget)."""
    found = query_frame(con, _PER_CENTRE, scope_params(con, fiscal_year, None, unit_code))
    return found.assign(
        enrolled_pct=[share(e, t) for e, t in zip(found["enrolled_against_target"], found["target_learners"])],
        spent_pct=[share(s, b) for s, b in zip(found["spent_of_budgeted_baht"], found["budget_of_spent_baht"])],
    )


def share(actual: object, planned: object) -> Decimal | None:
    """actual ÷ planned as a percentage to one decimal, rounded as the indicators are; None when
    either is missing."""
    if actual is None or planned is None or actual != actual or planned != planned:
        return None
    return rounded_pct(Decimal(str(actual)), Decimal(str(planned)), places=1)

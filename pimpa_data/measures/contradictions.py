"""Rows that contradict themselves or another record: each SQL gives the columns of a finding
(see checks.FOUND_COLUMNS) on the row to correct.

Follow-ups and enrolments belong to the fiscal year in which their course ends; sales to the
fiscal year of their month. The unit is `$unit_prefix` over the record's centre.
"""

from __future__ import annotations

from ..core.pdpa import MASKED_ID_SQL
from .check_rows import SCOPED_COURSES, masked_id, row_of

# Follow-ups of the scope, with the learner's register row (for the last four ID digits).
_FOLLOW_UPS = f"""follow_ups f
JOIN {SCOPED_COURSES} c ON c.centre_code = f.centre_code AND c.course_code = f.course_code
LEFT JOIN enrolments e ON e.centre_code = f.centre_code AND e.course_code = f.course_code
    AND e.learner_id = f.learner_id"""


def _follow_up_finding(value: str, reference: str, condition: str) -> str:
    return f"""
SELECT f.centre_code, f.course_code, {MASKED_ID_SQL} AS learner_id_masked, {value} AS value,
       {reference} AS reference, f.followup_date AS subject, {row_of("f")}
FROM {_FOLLOW_UPS}
WHERE {condition}"""


EXEMPLARY_NOT_APPLIED_SQL = _follow_up_finding("NULL", "NULL", "f.exemplary AND NOT f.applied")

HOW_WITHOUT_APPLIED_SQL = _follow_up_finding(
    "f.applied_how", "NULL", "NOT f.applied AND coalesce(trim(f.applied_how), '') <> ''"
)

# The follow-up date is required (it is part of the key), so "applied without a follow-up
# date" cannot be stored; what can be is a date that is not a follow-up's: before the course ended.
FOLLOWUP_BEFORE_END_SQL = _follow_up_finding("NULL", "c.end_date", "f.followup_date < c.end_date")

# ผ่าน with attendance under the threshold: the facts' own rule (facts.below_threshold).
PASS_BELOW_THRESHOLD_SQL = f"""
SELECT facts.centre_code, facts.course_code, {MASKED_ID_SQL} AS learner_id_masked,
       round(facts.attendance_ratio * 100, 2) AS value, $threshold_pct AS reference,
       NULL AS subject, {row_of("e")}
FROM facts
JOIN enrolments e ON e.centre_code = facts.centre_code AND e.course_code = facts.course_code
    AND e.learner_id = facts.learner_id
WHERE facts.result = 'pass' AND facts.below_threshold"""

# A sale in a month before its course started: the month (often its year) or the course is wrong.
SALE_BEFORE_COURSE_SQL = f"""
SELECT s.centre_code, s.course_code,
       {masked_id("s")} AS learner_id_masked,
       s.month AS value, c.start_date AS reference, s.product AS subject, {row_of("s")}
FROM sales s JOIN courses c ON c.centre_code = s.centre_code AND c.course_code = s.course_code
WHERE s.month BETWEEN $first_day AND $last_day AND starts_with(s.centre_code, $unit_prefix)
  AND s.month < date_trunc('month', c.start_date)"""

"""What should be there by now and is not: results of ended courses, and follow-ups that are overdue.

Each SQL gives the columns of a finding (check_rows.FOUND_COLUMNS) for courses ending in the
fiscal year ($first_day..$last_day) within the unit ($unit_prefix), as of `$today`.
"""

from __future__ import annotations

from ..core.pdpa import MASKED_ID_SQL
from .check_rows import SCOPED_COURSES, row_of
from .queries import DUE_SQL, FOLLOW_UP_DUE_DAYS

# One finding per learner without a result, on the register row to fill in.
RESULTS_MISSING_SQL = f"""
SELECT e.centre_code, e.course_code, {MASKED_ID_SQL} AS learner_id_masked, NULL AS value,
       c.end_date AS reference, NULL AS subject, {row_of("e")}
FROM enrolments e JOIN {SCOPED_COURSES} c ON c.centre_code = e.centre_code AND c.course_code = e.course_code
WHERE e.result IS NULL AND c.end_date < $today"""

# A course that ended with nobody in the learner register: the register was not sent (or the
# course did not run and should be removed). One finding, on the course's row.
NO_LEARNERS_SQL = f"""
SELECT c.centre_code, c.course_code, '' AS learner_id_masked, NULL AS value,
       c.end_date AS reference, c.course_name AS subject, {row_of("c")}
FROM {SCOPED_COURSES} c
WHERE c.end_date < $today
  AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.centre_code = c.centre_code AND e.course_code = c.course_code)"""

# The follow-up list's own rule (queries.DUE_SQL over the facts): graduates never followed up,
# overdue once more than $due_days days have passed since their course ended.
OVERDUE_SQL = f"""
SELECT d.centre_code, d.course_code, d.learner_id_masked, d.days_since_end AS value,
       $due_days AS reference, NULL AS subject, {row_of("e")}
FROM ({DUE_SQL}) d
JOIN enrolments e ON e.centre_code = d.centre_code AND e.course_code = d.course_code AND e.learner_id = d.learner_id
WHERE d.overdue"""

GAP_PARAMS = {"due_days": FOLLOW_UP_DUE_DAYS, "show_names": False}

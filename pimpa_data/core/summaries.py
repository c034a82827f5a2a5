"""A per-enrolment summary of courses, attendance and follow-ups, kept in step with every write.

The indicators need, for each enrolment, its result, the hours or sessions attended and what
its follow-ups say; and for each course, whether attendance records hours and how many distinct
dates were recorded. Aggregating millions of attendance rows on every page view is slow at
national scale, so the store refreshes this table for the courses a batch touches, in the
same transaction as the batch (and undo does the same). They hold sums and flags only; every
rule of the standard (thresholds, graduates, 1.1–1.3) is still applied when a figure is asked for,
in facts.py. `refresh(con)` with no table of courses rebuilds it from scratch.
"""

from __future__ import annotations

import duckdb

TABLES = (
    """CREATE TABLE IF NOT EXISTS enrolment_summary (
        course_code VARCHAR, learner_id VARCHAR, centre_code VARCHAR, course_end_date DATE,
        course_hours DECIMAL(10, 2), result VARCHAR,
        course_has_hours BOOLEAN, course_sessions INTEGER,  -- NULL: the course has no attendance rows
        attended_hours DECIMAL(18, 2), present_sessions INTEGER,
        follow_up_count INTEGER, latest_followup_date DATE, any_applied BOOLEAN, any_exemplary BOOLEAN,
        any_exemplary_evidence BOOLEAN, income_before_baht DECIMAL(14, 2), income_after_baht DECIMAL(14, 2))""",
)
SUMMARISED_KINDS = ("courses", "enrolments", "attendance", "follow_ups")

_SUMMARY = """
WITH per_course AS (
    SELECT centre_code, course_code, bool_or(hours IS NOT NULL) AS has_hours,
           count(DISTINCT session_date) AS sessions
    FROM attendance {scope} GROUP BY centre_code, course_code),
attended AS (
    SELECT centre_code, course_code, learner_id, sum(hours)::DECIMAL(18, 2) AS attended_hours,
           count(*) FILTER (WHERE status = 'present') AS present_sessions
    FROM attendance {scope} GROUP BY centre_code, course_code, learner_id),
followed AS (
    SELECT centre_code, course_code, learner_id, count(*) AS follow_up_count,
           max(followup_date) AS latest_followup_date,
           bool_or(applied) AS any_applied, bool_or(exemplary) AS any_exemplary,
           bool_or(exemplary AND (coalesce(trim(evidence), '') <> '' OR shown.followup_date IS NOT NULL))
               AS any_exemplary_evidence,
           arg_max(income_before_baht, followup_date) AS income_before_baht,
           arg_max(income_after_baht, followup_date) AS income_after_baht
    FROM (SELECT * FROM follow_ups {scope}) f
    LEFT JOIN (SELECT DISTINCT centre_code, course_code, learner_id, followup_date FROM photos
               WHERE kind = 'evidence') shown USING (centre_code, course_code, learner_id, followup_date)
    GROUP BY centre_code, course_code, learner_id)
SELECT e.course_code, e.learner_id, c.centre_code, c.end_date, c.hours, e.result,
       p.has_hours, p.sessions, a.attended_hours, coalesce(a.present_sessions, 0),
       coalesce(f.follow_up_count, 0), f.latest_followup_date, coalesce(f.any_applied, false),
       coalesce(f.any_exemplary, false), coalesce(f.any_exemplary_evidence, false),
       f.income_before_baht, f.income_after_baht
FROM (SELECT centre_code, course_code, learner_id, result FROM enrolments {scope}) e
JOIN courses c USING (centre_code, course_code)
LEFT JOIN per_course p USING (centre_code, course_code)
LEFT JOIN attended a USING (centre_code, course_code, learner_id)
LEFT JOIN followed f USING (centre_code, course_code, learner_id)
ORDER BY c.end_date, e.course_code"""  # rows in time order let a fiscal year skip the others' row groups


def summary_sql() -> str:
    """The whole summary as one SELECT (its columns in the order of the table): what another
    engine (warehouse/) computes from the raw tables."""
    return _SUMMARY.format(scope="")


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in TABLES:
        con.execute(statement)


def refresh(con: duckdb.DuckDBPyConnection, touched: str | None = None) -> None:
    """Recompute the summary of the courses listed in the table `touched` (centre_code and
    course_code columns), or of every course. Runs inside the caller's transaction."""
    scope = f"WHERE (centre_code, course_code) IN (SELECT (centre_code, course_code) FROM {touched})" if touched else ""
    con.execute(f"DELETE FROM enrolment_summary {scope}")
    con.execute(f"INSERT INTO enrolment_summary {_SUMMARY.format(scope=scope)}")


def touched_by_batch_sql() -> str:
    """Courses whose rows a batch wrote or whose earlier versions it saved (two `?` per kind)."""
    return " UNION ".join(
        f"SELECT centre_code, course_code FROM {kind} WHERE batch_id = ?"
        f" UNION SELECT centre_code, course_code FROM undo_{kind} WHERE undo_batch = ?"
        for kind in SUMMARISED_KINDS
    )


def out_of_step(con: duckdb.DuckDBPyConnection) -> int:
    """How many summary rows differ from a fresh computation (0 when the summary is in step)."""
    fresh = _SUMMARY.format(scope="")
    row = con.execute(
        f"SELECT (SELECT count(*) FROM (SELECT * FROM enrolment_summary EXCEPT ALL ({fresh})))"
        f" + (SELECT count(*) FROM (({fresh}) EXCEPT ALL SELECT * FROM enrolment_summary))"
    ).fetchall()
    return int(row[0][0])

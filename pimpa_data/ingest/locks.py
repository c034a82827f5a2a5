"""Signed-off centre-years are locked: a batch that would change one is refused whole.

A centre's fiscal year covers its courses ending in that year with their enrolments,
attendance and follow-ups (even visits after 30 September), and its sales by the fiscal year of
their month. A batch is checked against every centre-year it touches: the rows it inserts or
changes (and, for a course, the year it ends now as well as the year it moves to).
"""

from __future__ import annotations

import duckdb

from ..core.dates import fiscal_year_sql
from ..core.kinds import KINDS
from ..core.schema import stored_names
from ..core.signoffs import SignOff
from .problems import Problem, file_problem
from .validate import ValidTable

_LOCKED = """SELECT DISTINCT t.centre_code, t.fiscal_year, s.signed_by, s.signed_at
             FROM ({years}) t JOIN signoffs s ON s.centre_code = t.centre_code AND s.fiscal_year = t.fiscal_year
             WHERE s.reopened_at IS NULL ORDER BY 1, 2"""


def _course_ends(stages: list[tuple[str, ValidTable]]) -> str:
    """Every course's end date: stored, and as the file gives it."""
    parts = ["SELECT centre_code, course_code, end_date FROM courses"]
    parts += [f"SELECT centre_code, course_code, end_date FROM {name}" for name, table in stages
              if table.kind.name == "courses" and "end_date" in table.provided]
    return " UNION ALL ".join(parts)


def _years_of(rows: str, kind_name: str, ends: str) -> str:
    """(centre_code, fiscal_year) of `rows` (a query over a kind's columns)."""
    if kind_name == "sales":
        return f"SELECT centre_code, {fiscal_year_sql('month')} AS fiscal_year FROM ({rows})"
    return (f"SELECT r.centre_code, {fiscal_year_sql('x.end_date')} AS fiscal_year FROM ({rows}) r"
            f" JOIN ({ends}) x ON x.centre_code = r.centre_code AND x.course_code = r.course_code")


def locked_by_upload(
    con: duckdb.DuckDBPyConnection, plans: list[tuple[str, ValidTable]], file_name: str
) -> list[Problem]:
    """One problem per locked centre-year the staged rows would change (after `_classify`)."""
    if not con.execute("SELECT count(*) FROM signoffs WHERE reopened_at IS NULL").fetchone()[0]:
        return []
    ends = _course_ends(plans)
    years = " UNION ".join(
        _years_of(f"SELECT s.* FROM {name} s JOIN {name}_plan p USING (_position) WHERE p.action <> 'unchanged'",
                  table.kind.name, ends)
        for name, table in plans
    )
    return [_problem(file_name, SignOff(*row)) for row in con.execute(_LOCKED.format(years=years)).fetchall()]


def locked_by_batch(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[SignOff]:
    """The locked centre-years an undo of the batch would change."""
    ends = "SELECT centre_code, course_code, end_date FROM courses UNION ALL " \
           "SELECT centre_code, course_code, end_date FROM undo_courses"
    years = " UNION ".join(
        _years_of(f"SELECT * FROM {kind.name} WHERE batch_id = $batch UNION ALL SELECT"
                  f" {', '.join(stored_names(kind))} FROM undo_{kind.name} WHERE undo_batch = $batch",
                  kind.name, ends)
        for kind in KINDS
    ) + " UNION " + _years_of("SELECT centre_code, course_code FROM photos WHERE batch_id = $batch", "photos", ends)
    return [SignOff(*row) for row in con.execute(_LOCKED.format(years=years), {"batch": batch_id}).fetchall()]


def _problem(file_name: str, lock: SignOff) -> Problem:
    th, en = lock.says()
    return file_problem(
        file_name, "signed_off",
        f"ปีงบประมาณ {lock.fiscal_year} ของ กศน.ตำบลรหัส {lock.centre_code} {th} จึงแก้ไขข้อมูลของปีนั้นไม่ได้"
        " ให้ผู้อำนวยการเปิดให้แก้ไขก่อน",
        f"fiscal year {lock.fiscal_year} of centre {lock.centre_code} was {en}, so its data cannot change;"
        " ask the director to reopen it first",
    )

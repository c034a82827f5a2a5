"""The assessor's and director's review: a status (ตรวจแล้ว / มีข้อสังเกต) and a note on an
indicator cell or on one evidence row, kept with who and when. Notes stay allowed on a year
that is signed off: reviewing is not changing the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..core.db import log_action
from ..core.errors import PimpaError
from ..core.roles import ADMIN, ASSESSOR, DIRECTOR, Actor, Refused, require_within
from ..core.units import unit_prefix
from ..core.writes import write_transaction

STATUSES = {"checked": ("ตรวจแล้ว", "Checked"), "remark": ("มีข้อสังเกต", "Remark")}
REVIEWERS = (ASSESSOR, DIRECTOR, ADMIN)
MAX_NOTE = 2000


@dataclass(frozen=True)
class Row:
    """One evidence row: a learner's enrolment in a course (the keyed ID, never the number)."""

    centre_code: str
    course_code: str
    learner_id: str


def add_note(
    con: duckdb.DuckDBPyConnection, who: Actor, fiscal_year: int, unit_code: str, indicator: str, part: str,
    status: str, note: str = "", row: Row | None = None,
) -> None:
    if who.role not in REVIEWERS:
        raise Refused(f"{who.label('th')}บันทึกผลการตรวจไม่ได้ เป็นงานของผู้ประเมินหรือผู้อำนวยการ",
                      f"a {who.label('en')} cannot record a review; assessors and directors do")
    require_within(who, unit_code)
    if status not in STATUSES:
        raise PimpaError(f"ไม่มีสถานะ '{status}'", f"there is no status '{status}'; use {', '.join(STATUSES)}")
    if len(note) > MAX_NOTE:
        raise PimpaError(f"บันทึกยาวเกิน {MAX_NOTE:,} ตัวอักษร", f"the note is over {MAX_NOTE:,} characters")
    where = [row.centre_code, row.course_code, row.learner_id] if row else [None, None, None]
    with write_transaction(con):
        con.execute(
            "INSERT INTO review_notes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [fiscal_year, unit_code, indicator, part, *where, status, note.strip() or None, who.username,
             dt.datetime.now()],
        )
        log_action(con, who, "review_note", f"fiscal_year={fiscal_year} unit={unit_code} {indicator} {part} {status}"
                   + (f" row={row.centre_code}/{row.course_code}" if row else ""))


def notes(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str) -> pd.DataFrame:
    """Every note of the year within the unit, newest first."""
    return con.execute(
        """SELECT n.written_at, n.written_by, n.unit_code, n.indicator, n.part, n.status, n.note,
                  n.course_code, CASE WHEN e.learner_id_last4 IS NULL THEN '' ELSE '•••••••••' || e.learner_id_last4
                  END AS learner_id_masked
           FROM review_notes n
           LEFT JOIN enrolments e ON e.centre_code = n.centre_code AND e.course_code = n.course_code
                AND e.learner_id = n.learner_id
           WHERE n.fiscal_year = $year AND starts_with(n.unit_code, $prefix)
           ORDER BY n.written_at DESC""",
        {"year": fiscal_year, "prefix": unit_prefix(unit_code)},
    ).df()


def cell_statuses(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str) -> dict[tuple[str, str], str]:
    """The latest status of each (unit, indicator) cell within the unit."""
    rows = con.execute(
        """SELECT unit_code, indicator, arg_max(status, written_at) FROM review_notes
           WHERE fiscal_year = $year AND starts_with(unit_code, $prefix) AND learner_id IS NULL
           GROUP BY ALL""",
        {"year": fiscal_year, "prefix": unit_prefix(unit_code)},
    ).fetchall()
    return {(unit, indicator): status for unit, indicator, status in rows}

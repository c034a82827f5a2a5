"""The rows behind every figure, and the list of things an assessor should look at.

Rows come from the same facts as the indicators, filtered by the fact that a count counts, so
a cell's row count always equals its number. Names leave the database only when the caller
says the user may see them (PDPA): otherwise the name column is blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..core.audit import note
from ..core.errors import PimpaError
from ..core.pdpa import LEARNER_NAME_SQL, MASK, MASKED_ID_SQL
from ..core.roles import Actor
from .facts import query_frame, scope_params, with_facts
from .indicators import COUNTS_BY_NAME, INDICATORS_BY_CODE

PARTS = ("numerator", "denominator")
RESULT_LABELS = {"pass": ("ผ่าน", "Pass"), "fail": ("ไม่ผ่าน", "Fail"), None: ("รอผล", "Pending")}

_ROWS_CTES = """
follow_up_detail AS (
    SELECT f.centre_code, f.course_code, f.learner_id,
           list(f.followup_date ORDER BY f.followup_date) AS followup_dates,
           array_to_string(list_sort(list_distinct(flatten(
               list(string_split(f.applied_how, ', ')) FILTER (WHERE f.applied_how IS NOT NULL)))), ', ')
               AS applied_how,
           list(trim(f.evidence) ORDER BY f.followup_date)
               FILTER (WHERE coalesce(trim(f.evidence), '') <> '') AS evidence_said,
           -- each text once, in the order first said: a visit often repeats the one before
           array_to_string(list_filter(evidence_said, lambda text, i: list_position(evidence_said, text) = i), ' | ')
               AS evidence
    FROM follow_ups f SEMI JOIN facts ON facts.centre_code = f.centre_code AND facts.course_code = f.course_code
        AND facts.learner_id = f.learner_id
    GROUP BY f.centre_code, f.course_code, f.learner_id)"""

_ROWS_SELECT = """
SELECT facts.fiscal_year, facts.course_code, c.course_name, facts.centre_code, ce.centre_name, facts.learner_id,
       {LEARNER_NAME_SQL} AS learner_name,
       {MASKED_ID_SQL} AS learner_id_masked,
       facts.result, facts.attendance_mode, facts.attended, facts.required,
       round(facts.attendance_ratio * 100, 2) AS attendance_pct,
       facts.is_graduate, fd.followup_dates, facts.latest_followup_date,
       facts.applied, fd.applied_how, facts.exemplary, fd.evidence{flag_columns}
FROM facts
JOIN enrolments e ON e.centre_code = facts.centre_code AND e.course_code = facts.course_code
    AND e.learner_id = facts.learner_id
JOIN courses c ON c.centre_code = facts.centre_code AND c.course_code = facts.course_code
JOIN centres ce ON ce.centre_code = facts.centre_code
LEFT JOIN follow_up_detail fd ON fd.centre_code = facts.centre_code AND fd.course_code = facts.course_code
    AND fd.learner_id = facts.learner_id
WHERE {condition}
ORDER BY facts.course_code, e.first_name, e.last_name, facts.learner_id"""


def _rows(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str, condition: str,
    show_names: bool, extra: dict | None = None, flag_columns: str = "", limit: int | None = None,
) -> pd.DataFrame:
    """Enrolments of the scope whose facts meet `condition` (SQL over declared fact names),
    the first `limit` of them when a limit is given."""
    select = _ROWS_SELECT.format(
        condition=condition, flag_columns=flag_columns, LEARNER_NAME_SQL=LEARNER_NAME_SQL, MASKED_ID_SQL=MASKED_ID_SQL
    )
    if limit is not None:
        select += "\nLIMIT $limit"
    params = scope_params(con, fiscal_year, None, unit_code)
    params |= {"show_names": bool(show_names), "mask": MASK, "limit": limit, **(extra or {})}
    rows = query_frame(con, with_facts(select, _ROWS_CTES), params)
    rows.insert(7, "result_th", rows["result"].map(lambda r: RESULT_LABELS[r][0]))
    return rows


def count_rows(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str, count: str,
    show_names: bool, who: str | Actor | None = None, limit: int | None = None,
) -> pd.DataFrame:
    """The enrolments a count (enrolled, pending, graduates, followed_up, applied, exemplary) counts."""
    if count not in COUNTS_BY_NAME:
        raise PimpaError(
            f"ไม่รู้จักจำนวน '{count}' ให้ใช้ {', '.join(COUNTS_BY_NAME)}",
            f"unknown count '{count}'; use one of {', '.join(COUNTS_BY_NAME)}",
        )
    if show_names and who:
        note(con, who, "view_names", f"fiscal_year={fiscal_year} unit={unit_code} count={count}")
    condition = f"facts.{COUNTS_BY_NAME[count].fact}"
    return _rows(con, fiscal_year, unit_code, condition, show_names, limit=limit)


def cell_rows(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str, indicator: str, part: str,
    show_names: bool, who: str | Actor | None = None, limit: int | None = None,
) -> pd.DataFrame:
    """The rows behind one indicator cell's numerator or denominator (the first `limit`)."""
    if indicator not in INDICATORS_BY_CODE or part not in PARTS:
        raise PimpaError(
            f"ไม่มีช่อง {indicator} {part} ให้ใช้ตัวบ่งชี้ {', '.join(INDICATORS_BY_CODE)}"
            f" และส่วน {' หรือ '.join(PARTS)}",
            f"no cell {indicator} {part}; use an indicator of {', '.join(INDICATORS_BY_CODE)}"
            f" and a part of {' or '.join(PARTS)}",
        )
    count = getattr(INDICATORS_BY_CODE[indicator], part)
    return count_rows(con, fiscal_year, unit_code, count, show_names, who, limit)


@dataclass(frozen=True)
class Flag:
    code: str
    th: str
    en: str
    condition: str  # SQL over the facts; `$today` is bound


FLAGS: tuple[Flag, ...] = (
    Flag("exemplary_without_evidence", "เป็นแบบอย่าง/เห็นเป็นประจักษ์ แต่ไม่มีหลักฐาน/ร่องรอย",
         "Exemplary without evidence", "facts.exemplary_no_evidence"),
    Flag("never_followed_up", "ผู้จบหลักสูตรที่ยังไม่ได้รับการติดตาม", "Graduates never followed up",
         "facts.is_graduate AND facts.follow_up_count = 0"),
    Flag("pending_after_end", "หลักสูตรจบแล้วแต่ยังไม่มีผลการประเมิน", "Result pending after the course ended",
         "facts.is_pending AND facts.course_end_date < $today"),
    Flag("pass_below_threshold", "เวลาเรียนไม่ถึงเกณฑ์ แต่ผลการประเมินเป็นผ่าน",
         "Attendance below the threshold but marked pass", "facts.result = 'pass' AND facts.below_threshold"),
)


@dataclass(frozen=True)
class FlaggedRows:
    flag: Flag
    rows: pd.DataFrame  # the first `limit` rows when flags() was given a limit
    total: int


def flags(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str, show_names: bool,
    today: dt.date | None = None, who: str | Actor | None = None, limit: int | None = None,
) -> list[FlaggedRows]:
    """Every flag, in declared order, with the rows it catches (possibly none; at most `limit`)."""
    condition = " OR ".join(f"({flag.condition})" for flag in FLAGS)
    columns = "".join(f", ({flag.condition}) AS flag_{flag.code}" for flag in FLAGS)
    if show_names and who:
        note(con, who, "view_names", f"fiscal_year={fiscal_year} unit={unit_code} flags")
    extra = {"today": today or dt.date.today()}
    rows = _rows(con, fiscal_year, unit_code, condition, show_names, extra, columns)
    flag_names = [f"flag_{flag.code}" for flag in FLAGS]
    caught = {flag.code: rows[rows[f"flag_{flag.code}"].astype(bool)] for flag in FLAGS}
    return [
        FlaggedRows(flag, rows.drop(columns=flag_names).head(limit).reset_index(drop=True), len(rows))
        for flag, rows in ((flag, caught[flag.code]) for flag in FLAGS)
    ]

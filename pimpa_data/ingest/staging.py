"""Putting validated rows into temporary DuckDB tables, and the checks that need the database.

Rows reach DuckDB as Arrow tables typed from kinds.py, so a DECIMAL stays exact and a date
stays a date. Every check here reads the stage tables and the stored tables together, so
an enrolment may name a course that arrives in the same workbook.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa

from ..core.dates import format_date_be
from ..core.kinds import KINDS_BY_NAME, RecordKind
from .problems import Problem
from .validate import ValidTable

ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
}


def arrow_type(sql_type: str) -> pa.DataType:
    if sql_type.startswith("DECIMAL"):
        precision, scale = sql_type[8:-1].split(",")
        return pa.decimal128(int(precision), int(scale))
    return ARROW_TYPES[sql_type]


def sql_types(kind: RecordKind) -> dict[str, str]:
    types = {column.name: column.sql_type for column in kind.stored_columns}
    types.update(dict(kind.extra_sql), extra="JSON")
    return types


def stage_name(kind: RecordKind, group: int) -> str:
    return f"stage_{kind.name}_{group}"


def to_arrow(table: ValidTable) -> pa.Table:
    """The rows typed as their columns are stored, where each came from (sheet and row), and
    _position (the row's index in `table`)."""
    types = sql_types(table.kind)
    arrays = {column: pa.array(table.columns[column], type=arrow_type(types[column])) for column in table.provided}
    arrays["source_sheet"] = _sheet_names(table.sheets)
    arrays["source_row"] = pa.array(table.rows, type=pa.int32())
    arrays["_position"] = positions(len(table))
    return pa.table(arrays)


def positions(count: int) -> pa.Array:
    return pa.array(np.arange(count, dtype=np.int64))


def _sheet_names(sheets: list[str]) -> pa.Array:
    """Each row's sheet (None for a CSV file); usually one sheet for every row of a table."""
    if len(set(sheets)) == 1:
        return pa.repeat(pa.scalar(sheets[0] or None, pa.string()), len(sheets))
    return pa.array([sheet or None for sheet in sheets], type=pa.string())


def stage(con: duckdb.DuckDBPyConnection, table: ValidTable, name: str) -> None:
    """Create the temporary table `name` from the rows (anything with a `to_arrow()` or a ValidTable)."""
    arrow = table.to_arrow() if hasattr(table, "to_arrow") else to_arrow(table)
    con.complete()  # DuckDB refuses register() while an earlier result is half read
    con.register("_incoming", arrow)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _incoming")
    finally:
        con.unregister("_incoming")


def key_join(kind: RecordKind, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{key} IS NOT DISTINCT FROM {right}.{key}" for key in kind.stored_key)


# ---------------------------------------------------------------- reference checks

def union_sql(stages: list[str], stored: str, columns: str) -> str:
    parts = [f"SELECT {columns} FROM {stored}"] + [f"SELECT {columns} FROM {name}" for name in stages]
    return " UNION ALL ".join(parts)


REFERENCES = {  # what each kind's rows must find, in the file or in the database
    "enrolments": ("course",),
    "attendance": ("course", "enrolment"),
    "follow_ups": ("course", "enrolment"),
    "sales": ("course", "enrolment"),
}


def reference_problems(
    con: duckdb.DuckDBPyConnection, staged: list[tuple[str, ValidTable]]
) -> list[Problem]:
    problems: list[Problem] = []
    course_stages = [name for name, table in staged if table.kind.name == "courses"]
    enrolment_stages = [name for name, table in staged if table.kind.name == "enrolments"]
    courses = union_sql(course_stages, "courses", "course_code")
    enrolments = union_sql(enrolment_stages, "enrolments", "centre_code, course_code, learner_id")
    for name, table in staged:
        needs = REFERENCES.get(table.kind.name, ())
        if "course_code" not in table.provided:
            continue
        if "course" in needs:
            problems += _unknown_courses(con, name, table, courses)
        if "enrolment" in needs and "learner_id" in table.provided:
            problems += _not_enrolled(con, name, table, courses, enrolments)
    return problems


_MIXED_ATTENDANCE = """
WITH file_rows AS (SELECT _position, centre_code, course_code, learner_id, session_date, {hours} AS hours,
                          {status} AS status FROM {stage}),
kept AS (  -- stored rows of the same courses that this file does not replace
    SELECT a.centre_code, a.course_code, a.hours, a.status FROM attendance a
    WHERE (a.centre_code, a.course_code) IN (SELECT (centre_code, course_code) FROM file_rows)
      AND NOT EXISTS (SELECT 1 FROM file_rows f WHERE f.centre_code = a.centre_code AND f.course_code = a.course_code
                      AND f.learner_id = a.learner_id AND f.session_date = a.session_date)),
everything AS (SELECT centre_code, course_code, hours, status FROM kept
               UNION ALL SELECT centre_code, course_code, hours, status FROM file_rows),
mixed AS (
    SELECT centre_code, course_code FROM everything GROUP BY ALL
    HAVING bool_or(hours IS NOT NULL) AND bool_or(hours IS NULL AND status = 'present')),
file_modes AS (
    SELECT centre_code, course_code, bool_or(hours IS NULL AND status = 'present') AS has_marks
    FROM file_rows GROUP BY ALL)
SELECT f._position, f.course_code FROM file_rows f
JOIN mixed USING (centre_code, course_code) JOIN file_modes m USING (centre_code, course_code)
WHERE CASE WHEN m.has_marks THEN f.hours IS NULL AND f.status = 'present' ELSE f.hours IS NOT NULL END
ORDER BY f._position"""


def mixed_attendance_problems(con: duckdb.DuckDBPyConnection, staged: list[tuple[str, ValidTable]]) -> list[Problem]:
    """A course's attendance counts hours or presence, not both: a ✓ among hours would count as 0 h."""
    problems: list[Problem] = []
    for name, table in staged:
        if table.kind.name != "attendance":
            continue
        columns = {c: c if c in table.provided else "NULL" for c in ("hours", "status")}
        rows = con.execute(_MIXED_ATTENDANCE.format(stage=name, **columns)).fetchall()
        problems += [
            problem_at(
                table, position, "hours", "", "mixed_attendance",
                f"หลักสูตร '{code}' บันทึกเวลาเรียนเป็นจำนวนชั่วโมงในบางช่อง และเป็น ✓/มา ในบางช่อง"
                " ให้ใช้แบบเดียวกันทั้งหลักสูตร เช่น ใส่จำนวนชั่วโมงที่เรียนแทน ✓",
                f"course '{code}' records attendance as hours in some cells and as ✓/มา in others;"
                " use one way for the whole course, e.g. write the hours attended instead of ✓",
            )
            for position, code in rows
        ]
    return problems


def session_date_problems(con: duckdb.DuckDBPyConnection, staged: list[tuple[str, ValidTable]]) -> list[Problem]:
    """A session outside its course's dates is a typing slip (often the year), and it would count
    as a session held for every learner of the course."""
    dated = [n for n, t in staged if t.kind.name == "courses" and {"start_date", "end_date"} <= set(t.provided)]
    replaced = " AND ".join(
        f"(centre_code, course_code) NOT IN (SELECT (centre_code, course_code) FROM {name})" for name in dated)
    spans = " UNION ALL ".join([
        *(f"SELECT centre_code, course_code, start_date, end_date FROM {name}" for name in dated),
        "SELECT centre_code, course_code, start_date, end_date FROM courses"
        + (f" WHERE {replaced}" if replaced else ""),
    ])
    problems: list[Problem] = []
    for name, table in staged:
        if table.kind.name != "attendance" or "session_date" not in table.provided:
            continue
        rows = con.execute(
            f"""SELECT s._position, s.course_code, s.session_date, c.start_date, c.end_date
                FROM {name} s JOIN ({spans}) c ON c.centre_code = s.centre_code AND c.course_code = s.course_code
                WHERE s.session_date NOT BETWEEN c.start_date AND c.end_date ORDER BY 1"""
        ).fetchall()
        problems += [_session_problem(table, *row) for row in rows]
    return problems


def _session_problem(table: ValidTable, position: int, code: str, day: object, start: object, end: object) -> Problem:
    shown = format_date_be(day, "numeric")
    span = f"{format_date_be(start, 'numeric')}–{format_date_be(end, 'numeric')}"
    return problem_at(
        table, position, "session_date", shown, "outside_course_dates",
        f"วันที่ {shown} อยู่นอกช่วงของหลักสูตร '{code}' ({span}) ตรวจดูว่าพิมพ์ปี พ.ศ. หรือวันที่ผิดหรือไม่",
        f"the date {shown} falls outside course '{code}' ({span}); check the BE year or the date",
    )


def _unknown_courses(con: duckdb.DuckDBPyConnection, name: str, table: ValidTable, courses: str) -> list[Problem]:
    rows = con.execute(
        f"SELECT _position, course_code FROM {name} WHERE course_code IS NOT NULL"
        f" AND course_code NOT IN ({courses}) ORDER BY _position"
    ).fetchall()
    return [
        problem_at(
            table, position, "course_code", code, "unknown_course",
            f"ไม่พบหลักสูตรรหัส '{code}' ทั้งในไฟล์นี้และในฐานข้อมูล ให้นำเข้าทะเบียนหลักสูตรก่อน"
            " หรือแก้รหัสให้ตรงกับทะเบียนหลักสูตร",
            f"course '{code}' is neither in this file nor in the database; upload the course register first,"
            " or correct the code to match it",
        )
        for position, code in rows
    ]


def _not_enrolled(
    con: duckdb.DuckDBPyConnection, name: str, table: ValidTable, courses: str, enrolments: str
) -> list[Problem]:
    rows = con.execute(
        f"""SELECT s._position, s.course_code FROM {name} s
            WHERE s.learner_id IS NOT NULL AND s.course_code IN ({courses})
              AND NOT EXISTS (SELECT 1 FROM ({enrolments}) e WHERE e.centre_code IS NOT DISTINCT FROM s.centre_code
                              AND e.course_code = s.course_code AND e.learner_id = s.learner_id)
            ORDER BY s._position"""
    ).fetchall()
    return [
        problem_at(
            table, position, "learner_id", "", "not_enrolled",
            f"ผู้เรียนในแถวนี้ไม่มีในทะเบียนผู้เรียนของหลักสูตร '{code}' ให้ตรวจเลขประจำตัวประชาชน"
            " หรือเพิ่มผู้เรียนในทะเบียนผู้เรียนก่อน",
            f"the learner on this row is not enrolled in course '{code}'; check the ID number,"
            " or add the learner to the enrolment register first",
        )
        for position, code in rows
    ]


def problem_at(table: ValidTable, position: int, column: str, value: object, rule: str, th: str, en: str) -> Problem:
    file, sheet, row, label = table.where(position, column)
    return Problem(file, sheet, row, label, "" if value is None else str(value), rule, th, en)


# ---------------------------------------------------------------- partial files

def incomplete_new_rows(con: duckdb.DuckDBPyConnection, name: str, table: ValidTable, new_rows: int) -> list[Problem]:
    """A file with only some columns may update rows, but a new row needs every required column."""
    kind = table.kind
    missing = [c for c in kind.required if c.name not in table.provided and c.stored]
    missing += [
        kind.column(group[0]) for group in kind.one_of if not any(n in table.provided for n in group)
    ]
    if not missing or not new_rows:
        return []
    new_positions = [row[0] for row in con.execute(
        f"SELECT _position FROM {name}_plan WHERE action = 'insert' ORDER BY _position"
    ).fetchall()]
    th = ", ".join(column.th for column in missing)
    en = ", ".join(column.en for column in missing)
    return [
        problem_at(
            table, position, kind.key[0], "", "new_row_incomplete",
            f"แถวนี้เป็นข้อมูลใหม่ (ยังไม่มีในฐานข้อมูล) แต่ไฟล์ไม่มีคอลัมน์ {th} ให้เพิ่มคอลัมน์เหล่านี้"
            " หรือตรวจรหัสให้ตรงกับข้อมูลที่มีอยู่ ถ้าตั้งใจแก้ไขข้อมูลเดิม",
            f"this row is new (not in the database) but the file has no {en} column; add those columns,"
            " or correct the key to match an existing row if you meant to update it",
        )
        for position in new_positions
    ]


def kinds_in_order(tables: list[ValidTable]) -> list[ValidTable]:
    order = list(KINDS_BY_NAME)
    return sorted(tables, key=lambda table: order.index(table.kind.name))

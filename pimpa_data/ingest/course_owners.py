"""Whose course is it: each row's centre, and the checks that keep one centre's upload off
another centre's courses.

Teachers number courses simply ("01/2567"), so a course is its centre and its code. A course
register names the centre; the other sheets name a course by its code alone, and its centre is
found, in this order, from the course register in the same file, else from the stored courses,
preferring the uploader's own centre when the code is used by several. A code that still names
several centres is a problem that lists them; a code found nowhere is left to the reference
checks (unknown course).
"""

from __future__ import annotations

import duckdb

from .problems import Problem
from .staging import problem_at
from .validate import ValidTable


def resolve_centres(
    con: duckdb.DuckDBPyConnection, staged: list[tuple[str, ValidTable]], unit_prefix: str
) -> list[Problem]:
    """Give every staged row its course's centre (a `centre_code` column); problems for codes
    that several centres use."""
    registers = [n for n, t in staged if t.kind.name == "courses" and "centre_code" in t.provided]
    in_file = " UNION ".join(f"SELECT course_code, centre_code FROM {name}" for name in registers)
    own_centre = unit_prefix if len(unit_prefix) == 6 else ""
    problems: list[Problem] = []
    for name, table in staged:
        if not table.kind.centre_from_course or "centre_code" in table.provided:
            continue
        con.execute(f"ALTER TABLE {name} ADD COLUMN centre_code VARCHAR")
        table.provided.append("centre_code")
        candidates = _candidates_sql(in_file)
        con.execute(
            f"""UPDATE {name} s SET centre_code = CASE
                    WHEN list_contains(c.centres, $own) THEN $own
                    WHEN len(c.centres) = 1 THEN c.centres[1] END
                FROM ({candidates}) c WHERE c.course_code = s.course_code""",
            {"own": own_centre},
        )
        if own_centre:  # a course the file and the database do not know yet, or a sale with no course
            con.execute(
                f"""UPDATE {name} SET centre_code = $own WHERE centre_code IS NULL
                    AND (course_code IS NULL OR course_code NOT IN (SELECT course_code FROM ({candidates})))""",
                {"own": own_centre},
            )
        problems += _ambiguous(con, name, table, candidates)
    return problems


def _candidates_sql(in_file: str) -> str:
    """Per course code, the centres it may belong to: the file's own register first."""
    stored = "SELECT course_code, centre_code FROM courses"
    if in_file:
        stored += f" WHERE course_code NOT IN (SELECT course_code FROM ({in_file}))"
        stored = f"{in_file} UNION {stored}"
    return f"SELECT course_code, list(DISTINCT centre_code ORDER BY centre_code) AS centres FROM ({stored}) GROUP BY 1"


def _ambiguous(con: duckdb.DuckDBPyConnection, name: str, table: ValidTable, candidates: str) -> list[Problem]:
    rows = con.execute(
        f"""SELECT s._position, s.course_code, c.centres FROM {name} s JOIN ({candidates}) c USING (course_code)
            WHERE s.centre_code IS NULL AND len(c.centres) > 1 ORDER BY 1"""
    ).fetchall()
    return [
        problem_at(
            table, position, "course_code", code, "ambiguous_course",
            f"รหัสหลักสูตร '{code}' มีใช้ใน กศน.ตำบลหลายแห่ง ({', '.join(centres)}) ให้เพิ่มคอลัมน์รหัสตำบล"
            " หรือนำเข้าพร้อมทะเบียนหลักสูตรในไฟล์เดียวกัน",
            f"course code '{code}' is used by several centres ({', '.join(centres)}); add a centre code"
            " column, or upload it together with the course register in one file",
        )
        for position, code, centres in rows
    ]


def outside_unit_problems(
    con: duckdb.DuckDBPyConnection, staged: list[tuple[str, ValidTable]], unit_prefix: str
) -> list[Problem]:
    """Rows of courses whose centre lies outside the uploader's unit."""
    if not unit_prefix:
        return []
    problems: list[Problem] = []
    for name, table in staged:
        if "centre_code" not in table.provided:
            continue
        rows = con.execute(
            f"""SELECT _position, course_code, centre_code FROM {name}
                WHERE NOT starts_with(centre_code, $prefix) ORDER BY 1""",
            {"prefix": unit_prefix},
        ).fetchall()
        problems += [
            problem_at(
                table, position, "course_code", code, "outside_unit",
                f"หลักสูตร '{code}' เป็นของ กศน.ตำบลรหัส {centre} ซึ่งอยู่นอกหน่วยของคุณ ({unit_prefix})"
                " นำเข้าได้เฉพาะข้อมูลของหน่วยตนเอง ให้ตรวจรหัสหลักสูตรหรือรหัสตำบล",
                f"course '{code}' belongs to centre {centre}, outside your unit ({unit_prefix}); you may"
                " upload only your own unit's data, so check the course code or the centre code",
            )
            for position, code, centre in rows
        ]
    return problems

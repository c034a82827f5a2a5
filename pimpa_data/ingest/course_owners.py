"""Whose course is it: the checks that keep one centre's upload off another centre's courses."""

from __future__ import annotations

import duckdb

from .problems import Problem
from .staging import problem_at, union_sql
from .validate import ValidTable


def outside_unit_problems(
    con: duckdb.DuckDBPyConnection, staged: list[tuple[str, ValidTable]], unit_prefix: str
) -> list[Problem]:
    """Rows of courses (new, stored or moved) whose centre lies outside the uploader's unit."""
    if not unit_prefix:
        return []
    centres = union_sql([n for n, t in staged if t.kind.name == "courses" and "centre_code" in t.provided],
                     "courses", "course_code, centre_code")
    problems: list[Problem] = []
    for name, table in staged:
        if "course_code" not in table.provided:
            continue
        rows = con.execute(
            f"""SELECT s._position, s.course_code, any_value(c.centre_code) FROM {name} s
                JOIN ({centres}) c ON c.course_code = s.course_code
                WHERE NOT starts_with(c.centre_code, $prefix) GROUP BY ALL ORDER BY 1""",
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


def taken_code_problems(con: duckdb.DuckDBPyConnection, staged: list[tuple[str, ValidTable]]) -> list[Problem]:
    """A course code already stored for another centre: saving would merge two centres' courses
    into one (and move the other's learners), so the teacher is told to choose a code of their own."""
    problems: list[Problem] = []
    for name, table in staged:
        if table.kind.name != "courses" or "centre_code" not in table.provided:
            continue
        rows = con.execute(
            f"""SELECT s._position, s.course_code, c.centre_code, c.course_name, c.batch_id
                FROM {name} s JOIN courses c ON c.course_code = s.course_code
                WHERE c.centre_code <> s.centre_code ORDER BY 1"""
        ).fetchall()
        problems += [
            problem_at(
                table, position, "course_code", code, "course_code_taken",
                f"รหัสหลักสูตร '{code}' ใช้แล้วโดย กศน.ตำบลรหัส {centre} (หลักสูตร '{course}' ชุดนำเข้า {batch})"
                " ถ้าเป็นคนละหลักสูตร ให้ตั้งรหัสที่ไม่ซ้ำ เช่น เติมชื่อตำบลไว้หน้ารหัส"
                f" ถ้ารหัสตำบลที่บันทึกไว้ผิด ให้ยกเลิกชุดนำเข้า {batch} แล้วนำเข้าใหม่",
                f"course code '{code}' is already used by centre {centre} (course '{course}', batch {batch});"
                " if this is a different course, give it a code of its own (e.g. your subdistrict's name in"
                f" front); if the stored centre is wrong, undo batch {batch} and upload again",
            )
            for position, code, centre, course, batch in rows
        ]
    return problems

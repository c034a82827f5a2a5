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


def resolve_centres(con: duckdb.DuckDBPyConnection, tables: list[ValidTable], unit_prefix: str) -> list[Problem]:
    """Give every row that names a course by its code alone the course's centre (a `centre_code`
    column), deciding once per distinct code; problems for codes that several centres use."""
    needing = [t for t in tables if t.kind.centre_from_course and "centre_code" not in t.provided]
    if not needing:
        return []
    in_file: dict[str, set[str]] = {}
    for table in tables:
        if table.kind.name == "courses" and "centre_code" in table.provided:
            for code, centre in zip(table.columns["course_code"], table.columns["centre_code"]):
                in_file.setdefault(code, set()).add(centre)
    own = unit_prefix if len(unit_prefix) == 6 else None
    problems: list[Problem] = []
    for table in needing:
        codes = table.columns.get("course_code") or [None] * len(table)
        register = table.kind.name == "courses"
        candidates = {code: _within(centres, unit_prefix)
                      for code, centres in _candidates(con, set(codes) - {None}, in_file).items()}
        centre_of = {code: _choose(centres, own, register) for code, centres in candidates.items()}
        table.columns["centre_code"] = [centre_of.get(code, own) for code in codes]
        table.provided.append("centre_code")
        problems += [
            _ambiguous(table, position, code, sorted(candidates[code]))
            for position, code in enumerate(codes) if code in candidates and centre_of[code] is None
        ]
        if table.kind.name == "courses":  # a new course must say whose it is
            problems += [_no_centre(table, position, code) for position, code in enumerate(codes)
                         if code not in candidates and own is None]
    return problems


def _candidates(con: duckdb.DuckDBPyConnection, codes: set[str], in_file: dict[str, set[str]]) -> dict[str, set[str]]:
    """Per course code, the centres it may be: the file's own register first, else the stored courses."""
    found = {code: in_file[code] for code in codes if code in in_file}
    rest = sorted(codes - set(found))
    if rest:
        rows = con.execute("SELECT course_code, centre_code FROM courses WHERE list_contains($codes, course_code)",
                           {"codes": rest}).fetchall()
        for code, centre in rows:
            found.setdefault(code, set()).add(centre)
    return found


def _within(centres: set[str], unit_prefix: str) -> set[str]:
    """The user's own unit's centres when the code is used there; else all (the outside-unit
    check then says whose the course is)."""
    inside = {centre for centre in centres if centre and centre.startswith(unit_prefix)}
    return inside or centres


def _choose(centres: set[str], own: str | None, register: bool) -> str | None:
    if own and (register or own in centres):  # a teacher's own course register is their centre's
        return own
    return next(iter(centres)) if len(centres) == 1 else None


def _ambiguous(table: ValidTable, position: int, code: str, centres: list[str]) -> Problem:
    return problem_at(
        table, position, "course_code", code, "ambiguous_course",
        f"รหัสหลักสูตร '{code}' มีใช้ใน กศน.ตำบลหลายแห่ง ({', '.join(centres)}) ให้เพิ่มคอลัมน์ 'รหัสตำบล'"
        " บอกว่าแถวนี้เป็นหลักสูตรของตำบลใด",
        f"course code '{code}' is used by several centres ({', '.join(centres)}); add a 'รหัสตำบล' (centre"
        " code) column saying whose course each row is",
    )


def _no_centre(table: ValidTable, position: int, code: str) -> Problem:
    return problem_at(
        table, position, "course_code", code, "required",
        f"หลักสูตร '{code}' เป็นหลักสูตรใหม่ แต่ไฟล์ไม่ได้บอกว่าเป็นของ กศน.ตำบลใด ให้เพิ่มคอลัมน์รหัสตำบล",
        f"course '{code}' is new, but the file does not say which centre it belongs to; add a centre code column",
    )


def outside_unit_problems(
    con: duckdb.DuckDBPyConnection, staged: list[tuple[str, ValidTable]], unit_prefix: str
) -> list[Problem]:
    """One problem per centre outside the uploader's unit that the file's rows belong to (another
    centre's workbook is one mistake, not one per row), at the first such row."""
    if not unit_prefix:
        return []
    first: dict[str, tuple[ValidTable, int, str]] = {}
    rows: dict[str, int] = {}
    for name, table in staged:
        if "centre_code" not in table.provided:
            continue
        found = con.execute(
            f"""SELECT centre_code, min(_position), arg_min(course_code, _position), count(*) FROM {name}
                WHERE NOT starts_with(centre_code, $prefix) GROUP BY centre_code ORDER BY 2""",
            {"prefix": unit_prefix},
        ).fetchall()
        for centre, position, code, count in found:
            first.setdefault(centre, (table, position, code))
            rows[centre] = rows.get(centre, 0) + count
    return [
        problem_at(
            table, position, "course_code", code, "outside_unit",
            f"ไฟล์นี้มีข้อมูล {rows[centre]:,} แถวของ กศน.ตำบลรหัส {centre} (เช่น หลักสูตร '{code}') ซึ่งอยู่นอกหน่วยของคุณ"
            f" ({unit_prefix}) นำเข้าได้เฉพาะข้อมูลของหน่วยตนเอง ให้ตรวจว่าเลือกไฟล์ถูกต้อง หรือแก้รหัสหลักสูตรหรือรหัสตำบล",
            f"this file holds {rows[centre]:,} rows of centre {centre} (e.g. course '{code}'), outside your unit"
            f" ({unit_prefix}); you may upload only your own unit's data, so check that you chose the right"
            " file, or correct the course or centre code",
        )
        for centre, (table, position, code) in first.items()
    ]

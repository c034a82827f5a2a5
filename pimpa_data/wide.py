"""Attendance kept as teachers keep it: a learner a row, a session date a column.

Cells hold ✓ / 1 / มา (present), ขาด / 0 / blank (absent), ลา (leave) or a number of hours.
The grid becomes one raw attendance row per learner and session date.
"""

from __future__ import annotations

import datetime as dt

from .normalise import BadValue, clean_text, parse_decimal, word_key
from .sheets import RawTable, column_letter

ABSENT_MARK = "ขาด"


def _number(cell: object) -> float | None:
    try:
        value = parse_decimal(cell)
    except BadValue:
        return None
    return None if value is None else float(value)


def _hours_courses(codes: list[str], cells: list[list[object]]) -> set[str]:
    """Courses whose cells hold hours: any number other than 0 and 1 (which mean absent/present)."""
    return {
        code
        for code, row in zip(codes, cells)
        if any(isinstance(cell, (int, float, str)) and _number(cell) not in (None, 0.0, 1.0) for cell in row)
    }


def _dates_held(codes: list[str], cells: list[list[object]], width: int) -> dict[str, list[int]]:
    """For each course, the date columns in which any of its learners has a mark.

    A sheet may hold several courses over the union of their dates; a date on which none of a
    course's learners has a mark is not a session of that course.
    """
    held: dict[str, set[int]] = {}
    for code, row in zip(codes, cells):
        marked = {i for i in range(width) if clean_text(row[i])}
        held.setdefault(code, set()).update(marked)
    return {code: sorted(columns) for code, columns in held.items()}


def _mark(cell: object, hours_mode: bool) -> tuple[object, object]:
    """(status, hours) raw values for one cell."""
    if not clean_text(cell):
        return ABSENT_MARK, (0 if hours_mode else None)
    if hours_mode and _number(cell) is not None:
        hours = _number(cell)
        return ("มา" if hours else ABSENT_MARK), cell
    return cell, None


def melt_attendance(
    table: RawTable, rows: list[tuple[int, list[object]]], dates: dict[int, dt.date]
) -> RawTable:
    columns = sorted(dates)
    cells = [[row[i] if i < len(row) else None for i in columns] for _, row in rows]
    codes = [word_key(code) for code in table.values.get("course_code", [""] * len(rows))]
    hours_courses = _hours_courses(codes, cells)
    held = _dates_held(codes, cells, len(columns))
    values: dict[str, list[object]] = {name: [] for name in (*table.values, "session_date", "status", "hours")}
    letters: dict[str, list[str]] = {"session_date": [], "status": [], "hours": []}
    numbers: list[int] = []
    for position, (code, row_cells) in enumerate(zip(codes, cells)):
        for i in held.get(code, []):
            status, hours = _mark(row_cells[i], code in hours_courses)
            for name in table.values:
                values[name].append(table.values[name][position])
            values["session_date"].append(dates[columns[i]])
            values["status"].append(status)
            values["hours"].append(hours)
            letter = column_letter(columns[i])
            for name in letters:
                letters[name].append(letter)
            numbers.append(table.row_numbers[position])
    headers = dict(table.headers)
    headers.update(session_date=("วันที่", ""), status=("มา/ขาด/ลา", ""), hours=("ชั่วโมง", ""))
    return RawTable(
        table.kind, table.file, table.sheet, headers, values, numbers,
        extras={}, cell_letters=letters, wide=True,
    )

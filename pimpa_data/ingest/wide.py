"""Attendance kept as teachers keep it: a learner a row, a session date a column.

Cells hold ✓ / 1 / มา (present), ขาด / 0 / blank (absent), ลา (leave) or a number of hours.
The grid becomes one raw attendance row per learner and session date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..core.normalise import BadValue, parse_decimal, word_key
from .raw_table import RawTable, cell_filled, column_letter

ABSENT_MARK = "ขาด"


_DIGIT = re.compile("[0-9๐-๙]")


def _number(cell: object) -> float | None:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell)
    return _number_in_text(cell) if isinstance(cell, str) else None


@lru_cache(maxsize=1024)  # a grid holds a handful of distinct marks: ✓, มา, ขาด, 3, 1.5
def _number_in_text(text: str) -> float | None:
    if not _DIGIT.search(text):
        return None
    try:
        value = parse_decimal(text)
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
        marked = {i for i in range(width) if cell_filled(row[i])}
        held.setdefault(code, set()).update(marked)
    return {code: sorted(columns) for code, columns in held.items()}


def _mark(cell: object, hours_mode: bool) -> tuple[object, object]:
    """(status, hours) raw values for one cell."""
    if not cell_filled(cell):
        return ABSENT_MARK, (0 if hours_mode else None)
    if hours_mode and _number(cell) is not None:
        hours = _number(cell)
        return ("มา" if hours else ABSENT_MARK), cell
    return cell, None


PER_SESSION = ("session_date", "status", "hours")


def melt_attendance(
    table: RawTable, rows: list[tuple[int, list[object]]], dates: dict[int, dt.date]
) -> RawTable:
    columns = sorted(dates)
    cells = [[row[i] if i < len(row) else None for i in columns] for _, row in rows]
    codes = [word_key(code) for code in table.values.get("course_code", [""] * len(rows))]
    hours_courses = _hours_courses(codes, cells)
    held = _dates_held(codes, cells, len(columns))
    taken = [(position, i) for position, code in enumerate(codes) for i in held.get(code, [])]
    marks = [_mark(cells[position][i], codes[position] in hours_courses) for position, i in taken]
    values = {
        name: [column[position] for position, _ in taken]
        for name, column in table.values.items() if name not in PER_SESSION
    }
    values["session_date"] = [dates[columns[i]] for _, i in taken]
    values["status"] = [status for status, _ in marks]
    values["hours"] = [hours for _, hours in marks]
    letters = [column_letter(columns[i]) for _, i in taken]
    headers = {name: header for name, header in table.headers.items() if name not in PER_SESSION}
    headers.update(session_date=("วันที่", ""), status=("มา/ขาด/ลา", ""), hours=("ชั่วโมง", ""))
    return RawTable(
        table.kind, table.file, table.sheet, headers, values,
        row_numbers=[table.row_numbers[position] for position, _ in taken],
        extras={header: [column[position] for position, _ in taken] for header, column in _extras(table).items()},
        cell_letters=dict.fromkeys(PER_SESSION, letters), wide=True, header_row=table.header_row,
    )


def _extras(table: RawTable) -> dict[str, list[object]]:
    """Unknown columns, and a learner's totals ("จำนวนชั่วโมง" at the end of the row): kept aside."""
    extras = dict(table.extras)
    for name in PER_SESSION:
        if name in table.values:
            extras[table.headers[name][0]] = table.values[name]
    return extras

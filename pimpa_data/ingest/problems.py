"""The one shape every upload problem takes: where it is, what is wrong, how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

MAX_SHOWN_VALUE = 80

# rule -> (Thai, English) short description, for the documentation and the problem table.
RULES = {
    "unreadable_file": ("อ่านไฟล์ไม่ได้", "file cannot be read"),
    "no_kind": ("ไม่รู้จักชนิดข้อมูล", "no record kind recognised"),
    "empty_file": ("ไฟล์ว่าง", "file has no rows"),
    "missing_column": ("ขาดคอลัมน์", "column missing"),
    "required": ("ต้องกรอก", "value required"),
    "type": ("รูปแบบไม่ถูกต้อง", "wrong form"),
    "choice": ("ค่าที่ไม่รู้จัก", "value not allowed"),
    "range": ("ค่าเกินขอบเขต", "out of range"),
    "too_long": ("ข้อความยาวเกินไป", "text too long"),
    "date_order": ("วันที่ก่อนหลังไม่ถูกต้อง", "dates out of order"),
    "duplicate_key": ("ข้อมูลซ้ำ", "duplicate key"),
    "unknown_centre": ("ไม่พบ กศน.ตำบล", "centre not found"),
    "ambiguous_centre": ("ชื่อตำบลซ้ำกันหลายแห่ง", "centre name is ambiguous"),
    "unknown_course": ("ไม่พบหลักสูตร", "course not found"),
    "not_enrolled": ("ไม่พบผู้เรียนในหลักสูตร", "learner not enrolled"),
    "new_row_incomplete": ("แถวใหม่ข้อมูลไม่ครบ", "new row lacks columns"),
    "outside_unit": ("ข้อมูลของหน่วยอื่น", "another unit's data"),
    "ambiguous_course": ("รหัสหลักสูตรมีในหลายตำบล", "course code used by several centres"),
    "mixed_attendance": ("บันทึกเวลาเรียนปนกันสองแบบ", "hours and ✓ mixed in one course"),
    "outside_course_dates": ("วันที่อยู่นอกช่วงหลักสูตร", "date outside the course"),
}


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str | None
    row: int | None  # as the user sees it in the spreadsheet (1-based), None for the whole file
    column: str  # the header as written, with its column letter: "วันเริ่ม (I)"
    value: str
    rule: str
    th: str
    en: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def shown(value: object) -> str:
    """A cell value short enough to print in a problem list."""
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_SHOWN_VALUE else text[:MAX_SHOWN_VALUE] + f"… ({len(text):,} ตัวอักษร/chars)"


def column_label(header: str, letter: str) -> str:
    return f"{header} ({letter})" if letter else header


def file_problem(file: str, rule: str, th: str, en: str, sheet: str | None = None) -> Problem:
    return Problem(file, sheet, None, "", "", rule, th, en)

"""Each record kind laid out the way teachers lay it out: a title row, a blank row, Thai
headers, a ลำดับ column, sometimes a รวม row; attendance as a grid of session dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..core.kinds import KINDS_BY_NAME
from .cells import (
    Habits,
    as_date,
    blank,
    count_cell,
    date_cell,
    id_cell,
    money_cell,
    month_cell,
    name_cell,
    text_cell,
)

ORDER, TOTAL = "ลำดับ", "รวม"
# Other headers teachers use, each accepted by kinds.py (a unit in brackets is ignored).
HEADER_ALIASES = {
    "course_code": ("รหัสวิชา",),
    "learner_id": ("เลขบัตรประชาชน", "เลขบัตรประจำตัวประชาชน"),
    "course_name": ("ชื่อวิชา",),
    "course_format": ("รูปแบบการจัด",),
    "hours": ("จำนวนชั่วโมง (ชั่วโมง)",),
    "start_date": ("วันที่เริ่ม",),
    "end_date": ("วันที่สิ้นสุด",),
    "instructor": ("ครูผู้สอน", "ชื่อวิทยากร"),
    "budget_baht": ("งบประมาณ (บาท)", "งบประมาณที่ใช้ (บาท)"),
    "spent_baht": ("เบิกจ่ายจริง (บาท)", "ใช้จ่ายจริง (บาท)"),
    "target_learners": ("เป้าหมาย (คน)", "จำนวนเป้าหมาย (คน)"),
    "venue": ("สถานที่จัด",),
    "last_name": ("นามสกุล",),
    "full_name": ("ชื่อ - นามสกุล", "ชื่อ-นามสกุล"),
    "birth_date": ("วันเดือนปีเกิด",),
    "result": ("ผลการเรียน",),
    "certificate_no": ("เลขวุฒิบัตร",),
    "followup_date": ("วันติดตาม",),
    "applied": ("นำความรู้ไปใช้",),
    "exemplary": ("เห็นเป็นประจักษ์", "เป็นตัวอย่างที่ดี"),
    "evidence": ("หลักฐาน/ร่องรอย", "ร่องรอย"),
    "income_before_baht": ("รายได้ก่อนเรียน (บาท)",),
    "income_after_baht": ("รายได้หลังเรียน (บาท)",),
    "group_name": ("ชื่อกลุ่มอาชีพ",),
    "month": ("เดือนที่จำหน่าย",),
    "product": ("ผลิตภัณฑ์",),
    "revenue_baht": ("รายได้ (บาท)", "ยอดขาย (บาท)"),
    "cost_baht": ("ต้นทุน (บาท)",),
    "channel": ("ช่องทางการจำหน่าย",),
}
RESULT_WORDS = {"pass": "ผ่าน", "fail": "ไม่ผ่าน"}
SEX_WORDS = {"male": "ชาย", "female": "หญิง"}
Cell = Callable[[dict], object]


@dataclass(frozen=True)
class Table:
    sheet: str
    title: str
    headers: list[object]
    rows: list[list[object]]
    total: list[object] | None = None


@dataclass(frozen=True)
class Book:
    """One centre's records for one fiscal year: what one workbook holds."""

    centre_code: str
    centre_name: str
    name_is_unique: bool  # the name alone finds the centre in the reference table
    fiscal_year: int
    frames: dict[str, pd.DataFrame]

    def title(self, habits: Habits, what: str) -> str:
        return f"{what} {habits.office}{self.centre_name} ปีงบประมาณ {self.fiscal_year}"

    def full_names(self) -> dict[str, str]:
        people = self.frames["enrolments"]
        names = people["prefix"] + people["first_name"] + " " + people["last_name"]
        return dict(zip(people["learner_id"], names))


def header(habits: Habits, kind: str, column: str) -> str:
    options = HEADER_ALIASES.get(column, ())
    if habits.aliases and options and habits.rng.random() < 0.5:
        return options[habits.rng.integers(len(options))]
    return KINDS_BY_NAME[kind].column(column).th


def records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if blank(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def table(
    habits: Habits, kind: str, sheet: str, title: str, frame: pd.DataFrame,
    cells: list[tuple[str, Cell]], numbered: bool = True, totals: tuple[str, ...] = (),
) -> Table:
    """Headers for `cells` (canonical names, or a literal header), a row per record, a รวม row."""
    names = [name for name, _ in cells]
    headers = [name if name not in _known(kind) else header(habits, kind, name) for name in names]
    rows = [[cell(record) for _, cell in cells] for record in records(frame)]
    if numbered:
        headers = [ORDER, *headers]
        rows = [[number, *row] for number, row in enumerate(rows, start=1)]
    total = None
    if totals and rows and habits.rng.random() < 0.7:
        total = [TOTAL] + [None] * (len(headers) - 1)
        for name in totals:
            value = frame[name].sum()
            cell = money_cell(habits, value) if name.endswith("_baht") else count_cell(habits, value)
            total[names.index(name) + numbered] = cell
    return Table(sheet, title, headers, rows, total)


def _known(kind: str) -> set[str]:
    return {column.name for column in KINDS_BY_NAME[kind].columns}


def course_table(habits: Habits, book: Book) -> Table:
    centre_header, centre = "centre_code", book.centre_code
    centre_cell: object = int(centre) if habits.centre_as == "number" else centre
    if habits.centre_as == "name" and book.name_is_unique:
        centre_header, centre_cell = habits.office, f"{habits.office}{book.centre_name}"
    cells: list[tuple[str, Cell]] = [
        ("course_code", lambda r: r["course_code"]),
        (centre_header, lambda r: centre_cell),
        *[(name, _text(name)) for name in ("course_name", "course_format", "programme", "occupation_group")],
        ("hours", lambda r: count_cell(habits, r["hours"])),
        ("start_date", lambda r: date_cell(habits, r["start_date"])),
        ("end_date", lambda r: date_cell(habits, r["end_date"])),
        ("instructor", _text("instructor")),
        ("budget_baht", lambda r: money_cell(habits, r["budget_baht"])),
        ("spent_baht", lambda r: money_cell(habits, r["spent_baht"])),
        ("target_learners", lambda r: count_cell(habits, r["target_learners"])),
        ("venue", _text("venue")),
    ]
    frame = book.frames["courses"]
    return table(habits, "courses", "หลักสูตร", book.title(habits, "ทะเบียนหลักสูตร"), frame, cells,
                 totals=("hours", "budget_baht", "spent_baht", "target_learners"))


def _text(name: str) -> Cell:
    return lambda record: text_cell(record[name])


def enrolment_table(habits: Habits, book: Book) -> Table:
    def full_name(r: dict) -> str:
        return name_cell(habits, f"{r['prefix']}{r['first_name']} {r['last_name']}")

    names: list[tuple[str, Cell]] = [("full_name", full_name)]
    if habits.split_names:
        names = [("prefix", _text("prefix")), ("first_name", lambda r: name_cell(habits, r["first_name"])),
                 ("last_name", _text("last_name"))]
    born: list[tuple[str, Cell]] = []
    if habits.birth_and_age in ("birth", "both"):
        born.append(("birth_date", lambda r: date_cell(habits, r["birth_date"])))
    if habits.birth_and_age in ("age", "both"):
        born.append(("age", lambda r: count_cell(habits, r["age"])))
    cells: list[tuple[str, Cell]] = [
        ("course_code", lambda r: r["course_code"]),
        ("learner_id", lambda r: id_cell(habits, r["learner_id"])),
        *names,
        ("sex", lambda r: SEX_WORDS[r["sex"]]),
        *born,
        ("target_group", _text("target_group")),
        ("home_subdistrict", _text("home_subdistrict")),
        ("result", lambda r: RESULT_WORDS.get(r["result"])),
        ("score", lambda r: count_cell(habits, r["score"])),
        ("certificate_no", _text("certificate_no")),
    ]
    title = book.title(habits, "ทะเบียนผู้เรียนและผลการเรียน")
    return table(habits, "enrolments", "ผู้เรียน", title, book.frames["enrolments"], cells)


def attendance_tables(habits: Habits, book: Book) -> list[Table]:
    """One wide sheet per course: a row per learner, a column per session date."""
    names = book.full_names()
    header_style = "excel" if "excel" in habits.dates else habits.dates[0]
    tables = []
    for code, rows in book.frames["attendance"].groupby("course_code", sort=True):
        by_hours = rows["status"].isna().all()
        values = rows["hours"] if by_hours else rows["status"]
        grid = pd.DataFrame({"learner_id": rows["learner_id"], "day": rows["session_date"], "value": values})
        wide = grid.pivot(index="learner_id", columns="day", values="value")
        wide = wide.loc[pd.unique(rows["learner_id"])]
        days = [as_date(day) for day in wide.columns]
        headers: list[object] = [ORDER, *(header(habits, "attendance", name)
                                          for name in ("course_code", "learner_id", "full_name"))]
        headers += [date_cell(habits, day, header_style) for day in days]
        body = [
            [number, code, id_cell(habits, learner), name_cell(habits, names[learner]),
             *[_mark(habits, value, by_hours) for value in marks]]
            for number, (learner, marks) in enumerate(zip(wide.index, wide.to_numpy().tolist()), start=1)
        ]
        what = "แบบบันทึกเวลาเรียน (จำนวนชั่วโมง)" if by_hours else "แบบบันทึกเวลาเรียน"
        tables.append(Table(f"เวลาเรียน {code}", book.title(habits, f"{what} {code}"), headers, body))
    return tables


def _mark(habits: Habits, value: object, by_hours: bool) -> object:
    if by_hours:
        return count_cell(habits, value)
    if value == "present":
        marks = habits.present_marks
        return marks[habits.rng.integers(len(marks))]
    if value == "leave":
        return "ลา"
    return None if habits.rng.random() < habits.blank_absent else "ขาด"


def attendance_long_table(habits: Habits, book: Book) -> Table:
    """Attendance as a list (one row per learner per session), as a CSV export gives it."""
    names = book.full_names()
    status = {"present": "มา", "absent": "ขาด", "leave": "ลา"}
    cells: list[tuple[str, Cell]] = [
        ("course_code", lambda r: r["course_code"]),
        ("learner_id", lambda r: id_cell(habits, r["learner_id"])),
        ("full_name", lambda r: names[r["learner_id"]]),
        ("session_date", lambda r: date_cell(habits, r["session_date"])),
        ("hours", lambda r: count_cell(habits, r["hours"])),
        ("status", lambda r: status.get(r["status"])),
    ]
    title = book.title(habits, "แบบบันทึกเวลาเรียน")
    return table(habits, "attendance", "เวลาเรียน", title, book.frames["attendance"], cells)


def follow_up_table(habits: Habits, book: Book) -> Table:
    names = book.full_names()
    yes, no = habits.applied_words
    cells: list[tuple[str, Cell]] = [
        ("course_code", lambda r: r["course_code"]),
        ("learner_id", lambda r: id_cell(habits, r["learner_id"])),
        *([("full_name", lambda r: names[r["learner_id"]])] if habits.split_names else []),
        ("followup_date", lambda r: date_cell(habits, r["followup_date"])),
        ("applied", lambda r: yes if r["applied"] else no),
        ("applied_how", _text("applied_how")),
        ("exemplary", lambda r: "ใช่" if r["exemplary"] else "ไม่ใช่"),
        ("evidence", _text("evidence")),
        ("income_before_baht", lambda r: money_cell(habits, r["income_before_baht"])),
        ("income_after_baht", lambda r: money_cell(habits, r["income_after_baht"])),
        ("note", _text("note")),
    ]
    title = book.title(habits, "แบบติดตามผู้จบหลักสูตร")
    return table(habits, "follow_ups", "ติดตามผล", title, book.frames["follow_ups"], cells)


def sales_table(habits: Habits, book: Book) -> Table:
    names = book.full_names()
    cells: list[tuple[str, Cell]] = [
        ("learner_id", lambda r: id_cell(habits, r["learner_id"]) if r["learner_id"] else None),
        ("group_name", _text("group_name")),
        *([("full_name", lambda r: names.get(r["learner_id"]))] if not habits.split_names else []),
        ("course_code", lambda r: r["course_code"]),
        ("month", lambda r: month_cell(habits, r["month"])),
        ("product", _text("product")),
        ("quantity", lambda r: count_cell(habits, r["quantity"])),
        ("revenue_baht", lambda r: money_cell(habits, r["revenue_baht"])),
        ("cost_baht", lambda r: money_cell(habits, r["cost_baht"])),
        ("channel", _text("channel")),
    ]
    title = book.title(habits, "บันทึกรายได้จากการจำหน่ายสินค้า")
    return table(habits, "sales", "รายได้", title, book.frames["sales"], cells,
                 numbered=bool(habits.rng.random() < 0.5), totals=("quantity", "revenue_baht", "cost_baht"))

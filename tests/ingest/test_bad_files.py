"""The corpus of bad files: each is rejected whole, says where and what in Thai and English,
and leaves the database exactly as it was.

Each row of BAD_FILES is a file builder and the problem a teacher should see first: its rule,
sheet, row (as Excel shows it, title rows counted) and column label.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    ATTENDANCE_HEADER,
    LEARNERS,
    Files,
    bad_check_digit,
    course_row,
    courses_sheet,
    enrolment_row,
    enrolments_sheet,
    load,
    snapshot,
    thai_id,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pimpa_data.ingest.problems import RULES

THAI = re.compile("[\u0e00-\u0e7f]")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n%%EOF\n"


@dataclass(frozen=True)
class Expected:
    rule: str
    sheet: str | None = None
    row: int | None = None
    column: str = ""


def courses(*rows: list[object]) -> Callable[[Files], Path]:
    return lambda files: files.write("courses.xlsx", {"หลักสูตร": courses_sheet(*rows)})


def enrolments(*rows: list[object]) -> Callable[[Files], Path]:
    return lambda files: files.write("learners.xlsx", {"ผู้เรียน": enrolments_sheet(*rows)})


def attendance(*rows: list[object]) -> Callable[[Files], Path]:
    sheet = [["แบบบันทึกเวลาเรียน"], ATTENDANCE_HEADER, *rows]
    return lambda files: files.write("attendance.xlsx", {"เวลาเรียน": sheet})


def wide_attendance(*marks: object) -> Callable[[Files], Path]:
    sheet = [
        ["แบบบันทึกเวลาเรียน หลักสูตร PMP-01"],
        ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "1/11/2566", "3/11/2566"],
        [1, "PMP-01", LEARNERS[0], "นางสาวมาลี ใจดี", *marks],
    ]
    return lambda files: files.write("attendance.xlsx", {"เวลาเรียน": sheet})


def follow_up(applied: object) -> Callable[[Files], Path]:
    sheet = [
        ["แบบติดตามผู้จบหลักสูตร"],
        ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่ติดตาม", "การนำความรู้ไปใช้"],
        ["PMP-01", LEARNERS[0], "5/01/2567", applied],
    ]
    return lambda files: files.write("followups.xlsx", {"ติดตามผล": sheet})


def sales(month: object = "ธ.ค. 2566", revenue: object = "1,200") -> Callable[[Files], Path]:
    sheet = [
        ["บันทึกรายได้จากการจำหน่ายสินค้า"],
        ["เลขประจำตัวประชาชน", "รหัสหลักสูตร", "เดือน", "สินค้า", "รายได้ (บาท)"],
        [LEARNERS[0], "PMP-01", month, "กุ้งแห้ง", revenue],
    ]
    return lambda files: files.write("sales.xlsx", {"รายได้": sheet})


def raw(name: str, data: bytes) -> Callable[[Files], Path]:
    return lambda files: files.raw(name, data)


def folder(name: str) -> Callable[[Files], Path]:
    def build(files: Files) -> Path:
        files.path(name).mkdir()
        return files.path(name)

    return build


def csv_rows(name: str, rows: list[list[object]]) -> Callable[[Files], Path]:
    return lambda files: files.write(name, rows)


RANDOM_BYTES = random.Random(2567).randbytes(4096)
NEW_LEARNER = thai_id(99)

# (builder, the problem expected first); rows are 1-based as Excel shows them.
BAD_FILES = {
    "wrong columns (no ID column)": (
        lambda files: files.write("learners.xlsx", {"ผู้เรียน": [
            ["ทะเบียนผู้เรียน"], ["รหัสหลักสูตร", "เลขบัตร ปชช", "ชื่อ-สกุล"], ["PMP-01", LEARNERS[0], "นายก ข"],
        ]}),
        Expected("missing_column", "ผู้เรียน", 2, "เลขประจำตัวประชาชน"),
    ),
    "date that does not exist (31/02/2567)": (
        courses(course_row(start="31/02/2567")), Expected("type", "หลักสูตร", 4, "วันเริ่ม (F)"),
    ),
    "Thai ID with a wrong check digit": (
        enrolments(enrolment_row(1, bad_check_digit(LEARNERS[0]))),
        Expected("type", "ผู้เรียน", 4, "เลขประจำตัวประชาชน (C)"),
    ),
    "12-digit ID": (
        enrolments(enrolment_row(1, LEARNERS[0][:12])), Expected("type", "ผู้เรียน", 4, "เลขประจำตัวประชาชน (C)"),
    ),
    "negative money": (
        courses(course_row(budget="-500")), Expected("range", "หลักสูตร", 4, "งบประมาณ (บาท) (H)"),
    ),
    "money too large to store": (
        courses(course_row(budget="1,000,000,000,000,000")), Expected("range", "หลักสูตร", 4, "งบประมาณ (บาท) (H)"),
    ),
    "zero hours": (courses(course_row(hours=0)), Expected("range", "หลักสูตร", 4, "จำนวนชั่วโมง (E)")),
    "end before start": (
        courses(course_row(start="10/11/2566", end="1/11/2566")),
        Expected("date_order", "หลักสูตร", 4, "วันสิ้นสุด (G)"),
    ),
    "duplicate key within the file": (
        courses(course_row(1, "PMP-09"), course_row(2, "PMP-08"), course_row(3, "pmp-09")),
        Expected("duplicate_key", "หลักสูตร", 6, "รหัสหลักสูตร (B)"),
    ),
    "enrolment of an unknown course": (
        enrolments(enrolment_row(1, NEW_LEARNER, code="PMP-77")),
        Expected("unknown_course", "ผู้เรียน", 4, "รหัสหลักสูตร (B)"),
    ),
    "attendance of a learner not enrolled": (
        attendance([1, "PMP-01", NEW_LEARNER, "1/11/2566", "มา"]),
        Expected("not_enrolled", "เวลาเรียน", 3, "เลขประจำตัวประชาชน (C)"),
    ),
    "unknown centre code": (
        courses(course_row(centre="999999")), Expected("unknown_centre", "หลักสูตร", 4, "รหัสตำบล (C)"),
    ),
    "ambiguous centre name": (
        courses(course_row(centre="กศน.ตำบลบางพระ")), Expected("ambiguous_centre", "หลักสูตร", 4, "รหัสตำบล (C)"),
    ),
    "course format not in the list": (
        lambda files: files.write("courses.xlsx", {"หลักสูตร": [
            [*courses_sheet()[2], "รูปแบบ"], [*course_row(code="PMP-09"), "สอนออนไลน์"],
        ]}),
        Expected("choice", "หลักสูตร", 2, "รูปแบบ (I)"),
    ),
    "attendance mark that means nothing": (
        wide_attendance("✓", "?"), Expected("choice", "เวลาเรียน", 3, "มา/ขาด/ลา (F)"),
    ),
    "follow-up neither yes nor no": (
        follow_up("อาจจะ"), Expected("type", "ติดตามผล", 3, "การนำความรู้ไปใช้ (D)"),
    ),
    "sales month that is no month": (sales(month="13/2567"), Expected("type", "รายได้", 3, "เดือน (C)")),
    "negative revenue": (sales(revenue=-50), Expected("range", "รายได้", 3, "รายได้ (บาท) (E)")),
    "wrong kind (unrelated headers)": (
        lambda files: files.write("stock.xlsx", {"Sheet1": [["สินค้า คงคลัง"], ["รหัสพัสดุ", "ชื่อพัสดุ", "คงเหลือ"],
                                                            ["A-1", "กระดาษ", 20]]}),
        Expected("no_kind"),
    ),
    "empty file (0 bytes)": (raw("empty.xlsx", b""), Expected("empty_file")),
    "workbook with no cells": (lambda files: files.write("blank.xlsx", {"Sheet1": []}), Expected("empty_file")),
    "empty CSV": (raw("empty.csv", b""), Expected("empty_file")),
    "CSV of blank lines": (raw("blank.csv", b",,,\r\n,,,\r\n\r\n"), Expected("empty_file")),
    "header-only sheet": (courses(), Expected("empty_file", "หลักสูตร")),
    "PNG saved as .xlsx": (raw("photo.xlsx", PNG), Expected("unreadable_file")),
    "PDF saved as .xlsx": (raw("report.xlsx", PDF), Expected("unreadable_file")),
    "random bytes as .csv": (raw("data.csv", RANDOM_BYTES), Expected("unreadable_file")),
    "a folder, not a file": (folder("ม.ค. 2567.xlsx"), Expected("unreadable_file")),
    "100,000-character name": (
        csv_rows("learners.csv", [["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล"],
                                  ["PMP-01", NEW_LEARNER, "นาย" + "ก" * 100_000]]),
        Expected("too_long", None, 2, "ชื่อ-สกุล (C)"),
    ),
}


@pytest.mark.parametrize(("build", "expected"), list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_bad_file_is_rejected_and_changes_nothing(registered, files: Files, build, expected: Expected) -> None:
    path = build(files)
    before = snapshot(registered)

    report = load(registered, path)

    assert report.status == "rejected"
    assert report.batch_id is None
    first = report.errors[0]
    assert (first.rule, first.sheet, first.row, first.column) == (
        expected.rule, expected.sheet, expected.row, expected.column
    ), report.errors
    assert first.file == path.name
    assert snapshot(registered) == before


@pytest.mark.parametrize(("build", "expected"), list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_every_problem_says_what_to_do_in_thai_and_english(registered, files: Files, build, expected) -> None:
    report = load(registered, build(files))

    for problem in report.errors:
        assert THAI.search(problem.th), problem
        assert re.search("[A-Za-z]{3}", problem.en) and not THAI.fullmatch(problem.en), problem
        assert problem.rule in RULES


def test_a_file_with_many_problems_reports_them_all(registered, files: Files) -> None:
    path = files.write("courses.xlsx", {"หลักสูตร": courses_sheet(
        course_row(1, "PMP-11", start="31/02/2567"),
        course_row(2, "PMP-12", budget="-1"),
        course_row(3, "PMP-11"),  # the same course of the same centre again
        course_row(4, "PMP-14", hours="สิบ", start="20/11/2566", end="1/11/2566"),
        course_row(5, "PMP-15", centre="999999"),
    ), "ผู้เรียน": enrolments_sheet(enrolment_row(1, LEARNERS[0][:12]), enrolment_row(2, NEW_LEARNER, code="PMP-99"))})
    before = snapshot(registered)

    report = load(registered, path)

    found = {(p.sheet, p.row, p.rule) for p in report.errors}
    assert found >= {
        ("หลักสูตร", 4, "type"),
        ("หลักสูตร", 5, "range"),
        ("หลักสูตร", 8, "unknown_centre"),
        ("หลักสูตร", 6, "duplicate_key"),
        ("หลักสูตร", 7, "type"),
        ("หลักสูตร", 7, "date_order"),
        ("ผู้เรียน", 4, "type"),
        ("ผู้เรียน", 5, "unknown_course"),
    }
    assert report.status == "rejected"
    assert snapshot(registered) == before


def test_a_blank_required_cell_is_reported_even_when_another_cell_of_the_row_is_bad(
    registered, files: Files
) -> None:
    row = course_row(code="PMP-21", start="31/02/2567")
    row[3] = ""  # no course name
    report = load(registered, files.write("courses.xlsx", {"หลักสูตร": courses_sheet(row)}))

    assert {(p.row, p.column, p.rule) for p in report.errors} == {
        (4, "วันเริ่ม (F)", "type"), (4, "ชื่อหลักสูตร (D)", "required"),
    }


def test_a_rejected_file_consumes_no_batch_number(registered, files: Files) -> None:
    load(registered, courses(course_row(hours=0))(files))
    good = load(registered, courses(course_row(code="PMP-31"))(files))

    assert good.status == "loaded"
    assert good.batch_id == 2  # the registers were batch 1


# ---------------------------------------------------------------- whatever the cells hold

CELLS = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
    st.sampled_from(["มา", "ขาด", "✓", "-", "รวม", "31/02/2567", "2567-13", "๑๒", "1,5,00", "nan", "PMP-01",
                     LEARNERS[0], "ผ่าน", "ใช่", "ธ.ค. 66", "ลงชื่อ", "กศน.ตำบลพิมพา"]),
    st.integers(-(10**16), 10**16),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.booleans(),
)
HEADER_ROWS = [
    ["รหัสหลักสูตร", "รหัสตำบล", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด", "งบประมาณ", "เป้าหมาย"],
    ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "เพศ", "วันเกิด", "อายุ", "ผลการประเมิน", "คะแนน"],
    ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่", "ชั่วโมง", "สถานะ"],
    ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "1/11/2566", "3/11/2566"],
    ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่ติดตาม", "การนำความรู้ไปใช้", "ลักษณะการนำไปใช้", "รายได้หลังเรียน"],
    ["เลขประจำตัวประชาชน", "ชื่อกลุ่ม", "รหัสหลักสูตร", "เดือน", "สินค้า", "จำนวน", "รายได้", "ช่องทางจำหน่าย"],
]
FILE_NUMBERS = iter(range(10**6))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.sampled_from(HEADER_ROWS), rows=st.lists(st.lists(CELLS, max_size=10), min_size=1, max_size=4),
       suffix=st.sampled_from([".xlsx", ".csv"]))
def test_whatever_the_cells_hold_the_loader_answers_with_a_report(registered, files: Files, header, rows,
                                                                  suffix: str) -> None:
    sheet = [header, *rows]
    path = files.write(f"f{next(FILE_NUMBERS)}{suffix}", sheet if suffix == ".csv" else {"Sheet1": sheet})

    report = load(registered, path)  # never raises

    assert report.status in ("loaded", "unchanged", "rejected")
    for problem in report.errors:
        assert problem.rule in RULES and problem.th and problem.en

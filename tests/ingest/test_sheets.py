"""Finding the table in a sheet: its kind, its header row, its columns, its real rows."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import (
    COURSE_HEADER,
    LEARNERS,
    Files,
    course_row,
    courses_sheet,
    hash_of,
    load,
    registers,
    stored,
)

from pimpa_data.core.kinds import KINDS_BY_NAME
from pimpa_data.ingest.reading import Grid
from pimpa_data.ingest.sheets import kind_from_sheet_name, match_header, table_from_grid

HEADERS = {  # a header row of each kind, as teachers write them
    "courses": ["รหัสหลักสูตร", "รหัสตำบล", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด"],
    "enrolments": ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ - นามสกุล", "เพศ", "ผลการประเมิน"],
    "attendance": ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่", "ชั่วโมง"],
    "follow_ups": ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่ติดตาม", "การนำความรู้ไปใช้", "หลักฐาน"],
    "sales": ["เลขประจำตัวประชาชน", "รหัสหลักสูตร", "เดือน", "สินค้า", "จำนวน", "รายได้ (บาท)"],
}


def grid(rows: list[list[object]], sheet: str | None = "Sheet1", file: str = "book.xlsx") -> Grid:
    return Grid(file, sheet, rows)


# ---------------------------------------------------------------- which kind

@pytest.mark.parametrize("kind", list(HEADERS))
@pytest.mark.parametrize(("sheet", "file"), [("Sheet1", "book.xlsx"), (None, "data.csv"), ("แผ่น1", "x.ods")])
def test_kind_comes_from_the_headers_when_the_name_says_nothing(kind: str, sheet: str | None, file: str) -> None:
    table = table_from_grid(grid([HEADERS[kind], ["x"] * len(HEADERS[kind])], sheet, file))

    assert table is not None and table.kind.name == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("หลักสูตร", "courses"),
        ("ทะเบียนหลักสูตร 2567", "courses"),
        ("ผู้เรียน", "enrolments"),
        ("ผลการเรียน ม.ค.", "enrolments"),
        ("เวลาเรียน", "attendance"),
        ("บันทึกเวลาเรียน PMP-01", "attendance"),
        ("ติดตามผล", "follow_ups"),
        ("การติดตามผู้จบหลักสูตร", "follow_ups"),  # names หลักสูตร, yet it is the follow-ups
        ("รายได้", "sales"),
        ("ยอดขาย ธ.ค. 66", "sales"),
        ("Attendance", "attendance"),
        ("Sheet1", None),
        ("สรุป", None),
    ],
)
def test_kind_from_sheet_name(name: str, kind: str | None) -> None:
    found = kind_from_sheet_name(name)

    assert (found.name if found else None) == kind


@pytest.mark.parametrize(("sheet", "kind"), [("ติดตามผล", "follow_ups"), ("เวลาเรียน", "attendance")])
def test_the_sheet_name_decides_between_kinds_whose_headers_fit_equally(sheet: str, kind: str) -> None:
    """รหัสหลักสูตร, เลขประจำตัวประชาชน, วันที่: a session date or a follow-up date."""
    rows = [["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่"], ["PMP-01", LEARNERS[0], "5/01/2567"]]

    assert table_from_grid(grid(rows, sheet)).kind.name == kind


def test_a_sheet_of_no_known_kind_gives_no_table() -> None:
    rows = [["รายการพัสดุ"], ["รหัสพัสดุ", "ชื่อพัสดุ", "คงเหลือ"], ["A-1", "กระดาษ", 20]]

    assert table_from_grid(grid(rows, "หลักสูตร")) is None  # a kind's name is not enough without its headers


# ---------------------------------------------------------------- header row and real rows

@pytest.mark.parametrize("titles", [0, 1, 3, 8])
def test_the_header_row_is_found_below_title_rows(titles: int) -> None:
    rows = [["แบบรายงาน กศน.ตำบลพิมพา"]] * titles + [COURSE_HEADER, course_row()]
    table = table_from_grid(grid(rows, "หลักสูตร"))

    assert table.header_row == titles + 1
    assert table.row_numbers == [titles + 2]
    assert table.values["course_code"] == ["PMP-01"]


def test_blank_rows_total_rows_sequence_numbers_and_signatures_are_not_data() -> None:
    rows = courses_sheet(
        course_row(1, "PMP-01"),
        [None] * 8,
        ["", "  ", "\u200b", None, "", "", "", ""],  # only spaces and a zero-width space
        course_row(2, "PMP-02"),
        [3],  # a numbered row the teacher has not filled yet
        ["รวม", "", "", "", 24, "", "", "3,000"],
        [None, "รวมทั้งสิ้น", None, None, 24],
        ["ลงชื่อ ........................ ครู กศน.ตำบล"],
    )
    table = table_from_grid(grid(rows, "หลักสูตร"))

    assert table.values["course_code"] == ["PMP-01", "PMP-02"]
    assert table.row_numbers == [4, 7]
    assert "ลำดับ" not in table.extras and "sequence" not in table.values


@pytest.mark.parametrize(
    ("kind", "header", "column"),
    [
        ("enrolments", "ชื่อ-สกุล", "full_name"),
        ("enrolments", "ชื่อ - นามสกุล", "full_name"),
        ("enrolments", "ชื่อ–สกุล", None),  # an en dash is not a hyphen: not a known variant
        ("enrolments", "เลขบัตรประชาชน", "learner_id"),
        ("enrolments", "เลขประจำตัวประชาชน\u00a0", "learner_id"),
        ("enrolments", "เลข\u200bประจำตัวประชาชน", "learner_id"),
        ("enrolments", "ID", "learner_id"),
        ("courses", "งบประมาณ (บาท)", "budget_baht"),
        ("courses", "งบประมาณ บาท", "budget_baht"),
        ("courses", "เป้าหมาย (คน)", "target_learners"),
        ("courses", "จำนวนชั่วโมง", "hours"),
        ("courses", "ชม.", "hours"),
        ("courses", "รหัสวิชา", "course_code"),
        ("courses", "Course code", "course_code"),
        ("courses", "COURSE_CODE", "course_code"),
        ("courses", "กศน.ตำบล", "centre_code"),
        ("follow_ups", "รายได้หลังเรียน (บาท/เดือน)", "income_after_baht"),
        ("follow_ups", "หลักฐาน/ร่องรอย", "evidence"),
        ("sales", "รายได้ (บาท)", "revenue_baht"),
        ("sales", "ช่องทางการจำหน่าย", "channel"),
    ],
)
def test_header_variants_match_their_column(kind: str, header: str, column: str | None) -> None:
    found = match_header(KINDS_BY_NAME[kind], header)

    assert (found.name if found else None) == column


def test_unknown_columns_are_kept_aside_and_are_not_an_error(registered, files: Files) -> None:
    rows = courses_sheet()
    rows[2] = [*COURSE_HEADER, "ผู้ประสานงาน", "เบอร์โทร", ""]
    rows.append([*course_row(code="PMP-41"), "นางสาวสมใจ", "081-234-5678", "ไม่มีหัว"])
    report = load(registered, files.write("courses.xlsx", {"หลักสูตร": rows}))

    assert report.status == "loaded", report.errors
    [(extra,)] = stored(registered, "courses", "extra", "WHERE course_code = 'PMP-41'")
    # A phone number is personal data (PDPA): its column is not kept; the others are.
    assert json.loads(extra) == {"ผู้ประสานงาน": "นางสาวสมใจ", "K": "ไม่มีหัว"}


def test_a_merged_title_and_merged_course_code_load_as_seen(con, files: Files) -> None:
    sheets = registers(courses=1, learners=0)
    sheets["ผู้เรียน"] = [
        ["ทะเบียนผู้เรียน หลักสูตร PMP-01"], ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล"],
        ["PMP-01", LEARNERS[0], "นายก ข"], [None, LEARNERS[1], "นางค ง"], [None, LEARNERS[2], "นางสาวจ ฉ"],
    ]
    path = files.write("book.xlsx", sheets, merged={"หลักสูตร": ["A1:H1"], "ผู้เรียน": ["A1:C1", "A3:A5"]})

    report = load(con, path)

    assert report.status == "loaded", report.errors
    assert stored(con, "enrolments", "course_code, first_name") == [
        ("PMP-01", "ก"), ("PMP-01", "ค"), ("PMP-01", "จ"),
    ]


def test_a_hidden_sheet_is_not_uploaded(con, files: Files) -> None:
    """Templates hide a sheet of drop-down lists; its headers look like a courses sheet without a code."""
    sheets = {**registers(), "รายการ": [["รูปแบบ", "กลุ่มอาชีพ"], ["กลุ่มสนใจ", "เกษตรกรรม"], ["ชั้นเรียนวิชาชีพ", "อาหาร"]]}
    report = load(con, files.write("template.xlsx", sheets, hidden=["รายการ"]))

    assert report.status == "loaded", report.errors
    assert ("ข้ามชีต 'รายการ' เพราะถูกซ่อนไว้", "skipped sheet 'รายการ': it is hidden") in report.notes


# ---------------------------------------------------------------- wide attendance

WIDE_HEADER = ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล"]
SESSIONS = [dt.date(2023, 11, 1), dt.date(2023, 11, 3), dt.date(2023, 11, 6), dt.date(2023, 11, 8)]


def attendance_of(con, learner: str) -> list[tuple]:
    return stored(
        con, "attendance", "session_date, status, hours", "WHERE learner_id = ? ORDER BY session_date",
        [hash_of(con, learner)],
    )


@pytest.mark.parametrize(
    "dates",
    [
        SESSIONS,
        [dt.date(2566, 11, 1), dt.date(2566, 11, 3), dt.date(2566, 11, 6), dt.date(2566, 11, 8)],
        ["1/11/2566", "3/11/2566", "6/11/2566", "8/11/2566"],
        ["1 พ.ย. 66", "3 พ.ย. 2566", "๖/๑๑/๒๕๖๖", "8 พฤศจิกายน 2566"],
        ["2023-11-01", "2023-11-03", "2023-11-06", "2023-11-08"],
    ],
    ids=["real dates", "BE years in date cells", "BE text", "Thai words and digits", "ISO"],
)
def test_wide_attendance_becomes_a_row_per_learner_and_session(registered, files: Files, dates: list) -> None:
    rows = [
        ["แบบบันทึกเวลาเรียน หลักสูตร PMP-01"], [*WIDE_HEADER, *dates],
        [1, "PMP-01", LEARNERS[0], "นางสาวมาลี ใจดี", "✓", 1, "มา", None],
        [2, "PMP-01", LEARNERS[1], "นางสาวมาลี ใจดี", "ขาด", "ลา", "/", "✔"],
        [3, "PMP-01", LEARNERS[2], "นางสาวมาลี ใจดี", "x", 0, "", "มาเรียน"],
        ["รวม", "", "", "", 2, 1, 2, 2],
    ]
    report = load(registered, files.write("attendance.xlsx", {"เวลาเรียน": rows}))

    assert report.status == "loaded", report.errors
    assert report.counts["attendance"].inserted == 12
    assert [row[1] for row in attendance_of(registered, LEARNERS[0])] == ["present", "present", "present", "absent"]
    assert [row[1] for row in attendance_of(registered, LEARNERS[1])] == ["absent", "leave", "present", "present"]
    assert [row[1] for row in attendance_of(registered, LEARNERS[2])] == ["absent", "absent", "absent", "present"]
    assert [row[0] for row in attendance_of(registered, LEARNERS[2])] == SESSIONS


def test_wide_attendance_of_hours(registered, files: Files) -> None:
    rows = [
        [*WIDE_HEADER, *SESSIONS[:3]],
        [1, "PMP-01", LEARNERS[0], "ก", 3, "๓", "2.5 ชม."],
        [2, "PMP-01", LEARNERS[1], "ข", 3, None, "ขาด"],
    ]
    report = load(registered, files.write("attendance.xlsx", {"เวลาเรียน": rows}))

    assert report.status == "loaded", report.errors
    assert [row[2] for row in attendance_of(registered, LEARNERS[0])] == [3, 3, pytest.approx(2.5)]
    assert [row[1:] for row in attendance_of(registered, LEARNERS[1])][:2] == [("present", 3), ("absent", 0)]


def test_wide_attendance_with_dates_on_a_second_header_row(registered, files: Files) -> None:
    rows = [
        ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่เรียน", None],
        [None, None, "1/11/2566", "3/11/2566"],
        ["PMP-01", LEARNERS[0], "✓", "ขาด"],
    ]
    path = files.write("attendance.xlsx", {"เวลาเรียน": rows}, merged={"เวลาเรียน": ["C1:D1", "A1:A2", "B1:B2"]})
    report = load(registered, path)

    assert report.status == "loaded", report.errors
    assert attendance_of(registered, LEARNERS[0]) == [(SESSIONS[0], "present", None), (SESSIONS[1], "absent", None)]


def test_a_wide_sheet_of_two_courses_records_only_each_course_s_own_sessions(registered, files: Files) -> None:
    rows = [
        [*WIDE_HEADER, *SESSIONS],
        [1, "PMP-01", LEARNERS[0], "ก", "✓", "✓", None, None],
        [2, "PMP-02", LEARNERS[0], "ก", None, None, "✓", ""],
    ]
    enrol = {"ผู้เรียน": [["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล"], ["PMP-02", LEARNERS[0], "ก ข"]]}
    load(registered, files.write("enrol.xlsx", enrol))
    report = load(registered, files.write("attendance.xlsx", {"เวลาเรียน": rows}))

    assert report.status == "loaded", report.errors
    assert stored(registered, "attendance", "course_code, session_date, status") == [
        ("PMP-01", SESSIONS[0], "present"), ("PMP-01", SESSIONS[1], "present"), ("PMP-02", SESSIONS[2], "present"),
    ]


def test_a_learner_s_total_at_the_end_of_a_wide_row_is_kept_aside(registered, files: Files) -> None:
    rows = [[*WIDE_HEADER, *SESSIONS[:2], "จำนวนชั่วโมง", "หมายเหตุ"], [1, "PMP-01", LEARNERS[0], "ก", "✓", "✓", 6, "ดี"]]
    report = load(registered, files.write("attendance.xlsx", {"เวลาเรียน": rows}))

    assert report.status == "loaded", report.errors
    extras = {json.loads(extra)["จำนวนชั่วโมง"] for (extra,) in stored(registered, "attendance", "extra")}
    assert extras == {"6"}


def test_long_attendance_whose_first_row_has_a_date_is_not_a_second_header(registered, files: Files) -> None:
    rows = [
        ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่", "ชั่วโมง"],
        ["PMP-01", LEARNERS[0], SESSIONS[0], 3],
        ["PMP-01", LEARNERS[0], "3/11/2566", 3],
    ]
    report = load(registered, files.write("attendance.xlsx", {"เวลาเรียน": rows}))

    assert report.status == "loaded", report.errors
    assert attendance_of(registered, LEARNERS[0]) == [(SESSIONS[0], None, 3), (SESSIONS[1], None, 3)]
